"""Safety on real clusters: the steps' wrapper lets only probe commands through. (The guard in the
transport: tests/unit/winrm/test_readonly_verify.py; apply's question: tests/unit/winrm/test_apply_cli.py.)"""

from __future__ import annotations

import pytest

from generator.targets.base import CommandResult, Target
from generator.acceptance.readonly import ProbeOnlyTarget, UnsafeCommand

pytestmark = pytest.mark.usefixtures("lab_allow_list")


class Recording(Target):
    NAME = "recording"

    def __init__(self):
        super().__init__("recording://")
        self.sent = []

    def run(self, host, command, env=None, stdin=None):
        self.sent.append((host, command))
        return CommandResult(command, 0, "", "")


@pytest.mark.parametrize("command", [
    "cluster E2K7CLUS node", "ipconfig /all", "netsh interface ip dump",
    "reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Linkage /v Bind",
    "wmic os get Caption,CSDVersion,OtherTypeDescription,ServicePackMajorVersion,Version /value <nul",
])
def test_probe_commands_pass(command):
    inner = Recording()
    ProbeOnlyTarget(inner).run("E2K7Node1", command)
    assert inner.sent == [("E2K7Node1", command)]


@pytest.mark.parametrize("command", [
    "net stop clussvc", "cluster E2K7CLUS node E2K7Node2 /evict", 'cluster E2K7CLUS /quorum:"Local Quorum"',
    'netsh interface ip set dns name="Private" source=static addr=none register=primary',
    "wmic nicconfig where Index=7 call SetTcpipNetbios 1", "ipconfig /all & net stop clussvc",
    "ipconfig /all > C:\\x.txt", "reg add HKLM\\SOFTWARE\\X /v Y /d Z /f",
])
def test_anything_else_is_refused_before_it_is_sent(command):
    inner = Recording()
    with pytest.raises(UnsafeCommand, match="verification sends only probe commands"):
        ProbeOnlyTarget(inner).run("E2K7Node1", command)
    assert inner.sent == []


def test_probe_commands_with_secrets_in_the_shell_are_refused():
    with pytest.raises(UnsafeCommand):
        ProbeOnlyTarget(Recording()).run("E2K7Node1", "ipconfig /all", env={"X": "y"})
