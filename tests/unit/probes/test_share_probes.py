"""The witness probes: what the allow-list lets through, how a share that does not answer reads, and
that what the lab prints is what the parsers read (so the lab cannot drift from them)."""

from __future__ import annotations

import pytest

from winlab.lab import Lab
from winprobes import ProbeError, is_probe_command
from winprobes.acls import FolderCacls, FolderIcacls
from winprobes.shares import NetShare, NetShares, ShareListing
from tests.unit.probes.test_read import RecordedTarget
from tests.unit.winlab.sites import topology

UNC = r"\\E2K7HUB01\FSW"


@pytest.mark.parametrize("line", ["net share", "net share FSW", 'cacls "C:\\FSW"', 'icacls "C:\\FSW"',
                                  f'dir "{UNC}"', "cluster E2K7CLUS /listnetpri", "cluster E2K7CLUS /prop",
                                  "cluster E2K7CLUS /priv"])
def test_reads_pass_the_allow_list(line):
    assert is_probe_command(line)


@pytest.mark.parametrize("line", ['net share FSW="C:\\FSW"', "net share FSW /delete", 'net share FSW /GRANT:x,FULL',
                                  'cacls "C:\\FSW" /G Everyone:F', 'echo y| cacls "C:\\FSW" /G Everyone:F',
                                  'icacls "C:\\FSW" /grant Everyone:F', f'dir "{UNC}" > x.txt',
                                  "cluster E2K7CLUS /prop SameSubnetDelay=2000",
                                  "cluster E2K7CLUS /priv HeartBeatLostNodeTicks=10",
                                  'cluster E2K7CLUS /setnetpri:"Private","Public"'])
def test_changes_are_refused(line):
    assert not is_probe_command(line)


def test_a_share_that_does_not_answer_reads_as_such():
    target = RecordedTarget({f'dir "{UNC}"': (1, "", "The network name cannot be found.\r\n")})
    reach = ShareListing(UNC).read(target, "E2K7Node1")
    assert (reach.answers, reach.error, reach.entries) == (False, "The network name cannot be found.", ())
    with pytest.raises(ProbeError):
        ShareListing(UNC).read(RecordedTarget({f'dir "{UNC}"': (1, "", "")}), "E2K7Node1")


@pytest.mark.parametrize("bad", ["FSW X", "FSW/delete", 'F"SW', "FSW=C:\\x"])
def test_share_names_that_could_change_something_are_refused(bad):
    with pytest.raises(ValueError):
        NetShare(bad)


def test_the_lab_prints_what_the_parsers_read(lab_env, tmp_path):
    lab = Lab.create(tmp_path, topology(lab_env))
    run = lambda host, line: lab.execute(host, line).stdout
    run("E2K7HUB01", 'mkdir "C:\\FSW"')
    run("E2K7HUB01", 'net share FSW="C:\\FSW" /GRANT:"E2K7\\Administrator",FULL /REMARK:"the witness"')
    run("E2K7HUB01", 'echo y| cacls "C:\\FSW" /G BUILTIN\\Administrators:F "E2K7\\Administrator":F')
    shares = NetShares().parse(run("E2K7HUB01", "net share"))
    assert [(s.name, s.path, s.remark) for s in shares][-1] == ("FSW", "C:\\FSW", "the witness")
    assert NetShare("FSW").parse(run("E2K7HUB01", "net share FSW")).access_of("e2k7\\administrator") == "FULL"
    acl = FolderCacls("C:\\FSW").parse(run("E2K7HUB01", 'cacls "C:\\FSW"'))
    assert acl.full_control("E2K7\\Administrator") and not acl.full_control("Everyone")
    assert ShareListing(UNC).parse(run("E2K7Node1", f'dir "{UNC}"')).answers


def test_icacls_full_control_ignores_inherit_only_entries():
    text = ("C:\\FSW CREATOR OWNER:(OI)(CI)(IO)(F)\r\n        E2K7\\E2K7CLUS$:(OI)(CI)(M)\r\n\r\n"
            "Successfully processed 1 files; Failed processing 0 files\r\n")
    acl = FolderIcacls("C:\\FSW").parse(text)
    assert not acl.full_control("CREATOR OWNER") and not acl.full_control("E2K7\\E2K7CLUS$")
