"""docs/scenarios.md is generated from the schema and must be up to date."""

from __future__ import annotations

import json
from pathlib import Path

from vcmp_mock.engine import scenario_doc

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "scenarios.md"
SCHEMA = json.loads((ROOT / "scenarios" / "schema.json").read_text())


def test_reference_page_is_up_to_date():
    expected = scenario_doc.render(SCHEMA, ROOT / "scenarios")
    assert PAGE.read_text() == expected, (
        "docs/scenarios.md is stale: run "
        "`python -m vcmp_mock.engine.scenario_doc > docs/scenarios.md`"
    )


def _all_properties(node, path=""):
    if isinstance(node, dict):
        for name in node.get("properties", {}):
            yield name
        for key, sub in node.items():
            if key != "if":
                yield from _all_properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for sub in node:
            yield from _all_properties(sub, path)


def test_every_field_of_the_schema_is_on_the_page():
    page = PAGE.read_text()
    missing = sorted({name for name in _all_properties(SCHEMA) if f"`{name}`" not in page})
    assert missing == []


def test_every_example_is_listed():
    page = PAGE.read_text()
    for path in (ROOT / "scenarios").glob("*.yaml"):
        assert f"[`{path.name}`]" in page


def test_a_changed_description_changes_the_page():
    changed = json.loads(json.dumps(SCHEMA))
    changed["properties"]["seed"]["description"] = "A brand new sentence."
    assert "A brand new sentence." in scenario_doc.render(changed)
