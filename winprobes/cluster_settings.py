"""The cluster's own settings: `/listnetpri` (the internal networks' priority) and the cluster's
common (`/prop`) and private (`/priv`) properties, where the heartbeat tolerance lives.

The layouts are UNCONFIRMED (no public sample): the priority list is read as the names under
the dash line, one a line; the property lists as `T  Cluster  Name  Value` rows whose second
column is the cluster's name, like a resource's (cluster_properties.py).
"""

from __future__ import annotations

from .base import Unreadable, shape
from .cluster_properties import PropertyList, property_rows
from .clusterexe import _DASHES, PREFIX, ClusterProbe


class ClusterNetworkPriority(ClusterProbe[tuple[str, ...]]):
    """`cluster C /listnetpri`: the internal networks, the preferred first [S36]."""

    NAME = "cluster_network_priority"
    ALLOW = (shape(PREFIX + r" /listnetpri(?:ority)?"),)

    def command(self) -> str:
        return self.cluster_command("/listnetpri")

    def process(self, lines: list[str]) -> tuple[str, ...]:
        dash_at = next((n for n, line in enumerate(lines) if _DASHES.match(line)), None)
        if dash_at is None:
            raise Unreadable("no dash line above the networks")
        return tuple(line.strip() for line in lines[dash_at + 1:] if line.strip())


class _ClusterPropertyList(ClusterProbe[PropertyList]):
    """The cluster's own properties as `cluster C OPTION` lists them."""

    OPTION = ""

    def command(self) -> str:
        return self.cluster_command(self.OPTION)

    def process(self, lines: list[str]) -> PropertyList:
        return PropertyList(self.cluster, property_rows(lines, "Cluster", self.cluster))


class ClusterCommonProperties(_ClusterPropertyList):
    """`cluster C /prop`: on 2008 SameSubnetDelay, SameSubnetThreshold, CrossSubnet... [S80]."""

    NAME = "cluster_common_properties"
    OPTION = "/prop"
    ALLOW = (shape(PREFIX + r" /prop(?:erties)?"),)


class ClusterPrivateProperties(_ClusterPropertyList):
    """`cluster C /priv`: on 2003 the KB 921181 heartbeat properties (names UNCONFIRMED)."""

    NAME = "cluster_private_properties"
    OPTION = "/priv"
    ALLOW = (shape(PREFIX + r" /priv(?:properties)?"),)
