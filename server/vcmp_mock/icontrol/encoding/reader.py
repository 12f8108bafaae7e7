"""Read an rpc/encoded SOAP 1.1 request the way the portal does.

``read_envelope`` parses the body with a hardened parser, finds Envelope,
Header and Body by namespace (any prefixes), the method element (the first
Body child not marked ``soapenc:root="0"``) and the SOAP headers.
``Request.params`` then decodes the parameters the catalogue declares,
matched by local name in any order (extra ones are ignored, as on a real box).

Hostile input is refused with a framework fault, never a hang: a DOCTYPE
(BIG-IP refuses DTDs by default), oversized bodies, too much markup, deep
nesting (libxml2's limit), href cycles and href fan-out (see ``Refs``).
"""

from __future__ import annotations

import threading
from typing import Any, Sequence

from lxml import etree
from spyne.model.primitive import Long

from .. import faults
from .decoders import Refs, decoder_for, local_name

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/"

_ENVELOPE = f"{{{SOAP_ENV}}}Envelope"
_HEADER = f"{{{SOAP_ENV}}}Header"
_BODY = f"{{{SOAP_ENV}}}Body"
_MUST_UNDERSTAND = f"{{{SOAP_ENV}}}mustUnderstand"
_ROOT = f"{{{SOAP_ENC}}}root"

# A backstop: the portal refuses larger bodies (413, Config.max_body) first.
MAX_BODY_BYTES = 16 * 1024 * 1024
# An upper bound on elements, counted before parsing (every tag opens with "<").
MAX_MARKUP = 200_000

_DOCTYPE = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))

_SESSION_HEADER = "session"

# lxml parsers are not thread-safe; the portal serves from a thread pool.
_local = threading.local()


def _parser(allow_dtd: bool = False) -> etree.XMLParser:
    slot = "dtd_parser" if allow_dtd else "parser"
    parser = getattr(_local, slot, None)
    if parser is None:
        parser = etree.XMLParser(
            # With DTDs allowed, internal entities expand (libxml2 caps the
            # amplification); external ones are never fetched.
            resolve_entities="internal" if allow_dtd else False,
            load_dtd=False,
            dtd_validation=False,
            no_network=True,
            huge_tree=False,  # keeps libxml2's depth and text-size limits
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        setattr(_local, slot, parser)
    return parser


class Request:
    """A parsed envelope: where it goes, its headers, and its parameters."""

    __slots__ = ("root", "method", "namespace", "operation", "session_id", "_refs", "_by_name")

    def __init__(self, root: Any, method: Any, session_id: int | None, budget: int) -> None:
        self.root = root
        self.method = method
        tag = method.tag
        self.namespace = tag[1 : tag.index("}")] if tag.startswith("{") else ""
        self.operation = local_name(tag)
        self.session_id = session_id
        self._refs = Refs(root, budget)
        self._by_name: dict[str, Any] | None = None

    def params(self, declared: Sequence[tuple[str, type]]) -> list[Any]:
        """The values of the ``(name, spyne type)`` parameters, in that order."""
        if self._by_name is None:
            by_name: dict[str, Any] = {}
            for child in self.method.iterchildren(etree.Element):
                by_name.setdefault(local_name(child.tag), child)
            self._by_name = by_name
        values = []
        for name, cls in declared:
            el = self._by_name.get(name)
            if el is None:
                raise faults.missing_element(name)
            values.append(decoder_for(cls)(el, self._refs))
        return values


def read_envelope(body: bytes, allow_dtd: bool = False) -> Request:
    """Parse ``body`` (raises a ``faults.SoapFault`` for anything unusable).

    ``allow_dtd``: accept a DOCTYPE (BIG-IP before 12.0, or with DTD
    processing enabled).
    """
    if len(body) > MAX_BODY_BYTES:
        raise faults.too_complex(f"body larger than {MAX_BODY_BYTES} bytes")
    markup = body.count(b"<")
    if markup > MAX_MARKUP:
        raise faults.too_complex(f"more than {MAX_MARKUP} tags")
    if not allow_dtd and any(mark in body for mark in _DOCTYPE):
        raise faults.dtd_refused()
    root = _parse(body, allow_dtd)
    header, soap_body = _envelope_parts(root)
    method = _method(soap_body)
    session_id = _read_headers(header, Refs(root, markup + 64)) if header is not None else None
    # Each element is decoded at most once per reference to it.
    return Request(root, method, session_id, budget=2 * markup + 64)


def _parse(body: bytes, allow_dtd: bool = False) -> Any:
    if not body.strip():
        # expat's words, which is what a real portal reports.
        raise faults.malformed_xml("no element found")
    try:
        root = etree.fromstring(body, _parser(allow_dtd))
    except etree.XMLSyntaxError as exc:
        raise faults.malformed_xml(exc.msg or str(exc)) from None
    if not allow_dtd and root.getroottree().docinfo.doctype:
        raise faults.dtd_refused()
    return root


def _envelope_parts(root: Any) -> tuple[Any | None, Any]:
    if root.tag != _ENVELOPE:
        qname = etree.QName(root)
        raise faults.not_an_envelope(qname.namespace or "", qname.localname)
    header = None
    for child in root.iterchildren(etree.Element):
        if child.tag == _HEADER and header is None:
            header = child
        elif child.tag == _BODY:
            return header, child
    raise faults.no_body()


def _method(soap_body: Any) -> Any:
    # Later siblings (Axis multiRef, .NET soapenc:Array ...) are referenced
    # values; Axis marks them root="0", .NET does not but puts the method first.
    for child in soap_body.iterchildren(etree.Element):
        if child.get(_ROOT) not in ("0", "false"):
            return child
    raise faults.no_method()


def _read_headers(header: Any, refs: Refs) -> int | None:
    """The ``session`` header's id; refuses headers that must be understood."""
    session_id = None
    for child in header.iterchildren(etree.Element):
        name = local_name(child.tag)
        if name == _SESSION_HEADER:
            if session_id is None:
                session_id = decoder_for(Long)(child, refs)
            continue
        must = child.get(_MUST_UNDERSTAND)
        if must is not None and must.strip() != "0":
            qname = etree.QName(child)
            raise faults.must_understand(qname.namespace or "", name)
    return session_id
