"""The request reader against each client quirk of wire-format §2 and §5."""

from __future__ import annotations

import pytest
from spyne.model.primitive import Boolean, Integer32, Long, Unicode

from vcmp_mock.icontrol import faults
from vcmp_mock.icontrol.encoding import read_envelope
from vcmp_mock.icontrol.types import common as c
from vcmp_mock.icontrol.types import system_vcmp as v

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
ENC = "http://schemas.xmlsoap.org/soap/encoding/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
VCMP = "urn:iControl:System/VCMP"


def envelope(body: str, header: str = "", decl: bool = False) -> bytes:
    text = (
        f'<soap:Envelope xmlns:soap="{SOAP}" xmlns:soapenc="{ENC}" xmlns:xsi="{XSI}" '
        f'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:iControl">'
        f"{header}<soap:Body>{body}</soap:Body></soap:Envelope>"
    )
    return (('<?xml version="1.0" encoding="UTF-8"?>' if decl else "") + text).encode()


def call(params: str, op: str = "create", attrs: str = "") -> bytes:
    return envelope(f'<m:{op} xmlns:m="{VCMP}"{attrs}>{params}</m:{op}>')


def decode(body: bytes, *declared: tuple[str, type]) -> list:
    return read_envelope(body).params(declared)


def fault_of(body: bytes, *declared: tuple[str, type]) -> faults.SoapFault:
    with pytest.raises(faults.SoapFault) as info:
        decode(body, *declared)
    return info.value


# --- envelope, method and routing -----------------------------------------------


def test_method_namespace_and_local_name_route_the_call():
    request = read_envelope(call("", op="get_list"))
    assert (request.namespace, request.operation) == (VCMP, "get_list")


def test_any_prefixes_and_mixed_prefixes_for_envelope_and_body():
    body = (
        f'<SOAP-ENV:Envelope xmlns:SOAP-ENV="{SOAP}" xmlns:ns0="{SOAP}" xmlns:ns4="{VCMP}">'
        f"<SOAP-ENV:Header/><ns0:Body><ns4:get_list/></ns0:Body></SOAP-ENV:Envelope>"
    ).encode()
    request = read_envelope(body)
    assert (request.namespace, request.operation, request.session_id) == (VCMP, "get_list", None)


def test_leading_comment_without_xml_declaration():
    request = read_envelope(b"<!--=-->" + call("", op="get_list"))
    assert request.operation == "get_list"


def test_xml_declaration_with_encoding_and_non_ascii_text():
    body = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + call("<guests><item>g\u00e9</item></guests>").decode())
    assert decode(body.encode("latin-1"), ("guests", c.StringSequence)) == [["g\u00e9"]]


def test_default_namespace_method_and_qualified_parameters_soaplite():
    body = envelope(
        f'<create xmlns="{VCMP}"><guests soapenc:arrayType="xsd:string[1]" xsi:type="soapenc:Array">'
        '<item xsi:type="xsd:string">g1</item></guests></create>'
    )
    request = read_envelope(body)
    assert request.namespace == VCMP
    assert request.params([("guests", c.StringSequence)]) == [["g1"]]


def test_xsi_nil_method_element_and_encoding_style_anywhere():
    body = envelope(
        f'<get_list xmlns="{VCMP}" xsi:nil="true" soap:encodingStyle="{ENC}"/>'
    ).replace(b"<soap:Body>", f'<soap:Body soap:encodingStyle="{ENC}">'.encode())
    request = read_envelope(body)
    assert request.operation == "get_list" and request.params([]) == []


def test_method_is_the_first_body_child_not_marked_root_0():
    body = envelope(
        f'<multiRef id="id0" soapenc:root="0">g1</multiRef>'
        f'<m:delete_guest xmlns:m="{VCMP}"><guests><guests href="#id0"/></guests></m:delete_guest>'
    )
    request = read_envelope(body)
    assert request.operation == "delete_guest"
    assert request.params([("guests", c.StringSequence)]) == [["g1"]]


# --- parameters ------------------------------------------------------------------------


