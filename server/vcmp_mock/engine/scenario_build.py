"""Plain scenario data (already checked) -> the typed model.

Runs only on data that passed the schema and the checks, so it converts
without second-guessing: YAML words become domain enums, event and fault
entries become the engine's ``EventSpec`` and ``FaultRule``.
"""

from __future__ import annotations

from typing import Any, Mapping

from vcmp_mock.config import User
from vcmp_mock.domain.model import (
    Capability,
    GuestState,
    ManagementAddress,
    NetworkMode,
    SlotAllocation,
    SslMode,
)
from vcmp_mock.domain import validation
from vcmp_mock.engine import events as ev
from vcmp_mock.engine import faults as fl
from vcmp_mock.engine.scenario_checks import parse_start
from vcmp_mock.engine.scenario_model import (
    BladeSpec,
    ChassisSetup,
    ClockSpec,
    GuestSetup,
    Scenario,
    SlotSpec,
    TimingSpec,
)


def build(data: dict, source: str, lines: Mapping[str, int]) -> Scenario:
    users = data.get("users")
    return Scenario(
        source=source,
        description=data.get("description", ""),
        seed=data.get("seed"),
        bigip_version=data.get("bigip_version"),
        clock=_clock(data["clock"]) if "clock" in data else None,
        users=None if users is None else tuple(User(u["name"], u["password"], u.get("role", "admin")) for u in users),
        chassis=_chassis(data.get("chassis", {})),
        guests=tuple(_guest(g, f"guests[{i}]") for i, g in enumerate(data.get("guests", []))),
        client_guests=tuple(data.get("client_guests", [])),
        timing=_timing(data.get("timing", {})),
        events=tuple(_event(e, f"events[{i}]") for i, e in enumerate(data.get("events", []))),
        faults=tuple(_fault(f, f"faults[{i}]") for i, f in enumerate(data.get("faults", []))),
        lines=dict(lines),
    )


def _clock(clock: dict) -> ClockSpec:
    start = clock.get("start")
    return ClockSpec(clock["mode"], clock.get("scale", 1.0), None if start is None else parse_start(start))


def blade(spec: Any) -> BladeSpec | None:
    if spec is None:
        return None
    if isinstance(spec, str):
        return BladeSpec(spec)
    return BladeSpec(spec.get("model"), spec.get("cores"), spec.get("memory_per_core_mb"), spec.get("max_guests"))


def _chassis(chassis: dict) -> ChassisSetup:
    slots = tuple(
        SlotSpec(s["id"], s.get("state", "ok"), blade(s.get("blade"))) for s in chassis.get("slots", [])
    )
    return ChassisSetup(chassis.get("preset"), blade(chassis.get("blade")), slots, chassis.get("primary_slot"))


def _timing(timing: dict) -> TimingSpec:
    return TimingSpec(tuple(sorted(timing.items())))


def _enum(kind, value):
    return None if value is None else kind[value.upper()]


def _guest(g: dict, where: str) -> GuestSetup:
    address = g.get("management_address")
    management = None
    if address is not None:
        ip, _, mask = address.partition("/")
        management = validation.management(ManagementAddress(ip, mask))
    caps = g.get("capabilities")
    return GuestSetup(
        name=g["name"],
        state=GuestState[g.get("state", "configured").upper()],
        settled=g.get("settled", True),
        hostname=g.get("hostname"),
        initial_image=g.get("initial_image"),
        management=management,
        gateway=g.get("management_gateway"),
        network_mode=_enum(NetworkMode, g.get("network_mode")),
        vlans=None if "vlans" not in g else tuple(g["vlans"]),
        slot_allocation=_enum(SlotAllocation, g.get("slot_allocation")),
        slots=g.get("slots"),
        min_slots=g.get("min_slots"),
        allowed_slots=None if "allowed_slots" not in g else tuple(sorted(g["allowed_slots"])),
        assigned_slots=None if "assigned_slots" not in g else tuple(sorted(g["assigned_slots"])),
        cores_per_slot=g.get("cores_per_slot"),
        ssl_mode=_enum(SslMode, g.get("ssl_mode")),
        fips_name=g.get("fips_name"),
        capabilities=None if caps is None else tuple((Capability[k.upper()], v) for k, v in caps.items()),
        virtual_disk=g.get("virtual_disk"),
        timing=_timing(g["timing"]) if "timing" in g else None,
        where=where,
    )


