"""Building blocks for the domain tests: a host on a manual clock, guests, dumps."""

from __future__ import annotations

from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.domain.faults import NO_FAULTS
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.host_impl import VcmpHost
from vcmp_mock.domain.model import GuestState, ManagementAddress
from vcmp_mock.domain.rng import Rng
from vcmp_mock.domain.timing import Timing
from vcmp_mock.engine import presets

IMAGE = "BIGIP-13.1.0.8-0.0.3.iso"
# Default durations, no skew: a fresh deploy reads CREATED at 0, ACQUIRE_VDISK at 2,
# WAIT_INSTALL at 12, INSTALLING 17-317, WAIT_STARTING at 317, STARTING at 320, RUNNING at 410.
TIMING = Timing(slot_skew=0.0)
CONFIGURED, PROVISIONED, DEPLOYED = GuestState.CONFIGURED, GuestState.PROVISIONED, GuestState.DEPLOYED


def make_host(preset="viprion-c2400", *, blades=None, disabled=(), down=(), timing=TIMING,
              faults=NO_FAULTS, seed=0, refuse=False):
    clock = ManualClock()
    spec = presets.chassis(preset, blades, disabled=disabled, down=down)
    host = VcmpHost(spec, clock=clock, rng=Rng(seed), timing=timing, faults=faults, refuse_unplaceable=refuse)
    return host, clock


def new_guest(host, name="g1", *, image=IMAGE, slots=None, min_slots=None, cores=None, allowed=None,
              address="10.1.1.10", vlans=("vlan10",)):
    host.create_guest(GuestSpec(name, f"{name}.example.com", image, ManagementAddress(address, ""),
                                "10.1.1.1" if address else "", tuple(vlans)))
    if allowed is not None:
        host.set_allowed_slots(name, allowed)
    if slots is not None:
        host.set_slots(name, slots)
    if min_slots is not None:
        host.set_min_slots(name, min_slots)
    if cores is not None:
        host.set_cores_per_slot(name, cores)
    return name


def statuses(host, name):
    return [(r.slot_id, r.status.name) for r in host.completion_status(name)]


def status_names(host, name):
    return {r.status.name for r in host.completion_status(name)}


def deployed(host, clock, name="g1", **kw):
    """A guest brought to RUNNING (fresh install) on a manual clock."""
    new_guest(host, name, **kw)
    host.set_requested_state(name, DEPLOYED)
    clock.advance(1000)
    assert status_names(host, name) == {"RUNNING"}, statuses(host, name)
    return name


def dump(host):
    """Everything a client can observe, for 'nothing changed' comparisons."""
    return (
        [(host.guest(n), host.completion_status(n)) for n in host.guest_names()],
        host.disks(),
        host.slots(),
        [host.free_cores(s.slot_id) for s in host.slots()],
        host.cluster(),
        host.scheduled(),
    )
