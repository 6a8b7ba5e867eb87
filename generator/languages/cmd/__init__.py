"""cmd.exe batch files: the language of Windows Server 2003, which has no PowerShell by default."""

from __future__ import annotations

from ..language import Language
from .escaping import resolve_cmd_line
from .script import cmd_script

CMD = Language(name="cmd", extension=".cmd", lexer="bat", escape_line=resolve_cmd_line, assemble=cmd_script,
               start=lambda path, host: f'"{path}" /host:{host}')
