"""What the schema cannot say about events and fault rules.

References must name guests and slots the scenario knows, operations the
server serves (in the emulated version), and each rule's parts must make
sense together (a domain fault needs a phase, ``nth`` and ``skip`` exclude
each other ...). Runs after ``scenario_checks`` has worked out the setup.
"""

from __future__ import annotations

from typing import Any, Iterator

from vcmp_mock.engine.scenario_checks import Setup, as_dict, as_list, as_str, close_to
from vcmp_mock.engine.scenario_yaml import Path, Problem

ACTIONS = ("soap_fault", "http_error", "transport", "domain")
REQUEST_ONLY = ("interface", "operation", "user")


def problems(setup: Setup) -> list[Problem]:
    found: list[Problem] = []
    for index, item in enumerate(as_list(setup.data.get("events"))):
        found += _event(setup, ("events", index), as_dict(item))
    for index, item in enumerate(as_list(setup.data.get("faults"))):
        found += _fault(setup, ("faults", index), as_dict(item))
    return found


# --- shared: references ---------------------------------------------------------------


def _references(setup: Setup, path: Path, part: dict) -> Iterator[Problem]:
    """Guest, slot, interface and operation names in ``part`` must exist."""
    for key in ("guest", "slot", "from_slot", "to_slot"):
        if key not in part:
            continue
        check = setup.guest_problem if key == "guest" else setup.slot_problem
        problem = check(path + (key,), part[key])
        if problem:
            yield problem
    yield from _operation(setup, path, as_str(part.get("interface")), as_str(part.get("operation")))


def _operation(setup: Setup, path: Path, interface: str | None, operation: str | None) -> Iterator[Problem]:
    catalogue = setup.catalogue
    if catalogue is None:
        return
    if interface is not None and interface not in catalogue.since:
        yield Problem(path + ("interface",), f"unknown interface '{interface}'" + close_to(interface, sorted(catalogue.since)))
        return
    if operation is None:
        return
    scope = [interface] if interface else sorted(catalogue.since)
    firsts = [catalogue.since[name][operation] for name in scope if operation in catalogue.since[name]]
    elsewhere = [name for name in sorted(catalogue.since) if operation in catalogue.since[name]]
    if not firsts and elsewhere:
        yield Problem(path + ("operation",), f"'{operation}' is not an operation of {interface}; it belongs to {', '.join(elsewhere)}")
        return
    if not firsts:
        known = sorted({op for name in scope for op in catalogue.since[name]})
        where = f" of {interface}" if interface else ""
        yield Problem(path + ("operation",), f"unknown operation '{operation}'{where}" + close_to(operation, known))
        return
    version = as_str(setup.data.get("bigip_version"))
    if version and _key(version) is not None and all(_key(v) > _key(version) for v in firsts):
        first = min(firsts, key=_key)
        yield Problem(path + ("operation",), f"'{operation}' exists from BIG-IP {first}; this scenario emulates {version}")


def _key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return ()


# --- events -------------------------------------------------------------------------------


def _event(setup: Setup, path: Path, event: dict) -> Iterator[Problem]:
    for key in ("after_polls", "on_request", "blade", "set_guest_state", "delete_guest",
                "disk_failure", "disk_migration", "primary_slot"):
        part = event.get(key)
        if isinstance(part, dict):
            yield from _references(setup, path + (key,), part)
    request = as_dict(event.get("on_request"))
    if "nth" in request and "times" in request:
        yield Problem(path + ("on_request", "times"), "use nth or times, not both: nth fires on one request only")
    polls = as_dict(event.get("after_polls"))
    yield from _operation(setup, path + ("after_polls",), None, as_str(polls.get("operation")))
    move = as_dict(event.get("disk_migration"))
    if "from_slot" in move and move.get("from_slot") == move.get("to_slot"):
        yield Problem(path + ("disk_migration", "to_slot"), "must differ from from_slot")
    blade = as_dict(event.get("blade"))
    if "blade" in blade and blade.get("state") != "inserted":
        yield Problem(path + ("blade", "blade"), "applies only to state inserted")


# --- faults --------------------------------------------------------------------------------


def _fault(setup: Setup, path: Path, rule: dict) -> Iterator[Problem]:
    match = as_dict(rule.get("match"))
    yield from _references(setup, path + ("match",), match)
    if "nth" in match and "skip" in rule:
        yield Problem(path + ("skip",), "use match.nth or skip, not both: nth picks one call already")
    since, until = match.get("since"), match.get("until")
    if _number(since) and _number(until) and until <= since:
        yield Problem(path + ("match", "until"), f"must be after since ({since})")
    if "domain" in rule:
        yield from _domain(path, match)
    yield from _http(path, as_dict(rule.get("http_error")))
    yield from _delay(path + ("transport",), as_dict(rule.get("transport")))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _domain(path: Path, match: dict) -> Iterator[Problem]:
    if "phase" not in match:
        yield Problem(path + ("match",), "a domain fault needs match.phase: the phase that goes wrong")
    for key in REQUEST_ONLY:
        if key in match:
            yield Problem(
                path + ("match", key),
                "a domain fault matches a guest's phase, not a request; remove it",
            )


def _http(path: Path, error: dict) -> Iterator[Problem]:
    if "retry_after" in error and error.get("status") != 503:
        yield Problem(path + ("http_error", "retry_after"), "applies only to status 503")


_DELAY_KEYS = {"uniform": ("min", "max"), "lognormal": ("median", "sigma", "max")}


def _delay(path: Path, transport: dict) -> Iterator[Problem]:
    if transport.get("kind") != "delay":
        return
    distribution = transport.get("distribution")
    allowed = _DELAY_KEYS.get(distribution, ()) if isinstance(distribution, str) else ()
    for key in ("min", "max", "median", "sigma"):
        if key in transport and key not in allowed:
            owners = [name for name, keys in _DELAY_KEYS.items() if key in keys]
            yield Problem(path + (key,), f"applies only to distribution {' or '.join(owners)}")
    low, high = transport.get("min"), transport.get("max")
    if distribution == "uniform" and _number(low) and _number(high) and high < low:
        yield Problem(path + ("max",), f"must be ≥ min ({low})")
