"""The one seeded random source of a simulation.

Everything random (MAC addresses, process ids, counters, fault probability)
draws from one ``Rng`` so that a seed reproduces a run call for call.
"""

from __future__ import annotations

import random
import zlib


class Rng(random.Random):
    """``random.Random`` that remembers its seed so that it can be reset."""

    def __init__(self, seed: int = 0) -> None:
        self.initial_seed = seed
        super().__init__(seed)

    def reset(self) -> None:
        self.seed(self.initial_seed)

    def fork(self, label: str) -> "Rng":
        """A stream of its own for ``label``, stable whatever else is drawn."""
        # crc32, not hash(): str hashes differ between processes.
        return Rng(zlib.crc32(f"{self.initial_seed}:{label}".encode()))
