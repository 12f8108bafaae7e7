"""engine.sessions: session keys, timeouts, limits and transactions on a manual clock."""

from __future__ import annotations

import pytest

from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.domain.errors import InvalidArgument, NotFound
from vcmp_mock.domain.rng import Rng
from vcmp_mock.engine.session_errors import (
    NoTransaction,
    SessionExpired,
    SessionNotFound,
    SessionRequired,
    TooManySessions,
    TransactionOpen,
)
from vcmp_mock.engine.sessions import PathStyle, SessionTable, resolve_folder


@pytest.fixture
def clock():
    return ManualClock()


@pytest.fixture
def table(clock):
    return SessionTable(clock, Rng(7))


def test_without_an_id_the_session_is_the_users(table):
    first = table.enter("admin", None)
    first.active_folder = "/"
    assert table.enter("admin", None) is first
    assert table.enter("bob", None).active_folder == "/Common"


def test_an_id_names_a_session_of_its_own_with_default_settings(table):
    default = table.enter("admin", None)
    default.recursive_query = True
    session = table.open("admin")
    entered = table.enter("admin", session.session_id)
    assert entered is session and entered is not default
    assert (entered.recursive_query, entered.returned_path, entered.active_folder) == (False, PathStyle.FULL, "/Common")


def test_ids_are_unique_positive_and_reproducible_from_the_seed(clock):
    ids = [SessionTable(clock, Rng(3)).open("admin").session_id for _ in range(2)]
    assert ids[0] == ids[1]
    table = SessionTable(clock, Rng(3))
    many = {table.open("admin").session_id for _ in range(200)}
    assert len(many) == 200 and all(0 < i < 2**31 for i in many)
    table.reset()
    assert table.open("admin").session_id == ids[0]


def test_unknown_ids_and_other_users_ids_are_refused(table):
    session = table.open("admin")
    with pytest.raises(SessionNotFound):
        table.enter("admin", session.session_id + 1)
    with pytest.raises(SessionNotFound):
        table.enter("bob", session.session_id)


def test_an_idle_id_expires_while_a_default_session_starts_afresh(table, clock):
    table.set_session_timeout(60)
    default = table.enter("admin", None)
    default.active_folder = "/"
    session = table.open("admin")
    clock.advance(60)
    assert table.enter("admin", session.session_id) is session  # exactly the timeout: still alive
    clock.advance(61)
    with pytest.raises(SessionExpired):
        table.enter("admin", session.session_id)
    with pytest.raises(SessionNotFound):  # and it is gone for good
        table.enter("admin", session.session_id)
    fresh = table.enter("admin", None)
    assert fresh is not default and fresh.active_folder == "/Common"


def test_a_zero_session_timeout_serves_one_request_per_session(table):
    table.set_session_timeout(0)
    session = table.open("admin")
    table.enter("admin", session.session_id)
    with pytest.raises(SessionExpired):
        table.enter("admin", session.session_id)
    first = table.enter("admin", None)
    assert table.enter("admin", None) is not first


def test_forced_sessions_refuse_requests_without_an_id(table):
    table.force_sessions = True
    with pytest.raises(SessionRequired) as caught:
        table.enter("admin", None)
    assert caught.value.message == "Could not find the iControl session for admin"
    assert table.enter("admin", None, allow_default=True).session_id is None
    session = table.open("admin")
    assert table.enter("admin", session.session_id) is session


def test_maximum_sessions_refuses_new_sessions_until_some_expire(table, clock):
    table.set_session_timeout(100)
    table.set_maximum_sessions(2)
    table.enter("admin", None)
    table.open("admin")
    with pytest.raises(TooManySessions):
        table.open("admin")
    with pytest.raises(TooManySessions):
        table.enter("bob", None)
    assert table.enter("admin", None)  # an existing session still works
    clock.advance(101)
    assert table.open("admin").session_id
    assert table.live_sessions() == 1


def test_negative_settings_are_refused_and_change_nothing(table):
    session = table.enter("admin", None)
    for setter in (table.set_session_timeout, table.set_maximum_sessions):
        with pytest.raises(InvalidArgument):
            setter(-1)
    with pytest.raises(InvalidArgument):
        table.set_transaction_timeout(session, 0)
    assert (table.session_timeout, table.maximum_sessions, session.transaction_timeout) == (1800, 0, 120)


def test_one_transaction_per_session(table):
    a, b = table.enter("admin", None), table.open("admin")
    first = table.start_transaction(a)
    with pytest.raises(TransactionOpen):
        table.start_transaction(a)
    assert table.start_transaction(b) != first
    assert table.close_transaction(a).transaction_id == first
    with pytest.raises(NoTransaction):
        table.close_transaction(a)


def test_an_idle_transaction_expires_and_drops_its_queue(table, clock):
    session = table.enter("admin", None)
    table.set_transaction_timeout(session, 30)
    table.start_transaction(session)
    session.transaction.requests.extend(["a", "b"])
    clock.advance(25)
    table.enter("admin", None)  # any request in the session keeps it alive
    clock.advance(25)
    table.enter("admin", None)
    assert not session.transaction.expired
    clock.advance(31)
    table.enter("admin", None)
    transaction = session.transaction
    assert transaction.expired and transaction.requests == [] and transaction.dropped == 2
    assert table.start_transaction(session) != transaction.transaction_id  # a new one may start


def test_reset_forgets_sessions_and_settings(table):
    session = table.open("admin")
    table.force_sessions = table.dtd_processing = True
    table.set_maximum_sessions(5)
    table.reset()
    assert (table.force_sessions, table.dtd_processing, table.maximum_sessions) == (False, False, 0)
    with pytest.raises(SessionNotFound):
        table.enter("admin", session.session_id)


@pytest.mark.parametrize(
    "current, requested, expected",
    [("/Common", "/", "/"), ("/", "Common", "/Common"), ("/Common", "/Common/", "/Common"),
     ("/", "/Common", "/Common"), ("/Common", " /Common ", "/Common")],
)
def test_folders_resolve_absolute_and_relative(current, requested, expected):
    assert resolve_folder(current, requested) == expected


@pytest.mark.parametrize("requested", ["/Tenant", "Common", "/Common/sub"])
def test_unknown_folders_are_not_found(requested):
    with pytest.raises(NotFound):
        resolve_folder("/Common", requested)


def test_an_empty_folder_name_is_invalid():
    with pytest.raises(InvalidArgument):
        resolve_folder("/Common", "  ")
