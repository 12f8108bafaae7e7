"""The time the host says it is, which its administrator may set.

Setting the system time records an offset from the simulation clock. The
reported time jumps; everything that runs on the clock (guest progress,
session and transaction timeouts, uptime) keeps its pace, as on a real box
whose uptime and running work do not follow the wall clock.
"""

from __future__ import annotations

from datetime import datetime, timezone

from vcmp_mock.domain.clock import Clock
from vcmp_mock.domain.errors import InvalidArgument
from vcmp_mock.domain.model import Timestamp
from vcmp_mock.domain.stats import timestamp

# BIG-IP stores time as a 32-bit Unix time.
_LATEST = datetime(2038, 1, 19, 3, 14, 7, tzinfo=timezone.utc)
_EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)


class SystemTime:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.offset = 0.0

    def reset(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return self._clock.now() + self.offset

    def timestamp(self) -> Timestamp:
        return timestamp(self.now())

    def set(self, when: Timestamp) -> None:
        """Make the system time ``when`` (UTC) from now on."""
        try:
            moment = datetime(when.year, when.month, when.day, when.hour, when.minute, when.second,
                              tzinfo=timezone.utc)
        except (ValueError, OverflowError, TypeError) as exc:
            raise InvalidArgument("time", _text(when), str(exc)) from None
        if not _EARLIEST <= moment <= _LATEST:
            raise InvalidArgument("time", _text(when), "must lie between 1970 and 2038-01-19 03:14:07 UTC")
        self.offset = moment.timestamp() - self._clock.now()


def _text(ts: Timestamp) -> str:
    return f"{ts.year}-{ts.month:02}-{ts.day:02} {ts.hour:02}:{ts.minute:02}:{ts.second:02}"
