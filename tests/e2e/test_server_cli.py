"""Config parsing and the ``vcmp-mock`` command, down to a served request."""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
import sys
import types
from pathlib import Path

import pytest

from vcmp_mock import cli
from vcmp_mock.config import Config, User, parse_user

ADMIN = {"Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()}


@pytest.fixture
def fake_wiring(monkeypatch, portal_factory):
    """Stands in for the lead's ``vcmp_mock.wiring`` and records the config."""
    module = types.ModuleType("vcmp_mock.wiring")
    module.configs = []

    def build_portal(config):
        module.configs.append(config)
        return portal_factory(realm=config.realm)

    module.build_portal = build_portal
    monkeypatch.setitem(sys.modules, "vcmp_mock.wiring", module)
    return module


@pytest.mark.parametrize("text,user", [
    ("bob:secret", User("bob", "secret", "admin")),
    ("bob:secret:guest", User("bob", "secret", "guest")),
    ("bob:a:b:operator", User("bob", "a:b", "operator")),
])
def test_user_flag_forms(text, user):
    assert parse_user(text) == user


@pytest.mark.parametrize("text,message", [
    ("bob", "name:password"), (":pw", "name:password"), ("bob:", "empty password"),
    ("bob:pw:wizard", "unknown role 'wizard'"),
])
def test_bad_user_flag_names_the_problem(text, message):
    with pytest.raises(ValueError, match=message):
        parse_user(text)


def test_user_repr_hides_the_password():
    assert "secret" not in repr(User("bob", "secret"))


def test_serve_flags_bind_onto_config():
    args = cli._parser().parse_args([
        "serve", "--host", "0.0.0.0", "--port", "443", "--users", "a:b", "--users", "c:d:guest",
        "--time-scale", "60", "--seed", "7", "--bigip-version", "11.6.0", "--realm", "BIG\\-IP",
    ])
    config = cli.config_from_args(args)
    assert config.users == (User("a", "b", "admin"), User("c", "d", "guest"))
    assert (config.host, config.port, config.time_scale, config.seed) == ("0.0.0.0", 443, 60.0, 7)
    assert (config.bigip_version, config.realm, config.http) == ("11.6.0", "BIG\\-IP", False)
    assert config.url() == "https://127.0.0.1:443/iControl/iControlPortal.cgi"


def test_defaults_match_the_documented_ones():
    config = cli.config_from_args(cli._parser().parse_args(["serve"]))
    assert config == Config()
    assert (config.host, config.port, config.users) == ("127.0.0.1", 8443, (User("admin", "admin", "admin"),))
    assert (config.preset, config.bigip_version, config.realm) == ("viprion-c2400", "13.1.0", "BIG-IP")


@pytest.mark.parametrize("argv,message", [
    (["--cert", "c.pem"], "--cert and --key go together"),
    (["--port", "70000"], "not in 0..65535"),
    (["--time-scale", "0"], "time scale"),
    (["--users", "a:b", "--users", "a:c"], "duplicate user"),
    (["--bigip-version", "latest"], "version"),
])
def test_bad_serve_flags_exit_2_with_the_reason(argv, message, capsys):
    assert cli.main(["serve", *argv]) == 2
    assert message in capsys.readouterr().err


def test_bad_user_flag_is_an_argparse_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["serve", "--users", "nocolon"])
    assert stopped.value.code == 2
    assert "name:password" in capsys.readouterr().err


def test_start_server_serves_https_with_a_generated_certificate(tmp_path, fake_wiring):
    config = Config(port=0, realm="BIG\\-IP")
    server = cli.start_server(config, tmp_path)
    try:
        conn = http.client.HTTPSConnection(
            "127.0.0.1", server.port, context=ssl._create_unverified_context(), timeout=5)
        conn.request("GET", "/iControl/iControlPortal.cgi")
        challenge = conn.getresponse()
        challenge.read()
        conn.request("GET", "/iControl/iControlPortal.cgi", headers=ADMIN)
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        server.stop()
    assert challenge.getheader("WWW-Authenticate") == 'Basic realm="BIG\\-IP"'
    assert fake_wiring.configs == [config]
    assert (tmp_path / "cert.pem").exists()


def test_start_server_over_plain_http(tmp_path, fake_wiring):
    server = cli.start_server(Config(port=0, http=True), tmp_path)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", "/iControl/iControlPortal.cgi", headers=ADMIN)
        assert conn.getresponse().status == 200
        conn.close()
    finally:
        server.stop()
    assert not (tmp_path / "cert.pem").exists()


def test_serve_on_a_busy_port_exits_1_with_the_reason(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        code = cli.main(["serve", "--http", "--port", str(busy.getsockname()[1])])
    assert code == 1
    assert "cannot start" in capsys.readouterr().err


def test_wsdl_command_writes_the_files(tmp_path, capsys):
    assert cli.main(["wsdl", "--out", str(tmp_path / "w")]) == 0
    written = capsys.readouterr().out.split()
    assert str(tmp_path / "w" / "System.VCMP.wsdl") in written
    assert all(Path(path).read_bytes().startswith(b"<?xml") for path in written)


def test_no_command_prints_help_and_exits_2(capsys):
    assert cli.main([]) == 2
    assert "serve" in capsys.readouterr().out


SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_validate_accepts_every_example_scenario(capsys):
    examples = sorted(SCENARIOS.glob("*.yaml"))
    assert len(examples) >= 8
    assert cli.main(["validate", *map(str, examples)]) == 0
    out = capsys.readouterr().out
    assert all(f"{path}: ok" in out for path in examples)


def test_validate_reports_every_mistake_with_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nguests:\n  - {name: g1, slots: 2, min_slots: 3}\nbogus: 1\n")
    assert cli.main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3 guests[0].slots: must be \u2265 min_slots (3)" in err
    assert f"{bad}:4 bogus: unknown key 'bogus'" in err


def test_serve_refuses_an_invalid_scenario_before_listening(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 2\n")
    assert cli.main(["serve", "--http", "--port", "0", "--scenario", str(bad)]) == 2
    assert f"{bad}:1 version" in capsys.readouterr().err
