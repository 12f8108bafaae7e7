"""The one typed configuration of a vcmp-mock server.

Command-line flags (``cli.py``) bind onto ``Config``; everything else reads
it. Values are checked once, here, so the rest of the code can trust them.
The listening address defaults to loopback: the container image opts into
``0.0.0.0`` explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# BIG-IP user roles, by their tmsh names.
ROLES = (
    "admin",
    "resource-admin",
    "user-manager",
    "manager",
    "certificate-manager",
    "irule-manager",
    "application-editor",
    "acceleration-policy-editor",
    "firewall-manager",
    "fraud-protection-manager",
    "web-application-security-administrator",
    "web-application-security-editor",
    "operator",
    "auditor",
    "guest",
    "no-access",
)

MIB = 1024 * 1024
_VERSION = re.compile(r"\d+(\.\d+){1,3}")
# The releases whose iControl API the catalogue describes: 11.0.0 to 13.1.x.
_OLDEST, _AFTER_NEWEST = (11, 0, 0), (13, 2)


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class User:
    """An account the portal accepts with HTTP Basic auth."""

    name: str
    password: str
    role: str = "admin"

    def __repr__(self) -> str:  # keep passwords out of logs and tracebacks
        return f"User(name={self.name!r}, role={self.role!r})"


def parse_user(text: str) -> User:
    """Parse ``name:password[:role]``.

    The role, when given, is the last field and must be one of ``ROLES``;
    a password that itself holds ``:`` therefore needs an explicit role
    (``bob:a:b:admin`` is user bob, password ``a:b``).
    """
    name, sep, rest = text.partition(":")
    if not sep or not name:
        raise ValueError(f"expected name:password[:role], got {text!r}")
    password, role = rest, "admin"
    if ":" in rest:
        password, _, role = rest.rpartition(":")
        if role not in ROLES:
            raise ValueError(
                f"unknown role {role!r} in {name}:...; one of: {', '.join(ROLES)}"
            )
    if not password:
        raise ValueError(f"user {name!r} has an empty password")
    return User(name, password, role)


def _default_users() -> tuple[User, ...]:
    return (User("admin", "admin", "admin"),)


@dataclass(frozen=True)
class Config:
    host: str = "127.0.0.1"
    port: int = 8443
    http: bool = False  # plain HTTP instead of HTTPS
    cert: Path | None = None  # PEM certificate (chain); None: made at start-up
    key: Path | None = None  # PEM private key for ``cert``
    users: tuple[User, ...] = field(default_factory=_default_users)
    time_scale: float = 1.0  # simulated seconds per wall-clock second
    seed: int = 0
    bigip_version: str = "13.1.0"
    realm: str = "BIG-IP"  # 11.3+ boxes say BIG\-IP
    preset: str = "viprion-c2400"
    scenario: Path | None = None
    auth_cookies: bool = False  # send BIGIPAuthCookie like a real box
    threads: int = 10  # worker threads of the HTTP server
    timeout: float = 10.0  # seconds a socket may stay silent mid-request
    max_body: int = 16 * MIB  # larger request bodies get 413

    def __post_init__(self) -> None:
        object.__setattr__(self, "users", tuple(self.users))
        if re.fullmatch(r"\d+\.\d+", self.bigip_version):  # "12.1" is 12.1.0
            object.__setattr__(self, "bigip_version", self.bigip_version + ".0")
        for problem in self._problems():
            raise ValueError(problem)

    def _problems(self):
        if not 0 <= self.port <= 65535:
            yield f"port {self.port} is not in 0..65535"
        if (self.cert is None) != (self.key is None):
            yield "--cert and --key go together"
        if self.http and self.cert is not None:
            yield "--cert/--key make no sense with --http"
        if not self.users:
            yield "at least one user is needed"
        names = [user.name for user in self.users]
        if len(set(names)) != len(names):
            yield f"duplicate user names in {names}"
        if not self.time_scale > 0:
            yield f"time scale must be positive, got {self.time_scale}"
        if not _VERSION.fullmatch(self.bigip_version):
            yield f"BIG-IP version looks like 13.1.0, got {self.bigip_version!r}"
        elif not _OLDEST <= _key(self.bigip_version) < _AFTER_NEWEST:
            yield f"BIG-IP version {self.bigip_version} is not emulated: choose one from 11.0.0 to 13.1.x"
        if not self.realm or any(ch in self.realm for ch in '"\r\n'):
            yield f"realm must be non-empty, without quotes or newlines: {self.realm!r}"
        if self.threads < 1 or self.timeout <= 0 or self.max_body < 1:
            yield "threads, timeout and max_body must be positive"

    @property
    def scheme(self) -> str:
        return "http" if self.http else "https"

    def url(self, port: int | None = None) -> str:
        """The portal URL, for the bound ``port`` when it differs (port 0)."""
        host = self.host
        host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(host, host)
        if ":" in host:
            host = f"[{host}]"
        return f"{self.scheme}://{host}:{port or self.port}/iControl/iControlPortal.cgi"
