"""The scenario schema, and its verdicts put in words for people.

jsonschema's Draft 2020-12 validator checks the plain data against
``scenarios/schema.json`` (packaged next to this module) and reports every
error; each becomes a ``Problem`` whose message says what is wrong in the
terms of the file (unknown key, did you mean, must be one of ...).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path as FilePath
from typing import Any, Iterator

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from vcmp_mock.engine.scenario_yaml import Path, Problem

# The packaged copy of scenarios/schema.json (a test keeps the two identical).
SCHEMA_FILE = FilePath(__file__).with_name("scenario_schema.json")


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text("utf-8"))


class SchemaCheck:
    """Checks plain data against the scenario schema, in words for people."""

    def __init__(self, schema: dict[str, Any] | None = None) -> None:
        self.schema = schema if schema is not None else load_schema()
        self.validator = Draft202012Validator(self.schema)

    def problems(self, data: Any) -> list[Problem]:
        found: list[Problem] = []
        for error in self.validator.iter_errors(data):
            found.extend(self._explain(error))
        return found

    def _explain(self, error: ValidationError) -> Iterator[Problem]:
        path: Path = tuple(error.absolute_path)
        kind, expected, value = error.validator, error.validator_value, error.instance
        if kind in ("additionalProperties", "unevaluatedProperties"):
            yield from self._unknown_keys(path, error.schema, value)
        elif kind == "required":
            yield Problem(path, f"missing required key '{_missing(error)}'")
        elif kind in ("oneOf", "anyOf") and _choice_keys(expected):
            yield Problem(path, _choice(_choice_keys(expected), value))
        elif kind in ("oneOf", "anyOf") and error.context:
            yield from self._explain(best_match(error.context))
        else:
            yield Problem(path, _sentence(kind, expected, value, error.schema, path))

    def _unknown_keys(self, path: Path, schema: dict, value: Any) -> Iterator[Problem]:
        if not isinstance(value, dict):
            return
        applicable, conditional = self._keys(schema, value)
        for key in value:
            if key in applicable:
                continue
            if key in conditional:
                yield Problem(path + (key,), f"'{key}' applies only to {conditional[key]}")
            else:
                yield Problem(path + (key,), _unknown(key, sorted(applicable)))

    def _keys(self, schema: dict, value: dict) -> tuple[set[str], dict[str, str]]:
        """Keys allowed for ``value`` here, and keys allowed only under a condition."""
        schema = self._resolve(schema)
        applicable = set(schema.get("properties", {}))
        conditional: dict[str, str] = {}
        for part in schema.get("allOf", []):
            if "if" not in part:
                continue
            then_keys, then_cond = self._keys(part["then"], value)
            if self.validator.evolve(schema=part["if"]).is_valid(value):
                applicable |= then_keys
            else:
                for key in then_keys:
                    conditional[key] = _or(conditional.get(key), _condition(part["if"]))
            conditional.update(then_cond)
        return applicable, {k: v for k, v in conditional.items() if k not in applicable}

    def _resolve(self, schema: dict) -> dict:
        ref = schema.get("$ref")
        if ref is None:
            return schema
        node: Any = self.schema
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return {**self._resolve(node), **{k: v for k, v in schema.items() if k != "$ref"}}


def _missing(error: ValidationError) -> str:
    for name in error.validator_value:
        if isinstance(error.instance, dict) and name not in error.instance:
            return name
    return str(error.validator_value)


def _choice_keys(options: Any) -> list[str]:
    keys = [opt.get("required") for opt in options if isinstance(opt, dict)]
    if len(keys) == len(options) and all(k and len(k) == 1 and len(o) == 1 for k, o in zip(keys, options)):
        return [k[0] for k in keys]
    return []


def _choice(keys: list[str], value: Any) -> str:
    present = [k for k in keys if isinstance(value, dict) and k in value]
    if not present:
        return "needs one of: " + ", ".join(keys)
    return "has " + " and ".join(present) + "; use only one of them"


def _condition(schema: dict) -> str:
    for name, sub in schema.get("properties", {}).items():
        if "const" in sub:
            return f"{name} {sub['const']}"
    return "another setting"


def _or(before: str | None, now: str) -> str:
    return now if before is None else f"{before} or {now}"


def _unknown(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"unknown key '{key}'; did you mean '{close[0]}'?"
    return f"unknown key '{key}'; expected one of: " + ", ".join(allowed)


_TYPES = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "empty",
}


def show(value: Any) -> str:
    """A value as a person wrote it in YAML."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _sentence(kind: str, expected: Any, value: Any, schema: dict, path: Path) -> str:
    got = show(value)
    if kind == "type" and not path:
        return f"a scenario is a mapping of keys, starting with 'version: 1'; this is {got}"
    if kind == "type":
        names = [expected] if isinstance(expected, str) else expected
        return f"must be {' or '.join(_TYPES[n] for n in names)}, not {got}"
    if kind == "enum":
        close = difflib.get_close_matches(str(value), [str(e) for e in expected], n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close and isinstance(value, str) else ""
        return f"must be one of: {', '.join(str(e) for e in expected)} (not {got}){hint}"
    if kind == "const":
        if path == ("version",):
            return f"this vcmp-mock reads scenario version {expected}, not {got}"
        return f"must be {show(expected)}, not {got}"
    bounds = {
        "minimum": "≥",
        "maximum": "≤",
        "exclusiveMinimum": ">",
        "exclusiveMaximum": "<",
    }
    if kind in bounds:
        return f"must be {bounds[kind]} {expected}, not {got}"
    if kind == "pattern":
        return f"{got} is not a valid {schema.get('title', 'value')} (expected {expected})"
    if kind == "minLength":
        return "must not be empty"
    if kind == "minItems":
        return f"must list at least {expected} item{'s' if expected != 1 else ''}"
    if kind == "uniqueItems":
        return f"lists {show(_first_repeat(value))} more than once"
    return f"{got} is not allowed here ({kind})"


def _first_repeat(items: list[Any]) -> Any:
    seen: list[Any] = []
    for item in items:
        if item in seen:
            return item
        seen.append(item)
    return None
