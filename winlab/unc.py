"""A host's files as its shell sees them: its own drives, and `\\\\HOST\\SHARE\\...` on the lab's hosts.

A UNC path reaches the folder a share of another host points to, while that host is up and
shares it (else "The network path was not found." / "The network name cannot be found.",
which `unc_error` gives the shell's `dir`). Reading only: writing through a share is refused
(`assumptions.UNC_WRITES`), as the lab has no user of the other side to check it against.
"""

from __future__ import annotations

from . import assumptions as A
from .cmdshell.files import VirtualFileSystem, full_path
from .state import LabState


class NetworkFileSystem:
    """`tooling.FileSystem` over the local host's files plus the shares of the lab's hosts."""

    def __init__(self, local: VirtualFileSystem, state: LabState):
        self.local, self.state = local, state

    def read(self, path: str) -> str | None:
        found = self._route(path)
        return found[0].read(found[1]) if found else None

    def write(self, path: str, text: str, append: bool = False) -> None:
        self._local_only(path).write(path, text, append)

    def exists(self, path: str) -> bool:
        found = self._route(path)
        return bool(found) and found[0].exists(found[1])

    def is_dir(self, path: str) -> bool:
        found = self._route(path)
        return bool(found) and found[0].is_dir(found[1])

    def mkdir(self, path: str) -> None:
        self._local_only(path).mkdir(path)

    def delete(self, path: str) -> bool:
        return self._local_only(path).delete(path)

    def listdir(self, path: str) -> list[str]:
        found = self._route(path)
        return found[0].listdir(found[1]) if found else []

    def unc_error(self, path: str) -> str | None:
        """Why a UNC path does not answer (None: it is local, or it answers)."""
        if not _is_unc(path):
            return None
        host, share, _ = _parts(path)
        target = self.state.host(host)
        if target is None or not target.up:
            return A.NETWORK_PATH_NOT_FOUND
        if not share or not any(s.name.lower() == share.lower() for s in target.shares):
            return A.NETWORK_NAME_NOT_FOUND
        return None

    def _route(self, path: str) -> tuple[VirtualFileSystem, str] | None:
        if not _is_unc(path):
            return self.local, path
        if self.unc_error(path):
            return None
        host, name, rest = _parts(path)
        target = self.state.host(host)
        share = next(s for s in target.shares if s.name.lower() == name.lower())
        return VirtualFileSystem(target.files, target.directories), share.path.rstrip("\\") + rest

    def _local_only(self, path: str) -> VirtualFileSystem:
        if _is_unc(path) and not A.UNC_WRITES:
            raise PermissionError(path)
        return self.local


def _is_unc(path: str) -> bool:
    return path.replace("/", "\\").startswith("\\\\")


def _parts(path: str) -> tuple[str, str, str]:
    """(host, share, the rest with its leading backslash) of a UNC path."""
    pieces = full_path(path).lstrip("\\").split("\\")
    host, share = pieces[0], pieces[1] if len(pieces) > 1 else ""
    rest = "".join("\\" + p for p in pieces[2:])
    return host, share, rest
