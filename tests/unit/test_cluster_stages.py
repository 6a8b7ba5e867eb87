"""The cluster stages of issue 9 (file share witness, cluster networks, quorum drills) against
the in-process lab: converged, every scenario passes; each wrong state the issue names (a
missing share permission, a wrong MNSFileShare, a cut private network, a folder without the
account) fails the matching scenario, and passes again once put right."""

from __future__ import annotations

import pytest

from generator.environments import load_environments
from tests.inprocess import converged_site, lab_target, verify_stage

SHARE, PATH, HUB, NODE1 = "MNS_FSW_E2K7CLUS", "C:\\MNS_FSW_E2K7CLUS", "E2K7HUB01", "E2K7Node1"
GRANT = f'net share {SHARE}="{PATH}" /GRANT:"E2K7\\Administrator",FULL'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the project with lab.yaml converged through every stage, and its lab."""
    with converged_site(tmp_path_factory, "cluster-stages") as converged:
        yield converged


verify = verify_stage


def run(site, host: str, *lines: str) -> None:
    project, _, _ = site
    [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
    with lab_target(project, env) as target:
        for line in lines:
            result = target.run(host, line)
            assert result.ok, (line, result.stdout, result.stderr)


def fault(site, action: str, what: str) -> None:
    project, _, _ = site
    [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
    with lab_target(project, env) as target:
        getattr(target.lab, action)(what)


@pytest.mark.parametrize("stage", ["file-share-witness", "cluster-networks", "quorum-drills"])
def test_a_converged_lab_passes_every_scenario(site, stage):
    statuses = verify(site, stage, "--allow-destructive")
    assert statuses and set(statuses.values()) == {"passed"}, statuses


def test_a_share_without_the_permission_fails_its_scenario(site):
    scenario = "The cluster's account has Full Control on the witness share and on its folder"
    run(site, HUB, f"net share {SHARE} /delete", f'net share {SHARE}="{PATH}"')     # Everyone Read only
    try:
        assert verify(site, "file-share-witness")[scenario] == "failed"
    finally:
        run(site, HUB, f"net share {SHARE} /delete", GRANT)
    assert verify(site, "file-share-witness")[scenario] == "passed"


def test_a_folder_without_the_account_fails_its_scenario(site):
    scenario = "The cluster's account has Full Control on the witness share and on its folder"
    run(site, HUB, f'cacls "{PATH}" /E /R E2K7\\Administrator')
    try:
        assert verify(site, "file-share-witness")[scenario] == "failed"
    finally:
        run(site, HUB, f'cmd /d /c echo y>"%TEMP%\\y.txt"',
            f'cacls "{PATH}" /G BUILTIN\\Administrators:F "E2K7\\Administrator":F <"%TEMP%\\y.txt"')
    assert verify(site, "file-share-witness")[scenario] == "passed"


def test_a_wrong_mnsfileshare_fails_its_scenario(site):
    scenario = "The Majority Node Set uses the witness share"
    wrong = f'cluster E2K7CLUS res "Majority Node Set" /priv MNSFileShare=\\\\{HUB}\\WRONG'
    right = f'cluster E2K7CLUS res "Majority Node Set" /priv MNSFileShare=\\\\{HUB}\\{SHARE}'
    run(site, NODE1, f"{wrong} || if errorlevel 5024 if not errorlevel 5025 ver >nul")
    try:
        assert verify(site, "file-share-witness")[scenario] == "failed"
    finally:
        run(site, NODE1, f"{right} || if errorlevel 5024 if not errorlevel 5025 ver >nul")
    assert verify(site, "file-share-witness")[scenario] == "passed"


def test_a_cut_private_network_fails_the_heartbeat_scenario(site):
    scenario = "The heartbeat's own path is up on every node"
    fault(site, "fail", "private-network")
    try:
        assert verify(site, "cluster-networks")[scenario] == "failed"
    finally:
        fault(site, "heal", "private-network")
    assert verify(site, "cluster-networks")[scenario] == "passed"


def test_the_drill_that_needs_the_labs_faults_is_deselected_outside_a_lab(site):
    """@lab scenarios need lab:// or inprocess://; elsewhere they are deselected, not passed."""
    from generator.acceptance.plugin import Acceptance
    project, _, _ = site
    [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
    assert Acceptance(project, env, "inprocess://lab").is_lab and Acceptance(project, env, "lab://lab").is_lab
    assert not Acceptance(project, env, "winrm://E2K7\\adm@{host}").is_lab
