"""Parameters of one Exchange 2007 CCR site: the environment file's schema.

Field rules (types, names, formats) are pydantic validators; rules that compare
fields are in `Environment.problems()`, one small `_check_*` function each, with the
fact and source they come from (ccr-domain.md section 4).
"""

from __future__ import annotations

import re
from ipaddress import IPv4Network
from typing import Annotated, Any, Iterator, Literal

from pydantic import AfterValidator, Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from generator.errors import dotted
from generator.params import (Address, ConnectionName, DnsDomainName, EnvironmentBase, HostInterface,
                              LocalPath, Model, NetbiosName, ShareName, Violation, WindowsAccount)
from generator.secrets import SecretRef

Platform = Literal["windows-2003", "windows-2008"]
RELEASES_OF: dict[str, tuple[str, ...]] = {"windows-2003": ("2003", "2003-r2"), "windows-2008": ("2008",)}
QUORUM_OF: dict[str, str] = {"windows-2003": "majority-node-set", "windows-2008": "node-and-file-share-majority"}


class Account(Model):
    """A domain account whose password is read at run time."""

    user: WindowsAccount
    """DOMAIN\\user or user@domain.fqdn."""
    password: SecretRef
    """Secret reference, for example {env: CCR_CLUSVC_PASSWORD}."""


class Domain(Model):
    fqdn: DnsDomainName
    """DNS name of the Active Directory domain, for example contoso.local."""
    netbios_name: NetbiosName
    """Pre-Windows 2000 (NetBIOS) name of the domain, for example CONTOSO."""
    functional_level: Literal["windows-2000", "windows-2003"]
    """Forest functional level: Exchange 2007 needs Windows 2000 or Windows 2003 [S1]."""
    forest_root: DnsDomainName | None = None
    """DNS name of the forest's root domain when the nodes' domain is not the root (a child
    domain, or a tree of its own): the forest level is kept there. Default: the domain itself."""
    admin: Account
    """Domain admin that joins the nodes and forms the cluster (the article logs on as one),
    as DOMAIN\\user: the form `netdom join /userd:` takes [C12]."""

    @property
    def distinguished_name(self) -> str:
        return _dn(self.fqdn)

    @property
    def forest_root_fqdn(self) -> str:
        return self.forest_root or self.fqdn

    @property
    def partitions_dn(self) -> str:
        """The Partitions container, in the forest root's configuration naming context: its
        msDS-Behavior-Version is the forest functional level."""
        return f"CN=Partitions,CN=Configuration,{_dn(self.forest_root_fqdn)}"


def _dn(fqdn: str) -> str:
    return ",".join(f"DC={label}" for label in fqdn.split("."))


class DomainController(Model):
    name: NetbiosName
    address: Address


class Witness(Model):
    """Host of the file share witness: outside the cluster, ideally a Hub Transport [S1][S14],
    reached by the nodes over the public network."""

    name: NetbiosName
    address: Address
    role: Literal["hub-transport", "file-server"] = "hub-transport"
    """Microsoft recommends an Exchange 2007 Hub Transport of the same organisation."""
    share: ShareName
    """Share name of the witness, for example MNS_FSW_E2K7CLUS."""
    path: LocalPath
    """Folder behind the share on the witness host, for example C:\\MNS_FSW_E2K7CLUS."""


class OperatingSystem(Model):
    release: Literal["2003", "2003-r2", "2008"]
    """Windows Server release of the node."""
    architecture: Literal["x64", "x86"] = "x64"
    """x64: production Exchange 2007 runs only on the 64-bit (x64) Windows; the 32-bit version
    is for lab, demo and training sites [S126]."""
    edition: Literal["enterprise", "datacenter"]
    """Server clusters exist only in Enterprise and Datacenter editions [S24]."""
    service_pack: int = Field(ge=0, le=2)
    """Installed service pack (R2 counts its own: R2 ships with SP1)."""

    @field_validator("edition", mode="before")
    @classmethod
    def _explain_edition(cls, value: Any) -> Any:
        if isinstance(value, str) and value.lower() in ("standard", "web", "small-business"):
            raise ValueError(f"{value!r}: server clusters exist only in Enterprise and Datacenter editions")
        return value


class PublicConnection(Model):
    """The client-facing network ("external" in the article)."""

    original_name: ConnectionName
    """Name Windows gave the connection, renamed to Public, e.g. "Local Area Connection"."""
    address: HostInterface
    """Static address with prefix, e.g. 10.1.1.21/24."""
    gateway: Address | None = None
    dns_servers: list[Address] = Field(min_length=1)
    """DNS servers, preferred first: the nodes must resolve the domain to join it [S5]."""


