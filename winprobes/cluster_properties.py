"""cluster.exe property listings: the quorum, a resource's private properties and a
network's common properties.

The layouts are UNCONFIRMED (no public sample; ccr-domain 3.4, lab-spec 3):
    Quorum Resource Name           Path                           Maximum Log Size
    ------------------------------ ------------------------------ ----------------
    Majority Node Set              C:\\WINDOWS\\Cluster\\MNS.{...}$\\{...}$\\MSCS\\ 4096

    T  Resource             Name                           Value
    -- -------------------- ------------------------------ -----------------------
    S  Majority Node Set    MNSFileShare                   \\\\HUB01\\MNS_FSW_CLUS1
(a network's `/prop` has `Network` in the second column). Windows Server 2008, whose
quorum is a model rather than a resource, is read as `Quorum type: Node Majority`, or
`Quorum type: Node and File Share Majority` with `Quorum resource: R` and `Share path: \\\\W\\S`
lines (the lab's layout, UNCONFIRMED). So rows
are read leniently: from the right for the quorum (the path holds no blanks), and by the
object name we asked for in a property listing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .base import Unreadable, shape
from .clusterexe import PREFIX, ClusterProbe, Table, split_word
from .cmdline import quote

_DWORD = re.compile(r"^(?P<value>-?\d+|0x[0-9a-fA-F]+)(?:\s*\(0x[0-9a-fA-F]+\))?$")
_PROPERTY = re.compile(r"^(?P<name>\S+)(?:\s+(?P<value>.*))?$")


_QUORUM_TYPE = re.compile(r"^\s*Quorum type\s*:\s*(?P<type>\S.*?)\s*$", re.IGNORECASE)
_QUORUM_FIELD = re.compile(r"^\s*(?P<label>Quorum resource|Share path)\s*:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quorum:
    resource: str | None             # None: a 2008 quorum model without a witness resource
    path: str | None
    max_log_size: int | None         # kilobytes
    type: str | None = None          # 2008: "Node Majority", "Node and File Share Majority"...


class ClusterQuorum(ClusterProbe[Quorum]):
    NAME = "cluster_quorum"
    ALLOW = (shape(PREFIX + r" /quorum(?:resource)?"),)

    def command(self) -> str:
        return self.cluster_command("/quorum")

    def process(self, lines: list[str]) -> Quorum:
        for line in lines:
            if model := _QUORUM_TYPE.match(line):
                fields = {m["label"].lower(): m["value"] for m in map(_QUORUM_FIELD.match, lines) if m}
                return Quorum(fields.get("quorum resource"), fields.get("share path"), None, model["type"])
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
class PropertyList:
    owner: str                       # the resource or network listed
    properties: tuple[PrivateProperty, ...]

    def get(self, name: str) -> PrivateProperty | None:
        return next((p for p in self.properties if p.name.lower() == name.lower()), None)


class ResourcePrivateProperties(ClusterProbe[PropertyList]):
    """`cluster NAME res "R" /priv`: e.g. MNSFileShare (absent before KB 921181 / SP2)."""

    NAME = "resource_private_properties"
    ALLOW = (shape(PREFIX + r" res(?:ource)? {QUOTED} /priv(?:properties)?"),)

    def __init__(self, cluster: str, resource: str):
        super().__init__(cluster)
        quote(resource)                    # refuses what cannot be quoted safely
        self.resource = resource

    def command(self) -> str:
        return self.cluster_command("res", quote(self.resource), "/priv")

    def process(self, lines: list[str]) -> PropertyList:
        return PropertyList(self.resource, property_rows(lines, "Resource", self.resource))


class NetworkProperties(ClusterProbe[PropertyList]):
    """`cluster NAME network "N" /prop`: a cluster network's common properties, among them
    `Role` (0 none, 1 internal only, 2 clients only, 3 all communications [S38][S122]) and its
    `Address` and `AddressMask`."""

    NAME = "network_properties"
    ALLOW = (shape(PREFIX + r" net(?:work)? {QUOTED} /prop(?:erties)?"),)

    def __init__(self, cluster: str, network: str):
        super().__init__(cluster)
        quote(network)                     # refuses what cannot be quoted safely
        self.network = network

    def command(self) -> str:
        return self.cluster_command("network", quote(self.network), "/prop")

    def process(self, lines: list[str]) -> PropertyList:
        return PropertyList(self.network, property_rows(lines, "Network", self.network))


def property_rows(lines: list[str], kind: str, owner: str) -> tuple[PrivateProperty, ...]:
    """The rows of a `T  <kind>  Name  Value` listing, each for the object `owner`."""
    properties = []
    for no, row in Table(lines, ("T", kind, "Name", "Value")).rows:
        letter, _, rest = row.strip().partition(" ")
        rest = rest.lstrip()
        after = rest[len(owner):]
        if not rest.lower().startswith(owner.lower()) or not after[:1].isspace():
            raise Unreadable(f"row is not for {kind.lower()} {owner!r}", no)
        match = _PROPERTY.match(after.strip())
        if not match:
            raise Unreadable("row has no property name", no)
        properties.append(PrivateProperty(match["name"], letter, _value(letter, match["value"] or "", no)))
    return tuple(properties)


def _value(kind: str, text: str, no: int) -> str | int:
    """DWORDs as int (printed `240` or `240 (0xf0)`, UNCONFIRMED); the rest as printed."""
    if kind.upper() != "D":
        return text.strip()
    match = _DWORD.match(text.strip())
    if not match:
        raise Unreadable(f"DWORD value {text.strip()!r} is not a number", no)
    return int(match["value"], 0)
