"""Management.Provision: the 13 operations on module provisioning levels.

The catalogue records the release each operation first appeared in, even
when that predates the versions we emulate (10.x); all 13 exist in every
emulated version.
"""

from __future__ import annotations

from spyne.model.primitive import Unicode

from ..types import common as c
from ..types import management_provision as p
from .base import Interface, op

MODULES = ("modules", c.TMOSModuleSequence)

OPERATIONS = (
    op("get_custom_cpu_ratio", MODULES, returns=c.ULongSequence, since="10.0.1",
       doc="CPU share of each module at the custom level."),
    op("get_custom_disk_ratio", MODULES, returns=c.ULongSequence, since="10.0.1",
       doc="Disk share of each module at the custom level."),
    op("get_custom_memory_ratio", MODULES, returns=c.ULongSequence, since="10.0.1",
       doc="Memory share of each module at the custom level."),
    op("get_description", MODULES, returns=c.StringSequence, since="11.0.0",
       doc="Description of each module."),
    op("get_level", MODULES, returns=p.ProvisionLevelSequence, since="10.0.1",
       doc="Provisioning level of each module."),
    op("get_list", returns=c.TMOSModuleSequence, since="10.0.1",
       doc="Modules that can be provisioned."),
    op("get_provisioned_list", returns=c.TMOSModuleSequence, since="10.0.1",
       doc="Modules provisioned at a level other than none."),
    op("get_version", returns=Unicode, since="10.1.0", doc="Version string of the interface."),
    op("set_custom_cpu_ratio", MODULES, ("ratios", c.ULongSequence), since="10.0.1",
       doc="Set the CPU share of each module at the custom level."),
    op("set_custom_disk_ratio", MODULES, ("ratios", c.ULongSequence), since="10.0.1",
       doc="Set the disk share of each module at the custom level."),
    op("set_custom_memory_ratio", MODULES, ("ratios", c.ULongSequence), since="10.0.1",
       doc="Set the memory share of each module at the custom level."),
    op("set_description", MODULES, ("descriptions", c.StringSequence), since="11.0.0",
       doc="Set the description of each module."),
    op("set_level", MODULES, ("levels", p.ProvisionLevelSequence), since="10.0.1",
       doc="Set the provisioning level of each module."),
)

INTERFACE = Interface(
    module="Management",
    name="Provision",
    operations=OPERATIONS,
    doc="How much of the system's resources each software module gets.",
    enum_member_since=dict(c.MEMBER_SINCE),
)
