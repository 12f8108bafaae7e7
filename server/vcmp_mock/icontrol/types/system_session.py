"""``System.Session.*``: the types of the session interface."""

from __future__ import annotations

from ._model import enum

# How object names come back: with their full folder path, relative to the
# active folder, or bare.
ReturnedPath = enum(
    "System.Session.ReturnedPath",
    "PATH_UNKNOWN",
    "PATH_FULL",
    "PATH_RELATIVE",
    "PATH_BARE",
)
