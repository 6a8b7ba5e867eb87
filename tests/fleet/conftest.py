"""Several sites at once, each with its own embedded lab, in a throw-away copy of the project with
the `ansible/` folder, driven by the real `ansible-playbook` as an operator would run it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import CANARY, ROOT, copy_project, edited_yaml

HOSTILE_TITLE = "North {{ lookup('pipe', 'touch INJ-title') }} {% raw %}' \" !unsafe"
# Sites: two variants of the 2003 lab, two of the 2008 one (Dallas). Inventory order: austin first.
SITES = {
    "austin": ("dallas.yaml", {"title": "Austin (AUS1)", "cluster.name": "AUSEXCL01"}),
    "dallas": ("dallas.yaml", {}),
    "north": ("lab.yaml", {"title": HOSTILE_TITLE, "group": "EMEA", "cluster.name": "NORTHCLUS"}),
    "south": ("lab.yaml", {"title": "South", "group": "EMEA", "cluster.name": "SOUTHCLUS"}),
}
SECRETS = ("LAB_DOMAIN_ADMIN_PASSWORD", "DFW2_DOMAIN_ADMIN_PASSWORD")
RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


@dataclass
class Fleet:
    root: Path
    env: dict
    sites: list[str] = field(default_factory=lambda: list(SITES))

    def runbook(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=self.root, env=self.env, text=True,
                              capture_output=True, timeout=300)

    def ok(self, *args: str) -> str:
        result = self.runbook(*args)
        assert result.returncode == 0, f"runbook {' '.join(args)}: {result.stdout}\n{result.stderr}"
        return result.stdout

    def playbook(self, *args: str) -> subprocess.CompletedProcess:
        """ansible-playbook (the one installed beside this Python) on the inventory, from the project."""
        command = [str(Path(sys.executable).parent / "ansible-playbook"), "-i", "inventory.yml", "ansible/site.yml",
                   *args]
        return subprocess.run(command, cwd=self.root, env=self.env, text=True, capture_output=True, timeout=600)

    @staticmethod
    def recap(result: subprocess.CompletedProcess) -> dict[str, dict[str, int]]:
        """PLAY RECAP, per host: ok, changed, unreachable, failed."""
        return {m[1]: dict(zip(("ok", "changed", "unreachable", "failed"), map(int, m.groups()[1:])))
                for m in RECAP.finditer(result.stdout)}

    def commands(self, site: str) -> list[str]:
        """The commands the site's lab received (its commands.log, without its own reset lines)."""
        log = self.root / ".lab" / site / "commands.log"
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return [line for line in lines if not line.endswith("\tlab reset " + site)]

    def result(self, site: str, stage: str) -> str | None:
        """The latest verification's status of a stage at a site (results/<site>/<stage>.json)."""
        path = self.root / "results" / site / f"{stage}.json"
        return json.loads(path.read_text())["status"] if path.exists() else None


@pytest.fixture(scope="module")
def fleet(tmp_path_factory):
    """Four sites, each its own lab, up; the inventory written by `runbook inventory`."""
    project = copy_project(tmp_path_factory.mktemp("fleet-project"))
    shutil.copytree(ROOT / "ansible", project.root / "ansible")
    for path in project.environments_dir.glob("*.yaml"):
        path.unlink()
    for site, (source, edits) in SITES.items():
        (project.environments_dir / f"{site}.yaml").write_text(edited_yaml(ROOT / "environments" / source, edits))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_HOME=str(project.root / ".ansible"), ANSIBLE_LOCAL_TEMP=str(project.root / ".ansible/tmp"),
               PYTHONPATH=str(ROOT), **dict.fromkeys(SECRETS, CANARY))
    for name in ("RUNBOOK_LAB_DIR", "RUNBOOK_RESULTS_DIR", "RUNBOOK_ENVIRONMENTS", "ANSIBLE_CONFIG"):
        env.pop(name, None)
    handle = Fleet(project.root, env)
    handle.ok("inventory", "--output", "inventory.yml")
    started = []
    try:
        for site in SITES:
            handle.ok("lab", "up", f"environments/{site}.yaml")
            started.append(site)
        yield handle
    finally:
        for site in started:
            handle.runbook("lab", "down", f"environments/{site}.yaml")
