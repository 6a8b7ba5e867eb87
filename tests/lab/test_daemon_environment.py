"""The lab's daemon gets an allow-list of the shell's variables: the environment's own secret
references and what Python needs, never the password of real hosts or anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
import winrm

from generator.environments import load_environments
from generator.labs import control
from tests.conftest import CANARY, copy_project

pytestmark = [pytest.mark.lab, pytest.mark.timeout(120)]

REAL_PASSWORD = "real-hosts-Pa55word"
UNRELATED = "unrelated-Canary-value"


def environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode().split("\0") if item)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to read a process's variables")
def test_the_daemon_keeps_only_the_labs_own_variables(tmp_path, monkeypatch):
    project = copy_project(tmp_path)
    [environment] = load_environments(project, [project.root / "environments" / "lab.yaml"])
    monkeypatch.delenv("RUNBOOK_LAB_DIR", raising=False)
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", CANARY)
    monkeypatch.setenv("RUNBOOK_WINRM_PASSWORD", REAL_PASSWORD)
    monkeypatch.setenv("LAB_HYGIENE_UNRELATED", UNRELATED)
    monkeypatch.setenv("LC_MESSAGES", "C")
    running, started = control.up(project, environment)
    try:
        assert started
        variables = environ(running.pid)
        assert variables["LAB_DOMAIN_ADMIN_PASSWORD"] == CANARY          # the lab's own secret reference
        assert variables["LC_MESSAGES"] == "C" and "PATH" in variables
        leaked = sorted({"RUNBOOK_WINRM_PASSWORD", "LAB_HYGIENE_UNRELATED"} & variables.keys())
        assert leaked == []                 # (names only: a failure must not print the variables)
        values = "\0".join(variables.values())
        assert (REAL_PASSWORD in values, UNRELATED in values) == (False, False)     # nor under another name
        session = winrm.Session(running.urls["E2K7Node1"], auth=("E2K7\\Administrator", CANARY),
                                transport="ntlm", proxy=None, ca_trust_path=None)
        result = session.run_cmd("hostname")                            # and the lab still serves
        assert (result.status_code, result.std_out) == (0, b"WIN-E2K7SETUP1\r\n")     # a fresh server
    finally:
        control.down(project, environment.name)
