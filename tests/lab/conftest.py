"""A running lab in a throw-away copy of the project, driven through the `runbook` CLI and
reached with plain WinRM clients, as a user would. The secrets hold a canary value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import CANARY, copy_project

USER = "E2K7\\Administrator"


@dataclass
class LabProject:
    root: Path
    env: dict

    def cli(self, *args: str, stdin: str | None = None, timeout: int = 240) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=self.root, env=self.env, text=True,
                              capture_output=True, input=stdin, timeout=timeout)

    def ok(self, *args: str) -> str:
        result = self.cli(*args)
        assert result.returncode == 0, f"runbook {' '.join(args)}: {result.stdout}\n{result.stderr}"
        return result.stdout

    @property
    def urls(self) -> dict[str, str]:
        return json.loads((self.root / ".lab" / "lab" / "endpoints.json").read_text())["urls"]

    def session(self, host: str):
        """A pywinrm session to a lab host: nothing of the project's client code involved."""
        import winrm
        return winrm.Session(self.urls[host], auth=(USER, CANARY), transport="ntlm",
                             read_timeout_sec=30, operation_timeout_sec=20)

    def winrm(self, host: str, command: str) -> tuple[int, str, str]:
        result = self.session(host).run_cmd(command)
        return result.status_code, result.std_out.decode("cp437"), result.std_err.decode("cp437")

    def converge(self, *stages: str) -> str:
        return self.ok("apply", "environments/lab.yaml", "--target", "lab://lab",
                       *[a for s in stages for a in ("--stage", s)])

    def verify(self, *stages: str, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        return self.cli("verify", "environments/lab.yaml", "--target", "lab://lab",
                        *[a for s in stages for a in ("--stage", s)], *extra)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    yield from running_lab(copy_project(tmp_path_factory.mktemp("lab-project")))


def running_lab(project):
    """The lab of a project copy, up until the generator is closed."""
    env = dict(os.environ, LAB_DOMAIN_ADMIN_PASSWORD=CANARY, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    env.pop("RUNBOOK_LAB_DIR", None)
    env.pop("RUNBOOK_RESULTS_DIR", None)
    handle = LabProject(project.root, env)
    handle.ok("lab", "up", "environments/lab.yaml")
    try:
        yield handle
    finally:
        handle.cli("lab", "down", "environments/lab.yaml")
