"""Transactions as automation writes them: bigsuds.Transaction, and suds by hand.

bigsuds' ``Transaction`` context manager starts a transaction, submits it
when the block ends normally and rolls it back when the block raises
(ignoring a ServerError from the rollback, e.g. an expired transaction).
"""

from __future__ import annotations

import pytest

pytest.importorskip("bigsuds", reason="bigsuds is installed by .ci/run (no-deps)")

import bigsuds  # noqa: E402

from support.clients import SudsInterface, bigip  # noqa: E402

pytestmark = pytest.mark.interop

IMAGE = "BIGIP-13.1.0.0.0.1868.iso"


def session(server, admin):
    return bigip(server, admin.System.Session.get_session_identifier())


def create(client, *names):
    client.System.VCMP.create(
        guests=list(names), hostnames=[f"{n}.example.com" for n in names], images=[IMAGE] * len(names),
        addresses=[{"address": "10.0.0.11", "netmask": "255.255.255.0"}] * len(names),
        gateways=["10.0.0.1"] * len(names), vlans=[["vlan10"]] * len(names))


def test_committed_transaction_applies_everything_at_submit(admin, server):
    tx = session(server, admin)
    with bigsuds.Transaction(tx):
        create(tx, "g1", "g2")
        tx.System.VCMP.set_guest_cores_per_slot(["g1"], [4])
        # Inside the transaction nothing has happened yet, for anyone.
        assert tx.System.VCMP.get_list() == []
        assert admin.System.VCMP.get_list() == []
    assert admin.System.VCMP.get_list() == ["g1", "g2"]
    assert admin.System.VCMP.get_guest_cores_per_slot(["g1", "g2"]) == [4, 2]


def test_rolled_back_when_the_block_raises(admin, server):
    tx = session(server, admin)
    with pytest.raises(RuntimeError):
        with bigsuds.Transaction(tx):
            create(tx, "g1")
            raise RuntimeError("the automation changed its mind")
    assert admin.System.VCMP.get_list() == []
    create(tx, "g3")  # the session has no transaction any more
    assert admin.System.VCMP.get_list() == ["g3"]


def test_failing_change_rolls_everything_back_and_submit_reports_it(admin, server):
    create(admin, "g0")
    tx = session(server, admin)
    with pytest.raises(bigsuds.ServerError) as caught:
        with bigsuds.Transaction(tx):
            create(tx, "g1")
            tx.System.VCMP.set_hostname(["g0"], ["renamed.example.com"])
            tx.System.VCMP.delete_guest(["missing"])
    text = str(caught.value)
    assert "submit_transaction" in text
    assert "System.VCMP::delete_guest (request 3 of 3 in the transaction)" in text
    assert "The requested vCMP guest (missing) was not found." in text
    assert admin.System.VCMP.get_list() == ["g0"]
    assert admin.System.VCMP.get_hostname(["g0"]) == ["g0.example.com"]


def test_expired_transaction_is_reported_by_submit(admin, server):
    tx = session(server, admin)
    tx.System.Session.set_transaction_timeout(60)
    tx.System.Session.start_transaction()
    create(tx, "g1")
    server.sim.clock.advance(61)
    with pytest.raises(bigsuds.ServerError) as caught:
        tx.System.Session.submit_transaction()
    assert "expired after more than 60 seconds" in str(caught.value)
    assert admin.System.VCMP.get_list() == []
    with pytest.raises(bigsuds.ServerError) as caught:
        tx.System.Session.rollback_transaction()
    assert "no transaction is open" in str(caught.value)


def test_conflicting_transactions_second_submit_fails_whole(admin, server):
    first, second = session(server, admin), session(server, admin)
    first.System.Session.start_transaction()
    second.System.Session.start_transaction()
    create(first, "shared")
    create(second, "mine")
    create(second, "shared")
    assert first.System.VCMP.get_list() == second.System.VCMP.get_list() == []
    first.System.Session.submit_transaction()
    with pytest.raises(bigsuds.ServerError) as caught:
        second.System.Session.submit_transaction()
    assert "(shared) already exists" in str(caught.value)
    assert admin.System.VCMP.get_list() == ["shared"]


def test_suds_transaction_with_the_soap_session_header(admin, server):
    session_api = SudsInterface(server, "System.Session")
    vcmp = SudsInterface(server, "System.VCMP")
    sid = session_api.get_session_identifier()
    session_api.soap_session(sid).start_transaction()
    create_args = (["g9"], ["g9.example.com"], [IMAGE], [{"address": "10.0.0.19", "netmask": "255.255.255.0"}],
                   ["10.0.0.1"], [vcmp.client.factory.create("Common.StringSequence")])
    vcmp.soap_session(sid).create(*create_args)
    assert vcmp.soap_session(None).get_list() == []
    session_api.submit_transaction()
    assert vcmp.get_list() == ["g9"]
    # Invalid arguments are refused by the call itself, inside the transaction.
    session_api.start_transaction()
    text = vcmp.soap_session(sid).fault("set_network_mode", ["g9"], ["VCMP_NETWORK_MODE_SIDEWAYS"])
    assert "Common::InvalidArgument" in text
    assert "was rolled back" in session_api.fault("submit_transaction")