class ReplicationHostName(Model):
    """A continuous replication host name (Exchange 2007 SP1): a network name with its own address
    on the Private network, over which the node's logs are copied and its copies seeded
    (Enable-ContinuousReplicationHostName [S8][S16]). It must resolve on both nodes (the
    exchange-prerequisites stage writes it into their HOSTS files) [S15]."""

    name: NetbiosName
    """The replication host name, for example E2K7N1REPL: a network name (1 to 15 characters)."""
    address: Address
    """Its address on the private subnet, not the node's own."""


class PrivateConnection(Model):
    """The heartbeat network: address and mask only [S21]."""

    original_name: ConnectionName
    """Name Windows gave the connection, renamed to Private, e.g. "Local Area Connection 2"."""
    address: HostInterface
    """Static address with prefix, on a subnet no public connection uses [S4]."""
    replication_host_name: ReplicationHostName | None = None
    """The node's continuous replication host name on Private (Enable-ContinuousReplicationHostName,
    SP1), or none; on Windows Server 2008 NetBIOS must then stay enabled on Private [S15]."""
    gateway: SkipJsonSchema[Any] = Field(default=None, exclude=True)
    dns_servers: SkipJsonSchema[Any] = Field(default=None, exclude=True)

    @field_validator("gateway", "dns_servers")
    @classmethod
    def _forbidden(cls, value: Any, info) -> Any:
        if value is not None:
            raise ValueError(f"the private connection takes an address and mask only: no {info.field_name} [S21]")
        return value


class SupportTools(Model):
    """The Windows Server 2003 Support Tools, which hold netdom and nltest [S63][S116]."""

    installed: bool = False
    """Already installed on the node (the lab's baseline follows it); else the join-domain stage
    installs them."""
    msi: LocalPath = "D:\\SUPPORT\\TOOLS\\SUPTOOLS.MSI"
    """SUPTOOLS.MSI on the node: the Windows Server 2003 CD keeps it in SUPPORT\\TOOLS [S63];
    D: is the CD drive by default."""


class Node(Model):
    name: NetbiosName
    """Computer name of the node; not the name clients use (that is the CMS)."""
    setup_name: NetbiosName | None = None
    """The computer name Windows setup gave the server, before the runbook renames it, if known:
    the node's scripts accept running on a computer of that name too (else start them with
    /host:NAME until the rename)."""
    os: OperatingSystem
    kb921181: bool = False
    """KB 921181 (file share witness support) installed; Windows 2003 SP2 already includes it."""
    support_tools: SupportTools = Field(default_factory=SupportTools)
    """Windows Server 2003 only: where the Support Tools come from (2008 has netdom in RSAT-ADDS)."""
    public: PublicConnection
    private: PrivateConnection


class Heartbeat(Model):
    """Tolerance for missed cluster heartbeats [S13]: how many a node may miss before the
    others remove it, and (Windows Server 2008) how often they are sent [S80]."""

    missed: int = Field(default=10, ge=3, le=10)
    """Missed heartbeats before a node is removed: 3 to 10, default 5 on Windows Server 2008 [S80];
    the runbook's 10 is the most tolerant value. 2003: HeartBeatLostNodeTicks and
    HeartBeatLostInterfaceTicks (names UNCONFIRMED); 2008: SameSubnetThreshold and CrossSubnetThreshold."""
    delay_ms: int = Field(default=1000, ge=250, le=2000)
    """Windows Server 2008 only: milliseconds between heartbeats, SameSubnetDelay and
    CrossSubnetDelay (250 to 2000 on one subnet, default 1000 [S80])."""


class Cluster(Model):
    name: NetbiosName
    """Windows cluster name (not the Exchange name clients connect to)."""
    address: Address
    """Static address the cluster management tools connect to, on the public subnet."""
    service_account: Account | None = None
    """Domain account the Cluster service runs as: Windows 2003 only (`/create /user:` [S36]); the
    2008 creation command takes no account [S66]."""
    quorum: Literal["majority-node-set", "node-and-file-share-majority"]
    """majority-node-set (2003, with file share witness) or node-and-file-share-majority (2008)."""
    heartbeat: Heartbeat = Field(default_factory=Heartbeat)
    """Missed-heartbeat tolerance, set by the cluster-networks stage [S13]."""


