"""Stage scripts run on the lab in this process (`inprocess://NAME`), by `apply` itself: uploaded,
decoded and started exactly as on any target, with no daemon and no WinRM in between."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest

from generator.acceptance.apply import apply
from generator.targets import open_target


class Events(list):
    titles: list[str]
    output: str


def lab_target(project, environment):
    """The environment's lab opened in this process (in $RUNBOOK_LAB_DIR/<name>, created when
    missing), its accounts' passwords read from their variables: set both first."""
    return open_target(f"inprocess://{environment.name}", environment, project)


def converge(target, environment, stage_ids: list[str] | None = None) -> dict[tuple[str, str], Events]:
    """`apply` every stage (or those named) on the target; the events of each script (a list with
    the step titles in `.titles` and what the script printed in `.output`), by (stage, host). A
    script run again after a restart adds its events to those of its first run."""
    events: dict[tuple[str, str], Events] = {}
    for run in apply(environment, target, stage_ids).runs:
        found = events.get((run.stage, run.host))
        if found is None:
            found = events[(run.stage, run.host)] = Events()
            found.titles, found.output = [], ""
        found += [s.event for s in run.outcome.steps]
        found.titles += [s.title for s in run.outcome.steps]
        found.output += run.result.stdout + run.result.stderr
    return events


@contextmanager
def converged_site(tmp_path_factory, name: str):
    """(project, root, patch): a copy of the project with lab.yaml converged through every stage
    on its in-process lab; its secret, lab and results folders set for as long as it is used."""
    from generator.environments import load_environments
    from tests.conftest import CANARY, copy_project
    root = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", CANARY)
        patch.setenv("RUNBOOK_LAB_DIR", str(root / "labs"))
        patch.setenv("RUNBOOK_RESULTS_DIR", str(root / "results"))
        project = copy_project(root / "project")
        [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
        with lab_target(project, env) as target:
            converge(target, env)
        yield project, root, patch


def verify_stage(site, stage: str, *extra: str) -> dict[str, str]:
    """The status of each scenario of `stage` after `runbook verify` in-process on a converged_site."""
    from click.testing import CliRunner
    from generator.cli import main
    project, root, _ = site
    result = CliRunner().invoke(main, ["verify", str(project.environments_dir / "lab.yaml"), "--target",
                                       "inprocess://lab", "--stage", stage, *extra, "--project", str(project.root)])
    assert result.exit_code in (0, 1), result.output
    saved = json.loads((root / "results" / "lab" / f"{stage}.json").read_text())
    return {s["name"]: s["status"] for s in saved["scenarios"]}
