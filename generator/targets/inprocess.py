"""`inprocess://NAME`: the lab of environment NAME opened in this process, behind the Target
interface (as an HTTP library's mock transport stands in for the network).

The runbook's lab module opens the lab in the lab's folder (`.lab/NAME`, the one `lab://`
serves) with the accounts' passwords resolved now; each command goes straight to
`lab.execute`: no daemon, no WinRM, no NTLM. A host that is down is unreachable, as over
WinRM; a read-only run refuses what is not a probe, as the WinRM transport does. Used by the
unit tests and for a fast loop; `lab://` is the path a real site's commands take.
"""

from __future__ import annotations

from typing import Mapping

from ..environments import Environment
from ..errors import TargetError
from ..labs.control import open_lab
from ..project import Project
from . import guard
from .base import CommandResult
from .labsite import LabSite


class InProcessTarget(LabSite):
    NAME = "inprocess"

    def __init__(self, url: str, environment: Environment, project: Project, secrets=None):
        super().__init__(url, environment, project, secrets)
        self.lab = open_lab(project, environment, self.secrets)
        self.hosts = self.lab.hosts()

    def endpoint(self, host: str) -> str:
        if host not in self.hosts:
            raise TargetError(f"no host {host} in the lab of {self.name} (hosts: {', '.join(self.hosts)})")
        return f"{self.key}/{host}"

    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        self.endpoint(host)
        guard.check(host, command, env, stdin, self.secrets.redact)
        try:
            output = self.lab.execute(host, command, env, stdin or "")
        except self.lab.unavailable:
            raise TargetError(f"{host} ({self.endpoint(host)}) is not answering: it is down") from None
        return CommandResult(command, output.rc, output.stdout, output.stderr)

    def reachable(self, host: str) -> bool:
        return self.lab.is_up(host)
