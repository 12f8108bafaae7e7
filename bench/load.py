"""A small closed-loop HTTP load driver, for 127.0.0.1 only.

N client threads each keep one HTTP/1.1 keep-alive connection and send
requests back to back until a shared budget of requests is spent; every
request's latency is recorded. The same driver measures the bare server
(``bare_http.py``) and the real portal, so their figures compare.

    from load import Target, drive
    result = drive(Target(port, tls=True), body=b"<Envelope/>", clients=8, requests=5000)
    print(result.report())
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Mapping

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Target:
    port: int
    tls: bool = False
    host: str = LOOPBACK
    path: str = "/iControl/iControlPortal.cgi"

    def __post_init__(self):
        if not ipaddress.ip_address(self.host).is_loopback:
            raise ValueError(f"the load driver only targets loopback, not {self.host}")

    def connect(self, timeout: float) -> http.client.HTTPConnection:
        if self.tls:
            context = ssl._create_unverified_context()  # the mock's own certificate
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=context)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)


@dataclass
class Result:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)  # seconds, successes only
    errors: int = 0
    connections: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def report(self, label: str = "") -> str:
        ms = [1000 * self.percentile(p) for p in (50, 90, 99, 100)]
        return (
            f"{label}{len(self.latencies)} requests, {self.clients} clients, "
            f"{self.connections} connections, {self.errors} errors in {self.seconds:.2f} s: "
            f"{self.rate:,.0f} req/s; latency ms p50 {ms[0]:.2f} p90 {ms[1]:.2f} "
            f"p99 {ms[2]:.2f} max {ms[3]:.2f}"
        )


class _Budget:
    def __init__(self, total: int):
        self._left = total
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            return True


def drive(
    target: Target,
    body: bytes = b"",
    headers: Mapping[str, str] | None = None,
    clients: int = 8,
    requests: int = 10_000,
    expect_status: int = 200,
    timeout: float = 10.0,
) -> Result:
    """POST ``body`` (GET when empty) ``requests`` times over ``clients`` connections."""
    method = "POST" if body else "GET"
    budget = _Budget(requests)
    per_client = [Result(1, 0.0) for _ in range(clients)]
    start = threading.Barrier(clients + 1)

    def client(result: Result) -> None:
        conn = None
        start.wait()
        while budget.take():
            if conn is None:
                conn = target.connect(timeout)
                result.connections += 1
            began = time.perf_counter()
            try:
                conn.request(method, target.path, body=body or None, headers=dict(headers or {}))
                answer = conn.getresponse()
                answer.read()
            except (OSError, http.client.HTTPException):
                result.errors += 1
                conn.close()
                conn = None
                continue
            if answer.status == expect_status:
                result.latencies.append(time.perf_counter() - began)
            else:
                result.errors += 1
            if answer.will_close:
                conn.close()
                conn = None
        if conn is not None:
            conn.close()

    threads = [threading.Thread(target=client, args=(r,), daemon=True) for r in per_client]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    total = Result(clients, time.perf_counter() - began)
    for part in per_client:
        total.latencies += part.latencies
        total.errors += part.errors
        total.connections += part.connections
    return total


def wait_for_port(port: int, host: str = LOOPBACK, seconds: float = 10.0) -> None:
    """Block until something accepts connections on ``port``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
