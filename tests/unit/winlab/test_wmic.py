"""wmic: aliases, where, get /value and tables with CR CR LF, method calls."""

import pytest

from winlab import restarts
from winlab.baseline import baseline
from winlab.context import HostContext
from winlab.tooling import Invocation
from winlab.tools import wmic
from tests.unit.winlab.sites import topology

E = "\r\r\n"


def run(state, args, host="E2K7Node1"):
    return wmic.run(Invocation("wmic", args, "", {}, None, "C:\\", HostContext(state, state.host(host))))


@pytest.fixture
def state(lab_env):
    return baseline(topology(lab_env))


@pytest.mark.parametrize("args, line", [
    ("os get Caption /value", "Caption=Microsoft(R) Windows(R) Server 2003, Enterprise Edition"),
    ("os get Version /value", "Version=5.2.3790"),
    ("OS GET servicepackmajorversion /VALUE", "ServicePackMajorVersion=1"),
    ("computersystem get Domain /value", "Domain=WORKGROUP"),
])
def test_value_format(state, args, line):
    out = run(state, args)
    assert (out.rc, out.stdout, out.stderr) == (0, E + E + line + E + E + E, "")


def test_value_format_sorts_properties_and_repeats_per_instance(state):
    out = run(state, "computersystem get Name,Domain,PartOfDomain,DomainRole /value")
    assert out.stdout == E + E + "Domain=WORKGROUP" + E + "DomainRole=2" + E + "Name=E2K7NODE1" + E + \
        "PartOfDomain=FALSE" + E + E + E
    two = run(state, "nicconfig where IPEnabled=TRUE get WINSEnableLMHostsLookup /value").stdout
    assert two == (E + E + "WINSEnableLMHostsLookup=TRUE" + E) * 2 + E + E


def test_table_format(state):
    assert run(state, """qfe where "HotFixID='KB921181'" get HotFixID""").stdout == \
        "HotFixID  " + E + "KB921181  " + E + E
    out = run(state, "os get Version,Caption").stdout
    caption = "Microsoft(R) Windows(R) Server 2003, Enterprise Edition"
    assert out == "Caption".ljust(len(caption) + 2) + "Version   " + E + caption + "  " + "5.2.3790  " + E + E


def test_nic_index_by_connection_name(state):
    out = run(state, """nic where "NetConnectionID='Local Area Connection 2'" get Index""")
    assert out.stdout == "Index  " + E + "8      " + E + E


def test_nic_lists_miniports_before_the_lan_adapters(state):
    rows = run(state, "nic get Index,NetConnectionID /value").stdout.split(E + E + E)
    assert [r.strip("\r\n").split(E)[0] for r in rows if r.strip("\r\n")][:1] == ["Index=1"]
    assert "Index=7" + E + "NetConnectionID=Local Area Connection" in run(state, "nic get Index,NetConnectionID /value").stdout


def test_no_instances(state):
    out = run(state, "qfe where \"HotFixID='KB000000'\" get HotFixID")
    assert (out.rc, out.stdout, out.stderr) == (0, "", "No Instance(s) Available.\r\n")
    call = run(state, "nicconfig where Index=99 call SetTcpipNetbios 2")
    assert (call.rc, call.stdout, call.stderr) == (0, "", "No Instance(s) Available.\r\n")


def test_instance_method(state):
    out = run(state, "nicconfig where Index=8 call SetTcpipNetbios 2")
    assert out.stdout == ("Executing (\\\\E2K7NODE1\\ROOT\\CIMV2:Win32_NetworkAdapterConfiguration.Index=8)"
                          "->SetTcpipNetbios()\r\nMethod execution successful.\r\nOut Parameters:\r\n"
                          "instance of __PARAMETERS\r\n{\r\n\tReturnValue = 0;\r\n};\r\n")
    assert state.host("E2K7Node1").adapter_by_index(8).netbios_options == 2
    assert run(state, "nicconfig where Index=8 get TcpipNetbiosOptions /value").stdout == \
        E + E + "TcpipNetbiosOptions=2" + E + E + E


