"""Creating, deleting and configuring guests (a part of ``VcmpHost``).

Every setter checks its value and the guest's state first and changes
nothing when it refuses. What may change when (docs/lifecycle.md,
"Validation"): cores and the virtual disk only while the guest is
configured and holds nothing; slots may grow at any time (a guest that
holds slots grows onto more) but never below what it holds; allowed slots
must keep the slots it holds; everything else may change at any time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from vcmp_mock.domain import validation as check
from vcmp_mock.domain.errors import AlreadyExists, GuestExists, IllegalState, InvalidArgument, NotFound
from vcmp_mock.domain.guest import Guest
from vcmp_mock.domain.host import GuestSpec
from vcmp_mock.domain.model import (
    Capability,
    ManagementAddress,
    NetworkMode,
    SlotAllocation,
    SslMode,
)
from vcmp_mock.domain.stats import MAC_BLOCK

if TYPE_CHECKING:
    from vcmp_mock.domain.host_impl import VcmpHost

    _Base = VcmpHost
else:
    _Base = object


def _enum(field: str, value: object, kind: type) -> None:
    if not isinstance(value, kind):
        raise InvalidArgument(field, value, f"one of {', '.join(m.name for m in kind)} is expected")


class GuestConfigMixin(_Base):
    # --- create and delete -------------------------------------------------------------
    def create_guest(self, spec: GuestSpec) -> None:
        now = self._catch_up()
        name = check.guest_name(spec.name)
        if name in self._st.guests:
            raise GuestExists(name)
        management = check.management(spec.management)
        guest = Guest(
            name=name,
            vcmp_id=self._st.next_vcmp_id,
            base_mac="",
            allowed_slots=tuple(sorted(self._st.chassis.slots)),
            created_at=now,
            hostname=check.hostname(spec.hostname),
            initial_image=check.filename("initial image", spec.initial_image),
            management=management,
            gateway=check.gateway(spec.gateway, management),
            vlans=check.object_names("VLAN", spec.vlans),
            stats_since=now,
        )
        guest.base_mac = self._draw_mac()
        self._st.next_vcmp_id += 1
        self._st.guests[name] = guest

    def _draw_mac(self) -> str:
        # F5's OUI, then a block of MAC_BLOCK addresses for the guest.
        tail = self.rng.randrange(0, 1 << 24, MAC_BLOCK)
        return "00:94:a1:" + ":".join(f"{(tail >> s) & 0xFF:02x}" for s in (16, 8, 0))

    def delete_guest(self, name: str) -> None:
        """Stops the VMs at once, frees the slots, detaches (keeps) its disks (13.1)."""
        self._catch_up()
        guest = self._guest(name)
        for run in list(guest.runs.values()):
            self._runner.drop(guest, run, self._time)
        for disk in self._st.disks.owned_by(name):
            disk.owner = None
        del self._st.guests[name]
        self._st.timings.pop(name, None)

    def delete_all_guests(self) -> None:
        self._catch_up()
        for name in list(self._st.guests):
            self.delete_guest(name)

    # --- identity and management network ------------------------------------------------
    def set_hostname(self, name: str, hostname: str) -> None:
        self._catch_up()
        guest = self._guest(name)
        guest.hostname = check.hostname(hostname)
        guest.touch()

    def set_initial_image(self, name: str, image: str) -> None:
        """Used the next time a disk is installed; installed disks keep theirs."""
        self._catch_up()
        guest = self._guest(name)
        guest.initial_image = check.filename("initial image", image)
        guest.touch()

    def set_management_address(self, name: str, address: ManagementAddress) -> None:
        self._catch_up()
        guest = self._guest(name)
        management = check.management(address)
        check.gateway(guest.gateway, management)
        guest.management = management
        guest.touch()

    def set_management_gateway(self, name: str, gateway: str) -> None:
        self._catch_up()
        guest = self._guest(name)
        guest.gateway = check.gateway(gateway, guest.management)
        guest.touch()

    def set_network_mode(self, name: str, mode: NetworkMode) -> None:
        self._catch_up()
        guest = self._guest(name)
        _enum("network mode", mode, NetworkMode)
        guest.network_mode = mode
        guest.touch()

    def add_vlans(self, name: str, vlans: Sequence[str]) -> None:
        self._catch_up()
        guest = self._guest(name)
        new = [v for v in check.object_names("VLAN", vlans) if v not in guest.vlans]
        guest.vlans.extend(new)
        guest.touch()

    def remove_vlans(self, name: str, vlans: Sequence[str]) -> None:
        self._catch_up()
        guest = self._guest(name)
        gone = check.object_names("VLAN", vlans)
        for vlan in gone:
            if vlan not in guest.vlans:
                raise NotFound("VLAN", f"{vlan} of vCMP guest {name}")
        guest.vlans = [v for v in guest.vlans if v not in gone]
        guest.touch()

    def remove_all_vlans(self, name: str) -> None:
        self._catch_up()
        guest = self._guest(name)
        guest.vlans = []
        guest.touch()

    # --- placement and size ------------------------------------------------------------------
    def _refuse_if_committed(self, guest: Guest, what: str) -> None:
        if guest.committed:
            state = "holds slots" if guest.holds_slots else f"is {guest.requested_state.name.lower()}"
            raise IllegalState(
                f"vCMP guest ({guest.name})",
                f"the {what} can only change while the guest is configured; it {state}",
            )

    def set_slots(self, name: str, count: int) -> None:
        self._catch_up()
        guest = self._guest(name)
        check.slot_count("slots", count, len(self._st.chassis.slots))
        if count < guest.min_slots:
            raise InvalidArgument("slots", count, f"cannot be below min_slots ({guest.min_slots})")
        if count < len(guest.runs):
            raise IllegalState(f"vCMP guest ({name})", f"it holds {len(guest.runs)} slots; configure it first to use fewer")
        with self.atomic():
            guest.slots = count
            guest.touch()
            self._reconciler.top_up(guest, self._time)

    def set_min_slots(self, name: str, count: int) -> None:
        self._catch_up()
        guest = self._guest(name)
        check.slot_count("min slots", count, len(self._st.chassis.slots))
        if count > guest.slots:
            raise InvalidArgument("min slots", count, f"cannot exceed slots ({guest.slots})")
        if guest.holds_slots and count > len(guest.runs):
            raise IllegalState(f"vCMP guest ({name})", f"it holds {len(guest.runs)} slots; configure it first to need more")
        guest.min_slots = count
        guest.touch()

    def set_allowed_slots(self, name: str, slot_ids: Sequence[int]) -> None:
        self._catch_up()
        guest = self._guest(name)
        allowed = check.slot_ids(list(slot_ids), len(self._st.chassis.slots))
        held = [s for s in guest.runs if s not in allowed]
        if held:
            raise IllegalState(f"vCMP guest ({name})", f"it holds slot(s) {held}, which must stay allowed")
        with self.atomic():
            guest.allowed_slots = allowed
            guest.touch()
            self._reconciler.top_up(guest, self._time)

    def set_slot_allocation(self, name: str, mode: SlotAllocation) -> None:
        """Legacy: SINGLE is slots = min_slots = 1; ALL is slots = every slot."""
        self._catch_up()
        guest = self._guest(name)
        _enum("slot allocation", mode, SlotAllocation)
        if mode is SlotAllocation.SINGLE:
            if len(guest.runs) > 1:
                raise IllegalState(f"vCMP guest ({name})", f"it holds {len(guest.runs)} slots; configure it first")
            guest.min_slots = 1
            self.set_slots(name, 1)
        else:
            self.set_slots(name, len(self._st.chassis.slots))

    def set_cores_per_slot(self, name: str, cores: int) -> None:
        self._catch_up()
        guest = self._guest(name)
        check.cores_per_slot(cores, max(self._st.chassis.max_blade_cores(), self.platform.default_blade.cores))
        self._refuse_if_committed(guest, "cores per slot")
        guest.cores_per_slot = cores
        guest.touch()

    def set_virtual_disk(self, name: str, filename: str) -> None:
        self._catch_up()
        guest = self._guest(name)
        filename = check.filename("virtual disk", filename)
        self._refuse_if_committed(guest, "virtual disk")
        wanted = filename or f"{name}.img"
        for other in self._st.guests.values():
            if other is not guest and other.disk_name == wanted:
                raise IllegalState(f"Virtual disk {wanted}", f"it is the disk of vCMP guest ({other.name})")
        if wanted != guest.disk_name:
            for disk in self._st.disks.owned_by(name):
                disk.owner = None  # the old disks stay, detached
        guest.virtual_disk = filename
        guest.touch()

    # --- options ------------------------------------------------------------------------------------
    def set_ssl_mode(self, name: str, mode: SslMode) -> None:
        self._catch_up()
        guest = self._guest(name)
        _enum("SSL mode", mode, SslMode)
        guest.ssl_mode = mode
        guest.touch()

    def set_fips_name(self, name: str, fips_name: str) -> None:
        self._catch_up()
        guest = self._guest(name)
        guest.fips_name = check.free_text("FIPS name", fips_name)
        guest.touch()

    def _capability_items(self, items: Sequence[tuple[Capability, int]]) -> list[tuple[Capability, int]]:
        out = []
        for item in items:
            if not (isinstance(item, tuple) and len(item) == 2):
                raise InvalidArgument("capability", item, "a (capability, value) pair is expected")
            cap, value = item
            _enum("capability", cap, Capability)
            out.append((cap, check.ulong64(f"value of {cap.name}", value)))
        return out

    def add_capabilities(self, name: str, items: Sequence[tuple[Capability, int]]) -> None:
        self._catch_up()
        guest = self._guest(name)
        new = self._capability_items(items)
        for cap, _ in new:
            if cap in guest.capabilities:
                raise AlreadyExists("capability", f"{cap.name} of vCMP guest {name}")
        guest.capabilities.update(new)
        guest.touch()

    def set_capability_values(self, name: str, items: Sequence[tuple[Capability, int]]) -> None:
        self._catch_up()
        guest = self._guest(name)
        new = self._capability_items(items)
        for cap, _ in new:
            if cap not in guest.capabilities:
                raise NotFound("capability", f"{cap.name} of vCMP guest {name}")
        guest.capabilities.update(new)
        guest.touch()

    def remove_capabilities(self, name: str, caps: Sequence[Capability]) -> None:
        self._catch_up()
        guest = self._guest(name)
        for cap in caps:
            _enum("capability", cap, Capability)
            if cap not in guest.capabilities:
                raise NotFound("capability", f"{cap.name} of vCMP guest {name}")
        for cap in caps:
            guest.capabilities.pop(cap, None)
        guest.touch()

    def remove_all_capabilities(self, name: str) -> None:
        self._catch_up()
        guest = self._guest(name)
        guest.capabilities.clear()
        guest.touch()
