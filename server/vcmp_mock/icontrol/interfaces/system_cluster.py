"""System.Cluster: the 21 operations about the chassis cluster and its slots.

Unchanged since before 11.4; every operation exists in all emulated
versions. Calls take parallel arrays indexed like ``cluster_names``.
"""

from __future__ import annotations

from spyne.model.primitive import Boolean, Unicode

from ..types import common as c
from .base import Interface, op

CLUSTERS = ("cluster_names", c.StringSequence)
SLOTS = ("slot_ids", c.ULongSequenceSequence)

OPERATIONS = (
    op("get_cluster_enabled_state", CLUSTERS, returns=c.EnabledStateSequence,
       doc="Enabled state of each cluster (obsolete: always enabled)."),
    op("get_cluster_ha_state", CLUSTERS, returns=c.HAStateSequence,
       doc="HA state of each cluster."),
    op("get_current_primary_slot", CLUSTERS, returns=c.ULongSequence,
       doc="Slot of the primary blade of each cluster."),
    op("get_list", returns=c.StringSequence, doc="Names of the clusters."),
    op("get_member_enabled_state", CLUSTERS, SLOTS, returns=c.EnabledStateSequenceSequence,
       doc="Enabled state of the listed slots of each cluster."),
    op("get_member_ha_state", CLUSTERS, SLOTS, returns=c.HAStateSequenceSequence,
       doc="HA state of the listed slots of each cluster."),
    op("get_member_licensed_state", CLUSTERS, SLOTS, returns=c.EnabledStateSequenceSequence,
       doc="Whether the listed slots of each cluster are licensed."),
    op("get_member_priming_state", CLUSTERS, SLOTS, returns=c.EnabledStateSequenceSequence,
       doc="Whether the listed slots of each cluster are priming."),
    op("get_min_up_members", CLUSTERS, returns=c.ULongSequence,
       doc="Fewest members that must be up in each cluster."),
    op("get_min_up_members_action", CLUSTERS, returns=c.HAActionSequence,
       doc="What each cluster does when too few members are up."),
    op("get_min_up_members_state", CLUSTERS, returns=c.EnabledStateSequence,
       doc="Whether each cluster checks its minimum of members."),
    op("get_slot_id", CLUSTERS, returns=c.ULongSequenceSequence,
       doc="Slot ids that belong to each cluster."),
    op("get_version", returns=Unicode, doc="Version string of the interface."),
    op("is_clustered_environment", returns=Boolean,
       doc="Whether the system is a chassis cluster."),
    op("set_cluster_enabled_state", CLUSTERS, ("cluster_states", c.EnabledStateSequence),
       doc="Obsolete: accepted and ignored."),
    op("set_current_primary_slot", CLUSTERS, ("primary_slots", c.ULongSequence),
       doc="Choose the primary slot (not supported by the system)."),
    op("set_member_enabled_state", CLUSTERS, SLOTS,
       ("member_states", c.EnabledStateSequenceSequence),
       doc="Enable or disable the listed slots of each cluster."),
    op("set_member_priming_state", CLUSTERS, SLOTS,
       ("priming_states", c.EnabledStateSequenceSequence),
       doc="Set the priming flag of the listed slots of each cluster."),
    op("set_min_up_members", CLUSTERS, ("min_up_members", c.ULongSequence),
       doc="Set the fewest members that must be up in each cluster."),
    op("set_min_up_members_action", CLUSTERS, ("min_up_actions", c.HAActionSequence),
       doc="Set what each cluster does when too few members are up."),
    op("set_min_up_members_state", CLUSTERS, ("min_up_states", c.EnabledStateSequence),
       doc="Turn the minimum-members check of each cluster on or off."),
)

INTERFACE = Interface(
    module="System",
    name="Cluster",
    operations=OPERATIONS,
    doc="The slots of a chassis acting as one system.",
)
