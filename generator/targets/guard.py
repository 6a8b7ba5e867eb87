"""Read-only runs: the probe allow-list, checked where commands leave the process.

`runbook verify` starts its pytest process with RUNBOOK_READ_ONLY set. From the moment
this module is imported there, every command a target's transport is about to send (the
WinRM target's, which the lab target reuses) must be a probe's, whichever object a step
holds or builds for itself. The allow-list is the runbook's (`Runbook.allows`, from its
`probes:`), given by the acceptance plugin; until it is given, nothing passes. Only a @destructive scenario of a run
with --allow-destructive lifts this, for its own duration (`destructive_scenario()`).
A subprocess inherits the variable, so a step that starts another `runbook` is read-only too.

    RUNBOOK_READ_ONLY=probes                  every command must be a probe
    RUNBOOK_READ_ONLY=probes,destructive      ... except inside a @destructive scenario
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Callable, Iterator, Mapping

from ..errors import TargetError

Mask = Callable[[str], str]

READ_ONLY_ENV = "RUNBOOK_READ_ONLY"
STRICT = "probes"
DESTRUCTIVE = "probes,destructive"


class UnsafeCommand(TargetError):
    """A command that is not a probe's, refused before anything of it was sent."""


def _mode(value: str | None) -> str | None:
    """None (not read-only), DESTRUCTIVE, or STRICT for anything else: an unknown value is the strictest."""
    if not value:
        return None
    return DESTRUCTIVE if value == DESTRUCTIVE else STRICT


class _Policy:
    mode: str | None = _mode(os.environ.get(READ_ONLY_ENV))
    lifted = 0                  # nesting depth of destructive_scenario()
    allows: Callable[[str], bool] = staticmethod(lambda line: False)


def allow(allows: Callable[[str], bool]) -> None:
    """The allow-list: whether a command line is one a probe of the runbook sends."""
    _Policy.allows = staticmethod(allows)


def enforce(allow_destructive: bool = False) -> None:
    """Make this process (and the processes it starts) read-only; it only ever gets stricter."""
    wanted = DESTRUCTIVE if allow_destructive else STRICT
    if _Policy.mode is None or wanted == STRICT:
        _Policy.mode = wanted
    os.environ[READ_ONLY_ENV] = _Policy.mode


def read_only() -> bool:
    return _Policy.mode is not None and not _Policy.lifted


@contextmanager
def destructive_scenario() -> Iterator[None]:
    """Within: commands may change state, when the run was started with --allow-destructive."""
    lift = _Policy.mode == DESTRUCTIVE
    _Policy.lifted += lift
    try:
        yield
    finally:
        _Policy.lifted -= lift


def check(host: str, command: str, env: Mapping[str, str] | None = None, stdin: str | None = None,
          mask: Mask = str) -> None:
    """Raise UnsafeCommand when this process is read-only and `command` is not a probe."""
    if read_only():
        require_probe(host, command, env, stdin, mask)


def require_probe(host: str, command: str, env: Mapping[str, str] | None = None, stdin: str | None = None,
                  mask: Mask = str) -> None:
    """Raise UnsafeCommand unless `command` is a probe's, sent without secrets or input.
    `mask` hides the run's secrets in the message."""
    if env or stdin or not _Policy.allows(command):
        raise UnsafeCommand(f"{host}: refused `{mask(command)}`: verification sends only probe commands; "
                            "tag the scenario @destructive and pass --allow-destructive to change state")
