"""Simulated time.

Guest progress is a function of the clock, read lazily: nothing sleeps and
no thread moves a guest along. Tests use ``ManualClock``; the server uses
``RealClock``, whose ``scale`` lets one real second stand for many simulated
ones (scale 60: a real second is a simulated minute).
"""

from __future__ import annotations

import math
import time
from typing import Callable, Protocol

# Simulated time starts at a fixed, plausible epoch so that time stamps in
# statistics are stable from run to run (2026-01-01T00:00:00Z).
DEFAULT_EPOCH = 1767225600.0


class Clock(Protocol):
    """Anything that tells simulated seconds since the Unix epoch."""

    def now(self) -> float: ...


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = DEFAULT_EPOCH) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        if not seconds >= 0 or math.isinf(seconds):  # also refuses NaN
            raise ValueError("a clock moves forward by a finite number of seconds")
        self._now += seconds
        return self._now

    def set(self, when: float) -> None:
        if not when >= self._now or math.isinf(when):
            raise ValueError("a clock cannot go backwards")
        self._now = float(when)


class RealClock:
    """Wall time since construction, multiplied by ``scale``, from ``start``.

    ``source`` is the monotonic time source; tests may inject their own.
    ``advance`` is allowed here too so that a control plane can jump ahead.
    """

    def __init__(
        self,
        scale: float = 1.0,
        start: float = DEFAULT_EPOCH,
        source: Callable[[], float] = time.monotonic,
    ) -> None:
        if scale <= 0:
            raise ValueError("clock scale must be positive")
        self.scale = float(scale)
        self._source = source
        self._origin = source()
        self._start = float(start)

    def now(self) -> float:
        return self._start + (self._source() - self._origin) * self.scale

    def advance(self, seconds: float) -> float:
        if not seconds >= 0 or math.isinf(seconds):  # also refuses NaN
            raise ValueError("a clock moves forward by a finite number of seconds")
        self._start += seconds
        return self.now()
