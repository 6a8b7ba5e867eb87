"""`lab://NAME`: the embedded lab of environment NAME, reached over WinRM like a real site.

The URL resolves to the endpoints the running lab published; everything else is the
WinRM target's code (NTLM, encryption, shells), so the lab exercises what real hosts get.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..environments import Environment
from ..errors import TargetError
from ..labs import endpoints
from ..labs.accounts import account_secrets, admin_user
from ..labs.control import lab_dir
from ..project import Project
from .base import CommandResult, Target, refuse_host_map
from .winrm import WinRMTarget


class LabTarget(Target):
    NAME = "lab"

    @classmethod
    def open(cls, url: str, environment: Environment, project: Project,
             hosts: Mapping[str, str] | None = None) -> "LabTarget":
        refuse_host_map(url, hosts)
        return cls(url, environment, project)

    def __init__(self, url: str, environment: Environment, project: Project):
        super().__init__(url)
        name = url.removeprefix("lab://").strip("/") or environment.name
        if name != environment.name:
            raise TargetError(f"{url} is the lab of environment {name!r}, not of {environment.name!r}")
        self.name, self._dir = name, lab_dir(project, name)
        running = endpoints.read(self._dir)
        if running is None:
            raise TargetError(f"the lab for {name} is not running: "
                              f"runbook lab up {project.relative(environment.path)}")
        user = admin_user(environment)
        password = account_secrets(environment)[user].resolve_for_cmd(f"password of {user}")
        self._winrm = WinRMTarget.for_endpoints(running.urls, user, password)
        self.hosts = list(running.urls)

    @property
    def key(self) -> str:
        return f"lab://{self.name}"

    @property
    def state_dir(self) -> Path:
        return self._dir

    def endpoint(self, host: str) -> str:
        return self._winrm.endpoint(host)

    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        return self._winrm.run(host, command, env=env, stdin=stdin)

    def close(self) -> None:
        self._winrm.close()
