"""The second runbook (tests/fixtures/data-folder) over WinRM: its lab lifecycle through the
daemon's endpoints, and the site built with both runbooks (issue 8)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.unit.test_content_only_runbook import with_data_folder

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]


def test_lab_lifecycle_and_site_of_a_content_only_runbook(tmp_path):
    project = with_data_folder(tmp_path / "project")
    env = dict(os.environ, FS1_ADMIN_PASSWORD="Fs1-Secret-99", LAB_DOMAIN_ADMIN_PASSWORD="Lab-Secret-77",
               NO_MKDOCS_2_WARNING="1")
    for name in ("RUNBOOK_LAB_DIR", "RUNBOOK_RESULTS_DIR", "RUNBOOK_ENVIRONMENTS"):
        env.pop(name, None)

    def runbook(*args):
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project.root, env=env,
                              capture_output=True, text=True, timeout=540)

    cycle = runbook("lab", "test", "environments/fs1.yaml")
    assert cycle.returncode == 0, cycle.stdout + cycle.stderr
    assert "create-folder: converge changed 1, again 0, verify passed" in cycle.stdout
    built = runbook("build")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (project.root / "site/runbooks/data-folder/files/fs1/01-create-folder.html").read_text()
    assert "D:\\Data\\README.txt" in page and "runbook-badge--passed" in page
    assert (project.root / "site/runbooks/exchange-2007-ccr/lab/lab/index.html").is_file()
