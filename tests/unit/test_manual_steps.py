"""Declared manual steps (issue 11): a ```manual {id=... host=...}``` block is a step no command
does; it is shown as a box, runs in no script, and verification counts it as a gate met only by
a valid attestation (`runbook attest`: who, when, evidence hash, expiry, for the page as it is)."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from generator.acceptance.attestations import (attestation_path, gate_scenarios, load_attestation, manual_steps)
from generator.acceptance.results import Fingerprint, stage_fingerprints
from generator.cli import main
from generator.environments import load_environments
from generator.errors import ContentError
from generator.outputs import render_environment
from generator.rendering.page import parse_page
from tests.conftest import ROOT, copy_project

PAGE = """# A stage

## Validate it

```manual {id=validate host=NODE1}
1. Open **the wizard**.
2. Run every test.
```

## Next
"""
ATTEST = ("attest", "environments/dallas.yaml", "--stage", "create-cluster", "--step", "validate-configuration")


def test_a_manual_block_is_a_box_with_its_host_and_no_fence_left():
    page = parse_page(PAGE, "x.md")
    [step] = page.manual
    assert (step.id, step.host, step.step.title, step.line) == ("validate", "NODE1", "Validate it", 5)
    assert step.text == "1. Open **the wizard**.\n2. Run every test."
    assert '!!! runbook-manual "NODE1 · manual step validate"' in page.markdown
    assert "    1. Open **the wizard**." in page.markdown and "<!-- runbook-attestation:validate -->" in page.markdown
    assert "```" not in page.markdown and page.blocks == ()


@pytest.mark.parametrize("fence, message", [
    ("```manual {id=validate host=NODE1}\nagain\n```", "manual step id validate is already used on line 5"),
    ("```manual {id=other}\nx\n```", "a manual step needs id=ID and host=HOST"),
    ("```manual {id=Other_1 host=N}\nx\n```", "manual step id 'Other_1': lower-case letters"),
    ("```manual {id=other host=N run=N}\nx\n```", "a manual step needs id=ID and host=HOST, nothing else"),
    ("```manual {id=other host=N}\n\n```", "manual step other says nothing"),
])
def test_a_wrong_manual_block_is_refused_at_its_line(fence, message):
    with pytest.raises(ContentError, match="x.md:12: .*" + message.replace("(", r"\(")):
        parse_page(PAGE + "\n" + fence + "\n", "x.md")


@pytest.fixture(scope="module")
def dallas(project):
    return load_environments(project, [ROOT / "environments" / "dallas.yaml"])[0]


def test_the_2008_wizard_is_a_manual_step_and_in_no_script(dallas, lab_env):
    [step] = manual_steps(dallas)["create-cluster"]
    assert (step.id, step.host) == ("validate-configuration", "DFWEXMB2A")
    site = render_environment(dallas)
    assert not any("Validate a Configuration" in text for text in site.scripts.values())
    assert not any(manual_steps(lab_env).values())                 # 2003 has no such wizard


def test_verification_counts_a_manual_step_as_met_only_by_a_valid_attestation(tmp_path, dallas):
    steps = manual_steps(dallas)["create-cluster"]
    current = stage_fingerprints(dallas)["create-cluster"]
    [missing] = gate_scenarios(tmp_path, dallas, "create-cluster", steps, current)
    assert missing.status == "failed" and missing.manual == "validate-configuration"
    assert missing.message == ("step validate-configuration on DFWEXMB2A is manual: run `runbook attest "
                               "environments/dallas.yaml --stage create-cluster --step validate-configuration "
                               "--by NAME [--evidence FILE] [--expires YYYY-MM-DD]`")
    evidence = tmp_path / "validate.mht"
    evidence.write_bytes(b"all tests passed")
    result = CliRunner().invoke(main, [*ATTEST, "--by", "Jane Doe", "--evidence", str(evidence), "--expires",
                                       str(date.today() + timedelta(days=30)), "--project", str(ROOT)],
                                env={"RUNBOOK_RESULTS_DIR": str(tmp_path)})
    assert result.exit_code == 0, result.output
    kept = load_attestation(tmp_path, "dallas", "create-cluster", "validate-configuration")
    assert (kept.by, kept.evidence, kept.fingerprint) == ("Jane Doe", "validate.mht", current.stage)
    assert kept.evidence_sha256 == hashlib.sha256(b"all tests passed").hexdigest()
    [met] = gate_scenarios(tmp_path, dallas, "create-cluster", steps, current)
    assert met.status == "passed"
    [stale] = gate_scenarios(tmp_path, dallas, "create-cluster", steps, Fingerprint(stage="0" * 16,
                                                                                    environment=current.environment))
    assert stale.status == "failed" and "is stale: the stage's page changed since" in stale.message
    path = attestation_path(tmp_path, "dallas", "create-cluster", "validate-configuration")
    path.write_text(path.read_text().replace(str(kept.expires), str(date.today() - timedelta(days=1))))
    [expired] = gate_scenarios(tmp_path, dallas, "create-cluster", steps, current)
    assert expired.status == "failed" and f"expired on {date.today() - timedelta(days=1)}" in expired.message


@pytest.mark.parametrize("extra, message", [
    (("--by", "x", "--step", "nope"), "declares no manual step 'nope' (its manual steps: validate-configuration)"),
    (("--by", "x", "--expires", "2020-01-01"), "--expires 2020-01-01: that day is past"),
    (("--by", "x", "--expires", "soon"), "expected a day as YYYY-MM-DD"),
    (("--by", "x", "--evidence", "/nonexistent/report.mht"), "cannot read the evidence"),
    (("--by", " "), "--by: say who did the step"),
])
def test_attest_refuses_bad_input_and_writes_nothing(tmp_path, extra, message):
    result = CliRunner().invoke(main, [*ATTEST, *extra, "--project", str(ROOT)],
                                env={"RUNBOOK_RESULTS_DIR": str(tmp_path)})
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "dallas").exists()


def test_the_lab_lifecycle_attests_the_labs_manual_steps_and_says_so(tmp_path):
    """`runbook lab test` on a 2008 site verifies create-cluster: the lab has no GUI, so its lifecycle
    attests the wizard for the lab, by name, with a note; the stage then passes."""
    from generator.acceptance.attestations import LAB_ATTESTER, attest_for_lab
    copy = copy_project(tmp_path / "project")
    [env] = load_environments(copy, [copy.environments_dir / "dallas.yaml"])
    steps, current = manual_steps(env)["create-cluster"], stage_fingerprints(env)["create-cluster"]
    assert attest_for_lab(tmp_path, env, "create-cluster", steps, current) == ["validate-configuration"]
    assert attest_for_lab(tmp_path, env, "create-cluster", steps, current) == []     # valid: kept
    kept = load_attestation(tmp_path, "dallas", "create-cluster", "validate-configuration")
    assert kept.by == LAB_ATTESTER and "no GUI" in kept.note
