"""The fault rule engine: ordering, counting, limits, draws, layers."""

from __future__ import annotations

import pytest

from vcmp_mock.domain.rng import Rng
from vcmp_mock.engine.faults import (
    Delay,
    DomainEffect,
    DomainFault,
    FaultRule,
    FaultRules,
    HttpFault,
    Layer,
    Match,
    PhaseFacts,
    ProtocolFault,
    RequestFacts,
    TransportFault,
    TransportKind,
    TransportSpec,
)

FAILED = ProtocolFault("Common::OperationFailed", "slot 2 unavailable")
BUSY = HttpFault(503)


def call(operation="get_list", interface="System.VCMP", guests=(), slots=(), **kw):
    return RequestFacts(interface, operation, tuple(guests), tuple(slots), **kw)


def rules(*items, seed=7):
    return FaultRules(items, Rng(seed))


def test_no_rules_no_fault():
    assert rules().match(call()) is None


def test_empty_match_hits_every_call():
    engine = rules(FaultRule(Match(), FAILED))
    assert [engine.match(call(op)) for op in ("get_list", "create")] == [FAILED, FAILED]


@pytest.mark.parametrize(
    "match, facts, expected",
    [
        (Match(operation="create"), call("create"), True),
        (Match(operation="create"), call("get_list"), False),
        (Match(interface="System.Cluster"), call(interface="System.Cluster"), True),
        (Match(interface="System.Cluster"), call(), False),
        (Match(guest="g1"), call(guests=["g0", "g1"]), True),
        (Match(guest="g1"), call(guests=["g2"]), False),
        (Match(slot=2), call(slots=[1, 2]), True),
        (Match(slot=2), call(slots=[3]), False),
        (Match(user="viewer"), call(user="viewer"), True),
        (Match(user="viewer"), call(user="admin"), False),
        (Match(since=60), call(now=59.9), False),
        (Match(since=60), call(now=60), True),
        (Match(until=60), call(now=60), False),
        (Match(until=60), call(now=10), True),
    ],
)
def test_each_criterion_selects_calls(match, facts, expected):
    assert (rules(FaultRule(match, FAILED)).match(facts) is not None) is expected


def test_alias_interface_matches_its_canonical_name():
    engine = rules(FaultRule(Match(interface="System.VCMP"), FAILED))
    aliased = call(interface="Management.VCMP", canonical_interface="System.VCMP")
    assert engine.match(aliased) == FAILED


def test_phase_criterion_reads_the_phases_of_named_guests():
    engine = rules(FaultRule(Match(guest="g1", phase="installing"), FAILED))
    assert engine.needs_phases
    installing = {"g1": frozenset({"installing"}), "g2": frozenset({"starting"})}
    assert engine.match(call(guests=["g1"], phases=installing)) == FAILED
    assert engine.match(call(guests=["g1"], phases={"g1": frozenset({"starting"})})) is None


def test_needs_phases_only_when_a_request_rule_asks():
    domain = FaultRule(Match(phase="installing"), DomainFault(DomainEffect.FAIL))
    assert not rules(domain, FaultRule(Match(), FAILED)).needs_phases


def test_first_matching_rule_wins():
    engine = rules(
        FaultRule(Match(operation="create"), FAILED),
        FaultRule(Match(), BUSY),
    )
    assert engine.match(call("create")) == FAILED
    assert engine.match(call("get_list")) == BUSY


def test_nth_hits_only_that_call():
    engine = rules(FaultRule(Match(operation="set_guest_state", nth=2), FAILED))
    got = [engine.match(call("set_guest_state")) for _ in range(4)]
    assert got == [None, FAILED, None, None]


def test_nth_counts_calls_another_rule_answered():
    # The client's second create is the second create, whatever answered the first.
    engine = rules(
        FaultRule(Match(operation="create", nth=1), BUSY),
        FaultRule(Match(operation="create", nth=2), FAILED),
    )
    assert [engine.match(call("create")) for _ in range(3)] == [BUSY, FAILED, None]


def test_skip_then_times():
    engine = rules(FaultRule(Match(), FAILED, skip=2, times=2))
    got = [engine.match(call()) for _ in range(6)]
    assert got == [None, None, FAILED, FAILED, None, None]


def test_a_spent_rule_lets_the_next_one_answer():
    engine = rules(FaultRule(Match(), FAILED, times=1), FaultRule(Match(), BUSY))
    assert [engine.match(call()) for _ in range(3)] == [FAILED, BUSY, BUSY]


def test_probability_is_reproducible_from_the_seed():
    def run(seed):
        engine = rules(FaultRule(Match(), FAILED, probability=0.3), seed=seed)
        return [engine.match(call()) is not None for _ in range(200)]

    first = run(7)
    assert first == run(7)
    assert first != run(8)
    assert 30 < sum(first) < 90  # about 60 of 200


