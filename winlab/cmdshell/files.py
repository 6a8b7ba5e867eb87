"""A host's files as plain data, with Windows path rules.

`VirtualFileSystem` keeps files as `{full path: text}` and directories as a list of full
paths, both owned by the caller so the lab can persist them as JSON. Paths are compared
case-insensitively and stored with the case they were first written in. Text is one
character per byte (latin-1), so a decoded file keeps its exact bytes.
"""

from __future__ import annotations

import re

from ..tooling import FileSystem

DEVICES = {"NUL", "CON", "PRN", "AUX", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def full_path(path: str, cwd: str = "C:\\") -> str:
    """`path` made absolute against `cwd`: drive letter, `\\` separators, no `.` or `..`."""
    path = path.replace("/", "\\")
    if path.startswith("\\\\"):
        return "\\\\" + "\\".join(_components(path[2:]))
    if len(path) >= 2 and path[1] == ":" and path[0].isalpha():
        drive, rest = path[0].upper() + ":", path[2:]
        if not rest.startswith("\\"):
            base = cwd if cwd[:2].upper() == drive else drive + "\\"
            rest = base[2:] + "\\" + rest
    else:
        drive = cwd[:2].upper()
        rest = path if path.startswith("\\") else cwd[2:] + "\\" + path
    return drive + "\\" + "\\".join(_components(rest))


def _components(rest: str) -> list[str]:
    parts: list[str] = []
    for part in rest.split("\\"):
        if part == "..":
            if parts:
                parts.pop()
            continue
        part = part.rstrip(" .")        # Windows drops trailing dots and spaces
        if part:
            parts.append(part)
    return parts


def parent(path: str) -> str:
    head = path.rstrip("\\").rsplit("\\", 1)[0]
    return head + "\\" if len(head) == 2 and head[1] == ":" else head


def leaf(path: str) -> str:
    return path.rstrip("\\").rsplit("\\", 1)[-1]


def device(path: str) -> str | None:
    """The device a path names (`nul`, `C:\\x\\NUL.txt`), upper case, or None."""
    stem = leaf(path).split(".", 1)[0].upper()
    return stem if stem in DEVICES else None


def has_wildcard(path: str) -> bool:
    return "*" in leaf(path) or "?" in leaf(path)


def glob(fs: FileSystem, pattern: str) -> list[str]:
    """Full paths of the entries of a directory matching the wildcards of `pattern`'s last part."""
    directory, mask = parent(pattern), leaf(pattern)
    if not fs.is_dir(directory):
        return []
    if mask == "*.*":
        mask = "*"
    regex = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in mask), re.I)
    return [_join(directory, name) for name in fs.listdir(directory) if regex.fullmatch(name)]


def _join(directory: str, name: str) -> str:
    return directory.rstrip("\\") + "\\" + name


class VirtualFileSystem:
    """`tooling.FileSystem` over a dict of files and a list of directories that the caller owns.

    >>> fs = VirtualFileSystem({}, [])
    >>> fs.mkdir(r"C:\\Temp\\runbook"); fs.write(r"c:\\temp\\RUNBOOK\\a.cmd", "@echo off\\r\\n")
    >>> fs.read(r"C:\\TEMP\\runbook\\A.CMD")
    '@echo off\\r\\n'
    """

    def __init__(self, files: dict[str, str], directories: list[str]):
        self.files = files
        self.directories = directories

    def read(self, path: str) -> str | None:
        key = self._file(path)
        return None if key is None else self.files[key]

    def write(self, path: str, text: str, append: bool = False) -> None:
        path = full_path(path)
        if device(path):
            return
        if self.is_dir(path):
            raise IsADirectoryError(path)
        if not self.is_dir(parent(path)):
            raise FileNotFoundError(parent(path))
        key = self._file(path) or self._cased(parent(path)).rstrip("\\") + "\\" + leaf(path)
        self.files[key] = self.files.get(key, "") + text if append else text

    def exists(self, path: str) -> bool:
        path = full_path(path)
        if device(path):
            return self.is_dir(parent(path))
        return self._file(path) is not None or self.is_dir(path)

    def is_dir(self, path: str) -> bool:
        path = full_path(path)
        low = path.lower()
        if len(path) == 3:                      # a drive root: C: always, others when used
            return low == "c:\\" or any(k.lower().startswith(low) for k in self._entries())
        prefix = low + "\\"
        return any(d.lower() == low for d in self.directories) or any(
            k.lower().startswith(prefix) for k in self._entries())

    def mkdir(self, path: str) -> None:
        path = full_path(path)
        if self._file(path) is not None:
            raise FileExistsError(path)
        missing = []
        while len(path) > 3 and not self.is_dir(path):
            missing.append(path)
            path = parent(path)
        base = self._cased(path)
        self.directories.extend(base.rstrip("\\") + p[len(path.rstrip("\\")):] for p in reversed(missing))

    def delete(self, path: str) -> bool:
        key = self._file(path)
        if key is not None:
            del self.files[key]
            self._keep(parent(key))
            return True
        path = full_path(path)
        if len(path) == 3 or not self.is_dir(path) or self.listdir(path):
            return False
        self.directories[:] = [d for d in self.directories if d.lower() != path.lower()]
        self._keep(parent(path))
        return True

    def listdir(self, path: str) -> list[str]:
        prefix = full_path(path).rstrip("\\").lower() + "\\"
        names: dict[str, str] = {}
        for entry in self._entries():
            if entry.lower().startswith(prefix):
                name = entry[len(prefix):].split("\\", 1)[0]
                if name:                        # not the folder itself
                    names.setdefault(name.lower(), name)
        return sorted(names.values(), key=str.lower)

    def _file(self, path: str) -> str | None:
        low = full_path(path).lower()
        return next((k for k in self.files if k.lower() == low), None)

    def _cased(self, directory: str) -> str:
        """An existing directory's path with the case it was created in."""
        low = directory.lower()
        for entry in self._entries():
            if entry.lower() == low or entry.lower().startswith(low.rstrip("\\") + "\\"):
                return entry[:len(directory)]
        return directory

    def _entries(self) -> list[str]:
        return [*self.files, *self.directories]

    def _keep(self, directory: str) -> None:
        """Record a directory that existed only through its contents, so emptying it keeps it."""
        if len(directory) > 3 and not any(d.lower() == directory.lower() for d in self.directories):
            self.directories.append(directory)
