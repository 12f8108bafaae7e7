"""Transactions through the SOAP layer: queued, invisible, all or nothing."""

from __future__ import annotations

import pytest

from support.soapcall import Box, Fault


@pytest.fixture
def box():
    return Box()


def test_changes_wait_for_submit_and_reads_see_the_committed_state(box):
    box.create("g0")
    box.session("start_transaction")
    box.create("g1")
    box.vcmp("set_hostname", guests=["g0"], hostnames=["changed.example.com"])
    # Pending changes are invisible, to this session as to others.
    assert box.vcmp("get_list") == ["g0"]
    assert box.vcmp("get_hostname", guests=["g0"]) == ["g0.example.com"]
    assert box.sim.host.guest_names() == ["g0"]
    box.session("submit_transaction")
    assert box.vcmp("get_list") == ["g0", "g1"]
    assert box.vcmp("get_hostname", guests=["g0"]) == ["changed.example.com"]


def test_calls_may_depend_on_earlier_queued_calls(box):
    box.session("start_transaction")
    box.create("g1")
    box.vcmp("set_guest_cores_per_slot", guests=["g1"], cores_per_slots=[4])
    box.vcmp("set_guest_state", guests=["g1"], states=["VCMP_GUEST_STATE_PROVISIONED"])
    box.session("submit_transaction")
    assert box.vcmp("get_guest_cores_per_slot", guests=["g1"]) == [4]
    assert box.vcmp("get_guest_state", guests=["g1"]) == ["VCMP_GUEST_STATE_PROVISIONED"]


def test_one_failing_change_rolls_back_the_others_and_submit_names_it(box):
    box.create("g0")
    box.session("start_transaction")
    box.create("g1")
    box.vcmp("set_hostname", guests=["g0"], hostnames=["changed.example.com"])
    box.create("g0")  # already exists: only known when applied
    with pytest.raises(Fault) as caught:
        box.session("submit_transaction")
    text = caught.value.faultstring
    assert text.startswith("Exception caught in System::urn:iControl:System/Session::submit_transaction()")
    assert caught.value.exception == "Common::OperationFailed"
    assert "System.VCMP::create (request 3 of 3 in the transaction)" in text
    assert "The requested vCMP guest (g0) already exists." in text
    assert box.vcmp("get_list") == ["g0"]
    assert box.vcmp("get_hostname", guests=["g0"]) == ["g0.example.com"]
    with pytest.raises(Fault):  # the transaction is gone
        box.session("submit_transaction")


def test_invalid_arguments_are_refused_by_the_call_and_make_submit_roll_back(box):
    box.session("start_transaction")
    box.create("g1")
    with pytest.raises(Fault) as caught:
        box.vcmp("set_hostname", guests=["g1", "g2"], hostnames=["only-one"])
    assert caught.value.exception == "Common::InvalidArgument"
    assert "set_hostname" not in caught.value.faultstring.splitlines()[-1]  # the call's own error
    with pytest.raises(Fault) as caught:
        box.session("submit_transaction")
    assert caught.value.exception == "Common::InvalidArgument"
    assert "was rolled back" in caught.value.faultstring
    assert box.vcmp("get_list") == []


def test_rollback_drops_the_queue(box):
    box.session("start_transaction")
    box.create("g1")
    box.session("rollback_transaction")
    assert box.vcmp("get_list") == []
    box.create("g2")  # no transaction any more: applied at once
    assert box.vcmp("get_list") == ["g2"]


def test_submit_or_rollback_without_a_transaction_faults(box):
    for operation in ("submit_transaction", "rollback_transaction"):
        with pytest.raises(Fault) as caught:
            box.session(operation)
        assert "no transaction is open" in caught.value.faultstring


def test_only_one_transaction_per_session(box):
    box.session("start_transaction")
    with pytest.raises(Fault) as caught:
        box.session("start_transaction")
    assert "already open" in caught.value.faultstring


def test_an_empty_transaction_submits_quietly(box):
    box.session("start_transaction")
    assert box.session("submit_transaction") is None


def test_an_idle_transaction_expires(box):
    box.session("set_transaction_timeout", timeout=30)
    box.session("start_transaction")
    box.create("g1")
    box.clock.advance(31)
    with pytest.raises(Fault) as caught:
        box.create("g2")  # a change now would apply outside the transaction: refused
    assert "expired" in caught.value.faultstring
    assert box.vcmp("get_list") == []  # reads still work
    with pytest.raises(Fault) as caught:
        box.session("submit_transaction")
    assert "expired after more than 30 seconds" in caught.value.faultstring
    assert "1 queued request(s) discarded" in caught.value.faultstring
    assert box.vcmp("get_list") == []
    box.create("g3")
    assert box.vcmp("get_list") == ["g3"]


