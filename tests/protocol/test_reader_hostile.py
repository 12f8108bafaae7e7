"""Hostile or broken requests get a fault, never a crash, a hang or a memory blow-up."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spyne.model.primitive import Long, Unicode

from vcmp_mock.icontrol import faults
from vcmp_mock.icontrol.encoding import read_envelope
from vcmp_mock.icontrol.encoding import reader
from vcmp_mock.icontrol.types import common as c

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
ENC = "http://schemas.xmlsoap.org/soap/encoding/"
VCMP = "urn:iControl:System/VCMP"
HEAD = f'<s:Envelope xmlns:s="{SOAP}" xmlns:e="{ENC}"><s:Body>'
TAIL = "</s:Body></s:Envelope>"


def refused(body: bytes, *declared: tuple[str, type]) -> faults.SoapFault:
    with pytest.raises(faults.SoapFault) as info:
        read_envelope(body).params(declared)
    return info.value


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE s:Envelope [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + f"]>{HEAD}<m:get_list xmlns:m=\"{VCMP}\">&i;</m:get_list>{TAIL}"
)


@pytest.mark.parametrize(
    "body",
    [
        BILLION_LAUGHS.encode(),
        (f'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>{HEAD}<m:x xmlns:m="{VCMP}">&e;</m:x>{TAIL}').encode(),
        (f'<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">{HEAD}<m:x xmlns:m="{VCMP}"/>{TAIL}').encode(),
        (f'<!DOCTYPE x>{HEAD}<m:x xmlns:m="{VCMP}"/>{TAIL}').encode("utf-16"),
    ],
    ids=["entity-bomb", "external-entity", "external-dtd", "utf16-doctype"],
)
def test_any_doctype_is_refused_like_a_box_with_dtd_processing_off(body):
    fault = refused(body)
    assert (fault.faultcode, fault.faultstring) == ("Client", "Error while parsing SOAP XML payload: parsing aborted")


def test_deep_nesting_is_a_parse_fault():
    body = (HEAD + f'<m:x xmlns:m="{VCMP}">' + "<a>" * 5000 + "</a>" * 5000 + "</m:x>" + TAIL).encode()
    assert refused(body).faultstring.startswith("Error while parsing SOAP XML payload: ")


def test_href_cycle_is_refused():
    body = (
        HEAD + f'<m:x xmlns:m="{VCMP}"><n href="#a"/></m:x>'
        '<r id="a" e:root="0" href="#b"/><r id="b" e:root="0" href="#a"/>' + TAIL
    ).encode()
    assert refused(body, ("n", Long)).faultstring == "Request too complex: href chain too long or cyclic"


def test_array_that_contains_itself_stops_at_the_type_depth():
    body = (
        HEAD + f'<m:x xmlns:m="{VCMP}"><v href="#a"/></m:x>'
        '<r id="a" e:root="0"><item href="#a"/></r>' + TAIL
    ).encode()
    assert refused(body, ("v", c.StringSequenceSequence)).faultstring == (
        "Can't de-serialize a complex type into a string."
    )


def test_href_fan_out_cannot_multiply_the_work():
    # 3,000 references to one array of 3,000 strings would be 9 million values.
    inner = "".join("<i>x</i>" for _ in range(3000))
    refs = "".join('<i href="#big"/>' for _ in range(3000))
    body = (HEAD + f'<m:x xmlns:m="{VCMP}"><v>{refs}</v></m:x><r id="big" e:root="0">{inner}</r>' + TAIL).encode()
    assert refused(body, ("v", c.StringSequenceSequence)).faultstring == (
        "Request too complex: too many values or references"
    )


def test_oversized_body_is_refused_before_parsing():
    body = (HEAD + f'<m:x xmlns:m="{VCMP}"><s>' + "x" * (reader.MAX_BODY_BYTES + 1) + "</s></m:x>" + TAIL).encode()
    assert refused(body).faultstring.startswith("Request too complex: body larger than")


def test_huge_text_node_is_refused_by_the_parser_limits():
    # Under the body limit, over libxml2's 10 MB text-node limit (huge_tree off).
    body = (HEAD + f'<m:x xmlns:m="{VCMP}"><s>' + "x" * 11_000_000 + "</s></m:x>" + TAIL).encode()
    fault = refused(body, ("s", Unicode))
    assert fault.faultstring.startswith("Error while parsing SOAP XML payload: ")


def test_too_much_markup_is_refused_before_parsing():
    body = (HEAD + f'<m:x xmlns:m="{VCMP}">' + "<a/>" * (reader.MAX_MARKUP + 1) + "</m:x>" + TAIL).encode()
    assert refused(body).faultstring == f"Request too complex: more than {reader.MAX_MARKUP} tags"


@pytest.mark.parametrize(
    "body, text",
    [
        (b"", "Error while parsing SOAP XML payload: no element found"),
        (b"   \r\n", "Error while parsing SOAP XML payload: no element found"),
        (b"hello", "Error while parsing SOAP XML payload: Start tag expected, '<' not found, line 1, column 1"),
        (b"\x00\xff\xfe", None),
        (HEAD.encode() + b"<m:x>", None),
        (b"<a><b></a>", None),
    ],
    ids=["empty", "blank", "text", "binary", "truncated", "mismatched"],
)
def test_non_xml_is_a_client_fault(body, text):
    fault = refused(body)
    assert fault.faultcode == "Client"
    assert fault.faultstring.startswith("Error while parsing SOAP XML payload: ")
    if text is not None:
        assert fault.faultstring == text


@pytest.mark.parametrize(
    "body, text",
    [
        (b'<foo xmlns="urn:x"/>', "Unknown SOAP response tag: urn:x#foo"),
        (b'<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
         "Unknown SOAP response tag: http://www.w3.org/2003/05/soap-envelope#Envelope"),
        (f'<s:Envelope xmlns:s="{SOAP}"><s:Header/></s:Envelope>'.encode(), "No SOAP Body found in the envelope"),
        ((HEAD + TAIL).encode(), "No method element found in the SOAP Body"),
    ],
)
def test_wrong_root_missing_body_or_method(body, text):
    assert refused(body).faultstring == text


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(body):
    # Anything but a SoapFault escaping here would be a crash of the portal.
    try:
        read_envelope(body).params([("guests", c.StringSequence)])
    except faults.SoapFault:
        pass


GOOD = (
    HEAD + f'<m:create xmlns:m="{VCMP}"><guests><item href="#g"/></guests><n>5</n></m:create>'
    '<r id="g" e:root="0">g1</r>' + TAIL
)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, len(GOOD) - 1), st.integers(0, 40), st.text(alphabet='<>/&"#=: xmlns', max_size=12))
def test_mutated_requests_decode_or_fault_never_crash(position, cut, insert):
    body = (GOOD[:position] + insert + GOOD[position + cut :]).encode()
    try:
        read_envelope(body).params([("guests", c.StringSequence), ("n", Long)])
    except faults.SoapFault:
        pass
