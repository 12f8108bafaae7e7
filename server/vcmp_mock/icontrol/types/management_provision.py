"""``Management.Provision.*``: the types of the module provisioning interface."""

from __future__ import annotations

from ._model import enum, sequence

# Same members, same order as Common.ProvisionLevel, but a distinct type.
ProvisionLevel = enum(
    "Management.Provision.ProvisionLevel",
    "PROVISION_LEVEL_NONE",
    "PROVISION_LEVEL_MINIMUM",
    "PROVISION_LEVEL_NOMINAL",
    "PROVISION_LEVEL_DEDICATED",
    "PROVISION_LEVEL_CUSTOM",
    "PROVISION_LEVEL_UNKNOWN",
)

ProvisionLevelSequence = sequence(ProvisionLevel, "Management.Provision.ProvisionLevelSequence")
