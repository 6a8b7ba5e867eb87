"""The contract every target fulfils: run a command line on a named host.

Targets own the transport (WinRM to a real host, WinRM to the lab); probes and steps
only ever call `run()`, so they never know which kind of target they are on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Iterable, Mapping

from ..errors import TargetError
from ..secrets import Secrets

if TYPE_CHECKING:                       # only for annotations: environments import nothing of targets
    from ..environments import Environment
    from ..project import Project


@dataclass(frozen=True)
class CommandResult:
    """What a command printed and returned.

    >>> CommandResult("hostname", 0, "NODE1\\r\\n", "").ok
    True
    """

    command: str
    rc: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.rc == 0


class Target(ABC):
    """Where commands run. Hosts are named as in the environment (NODE1, DC01...)."""

    NAME: ClassVar[str]
    confirm_changes: ClassVar[bool] = False
    """Whether `apply` asks before changing this target (real hosts: yes; the lab: no)."""

    def __init__(self, url: str, secrets: Secrets | None = None):
        self.url = url
        self.secrets = secrets or Secrets()
        """What this target resolved or was given: its passwords, masked out of what it reports."""

    @classmethod
    def open(cls, url: str, environment: Environment, project: Project, hosts: Mapping[str, str] | None = None,
             secrets: Secrets | None = None) -> "Target":
        """The target a URL names, for an environment of a project (each kind overrides this).
        `hosts` maps host names to ADDRESS[:PORT] (`--host`); only WinRM targets take one."""
        refuse_host_map(url, hosts)
        return cls(url, secrets)

    @property
    def key(self) -> str:
        """What this target reaches, the same for every run against it (its apply lock is per key)."""
        return self.url

    @property
    def state_dir(self) -> Path | None:
        """A folder that belongs to the target on this machine (the lab's), where its lock goes."""
        return None

    def endpoint(self, host: str) -> str:
        """Where `host`'s commands go, as shown to the user; TargetError when that is not known."""
        return self.url

    def route(self, hosts: Iterable[str]) -> dict[str, str]:
        """Host -> endpoint for every host a run needs, checked before anything is sent: a
        TargetError names every host that has no endpoint."""
        routes, problems = {}, []
        for host in hosts:
            try:
                routes[host] = self.endpoint(host)
            except TargetError as exc:
                problems.append(str(exc))
        if problems:
            raise TargetError("\n".join(problems))
        return routes

    @abstractmethod
    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        """Run one cmd.exe command line on `host`. `env` adds variables to the shell
        (how secrets reach a script without being written anywhere)."""

    def reachable(self, host: str) -> bool:
        try:
            return self.run(host, "hostname").ok
        except Exception:       # any transport failure means "not now"
            return False

    def close(self) -> None:
        """Release connections; targets are also context managers."""

    def __enter__(self) -> "Target":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def reboot_wait(self) -> float:
        """Seconds to wait after a step that restarts a host, before polling it again."""
        return 0.0

    @property
    def restart_poll(self) -> float:
        """Seconds between two looks at a restarting host."""
        return 5.0


def refuse_host_map(url: str, hosts: Mapping[str, str] | None) -> None:
    if hosts:
        raise TargetError(f"{url} knows where its hosts are: --host and --hosts apply to winrm:// targets only")
