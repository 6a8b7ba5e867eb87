"""cluster.exe property listings: the quorum resource, and a resource's private properties.

Both layouts are UNCONFIRMED (no public sample; ccr-domain 3.4, lab-spec 3):
    Quorum Resource Name           Path                           Maximum Log Size
    ------------------------------ ------------------------------ ----------------
    Majority Node Set              C:\\WINDOWS\\Cluster\\MNS.{...}$\\{...}$\\MSCS\\ 4096

    T  Resource             Name                           Value
    -- -------------------- ------------------------------ -----------------------
    S  Majority Node Set    MNSFileShare                   \\\\HUB01\\MNS_FSW_CLUS1
So rows are read leniently: from the right for the quorum (the path holds no blanks),
and by the resource name we asked for in the properties listing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Unreadable, shape
from .clusterexe import PREFIX, ClusterProbe, Table, split_word
from .cmdline import quote

_DWORD = re.compile(r"^(?P<value>-?\d+|0x[0-9a-fA-F]+)(?:\s*\(0x[0-9a-fA-F]+\))?$")
_PROPERTY = re.compile(r"^(?P<name>\S+)(?:\s+(?P<value>.*))?$")


@dataclass(frozen=True)
class Quorum:
    resource: str
    path: str | None
    max_log_size: int | None         # kilobytes


class ClusterQuorum(ClusterProbe[Quorum]):
    NAME = "cluster_quorum"
    ALLOW = (shape(PREFIX + r" /quorum(?:resource)?"),)

    def command(self) -> str:
        return self.cluster_command("/quorum")

    def process(self, lines: list[str]) -> Quorum:
        rows = Table(lines, ("Quorum Resource Name", "Path", "Maximum Log Size")).rows
        if len(rows) != 1:
            raise Unreadable(f"expected one quorum row, found {len(rows)}", rows[1][0] if rows else None)
        no, row = rows[0]
        rest, size = split_word(row, no)
        if not size.isdigit():
            raise Unreadable("the maximum log size is not a number", no)
        name, path = split_word(rest, no)
        return Quorum(name.strip(), path, int(size))


@dataclass(frozen=True)
class PrivateProperty:
    name: str
    type: str                        # S string, D dword, M multi-string, B binary... (cluster.exe letters)
    value: str | int


@dataclass(frozen=True)
class PrivateProperties:
    resource: str
    properties: tuple[PrivateProperty, ...]

    def get(self, name: str) -> PrivateProperty | None:
        return next((p for p in self.properties if p.name.lower() == name.lower()), None)


class ResourcePrivateProperties(ClusterProbe[PrivateProperties]):
    """`cluster NAME res "R" /priv`: e.g. MNSFileShare (absent before KB 921181 / SP2)."""

    NAME = "resource_private_properties"
    ALLOW = (shape(PREFIX + r" res(?:ource)? {QUOTED} /priv(?:properties)?"),)

    def __init__(self, cluster: str, resource: str):
        super().__init__(cluster)
        quote(resource)                    # refuses what cannot be quoted safely
        self.resource = resource

    def command(self) -> str:
        return self.cluster_command("res", quote(self.resource), "/priv")

    def process(self, lines: list[str]) -> PrivateProperties:
        properties = []
        for no, row in Table(lines, ("T", "Resource", "Name", "Value")).rows:
            kind, _, rest = row.strip().partition(" ")
            rest = rest.lstrip()
            after = rest[len(self.resource):]
            if not rest.lower().startswith(self.resource.lower()) or not after[:1].isspace():
                raise Unreadable(f"row is not for resource {self.resource!r}", no)
            match = _PROPERTY.match(after.strip())
            if not match:
                raise Unreadable("row has no property name", no)
            properties.append(PrivateProperty(match["name"], kind, _value(kind, match["value"] or "", no)))
        return PrivateProperties(self.resource, tuple(properties))


def _value(kind: str, text: str, no: int) -> str | int:
    """DWORDs as int (printed `240` or `240 (0xf0)`, UNCONFIRMED); the rest as printed."""
    if kind.upper() != "D":
        return text.strip()
    match = _DWORD.match(text.strip())
    if not match:
        raise Unreadable(f"DWORD value {text.strip()!r} is not a number", no)
    return int(match["value"], 0)
