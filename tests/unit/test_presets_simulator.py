"""Hardware presets, the chassis builder, the Simulator facade, Timing and the doc."""

from pathlib import Path

import pytest

from vcmp_mock.domain.clock import ManualClock, RealClock
from vcmp_mock.domain.errors import InvalidArgument
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.lifecycle_doc import BLOCKS, block_names, render
from vcmp_mock.domain.model import ChassisSlotState, GuestState
from vcmp_mock.domain.timing import Timing
from vcmp_mock.engine import presets
from vcmp_mock.engine.simulator import Simulator

DOC = Path(__file__).resolve().parents[2] / "docs" / "lifecycle.md"


@pytest.mark.parametrize(
    "name,slots,chassis,blade,cores",
    [("viprion-c2400", 4, True, "B2100", 8), ("viprion-c4800", 8, True, "B4300", 24),
     ("viprion-c2200", 2, True, "B2250", 20), ("bigip-i5800", 1, False, "i5800", 8)],
)
def test_presets_have_the_reference_figures(name, slots, chassis, blade, cores):
    spec = presets.preset(name)
    assert (spec.platform.slot_count, spec.platform.is_chassis, len(spec.slots)) == (slots, chassis, slots)
    assert {s.blade.name for s in spec.slots} == {blade}
    assert spec.slots[0].blade.cores == cores


def test_only_verified_figures_are_marked_certain():
    assert presets.blade("B2100").uncertain is False
    assert presets.blade("b2100").memory_per_core_mb == 3072 and presets.blade("B2100").max_guests == 4
    assert all(b.uncertain for name, b in presets.BLADES.items() if name != "b2100")
    assert presets.platform("viprion-c2400").uncertain is False
    assert presets.platform("viprion-c4800").uncertain and presets.platform("bigip-i5800").uncertain
    assert all("uncertain" in p.note or "guess" in p.note for p in presets.PRESETS.values())


def test_an_explicit_chassis():
    spec = presets.chassis("viprion-c2400", ["B2100", None, "b2250", presets.blade("B2150")],
                           disabled=[3], down=[4], primary_slot=1)
    assert [s.blade.name if s.blade else None for s in spec.slots] == ["B2100", None, "B2250", "B2150"]
    assert (spec.slots[2].enabled, spec.slots[3].up) == (False, False)
    assert spec.slots[0].serial and spec.slots[1].serial == ""


@pytest.mark.parametrize(
    "kwargs",
    [dict(blades=["B2100"]), dict(blades=["B9999", None, None, None]), dict(disabled=[7]),
     dict(blades=[None, "B2100", "B2100", "B2100"], down=[1]),
     dict(blades=[None, "B2100", "B2100", "B2100"], primary_slot=1)],
)
def test_a_bad_chassis_is_refused(kwargs):
    with pytest.raises(InvalidArgument):
        presets.chassis("viprion-c2400", **kwargs)


def test_an_unknown_preset_names_the_known_ones():
    with pytest.raises(InvalidArgument) as err:
        presets.preset("viprion-c9999")
    assert "viprion-c2400" in err.value.reason


def test_the_simulator_builds_a_host_from_a_preset_and_resets_it():
    clock = ManualClock()
    sim = Simulator(preset="viprion-c4800", seed=3, clock=clock)
    assert sim.host.platform.slot_count == 8 and sim.seed == 3 and sim.preset_name == "viprion-c4800"
    with sim.lock:
        sim.host.create_guest(GuestSpec("g1", initial_image="BIGIP-13.1.0.iso"))
        sim.host.set_requested_state("g1", GuestState.DEPLOYED)
    clock.advance(30)
    sim.reset()
    assert sim.host.guest_names() == [] and sim.host.disks() == []


def test_the_simulator_takes_an_explicit_chassis_and_defaults_to_a_real_clock():
    spec = presets.chassis("viprion-c2400", [None, "B2100", "B2100", "B2100"])
    sim = Simulator(spec)
    assert isinstance(sim.clock, RealClock) and sim.preset_name is None
    assert sim.host.chassis_slot_state(1) is ChassisSlotState.EMPTY
    assert sim.host.cluster().primary_slot == 2


def test_timing_refuses_nonsense():
    with pytest.raises(ValueError):
        Timing(install=-1)
    with pytest.raises(ValueError):
        Timing(progress_step=0)
    with pytest.raises(ValueError):
        Timing(install_comment="{pct}")
    with pytest.raises(ValueError):
        Timing(inactive_comment="{")
    assert Timing().scaled(0.5).install == 150 and Timing().scaled(0.5).progress_step == 1


def test_percent_is_rounded_down_to_the_step():
    t = Timing(progress_step=5)
    assert [t.percent(e, 100) for e in (0, 4.9, 5, 99.9, 100, 150)] == [0, 0, 5, 95, 100, 100]
    assert t.percent(80, 100, cap=42) == 40


def test_the_lifecycle_doc_matches_the_table():
    text = DOC.read_text(encoding="utf-8")
    assert sorted(block_names(text)) == sorted(BLOCKS)
    assert render(text) == text, "docs/lifecycle.md is stale: run python -m vcmp_mock.domain.lifecycle_doc docs/lifecycle.md"


def test_the_doc_check_notices_a_changed_table(monkeypatch):
    from vcmp_mock.domain import lifecycle, lifecycle_doc

    text = DOC.read_text(encoding="utf-8")
    monkeypatch.setattr(lifecycle_doc, "TRANSITIONS", lifecycle.TRANSITIONS[:-1])
    assert render(text) != text
