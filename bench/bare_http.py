"""Speed reference: the portal's HTTP server answering a fixed byte string.

The same cheroot set-up as ``vcmp-mock serve`` (``PortalServer``: TLS or
plain, thread count, timeouts, deferred handshake) serves a WSGI app that
returns a constant body, so the figure is the ceiling the SOAP layer
works under. The server runs in a child process so it does not share a GIL
with the client threads; the driver (``load.py``) only targets 127.0.0.1.

    python bench/bare_http.py                      # HTTPS, 10 threads, 8 clients
    python bench/bare_http.py --http --clients 16 --requests 50000
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import Target, drive, wait_for_port  # noqa: E402

from vcmp_mock.config import Config  # noqa: E402


def _serve(answer_size: int, threads: int, tls: bool, port_out) -> None:
    from vcmp_mock.transport import tls as tls_files
    from vcmp_mock.transport.server import PortalServer

    answer = (b"<x>" + b"a" * answer_size)[:answer_size]

    def app(environ, start_response):
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response("200 OK", [("Content-Type", 'text/xml; charset="UTF-8"')])
        return [answer]

    with tempfile.TemporaryDirectory() as tmp:
        files = tls_files.generate(Path(tmp), ["127.0.0.1"]) if tls else None
        server = PortalServer(app, "127.0.0.1", 0, files, threads=threads)
        port_out.send(server.start())
        server.wait()


def main(argv=None) -> int:
    defaults = Config()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http", action="store_true", help="plain HTTP (default HTTPS)")
    parser.add_argument("--threads", type=int, default=defaults.threads, help="server worker threads")
    parser.add_argument("--clients", type=int, default=8, help="client threads (one connection each)")
    parser.add_argument("--requests", type=int, default=20_000, help="requests in all (bounded)")
    parser.add_argument("--body-size", type=int, default=600, help="request body bytes")
    parser.add_argument("--answer-size", type=int, default=2_000, help="response body bytes")
    args = parser.parse_args(argv)

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(args.answer_size, args.threads, not args.http, send), daemon=True
    )
    server.start()
    try:
        if not receive.poll(30):
            print("the server did not start", file=sys.stderr)
            return 1
        port = receive.recv()
        wait_for_port(port)
        target = Target(port, tls=not args.http)
        body = b"<Envelope>" + b"b" * max(0, args.body_size - 10)
        drive(target, body, clients=args.clients, requests=min(500, args.requests))  # warm-up
        result = drive(target, body, clients=args.clients, requests=args.requests)
    finally:
        server.terminate()
        server.join(5)
    scheme = "http" if args.http else "https"
    print(result.report(f"bare {scheme}, {args.threads} server threads, "
                        f"{args.body_size} B in / {args.answer_size} B out: "))
    return 0 if result.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
