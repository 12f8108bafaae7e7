"""The rpc/encoded WSDL of each interface, generated from the catalogue.

spyne only writes document/literal WSDL; iControl clients (suds, Axis 1.4,
wsdl.exe, SOAP::Lite) expect F5's rpc/encoded layout: one ``urn:iControl``
schema holding just the types the interface uses, SOAP-ENC arrays, enum
simple types, ``<Iface>.<op>Request``/``Response`` messages and a binding
whose soapAction is the interface namespace for every operation.

A document depends on the interface and the emulated BIG-IP version only:
operations and enum members added later than that version are left out.
``render`` caches it per (interface, version) and swaps in the address the
client reached. Output is deterministic (types sorted by name, operations
in catalogue order) so that the committed ``wsdl/`` files can be checked.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import typeinfo
from .interfaces import INTERFACES, LATEST_VERSION, Interface, Operation

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP_ENC_NS = "http://schemas.xmlsoap.org/soap/encoding/"
HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http"
DEFAULT_LOCATION = "https://url_to_service"

NSMAP = {
    None: WSDL_NS,
    "tns": typeinfo.ICONTROL_NS,
    "xsd": typeinfo.XSD_NS,
    "soap": SOAP_NS,
    "SOAP-ENC": SOAP_ENC_NS,
    "wsdl": WSDL_NS,
}

# Stands in for the address while the cached document is built; it cannot
# occur anywhere else in a WSDL (no catalogue name contains a brace).
_SLOT = "{location}"


def _w(tag: str) -> str:
    return f"{{{WSDL_NS}}}{tag}"


def _x(tag: str) -> str:
    return f"{{{typeinfo.XSD_NS}}}{tag}"


def _s(tag: str) -> str:
    return f"{{{SOAP_NS}}}{tag}"


def qname(cls: type) -> str:
    """How a reference to the type is spelled: ``xsd:long``, ``tns:Common.IPNetmask``."""
    prefix = "xsd" if typeinfo.is_xsd(cls) else "tns"
    return f"{prefix}:{typeinfo.type_name(cls)}"


# --- which types an interface declares -------------------------------------------------


def _children(cls: type) -> tuple[type, ...]:
    kind = typeinfo.kind(cls)
    if kind == typeinfo.ARRAY:
        return (typeinfo.item_type(cls),)
    if kind == typeinfo.STRUCT:
        return tuple(member for _, member in typeinfo.fields(cls))
    return ()


def used_types(operations: tuple[Operation, ...], extra: tuple[type, ...] = ()) -> dict[str, type]:
    """Every named type reachable from the operations, by schema name."""
    found: dict[str, type] = {}
    pending = [p.type for op in operations for p in op.params]
    pending += [op.returns for op in operations if op.returns is not None]
    pending += list(extra)
    while pending:
        cls = pending.pop()
        name = _declared_name(cls)
        if name is None or name in found:
            continue
        found[name] = cls
        pending.extend(_children(cls))
    return dict(sorted(found.items()))


def _declared_name(cls: type) -> str | None:
    if typeinfo.is_xsd(cls):
        return typeinfo.restriction_name(cls)  # None for a bare xsd primitive
    return typeinfo.type_name(cls)


# --- building the document -------------------------------------------------------------


def _declare(schema: etree._Element, name: str, cls: type, iface: Interface, version: str) -> None:
    kind = typeinfo.kind(cls)
    if kind == typeinfo.PRIMITIVE:  # a named alias such as Common.ULong
        simple = etree.SubElement(schema, _x("simpleType"), name=name)
        etree.SubElement(simple, _x("restriction"), base=f"xsd:{typeinfo.primitive_name(cls)}")
    elif kind == typeinfo.ENUM:
        simple = etree.SubElement(schema, _x("simpleType"), name=name)
        restriction = etree.SubElement(simple, _x("restriction"), base="xsd:string")
        for member in iface.enum_members_for(cls, version):
            etree.SubElement(restriction, _x("enumeration"), value=member)
    elif kind == typeinfo.STRUCT:
        sequence = etree.SubElement(
            etree.SubElement(schema, _x("complexType"), name=name), _x("sequence"))
        for field, member in typeinfo.fields(cls):
            etree.SubElement(sequence, _x("element"), name=field, type=qname(member))
    else:
        complex_ = etree.SubElement(schema, _x("complexType"), name=name)
        restriction = etree.SubElement(
            etree.SubElement(complex_, _x("complexContent")), _x("restriction"),
            base="SOAP-ENC:Array")
        etree.SubElement(restriction, _x("attribute"), {
            "ref": "SOAP-ENC:arrayType",
            f"{{{WSDL_NS}}}arrayType": qname(typeinfo.item_type(cls)) + "[]",
        })


def _messages(root: etree._Element, iface: Interface, operations: tuple[Operation, ...]) -> None:
    for op in operations:
        request = etree.SubElement(root, _w("message"), name=f"{iface.full_name}.{op.name}Request")
        for param in op.params:
            etree.SubElement(request, _w("part"), name=param.name, type=qname(param.type))
        response = etree.SubElement(root, _w("message"), name=f"{iface.full_name}.{op.name}Response")
        if op.returns is not None:
            etree.SubElement(response, _w("part"), name="return", type=qname(op.returns))


def _port_type(root: etree._Element, iface: Interface, operations: tuple[Operation, ...]) -> None:
    port_type = etree.SubElement(root, _w("portType"), name=f"{iface.full_name}PortType")
    for op in operations:
        operation = etree.SubElement(port_type, _w("operation"), name=op.name)
        etree.SubElement(operation, _w("documentation")).text = op.doc
        etree.SubElement(operation, _w("input"), message=f"tns:{iface.full_name}.{op.name}Request")
        etree.SubElement(operation, _w("output"), message=f"tns:{iface.full_name}.{op.name}Response")


def _binding(root: etree._Element, iface: Interface, operations: tuple[Operation, ...]) -> None:
    binding = etree.SubElement(
        root, _w("binding"), name=f"{iface.full_name}Binding", type=f"tns:{iface.full_name}PortType")
    etree.SubElement(binding, _s("binding"), style="rpc", transport=HTTP_TRANSPORT)
    for op in operations:
        operation = etree.SubElement(binding, _w("operation"), name=op.name)
        etree.SubElement(operation, _s("operation"), soapAction=iface.namespace)
        for direction in ("input", "output"):
            etree.SubElement(etree.SubElement(operation, _w(direction)), _s("body"),
                             use="encoded", namespace=iface.namespace, encodingStyle=SOAP_ENC_NS)


def _service(root: etree._Element, iface: Interface, location: str) -> None:
    service = etree.SubElement(root, _w("service"), name=iface.full_name)
    etree.SubElement(service, _w("documentation")).text = iface.doc
    port = etree.SubElement(service, _w("port"), name=f"{iface.full_name}Port",
                            binding=f"tns:{iface.full_name}Binding")
    etree.SubElement(port, _s("address"), location=location)


def _header(iface: Interface, version: str) -> str:
    return (f" {iface.full_name} as emulated by vcmp-mock for BIG-IP {version}."
            " rpc/encoded; generated from the operation catalogue, do not edit. ")


def _build(interface_name: str, version: str, location: str) -> bytes:
    iface = INTERFACES[interface_name]
    operations = iface.operations_for(version)
    root = etree.Element(_w("definitions"), nsmap=NSMAP, name=iface.full_name,
                         targetNamespace=typeinfo.ICONTROL_NS)
    schema = etree.SubElement(etree.SubElement(root, _w("types")), _x("schema"),
                              targetNamespace=typeinfo.ICONTROL_NS)
    for name, cls in used_types(operations, iface.extra_types).items():
        _declare(schema, name, cls, iface, version)
    _messages(root, iface, operations)
    _port_type(root, iface, operations)
    _binding(root, iface, operations)
    _service(root, iface, location)
    root.addprevious(etree.Comment(_header(iface, version)))
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True)


# --- public API ----------------------------------------------------------------------------


def generate(interface_name: str, version: str = LATEST_VERSION,
             location: str = DEFAULT_LOCATION) -> bytes:
    """The WSDL of one interface (``KeyError`` for an unknown name)."""
    return _build(interface_name, version, location)


@lru_cache(maxsize=None)
def _template(interface_name: str, version: str) -> tuple[bytes, bytes]:
    before, after = _build(interface_name, version, _SLOT).split(_SLOT.encode(), 1)
    return before, after


def _attribute_text(value: str) -> bytes:
    # The location comes from the request's Host header: escape it, and drop
    # control characters, which XML cannot carry at all.
    value = "".join(ch for ch in value if ch >= " ")
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;")):
        value = value.replace(raw, escaped)
    return value.encode("utf-8", "xmlcharrefreplace")


def render(interface_name: str, version: str = LATEST_VERSION,
           location: str = DEFAULT_LOCATION) -> bytes:
    """Like ``generate``, from a cached document: for serving ``?WSDL=``."""
    before, after = _template(interface_name, version)
    return before + _attribute_text(location) + after


def source(version: str = LATEST_VERSION):
    """A ``transport.contracts.WsdlSource`` serving ``version``'s documents."""

    def wsdl_source(name: str, location: str) -> bytes | None:
        if name not in INTERFACES:
            return None
        return render(name, version, location)

    return wsdl_source


def write_all(out_dir: str | Path, version: str = LATEST_VERSION) -> list[Path]:
    """Write ``<Name>.wsdl`` for every interface, aliases included."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in INTERFACES:
        path = out / f"{name}.wsdl"
        path.write_bytes(generate(name, version))
        written.append(path)
    return written


if __name__ == "__main__":  # python -m vcmp_mock.icontrol.wsdl OUT_DIR [VERSION]
    for written_path in write_all(*sys.argv[1:3]):
        print(written_path)
