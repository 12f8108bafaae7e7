"""Read a WSDL into plain data, so two documents can be compared by meaning.

Shared by the WSDL tests (imported as ``test_wsdl_model``): it reads F5's
reference files and ours the same way, ignoring layout, comments,
documentation and the order of types. The tests at the end check the reader
itself on a small hand-written document.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W = "http://schemas.xmlsoap.org/wsdl/"
X = "http://www.w3.org/2001/XMLSchema"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"


@dataclass
class WsdlModel:
    name: str
    target_namespace: str
    # operation -> (request parts, response parts); parts are (name, type)
    operations: dict[str, tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]]
    operation_order: list[str]
    # type name -> ("enum", members) | ("struct", fields) | ("array", item) | ("alias", base)
    types: dict[str, tuple[str, tuple]]
    port_type: str
    binding: str
    binding_style: str
    soap_actions: set[str]
    body_namespaces: set[str]
    body_uses: set[str]
    service: str
    port: str
    location: str


def read(source: bytes) -> WsdlModel:
    root = etree.fromstring(source)
    messages = {
        m.get("name"): tuple((p.get("name"), p.get("type")) for p in m.findall(f"{{{W}}}part"))
        for m in root.findall(f"{{{W}}}message")
    }
    port_type = root.find(f"{{{W}}}portType")
    operations, order = {}, []
    for op in port_type.findall(f"{{{W}}}operation"):
        request = op.find(f"{{{W}}}input").get("message").split(":", 1)[1]
        response = op.find(f"{{{W}}}output").get("message").split(":", 1)[1]
        operations[op.get("name")] = (messages[request], messages[response])
        order.append(op.get("name"))
    binding = root.find(f"{{{W}}}binding")
    bodies = binding.findall(f".//{{{SOAP}}}body")
    service = root.find(f"{{{W}}}service")
    port = service.find(f"{{{W}}}port")
    return WsdlModel(
        name=root.get("name"),
        target_namespace=root.get("targetNamespace"),
        operations=operations,
        operation_order=order,
        types=_types(root),
        port_type=port_type.get("name"),
        binding=binding.get("name"),
        binding_style=binding.find(f"{{{SOAP}}}binding").get("style"),
        soap_actions={o.get("soapAction") for o in binding.iter(f"{{{SOAP}}}operation")},
        body_namespaces={b.get("namespace") for b in bodies},
        body_uses={(b.get("use"), b.get("encodingStyle")) for b in bodies},
        service=service.get("name"),
        port=port.get("name"),
        location=port.find(f"{{{SOAP}}}address").get("location"),
    )


def _types(root) -> dict[str, tuple[str, tuple]]:
    schema = root.find(f"{{{W}}}types/{{{X}}}schema")
    types = {}
    for decl in schema:
        if not isinstance(decl.tag, str):
            continue
        name = decl.get("name")
        if decl.tag == f"{{{X}}}simpleType":
            restriction = decl.find(f"{{{X}}}restriction")
            members = tuple(e.get("value") for e in restriction.findall(f"{{{X}}}enumeration"))
            if members:
                types[name] = ("enum", members)
            else:
                types[name] = ("alias", (restriction.get("base"),))
        elif decl.find(f"{{{X}}}sequence") is not None:
            fields = tuple((e.get("name"), e.get("type")) for e in decl.find(f"{{{X}}}sequence"))
            types[name] = ("struct", fields)
        else:
            attribute = decl.find(f".//{{{X}}}attribute")
            base = decl.find(f".//{{{X}}}restriction").get("base")
            assert base == "SOAP-ENC:Array", (name, base)
            types[name] = ("array", (attribute.get(f"{{{W}}}arrayType"),))
    return types


def referenced_types(model: WsdlModel) -> set[str]:
    """Every ``tns:`` type named by a part, a struct member or an array."""
    names = set()
    for request, response in model.operations.values():
        names.update(t for _, t in request + response)
    for kind, detail in model.types.values():
        if kind == "struct":
            names.update(t for _, t in detail)
        elif kind == "array":
            names.add(detail[0].removesuffix("[]"))
    return {n.split(":", 1)[1] for n in names if n.startswith("tns:")}


SAMPLE = b"""<?xml version="1.0"?>
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:iControl"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" name="A.B" targetNamespace="urn:iControl">
 <types><xsd:schema targetNamespace="urn:iControl">
  <xsd:simpleType name="A.B.E"><xsd:restriction base="xsd:string">
   <xsd:enumeration value="X"/><xsd:enumeration value="Y"/></xsd:restriction></xsd:simpleType>
  <xsd:simpleType name="A.L"><xsd:restriction base="xsd:long"/></xsd:simpleType>
  <xsd:complexType name="A.B.S"><xsd:sequence>
   <xsd:element name="e" type="tns:A.B.E"/><xsd:element name="n" type="xsd:long"/>
  </xsd:sequence></xsd:complexType>
  <xsd:complexType name="A.B.SSequence"><xsd:complexContent>
   <xsd:restriction base="SOAP-ENC:Array">
    <xsd:attribute ref="SOAP-ENC:arrayType" wsdl:arrayType="tns:A.B.S[]"/>
   </xsd:restriction></xsd:complexContent></xsd:complexType>
 </xsd:schema></types>
 <message name="A.B.fRequest"><part name="s" type="tns:A.B.SSequence"/></message>
 <message name="A.B.fResponse"><part name="return" type="xsd:string"/></message>
 <portType name="A.BPortType"><operation name="f">
  <input message="tns:A.B.fRequest"/><output message="tns:A.B.fResponse"/></operation></portType>
 <binding name="A.BBinding" type="tns:A.BPortType">
  <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
  <operation name="f"><soap:operation soapAction="urn:iControl:A/B"/>
   <input><soap:body use="encoded" namespace="urn:iControl:A/B"
     encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></input>
   <output><soap:body use="encoded" namespace="urn:iControl:A/B"
     encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/></output></operation></binding>
 <service name="A.B"><port name="A.BPort" binding="tns:A.BBinding">
  <soap:address location="https://h"/></port></service>
</definitions>"""


def test_reader_sees_operations_and_all_four_kinds_of_type():
    model = read(SAMPLE)
    assert model.operations == {"f": ((("s", "tns:A.B.SSequence"),), (("return", "xsd:string"),))}
    assert model.types == {
        "A.B.E": ("enum", ("X", "Y")),
        "A.L": ("alias", ("xsd:long",)),
        "A.B.S": ("struct", (("e", "tns:A.B.E"), ("n", "xsd:long"))),
        "A.B.SSequence": ("array", ("tns:A.B.S[]",)),
    }
    assert (model.soap_actions, model.location) == ({"urn:iControl:A/B"}, "https://h")


def test_referenced_types_follow_parts_members_and_items():
    assert referenced_types(read(SAMPLE)) == {"A.B.SSequence", "A.B.S", "A.B.E"}
