"""Fault envelopes byte for byte (wire-format §4) and the domain error mapping."""

from __future__ import annotations

import re

import pytest

from vcmp_mock.domain import errors
from vcmp_mock.icontrol import faults

SITE = faults.CallSite.of("urn:iControl:System/VCMP", "delete_guest")


def fault_bytes(code: str, text: str) -> bytes:
    # Markup lines end in CRLF; the LFs inside faultstring stay bare.
    lines = (
        "<SOAP-ENV:Envelope",
        '\txmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"',
        '\txmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        '\txmlns:xsd="http://www.w3.org/2001/XMLSchema">',
        "<SOAP-ENV:Body>",
        "<SOAP-ENV:Fault>",
        "<faultcode",
        f'\txsi:type="xsd:string">SOAP-ENV:{code}</faultcode>',
        "<faultstring",
        f'\txsi:type="xsd:string">{text}</faultstring>',
        "</SOAP-ENV:Fault>",
        "</SOAP-ENV:Body>",
        "</SOAP-ENV:Envelope>",
    )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def test_guest_not_found_is_operation_failed_0x01020036_byte_for_byte():
    fault = faults.from_domain_error(errors.GuestNotFound("g9"))
    expected_text = (
        "Exception caught in System::urn:iControl:System/VCMP::delete_guest()\n"
        "Exception: Common::OperationFailed\n"
        "\tprimary_error_code   : 16908342 (0x01020036)\n"
        "\tsecondary_error_code : 0\n"
        "\terror_string         : 01020036:3: The requested vCMP guest (g9) was not found."
    )
    assert fault.body(SITE) == fault_bytes("Server", expected_text)


def test_alias_interface_names_its_own_module_and_namespace():
    site = faults.CallSite.of("urn:iControl:Management/VCMP", "create")
    text = faults.from_domain_error(errors.GuestExists("g1")).text(site)
    assert text.startswith("Exception caught in Management::urn:iControl:Management/VCMP::create()\n")
    assert "\tprimary_error_code   : 16908343 (0x01020037)\n" in text
    assert text.endswith("error_string         : 01020037:3: The requested vCMP guest (g1) already exists.")


def test_client_regex_finds_the_primary_code():
    # bigsuds users parse faults with patterns like this one.
    text = faults.from_domain_error(errors.SlotNotFound(3)).text(SITE)
    assert re.search(r"primary_error_code.+: (.+)", text).group(1) == "16908342 (0x01020036)"


@pytest.mark.parametrize(
    "error, exception",
    [
        (errors.GuestNotFound("g"), "OperationFailed"),
        (errors.DiskNotFound(1, "d.img"), "OperationFailed"),
        (errors.GuestExists("g"), "OperationFailed"),
        (errors.InvalidArgument("cores", 0, "must be positive"), "InvalidArgument"),
        (errors.IllegalState("guest g", "it is deployed"), "OperationFailed"),
        (errors.DiskInUse(1, "d.img", "g"), "OperationFailed"),
        (errors.InsufficientResources("g", "no free slot"), "OperationFailed"),
    ],
)
def test_every_domain_error_has_an_exception_and_a_code(error, exception):
    fault = faults.from_domain_error(error)
    assert fault.exception == exception
    text = fault.text(SITE)
    assert f"Exception: Common::{exception}\n" in text
    assert re.search(r"primary_error_code   : (\d+) \(0x([0-9A-F]{8})\)\n", text)
    assert text.endswith(f"{fault.code:08X}:3: {error.message}")


def test_distinct_refusals_have_distinct_codes():
    codes = {
        faults.from_domain_error(e).code
        for e in (
            errors.GuestNotFound("g"),
            errors.GuestExists("g"),
            errors.InvalidArgument("f", 1, "r"),
            errors.IllegalState("s", "r"),
            errors.DiskInUse(1, "d", "g"),
            errors.InsufficientResources("g", "r"),
        )
    }
    assert len(codes) == 6


def test_helpers_for_access_denied_not_implemented_and_parallel_arrays():
    assert "Exception: Common::AccessDenied\n" in faults.access_denied("bob", "create").text(SITE)
    assert "Exception: Common::NotImplemented\n" in faults.not_implemented("System.VCMP", "x").text(SITE)
    text = faults.mismatched_lengths("guests", 2, "states", 1).text(SITE)
    assert "Exception: Common::InvalidArgument\n" in text and "guests has 2 items, states has 1" in text


def test_invalid_enum_names_value_and_type():
    fault = faults.invalid_enum("BOGUS", "System.VCMP.VCMPGuestState")
    assert fault.exception == "InvalidArgument"
    assert "BOGUS" in fault.message and "System.VCMP.VCMPGuestState" in fault.message


def test_iControl_exception_cannot_be_written_without_a_site():
    with pytest.raises(ValueError):
        faults.from_domain_error(errors.GuestNotFound("g")).body()


@pytest.mark.parametrize(
    "fault, code, text",
    [
        (faults.missing_element("profile_names"), "Server", "Could not find element by name: profile_names"),
        (faults.unknown_method("urn:iControl:System/VCMP", "bogus"), "Client",
         'Unknown method &quot;{urn:iControl:System/VCMP}:bogus&quot;'),
        (faults.malformed_xml("no element found"), "Client", "Error while parsing SOAP XML payload: no element found"),
        (faults.bad_boolean("yes"), "Server", "Could not convert value to boolean: yes"),
        (faults.bad_integer("x1"), "Server", "Could not convert string to integer: &apos;x1&apos;"),
        (faults.null_integer(), "Server", "Cannot convert null value to integer."),
        (faults.href_not_found("#id9"), "Client", "Could not find parameter for href=&apos;#id9&apos;"),
        (faults.duplicate_id("id1"), "Client", "Found parameter with duplicate id=&apos;id1&apos;"),
        (faults.must_understand("urn:x", "auth"), "MustUnderstand",
         "Failed to understand header &quot;{urn:x}:auth&quot;"),
        (faults.internal_error(), "Server", "Serious error occured."),
    ],
)
def test_framework_faults_have_easysoap_texts_and_no_exception_prefix(fault, code, text):
    assert fault.body() == fault_bytes(code, text)


def test_faultstring_escapes_cr_but_keeps_lf():
    fault = faults.IControlFault("OperationFailed", 0x01070151, "line1\nline2\r& <x>")
    assert b"line1\nline2&#xd;&amp; &lt;x&gt;</faultstring>" in fault.body(SITE)
