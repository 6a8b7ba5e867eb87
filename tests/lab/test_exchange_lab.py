"""Exchange in the running lab, reached as an operator's WinRM client reaches real nodes: the
prerequisites and setup.com through cmd, the copies read through PowerShell with the Exchange
snap-in (pywinrm's run_ps, i.e. `powershell -encodedcommand`), the drills' faults through the CLI."""

from __future__ import annotations

import time

import pytest

from tests.conftest import CANARY
from tests.lab.conftest import USER
from winlab import assumptions as A

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]

NODES = ("E2K7Node1", "E2K7Node2")
CLUSTER_STAGES = ("prerequisites", "network-settings", "join-domain", "create-cluster", "add-second-node",
                  "file-share-witness", "cluster-networks")
PREREQUISITES = (r'E:\Prerequisites\NetFx64.exe /q:a /c:"install.exe /q"',
                 r"E:\Prerequisites\WindowsServer2003.WindowsXP-KB926139-v2-x64-ENU.exe /quiet /norestart",
                 r'(echo [Components]& echo iis_common = ON& echo iis_www = ON& echo complusnetwork = ON)'
                 r' > "%TEMP%\runbook-iis.txt"',
                 r'sysocmgr /i:%windir%\inf\sysoc.inf /u:"%TEMP%\runbook-iis.txt" /q')
ACTIVE = r'"E:\setup.com" /mode:install /roles:mailbox /NewCms /CMSName:E2K7CMS /CMSIPAddress:192.168.10.30'
PASSIVE = r'"E:\setup.com" /mode:install /roles:mailbox'
COPY_STATUS = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; Get-StorageGroupCopyStatus"


def session(lab, host):
    import winrm
    return winrm.Session(lab.urls[host], auth=(USER, CANARY), transport="ntlm", read_timeout_sec=60,
                         operation_timeout_sec=50)


def cmd(lab, host, line):
    result = session(lab, host).run_cmd(line)
    return result.status_code, result.std_out.decode("cp437"), result.std_err.decode("cp437")


def copy_rows(lab, host):
    """Get-StorageGroupCopyStatus's table as pywinrm's run_ps brings it back: one dict per row, the
    columns cut where the dashed line under the header starts each (values may be cut with `...`)."""
    result = session(lab, host).run_ps(COPY_STATUS)
    lines = result.std_out.decode("cp437").splitlines()
    assert result.status_code == 0, (lines, result.std_err.decode("cp437", "replace"))
    at = next(i for i, line in enumerate(lines) if line.startswith("----"))
    dashes = lines[at]
    starts = [i for i, c in enumerate(dashes) if c != " " and (i == 0 or dashes[i - 1] == " ")]
    spans = list(zip(starts, [*[s - 1 for s in starts[1:]], None]))
    names = [lines[at - 1][a:b].strip() for a, b in spans]
    return [{name: line[a:b].strip() for name, (a, b) in zip(names, spans)}
            for line in lines[at + 1:] if line.strip()]


def column(rows, prefix):
    """The values of the column whose header starts with `prefix` (headers may be cut short)."""
    name = next(n for n in rows[0] if n.startswith(prefix[:12]))
    return [row[name] for row in rows]


@pytest.fixture(scope="module")
def exchange(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    lab.converge(*CLUSTER_STAGES)
    rc, out, err = cmd(lab, NODES[0], ACTIVE)
    assert rc == 1 and "FAILED" in out, "setup must refuse a node without the prerequisites"
    for node in NODES:
        for line in PREREQUISITES:
            assert cmd(lab, node, line)[0] == 0, line
    for node, line in zip(NODES, (ACTIVE, PASSIVE)):
        rc, out, err = cmd(lab, node, line)
        assert rc == 0 and "completed successfully" in out, (out, err)
    time.sleep(A.EXCHANGE_INITIALIZING_SECONDS + 1)          # the copies initialize, in lab time
    return lab


def test_every_copy_is_healthy_after_both_installs(exchange):
    rows = copy_rows(exchange, NODES[0])
    assert column(rows, "Name") == ["First Storage Group", "Second Storage Group"]
    assert column(rows, "SummaryCopyStatus") == ["Healthy"] * 2
    assert column(rows, "CopyQueueLength") == column(rows, "ReplayQueueLength") == ["0", "0"]


def test_the_cms_group_is_online_in_the_cluster(exchange):
    rc, out, _ = cmd(exchange, NODES[1], "cluster E2K7CLUS group")
    assert rc == 0 and any(line.split()[:1] == ["E2K7CMS"] and line.rstrip().endswith("Online")
                           for line in out.splitlines())


def test_a_stopped_replication_service_shows_over_winrm_until_healed(exchange):
    assert "stopped" in exchange.ok("lab", "fail", "replication-service", "environments/lab.yaml")
    try:
        assert set(column(copy_rows(exchange, NODES[0]), "SummaryCopyStatus")) == {A.COPY_STATUS_SERVICE_DOWN}
        rc, out, _ = cmd(exchange, NODES[1], "net start msexchangerepl")
        assert rc == 0 and "started successfully" in out
    finally:
        exchange.cli("lab", "heal", "replication-service", "environments/lab.yaml")
    assert set(column(copy_rows(exchange, NODES[0]), "SummaryCopyStatus")) == {"Healthy"}


def mounted(lab, host):
    result = session(lab, host).run_ps("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; "
                                       "Get-MailboxDatabase -Server E2K7CMS -Status | ForEach-Object { $_.Mounted }")
    assert result.status_code == 0, result.std_err.decode("cp437", "replace")
    return result.std_out.decode("cp437").split()


def test_losing_the_active_node_beyond_the_dial_leaves_the_databases_dismounted_until_it_is_back(exchange):
    exchange.ok("lab", "fail", "copy-queue", "environments/lab.yaml")
    try:
        assert "down" in exchange.ok("lab", "fail", "cms-active-node", "environments/lab.yaml")
        assert mounted(exchange, NODES[1]) == ["False", "False"]
        status = exchange.ok("lab", "status", "environments/lab.yaml")
        assert "copy queue held (copy-queue)" in status
    finally:
        exchange.cli("lab", "heal", "copy-queue", "environments/lab.yaml")
        exchange.cli("lab", "heal", "cms-active-node", "environments/lab.yaml")
    assert mounted(exchange, NODES[1]) == ["True", "True"]                 # the old node's logs were copied
