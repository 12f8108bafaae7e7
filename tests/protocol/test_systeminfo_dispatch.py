"""System.SystemInfo and Management.Provision answered from the simulated host."""

from __future__ import annotations

import pytest

from vcmp_mock.icontrol import coverage

from support.soapcall import Box, Fault


def info(box: Box, operation: str, **params):
    return box.call("System.SystemInfo", operation, **params)


def _stat(rows: list, name: str) -> int:
    (row,) = [r for r in rows if r["type"] == "STATISTIC_" + name]
    return (row["value"]["high"] << 32) | row["value"]["low"]


@pytest.mark.parametrize("preset, slots, blade, cores, marketing", [
    ("viprion-c2400", 4, "B2100", 8, "VIPRION 2400"),
    ("viprion-c2200", 2, "B2250", 20, "VIPRION 2200"),
])
def test_a_chassis_reports_its_slots_blades_and_cores(preset, slots, blade, cores, marketing):
    box = Box(preset=preset)
    assert info(box, "get_marketing_name") == marketing
    system = info(box, "get_system_information")
    assert system["product_category"] == "VIPRION"
    assert system["platform"] == box.sim.host.platform.platform_id
    slot_info = info(box, "get_chassis_slot_information")
    assert [s["slot_id"] for s in slot_info] == list(range(1, slots + 1))
    assert all(s["state"] == "CHASSIS_SLOT_STATE_OK" and not s["is_down"] for s in slot_info)
    assert [s["slot_id"] for s in slot_info] == box.call("System.Cluster", "get_slot_id",
                                                         cluster_names=["default"])[0]
    hardware = info(box, "get_hardware_information")
    blades = [h for h in hardware if h["type"] == "HARDWARE_BASE_BOARD"]
    assert [(h["slot"], h["model"]) for h in blades] == [(i, blade) for i in range(1, slots + 1)]
    assert [h["serial_number"] for h in slot_info] == [
        next(v["value"] for v in h["versions"] if v["name"] == "serial") for h in blades]
    cpus = info(box, "get_all_cpu_usage_extended_information")["hosts"]
    assert [(h["host_id"], len(h["statistics"])) for h in cpus] == [(f"slot{i}", cores) for i in range(1, slots + 1)]


def test_an_appliance_has_no_chassis_slots():
    box = Box(preset="bigip-i5800")
    assert info(box, "get_chassis_slot_information") == []
    assert info(box, "get_system_information")["product_category"] == "i5800"
    assert [h["type"] for h in info(box, "get_hardware_information")] == ["HARDWARE_BASE_BOARD"]
    (host,) = info(box, "get_all_cpu_usage_extended_information")["hosts"]
    assert host["host_id"] == "0" and len(host["statistics"]) == 8


def test_a_failed_blade_shows_as_down_and_runs_no_cpu_host():
    box = Box()
    box.sim.host.set_blade_up(2, False)
    slot2 = info(box, "get_chassis_slot_information")[1]
    assert (slot2["is_down"], slot2["state"]) == (True, "CHASSIS_SLOT_STATE_FAILED")
    hosts = [h["host_id"] for h in info(box, "get_all_cpu_usage_extended_information")["hosts"]]
    assert hosts == ["slot1", "slot3", "slot4"]
    with pytest.raises(Fault) as caught:
        info(box, "get_cpu_usage_extended_information", host_ids=["slot2"])
    assert "host (slot2) was not found" in caught.value.faultstring


def _deploy(box: Box, name: str, cores: int) -> list[int]:
    box.create(name)
    box.vcmp("set_guest_cores_per_slot", guests=[name], cores_per_slots=[cores])
    box.vcmp("set_guest_state", guests=[name], states=["VCMP_GUEST_STATE_DEPLOYED"])
    for _ in range(400):
        records = box.vcmp("get_completion_status", guests=[name])[0]
        if records and all(r["request_complete"] for r in records):
            return box.vcmp("get_guest_assigned_slots", guests=[name])[0]
        box.clock.advance(15)
    raise AssertionError("guest never deployed")


