"""What the portal answers to every captured client request, pinned in golden files.

Each client's captures (``captures/<client>/*.http``: bigsuds, suds, SOAP::Lite,
Axis 1.4, Mono) are replayed in their recorded order through the whole portal
(WSGI app: Basic auth, routing, SOAP layer, simulator) from a deterministic
start: the default preset, seed 0, a ManualClock at its fixed epoch that moves
60 s after each answered POST. A capture without credentials gets the 401 it
got in the recording and changes nothing, so every client walks the same flow.

``responses/<client>/index.tsv`` holds the status and Content-Type of every
answer; ``responses/<client>/<capture>.xml`` the SOAP envelope of every POST
that was answered with one, in C14N 2.0 form. Whitespace is kept
(``strip_text=False``): the portal's line layout is part of what a real box
sends, and XML end-of-line handling has already turned its CRLFs into LFs.
C14N 2.0 drops namespace declarations that no element or attribute name uses,
so ``y`` and ``iControl``, used only inside ``s:type``/``A:arrayType`` values,
vanish from the canonical text; every such value is therefore checked to
resolve, where it stands, to the namespace its prefix stands for.

A change in any answer fails with a unified diff. After a deliberate change,
check the diff against reference/wire-format.md section 3 and regenerate:
``VCMP_REGEN_GOLDEN=1 python -m pytest tests/golden/test_golden_responses.py``.
"""

from __future__ import annotations

import base64
import difflib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from vcmp_mock.config import Config
from vcmp_mock.domain.clock import ManualClock
from vcmp_mock.wiring import build_portal, build_simulator

# Replays what real client stacks sent, in process (no client stack needed): about a second.

HERE = Path(__file__).parent
CAPTURES = HERE / "captures"
RESPONSES = HERE / "responses"
CLIENTS = ("dotnet-mono", "java-axis", "perl-soaplite", "python-bigsuds", "python-suds")
REGENERATE = os.environ.get("VCMP_REGEN_GOLDEN") == "1"
STEP = 60.0  # simulated seconds between answered POSTs
# The captures have their credentials redacted; the replay uses the default user.
CREDENTIALS = "Basic " + base64.b64encode(b"admin:admin").decode()
INDEX_HEADER = "file\tstatus\tcontent_type\n"


@dataclass(frozen=True)
class Answer:
    capture: str  # file name of the capture
    status: str  # "200 OK"
    content_type: str
    body: bytes

    @property
    def is_envelope(self) -> bool:
        # WSDL downloads are XML too, but are pinned by the WSDL tests, not here
        return self.content_type.startswith("text/xml") and "-GET-WSDL-" not in self.capture


XSI = "http://www.w3.org/2001/XMLSchema-instance"
ENC = "http://schemas.xmlsoap.org/soap/encoding/"
XSD = "http://www.w3.org/2001/XMLSchema"
# Attributes whose values start with a prefix, and what each prefix must mean.
QNAME_VALUED = (f"{{{XSI}}}type", f"{{{ENC}}}arrayType")
PREFIXES = {"A": ENC, "y": XSD, "xsd": XSD, "iControl": "urn:iControl"}


def unresolved_prefixes(root: etree._Element) -> list[str]:
    """``s:type``/``A:arrayType`` values whose prefix is unbound or bound elsewhere."""
    bad = []
    for element in root.iter(etree.Element):
        for attribute in QNAME_VALUED:
            value = element.get(attribute)
            if value is None:
                continue
            prefix = value.partition(":")[0]
            if prefix not in PREFIXES or element.nsmap.get(prefix) != PREFIXES[prefix]:
                bad.append(f"<{etree.QName(element).localname} ...=\"{value}\">")
    return bad


def canonical(body: bytes) -> str:
    bad = unresolved_prefixes(etree.fromstring(body))
    assert not bad, f"type names whose prefix does not resolve: {bad}"
    return etree.canonicalize(body.decode("utf-8"), strip_text=False)


