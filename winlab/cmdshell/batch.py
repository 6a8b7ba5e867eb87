"""Running batch files: line by line, with labels, GOTO, CALL :label and EXIT /B.

cmd.exe reads a batch file one line at a time (more while a block is open), expands
`%...%` in it with the frame's arguments, parses it and runs it. A `call :label` runs
the same file from the label in a frame of its own, which returns at the end of the
file, at `goto :eof` or at `exit /b`, ending the `setlocal`s it made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import messages
from .flow import BatchAbort, ExitBatch, GotoLabel
from .parser import Incomplete, ParseError, parse, words
from .streams import Streams
from .syntax import Node

if TYPE_CHECKING:
    from .executor import Context

_LABEL = re.compile(r"[ \t]*:([^ \t+:,;=&|<>]*)")
_END = object()


@dataclass
class Script:
    path: str
    lines: list[str]

    @property
    def is_bat(self) -> bool:
        """`.bat` files keep the errorlevel on a successful SET; `.cmd` files reset it."""
        return self.path.lower().endswith(".bat")

    def label(self, name: str, start: int) -> int | None:
        """The line after `:name`, searched from `start` to the end and then from the top."""
        wanted = name.lower()
        for n in [*range(start, len(self.lines)), *range(start)]:
            m = _LABEL.match(self.lines[n])
            if m and m[1].lower() == wanted:
                return n + 1
        return None


@dataclass
class Frame:
    """One running batch file, or one CALLed label in it."""

    script: Script
    args: list[str]              # %0, %1, ... as typed (quotes kept)
    all_args: str                # %*
    position: int                # the next line to read
    scope_depth: int             # setlocal scopes open when the frame started

    def argument(self, index: int) -> str:
        return self.args[index] if index < len(self.args) else ""

    def all_arguments(self) -> str:
        return self.all_args

    def script_path(self) -> str:
        return self.script.path

    def shift(self, start: int) -> None:
        if start < len(self.args):
            del self.args[start]


def run_file(ctx: Context, path: str, typed: str, args: str, io: Streams) -> int:
    text = ctx.fs.read(path) or ""
    script = Script(path, text.replace("\r", "").split("\n"))
    return run_frame(ctx.with_frame(_frame(ctx, script, typed, args, 0)), io)


def call_label(ctx: Context, text: str, io: Streams) -> int:
    """`call :label args` from inside a batch file; returns the label's exit code."""
    label, args = re.match(r"(:[^ \t,;=+]*)(.*)", text, re.S).groups()
    name = label[1:].lower()
    if name == "eof":
        return ctx.process.errorlevel
    start = ctx.frame.script.label(name, ctx.frame.position)
    if start is None:
        io.err.write(messages.LABEL_NOT_FOUND.format(label=name) + "\r\n")
        return 1
    return run_frame(ctx.with_frame(_frame(ctx, ctx.frame.script, label, args, start)), io)


def _frame(ctx: Context, script: Script, typed: str, args: str, start: int) -> Frame:
    return Frame(script, [typed, *words(args)], args.lstrip(" \t,;="), start, len(ctx.process.scopes))


def run_frame(ctx: Context, io: Streams) -> int:
    frame, process = ctx.frame, ctx.process
    try:
        while (node := _next_command(ctx, io)) is not _END:
            try:
                ctx.execute(node, io)
            except GotoLabel as goto:
                if not _jump(ctx, goto.label, io):
                    break
    except ExitBatch as done:
        if done.code is not None:
            process.errorlevel = done.code
    finally:
        process.endlocal(frame.scope_depth)
    return process.errorlevel


def _jump(ctx: Context, label: str, io: Streams) -> bool:
    position = ctx.frame.script.label(label, ctx.frame.position)
    if position is None:
        io.err.write(messages.LABEL_NOT_FOUND.format(label=label) + "\r\n")
        ctx.process.errorlevel = 1
        return False
    ctx.frame.position = position
    return True


def _next_command(ctx: Context, io: Streams) -> Node | object:
    frame = ctx.frame
    lines = frame.script.lines
    while frame.position < len(lines):
        line = lines[frame.position]
        frame.position += 1
        if _LABEL.match(line) or not line.strip():
            continue
        node = _parse(ctx, ctx.expander().percent(line), io)
        if node is not None:
            return node
    return _END


def _parse(ctx: Context, text: str, io: Streams) -> Node | None:
    """Parses a line, reading on while a block is open; a syntax error stops every batch file."""
    frame = ctx.frame
    while True:
        try:
            return parse(text, batch=True)
        except Incomplete as more:
            if frame.position >= len(frame.script.lines):
                error = more.message
            else:
                text += more.joiner + ctx.expander().percent(frame.script.lines[frame.position])
                frame.position += 1
                continue
        except ParseError as bad:
            error = bad.message
        io.err.write(error + "\r\n")
        ctx.process.errorlevel = messages.SYNTAX_ERROR_CODE
        raise BatchAbort()
