"""`Lab`: the facade the CLI and the WinRM daemon use.

    lab = Lab.create(directory, environment)      # or Lab(directory) for an existing one
    lab.set_passwords({"E2K7\\\\Administrator": "..."})
    lab.execute("E2K7Node1", "ipconfig /all", env={}) -> tooling.Output
    lab.fail("E2K7Node2"); lab.heal("E2K7Node2"); lab.status()

Every command is one transaction of the store: lock, load, run through the cmd shell,
re-evaluate quorum, save, log. Passwords stay in this object's memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from . import faults, logon, quorum
from .baseline import baseline
from .cmdshell import Shell, VirtualFileSystem
from .context import Credentials, HostContext, find_account
from .errors import HostUnavailable, LabError
from .state import Host, LabState
from .store import LabStore
from .tooling import Output
from .tools import Programs


class Lab:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.store = LabStore(self.directory)
        self.credentials = Credentials()

    # --- lifecycle ------------------------------------------------------------------

    @classmethod
    def create(cls, directory: Path, environment) -> "Lab":
        lab = cls(directory)
        lab.reset(environment)
        return lab

    @classmethod
    def open_or_create(cls, directory: Path, environment) -> "Lab":
        """The lab in `directory`, created from `environment` when there is none yet (an
        unreadable state is opened as it is: every read reports it, `reset` replaces it)."""
        lab = cls(directory)
        if not lab.store.exists():
            return cls.create(directory, environment)
        name = lab.store.environment()
        if name is not None and name != environment.name:
            raise LabError(f"{directory} holds the lab of environment {name!r}, not {environment.name!r}")
        return lab

    def reset(self, environment) -> None:
        """Back to the freshly installed baseline."""
        self.store.replace(baseline(environment))
        self.store.log("-", "-", f"lab reset {environment.name}")

    def set_passwords(self, passwords: Mapping[str, str]) -> None:
        """Domain account passwords (from the environment's secrets), kept in memory only."""
        state = self.state()
        normalised = {}
        for user, password in passwords.items():
            account = find_account(state, user)
            normalised[account.name if account else user] = password
        self.credentials.set(normalised)

    # --- commands -------------------------------------------------------------------

    def execute(self, host: str, command_line: str, env: Mapping[str, str] | None = None,
                stdin: str = "") -> Output:
        """Run one WinRS command line on `host`; raises HostUnavailable when it is down."""
        with self.store.transaction() as state:
            target = self._host(state, host)
            if not target.up:
                raise HostUnavailable(f"{target.name} is down")
            output = self._run(state, target, command_line, env or {}, stdin)
            quorum.refresh(state)
            state.commands += 1
            self.store.log(target.name, output.rc, command_line)
        return output

    def _run(self, state: LabState, host: Host, line: str, env: Mapping[str, str], stdin: str) -> Output:
        variables = logon.variables(state, host)
        variables.update(env)
        shell = Shell(tools=Programs(host, variables["SystemRoot"]),
                      fs=VirtualFileSystem(host.files, host.directories), env=variables,
                      host=HostContext(state, host, self.credentials), cwd=logon.working_directory(host),
                      version=host.os.version)
        return shell.run(line, stdin)

    # --- drills ---------------------------------------------------------------------

    def fail(self, what: str) -> str:
        return self._drill(faults.fail, "fail", what)

    def heal(self, what: str) -> str:
        return self._drill(faults.heal, "heal", what)

    def _drill(self, action, verb: str, what: str) -> str:
        with self.store.transaction() as state:
            message = action(state, what)
            self.store.log("-", "-", f"lab {verb} {what}")
        return message

    # --- inspection -----------------------------------------------------------------

    def state(self) -> LabState:
        return self.store.read()

    def hosts(self) -> list[str]:
        return list(self.state().hosts)

    def is_up(self, host: str) -> bool:
        state = self.state()
        return self._host(state, host).up

    def status(self) -> dict[str, Any]:
        state = self.state()
        return {
            "environment": state.environment, "platform": state.platform,
            "passwords": "checked" if self.credentials.checked else "unchecked (any non-empty password)",
            "hosts": {h.name: {"role": h.role, "up": h.up, "domain": h.domain or f"workgroup {h.workgroup}",
                               "boots": h.boots, "features": h.features, "pending_name": h.pending_name}
                      for h in state.hosts.values()},
            "members": [h.name for h in state.hosts.values() if h.domain == state.domain.fqdn],
            "cluster": _cluster_status(state),
            "faults": {"private-network": state.faults.private_network,
                       "down": [h.name for h in state.hosts.values() if not h.up]},
            "commands": state.commands,
        }

    @staticmethod
    def _host(state: LabState, name: str) -> Host:
        host = state.host(name)
        if host is None:
            raise LabError(f"no host {name!r} in the lab of {state.environment} "
                           f"(hosts: {', '.join(state.hosts)})")
        return host


def _cluster_status(state: LabState) -> dict[str, Any] | None:
    cluster = state.cluster
    if cluster is None:
        return None
    votes = quorum.votes(state, cluster)
    return {"name": cluster.name, "running": cluster.running,
            "nodes": {n.name: quorum.node_state(state, cluster, n.name) for n in cluster.nodes},
            "quorum": {"resource": cluster.quorum_resource, "votes": votes.present, "total": votes.total,
                       "majority": votes.majority, "witness": votes.witness,
                       "witness_present": votes.witness_present}}

