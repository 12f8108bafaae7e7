"""Checks on values a client sends, before anything is changed.

Each function returns the value to store (normalised) or raises
``InvalidArgument`` naming the field. The rules are written down in
docs/lifecycle.md ("Validation").
"""

from __future__ import annotations

import ipaddress
import re
from typing import Iterable, Sequence

from vcmp_mock.domain.errors import InvalidArgument
from vcmp_mock.domain.model import ManagementAddress

_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_FILE = re.compile(r"[A-Za-z0-9_.+-]{1,255}")
_OBJECT = re.compile(r"(/[A-Za-z0-9_.-]+)*/?[A-Za-z0-9_.-]{1,255}")
ULONG64_MAX = 2**64 - 1
DEFAULT_V4_NETMASK = "255.255.255.0"  # as Ansible assumes when only an address is given
DEFAULT_V6_PREFIX = 64


def guest_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidArgument(
            "guest name", name, "use 1-63 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'"
        )
    return name


def hostname(value: str) -> str:
    """"" (unset) or a DNS name: dot-separated labels of letters, digits and '-'."""
    if value == "":
        return value
    if len(value) > 253 or not all(_LABEL.fullmatch(label) for label in value.rstrip(".").split(".")):
        raise InvalidArgument("hostname", value, "not a valid host name")
    return value


def filename(field: str, value: str) -> str:
    """An image or disk file name: "" (unset) or a plain name without a path."""
    if value == "" or _FILE.fullmatch(value):
        return value
    raise InvalidArgument(field, value, "a plain file name is expected (letters, digits, '_', '.', '+', '-')")


def object_names(field: str, values: Iterable[str]) -> list[str]:
    """VLAN names and the like: "name" or "/Partition/name"; duplicates dropped."""
    if isinstance(values, str):
        raise InvalidArgument(field, values, "a list of names is expected, not one string")
    out: list[str] = []
    for value in values:
        if not isinstance(value, str) or not _OBJECT.fullmatch(value):
            raise InvalidArgument(field, value, "not a valid object name")
        if value not in out:
            out.append(value)
    return out


def free_text(field: str, value: str, limit: int = 255) -> str:
    if not isinstance(value, str) or len(value) > limit or any(c in value for c in "\r\n\0"):
        raise InvalidArgument(field, value, f"one line of at most {limit} characters is expected")
    return value


def _ip(field: str, value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    try:
        ip = ipaddress.ip_address(value)
    except ValueError:
        raise InvalidArgument(field, value, "not an IPv4 or IPv6 address") from None
    if ip.is_unspecified or ip.is_multicast or ip.is_loopback:
        raise InvalidArgument(field, value, "an unspecified, multicast or loopback address cannot be used")
    return ip


def _netmask(value: str, version: int) -> str:
    """A netmask as dotted quad (IPv4) or address form (IPv6), or a prefix length."""
    max_len = 32 if version == 4 else 128
    text = value.strip()
    if text.isdigit():
        prefix = int(text)
    else:
        try:
            mask = ipaddress.ip_address(text)
        except ValueError:
            raise InvalidArgument("netmask", value, "not a netmask or prefix length") from None
        if mask.version != version:
            raise InvalidArgument("netmask", value, f"an IPv{version} netmask is expected")
        bits = int(mask)
        prefix = bin(bits).count("1")
        if bits != ((1 << max_len) - 1) ^ ((1 << (max_len - prefix)) - 1):
            raise InvalidArgument("netmask", value, "the mask bits must be contiguous")
    if not 0 < prefix <= max_len:
        raise InvalidArgument("netmask", value, f"the prefix length must be 1-{max_len}")
    net = ipaddress.ip_network(f"{'0.0.0.0' if version == 4 else '::'}/{prefix}")
    return str(net.netmask)


def management(addr: ManagementAddress) -> ManagementAddress:
    """Address and netmask; both "" means none. A missing netmask defaults (/24, /64)."""
    if addr.address == "":
        if addr.netmask != "":
            raise InvalidArgument("netmask", addr.netmask, "a netmask needs an address")
        return addr
    ip = _ip("management address", addr.address)
    if addr.netmask == "":
        default = DEFAULT_V4_NETMASK if ip.version == 4 else str(DEFAULT_V6_PREFIX)
        return ManagementAddress(str(ip), _netmask(default, ip.version))
    return ManagementAddress(str(ip), _netmask(addr.netmask, ip.version))


def gateway(value: str, address: ManagementAddress) -> str:
    """"" (none) or an address of the same family as the management address."""
    if value == "":
        return value
    ip = _ip("management gateway", value)
    if address.address and ipaddress.ip_address(address.address).version != ip.version:
        raise InvalidArgument("management gateway", value, "the gateway and the address must be the same IP version")
    return str(ip)


def cores_per_slot(value: int, largest_blade: int) -> int:
    if not _is_int(value) or value < 1 or (value > 1 and value % 2):
        raise InvalidArgument("cores per slot", value, "use 1 or an even number of cores")
    if value > largest_blade:
        raise InvalidArgument("cores per slot", value, f"no blade here has more than {largest_blade} cores")
    return value


def slot_count(field: str, value: int, slot_count_: int) -> int:
    if not _is_int(value) or not 1 <= value <= slot_count_:
        raise InvalidArgument(field, value, f"must be between 1 and {slot_count_}")
    return value


def slot_ids(values: Sequence[int], slot_count_: int) -> tuple[int, ...]:
    """A non-empty set of existing slot numbers, sorted, duplicates dropped."""
    bad = [i for i in values if not _is_int(i) or not 1 <= i <= slot_count_]
    if bad:
        raise InvalidArgument("allowed slots", bad, f"slots are numbered 1 to {slot_count_}")
    if not values:
        raise InvalidArgument("allowed slots", [], "at least one slot must be allowed")
    return tuple(sorted(set(values)))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def ulong64(field: str, value: int) -> int:
    if not _is_int(value) or not 0 <= value <= ULONG64_MAX:
        raise InvalidArgument(field, value, "must be an unsigned 64-bit number")
    return value
