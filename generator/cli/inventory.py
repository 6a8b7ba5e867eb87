"""`runbook inventory`: the sites as an Ansible inventory, for the playbook in ansible/."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import TargetError
from ..files import write_file
from ..inventory import DEFAULT_TARGET, SITE, inventory as site_inventory, inventory_yaml
from ..project import find_project
from ..targets import target_class
from . import main
from .common import env_files_argument, environments, project_option


@main.command()
@env_files_argument
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the inventory here (default: print it).")
@click.option("--target-template", default=DEFAULT_TARGET, show_default=True, metavar="URL",
              help="Each site's --target, {site} replaced by its name: lab://{site} (its own lab) or a "
                   "winrm:// URL, whose {host} or {address} `runbook` fills in per host.")
@project_option
def inventory(env_files, output, target_template, project_dir):
    """Write an Ansible inventory of ENV_FILES (default: every environment): one host per site,
    named by its file, in a group per environment `group` (as a slug: `Americas` -> americas).

    \b
    Each host has ansible_connection: local (runbook runs where the playbook runs, or on
    the execution node that holds the host) and these variables:
      runbook_env_file  the environment file, relative to the project
      runbook_target    the target URL (--target-template for this site)
      runbook_title, runbook_group, runbook_id, runbook_stages
      runbook_secrets   the environment variables its secrets are read from (names only)
    A value from an environment that Ansible would template ({{, {%, {#) is tagged !unsafe:
    Ansible takes it as text.
    Run it with `ansible-playbook -i FILE ansible/site.yml` (ansible/README.md).

    Exit 0 written, 2 bad input (an environment, a target template, two groups that make
    the same Ansible group name).
    """
    project = find_project(project_dir)
    if "://" not in target_template:
        raise TargetError(f"--target-template {target_template!r} is not a URL (lab://{SITE}, winrm://...)")
    target_class(target_template)           # an unknown scheme is refused now, not at every site
    text = inventory_yaml(site_inventory(project, environments(project, env_files), target_template))
    if output is None:
        click.echo(text, nl=False)
    else:
        write_file(output, text)
        click.echo(f"inventory: {output}", err=True)