def test_parameters_by_local_name_in_any_order_extra_ignored():
    body = call("<states><item>VCMP_GUEST_STATE_DEPLOYED</item></states><bogus>1</bogus><guests><item>g1</item></guests>")
    got = decode(body, ("guests", c.StringSequence), ("states", v.VCMPGuestStateSequence))
    assert got == [["g1"], ["VCMP_GUEST_STATE_DEPLOYED"]]


def test_missing_parameter_is_the_framework_fault():
    fault = fault_of(call("<guests/>"), ("guests", c.StringSequence), ("states", v.VCMPGuestStateSequence))
    assert (fault.faultcode, fault.faultstring) == ("Server", "Could not find element by name: states")


def test_generated_names_from_soaplite_are_missing_parameters():
    body = call('<soapenc:Array soapenc:arrayType="xsd:string[1]"><item>g1</item></soapenc:Array>')
    assert fault_of(body, ("guests", c.StringSequence)).faultstring == "Could not find element by name: guests"


@pytest.mark.parametrize("item", ["item", "items", "Item", "guests", "value"])
def test_array_items_under_any_name(item):
    body = call(f"<guests><{item}>a</{item}><{item}>b</{item}></guests>")
    assert decode(body, ("guests", c.StringSequence)) == [["a", "b"]]


def test_array_with_array_type_and_without_type_attributes():
    typed = call('<guests soapenc:arrayType="xsd:string[1]" xsi:type="soapenc:Array"><item>a</item></guests>')
    plain = call("<guests><item>a</item></guests>")
    assert decode(typed, ("guests", c.StringSequence)) == decode(plain, ("guests", c.StringSequence)) == [["a"]]


def test_empty_and_whitespace_arrays_are_empty_lists():
    assert decode(call("<guests/>"), ("guests", c.StringSequence)) == [[]]
    assert decode(call("<guests>\n  </guests>"), ("guests", c.StringSequence)) == [[]]


def test_text_where_an_array_is_expected_is_a_clear_fault():
    fault = fault_of(call("<guests>g1</guests>"), ("guests", c.StringSequence))
    assert fault.faultstring == "Expected an array of elements for Common.StringSequence, got text"


def test_nested_arrays():
    body = call("<vlans><item><item>v1</item><item>v2</item></item><item/></vlans>")
    assert decode(body, ("vlans", c.StringSequenceSequence)) == [[["v1", "v2"], []]]


def test_struct_members_by_name_in_any_order_returned_as_spyne_instances():
    body = call(
        '<addresses><item><netmask xsi:type="xsd:string">255.0.0.0</netmask>'
        "<address>10.0.0.1</address></item></addresses>"
    )
    (addresses,) = decode(body, ("addresses", c.IPNetmaskSequence))
    (address,) = addresses
    assert isinstance(address, c.IPNetmask)
    assert (address.address, address.netmask) == ("10.0.0.1", "255.0.0.0")


def test_struct_member_missing_names_the_member():
    body = call("<disks><item><filename>a.img</filename></item></disks>")
    assert fault_of(body, ("disks", v.VirtualDiskSequence)).faultstring == "Could not find element by name: slot_id"


# --- multiRefs ---------------------------------------------------------------------


def test_axis_multirefs_for_structs_and_their_integer_members():
    body = envelope(
        f'<ns1:delete_virtual_disk xmlns:ns1="{VCMP}"><disks soapenc:arrayType="tns:System.VCMP.VirtualDisk[1]">'
        '<disks href="#id0"/></disks></ns1:delete_virtual_disk>'
        '<multiRef id="id1" soapenc:root="0" xsi:type="xsd:long">1</multiRef>'
        '<multiRef id="id0" soapenc:root="0"><slot_id href="#id1"/><filename>g1.img</filename></multiRef>'
    )
    ((disk,),) = decode(body, ("disks", v.VirtualDiskSequence))
    assert (disk.slot_id, disk.filename) == (1, "g1.img")


