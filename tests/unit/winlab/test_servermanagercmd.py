"""Windows Server 2008 features: ServerManagerCmd, and the programs that come with them."""

import pytest

from winlab.baseline import baseline
from winlab.lab import Lab
from winlab.tools import Programs
from tests.unit.winlab.sites import topology

QUERY_CLUSTERING = 'ServerManagerCmd -query <nul | find "[X] Failover Clustering"'
INSTALL_CLUSTERING = "ServerManagerCmd -install Failover-Clustering <nul"
QUERY_ADDS_TOOLS = 'ServerManagerCmd -query <nul | find "[X] Active Directory Domain Services Tools"'
INSTALL_ADDS_TOOLS = "ServerManagerCmd -install RSAT-ADDS <nul"
QUERY_BEFORE = (
    "----- Roles -----\r\n\r\n"
    "[ ] Active Directory Domain Services  [AD-Domain-Services]\r\n"
    "[ ] Web Server (IIS)  [Web-Server]\r\n"
    "    [ ] Web Server  [Web-WebServer]\r\n"
    "        [ ] Application Development  [Web-App-Dev]\r\n"
    "            [ ] ISAPI Extensions  [Web-ISAPI-Ext]\r\n"
    "        [ ] Security  [Web-Security]\r\n"
    "            [ ] Basic Authentication  [Web-Basic-Auth]\r\n"
    "            [ ] Windows Authentication  [Web-Windows-Auth]\r\n"
    "    [ ] Management Tools  [Web-Mgmt-Tools]\r\n"
    "        [ ] IIS 6 Management Compatibility  [Web-Mgmt-Compat]\r\n"
    "            [ ] IIS 6 Metabase Compatibility  [Web-Metabase]\r\n"
    "            [ ] IIS 6 Management Console  [Web-Lgcy-Mgmt-Console]\r\n"
    "\r\n----- Features -----\r\n\r\n"
    "[ ] Failover Clustering  [Failover-Clustering]\r\n"
    "[ ] Remote Server Administration Tools  [RSAT]\r\n"
    "    [ ] Role Administration Tools  [RSAT-Role-Tools]\r\n"
    "        [ ] Active Directory Domain Services Tools  [RSAT-ADDS]\r\n"
    "[ ] Windows PowerShell  [PowerShell]\r\n")
INSTALLED = ("Start Installation...\r\n[Installation] Succeeded: [{}].\r\n<100/100>\r\n\r\n"
             "Success: Installation succeeded.\r\n")
INSTALLED_RESTART = INSTALLED.replace("succeeded.\r\n", "succeeded. A restart is required.\r\n")


@pytest.fixture
def env_2008(lab_2008_env):
    return lab_2008_env


@pytest.fixture
def lab(tmp_path, env_2008):
    """The 2008 site as Windows behaves: no relaxation."""
    return Lab.create(tmp_path / "lab2008", topology(env_2008, lenient=False))


def test_query_lists_the_catalogue(lab):
    out = lab.execute("E2K7Node1", "ServerManagerCmd -query <nul")
    assert (out.rc, out.stdout, out.stderr) == (0, QUERY_BEFORE, "")
    assert lab.execute("E2K7Node1", "servermanagercmd.exe -q").stdout == QUERY_BEFORE


def test_the_failover_clustering_lines_of_the_templates(lab):
    assert lab.execute("E2K7Node1", QUERY_CLUSTERING).rc == 1
    assert lab.execute("E2K7Node1", "cluster E2K7CLUS node").rc == 9009          # cluster.exe comes with it
    out = lab.execute("E2K7Node1", INSTALL_CLUSTERING)
    assert (out.rc, out.stdout, out.stderr) == (0, INSTALLED.format("Failover Clustering"), "")
    found = lab.execute("E2K7Node1", QUERY_CLUSTERING)
    assert (found.rc, found.stdout) == (0, "[X] Failover Clustering  [Failover-Clustering]\r\n")
    assert lab.execute("E2K7Node1", "cluster E2K7CLUS node").rc == 1722           # found; no cluster yet
    assert lab.state().host("E2K7Node1").features == ["Failover-Clustering"]
    assert lab.status().as_dict()["hosts"]["E2K7Node1"]["features"] == ["Failover-Clustering"]
    assert lab.execute("E2K7Node2", "cluster E2K7CLUS node").rc == 9009           # per host


def test_the_ad_ds_tools_need_a_restart_before_netdom_is_there(lab):
    assert lab.execute("E2K7Node1", QUERY_ADDS_TOOLS).rc == 1
    assert lab.execute("E2K7Node1", "netdom join x /d:e2k7.local").rc == 9009
    out = lab.execute("E2K7Node1", INSTALL_ADDS_TOOLS)
    assert (out.rc, out.stdout, out.stderr) == (3010, INSTALLED_RESTART.format("Active Directory Domain Services Tools"),
                                                "")
    for line in (QUERY_ADDS_TOOLS, "netdom join x /d:e2k7.local", "nltest /sc_query:e2k7.local"):
        assert lab.execute("E2K7Node1", line).rc in (1, 9009)               # pending: not there yet
    assert lab.execute("E2K7Node1", "netdom join x /d:e2k7.local").rc == 9009
    again = lab.execute("E2K7Node1", INSTALL_ADDS_TOOLS)
    assert again.rc == 3010 and lab.state().host("E2K7Node1").pending.features == ["RSAT-ADDS"]
    assert lab.status().as_dict()["hosts"]["E2K7Node1"]["pending"] == {"features": ["RSAT-ADDS"]}
    assert lab.execute("E2K7Node1", "shutdown /r /t 20").rc == 0
    assert lab.execute("E2K7Node1", QUERY_ADDS_TOOLS).rc == 0                 # restarted between the commands
    assert lab.execute("E2K7Node1", "netdom join x /d:e2k7.local").rc != 9009
    assert lab.execute("E2K7Node1", INSTALL_ADDS_TOOLS).rc == 1003


