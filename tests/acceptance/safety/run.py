"""Run readonly.feature in the pytest process `runbook verify` starts; its scenarios' results.

The feature and its steps are test content, not the runbook's: `install()` copies them into a
(throw-away) project as a runbook author would add them, `runbooks/<id>/steps/safety.py` and
`features/<id>/readonly.feature`, and the acceptance plugin binds them like any other."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.acceptance.verify import _run_pytest

HERE = Path(__file__).parent
REFUSED = "UnsafeCommand: E2K7Node1: refused `mkdir X`: verification sends only probe commands"
WAYS_IN = ("the step's target", "the target under the step's target", "a target the step opens itself")


def install(project) -> Path:
    """Put the test-only steps and feature into `project` (never the repository itself)."""
    shutil.copy(HERE / "steps.py", project.runbooks_dir / "exchange-2007-ccr" / "steps" / "safety.py")
    feature = project.features_dir / "exchange-2007-ccr" / "readonly.feature"
    shutil.copy(HERE / "readonly.feature", feature)
    return feature


def run_readonly_feature(project, environment, target_url: str, report: Path, allow_destructive: bool = False,
                         hosts: dict[str, str] | None = None) -> dict[str, dict]:
    """Scenario name -> its step's result (status, error_message) from the Cucumber JSON."""
    feature = install(project)
    _run_pytest(project, environment, target_url, [feature], report, report.with_name("failures.json"),
                allow_destructive, hosts=hosts)
    return {element["name"]: element["steps"][0]["result"] for feature in json.loads(report.read_text())
            for element in feature["elements"]}
