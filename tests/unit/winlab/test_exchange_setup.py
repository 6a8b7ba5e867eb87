"""setup.com and the prerequisites it checks, run through the lab's cmd.exe as the runbook runs them."""

from __future__ import annotations

import pytest

from winlab.exchange import replication
from tests.unit.winlab.exchange_site import (ACTIVE, NODES, PASSIVE, PREREQUISITES, Clock, clustered_lab, ok, run,
                                             with_prerequisites)

NETFX_QUERY = r'reg query "HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v2.0.50727" /v Install'
IIS_QUERY = r'reg query "HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Setup\OC Manager\Subcomponents" /v iis_www'
POWERSHELL_QUERY = r"reg query HKLM\SOFTWARE\Microsoft\PowerShell\1 /v Install"


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def lab(tmp_path, lab_env, clock):
    return clustered_lab(tmp_path, lab_env, clock)


def test_setup_without_prerequisites_fails_with_setups_messages_and_installs_nothing(lab):
    rc, out, _ = run(lab, NODES[0], ACTIVE)
    assert rc == 1
    assert "Mailbox Role Checks           ......................... FAILED" in out
    assert "Microsoft .NET Framework 2.0 is not installed" in out
    assert "Windows PowerShell is not installed" in out
    assert "The Microsoft Exchange Server setup operation did not complete." in out
    state = lab.state()
    assert state.exchange.cms is None and state.exchange.server(NODES[0]) is None
    assert [g.name for g in state.cluster.groups] == ["Cluster Group"]
    log = state.hosts[NODES[0]].files[r"C:\ExchangeSetupLogs\ExchangeSetup.log"]
    assert "[1] Setup cannot continue because Microsoft .NET Framework 2.0 is not installed." in log


def test_each_missing_prerequisite_is_named_until_it_is_installed(lab):
    for line in PREREQUISITES[:2]:
        ok(lab, NODES[0], line)
    rc, out, _ = run(lab, NODES[0], ACTIVE)
    assert rc == 1 and ".NET" not in out and "PowerShell" not in out
    assert "Internet Information Services (IIS) component is not installed" in out
    assert "Network COM+ access is not enabled" in out
    for line in PREREQUISITES[2:]:
        ok(lab, NODES[0], line)
    assert "completed successfully" in ok(lab, NODES[0], ACTIVE)


def test_the_runbooks_registry_checks_see_each_prerequisite_once_installed(lab):
    for query in (NETFX_QUERY, POWERSHELL_QUERY):
        assert run(lab, NODES[0], query)[0] == 1
    assert "iis_www    REG_DWORD    0x0" in ok(lab, NODES[0], IIS_QUERY).replace("\t", "    ")
    with_prerequisites(lab)
    assert "Install    REG_DWORD    0x1" in ok(lab, NODES[0], NETFX_QUERY).replace("\t", "    ")
    assert "Install    REG_DWORD    0x1" in ok(lab, NODES[0], POWERSHELL_QUERY).replace("\t", "    ")
    assert "iis_www    REG_DWORD    0x1" in ok(lab, NODES[0], IIS_QUERY).replace("\t", "    ")


def test_an_installer_needs_its_quiet_switch_and_the_hosts_architecture(lab):
    assert run(lab, NODES[0], r"E:\Prerequisites\NetFx64.exe")[0] == 1
    assert run(lab, NODES[0], r"E:\Prerequisites\dotnetfx.exe /q:a")[0] == 9009      # not on an x64 node's media
    assert run(lab, NODES[0], NETFX_QUERY)[0] == 1


def test_active_install_creates_the_cms_group_and_its_resources_in_the_cluster(lab):
    with_prerequisites(lab)
    out = ok(lab, NODES[0], ACTIVE)
    assert out.rstrip().endswith("The Microsoft Exchange Server setup operation completed successfully.")
    groups = ok(lab, NODES[0], "cluster group")
    assert "E2K7CMS" in groups and "Online" in groups
    resources = ok(lab, NODES[0], "cluster res")
    for name in ("IP Address (192.168.10.30)", "Network Name (E2K7CMS)",
                 "Exchange Information Store Instance (E2K7CMS)",
                 "Exchange System Attendant Instance (E2K7CMS)", "First Storage Group/Mailbox Database (E2K7CMS)",
                 "Second Storage Group/Mailbox Database 2 (E2K7CMS)"):
        assert name in resources
    cms = lab.state().exchange.cms
    assert cms.active == NODES[0] and [g.name for g in cms.storage_groups] == ["First Storage Group",
                                                                              "Second Storage Group"]


def test_the_passive_install_needs_the_cms_first(lab):
    with_prerequisites(lab)
    rc, out, _ = run(lab, NODES[1], PASSIVE)
    assert rc == 1 and "Install the active clustered mailbox role first" in out
    ok(lab, NODES[0], ACTIVE)
    ok(lab, NODES[1], PASSIVE)
    rc, out, _ = run(lab, NODES[1], PASSIVE)
    assert rc == 1 and "already installed" in out


def test_a_second_cms_and_a_taken_name_are_refused(lab):
    with_prerequisites(lab)
    rc, out, _ = run(lab, NODES[0], ACTIVE.replace("E2K7CMS", "E2K7CLUS"))
    assert rc == 1 and "The name 'E2K7CLUS' is already in use" in out
    ok(lab, NODES[0], ACTIVE)
    rc, out, _ = run(lab, NODES[1], ACTIVE.replace("E2K7CMS", "E2K7CMS2"))
    assert rc == 1 and "already exists in this cluster: E2K7CMS" in out


