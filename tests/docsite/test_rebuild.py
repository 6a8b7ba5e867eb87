"""`mkdocs serve` re-renders on a change (the hook runs on every rebuild), and a broken
environment fails the build without touching the previous pages or site."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import copy_project

pytestmark = [pytest.mark.site, pytest.mark.timeout(600)]


def build(root):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_RESULTS_DIR=str(root / "results"))
    return subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)


def snapshot(folder):
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_hook_renders_changes_and_keeps_unchanged_files(tmp_path):
    from mkdocs.config import load_config

    from generator.docsite import mkdocs_plugin
    project = copy_project(tmp_path)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    mkdocs_plugin.RunbookPlugin().on_config(load_config(str(project.root / "mkdocs.yml")))
    page = project.generated_docs_dir / "exchange-2007-ccr/lab/lab/02-network-settings.md"
    other = project.generated_docs_dir / "exchange-2007-ccr/emea/paris/02-network-settings.md"
    before, other_mtime = page.read_text(), other.stat().st_mtime_ns
    env_file = project.environments_dir / "lab.yaml"
    env_file.write_text(env_file.read_text().replace("10.10.10.2/24", "10.10.10.9/24"))
    mkdocs_plugin.RunbookPlugin().on_config(load_config(str(project.root / "mkdocs.yml")))     # what serve does on a change
    after = page.read_text()
    assert "10.10.10.9" in after and "10.10.10.9" not in before
    assert other.stat().st_mtime_ns == other_mtime            # unchanged pages are not rewritten


def test_a_broken_environment_fails_the_build_and_keeps_the_old_output(tmp_path):
    project = copy_project(tmp_path)
    assert build(project.root).returncode == 0
    site, docs = snapshot(project.root / "site"), snapshot(project.generated_docs_dir)
    env_file = project.environments_dir / "paris.yaml"
    env_file.write_text(env_file.read_text().replace("address: 172.16.20.2/29", "address: 172.16.20.1/29"))
    result = build(project.root)
    assert result.returncode == 2
    assert "environments/paris.yaml:" in result.stderr and "nodes[1].private.address: 172.16.20.1 is already" \
        in result.stderr
    assert snapshot(project.root / "site") == site and snapshot(project.generated_docs_dir) == docs
