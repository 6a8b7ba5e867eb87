"""Options and lookups shared by the commands."""

from __future__ import annotations

from pathlib import Path

import click

from ..environments import Environment, load_environments
from ..project import Project, find_project
from ..secrets import Secrets

project_option = click.option(
    "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Project folder (default: the one holding the working directory, or $RUNBOOK_PROJECT).")

env_files_argument = click.argument("env_files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))


def environments(project: Project, files: tuple[Path, ...] | list[Path]) -> list[Environment]:
    """The given environment files, or every file in environments/ when none is given."""
    return load_environments(project, list(files) or project.environment_files())


def project_and_environment(project_dir: Path | None, file: Path | None) -> tuple[Project, Environment]:
    """The project, and the environment of `file` (with none, the embedded lab's: environments/lab.yaml)."""
    project = find_project(project_dir)
    return project, load_environments(project, [file or project.environments_dir / "lab.yaml"])[0]


def run_secrets() -> Secrets:
    """The secrets of this command's run (one object per invocation, made by `main`)."""
    return click.get_current_context().ensure_object(Secrets)