def _no_backslash(value: str) -> str:
    """The shell names a storage group SERVER\\GROUP and a database SERVER\\GROUP\\DATABASE [S93]: a
    backslash in the name would make it another identity."""
    if "\\" in value:
        raise ValueError(f"{value!r}: the Exchange shell names it SERVER\\GROUP\\DATABASE, so a name cannot "
                         "hold a backslash")
    return value


ExchangeName = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_no_backslash)]


class Database(Model):
    name: ExchangeName
    kind: Literal["mailbox", "public-folder"] = "mailbox"


class StorageGroup(Model):
    name: ExchangeName
    database: Database
    """CCR allows exactly one database per storage group [S5]."""
    databases: SkipJsonSchema[Any] = Field(default=None, exclude=True)

    @field_validator("databases")
    @classmethod
    def _one_database(cls, value: Any) -> Any:
        if value is not None:
            raise ValueError("CCR allows one database per storage group: use `database:` [S5]")
        return value


class ClusteredMailboxServer(Model):
    name: NetbiosName
    """Name clients connect to."""
    address: Address


class Dumpster(Model):
    """The transport dumpster of the organisation's Hub Transport servers (Set-TransportConfig,
    org-wide, kept per storage group) [S17][S18][S44]."""

    max_size_mb: int = 18
    """MaxDumpsterSizePerStorageGroup in MB: default 18; recommended 1.5 times the largest message
    size (a 10 MB limit gives 15 MB) [S17]."""
    max_age_days: int = 7
    """MaxDumpsterTime in days: default and recommended 7 [S17]."""

    @field_validator("max_size_mb", "max_age_days")
    @classmethod
    def _enabled(cls, value: int, info) -> int:
        if value < 0:
            raise ValueError(f"{value} is negative")
        if value == 0:
            raise ValueError("0 disables the transport dumpster for every CCR storage group, so a lossy "
                             "failover could not ask for mail to be delivered again [S17][S44]")
        return value

    @property
    def size(self) -> str:
        """-MaxDumpsterSizePerStorageGroup as the shell writes a ByteQuantifiedSize: 18MB."""
        return f"{self.max_size_mb}MB"

    @property
    def time(self) -> str:
        """-MaxDumpsterTime as a TimeSpan d.hh:mm:ss, the form of the default 07.00:00:00 [S17]."""
        return f"{self.max_age_days:02d}.00:00:00"


MountDial = Literal["Lossless", "GoodAvailability", "BestAvailability"]
# How many logs a failover may lose and still mount, per dial value: Exchange 2007's thresholds are
# UNCONFIRMED (3 and 6 are the values commonly quoted; 2010 documents 6 and 12) [S112][S113].
DIAL_THRESHOLDS: dict[str, int] = {"Lossless": 0, "GoodAvailability": 3, "BestAvailability": 6}


class Exchange(Model):
    setup_path: LocalPath
    """Folder on each node that holds setup.com of Exchange Server 2007 SP1 (the DVD or a copy),
    for example E:\\ (setup.com is E:\\setup.com) [S19]."""
    prerequisites_path: LocalPath | None = None
    """Windows Server 2003 only: folder on each node with the installers of .NET Framework 2.0,
    Windows PowerShell 1.0 (KB926139) and, before R2, MMC 3.0 (KB907265), under the names the
    exchange-prerequisites stage lists [S2][S3]."""
    mount_dial: MountDial = "BestAvailability"
    """AutoDatabaseMountDial of the CMS: how many logs a failover may lose and still mount the
    databases (Lossless, GoodAvailability, BestAvailability) [S11][S12][S112]."""
    dumpster: Dumpster = Field(default_factory=Dumpster)
    """Transport dumpster settings on the Hub Transport [S17]."""
    production: bool = True
    """False for a lab, demo or training site: only those may run the 32-bit (x86) Exchange 2007
    and Windows [S126]."""
    cms: ClusteredMailboxServer
    storage_groups: list[StorageGroup] = Field(min_length=1, max_length=50)
    """Up to 50 storage groups [S108] and 50 databases [S1] on a CCR cluster, one database each.
    Exchange Server 2007 Enterprise Edition is assumed (Standard Edition allows 5 storage groups [S108])."""
    other_public_folder_databases: int = Field(default=0, ge=0)
    """Public folder databases elsewhere in the organisation: a public folder database may be in
    CCR only if it is the organisation's only one [S109][S110]."""

    @property
    def dial_threshold(self) -> int:
        """The copy queue length the mount dial still mounts with (DIAL_THRESHOLDS)."""
        return DIAL_THRESHOLDS[self.mount_dial]

    @property
    def setup_com(self) -> str:
        """setup.com in the setup folder: E:\\setup.com."""
        return self.setup_path.rstrip("\\") + "\\setup.com"


