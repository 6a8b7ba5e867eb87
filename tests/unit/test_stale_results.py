"""A result keeps a fingerprint of what it verified; a page built after the environment file or
the stage (its page, its feature) changed marks the result stale and says why, and no index
counts a stale pass as done."""

from __future__ import annotations

import pytest

from generator.acceptance.results import (Fingerprint, StageResult, load_result, now, save_result,
                                          stage_fingerprints)
from generator.docsite.tree import build_tree, site_files
from generator.environments import load_environments
from generator.outputs import render_environment
from tests.conftest import copy_project, edited_yaml

STAGES = ["prerequisites", "network-settings", "join-domain", "create-cluster", "add-second-node",
          "file-share-witness", "cluster-networks", "quorum-drills", "transport-dumpster", "exchange-prerequisites",
          "mailbox-server", "post-install", "verification", "handoff", "reseed", "exchange-drills"]
ENV_CHANGED = "the environment file changed since it was recorded"
STAGE_CHANGED = "page or its acceptance criteria changed since it was recorded"     # after "the stage's"


def passed(env, stage: str, fingerprint: Fingerprint | None) -> StageResult:
    return StageResult(environment=env.name, stage=stage, target="lab://lab", status="passed", finished_at=now(),
                       scenarios=[], fingerprint=fingerprint)


def pages(project, env, results: dict) -> dict[str, str]:
    return site_files(project, render_environment(env), {s: results.get(s) for s in STAGES})


def recorded_for(env) -> dict[str, StageResult]:
    return {stage: passed(env, stage, fingerprint) for stage, fingerprint in stage_fingerprints(env).items()}


def test_a_result_recorded_for_the_stage_as_it_is_holds(project, lab_env):
    shown = pages(project, lab_env, recorded_for(lab_env))
    stage = shown["03-join-domain.md"]
    assert '!!! success "Verified: passed' in stage and "Stale" not in stage
    assert "runbook-badge--passed" in shown["index.md"] and "stale" not in shown["index.md"]


def test_a_changed_environment_file_makes_every_result_stale(project, lab_env, env_file):
    recorded = recorded_for(lab_env)
    [changed] = load_environments(project, [env_file({"nodes[1].private.address": "10.10.10.3/24"}, name="lab")])
    shown = pages(project, changed, recorded)
    for name in ("01-prerequisites.md", "02-network-settings.md"):
        assert '!!! warning "Stale: passed on ' in shown[name] and ENV_CHANGED in shown[name]
        assert "Verified: passed" not in shown[name]
    assert STAGE_CHANGED in shown["02-network-settings.md"]          # the page shows that address
    assert STAGE_CHANGED not in shown["01-prerequisites.md"]          # this one does not
    assert shown["index.md"].count("runbook-badge--stale") == len(STAGES)
    assert "passed, stale" in shown["index.md"]


def test_a_new_title_alone_leaves_results_current(project, lab_env, env_file):
    [renamed] = load_environments(project, [env_file({"title": "Lab, renamed"}, name="lab")])
    assert stage_fingerprints(renamed) == stage_fingerprints(lab_env)


def test_a_changed_feature_makes_that_stage_stale(tmp_path, lab_env):
    copy = copy_project(tmp_path)
    [env] = load_environments(copy, [copy.environments_dir / "lab.yaml"])
    recorded = recorded_for(env)
    feature = copy.features_dir / "exchange-2007-ccr" / "join-domain.feature"
    feature.write_text(feature.read_text() + "\n  Scenario: One more\n    Then every node is a member of the environment's domain\n")
    shown = pages(copy, env, recorded)
    assert STAGE_CHANGED in shown["03-join-domain.md"] and ENV_CHANGED not in shown["03-join-domain.md"]
    assert "Stale" not in shown["02-network-settings.md"]


def test_a_result_without_a_fingerprint_is_stale(project, lab_env):
    shown = pages(project, lab_env, {"join-domain": passed(lab_env, "join-domain", None)})
    assert '!!! warning "Stale: passed on ' in shown["03-join-domain.md"]
    assert "recorded by an older version" in shown["03-join-domain.md"]


def test_the_fingerprint_is_saved_and_read_back(tmp_path, lab_env):
    result = recorded_for(lab_env)["join-domain"]
    save_result(tmp_path, result)
    assert load_result(tmp_path, "lab", "join-domain").fingerprint == result.fingerprint


@pytest.fixture
def project_with_results(tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))
    return copy_project(tmp_path / "project")


def test_indexes_count_only_current_passes(project_with_results):
    project = project_with_results
    [env] = load_environments(project, [project.environments_dir / "lab.yaml"])
    for result in recorded_for(env).values():
        save_result(project.results_dir, result)
    lab_yaml = project.environments_dir / "lab.yaml"
    tree = build_tree(project, load_environments(project, [lab_yaml]))
    assert f"| {len(STAGES)} of {len(STAGES)} |" in tree.files["runbooks/exchange-2007-ccr/lab/index.md"]
    lab_yaml.write_text(edited_yaml(lab_yaml, {"nodes[1].private.address": "10.10.10.3/24"}))
    tree = build_tree(project, load_environments(project, [lab_yaml]))
    assert f"| 0 of {len(STAGES)} ({len(STAGES)} stale) |" in tree.files["runbooks/exchange-2007-ccr/lab/index.md"]
    assert tree.files["runbooks/exchange-2007-ccr/index.md"].count("runbook-badge--compact runbook-badge--stale") \
        == len(STAGES)
