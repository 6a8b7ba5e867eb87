"""The lab's state: every host, its adapters and files, the domain, the cluster, the faults.

One JSON document per lab (`store.py` writes it atomically). The models are mutable:
tools change them in place while a command runs, and the store saves the result. Only
what Windows would keep is stored; what Windows computes (a DHCP address in use, the
registry's Linkage values, a node's status) is derived by the modules that show it.
Passwords are never part of the state: `Domain.accounts` holds names and roles only.
Host roles and network (segment) names are the topology's strings (topology.py).
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface, IPv4Network
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .exchange.model import ExchangeState

SCHEMA_VERSION = 3               # 3: computer names, pending changes and scheduled restarts, more faults

Platform = Literal["windows-2003", "windows-2008"]
Register = Literal["none", "primary", "both"]
Source = Literal["dhcp", "static"]
ResourceState = Literal["Online", "Offline", "Failed"]


class StateModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- Networks -----------------------------------------------------------------------

class Gateway(StateModel):
    address: IPv4Address
    metric: int = 0                     # 0 = automatic metric


class Lease(StateModel):
    """What the segment's DHCP server handed to an adapter."""

    address: IPv4Interface
    gateway: IPv4Address | None = None
    dns_servers: list[IPv4Address] = Field(default_factory=list)
    server: IPv4Address


class Adapter(StateModel):
    """A LAN connection: Win32_NetworkAdapter + Win32_NetworkAdapterConfiguration + TCP/IP settings."""

    index: int                          # WMI Index of both classes
    guid: str                           # SettingID, "{XXXXXXXX-...}"
    description: str
    mac: str                            # "00:0C:29:12:34:56", as WMI shows it
    connection_name: str                # NetConnectionID: "Local Area Connection", later "Public"
    segment: str                        # the network (wire) the adapter is plugged into
    media_connected: bool = True
    dhcp: bool = True
    addresses: list[IPv4Interface] = Field(default_factory=list)    # static addresses (dhcp off)
    gateways: list[Gateway] = Field(default_factory=list)           # static default gateways
    lease: Lease | None = None          # dhcp on: the lease; None means no server answered (APIPA)
    dns_source: Source = "dhcp"
    dns_servers: list[IPv4Address] = Field(default_factory=list)    # static DNS servers
    registration: Register = "primary"  # DNS registration: none / primary suffix / both suffixes
    wins_source: Source = "dhcp"
    wins_servers: list[IPv4Address] = Field(default_factory=list)   # static WINS servers
    netbios_options: Literal[0, 1, 2] = 0                           # 0 via DHCP, 1 on, 2 off
    interface_metric: int = 0


class NetworkSegment(StateModel):
    """A wire of the site, with what its DHCP server (if any) offers."""

    subnet: IPv4Network
    gateway: IPv4Address | None = None
    dhcp_server: IPv4Address | None = None
    dhcp_dns: list[IPv4Address] = Field(default_factory=list)
    leases: dict[str, IPv4Address] = Field(default_factory=dict)   # MAC -> address handed out


# --- Hosts --------------------------------------------------------------------------

class OperatingSystem(StateModel):
    release: Literal["2003", "2003-r2", "2008"]
    edition: Literal["standard", "enterprise", "datacenter"]
    service_pack: int
    caption: str                        # Win32_OperatingSystem.Caption
    version: str                        # "5.2.3790"
    build: str                          # "3790"
    csd_version: str                    # "Service Pack 1" or ""
    other_type: str | None = None       # "R2" on 2003 R2
    architecture: Literal["x64", "x86"] = "x64"   # Win32_Processor.AddressWidth 64 or 32


class Share(StateModel):
    name: str
    path: str
    grants: dict[str, str] = Field(default_factory=dict)           # account -> READ|CHANGE|FULL
    remark: str = ""


class Ace(StateModel):
    """One entry of a folder's access control list (security.py reads and prints them)."""

    account: str                        # as Windows resolves it: BUILTIN\Administrators, E2K7\clussvc
    rights: str                         # F full, C change (icacls M), R read (icacls RX), W write, N none
    flags: list[str] = Field(default_factory=list)                  # OI, CI, IO, NP: inheritance
    inherited: bool = False             # came from the parent folder (cacls (ID) on 2008, icacls (I))
    special: list[str] = Field(default_factory=list)               # rights == "S": FILE_APPEND_DATA...


