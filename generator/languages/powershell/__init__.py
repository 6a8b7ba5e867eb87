"""PowerShell 1.0 scripts: the Exchange Management Shell's lines (`powershell`, `ps1` blocks)."""

from __future__ import annotations

from ..language import Language
from .escaping import resolve_powershell_line, secret_variables
from .script import powershell_script, start_beside, start_line

# The one place for what the glue around the blocks assumes without a source; the Scripts
# page lists it.
UNCONFIRMED = (
    "A `.ps1` runs on the Exchange nodes because Exchange 2007 setup sets PowerShell's execution policy to "
    "RemoteSigned; before that (policy Restricted) the start line ends with exit 1 and the script does not run.",
    "PowerShell 1.0 reads a script with a UTF-8 byte order mark as UTF-8 (scripts carry the mark only when a "
    "value holds characters outside ASCII).",
    "With `$ErrorActionPreference = 'Stop'`, an error inside a check's function ends the statement that called "
    "it, and the script's `trap { continue }` goes on with the statement after that call (PowerShell 1.0 trap "
    "semantics as documented for later versions).",
    "`Read-Host -AsSecureString` fails under `-NonInteractive`, so a secret that is not set when `apply` or "
    "run-all.cmd starts the script ends it with exit 2.",
)

POWERSHELL = Language(name="powershell", extension=".ps1", lexer="powershell", escape_line=resolve_powershell_line,
                      assemble=powershell_script, start=start_line, unconfirmed=UNCONFIRMED,
                      variables=secret_variables, start_beside=start_beside)