def test_probability_zero_never_and_one_always():
    engine = rules(FaultRule(Match(), FAILED, probability=0.0))
    assert all(engine.match(call()) is None for _ in range(50))
    engine = rules(FaultRule(Match(), FAILED, probability=1.0))
    assert all(engine.match(call()) == FAILED for _ in range(50))


def test_draws_do_not_disturb_the_simulation_rng():
    rng = Rng(7)
    engine = FaultRules([FaultRule(Match(), FAILED, probability=0.5)], rng)
    for _ in range(10):
        engine.match(call())
    assert rng.random() == Rng(7).random()


def test_reset_replays_the_same_answers():
    engine = rules(FaultRule(Match(), FAILED, probability=0.5, times=5))
    first = [engine.match(call()) for _ in range(30)]
    engine.reset()
    assert [engine.match(call()) for _ in range(30)] == first
    assert sum(r is not None for r in first) == 5


def test_counts_report_matches_and_hits():
    engine = rules(
        FaultRule(Match(operation="create"), FAILED, skip=1, where="faults[0]"),
        FaultRule(Match(operation="nothing"), BUSY, where="faults[1]"),
    )
    for _ in range(3):
        engine.match(call("create"))
    assert [(c.where, c.matched, c.hits) for c in engine.counts()] == [
        ("faults[0]", 3, 2),
        ("faults[1]", 0, 0),
    ]


def test_fixed_delay_is_settled_to_seconds():
    spec = TransportSpec(TransportKind.DELAY, delay=Delay("fixed", seconds=2.5))
    got = rules(FaultRule(Match(), spec)).match(call())
    assert got == TransportFault(TransportKind.DELAY, 2.5)
    assert got.layer is Layer.TRANSPORT


@pytest.mark.parametrize(
    "delay, low, high",
    [
        (Delay("uniform", low=0.5, high=3.0), 0.5, 3.0),
        (Delay("lognormal", median=1.0, sigma=0.5), 0.0, 100.0),
        (Delay("lognormal", median=5.0, sigma=3.0, cap=6.0), 0.0, 6.0),
    ],
)
def test_random_delays_stay_in_range_and_repeat_with_the_seed(delay, low, high):
    spec = TransportSpec(TransportKind.DELAY, delay=delay)

    def seconds(seed):
        engine = rules(FaultRule(Match(), spec), seed=seed)
        return [engine.match(call()).seconds for _ in range(100)]

    drawn = seconds(3)
    assert drawn == seconds(3)
    assert all(low <= s <= high for s in drawn)
    assert len(set(drawn)) > 50


def test_lognormal_median_is_the_median():
    spec = TransportSpec(TransportKind.DELAY, delay=Delay("lognormal", median=2.0, sigma=0.8))
    engine = rules(FaultRule(Match(), spec))
    drawn = sorted(engine.match(call()).seconds for _ in range(2001))
    assert 1.6 < drawn[1000] < 2.4


def test_other_wire_faults_keep_their_parameters():
    cut = TransportSpec(TransportKind.TRUNCATE, fraction=0.5)
    hang = TransportSpec(TransportKind.HANG, hold_seconds=30)
    engine = rules(FaultRule(Match(operation="a"), cut), FaultRule(Match(operation="b"), hang))
    assert engine.match(call("a")) == TransportFault(TransportKind.TRUNCATE, fraction=0.5)
    assert engine.match(call("b")) == TransportFault(TransportKind.HANG, seconds=30)


def test_domain_rules_answer_phases_not_requests():
    disk_full = DomainFault(DomainEffect.FAIL, "Install failed: disk full", at_percent=60)
    engine = rules(
        FaultRule(Match(guest="g3", slot=2, phase="installing"), disk_full),
        FaultRule(Match(), FAILED),
    )
    assert engine.match(call(guests=["g3"])) == FAILED
    assert engine.domain_match(PhaseFacts("g3", 2, "installing")) == disk_full
    assert engine.domain_match(PhaseFacts("g3", 1, "installing")) is None
    assert engine.domain_match(PhaseFacts("g3", 2, "starting")) is None


def test_domain_nth_counts_phase_entries():
    fails = DomainFault(DomainEffect.FAIL, "start failed")
    engine = rules(FaultRule(Match(guest="g1", phase="starting", nth=2), fails))
    got = [engine.domain_match(PhaseFacts("g1", 1, "starting")) for _ in range(3)]
    assert got == [None, fails, None]


def test_domain_draws_are_independent_of_request_draws():
    stuck = DomainFault(DomainEffect.STALL)

    def phases(request_calls):
        engine = rules(
            FaultRule(Match(), FAILED, probability=0.5),
            FaultRule(Match(phase="installing"), stuck, probability=0.5),
        )
        for _ in range(request_calls):
            engine.match(call())
        return [engine.domain_match(PhaseFacts("g", 1, "installing")) for _ in range(20)]

    assert phases(0) == phases(13)
