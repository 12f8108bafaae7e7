"""The response writer, compared byte for byte with wire-format §3.

Expected bytes are spelt out line by line from the spec (CRLF line ends,
attributes on their own TAB-indented lines, never ``/>``): Axis and .NET
reject anything else, so a byte that drifts is a defect.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from spyne.model.primitive import Boolean, Long, Unicode

from vcmp_mock.icontrol.encoding import EncodeError, write_response
from vcmp_mock.icontrol.types import common as c
from vcmp_mock.icontrol.types import system_vcmp as v

NS = "urn:iControl:System/VCMP"


def crlf(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


HEAD = (
    "<E:Envelope",
    '\txmlns:E="http://schemas.xmlsoap.org/soap/envelope/"',
    '\txmlns:A="http://schemas.xmlsoap.org/soap/encoding/"',
    '\txmlns:s="http://www.w3.org/2001/XMLSchema-instance"',
    '\txmlns:y="http://www.w3.org/2001/XMLSchema"',
    '\txmlns:iControl="urn:iControl"',
    '\tE:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">',
    "<E:Body>",
)


def response(op: str, *body: str) -> bytes:
    return crlf(*HEAD, f"<m:{op}Response", f'\txmlns:m="{NS}">', *body, f"</m:{op}Response>", "</E:Body>", "</E:Envelope>")


def test_scalar_string_matches_the_recorded_skeleton():
    got = write_response(NS, "get_version", Unicode, "BIG-IP_v11.6.0")
    assert got == response("get_version", "<return", '\ts:type="y:string">BIG-IP_v11.6.0</return>')


def test_scalar_long():
    got = write_response(NS, "get_uptime", Long, 1234567)
    assert got == response("get_uptime", "<return", '\ts:type="y:long">1234567</return>')


def test_void_response_is_an_empty_pair_never_self_closing():
    got = write_response(NS, "create", None, None)
    assert got == crlf(*HEAD, "<m:createResponse", f'\txmlns:m="{NS}"></m:createResponse>', "</E:Body>", "</E:Envelope>")
    assert b"/>" not in got
    assert not got.startswith(b"<?xml")


def test_get_list_string_sequence():
    got = write_response(NS, "get_list", c.StringSequence, ["guest1", "guest2"])
    assert got == response(
        "get_list",
        "<return",
        '\ts:type="A:Array"',
        '\tA:arrayType="y:string[2]">',
        "<item>guest1</item>",
        "<item>guest2</item>",
        "</return>",
    )


def test_get_vlan_nested_array_with_an_empty_inner_array():
    got = write_response(NS, "get_vlan", c.StringSequenceSequence, [["vlan1", "vlan2"], []])
    assert got == response(
        "get_vlan",
        "<return",
        '\ts:type="A:Array"',
        '\tA:arrayType="y:string[][2]">',
        "<item",
        '\tA:arrayType="y:string[2]">',
        "<item>vlan1</item>",
        "<item>vlan2</item>",
        "</item>",
        "<item",
        '\tA:arrayType="y:string[0]"></item>',
        "</return>",
    )


COMPLETION = {
    "slot_id": 1,
    "requested_state": "VCMP_GUEST_STATE_DEPLOYED",
    "request_complete": True,
    "status": "VCMP_STATUS_RUNNING",
    "comment": "",
}

COMPLETION_LINES = (
    "<return",
    '\ts:type="A:Array"',
    '\tA:arrayType="iControl:System.VCMP.VCMPCompletionStatus[][1]">',
    "<item",
    '\tA:arrayType="iControl:System.VCMP.VCMPCompletionStatus[1]">',
    "<item>",
    "<slot_id",
    '\ts:type="y:long">1</slot_id>',
    "<requested_state",
    '\ts:type="iControl:System.VCMP.VCMPGuestState">VCMP_GUEST_STATE_DEPLOYED</requested_state>',
    "<request_complete",
    '\ts:type="y:boolean">true</request_complete>',
    "<status",
    '\ts:type="iControl:System.VCMP.VCMPStatus">VCMP_STATUS_RUNNING</status>',
    "<comment",
    '\ts:type="y:string"></comment>',
    "</item>",
    "</item>",
    "</return>",
)


@dataclass
class Completion:
    slot_id: int
    requested_state: str
    request_complete: bool
    status: str
    comment: str


@pytest.mark.parametrize(
    "struct",
    [
        COMPLETION,
        Completion(**COMPLETION),
        v.VCMPCompletionStatus(**COMPLETION),
    ],
    ids=["dict", "dataclass", "spyne"],
)
def test_get_completion_status_accepts_dict_dataclass_and_spyne_instance(struct):
    got = write_response(NS, "get_completion_status", v.VCMPCompletionStatusSequenceSequence, [[struct]])
    assert got == response("get_completion_status", *COMPLETION_LINES)


def test_enum_array_carries_the_enum_item_type():
    got = write_response(NS, "get_guest_state", v.VCMPGuestStateSequence, ["VCMP_GUEST_STATE_DEPLOYED"])
    assert got == response(
        "get_guest_state",
        "<return",
        '\ts:type="A:Array"',
        '\tA:arrayType="iControl:System.VCMP.VCMPGuestState[1]">',
        "<item>VCMP_GUEST_STATE_DEPLOYED</item>",
        "</return>",
    )


def test_struct_array_items_are_untyped_and_hold_typed_members():
    got = write_response(
        NS, "get_management_address", c.IPNetmaskSequence, [{"address": "10.0.0.5", "netmask": "255.255.255.0"}]
    )
    assert got == response(
        "get_management_address",
        "<return",
        '\ts:type="A:Array"',
        '\tA:arrayType="iControl:Common.IPNetmask[1]">',
        "<item>",
        "<address",
        '\ts:type="y:string">10.0.0.5</address>',
        "<netmask",
        '\ts:type="y:string">255.255.255.0</netmask>',
        "</item>",
        "</return>",
    )


def test_ushort_sequence_items_are_xsd_int_and_ulong_items_xsd_long():
    # Axis and .NET fail on y:unsignedShort or y:long for UShortSequence.
    got = write_response(NS, "get_guest_cores_per_slot", c.UShortSequence, [2])
    assert b'A:arrayType="y:int[1]">\r\n<item>2</item>' in got
    got = write_response(NS, "get_guest_assigned_slots", c.ULongSequenceSequence, [[1, 2]])
    assert b'A:arrayType="y:long[][1]">' in got and b'A:arrayType="y:long[2]">' in got


def test_ulong64_nested_array():
    got = write_response(NS, "get_capability_value", c.ULong64SequenceSequence, [[{"high": 0, "low": 8}]])
    assert got == response(
        "get_capability_value",
        "<return",
        '\ts:type="A:Array"',
        '\tA:arrayType="iControl:Common.ULong64[][1]">',
        "<item",
        '\tA:arrayType="iControl:Common.ULong64[1]">',
        "<item>",
        "<high",
        '\ts:type="y:long">0</high>',
        "<low",
        '\ts:type="y:long">8</low>',
        "</item>",
        "</item>",
        "</return>",
    )


def test_statistics_struct_with_nested_struct_members():
    stats = {
        "statistics": [],
        "time_stamp": {"year": 2024, "month": 1, "day": 2, "hour": 3, "minute": 4, "second": 5},
    }
    got = write_response(NS, "get_statistics", v.VCMPStatistics, stats)
    assert got == response(
        "get_statistics",
        "<return",
        '\ts:type="iControl:System.VCMP.VCMPStatistics">',
        "<statistics",
        '\ts:type="A:Array"',
        '\tA:arrayType="iControl:System.VCMP.VCMPStatisticEntry[0]"></statistics>',
        "<time_stamp",
        '\ts:type="iControl:Common.TimeStamp">',
        "<year",
        '\ts:type="y:long">2024</year>',
        "<month",
        '\ts:type="y:long">1</month>',
        "<day",
        '\ts:type="y:long">2</day>',
        "<hour",
        '\ts:type="y:long">3</hour>',
        "<minute",
        '\ts:type="y:long">4</minute>',
        "<second",
        '\ts:type="y:long">5</second>',
        "</time_stamp>",
        "</return>",
    )


def test_statistic_entries_type_enum_and_ulong64_members():
    stat = {"type": "STATISTIC_VCMP_UPTIME", "value": {"high": 0, "low": 7}, "time_stamp": 0}
    got = write_response(NS, "x", c.StatisticSequence, [stat])
    assert b'<type\r\n\ts:type="iControl:Common.StatisticType">STATISTIC_VCMP_UPTIME</type>\r\n' in got
    assert b'<value\r\n\ts:type="iControl:Common.ULong64">\r\n<high\r\n\ts:type="y:long">0</high>' in got


def test_escaping_follows_easysoap():
    got = write_response(NS, "get_description", Unicode, "a&b<c>d'e\"f\rg\nh\u00e9")
    assert b'>a&amp;b&lt;c&gt;d&apos;e&quot;f&#xd;g\nh\xc3\xa9</return>' in got


def test_booleans_are_true_and_false():
    assert b">false</return>" in write_response(NS, "x", Boolean, False)
    assert b">true</return>" in write_response(NS, "x", Boolean, True)


def test_none_string_is_written_empty_and_none_array_as_empty_array():
    assert b'\ts:type="y:string"></return>' in write_response(NS, "x", Unicode, None)
    assert b'A:arrayType="y:string[0]"></return>' in write_response(NS, "x", c.StringSequence, None)


def test_enum_value_outside_the_wsdl_is_refused():
    with pytest.raises(EncodeError, match="VCMP_GUEST_STATE_BOGUS"):
        write_response(NS, "get_guest_state", v.VCMPGuestStateSequence, ["VCMP_GUEST_STATE_BOGUS"])


@pytest.mark.parametrize("bad", [None, "1", 1.5, True])
def test_non_integer_for_long_is_refused(bad):
    with pytest.raises(EncodeError):
        write_response(NS, "x", Long, bad)


def test_string_where_an_array_is_due_is_refused():
    with pytest.raises(EncodeError):
        write_response(NS, "get_list", c.StringSequence, "guest1")


def test_generators_and_tuples_are_arrays():
    got = write_response(NS, "get_list", c.StringSequence, (name for name in ("a", "b")))
    assert got == write_response(NS, "get_list", c.StringSequence, ("a", "b"))
    assert b'A:arrayType="y:string[2]"' in got


def test_response_namespace_is_the_one_called():
    got = write_response("urn:iControl:Management/VCMP", "get_list", c.StringSequence, [])
    assert b'<m:get_listResponse\r\n\txmlns:m="urn:iControl:Management/VCMP">' in got