def environ_of(capture: Path) -> dict:
    """A WSGI environ carrying the captured request (credentials restored)."""
    head, _, body = capture.read_bytes().partition(b"\r\n\r\n")
    request_line, *lines = head.decode("latin-1").split("\r\n")
    method, target, protocol = request_line.split(" ")
    path, _, query = target.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": protocol,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for line in lines:
        name, _, value = line.partition(":")
        name, value = name.strip().upper().replace("-", "_"), value.strip()
        if name == "AUTHORIZATION":
            value = CREDENTIALS
        environ[name if name in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{name}"] = value
    return environ


def replay(client: str) -> list[Answer]:
    clock = ManualClock()
    config = Config()
    app = build_portal(config, simulator=build_simulator(config, clock=clock))
    answers = []
    for capture in sorted((CAPTURES / client).glob("*.http")):
        environ = environ_of(capture)
        seen = {}

        def start_response(status, headers, exc_info=None):
            seen.update(status=status, headers={k.lower(): v for k, v in headers})

        body = b"".join(app(environ, start_response))
        answers.append(Answer(capture.name, seen["status"], seen["headers"].get("content-type", ""), body))
        if environ["REQUEST_METHOD"] == "POST" and not seen["status"].startswith("401"):
            clock.advance(STEP)
    return answers


_REPLAYS: dict[str, list[Answer]] = {}


def answers_of(client: str) -> list[Answer]:
    if client not in _REPLAYS:
        _REPLAYS[client] = replay(client)
    return _REPLAYS[client]


def index_text(answers: list[Answer]) -> str:
    return INDEX_HEADER + "".join(f"{a.capture}\t{a.status}\t{a.content_type}\n" for a in answers)


def golden_path(client: str, capture: str) -> Path:
    return RESPONSES / client / (capture.removesuffix(".http") + ".xml")


def regenerate(client: str) -> None:
    answers = answers_of(client)
    folder = RESPONSES / client
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.xml"):
        stale.unlink()
    (folder / "index.tsv").write_text(index_text(answers))
    for answer in answers:
        if answer.is_envelope:
            golden_path(client, answer.capture).write_text(canonical(answer.body) + "\n")


def diff(expected: str, actual: str, name: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"golden {name}", tofile="server now",
    )
    return "".join(lines) + "\n(deliberate? check it against wire-format.md §3, then regenerate with VCMP_REGEN_GOLDEN=1)"


def captures() -> list[tuple[str, str]]:
    return [(client, p.name) for client in CLIENTS for p in sorted((CAPTURES / client).glob("*.http"))]


@pytest.fixture(scope="module", autouse=True)
def regenerated():
    if REGENERATE:
        for client in CLIENTS:
            regenerate(client)


@pytest.mark.parametrize("client", CLIENTS)
def test_status_and_content_type_of_every_answer(client):
    expected = (RESPONSES / client / "index.tsv").read_text()
    actual = index_text(answers_of(client))
    assert actual == expected, diff(expected, actual, f"{client}/index.tsv")


@pytest.mark.parametrize("client,capture", captures(), ids=lambda v: v)
def test_answer_matches_its_golden_envelope(client, capture):
    (answer,) = [a for a in answers_of(client) if a.capture == capture]
    path = golden_path(client, capture)
    if not answer.is_envelope:
        assert not path.exists(), f"{path} is stale: {capture} is answered with {answer.status}, no envelope"
        return
    assert path.exists(), f"no golden file {path}; create it with VCMP_REGEN_GOLDEN=1"
    expected = path.read_text()
    actual = canonical(answer.body) + "\n"
    assert actual == expected, diff(expected, actual, f"{client}/{path.name}")


def test_no_golden_file_without_a_capture():
    known = {golden_path(client, capture) for client, capture in captures()}
    assert {p for p in RESPONSES.glob("*/*.xml")} <= known


def test_a_type_name_whose_prefix_is_not_declared_is_noticed():
    # C14N 2.0 alone would not show it: y is used only inside attribute values.
    body = (
        b'<E:Envelope xmlns:E="http://schemas.xmlsoap.org/soap/envelope/"'
        b' xmlns:s="http://www.w3.org/2001/XMLSchema-instance" xmlns:A="http://schemas.xmlsoap.org/soap/encoding/">'
        b'<E:Body><m:r xmlns:m="urn:iControl:System/VCMP"><return s:type="A:Array" A:arrayType="y:string[0]">'
        b"</return></m:r></E:Body></E:Envelope>"
    )
    assert unresolved_prefixes(etree.fromstring(body)) == ['<return ...="y:string[0]">']
    with pytest.raises(AssertionError, match="does not resolve"):
        canonical(body)