@pytest.mark.parametrize("line, message", [
    (r"E:\setup.com /mode:install", "The parameters /mode and /roles are required"),
    (r"E:\setup.com /mode:install /roles:mailbox /Bogus", "The following argument is not valid: '/Bogus'."),
    (r"E:\setup.com /m:install /r:mailbox,hubtransport", "cannot be installed with other server roles"),
])
def test_bad_command_lines_fail_with_exit_1(lab, line, message):
    with_prerequisites(lab)
    rc, out, err = run(lab, NODES[0], line)
    assert rc == 1 and message in out + err
    assert lab.state().exchange.cms is None


def test_setup_off_a_cluster_node_is_refused(lab):
    with_prerequisites(lab)
    with lab.store.transaction() as state:
        state.cluster.nodes = [n for n in state.cluster.nodes if n.name != NODES[1]]
    rc, out, _ = run(lab, NODES[1], PASSIVE)
    assert rc == 1 and "not a member of a cluster" in out


def test_setup_com_is_found_only_on_the_media(lab):
    rc, _, err = run(lab, NODES[0], r"C:\setup.com /mode:install /roles:mailbox")
    assert rc == 9009 and "is not recognized" in err


def test_passive_install_seeds_every_copy_and_the_copies_initialize_over_lab_time(lab, clock):
    with_prerequisites(lab)
    ok(lab, NODES[0], ACTIVE)
    clock.tick(3 * 30)
    ok(lab, NODES[1], PASSIVE)

    def copies():
        state = lab.state()
        return [(replication.summary(state, g), replication.copy_queue(g)) for g in state.exchange.cms.storage_groups]
    assert copies() == [("Initializing", 0), ("Initializing", 0)]       # seeded by setup [S7]
    clock.tick(1)
    assert copies() == [("Healthy", 0), ("Healthy", 0)]


def test_a_new_copy_goes_initializing_seeding_healthy_while_the_passive_node_answers(lab, clock):
    with_prerequisites(lab)
    ok(lab, NODES[0], ACTIVE)
    ok(lab, NODES[1], PASSIVE)
    with lab.store.transaction() as state:
        replication.begin_seed(state.exchange.cms.storage_groups[0], clock.now)

    def first():
        state = lab.state()
        return replication.summary(state, state.exchange.cms.storage_groups[0])
    assert first() == "Initializing"
    clock.tick(1)
    assert first() == "Seeding"
    ok(lab, NODES[1], "net stop msexchangerepl")
    clock.tick(10)
    ok(lab, NODES[1], "net start msexchangerepl")
    assert first() == "Seeding"                       # no progress while the Replication service was stopped
    clock.tick(1.5)
    assert first() == "Seeding"
    clock.tick(0.5)
    assert first() == "Healthy"


def test_on_2008_setup_needs_the_server_manager_features(tmp_path, lab_2008_env, clock):
    lab = clustered_lab(tmp_path, lab_2008_env, clock)
    rc, out, _ = run(lab, NODES[0], ACTIVE)
    assert rc == 1 and "The Windows component 'Web-Metabase' is not installed" in out
    for feature in ("PowerShell", "Web-Server", "Web-ISAPI-Ext", "Web-Metabase", "Web-Lgcy-Mgmt-Console",
                    "Web-Basic-Auth", "Web-Windows-Auth"):
        ok(lab, NODES[0], f"ServerManagerCmd -install {feature} <nul")
    assert "[X] IIS 6 Metabase Compatibility  [Web-Metabase]" in ok(lab, NODES[0], "ServerManagerCmd -query <nul")
    assert run(lab, NODES[0], r"E:\Prerequisites\NetFx64.exe /q:a")[0] == 9009     # no 2003 installers on 2008
    assert "completed successfully" in ok(lab, NODES[0], ACTIVE)
    assert ok(lab, NODES[0], r'reg query "HKLM\SOFTWARE\Microsoft\Exchange\v8.0\MailboxRole" /v ConfiguredVersion')


def test_the_mailbox_role_key_appears_once_setup_ran(lab):
    query = r'reg query "HKLM\SOFTWARE\Microsoft\Exchange\v8.0\MailboxRole" /v ConfiguredVersion <nul'
    assert run(lab, NODES[0], query)[0] == 1
    with_prerequisites(lab)
    ok(lab, NODES[0], ACTIVE)
    assert "8.1.240.6" in ok(lab, NODES[0], query)
    assert run(lab, NODES[1], query)[0] == 1


def test_every_host_has_a_hosts_file_the_runbook_appends_to(lab):
    hosts = r"%SystemRoot%\system32\drivers\etc\hosts"
    assert run(lab, NODES[0], f'findstr /l /i /c:"10.10.10.11 E2K7N1REPL" "{hosts}" <nul')[0] == 1
    ok(lab, NODES[0], f'cmd /d /c echo 10.10.10.11 E2K7N1REPL>>"{hosts}"')
    assert run(lab, NODES[0], f'findstr /l /i /c:"10.10.10.11 E2K7N1REPL" "{hosts}" <nul')[0] == 0
    from winlab.exchange.baseline import resolves
    state = lab.state()
    assert resolves(state, state.hosts[NODES[0]], "e2k7n1repl") == "10.10.10.11"
    assert resolves(state, state.hosts[NODES[1]], "E2K7N1REPL") is None
