"""The programs that install Exchange's 2003 prerequisites, and where cmd finds the media's.

- The installers in the environment's prerequisites folder (file names by architecture,
  assumptions.EXCHANGE_INSTALLERS_2003), each recognised by its content: the .NET 2.0
  redistributable (`/q:a /c:"install.exe /q"`), PowerShell 1.0 KB926139 and MMC 3.0 KB907265
  (`/quiet /norestart`). Quiet, they print nothing and exit 0; one for the other architecture
  or a 2003 installer on 2008 is refused (assumptions).
- `sysocmgr /i:%windir%\\inf\\sysoc.inf /u:ANSWERS /q` (2003): installs the `[Components]`
  its answer file sets ON (`iis_common = ON` ...); exit 0, nothing printed.
- `setup.com` in the media folder (setup.py).
A name cmd resolves to one of these files runs it; a path to no such file is cmd's
"not recognized" (9009), as for any missing program.
"""

from __future__ import annotations

import ntpath
import re

from .. import assumptions as A
from ..cmdshell import messages
from ..cmdshell.argv import split
from ..cmdshell.files import full_path
from ..context import HostContext
from ..tooling import Invocation, Output, Tool
from ..powershell import install as powershell
from . import prerequisites

SETUP = "setup.com"


def media_names() -> set[str]:
    names = {SETUP}
    for packages in A.EXCHANGE_INSTALLERS_2003.values():
        names |= {name.lower() for name, _ in packages}
    return names


def lookup(typed: str) -> Tool | None:
    """The tool for a media program's name (a file on the host decides whether it runs)."""
    leaf = ntpath.basename(typed.strip().strip('"')).lower()
    if leaf == SETUP:
        from . import setup
        return _located(setup.run, A.EXCHANGE_SETUP_CONTENT)
    if leaf in media_names():
        return _located(_installer, None)
    return None


def _located(tool: Tool, content: str | None) -> Tool:
    def run(inv: Invocation) -> Output:
        path = full_path(inv.name.strip('"'), inv.cwd)
        text = inv.fs.read(path)
        if text is None or (content is not None and text != content):
            return Output(messages.NOT_RECOGNIZED_CODE, "", messages.NOT_RECOGNIZED.format(name=inv.name) + "\r\n")
        return tool(inv)
    return run


def _installer(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    text = inv.fs.read(full_path(inv.name.strip('"'), inv.cwd)) or ""
    package = _package(text)
    if package is None:
        return Output(messages.NOT_RECOGNIZED_CODE, "", messages.NOT_RECOGNIZED.format(name=inv.name) + "\r\n")
    component, architecture = package
    if not ctx.is_2003 or architecture != ctx.host.os.architecture:
        return Output(A.EXCHANGE_INSTALLER_WRONG_PLATFORM_RC, "")
    words = [w.lower() for w in split(inv.args)]
    if not any(w.startswith(q) for w in words for q in A.EXCHANGE_INSTALLER_QUIET[component]):
        return Output(A.EXCHANGE_INSTALLER_NOT_QUIET_RC, "")
    if component == prerequisites.POWERSHELL:
        powershell.install(ctx.host)
    prerequisites.record(ctx.state, ctx.host, component)
    return Output(0, "")


def _package(text: str) -> tuple[str, str] | None:
    """(component, architecture) of an installer file's content."""
    for architecture, packages in A.EXCHANGE_INSTALLERS_2003.items():
        for name, component in packages:
            if text == A.EXCHANGE_INSTALLER_CONTENT.format(name=name, architecture=architecture):
                return component, architecture
    return None


def sysocmgr(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    options = {}
    for word in split(inv.args):
        name, _, value = word.partition(":")
        options[name.lower()] = value.strip('"')
    answers = inv.fs.read(full_path(options.get("/u", ""), inv.cwd)) if options.get("/u") else None
    if "/i" not in options or answers is None:
        return Output(A.SYSOCMGR_NO_ANSWER_FILE_RC, "")
    for component in _components_on(answers):
        prerequisites.record(ctx.state, ctx.host, component)
    return Output(0, "")


def _components_on(answers: str) -> list[str]:
    """The components an answer file's `[Components]` section sets ON."""
    found, inside = [], False
    for line in answers.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.lower() == "[components]"
            continue
        match = re.fullmatch(r"([\w.-]+)\s*=\s*(\w+)", stripped)
        if inside and match and match[2].lower() == "on":
            found.append(match[1].lower())
    return found
