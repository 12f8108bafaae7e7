"""What the schema cannot say about the guests a scenario starts with.

Names are unique, counts agree (min_slots <= slots <= the chassis),
slots exist and can hold the guest's cores, and every value is one the
host itself would accept: those are checked with the domain's own
validation, so the messages are the host's.
"""

from __future__ import annotations

from typing import Iterator

from vcmp_mock.domain import validation
from vcmp_mock.domain.errors import InvalidArgument
from vcmp_mock.domain.model import ManagementAddress
from vcmp_mock.engine.scenario_checks import (
    Setup,
    as_dict,
    as_int,
    as_list,
    as_str,
    slots_text,
    timing_problems,
)
from vcmp_mock.engine.scenario_yaml import Path, Problem


def problems(setup: Setup) -> list[Problem]:
    """Problems of the guests; records their names in ``setup``."""
    return list(_guests(setup))


def _guests(setup: Setup) -> Iterator[Problem]:
    names = [as_dict(g).get("name") for g in as_list(setup.data.get("guests"))]
    setup.guests = tuple(n for n in names if isinstance(n, str))
    used: dict[int, list[tuple[str, int]]] = {}
    over: list[Problem] = []
    for index, item in enumerate(as_list(setup.data.get("guests"))):
        guest = as_dict(item)
        path: Path = ("guests", index)
        yield from _guest_values(path, guest)
        yield from _guest_slots(setup, path, guest)
        yield from timing_problems(path + ("timing",), guest.get("timing"))
        _book(used, guest, path, over, setup.slot_cores or {})
    yield from over


def _guest_values(path: Path, guest: dict) -> Iterator[Problem]:
    """Values the host itself would refuse, in the host's own words."""
    checks = [
        ("hostname", validation.hostname),
        ("initial_image", lambda v: validation.filename("initial image", v)),
        ("virtual_disk", lambda v: validation.filename("virtual disk", v)),
        ("fips_name", lambda v: validation.free_text("FIPS name", v)),
    ]
    for key, check in checks:
        yield from _refused(path + (key,), check, as_str(guest.get(key)))
    for index, vlan in enumerate(as_list(guest.get("vlans"))):
        yield from _refused(path + ("vlans", index), lambda v: validation.object_names("vlan", [v]), as_str(vlan))
    address = as_str(guest.get("management_address"))
    mgmt = ManagementAddress("", "")
    if address is not None:
        ip, _, mask = address.partition("/")
        try:
            mgmt = validation.management(ManagementAddress(ip, mask))
        except InvalidArgument as err:
            yield Problem(path + ("management_address",), _refusal(err))
    gateway = as_str(guest.get("management_gateway"))
    yield from _refused(path + ("management_gateway",), lambda v: validation.gateway(v, mgmt), gateway)
    state = guest.get("state", "configured")
    if guest.get("settled") is False and state == "configured":
        yield Problem(path + ("settled",), "applies to provisioned and deployed guests; a configured guest holds nothing")
    if state in ("provisioned", "deployed") and guest.get("settled", True) is True and not guest.get("initial_image"):
        yield Problem(path, f"a {state} guest needs initial_image: its disk was installed from it")


def _refused(path: Path, check, value: str | None) -> Iterator[Problem]:
    if value is None:
        return
    try:
        check(value)
    except InvalidArgument as err:
        yield Problem(path, _refusal(err))


def _refusal(err: InvalidArgument) -> str:
    return f"{err.value!r} is refused: {err.reason}"


def _guest_slots(setup: Setup, path: Path, guest: dict) -> Iterator[Problem]:
    slots, min_slots = as_int(guest.get("slots")), as_int(guest.get("min_slots"))
    count = setup.slot_count
    if slots is not None and count is not None and slots > count:
        yield Problem(path + ("slots",), f"must be ≤ {count}: {setup.preset} has {slots_text(count)}")
    if min_slots is not None and slots is not None and slots < min_slots:
        yield Problem(path + ("slots",), f"must be ≥ min_slots ({min_slots})")
    elif min_slots is not None and slots is None and min_slots > 1:
        yield Problem(path + ("min_slots",), "must be ≤ slots (1, the default)")
    allowed = [as_int(s) for s in as_list(guest.get("allowed_slots"))]
    for index, slot in enumerate(allowed):
        problem = setup.slot_problem(path + ("allowed_slots", index), slot)
        if problem:
            yield problem
    if allowed and min_slots is not None and len(allowed) < min_slots:
        yield Problem(path + ("allowed_slots",), f"allows {len(allowed)} slot(s) but min_slots is {min_slots}")
    yield from _cores(setup, path, guest)
    if "assigned_slots" in guest:
        yield from _assigned(setup, path, guest, allowed)


def _cores(setup: Setup, path: Path, guest: dict) -> Iterator[Problem]:
    cores = as_int(guest.get("cores_per_slot"))
    if cores is None or not setup.slot_cores:
        return
    largest = max(setup.slot_cores.values())
    try:
        validation.cores_per_slot(cores, largest)
    except InvalidArgument as err:
        yield Problem(path + ("cores_per_slot",), f"{cores} is refused: {err.reason}")


def _assigned(setup: Setup, path: Path, guest: dict, allowed: list) -> Iterator[Problem]:
    where = path + ("assigned_slots",)
    if guest.get("state", "configured") == "configured":
        yield Problem(where, "a configured guest holds no slots; set state to provisioned or deployed")
        return
    assigned = [as_int(s) for s in as_list(guest.get("assigned_slots"))]
    slots, min_slots = as_int(guest.get("slots")) or 1, as_int(guest.get("min_slots")) or 1
    if not min_slots <= len(assigned) <= slots:
        yield Problem(where, f"holds {len(assigned)} slot(s); it must hold between min_slots ({min_slots}) and slots ({slots})")
    cores = as_int(guest.get("cores_per_slot")) or 2
    for index, slot in enumerate(assigned):
        yield from _assigned_slot(setup, where + (index,), slot, allowed, cores)


def _assigned_slot(setup: Setup, path: Path, slot: int | None, allowed: list, cores: int) -> Iterator[Problem]:
    if slot is None:
        return
    problem = setup.slot_problem(path, slot)
    if problem:
        yield problem
        return
    if allowed and slot not in allowed:
        yield Problem(path, f"slot {slot} is not in allowed_slots")
    state = (setup.slot_state or {}).get(slot)
    if state == "empty":
        yield Problem(path, f"slot {slot} is empty")
    offered = (setup.slot_cores or {}).get(slot)
    if state != "empty" and offered is not None and cores > offered:
        yield Problem(path, f"the blade in slot {slot} has {offered} cores; the guest needs {cores}")


def _book(used: dict[int, list[tuple[str, int]]], guest: dict, path: Path, over: list[Problem], cores_of: dict) -> None:
    """Book the cores of a guest placed by the scenario; note a slot it overfills."""
    if guest.get("state", "configured") == "configured":
        return
    cores = as_int(guest.get("cores_per_slot")) or 2
    for index, slot in enumerate(as_list(guest.get("assigned_slots"))):
        if as_int(slot) is None or slot not in cores_of:
            continue
        bookings = used.setdefault(slot, [])
        bookings.append((str(guest.get("name")), cores))
        total = sum(c for _, c in bookings)
        if len(bookings) > 1 and total > cores_of[slot]:
            names = " and ".join(name for name, _ in bookings)
            over.append(Problem(
                path + ("assigned_slots", index),
                f"slot {slot} is over-committed: {names} need {total} cores; the blade has {cores_of[slot]}",
            ))
