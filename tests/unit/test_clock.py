import pytest

from vcmp_mock.domain.clock import DEFAULT_EPOCH, ManualClock, RealClock
from vcmp_mock.domain.rng import Rng


def test_manual_clock_moves_only_when_told():
    clock = ManualClock()
    assert clock.now() == DEFAULT_EPOCH
    assert clock.now() == DEFAULT_EPOCH
    clock.advance(90)
    assert clock.now() == DEFAULT_EPOCH + 90


def test_manual_clock_refuses_to_go_backwards():
    clock = ManualClock(start=100)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(99)
    assert clock.now() == 100


def test_real_clock_scales_elapsed_time():
    ticks = iter([10.0, 12.5])  # construction, then one read
    clock = RealClock(scale=60, start=0, source=lambda: next(ticks))
    assert clock.now() == pytest.approx(150.0)  # 2.5 real seconds = 150 simulated


def test_real_clock_can_jump_ahead():
    now = [0.0]
    clock = RealClock(scale=1, start=0, source=lambda: now[0])
    clock.advance(3600)
    now[0] = 1.0
    assert clock.now() == pytest.approx(3601.0)


def test_rng_reset_replays_the_same_draws():
    rng = Rng(7)
    first = [rng.random() for _ in range(3)]
    rng.reset()
    assert [rng.random() for _ in range(3)] == first


def test_rng_fork_is_stable_and_independent():
    a, b = Rng(7), Rng(7)
    a.random()  # draws on the parent do not move a forked stream
    assert a.fork("macs").random() == b.fork("macs").random()
    assert a.fork("macs").random() != a.fork("pids").random()


def test_clocks_refuse_nan_and_infinity():
    clock = ManualClock(start=0)
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            clock.advance(bad)
        with pytest.raises(ValueError):
            clock.set(bad)
        with pytest.raises(ValueError):
            RealClock(start=0, source=lambda: 0.0).advance(bad)
    assert clock.now() == 0
