"""cmd.exe batch files: the language of Windows Server 2003, which has no PowerShell by default."""

from __future__ import annotations

from ..language import Language
from .escaping import resolve_cmd_line
from .script import cmd_script

# The one place for what the glue around the blocks assumes without a source; the Scripts
# page lists it.
UNCONFIRMED = (
    "A secret is read without echo through the `ScriptPW.Password` COM object (`cscript`) on Windows "
    "Server 2003, else through PowerShell's `Read-Host -AsSecureString`: the lab runs no console, so "
    "it cannot show that the typed characters stay hidden.",
    "`shutdown /r /t 20 /c \"...\"` schedules the restart a step needs and returns at once, so the "
    "script can say so and end before Windows stops it.",
    "`wmic os get LastBootUpTime /value` answers `LastBootUpTime=<CIM datetime>`, which changes at "
    "each restart (`runbook apply` waits on it).",
)

CMD = Language(name="cmd", extension=".cmd", lexer="bat", escape_line=resolve_cmd_line, assemble=cmd_script,
               start=lambda path, host: f'"{path}" /host:{host}', unconfirmed=UNCONFIRMED)
