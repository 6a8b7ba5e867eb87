"""Exchange Management Shell command lines for probes, sent through cmd.exe:

    powershell -NoProfile -NonInteractive -Command "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin; Get-MailboxServer 'E2K7CMS' | Format-List"

`-Command` with the text in the clear, not `-EncodedCommand`: the read-only allow-list then
reads exactly what PowerShell runs (an encoded command would have to be decoded to be judged,
and a reviewer reading verify.log could not see it), and powershell.exe 1.0 prints errors as
text, not as CLIXML (tech-notes 1.4). The text holds no `"`, `%`, `!` or `^`, so cmd.exe
passes it on unchanged; its `|` and `;` stand inside cmd's double quotes. `-NoProfile` keeps
profiles out, `-NonInteractive` makes a missing mandatory parameter an error instead of a
prompt. The snap-in is added in the same command: a plain powershell.exe has no Exchange
cmdlets (ccr-domain.md 3.10).

A probe's arguments are single-quoted names (letters, digits, space, `.`, `_`, `-`, `\\`), so
the allow-list matches each command whole: one Exchange `Get-` cmdlet (or Test-ReplicationHealth,
or Get-EventLog of the Application log filtered to MSExchangeRepl) and Format-List, nothing else.
"""

from __future__ import annotations

import re

from ..base import ProbeError, first_line, split_lines
from ..runner import Result

SNAPIN = "Microsoft.Exchange.Management.PowerShell.Admin"
PREFIX = f'powershell -NoProfile -NonInteractive -Command "Add-PSSnapin {SNAPIN}; '
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._\\-]{0,127}")
NAME_PATTERN = r"'[A-Za-z0-9][A-Za-z0-9 ._\\-]{0,127}'"        # a quoted argument in ALLOW patterns


def name(value: str, what: str = "name") -> str:
    """A server, storage group or database name, single-quoted for PowerShell."""
    if not _NAME.fullmatch(value) or value != value.strip():
        raise ValueError(f"{what} {value!r}: letters, digits, space, '.', '_', '-' and '\\' only")
    return f"'{value}'"


def ems_command(pipeline: str) -> str:
    """The cmd.exe line that runs `pipeline` (PowerShell text) with the Exchange snap-in."""
    return f'{PREFIX}{pipeline}"'


def ems_shape(pipeline: str) -> re.Pattern[str]:
    """An ALLOW pattern for `ems_command(pipeline)`: `pipeline` is a regex whose spaces stand for
    any run of blanks; `{NAME}` stands for a quoted name. Case-insensitive, as PowerShell is."""
    regex = re.escape(PREFIX).replace("\\ ", "[ \t]+") + pipeline.replace(" ", "[ \t]+") + '"'
    regex = regex.replace("{NAME}", NAME_PATTERN).replace("powershell", r"powershell(?:\.exe)?", 1)
    return re.compile(regex, re.IGNORECASE)


_NOT_RECOGNIZED = re.compile(r"The term '(?P<term>[^']+)' is not recognized", re.IGNORECASE)


def shell_failure(result: Result) -> str:
    """What went wrong, in PowerShell's own words: `Get-Foo : message` (its first line) from
    stderr, else stdout, with the missing snap-in said plainly."""
    text = result.stderr if result.stderr.strip() else result.stdout
    if "Add-PSSnapin" in text and "No Windows PowerShell Snap-ins" in text or \
            re.search(r"snap-?in .* is not (?:registered|installed)", text, re.IGNORECASE):
        return f"the Exchange snap-in {SNAPIN} is not registered on this host"
    missing = _NOT_RECOGNIZED.search(text)
    if missing:
        return f"{missing['term']} is not a command here (is this an Exchange 2007 server with its shell?)"
    lines = [line for line in split_lines(text) if line.strip() and not line.startswith(("At line:", "+ "))]
    return lines[0].strip() if lines else first_line(text) or "(no output)"


class ShellError(ProbeError):
    """The Exchange shell command failed (an error record, an unknown cmdlet, no snap-in)."""
