"""The generated parts of docs/lifecycle.md, rendered from the lifecycle table.

docs/lifecycle.md keeps hand-written prose and, between marker comments,
blocks made here. A unit test fails when the file and the table disagree;
``python -m vcmp_mock.domain.lifecycle_doc docs/lifecycle.md`` rewrites them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from vcmp_mock.domain.faults import NO_FAULTS
from vcmp_mock.domain.lifecycle import HELD, PHASES, TRANSITIONS, DiskSituation, Goal, Phase, Transition, Trigger
from vcmp_mock.domain.slotplan import FOREVER, PlanContext, route
from vcmp_mock.domain.timing import DEFAULT_TIMING

_BLOCK = re.compile(r"(<!-- BEGIN GENERATED: (?P<name>[a-z-]+) -->\n).*?(<!-- END GENERATED -->)", re.DOTALL)


def _status(phase: Phase) -> str:
    status = PHASES[phase].status
    return status.name if status else "(no record)"


def _names(items, every) -> str:
    items = set(items)
    if items == set(every):
        return "any"
    return ", ".join(sorted(i.value for i in items))


def phases_table() -> str:
    rows = ["| phase | status shown | lasts (default) | on entry | when it finishes | comment |",
            "|---|---|---|---|---|---|"]
    for rule in PHASES.values():
        lasts = "until moved" if rule.duration is None else \
            f"`{rule.duration}` ({DEFAULT_TIMING.duration(rule.duration):g} s)"
        comment = f"`{getattr(DEFAULT_TIMING, rule.comment)}`" if rule.comment else ""
        rows.append(
            f"| {rule.phase.value} | {_status(rule.phase)} | {lasts} | "
            f"{'; '.join(e.value for e in rule.on_enter)} | {'; '.join(e.value for e in rule.on_finish)} | {comment} |"
        )
    return "\n".join(rows)


def _source(tr: Transition) -> str:
    if tr.sources == HELD:
        return "any held phase"
    return ", ".join(p.value for p in sorted(tr.sources, key=list(Phase).index))


def transitions_table() -> str:
    rows = ["| # | from | goal | trigger | disk | to | when | note |", "|---|---|---|---|---|---|---|---|"]
    for i, tr in enumerate(TRANSITIONS, start=1):
        disk = "any" if tr.disk is None else _names(tr.disk, DiskSituation)
        rows.append(
            f"| {i} | {_source(tr)} | {_names(tr.goals, Goal)} | {tr.trigger.value} | {disk} | "
            f"**{tr.target.value}** | {tr.when.value} | {tr.note} |"
        )
    return "\n".join(rows)


def diagram() -> str:
    """A mermaid state diagram: one arrow per (from, to), labelled with its goals."""
    edges: dict[tuple[str, str], list[str]] = {}
    for tr in TRANSITIONS:
        label = tr.trigger.value if tr.trigger is not Trigger.WALK else _names(tr.goals, Goal)
        sources = ["HELD"] if tr.sources == HELD else [p.name for p in sorted(tr.sources, key=list(Phase).index)]
        for src in sources:
            labels = edges.setdefault((src, tr.target.name), [])
            if label not in labels:
                labels.append(label)
    lines = ["```mermaid", "stateDiagram-v2", "    [*] --> UNALLOCATED"]
    for (src, dst), labels in edges.items():
        lines.append(f"    {src} --> {dst}: {' / '.join(labels)}")
    lines.append("    note right of HELD: any phase that holds the slot")
    lines.append("```")
    return "\n".join(lines)


def _walk(start: Phase, goal: Goal, disk: DiskSituation, trigger: Trigger = Trigger.REQUEST) -> str:
    ctx = PlanContext("guest1", 1, DEFAULT_TIMING, NO_FAULTS, disk, has_image=True)
    rows = ["| at (s) | phase | status | lasts (s) |", "|---|---|---|---|"]
    for step in route(start, goal, 0.0, ctx, trigger):
        lasts = "until moved" if step.end == FOREVER else f"{step.end - step.start:g}"
        rows.append(f"| {step.start:g} | {step.phase.value} | {_status(step.phase)} | {lasts} |")
    return "\n".join(rows)


def walks() -> str:
    parts = [
        ("A new guest is deployed (no disk yet)", Phase.UNALLOCATED, Goal.RUN, DiskSituation.NEW),
        ("It is provisioned again later (its disk is kept and reused)", Phase.UNALLOCATED, Goal.STOP,
         DiskSituation.INSTALLED),
        ("It moves to a slot where it has no disk (copied from its old slot)", Phase.UNALLOCATED, Goal.STOP,
         DiskSituation.ELSEWHERE),
        ("A deployed guest is moved down to configured", Phase.RUNNING, Goal.RELEASE, DiskSituation.INSTALLED),
    ]
    return "\n\n".join(f"**{title}** (slot 1, default timing)\n\n{_walk(*args)}" for title, *args in parts)


BLOCKS = {"phases": phases_table, "transitions": transitions_table, "diagram": diagram, "walks": walks}


def render(text: str) -> str:
    """``text`` with every generated block replaced by its current content."""
    def fill(match: re.Match) -> str:
        return f"{match.group(1)}{BLOCKS[match.group('name')]()}\n{match.group(3)}"

    return _BLOCK.sub(fill, text)


def block_names(text: str) -> list[str]:
    return [m.group("name") for m in _BLOCK.finditer(text)]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "docs/lifecycle.md")
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
