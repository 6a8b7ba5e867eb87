"""Shared fixtures: the project, environment files edited on the fly, a copy of the project."""

from __future__ import annotations

import io
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.environments import load_environments
from generator.project import Project


def pytest_configure(config):
    """The tests that press Ctrl-C need it delivered. A shell that starts the suite in the
    background ignores SIGINT, and an ignored signal stays ignored across exec, in every process
    a test starts: give this process Python's own handler (exec resets a handler to default)."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption("--screenshots", metavar="DIR", default=None,
                     help="the browser tests of the operator's view save full-page screenshots of the pages "
                          "they check (a stage, the scripts, the parameters...) at each width into DIR")


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture
def lab_allow_list(monkeypatch, lab_env):
    """The read-only guard with the CCR runbook's allow-list (its `probes:`), for one test."""
    from generator.targets import guard
    monkeypatch.setattr(guard._Policy, "allows", staticmethod(lab_env.runbook.allows))


@pytest.fixture(scope="session")
def lab_env(project):
    return load_environments(project, [ROOT / "environments" / "lab.yaml"])[0]


def edited_yaml(source: Path, edits: dict[str, Any]) -> str:
    """The YAML of `source` with dotted-path edits (`nodes[1].private.address`); value
    `DELETE` removes the key. Comments and layout are kept (round-trip)."""
    yaml = YAML(typ="rt")
    data = yaml.load(source.read_text(encoding="utf-8"))
    for path, value in edits.items():
        parent, key = _walk(data, path)
        if value is DELETE:
            del parent[key]
        else:
            parent[key] = value
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


DELETE = object()


def _walk(data, path: str):
    parts = []
    for piece in path.split("."):
        name, *indexes = piece.replace("]", "").split("[")
        parts.append(name)
        parts += [int(i) for i in indexes]
    node = data
    for part in parts[:-1]:
        node = node[part]
    return node, parts[-1]


@pytest.fixture
def env_file(tmp_path):
    """Write an edited copy of an environment file: env_file({"cluster.name": "X"}, name="site")."""
    def write(edits: dict[str, Any] | None = None, name: str = "site", source: str = "lab.yaml") -> Path:
        path = tmp_path / f"{name}.yaml"
        path.write_text(edited_yaml(ROOT / "environments" / source, edits or {}), encoding="utf-8")
        return path
    return write


LAB_AS_2008 = {"platform": "windows-2008", "nodes[0].os.release": "2008", "nodes[1].os.release": "2008",
               "nodes[0].kb921181": False, "nodes[1].kb921181": False,
               "cluster.quorum": "node-and-file-share-majority", "cluster.service_account": DELETE,
               "exchange.prerequisites_path": DELETE}          # 2008 installs them as features


@pytest.fixture
def lab_2008_env(project, env_file):
    """environments/lab.yaml as a windows-2008 site: the 2008 variant with the lab's names."""
    return load_environments(project, [env_file(LAB_AS_2008, name="site2008")])[0]


def copy_project(destination: Path) -> Project:
    """A throw-away copy of the project's content, so builds never write into the checkout."""
    for name in ("runbooks", "environments", "features", "site-templates"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", destination / "docs", ignore=shutil.ignore_patterns("runbooks"))
    for name in ("mkdocs.yml", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, destination / name)
    return Project(destination)


CANARY = "canary-Zq7&w9>pX2 (q)"     # every secret during tests: cmd metacharacters and a space on purpose


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The whole site built by `runbook build` in a copy of the project, with secret canaries set."""
    import os
    import subprocess
    import sys
    root = tmp_path_factory.mktemp("project")
    copy = copy_project(root)
    env = dict(os.environ, RUNBOOK_RESULTS_DIR=str(root / "results"), NO_MKDOCS_2_WARNING="1",
               LAB_DOMAIN_ADMIN_PASSWORD=CANARY, PAR1_DOMAIN_ADMIN_PASSWORD=CANARY,
               PAR1_CLUSTER_SERVICE_PASSWORD=CANARY, DFW2_DOMAIN_ADMIN_PASSWORD=CANARY)
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=copy.root, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return copy


@pytest.fixture(params=["under-a-file", "read-only"])
def unwritable_dir(request, tmp_path):
    """A folder that cannot be written, two ways: a path under a regular file (refused even to
    root), and a read-only folder (chmod 555; as root, where modes are not enforced, a read-only
    bind mount, or a skip when this machine does not allow one). Asserts that it really refuses."""
    import os
    import subprocess
    if request.param == "under-a-file":
        (tmp_path / "a-file").write_text("not a folder")
        folder = tmp_path / "a-file" / "sub"
        unmount = None
    else:
        folder = tmp_path / "read-only"
        folder.mkdir()
        if os.geteuid() != 0:
            folder.chmod(0o555)
            unmount = None
        else:
            mounted = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True)
            if mounted.returncode != 0:
                pytest.skip(f"running as root and cannot mount read-only: {mounted.stderr.decode().strip()}")
            unmount = ["umount", str(folder)]
    with pytest.raises(OSError):
        (folder / "probe").write_text("x")
    yield folder
    if unmount:
        subprocess.run(unmount, check=True)
    elif request.param == "read-only":
        folder.chmod(0o755)
