"""Statistics the host reports (a part of ``VcmpHost``); see ``stats.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Sequence

from vcmp_mock.domain import stats
from vcmp_mock.domain.guest import Guest, SlotRun
from vcmp_mock.domain.lifecycle import Phase
from vcmp_mock.domain.model import (
    DiskKey,
    DiskStatistics,
    HARecord,
    ModuleProvisionRecord,
    PromptRecord,
    SoftwareRecord,
    VmStatistics,
)

if TYPE_CHECKING:
    from vcmp_mock.domain.host_impl import VcmpHost

    _Base = VcmpHost
else:
    _Base = object


class HostStatsMixin(_Base):
    def vm_statistics(self, names: Sequence[str] | None = None) -> list[VmStatistics]:
        now = self._catch_up()
        out = []
        for guest in self._guests(names):
            for run in guest.runs.values():
                disk = self._st.disks.get(run.disk)
                used = disk.used_mb if disk else 0
                out.append(stats.vm_record(guest, run, now, self._st.chassis, used))
        return out

    def disk_statistics(self, keys: Sequence[DiskKey] | None = None) -> list[DiskStatistics]:
        self._catch_up()
        disks = self._st.disks.all() if keys is None else [self._st.disks.require(k) for k in keys]
        return [stats.disk_record(d) for d in disks]

    def software_records(self, names: Sequence[str] | None = None) -> list[SoftwareRecord]:
        now = self._catch_up()
        out = []
        for guest in self._guests(names):
            for run in guest.runs.values():
                disk = self._st.disks.get(run.disk)
                if disk is None:
                    continue
                if run.phase is Phase.INSTALLING:
                    timing = self._runner.timing(guest.name)
                    out.append(stats.software_record(guest, run, disk, stats.install_percent(run, now, timing)))
                elif run.phase is Phase.RUNNING:
                    out.append(stats.software_record(guest, run, disk, None))
        return out

    def _running(self, names: Sequence[str] | None) -> Iterator[tuple[Guest, SlotRun]]:
        for guest in self._guests(names):
            for run in guest.runs.values():
                if run.phase is Phase.RUNNING:
                    yield guest, run

    def prompt_records(self, names: Sequence[str] | None = None) -> list[PromptRecord]:
        self._catch_up()
        return [stats.prompt_record(g, r, self.platform.is_chassis) for g, r in self._running(names)]

    def ha_records(self, names: Sequence[str] | None = None) -> list[HARecord]:
        self._catch_up()
        return [row for g, r in self._running(names) for row in stats.ha_records(g, r)]

    def module_provision_records(self, names: Sequence[str] | None = None) -> list[ModuleProvisionRecord]:
        self._catch_up()
        seen: dict[str, Guest] = {g.name: g for g, _ in self._running(names)}
        return [row for g in seen.values() for row in stats.module_records(g)]

    def reset_statistics(self, name: str) -> None:
        now = self._catch_up()
        guest = self._guest(name)
        guest.stats_since = now
        for run in guest.runs.values():
            run.retries = 0
