"""msiexec.exe, for the one package the runbook installs: the Windows Server 2003 Support
Tools, `msiexec /i "D:\\SUPPORT\\TOOLS\\SUPTOOLS.MSI" /qn` [S63].

`/i PACKAGE` (or `/package PACKAGE`) with a quiet switch (`/qn`, `/q`, `/quiet`,
`/passive`, `/qb`); `/norestart` is accepted. The package is the file on the host (the CD
in the topology's drive, or a copy), recognised by its content. It installs the Support
Tools folder and its programs, which new processes find on their PATH (the process that
ran msiexec keeps its own PATH); installing them again changes nothing. Windows
Installer's exit codes: 0 done, 1619 the package cannot be opened, 1639 a bad command
line, 1603 a fatal error (this package on a release it was not made for). msiexec writes
nothing to the console with `/qn`. Without a quiet switch Windows would show dialogs that
nobody can answer in a WinRS session; the lab refuses that with 1639 (an assumption).
"""

from __future__ import annotations

from .. import assumptions as A
from ..baseline import install_support_tools
from ..cmdshell.argv import split
from ..cmdshell.files import full_path
from ..context import HostContext
from ..tooling import Invocation, Output

SUCCESS, FATAL, PACKAGE_OPEN_FAILED, INVALID_COMMAND_LINE = 0, 1603, 1619, 1639
QUIET = {"/qn", "/q", "/quiet", "/passive", "/qb", "/qn+", "/qb-", "/qr"}
INSTALL = {"/i", "/package"}


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    package = _package(split(inv.args))
    if package is None:
        return Output(INVALID_COMMAND_LINE, "")
    text = inv.fs.read(full_path(package, inv.cwd))
    if text is None or text != A.SUPTOOLS_MSI_CONTENT:
        return Output(PACKAGE_OPEN_FAILED, "")
    if not ctx.is_2003:
        return Output(FATAL, "")
    install_support_tools(ctx.host)
    return Output(SUCCESS, "")


def _package(words: list[str]) -> str | None:
    """The package of `/i PACKAGE ... /qn`; None unless the command line is that."""
    package, quiet = None, False
    items = iter(words)
    for word in items:
        switch = "/" + word[1:].lower() if word[:1] in "-/" else None
        if switch in INSTALL and package is None:
            package = next(items, None)
        elif switch in QUIET:
            quiet = True
        elif switch != "/norestart":
            return None
    return package if package and quiet else None
