"""Fault rules: declarative, in order, first match wins.

A scenario lists rules; each names what it matches (interface, operation,
guest, slot, user, phase, call number, a window of simulated time) and one
action at one layer. ``FaultRules`` answers, for each request, which action
applies, if any. It carries nothing out: the SOAP layer raises protocol
faults, the portal sends HTTP errors and wire faults, and the domain applies
domain faults when a guest's slot enters a phase.

Counting follows govmomi's vcsim: every rule whose criteria hold counts the
call (so ``nth: 3`` is the third such call the client made, whichever rule
answered the first two); then the first rule that is due and wins its draw
answers. Draws come from a fork of the simulation's Rng, so they never shift
other randomness, and a seed reproduces them call for call.
"""

from __future__ import annotations

import enum
import math
import threading
from dataclasses import dataclass, field
from typing import ClassVar, Mapping, Sequence, Union

from vcmp_mock.domain.rng import Rng


class Layer(enum.Enum):
    PROTOCOL = "protocol"  # an iControl SOAP fault
    HTTP = "http"  # an HTTP error status instead of a SOAP answer
    TRANSPORT = "transport"  # something wrong on the wire
    DOMAIN = "domain"  # the simulated host itself misbehaves


# --- actions -------------------------------------------------------------------


@dataclass(frozen=True)
class ProtocolFault:
    """Answer with this iControl exception; None lets icontrol choose."""

    layer: ClassVar[Layer] = Layer.PROTOCOL
    exception: str  # "Common::OperationFailed"
    error_string: str | None = None
    primary_code: int | None = None
    secondary_code: int | None = None


@dataclass(frozen=True)
class HttpFault:
    """Answer with this HTTP status; ``body`` None lets the portal choose."""

    layer: ClassVar[Layer] = Layer.HTTP
    status: int  # 401, 500 or 503
    body: str | None = None
    retry_after: int | None = None  # seconds, for 503


class TransportKind(enum.Enum):
    DELAY = "delay"  # answer normally, late
    CONNECTION_RESET = "connection_reset"  # close with a TCP reset, no answer
    EMPTY_RESPONSE = "empty_response"  # close cleanly without a byte
    TRUNCATE = "truncate"  # send part of the answer, then close
    MALFORMED_XML = "malformed_xml"  # a 200 answer whose XML does not parse
    HANG = "hang"  # send nothing until the client gives up


@dataclass(frozen=True)
class Delay:
    """How long a delay lasts, in real seconds: fixed, uniform or lognormal."""

    distribution: str = "fixed"  # "fixed", "uniform", "lognormal"
    seconds: float = 0.0  # fixed
    low: float = 0.0  # uniform
    high: float = 0.0  # uniform
    median: float = 0.0  # lognormal
    sigma: float = 0.0  # lognormal
    cap: float | None = None  # upper bound for any distribution

    def sample(self, rng: Rng) -> float:
        if self.distribution == "uniform":
            value = rng.uniform(self.low, self.high)
        elif self.distribution == "lognormal":
            value = rng.lognormvariate(math.log(self.median), self.sigma)
        else:
            value = self.seconds
        return value if self.cap is None else min(value, self.cap)


@dataclass(frozen=True)
class TransportSpec:
    """A wire fault as a scenario writes it; random parts are drawn on a hit."""

    layer: ClassVar[Layer] = Layer.TRANSPORT
    kind: TransportKind
    delay: Delay | None = None  # DELAY only
    after_bytes: int | None = None  # TRUNCATE: keep this many bytes ...
    fraction: float | None = None  # ... or this share of the answer
    hold_seconds: float | None = None  # HANG: close after this long; None: never


@dataclass(frozen=True)
class TransportFault:
    """A wire fault with every number settled, for the portal to carry out."""

    layer: ClassVar[Layer] = Layer.TRANSPORT
    kind: TransportKind
    seconds: float | None = None  # DELAY: the wait; HANG: the hold (None: forever)
    after_bytes: int | None = None
    fraction: float | None = None


class DomainEffect(enum.Enum):
    FAIL = "fail"  # the phase stops at at_percent; the slot shows FAILED
    STALL = "stall"  # the phase gets to at_percent and never finishes


@dataclass(frozen=True)
class DomainFault:
    """What goes wrong in a lifecycle phase of one guest on one slot."""

    layer: ClassVar[Layer] = Layer.DOMAIN
    effect: DomainEffect
    comment: str = ""
    at_percent: float | None = None  # how far the phase gets; None: the domain's default


RuleAction = Union[ProtocolFault, HttpFault, TransportSpec, DomainFault]
FaultAction = Union[ProtocolFault, HttpFault, TransportFault]


# --- what a rule is matched against ----------------------------------------------


@dataclass(frozen=True)
class RequestFacts:
    """One iControl request, as far as rules and events care.

    ``now`` is simulated seconds since the scenario started. ``phases`` maps
    a guest named in the request to the phases its slots are in; callers fill
    it only when ``FaultRules.needs_phases`` says a rule looks at it.
    ``canonical_interface`` names the interface behind an alias
    (``System.VCMP`` for a call on ``Management.VCMP``).
    """

    interface: str
    operation: str
    guests: tuple[str, ...] = ()
    slots: tuple[int, ...] = ()
    user: str = ""
    now: float = 0.0
    phases: Mapping[str, frozenset[str]] = field(default_factory=dict)
    canonical_interface: str | None = None


