"""Safety on real clusters: verification only reads; apply to a real target asks first."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.targets.base import CommandResult, Target
from generator.acceptance.readonly import ProbeOnlyTarget, UnsafeCommand
from tests.conftest import ROOT


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


def apply_winrm(*extra, answer="n\n"):
    env = dict(os.environ, RUNBOOK_WINRM_PASSWORD="not-used", LAB_DOMAIN_ADMIN_PASSWORD="x")
    return subprocess.run([sys.executable, "-m", "generator", "apply", "environments/lab.yaml", "--target",
                           "winrm://admin@127.0.0.1:1?scheme=http&timeout=5", *extra], cwd=ROOT, env=env,
                          input=answer, capture_output=True, text=True, timeout=120)


def test_apply_to_a_real_target_asks_first_and_stops_on_no():
    result = apply_winrm()
    assert "Apply 5 stage(s) of lab to winrm://admin@127.0.0.1:1" in result.stdout
    assert result.returncode == 2 and "nothing applied (answer y, or pass --yes)" in result.stderr
    assert "not answering" not in result.stderr                 # nothing was sent


def test_yes_skips_the_question():
    result = apply_winrm("--yes", answer="")
    assert "Apply 5 stage(s)" not in result.stdout
    assert result.returncode == 2 and "is not answering" in result.stderr
