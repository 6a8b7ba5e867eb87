"""`runbook lab status|fail|heal|reset` without a daemon (CliRunner, in this process): the hosts
in general terms, the lab's own `details` lines, `--json` as the lab's `as_dict()`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT


@pytest.fixture
def lab_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))

    def run(*args: str, code: int = 0) -> str:
        result = CliRunner().invoke(main, ["lab", *args, "environments/lab.yaml", "--project", str(ROOT)])
        assert result.exit_code == code, (result.output, result.exception)
        assert "Traceback" not in result.output
        return result.output if code == 0 else result.stderr
    return run


def test_status_needs_a_lab(lab_cli):
    assert "no lab for lab: run `runbook lab up environments/lab.yaml`" in lab_cli("status", code=2)


def test_status_in_words_and_as_json(lab_cli, lab_env):
    lab_cli("reset")
    assert "lab lab: private network cut" in lab_cli("fail", "private-network")
    assert "lab lab: E2K7Node2 down" in lab_cli("fail", "E2K7Node2")
    text = lab_cli("status").splitlines()
    assert text[0] == "lab lab: STOPPED: no host answers (state kept; `runbook lab up`)"
    assert text[1].split() == ["E2K7DC01", "dc", "off", "e2k7.local"]             # stopped: every host is off
    assert text[4].split() == ["E2K7Node2", "node", "off", "workgroup", "WORKGROUP"]
    assert text[5:] == ["kept for the next `up`:", "  platform: windows-2003", "  cluster: none",
                        "faults: private-network cut, E2K7Node2 down", "commands run: 0"]
    state = json.loads(lab_cli("status", "--json"))
    assert state["faults"] == {"public-network": False, "private-network": True, "down": ["E2K7Node2"], "other": []}
    assert state["hosts"]["E2K7Node1"]["domain"] == "workgroup WORKGROUP" and "passwords" not in state
    assert (state["running"], state["endpoints"], state["cluster"], state["commands"]) == (False, {}, None, 0)
    lab_cli("heal", "E2K7Node2")
    assert "faults: private-network cut\n" in lab_cli("status")


def test_an_unknown_fault_target_is_bad_input_naming_the_choices(lab_cli):
    lab_cli("reset")
    message = lab_cli("fail", "E2K7Node9", code=2)
    assert "unknown fault target 'E2K7Node9': use one of dc, hub-transport, witness, public-network, private-network" in message
