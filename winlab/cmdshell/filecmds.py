"""The file and directory built-ins: CD, PUSHD, POPD, MD, RD, DEL, TYPE and DIR."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import assumptions as A
from . import messages
from .files import device, glob, has_wildcard, leaf, parent
from .parser import words
from .streams import Streams

if TYPE_CHECKING:
    from .executor import Context

CRLF = "\r\n"


def cd(ctx: Context, args: str, io: Streams) -> int:
    text = args.strip(" \t")
    switch = text[:2].lower() == "/d"
    text = (text[2:] if switch else text).strip(" \t").replace('"', "")
    if not text:
        io.out.write(ctx.process.cwd + CRLF)
        return 0
    if re.fullmatch(r"[A-Za-z]:", text):
        same = text.upper() == ctx.process.cwd[:2].upper()
        io.out.write((ctx.process.cwd if same else text.upper() + "\\") + CRLF)
        return 0
    target = ctx.path(text)
    if not ctx.fs.is_dir(target):
        io.err.write(messages.PATH_NOT_FOUND + CRLF)
        return 1
    if switch or target[:2] == ctx.process.cwd[:2].upper():
        ctx.process.cwd = target
    return 0


def pushd(ctx: Context, args: str, io: Streams) -> int:
    target = args.strip(" \t").replace('"', "")
    if not target:
        return 0
    path = ctx.path(target)
    if not ctx.fs.is_dir(path):
        io.err.write(messages.PATH_NOT_FOUND + CRLF)
        return 1
    ctx.process.dirs.append(ctx.process.cwd)
    ctx.process.cwd = path
    return 0


def popd(ctx: Context, args: str, io: Streams) -> None:
    if ctx.process.dirs:
        ctx.process.cwd = ctx.process.dirs.pop()
    return None


def md(ctx: Context, args: str, io: Streams) -> int:
    names = [w.replace('"', "") for w in words(args)]
    if not names:
        io.err.write(messages.SYNTAX + CRLF)
        return 1
    rc = 0
    for name in names:
        path = ctx.path(name)
        if ctx.fs.exists(path):
            io.err.write(messages.ALREADY_EXISTS.format(name=name) + CRLF)
            rc = 1
            continue
        try:
            ctx.fs.mkdir(path)
        except PermissionError:
            io.err.write(messages.ACCESS_DENIED + CRLF)
            rc = 1
    return rc


def rd(ctx: Context, args: str, io: Streams) -> int:
    switches, names = _switches(args)
    if not names:
        io.err.write(messages.SYNTAX + CRLF)
        return 1
    rc = 0
    for name in names:
        path = ctx.path(name)
        if not ctx.fs.is_dir(path):
            # unconfirmed: RD's errorlevels (2 not found, 267 not a directory, 145 not empty).
            invalid = ctx.fs.exists(path)
            io.err.write(("The directory name is invalid." if invalid else messages.FILE_NOT_FOUND) + CRLF)
            rc = 267 if invalid else 2
        elif ctx.fs.listdir(path) and "/s" not in switches:
            io.err.write(messages.NOT_EMPTY + CRLF)
            rc = 145
        elif "/s" not in switches or "/q" in switches or _confirm(io, name):
            _remove_tree(ctx.fs, path)
    return rc


def delete(ctx: Context, args: str, io: Streams) -> int:
    switches, names = _switches(args)
    if not names:
        io.err.write(messages.SYNTAX + CRLF)
        return 1
    for name in names:
        path = ctx.path(name)
        if not ctx.fs.is_dir(parent(path)):
            io.err.write(messages.PATH_NOT_FOUND + CRLF)
            continue
        targets = _files_named(ctx, path)
        if ctx.fs.is_dir(path) and "/q" not in switches and not _confirm(io, path.rstrip("\\") + "\\*"):
            continue
        if not targets and not ctx.fs.is_dir(path):
            io.err.write(messages.COULD_NOT_FIND.format(path=path) + CRLF)
        for target in targets:
            ctx.fs.delete(target)
    return 0


def type_command(ctx: Context, args: str, io: Streams) -> int:
    names = words(args)
    if not names:
        io.err.write(messages.SYNTAX + CRLF)
        return 1
    rc = 0
    for name in names:
        path = ctx.path(name)
        paths = glob(ctx.fs, path) if has_wildcard(path) else [path]
        for each in paths:
            text = "" if device(each) else ctx.fs.read(each)
            if text is None:
                io.err.write((messages.ACCESS_DENIED if ctx.fs.is_dir(each) else messages.FILE_NOT_FOUND) + CRLF)
                if len(names) > 1:
                    io.err.write(f"Error occurred while processing: {name.replace(chr(34), '')}.{CRLF}")
                rc = 1
                continue
            if len(names) > 1 or has_wildcard(path):
                io.err.write(f"{CRLF}{leaf(each)}{CRLF}{CRLF}{CRLF}")   # unconfirmed: the file name header
            io.out.write(text)
    return rc


def _switches(args: str) -> tuple[set[str], list[str]]:
    found = words(args)
    return {w.lower() for w in found if w.startswith("/")}, [w for w in found if not w.startswith("/")]


def _files_named(ctx: Context, path: str) -> list[str]:
    if ctx.fs.is_dir(path):
        return [p for p in glob(ctx.fs, path.rstrip("\\") + "\\*") if not ctx.fs.is_dir(p)]
    if has_wildcard(path):
        return [p for p in glob(ctx.fs, path) if not ctx.fs.is_dir(p)]
    return [path] if ctx.fs.read(path) is not None else []


def _confirm(io: Streams, target: str) -> bool:
    io.out.write(messages.ARE_YOU_SURE.format(target=target))
    answer = io.stdin.read_line() or ""
    return answer.strip().lower().startswith("y")


def _remove_tree(fs, path: str) -> None:
    for name in fs.listdir(path):
        child = path.rstrip("\\") + "\\" + name
        if fs.is_dir(child):
            _remove_tree(fs, child)
        else:
            fs.delete(child)
    fs.delete(path)


def dir_command(ctx: Context, args: str, io: Streams) -> int:
    """`dir [/b] [path]`: a folder's entries (a UNC path reaches another host's share); the
    header, dates, serial number and free space of the long form are the lab's (assumptions)."""
    switches, names = _switches(args)
    target = ctx.path(names[0]) if names else ctx.process.cwd
    unc_error = getattr(ctx.fs, "unc_error", lambda path: None)(target)
    if unc_error:
        io.err.write(unc_error)
        return 1
    folder, entries = _dir_entries(ctx, target)
    if folder is None:
        io.err.write(messages.PATH_NOT_FOUND + CRLF if not ctx.fs.is_dir(parent(target)) else "File Not Found" + CRLF)
        return 1
    if "/b" in switches:
        if not entries:                         # bare: no . and .. to show
            io.err.write("File Not Found" + CRLF)
            return 1
        io.out.write("".join(leaf(e) + CRLF for e in entries))
        return 0
    io.out.write(_dir_long(ctx, folder, entries))
    return 0


