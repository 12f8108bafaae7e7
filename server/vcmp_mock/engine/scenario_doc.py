"""The reference page of the scenario format, generated from the schema.

``python -m vcmp_mock.engine.scenario_doc > docs/scenarios.md`` writes it;
a test fails when the committed page differs from what this prints. Field
tables, types, allowed values and descriptions all come from
``scenarios/schema.json``; only the short sections on how rules and events
behave are written here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

from vcmp_mock.engine.scenario_schema import load_schema

# (heading, schema node under $defs or "" for the top level, YAML path shown)
SECTIONS = (
    ("Top level", "", ""),
    ("clock", "clock", "clock"),
    ("users", "user", "users[]"),
    ("chassis", "chassis", "chassis"),
    ("chassis slots", "chassisSlot", "chassis.slots[]"),
    ("blades", "blade", "chassis.blade, chassis.slots[].blade, events[].blade.blade"),
    ("guests", "guest", "guests[]"),
    ("timing", "timing", "timing, guests[].timing"),
    ("events", "event", "events[]"),
    ("faults", "fault", "faults[]"),
    ("match", "requestMatch", "faults[].match"),
)

# Named $defs shown by name in the type column, with where to read more.
NAMED = {
    "guestName": "guest name",
    "slotId": "slot number ≥ 1",
    "seconds": "seconds ≥ 0",
    "guestState": "`configured` \\| `provisioned` \\| `deployed`",
    "phase": "phase (see below)",
    "clock": "mapping: [clock](#clock)",
    "user": "mapping: [users](#users)",
    "chassis": "mapping: [chassis](#chassis)",
    "chassisSlot": "mapping: [chassis slots](#chassis-slots)",
    "blade": "blade name or mapping: [blades](#blades)",
    "guest": "mapping: [guests](#guests)",
    "timing": "mapping: [timing](#timing)",
    "event": "mapping: [events](#events)",
    "fault": "mapping: [faults](#faults)",
    "requestMatch": "mapping: [match](#match)",
    "delay": "delay",
}

INTRO = """\
# Scenario format, version 1

<!-- Generated from scenarios/schema.json by
     `python -m vcmp_mock.engine.scenario_doc > docs/scenarios.md`. Do not edit. -->

A scenario is a YAML file that sets up the simulated vCMP host (chassis,
guests, users, clock, timing) and makes awkward things happen on demand:
events (a blade fails, another administrator changes a guest) and faults
(iControl exceptions, HTTP errors, a bad network, an install that fails).
The format is defined by the JSON Schema in
[`scenarios/schema.json`](../scenarios/schema.json); this page is
generated from it. The examples in [`scenarios/`](../scenarios/) are each
exercised by a test.

```sh
vcmp-mock validate scenarios/*.yaml   # check files; exit code 1 on any mistake
```

Every mistake is reported at once, with the file, line and YAML path:

```text
scenarios/x.yaml:14 guests[1].slots: must be ≥ min_slots (3)
scenarios/x.yaml:20 faults[0].match.operation: unknown operation 'set_guest_sate'; did you mean 'set_guest_state'?
```

Start a file with `# yaml-language-server: $schema=schema.json` and
editors that know JSON Schema will check it as you type.
"""

RULES = """\
## How faults are matched

Rules are tried in order for each request; the first rule whose `match`
holds and that is due answers it. A rule is due when its call number (the
count of calls that met its criteria, counted from the start whichever
rule answered them) is past `skip`, equals `nth` if given, and it has
answered fewer than `times` calls; it then answers with the chance
`probability`, drawn from the seed. Protocol, HTTP and transport rules
answer requests; domain rules answer a guest's slot entering the phase in
`match.phase`, and their outcome is planned once, so every later read shows
the same thing. Times in `match.since` and `match.until` are simulated
seconds since the start; delays and hangs of transport faults are real
seconds.

## How events fire

`at` events happen at their simulated time, in time order (ties in the
order listed), whether or not a request arrives. `after_polls` events
happen just after the client's `count`-th poll of the guest, so the client
sees exactly `count` answers from before the change. `on_request` events
happen just before a matching request is served. An event the host refuses
(a blade that is not there, a guest already deleted) changes nothing and is
recorded with the scenario's event errors.

## Determinism

