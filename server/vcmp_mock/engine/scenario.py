"""Scenarios: load a file into the typed model, or say what is wrong with it.

``load(path)`` reads a scenario in three passes and reports every mistake
it finds at once, each as ``file:line yaml.path: message``:

1. YAML, read with the line of every node (``scenario_yaml``);
2. the JSON Schema in ``scenarios/schema.json``, checked by jsonschema;
3. what a schema cannot say: references to guests and slots, counts that
   must agree, names the hardware presets and the operation catalogue know
   (``scenario_checks``, ``scenario_guest_checks``, ``scenario_rule_checks``).

Only a scenario that passes all three is built into a ``Scenario``
(``scenario_build``); nothing later reads raw YAML. The model lives in
``scenario_model`` and is re-exported here.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Mapping, Sequence

from vcmp_mock.engine import (
    scenario_build,
    scenario_checks,
    scenario_guest_checks,
    scenario_rule_checks,
)
from vcmp_mock.engine.scenario_hardware import hardware
from vcmp_mock.engine.scenario_model import (
    FORMAT_VERSION,
    BladeSpec,
    Catalogue,
    ChassisSetup,
    ClockSpec,
    GuestSetup,
    Scenario,
    ScenarioError,
    ScenarioInvalid,
    SlotSpec,
    TimingSpec,
)
from vcmp_mock.engine.scenario_schema import SchemaCheck
from vcmp_mock.engine.scenario_yaml import Path as YamlPath
from vcmp_mock.engine.scenario_yaml import Problem, Unreadable, read_yaml, render_path

__all__ = [
    "FORMAT_VERSION", "BladeSpec", "Catalogue", "ChassisSetup", "ClockSpec", "GuestSetup",
    "Scenario", "ScenarioError", "ScenarioInvalid", "SlotSpec", "TimingSpec",
    "load", "loads", "validate_files",
]


@functools.cache
def _schema() -> SchemaCheck:
    return SchemaCheck()  # built once: compiling the validator is the slow part


def load(path: str | Path, catalogue: Catalogue | None = None) -> Scenario:
    """Read, check and build the scenario at ``path``; raises ScenarioInvalid."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioInvalid([ScenarioError(name, 1, "", "not UTF-8 text")]) from None
    except OSError as err:
        reason = err.strerror or str(err)
        raise ScenarioInvalid([ScenarioError(name, 1, "", f"cannot read: {reason}")]) from None
    return loads(text, name, catalogue)


def loads(text: str, source: str = "<scenario>", catalogue: Catalogue | None = None) -> Scenario:
    """Like ``load``, from text; ``source`` names it in messages."""
    try:
        data, lines = read_yaml(text)
    except Unreadable as err:
        raise ScenarioInvalid([_error(source, {}, err.problem)]) from None
    if data is None:
        problem = Problem((), "the file is empty; a scenario starts with 'version: 1'")
        raise ScenarioInvalid([_error(source, lines, problem)])
    problems = _schema().problems(data)
    if isinstance(data, dict):
        setup = scenario_checks.Setup(data, catalogue, hardware())
        problems += scenario_checks.problems(setup)
        problems += scenario_guest_checks.problems(setup)
        problems += scenario_rule_checks.problems(setup)
    if problems:
        raise ScenarioInvalid(sorted({_error(source, lines, p) for p in problems}))
    rendered = {render_path(p): line for p, line in lines.items()}
    return scenario_build.build(data, source, rendered)


def _error(source: str, lines: Mapping[YamlPath, int], problem: Problem) -> ScenarioError:
    line = problem.line or _line_of(problem.path, lines)
    return ScenarioError(source, line, render_path(problem.path), problem.message)


def _line_of(path: YamlPath, lines: Mapping[YamlPath, int]) -> int:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


def validate_files(
    paths: Sequence[str | Path], catalogue: Catalogue | None = None
) -> tuple[int, list[str]]:
    """``vcmp-mock validate``: exit code 0 when every file is valid, else 1."""
    messages: list[str] = []
    status = 0
    for path in paths:
        try:
            load(path, catalogue)
        except ScenarioInvalid as err:
            status = 1
            messages.extend(str(e) for e in err.errors)
        else:
            messages.append(f"{path}: ok")
    return status, messages
