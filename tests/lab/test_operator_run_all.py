"""Each host's run-all.cmd, run as an operator would on a reset lab: host after host, again
after each restart, on to the next host when it waits for one, until every host ends with
exit 0. The site then converges and verifies; the first node never forms the cluster before
its own restarts are behind it."""

from __future__ import annotations

import pytest

from generator.acceptance.apply import boot_time, new_run_id, run_file, upload_commands, wait_for_restart
from generator.environments import load_environments
from generator.outputs import render_environment
from generator.project import Project
from generator.scripts import progress
from generator.secrets import Secrets
from generator.targets import open_target
from tests.conftest import CANARY, copy_project
from tests.inprocess import lab_target

ROUNDS = 30          # script runs in all, far more than the site needs


def run_all_as_operator(environment, target, first: str | None = None):
    """Runs each host's run-all.cmd until all end with 0, starting with `first` (else in the
    environment's order); returns (host, exit code, outcome) per run."""
    rendered = render_environment(environment)
    folder = f"%TEMP%\\operator-{new_run_id()}"
    pending, runs = sorted(rendered.hosts, key=lambda host: host != first), []
    for _ in range(ROUNDS):
        if not pending:
            return runs
        host = pending[0]
        language = rendered.language(next(r.stage for r in rendered.stages if any(h.host == host for h in r.hosts)))
        booted = boot_time(target, host)
        copy_ps1_beside(rendered, target, host, folder)
        run = run_file(rendered, target, host, language.script("run-all"), language, folder, "run-all")
        runs.append((host, run.result.rc, run.outcome))
        if run.result.rc == progress.RESTARTING:
            wait_for_restart(target, host, booted)          # the operator logs on again, runs it again
        elif run.result.rc == progress.WAITING:
            pending.append(pending.pop(0))                  # on to the host it waits for
        elif run.result.rc == progress.DONE:
            pending.pop(0)
        else:
            pytest.fail(f"run-all.cmd on {host} exited {run.result.rc}:\n{run.result.stdout}\n{run.result.stderr}")
    pytest.fail(f"not converged after {ROUNDS} runs: {[(h, rc) for h, rc, _ in runs]}")


def copy_ps1_beside(rendered, target, host: str, folder: str) -> None:
    """The operator copies the host's whole scripts folder: run-all.cmd starts each `.ps1` stage
    (the Exchange Management Shell's) from its own folder."""
    for path, text in rendered.scripts.items():
        owner, name = path.split("/", 1)
        if owner == host and name.endswith(".ps1"):
            for command in upload_commands(name, text, folder):
                assert target.run(host, command).ok, command[:80]


@pytest.fixture
def reset_lab(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    project = Project(lab.root)
    [environment] = load_environments(project, [lab.root / "environments" / "lab.yaml"])
    secrets = Secrets(environ=lab.env, interactive=False)
    with open_target("lab://lab", environment, project, secrets=secrets) as target:
        yield environment, target


def test_run_all_host_after_host_converges_and_verifies(lab, reset_lab):
    environment, target = reset_lab
    runs = run_all_as_operator(environment, target)
    codes = [(host, rc) for host, rc, _ in runs]
    first = environment.params.nodes[0].name
    assert codes.count((first, progress.RESTARTING)) >= 2, codes     # the rename and the join restart the node
    assert any(rc == progress.WAITING for _, rc, _ in runs), codes   # node 1 waits for node 2 to join
    assert lab.verify().returncode == 0
    # A second round changes nothing.
    again = run_all_as_operator(environment, target)
    assert all(rc == progress.DONE and not outcome.changed for _, rc, outcome in again), again


def test_the_first_run_on_the_first_node_stops_at_its_restart(lab, reset_lab):
    environment, target = reset_lab
    rendered = render_environment(environment)
    node = environment.params.nodes[0].name
    language = rendered.language(rendered.stages[0].stage)
    run = run_file(rendered, target, node, language.script("run-all"), language,
                   f"%TEMP%\\operator-{new_run_id()}", "run-all")
    assert run.result.rc == progress.RESTARTING, run.result.stdout + run.result.stderr
    restart = run.outcome.restart
    assert restart is not None and run.outcome.steps[-1] == restart     # nothing ran after it
    assert {s.stage for s in run.outcome.steps} <= {"prerequisites", "network-settings"}
    assert lab.verify("create-cluster").returncode == 1


def test_on_2008_the_witness_host_waits_for_the_cluster_then_every_host_converges(tmp_path, monkeypatch):
    """Dallas (2008) in the in-process lab, its witness host's run-all.cmd first: it waits (exit 6)
    until the cluster exists, since the share is granted to the cluster's computer account."""
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path / "labs"))
    monkeypatch.setenv("DFW2_DOMAIN_ADMIN_PASSWORD", CANARY)
    project = copy_project(tmp_path / "project")
    [environment] = load_environments(project, [project.environments_dir / "dallas.yaml"])
    hub = environment.params.witness.name
    with lab_target(project, environment) as target:
        runs = run_all_as_operator(environment, target, first=hub)
    codes = [(host, rc) for host, rc, _ in runs]
    assert codes[0] == (hub, progress.WAITING), codes
    assert (hub, progress.DONE) in codes and codes.index((hub, progress.DONE)) > codes.index((hub, progress.WAITING))