def test_dotnet_multirefs_named_after_their_type_without_root_marker():
    body = envelope(
        f'<q1:create xmlns:q1="{VCMP}"><addresses href="#id4"/><vlans href="#id6"/></q1:create>'
        '<soapenc:Array id="id4" soapenc:arrayType="tns:Common.IPNetmask[1]"><Item href="#id7"/></soapenc:Array>'
        '<soapenc:Array id="id6" soapenc:arrayType="xsd:string[][1]"><Item href="#id8"/></soapenc:Array>'
        '<tns:Common.IPNetmask id="id7"><address>10.0.0.5</address><netmask>255.255.255.0</netmask></tns:Common.IPNetmask>'
        '<soapenc:Array id="id8" soapenc:arrayType="xsd:string[2]"><Item>vlan1</Item><Item>vlan2</Item></soapenc:Array>'
    )
    addresses, vlans = decode(body, ("addresses", c.IPNetmaskSequence), ("vlans", c.StringSequenceSequence))
    assert [(a.address, a.netmask) for a in addresses] == [("10.0.0.5", "255.255.255.0")]
    assert vlans == [["vlan1", "vlan2"]]


def test_one_multiref_shared_by_several_references():
    # Axis reuses one multiRef for equal small integers.
    body = envelope(
        f'<m:set_guest_cores_per_slot xmlns:m="{VCMP}"><cores><cores href="#id0"/><cores href="#id0"/></cores>'
        '</m:set_guest_cores_per_slot><multiRef id="id0" soapenc:root="0">2</multiRef>'
    )
    assert decode(body, ("cores", c.ULongSequence)) == [[2, 2]]


def test_chained_hrefs_resolve():
    body = envelope(
        f'<m:x xmlns:m="{VCMP}"><n href="#a"/></m:x>'
        '<multiRef id="a" soapenc:root="0" href="#b"/><multiRef id="b" soapenc:root="0">7</multiRef>'
    )
    assert decode(body, ("n", Long)) == [7]


@pytest.mark.parametrize(
    "ref, extra, text",
    [
        ("#nowhere", "", "Could not find parameter for href='#nowhere'"),
        ("id0", '<multiRef id="id0" soapenc:root="0">1</multiRef>', "Could not resolve href='id0'"),
        ("#id0", '<r id="id0" soapenc:root="0">1</r><r id="id0" soapenc:root="0">2</r>',
         "Found parameter with duplicate id='id0'"),
    ],
)
def test_bad_hrefs_are_client_faults(ref, extra, text):
    body = envelope(f'<m:x xmlns:m="{VCMP}"><n href="{ref}"/></m:x>{extra}')
    fault = fault_of(body, ("n", Long))
    assert (fault.faultcode, fault.faultstring) == ("Client", text)


# --- scalars -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [("true", True), ("false", False), ("1", True), ("0", False), (" true ", True)])
def test_booleans(text, value):
    assert decode(call(f"<b>{text}</b>"), ("b", Boolean)) == [value]


@pytest.mark.parametrize(
    "text, message",
    [
        ("yes", "Could not convert value to boolean: yes"),
        ("", "Cannot convert null value to a boolean."),
        ("<x/>", "Cannot convert a struct to a boolean."),
    ],
)
def test_bad_booleans_have_easysoap_texts(text, message):
    assert fault_of(call(f"<b>{text}</b>"), ("b", Boolean)).faultstring == message


@pytest.mark.parametrize("text, value", [("42", 42), ("+7", 7), ("-3", -3), (" 5 ", 5), ("\n9\n", 9)])
def test_integers(text, value):
    assert decode(call(f"<n>{text}</n>"), ("n", Long)) == [value]


