"""Where each generated page lives in the docs tree (and so its URL).

    runbooks/<runbook>/index.md                       the runbook: stages and sites
    runbooks/<runbook>/<group>/index.md               a group of sites
    runbooks/<runbook>/<group>/<site>/index.md        a site's parameters and stage status
    runbooks/<runbook>/<group>/<site>/NN-<stage>.md   a stage, tailored to the site
    runbooks/<runbook>/<group>/<site>/scripts.md      the site's scripts, with downloads
    runbooks/<runbook>/<group>/<site>/scripts/<host>/NN-<stage>.cmd
"""

from __future__ import annotations

from markdown.extensions.toc import slugify

from ..environments import Environment
from ..runbooks import Runbook, Stage

ROOT = "runbooks"


def runbook_dir(runbook: Runbook) -> str:
    return f"{ROOT}/{runbook.id}"


def group_dir(runbook: Runbook, group: str) -> str:
    return f"{runbook_dir(runbook)}/{slugify(group, '-') or 'sites'}"


def site_dir(environment: Environment) -> str:
    return f"{group_dir(environment.runbook, environment.group)}/{environment.name}"


def stage_file(stage: Stage) -> str:
    return f"{stage.slug}.md"


def script_file(host: str, name: str) -> str:
    return f"scripts/{host}/{name}"