def test_method_on_an_adapter_without_tcpip_returns_84(state):
    assert "ReturnValue = 84;" in run(state, "nicconfig where Index=1 call SetTcpipNetbios 2").stdout


def test_method_with_a_bad_value_returns_68(state):
    assert "ReturnValue = 68;" in run(state, "nicconfig where Index=8 call SetTcpipNetbios 5").stdout


def test_static_method_turns_lmhosts_off_machine_wide(state):
    out = run(state, "nicconfig call EnableWINS FALSE,FALSE")
    assert out.stdout.startswith("Executing (Win32_NetworkAdapterConfiguration)->EnableWINS()\r\n"
                                 "Method execution successful.\r\n")
    assert state.host("E2K7Node1").lmhosts_lookup is False
    assert run(state, "nicconfig where IPEnabled=TRUE get WINSEnableLMHostsLookup /value").stdout.count(
        "WINSEnableLMHostsLookup=FALSE") == 2


def test_dynamic_dns_registration(state):
    run(state, "nicconfig where Index=8 call SetDynamicDNSRegistration FALSE,FALSE")
    assert state.host("E2K7Node1").adapter_by_index(8).registration == "none"
    out = run(state, "nicconfig where Index=8 get DomainDNSRegistrationEnabled,FullDNSRegistrationEnabled /value")
    assert "FullDNSRegistrationEnabled=FALSE" in out.stdout


@pytest.mark.parametrize("where", ["(IPEnabled=TRUE and Index>7)", "\"Description like '%#2'\"",
                                   "\"Index<>7 and not IPEnabled=FALSE\"", "\"MACAddress is not null and Index=8\""])
def test_where_subset(state, where):
    out = run(state, f"nicconfig where {where} get Index")
    assert out.stdout == "Index  " + E + "8      " + E + E


def test_array_values(state):
    out = run(state, "nicconfig where Index=7 get IPAddress,DNSServerSearchOrder /value").stdout
    assert 'DNSServerSearchOrder={"192.168.10.10"}' in out and 'IPAddress={"192.168.10.254"}' in out


@pytest.mark.parametrize("args, rc, stderr", [
    ("foo get x", 44135, "foo - Alias not found.\r\n"),
    ("os get Nonsense", 44135, "Node - E2K7NODE1\r\nERROR:\r\nDescription = Invalid query\r\n\r\n"),
    ("nicconfig where Frob=1 get Index", 44135, "Node - E2K7NODE1\r\nERROR:\r\nDescription = Invalid query\r\n\r\n"),
    ("os frob", 44135, "Invalid Verb.\r\n"),
    ("/bogus os get Caption", 44135, "Invalid Global Switch.\r\n"),
    ("nicconfig where Index=8 call EnableStatic 1.2.3.4", 44135,
     "Node - E2K7NODE1\r\nERROR:\r\nDescription = Not supported\r\n\r\n"),
])
def test_errors(state, args, rc, stderr):
    out = run(state, args)
    assert (out.rc, out.stderr) == (rc, stderr)


def test_path_form(state):
    assert run(state, "path Win32_OperatingSystem get Version /value").stdout == E + E + "Version=5.2.3790" + E + E + E


RENAMED = ('Executing (\\\\E2K7NODE1\\ROOT\\CIMV2:Win32_ComputerSystem.Name="E2K7NODE1")->{method}()\r\n'
           "Method execution successful.\r\nOut Parameters:\r\ninstance of __PARAMETERS\r\n{{\r\n"
           "\tReturnValue = {code};\r\n}};\r\n")


@pytest.mark.parametrize("args, method", [
    ('computersystem where name="E2K7NODE1" call rename name="E2K7Node9"', "rename"),
    ('computersystem where name="E2K7NODE1" rename name="E2K7Node9"', "rename"),      # the confirmed sample [C10]
    ('computersystem where name="e2k7node1" CALL Rename "E2K7Node9"', "Rename"),
    ('computersystem call rename Name="E2K7Node9",Password="x",UserName="y"', "rename"),
])
def test_rename_records_a_pending_name(state, args, method):
    out = run(state, args)
    assert (out.rc, out.stdout, out.stderr) == (0, RENAMED.format(method=method, code=0), "")
    host = state.host("E2K7Node1")
    assert host.pending.name == "E2K7Node9" and host.computer_name == "E2K7Node1"
    assert run(state, "computersystem get Name /value").stdout.strip() == "Name=E2K7NODE1"   # until the restart
    restarts.start(state, host, at=0.0)
    assert host.pending.name is None and (host.name, host.computer_name) == ("E2K7Node1", "E2K7Node9")
    assert run(state, "computersystem get Name /value").stdout.strip() == "Name=E2K7NODE9"
    assert state.host("E2K7Node9") is host                  # the lab finds it by either name