class Pending(StateModel):
    """What Windows has recorded and applies at the next start (restarts.py)."""

    name: str | None = None             # Win32_ComputerSystem.Rename's new name
    domain: str | None = None           # FQDN joined by netdom, a member from the next start
    features: list[str] = Field(default_factory=list)              # 2008 installs that returned 3010
    binding_order: list[str] | None = None                         # Tcpip\Linkage Bind as written [C7]
    remote_access_at: int | None = None                             # ... with \Device\NdisWanIp there

    def recorded(self) -> bool:
        return bool(self.name or self.domain or self.features or self.binding_order)


class ScheduledRestart(StateModel):
    """`shutdown /r /t N` or `netdom ... /reboot:N`: times on the lab's clock (epoch seconds)."""

    down_at: float                      # the host stops answering
    up_at: float                        # ... and is back, its pending changes applied


class PowerShellSettings(StateModel):
    """Windows PowerShell's machine-wide settings (winlab/powershell/install.py)."""

    execution_policy: str = "Restricted"                            # ShellIds\Microsoft.PowerShell
    snapins: list[str] = Field(default_factory=list)                # registered PowerShellSnapIns
    culture: str | None = None                                      # regional format (None: the lab's default)


class Host(StateModel):
    name: str                           # as the topology spells it: E2K7Node1 (the lab's key for the host)
    computer_name: str                  # the name Windows runs with now (hostname, %COMPUTERNAME%)
    roles: list[str] = Field(default_factory=list)                 # the topology's: ["witness"]
    domain_controller: bool = False     # the domain's controller (dsquery, WMI's DomainRole 5)
    os: OperatingSystem
    hotfixes: list[str] = Field(default_factory=list)
    domain: str | None = None           # FQDN of the domain it is a member of
    workgroup: str | None = "WORKGROUP"
    up: bool = True
    boots: int = 1                      # restarts since the lab was created, plus one
    booted_at: float                    # Win32_OperatingSystem.LastBootUpTime (epoch seconds, UTC)
    restart: ScheduledRestart | None = None
    pending: Pending = Field(default_factory=Pending)
    lmhosts_lookup: bool = True         # machine-wide: EnableWINS is a static method [S33]
    dns_for_wins: bool = False
    adapters: list[Adapter] = Field(default_factory=list)
    binding_order: list[str] = Field(default_factory=list)          # adapter GUIDs, first = top
    remote_access_at: int | None = None  # where Remote Access (\Device\NdisWanIp) sits among them; None: last
    file_sharing: list[str] = Field(default_factory=list)           # GUIDs with File and Printer Sharing bound
    files: dict[str, str] = Field(default_factory=dict)             # the shell's VirtualFileSystem
    directories: list[str] = Field(default_factory=list)
    shares: list[Share] = Field(default_factory=list)
    acls: dict[str, list[Ace]] = Field(default_factory=dict)       # folder -> its ACL once set; else inherited
    support_tools: bool = False         # Windows Server 2003 Support Tools (netdom, nltest)
    features: list[str] = Field(default_factory=list)               # 2008 roles/features installed: "RSAT-ADDS"
    powershell: PowerShellSettings = Field(default_factory=PowerShellSettings)   # used where it is installed

    @property
    def netbios(self) -> str:
        return self.computer_name.upper()

    def named(self, name: str) -> bool:
        """`name` is this host's key or the computer name it runs with (any case)."""
        return name.upper() in (self.name.upper(), self.netbios)

    def adapter(self, connection_name: str) -> Adapter | None:
        wanted = connection_name.lower()
        return next((a for a in self.adapters if a.connection_name.lower() == wanted), None)

    def adapter_by_guid(self, guid: str) -> Adapter | None:
        return next((a for a in self.adapters if a.guid.upper() == guid.upper()), None)

    def adapter_by_index(self, index: int) -> Adapter | None:
        return next((a for a in self.adapters if a.index == index), None)

    def ordered_adapters(self) -> list[Adapter]:
        """Adapters in binding order (those missing from the order last)."""
        rank = {guid.upper(): i for i, guid in enumerate(self.binding_order)}
        return sorted(self.adapters, key=lambda a: rank.get(a.guid.upper(), len(rank) + a.index))


# --- Domain ---------------------------------------------------------------------------

class Account(StateModel):
    name: str                           # NETBIOS\user
    roles: list[str] = Field(default_factory=list)


class Domain(StateModel):
    fqdn: str
    netbios: str
    forest_level: Literal["windows-2000", "windows-2003"]
    controller: str                     # host name of the domain controller
    forest_root: str | None = None      # FQDN of the forest root domain (None: this domain is the root)
    accounts: list[Account] = Field(default_factory=list)


