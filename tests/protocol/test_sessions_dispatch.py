"""System.Session through the SOAP layer: keys, header forms, settings, rights."""

from __future__ import annotations

import pytest

from support.soapcall import Box, Fault, envelope


@pytest.fixture
def box():
    return Box()


def test_settings_belong_to_the_session_key(box):
    sid = box.session("get_session_identifier")
    box.session("set_active_folder", folder="/", session=sid)
    box.session("set_recursive_query_state", state="STATE_ENABLED", session=sid)
    box.session("set_returned_path", path="PATH_BARE", session=sid)
    assert box.session("get_active_folder", session=sid) == "/"
    assert box.session("get_recursive_query_state", session=sid) == "STATE_ENABLED"
    assert box.session("get_returned_path", session=sid) == "PATH_BARE"
    # The user's default session keeps its own values.
    assert box.session("get_active_folder") == "/Common"
    assert box.session("get_recursive_query_state") == "STATE_DISABLED"
    assert box.session("get_returned_path") == "PATH_FULL"


def test_the_id_works_as_http_header_and_as_soap_header(box):
    sid = box.session("get_session_identifier")
    box.session("set_active_folder", folder="/", soap_session=sid)
    assert box.session("get_active_folder", session=sid) == "/"
    assert box.session("get_active_folder", soap_session=sid) == "/"


def test_the_soap_header_wins_over_the_http_header(box):
    a, b = box.session("get_session_identifier"), box.session("get_session_identifier")
    box.session("set_active_folder", folder="/", session=a)
    assert box.session("get_active_folder", session=a, soap_session=b) == "/Common"
    assert box.session("get_active_folder", session=b, soap_session=a) == "/"


def test_an_unknown_id_is_refused_and_one_user_cannot_use_anothers(box):
    sid = box.session("get_session_identifier", user="alice", role="operator")
    with pytest.raises(Fault) as caught:
        box.session("get_active_folder", session=sid)  # admin, alice's id
    assert caught.value.exception == "Common::OperationFailed"
    assert f"iControl session ({sid}) was not found" in caught.value.faultstring
    with pytest.raises(Fault):
        box.session("get_active_folder", session=sid + 1, user="alice", role="operator")
    assert box.session("get_active_folder", session=sid, user="alice", role="operator") == "/Common"


def test_forced_sessions_refuse_calls_without_an_id_with_the_real_text(box):
    box.session("set_force_sessions_state", state="STATE_ENABLED")
    with pytest.raises(Fault) as caught:
        box.vcmp("get_list")
    assert "Could not find the iControl session for admin" in caught.value.faultstring
    assert caught.value.status == 500
    sid = box.session("get_session_identifier")  # still allowed: how else get an id
    assert box.vcmp("get_list", session=sid) == []
    assert box.session("get_force_sessions_state", session=sid) == "STATE_ENABLED"
    box.session("set_force_sessions_state", state="STATE_DISABLED", session=sid)
    assert box.vcmp("get_list") == []


@pytest.mark.parametrize("operation, params", [
    ("set_force_sessions_state", {"state": "STATE_ENABLED"}),
    ("set_dtd_processing_state", {"state": "STATE_ENABLED"}),
    ("set_maximum_sessions", {"sessions": 3}),
    ("set_session_timeout", {"timeout": 10}),
])
def test_admin_only_setters_refuse_other_roles(box, operation, params):
    with pytest.raises(Fault) as caught:
        box.session(operation, user="op", role="operator", **params)
    assert caught.value.exception == "Common::AccessDenied"
    getter = operation.replace("set_", "get_", 1)
    assert box.session(getter) in ("STATE_DISABLED", 0, 1800)  # unchanged


def test_non_admins_may_change_their_own_session(box):
    box.session("set_transaction_timeout", timeout=30, user="op", role="operator")
    box.session("set_active_folder", folder="/", user="op", role="operator")
    assert box.session("get_transaction_timeout", user="op", role="operator") == 30
    assert box.session("get_transaction_timeout") == 120


def test_session_timeout_expires_ids_but_recreates_default_sessions(box):
    box.session("set_session_timeout", timeout=60)
    sid = box.session("get_session_identifier")
    box.session("set_active_folder", folder="/")
    box.clock.advance(61)
    with pytest.raises(Fault) as caught:
        box.session("get_active_folder", session=sid)
    assert "has expired" in caught.value.faultstring
    assert box.session("get_active_folder") == "/Common"  # a fresh default session
    assert box.session("get_session_timeout") == 60  # the timeout is global


def test_maximum_sessions_refuses_new_ids(box):
    box.session("set_maximum_sessions", sessions=2)
    box.session("get_session_identifier")
    with pytest.raises(Fault) as caught:
        box.session("get_session_identifier")
    assert "maximum number of concurrent user sessions (2)" in caught.value.faultstring
    assert box.session("get_maximum_sessions") == 2


def test_bad_values_are_refused_with_invalid_argument(box):
    for operation, params in (("set_returned_path", {"path": "PATH_UNKNOWN"}),
                              ("set_session_timeout", {"timeout": -5}),
                              ("set_transaction_timeout", {"timeout": 0}),
                              ("set_recursive_query_state", {"state": "ON"})):
        with pytest.raises(Fault) as caught:
            box.session(operation, **params)
        assert caught.value.exception == "Common::InvalidArgument", operation
    with pytest.raises(Fault) as caught:
        box.session("set_active_folder", folder="/NoSuchPartition")
    assert "folder (/NoSuchPartition) was not found" in caught.value.faultstring
    assert box.session("get_active_folder") == "/Common"


DTD = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY os "x">]>'


def test_dtds_are_refused_until_dtd_processing_is_enabled(box):
    body = envelope("System.Cluster", "get_list", {}, prologue=DTD)
    with pytest.raises(Fault) as caught:
        box.send(body)
    assert "parsing aborted" in caught.value.faultstring
    box.session("set_dtd_processing_state", state="STATE_ENABLED")
    assert box.send(body) == ["default"]
    assert box.session("get_dtd_processing_state") == "STATE_ENABLED"


def test_external_entities_are_never_fetched_even_with_dtds_enabled(box):
    box.session("set_dtd_processing_state", state="STATE_ENABLED")
    prologue = '<!DOCTYPE x [<!ENTITY leak SYSTEM "file:///etc/hostname">]>'
    body = envelope("System.Session", "set_active_folder", {"folder": "LEAK"}, prologue=prologue)
    body = body.replace(b"LEAK", b"&leak;")
    with pytest.raises(Fault) as caught:
        box.send(body)
    assert "Error while parsing SOAP XML payload" in caught.value.faultstring


def test_reset_forgets_sessions(box):
    sid = box.session("get_session_identifier")
    box.session("set_force_sessions_state", state="STATE_ENABLED", session=sid)
    box.sim.reset()
    assert box.session("get_force_sessions_state") == "STATE_DISABLED"
    with pytest.raises(Fault):
        box.session("get_active_folder", session=sid)
