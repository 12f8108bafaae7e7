"""System.Cluster: the slot structure clients read before they place guests.

A vCMP host has one cluster, named ``default``; its members are the
chassis slots (an appliance reports a single slot 1).
"""

from __future__ import annotations

from typing import Any, Sequence

from vcmp_mock.domain import errors
from vcmp_mock.domain.model import HAState
from vcmp_mock.icontrol.services import enums
from vcmp_mock.icontrol.services._common import aligned, host, modifies

CLUSTER_NAME = "default"


def _check(cluster_names: Sequence[str]) -> None:
    for name in cluster_names:
        if name != CLUSTER_NAME:
            raise errors.NotFound("cluster", name)


def _ha_state(name: str) -> str:
    # The host reports HA states by member name (its ClusterView is plain data).
    return enums.HA_STATE.wire(HAState[name])


def get_version(call) -> str:
    return f"BIG-IP_v{call.bigip_version}"


def get_list(call) -> list[str]:
    return [CLUSTER_NAME]


def is_clustered_environment(call) -> bool:
    return host(call).platform.is_chassis


def get_slot_id(call, cluster_names) -> list[list[int]]:
    _check(cluster_names)
    ids = [slot.slot_id for slot in host(call).slots()]
    return [list(ids) for _ in cluster_names]


def get_current_primary_slot(call, cluster_names) -> list[int]:
    _check(cluster_names)
    primary = host(call).cluster().primary_slot
    return [primary for _ in cluster_names]


def get_cluster_enabled_state(call, cluster_names) -> list[str]:
    # Deprecated on a real box: a cluster always reports itself enabled.
    _check(cluster_names)
    return [enums.enabled(True) for _ in cluster_names]


@modifies
def set_cluster_enabled_state(call, cluster_names, cluster_states) -> None:
    # Deprecated on a real box: accepted and ignored, after validation.
    aligned("cluster_names", cluster_names, cluster_states=cluster_states)
    _check(cluster_names)
    for state in cluster_states:
        enums.is_enabled(state, "cluster_states")


def get_cluster_ha_state(call, cluster_names) -> list[str]:
    _check(cluster_names)
    state = _ha_state(host(call).cluster().ha_state)
    return [state for _ in cluster_names]


def _per_member(call, cluster_names, slot_ids, read) -> list[list[Any]]:
    aligned("cluster_names", cluster_names, slot_ids=slot_ids)
    _check(cluster_names)
    target = host(call)
    return [[read(target, int(slot_id)) for slot_id in ids] for ids in slot_ids]


def get_member_enabled_state(call, cluster_names, slot_ids) -> list[list[str]]:
    return _per_member(call, cluster_names, slot_ids, lambda h, s: enums.enabled(h.slot(s).enabled))


def get_member_ha_state(call, cluster_names, slot_ids) -> list[list[str]]:
    return _per_member(call, cluster_names, slot_ids, lambda h, s: _ha_state(h.member_ha_state(s)))


def get_member_licensed_state(call, cluster_names, slot_ids) -> list[list[str]]:
    return _per_member(call, cluster_names, slot_ids, lambda h, s: enums.enabled(h.slot(s).licensed))


def get_member_priming_state(call, cluster_names, slot_ids) -> list[list[str]]:
    return _per_member(call, cluster_names, slot_ids, lambda h, s: enums.enabled(h.slot(s).priming))


def _set_per_member(call, cluster_names, slot_ids, states, field, apply) -> None:
    aligned("cluster_names", cluster_names, slot_ids=slot_ids, **{field: states})
    _check(cluster_names)
    target = host(call)
    rows = []
    for ids, flags in zip(slot_ids, states):
        aligned("slot_ids", ids, **{field: flags})
        rows += [(int(s), enums.is_enabled(f, field)) for s, f in zip(ids, flags)]
    with target.atomic():
        for slot_id, flag in rows:
            apply(target, slot_id, flag)


@modifies
def set_member_enabled_state(call, cluster_names, slot_ids, member_states) -> None:
    _set_per_member(call, cluster_names, slot_ids, member_states, "member_states",
                    lambda h, s, f: h.set_member_enabled(s, f))


@modifies
def set_member_priming_state(call, cluster_names, slot_ids, priming_states) -> None:
    _set_per_member(call, cluster_names, slot_ids, priming_states, "priming_states",
                    lambda h, s, f: h.set_member_priming(s, f))


def get_min_up_members(call, cluster_names) -> list[int]:
    _check(cluster_names)
    count = host(call).cluster().min_up_members
    return [count for _ in cluster_names]


@modifies
def set_min_up_members(call, cluster_names, min_up_members) -> None:
    aligned("cluster_names", cluster_names, min_up_members=min_up_members)
    _check(cluster_names)
    target = host(call)
    with target.atomic():
        for count in min_up_members:
            target.set_min_up_members(int(count))


def get_min_up_members_action(call, cluster_names) -> list[str]:
    _check(cluster_names)
    action = enums.HA_ACTION.wire(host(call).cluster().min_up_members_action)
    return [action for _ in cluster_names]


@modifies
def set_min_up_members_action(call, cluster_names, min_up_actions) -> None:
    aligned("cluster_names", cluster_names, min_up_actions=min_up_actions)
    _check(cluster_names)
    actions = [enums.HA_ACTION.domain(a, "min_up_actions") for a in min_up_actions]
    target = host(call)
    with target.atomic():
        for action in actions:
            target.set_min_up_members_action(action)


def get_min_up_members_state(call, cluster_names) -> list[str]:
    _check(cluster_names)
    state = enums.enabled(host(call).cluster().min_up_members_enabled)
    return [state for _ in cluster_names]


@modifies
def set_min_up_members_state(call, cluster_names, min_up_states) -> None:
    aligned("cluster_names", cluster_names, min_up_states=min_up_states)
    _check(cluster_names)
    flags = [enums.is_enabled(s, "min_up_states") for s in min_up_states]
    target = host(call)
    with target.atomic():
        for flag in flags:
            target.set_min_up_members_enabled(flag)
