"""Failures a user can cause end in a message and a documented exit code, never a traceback,
and are found before any work starts: a busy port, folders that cannot be written, Ctrl-C."""

from __future__ import annotations

import errno
import socket

import click
import pytest
from click.testing import CliRunner

from generator.cli import RunbookGroup, main
from generator.errors import INTERRUPTED, Busy, GeneratorError
from tests.conftest import ROOT, copy_project


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def clean_failure(result, code: int = 2) -> str:
    """The exit code, and stderr without a traceback; returns stderr."""
    assert result.exit_code == code, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception       # not an escaped exception
    assert "Traceback" not in result.output
    return result.stderr


@pytest.fixture
def copy(tmp_path):
    return copy_project(tmp_path / "project")


def test_serve_on_a_busy_port_names_the_address_and_how_to_choose_another(copy):
    from generator.cli.site import _free_address
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        stderr = clean_failure(run("serve", "--dev-addr", f"127.0.0.1:{port}", "--project", str(copy.root)))
        assert f"127.0.0.1:{port} is already in use" in stderr and f"--dev-addr 127.0.0.1:{port + 1}" in stderr
        assert not copy.generated_docs_dir.exists()                  # found before anything was built
    _free_address(f"127.0.0.1:{port}")                              # released: the same check passes


def test_serve_on_an_address_that_is_not_host_port_is_bad_input(copy):
    stderr = clean_failure(run("serve", "--dev-addr", "localhost", "--project", str(copy.root)))
    assert "--dev-addr localhost: expected HOST:PORT" in stderr


def test_build_into_a_site_folder_that_cannot_be_written_changes_nothing(copy, unwritable_dir):
    stderr = clean_failure(run("build", "--site-dir", str(unwritable_dir / "site"), "--project", str(copy.root)))
    assert f"{unwritable_dir / 'site'}: cannot write" in stderr
    assert not copy.generated_docs_dir.exists() and sorted(p.name for p in copy.docs_dir.iterdir()) == \
        ["guide", "index.md", "reference"]                           # no pages, no staging folder


def test_verify_checks_the_results_folder_before_the_target_or_any_scenario(unwritable_dir):
    results = unwritable_dir / "results"
    stderr = clean_failure(run("verify", "environments/lab.yaml", "--target", "lab://nowhere", "--project",
                               str(ROOT), env={"RUNBOOK_RESULTS_DIR": str(results)}))
    assert f"{results}: cannot write" in stderr and "RUNBOOK_RESULTS_DIR" in stderr
    assert "nowhere" not in stderr                                   # the target was not even opened


def test_verify_checks_the_report_path_before_the_target_or_any_scenario(unwritable_dir, tmp_path):
    results = {"RUNBOOK_RESULTS_DIR": str(tmp_path / "results")}
    report = unwritable_dir / "out" / "cucumber.json"
    stderr = clean_failure(run("verify", "environments/lab.yaml", "--target", "lab://nowhere", "--report",
                               str(report), "--project", str(ROOT), env=results))
    assert f"{report.parent}: cannot write" in stderr and "--report" in stderr and "nowhere" not in stderr
    stderr = clean_failure(run("verify", "environments/lab.yaml", "--target", "lab://nowhere", "--report",
                               str(tmp_path / "summary.md"), "--project", str(ROOT), env=results))
    assert "the report is Cucumber JSON" in stderr and "nowhere" not in stderr


def test_render_into_a_folder_that_cannot_be_written_is_bad_input(unwritable_dir):
    out = unwritable_dir / "out"
    stderr = clean_failure(run("render", "environments/lab.yaml", "--out", str(out), "--project", str(ROOT)))
    assert f"{out}: cannot write" in stderr


def test_schema_into_a_folder_that_cannot_be_written_is_bad_input(unwritable_dir):
    out = unwritable_dir / "schema.json"
    stderr = clean_failure(run("schema", "exchange-2007-ccr", "--out", str(out), "--project", str(ROOT)))
    assert f"{out}: cannot write" in stderr


@click.group(cls=RunbookGroup)
def cli():
    """A command line built on the same group as `runbook`, with commands that fail on purpose."""


@cli.command()
@click.argument("what")
def fail(what):
    if what == "ctrl-c":
        raise KeyboardInterrupt
    if what == "ctrl-c-at-a-prompt":
        raise click.Abort()                  # what click.confirm raises on Ctrl-C
    if what == "disk-full":
        raise OSError(errno.ENOSPC, "No space left on device", "results/lab/join-domain.json")
    if what == "busy":
        raise Busy("another apply holds the lock")
    raise ValueError("a bug")


@pytest.mark.parametrize("what", ["ctrl-c", "ctrl-c-at-a-prompt"])
def test_ctrl_c_in_a_command_exits_130_saying_interrupted(what):
    result = CliRunner().invoke(cli, ["fail", what])
    assert clean_failure(result, INTERRUPTED).strip() == "interrupted"
    assert INTERRUPTED == 130


def test_an_oserror_no_command_handled_is_a_message_and_exit_2():
    stderr = clean_failure(CliRunner().invoke(cli, ["fail", "disk-full"]))
    assert stderr == "error: results/lab/join-domain.json: No space left on device\n"


def test_generator_errors_keep_their_own_exit_code():
    assert clean_failure(CliRunner().invoke(cli, ["fail", "busy"]), Busy.exit_code) == \
        "error: another apply holds the lock\n"
    assert Busy.exit_code == 4 and GeneratorError.exit_code == 2


def test_a_programming_error_is_not_swallowed():
    result = CliRunner().invoke(cli, ["fail", "bug"])
    assert isinstance(result.exception, ValueError) and result.exit_code == 1


def test_build_does_not_replace_a_folder_that_is_not_a_site(copy):
    sources = sorted(p.name for p in copy.runbooks_dir.rglob("*"))
    stderr = clean_failure(run("build", "--site-dir", str(copy.runbooks_dir), "--project", str(copy.root)))
    assert f"{copy.runbooks_dir}: holds files but no index.html" in stderr
    assert sorted(p.name for p in copy.runbooks_dir.rglob("*")) == sources and "runbook.yaml" in sources


def test_check_reports_a_feature_that_gherkin_refuses_at_its_line(tmp_path):
    """A description line starting with `@` is a tag line to Gherkin: `check` says where, exit 2,
    no traceback (pytest-bdd's own parser is not reached for a file Gherkin refused)."""
    project = copy_project(tmp_path / "project")
    feature = project.root / "features" / "exchange-2007-ccr" / "prerequisites.feature"
    lines = feature.read_text().splitlines(keepends=True)
    feature.write_text(lines[0] + "  @the forest is checked first\n" + "".join(lines[1:]))
    result = CliRunner().invoke(main, ["check", "--project", str(project.root)])
    assert result.exit_code == 2, result.output
    assert "features/exchange-2007-ccr/prerequisites.feature:2: A tag may not contain whitespace" in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
