"""Read-only access to a target for verification steps: every command must be a probe's.

Two layers. This wrapper is what steps get: it refuses a non-probe command at once, with
the step's own call in the traceback, and offers no way to the target it wraps. Underneath,
`targets.guard` makes the whole verify process read-only, checking the same allow-list in
the transport right before a command leaves; so a target a step reaches or opens some
other way cannot change anything either. Only scenarios tagged @destructive, in a run with
--allow-destructive, may change state.
"""

from __future__ import annotations

from typing import Mapping

from ..targets.base import CommandResult, Target
from ..targets.guard import UnsafeCommand, require_probe

__all__ = ["ProbeOnlyTarget", "UnsafeCommand"]


class ProbeOnlyTarget(Target):
    NAME = "probe-only"

    def __init__(self, inner: Target):
        super().__init__(inner.url)
        self._send = inner.run      # no `.inner`: nothing here hands out the target (and the guard holds anyway)
        self._mask = inner.secrets.redact

    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        require_probe(host, command, env, stdin, self._mask)
        return self._send(host, command)
