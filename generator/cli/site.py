"""check, render, build, serve, schema: the documentation side of the tool."""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
from pathlib import Path

import click
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..checks import check_project
from ..errors import ConfigError, ContentError, GeneratorError
from ..files import replace_dir, staging_dir, uninterrupted, writable_dir, write_dir, write_file
from ..outputs import render_environment
from ..runbooks import all_runbooks, load_runbook
from ..docsite import layout
from ..docsite.buildstate import BuildState, load_state
from ..docsite.parallel import default_jobs
from ..docsite.serving import Serving, SiteServer
from ..docsite.sitebuild import copy_hand_written, run_build
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
    OUT/<environment>/scripts/<host>/         per host: one script per stage (.cmd, or .ps1
                                              for powershell blocks), and run-all.cmd
    Everything is rendered before anything is written, and each OUT/<environment>/ is
    replaced whole: bad input, an unwritable OUT (exit 2) or Ctrl-C (exit 130) leave it as it was.
    """
    if not env_files:
        raise click.UsageError("give at least one ENV_FILE")
    project = find_project(project_dir)
    envs = environments(project, env_files)
    writable_dir(out_dir)
    rendered = {}
    with progress("Rendering", len(envs)) as advance:
        for env in envs:
            advance(env.name)
            rendered[env.name] = site_files(project, render_environment(env))
    for name, files in rendered.items():
        write_dir(out_dir / name, files)
        click.echo(f"{out_dir / name}: {len(files)} files")


def _show_mkdocs_messages() -> None:
    """MkDocs reports through logging; without its CLI nobody prints warnings and errors."""
    log = logging.getLogger("mkdocs")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        log.addHandler(handler)


def _mkdocs_config(project, **overrides):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    return load_config(str(project.root / "mkdocs.yml"), **{k: v for k, v in overrides.items() if v is not None})


@main.command()
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the HTML site (default: site/).")
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Fail on any MkDocs warning (broken link, missing page).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that build the pages (default: one per core).")
@project_option
def build(site_dir, strict, jobs, project_dir):
    """Render every environment's pages and build the HTML site with MkDocs.

    The pages go to docs/runbooks/ and the site to site/ (open site/index.html, or serve
    the folder). Uses no network. The latest verification results under results/ are shown
    on the stage pages. $RUNBOOK_ENVIRONMENTS (a folder) replaces environments/.

    Sites are rendered and pages built on every core. A site or a page whose inputs did not
    change since the last build (recorded in build/) is taken from it, not built again: after
    editing one site, only that site renders, and only its pages and the few that show it in
    their navigation are built. The site is the one a build from nothing would make.

    Both are built in temporary folders beside them and swapped in only when the whole
    build succeeded: a failure or Ctrl-C leaves site/ and docs/runbooks/ as they were.

    Exit 0 built, 2 bad input (an environment, a template, a MkDocs warning under --strict,
    a site folder that cannot be written, or that holds files but no index.html), 130 interrupted.
    """
    project, sites = _ready(project_dir)
    with _mkdocs_errors():
        config = _mkdocs_config(project, site_dir=str(site_dir) if site_dir else None, strict=strict)
        config.plugins["runbook"].environments = sites
        config.plugins["runbook"].render_cache = project.render_cache
        site, generated = Path(config.site_dir).resolve(), Path(config.docs_dir) / layout.ROOT
        _replaceable_site(site)
        with staging_dir(site) as site_stage, staging_dir(generated) as docs_stage:
            copy_hand_written(Path(config.docs_dir), docs_stage)
            config.plugins["runbook"].previous_docs = Path(config.docs_dir)    # unchanged pages are linked from it
            config.site_dir, config.docs_dir = str(site_stage), str(docs_stage)   # the runbook plugin renders into it
            state = run_build(config, "build", jobs or default_jobs(), load_state(project.build_state))
            with uninterrupted():
                replace_dir(generated, docs_stage / layout.ROOT)
                replace_dir(site, site_stage)
    _keep_state(state.moved_to(site), project.build_state)
    unchanged = len(state.pages) - state.built
    click.echo(f"site built in {site}: {state.built} of {len(state.pages)} pages built"
               + (f", {unchanged} unchanged since the last build" if unchanged else ""))


def _keep_state(state: BuildState, path: Path) -> None:
    """For the next build; without it, that one builds every page (the site is built already)."""
    try:
        state.save(path)
    except GeneratorError as exc:
        click.echo(f"warning: {exc}: the next build will build every page", err=True)


def _replaceable_site(site: Path) -> None:
    """The whole folder is replaced: one that holds files but is no site (no index.html) could be
    the user's own, or the project's (`--site-dir runbooks`)."""
    if site.is_dir() and any(site.iterdir()) and not (site / "index.html").is_file():
        raise GeneratorError(f"{site}: holds files but no index.html, so it is not a built site and would be "
                             f"replaced whole; choose a new or empty folder with --site-dir")


@main.command()
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on (HOST:PORT).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes that build the pages (default: one per core).")
@project_option
def serve(dev_addr, jobs, project_dir):
    """Serve the site on DEV_ADDR (it prints the URL) and build it again when a source changes:
    a stage template, an environment file, a feature, a result, a hand-written page, mkdocs.yml
    or the theme. Each build does only what changed, in a temporary folder (never docs/ nor
    site/); open pages reload by themselves. A build that fails (an invalid environment, a
    template error) is shown as the page until one succeeds.

    Exit 2 when the first build fails or on bad input, including an address already in use;
    130 when stopped with Ctrl-C.
    """
    _free_address(dev_addr)                  # before the first build, which takes a while
    project, _ = _ready(project_dir)
    host, _, port = dev_addr.rpartition(":")
    serving = Serving(project, jobs or default_jobs(), on_built=_built, on_failed=_failed)
    try:
        with _mkdocs_errors():
            serving.build()                  # the first: a failure is bad input, as for `runbook build`
            config = _mkdocs_config(project)
        server = serving.server = SiteServer(serving.rebuild, host.strip("[]"), int(port), serving.root)
        server.on_listening = lambda url: click.echo(f"serving {url} (Ctrl-C stops)")
        serving.watch(server, Path(config.docs_dir), config.theme.custom_dir and Path(config.theme.custom_dir),
                      project.environments_folder)
        try:
            server.serve()
        except OSError as exc:               # taken between our check and the server's bind
            if exc.errno != errno.EADDRINUSE:
                raise
            raise _address_error(dev_addr, exc) from exc
        finally:
            server.shutdown()
    finally:
        serving.close()
    raise KeyboardInterrupt                  # the server returns only once Ctrl-C stopped it


def _built(state, seconds: float) -> None:
    click.echo(f"built: {state.built} of {len(state.pages)} pages in {seconds:.1f} s")


def _failed(message: str) -> None:
    click.echo(f"error: {message}\n(shown in the browser until the site builds again)", err=True)


def _free_address(dev_addr: str) -> None:
    host, _, port = dev_addr.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise GeneratorError(f"--dev-addr {dev_addr}: expected HOST:PORT, for example 127.0.0.1:8000")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        socket.create_server((host, int(port)), family=family).close()
    except OSError as exc:
        raise _address_error(dev_addr, exc) from exc


def _address_error(dev_addr: str, exc: OSError) -> GeneratorError:
    host, _, port = dev_addr.rpartition(":")
    if exc.errno == errno.EADDRINUSE:
        return GeneratorError(f"{dev_addr} is already in use (another `runbook serve`?): choose another "
                              f"address, for example --dev-addr {host}:{int(port) + 1}")
    return GeneratorError(f"cannot serve on {dev_addr}: {exc.strerror or exc}; choose another with --dev-addr")


def _ready(project_dir):
    """The project and its sites, once they load: bad input gets our own message before MkDocs."""
    project = find_project(project_dir)
    sites = environments(project, project.environment_files())
    click.echo(f"rendering {len(sites)} site(s) and building the HTML site with MkDocs...", err=True)
    _show_mkdocs_messages()
    return project, sites


class _mkdocs_errors:
    """MkDocs' own failures (a broken link under --strict, a theme error) as exit 2."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
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
    `# yaml-language-server: $schema=<runbook>.schema.json`.
    """
    project = find_project(project_dir)
    runbooks = [load_runbook(project, runbook_id)] if runbook_id else all_runbooks(project)
    if out_file and len(runbooks) != 1:
        raise click.UsageError("--out needs a single RUNBOOK_ID")
    for runbook in runbooks:
        target = out_file or project.environments_dir / f"{runbook.id}.schema.json"
        write_file(target, schema_text(runbook))
        click.echo(f"wrote {project.relative(target)}")


def schema_text(runbook) -> str:
    document = runbook.model.model_json_schema(mode="validation")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = f"{runbook.title}: environment file"
    return json.dumps(document, indent=2) + "\n"