def test_an_expired_transaction_rolls_back_quietly(box):
    box.session("set_transaction_timeout", timeout=30)
    box.session("start_transaction")
    box.create("g1")
    box.clock.advance(31)
    box.session("rollback_transaction")
    box.create("g2")
    assert box.vcmp("get_list") == ["g2"]


def test_two_sessions_never_see_each_others_pending_changes(box):
    a, b = box.session("get_session_identifier"), box.session("get_session_identifier")
    box.session("start_transaction", session=a)
    box.session("start_transaction", session=b)
    box.create("ga", session=a)
    box.create("gb", session=b)
    assert box.vcmp("get_list", session=a) == []
    assert box.vcmp("get_list", session=b) == []
    box.session("submit_transaction", session=b)
    assert box.vcmp("get_list", session=a) == ["gb"]
    box.session("submit_transaction", session=a)
    assert box.vcmp("get_list") == ["ga", "gb"]


def test_conflicting_transactions_the_second_submit_fails_whole(box):
    a, b = box.session("get_session_identifier"), box.session("get_session_identifier")
    for sid in (a, b):
        box.session("start_transaction", session=sid)
    box.create("shared", session=a)
    box.create("only-b", session=b)
    box.create("shared", session=b)
    box.session("submit_transaction", session=a)
    with pytest.raises(Fault) as caught:
        box.session("submit_transaction", session=b)
    assert "(shared) already exists" in caught.value.faultstring
    assert box.vcmp("get_list") == ["shared"]  # only-b was rolled back with it


DEPROVISION = {"modules": ["TMOS_MODULE_VCMP", "TMOS_MODULE_LTM"],
               "levels": ["PROVISION_LEVEL_NONE", "PROVISION_LEVEL_NOMINAL"]}


def test_provisioning_changes_are_transactional_too(box):
    box.session("start_transaction")
    box.call("Management.Provision", "set_level", **DEPROVISION)
    assert box.call("Management.Provision", "get_provisioned_list") == ["TMOS_MODULE_VCMP"]
    box.session("submit_transaction")
    assert box.call("Management.Provision", "get_provisioned_list") == ["TMOS_MODULE_LTM"]


@pytest.mark.parametrize("create_first", [True, False])
def test_a_guest_and_de_provisioning_vcmp_cannot_commit_together(box, create_first):
    box.session("start_transaction")
    if create_first:
        box.create("g1")  # then vCMP cannot go: a guest exists
    box.call("Management.Provision", "set_level", **DEPROVISION)
    if not create_first:
        box.create("g1")  # System.VCMP is gone once vCMP is not provisioned
    with pytest.raises(Fault) as caught:
        box.session("submit_transaction")
    assert ("vCMP guests exist (g1)" if create_first else "Module vcmp: it is not provisioned") in (
        caught.value.faultstring)
    assert box.call("Management.Provision", "get_provisioned_list") == ["TMOS_MODULE_VCMP"]
    assert box.vcmp("get_list") == []


def test_setting_the_time_is_not_queued(box):
    box.session("start_transaction")
    box.call("System.SystemInfo", "set_time",
             time={"year": 2030, "month": 5, "day": 4, "hour": 3, "minute": 2, "second": 1})
    assert box.call("System.SystemInfo", "get_time")["year"] == 2030
    box.session("rollback_transaction")
    assert box.call("System.SystemInfo", "get_time")["year"] == 2030


@pytest.mark.parametrize("version, mode", [("13.1.0", "VCMP_NETWORK_MODE_SIDEWAYS"),
                                           ("11.4.1", "VCMP_NETWORK_MODE_HOST_ONLY")])
def test_a_refused_enum_value_inside_a_transaction_makes_it_errant(version, mode):
    box = Box(version)
    box.create("g1")
    box.session("start_transaction")
    box.vcmp("set_hostname", guests=["g1"], hostnames=["new.example.com"])
    with pytest.raises(Fault) as caught:
        box.vcmp("set_network_mode", guests=["g1"], modes=[mode])
    assert caught.value.exception == "Common::InvalidArgument"
    box.vcmp("get_network_mode", guests=["g1"])  # a read refuses nothing
    with pytest.raises(Fault) as caught:
        box.session("submit_transaction")
    assert "was rolled back" in caught.value.faultstring and mode in caught.value.faultstring
    assert box.vcmp("get_hostname", guests=["g1"]) == ["g1.example.com"]


def test_a_refused_read_does_not_make_the_transaction_errant(box):
    box.create("g1")
    box.session("start_transaction")
    with pytest.raises(Fault):
        box.vcmp("get_hostname", guests=["nobody"])
    box.vcmp("set_hostname", guests=["g1"], hostnames=["new.example.com"])
    box.session("submit_transaction")
    assert box.vcmp("get_hostname", guests=["g1"]) == ["new.example.com"]
