"""Finding what a command's first word names: a built-in, a batch file or a program.

Built-ins come first (`echo.` and `cd..` too); then a batch file (`x.cmd`, or `x` when
`x.bat`/`x.cmd` is in the current directory); then the programs the shell brings itself
(cmd, find, findstr, more, sort, certutil); then the host's tools; then `hostname` if the
host has none. Anything else is not recognized, with cmd's message and errorlevel 9009.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..tooling import Invocation, Output, Tool
from . import builtins, certutil, cmdexe, filters, findstr, messages
from .batch import run_file
from .files import leaf, parent
from .flow import BatchAbort, ExitBatch
from .streams import Streams

if TYPE_CHECKING:
    from .executor import Context

_WORD = re.compile(r'"[^"]*"?|[^\s,;="][^\s,;=/"]*')
_NATIVE: dict[str, Tool] = {
    "find": filters.find, "more": filters.more, "sort": filters.sort,
    "findstr": findstr.run, "certutil": certutil.run,
}


def split_command(text: str) -> tuple[str, str]:
    """The command word as typed and the text after it (`ipconfig/all` -> `ipconfig`, `/all`)."""
    text = text.lstrip(" \t,;=")
    m = _WORD.match(text)
    return (m[0], text[m.end():]) if m else ("", text)


def run(ctx: Context, text: str, io: Streams) -> int | None:
    word, rest = split_command(text)
    if not word:
        return None
    internal = builtins.find(word)
    if internal:
        command, head = internal
        return command(ctx, head + rest, io)
    name = word.replace('"', "")
    script = _batch_file(ctx, name)
    if script:
        return _run_batch(ctx, script, word, rest, io)
    program = _system_program(ctx, name)
    if program == "cmd":
        return cmdexe.run(ctx, rest, io)
    tool = _NATIVE.get(program) or _registry(ctx, name) or (_hostname if program == "hostname" else None)
    if tool is None:
        return _not_found(ctx, word, name, io)
    return _run_tool(ctx, tool, name, rest.strip(" \t"), io)


def _system_program(ctx: Context, name: str) -> str | None:
    """`findstr` for `findstr`, `FINDSTR.EXE` or `C:\\WINDOWS\\system32\\findstr.exe`; None elsewhere."""
    base = leaf(name).lower()
    if "\\" in name:
        system32 = (ctx.process.lookup("SystemRoot") or "C:\\WINDOWS") + "\\system32"
        if parent(ctx.path(name)).lower() != system32.lower():
            return None
    return base[:-4] if base.endswith((".exe", ".com")) else base


def _registry(ctx: Context, name: str) -> Tool | None:
    tools = ctx.process.machine.tools
    return tools.lookup(name) if tools is not None else None


def _batch_file(ctx: Context, name: str) -> str | None:
    """The full path of the batch file `name` runs, if any."""
    if name.lower().endswith((".bat", ".cmd")):
        candidates = [name]
    elif "." not in leaf(name):
        candidates = [name + ".bat", name + ".cmd"]
    else:
        return None
    for candidate in candidates:
        path = ctx.path(candidate)
        if ctx.fs.read(path) is not None:
            return path
    return None


def _run_batch(ctx: Context, path: str, word: str, rest: str, io: Streams) -> int:
    """A batch file named without CALL replaces the running one: control does not come back."""
    try:
        rc = run_file(ctx, path, word, rest, io)
    except BatchAbort:
        if ctx.frame is not None:
            raise
        return ctx.process.errorlevel
    if ctx.frame is not None and not ctx.calling:
        raise ExitBatch(None)
    return rc


def _run_tool(ctx: Context, tool: Tool, name: str, args: str, io: Streams) -> int:
    machine = ctx.process.machine
    invocation = Invocation(name, args, io.stdin.read_all(), ctx.process.vars.view(), machine.fs,
                            ctx.process.cwd, machine.host, machine.shell)
    output = tool(invocation)
    io.out.write(output.stdout)
    io.err.write(output.stderr)
    return output.rc


def _hostname(invocation: Invocation) -> Output:
    """hostname.exe for hosts whose tools lack one: the computer name."""
    return Output(0, invocation.env.get("COMPUTERNAME", "") + "\r\n")


def _not_found(ctx: Context, word: str, name: str, io: Streams) -> int:
    if "\\" in name and not ctx.fs.is_dir(parent(ctx.path(name))):
        io.err.write(messages.PATH_NOT_FOUND + "\r\n")
        return messages.PATH_NOT_FOUND_CODE
    io.err.write(messages.NOT_RECOGNIZED.format(name=word) + "\r\n")
    return messages.NOT_RECOGNIZED_CODE
