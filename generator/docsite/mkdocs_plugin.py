"""The MkDocs plugin `runbook`: render every site's pages before MkDocs builds, and put them
in the nav. Registered by the package (entry point `mkdocs.plugins`), so an installed project
names it in mkdocs.yml (`plugins: [runbook]`) with no path into the package.

This is the only MkDocs-specific code. It lets `mkdocs build` and `mkdocs serve` work
directly (serve re-renders when runbooks/, environments/ or features/ change); the
rendering itself lives in generator.docsite.tree and needs no MkDocs. The pages go to
runbooks/ under MkDocs' docs_dir: docs/ when MkDocs runs directly, a staging copy of it
under `runbook build`, which swaps them into docs/runbooks/ only when the build succeeds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator.environments import load_environments
from generator.errors import GeneratorError
from generator.project import Project
from generator.runbooks import forget_runbooks
from generator.docsite.tree import build_tree, write_tree

log = logging.getLogger("mkdocs.plugins.runbook")
PLACEHOLDER = "runbooks/"      # the nav entry of mkdocs.yml that the generated navigation replaces


class RunbookPlugin(BasePlugin):
    def on_config(self, config):
        return on_config(config)


def on_config(config):
    project = Project(Path(config.config_file_path).resolve().parent)
    forget_runbooks()                # under `serve`, runbook.yaml and model.py may have changed
    try:
        environments = load_environments(project, project.environment_files())
        tree = build_tree(project, environments)
        written = write_tree(tree, Path(config.docs_dir))    # `runbook build` points docs_dir at a staging copy
    except GeneratorError as exc:
        raise PluginError(f"runbook: {exc}") from exc
    log.info("runbook: %d site(s), %d generated file(s) changed", len(environments), written)
    config.nav = _with_runbooks(config.nav, tree.nav)
    return config


def _with_runbooks(nav, generated):
    if not nav:
        return [{"Runbooks": generated}]
    out = []
    for entry in nav:
        if isinstance(entry, dict) and list(entry.values()) == [PLACEHOLDER]:
            out.append({next(iter(entry)): generated})
        else:
            out.append(entry)
    return out
