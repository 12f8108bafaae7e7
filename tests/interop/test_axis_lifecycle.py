"""Apache Axis 1.4 stubs (what F5's iControl.jar is built with) against a live portal.

The WSDLs are downloaded from the portal, turned into stubs by
``WSDL2Java -p iControl`` (as F5 built iControl.jar) and compiled with
``clients/VcmpDriver.java`` once per module. The driver runs in its own JVM,
so the server runs on a RealClock at 600 simulated seconds per real second.
Axis speaks HTTP/1.0, sends credentials up front and sends every int, enum
and struct as a multiRef: the portal has to read all of that, and Axis is
strict about the types it reads back. Between them, the lifecycle, a call of
every read operation and a pass over every remaining write operation reach
all of System.VCMP and System.Cluster.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from clients.strict_stacks import (
    UPWARD,
    WRITES,
    catalogue,
    decoded_reads,
    download_wsdl,
    one,
    parse,
    proven_operations,
    read_operations,
    reads,
    writes,
)
from support.live import live_server_for_other_processes

pytestmark = pytest.mark.interop

DRIVER = Path(__file__).parent / "clients" / "VcmpDriver.java"
JARS = [Path("/usr/share/java") / name for name in (
    "axis.jar", "jaxrpc.jar", "saaj.jar", "wsdl4j.jar", "commons-discovery.jar", "commons-logging.jar",
)]
JAVA, JAVAC = shutil.which("java"), shutil.which("javac")

if JAVA is None or JAVAC is None:
    pytest.skip("java/javac not installed (.ci/install-interop installs default-jdk-headless)",
                allow_module_level=True)
if not all(jar.exists() for jar in JARS):
    pytest.skip("Apache Axis 1.4 jars not installed (.ci/install-interop installs libaxis-java)",
                allow_module_level=True)

CLASSPATH = ":".join(str(jar) for jar in JARS)
# These JVMs live for seconds: the quick (C1) compiler alone more than halves
# the time javac and WSDL2Java take.
QUICK = "-XX:TieredStopAtLevel=1"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with live_server_for_other_processes(tmp_path_factory.mktemp("tls")) as live:
        yield live


def java(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def classes(server, tmp_path_factory) -> Path:
    """Stubs generated from the served WSDLs plus the driver, compiled once."""
    work = tmp_path_factory.mktemp("axis")
    for name in ("System.VCMP", "System.Cluster"):
        wsdl = download_wsdl(server.url, name, work / f"{name}.wsdl")
        done = java(JAVA, QUICK, "-cp", CLASSPATH, "org.apache.axis.wsdl.WSDL2Java", "-p", "iControl", "-o", "src",
                    str(wsdl), cwd=work)
        assert done.returncode == 0, done.stderr
    sources = sorted(str(p) for p in (work / "src" / "iControl").glob("*.java"))
    assert any(s.endswith("SystemVCMPBindingStub.java") for s in sources)
    done = java(JAVAC, f"-J{QUICK}", "-nowarn", "-d", "classes", "-cp", CLASSPATH, *sources, str(DRIVER), cwd=work)
    assert done.returncode == 0, done.stderr
    return work / "classes"


@pytest.fixture(scope="module")
def report(server, classes) -> dict[str, list[str]]:
    server.sim.reset()
    done = java(JAVA, QUICK, "-cp", f"{classes}:{CLASSPATH}", "VcmpDriver", server.url, "admin", "admin", "axis1",
                cwd=classes)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = parse(done.stdout)
    assert lines["done"] == ["ok"], done.stdout
    return lines


def fault(report, key: str) -> str:
    assert one(report, f"{key}.code") == "Server"
    return one(report, key).replace("\\n", "\n").replace("\\t", "\t")


def test_discovery_and_cluster(report):
    assert one(report, "version") == "BIG-IP_v13.1.0"
    assert one(report, "clustered") == "true"
    assert one(report, "slot_ids") == "[1, 2, 3, 4]"
    assert one(report, "member_ha") == "[HA_STATE_ACTIVE, HA_STATE_ACTIVE, HA_STATE_ACTIVE, HA_STATE_ACTIVE]"


def test_deploy_progress_as_axis_reads_it(report):
    assert one(report, "list") == "axis1"
    assert one(report, "created_state") == "VCMP_GUEST_STATE_CONFIGURED"
    polls = [[record.split(":", 4) for record in line.split(",")] for line in report["deploying"]]
    for slot in ("1", "2"):
        statuses = [r[1] for records in polls for r in records if r[0] == slot]
        ranks = [UPWARD.index(s) for s in statuses]
        assert ranks == sorted(ranks), statuses
    assert all(r[3] == "VCMP_GUEST_STATE_DEPLOYED" for records in polls for r in records)
    assert any(r[1] == "VCMP_STATUS_INSTALLING" and r[4].endswith("% complete") for records in polls for r in records)
    assert [(r[1], r[2], r[4]) for r in polls[-1]] == [("VCMP_STATUS_RUNNING", "true", "")] * 2


def test_read_back_after_deploy(report):
    assert one(report, "state") == "VCMP_GUEST_STATE_DEPLOYED"
    assert one(report, "allowed") == "[1, 2, 3]"
    assigned = one(report, "assigned")
    assert assigned in ("[1, 2]", "[1, 3]", "[2, 3]")
    assert one(report, "cores") == "4"
    assert one(report, "address") == "10.0.0.31/255.255.255.0"
    assert one(report, "vlans") == "vlan10,vlan20"
    assert one(report, "capabilities") == "VCMP_CAPABILITY_APPLIANCE_MODE"
    assert one(report, "capability_value") == "1:2"
    vms = [line.split(":") for line in report["vm"]]
    assert sorted(int(vm[1]) for vm in vms) == sorted(int(s) for s in assigned.strip("[]").split(", "))
    assert all(vm[0] == "axis1" and vm[2] == "4" and int(vm[3]) > 0 and vm[4].startswith("STATISTIC_") for vm in vms)
    assert int(one(report, "time_stamp_year")) >= 2026
    assert sorted(report["disk"]) == sorted(f"{vm[1]}:axis1.img" for vm in vms)
    assert report["disk_status"] == ["axis1.img:VDISK_STATUS_IN_USE:VCMP_OPERATING_SYSTEM_TMOS"] * 2


@pytest.mark.parametrize("interface", ["System.VCMP", "System.Cluster"])
def test_axis_decodes_the_answer_of_every_read_operation(report, interface):
    # Axis is strict: an enum value or item type its stubs do not know is an error.
    got = reads(report, interface)
    assert set(got) == read_operations(interface)
    assert not {name: text for name, text in got.items() if text.startswith("FAULT ")}


def test_values_read_through_every_axis_type(report):
    vcmp = decoded_reads(report, "System.VCMP")
    assert vcmp["get_guest_state"] == ["VCMP_GUEST_STATE_DEPLOYED"]
    assert vcmp["get_capability"] == [["VCMP_CAPABILITY_APPLIANCE_MODE"]]
    assert vcmp["get_capability_value"] == [[{"high": 1, "low": 2}]]
    assert vcmp["get_fips_name"] == [""]
    assert vcmp["get_ssl_mode"] == ["VCMP_SSL_MODE_SHARED"]
    assert vcmp["get_network_mode"] == ["VCMP_NETWORK_MODE_BRIDGED"]
    assert vcmp["get_guest_slots"] == [2]
    for name in ("statistics", "ha_status_statistics", "module_provision_statistics", "prompt_statistics",
                 "software_statistics"):
        rows = vcmp[f"get_{name}"]["statistics"]
        assert rows and all(row["guest"] == "axis1" for row in rows), name
        assert vcmp[f"get_all_{name}"]["statistics"], name
        assert vcmp[f"get_{name}"]["time_stamp"]["year"] >= 2026
    assert {row["ha_feature"][:8] for row in vcmp["get_ha_status_statistics"]["statistics"]} == {"FEATURE_"}
    assert all(row["active"] is True for row in vcmp["get_software_statistics"]["statistics"])
    disks = vcmp["get_virtual_disk_statistics"]["statistics"]
    assert [d["disk"] for d in disks] == vcmp["get_virtual_disk_list"]
    assert all(d["statistics"][0]["type"].startswith("STATISTIC_") for d in disks)
    cluster = decoded_reads(report, "System.Cluster")
    assert cluster["get_member_priming_state"] == [["STATE_DISABLED"] * 4]
    assert cluster["get_min_up_members_action"] == ["HA_ACTION_NONE"]
    assert cluster["is_clustered_environment"] is True


def test_every_write_took_effect(report):
    assert writes(report) == {label: readback for label, (_, readback) in WRITES.items()}


def test_faults_as_axis_reports_them(report):
    text = fault(report, "fault.disk_in_use")
    assert text.startswith("Exception caught in System::urn:iControl:System/VCMP::delete_virtual_disk()\n")
    assert "Exception: Common::OperationFailed" in text and "(0x01071381)" in text
    text = fault(report, "fault.unknown_guest")
    assert "(0x01020036)" in text and "(nope)" in text
    text = fault(report, "fault.primary_slot")
    assert text.startswith("Exception caught in System::urn:iControl:System/Cluster::set_current_primary_slot()\n")
    assert "Exception: Common::NotImplemented" in text


def test_delete_and_a_wrong_password(report):
    assert one(report, "list_after_delete") == "0"
    assert one(report, "fault.wrong_password.code") == "HTTP"
    assert one(report, "fault.wrong_password") == "(401)F5 Authorization Required"


def test_axis_reached_every_operation(report):
    lifecycle = ("set_guest_slots", "set_guest_cores_per_slot", "set_guest_allowed_slots", "add_capability")
    assert proven_operations(report, lifecycle) == catalogue()
