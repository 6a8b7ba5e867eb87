"""A results folder that cannot be written stops `verify` and `lab test` before anything runs
on the target (exit 2): not after every scenario passed, with the outcome lost."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]


def commands_run(lab) -> int:
    """The lab counts every command its hosts run: the witness that nothing ran."""
    return json.loads(lab.ok("lab", "status", "environments/lab.yaml", "--json"))["commands"]


@pytest.mark.parametrize("command", [("verify", "environments/lab.yaml", "--target", "lab://lab"),
                                     ("lab", "test", "environments/lab.yaml")], ids=["verify", "lab-test"])
def test_an_unwritable_results_folder_stops_before_anything_runs(lab, unwritable_dir, command):
    results = unwritable_dir / "results"
    before = commands_run(lab)
    result = subprocess.run([sys.executable, "-m", "generator", *command], cwd=lab.root, text=True,
                            env=dict(lab.env, RUNBOOK_RESULTS_DIR=str(results)), capture_output=True, timeout=240)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{results}: cannot write" in result.stderr and "RUNBOOK_RESULTS_DIR" in result.stderr
    assert "Traceback" not in result.stderr and "reset the lab" not in result.stdout
    assert commands_run(lab) == before
    lab.winrm("E2K7DC01", "hostname")                 # and the witness does move when something runs
    assert commands_run(lab) == before + 1
