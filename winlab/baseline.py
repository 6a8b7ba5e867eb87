"""The lab as Windows setup leaves the hosts of a Topology (lab-spec section 4).

Hosts not yet joined are in WORKGROUP; joined ones are members of the domain. Connections
keep their original names, in the topology's order (the first is first in the binding
order); each has DHCP unless the topology gives it a static address (a network with a DHCP
server hands out its address and DNS servers; one without leaves APIPA); registration on,
NetBIOS via DHCP, LMHOSTS on, File and Printer Sharing on every connection; the topology's
OS and hotfixes. On 2003 the Support Tools (netdom, nltest) where the topology says, and
always on the domain controller; on 2008 no optional features (Failover Clustering and the
AD DS tools come with `ServerManagerCmd -install`), except on the domain controller: the AD
DS role and, with it, its tools. A host runs with the name setup gave it (`computer_name`,
by default its topology name), last started at the same fixed moment as every other host,
nothing pending; a 2003 CD in the topology's drive carries SUPPORT\\TOOLS\\SUPTOOLS.MSI [S63].
GUIDs and MACs derive from the names (identity.py).
"""

from __future__ import annotations

from ipaddress import IPv4Interface

from . import assumptions as A
from . import network
from .identity import stable_guid, stable_mac
from .powershell import install as powershell
from .state import (Account, Adapter, Domain, Gateway, Host, LabState, NetworkSegment, OperatingSystem)
from .topology import AdapterSpec, HostSpec, Topology

DC_FEATURES_2008 = ["AD-Domain-Services", "RSAT-ADDS"]     # dcpromo adds the role's tools
STATIC_GATEWAY_METRIC = 1


def baseline(topology: Topology) -> LabState:
    """A fresh lab for `topology`."""
    state = LabState(
        environment=topology.name, platform=topology.platform, domain=_domain(topology),
        segments={n.name: NetworkSegment(subnet=n.subnet, gateway=n.gateway, dhcp_server=n.dhcp_server,
                                         dhcp_dns=list(n.dhcp_dns))
                  for n in topology.networks},
        hosts={}, relaxed=sorted(topology.relaxed))
    for spec in topology.hosts:
        state.hosts[spec.name] = _host(state, spec)
    for host in state.hosts.values():
        for adapter in host.adapters:
            if adapter.dhcp:
                network.renew(state, adapter)
    if topology.exchange is not None:
        from .exchange.baseline import seed         # Exchange only where the site has it
        seed(state, topology.exchange)
    return state


def _domain(topology: Topology) -> Domain:
    domain = topology.domain
    accounts: dict[str, Account] = {}
    for spec in topology.accounts:
        name = account_name(spec.user, domain.netbios, domain.fqdn)
        accounts.setdefault(name.upper(), Account(name=name)).roles.extend(spec.roles)
    controller = next(h.name for h in topology.hosts if h.name.upper() == domain.controller.upper())
    return Domain(fqdn=domain.fqdn, netbios=domain.netbios.upper(), forest_level=domain.forest_level,
                  controller=controller, accounts=list(accounts.values()), forest_root=domain.forest_root)


def account_name(user: str, netbios: str, fqdn: str) -> str:
    """DOMAIN\\user for either spelling (user@fqdn too)."""
    if "@" in user:
        user, _ = user.split("@", 1)
        return f"{netbios.upper()}\\{user}"
    return netbios.upper() + "\\" + user.partition("\\")[2]


