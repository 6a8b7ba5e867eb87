"""`runbook render/check` from the command line: exit codes, messages, and bad input that
leaves earlier output untouched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.runbooks import forget_runbooks
from tests.conftest import ROOT


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def runbook(*args: str, cwd: Path = ROOT, env: dict | None = None) -> Ran:
    """`runbook ARGS` in this process (CliRunner), for the project at `cwd`."""
    forget_runbooks()               # a test may have changed a copy's runbook
    result = CliRunner().invoke(main, [*args, "--project", str(cwd)], env=env)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_render_writes_pages_and_scripts_per_host(tmp_path):
    result = runbook("render", "environments/lab.yaml", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = {str(p.relative_to(tmp_path / "lab")) for p in (tmp_path / "lab").rglob("*") if p.is_file()}
    assert {"02-network-settings.md", "scripts/E2K7Node1/02-network-settings.cmd",
            "scripts/E2K7Node2/run-all.cmd", "scripts/E2K7DC01/01-prerequisites.cmd"} <= names
    page = (tmp_path / "lab" / "02-network-settings.md").read_text()
    assert "10.10.10.1" in page and "E2K7Node2" in page and "Local Area Connection 2" in page


def test_bad_environment_exits_2_names_file_line_field_and_keeps_output(tmp_path, env_file):
    out = tmp_path / "out"
    assert runbook("render", "environments/lab.yaml", "--out", str(out)).returncode == 0
    before = snapshot(out)
    bad = env_file({"nodes[1].private.address": "10.10.10.1/24", "cluster.name": "BAD*NAME"}, name="lab")
    result = runbook("render", str(bad), "--out", str(out))
    assert result.returncode == 2
    assert f"{bad}:" in result.stderr and "nodes[1].private.address: 10.10.10.1 is already " \
                                          "nodes[0].private.address" in result.stderr
    assert "cluster.name:" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_broken_template_is_reported_with_file_and_line(tmp_path):
    from tests.conftest import copy_project
    project = copy_project(tmp_path / "p")
    stage = project.root / "runbooks/exchange-2007-ccr/stages/join-domain.md"
    text = stage.read_text().replace("{{ domain.fqdn }}", "{{ domain.fqdnn }}", 1)
    stage.write_text(text)
    result = runbook("check", cwd=project.root)
    assert result.returncode == 2
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "fqdnn" in l)
    assert f"runbooks/exchange-2007-ccr/stages/join-domain.md:{line}: " in result.stderr
    assert "fqdnn" in result.stderr
    stage.write_text(text.replace("{{ domain.fqdnn }}", "{% if %}"))
    result = runbook("check", cwd=project.root)
    assert result.returncode == 2 and "join-domain.md:" in result.stderr


def test_check_reports_a_stage_without_feature(tmp_path):
    from tests.conftest import copy_project
    project = copy_project(tmp_path / "p")
    (project.root / "features/exchange-2007-ccr/join-domain.feature").unlink()
    result = runbook("check", cwd=project.root)
    assert result.returncode == 2 and "join-domain.feature: missing feature file" in result.stderr


def test_unknown_option_is_a_usage_error():
    result = runbook("render", "--no-such-option")
    assert result.returncode == 2 and "No such option" in result.stderr


def test_check_passes_on_the_shipped_project():
    result = runbook("check")
    assert result.returncode == 0 and result.stdout.startswith("ok: 3 environment(s)")


def test_committed_schema_matches_the_model(project):
    from generator.cli.site import schema_text
    from generator.runbooks import load_runbook
    committed = (ROOT / "environments" / "exchange-2007-ccr.schema.json").read_text()
    assert committed == schema_text(load_runbook(project, "exchange-2007-ccr")), \
        "run `runbook schema` and commit environments/exchange-2007-ccr.schema.json"


def test_a_feature_step_no_vocabulary_defines_fails_check_with_file_and_line(tmp_path):
    """`check` matches every step of every feature against the runbook's step definitions."""
    from click.testing import CliRunner

    from generator.cli import main
    from generator.runbooks import forget_runbooks
    from tests.conftest import copy_project
    project = copy_project(tmp_path / "p")
    feature = project.features_dir / "exchange-2007-ccr" / "join-domain.feature"
    text = feature.read_text()
    assert "Then every node is a member of the environment's domain" in text
    feature.write_text(text.replace("Then every node is a member of the environment's domain",
                                    "Then every node is a membre of the environment's domain"))
    forget_runbooks()
    result = CliRunner().invoke(main, ["check", "--project", str(project.root)])
    forget_runbooks()
    assert result.exit_code == 2, result.output
    line = next(n for n, l in enumerate(feature.read_text().splitlines(), 1) if "membre" in l)
    assert (f"features/exchange-2007-ccr/join-domain.feature:{line}: Then every node is a membre of the "
            f"environment's domain: no step definition in runbooks/exchange-2007-ccr/steps/ matches") in result.output
