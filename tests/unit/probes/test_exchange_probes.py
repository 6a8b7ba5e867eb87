"""Exchange shell probes beyond their recorded cases (tests/unit/probe_cases/): the lines they
send pass the read-only guard and nothing smuggled into such a line does; failures read in
PowerShell's words; the value readers on each culture and layout."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from generator.targets import guard
from generator.targets.guard import UnsafeCommand
from winprobes import ProbeError, is_probe_command
from winprobes.exchange import (PROBES, ClusteredMailboxServerStatus, MailboxDatabases, MailboxServer,
                                PublicFolderDatabases, ApplicationEvents, ReplicationHealth, ShellError,
                                StorageGroupCopyStatus, StorageGroupCopyStatusTable, StorageGroups, TransportConfig)
from winprobes.exchange.values import byte_count, collection, seconds, timestamp
from winprobes.base import Unreadable

SENT = [
    StorageGroupCopyStatus(), StorageGroupCopyStatus(server="E2K7CMS"),
    StorageGroupCopyStatus(identity="E2K7CMS\\First Storage Group"),
    StorageGroupCopyStatusTable(), StorageGroupCopyStatusTable(server="E2K7CMS"),
    ClusteredMailboxServerStatus("E2K7CMS"), ReplicationHealth(), ReplicationHealth("E2K7NODE2"),
    TransportConfig(), MailboxServer("E2K7CMS"), StorageGroups("E2K7CMS"), MailboxDatabases(), MailboxDatabases("E2K7CMS"),
    PublicFolderDatabases(), ApplicationEvents(), ApplicationEvents(newest=5),
]
P = 'powershell -NoProfile -NonInteractive -Command "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; '
SMUGGLED = [
    P + "Get-MailboxServer -Identity 'E2K7CMS' | Format-List; Set-MailboxServer 'E2K7CMS' -AutoDatabaseMountDial Lossless\"",
    P + "Set-MailboxServer -Identity 'E2K7CMS' | Format-List\"",
    P + "Set-TransportConfig | Format-List\"",
    P + "Get-MailboxServer -Identity 'E2K7CMS'; Set-MailboxServer 'E2K7CMS' -AutoDatabaseMountDial Lossless | Format-List\"",
    P + "Get-MailboxServer -Identity 'x'; Move-ClusteredMailboxServer 'E2K7CMS' -TargetMachine 'N2' -MoveComment 'y' -Confirm:$false; 'x' | Format-List\"",
    P + "Get-StorageGroupCopyStatus -Identity '$(Suspend-StorageGroupCopy E2K7CMS\\SG1)' | Format-List\"",
    P + "Get-StorageGroupCopyStatus -Server E2K7CMS | Format-List\"",          # unquoted: anything could follow
    P + "Get-StorageGroupCopyStatus | Format-List | Out-File C:\\x.txt\"",
    P + "Update-StorageGroupCopy -Identity 'E2K7CMS\\SG1' -DeleteExistingFiles | Format-List\"",
    P + "Get-EventLog Application -Newest 50 | Where-Object { Stop-Service MSExchangeRepl } | Format-List\"",
    P + "Get-EventLog Application -Newest 50; Clear-EventLog Application | Where-Object { $_.Source -eq 'MSExchangeRepl' } | Format-List\"",
    P + "Get-TransportConfig | Format-List\" & net stop msexchangerepl",
    P + "Get-TransportConfig | Format-List\" > C:\\x.txt",
    P + "Get-TransportConfig | Format-List",                                     # unbalanced quote
    P + "Get-TransportConfig | Format-List %COMSPEC%\"",
    'powershell -NoProfile -NonInteractive -Command "Get-TransportConfig | Format-List"',   # another shape
    "powershell -NoProfile -NonInteractive -EncodedCommand RwBlAHQALQBUAHIAYQBuAHMAcABvAHIAdABDAG8AbgBmAGkAZwA=",
    'powershell -NoProfile -Command "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; Get-TransportConfig | Format-List"',
    P + "Get-TransportConfig | Format-List\"\r\nnet stop clussvc",
]


@pytest.fixture
def exchange_allow_list(monkeypatch):
    """The guard's allow-list as a runbook listing the Exchange probes in its `probes:` gives it."""
    monkeypatch.setattr(guard._Policy, "allows", staticmethod(lambda line: any(p.allows(line) for p in PROBES)))


@pytest.mark.parametrize("probe", SENT, ids=repr)
def test_every_line_a_probe_sends_passes_the_guard(probe, exchange_allow_list):
    line = probe.command()
    assert line.startswith(P) and line.endswith('| Format-List"') or "Format-List" not in line
    guard.require_probe("E2K7NODE1", line)
    assert is_probe_command(line) and type(probe).allows(line)


