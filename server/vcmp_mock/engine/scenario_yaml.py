"""Reading a scenario file: YAML with the line of every node.

The YAML is read with ruamel's round-trip loader, which keeps the line of
every key and list item, and turned into plain Python data plus a map from
YAML path to line, so that every later ``Problem`` (a path and a sentence
for a person) can be shown at its line. Bad YAML is a ``Problem`` too,
never a traceback.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

Path = tuple[str | int, ...]
MAX_NODES = 200_000  # an alias bomb stops here instead of eating memory


@dataclass(frozen=True)
class Problem:
    """A mistake at a YAML path; ``line`` is known for syntax errors only."""

    path: Path
    message: str
    line: int | None = None


class Unreadable(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def render_path(path: Path) -> str:
    """``("guests", 1, "slots")`` -> ``guests[1].slots``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


# --- YAML -> plain data + lines ---------------------------------------------------


def read_yaml(text: str) -> tuple[Any, dict[Path, int]]:
    """Plain data and ``{path: line}``; raises ``Unreadable`` for bad YAML."""
    try:
        tree = YAML(typ="rt").load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise Unreadable(Problem((), _yaml_problem(err), line)) from None
    except YAMLError as err:
        raise Unreadable(Problem((), f"not valid YAML: {err}", 1)) from None
    lines: dict[Path, int] = {(): 1}
    converter = _Converter(lines)
    data = converter.plain(tree, ())
    if converter.problems:
        raise Unreadable(converter.problems[0])
    return data, lines


def _yaml_problem(err: MarkedYAMLError) -> str:
    problem = str(err.problem or err.context or "not valid YAML")
    found = re.match(r'found duplicate key "(.*?)"', problem)
    if found:
        first = err.context_mark.line + 1 if err.context_mark else None
        where = f" (the mapping starts at line {first})" if first else ""
        return f"duplicate key '{found.group(1)}'{where}"
    context = err.context if err.problem and err.context else None
    if context and err.context_mark is not None:
        return f"not valid YAML: {problem} ({context} at line {err.context_mark.line + 1})"
    return f"not valid YAML: {problem}"


class _Converter:
    def __init__(self, lines: dict[Path, int]) -> None:
        self.lines = lines
        self.problems: list[Problem] = []
        self.nodes = 0

    def plain(self, node: Any, path: Path) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            if not self.problems:
                self.problems.append(Problem((), f"more than {MAX_NODES} values: too large", 1))
            return None
        if isinstance(node, CommentedMap):
            return self._mapping(node, path)
        if isinstance(node, CommentedSeq):
            return self._sequence(node, path)
        return self._scalar(node, path)

    def _mapping(self, node: CommentedMap, path: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in node:
            name = key if isinstance(key, str) else str(key)
            self.lines[path + (name,)] = _line(node.lc, "key", key, self.lines.get(path, 1))
            out[name] = self.plain(node[key], path + (name,))
        return out

    def _sequence(self, node: CommentedSeq, path: Path) -> list[Any]:
        out = []
        for index, item in enumerate(node):
            self.lines[path + (index,)] = _line(node.lc, "item", index, self.lines.get(path, 1))
            out.append(self.plain(item, path + (index,)))
        return out

    def _scalar(self, node: Any, path: Path) -> Any:
        if node is None or isinstance(node, bool):
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            if not math.isfinite(node):
                self.problems.append(Problem(path, "must be a finite number", self.lines.get(path)))
            return float(node)
        if isinstance(node, (datetime.datetime, datetime.date)):
            return node.isoformat()
        return str(node)


def _line(lc: Any, kind: str, key: Any, fallback: int) -> int:
    try:
        return getattr(lc, kind)(key)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return fallback  # merged keys (<<) have no position of their own
