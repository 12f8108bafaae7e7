"""The simulator: one simulated host with its clock, rng and lock.

The SOAP layer holds ``lock`` around each call (handlers may run on
several server threads); everything else is the host's. ``reset()``
returns the host to how it was built. The scenario issue extends this
facade (scenario loading, events, faults, journal).
"""

from __future__ import annotations

import threading

from vcmp_mock.domain.chassis import ChassisSpec
from vcmp_mock.domain.clock import Clock, RealClock
from vcmp_mock.domain.faults import NO_FAULTS, DomainFaults
from vcmp_mock.domain.host_impl import VcmpHost
from vcmp_mock.domain.provisioning import Provisioning
from vcmp_mock.domain.rng import Rng
from vcmp_mock.domain.system_time import SystemTime
from vcmp_mock.domain.timing import DEFAULT_TIMING, Timing
from vcmp_mock.engine import presets
from vcmp_mock.engine.sessions import SessionTable

DEFAULT_PRESET = "viprion-c2400"


class Simulator:
    def __init__(
        self,
        preset: str | ChassisSpec = DEFAULT_PRESET,
        *,
        seed: int = 0,
        clock: Clock | None = None,
        timing: Timing = DEFAULT_TIMING,
        faults: DomainFaults = NO_FAULTS,
        refuse_unplaceable: bool = False,
    ) -> None:
        self.chassis = presets.preset(preset) if isinstance(preset, str) else preset
        self.preset_name = preset if isinstance(preset, str) else None
        self.clock = clock if clock is not None else RealClock()
        self.rng = Rng(seed)
        self.lock = threading.RLock()
        self.host = VcmpHost(
            self.chassis, clock=self.clock, rng=self.rng, timing=timing,
            faults=faults, refuse_unplaceable=refuse_unplaceable,
        )
        # What the host is besides its guests: iControl sessions, module
        # provisioning and the system time its administrator may set.
        self.sessions = SessionTable(self.clock, self.rng)
        self.provisioning = Provisioning()
        self.system_time = SystemTime(self.clock)

    @property
    def seed(self) -> int:
        return self.rng.initial_seed

    def reset(self) -> None:
        """Guests, disks, slots, sessions, provisioning and the rng as built;
        the clock runs on."""
        with self.lock:
            self.host.reset()
            self.sessions.reset()
            self.provisioning.reset()
            self.system_time.reset()
