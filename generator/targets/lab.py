"""`lab://NAME`: the embedded lab of environment NAME, reached over WinRM like a real site.

The URL resolves to the endpoints the running lab published; everything else is the
WinRM target's code (NTLM, encryption, shells), so the lab exercises what real hosts get.
"""

from __future__ import annotations

from typing import Mapping

from ..environments import Environment
from ..errors import TargetError
from ..labs import endpoints
from ..labs.accounts import account_secrets, admin_user
from ..project import Project
from .base import CommandResult
from .labsite import LabSite
from .winrm import WinRMTarget


class LabTarget(LabSite):
    NAME = "lab"

    def __init__(self, url: str, environment: Environment, project: Project, secrets=None):
        super().__init__(url, environment, project, secrets)
        running = endpoints.read(self._dir)
        if running is None:
            raise TargetError(f"the lab for {self.name} is not running: "
                              f"runbook lab up {project.relative(environment.path)}")
        user = admin_user(environment)
        password = self.secrets.for_cmd(account_secrets(environment)[user], f"password of {user}")
        self._winrm = WinRMTarget.for_endpoints(running.urls, user, password, secrets=self.secrets)
        self.hosts = list(running.urls)

    def endpoint(self, host: str) -> str:
        return self._winrm.endpoint(host)

    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        return self._winrm.run(host, command, env=env, stdin=stdin)

    def close(self) -> None:
        self._winrm.close()