def test_cpu_and_memory_follow_the_guests():
    box = Box()
    before = info(box, "get_memory_usage_information")
    idle = info(box, "get_global_cpu_usage_extended_information")["statistics"]
    slots = _deploy(box, "g1", 4)
    after = info(box, "get_memory_usage_information")
    used = lambda m: (m["used_memory"]["high"] << 32) | m["used_memory"]["low"]  # noqa: E731
    per_core = box.sim.host.platform.default_blade.memory_per_core_mb * 1024 * 1024
    assert used(after) - used(before) == 4 * len(slots) * per_core
    assert after["total_memory"] == before["total_memory"]
    busy = info(box, "get_global_cpu_usage_extended_information")["statistics"]
    assert _stat(busy, "CPU_INFO_FIVE_MIN_AVG_USAGE_RATIO") > _stat(idle, "CPU_INFO_FIVE_MIN_AVG_USAGE_RATIO")
    hosts = {h["host_id"]: h for h in info(box, "get_all_cpu_usage_extended_information")["hosts"]}
    slot_cpus = hosts[f"slot{slots[0]}"]["statistics"]
    loads = [_stat(cpu, "CPU_INFO_FIVE_MIN_AVG_USAGE_RATIO") for cpu in slot_cpus]
    assert sum(load > 2 for load in loads) == 4  # the guest's four cores, the rest idle


def test_counters_and_uptime_run_on_the_simulated_clock():
    box = Box()
    uptime = info(box, "get_uptime")
    cpu = info(box, "get_cpu_usage_information")["usages"][0]
    box.clock.advance(100)
    assert info(box, "get_uptime") == uptime + 100
    later = info(box, "get_cpu_usage_information")["usages"][0]
    total = lambda c: sum(c[k]["low"] + (c[k]["high"] << 32) for k in ("user", "system", "idle"))  # noqa: E731
    assert total(later) - total(cpu) == 100 * 100  # jiffies at 100 Hz


def test_set_time_moves_the_reported_time_not_the_simulation():
    box = Box()
    uptime = info(box, "get_uptime")
    stamp = {"year": 2031, "month": 12, "day": 31, "hour": 23, "minute": 59, "second": 50}
    info(box, "set_time", time=stamp)
    assert info(box, "get_time") == stamp
    box.clock.advance(20)
    assert info(box, "get_time") == {"year": 2032, "month": 1, "day": 1, "hour": 0, "minute": 0, "second": 10}
    assert info(box, "get_uptime") == uptime + 20


