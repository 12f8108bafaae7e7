"""bigsuds, as F5 automation uses it, against a live server over HTTPS.

bigsuds fetches each WSDL from the server (after a 401 challenge), then
drives a guest from creation to deployment and back, polling
get_completion_status while the test moves the simulated clock.
"""

from __future__ import annotations

import pytest

bigsuds = pytest.importorskip("bigsuds", reason="bigsuds is installed by .ci/run (no-deps)")

from support.statuses import UPWARD  # noqa: E402

pytestmark = pytest.mark.interop



@pytest.fixture
def bigip(server):
    server.sim.reset()
    return bigsuds.BIGIP("127.0.0.1", "admin", "admin", port=server.port)


def _poll_until_complete(bigip, sim, guest, step=15.0, limit=500, holds_slots=True):
    """Poll as a client does, moving the clock between polls; returns what was seen.

    A guest that holds slots is done when every slot's record is complete;
    one going down to configured is done when it holds no slot any more.
    """
    seen = []
    for _ in range(limit):
        (records,) = bigip.System.VCMP.get_completion_status([guest])
        seen.append(records)
        if bool(records) == holds_slots and all(r["request_complete"] for r in records):
            return seen
        sim.clock.advance(step)
    raise AssertionError(f"{guest} never completed; last: {seen[-1]}")


def _create(bigip, name="g1"):
    bigip.System.VCMP.create(
        guests=[name],
        hostnames=[f"{name}.example.com"],
        images=["BIGIP-13.1.0.0.0.1868.iso"],
        addresses=[{"address": "10.0.0.11", "netmask": "255.255.255.0"}],
        gateways=["10.0.0.1"],
        vlans=[["vlan10", "vlan20"]],
    )


def test_version_and_cluster_discovery(bigip):
    assert bigip.System.SystemInfo.get_version() == "BIG-IP_v13.1.0"
    assert bigip.System.VCMP.get_version() == "BIG-IP_v13.1.0"
    assert bigip.System.Cluster.get_list() == ["default"]
    assert bigip.System.Cluster.get_slot_id(["default"]) == [[1, 2, 3, 4]]


def test_full_guest_lifecycle(bigip, server):
    vcmp = bigip.System.VCMP
    _create(bigip)
    assert vcmp.get_list() == ["g1"]
    assert vcmp.get_guest_state(["g1"]) == ["VCMP_GUEST_STATE_CONFIGURED"]
    assert vcmp.get_completion_status(["g1"]) == [[]]  # a configured guest holds no slots

    vcmp.set_guest_slots(["g1"], [2])
    vcmp.set_guest_cores_per_slot(["g1"], [4])
    vcmp.set_guest_state(["g1"], ["VCMP_GUEST_STATE_DEPLOYED"])
    assert vcmp.get_guest_state(["g1"]) == ["VCMP_GUEST_STATE_DEPLOYED"]

    seen = _poll_until_complete(bigip, server.sim, "g1")
    final = seen[-1]
    assert len(final) == 2
    assert {r["status"] for r in final} == {"VCMP_STATUS_RUNNING"}
    assert {r["requested_state"] for r in final} == {"VCMP_GUEST_STATE_DEPLOYED"}
    # every slot moved forward only, and the install showed its progress
    for slot_id in {r["slot_id"] for r in final}:
        statuses = [r["status"] for records in seen for r in records if r["slot_id"] == slot_id]
        ranks = [UPWARD.index(s) for s in statuses]
        assert ranks == sorted(ranks), statuses
    comments = [r["comment"] for records in seen for r in records if r["status"] == "VCMP_STATUS_INSTALLING"]
    assert any(c and "%" in c for c in comments), comments

    assigned = vcmp.get_guest_assigned_slots(["g1"])[0]
    assert sorted(assigned) == sorted(r["slot_id"] for r in final)
    assert vcmp.get_guest_cores_per_slot(["g1"]) == [4]
    assert vcmp.get_hostname(["g1"]) == ["g1.example.com"]
    assert vcmp.get_initial_image(["g1"]) == ["BIGIP-13.1.0.0.0.1868.iso"]
    assert vcmp.get_management_address(["g1"]) == [{"address": "10.0.0.11", "netmask": "255.255.255.0"}]
    assert vcmp.get_management_gateway(["g1"]) == ["10.0.0.1"]
    assert sorted(vcmp.get_vlan(["g1"])[0]) == ["vlan10", "vlan20"]
    disks = vcmp.get_virtual_disk_list()
    assert sorted(d["slot_id"] for d in disks) == sorted(assigned)
    stats = vcmp.get_statistics(["g1"])
    assert sorted(e["slot_id"] for e in stats["statistics"]) == sorted(assigned)

    # back down to provisioned: VMs stop, resources stay
    vcmp.set_guest_state(["g1"], ["VCMP_GUEST_STATE_PROVISIONED"])
    final = _poll_until_complete(bigip, server.sim, "g1")[-1]
    assert {r["status"] for r in final} == {"VCMP_STATUS_STOPPED"}
    assert sorted(vcmp.get_guest_assigned_slots(["g1"])[0]) == sorted(assigned)

    # deleting detaches the disks (13.1): the guest is gone, its disks stay
    vcmp.set_guest_state(["g1"], ["VCMP_GUEST_STATE_CONFIGURED"])
    _poll_until_complete(bigip, server.sim, "g1", holds_slots=False)
    assert vcmp.get_guest_assigned_slots(["g1"]) == [[]]
    vcmp.delete_guest(["g1"])
    assert vcmp.get_list() == []
    assert len(vcmp.get_virtual_disk_list()) == len(assigned)


def test_unknown_guest_is_a_server_error_naming_it(bigip):
    with pytest.raises(bigsuds.ServerError) as raised:
        bigip.System.VCMP.get_guest_state(["nope"])
    text = str(raised.value)
    assert "Common::OperationFailed" in text
    assert "0x01020036" in text
    assert "nope" in text


def test_duplicate_create_fails_and_changes_nothing(bigip):
    _create(bigip)
    with pytest.raises(bigsuds.ServerError) as raised:
        bigip.System.VCMP.create(
            guests=["g2", "g1"], hostnames=["a", "b"], images=["i", "i"],
            addresses=[{"address": "10.0.0.12", "netmask": "255.255.255.0"}] * 2,
            gateways=["10.0.0.1"] * 2, vlans=[[], []],
        )
    assert "0x01020037" in str(raised.value)
    assert bigip.System.VCMP.get_list() == ["g1"]  # g2 was not left behind


def test_wrong_password_is_refused(server):
    bad = bigsuds.BIGIP("127.0.0.1", "admin", "wrong", port=server.port)
    with pytest.raises(bigsuds.ConnectionError) as raised:
        bad.System.VCMP.get_list()
    assert "401" in str(raised.value)