class Environment(EnvironmentBase):
    """One site running the Exchange 2007 CCR runbook."""

    runbook: Literal["exchange-2007-ccr"]
    platform: Platform
    """windows-2003 (the article) or windows-2008 (the variant)."""
    domain: Domain
    domain_controller: DomainController
    witness: Witness
    nodes: list[Node] = Field(min_length=2, max_length=2)
    """Exactly two nodes: CCR is a two-node cluster [S26]."""
    cluster: Cluster
    exchange: Exchange

    # Convenience for templates -------------------------------------------------
    @property
    def public_network(self) -> IPv4Network:
        return self.nodes[0].public.address.network

    @property
    def private_network(self) -> IPv4Network:
        return self.nodes[0].private.address.network

    @property
    def active_node(self) -> Node:
        """The node setup makes the CMS's first owner (`/NewCms`); the handoff stage moves the CMS
        to the passive node, which then holds it."""
        return self.nodes[0]

    @property
    def passive_node(self) -> Node:
        return self.nodes[1]

    @property
    def replication_host_names(self) -> list[tuple[Node, ReplicationHostName]]:
        return [(node, node.private.replication_host_name) for node in self.nodes if node.private.replication_host_name]

    @property
    def is_2003(self) -> bool:
        return self.platform == "windows-2003"

    @property
    def witness_unc(self) -> str:
        """\\\\HOST\\SHARE: how the cluster reaches its witness (MNSFileShare, SharePath)."""
        return f"\\\\{self.witness.name}\\{self.witness.share}"

    @property
    def witness_account(self) -> str:
        """Who gets Full Control on the witness share and folder: the cluster service account on
        2003, the cluster's computer account (its cluster name object) on 2008 [S14][S42]."""
        if self.is_2003:
            return self.cluster.service_account.user
        return f"{self.domain.netbios_name}\\{self.cluster.name}$"

    def host_aliases(self) -> dict[str, tuple[str, ...]]:
        """Node name -> the name setup gave it, which its scripts' host guard accepts too."""
        return {node.name: (node.setup_name,) for node in self.nodes
                if node.setup_name and node.setup_name.upper() != node.name.upper()}

    def host_addresses(self) -> dict[str, str]:
        hosts = {self.domain_controller.name: self.domain_controller.address, self.witness.name: self.witness.address}
        hosts.update({node.name: node.public.address.ip for node in self.nodes})
        return {name: str(address) for name, address in hosts.items()}


# --- Cross-field rules ------------------------------------------------------------
# Each rule names its source ([Sn] ccr-domain.md, [Cn] its confirmations) or, where it only
# keeps the environment file consistent with itself, says so.

APIPA = IPv4Network("169.254.0.0/16")


def _check_releases(env: Environment) -> Iterator[Violation]:
    """Nodes run the platform's release (2003/R2 for windows-2003, 2008 for windows-2008).
    Consistency: the platform chooses the commands every stage renders."""
    allowed = RELEASES_OF[env.platform]
    for i, node in enumerate(env.nodes):
        if node.os.release not in allowed:
            yield Violation(("nodes", i, "os", "release"),
                            f"{node.os.release} does not match platform {env.platform} "
                            f"(expected {' or '.join(allowed)})")


def _check_service_packs(env: Environment) -> Iterator[Violation]:
    """2003 needs SP1 or R2 [S1]; KB 921181 on both nodes unless SP2 includes it [S1][S22][S23];
    KB 921181 is an update for Windows Server 2003 [S22]."""
    for i, node in enumerate(env.nodes):
        if node.os.release.startswith("2003") and node.os.service_pack < 1:
            yield Violation(("nodes", i, "os", "service_pack"),
                            "Windows Server 2003 needs SP1 or later (R2 includes SP1) [S1]")
        if node.os.release.startswith("2003") and node.os.service_pack < 2 and not node.kb921181:
            yield Violation(("nodes", i, "kb921181"),
                            "KB 921181 (file share witness) is required on both nodes before SP2 [S1][S22]")
        if node.os.release == "2008" and node.kb921181:
            yield Violation(("nodes", i, "kb921181"), "KB 921181 is a Windows Server 2003 update [S22]")


