"""Throughput of the SOAP codec and of an in-process dispatch.

    python bench/codec.py [--seconds 1.0]

For two calls (get_completion_status for 8 guests x 4 slots, and get_list of
8 guests) prints parses/s (envelope + parameters), writes/s (response
envelope) and dispatches/s (reader -> spyne -> fake handler -> writer, as
the portal calls it, without HTTP).
"""

from __future__ import annotations

import argparse
import threading
import time
from types import SimpleNamespace
from typing import Callable

from vcmp_mock.icontrol.encoding import read_envelope, write_response
from vcmp_mock.icontrol.interfaces import INTERFACES
from vcmp_mock.icontrol.soap import SoapDispatcher
from vcmp_mock.transport.contracts import Principal

VCMP = INTERFACES["System.VCMP"]
GUESTS = [f"guest{n}" for n in range(1, 9)]


def request(operation: str, params: str) -> bytes:
    # suds' spelling: one line, prefixed method, <item> children.
    return (
        '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
        'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:ns1="urn:iControl:System/VCMP"><SOAP-ENV:Header/><SOAP-ENV:Body>'
        f"<ns1:{operation}>{params}</ns1:{operation}></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    ).encode()


def completion(slot: int) -> dict:
    return {
        "slot_id": slot,
        "requested_state": "VCMP_GUEST_STATE_DEPLOYED",
        "request_complete": True,
        "status": "VCMP_STATUS_RUNNING",
        "comment": "",
    }


CASES = {
    "get_completion_status (8 guests x 4 slots)": (
        "get_completion_status",
        request("get_completion_status", "<guests>" + "".join(f"<item>{g}</item>" for g in GUESTS) + "</guests>"),
        [[completion(slot) for slot in range(1, 5)] for _ in GUESTS],
    ),
    "get_list (8 guests)": ("get_list", request("get_list", ""), GUESTS),
}


def rate(action: Callable[[], object], seconds: float) -> float:
    action()  # warm caches (compiled codecs, spyne descriptors)
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while True:
        for _ in range(50):
            action()
        count += 50
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per measurement")
    seconds = parser.parse_args().seconds

    answers = {operation: result for operation, _, result in CASES.values()}
    handlers = SimpleNamespace(**{op: (lambda call, *args, _r=result: _r) for op, result in answers.items()})
    dispatcher = SoapDispatcher(
        SimpleNamespace(lock=threading.Lock()), handler_modules={"System.VCMP": handlers}
    )
    principal = Principal("admin", "admin")

    for label, (operation, body, result) in CASES.items():
        op = VCMP.operation(operation)
        declared = [(p.name, p.type) for p in op.params]
        response = dispatcher.handle(body, {}, principal)
        assert response.status == 200, response.body
        parses = rate(lambda: read_envelope(body).params(declared), seconds)
        writes = rate(lambda: write_response(VCMP.namespace, operation, op.returns, result), seconds)
        dispatches = rate(lambda: dispatcher.handle(body, {}, principal), seconds)
        print(f"{label}: request {len(body)} B, response {len(response.body)} B")
        print(f"  parses/s     {parses:10,.0f}")
        print(f"  writes/s     {writes:10,.0f}")
        print(f"  dispatches/s {dispatches:10,.0f}")


if __name__ == "__main__":
    main()