@pytest.mark.parametrize("name", ["E2K7Node1", "E2K7NODE1", "e2k7node1"])
def test_renaming_to_the_current_name_changes_nothing(state, name):
    out = run(state, f'computersystem where name="E2K7NODE1" call rename name="{name}"')
    assert out.stdout == RENAMED.format(method="rename", code=0)
    assert state.host("E2K7Node1").pending.name is None


def test_an_invalid_name_is_refused(state):
    out = run(state, 'computersystem where name="E2K7NODE1" call rename name="bad/name"')
    assert out.stdout == RENAMED.format(method="rename", code=123)
    assert state.host("E2K7Node1").pending.name is None


def test_rename_needs_a_name_and_no_stray_parameters(state):
    invalid = "Node - E2K7NODE1\r\nERROR:\r\nDescription = Invalid method Parameter(s)\r\n\r\n"
    for args in ("computersystem call rename", 'computersystem call rename Frob="x",a,b,c'):
        assert run(state, args).stderr == invalid
    assert run(state, 'nicconfig where Index=8 SetTcpipNetbios 2').stderr == "Invalid Verb.\r\n"   # only rename


def test_the_template_lines_of_a_rename(tmp_path, lab_env):
    from winlab.lab import Lab
    lab = Lab.create(tmp_path / "lab", topology(lab_env))
    check = 'hostname | findstr /i /x "E2K7Node1"'
    assert lab.execute("E2K7Node1", check).rc == 0 and lab.execute("E2K7Node2", check).rc == 1
    out = lab.execute("E2K7Node2", 'wmic computersystem where name="%COMPUTERNAME%" call rename name="E2K7Node1" <nul')
    assert out.rc == 0 and "Win32_ComputerSystem.Name=\"E2K7NODE2\")->rename()" in out.stdout
    assert "ReturnValue = 0;" in out.stdout
    assert lab.status().as_dict()["hosts"]["E2K7Node2"]["pending_name"] == "E2K7Node1"
    assert lab.execute("E2K7Node2", "hostname").stdout == "E2K7NODE2\r\n"


@pytest.mark.parametrize("architecture, width", [("x64", "64"), ("x86", "32")])
def test_the_processor_address_width_follows_the_environment(lab_env, architecture, width):
    from dataclasses import replace
    site = topology(lab_env)
    hosts = [replace(h, os=replace(h.os, architecture=architecture)) for h in site.hosts]
    state = baseline(replace(site, hosts=hosts))
    assert run(state, "cpu get AddressWidth /value").stdout.strip() == f"AddressWidth={width}"
    assert "Architecture" in run(state, "path Win32_Processor get Architecture,DeviceID").stdout


def test_the_forest_root_holds_the_partitions_container(lab_env):
    from dataclasses import replace
    from winlab.tools import dsquery
    site = topology(lab_env)
    child = replace(site, domain=replace(site.domain, fqdn="na.e2k7.local", forest_root="e2k7.local"))
    state = baseline(child)
    dc = state.host("E2K7DC01")
    def query(dn):
        return dsquery.run(Invocation("dsquery", f'* "{dn}" -scope base -attr msDS-Behavior-Version', "", {}, None,
                                      "C:\\", HostContext(state, dc)))
    assert query("CN=Partitions,CN=Configuration,DC=e2k7,DC=local").rc == 0
    assert query("CN=Partitions,CN=Configuration,DC=na,DC=e2k7,DC=local").rc != 0      # not in a child domain
    assert query("DC=na,DC=e2k7,DC=local").rc == 0
