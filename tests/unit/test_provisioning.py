"""domain.provisioning: levels of a vCMP host and the rules between them."""

from __future__ import annotations

import pytest

from vcmp_mock.domain.errors import IllegalState, InvalidArgument, NotFound
from vcmp_mock.domain.provisioning import MODULES, Level, Provisioning


@pytest.fixture
def prov():
    return Provisioning()


def test_a_vcmp_host_runs_vcmp_dedicated_and_nothing_else(prov):
    assert prov.level("vcmp") is Level.DEDICATED
    assert prov.provisioned() == ["vcmp"]
    assert all(prov.level(m) is Level.NONE for m in MODULES if m != "vcmp")


def test_a_dedicated_module_rules_out_every_other(prov):
    with pytest.raises(IllegalState, match="ltm is nominal"):
        prov.set_levels([("ltm", Level.NOMINAL)])
    assert prov.provisioned() == ["vcmp"]


def test_vcmp_can_give_way_in_the_same_request_when_no_guest_exists(prov):
    prov.set_levels([("vcmp", Level.NONE), ("ltm", Level.NOMINAL), ("asm", Level.MINIMUM)])
    assert prov.provisioned() == ["asm", "ltm"]
    prov.set_levels([("ltm", Level.NONE), ("asm", Level.NONE), ("vcmp", Level.DEDICATED)])
    assert prov.provisioned() == ["vcmp"]


def test_vcmp_stays_while_guests_exist(prov):
    with pytest.raises(IllegalState, match="g1"):
        prov.set_levels([("vcmp", Level.NONE)], vcmp_guests=["g1"])
    assert prov.level("vcmp") is Level.DEDICATED


@pytest.mark.parametrize("level", [Level.MINIMUM, Level.NOMINAL, Level.CUSTOM])
def test_vcmp_is_dedicated_or_none(prov, level):
    with pytest.raises(InvalidArgument):
        prov.set_levels([("vcmp", level)])


def test_custom_goes_with_custom_or_none_only(prov):
    prov.set_levels([("vcmp", Level.NONE), ("ltm", Level.CUSTOM), ("asm", Level.CUSTOM)])
    with pytest.raises(IllegalState, match="custom or none"):
        prov.set_levels([("gtm", Level.NOMINAL)])
    assert prov.level("gtm") is Level.NONE


def test_a_module_named_twice_gets_the_highest_level(prov):
    prov.set_levels([("vcmp", Level.NONE), ("ltm", Level.NOMINAL), ("ltm", Level.MINIMUM)])
    assert prov.level("ltm") is Level.NOMINAL


def test_unknown_modules_are_not_found_and_nothing_changes(prov):
    with pytest.raises(NotFound):
        prov.set_levels([("vcmp", Level.NONE), ("psm", Level.NOMINAL)])
    assert prov.level("vcmp") is Level.DEDICATED
    with pytest.raises(NotFound):
        prov.level("psm")


def test_atomic_restores_levels_on_failure_and_reset_restores_the_host(prov):
    with pytest.raises(RuntimeError):
        with prov.atomic():
            prov.set_levels([("vcmp", Level.NONE)])
            raise RuntimeError
    assert prov.level("vcmp") is Level.DEDICATED
    prov.set_levels([("vcmp", Level.NONE)])
    prov.reset()
    assert prov.provisioned() == ["vcmp"]
