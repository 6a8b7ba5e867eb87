"""`net share` (the list), `net share NAME` (one share) and `dir "\\\\HOST\\SHARE"` (does it answer).

Real layouts, from public captures of net.exe (Vista and later; 2003 believed the same):

    Share name   Resource                        Remark

    -------------------------------------------------------------------------------
    C$           C:\\                             Default share
    IPC$                                         Remote IPC
    Company Data C:\\Users\\htb-student\\Desktop\\Company Data
    The command completed successfully.

Columns start where the header's words do (13 and 45); a longer name is printed on a line
of its own and its row goes on under it, and a long path pushes the remark to the next line
(both read here). One share:

    Share name        C$
    Path              C:\\
    Remark            Default share
    Maximum users     No limit
    Users
    Caching           Manual caching of documents
    Permission        Everyone, FULL
                      BUILTIN\\Administrators, FULL

    The command completed successfully.

(labels padded to 18; 2003 may print no Permission line: `permissions` is then None.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Probe, ProbeError, Unreadable, first_line, shape
from .cmdline import quote
from .runner import Runner

_DONE = re.compile(r"^The command completed successfully\.?\s*$", re.IGNORECASE)
_DASHES = re.compile(r"^\s*-{10,}\s*$")
_COLUMN = re.compile(r"\S+(?: \S+)*")            # a header word group: words one space apart
_FIELD = re.compile(r"^(?P<label>\S+(?: \S+)*?)(?:\s{2,}(?P<value>.*?))?\s*$")
_SHARE_NAME = r'[^"\\/\[\]:|<>+=;,?*%\r\n]{1,80}'


@dataclass(frozen=True)
class ShareEntry:
    name: str
    path: str                        # "" for IPC$ and the like
    remark: str


class NetShares(Probe[tuple[ShareEntry, ...]]):
    """`net share`: every share of the host."""

    NAME = "net_shares"
    ALLOW = (shape(r"net share"),)

    def command(self) -> str:
        return "net share"

    def process(self, lines: list[str]) -> tuple[ShareEntry, ...]:
        if any(line.strip().lower().startswith("there are no entries") for line in lines):
            return ()
        dash_at = next((n for n, line in enumerate(lines) if _DASHES.match(line)), None)
        header = next((line for line in reversed(lines[:dash_at or 0]) if line.strip()), None)
        if dash_at is None or header is None:
            raise Unreadable("no share table (header and dash line)")
        starts = [m.start() for m in _COLUMN.finditer(header)]
        if len(starts) < 3:
            raise Unreadable("the header has no Resource and Remark columns", dash_at)
        return tuple(_rows(lines[dash_at + 1:], starts[1], starts[2], dash_at + 2))


def _rows(lines: list[str], path_at: int, remark_at: int, first_no: int) -> list[ShareEntry]:
    """Each row's text runs (words one space apart) by the column they start at: before the
    Remark column a path, from it on a remark; lines that start blank go on the row above."""
    rows: list[list[str]] = []              # [name, path, remark] being built
    for no, raw in enumerate(lines, first_no):
        line = raw.expandtabs(8).rstrip()
        if not line.strip() or _DONE.match(line):
            continue
        if not line[:1].isspace():
            name, cut = _name(line, path_at)
            rows.append([name, "", ""])
            line = " " * cut + line[cut:]
        elif not rows:
            raise Unreadable("a continuation line before any share", no)
        for run in _COLUMN.finditer(line):
            field = 1 if run.start() < remark_at and not rows[-1][1] else 2
            rows[-1][field] = (rows[-1][field] + " " + run.group()).strip()
    return [ShareEntry(*row) for row in rows]


def _name(line: str, path_at: int) -> tuple[str, int]:
    """The share name a row starts with, and where the rest of the row starts."""
    if len(line) < path_at:
        return line.strip(), len(line)
    if line[path_at - 1] == " ":
        return line[:path_at - 1].rstrip(), path_at
    # a longer name on the row itself: up to the path (a drive or UNC path) or a run of blanks
    match = re.match(r"^(?P<name>.+?)(?: (?=[A-Za-z]:\\|\\\\)|\s{2,})", line)
    return (match["name"], match.end()) if match else (line.strip(), len(line))


@dataclass(frozen=True)
class SharePermission:
    account: str
    access: str                      # READ, CHANGE, FULL


@dataclass(frozen=True)
class ShareInfo:
    name: str
    path: str
    remark: str
    permissions: tuple[SharePermission, ...] | None     # None: no Permission line printed

    def access_of(self, account: str) -> str | None:
        return next((p.access for p in self.permissions or () if p.account.lower() == account.lower()), None)


class NetShare(Probe[ShareInfo]):
    """`net share NAME`: one share's path, remark and share permissions."""

    NAME = "net_share"
    ALLOW = (shape(r"net share " + _SHARE_NAME.replace(" ", "")),)

    def __init__(self, share: str):
        if not re.fullmatch(_SHARE_NAME, share) or " " in share:
            raise ValueError(f"{share!r} is not a share name the probe can pass")
        self.share = share

    def command(self) -> str:
        return f"net share {self.share}"

    def process(self, lines: list[str]) -> ShareInfo:
        fields: dict[str, list[str]] = {}
        label = None
        for no, line in enumerate(lines, 1):
            if not line.strip() or _DONE.match(line):
                label = None if not line.strip() else label
                continue
            if line[:1].isspace():
                if label is None:
                    raise Unreadable("a continuation line without a field", no)
                fields[label].append(line.strip())
                continue
            match = _FIELD.match(line)
            label = match["label"].lower()
            fields.setdefault(label, []).extend([match["value"]] if match["value"] else [])
        if "share name" not in fields or "path" not in fields:
            raise Unreadable("no Share name and Path lines")
        grants = None
        if "permission" in fields:
            grants = tuple(_permission(text) for text in fields["permission"])
        return ShareInfo(" ".join(fields["share name"]), " ".join(fields["path"]),
                         " ".join(fields.get("remark", [])), grants)


