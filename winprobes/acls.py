"""A folder's ACL as `cacls "P"` (2003) and `icacls "P"` (2008) print it.

Both print the path, a space and the first entry, then every other entry under the first
(indented by the path's length plus one), as public captures show:

    C:\\bd BUILTIN\\Administrators:(OI)(CI)(ID)F            cacls (ID only from Vista on)
          BUILTIN\\Users:(CI)(special access:)
                        FILE_APPEND_DATA
    C:\\bd BUILTIN\\Administrators:(I)(OI)(CI)(F)           icacls, then a blank line and
                                                         "Successfully processed 1 files; ..."

Entries are read by their own shape, not by columns: the account is everything before the
last `:` that starts the flags, so accounts with spaces (`NT AUTHORITY\\Authenticated Users`)
and trailing blanks are fine; `(special access:)` entries collect the rights listed under them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Probe, Unreadable, shape
from .cmdline import quote

CACLS_FLAGS = {"OI", "CI", "IO", "NP", "ID", "DENY"}
ICACLS_FLAGS = {"I", "OI", "CI", "IO", "NP", "DENY"}
_CACLS_ENTRY = re.compile(r"^(?P<account>.+?):(?P<flags>(?:\((?:OI|CI|IO|NP|ID|DENY)\))*)"
                          r"(?P<rights>[RWCFN]|\(special access:\))$", re.IGNORECASE)
_ICACLS_ENTRY = re.compile(r"^(?P<account>.+?):(?P<groups>(?:\([A-Za-z,]+\))+)$")
_SPECIAL = re.compile(r"^[A-Z_]+$")
_SUMMARY = re.compile(r"^Successfully processed (?P<ok>\d+) files; Failed processing (?P<failed>\d+) files$",
                      re.IGNORECASE)
_PATH = r'"[A-Za-z]:\\[^"%\r\n]*[^"%\r\n\\]"'


@dataclass(frozen=True)
class AclEntry:
    account: str
    rights: str                      # cacls: R W C F N or "special"; icacls: F M RX R W N or a list "RD,WD"
    flags: tuple[str, ...]           # OI CI IO NP (and DENY)
    inherited: bool                  # cacls (ID), icacls (I)
    special: tuple[str, ...] = ()    # cacls: the rights listed under "(special access:)"

    @property
    def full_control(self) -> bool:
        return self.rights == "F" and "DENY" not in self.flags and "IO" not in self.flags


@dataclass(frozen=True)
class FolderAcl:
    path: str
    entries: tuple[AclEntry, ...]

    def of(self, account: str) -> tuple[AclEntry, ...]:
        return tuple(e for e in self.entries if e.account.lower() == account.lower())

    def full_control(self, account: str) -> bool:
        """`account` is named with Full Control that applies to the folder itself."""
        return any(e.full_control for e in self.of(account))


class _AclProbe(Probe[FolderAcl]):
    PROGRAM = ""

    def __init__(self, path: str):
        if not re.fullmatch(_PATH, quote(path)):
            raise ValueError(f"{path!r} is not a folder path the probe can pass")
        self.path = path

    def command(self) -> str:
        return f"{self.PROGRAM} {quote(self.path)}"

    def _entry_lines(self, lines: list[str]) -> list[tuple[int, str]]:
        """(line number, text) of the entries: the first line without its path, the others stripped."""
        first = next((n for n, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise Unreadable("no output")
        head = lines[first]
        following = next((line for line in lines[first + 1:] if line.strip() and line[:1].isspace()), None)
        cut = len(following) - len(following.lstrip()) if following else None
        if head.lower().startswith(self.path.lower() + " "):
            cut = len(self.path) + 1
        if cut is None or cut >= len(head) or head[cut - 1] != " ":
            raise Unreadable(f"the first line does not start with the folder {self.path!r}", first + 1)
        found = [(first + 1, head[cut:].strip())]
        for no, line in enumerate(lines[first + 1:], first + 2):
            if not line.strip():
                break
            found.append((no, line.strip()))
        return found


class FolderCacls(_AclProbe):
    """`cacls "P"`: the folder's ACL as cacls.exe prints it (2003, and later Windows)."""

    NAME = "folder_cacls"
    PROGRAM = "cacls"
    ALLOW = (shape(r"cacls " + _PATH),)

    def process(self, lines: list[str]) -> FolderAcl:
        entries: list[AclEntry] = []
        for no, text in self._entry_lines(lines):
            if _SPECIAL.match(text) and entries and entries[-1].rights == "special":
                last = entries[-1]
                entries[-1] = AclEntry(last.account, last.rights, last.flags, last.inherited, last.special + (text,))
                continue
            match = _CACLS_ENTRY.match(text)
            if not match:
                raise Unreadable("not an ACCOUNT:(flags)PERM entry", no)
            flags = tuple(f.upper() for f in re.findall(r"\((\w+)\)", match["flags"]))
            rights = "special" if match["rights"].startswith("(") else match["rights"].upper()
            entries.append(AclEntry(match["account"], rights, tuple(f for f in flags if f != "ID"), "ID" in flags))
        return FolderAcl(self.path, tuple(entries))


class FolderIcacls(_AclProbe):
    """`icacls "P"`: the folder's ACL as icacls.exe prints it (2008; 2003 from SP2)."""

    NAME = "folder_icacls"
    PROGRAM = "icacls"
    ALLOW = (shape(r"icacls " + _PATH),)

    def process(self, lines: list[str]) -> FolderAcl:
        summary = next(((n, m) for n, line in enumerate(lines, 1) if (m := _SUMMARY.match(line.strip()))), None)
        if summary and int(summary[1]["failed"]):
            raise Unreadable("icacls failed to process the folder", summary[0])
        entries = []
        for no, text in self._entry_lines(lines):
            if _SUMMARY.match(text):
                break
            match = _ICACLS_ENTRY.match(text)
            if not match:
                raise Unreadable("not an ACCOUNT:(flags)(PERM) entry", no)
            groups = [g.upper() for g in re.findall(r"\(([^)]*)\)", match["groups"])]
            flags = [g for g in groups if g in ICACLS_FLAGS]
            rights = [g for g in groups if g not in ICACLS_FLAGS]
            if len(rights) != 1:
                raise Unreadable("an entry needs exactly one rights group", no)
            entries.append(AclEntry(match["account"], rights[0], tuple(f for f in flags if f != "I"), "I" in flags))
        return FolderAcl(self.path, tuple(entries))