@pytest.mark.parametrize("line", SMUGGLED)
def test_anything_smuggled_into_a_probe_line_is_refused_before_it_is_sent(line, exchange_allow_list):
    assert not is_probe_command(line)
    with pytest.raises(UnsafeCommand, match="verification sends only probe commands"):
        guard.require_probe("E2K7NODE1", line)


def test_a_probe_line_with_secrets_in_its_shell_is_refused(exchange_allow_list):
    with pytest.raises(UnsafeCommand):
        guard.require_probe("E2K7NODE1", TransportConfig().command(), env={"X": "y"})


@pytest.mark.parametrize("bad", ["E2K7CMS'; Stop-Service x; '", "$(x)", "a\"b", "x%PATH%", " lead", "", "a;b"])
def test_a_probe_refuses_a_name_it_cannot_quote(bad):
    with pytest.raises(ValueError):
        MailboxServer(bad)
    with pytest.raises(ValueError):
        StorageGroupCopyStatus(identity=bad)


@dataclass
class Result:
    command: str
    rc: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.rc == 0


class Host:
    def __init__(self, result: Result):
        self.result = result

    def run(self, host, command):
        assert command == TransportConfig().command()
        return self.result


@pytest.mark.parametrize("stderr,said", [
    ("Get-TransportConfig : The term 'Get-TransportConfig' is not recognized as a cmdlet, function, operable "
     "program, or script file. Verify the term and try again.\r\nAt line:1 char:19\r\n+ Get-TransportConfig <<<< ",
     "Get-TransportConfig is not a command here"),
    ("Add-PSSnapin : The Windows PowerShell snap-in 'Microsoft.Exchange.Management.PowerShell.Admin' is not installed "
     "on this machine.\r\nAt line:1 char:13\r\n", "the Exchange snap-in Microsoft.Exchange.Management.PowerShell.Admin "
     "is not registered on this host"),
    ("Get-TransportConfig : Active Directory operation failed on DC01. The server is not operational.\r\n"
     "At line:1 char:78\r\n", "Get-TransportConfig : Active Directory operation failed on DC01."),
])
def test_a_failed_shell_command_reads_in_powershells_words(stderr, said):
    with pytest.raises(ShellError) as info:
        TransportConfig().read(Host(Result(TransportConfig().command(), 1, "", stderr)), "E2K7HUB")
    assert said in str(info.value) and "E2K7HUB" in str(info.value)
    assert isinstance(info.value, ProbeError)


@pytest.mark.parametrize("text,culture,iso", [
    ("6/14/2007 4:42:01 PM", None, "2007-06-14T16:42:01"),
    ("6/7/2007 12:05:00 AM", None, "2007-06-07T00:05:00"),             # month first with AM/PM
    ("06/07/2007 12:05:00", None, "2007-07-06T12:05:00"),              # en-GB: day first, 24 hours
    ("06/07/2007 12:05:00", "en-US", "2007-06-07T12:05:00"),           # a culture given wins
    ("14.06.2007 16:42:01", None, "2007-06-14T16:42:01"),              # de-DE
    ("14.06.07 4:42:01 PM", None, "2007-06-14T16:42:01"),              # ccr-domain.md 3.7's localized page
    ("2007-06-14 16:42:01", None, "2007-06-14T16:42:01"),              # sv-SE / ISO
    ("14-6-2007 16:42:01", None, "2007-06-14T16:42:01"),               # nl-NL
])
def test_dates_in_each_culture(text, culture, iso):
    assert timestamp(text, 1, culture).isoformat() == iso


@pytest.mark.parametrize("text", ["13/14/2007 4:42:01 PM", "yesterday", "14.06.2007"])
def test_a_date_that_is_none_is_refused(text):
    with pytest.raises(Unreadable):
        timestamp(text, 3)


def test_collections_sizes_and_time_spans():
    assert collection("{NODE1 <Active, Quorum Owner>, NODE2}") == ["NODE1 <Active, Quorum Owner>", "NODE2"]
    assert collection("{a, b, c, d...}") == ["a", "b", "c", "d"]
    assert collection("{}") == [] and collection("") == [] and collection("E2K7NODE1") == ["E2K7NODE1"]
    assert byte_count("18 MB (18,874,368 bytes)") == 18874368
    assert byte_count("15 MB (15.728.640 bytes)") == 15728640
    assert byte_count("15 MB (15\u00a0728\u00a0640 bytes)") == 15728640
    assert byte_count("unlimited") is None and byte_count("1024") == 1024
    assert seconds("7.00:00:00") == 604800 and seconds("00:30:00") == 1800 and seconds("-00:00:05") == -5
    for bad in (lambda: byte_count("18 MB"), lambda: seconds("7 days")):
        with pytest.raises(Unreadable):
            bad()