# --- Cluster --------------------------------------------------------------------------

class ClusterNode(StateModel):
    name: str                           # host name
    id: int
    paused: bool = False
    service_running: bool = True        # `net stop clussvc` takes the node out without powering it off
    forced: bool = False                # started with /forcequorum (/fq) and not restarted normally since
    config_epoch: int = 0               # the cluster configuration this node last saw (partition in time)
    loaded: dict[str, str | int] = Field(default_factory=dict)     # cluster properties read at its last start


class ClusterGroup(StateModel):
    name: str
    owner: str                          # host name of the owning node


class ClusterResource(StateModel):
    name: str
    type: str
    group: str
    state: ResourceState = "Offline"
    id: str                             # lower-case GUID, no braces (names the MNS share)
    private: dict[str, str | int] = Field(default_factory=dict)
    loaded: dict[str, str | int] = Field(default_factory=dict)     # private properties read at last online
    dependencies: list[str] = Field(default_factory=list)


class ClusterNetwork(StateModel):
    name: str
    subnet: IPv4Network
    role: int = 3                       # 1 private, 2 public, 3 mixed [S38]


class Cluster(StateModel):
    name: str
    address: IPv4Address
    subnet: IPv4Network
    network: str                        # connection the cluster address is on
    service_account: str | None = None  # None on 2008 (the service runs as Local System)
    nodes: list[ClusterNode] = Field(default_factory=list)
    groups: list[ClusterGroup] = Field(default_factory=list)
    resources: list[ClusterResource] = Field(default_factory=list)
    quorum_resource: str | None = None  # None: 2008 Node Majority
    networks: list[ClusterNetwork] = Field(default_factory=list)
    network_priority: list[str] = Field(default_factory=list)      # internal networks, first = preferred
    running: bool = True                # the cluster service has quorum
    config_epoch: int = 0               # bumped by every change of the cluster configuration
    properties: dict[str, str | int] = Field(default_factory=dict)  # cluster-level /prop (2008 heartbeat)
    private: dict[str, str | int] = Field(default_factory=dict)     # cluster-level /priv (2003 heartbeat)

    def node(self, name: str) -> ClusterNode | None:
        return next((n for n in self.nodes if n.name.upper() == name.upper()), None)

    def group(self, name: str) -> ClusterGroup | None:
        return next((g for g in self.groups if g.name.lower() == name.lower()), None)

    def resource(self, name: str) -> ClusterResource | None:
        return next((r for r in self.resources if r.name.lower() == name.lower()), None)

    def network_named(self, name: str) -> ClusterNetwork | None:
        return next((n for n in self.networks if n.name.lower() == name.lower()), None)

    def resources_of(self, group: str) -> list[ClusterResource]:
        return [r for r in self.resources if r.group.lower() == group.lower()]


# --- The whole lab ----------------------------------------------------------------------

class Faults(StateModel):
    cut: list[str] = Field(default_factory=list)                   # networks whose wire is cut
    secure_channel: list[str] = Field(default_factory=list)        # hosts whose domain secure channel is broken
    network_roles: dict[str, int] = Field(default_factory=dict)    # cluster network -> its role before the fault


class LabState(StateModel):
    schema_version: int = SCHEMA_VERSION
    environment: str
    platform: Platform
    domain: Domain
    segments: dict[str, NetworkSegment]
    hosts: dict[str, Host]
    cluster: Cluster | None = None
    faults: Faults = Field(default_factory=Faults)
    relaxed: list[str] = Field(default_factory=list)                # topology.RELAXATIONS switched off
    exchange: ExchangeState | None = None                           # Exchange 2007 (winlab/exchange/model.py)
    commands: int = 0                   # commands run since the lab was created

    def host(self, name: str) -> Host | None:
        """A host by its key or the computer name it runs with, case-insensitively (NetBIOS names are)."""
        found = next((h for h in self.hosts.values() if h.name.upper() == name.upper()), None)
        return found or next((h for h in self.hosts.values() if h.netbios == name.upper()), None)

    def is_relaxed(self, behaviour: str) -> bool:
        return behaviour in self.relaxed

    def hosts_with_role(self, role: str) -> list[Host]:
        return [h for h in self.hosts.values() if role in h.roles]

    @property
    def controller(self) -> Host:
        return self.hosts[self.domain.controller]

    @property
    def is_2003(self) -> bool:
        return self.platform == "windows-2003"
