"""Probes: read-only commands paired with parsers of their real output.

`PROBES` maps each probe's NAME to its class; `is_probe_command` is the allow-list that
`verify` enforces on real clusters: a line passes only if it runs one program (no `&`,
`|`, redirection other than a trailing `<nul`, `^` escapes or `%` expansion outside
quotes) and matches, whole, a shape some probe declares in ALLOW.

    >>> is_probe_command('cluster E2K7CLUS res "Majority Node Set" /priv')
    True
    >>> is_probe_command('cluster E2K7CLUS res "Majority Node Set" /priv MNSFileShare=\\\\\\\\hub\\\\fsw')
    False
    >>> is_probe_command("ipconfig /all & netdom join x /domain:y")
    False
"""

from __future__ import annotations

from .acls import FolderCacls, FolderIcacls
from .base import ParseError, Probe, ProbeError, as_data
from .cluster import ClusterGroups, ClusterNetInterfaces, ClusterNetworks, ClusterNodes, ClusterResources
from .cluster_properties import ClusterQuorum, NetworkProperties, ResourcePrivateProperties
from .cluster_settings import ClusterCommonProperties, ClusterNetworkPriority, ClusterPrivateProperties
from .clusterexe import ClusterError
from .dsquery import ForestFunctionalLevel
from .exchange import (ClusteredMailboxServerStatus, MailboxDatabases, MailboxServer, PublicFolderDatabases,
                       ApplicationEvents, ReplicationHealth, ShellError, StorageGroupCopyStatus,
                       StorageGroupCopyStatusTable, StorageGroups, TransportConfig)
from .exchange import PROBES as EXCHANGE_PROBES
from .hostname import HostName
from .servermanager import ServerFeatures
from .ipconfig import IpConfig
from .netsh import NetshAddress, NetshConfig, NetshDump
from .nltest import SecureChannelQuery
from .ping import NameResolution, Ping
from .registry import FileSharingBindings, NetbiosOptions, RegistryValue, TcpipBindings
from .shares import NetShare, NetShares, ShareListing
from .wmic import (AdapterConfigurations, ComputerSystem, HotFixes, NetworkAdapters, OperatingSystem,
                   ProcessorAddressWidths)

PROBES: dict[str, type[Probe]] = {probe.NAME: probe for probe in (
    IpConfig, NetshDump, NetshConfig, NetshAddress,
    NetworkAdapters, AdapterConfigurations, OperatingSystem, ComputerSystem, HotFixes, ProcessorAddressWidths,
    RegistryValue, TcpipBindings, FileSharingBindings, NetbiosOptions,
    ClusterNodes, ClusterGroups, ClusterResources, ClusterNetworks, ClusterNetInterfaces, ClusterQuorum,
    ResourcePrivateProperties, NetworkProperties,
    ForestFunctionalLevel, HostName, Ping, NameResolution, SecureChannelQuery, ServerFeatures,
    NetShares, NetShare, ShareListing, FolderCacls, FolderIcacls,
    ClusterNetworkPriority, ClusterCommonProperties, ClusterPrivateProperties,
    *EXCHANGE_PROBES,
)}


def is_probe_command(line: str) -> bool:
    """Whether `line` is a command some probe may send (and so cannot change anything)."""
    return any(probe.allows(line) for probe in PROBES.values())


__all__ = ["PROBES", "is_probe_command", "Probe", "ProbeError", "ParseError", "ClusterError", "ShellError", "as_data",
           *(probe.__name__ for probe in EXCHANGE_PROBES)]