def _check_architecture(env: Environment) -> Iterator[Violation]:
    """Production Exchange 2007 server roles run only on x64 Windows; the 32-bit version is for
    lab, demo and training environments [S126]."""
    if not env.exchange.production:
        return
    for i, node in enumerate(env.nodes):
        if node.os.architecture != "x64":
            yield Violation(("nodes", i, "os", "architecture"),
                            f"{node.os.architecture}: production Exchange 2007 needs the x64 version of Windows; "
                            "the 32-bit version is for lab, demo and training sites (set exchange.production: "
                            "false for one) [S126]")


def _check_support_tools(env: Environment) -> Iterator[Violation]:
    """The Support Tools are the Windows Server 2003 package of netdom and nltest [S63]; on 2008
    they come with the AD DS tools (RSAT-ADDS), which the join-domain stage installs."""
    if env.is_2003:
        return
    for i, node in enumerate(env.nodes):
        if "support_tools" in node.model_fields_set:
            yield Violation(("nodes", i, "support_tools"), "Windows Server 2003 only: on windows-2008 netdom "
                                                           "comes with the AD DS tools (RSAT-ADDS); remove it")


def _check_names(env: Environment) -> Iterator[Violation]:
    """Nodes, cluster, CMS and witness all have different names; the witness is not a node
    [S22][S42] (ccr-domain 4.1). The domain controller is in the list too: one domain holds
    one computer account per name, and every one of these is a computer or network name in it.
    A node's setup name (before the rename) names no other host: the host guard trusts it."""
    named = [(("nodes", i, "name"), n.name) for i, n in enumerate(env.nodes)]
    named += [(("cluster", "name"), env.cluster.name), (("exchange", "cms", "name"), env.exchange.cms.name),
              (("witness", "name"), env.witness.name), (("domain_controller", "name"), env.domain_controller.name)]
    named += [(("nodes", i, "private", "replication_host_name", "name"), n.private.replication_host_name.name)
              for i, n in enumerate(env.nodes) if n.private.replication_host_name]
    yield from _duplicates(named, key=str.upper)
    # A node's setup name lets its scripts run on a computer of that name: it must name no other host.
    taken = {value.upper(): path for path, value in named}
    for i, node in enumerate(env.nodes):
        other = taken.get((node.setup_name or "").upper())
        if node.setup_name and other and other != ("nodes", i, "name"):
            yield Violation(("nodes", i, "setup_name"), f"{node.setup_name} is already {dotted(other)}; "
                                                        "the node's scripts would accept running on that host")
        elif node.setup_name:
            taken.setdefault(node.setup_name.upper(), ("nodes", i, "setup_name"))


def _check_addresses(env: Environment) -> Iterator[Violation]:
    """Every address in the site is distinct, gateways included (two hosts cannot share an
    address; a gateway is a host of its subnet). No APIPA (169.254.0.0/16) address on a cluster
    network: cluster networks need static addresses [S106]."""
    addressed = []
    for i, node in enumerate(env.nodes):
        addressed += [(("nodes", i, "public", "address"), node.public.address.ip),
                      (("nodes", i, "private", "address"), node.private.address.ip)]
    addressed += [(("cluster", "address"), env.cluster.address), (("exchange", "cms", "address"), env.exchange.cms.address)]
    addressed += [(("nodes", i, "private", "replication_host_name", "address"), n.private.replication_host_name.address)
                  for i, n in enumerate(env.nodes) if n.private.replication_host_name]
    for path, ip in addressed:
        if ip in APIPA:
            yield Violation(path, f"{ip} is an automatic private (APIPA) address; cluster networks need "
                                  "static addresses [S106]")
    addressed += [(("witness", "address"), env.witness.address),
                  (("domain_controller", "address"), env.domain_controller.address)]
    yield from _duplicates(addressed, key=lambda ip: ip)
    hosts = {ip: path for path, ip in reversed(addressed)}
    for i, node in enumerate(env.nodes):
        gateway = node.public.gateway
        if gateway is not None and gateway in hosts:
            yield Violation(("nodes", i, "public", "gateway"), f"{gateway} is already {dotted(hosts[gateway])}")


