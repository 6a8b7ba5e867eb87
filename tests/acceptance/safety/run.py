"""Run readonly.feature in the pytest process `runbook verify` starts; its scenarios' results."""

from __future__ import annotations

import json
from pathlib import Path

from generator.acceptance.verify import _run_pytest

BINDING = Path(__file__).with_name("readonly_binding.py")
REFUSED = "UnsafeCommand: E2K7Node1: refused `mkdir X`: verification sends only probe commands"
WAYS_IN = ("the step's target", "the target under the step's target", "a target the step opens itself")


def run_readonly_feature(project, environment, target_url: str, report: Path, allow_destructive: bool = False,
                         hosts: dict[str, str] | None = None) -> dict[str, dict]:
    """Scenario name -> its step's result (status, error_message) from the Cucumber JSON."""
    binding = project.root / BINDING.relative_to(Path(__file__).parents[3])      # the project's own copy
    _run_pytest(project, environment, target_url, [binding], report, allow_destructive, quiet=True, hosts=hosts)
    return {element["name"]: element["steps"][0]["result"] for feature in json.loads(report.read_text())
            for element in feature["elements"]}
