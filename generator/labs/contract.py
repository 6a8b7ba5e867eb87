"""What the engine needs of a lab, as structural Protocols: a runbook's lab module
(`runbook.yaml`: `lab: lab.py`) and the lab it opens. The engine imports no lab; any object
with these attributes will do (winlab's classes fit them as they are).

A lab's own errors (the module's `errors`) are what a user can cause or fix: an unknown host
or fault target, an unreadable or busy state, a port in use. The engine reports them as
LabError, exit 2 (`handle.py`); `Lab.unavailable` is the one it treats apart: a host that
is down, which a target reports as unreachable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping, Protocol, Sequence

from ..secrets import SecretRef

Masker = Callable[[str], str]       # hides secrets in what a lab logs or reports


class CommandOutput(Protocol):
    """What a lab returns for one command line."""

    rc: int
    stdout: str
    stderr: str


class HostStatus(Protocol):
    name: str
    role: str
    up: bool
    membership: str                 # "e2k7.local" or "workgroup WORKGROUP"


class LabStatus(Protocol):
    environment: str
    hosts: Sequence[HostStatus]
    details: Sequence[str]          # lines the lab adds (cluster, quorum, votes...), shown as they are
    faults: Sequence[str]           # "private-network cut", "E2K7Node2 down"
    commands: int

    def as_dict(self) -> dict[str, Any]: ...           # `lab status --json`


class Serving(Protocol):
    urls: Mapping[str, str]         # host -> http://127.0.0.1:PORT/wsman

    def shutdown(self) -> None: ...


class Lab(Protocol):
    """One lab, its state in a directory."""

    unavailable: type[Exception]    # what `execute` raises for a host that is down

    def hosts(self) -> list[str]: ...
    def is_up(self, host: str) -> bool: ...
    def execute(self, host: str, line: str, env: Mapping[str, str] | None = None,
                stdin: str = "") -> CommandOutput: ...
    def reset(self) -> None: ...
    def fail(self, what: str) -> str: ...
    def heal(self, what: str) -> str: ...
    def status(self) -> LabStatus: ...
    def serve(self, bind: str) -> Serving: ...


class LabModule(Protocol):
    """runbooks/<id>/lab.py."""

    errors: tuple[type[Exception], ...]     # the lab's own errors: reported as LabError (exit 2)

    def open_lab(self, environment: Any, directory: Path, passwords: Mapping[str, str] | None,
                 create: bool = True, mask: Masker | None = None) -> Lab:
        """The environment's lab in `directory` (created when missing and `create`). `passwords`:
        account -> password, resolved by the engine (None: no login check, as `lab status`)."""

    def accounts(self, environment: Any) -> Mapping[str, SecretRef]:
        """The accounts the lab knows, `DOMAIN\\\\user` -> its password's reference; the first is
        the WinRM login."""

    def fidelity(self) -> tuple[Sequence[FidelityRow], Sequence[AssumptionRow]]:
        """(command rows, assumption rows) for the docs' fidelity page."""


class FidelityRow(Protocol):
    """How faithfully the lab emulates one command form."""

    command: str
    forms: str                      # what it accepts
    output: str                     # what it prints
    sources: str                    # "[S36][C14]"
    status: str                     # CONFIRMED or UNCONFIRMED
    note: str


class AssumptionRow(Protocol):
    """One thing the lab assumes that no source confirms."""

    name: str
    value: object                   # the constant itself (text, number, flag, list, mapping): the page lays it out
    basis: str                      # what it rests on
    module: str                     # where it is defined: "winlab/assumptions.py"