@pytest.mark.parametrize("stamp", [
    {"year": 2026, "month": 2, "day": 30, "hour": 0, "minute": 0, "second": 0},
    {"year": 2026, "month": 1, "day": 1, "hour": 24, "minute": 0, "second": 0},
    {"year": 2040, "month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0},
])
def test_set_time_refuses_impossible_times(stamp):
    box = Box()
    before = info(box, "get_time")
    with pytest.raises(Fault) as caught:
        info(box, "set_time", time=stamp)
    assert caught.value.exception == "Common::InvalidArgument"
    assert info(box, "get_time") == before


def test_only_an_administrator_sets_the_time():
    stamp = {"year": 2030, "month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0}
    with pytest.raises(Fault) as caught:
        Box().call("System.SystemInfo", "set_time", time=stamp, user="op", role="operator")
    assert caught.value.exception == "Common::AccessDenied"


def test_identity_is_stable_per_seed():
    a, b, c = Box(seed=1), Box(seed=1), Box(seed=2)
    for op in ("get_system_id", "get_globally_unique_identifier", "get_base_mac_address"):
        assert info(a, op) == info(b, op) != info(c, op)
    assert info(a, "get_base_mac_address").count(":") == 5


def test_operations_outside_the_served_list_answer_not_implemented():
    rows = {r.operation: r.status for r in coverage.rows() if r.interface == "System.SystemInfo"}
    missing = sorted(op for op, status in rows.items() if status == coverage.NOT_IMPLEMENTED)
    assert missing == sorted([
        "acquire_lock", "release_lock", "get_lock_list", "get_lock_status", "get_blade_temperature",
        "get_connection_information", "get_connection_type", "get_cpu_metrics", "get_disk_usage_information",
        "get_fan_metrics", "get_group_id", "get_power_supply_metrics", "get_temperature_metrics", "set_group_id",
    ])
    with pytest.raises(Fault) as caught:
        info(Box(), "get_fan_metrics")
    assert caught.value.exception == "Common::NotImplemented"


# --- Management.Provision ---------------------------------------------------------------


def prov(box: Box, operation: str, **params):
    return box.call("Management.Provision", operation, **params)


def test_the_host_is_provisioned_for_vcmp_only():
    box = Box()
    assert prov(box, "get_provisioned_list") == ["TMOS_MODULE_VCMP"]
    assert prov(box, "get_level", modules=["TMOS_MODULE_VCMP", "TMOS_MODULE_LTM", "TMOS_MODULE_APML"]) == [
        "PROVISION_LEVEL_DEDICATED", "PROVISION_LEVEL_NONE", "PROVISION_LEVEL_NONE"]
    assert prov(box, "get_custom_cpu_ratio", modules=["TMOS_MODULE_VCMP"]) == [0]


def test_set_level_is_refused_while_vcmp_is_dedicated_and_nothing_changes():
    box = Box()
    with pytest.raises(Fault) as caught:
        prov(box, "set_level", modules=["TMOS_MODULE_LTM"], levels=["PROVISION_LEVEL_NOMINAL"])
    assert "dedicated module requires every other module to be none" in caught.value.faultstring
    assert prov(box, "get_provisioned_list") == ["TMOS_MODULE_VCMP"]


def test_without_vcmp_the_vcmp_interface_is_refused_until_it_is_back():
    box = Box()
    prov(box, "set_level", modules=["TMOS_MODULE_VCMP", "TMOS_MODULE_LTM"],
         levels=["PROVISION_LEVEL_NONE", "PROVISION_LEVEL_NOMINAL"])
    assert prov(box, "get_level", modules=["TMOS_MODULE_LTM"]) == ["PROVISION_LEVEL_NOMINAL"]
    with pytest.raises(Fault, match="Module vcmp: it is not provisioned"):
        box.vcmp("get_list")
    assert box.vcmp("get_version") == "BIG-IP_v13.1.0"
    prov(box, "set_level", modules=["TMOS_MODULE_LTM", "TMOS_MODULE_VCMP"],
         levels=["PROVISION_LEVEL_NONE", "PROVISION_LEVEL_DEDICATED"])
    assert box.vcmp("get_list") == []


def test_vcmp_stays_while_guests_exist():
    box = Box()
    box.create("g1")
    with pytest.raises(Fault, match=r"vCMP guests exist \(g1\)"):
        prov(box, "set_level", modules=["TMOS_MODULE_VCMP"], levels=["PROVISION_LEVEL_NONE"])


@pytest.mark.parametrize("modules, levels, exception", [
    (["TMOS_MODULE_UNKNOWN"], ["PROVISION_LEVEL_NONE"], "Common::InvalidArgument"),
    (["TMOS_MODULE_VCMP"], ["PROVISION_LEVEL_UNKNOWN"], "Common::InvalidArgument"),
    (["TMOS_MODULE_VCMP"], ["PROVISION_LEVEL_NOMINAL"], "Common::InvalidArgument"),
    (["TMOS_MODULE_VCMP", "TMOS_MODULE_LTM"], ["PROVISION_LEVEL_NONE"], "Common::InvalidArgument"),
    (["TMOS_MODULE_PSM"], ["PROVISION_LEVEL_NONE"], "Common::OperationFailed"),
])
def test_bad_provisioning_requests(modules, levels, exception):
    box = Box()
    with pytest.raises(Fault) as caught:
        prov(box, "set_level", modules=modules, levels=levels)
    assert caught.value.exception == exception
    assert prov(box, "get_provisioned_list") == ["TMOS_MODULE_VCMP"]


def test_wom_and_wam_name_the_am_module():
    box = Box()
    prov(box, "set_level", modules=["TMOS_MODULE_VCMP", "TMOS_MODULE_WOM", "TMOS_MODULE_WAM"],
         levels=["PROVISION_LEVEL_NONE", "PROVISION_LEVEL_MINIMUM", "PROVISION_LEVEL_NOMINAL"])
    assert prov(box, "get_provisioned_list") == ["TMOS_MODULE_AM"]
    assert prov(box, "get_level", modules=["TMOS_MODULE_AM", "TMOS_MODULE_WOML"]) == [
        "PROVISION_LEVEL_NOMINAL", "PROVISION_LEVEL_NOMINAL"]


def test_reset_restores_provisioning():
    box = Box()
    prov(box, "set_level", modules=["TMOS_MODULE_VCMP"], levels=["PROVISION_LEVEL_NONE"])
    box.sim.reset()
    assert prov(box, "get_provisioned_list") == ["TMOS_MODULE_VCMP"]
