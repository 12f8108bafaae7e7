"""The benchmark load driver (bench/load.py) counts what it claims to."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from load import Target, drive  # noqa: E402


def test_driver_spends_its_budget_over_keep_alive_connections(plain_server, wire):
    result = drive(Target(plain_server.port), body=b"<Envelope/>", clients=3, requests=40,
                   headers={"Authorization": wire.admin})
    assert (len(result.latencies), result.errors, result.connections) == (40, 0, 3)
    assert result.percentile(50) <= result.percentile(100)


def test_driver_counts_unexpected_statuses_as_errors(plain_server):
    result = drive(Target(plain_server.port), body=b"<Envelope/>", clients=2, requests=6)
    assert (len(result.latencies), result.errors) == (0, 6)  # all challenged with 401


def test_driver_refuses_non_loopback_targets():
    with pytest.raises(ValueError, match="loopback"):
        Target(443, host="10.0.0.1")
