"""icontrol.versioning: enum members newer than the release, refused and never sent."""

from __future__ import annotations

import pytest
from spyne.model.complex import ComplexModel
from spyne.model.primitive import Long

from vcmp_mock.icontrol import faults
from vcmp_mock.icontrol.interfaces import INTERFACES
from vcmp_mock.icontrol.interfaces.base import Interface, op
from vcmp_mock.icontrol.types._model import enum, sequence
from vcmp_mock.icontrol.typeinfo import ICONTROL_NS
from vcmp_mock.icontrol.versioning import gate, refused_members

Colour = enum("Test.Colour", "COLOUR_UNKNOWN", "COLOUR_RED", "COLOUR_TEAL")
Shade = enum("Test.Shade", "SHADE_DARK", "SHADE_NEON")  # no UNKNOWN member


class Paint(ComplexModel):
    __type_name__ = "Test.Paint"
    __namespace__ = ICONTROL_NS
    _type_info = [("colour", Colour), ("litres", Long)]


PaintSequenceSequence = sequence(sequence(Paint, "Test.PaintSequence"), "Test.PaintSequenceSequence")
ColourSequence = sequence(Colour, "Test.ColourSequence")

IFACE = Interface(
    "Test", "Paints",
    (
        op("mix", ("paints", PaintSequenceSequence), returns=PaintSequenceSequence),
        op("count", ("litres", Long), returns=Long),
        op("shade", returns=Shade),
    ),
    enum_member_since={("Test.Colour", "COLOUR_TEAL"): "12.0.0", ("Test.Shade", "SHADE_NEON"): "12.0.0"},
)


def test_members_added_after_the_release_are_refused_deep_in_structs():
    mix = gate(IFACE, IFACE.operation("mix"), "11.6.0")
    mix.check_args(([[{"colour": "COLOUR_RED", "litres": 1}]],))
    with pytest.raises(faults.IControlFault) as caught:
        mix.check_args(([[], [Paint(colour="COLOUR_TEAL", litres=2)]],))
    assert caught.value.exception == "InvalidArgument"
    assert caught.value.message == "Invalid value (COLOUR_TEAL) for enumeration type Test.Colour."


def test_answers_carry_unknown_instead_and_are_not_changed_in_place():
    mix = gate(IFACE, IFACE.operation("mix"), "11.6.0")
    sent = [[{"colour": "COLOUR_TEAL", "litres": 3}, {"colour": "COLOUR_RED", "litres": 4}]]
    assert mix.clean_result(sent) == [[{"colour": "COLOUR_UNKNOWN", "litres": 3},
                                       {"colour": "COLOUR_RED", "litres": 4}]]
    assert sent[0][0]["colour"] == "COLOUR_TEAL"


def test_an_enum_without_unknown_member_cannot_be_sent_at_all():
    shade = gate(IFACE, IFACE.operation("shade"), "11.6.0")
    assert shade.clean_result("SHADE_DARK") == "SHADE_DARK"
    with pytest.raises(faults.FrameworkFault):
        shade.clean_result("SHADE_NEON")


def test_nothing_to_check_means_no_gate():
    assert gate(IFACE, IFACE.operation("count"), "11.6.0") is None
    assert gate(IFACE, IFACE.operation("mix"), "12.0.0") is None
    # The latest release refuses nothing anywhere in the real catalogue.
    for iface in INTERFACES.values():
        assert refused_members(iface, "13.1.0") == {}


def test_real_catalogue_refusals_for_11_4_1():
    refused = refused_members(INTERFACES["System.VCMP"], "11.4.1")
    assert refused["System.VCMP.VCMPNetworkMode"] == {"VCMP_NETWORK_MODE_HOST_ONLY"}
    vcmp = INTERFACES["System.VCMP"]
    assert gate(vcmp, vcmp.operation("get_list"), "11.4.1") is None
    assert gate(vcmp, vcmp.operation("set_network_mode"), "11.4.1") is not None
