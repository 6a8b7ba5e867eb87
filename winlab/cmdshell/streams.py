"""Where a command reads and writes: stdin, stdout and stderr, and redirections of them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from ..tooling import FileSystem
from . import messages
from .files import device, full_path, parent
from .syntax import Redirect


class Source:
    """Input that several commands of one block read in turn (`set /p` takes a line each)."""

    def __init__(self, text: str = ""):
        self.text, self.pos = text, 0

    def read_line(self) -> str | None:
        if self.pos >= len(self.text):
            return None
        end = self.text.find("\n", self.pos)
        end = len(self.text) if end < 0 else end + 1
        line, self.pos = self.text[self.pos:end], end
        return line.rstrip("\r\n")

    def read_all(self) -> str:
        rest, self.pos = self.text[self.pos:], len(self.text)
        return rest


class Sink(Protocol):
    def write(self, text: str) -> None: ...


class Buffer:
    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    def text(self) -> str:
        return "".join(self.parts)


class Discard:
    def write(self, text: str) -> None:
        pass


class FileSink:
    def __init__(self, fs: FileSystem, path: str):
        self.fs, self.path = fs, path

    def write(self, text: str) -> None:
        self.fs.write(self.path, text, append=True)


@dataclass(frozen=True)
class Streams:
    stdin: Source
    out: Sink
    err: Sink


class RedirectError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def redirect(io: Streams, redirects: tuple[Redirect, ...], fs: FileSystem, cwd: str) -> Streams:
    """`io` with `redirects` applied left to right; files are opened (and `>` truncates) now."""
    for r in redirects:
        if r.op.endswith("&"):
            io = _duplicate(io, r.handle, int(r.target))
        elif r.op == "<":
            io = replace(io, stdin=_open_input(fs, _path(r.target, cwd))) if r.handle == 0 else io
        else:
            io = _assign(io, r.handle, _open_output(fs, _path(r.target, cwd), r.op == ">>", io))
    return io


def _path(target: str, cwd: str) -> str:
    return full_path(target.replace('"', ""), cwd)


def _duplicate(io: Streams, handle: int, source: int) -> Streams:
    if handle == 0 or source not in (1, 2):
        return io
    return _assign(io, handle, io.out if source == 1 else io.err)


def _assign(io: Streams, handle: int, sink: Sink) -> Streams:
    if handle == 1:
        return replace(io, out=sink)
    return replace(io, err=sink) if handle == 2 else io


def _open_input(fs: FileSystem, path: str) -> Source:
    if device(path):
        return Source()
    text = fs.read(path)
    if text is None:
        raise RedirectError(messages.FILE_NOT_FOUND)
    return Source(text)


def _open_output(fs: FileSystem, path: str, append: bool, io: Streams) -> Sink:
    name = device(path)
    if name == "NUL":
        return Discard()
    if name == "CON":
        return io.out
    if fs.is_dir(path):
        raise RedirectError(messages.ACCESS_DENIED)
    if not fs.is_dir(parent(path)):
        raise RedirectError(messages.PATH_NOT_FOUND)
    try:
        if not append or not fs.exists(path):
            fs.write(path, "")
    except PermissionError:                     # a file system that refuses writes there (a share)
        raise RedirectError(messages.ACCESS_DENIED) from None
    return FileSink(fs, path)
