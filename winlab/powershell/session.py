"""One PowerShell session (a runspace): variables, functions, loaded snap-ins and the output streams.

stdout receives what Out-Default formats, Write-Host and `WARNING:` lines; stderr the
error records as the console prints them (CLIXML when powershell.exe was given an
encoded command, as run_ps expects). `$?` is `success`, `$LASTEXITCODE` `exit_code`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import assumptions as A
from ..context import HostContext
from .commands import Cmdlet, CmdletError, SnapIn
from .errors import ErrorRecord, Position, PSError
from .formatting.values import Culture, culture
from .registry import cmdlets, core, known, views

PREFERENCES = ("Continue", "SilentlyContinue", "Stop", "Inquire")


@dataclass
class Scope:
    variables: dict[str, Any] = field(default_factory=dict)
    parent: "Scope | None" = None

    def find(self, name: str) -> "Scope | None":
        scope: Scope | None = self
        while scope is not None:
            if name in scope.variables:
                return scope
            scope = scope.parent
        return None


class Session:
    def __init__(self, host_context: HostContext, shell: Any = None, env: dict[str, str] | None = None,
                 cwd: str = "C:\\", stdin: str = "", interactive: bool = False, xml_errors: bool = False):
        self.host_context, self.shell = host_context, shell
        self.env = dict(env or {})
        self.cwd, self.stdin_lines = cwd, stdin.splitlines()
        self.interactive, self.xml_errors = interactive, xml_errors
        self.out: list[str] = []
        self.err: list[str] = []
        self.errors: list[ErrorRecord] = []
        self.snapins: list[SnapIn] = list(core())
        self.functions: dict[str, Any] = {}
        self.global_scope = Scope()
        self.scope = self.global_scope
        self.success, self.exit_code = True, None        # $LASTEXITCODE is $null until a program ran
        self.script_text = ""
        self.silenced = 0                       # commands running with their error stream redirected
        self.passthrough = None                 # the console, while a script's output goes straight to it
        self.partial = ""                       # a line Write-Host -NoNewline began
        self.console = None                     # Out-Default of the command line (formatting/output.py)
        self._commands = cmdlets(self.snapins)
        self._views = views(self.snapins)
        self.global_scope.variables.update({
            "true": True, "false": False, "null": None, "erroractionpreference": "Continue",
            "warningpreference": "Continue", "confirmpreference": "High", "error": self.errors,
            "host": None, "pshome": _pshome(host_context), "pwd": cwd})

    # --- what the host looks like ------------------------------------------------------

    @property
    def culture(self) -> Culture:
        return culture(self.host_context.host.powershell.culture)

    def spend(self) -> None:
        machine = getattr(self.shell, "machine", None)
        if machine is not None:
            machine.budget.spend()

    # --- commands and snap-ins -----------------------------------------------------------

    def cmdlet(self, name: str) -> Cmdlet | None:
        return self._commands.get(name.lower())

    def view(self, type_name: str):
        return self._views.get(type_name.lower())

    def load_snapin(self, name: str) -> SnapIn | None:
        snapin = known(name)
        if snapin is None or snapin.name not in self.host_context.host.powershell.snapins:
            return None
        if snapin not in self.snapins:
            self.snapins.append(snapin)
            self._commands, self._views = cmdlets(self.snapins), views(self.snapins)
        return snapin

    # --- variables ---------------------------------------------------------------------------

    def get(self, name: str) -> Any:
        lower = name.lower()
        if lower.startswith("env:"):
            key = next((k for k in self.env if k.lower() == lower[4:]), None)
            return self.env.get(key) if key else None
        for prefix in ("global:", "script:", "local:", "private:"):
            if lower.startswith(prefix):
                lower = lower[len(prefix):]
        if lower == "?":
            return self.success
        if lower == "lastexitcode":
            return self.exit_code
        scope = self.scope.find(lower)
        return scope.variables[lower] if scope else None

    def defined(self, name: str) -> bool:
        return self.scope.find(name.lower()) is not None or name.lower() in ("?", "lastexitcode")

    def set(self, name: str, value: Any, local: bool = False) -> None:
        lower = name.lower()
        if lower.startswith("env:"):
            key = next((k for k in self.env if k.lower() == lower[4:]), name[4:])
            self.env[key] = "" if value is None else str(value)
            return
        if lower.startswith("global:"):
            self.global_scope.variables[lower[7:]] = value
            return
        if lower == "lastexitcode":
            self.exit_code = value
            return
        if lower in ("true", "false", "null", "?"):
            raise PSError(ErrorRecord(f"Cannot overwrite variable {name} because it is read-only or constant.",
                                      "WriteError", "VariableNotWritable"))
        scope = self.scope.find(lower) if not local else None
        (scope or self.scope).variables[lower] = value

    def push_scope(self) -> Scope:
        self.scope = Scope(parent=self.scope)
        return self.scope

    def pop_scope(self, scope: Scope) -> None:
        self.scope = scope.parent or self.global_scope

    # --- streams ---------------------------------------------------------------------------

    def write_out(self, lines: list[str]) -> None:
        if lines and self.partial:              # after Write-Host -NoNewline
            lines = [self.partial + lines[0], *lines[1:]]
            self.partial = ""
        self.out.extend(lines)

    def write_host(self, text: str, newline: bool = True) -> None:
        if not newline:
            self.partial += text
            return
        self.write_out(text.split("\n") if text else [""])

    def flush(self) -> None:
        """What a last Write-Host -NoNewline left on its line."""
        if self.partial:
            self.out.append(self.partial)
            self.partial = ""

    def warning(self, text: str, action: str | None = None) -> None:
        preference = action or str(self.get("WarningPreference") or "Continue")
        if preference.lower() == "silentlycontinue":
            return
        self.out.append(A.PS_WARNING.format(text=text))
        if preference.lower() == "stop":
            raise PSError(ErrorRecord(A.PS_STOPPED.format(variable="WarningPreference", message=text),
                                      "OperationStopped", "ActionPreferenceStop"))

    def report(self, record: ErrorRecord) -> None:
        """An error shown on stderr and added to $Error."""
        self.errors.insert(0, record)
        self.err.extend(record.render())

    def write_error(self, message: str, category: str, error_id: str, target: Any, command: str,
                    position: Position | None, action: str | None) -> None:
        """A non-terminating error; with ErrorAction Stop a terminating one."""
        self.success = False
        preference = (action or str(self.get("ErrorActionPreference") or "Continue")).lower()
        record = ErrorRecord(message, category, error_id, target, command, position)
        if preference == "stop":
            raise PSError(ErrorRecord(A.PS_STOPPED.format(variable="ErrorActionPreference", message=message), category,
                                      error_id, target, command, position))
        if preference == "silentlycontinue" or self.silenced:
            self.errors.insert(0, record)
            return
        self.report(record)

    def should_process(self, cmdlet: Cmdlet, action: str, target: str, common: dict[str, Any]) -> bool:
        if common.get("WhatIf"):
            self.out.append(A.PS_WHATIF.format(action=action, target=target))
            return False
        confirm = common.get("Confirm")
        asks = confirm is True or (confirm is None and _impact(cmdlet.confirm_impact) >= _impact(
            str(self.get("ConfirmPreference") or "High")))
        if not asks:
            return True
        line = self.read_line() if self.interactive else None
        if line is None:                        # no console to ask on, and nothing on stdin
            raise CmdletError(A.PS_NONINTERACTIVE_PROMPT, "InvalidOperation", "HostException")
        return line.strip().lower() in ("y", "a", "yes")

    def read_line(self) -> str | None:
        return self.stdin_lines.pop(0) if self.stdin_lines else None


def _impact(level: str) -> int:
    return {"none": 0, "low": 1, "medium": 2, "high": 3}.get(level.lower(), 3)


def _pshome(host_context: HostContext) -> str:
    from .install import home_directory
    return home_directory(host_context.host)
