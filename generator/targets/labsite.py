"""What the lab targets share (`lab://NAME` over WinRM, `inprocess://NAME` in this process): the
URL names the environment's own lab (NAME defaults to it), whose folder holds the apply lock."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from ..environments import Environment
from ..errors import TargetError
from ..labs.control import lab_dir
from ..project import Project
from ..secrets import Secrets
from .base import Target, refuse_host_map


class LabSite(Target):
    @classmethod
    def open(cls, url: str, environment: Environment, project: Project,
             hosts: Mapping[str, str] | None = None, secrets: Secrets | None = None) -> "LabSite":
        refuse_host_map(url, hosts)
        return cls(url, environment, project, secrets)

    def __init__(self, url: str, environment: Environment, project: Project, secrets: Secrets | None = None):
        super().__init__(url, secrets)
        name = url.partition("://")[2].strip("/") or environment.name
        if name != environment.name:
            raise TargetError(f"{url} is the lab of environment {name!r}, not of {environment.name!r}")
        self.name, self._dir = name, lab_dir(project, name)

    @property
    def restart_poll(self) -> float:
        return 0.2                  # the lab restarts in seconds

    @property
    def key(self) -> str:
        return f"{self.NAME}://{self.name}"

    @property
    def state_dir(self) -> Path:
        return self._dir
