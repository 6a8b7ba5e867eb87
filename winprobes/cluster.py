"""cluster.exe status listings: nodes, groups, resources and networks.

Layouts (ccr-domain 3.1-3.4, confirmations 5.4): nodes `%-14s %7d %s`, groups
`%-20s %-15s %s`, resources `%-20s %-20s %-15s %s`, networks `%-20s %s` and network
interfaces `%-15s %-20s %s` (node, network, status; the network and interface layouts are
UNCONFIRMED). Host names never hold spaces; group, resource and network names and some
statuses ("Partially Online") may.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .runner import Runner
from .base import Unreadable, shape
from .clusterexe import PREFIX, ClusterProbe, Table, split_status, split_word
from .cmdline import netbios_name, quote

NODE_STATUSES = ("Up", "Down", "Paused", "Joining", "Unknown")
GROUP_STATUSES = ("Online", "Offline", "Partially Online", "Failed", "Pending", "Unknown")
RESOURCE_STATUSES = ("Online", "Offline", "Failed", "Online Pending", "Offline Pending", "Pending",
                     "Initializing", "Unknown")
# CLUSTER_NETINTERFACE_STATE: Unknown, Unavailable, Failed, Unreachable, Up (display words UNCONFIRMED)
INTERFACE_STATUSES = ("Up", "Failed", "Unreachable", "Unavailable", "Unknown")
_NODE_ROW = re.compile(r"^(?P<name>\S+)\s+(?P<id>\d+)\s+(?P<status>\S.*)$")


@dataclass(frozen=True)
class ClusterNode:
    name: str
    id: int
    status: str


@dataclass(frozen=True)
class ClusterGroup:
    name: str
    node: str                      # owner
    status: str


@dataclass(frozen=True)
class ClusterResource:
    name: str
    group: str
    node: str
    status: str


@dataclass(frozen=True)
class ClusterNetwork:
    name: str
    status: str


@dataclass(frozen=True)
class ClusterNetInterface:
    node: str
    network: str
    status: str


class ClusterNodes(ClusterProbe[tuple[ClusterNode, ...]]):
    """`cluster NAME node` (all nodes, rows not sorted by id) or `cluster NAME node N`."""

    NAME = "cluster_nodes"
    ALLOW = (shape(PREFIX + r" node(?: {NETBIOS})?"),)

    def __init__(self, cluster: str, node: str | None = None):
        super().__init__(cluster)
        self.node = None if node is None else netbios_name(node, "node name")

    def command(self) -> str:
        return self.cluster_command("node", *([self.node] if self.node else []))

    def process(self, lines: list[str]) -> tuple[ClusterNode, ...]:
        nodes = []
        for no, row in Table(lines, ("Node", "Node ID", "Status")).rows:
            match = _NODE_ROW.match(row)
            if not match:
                raise Unreadable("not a 'name id status' row", no)
            nodes.append(ClusterNode(match["name"], int(match["id"]), match["status"].strip()))
        return tuple(nodes)


class ClusterGroups(ClusterProbe[tuple[ClusterGroup, ...]]):
    """`cluster NAME group` or `cluster NAME group "G"`."""

    NAME = "cluster_groups"
    ALLOW = (shape(PREFIX + r" group(?: {QUOTED})?"),)

    def __init__(self, cluster: str, group: str | None = None):
        super().__init__(cluster)
        self.group = group if group is None else _checked(group)

    def command(self) -> str:
        return self.cluster_command("group", *([quote(self.group)] if self.group is not None else []))

    def process(self, lines: list[str]) -> tuple[ClusterGroup, ...]:
        groups = []
        for no, row in Table(lines, ("Group", "Node", "Status")).rows:
            rest, status = split_status(row, GROUP_STATUSES, no)
            name, node = split_word(rest, no)
            groups.append(ClusterGroup(name.strip(), node, status))
        return tuple(groups)


class ClusterResources(ClusterProbe[tuple[ClusterResource, ...]]):
    """`cluster NAME res` or `cluster NAME res "R"`.

    A resource name longer than its column pushes the group right, so the group is found
    from the right: first among `groups` (the names `cluster NAME group` lists; `read()`
    fetches them when not given), then from the group column's padding, then by the
    fixed widths.
    """

    NAME = "cluster_resources"
    ALLOW = (shape(PREFIX + r" res(?:ource)?(?: {QUOTED})?"),)

    def __init__(self, cluster: str, resource: str | None = None, groups: list[str] | None = None):
        super().__init__(cluster)
        self.resource = resource if resource is None else _checked(resource)
        self.groups = None if groups is None else tuple(groups)

    def command(self) -> str:
        return self.cluster_command("res", *([quote(self.resource)] if self.resource is not None else []))

    def read(self, target: Runner, host: str) -> tuple[ClusterResource, ...]:
        if self.groups is None:
            groups = ClusterGroups(self.cluster).read(target, host)
            return ClusterResources(self.cluster, self.resource, [g.name for g in groups]).read(target, host)
        return super().read(target, host)

    def process(self, lines: list[str]) -> tuple[ClusterResource, ...]:
        table = Table(lines, ("Resource", "Group", "Node", "Status"))
        resources = []
        for no, row in table.rows:
            rest, status = split_status(row, RESOURCE_STATUSES, no)
            before_node, node = split_word(rest, no)
            name, group = self._name_and_group(before_node, table.widths, no)
            resources.append(ClusterResource(name, group, node, status))
        return tuple(resources)

    def _name_and_group(self, text: str, widths: list[int], no: int) -> tuple[str, str]:
        """`text` is `%-20s %-20s ` filled with name and group (the name maybe longer)."""
        stripped = text.rstrip()
        for group in sorted(self.groups or (), key=len, reverse=True):
            name = stripped[: len(stripped) - len(group)]
            if stripped.lower().endswith(group.lower()) and name[-1:] == " " and name.strip():
                return name.strip(), stripped[len(name):]
        padding = len(text) - len(stripped)
        group_width = widths[1] if len(widths) > 1 else 20
        if 2 <= padding <= group_width + 1:          # group shorter than its column
            length = group_width + 1 - padding
            name = stripped[: len(stripped) - length]
            if name[-1:] == " " and name.strip():
                return name.strip(), stripped[len(name):]
        name, group = text[: widths[0]].strip(), text[widths[0]:].strip()
        if not name or not group:
            raise Unreadable("cannot tell the resource name from the group", no)
        return name, group


def _checked(name: str) -> str:
    quote(name)                        # refuses what cannot be quoted safely
    return name


class ClusterNetworks(ClusterProbe[tuple[ClusterNetwork, ...]]):
    """`cluster NAME network` (layout UNCONFIRMED: `%-20s %s`)."""

    NAME = "cluster_networks"
    ALLOW = (shape(PREFIX + r" net(?:work)?"),)

    def command(self) -> str:
        return self.cluster_command("network")

    def process(self, lines: list[str]) -> tuple[ClusterNetwork, ...]:
        networks = []
        for no, row in Table(lines, ("Network", "Status")).rows:
            name, status = split_word(row, no)
            networks.append(ClusterNetwork(name.strip(), status))
        return tuple(networks)


class ClusterNetInterfaces(ClusterProbe[tuple[ClusterNetInterface, ...]]):
    """`cluster NAME netint`: every node's interface on every cluster network [C17]
    (layout UNCONFIRMED: `Node Network Status`, one row per interface)."""

    NAME = "cluster_net_interfaces"
    ALLOW = (shape(PREFIX + r" netint(?:erface)?"),)

    def command(self) -> str:
        return self.cluster_command("netint")

    def process(self, lines: list[str]) -> tuple[ClusterNetInterface, ...]:
        interfaces = []
        for no, row in Table(lines, ("Node", "Network", "Status")).rows:
            rest, status = split_status(row, INTERFACE_STATUSES, no)
            node, _, network = rest.strip().partition(" ")
            if not network.strip():
                raise Unreadable("row has no network name (truncated?)", no)
            interfaces.append(ClusterNetInterface(node, network.strip(), status))
        return tuple(interfaces)
