"""A loaded scenario, applied: a simulator built from it, with its rules running.

``start(scenario, config)`` builds the clock, the chassis and the
``Simulator`` a scenario describes and returns a ``ScenarioRuntime``,
which puts the scenario's guests in place and keeps its fault rules and
events going:

* time events are handed to the host's own timeline (``host.schedule``),
  so each happens at its simulated instant even when nobody is asking;
* ``before_request`` is what the SOAP layer calls before it serves a
  request: it fires the request-driven events and answers which protocol,
  HTTP or transport fault applies (None: serve normally);
* domain faults reach the host through its ``DomainFaults`` hook.

``reset()`` puts everything back as the scenario describes it and starts
the scenario's time again from the clock's now. The host's refusals while
setting up become ``ScenarioInvalid`` errors placed at the scenario's line.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

from vcmp_mock.config import Config
from vcmp_mock.domain.clock import DEFAULT_EPOCH, Clock, ManualClock, RealClock
from vcmp_mock.domain.errors import DomainError
from vcmp_mock.domain.faults import NO_FAULTS, FaultAction, PhaseFault
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.lifecycle import Phase
from vcmp_mock.domain.model import DiskKey, GuestState, ManagementAddress
from vcmp_mock.domain.timing import DEFAULT_TIMING
from vcmp_mock.engine import events as ev
from vcmp_mock.engine.events import EventSchedule
from vcmp_mock.engine.faults import DomainEffect, FaultRules, PhaseFacts, RequestFacts
from vcmp_mock.engine.faults import FaultAction as RequestFault
from vcmp_mock.engine.scenario_hardware import blade_model, chassis_spec
from vcmp_mock.engine.scenario_model import (
    GuestSetup,
    Scenario,
    ScenarioError,
    ScenarioInvalid,
)
from vcmp_mock.engine.simulator import Simulator

HostAction = Callable[[object], None]


# --- settings the scenario takes over from the server's ------------------------------


def configure(config: Config, scenario: Scenario) -> Config:
    """``config`` with the scenario's seed, version, users, preset and time scale."""
    changes: dict[str, object] = {}
    if scenario.seed is not None:
        changes["seed"] = scenario.seed
    if scenario.bigip_version is not None:
        changes["bigip_version"] = scenario.bigip_version
    if scenario.users is not None:
        changes["users"] = scenario.users
    if scenario.chassis.preset is not None:
        changes["preset"] = scenario.chassis.preset
    if scenario.clock is not None and scenario.clock.mode == "real":
        changes["time_scale"] = scenario.clock.scale
    return replace(config, **changes)


def make_clock(scenario: Scenario, config: Config) -> Clock:
    clock = scenario.clock
    start = DEFAULT_EPOCH if clock is None or clock.start is None else clock.start
    if clock is not None and clock.mode == "manual":
        return ManualClock(start)
    return RealClock(scale=config.time_scale, start=start)


def start(scenario: Scenario, config: Config, clock: Clock | None = None) -> "ScenarioRuntime":
    """The simulator a scenario describes, set up (``clock``: a test's own)."""
    config = configure(config, scenario)
    try:
        chassis = chassis_spec(scenario.chassis, config.preset)
    except DomainError as err:
        raise ScenarioInvalid([scenario.error("chassis", err.message)]) from None
    simulator = Simulator(
        chassis,
        seed=config.seed,
        clock=clock if clock is not None else make_clock(scenario, config),
        timing=scenario.timing.apply(DEFAULT_TIMING),
    )
    return ScenarioRuntime(scenario, simulator)


# --- the runtime ------------------------------------------------------------------------


