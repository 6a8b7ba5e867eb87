"""check, render, build, serve, schema: the documentation side of the tool."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import click

from ..checks import check_project
from ..errors import ConfigError, ContentError, GeneratorError
from ..outputs import render_environment
from ..runbooks import all_runbooks, load_runbook
from ..docsite.tree import site_files
from ..project import find_project
from . import main
from .common import env_files_argument, environments, project_option
from .progress import progress


@main.command()
@env_files_argument
@project_option
def check(env_files, project_dir):
    """Check environments, templates and features without writing anything.

    \b
    ENV_FILES default to every file in environments/. Reports every problem at once:
    invalid parameters (file:line: field: message), template syntax errors and undefined
    variables, stages without a feature, unguarded or malformed command blocks.
    """
    project = find_project(project_dir)
    envs, problems = [], []
    for file in list(env_files) or project.environment_files():     # every file, even after a bad one
        try:
            envs += environments(project, [file])
        except ConfigError as exc:
            problems.append(str(exc))
    with progress("Checking", len(envs)) as advance:
        report = check_project(project, envs, advance)
    if problems or report.problems:
        raise ContentError("\n".join(problems + report.problems))
    click.echo(f"ok: {report.summary(len(envs))}")


@main.command()
@env_files_argument
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write into; each environment gets OUT/<name>/.")
@project_option
def render(env_files, out_dir, project_dir):
    """Render the pages and scripts of ENV_FILES into OUT/<environment>/.

    \b
    OUT/<environment>/NN-<stage>.md           stage pages (Markdown)
    OUT/<environment>/index.md, scripts.md    parameters and scripts pages
    OUT/<environment>/scripts/<host>/*.cmd    per host: one script per stage, and run-all.cmd
    Everything is rendered before anything is written: bad input leaves OUT as it was.
    """
    if not env_files:
        raise click.UsageError("give at least one ENV_FILE")
    project = find_project(project_dir)
    envs = environments(project, env_files)
    rendered = {}
    with progress("Rendering", len(envs)) as advance:
        for env in envs:
            advance(env.name)
            rendered[env.name] = site_files(project, render_environment(env))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, files in rendered.items():
            _replace_dir(out_dir / name, files)
            click.echo(f"{out_dir / name}: {len(files)} files")
    except OSError as exc:
        raise GeneratorError(f"{exc.filename or out_dir}: cannot write: {exc.strerror}") from exc


def _replace_dir(target: Path, files: dict[str, str]) -> None:
    """Write a complete new folder next to `target`, then swap it in; a failure leaves
    `target` as it was and no staging folder behind."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    old = target.with_name(f".{target.name}-old")
    try:
        for rel, text in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        shutil.rmtree(old, ignore_errors=True)          # left over by an interrupted run
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def _show_mkdocs_messages() -> None:
    """MkDocs reports through logging; without its CLI nobody prints warnings and errors."""
    import logging
    log = logging.getLogger("mkdocs")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        log.addHandler(handler)


def _mkdocs_config(project, **overrides):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    from mkdocs.config import load_config
    return load_config(str(project.root / "mkdocs.yml"), **{k: v for k, v in overrides.items() if v is not None})


@main.command()
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the HTML site (default: site/).")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Fail on any MkDocs warning (broken link, missing page).")
@project_option
def build(site_dir, strict, project_dir):
    """Render every environment's pages and build the HTML site with MkDocs.

    The pages go to docs/runbooks/ and the site to site/ (open site/index.html, or serve
    the folder). Uses no network. The latest verification results under results/ are shown
    on the stage pages. $RUNBOOK_ENVIRONMENTS (a folder) replaces environments/.
    """
    from mkdocs.commands.build import build as mkdocs_build
    project = _ready(project_dir)
    with _mkdocs_errors():
        config = _mkdocs_config(project, site_dir=str(site_dir) if site_dir else None, strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    click.echo(f"site built in {config.site_dir}")


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@project_option
def serve(dev_addr, project_dir):
    """Serve the site with live reload: editing a stage template, an environment file or a
    feature re-renders the pages."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    project = _ready(project_dir)
    with _mkdocs_errors():
        mkdocs_serve(config_file=str(project.root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)


def _ready(project_dir):
    """The project, once its environments load: bad input gets our own message before MkDocs."""
    project = find_project(project_dir)
    sites = environments(project, project.environment_files())
    click.echo(f"rendering {len(sites)} site(s) and building the HTML site with MkDocs...", err=True)
    _show_mkdocs_messages()
    return project


class _mkdocs_errors:
    """MkDocs' own failures (a broken link under --strict, a theme error) as exit 2."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        from mkdocs.exceptions import MkDocsException
        if isinstance(exc, MkDocsException):
            raise GeneratorError(str(exc)) from exc
        return False


@main.command()
@click.argument("runbook_id", required=False)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: environments/<runbook>.schema.json).")
@project_option
def schema(runbook_id, out_file, project_dir):
    """Export the JSON Schema of a runbook's environment files, for editors.

    Point an editor at it with a first line such as
    `# yaml-language-server: $schema=exchange-2007-ccr.schema.json`.
    """
    project = find_project(project_dir)
    runbooks = [load_runbook(project, runbook_id)] if runbook_id else all_runbooks(project)
    if out_file and len(runbooks) != 1:
        raise click.UsageError("--out needs a single RUNBOOK_ID")
    for runbook in runbooks:
        target = out_file or project.environments_dir / f"{runbook.id}.schema.json"
        try:
            target.write_text(schema_text(runbook), encoding="utf-8")
        except OSError as exc:
            raise GeneratorError(f"{target}: cannot write: {exc.strerror}") from exc
        click.echo(f"wrote {project.relative(target)}")


def schema_text(runbook) -> str:
    document = runbook.model.model_json_schema(mode="validation")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = f"{runbook.title}: environment file"
    return json.dumps(document, indent=2) + "\n"
