"""Read-only access to a target: every command must be a probe's (the allow-list).

`verify` hands steps this wrapper, so a scenario cannot change a real cluster by accident;
only scenarios tagged @destructive, run with --allow-destructive, get the target itself.
"""

from __future__ import annotations

from typing import Mapping

from ..errors import TargetError
from ..probes import is_probe_command
from ..targets.base import CommandResult, Target


class UnsafeCommand(TargetError):
    pass


class ProbeOnlyTarget(Target):
    NAME = "probe-only"

    def __init__(self, inner: Target):
        super().__init__(inner.url)
        self.inner = inner

    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        if env or stdin or not is_probe_command(command):
            raise UnsafeCommand(f"{host}: refused `{command}`: verification sends only probe commands; "
                                "tag the scenario @destructive and pass --allow-destructive to change state")
        return self.inner.run(host, command)
