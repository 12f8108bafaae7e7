"""SOAP throughput against the speed reference, in one run.

Starts the real portal (``wiring.build_portal``) in a child process with
eight deployed guests of two slots each, drives an iControl call over
keep-alive connections with ``load.drive``, then serves the same number of
bytes from the bare server (``bare_http``) and prints both and their ratio.
The target is a ratio of at least 0.5.

    python bench/soap.py                         # get_completion_status, HTTPS
    python bench/soap.py --call get_list --http
"""

from __future__ import annotations

import argparse
import base64
import multiprocessing
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bare_http import _serve as serve_bare  # noqa: E402
from load import Target, drive, wait_for_port  # noqa: E402

GUESTS = [f"guest{i}" for i in range(8)]

CALLS = {
    "get_completion_status": "<guests>" + "".join(f"<item>{g}</item>" for g in GUESTS) + "</guests>",
    "get_list": "",
    "get_statistics": "<guests>" + "".join(f"<item>{g}</item>" for g in GUESTS) + "</guests>",
}


def envelope(call: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/">'
        f'<SOAP-ENV:Body><m:{call} xmlns:m="urn:iControl:System/VCMP">{CALLS[call]}</m:{call}>'
        "</SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode()


def _serve_portal(threads: int, tls: bool, port_out) -> None:
    from vcmp_mock.config import Config
    from vcmp_mock.domain.clock import ManualClock
    from vcmp_mock.domain.host import GuestSpec
    from vcmp_mock.domain.model import GuestState, ManagementAddress
    from vcmp_mock.transport import tls as tls_files
    from vcmp_mock.transport.server import PortalServer
    from vcmp_mock.wiring import build_portal, build_simulator

    config = Config(port=0, http=not tls, threads=threads)
    sim = build_simulator(config, clock=ManualClock())
    for n, name in enumerate(GUESTS):
        sim.host.create_guest(GuestSpec(name, f"{name}.example.com", "BIGIP-13.1.0.iso",
                                        ManagementAddress(f"10.0.0.{10 + n}", "255.255.255.0"),
                                        "10.0.0.1", ("vlan10",)))
        sim.host.set_slots(name, 2)
        sim.host.set_cores_per_slot(name, 2)
        sim.host.set_requested_state(name, GuestState.DEPLOYED)
    sim.clock.advance(3600)
    app = build_portal(config, simulator=sim)
    with tempfile.TemporaryDirectory() as tmp:
        files = tls_files.generate(Path(tmp), ["127.0.0.1"]) if tls else None
        server = PortalServer(app, "127.0.0.1", 0, files, threads=threads)
        port_out.send(server.start())
        server.wait()


def measure(target_fn, args, tls: bool, body: bytes, headers, clients: int, requests: int):
    receive, send = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("spawn").Process(target=target_fn, args=(*args, send), daemon=True)
    proc.start()
    try:
        if not receive.poll(60):
            raise SystemExit("the server did not start")
        port = receive.recv()
        wait_for_port(port)
        target = Target(port, tls=tls)
        drive(target, body, headers, clients=clients, requests=min(500, requests))  # warm-up
        return drive(target, body, headers, clients=clients, requests=requests)
    finally:
        proc.terminate()
        proc.join(5)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--call", choices=sorted(CALLS), default="get_completion_status")
    parser.add_argument("--http", action="store_true", help="plain HTTP (default HTTPS)")
    parser.add_argument("--threads", type=int, default=10, help="server worker threads")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args(argv)
    tls = not args.http

    body = envelope(args.call)
    auth = {"Authorization": "Basic " + base64.b64encode(b"admin:admin").decode(),
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": '"urn:iControl:System/VCMP"'}
    # one request by hand, to size the bare server's answer like the real one
    import http.client
    import ssl

    receive, send = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("spawn").Process(target=_serve_portal, args=(args.threads, tls, send), daemon=True)
    proc.start()
    try:
        port = receive.recv() if receive.poll(60) else None
        if port is None:
            raise SystemExit("the server did not start")
        wait_for_port(port)
        conn = (http.client.HTTPSConnection("127.0.0.1", port, context=ssl._create_unverified_context())
                if tls else http.client.HTTPConnection("127.0.0.1", port))
        conn.request("POST", "/iControl/iControlPortal.cgi", body=body, headers=auth)
        answer = conn.getresponse()
        size = len(answer.read())
        if answer.status != 200:
            raise SystemExit(f"the portal answered {answer.status}")
        target = Target(port, tls=tls)
        drive(target, body, auth, clients=args.clients, requests=min(500, args.requests))
        soap = drive(target, body, auth, clients=args.clients, requests=args.requests)
    finally:
        proc.terminate()
        proc.join(5)

    bare = measure(serve_bare, (size, args.threads, tls), tls, body, auth, args.clients, args.requests)
    scheme = "https" if tls else "http"
    print(soap.report(f"soap {args.call} ({size} B answer), {scheme}: "))
    print(bare.report(f"bare {scheme}, same sizes: "))
    ratio = soap.rate / bare.rate if bare.rate else 0.0
    print(f"ratio soap/bare: {ratio:.2f} (target >= 0.50)")
    return 0 if soap.errors == 0 and bare.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
