"""The ``vcmp-mock`` command: ``serve`` runs the portal, ``wsdl`` writes WSDL files."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import threading
from pathlib import Path
from typing import Sequence

from vcmp_mock import __version__
from vcmp_mock.config import Config, parse_user
from vcmp_mock.transport.server import PortalServer
from vcmp_mock.transport.tls import TlsFiles, certificate_names, generate


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    return args.run(args)


def config_from_args(args: argparse.Namespace) -> Config:
    """Bind the ``serve`` flags onto a Config (ValueError names the problem)."""
    fields = dict(
        host=args.host, port=args.port, http=args.http, cert=args.cert, key=args.key,
        time_scale=args.time_scale, seed=args.seed, bigip_version=args.bigip_version,
        preset=args.preset, realm=args.realm, scenario=args.scenario,
        auth_cookies=args.auth_cookies, threads=args.threads, timeout=args.timeout,
    )
    if args.users:  # given users replace the default admin:admin
        fields["users"] = tuple(args.users)
    return Config(**{k: v for k, v in fields.items() if v is not None})


def start_server(config: Config, tls_dir: Path, app=None) -> PortalServer:
    """Start serving ``app`` (by default the portal ``config`` describes).

    A certificate is generated into ``tls_dir`` unless the config names one.
    """
    if app is None:
        from vcmp_mock.wiring import build_portal  # the composition root

        app = build_portal(config)
    tls = None
    if not config.http:
        if config.cert is not None and config.key is not None:
            tls = TlsFiles(config.cert, config.key)
        else:
            tls = generate(tls_dir, certificate_names(config.host))
    server = PortalServer(
        app, config.host, config.port, tls,
        threads=config.threads, timeout=config.timeout, max_body=config.max_body,
    )
    server.start()
    return server


def _serve(args: argparse.Namespace) -> int:
    try:
        config = config_from_args(args)
    except ValueError as problem:
        print(f"vcmp-mock serve: {problem}", file=sys.stderr)
        return 2
    previous = _stop_on_sigterm()
    try:
        return _run(config)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(config: Config) -> int:
    from vcmp_mock.engine.scenario import ScenarioInvalid
    from vcmp_mock.wiring import build_portal, build_setup

    try:  # a scenario is checked before anything listens: mistakes come first
        setup = build_setup(config)
    except ScenarioInvalid as invalid:
        for error in invalid.errors:
            print(error, file=sys.stderr)
        return 2
    config = setup.config
    app = build_portal(config, simulator=setup.simulator, runtime=setup.runtime)
    with tempfile.TemporaryDirectory(prefix="vcmp-mock-tls-") as tls_dir:
        try:
            server = start_server(config, Path(tls_dir), app)
        except (OSError, ValueError) as problem:
            print(f"vcmp-mock serve: cannot start: {problem}", file=sys.stderr)
            return 1
        users = ", ".join(f"{u.name} ({u.role})" for u in config.users)
        print(f"vcmp-mock {__version__} serving {config.url(server.port)}", flush=True)
        print(f"  BIG-IP {config.bigip_version}, preset {config.preset}, users: {users}", flush=True)
        if setup.runtime is not None:
            described = setup.runtime.scenario.description
            print(f"  scenario {config.scenario}" + (f": {described}" if described else ""), flush=True)
        if server.tls is not None and server.tls.ca is not None:
            print(f"  generated certificate, issued by {server.tls.ca}", flush=True)
        try:
            server.wait()
        except KeyboardInterrupt:
            print("stopping", flush=True)
        finally:
            server.stop()
    return 0


def _validate(args: argparse.Namespace) -> int:
    from vcmp_mock.wiring import validate_scenarios

    status, messages = validate_scenarios(args.files)
    for message in messages:
        print(message, file=sys.stderr if status else sys.stdout)
    return status


def _wsdl(args: argparse.Namespace) -> int:
    from vcmp_mock.icontrol.wsdl import write_all

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    written = write_all(out, args.bigip_version)
    for path in written or ():
        print(path)
    return 0


def _stop_on_sigterm():
    """``docker stop`` sends SIGTERM: stop as on Ctrl-C. Returns the old handler."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, signal.default_int_handler)


def _user(text: str):
    try:
        return parse_user(text)
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _parser() -> argparse.ArgumentParser:
    defaults = Config()
    parser = argparse.ArgumentParser(prog="vcmp-mock", description=__doc__)
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the iControl portal")
    serve.set_defaults(run=_serve)
    serve.add_argument("--host", help=f"address to listen on (default {defaults.host})")
    serve.add_argument("--port", type=int, help=f"port (default {defaults.port}; 0: any free port)")
    serve.add_argument("--http", action="store_true", default=None, help="plain HTTP instead of HTTPS")
    serve.add_argument("--cert", type=Path, help="PEM certificate (default: one made at start-up)")
    serve.add_argument("--key", type=Path, help="PEM private key for --cert")
    serve.add_argument(
        "--users", action="append", type=_user, metavar="NAME:PASSWORD[:ROLE]",
        help="an account (repeatable; default admin:admin:admin)",
    )
    serve.add_argument("--time-scale", type=float, help="simulated seconds per real second")
    serve.add_argument("--seed", type=int, help="seed of the simulation's random numbers")
    serve.add_argument("--bigip-version", help=f"version to emulate (default {defaults.bigip_version})")
    serve.add_argument("--preset", help=f"hardware preset (default {defaults.preset})")
    serve.add_argument("--scenario", type=Path, help="scenario file to load")
    serve.add_argument("--realm", help='Basic auth realm (default BIG-IP; 11.3+ boxes say BIG\\-IP)')
    serve.add_argument("--auth-cookies", action="store_true", default=None, help="send BIGIPAuthCookie")
    serve.add_argument("--threads", type=int, help=f"worker threads (default {defaults.threads})")
    serve.add_argument("--timeout", type=float, help=f"socket timeout, s (default {defaults.timeout})")

    validate = commands.add_parser("validate", help="check scenario files without serving")
    validate.set_defaults(run=_validate)
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")

    wsdl = commands.add_parser("wsdl", help="write the WSDL files")
    wsdl.set_defaults(run=_wsdl)
    wsdl.add_argument("--out", required=True, help="directory to write into")
    wsdl.add_argument("--bigip-version", default=defaults.bigip_version)
    return parser
