"""Interfaces that answer only while their module is provisioned.

System.VCMP exists on a host with vCMP provisioned; once vCMP is taken
away (Management.Provision), its calls are refused until it is back, except
get_version. Checked when a call is admitted and again when a transaction
replays it (a queued change may follow a de-provisioning in the same queue).
"""

from __future__ import annotations

from typing import Any

from vcmp_mock.domain.provisioning import VCMP, ModuleNotProvisioned

REQUIRES = {"System.VCMP": VCMP, "Management.VCMP": VCMP}


def require_module(call: Any) -> None:
    module = REQUIRES.get(call.interface)
    if module is None or call.operation == "get_version":
        return
    provisioning = getattr(call.simulator, "provisioning", None)
    if provisioning is not None and not provisioning.is_provisioned(module):
        raise ModuleNotProvisioned(module)
