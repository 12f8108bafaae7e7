"""bigsuds over HTTPS against the portal: challenge dance, WSDL fetch, errors.

The SOAP layer is a canned answer here; this checks the transport as a real
client stack meets it (suds only sends credentials after a 401, verifies
nothing, and turns an empty WSDL page into bigsuds' "valid namespace?").
"""

from __future__ import annotations

import pytest

from vcmp_mock.config import User
from vcmp_mock.icontrol import wsdl
from vcmp_mock.icontrol.interfaces import INTERFACES
from vcmp_mock.transport.auth import BasicAuth
from vcmp_mock.transport.contracts import SoapResponse
from vcmp_mock.transport.server import PortalServer
from vcmp_mock.transport.wsgi import Portal

bigsuds = pytest.importorskip("bigsuds")
pytestmark = pytest.mark.interop

VERSION_ANSWER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\r\n<SOAP-ENV:Envelope'
    b' xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"'
    b' xmlns:s="http://www.w3.org/2001/XMLSchema-instance"'
    b' xmlns:y="http://www.w3.org/2001/XMLSchema"'
    b' SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>'
    b'<m:get_versionResponse xmlns:m="urn:iControl:System/SystemInfo">'
    b'<return s:type="y:string">BIG-IP_v13.1.0</return></m:get_versionResponse>'
    b"</SOAP-ENV:Body></SOAP-ENV:Envelope>"
)


class CannedVersion:
    def __init__(self):
        self.calls = []

    def handle(self, body, headers, principal):
        self.calls.append((headers.get("soapaction"), principal))
        return SoapResponse(200, VERSION_ANSWER)


@pytest.fixture(scope="module")
def served(tls_files):
    soap = CannedVersion()
    auth = BasicAuth([User("admin", "admin", "admin")], realm="BIG\\-IP")
    portal = Portal(soap, wsdl.source("13.1.0"), sorted(INTERFACES), auth)
    with PortalServer(portal, tls=tls_files, threads=4) as server:
        yield server, soap


def client(server, password="admin"):
    return bigsuds.BIGIP(hostname="127.0.0.1", port=server.port, username="admin", password=password)


def test_bigsuds_call_goes_through_challenge_and_wsdl(served):
    server, soap = served
    assert client(server).System.SystemInfo.get_version() == "BIG-IP_v13.1.0"
    assert soap.calls[-1][0] == '"urn:iControl:System/SystemInfo"'
    assert soap.calls[-1][1].user == "admin"


def test_bigsuds_reports_wrong_password_with_the_f5_reason(served):
    with pytest.raises(bigsuds.ConnectionError, match="401: F5 Authorization Required"):
        client(served[0], "wrong").System.SystemInfo.get_version()


def test_bigsuds_reports_an_unknown_interface_as_a_bad_namespace(served):
    with pytest.raises(bigsuds.ParseError, match='Is "Bogus.Name" a valid namespace'):
        client(served[0]).Bogus.Name.get_list()
