"""SET (plain, `/a` arithmetic, `/p` prompt), SETLOCAL and ENDLOCAL.

In a `.cmd` file and on a command line a successful SET resets the errorlevel to 0; in a
`.bat` file it leaves it alone (cmd.exe's documented compatibility quirk).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import arith, messages
from .streams import Streams

if TYPE_CHECKING:
    from .executor import Context

CRLF = "\r\n"


def set_command(ctx: Context, args: str, io: Streams) -> int | None:
    text = args.lstrip(" \t,;=")
    switch = text[:2].lower()
    if switch in ("/a", "/p") and text[2:3] in ("", " ", "\t", '"'):
        return (_arithmetic if switch == "/a" else _prompt)(ctx, text[2:], io)
    body = _unquoted(text)
    if "=" not in body:
        return _show(ctx, body, io)
    name, value = body.split("=", 1)
    if not name:
        io.err.write(messages.SYNTAX + CRLF)
        return 1
    if value:
        ctx.process.vars.set(name, value)
    elif not ctx.process.vars.delete(name):
        return 1
    return _succeeded(ctx)


def _unquoted(text: str) -> str:
    """`"X=a b" ignored` -> `X=a b`: from the first quote to the last one."""
    if not text.startswith('"'):
        return text
    end = text.rfind('"')
    return text[1:end] if end > 0 else text[1:]


def _show(ctx: Context, prefix: str, io: Streams) -> int | None:
    found = [(n, v) for n, v in ctx.process.vars.items() if n.upper().startswith(prefix.upper())]
    if not found:
        io.err.write(messages.NOT_DEFINED.format(name=prefix) + CRLF)
        return 1
    io.out.write("".join(f"{n}={v}{CRLF}" for n, v in found))
    return _succeeded(ctx)


def _arithmetic(ctx: Context, expression: str, io: Streams) -> int | None:
    try:
        value = arith.evaluate(expression, ctx.process.vars)
    except arith.ArithError as error:
        io.err.write(error.message + CRLF)
        return error.code
    if ctx.frame is None:
        io.out.write(str(value))            # on a command line SET /A shows the result
    return _succeeded(ctx)


def _prompt(ctx: Context, text: str, io: Streams) -> int | None:
    """`set /p X=prompt`: one line of input; at its end or on an empty line X stays as it was."""
    body = _unquoted(text.lstrip(" \t"))
    if "=" not in body:
        io.err.write(messages.SYNTAX + CRLF)
        return 1
    name, prompt = body.split("=", 1)
    io.out.write(prompt)
    line = io.stdin.read_line()
    if not line:
        return 1
    ctx.process.vars.set(name, line)
    return _succeeded(ctx)


def _succeeded(ctx: Context) -> int | None:
    return None if ctx.frame is not None and ctx.frame.script.is_bat else 0


def setlocal(ctx: Context, args: str, io: Streams) -> int | None:
    if ctx.frame is None:
        return None                          # outside a batch file SETLOCAL does nothing
    ctx.process.setlocal()
    for word in args.lower().split():
        if word in ("enabledelayedexpansion", "disabledelayedexpansion"):
            ctx.process.delayed = word.startswith("enable")
    return 0


def endlocal(ctx: Context, args: str, io: Streams) -> None:
    if ctx.frame is not None and len(ctx.process.scopes) > ctx.frame.scope_depth:
        ctx.process.endlocal(len(ctx.process.scopes) - 1)
    return None
