"""The Exchange cmdlets through the lab's powershell.exe, as the runbook's .ps1 lines and its probes
send them: the text they print, their errors, $? and the exit code."""

from __future__ import annotations

import pytest

from tests.unit.winlab.exchange_site import NODES, Clock, clustered_lab, installed, ok
from tests.unit.winlab.powershell_lab import HUB, ps

SNAPIN = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; "


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def lab(tmp_path, lab_env, clock):
    return installed(clustered_lab(tmp_path, lab_env, clock), clock)


def test_without_the_snap_in_an_exchange_cmdlet_is_an_unknown_term(lab):
    rc, out, err = ps(lab, "Get-StorageGroupCopyStatus", host=NODES[0])
    assert rc == 1 and err.startswith("Get-StorageGroupCopyStatus : The term 'Get-StorageGroupCopyStatus' is not "
                                      "recognized")


def test_the_snap_in_is_registered_only_where_exchange_is(tmp_path, lab_env, clock):
    lab = clustered_lab(tmp_path, lab_env, clock)
    ok(lab, NODES[0], r"E:\Prerequisites\WindowsServer2003.WindowsXP-KB926139-v2-x64-ENU.exe /quiet /norestart")
    rc, out, err = ps(lab, SNAPIN + "$?", host=NODES[0])
    assert out == "False\r\n" and "Microsoft.Exchange.Management.PowerShell.Admin" in err
    assert ps(lab, SNAPIN + "(Get-TransportConfig).MaxDumpsterTime")[1] == "7.00:00:00\r\n"      # the hub has it


def test_the_dumpster_stage_lines_on_the_hub(lab):
    check = SNAPIN + ("$config = Get-TransportConfig; $config.MaxDumpsterSizePerStorageGroup -eq '15MB' -and "
                      "$config.MaxDumpsterTime -eq '10.00:00:00'")
    assert ps(lab, check) == (0, "False\r\n", "")
    assert ps(lab, SNAPIN + "Set-TransportConfig -MaxDumpsterSizePerStorageGroup '15MB' -MaxDumpsterTime "
                            "'10.00:00:00' -Confirm:$false") == (0, "", "")
    assert ps(lab, check) == (0, "True\r\n", "")
    out = ps(lab, SNAPIN + "Get-TransportConfig | Format-List", host=NODES[1])[1]
    assert "MaxDumpsterSizePerStorageGroup : 15 MB (15,728,640 bytes)\r\n" in out
    assert "MaxDumpsterTime                : 10.00:00:00\r\n" in out


def test_the_dial_and_the_status_checks_of_the_runbook(lab):
    dial = SNAPIN + "(Get-MailboxServer -Identity 'E2K7CMS').AutoDatabaseMountDial -eq 'GoodAvailability'"
    assert ps(lab, dial, host=NODES[0])[1] == "False\r\n"
    assert ps(lab, SNAPIN + "Set-MailboxServer -Identity 'E2K7CMS' -AutoDatabaseMountDial:'GoodAvailability'",
              host=NODES[0])[0] == 0
    assert ps(lab, dial, host=NODES[0])[1] == "True\r\n"
    assert ps(lab, SNAPIN + "(Get-ClusteredMailboxServerStatus -Identity 'E2K7CMS').State -eq 'Online'",
              host=NODES[1])[1] == "True\r\n"
    health = SNAPIN + "@(Test-ReplicationHealth | Where-Object { $_.Result -ne 'Passed' }).Count -eq 0"
    assert ps(lab, health, host=NODES[0])[1] == "True\r\n"
    lab.fail("replication-service")
    assert ps(lab, health, host=NODES[0])[1] == "False\r\n"


def test_copy_status_as_a_list_and_a_bad_parameter(lab):
    rc, out, _ = ps(lab, SNAPIN + "Get-StorageGroupCopyStatus -Identity 'E2K7CMS\\First Storage Group' | fl",
                    host=NODES[0])
    assert rc == 0
    assert out.startswith("\r\nIdentity                      : E2K7CMS\\First Storage Group\r\n"
                          "StorageGroupName              : First Storage Group\r\n"
                          "SummaryCopyStatus             : Healthy\r\n")
    rc, _, err = ps(lab, SNAPIN + "Get-StorageGroupCopyStatus -Bogus 1", host=NODES[0])
    assert rc == 1 and "A parameter cannot be found that matches parameter name 'Bogus'." in err


