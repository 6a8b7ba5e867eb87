"""`ctx`: what a running cmdlet sees of the lab and of the session that runs it.

    ctx.host            the winlab Host the command runs on (state.Host)
    ctx.lab             the whole lab state (state.LabState: other hosts, the cluster)
    ctx.host_context    the winlab HostContext (credentials, restart timing, clock)
    ctx.now()           the lab's clock as a datetime (UTC, what the hosts run on)
    ctx.warn(text)      a `WARNING: text` line
    ctx.error(...)      a non-terminating error (the cmdlet goes on; `$?` is False after it)
    ctx.confirm(action, target)   ShouldProcess: False under -WhatIf or when declined
    ctx.write_host(text)          what Write-Host prints
A terminating error is `raise CmdletError(...)` (commands.py).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ..context import HostContext
from ..state import Host, LabState
from .commands import Cmdlet

if TYPE_CHECKING:
    from .session import Session


class CmdletContext:
    def __init__(self, session: Session, cmdlet: Cmdlet, common: dict[str, Any], position: Any = None):
        self.session, self.cmdlet, self.common, self.position = session, cmdlet, common, position
        self.failed = False                  # a non-terminating error was written
        self.evaluator: Any = None           # what runs script blocks given to the cmdlet (Where-Object ...)

    @property
    def host_context(self) -> HostContext:
        return self.session.host_context

    @property
    def host(self) -> Host:
        return self.host_context.host

    @property
    def lab(self) -> LabState:
        return self.host_context.state

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.host_context.now, timezone.utc).replace(tzinfo=None)

    def warn(self, text: str) -> None:
        self.session.warning(text, self.common.get("WarningAction"))

    def write_host(self, text: str, newline: bool = True) -> None:
        self.session.write_host(text, newline)

    def error(self, message: str, category: str = "NotSpecified", error_id: str = "", target: Any = None) -> None:
        self.failed = True
        self.session.write_error(message, category, error_id, target, self.cmdlet.name, self.position,
                                 self.common.get("ErrorAction"))

    def confirm(self, action: str, target: str) -> bool:
        return self.session.should_process(self.cmdlet, action, target, self.common)