def _permission(text: str) -> SharePermission:
    account, _, access = text.rpartition(",")
    if not account:
        raise Unreadable(f"permission {text!r} is not 'ACCOUNT, ACCESS'")
    return SharePermission(account.strip(), access.strip().upper())


@dataclass(frozen=True)
class ShareReach:
    unc: str
    answers: bool
    error: str | None                # why not: "The network name cannot be found." ...
    entries: tuple[str, ...]         # the names listed (without . and ..)


_DIR_ROW = re.compile(r"^\S+\s+\S+(?:\s?[AaPp]\.?[Mm]\.?)?\s+(?:<DIR>|<JUNCTION>|[\d,.\s]*\d)\s+(?P<name>.+)$")


class ShareListing(Probe[ShareReach]):
    """`dir "\\\\HOST\\SHARE"`: whether the share answers from this host, and what it holds."""

    NAME = "share_listing"
    ALLOW = (shape(r'dir "\\\\{NETBIOS}\\' + _SHARE_NAME + '"'),)

    def __init__(self, unc: str):
        if not re.fullmatch(r"\\\\[A-Za-z0-9][A-Za-z0-9_-]{0,14}\\" + _SHARE_NAME, unc):
            raise ValueError(f"{unc!r} is not a \\\\HOST\\SHARE path")
        quote(unc)
        self.unc = unc

    def command(self) -> str:
        return f"dir {quote(self.unc)}"

    def read(self, target: Runner, host: str) -> ShareReach:
        result = target.run(host, self.command())
        if not result.ok:
            reason = first_line(result.stderr) or first_line(result.stdout)
            if not reason:
                raise ProbeError.command_failed(host, result)
            return ShareReach(self.unc, False, reason, ())
        try:
            return self.parse(result.stdout)
        except ProbeError as err:
            err.host, err.command = host, self.command()
            raise

    def process(self, lines: list[str]) -> ShareReach:
        at = next((n for n, line in enumerate(lines) if line.strip().lower().startswith("directory of ")), None)
        if at is None:
            raise Unreadable("no 'Directory of' line")
        names = []
        for line in lines[at + 1:]:
            match = _DIR_ROW.match(line.rstrip())           # rows start at column 0; the totals do not
            if match and match["name"] not in (".", ".."):
                names.append(match["name"])
        return ShareReach(self.unc, True, None, tuple(names))