def _check_subnets(env: Environment) -> Iterator[Violation]:
    """Private subnet apart from every public one, and holding neither the domain controller nor
    the witness (both are reached over the public network); each cluster network on one subnet
    [S4]. 2003 clusters are single-subnet, so cluster and CMS addresses sit on the public subnet;
    2008 clusters may span subnets [S81]. Cluster and CMS addresses are host addresses of that
    subnet, not its network or broadcast address, and a gateway is on its connection's subnet
    (IPv4 addressing: a host reaches its default gateway directly)."""
    first = env.nodes[0]
    publics = [n.public.address.network for n in env.nodes]
    for i, node in enumerate(env.nodes):
        for j, public in enumerate(publics):
            if node.private.address.network.overlaps(public):
                yield Violation(("nodes", i, "private", "address"),
                                f"{node.private.address} overlaps the public subnet {public} "
                                f"of nodes[{j}].public.address; the private network needs its own subnet [S4]")
                break
        else:
            for name, ip in (("domain_controller", env.domain_controller.address), ("witness", env.witness.address)):
                if ip in node.private.address.network:
                    yield Violation(("nodes", i, "private", "address"),
                                    f"the private subnet {node.private.address.network} holds {name}.address "
                                    f"{ip}; the private network carries the heartbeat only [S4]")
        if i and node.private.address.network != first.private.address.network:
            yield Violation(("nodes", i, "private", "address"),
                            f"{node.private.address} is not on nodes[0]'s private subnet "
                            f"{first.private.address.network} [S4]")
        if i and env.is_2003 and node.public.address.network != publics[0]:
            yield Violation(("nodes", i, "public", "address"),
                            f"{node.public.address} is not on nodes[0]'s public subnet {publics[0]}; "
                            "Windows 2003 clusters cannot span subnets [S81]")
        gateway = node.public.gateway
        if gateway is not None and gateway not in node.public.address.network:
            yield Violation(("nodes", i, "public", "gateway"),
                            f"{gateway} is not on the public subnet {node.public.address.network}")
    for path, ip in ((("cluster", "address"), env.cluster.address),
                     (("exchange", "cms", "address"), env.exchange.cms.address)):
        subnet = next((net for net in publics if ip in net), None)
        if subnet is None:
            yield Violation(path, f"{ip} is not on the public subnet {publics[0]}")
        elif subnet.prefixlen <= 30 and ip in (subnet.network_address, subnet.broadcast_address):
            kind = "network" if ip == subnet.network_address else "broadcast"
            yield Violation(path, f"{ip} is the {kind} address of the public subnet {subnet}, not a host address")


def _check_connections(env: Environment) -> Iterator[Violation]:
    """The two connections of a node are distinct, and renaming them to Public and Private
    cannot collide (a host's connection names are unique; the rename would fail)."""
    for i, node in enumerate(env.nodes):
        if node.public.original_name.lower() == node.private.original_name.lower():
            yield Violation(("nodes", i, "private", "original_name"),
                            f"{node.private.original_name!r} is already nodes[{i}].public.original_name")
        if node.public.original_name.lower() == "private":
            yield Violation(("nodes", i, "public", "original_name"),
                            "the public connection cannot start out named 'Private'")
        if node.private.original_name.lower() == "public":
            yield Violation(("nodes", i, "private", "original_name"),
                            "the private connection cannot start out named 'Public'")


def _check_quorum(env: Environment) -> Iterator[Violation]:
    """2003: Majority Node Set with file share witness [S22]; 2008: Node and File Share Majority
    [S14][S76]. The 2003 Cluster service runs as a domain account (`/create /user:` [S36]); the
    2008 creation command takes no account [S66], so one given here would be ignored."""
    expected = QUORUM_OF[env.platform]
    if env.cluster.quorum != expected:
        yield Violation(("cluster", "quorum"), f"{env.cluster.quorum} is not the CCR quorum on "
                                               f"{env.platform}; use {expected}")
    if env.is_2003 and env.cluster.service_account is None:
        yield Violation(("cluster", "service_account"), "required on windows-2003: the Cluster service "
                                                        "runs as a domain account [S36]")
    if not env.is_2003 and env.cluster.service_account is not None:
        yield Violation(("cluster", "service_account"), "not used on windows-2008: the cluster is created "
                                                        "without a service account [S66]; remove it")


# Administrative shares Windows makes itself: a witness share must be one of its own.
ADMIN_SHARES = {"ADMIN$", "IPC$", "PRINT$", "FAX$"}
# cmd parses an `if exist` line and a piped line twice (generator/languages/cmd/escaping.py): the
# witness folder, checked on such lines, can hold none of % ! ^ & | < > ( ) ' there.
SCRIPT_SAFE_PATH = re.compile(r"[A-Za-z0-9 ._\-\\:/@{}#$+,=~\[\]*?]*")
DEVICE_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
MAX_DIRECTORY_PATH = 247        # CreateDirectory: MAX_PATH (260) less room for an 8.3 file name, less the NUL


