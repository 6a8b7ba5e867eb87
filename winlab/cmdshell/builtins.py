"""cmd.exe's internal commands, and the table the dispatcher finds them in.

Each takes the text after its name (leading delimiter included: `echo.` gets `.`) and
returns an exit code, or None when it leaves the errorlevel as it was.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from . import filecmds, messages, setcmd
from .batch import call_label
from .flow import ExitBatch, ExitProcess, GotoLabel
from .parser import ParseError, parse, words
from .streams import Streams

if TYPE_CHECKING:
    from .executor import Context

Builtin = Callable[["Context", str, Streams], "int | None"]
CRLF = "\r\n"
_GLUED = re.compile(r"([a-z]+)([.:\\(+\[\]].*)", re.I | re.S)     # echo. cd.. cd\ echo(


def echo(ctx: Context, args: str, io: Streams) -> None:
    """`echo text` prints what follows the one separating character; `echo.` an empty line."""
    spaced = not args or args[0] in " \t,;="
    text = args[1:] if args and args[0] in " \t,;=.:\\(+[]/" else args
    if spaced and not text.strip(" \t"):
        io.out.write(messages.ECHO_STATE.format(state="on" if ctx.process.echo else "off") + CRLF)
    elif spaced and text.strip(" \t").lower() in ("on", "off"):
        ctx.process.echo = text.strip(" \t").lower() == "on"
    else:
        io.out.write(text + CRLF)
    return None


def ver(ctx: Context, args: str, io: Streams) -> int:
    io.out.write(f"{CRLF}Microsoft Windows [Version {ctx.process.machine.version}]{CRLF}")
    return 0


def cls(ctx: Context, args: str, io: Streams) -> None:
    io.out.write("\f")                   # unconfirmed: what CLS writes when its output is not a console
    return None


def title(ctx: Context, args: str, io: Streams) -> None:
    return None


def pause(ctx: Context, args: str, io: Streams) -> None:
    io.out.write(messages.PAUSE)
    io.stdin.read_line()
    io.out.write(CRLF)
    return None


def exit_command(ctx: Context, args: str, io: Streams) -> None:
    found = words(args)
    batch = bool(found) and found[0].lower() == "/b"
    found = found[1:] if batch else found
    code = _number(found[0]) if found else None
    if batch and ctx.frame is not None:
        raise ExitBatch(code)
    raise ExitProcess(ctx.process.errorlevel if code is None else code)


def goto(ctx: Context, args: str, io: Streams) -> int | None:
    found = words(args)
    if not found:
        io.err.write(messages.NO_GOTO_LABEL + CRLF)
        return 1
    if ctx.frame is None:
        return None                       # unconfirmed: GOTO on a command line does nothing
    label = found[0]
    if label.lower() == ":eof":
        raise ExitBatch(None)
    raise GotoLabel(label[1:] if label.startswith(":") else label)


def call(ctx: Context, args: str, io: Streams) -> int | None:
    """CALL: expands `%` once more, then runs a label of this batch file or a command."""
    text = ctx.expander().percent(args.lstrip(" \t,;="))
    if not text:
        return None
    if text.startswith(":"):
        if ctx.frame is None:
            io.err.write(messages.CALL_OUTSIDE_BATCH + CRLF)
            return 1
        return call_label(ctx, text, io)
    try:
        node = parse(text)
    except ParseError as error:
        io.err.write(error.message + CRLF)
        return 1
    ctx.with_frame(ctx.frame, calling=True).execute(node, io)
    return ctx.process.errorlevel


def shift(ctx: Context, args: str, io: Streams) -> None:
    if ctx.frame is not None:
        m = re.match(r"\s*/(\d)", args)
        ctx.frame.shift(int(m[1]) if m else 0)
    return None


def _number(text: str) -> int:
    m = re.match(r"[-+]?\d+", text)
    return int(m[0]) if m else 0


INTERNAL: dict[str, Builtin] = {
    "echo": echo, "ver": ver, "cls": cls, "title": title, "pause": pause,
    "exit": exit_command, "goto": goto, "call": call, "shift": shift,
    "set": setcmd.set_command, "setlocal": setcmd.setlocal, "endlocal": setcmd.endlocal,
    "cd": filecmds.cd, "chdir": filecmds.cd, "pushd": filecmds.pushd, "popd": filecmds.popd,
    "md": filecmds.md, "mkdir": filecmds.md, "rd": filecmds.rd, "rmdir": filecmds.rd,
    "del": filecmds.delete, "erase": filecmds.delete, "type": filecmds.type_command, "dir": filecmds.dir_command,
}


def find(word: str) -> tuple[Builtin, str] | None:
    """The built-in a command word names, and the part of the word that is its argument."""
    if word.lower() in INTERNAL:
        return INTERNAL[word.lower()], ""
    m = _GLUED.fullmatch(word)
    if m and m[1].lower() in INTERNAL:
        return INTERNAL[m[1].lower()], m[2]
    return None
