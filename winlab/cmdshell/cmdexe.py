"""`cmd [/c|/k] [/q] [/v:on] [/s] command`: a nested cmd.exe with its own copy of the variables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..tooling import FileSystem
from .files import full_path
from .streams import Streams

if TYPE_CHECKING:
    from .executor import Context

_SWITCH = re.compile(r'[ \t]*(/[^ \t/"]*)')
_SPECIAL = set('&<>()@^|')


def run(ctx: Context, args: str, io: Streams) -> int:
    switches, command = _parse(args)
    echo = "/q" not in switches
    delayed = any(s in ("/v", "/v:on") for s in switches)
    if command is None:                       # no /c: runs the lines of its stdin, without prompts
        rc, child = 0, ctx.process.spawn(echo, delayed)
        while (line := io.stdin.read_line()) is not None:
            rc = ctx.run_child(line, io, process=child)
        return rc
    if "/s" not in switches:
        command = strip_outer_quotes(command, ctx.fs, ctx.process.cwd)
    elif command.startswith('"'):
        command = _strip(command)
    return ctx.run_child(command, io, echo, delayed)


def _parse(args: str) -> tuple[set[str], str | None]:
    switches: set[str] = set()
    i = 0
    while m := _SWITCH.match(args, i):
        switch = m[1].lower()
        if switch[:2] in ("/c", "/k"):            # `/cecho x` is `/c echo x`
            return switches, (m[1][2:] + args[m.end():]).lstrip(" \t")
        switches.add(switch)
        i = m.end()
    return switches, None


def strip_outer_quotes(command: str, fs: FileSystem, cwd: str) -> str:
    """cmd /c's rule: the quotes around a command are kept only when there are exactly two,
    nothing special and some white space between them, and they name an existing file."""
    if not command.startswith('"'):
        return command
    inner = command[1:command.find('"', 1)] if command.count('"') >= 2 else ""
    if (command.count('"') == 2 and not _SPECIAL & set(inner) and any(c in " \t" for c in inner)
            and fs.exists(full_path(inner, cwd))):
        return command
    return _strip(command)


def _strip(command: str) -> str:
    last = command.rfind('"')
    return command[1:last] + command[last + 1:] if last > 0 else command[1:]
