"""`vcmp-mock validate`: files in, exit code and messages out, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vcmp_mock.engine.scenario import Scenario, ScenarioInvalid, load, loads, validate_files

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_valid_files_exit_zero(tmp_path):
    a = write(tmp_path, "a.yaml", "version: 1\n")
    b = write(tmp_path, "b.yaml", "version: 1\nseed: 3\n")
    assert validate_files([a, b]) == (0, [f"{a}: ok", f"{b}: ok"])


def test_any_invalid_file_exits_one_and_every_file_is_checked(tmp_path):
    bad = write(tmp_path, "bad.yaml", "version: 1\nseed: x\nguests: [{name: g, state: on}]\n")
    good = write(tmp_path, "good.yaml", "version: 1\n")
    code, messages = validate_files([bad, good])
    assert code == 1
    assert messages == [
        f"{bad}:2 seed: must be a whole number, not 'x'",
        f"{bad}:3 guests[0].state: must be one of: configured, provisioned, deployed (not 'on')",
        f"{good}: ok",
    ]


def test_schema_and_semantic_mistakes_are_reported_together(tmp_path):
    text = "version: 1\nguests:\n  - {name: g, slots: 2, min_slots: 3, colour: red}\nevents:\n  - at: 5\n    delete_guest: {guest: h}\n"
    code, messages = validate_files([write(tmp_path, "x.yaml", text)])
    assert code == 1
    assert [m.split(" ", 1)[1] for m in messages] == [
        "guests[0].colour: unknown key 'colour'; expected one of: allowed_slots, assigned_slots, "
        "capabilities, cores_per_slot, fips_name, hostname, initial_image, management_address, "
        "management_gateway, min_slots, name, network_mode, settled, slot_allocation, slots, "
        "ssl_mode, state, timing, virtual_disk, vlans",
        "guests[0].slots: must be ≥ min_slots (3)",
        "events[0].delete_guest.guest: unknown guest 'h' (guests here: g; name guests the client "
        "creates under client_guests)",
    ]


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.yaml"
    assert validate_files([missing]) == (1, [f"{missing}:1: cannot read: No such file or directory"])


def test_directory(tmp_path):
    code, messages = validate_files([tmp_path])
    assert code == 1 and messages[0].startswith(f"{tmp_path}:1: cannot read: ")


def test_not_utf8(tmp_path):
    path = write(tmp_path, "latin1.yaml", "version: 1\ndescription: caf\xe9\n".encode("latin-1"))
    assert validate_files([path]) == (1, [f"{path}:1: not UTF-8 text"])


def test_load_raises_with_every_error(tmp_path):
    path = write(tmp_path, "x.yaml", "version: 3\nseed: -2\n")
    try:
        load(path)
    except ScenarioInvalid as err:
        assert [e.line for e in err.errors] == [1, 2]
        assert str(err) == "\n".join(str(e) for e in err.errors)
    else:
        raise AssertionError("an invalid scenario loaded")


def test_alias_bomb_is_refused_not_expanded():
    lines = ["version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 9)]
    try:
        loads("\n".join(lines) + "\n", "bomb.yaml")
    except ScenarioInvalid as err:
        assert str(err) == "bomb.yaml:1: more than 200000 values: too large"
    else:
        raise AssertionError("an alias bomb loaded")


# --- nothing a user writes makes the loader crash -------------------------------

EXAMPLES = sorted(SCENARIOS.glob("*.yaml"))


def _outcome(text: str) -> None:
    try:
        assert isinstance(loads(text, "fuzz.yaml"), Scenario)
    except ScenarioInvalid as err:
        assert err.errors and all(e.file == "fuzz.yaml" and e.line >= 1 for e in err.errors)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_scenario_or_messages(text):
    _outcome(text)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(EXAMPLES),
    st.data(),
)
def test_damaged_examples_give_a_scenario_or_messages(example, data):
    lines = example.read_text().splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    replacement = data.draw(
        st.sampled_from(["", "  foo: 1", "- 3", "guests: 7", "seed: .inf", "  slots: -1", "x: [", "version: 1"])
    )
    lines[index] = replacement
    _outcome("\n".join(lines) + "\n")
