"""Our WSDL against F5's 13.1 WSDL: same operations, messages and types.

F5's files are reference material kept outside the repository (next to it,
in ../shared/reference/f5-wsdl); the tests skip when they are not there.
Layout, documentation and the order of type declarations may differ;
everything a client's proxy is built from must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vcmp_mock.icontrol import wsdl

from test_wsdl_model import read

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "f5-wsdl"
NAMES = ["System.VCMP", "System.Cluster", "System.Session", "System.SystemInfo",
         "Management.Provision"]

pytestmark = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason=f"F5 reference WSDLs not present at {REFERENCE}")


@pytest.fixture(scope="module", params=NAMES)
def pair(request):
    name = request.param
    theirs = read((REFERENCE / f"{name}.wsdl").read_bytes())
    ours = read(wsdl.generate(name, "13.1.0"))
    return theirs, ours


def test_operations_in_the_same_order(pair):
    theirs, ours = pair
    assert ours.operation_order == theirs.operation_order


def test_messages_have_the_same_parts(pair):
    theirs, ours = pair
    for name, parts in theirs.operations.items():
        assert ours.operations[name] == parts, name


def test_the_same_types_are_declared(pair):
    theirs, ours = pair
    assert sorted(ours.types) == sorted(theirs.types)


def test_every_type_has_the_same_shape(pair):
    # struct members (names, order, types), array item types, enum members
    # in order, and primitive aliases.
    theirs, ours = pair
    for name, declaration in theirs.types.items():
        assert ours.types[name] == declaration, name


def test_names_and_binding(pair):
    theirs, ours = pair
    for attribute in ("name", "target_namespace", "port_type", "binding", "binding_style",
                      "soap_actions", "body_namespaces", "body_uses", "service", "port",
                      "location"):
        assert getattr(ours, attribute) == getattr(theirs, attribute), attribute


def test_management_vcmp_mirrors_f5_system_vcmp():
    theirs = read((REFERENCE / "System.VCMP.wsdl").read_bytes())
    alias = read(wsdl.generate("Management.VCMP", "13.1.0"))
    assert alias.types == theirs.types
    renamed = {op: tuple(parts) for op, parts in theirs.operations.items()}
    assert alias.operations == renamed