def _check_witness(env: Environment) -> Iterator[Violation]:
    """The file share witness (ccr-domain 2.4, 5 problem 5): a share of its own (not one Windows
    makes), named so the scripts carry it unquoted and on lines cmd parses twice (`net share
    NAME=...`, piped checks of MNSFileShare); its folder a
    directory below a drive's root whose names Windows accepts (no device names such as NUL, no
    name ending in a dot or space, the NTFS path limit); reached by every node over the public
    network [S22][S42] (the private subnet is checked with the subnets), so on the node's public
    subnet or behind its public gateway. That the witness is not a node: _check_names. The
    folder's checks are `if exist` and piped lines, which cmd parses twice: its path can hold
    none of % ! ^ & ( ) ' (consistency with the scripts; Windows itself allows them)."""
    share, path = env.witness.share, env.witness.path
    if share.upper() in ADMIN_SHARES or re.fullmatch(r"[A-Za-z]\$", share):
        yield Violation(("witness", "share"), f"{share} is an administrative share Windows makes itself; "
                                              "the witness needs a share of its own")
    elif not re.fullmatch(r"[A-Za-z0-9._\-$#@~+]+", share):
        yield Violation(("witness", "share"), f"{share!r}: the scripts write the share name unquoted (net share "
                                              "NAME=...) and in \\\\HOST\\SHARE on lines cmd reads twice: "
                                              "letters, digits and . _ - $ # @ ~ + only")
    names = path[3:].rstrip("\\").split("\\")
    if not path[3:].strip("\\"):
        yield Violation(("witness", "path"), f"{path} is the root of a drive: the witness needs a folder of its own")
    elif "" in names:
        yield Violation(("witness", "path"), f"{path} has an empty folder name (two backslashes)")
    elif any(name.split(".")[0].upper() in DEVICE_NAMES for name in names):
        yield Violation(("witness", "path"), f"{path} names a device (CON, NUL, COM1...): Windows reserves those names")
    elif any(name != name.rstrip(". ") for name in names):
        yield Violation(("witness", "path"), f"{path}: a folder name cannot end with a dot or a space")
    elif len(path) > MAX_DIRECTORY_PATH:
        yield Violation(("witness", "path"), f"{path} is {len(path)} characters; a folder path has at most "
                                             f"{MAX_DIRECTORY_PATH}")
    elif not SCRIPT_SAFE_PATH.fullmatch(path):
        yield Violation(("witness", "path"), f"{path!r} holds characters (such as % ! ^ & ( ) ') that the scripts "
                                             "cannot carry on the lines that check the folder (cmd reads them twice)")
    for i, node in enumerate(env.nodes):
        if env.witness.address not in node.public.address.network and node.public.gateway is None:
            yield Violation(("witness", "address"), f"{env.witness.address} is not on the public subnet "
                                                    f"{node.public.address.network} of nodes[{i}] and that node "
                                                    "has no public gateway: the node cannot reach its witness")
            break


def _check_heartbeat(env: Environment) -> Iterator[Violation]:
    """Heartbeat delay is a Windows Server 2008 property (SameSubnetDelay, CrossSubnetDelay
    [S80]); Windows Server 2003 sets only how many heartbeats a node may miss [S13]."""
    if env.is_2003 and "delay_ms" in env.cluster.heartbeat.model_fields_set:
        yield Violation(("cluster", "heartbeat", "delay_ms"), "Windows Server 2008 only: Windows Server 2003 "
                                                               "sets only how many heartbeats a node may miss; remove it")


def _check_accounts(env: Environment) -> Iterator[Violation]:
    """Accounts belong to the site's domain (nodes are member servers of one domain [S5]). The
    domain admin is DOMAIN\\user, the form `netdom join /userd:` takes [C12]."""
    names = {env.domain.netbios_name.upper(), env.domain.fqdn.upper()}
    accounts = [(("domain", "admin", "user"), env.domain.admin.user)]
    if env.cluster.service_account:
        accounts.append((("cluster", "service_account", "user"), env.cluster.service_account.user))
    for path, account in accounts:
        domain = account.split("\\")[0] if "\\" in account else account.split("@", 1)[1]
        if domain.upper() not in names:
            yield Violation(path, f"{account!r} is not an account of domain {env.domain.netbios_name} "
                                  f"({env.domain.fqdn})")
        elif path[0] == "domain" and "\\" not in account:
            user = account.split("@", 1)[0]
            yield Violation(path, f"{account!r}: write it {env.domain.netbios_name}\\{user}, the form "
                                  "netdom join /userd: takes [C12]")


