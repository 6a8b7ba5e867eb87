"""A generated stage script run by the shell against fake tools, read back with parse_progress.

The script is a fixed copy of what the generator wrote for E2K7Node1's network settings
(fixtures/network-settings-9-steps.cmd), so this checks the shell's batch semantics, not the
current template; the current templates run against the real lab tools in test_end_to_end.
"""

import base64
import re
from pathlib import Path

import pytest

from winlab.cmdshell import Shell, VirtualFileSystem
from winlab.tooling import Output
from generator.scripts.progress import parse_progress

TEMP = r"C:\DOCUME~1\ADMINI~1\LOCALS~1\Temp"
STAGE = "network-settings"


@pytest.fixture(scope="module")
def script():
    return (Path(__file__).parent / "fixtures" / "network-settings-9-steps.cmd").read_bytes().decode("ascii")


class FakeNode:
    """Just enough of a node for stage 2: its connections, their settings, LMHOSTS and NetBIOS."""

    def __init__(self, names=("Local Area Connection", "Local Area Connection 2"), failing=()):
        self.names, self.failing, self.changes = list(names), failing, []
        self.settings: set[str] = set()
        self.lmhosts, self.netbios = "TRUE", 0
        self.adapter_index = True

    def lookup(self, name):
        return getattr(self, name.lower(), None)

    def ipconfig(self, inv):
        return Output(0, "\r\nWindows IP Configuration\r\n\r\n" + "".join(
            f"Ethernet adapter {n}:\r\n\r\n        IP Address. . . . . . . . . . . . : 0.0.0.0\r\n\r\n" for n in self.names))

    def netsh(self, inv):
        if inv.args == "interface ip dump":
            return Output(0, "pushd interface ip\r\n\r\n" + "".join(f"{s}\r\n" for s in sorted(self.settings)))
        if any(f in inv.args for f in self.failing):
            return Output(1, "", "The filename, directory name, or volume label syntax is incorrect.\r\n")
        self.changes.append(inv.args)
        if m := re.fullmatch(r'interface set interface name="(.+)" newname="(.+)"', inv.args):
            self.names[self.names.index(m[1])] = m[2]
        elif inv.args.startswith("interface ip set address"):
            pattern = r'name="(\w+)" source=static addr=(\S+ mask=\S+) gateway=(\S+)'
            name, addr, gateway = re.search(pattern, inv.args).groups()
            self.settings.add(f'set address name="{name}" source=static addr={addr}')
            if gateway != "none":
                self.settings.add(f'set address name="{name}" gateway={gateway} gwmetric=1')
        elif inv.args.startswith("interface ip set dns"):
            dns = inv.args.split("set dns ", 1)[1]
            self.settings.add("set dns " + dns.replace("primary", "PRIMARY").replace("register=none", "register=NONE"))
        return Output(0, "Ok.\r\n")

    def wmic(self, inv):
        if "get WINSEnableLMHostsLookup" in inv.args:
            return Output(0, f"\r\r\n\r\r\nWINSEnableLMHostsLookup={self.lmhosts}\r\r\n\r\r\n\r\r\n")
        if "EnableWINS" in inv.args:
            self.changes.append(inv.args)
            self.lmhosts = "FALSE"
            return Output(0, "Method execution successful.\r\n")
        if "get Index" in inv.args:
            found = "Private" in self.names and self.adapter_index
            if not found:
                return Output(0, "", "No Instance(s) Available.\r\n")
            return Output(0, "Index  \r\r\n7      \r\r\n\r\r\n")
        if "get TcpipNetbiosOptions" in inv.args:
            return Output(0, f"\r\r\n\r\r\nTcpipNetbiosOptions={self.netbios}\r\r\n\r\r\n\r\r\n")
        self.changes.append(inv.args)
        self.netbios = 2
        return Output(0, "Method execution successful.\r\n")


def run_script(script, node, path=TEMP + r"\runbook\02-network-settings.cmd"):
    files = {path: script}
    shell = Shell(node, VirtualFileSystem(files, [TEMP]), env={"COMPUTERNAME": "E2K7NODE1", "TEMP": TEMP})
    return shell.run(f'"{path}"')


def titles(outcome, event):
    return [s.number for s in outcome.steps if s.event == event]