@pytest.mark.parametrize(
    "text, bits_type, message",
    [
        ("x1", Long, "Could not convert string to integer: 'x1'"),
        ("1_000", Long, "Could not convert string to integer: '1_000'"),
        ("\u0661", Long, "Could not convert string to integer: '\u0661'"),
        ("1.5", Long, "Could not convert string to integer: '1.5'"),
        ("", Long, "Cannot convert null value to integer."),
        ("9223372036854775808", Long, "Integer overflow: 9223372036854775808"),
        ("-9223372036854775809", Long, "Integer underflow: -9223372036854775809"),
        ("2147483648", Integer32, "Integer overflow: 2147483648"),
        ("<a>1</a>", Long, "Cannot convert a struct to an integer."),
    ],
)
def test_bad_integers_have_easysoap_texts(text, bits_type, message):
    fault = fault_of(call(f"<n>{text}</n>"), ("n", bits_type))
    assert (fault.faultcode, fault.faultstring) == ("Server", message)


def test_long_limits_are_accepted():
    body = call("<a>9223372036854775807</a><b>-9223372036854775808</b>")
    assert decode(body, ("a", Long), ("b", Long)) == [2**63 - 1, -(2**63)]


def test_strings_keep_whitespace_and_empty_is_empty():
    assert decode(call("<s>  a b\n</s><t/>"), ("s", Unicode), ("t", Unicode)) == ["  a b\n", ""]


def test_string_with_children_is_refused():
    assert fault_of(call("<s><x/></s>"), ("s", Unicode)).faultstring == "Can't de-serialize a complex type into a string."


def test_enum_member_accepted_whatever_its_xsi_type():
    body = call('<states><item xsi:type="tns:System.VCMP.VCMPGuestState">VCMP_GUEST_STATE_CONFIGURED</item>'
                '<item xsi:type="xsd:int">VCMP_GUEST_STATE_DEPLOYED</item></states>')
    assert decode(body, ("states", v.VCMPGuestStateSequence)) == [
        ["VCMP_GUEST_STATE_CONFIGURED", "VCMP_GUEST_STATE_DEPLOYED"]
    ]


def test_xsi_type_does_not_change_the_catalogue_type():
    # An integer parameter sent as xsd:string is still decoded as an integer.
    assert decode(call('<n xsi:type="xsd:string">5</n>'), ("n", Long)) == [5]


def test_enum_value_outside_the_type_is_invalid_argument_naming_value_and_type():
    fault = fault_of(call("<states><item>VCMP_GUEST_STATE_BOGUS</item></states>"), ("states", v.VCMPGuestStateSequence))
    assert isinstance(fault, faults.IControlFault) and fault.exception == "InvalidArgument"
    assert "VCMP_GUEST_STATE_BOGUS" in fault.message and "System.VCMP.VCMPGuestState" in fault.message


# --- SOAP headers ------------------------------------------------------------------------


def test_session_header_is_read_as_an_integer():
    body = envelope(f'<m:get_list xmlns:m="{VCMP}"/>', header='<soap:Header><session soap:mustUnderstand="1">1234567</session></soap:Header>')
    assert read_envelope(body).session_id == 1234567


def test_session_header_must_be_an_integer():
    body = envelope(f'<m:get_list xmlns:m="{VCMP}"/>', header="<soap:Header><session>abc</session></soap:Header>")
    with pytest.raises(faults.SoapFault, match="Could not convert string to integer"):
        read_envelope(body)


def test_unknown_headers_are_ignored_unless_they_must_be_understood():
    ignored = '<soap:Header><X-iControl-Session>5</X-iControl-Session><a:auth xmlns:a="urn:x" soap:mustUnderstand="0">t</a:auth></soap:Header>'
    assert read_envelope(envelope(f'<m:get_list xmlns:m="{VCMP}"/>', header=ignored)).session_id is None
    refused = '<soap:Header><a:auth xmlns:a="urn:x" soap:mustUnderstand="1">t</a:auth></soap:Header>'
    with pytest.raises(faults.SoapFault) as info:
        read_envelope(envelope(f'<m:get_list xmlns:m="{VCMP}"/>', header=refused))
    assert (info.value.faultcode, info.value.faultstring) == ("MustUnderstand", 'Failed to understand header "{urn:x}:auth"')


def test_empty_header():
    assert read_envelope(envelope(f'<m:get_list xmlns:m="{VCMP}"/>', header="<soap:Header/>")).operation == "get_list"
