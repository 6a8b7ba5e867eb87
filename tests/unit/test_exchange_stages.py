"""The Exchange stages of issue 10 against the in-process lab: lab.yaml converged through every
stage, every scenario of every Exchange stage passes (the drills included); each wrong state
the issue names (a dumpster of another size, another mount dial, a stopped log copy, a
suspended copy, the CMS back on the first node) fails the matching scenario and passes again
once put right."""

from __future__ import annotations

import base64

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.environments import load_environments
from tests.inprocess import converge, converged_site, lab_target, verify_stage

HUB, NODE1, NODE2, CMS = "E2K7HUB01", "E2K7Node1", "E2K7Node2", "E2K7CMS"
EXCHANGE_STAGES = ["transport-dumpster", "exchange-prerequisites", "mailbox-server", "post-install",
                   "verification", "handoff", "reseed", "exchange-drills"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the project with lab.yaml converged through every stage, and its lab."""
    with converged_site(tmp_path_factory, "exchange-stages") as converged:
        yield converged


verify = verify_stage


def shell(site, host: str, *lines: str) -> None:
    """Exchange Management Shell lines on `host`, as one powershell.exe -EncodedCommand."""
    project, _, _ = site
    script = "; ".join(["Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin",
                        "$ErrorActionPreference = 'Stop'", *lines])
    encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
    [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
    with lab_target(project, env) as target:
        result = target.run(host, f"powershell -NoProfile -NonInteractive -EncodedCommand {encoded}")
        assert result.ok, (lines, result.stdout, result.stderr)


@pytest.mark.parametrize("stage", EXCHANGE_STAGES)
def test_a_converged_lab_passes_every_scenario(site, stage):
    statuses = verify(site, stage, "--allow-destructive")
    assert statuses and set(statuses.values()) == {"passed"}, statuses      # lab.yaml skips none


def test_converging_again_changes_nothing(site):
    project, _, _ = site
    [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
    with lab_target(project, env) as target:
        events = converge(target, env, EXCHANGE_STAGES)
    changed = {key: [t for t, e in zip(found.titles, found) if e != "ok"] for key, found in events.items()}
    assert not any(changed.values()), changed


def test_a_dumpster_of_another_size_fails_its_scenario(site):
    scenario = "The dumpster has the environment's size and age"
    shell(site, HUB, "Set-TransportConfig -MaxDumpsterSizePerStorageGroup 30MB")
    try:
        assert verify(site, "transport-dumpster")[scenario] == "failed"
    finally:
        shell(site, HUB, "Set-TransportConfig -MaxDumpsterSizePerStorageGroup 18MB")
    assert verify(site, "transport-dumpster")[scenario] == "passed"


def test_another_mount_dial_fails_its_scenario(site):
    scenario = "The mount dial is the environment's"
    shell(site, NODE1, f"Set-MailboxServer -Identity {CMS} -AutoDatabaseMountDial:Lossless")
    try:
        assert verify(site, "post-install")[scenario] == "failed"
    finally:
        shell(site, NODE1, f"Set-MailboxServer -Identity {CMS} -AutoDatabaseMountDial:BestAvailability")
    assert verify(site, "post-install")[scenario] == "passed"


def apply_stage(site, stage: str):
    """The fixture converged every stage without verifying them: the stage gate is overridden."""
    project, _, _ = site
    return CliRunner().invoke(main, ["apply", str(project.environments_dir / "lab.yaml"), "--target", "inprocess://lab",
                                     "--stage", stage, "--yes", "--project", str(project.root),
                                     "--override-gate", "test: earlier stages converged by the fixture"])


def test_a_suspended_copy_fails_the_verification_script_at_its_storage_group(site):
    """The handoff left the CMS on the second node: the copies are on the first. The verification
    stage's script (what the operator runs) stops at the suspended copy's check; once resumed it
    passes again. (The features' copy steps poll for a minute before failing: see the drills.)"""
    identity = f"'{CMS}\\First Storage Group'"
    shell(site, NODE1, f"Suspend-StorageGroupCopy -Identity {identity} -SuspendComment 'test' -Confirm:$false")
    try:
        result = apply_stage(site, "verification")
        assert result.exit_code == 1, result.output
        assert "NOT MET verification step 2/5: First Storage Group" in result.output, result.output
    finally:
        shell(site, NODE1, f"Resume-StorageGroupCopy -Identity {identity} -Confirm:$false")
    result = apply_stage(site, "verification")
    assert result.exit_code == 0 and "5 step(s) checked, 0 changed" in result.output, result.output


def test_the_cms_back_on_the_first_node_fails_the_handoff_scenario(site):
    scenario = "The clustered mailbox server runs on the second node"
    shell(site, NODE1, f"Move-ClusteredMailboxServer -Identity {CMS} -TargetMachine {NODE1} "
                       "-MoveComment 'test' -Confirm:$false")
    try:
        assert verify(site, "handoff")[scenario] == "failed"
    finally:
        shell(site, NODE1, f"Move-ClusteredMailboxServer -Identity {CMS} -TargetMachine {NODE2} "
                           "-MoveComment 'test' -Confirm:$false")
    assert verify(site, "handoff")[scenario] == "passed"


def test_the_reseed_stage_brings_a_failed_copy_back(site):
    """The lab's failed-copy fault; the reseed stage's script (Suspend, Update -DeleteExistingFiles
    -ManualResume, Resume on the node with the passive copies) makes it Healthy; again: no change."""
    project, _, _ = site
    [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
    with lab_target(project, env) as target:
        target.lab.fail("failed-copy:Second Storage Group")
    result = apply_stage(site, "reseed")
    assert result.exit_code == 0 and "2 step(s) checked, 1 changed" in result.output, result.output
    assert verify(site, "reseed")["Every copy is healthy and resumed"] == "passed"
    result = apply_stage(site, "reseed")
    assert result.exit_code == 0 and "2 step(s) checked, 0 changed" in result.output, result.output
