"""FOR: over a list or files (plain, /D, /R), numbers (/L), and lines of text (/F).

FOR /F runs its `('command')` in a child cmd.exe to the end first, then runs the body once
per line that yields a value. The loop's result is the body's last result, or None when
the body never ran, which leaves the errorlevel as it was.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .cmdexe import strip_outer_quotes
from .files import glob, has_wildcard, leaf
from .foroptions import ForOptions, fields, parse_options
from .parser import words
from .streams import Buffer, Streams
from .syntax import For, map_text

if TYPE_CHECKING:
    from .executor import Context

CRLF = "\r\n"


def run(node: For, ctx: Context, io: Streams) -> int | None:
    items = ctx.expander().delayed(node.items) if ctx.process.delayed else node.items
    if node.mode == "/f":
        values = _lines(node, items, ctx, io)
    elif node.mode == "/l":
        values = ({node.var: str(n)} for n in _numbers(items))
    else:
        values = ({node.var: item} for item in _items(node, items, ctx))
    result = None
    for assignment in values:
        ctx.process.machine.budget.spend()      # an empty body (`rem`) runs no command but still loops
        expander = ctx.expander()
        result = ctx.execute(map_text(node.body, lambda text: expander.for_variables(text, assignment)), io)
    return result


def _numbers(items: str) -> range:
    found = [int(n) if re.fullmatch(r"[-+]?\d+", n) else 0 for n in words(items)] + [0, 0, 0]
    start, step, end = found[:3]
    if step == 0:
        return range(0)                    # cmd.exe loops for ever; the lab does not
    return range(start, end + (1 if step > 0 else -1), step)


def _items(node: For, items: str, ctx: Context) -> Iterator[str]:
    if node.mode == "/r":
        for directory in _tree(ctx, ctx.path(node.root or ".")):
            for item in words(items):
                yield from _expand_item(ctx, directory + "\\" + item.replace('"', ""), node.mode, directory + "\\")
        return
    for item in words(items):
        typed = item.replace('"', "")
        if has_wildcard(typed):
            yield from _expand_item(ctx, typed, node.mode, typed[:len(typed) - len(leaf(typed))])
        else:
            yield item


def _expand_item(ctx: Context, pattern: str, mode: str, prefix: str) -> Iterator[str]:
    if not has_wildcard(pattern):
        yield pattern
        return
    for path in glob(ctx.fs, ctx.path(pattern)):
        if ctx.fs.is_dir(path) == (mode == "/d"):
            yield prefix + leaf(path)


def _tree(ctx: Context, root: str) -> Iterator[str]:
    yield root.rstrip("\\")
    for name in ctx.fs.listdir(root):
        child = root.rstrip("\\") + "\\" + name
        if ctx.fs.is_dir(child):
            yield from _tree(ctx, child)


def _lines(node: For, items: str, ctx: Context, io: Streams) -> Iterator[dict[str, str]]:
    try:
        options = parse_options(node.options)
    except ValueError as error:
        io.err.write(f"{error}{CRLF}")
        return
    text = _source_text(items.strip(), options, ctx, io)
    lines = [line[:-1] if line.endswith("\r") else line for line in (text or "").split("\n")]
    for line in [line for line in lines if line][options.skip:]:
        values = fields(line, options)
        if values is not None:
            yield {chr(ord(node.var) + n): value for n, value in enumerate(values)}


def _source_text(items: str, options: ForOptions, ctx: Context, io: Streams) -> str | None:
    command, string = ("`", "'") if options.usebackq else ("'", '"')
    if len(items) >= 2 and items[0] == command and items[-1] == command:
        output = Buffer()
        ctx.run_child(strip_outer_quotes(items[1:-1], ctx.fs, ctx.process.cwd), Streams(io.stdin, output, io.err))
        return output.text()
    if len(items) >= 2 and items[0] == string and items[-1] == string:
        return items[1:-1]
    return _file_text(words(items), ctx, io)


def _file_text(names: list[str], ctx: Context, io: Streams) -> str | None:
    texts = []
    for name in names:
        text = ctx.fs.read(ctx.path(name))
        if text is None:
            io.err.write(f"The system cannot find the file {name.replace(chr(34), '')}.{CRLF}")
            ctx.process.errorlevel = 1
            return None
        texts.append(text if text.endswith("\n") else text + "\n")
    return "".join(texts)