def _check_storage_groups(env: Environment) -> Iterator[Violation]:
    """Unique storage group and database names (Exchange names them within the server, and the
    runbook refers to them by name); one public folder database per server [S111], and in CCR
    only if it is the organisation's only one [S109][S110]."""
    groups = env.exchange.storage_groups
    yield from _duplicates([(("exchange", "storage_groups", i, "name"), g.name) for i, g in enumerate(groups)],
                           key=str.lower)
    yield from _duplicates([(("exchange", "storage_groups", i, "database", "name"), g.database.name)
                            for i, g in enumerate(groups)], key=str.lower)
    public_folders = [i for i, g in enumerate(groups) if g.database.kind == "public-folder"]
    for i in public_folders[1:]:
        yield Violation(("exchange", "storage_groups", i, "database", "kind"),
                        f"a server hosts one public folder database; already exchange.storage_groups"
                        f"[{public_folders[0]}].database [S111]")
    if public_folders and env.exchange.other_public_folder_databases:
        yield Violation(("exchange", "storage_groups", public_folders[0], "database", "kind"),
                        f"the organisation has {env.exchange.other_public_folder_databases} other public "
                        "folder database(s); a public folder database may be in CCR only if it is the only "
                        "one [S109][S110]")


def _check_replication_host_names(env: Environment) -> Iterator[Violation]:
    """A replication host name carries log copying over Private, so its address is a host address
    of the private subnet [S15][S16]. Either both nodes have one or neither: logs are copied to
    the passive node, whichever node that is after a failover (consistency: with one name only,
    the copies run over Public in one direction). Names and addresses are distinct from every
    other one: _check_names, _check_addresses."""
    given = [node.private.replication_host_name is not None for node in env.nodes]
    if any(given) and not all(given):
        i = given.index(False)
        yield Violation(("nodes", i, "private"), f"nodes[{1 - i}] has a replication host name and nodes[{i}] "
                                                 "none: give both nodes one, or neither")
    for i, node in enumerate(env.nodes):
        name = node.private.replication_host_name
        if name is None:
            continue
        subnet = node.private.address.network
        path = ("nodes", i, "private", "replication_host_name", "address")
        if name.address not in subnet:
            yield Violation(path, f"{name.address} is not on the private subnet {subnet}: a replication host "
                                  "name carries log copying over Private [S16]")
        elif subnet.prefixlen <= 30 and name.address in (subnet.network_address, subnet.broadcast_address):
            kind = "network" if name.address == subnet.network_address else "broadcast"
            yield Violation(path, f"{name.address} is the {kind} address of the private subnet {subnet}, "
                                  "not a host address")


def _check_exchange_media(env: Environment) -> Iterator[Violation]:
    """Setup runs as `"<setup_path>\\setup.com" ...` [S19]: setup_path is the folder, checked on an
    `if exist` line (cmd reads it twice, as the witness folder). The 2003 installers of .NET 2.0,
    PowerShell and MMC 3.0 come from prerequisites_path; 2008 installs them as features [S46]."""
    media = env.exchange
    for field, path in (("setup_path", media.setup_path), ("prerequisites_path", media.prerequisites_path)):
        if path is None:
            continue
        if path.lower().rstrip("\\").endswith((".com", ".exe")):
            yield Violation(("exchange", field), f"{path} names a program: give the folder that holds it")
        elif not SCRIPT_SAFE_PATH.fullmatch(path) or len(path) > MAX_DIRECTORY_PATH:
            yield Violation(("exchange", field), f"{path!r} holds characters (such as % ! ^ & ( ) ') that the "
                                                 "scripts cannot carry on the lines that check it, or is too long")
    if env.is_2003 and media.prerequisites_path is None:
        yield Violation(("exchange", "prerequisites_path"), "required on windows-2003: the folder with the .NET "
                                                            "Framework 2.0 and PowerShell 1.0 installers [S2][S3]")
    if not env.is_2003 and media.prerequisites_path is not None:
        yield Violation(("exchange", "prerequisites_path"), "Windows Server 2003 only: windows-2008 installs them "
                                                            "as features (ServerManagerCmd) [S46]; remove it")


def _duplicates(items, key) -> Iterator[Violation]:
    seen: dict[Any, tuple] = {}
    for path, value in items:
        k = key(value)
        if k in seen:
            yield Violation(path, f"{value} is already {dotted(seen[k])}")
        else:
            seen[k] = path


Environment.rules = (_check_releases, _check_service_packs, _check_architecture, _check_support_tools, _check_names,
                     _check_addresses, _check_subnets, _check_connections, _check_quorum, _check_witness, _check_heartbeat,
                     _check_accounts, _check_storage_groups, _check_replication_host_names, _check_exchange_media)
