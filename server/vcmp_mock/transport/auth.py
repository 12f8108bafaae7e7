"""HTTP Basic auth as the portal's Apache front end does it.

Every iControl request, WSDL GETs included, needs credentials; without them
(or with wrong ones) the answer is a 401 challenge whose reason phrase is
``F5 Authorization Required``. suds and .NET only send credentials after
that challenge, so it must be a real one. A real box also sets two GUI
cookies on success and accepts ``BIGIPAuthCookie`` in place of Basic auth;
both are optional here (``cookies=True``).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import secrets
from http.cookies import CookieError, SimpleCookie
from typing import Iterable, Mapping, Protocol

from vcmp_mock.transport.contracts import Principal

CHALLENGE_STATUS = "401 F5 Authorization Required"
CHALLENGE_BODY = (
    b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n'
    b"<html><head><title>401 F5 Authorization Required</title></head><body>\n"
    b"<h1>F5 Authorization Required</h1></body></html>\n"
)
AUTH_COOKIE = "BIGIPAuthCookie"
USER_COOKIE = "BIGIPAuthUsernameCookie"


class Account(Protocol):
    name: str
    password: str
    role: str


class BasicAuth:
    def __init__(self, users: Iterable[Account], realm: str = "BIG-IP", cookies: bool = False):
        self._users = {user.name: user for user in users}
        self.realm = realm
        self.cookies = cookies
        # one token per user for the life of the server: no session table
        # to grow, and a client that keeps its cookie keeps working
        self._tokens = {secrets.token_hex(20).upper(): name for name in self._users}
        self._token_of = {name: token for token, name in self._tokens.items()}

    def principal(self, environ: Mapping[str, object]) -> Principal | None:
        """Who sent this request, or None when it must be challenged."""
        found = self._from_basic(str(environ.get("HTTP_AUTHORIZATION", "")))
        if found is None and self.cookies:
            found = self._from_cookie(str(environ.get("HTTP_COOKIE", "")))
        return found

    def challenge_headers(self) -> list[tuple[str, str]]:
        return [
            ("WWW-Authenticate", f'Basic realm="{self.realm}"'),
            ("Content-Type", "text/html; charset=iso-8859-1"),
        ]

    def success_headers(self, principal: Principal) -> list[tuple[str, str]]:
        if not self.cookies:
            return []
        token = self._token_of[principal.user]
        return [
            ("Set-Cookie", f"{AUTH_COOKIE}={token}; path=/; Secure;"),
            ("Set-Cookie", f"{USER_COOKIE}={principal.user}; path=/; Secure;"),
        ]

    def _from_basic(self, header: str) -> Principal | None:
        scheme, _, encoded = header.strip().partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            raw = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            return None
        # RFC 7617 leaves the charset open; clients send UTF-8 or Latin-1
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        name, sep, password = text.partition(":")
        user = self._users.get(name)
        if not sep or user is None:
            return None
        if not hmac.compare_digest(password.encode(), user.password.encode()):
            return None
        return Principal(user.name, user.role)

    def _from_cookie(self, header: str) -> Principal | None:
        if not header:
            return None
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(header)
        except CookieError:
            return None
        morsel = jar.get(AUTH_COOKIE)
        name = self._tokens.get(morsel.value) if morsel is not None else None
        if name is None:
            return None
        return Principal(name, self._users[name].role)