def _host(state: LabState, spec: HostSpec) -> Host:
    controller = spec.name == state.domain.controller
    host = Host(name=spec.name, computer_name=spec.computer_name or spec.name, roles=sorted(spec.roles),
                domain_controller=controller, booted_at=A.BASELINE_BOOT_TIME,
                os=operating_system(state.platform, spec.os.release, spec.os.edition or A.SERVER_EDITION,
                                    spec.os.service_pack, spec.os.architecture),
                hotfixes=list(spec.hotfixes), support_tools=state.is_2003 and (spec.support_tools or controller),
                features=list(DC_FEATURES_2008) if controller and not state.is_2003 else [])
    if spec.joined:
        host.domain, host.workgroup = state.domain.fqdn, None
    _attach(host, [_adapter(state, host, number, a) for number, a in enumerate(spec.adapters)], state.platform)
    if host.support_tools:
        install_support_tools(host)
    if spec.cd_drive and spec.os.release.startswith("2003"):
        insert_2003_cd(host, spec.cd_drive)
    if spec.powershell:
        powershell.install(host)
    return host


def install_support_tools(host: Host) -> None:
    """The Support Tools folder and its programs (what SUPTOOLS.MSI installs)."""
    host.support_tools = True
    if A.SUPPORT_TOOLS_DIR not in host.directories:
        host.directories.append(A.SUPPORT_TOOLS_DIR)
    for program in A.SUPPORT_TOOLS_FILES:
        host.files[f"{A.SUPPORT_TOOLS_DIR}\\{program}"] = A.PROGRAM_FILE.format(program=program)


def insert_2003_cd(host: Host, drive: str) -> None:
    root = drive.upper() + "\\"
    folders = [root + "SUPPORT", root + "SUPPORT\\TOOLS"]
    host.directories += [f for f in folders if f not in host.directories]
    host.files[root + A.SUPTOOLS_MSI] = A.SUPTOOLS_MSI_CONTENT


def _attach(host: Host, adapters: list[Adapter], platform: str) -> None:
    host.adapters = adapters
    host.binding_order = [a.guid for a in adapters]
    host.file_sharing = [a.guid for a in adapters]
    host.directories = _standard_directories(A.SYSTEM_ROOT[platform], platform)


def _adapter(state: LabState, host: Host, number: int, spec: AdapterSpec) -> Adapter:
    seed = f"{state.environment}/{host.name.upper()}/{number}"
    description = A.NIC_DESCRIPTION[state.platform] + (f" #{number + 1}" if number else "")
    adapter = Adapter(index=A.FIRST_LAN_INDEX + number, guid=stable_guid(seed), description=description,
                      mac=stable_mac(seed), connection_name=spec.original_name, segment=spec.network)
    if spec.address is not None:
        prefix = state.segments[spec.network].subnet.prefixlen
        adapter.dhcp, adapter.addresses = False, [IPv4Interface(f"{spec.address}/{prefix}")]
        if spec.gateway:
            adapter.gateways = [Gateway(address=spec.gateway, metric=STATIC_GATEWAY_METRIC)]
        adapter.dns_source, adapter.dns_servers = "static", list(spec.dns_servers)
    return adapter


def operating_system(platform: str, release: str, edition: str, service_pack: int,
                     architecture: str = "x64") -> OperatingSystem:
    shown = edition.capitalize()
    if release == "2008":
        version, build = A.OS_VERSION_2008[max(1, min(service_pack, 2))]
        caption = A.OS_CAPTION_2008.format(edition=shown)
    else:
        version, build = A.OS_VERSION_2003
        caption = A.OS_CAPTION_2003.format(edition=shown)
    return OperatingSystem(release=release, edition=edition, service_pack=service_pack, caption=caption,
                           version=version, build=build,
                           csd_version=f"Service Pack {service_pack}" if service_pack else "",
                           other_type=A.OS_OTHER_TYPE_R2 if release == "2003-r2" else None,
                           architecture=architecture)


def _standard_directories(root: str, platform: str) -> list[str]:
    profile, temp = A.PROFILE[platform], A.TEMP[platform]
    dirs = ["C:\\", root, root + "\\system32", root + "\\system32\\wbem", root + "\\Temp",
            root + "\\Cluster", "C:\\Program Files", profile.rsplit("\\", 1)[0], profile]
    parts = temp[len(profile) + 1:].split("\\")
    dirs += [profile + "\\" + "\\".join(parts[:i + 1]) for i in range(len(parts))]
    return dirs
