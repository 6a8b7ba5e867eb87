"""`runbook inventory`: the sites as an Ansible inventory, read back by Ansible's own inventory
and templating code. Hostile values stay text; secrets are references; groups are slugs; and
ansible/site.yml has a tagged import for every stage of the project's runbooks, in order."""

from __future__ import annotations

import os

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.inventory import Unsafe, group_name, inventory_yaml, text
from tests.conftest import CANARY, ROOT, copy_project, edited_yaml

PAYLOAD = "{{ lookup('pipe', 'touch %s') }}"


def invoke(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def ansible_view(path, host: str, expression: str):
    """What Ansible makes of `expression` for `host` of the inventory file at `path`."""
    from ansible.inventory.manager import InventoryManager
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    from ansible.vars.manager import VariableManager
    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[str(path)])
    variables = VariableManager(loader=loader, inventory=inventory).get_vars(host=inventory.get_host(host))
    return inventory, Templar(loader=loader, variables=variables).template(variables[expression])


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project, the working directory (as a user runs the command)."""
    copy = copy_project(tmp_path / "project")
    monkeypatch.chdir(copy.root)
    return copy


def test_one_host_per_site_grouped_with_its_file_target_and_secret_references(project):
    result = invoke("inventory", "--project", str(project.root), env={"PAR1_DOMAIN_ADMIN_PASSWORD": CANARY})
    assert result.exit_code == 0, result.output
    assert CANARY not in result.output
    groups = yaml.safe_load(result.stdout.replace("!unsafe", ""))["all"]["children"]
    assert {group: sorted(data["hosts"]) for group, data in groups.items()} == \
        {"americas": ["dallas"], "emea": ["paris"], "lab_sites": ["lab"]}        # group Lab and site lab: apart
    paris = groups["emea"]["hosts"]["paris"]
    assert paris["runbook_env_file"] == "environments/paris.yaml" and paris["runbook_target"] == "lab://paris"
    assert paris["ansible_connection"] == "local" and paris["runbook_group"] == "EMEA"
    assert paris["runbook_stages"][:2] == ["prerequisites", "network-settings"]
    assert paris["runbook_secrets"] == [
        {"env": "PAR1_DOMAIN_ADMIN_PASSWORD", "fields": ["domain.admin.password"]},
        {"env": "PAR1_CLUSTER_SERVICE_PASSWORD", "fields": ["cluster.service_account.password"]}]


def test_the_target_template_names_each_site_and_keeps_runbooks_own_fields(project, tmp_path):
    out = tmp_path / "inventory.yml"
    result = invoke("inventory", "environments/dallas.yaml", "--output", str(out), "--project", str(project.root),
                    "--target-template", "winrm://FABRIKAM\\adm@{host}.{site}.example?transport=ntlm")
    assert result.exit_code == 0, result.output
    inventory, target = ansible_view(out, "dallas", "runbook_target")
    assert ansible_view(out, "dallas", "runbook_env_file")[1] == "environments/dallas.yaml"
    assert target == "winrm://FABRIKAM\\adm@{host}.dallas.example?transport=ntlm"
    assert [host.name for host in inventory.get_hosts()] == ["dallas"]


@pytest.mark.parametrize("template", ["dallas", "ftp://{site}"])
def test_a_target_template_that_is_no_target_is_refused(project, template):
    result = invoke("inventory", "--project", str(project.root), "--target-template", template)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "--target-template" in result.stderr or "unknown target scheme" in result.stderr


def test_hostile_values_stay_text_in_yaml_and_in_ansibles_templating(project, tmp_path):
    """A title and a group that are Jinja for Ansible (they would run a command on the controller)
    and YAML for the file: Ansible reads them back as the very text, and nothing runs."""
    title = PAYLOAD % "INJ-title" + " ' \": !unsafe #x"
    group = "EMEA {% raw %} " + PAYLOAD % "INJ-group"
    site = project.environments_dir / "hostile.yaml"
    site.write_text(edited_yaml(ROOT / "environments" / "lab.yaml", {"title": title, "group": group}))
    out = tmp_path / "inventory.yml"
    assert invoke("inventory", str(site), "--output", str(out), "--project", str(project.root)).exit_code == 0
    inventory, shown = ansible_view(out, "hostile", "runbook_title")
    assert shown == title
    assert ansible_view(out, "hostile", "runbook_group")[1] == group
    assert sorted(g.name for g in inventory.get_host("hostile").get_groups()) == \
        ["all", "emea_raw_lookup_pipe_touch_inj_group"]
    assert not os.path.exists("INJ-title") and not os.path.exists("INJ-group")
    # The check can fail: the same text without the tag is a template, and it runs.
    out.write_text(out.read_text().replace("runbook_title: !unsafe", "runbook_title:"))
    ansible_view(out, "hostile", "runbook_title")
    assert os.path.exists("INJ-title")


def test_two_groups_that_make_one_ansible_group_are_refused_with_the_files(project):
    for name, group in (("one", "Region 1"), ("two", "region-1")):
        (project.environments_dir / f"{name}.yaml").write_text(
            edited_yaml(ROOT / "environments" / "lab.yaml", {"group": group}))
    result = invoke("inventory", "environments/one.yaml", "environments/two.yaml", "--project", str(project.root))
    assert result.exit_code == 2, result.output
    assert "environments/two.yaml:6: group: 'region-1' and 'Region 1' (environments/one.yaml) are both the " \
           "Ansible group region_1" in result.stderr


@pytest.mark.parametrize("group, slug", [("Americas", "americas"), ("Region 1 (North)", "region_1_north"),
                                         ("all", "group_all"), ("2nd floor", "group_2nd_floor"),
                                         ("東京", "group"), ("Ungrouped", "group_ungrouped")])
def test_group_names_are_names_ansible_takes(group, slug):
    assert group_name(group) == slug and slug.isidentifier()


def test_the_playbook_has_a_tagged_import_for_every_stage_of_every_runbook_in_order():
    from generator.project import Project
    from generator.runbooks import load_runbook
    play = yaml.safe_load((ROOT / "ansible" / "site.yml").read_text())[0]
    [block] = [task for task in play["tasks"] if "block" in task]
    imports = [(task["vars"]["stage"], task["tags"]) for task in block["block"] if "vars" in task]
    assert all(tags == [stage] for stage, tags in imports)
    listed = [stage for stage, _ in imports]
    project = Project(ROOT)
    for folder in sorted(project.runbooks_dir.iterdir()):
        if (folder / "runbook.yaml").is_file():
            stages = [stage.id for stage in load_runbook(project, folder.name).stages]
            assert [s for s in listed if s in stages] == stages, f"ansible/site.yml lacks or reorders {folder.name}'s stages"


@pytest.mark.parametrize("value, tagged", [("{{ x }}", True), ("a {% if %}", True), ("{# c #}", True),
                                           ("winrm://adm@{host}.example", False), ("Paris (PAR1)", False),
                                           ("} {", False)])
def test_only_what_ansible_would_template_is_tagged(value, tagged):
    """Plain values stay plain (AWX's import keeps an !unsafe value as a mapping); a Jinja start is tagged."""
    assert isinstance(text(value), Unsafe) is tagged and text(value) == value
    assert ("v: !unsafe" in inventory_yaml({"v": text(value)})) is tagged
