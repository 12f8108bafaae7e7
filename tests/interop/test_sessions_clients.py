"""Sessions through bigsuds and suds on a live portal (HTTPS, real sockets).

bigsuds sends the session id as the X-iControl-Session HTTP header; suds
can also send it as a SOAP ``session`` header element. Both reach the same
session; when both are present the SOAP header wins.
"""

from __future__ import annotations

import pytest

pytest.importorskip("bigsuds", reason="bigsuds is installed by .ci/run (no-deps)")

import bigsuds  # noqa: E402

from support.clients import SudsInterface, bigip  # noqa: E402
from support.live import live_server  # noqa: E402
from vcmp_mock.config import User  # noqa: E402

pytestmark = pytest.mark.interop


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    users = (User("admin", "admin", "admin"), User("op", "secret", "operator"))
    with live_server(tmp_path_factory.mktemp("tls"), users=users) as live:
        yield live


def test_bigsuds_session_keeps_its_own_settings(admin, server):
    sid = admin.System.Session.get_session_identifier()
    assert isinstance(sid, int) and sid > 0
    mine = bigip(server, sid)
    mine.System.Session.set_active_folder("/")
    mine.System.Session.set_returned_path("PATH_BARE")
    assert mine.System.Session.get_active_folder() == "/"
    assert mine.System.Session.get_returned_path() == "PATH_BARE"
    assert admin.System.Session.get_active_folder() == "/Common"
    assert admin.System.Session.get_returned_path() == "PATH_FULL"
    # Another client with the same id shares the session.
    assert bigip(server, sid).System.Session.get_active_folder() == "/"


def test_suds_http_header_and_soap_header_reach_the_same_session(admin, server):
    session = SudsInterface(server, "System.Session")
    sid = session.get_session_identifier()
    session.soap_session(sid).set_recursive_query_state("STATE_ENABLED")
    assert session.soap_session(None).http_session(sid).get_recursive_query_state() == "STATE_ENABLED"
    assert session.http_session(None).get_recursive_query_state() == "STATE_DISABLED"


def test_suds_soap_header_wins_over_the_http_header(admin, server):
    session = SudsInterface(server, "System.Session")
    a, b = session.get_session_identifier(), session.get_session_identifier()
    session.http_session(a).set_active_folder("/")
    assert session.http_session(a).soap_session(b).get_active_folder() == "/Common"
    assert session.http_session(b).soap_session(a).get_active_folder() == "/"


def test_forced_sessions_refuse_bigsuds_without_a_session(admin, server):
    admin.System.Session.set_force_sessions_state("STATE_ENABLED")
    with pytest.raises(bigsuds.ServerError) as caught:
        admin.System.VCMP.get_list()
    assert "Could not find the iControl session for admin" in str(caught.value)
    # bigsuds' way out: ask for an id (always allowed) and use it.
    sid = admin.System.Session.get_session_identifier()
    session = bigip(server, sid)
    assert session.System.VCMP.get_list() == []
    session.System.Session.set_force_sessions_state("STATE_DISABLED")
    assert admin.System.VCMP.get_list() == []


def test_non_admin_may_not_change_global_session_settings(admin, server):
    operator = bigip(server, user="op", password="secret")
    with pytest.raises(bigsuds.ServerError) as caught:
        operator.System.Session.set_maximum_sessions(1)
    assert "Common::AccessDenied" in str(caught.value)
    operator.System.Session.set_transaction_timeout(45)  # their own session: allowed
    assert operator.System.Session.get_transaction_timeout() == 45
    assert admin.System.Session.get_maximum_sessions() == 0


def test_an_expired_session_id_stops_working(admin, server):
    admin.System.Session.set_session_timeout(300)
    sid = admin.System.Session.get_session_identifier()
    session = bigip(server, sid)
    session.System.Session.get_active_folder()
    server.sim.clock.advance(301)
    with pytest.raises(bigsuds.ServerError) as caught:
        session.System.Session.get_active_folder()
    assert f"iControl session {sid}: it has expired" in str(caught.value)
    assert admin.System.Session.get_active_folder() == "/Common"