The same scenario with the same seed gives the same answers and the same
sequence of statuses, call for call: every random choice (MAC addresses,
counters, fault probabilities, random delays) comes from the one seed, and
fault draws use a stream of their own so that adding a rule does not move
the rest.
"""


def render(schema: dict[str, Any] | None = None, examples: Path | None = None) -> str:
    """The page; ``examples`` is a directory of scenarios to list, if any."""
    schema = schema if schema is not None else load_schema()
    parts = [INTRO]
    if examples is not None:
        parts.append(_examples(examples))
    for heading, node_name, shown in SECTIONS:
        node = schema if not node_name else schema["$defs"][node_name]
        parts.append(_section(heading, node, shown))
    parts.append(_transport(schema["$defs"]))
    parts.append(_phases(schema["$defs"]["phase"]))
    parts.append(RULES)
    return "\n".join(parts).rstrip() + "\n"


def _section(heading: str, node: dict, shown: str) -> str:
    lines = [f"## {heading}", ""]
    lines += [f"`{shown}`: {node['description']}" if shown else node["description"], ""]
    lines += _table(node)
    lines += list(_choices(node))
    base = shown.split(",")[0] if shown else ""
    for name, sub in node.get("properties", {}).items():
        if _inline_object(name, sub):
            path = f"{base}.{name}" if base else name
            lines += ["", f"### `{path}`", "", _cell(sub["description"]), ""] + _table(sub)
    return "\n".join(lines) + "\n"


def _inline_object(name: str, sub: dict) -> bool:
    # transport has a section of its own, by kind
    return sub.get("type") == "object" and "properties" in sub and name != "transport"


def _table(node: dict) -> list[str]:
    lines = ["| key | type | meaning |", "| --- | --- | --- |"]
    required = set(node.get("required", ()))
    for name, sub in node.get("properties", {}).items():
        key = f"`{name}`" + (" (required)" if name in required else "")
        kind = "mapping, see below" if _inline_object(name, sub) else type_of(sub)
        if name == "transport":
            kind = "mapping: [transport faults](#transport-faults)"
        lines.append(f"| {key} | {kind} | {_cell(_description(sub))} |")
    return lines


def _choices(node: dict) -> Iterator[str]:
    groups = [node] + list(node.get("allOf", []))
    for group in groups:
        options = group.get("oneOf", [])
        keys = [o["required"][0] for o in options if list(o) == ["required"] and len(o["required"]) == 1]
        if keys and len(keys) == len(options):
            yield ""
            yield "Exactly one of: " + ", ".join(f"`{k}`" for k in keys) + "."


def _transport(defs: dict) -> str:
    transport = defs["fault"]["properties"]["transport"]
    lines = ["## transport faults", "", f"`faults[].transport`: {transport['description']}", ""]
    lines += ["`kind` (required) says what goes wrong; some kinds take more keys:", ""]
    lines += ["| `kind` | keys |", "| --- | --- |"]
    extra: dict[str, list[str]] = {}
    for part in transport["allOf"]:
        kind = part["if"]["properties"]["kind"]["const"]
        then = part["then"]
        props = then.get("properties") or defs[then["$ref"].rsplit("/", 1)[1]].get("properties", {})
        extra[kind] = [f"`{name}` ({type_of(sub)}): {_cell(_description(sub))}" for name, sub in props.items()]
    for kind in transport["properties"]["kind"]["enum"]:
        keys = "<br>".join(extra.get(kind, [])) or "none"
        lines.append(f"| `{kind}` | {keys} |")
    lines += ["", _cell(transport["properties"]["kind"]["description"])]
    lines += ["", f"A delay takes `seconds`, or a `distribution`: {defs['delay']['properties']['distribution']['description']}"]
    return "\n".join(lines) + "\n"


def _examples(directory: Path) -> str:
    from vcmp_mock.engine.scenario import load

    lines = ["## Example scenarios", "", "| file | what it shows |", "| --- | --- |"]
    for path in sorted(directory.glob("*.yaml")):
        description = load(path).description
        lines.append(f"| [`{path.name}`](../scenarios/{path.name}) | {_cell(description)} |")
    return "\n".join(lines) + "\n"


def _phases(phase: dict) -> str:
    names = ", ".join(f"`{name}`" for name in phase["enum"])
    return f"## Phases\n\n{phase['description'].split(':')[0]}: {names}.\n"


def type_of(sub: dict) -> str:
    if "$ref" in sub:
        name = sub["$ref"].rsplit("/", 1)[1]
        if name in NAMED:
            return NAMED[name]
        return type_of(_follow(sub["$ref"]))
    if "const" in sub:
        return f"`{sub['const']}`"
    if "enum" in sub:
        return " \\| ".join(f"`{value}`" for value in sub["enum"])
    kind = sub.get("type")
    if isinstance(kind, list):
        return " or ".join(_word(k, sub) for k in kind)
    if kind == "array":
        return f"list of {type_of(sub.get('items', {}))}"
    return _word(kind, sub) + _bounds(sub)


_WORDS = {"integer": "integer", "number": "number", "string": "text", "boolean": "`true` \\| `false`",
          "object": "mapping"}


def _word(kind: str | None, sub: dict) -> str:
    return _WORDS.get(kind or "", "any")


def _bounds(sub: dict) -> str:
    marks = [("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤"), ("exclusiveMaximum", "<")]
    found = [f"{sign} {sub[key]}" for key, sign in marks if key in sub]
    return " " + ", ".join(found) if found else ""


_SCHEMA_CACHE: dict[str, Any] = {}


def _follow(ref: str) -> dict:
    node: Any = _SCHEMA_CACHE.setdefault("schema", load_schema())
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    return node


def _description(sub: dict) -> str:
    while "description" not in sub and "$ref" in sub:
        sub = _follow(sub["$ref"])
    return sub.get("description", "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# In a checkout, the examples sit next to the package's source root.
EXAMPLES = Path(__file__).resolve().parents[3] / "scenarios"


def main() -> int:
    sys.stdout.write(render(examples=EXAMPLES if EXAMPLES.is_dir() else None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
