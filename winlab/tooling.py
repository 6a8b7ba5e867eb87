"""The seam between the lab's cmd.exe emulation and the Windows tools it runs.

The shell (`winlab.cmdshell`) parses a command line, expands variables, handles
pipes, redirection and batch files, and calls a *tool* for every program that is not a
cmd built-in. A tool receives the raw argument text, exactly as a Windows program gets
its command line (each program parses it its own way: netsh, wmic and cluster.exe differ),
and returns what it printed and its exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol


def crlf(lines: list[str]) -> str:
    """Lines as Windows prints them, each ending with CR LF."""
    return "".join(line + "\r\n" for line in lines)


@dataclass
class Output:
    rc: int = 0
    stdout: str = ""            # lines end with \r\n, as on Windows
    stderr: str = ""


class FileSystem(Protocol):
    """A host's files. Paths are Windows paths, case-insensitive; relative paths are
    resolved by the shell against its current directory before a tool sees them."""

    def read(self, path: str) -> str | None: ...
    def write(self, path: str, text: str, append: bool = False) -> None: ...
    def exists(self, path: str) -> bool: ...
    def is_dir(self, path: str) -> bool: ...
    def mkdir(self, path: str) -> None: ...
    def delete(self, path: str) -> bool: ...
    def listdir(self, path: str) -> list[str]: ...


@dataclass
class Invocation:
    name: str                   # the program as typed: "netsh", "NETSH.EXE", "C:\\WINDOWS\\system32\\wmic.exe"
    args: str                   # argument text after the name: expanded, redirections removed, quotes kept
    stdin: str                  # what was piped or redirected in ("" when nothing)
    env: Mapping[str, str]      # the shell's variables (may hold secrets: never store them)
    fs: FileSystem
    cwd: str                    # the shell's current directory
    host: Any                   # the lab's context for this host (opaque to the shell)
    shell: Any = field(default=None, repr=False)   # the calling shell, for tools that run commands


Tool = Callable[[Invocation], Output]


class ToolRegistry(Protocol):
    def lookup(self, name: str) -> Tool | None:
        """The tool a program name resolves to (`netsh`, `netsh.exe`, a full path), or None."""
