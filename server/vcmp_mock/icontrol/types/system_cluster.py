"""``System.Cluster``: the cluster interface declares no types of its own.

Everything it exchanges is a ``Common`` type (cluster names, slot ids,
enabled and HA states); this module names the ones it uses so that the
catalogue can import them from one place per interface.
"""

from __future__ import annotations

from .common import (
    EnabledStateSequence,
    EnabledStateSequenceSequence,
    HAActionSequence,
    HAStateSequence,
    HAStateSequenceSequence,
    StringSequence,
    ULongSequence,
    ULongSequenceSequence,
)

__all__ = [
    "EnabledStateSequence",
    "EnabledStateSequenceSequence",
    "HAActionSequence",
    "HAStateSequence",
    "HAStateSequenceSequence",
    "StringSequence",
    "ULongSequence",
    "ULongSequenceSequence",
]
