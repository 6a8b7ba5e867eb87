"""On a running lab: two applies at once (one waits its turn: exit 4), a run's staging folder
is its own and gone afterwards, and a verification step cannot change the lab."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from generator.environments import load_environments
from generator.project import Project
from tests.acceptance.safety.run import REFUSED, WAYS_IN, run_readonly_feature
from tests.conftest import CANARY

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]

APPLY = ("apply", "environments/lab.yaml", "--target", "lab://lab")
STAGED = r"\\runbook\\(\d{8}-\d{6}-[0-9a-f]{8})"


def commands_since_reset(lab) -> list[str]:
    """The command lines the lab received since its last reset (its commands.log)."""
    lines = (lab.root / ".lab" / "lab" / "commands.log").read_text(encoding="utf-8").splitlines()
    last_reset = max(i for i, line in enumerate(lines) if line.endswith("\tlab reset lab"))
    return [line.split("\t", 3)[3] for line in lines[last_reset + 1:]]


def wait_for_lock_holder(lab, pid: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for lock in (lab.root / ".lab" / "lab").glob(".apply-*.lock"):
            try:
                if json.loads(lock.read_text())["pid"] == pid:
                    return
            except (ValueError, KeyError):
                pass                    # being written
        time.sleep(0.05)
    raise AssertionError(f"pid {pid} never took the apply lock")


def test_two_applies_at_once_the_second_is_busy_and_the_first_converges(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    first = subprocess.Popen([sys.executable, "-m", "generator", *APPLY], cwd=lab.root, env=lab.env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for_lock_holder(lab, first.pid)
        os.kill(first.pid, signal.SIGSTOP)      # paused holding the lock: the second meets it however fast we are
        second = lab.cli(*APPLY)
        os.kill(first.pid, signal.SIGCONT)
        out, err = first.communicate(timeout=500)
    finally:
        first.kill()
        first.wait()
    assert second.returncode == 4, second.stderr
    assert re.search(rf"another apply of lab to lab://lab is running \(pid {first.pid} on \S+, since .* UTC\)",
                     second.stderr)
    assert first.returncode == 0, err
    assert re.search(r"converged lab: \d+ script run\(s\), [1-9]\d* step\(s\) changed", out)
    listed = dict(re.findall(r"^  (\S+) +(http\S+)$", out, re.MULTILINE))
    assert listed == lab.urls          # every host: the witness host has its stage too
    # The busy run sent nothing: one staging folder since the reset, the first run's, removed everywhere
    received = commands_since_reset(lab)
    [folder] = {match for line in received for match in re.findall(STAGED, line)}
    for host in listed:
        rc, shown, _ = lab.winrm(host, f'if exist "%TEMP%\\runbook\\{folder}" (echo left) else (echo removed)')
        assert shown.strip() == "removed", host
    assert sum(f"rmdir /s /q" in line and folder in line for line in received) == len(listed)


def test_a_verify_step_cannot_change_the_lab(lab, tmp_path, monkeypatch):
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", CANARY)
    monkeypatch.delenv("RUNBOOK_LAB_DIR", raising=False)
    lab.ok("lab", "reset", "environments/lab.yaml")
    project = Project(lab.root)
    [environment] = load_environments(project, [lab.root / "environments" / "lab.yaml"])
    results = run_readonly_feature(project, environment, "lab://lab", tmp_path / "cucumber.json")
    assert results["A probe goes through"]["status"] == "passed"
    for way in WAYS_IN:
        result = results[f"A change through {way} is refused"]
        assert result["status"] == "failed" and REFUSED in result["error_message"], way
    assert commands_since_reset(lab) == ["hostname"]
