"""Running a parsed command line: operators, pipes, blocks and redirections.

Every command returns its exit code, or None when it leaves the errorlevel alone (ECHO,
REM, an IF whose condition fails, a FOR whose body never runs). `&&` and `||` treat None
as success.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tooling import FileSystem
from . import conditions, forloop, messages, programs
from .batch import Frame
from .expand import Expander
from .files import full_path
from .flow import BatchAbort, ExitProcess
from .parser import ParseError, parse
from .process import Process
from .streams import Buffer, RedirectError, Source, Streams, redirect
from .syntax import Chain, For, Group, If, Node, Pipe, Redirect, Simple, map_text


@dataclass
class Context:
    """A process and, inside a batch file, the frame whose lines are running."""

    process: Process
    frame: Frame | None = None
    calling: bool = False        # set by CALL: a batch file run from here returns to its caller

    @property
    def fs(self) -> FileSystem:
        return self.process.machine.fs

    def path(self, typed: str) -> str:
        return full_path(typed.replace('"', ""), self.process.cwd)

    def expander(self) -> Expander:
        return Expander(self.process.lookup, self.fs, self.process.cwd, self.frame)

    def with_frame(self, frame: Frame | None, calling: bool = False) -> Context:
        return Context(self.process, frame, calling)

    def execute(self, node: Node | None, io: Streams) -> int | None:
        return execute(node, self, io)

    def run_child(self, command_line: str, io: Streams, echo: bool = True, delayed: bool = False,
                  process: Process | None = None) -> int:
        """`command_line` in a new cmd.exe process (`cmd /c`, `for /f ('...')`), or in `process`."""
        return run_command_line(process or self.process.spawn(echo, delayed), command_line, io)


def run_command_line(process: Process, text: str, io: Streams) -> int:
    """What `cmd /c text` does in `process`; returns the exit code."""
    text = text.split("\n", 1)[0].replace("\r", "")     # unconfirmed: cmd /c stops at a line feed
    ctx = Context(process)
    try:
        node = parse(ctx.expander().percent(text))
    except ParseError as error:
        io.err.write(error.message + "\r\n")
        return messages.SYNTAX_ERROR_CODE
    return run_whole(ctx, node, io)


def run_whole(ctx: Context, node: Node | None, io: Streams) -> int:
    """Runs `node` as everything its process does; returns the process's exit code."""
    try:
        execute(node, ctx, io)
    except ExitProcess as done:
        return done.code
    except BatchAbort:
        pass
    return ctx.process.errorlevel


def execute(node: Node | None, ctx: Context, io: Streams) -> int | None:
    if isinstance(node, Simple):
        return _simple(node, ctx, io)
    if isinstance(node, Chain):
        return _chain(node, ctx, io)
    if isinstance(node, Pipe):
        return _pipe(node, ctx, io)
    if isinstance(node, Group):
        streams = _redirected(node.redirects, ctx, io)
        return 1 if streams is None else execute(node.body, ctx, streams)
    if isinstance(node, If):
        return conditions.run(node, ctx, io)
    if isinstance(node, For):
        return forloop.run(node, ctx, io)
    return None


def _simple(node: Simple, ctx: Context, io: Streams) -> int | None:
    ctx.process.machine.budget.spend()
    if ctx.process.delayed:
        node = map_text(node, ctx.expander().delayed)
    streams = _redirected(node.redirects, ctx, io)
    if streams is None:
        return 1
    rc = programs.run(ctx, node.text, streams)
    if rc is not None:
        ctx.process.errorlevel = rc
    return rc


def _chain(node: Chain, ctx: Context, io: Streams) -> int | None:
    left = execute(node.left, ctx, io)
    if node.op == "&" or (node.op == "&&") == (left in (None, 0)):
        return execute(node.right, ctx, io) if node.right is not None else left
    return left


def _pipe(node: Pipe, ctx: Context, io: Streams) -> int:
    """Each side runs in a cmd.exe of its own; the right one reads what the left one wrote."""
    piped = Buffer()
    run_whole(Context(ctx.process.spawn()), node.left, Streams(io.stdin, piped, io.err))
    rc = run_whole(Context(ctx.process.spawn()), node.right, Streams(Source(piped.text()), io.out, io.err))
    ctx.process.errorlevel = rc
    return rc


def _redirected(redirects: tuple[Redirect, ...], ctx: Context, io: Streams) -> Streams | None:
    """`io` with the redirections applied, or None (after cmd's message) when a file cannot open."""
    try:
        return redirect(io, redirects, ctx.fs, ctx.process.cwd)
    except RedirectError as error:
        io.err.write(error.message + "\r\n")
        ctx.process.errorlevel = 1
        return None