@dataclass(frozen=True)
class PhaseFacts:
    """A guest's slot entering a lifecycle phase (what domain rules see)."""

    guest: str
    slot: int
    phase: str
    now: float = 0.0


@dataclass(frozen=True)
class Match:
    """Criteria of a rule or event trigger; None matches anything."""

    interface: str | None = None
    operation: str | None = None
    guest: str | None = None
    slot: int | None = None
    user: str | None = None
    phase: str | None = None
    nth: int | None = None  # only the nth call that meets the other criteria
    since: float | None = None  # simulated seconds since the start, inclusive
    until: float | None = None  # exclusive

    def holds(self, facts: RequestFacts | PhaseFacts) -> bool:
        if isinstance(facts, PhaseFacts):
            return self._holds_for_phase(facts)
        return self._holds_for_request(facts)

    def _holds_for_request(self, facts: RequestFacts) -> bool:
        names = {facts.interface, facts.canonical_interface or facts.interface}
        return (
            self._in_window(facts.now)
            and (self.interface is None or self.interface in names)
            and (self.operation is None or self.operation == facts.operation)
            and (self.guest is None or self.guest in facts.guests)
            and (self.slot is None or self.slot in facts.slots)
            and (self.user is None or self.user == facts.user)
            and (self.phase is None or self._phase_in(facts.phases))
        )

    def _phase_in(self, phases: Mapping[str, frozenset[str]]) -> bool:
        if self.guest is not None:
            return self.phase in phases.get(self.guest, frozenset())
        return any(self.phase in found for found in phases.values())

    def _holds_for_phase(self, facts: PhaseFacts) -> bool:
        return (
            self._in_window(facts.now)
            and (self.guest is None or self.guest == facts.guest)
            and (self.slot is None or self.slot == facts.slot)
            and (self.phase is None or self.phase == facts.phase)
        )

    def _in_window(self, now: float) -> bool:
        return (self.since is None or now >= self.since) and (
            self.until is None or now < self.until
        )


@dataclass(frozen=True)
class FaultRule:
    match: Match
    action: RuleAction
    times: int | None = None  # hits at most this often; None: no limit
    skip: int = 0  # let the first ``skip`` matching calls through
    probability: float = 1.0  # chance a due call is hit
    where: str = ""  # "faults[2]", for reports

    @property
    def layer(self) -> Layer:
        return self.action.layer


@dataclass(frozen=True)
class RuleCount:
    where: str
    matched: int  # calls that met the criteria
    hits: int  # calls the rule answered


# --- the engine ------------------------------------------------------------------


class FaultRules:
    """Answers which fault, if any, applies to a request or a phase."""

    def __init__(self, rules: Sequence[FaultRule], rng: Rng) -> None:
        self.rules = tuple(rules)
        self._request_rng = rng.fork("fault-rules")
        self._domain_rng = rng.fork("domain-faults")
        self._lock = threading.Lock()
        self.reset()

    @property
    def needs_phases(self) -> bool:
        """True when a request rule looks at the phase of a guest."""
        return any(
            rule.match.phase is not None and rule.layer is not Layer.DOMAIN
            for rule in self.rules
        )

    def reset(self) -> None:
        with self._lock:
            self._matched = [0] * len(self.rules)
            self._hits = [0] * len(self.rules)
            self._request_rng.reset()
            self._domain_rng.reset()

    def match(self, facts: RequestFacts) -> FaultAction | None:
        """The protocol, HTTP or transport fault for this request, or None."""
        with self._lock:
            rule = self._first(facts, domain=False, rng=self._request_rng)
            return None if rule is None else self._settle(rule.action)

    def domain_match(self, facts: PhaseFacts) -> DomainFault | None:
        """The domain fault for a guest's slot entering a phase, or None."""
        with self._lock:
            rule = self._first(facts, domain=True, rng=self._domain_rng)
            return None if rule is None else rule.action  # type: ignore[return-value]

    def counts(self) -> tuple[RuleCount, ...]:
        with self._lock:
            return tuple(
                RuleCount(rule.where, matched, hits)
                for rule, matched, hits in zip(self.rules, self._matched, self._hits)
            )

    def _first(self, facts, domain: bool, rng: Rng) -> FaultRule | None:
        winner = None
        for index, rule in enumerate(self.rules):
            if (rule.layer is Layer.DOMAIN) != domain or not rule.match.holds(facts):
                continue
            self._matched[index] += 1
            if winner is None and self._due(index, rule) and self._draw(rule, rng):
                self._hits[index] += 1
                winner = rule
        return winner

    def _due(self, index: int, rule: FaultRule) -> bool:
        call = self._matched[index]  # 1-based number of this call for this rule
        if rule.match.nth is not None and call != rule.match.nth:
            return False
        if call <= rule.skip:
            return False
        return rule.times is None or self._hits[index] < rule.times

    @staticmethod
    def _draw(rule: FaultRule, rng: Rng) -> bool:
        # Draw only for rules that are uncertain, so adding a certain rule
        # does not shift the draws of the others.
        return rule.probability >= 1.0 or rng.random() < rule.probability

    def _settle(self, action: RuleAction) -> FaultAction:
        if not isinstance(action, TransportSpec):
            return action  # type: ignore[return-value]
        seconds = action.hold_seconds
        if action.delay is not None:
            seconds = action.delay.sample(self._request_rng)
        return TransportFault(action.kind, seconds, action.after_bytes, action.fraction)
