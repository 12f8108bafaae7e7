"""System.SystemInfo: the system's identity, answered from the simulated host."""

from __future__ import annotations


def get_version(call) -> str:
    return f"BIG-IP_v{call.bigip_version}"
