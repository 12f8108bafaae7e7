"""What the schema cannot say about a scenario: the setup must hang together.

Checks run on the plain data even when the schema found mistakes, so that a
person sees every problem at once; each check therefore looks only at
values of the right type and skips the rest (the schema reports those).
Guests are checked in ``scenario_guest_checks`` and events and faults in
``scenario_rule_checks``, with the ``Setup`` filled in here and there
(slot count, slot states, cores, guest names).
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any, Iterator

from vcmp_mock.engine.scenario_hardware import Hardware
from vcmp_mock.engine.scenario_model import Catalogue
from vcmp_mock.engine.scenario_yaml import Path, Problem

TEMPLATE_FIELDS = ("percent", "slot", "guest", "disk", "reason")


def as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def close_to(word: str, known: list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; known: {', '.join(known)}"


@dataclass
class Setup:
    """Facts about the scenario that the checks of its parts share."""

    data: dict
    catalogue: Catalogue | None
    hw: Hardware
    preset: str | None = None  # None when unknown
    slot_count: int | None = None
    slot_state: dict[int, str] | None = None  # slot id -> ok/empty/disabled/down/priming
    slot_cores: dict[int, int] | None = None  # slot id -> cores of its blade
    guests: tuple[str, ...] = ()

    @property
    def known_guests(self) -> list[str]:
        return list(self.guests) + [g for g in as_list(self.data.get("client_guests")) if isinstance(g, str)]

    def slot_problem(self, path: Path, value: Any) -> Problem | None:
        slot = as_int(value)
        if slot is None or self.slot_count is None or slot <= self.slot_count:
            return None
        return Problem(path, f"slot {slot} does not exist: {self.preset} has {slots_text(self.slot_count)}")

    def guest_problem(self, path: Path, value: Any) -> Problem | None:
        if not isinstance(value, str) or value in self.known_guests:
            return None
        known = self.known_guests
        listed = f"guests here: {', '.join(known)}" if known else "no guests are listed"
        return Problem(
            path,
            f"unknown guest '{value}' ({listed}; name guests the client creates under client_guests)",
        )


def slots_text(count: int) -> str:
    return "only slot 1" if count == 1 else f"slots 1-{count}"


def problems(setup: Setup) -> list[Problem]:
    """Problems of the top level and the chassis; fills in ``setup``."""
    return list(_top(setup)) + list(_chassis(setup))


# --- top level ----------------------------------------------------------------------


def _top(setup: Setup) -> Iterator[Problem]:
    data = setup.data
    version = as_str(data.get("bigip_version"))
    known = setup.catalogue.versions if setup.catalogue else ()
    if version and known and version not in known:
        yield Problem(
            ("bigip_version",),
            f"BIG-IP {version} is not a release this server emulates; one of: {', '.join(known)}",
        )
    clock = as_dict(data.get("clock"))
    if clock.get("mode") == "manual" and "scale" in clock:
        yield Problem(("clock", "scale"), "applies only to mode real: a manual clock moves only when told")
    start = as_str(clock.get("start"))
    if start is not None and parse_start(start) is None:
        yield Problem(
            ("clock", "start"),
            f"'{start}' is not an ISO 8601 date and time with a time zone, e.g. 2026-01-01T00:00:00Z",
        )
    yield from _repeats(data, "users", "name", "user")
    yield from _repeats(data, "guests", "name", "guest")
    guests = {as_dict(g).get("name") for g in as_list(data.get("guests"))}
    for index, name in enumerate(as_list(data.get("client_guests"))):
        if isinstance(name, str) and name in guests:
            yield Problem(("client_guests", index), f"'{name}' is already set up under guests")
    yield from timing_problems(("timing",), data.get("timing"))


def parse_start(text: str) -> float | None:
    """ISO 8601 with a time zone -> epoch seconds; None when it is not one."""
    try:
        when = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return None if when.tzinfo is None else when.timestamp()


def _repeats(data: dict, key: str, field: str, kind: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, item in enumerate(as_list(data.get(key))):
        name = as_dict(item).get(field)
        if not isinstance(name, str):
            continue
        if name in first:
            yield Problem((key, index, field), f"{kind} '{name}' is listed twice (also {key}[{first[name]}])")
        else:
            first[name] = index


def timing_problems(path: Path, timing: Any) -> Iterator[Problem]:
    for key in ("install_comment", "migrate_comment", "inactive_comment"):
        template = as_dict(timing).get(key)
        if not isinstance(template, str):
            continue
        try:
            template.format(**{name: 0 for name in TEMPLATE_FIELDS})
        except KeyError as err:
            fields = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            yield Problem(path + (key,), f"unknown placeholder {{{err.args[0]}}}; use {fields}")
        except (ValueError, IndexError) as err:
            yield Problem(path + (key,), f"not a valid template ({err}); write {{{{ and }}}} for braces")


# --- chassis ---------------------------------------------------------------------------


def _chassis(setup: Setup) -> Iterator[Problem]:
    chassis = as_dict(setup.data.get("chassis"))
    hw = setup.hw
    preset = chassis.get("preset", hw.default_preset)
    preset = preset.lower() if isinstance(preset, str) else preset
    if isinstance(preset, str) and preset not in hw.presets:
        yield Problem(("chassis", "preset"), f"unknown preset '{preset}'" + close_to(preset, sorted(hw.presets)))
        return
    if not isinstance(preset, str):
        return
    info = hw.presets[preset]
    setup.preset, setup.slot_count = preset, info.slot_count
    default_cores = yield from _blade(("chassis", "blade"), chassis.get("blade"), info.blade, hw)
    setup.slot_state = {sid: "ok" for sid in range(1, info.slot_count + 1)}
    setup.slot_cores = dict.fromkeys(setup.slot_state, default_cores)
    seen: dict[int, int] = {}
    for index, item in enumerate(as_list(chassis.get("slots"))):
        yield from _chassis_slot(setup, ("chassis", "slots", index), as_dict(item), seen, index)
    yield from _primary(setup, chassis.get("primary_slot"))


def _blade(path: Path, spec: Any, default: str, hw: Hardware):
    """Problems with a blade spec (yielded); returns its cores."""
    model = spec if isinstance(spec, str) else as_dict(spec).get("model", default)
    if not isinstance(model, str):
        return hw.blades.get(default, 0)
    model = model.lower()
    if model not in hw.blades:
        where = path if isinstance(spec, str) else path + ("model",)
        yield Problem(where, f"unknown blade model '{model}'" + close_to(model, sorted(hw.blades)))
        return hw.blades.get(default, 0)
    cores = as_int(as_dict(spec).get("cores"))
    return cores if cores is not None else hw.blades[model]


def _chassis_slot(setup: Setup, path: Path, item: dict, seen: dict[int, int], index: int):
    slot = as_int(item.get("id"))
    if slot is None:
        return
    problem = setup.slot_problem(path + ("id",), slot)
    if problem:
        yield problem
        return
    if slot in seen:
        yield Problem(path + ("id",), f"slot {slot} is listed twice (also chassis.slots[{seen[slot]}])")
        return
    seen[slot] = index
    state = item.get("state", "ok")
    if state == "empty" and "blade" in item:
        yield Problem(path + ("blade",), "an empty slot has no blade")
    if isinstance(state, str):
        setup.slot_state[slot] = state  # type: ignore[index]
    if "blade" in item:
        preset_blade = setup.hw.presets[setup.preset].blade  # type: ignore[index]
        cores = yield from _blade(path + ("blade",), item["blade"], preset_blade, setup.hw)
        setup.slot_cores[slot] = cores  # type: ignore[index]


def _primary(setup: Setup, value: Any) -> Iterator[Problem]:
    path = ("chassis", "primary_slot")
    problem = setup.slot_problem(path, value)
    if problem:
        yield problem
        return
    slot = as_int(value)
    state = (setup.slot_state or {}).get(slot or 0, "ok")
    if slot is not None and state not in ("ok", "priming"):
        yield Problem(path, f"slot {slot} cannot be primary: it is {state}")
