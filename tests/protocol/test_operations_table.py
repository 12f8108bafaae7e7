from pathlib import Path

from vcmp_mock.icontrol import coverage
from vcmp_mock.icontrol.interfaces import INTERFACES

PAGE = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def test_committed_operations_table_is_current():
    assert PAGE.read_text() == coverage.markdown(), (
        "docs/operations.md is out of date: run "
        "`python -m vcmp_mock.icontrol.coverage > docs/operations.md`"
    )


def test_table_lists_every_operation_once():
    rows = coverage.rows()
    for name in ("System.VCMP", "System.Cluster", "System.Session", "System.SystemInfo", "Management.Provision"):
        listed = [r.operation for r in rows if r.interface == name]
        assert listed == [op.name for op in INTERFACES[name].operations]
    assert not any(r.interface == "Management.VCMP" for r in rows)


def test_every_vcmp_operation_is_implemented_and_setters_change_state():
    vcmp = [r for r in coverage.rows() if r.interface == "System.VCMP"]
    assert len(vcmp) == 61
    assert all(r.status == coverage.IMPLEMENTED for r in vcmp)
    for r in vcmp:
        if r.operation.startswith(("set_", "add_", "remove_", "delete_", "create", "reset_")):
            assert r.changes_state, r.operation
        if r.operation.startswith("get_"):
            assert not r.changes_state, r.operation