def test_relaxed_feature_restarts_install_at_once(tmp_path, env_2008):
    lab = Lab.create(tmp_path / "relaxed", topology(env_2008, lenient=True))
    out = lab.execute("E2K7Node1", INSTALL_ADDS_TOOLS)
    assert (out.rc, out.stdout) == (0, INSTALLED.format("Active Directory Domain Services Tools"))
    found = lab.execute("E2K7Node1", QUERY_ADDS_TOOLS)
    assert (found.rc, found.stdout) == (0, "        [X] Active Directory Domain Services Tools  [RSAT-ADDS]\r\n")
    query = lab.execute("E2K7Node1", "ServerManagerCmd -query").stdout
    assert "[X] Remote Server Administration Tools  [RSAT]" in query           # parents show it too
    assert "    [X] Role Administration Tools  [RSAT-Role-Tools]" in query
    assert lab.execute("E2K7Node1", "netdom join x /d:e2k7.local").rc != 9009
    assert Programs(lab.state().host("E2K7Node1"), "C:\\Windows").lookup(r"C:\Windows\system32\netdom.exe")


def test_installing_again_changes_nothing(lab):
    lab.execute("E2K7Node1", INSTALL_CLUSTERING)
    out = lab.execute("E2K7Node1", "servermanagercmd -i failover-clustering")
    assert out.rc == 1003 and "NoChange" in out.stdout and "[Failover Clustering]" in out.stdout
    assert lab.state().host("E2K7Node1").features == ["Failover-Clustering"]


def test_an_unknown_feature_is_argument_not_valid_4(lab):
    out = lab.execute("E2K7Node1", "ServerManagerCmd -install Failover-Clusterin <nul")
    assert (out.rc, out.stdout) == (4, "")
    assert out.stderr == ("ArgumentNotValid: Feature not valid: 'Failover-Clusterin'. "
                          "The name of the feature was not found.\r\n")
    assert lab.state().host("E2K7Node1").features == []


@pytest.mark.parametrize("line, argument", [
    ("ServerManagerCmd -install", "-install"),
    ("ServerManagerCmd", ""),
    ("ServerManagerCmd -query -install PowerShell", "-query -install PowerShell"),
    ("ServerManagerCmd -frobnicate", "-frobnicate"),
])
def test_bad_command_lines(lab, line, argument):
    out = lab.execute("E2K7Node1", line)
    assert out.rc == 4 and out.stderr.startswith(f"ArgumentNotValid: Argument not valid {argument}\r\n")
    assert "Usage: ServerManagerCmd.exe" in out.stderr and out.stdout == ""


def test_all_sub_features(lab):
    assert lab.execute("E2K7Node1", "ServerManagerCmd -install RSAT -allSubFeatures").rc == 3010   # RSAT-ADDS in it
    node = lab.state().host("E2K7Node1")
    assert (node.features, node.pending.features) == (["RSAT", "RSAT-Role-Tools"], ["RSAT-ADDS"])
    assert lab.execute("E2K7Node1", "ServerManagerCmd -install PowerShell").rc == 0          # no restart needed


def test_2008_baseline_features(lab):
    state = lab.state()
    assert all(state.host(n).features == [] and not state.host(n).support_tools for n in ("E2K7Node1", "E2K7Node2"))
    dc = state.host("E2K7DC01")
    assert dc.features == ["AD-Domain-Services", "RSAT-ADDS"]
    assert lab.execute("E2K7DC01", QUERY_ADDS_TOOLS).rc == 0
    assert lab.execute("E2K7DC01", "ServerManagerCmd -q | find \"[X] Active Directory Domain Services  \"").rc == 0
    assert r"C:\Program Files\Support Tools" not in lab.execute("E2K7Node1", "echo %PATH%").stdout


def test_2003_has_no_servermanagercmd_and_keeps_its_tools(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "lab", topology(lab_env, support_tools=True))
    out = lab.execute("E2K7Node1", INSTALL_CLUSTERING)
    assert out.rc == 9009 and "'ServerManagerCmd' is not recognized" in out.stderr
    assert lab.execute("E2K7Node1", "cluster E2K7CLUS node").rc == 1722        # cluster.exe is always there
    node = baseline(topology(lab_env, support_tools=True)).host("E2K7Node1")
    assert Programs(node).lookup(r"C:\Program Files\Support Tools\netdom.exe") is not None
    node.support_tools = False
    assert Programs(node).lookup("netdom") is None


def test_the_restart_switch_restarts_when_the_install_needs_it(tmp_path, env_2008):
    from winlab.restarts import RestartTiming
    lab = Lab.create(tmp_path / "slow", topology(env_2008, lenient=False), restart=RestartTiming(600, 600),
                     clock=lambda: 1000.0)
    assert lab.execute("E2K7Node1", "ServerManagerCmd -install PowerShell -restart").rc == 0
    assert lab.state().host("E2K7Node1").restart is None                    # nothing needed one
    assert lab.execute("E2K7Node1", "ServerManagerCmd -install RSAT-ADDS -restart").rc == 3010
    assert lab.state().host("E2K7Node1").restart.down_at == 1000.0          # at once, not after the cap
