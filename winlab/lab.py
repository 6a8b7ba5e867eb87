"""`Lab`: one emulated site, its state in a directory; what a program driving it uses.

    lab = Lab.open(directory, topology)            # created from the topology when there is none yet
    lab.set_passwords({"E2K7\\\\Administrator": "..."})
    lab.execute("E2K7Node1", "ipconfig /all", env={}) -> tooling.Output
    lab.fail("E2K7Node2"); lab.heal("E2K7Node2"); lab.status(); lab.reset()
    servers = lab.serve("127.0.0.1")                # every host on its own WinRM endpoint

Every command is one transaction of the store: lock, load, let the clock's time pass
(scheduled restarts, restarts.py), run through the cmd shell, re-evaluate quorum, save,
log. Reads let the time pass on their copy too. `restart` (a RestartTiming) says how long
a restart takes; `clock` is the lab's time (epoch seconds), replaceable in tests.
Passwords stay in this object's memory. What the lab logs or reports goes through the
`Masker` it is given (masking.py).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping

from . import faults, logon, quorum, restarts
from .baseline import baseline
from .cmdshell import Shell, VirtualFileSystem
from .unc import NetworkFileSystem
from .context import Credentials, HostContext, find_account
from .errors import HostUnavailable, WinLabError
from .exchange import clock as exchange
from .masking import Masker, unmasked
from .restarts import RestartTiming
from .state import Host, LabState
from .status import LabStatus, lab_status
from .store import LabStore
from .tooling import Output
from .tools import Programs
from .topology import Topology

if TYPE_CHECKING:
    from .winrm import Servers

class Lab:
    unavailable = HostUnavailable       # what `execute` raises for a host that is down

    def __init__(self, directory: Path, topology: Topology | None = None, mask: Masker = unmasked,
                 restart: RestartTiming = RestartTiming(), clock: Callable[[], float] = time.time):
        self.directory = Path(directory)
        self.topology, self.mask = topology, mask
        self.restart, self.clock = restart, clock
        self.store = LabStore(self.directory, mask=mask)
        self.credentials = Credentials()
        self.passwords: dict[str, str] = {}

    # --- lifecycle ------------------------------------------------------------------

    @classmethod
    def create(cls, directory: Path, topology: Topology, mask: Masker = unmasked,
               restart: RestartTiming = RestartTiming(), clock: Callable[[], float] = time.time) -> "Lab":
        lab = cls(directory, topology, mask, restart, clock)
        lab.reset()
        return lab

    @classmethod
    def open(cls, directory: Path, topology: Topology, create: bool = True, mask: Masker = unmasked,
             passwords: Mapping[str, str] | None = None, restart: RestartTiming = RestartTiming(),
             clock: Callable[[], float] = time.time) -> "Lab":
        """The lab in `directory`, created from `topology` when there is none yet and `create`
        allows (an unreadable state is opened as it is: every read reports it, `reset` replaces it).
        `passwords`: the accounts' (checked at every login); none: any non-empty password passes.
        `restart`: how long a restart takes (the lab's parameter, not stored)."""
        lab = cls(directory, topology, mask, restart, clock)
        if not lab.store.exists():
            if not create:
                raise WinLabError(f"no lab of {topology.name} in {directory}")
            lab = cls.create(directory, topology, mask, restart, clock)
        else:
            name = lab.store.environment()
            if name is not None and name != topology.name:
                raise WinLabError(f"{directory} holds the lab of environment {name!r}, not {topology.name!r}")
        if passwords:
            lab.set_passwords(passwords)
        return lab

    def reset(self) -> None:
        """Back to the freshly installed baseline of the lab's topology."""
        if self.topology is None:
            raise WinLabError(f"the lab in {self.directory} was opened without its topology: it cannot be reset")
        self.store.replace(baseline(self.topology))
        self.store.log("-", "-", f"lab reset {self.topology.name}")

    def set_passwords(self, passwords: Mapping[str, str]) -> None:
        """Domain account passwords (from the environment's secrets), kept in memory only."""
        state = self.state()
        normalised = {}
        for user, password in passwords.items():
            account = find_account(state, user)
            normalised[account.name if account else user] = password
        self.credentials.set(normalised)
        self.passwords = dict(passwords)

    # --- commands -------------------------------------------------------------------

    def execute(self, host: str, command_line: str, env: Mapping[str, str] | None = None,
                stdin: str = "") -> Output:
        """Run one WinRS command line on `host`; raises HostUnavailable when it is down."""
        with self.store.transaction() as state:
            now = self._advance(state)
            target = self._host(state, host)
            if not target.up:
                raise HostUnavailable(f"{target.name} is down")
            output = self._run(state, target, command_line, env or {}, stdin, now)
            quorum.refresh(state)
            state.commands += 1
            self.store.log(target.name, output.rc, command_line)
        return output

    def _run(self, state: LabState, host: Host, line: str, env: Mapping[str, str], stdin: str,
             now: float) -> Output:
        variables = logon.variables(state, host)
        search_path = variables["Path"]             # the process's own PATH: what it started with
        variables.update(env)
        shell = Shell(tools=Programs(host, variables["SystemRoot"], search_path),
                      fs=NetworkFileSystem(VirtualFileSystem(host.files, host.directories), state), env=variables,
                      host=HostContext(state, host, self.credentials, now=now, restart=self.restart),
                      cwd=logon.working_directory(host), version=host.os.version)
        return shell.run(line, stdin)

    def _advance(self, state: LabState) -> float:
        """Let the lab's time pass: restarts that are due happen (and are logged)."""
        now = self.clock()
        for name in restarts.advance(state, now):
            self.store.log(name, "-", f"restarted (boot {state.hosts[name].boots})")
        exchange.advance(state, now)
        return now

    # --- drills ---------------------------------------------------------------------

    def fail(self, what: str) -> str:
        return self._drill(faults.fail, "fail", what)

    def heal(self, what: str) -> str:
        return self._drill(faults.heal, "heal", what)

    def _drill(self, action, verb: str, what: str) -> str:
        with self.store.transaction() as state:
            now = self._advance(state)
            message = action(state, what, now)
            self.store.log("-", "-", f"lab {verb} {what}")
        return message

    # --- inspection -----------------------------------------------------------------

    def state(self) -> LabState:
        """A copy of the state as of now (restarts that are due have happened in it)."""
        state = self.store.read()
        now = self.clock()
        restarts.advance(state, now)
        exchange.advance(state, now)
        return state

    def hosts(self) -> list[str]:
        return list(self.state().hosts)

    def is_up(self, host: str) -> bool:
        state = self.state()
        return self._host(state, host).up

    def status(self) -> LabStatus:
        return lab_status(self.state(), "checked" if self.credentials.checked
                          else "unchecked (any non-empty password)")

    # --- network --------------------------------------------------------------------

    def serve(self, bind: str = "127.0.0.1") -> Servers:
        """Every host on its own WinRM endpoint (NTLM with the accounts' passwords)."""
        from .winrm import serve
        if not self.passwords:
            raise WinLabError("the lab's WinRM endpoints need the accounts' passwords (set_passwords)")
        return serve(hosts={host: 0 for host in self.hosts()}, handler=self.execute, credentials=self.passwords,
                     bind=bind, mask=self.mask)

    @staticmethod
    def _host(state: LabState, name: str) -> Host:
        host = state.host(name)
        if host is None:
            raise WinLabError(f"no host {name!r} in the lab of {state.environment} "
                              f"(hosts: {', '.join(state.hosts)})")
        return host

