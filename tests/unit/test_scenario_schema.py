"""The schema file: valid, documented, and in step with the code it feeds."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from vcmp_mock.config import ROLES
from vcmp_mock.domain import validation
from vcmp_mock.domain.errors import InvalidArgument
from vcmp_mock.domain.lifecycle import PHASES
from vcmp_mock.domain.model import Capability, GuestState, NetworkMode, SlotAllocation, SslMode
from vcmp_mock.domain.timing import Timing
from vcmp_mock.engine.events import BladeChange
from vcmp_mock.engine.faults import DomainEffect, TransportKind
from vcmp_mock.engine.scenario_schema import SCHEMA_FILE

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = ROOT / "scenarios" / "schema.json"
SCHEMA = json.loads(PUBLISHED.read_text())
DEFS = SCHEMA["$defs"]


def test_schema_is_valid_draft_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def test_packaged_copy_is_the_published_schema():
    assert SCHEMA_FILE.read_bytes() == PUBLISHED.read_bytes()


def _properties(node, path="$"):
    """Every (path, property schema) in the schema, however deep (not conditions)."""
    if path.endswith("/if"):
        return
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{path}[{index}]")


def _description(sub):
    seen = 0
    while "description" not in sub and "$ref" in sub and seen < 10:
        target = SCHEMA
        for part in sub["$ref"].lstrip("#/").split("/"):
            target = target[part]
        sub, seen = target, seen + 1
    return sub.get("description", "")


def test_every_field_has_a_description():
    found = list(_properties(SCHEMA))
    assert len(found) > 100
    missing = [path for path, sub in found if len(_description(sub)) < 10]
    assert missing == []


def enum_at(*path):
    node = SCHEMA
    for part in path:
        node = node[part]
    while "$ref" in node:
        target = SCHEMA
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node["enum"]


@pytest.mark.parametrize(
    "path, expected",
    [
        (("$defs", "user", "properties", "role"), list(ROLES)),
        (("$defs", "guestState"), [s.name.lower() for s in GuestState]),
        (("$defs", "guest", "properties", "network_mode"), [m.name.lower() for m in NetworkMode]),
        (("$defs", "guest", "properties", "ssl_mode"), [m.name.lower() for m in SslMode]),
        (("$defs", "guest", "properties", "slot_allocation"), [m.name.lower() for m in SlotAllocation]),
        (("$defs", "phase"), [p.name.lower() for p, rule in PHASES.items() if rule.duration]),
        (("$defs", "fault", "properties", "transport", "properties", "kind"), [k.value for k in TransportKind]),
        (("$defs", "fault", "properties", "domain", "properties", "effect"), [e.value for e in DomainEffect]),
        (("$defs", "event", "properties", "blade", "properties", "state"), [c.value for c in BladeChange]),
    ],
)
def test_enums_follow_the_code(path, expected):
    assert enum_at(*path) == expected


def test_capabilities_follow_the_code():
    names = list(DEFS["guest"]["properties"]["capabilities"]["properties"])
    assert names == [c.name.lower() for c in Capability]


def test_timing_fields_follow_the_domain():
    assert list(DEFS["timing"]["properties"]) == [f.name for f in fields(Timing)]


def test_timing_defaults_in_descriptions_are_the_domain_defaults():
    for f in fields(Timing):
        described = DEFS["timing"]["properties"][f.name]["description"]
        default = re.search(r"Default '?(.*?)'?\.$", described).group(1)
        assert default == str(getattr(Timing(), f.name)).removesuffix(".0"), f.name


NAME = re.compile(DEFS["guestName"]["pattern"])


def _domain_accepts(name: str) -> bool:
    try:
        validation.guest_name(name)
    except InvalidArgument:
        return False
    return True


@given(st.text(alphabet="aZ09_.- /é", max_size=70))
def test_guest_name_pattern_is_the_domain_rule(name):
    assert bool(NAME.search(name)) == _domain_accepts(name)