def test_the_handoff_line_moves_the_cms_and_its_check_then_holds(lab):
    check = ("@(cluster E2K7CLUS group 'E2K7CMS' | Where-Object { $_ -match '^E2K7CMS +E2K7Node2 +Online *$' })"
             ".Count -eq 1")
    assert ps(lab, check, host=NODES[0])[1] == "False\r\n"
    move = SNAPIN + ("Move-ClusteredMailboxServer -Identity 'E2K7CMS' -TargetMachine 'E2K7Node2' "
                     "-MoveComment 'Scheduled handoff (runbook stage handoff)' -Confirm:$false")
    assert ps(lab, move, host=NODES[0]) == (0, "", "")
    assert ps(lab, check, host=NODES[0])[1] == "True\r\n"
    rc, _, err = ps(lab, move.replace("E2K7Node2", "E2K7Node1").replace(
        "-TargetMachine 'E2K7Node1'", "-TargetMachine 'E2K7Node2'"), host=NODES[0])
    assert rc == 1 and "is not a passive node" in err


def test_the_reseed_lines_on_the_passive_node(lab):
    lab.fail("failed-copy:First Storage Group")
    identity = "'E2K7CMS\\First Storage Group'"
    check = SNAPIN + f"(Get-StorageGroupCopyStatus -Identity {identity}).SummaryCopyStatus -eq 'Healthy'"
    assert ps(lab, check, host=NODES[1])[1] == "False\r\n"
    for line in (f"Suspend-StorageGroupCopy -Identity {identity} -SuspendComment 'reseed' -Confirm:$false",
                 f"Update-StorageGroupCopy -Identity {identity} -DeleteExistingFiles -ManualResume -Confirm:$false",
                 f"Resume-StorageGroupCopy -Identity {identity} -Confirm:$false"):
        assert ps(lab, SNAPIN + line, host=NODES[1]) == (0, "", ""), line
    assert ps(lab, check, host=NODES[1])[1] == "True\r\n"


def test_a_confirming_cmdlet_without_confirm_false_fails_non_interactively(lab):
    rc, _, err = ps(lab, SNAPIN + "Stop-ClusteredMailboxServer -Identity 'E2K7CMS' -StopReason 'x'", host=NODES[0])
    assert rc == 1
    assert ps(lab, SNAPIN + "(Get-ClusteredMailboxServerStatus).State", host=NODES[0])[1] == "Online\r\n"


def test_get_service_and_net_stop_agree_on_the_replication_service(lab):
    line = "(Get-Service MSExchangeRepl).Status"
    assert ps(lab, line, host=NODES[1])[1] == "Running\r\n"
    assert ps(lab, "(Get-Service MSExchangeIS).Status", host=NODES[1])[1] == "Stopped\r\n"      # passive node
    assert ps(lab, "(Get-Service MSExchangeIS).Status", host=NODES[0])[1] == "Running\r\n"
    ok(lab, NODES[1], "net stop msexchangerepl")
    assert ps(lab, line, host=NODES[1])[1] == "Stopped\r\n"


def test_the_application_log_records_a_handoff_and_a_lossy_failovers_redelivery(lab, monkeypatch):
    from winlab import assumptions as A
    move = SNAPIN + ("Move-ClusteredMailboxServer -Identity 'E2K7CMS' -TargetMachine 'E2K7Node2' -MoveComment 'drill' "
                     "-Confirm:$false")
    assert ps(lab, move, host=NODES[0])[0] == 0
    newest = ("Get-EventLog Application | Where-Object { $_.Source -eq 'MSExchangeRepl' } | Select-Object -First 1 | "
              "ForEach-Object { $_.EventID }")
    assert ps(lab, newest, host=NODES[1])[1] == "100\r\n"
    monkeypatch.setitem(A.DIAL_THRESHOLDS, "BestAvailability", A.EXCHANGE_BURST_LOGS)
    lab.fail("copy-queue")
    lab.fail("cms-active-node")                     # E2K7Node2 runs it now: the CMS fails over to E2K7Node1
    out = ps(lab, "Get-EventLog Application | "
                  "Where-Object { $_.Source -eq 'MSExchangeRepl' -and $_.EventID -eq 2091 } | "
                  "ForEach-Object { $_.Message }", host=NODES[0])[1]
    assert out.count("asked to resubmit messages from its transport dumpster") == 2
    assert "Hub Transport server 'E2K7HUB01'" in out
