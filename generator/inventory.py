"""An Ansible inventory of the sites: one inventory host per environment file, in a group per
environment `group`, with what the playbook in `ansible/` needs to run `runbook` for it.

Ansible templates every string of an inventory (Jinja: `{{ lookup('pipe', ...) }}` runs a
command on the controller), and an environment's title or group is the site's text, not ours:
a value from an environment file or the command line that holds a Jinja start (`{{`, `{%`,
`{#`) is written with YAML's `!unsafe` tag, which Ansible never templates. Only those: AWX
imports an inventory through `ansible-inventory`, whose JSON turns each `!unsafe` value into
an `{"__ansible_unsafe": ...}` object that AWX has been reported to keep as a mapping, so the
ordinary sites' values stay plain text (how AWX takes a tagged value is not tried here).
Group names are slugs Ansible accepts (letters, digits,
underscores), never the group's own text. Secrets appear as their references only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

import yaml

from .environments import Environment
from .errors import ConfigError, Problem
from .project import Project
from .secrets import secret_fields

SITE = "{site}"                       # in a target template: the site's name (its environment file's stem)
DEFAULT_TARGET = "lab://{site}"       # each site's own embedded lab
RESERVED_GROUPS = {"all", "ungrouped"}
JINJA_STARTS = ("{{", "{%", "{#")     # what makes Ansible template a string


class Unsafe(str):
    """Text Ansible must take as it is: written as `!unsafe '...'`."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Unsafe, lambda dumper, text: dumper.represent_scalar("!unsafe", str(text)))


def text(value: str) -> str:
    """The value as Ansible must read it: as it is (`!unsafe` when Ansible would template it)."""
    return Unsafe(value) if any(start in value for start in JINJA_STARTS) else str(value)


def group_name(group: str) -> str:
    """`Americas` -> `americas`, `Region 1 (North)` -> `region_1_north`: a name Ansible takes
    as a group (a Python identifier) and that no Jinja or YAML reads as more than a word."""
    slug = re.sub(r"[^a-z0-9]+", "_", group.lower()).strip("_")
    if not slug or slug[0].isdigit() or slug in RESERVED_GROUPS:
        slug = f"group_{slug}".rstrip("_")
    return slug


@dataclass(frozen=True)
class InventoryHost:
    environment: Environment
    target: str
    env_file: str

    @property
    def variables(self) -> dict[str, Any]:
        environment = self.environment
        return {
            "ansible_connection": "local",
            "ansible_python_interpreter": "{{ ansible_playbook_python }}",     # ours: templated on purpose
            "runbook_env_file": text(self.env_file),
            "runbook_target": text(self.target),
            "runbook_title": text(environment.title),
            "runbook_group": text(environment.group),
            "runbook_id": environment.runbook.id,                                # slugs
            "runbook_stages": [stage.id for stage in environment.runbook.stages],
            "runbook_secrets": secret_references(environment),
        }


def secret_references(environment: Environment) -> list[dict[str, Any]]:
    """One entry per environment variable the site's secrets are read from, with the fields
    that use it: names only, never a value (and not the prompt text, which is the site's)."""
    fields: dict[str, list[str]] = {}
    for field in secret_fields(environment.params):
        fields.setdefault(field.ref.env, []).append(field.path)
    return [{"env": env, "fields": paths} for env, paths in fields.items()]     # identifiers and field paths


def inventory(project: Project, environments: Iterable[Environment], target_template: str = DEFAULT_TARGET) -> dict:
    """The inventory as data: `all.children.<group>.hosts.<site>` with the site's variables.
    Two groups whose names make the same slug are refused (exit 2), naming both files."""
    groups: dict[str, dict] = {}
    owners: dict[str, Environment] = {}
    problems = []
    for environment in environments:
        slug = group_name(environment.group)
        first = owners.setdefault(slug, environment)
        if first.group != environment.group:
            problems.append(Problem(project.relative(environment.path), environment.lines.get(("group",)), "group",
                                    f"{environment.group!r} and {first.group!r} "
                                    f"({project.relative(first.path)}) are both the Ansible group {slug}: "
                                    "rename one"))
            continue
        host = InventoryHost(environment, target_template.replace(SITE, environment.name),
                             project.relative(environment.path))
        groups.setdefault(slug, {"hosts": {}})["hosts"][environment.name] = host.variables
    if problems:
        raise ConfigError(problems)
    sites = {name for group in groups.values() for name in group["hosts"]}
    return {"all": {"children": {_apart(slug, sites): group for slug, group in sorted(groups.items())}}}


def _apart(slug: str, sites: set[str]) -> str:
    """A group named as a site (group Lab, site lab) would make `--limit lab` ambiguous: such a
    group is `lab_sites` (a site's name has no underscore, so no site has that name)."""
    return f"{slug}_sites" if slug in sites else slug


def inventory_yaml(data: dict) -> str:
    header = ("# Ansible inventory written by `runbook inventory`: one host per site. A value from an\n"
              "# environment file that Ansible would template is !unsafe; secrets are references.\n")
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
