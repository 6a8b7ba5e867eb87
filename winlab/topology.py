"""The site a lab emulates, as data: its domain, networks, hosts and accounts.

    Topology(name="paris", platform="windows-2003",
             domain=DomainSpec(fqdn="e2k7.local", netbios="E2K7", forest_level="windows-2003",
                               controller="E2K7DC01"),
             networks=[Network("public", IPv4Network("192.168.10.0/24"), gateway=..., dhcp_server=...)],
             hosts=[HostSpec("E2K7Node1", roles={"node"}, os=OsSpec("2003-r2", "enterprise", 1),
                             adapters=[AdapterSpec("Local Area Connection", "public")])],
             accounts=[AccountSpec("E2K7\\Administrator", roles=("domain-admin",))])

Whoever drives the lab (a runbook's lab module) describes its site this way; the lab knows
nothing else about it. Roles and network names are free strings: the lab gives them no
meaning beyond what this data says. What a tool needs to know about a host comes from here
too: the domain's `controller` is the domain controller (dsquery, WMI's DomainRole), a role
held by one host names that host as a fault target (`witness`), and `<network>-network`
cuts a network's wire (`private-network`). A host may start under the name setup gave it
(`computer_name`) and with a CD in a drive (`cd_drive`); `relaxed` names Windows behaviours
the lab leaves out for content written before them (`RELAXATIONS`). `baseline.py` builds a
lab's first state.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Network
from typing import Any, Sequence

from .errors import WinLabError


@dataclass(frozen=True)
class Network:
    """A wire of the site, with what its DHCP server (if any) offers."""

    name: str
    subnet: IPv4Network
    gateway: IPv4Address | None = None
    dhcp_server: IPv4Address | None = None      # None: no server answers (adapters fall back to APIPA)
    dhcp_dns: Sequence[IPv4Address] = ()        # the DNS servers its DHCP server hands out


@dataclass(frozen=True)
class AdapterSpec:
    """A LAN connection as Windows setup leaves it: DHCP, unless it is given a static address."""

    original_name: str                          # "Local Area Connection"
    network: str                                # the Network it is plugged into
    address: IPv4Address | None = None          # static, with its network's prefix (None: DHCP)
    gateway: IPv4Address | None = None          # with a static address
    dns_servers: Sequence[IPv4Address] = ()     # with a static address


@dataclass(frozen=True)
class OsSpec:
    release: str                                # "2003", "2003-r2", "2008"
    edition: str | None = None                  # None: the lab's assumed server edition
    service_pack: int = 0
    architecture: str = "x64"                   # "x64" or "x86": the processor's address width


@dataclass(frozen=True)
class HostSpec:
    name: str
    os: OsSpec
    adapters: Sequence[AdapterSpec]
    roles: frozenset[str] = field(default_factory=frozenset)
    joined: bool = False                        # already a member of the domain (else in WORKGROUP)
    hotfixes: Sequence[str] = ()                # "KB921181"
    support_tools: bool = False                 # the Windows Server 2003 Support Tools installed (2003 only)
    computer_name: str | None = None            # the name setup gave it (None: `name`, renamed already)
    cd_drive: str | None = None                 # "D:": the release's CD is in this drive (2003: SUPPORT\TOOLS)
    powershell: bool = False                    # Windows PowerShell 1.0 installed by the baseline (the hub)


@dataclass(frozen=True)
class DomainSpec:
    fqdn: str
    netbios: str
    forest_level: str                           # "windows-2000", "windows-2003"
    controller: str                             # the name of the host that is its domain controller
    forest_root: str | None = None              # FQDN of the forest's root domain (None: this domain)


@dataclass(frozen=True)
class AccountSpec:
    user: str                                   # DOMAIN\\user or user@fqdn
    roles: Sequence[str] = ()


@dataclass(frozen=True)
class Topology:
    name: str                                   # the site: names the stored lab, seeds GUIDs and MACs
    platform: str                               # "windows-2003", "windows-2008"
    domain: DomainSpec
    networks: Sequence[Network]
    hosts: Sequence[HostSpec]
    accounts: Sequence[AccountSpec] = ()
    relaxed: frozenset[str] = frozenset()       # RELAXATIONS the lab leaves out, for content that predates them
    exchange: Any = None                        # winlab.exchange.topology.ExchangeSpec: the site's Exchange

    def __post_init__(self) -> None:
        problems = list(_problems(self))
        if problems:
            raise WinLabError(f"the topology of {self.name} is inconsistent: " + "; ".join(problems))


# Windows behaviours a driver may switch off while its content catches up with them; `lab
# status` lists the ones switched off, so a relaxed lab is never mistaken for a faithful one.
RELAXATIONS = {
    "feature-restarts": "2008 features that need a restart (ServerManagerCmd 3010) are usable at once",
    "cluster-virtual-adapter": "no Failover Cluster Virtual Adapter at the top of a 2008 node's binding order",
}


def _problems(topology: Topology):
    networks = {n.name for n in topology.networks}
    yield from (f"unknown relaxation {name!r} (known: {', '.join(RELAXATIONS)})"
                for name in sorted(set(topology.relaxed) - set(RELAXATIONS)))
    hosts = Counter(h.name.upper() for h in topology.hosts)
    yield from (f"two networks are named {name}" for name, n in Counter(n.name for n in topology.networks).items()
                if n > 1)
    yield from (f"two hosts are named {name}" for name, n in hosts.items() if n > 1)
    if topology.domain.controller.upper() not in hosts:
        yield f"the domain controller {topology.domain.controller} is not one of its hosts"
    for host in topology.hosts:
        yield from (f"{host.name} has an adapter on {a.network}, which is not one of its networks"
                    for a in host.adapters if a.network not in networks)
        if host.cd_drive is not None and not _is_drive(host.cd_drive):
            yield f"{host.name}'s CD drive {host.cd_drive!r} is not a drive letter such as D:"


def _is_drive(text: str) -> bool:
    return len(text) == 2 and text[0].isalpha() and text[1] == ":" and text[0].upper() != "C"