def test_first_run_changes_what_the_checks_find_missing(script):
    node = FakeNode()
    out = run_script(script, node)
    outcome = parse_progress(out.stdout + out.stderr)
    assert (out.rc, out.stderr) == (0, "")
    assert titles(outcome, "changed") == [1, 2, 4, 5, 6, 7, 8, 9] and titles(outcome, "ok") == [3]
    assert outcome.finished == [STAGE] and outcome.failure is None
    assert out.stdout.splitlines()[0] == f"[runbook] begin stage={STAGE} host=E2K7Node1 steps=9"
    assert out.stdout.splitlines()[-1] == f"[runbook] end stage={STAGE} host=E2K7Node1 changed=8"
    assert node.changes[-1] == "nicconfig where Index=7 call SetTcpipNetbios 2"


def test_second_run_skips_every_step(script):
    node = FakeNode()
    run_script(script, node)
    node.changes.clear()
    out = run_script(script, node)
    outcome = parse_progress(out.stdout)
    assert out.rc == 0 and node.changes == []
    assert titles(outcome, "ok") == list(range(1, 10)) and outcome.finished == [STAGE]
    assert out.stdout.splitlines()[-1].endswith("changed=0")


def test_a_failing_run_command_stops_the_script(script):
    node = FakeNode(failing=['name="Private" source=static'])
    out = run_script(script, node)
    outcome = parse_progress(out.stdout + out.stderr)
    assert out.rc == 1
    assert out.stderr == ("The filename, directory name, or volume label syntax is incorrect.\r\n"
                          f"[runbook] FAILED {STAGE} step 6/9: Configure the Private connection: address and mask only\r\n")
    assert outcome.failure.number == 6 and outcome.failure.event == "FAILED"
    assert titles(outcome, "changed") == [1, 2, 4, 5] and outcome.finished == []
    assert not any("dns" in c and "Private" in c for c in node.changes)


def test_an_unmet_gate_stops_the_script(script):
    out = run_script(script, FakeNode(names=("Private", "Public")))
    outcome = parse_progress(out.stdout + out.stderr)
    assert out.rc == 1 and outcome.failure.event == "NOT MET" and outcome.failure.number == 3
    assert out.stderr.endswith("This check must pass before the stage can go on; the page explains what to do.\r\n")


def test_an_empty_for_loop_counts_as_not_done(script):
    node = FakeNode()
    run_script(script, node)
    node.adapter_index = False          # wmic finds no Private adapter: step 9's loops never run
    out = run_script(script, node)
    outcome = parse_progress(out.stdout + out.stderr)
    assert out.rc == 1 and outcome.failure.number == 9 and outcome.failure.event == "FAILED"


def test_upload_and_run_as_apply_sends_it(script):
    """The exact bytes survive echo chunks and certutil, and the uploaded script runs by its quoted path."""
    files, node = {}, FakeNode()
    shell = Shell(node, VirtualFileSystem(files, [TEMP]), env={"COMPUTERNAME": "E2K7NODE1", "TEMP": TEMP})
    b64, cmd = r"%TEMP%\runbook\02-network-settings.b64", r"%TEMP%\runbook\02-network-settings.cmd"
    encoded = base64.b64encode(script.encode("latin-1")).decode()
    lines = [encoded[i:i + 64] for i in range(0, len(encoded), 64)]
    chunks = [lines[i:i + 40] for i in range(0, len(lines), 40)]
    assert len(chunks) > 1
    assert shell.run(rf'if not exist "%TEMP%\runbook" mkdir "%TEMP%\runbook"') == Output(0, "", "")
    for n, chunk in enumerate(chunks):
        assert shell.run("(" + "&".join(f"echo {line}" for line in chunk) + f'){">" if n == 0 else ">>"}"{b64}"').rc == 0
    decoded = shell.run(f'certutil -f -decode "{b64}" "{cmd}"')
    size = len(files[TEMP + r"\runbook\02-network-settings.b64"])
    assert decoded == Output(0, f"Input Length = {size}\r\nOutput Length = {len(script)}\r\n"
                                "CertUtil: -decode command completed successfully.\r\n", "")
    assert files[TEMP + r"\runbook\02-network-settings.cmd"] == script
    assert shell.run(f'del "{b64}"') == Output(0, "", "")
    assert list(files) == [TEMP + r"\runbook\02-network-settings.cmd"]
    out = shell.run(f'"{cmd}"')
    assert out.rc == 0 and parse_progress(out.stdout).finished == [STAGE]
