"""Statistics computed from the host's state, with simulated time stamps."""

import pytest

from hostkit import CONFIGURED, DEPLOYED, PROVISIONED, deployed, make_host, new_guest
from vcmp_mock.domain.clock import DEFAULT_EPOCH
from vcmp_mock.domain.errors import DiskNotFound
from vcmp_mock.domain.model import DiskKey, DiskStatus, HAAction, OperatingSystem, Timestamp
from vcmp_mock.domain.stats import core_names, image_version


def counters(record):
    return {s.name: s.value for s in record.counters}


def test_time_stamps_and_uptime_follow_the_simulated_clock():
    host, clock = make_host()
    assert host.now_timestamp() == Timestamp(2026, 1, 1, 0, 0, 0)
    clock.advance(3 * 3600 + 61)
    assert host.now_timestamp() == Timestamp(2026, 1, 1, 3, 1, 1)
    assert host.uptime_seconds() == 3 * 86400 + 7200 + 3 * 3600 + 61


def test_a_running_vm_reports_its_figures():
    host, clock = make_host()
    new_guest(host, slots=2, cores=4, vlans=("ext", "int"))
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(410 + 100)
    first, second = host.vm_statistics(["g1"])
    assert (first.guest, first.vcmp_id, first.slot_id, first.cores, first.vdisk) == ("g1", 1, 1, 4, "g1.img")
    assert (first.core_names, first.interface_names, first.starts, first.retries) == ("0-3", "ext,int", 1, 0)
    assert first.pid > 0 and first.base_mac.startswith("00:94:a1:") and first.mac_size == 8
    assert 0 < first.cpu_usage_recent <= 100
    assert first.update_time == int(DEFAULT_EPOCH + 510)
    c = counters(first)
    assert c["VCMP_UPTIME"] == 100
    assert c["VCMP_MEMORY_USE"] > 0 and c["VCMP_DISK_USE"] > 0
    assert c["VCMP_PACKETS_IN"] > 0 and c["VCMP_BYTES_IN"] == c["VCMP_PACKETS_IN"] * 620
    assert second.slot_id == 2 and second.base_mac == first.base_mac


def test_counters_grow_and_reset():
    host, clock = make_host()
    deployed(host, clock)
    a = counters(host.vm_statistics(["g1"])[0])
    clock.advance(60)
    b = counters(host.vm_statistics(["g1"])[0])
    assert b["VCMP_PACKETS_IN"] > a["VCMP_PACKETS_IN"] and b["VCMP_UPTIME"] == a["VCMP_UPTIME"] + 60
    host.reset_statistics("g1")
    c = counters(host.vm_statistics(["g1"])[0])
    assert c["VCMP_PACKETS_IN"] == 0 and c["VCMP_UPTIME"] == b["VCMP_UPTIME"]


def test_a_provisioned_vm_is_listed_without_a_process_and_a_configured_one_not_at_all():
    host, clock = make_host()
    new_guest(host, "p")
    host.set_requested_state("p", PROVISIONED)
    new_guest(host, "c")
    clock.advance(400)
    [rec] = host.vm_statistics()
    assert (rec.guest, rec.pid, rec.cpu_usage_recent, counters(rec)["VCMP_UPTIME"]) == ("p", 0, 0, 0)


def test_reads_agree_at_one_instant_and_never_move_the_rng():
    host, clock = make_host()
    deployed(host, clock)
    state = host.rng.getstate()
    first = (host.vm_statistics(), host.disk_statistics(), host.software_records(), host.ha_records())
    second = (host.vm_statistics(), host.disk_statistics(), host.software_records(), host.ha_records())
    assert first == second
    assert host.rng.getstate() == state


def test_the_same_seed_gives_the_same_figures():
    def figures(seed):
        host, clock = make_host(seed=seed)
        deployed(host, clock)
        return host.vm_statistics()[0]

    assert figures(7) == figures(7)
    assert figures(7).pid != figures(8).pid or figures(7).base_mac != figures(8).base_mac


def test_disk_statistics():
    host, clock = make_host()
    deployed(host, clock)
    [rec] = host.disk_statistics()
    assert (rec.key, rec.os, rec.status) == (DiskKey(1, "g1.img"), OperatingSystem.TMOS, DiskStatus.IN_USE)
    assert rec.counters[0].name == "VIRTUAL_DISK_DISK_USE" and rec.counters[0].value > 0
    assert host.disk_statistics([DiskKey(1, "g1.img")]) == [rec]
    with pytest.raises(DiskNotFound):
        host.disk_statistics([DiskKey(2, "g1.img")])


def test_software_records_while_installing_and_running():
    host, clock = make_host()
    new_guest(host)
    host.set_requested_state("g1", DEPLOYED)
    clock.advance(17 + 90)
    [rec] = host.software_records(["g1"])
    assert (rec.version, rec.build, rec.active, rec.status) == ("13.1.0.8", "0.0.3", False, "installing 30.000 pct")
    clock.advance(1000)
    [rec] = host.software_records()
    assert (rec.volume, rec.product, rec.active, rec.status) == ("HD1.1", "BIG-IP", True, "complete")


def test_prompt_ha_and_module_records_come_from_running_guests_only():
    host, clock = make_host()
    deployed(host, clock, "run", slots=2)
    new_guest(host, "idle")
    prompts = host.prompt_records()
    assert [(p.guest, p.slot_id, p.prompt) for p in prompts] == [
        ("run", 1, "/S1-green-P:Active:Standalone"), ("run", 2, "/S2-green-S:Active:Standalone")]
    ha = host.ha_records()
    assert len(ha) == 6 and {r.guest for r in ha} == {"run"}
    assert ha[0].feature == "DAEMON_HEARTBEAT" and ha[0].action is HAAction.RESTART_ALL
    modules = {m.module_name: m.level for m in host.module_provision_records()}
    assert modules["ltm"] == "NOMINAL" and modules["asm"] == "NONE"
    assert host.prompt_records(["idle"]) == [] and host.module_provision_records(["idle"]) == []
    host.set_requested_state("run", CONFIGURED)
    assert host.prompt_records() == []


def test_an_appliance_prompt_has_no_slot():
    host, clock = make_host("bigip-i5800")
    deployed(host, clock)
    assert host.prompt_records()[0].prompt == "Active:Standalone"


@pytest.mark.parametrize(
    "image,expected",
    [("BIGIP-13.1.0.8-0.0.3.iso", ("13.1.0.8", "0.0.3")), ("BIGIP-12.0.0.0.0.606.iso", ("12.0.0", "0.0.606")),
     ("BIGIP-15.1.5-0.0.10.iso", ("15.1.5", "0.0.10")), ("custom.iso", ("", ""))],
)
def test_version_and_build_come_from_the_image_name(image, expected):
    assert image_version(image) == expected


def test_core_names_are_ranges():
    assert core_names((0, 1, 2, 5, 7, 8)) == "0-2,5,7-8"
    assert core_names(()) == ""
