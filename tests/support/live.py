"""A real vcmp-mock server on 127.0.0.1, in this process, for end-to-end tests.

The simulator is reachable from the test (``server.sim``), so a test can
move a manual clock between client calls and check the host's state.
"""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from vcmp_mock.config import Config
from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.transport.server import PortalServer
from vcmp_mock.transport.tls import certificate_names, generate
from vcmp_mock.wiring import build_portal, build_simulator


@dataclass
class LiveServer:
    config: Config
    sim: object
    port: int
    scheme: str

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/iControl/iControlPortal.cgi"


@contextmanager
def live_server(tls_dir: Path, clock=None, **fields) -> Iterator[LiveServer]:
    config = dataclasses.replace(Config(port=0), **fields)
    sim = build_simulator(config, clock=clock if clock is not None else ManualClock())
    app = build_portal(config, simulator=sim)
    tls = None if config.http else generate(tls_dir, certificate_names(config.host))
    server = PortalServer(app, "127.0.0.1", 0, tls, threads=4, timeout=10.0)
    port = server.start()
    try:
        yield LiveServer(config, sim, port, "http" if config.http else "https")
    finally:
        server.stop()


@contextmanager
def live_server_for_other_processes(tls_dir: Path, **fields) -> Iterator[LiveServer]:
    """A live server for clients in another process (Perl, Java, Mono).

    Their test cannot move a manual clock between the client's polls, so the
    clock runs 600 times real time, and the install takes 1200 simulated
    seconds (2 real ones) so that even a slow, loaded machine polls it often.
    """
    from vcmp_mock.domain.clock import RealClock
    from vcmp_mock.domain.timing import DEFAULT_TIMING

    with live_server(tls_dir, clock=RealClock(scale=600), **fields) as live:
        live.sim.host.timing = DEFAULT_TIMING.with_(install=1200.0)
        yield live