# --- events ----------------------------------------------------------------------------


def _event(e: dict, where: str) -> ev.EventSpec:
    return ev.EventSpec(_trigger(e), _event_action(e), where)


def _trigger(e: dict) -> ev.Trigger:
    if "at" in e:
        return ev.AtTime(float(e["at"]))
    if "after_polls" in e:
        p = e["after_polls"]
        return ev.AfterPolls(p["guest"], p["count"], p.get("operation", "get_completion_status"))
    r = e["on_request"]
    match = fl.Match(
        interface=r.get("interface"),
        operation=r.get("operation"),
        guest=r.get("guest"),
        slot=r.get("slot"),
        user=r.get("user"),
        nth=r.get("nth"),
    )
    return ev.OnRequest(match, r.get("times", 1))


def _event_action(e: dict) -> ev.EventAction:
    if "blade" in e:
        b = e["blade"]
        return ev.BladeEvent(b["slot"], ev.BladeChange(b["state"]), blade(b.get("blade")))
    if "set_guest_state" in e:
        s = e["set_guest_state"]
        return ev.GuestStateEvent(s["guest"], GuestState[s["state"].upper()])
    if "delete_guest" in e:
        return ev.GuestDeleteEvent(e["delete_guest"]["guest"])
    if "disk_failure" in e:
        d = e["disk_failure"]
        return ev.DiskFailureEvent(d["guest"], d["slot"], d.get("comment", ""))
    if "disk_migration" in e:
        m = e["disk_migration"]
        return ev.DiskMigrationEvent(m["guest"], m["from_slot"], m["to_slot"])
    return ev.PrimarySlotEvent(e["primary_slot"]["slot"])


# --- faults ------------------------------------------------------------------------------


def _fault(f: dict, where: str) -> fl.FaultRule:
    m = f.get("match", {})
    match = fl.Match(
        interface=m.get("interface"),
        operation=m.get("operation"),
        guest=m.get("guest"),
        slot=m.get("slot"),
        user=m.get("user"),
        phase=m.get("phase"),
        nth=m.get("nth"),
        since=m.get("since"),
        until=m.get("until"),
    )
    return fl.FaultRule(
        match, _fault_action(f), f.get("times"), f.get("skip", 0), float(f.get("probability", 1.0)), where
    )


def _fault_action(f: dict) -> fl.RuleAction:
    if "soap_fault" in f:
        s = f["soap_fault"]
        return fl.ProtocolFault(s["exception"], s.get("error_string"), s.get("primary_code"), s.get("secondary_code"))
    if "http_error" in f:
        h = f["http_error"]
        return fl.HttpFault(h["status"], h.get("body"), h.get("retry_after"))
    if "transport" in f:
        return _transport(f["transport"])
    d = f["domain"]
    return fl.DomainFault(fl.DomainEffect(d["effect"]), d.get("comment", ""), d.get("at_percent"))


def _transport(t: dict) -> fl.TransportSpec:
    kind = fl.TransportKind(t["kind"])
    if kind is fl.TransportKind.DELAY:
        return fl.TransportSpec(kind, delay=_delay(t))
    if kind is fl.TransportKind.HANG:
        return fl.TransportSpec(kind, hold_seconds=t.get("seconds"))
    return fl.TransportSpec(kind, after_bytes=t.get("after_bytes"), fraction=t.get("fraction"))


def _delay(t: dict) -> fl.Delay:
    distribution = t.get("distribution", "fixed")
    if distribution == "uniform":
        return fl.Delay("uniform", low=t["min"], high=t["max"])
    if distribution == "lognormal":
        return fl.Delay("lognormal", median=t["median"], sigma=t["sigma"], cap=t.get("max"))
    return fl.Delay("fixed", seconds=t["seconds"])
