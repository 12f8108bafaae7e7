"""Virtual disks: one file per guest per slot, under /shared/vmdisks.

A disk outlives the guest that made it: moving a guest down to configured
keeps it, deleting the guest detaches it (13.1 behaviour), and only an
explicit delete removes it. A disk the host is working on (attached to a
slot the guest holds, being installed or copied) cannot be deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from vcmp_mock.domain.errors import DiskNotFound
from vcmp_mock.domain.model import DiskKey, DiskStatus, OperatingSystem

# A guest disk is a sparse file of about 100 GB (reference section 5, fact 15).
DISK_SIZE_MB = 100 * 1024


@dataclass
class Disk:
    key: DiskKey
    owner: str | None  # the guest it belongs to; None once detached
    status: DiskStatus = DiskStatus.CREATED
    os: OperatingSystem = OperatingSystem.UNKNOWN
    image: str = ""  # the ISO installed on it
    size_mb: int = DISK_SIZE_MB
    used_mb: int = 0
    created_at: float = 0.0

    @property
    def installed(self) -> bool:
        return self.os is OperatingSystem.TMOS and self.status in (DiskStatus.READY, DiskStatus.IN_USE)

    @property
    def busy(self) -> bool:
        """Being written or read by the host right now."""
        return self.status in (DiskStatus.INSTALLING, DiskStatus.MIGRATING, DiskStatus.IN_USE)


class DiskStore:
    def __init__(self) -> None:
        self._disks: dict[DiskKey, Disk] = {}

    def clone(self) -> "DiskStore":
        other = DiskStore()
        other._disks = {k: replace(d) for k, d in self._disks.items()}
        return other

    def __len__(self) -> int:
        return len(self._disks)

    def get(self, key: DiskKey) -> Disk | None:
        return self._disks.get(key)

    def require(self, key: DiskKey) -> Disk:
        disk = self._disks.get(key)
        if disk is None:
            raise DiskNotFound(key.slot_id, key.filename)
        return disk

    def all(self) -> list[Disk]:
        """Every disk, by slot then file name (the order listings use)."""
        return [self._disks[k] for k in sorted(self._disks, key=lambda k: (k.slot_id, k.filename))]

    def create(self, key: DiskKey, owner: str, now: float) -> Disk:
        """A fresh disk file, or the same file re-created over a broken one."""
        disk = Disk(key, owner, created_at=now)
        self._disks[key] = disk
        return disk

    def put(self, disk: Disk) -> None:
        self._disks[disk.key] = disk

    def remove(self, key: DiskKey) -> Disk:
        disk = self.require(key)
        del self._disks[key]
        return disk

    def on_slot(self, slot_id: int) -> list[Disk]:
        return [d for d in self._disks.values() if d.key.slot_id == slot_id]

    def owned_by(self, guest: str) -> list[Disk]:
        return [d for d in self._disks.values() if d.owner == guest]

    def copies_of(self, filename: str) -> list[Disk]:
        return [d for d in self.all() if d.key.filename == filename]
