"""A restart over WinRM, as an operator's client sees it: the lab's daemon takes its timing from
RUNBOOK_LAB_RESTART, the host drops connections while it is down and comes back with what was
pending applied; and `lab status` tells a running lab from a stopped one."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import CANARY, copy_project
from tests.lab.conftest import LabProject

pytestmark = [pytest.mark.lab, pytest.mark.timeout(180)]

BOOT = "wmic os get LastBootUpTime /value <nul"


@pytest.fixture
def slow_lab(tmp_path):
    """A lab of its own whose restarts take a while: down 1 s after `shutdown`, for 6 s."""
    project = copy_project(tmp_path)
    env = dict(os.environ, LAB_DOMAIN_ADMIN_PASSWORD=CANARY, RUNBOOK_LAB_RESTART="1,6",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    env.pop("RUNBOOK_LAB_DIR", None)
    handle = LabProject(project.root, env)
    handle.ok("lab", "up", "environments/lab.yaml")
    yield handle
    handle.cli("lab", "down", "environments/lab.yaml")


def answers(lab: LabProject, host: str) -> bool:
    try:
        return lab.winrm(host, "hostname")[0] == 0
    except requests.exceptions.ConnectionError:
        return False


def until(condition, seconds: float) -> float:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, "the lab did not get there in time"
        time.sleep(0.1)
    return time.monotonic() - start


def test_a_restart_drops_connections_then_applies_what_was_pending(slow_lab):
    lab = slow_lab
    before = lab.winrm("E2K7Node1", BOOT)[1].strip()
    rc, out, _ = lab.winrm("E2K7Node1", 'wmic computersystem where name="%COMPUTERNAME%" call rename name="NEWNAME" '
                                        "<nul & shutdown /r /t 20 & hostname")
    assert rc == 0 and out.endswith("WIN-E2K7SETUP1\r\n")         # the old name, until the restart
    until(lambda: not answers(lab, "E2K7Node1"), 15)               # down after the lab's cap of 1 s
    assert answers(lab, "E2K7Node2")
    status = lab.ok("lab", "status", "environments/lab.yaml")
    assert "  E2K7Node1      node     DOWN" in status and "E2K7Node1: restarting now; then: name NEWNAME" in status
    until(lambda: answers(lab, "E2K7Node1"), 20)                   # back after the downtime
    assert lab.winrm("E2K7Node1", "hostname")[1] == "NEWNAME\r\n"
    after = lab.winrm("E2K7Node1", BOOT)[1].strip()
    assert before == "LastBootUpTime=20080107090000.000000+000" and after != before


def test_status_tells_a_stopped_lab_from_a_running_one(slow_lab):
    running = slow_lab.ok("lab", "status", "environments/lab.yaml").splitlines()
    assert running[0].startswith("lab lab: running, pid ")
    assert running[1].split()[:3] == ["E2K7DC01", "dc", "up"] and "platform: windows-2003" in running
    slow_lab.ok("lab", "down", "environments/lab.yaml")
    stopped = slow_lab.ok("lab", "status", "environments/lab.yaml").splitlines()
    assert stopped[0] == "lab lab: STOPPED: no host answers (state kept; `runbook lab up`)"
    assert all("off" in line.split() for line in stopped[1:5])        # roles may be several: "hub-transport, witness"
    assert stopped[5:7] == ["kept for the next `up`:", "  platform: windows-2003"]