class ScenarioRuntime:
    """A simulator kept in the shape of a scenario, with its rules and events."""

    def __init__(self, scenario: Scenario, simulator: Simulator) -> None:
        self.scenario = scenario
        self.simulator = simulator
        self.rules = FaultRules(scenario.faults, simulator.rng)
        self.events = EventSchedule([e for e in scenario.events if not isinstance(e.trigger, ev.AtTime)])
        self.origin = simulator.clock.now()
        self._timed = [e for e in scenario.events if isinstance(e.trigger, ev.AtTime)]
        with simulator.lock:
            self._set_up()

    @property
    def host(self):
        return self.simulator.host

    def elapsed(self) -> float:
        """Simulated seconds since the scenario started (or was reset)."""
        return self.simulator.clock.now() - self.origin

    def reset(self) -> None:
        """Everything as the scenario describes it; its time starts again now."""
        with self.simulator.lock:
            self.host.faults = NO_FAULTS
            self.simulator.reset()
            self.rules.reset()
            self.events.reset()
            self.origin = self.simulator.clock.now()
            self._set_up()

    def before_request(
        self,
        interface: str,
        operation: str,
        guests: Sequence[str] = (),
        slots: Sequence[int] = (),
        user: str = "",
        canonical_interface: str | None = None,
    ) -> RequestFault | None:
        """Fire the events this request triggers; the fault to answer it with, if any."""
        with self.simulator.lock:
            now = self.elapsed()
            facts = RequestFacts(
                interface, operation, tuple(guests), tuple(slots), user, now,
                self._phases(guests) if self.rules.needs_phases else {}, canonical_interface,
            )
            for firing in self.events.due(now, facts):
                self._schedule(firing.at, firing.event)
            return self.rules.match(facts)

    def event_errors(self) -> list[tuple[float, str, str]]:
        """Events the host refused: (scenario seconds, event, message)."""
        return [(at - self.origin, label, message) for at, label, message in self.host.event_errors()]

    # --- setting up -----------------------------------------------------------------------
    def _set_up(self) -> None:
        host, errors = self.host, []
        self.host.faults = NO_FAULTS  # the starting state is as written, whatever the rules say
        for guest in self.scenario.guests:
            errors += self._create(guest)
        for guest in self.scenario.guests:
            if guest.settled and guest.state is not GuestState.CONFIGURED and not errors:
                errors += self._place(guest)
        if errors:
            raise ScenarioInvalid(sorted(errors))
        host.faults = _DomainFaults(self)
        for guest in self.scenario.guests:
            if not guest.settled:
                host.set_requested_state(guest.name, guest.state)
        for event in self._timed:
            self._schedule(event.trigger.seconds, event)

    def _create(self, g: GuestSetup) -> list[ScenarioError]:
        host, timing = self.host, self.host.timing
        steps: list[tuple[str, Callable[[], None]]] = [
            ("name", lambda: host.create_guest(GuestSpec(
                g.name, g.hostname or "", g.initial_image or "",
                g.management or ManagementAddress("", ""), g.gateway or "", g.vlans or (),
            ))),
        ]
        optional = [
            ("network_mode", g.network_mode, host.set_network_mode),
            ("slot_allocation", g.slot_allocation, host.set_slot_allocation),
            ("slots", g.slots, host.set_slots),
            ("min_slots", g.min_slots, host.set_min_slots),
            ("allowed_slots", g.allowed_slots, host.set_allowed_slots),
            ("cores_per_slot", g.cores_per_slot, host.set_cores_per_slot),
            ("ssl_mode", g.ssl_mode, host.set_ssl_mode),
            ("fips_name", g.fips_name, host.set_fips_name),
            ("capabilities", g.capabilities, host.add_capabilities),
            ("virtual_disk", g.virtual_disk, host.set_virtual_disk),
            ("timing", g.timing and g.timing.apply(timing), host.set_guest_timing),
        ]
        steps += [(key, _setter(setter, g.name, value)) for key, value, setter in optional if value is not None]
        for key, step in steps:
            try:
                step()
            except DomainError as err:
                return [self.scenario.error(f"{g.where}.{key}", err.message)]
        return []

    def _place(self, g: GuestSetup) -> list[ScenarioError]:
        """Bring a settled guest to its state at once, on its assigned slots."""
        host = self.host
        try:
            if g.assigned_slots is not None:
                host.set_allowed_slots(g.name, g.assigned_slots)
            host.set_requested_state(g.name, g.state)
            if g.assigned_slots is not None:
                host.set_allowed_slots(g.name, g.allowed_slots or [s.slot_id for s in host.slots()])
            host.settle(g.name)
        except DomainError as err:
            return [self.scenario.error(f"{g.where}.state", err.message)]
        failed = [r.comment for r in host.completion_status(g.name) if not r.request_complete or r.status.name == "FAILED"]
        if failed:
            return [self.scenario.error(f"{g.where}.state", f"cannot be {g.state.name.lower()}: {failed[0]}")]
        return []

    # --- events and faults --------------------------------------------------------------------
    def _schedule(self, at: float, event: ev.EventSpec) -> None:
        self.host.schedule(self.origin + at, _host_action(event.action, self), event.where)

    def _phases(self, guests: Sequence[str]) -> dict[str, frozenset[str]]:
        found = {}
        for name in guests:
            if self.host.has_guest(name):
                found[name] = frozenset(p.name.lower() for p in self.host.slot_phases(name).values())
        return found


def _setter(setter: Callable[..., None], name: str, value: object) -> Callable[[], None]:
    return lambda: setter(name, value)


def _host_action(action: ev.EventAction, runtime: ScenarioRuntime) -> HostAction:
    """What an event does to the host (run by the host at the event's time)."""
    if isinstance(action, ev.BladeEvent):
        return _blade_action(action, runtime)
    if isinstance(action, ev.GuestStateEvent):
        return lambda host: host.set_state_by_other(action.guest, action.state)
    if isinstance(action, ev.GuestDeleteEvent):
        return lambda host: host.delete_guest(action.guest)
    if isinstance(action, ev.DiskFailureEvent):
        return lambda host: host.fail_disk(_disk(host, action.guest, action.slot), action.comment)
    if isinstance(action, ev.DiskMigrationEvent):
        return lambda host: host.migrate_disk(_disk(host, action.guest, action.from_slot), action.to_slot)
    return lambda host: host.set_primary_slot(action.slot)


def _blade_action(action: ev.BladeEvent, runtime: ScenarioRuntime) -> HostAction:
    slot, change = action.slot, action.change
    if change is ev.BladeChange.INSERTED:
        chassis = runtime.simulator.chassis
        base = blade_model(runtime.scenario.chassis.blade, chassis.platform.default_blade)
        model = blade_model(action.blade, base)
        return lambda host: host.insert_blade(slot, model)
    if change is ev.BladeChange.REMOVED:
        return lambda host: host.remove_blade(slot)
    up = change is ev.BladeChange.UP
    return lambda host: host.set_blade_up(slot, up)


def _disk(host, guest: str, slot: int) -> DiskKey:
    return DiskKey(slot, host.guest(guest).virtual_disk or f"{guest}.img")


class _DomainFaults:
    """The host's fault hook, answered by the scenario's domain rules."""

    def __init__(self, runtime: ScenarioRuntime) -> None:
        self.runtime = runtime

    def phase_fault(self, guest: str, slot_id: int, phase: Phase) -> PhaseFault | None:
        facts = PhaseFacts(guest, slot_id, phase.name.lower(), self.runtime.elapsed())
        fault = self.runtime.rules.domain_match(facts)
        if fault is None:
            return None
        fails = fault.effect is DomainEffect.FAIL
        at = fault.at_percent if fault.at_percent is not None else (100.0 if fails else 0.0)
        return PhaseFault(FaultAction.FAIL if fails else FaultAction.STALL, at, fault.comment)