def _dir_entries(ctx: Context, target: str) -> tuple[str | None, list[str]]:
    if ctx.fs.is_dir(target):
        return target, [target.rstrip("\\") + "\\" + n for n in ctx.fs.listdir(target)]
    matches = glob(ctx.fs, target) if has_wildcard(target) else [target] if ctx.fs.exists(target) else []
    return (parent(target), matches) if matches else (None, [])


def _dir_long(ctx: Context, folder: str, entries: list[str]) -> str:
    drive = folder[:2] if folder[1:2] == ":" else "\\".join(folder.split("\\")[:4])
    text = f" Volume in drive {drive.rstrip(':')} has no label.{CRLF} Volume Serial Number is {A.DIR_SERIAL}{CRLF}"
    text += f"{CRLF} Directory of {folder}{CRLF}{CRLF}"
    rows = [] if len(folder) <= 3 else [f"{A.DIR_DATE}    <DIR>          {name}" for name in (".", "..")]
    sizes = []                                  # of the files, in name order as NTFS lists them
    for entry in entries:
        if ctx.fs.is_dir(entry):
            rows.append(f"{A.DIR_DATE}    <DIR>          {leaf(entry)}")
        else:
            sizes.append(len(ctx.fs.read(entry) or ""))
            rows.append(f"{A.DIR_DATE}    {sizes[-1]:>14,} {leaf(entry)}")
    text += "".join(row + CRLF for row in rows)
    text += f"{len(sizes):>16} File(s) {sum(sizes):>14,} bytes{CRLF}"
    return text + f"{len(rows) - len(sizes):>16} Dir(s) {A.DIR_FREE:>15} bytes free{CRLF}"
