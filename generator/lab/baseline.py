"""The lab as Windows setup leaves it (lab-spec section 4): nodes freshly installed,
the domain controller and the witness host ready.

Nodes: in WORKGROUP, connections under their original names (public first in the binding
order), DHCP everywhere (the public wire has a DHCP server handing out the DC as DNS
server; the private wire has none, so APIPA), registration on, NetBIOS via DHCP, LMHOSTS
on, File and Printer Sharing on both, the environment's OS and hotfixes; on 2003 the
Support Tools (netdom), on 2008 no optional features (Failover Clustering and the AD DS
tools come with the runbook's `ServerManagerCmd -install`). The 2008 domain controller has
the AD DS role and, with it, its tools. GUIDs and MACs derive from the names, so every
output is the same on every run.
"""

from __future__ import annotations

import hashlib
import uuid
from ipaddress import IPv4Interface

from . import assumptions as A
from . import network
from .state import (Account, Adapter, Domain, Gateway, Host, LabState, NetworkSegment, OperatingSystem)

_NAMESPACE = uuid.UUID("6f1c0d3e-3b7a-4f52-9d1e-2c5a8b7e4f10")
DC_FEATURES_2008 = ["AD-Domain-Services", "RSAT-ADDS"]     # dcpromo adds the role's tools


def baseline(environment) -> LabState:
    """A fresh lab for `environment` (a loaded `generator.environments.Environment`)."""
    params, name = environment.params, environment.name
    public = params.nodes[0].public
    state = LabState(
        environment=name, platform=params.platform, domain=_domain(params),
        segments={"public": NetworkSegment(subnet=public.address.network, gateway=public.gateway,
                                           dhcp_server=params.domain_controller.address,
                                           dhcp_dns=[params.domain_controller.address]),
                  "private": NetworkSegment(subnet=params.nodes[0].private.address.network)},
        hosts={})
    state.hosts[params.domain_controller.name] = _server(state, params, params.domain_controller, "dc")
    state.hosts[params.witness.name] = _server(state, params, params.witness, "witness")
    for node in params.nodes:
        state.hosts[node.name] = _node(state, node)
    for host in state.hosts.values():
        for adapter in host.adapters:
            if adapter.dhcp:
                network.renew(state, adapter)
    return state


def _domain(params) -> Domain:
    accounts: dict[str, Account] = {}
    roles = [("domain-admin", params.domain.admin), ("cluster-service", params.cluster.service_account)]
    for role, account in roles:
        if account is None:             # 2008: the Cluster service runs as the local system
            continue
        name = account_name(account.user, params.domain.netbios_name, params.domain.fqdn)
        accounts.setdefault(name.upper(), Account(name=name)).roles.append(role)
    return Domain(fqdn=params.domain.fqdn, netbios=params.domain.netbios_name.upper(),
                  forest_level=params.domain.functional_level, controller=params.domain_controller.name,
                  accounts=list(accounts.values()))


def account_name(user: str, netbios: str, fqdn: str) -> str:
    """DOMAIN\\user for either spelling (user@fqdn too)."""
    if "@" in user:
        user, _ = user.split("@", 1)
        return f"{netbios.upper()}\\{user}"
    return netbios.upper() + "\\" + user.partition("\\")[2]


def _server(state: LabState, params, spec, role: str) -> Host:
    """The domain controller or witness host: static on the public wire, in the domain."""
    release = params.nodes[0].os.release
    dc, is_2003 = role == "dc", params.platform == "windows-2003"
    host = Host(name=spec.name, role=role, os=operating_system(params.platform, release, A.SERVER_EDITION,
                                                               params.nodes[0].os.service_pack),
                domain=params.domain.fqdn, workgroup=None, support_tools=dc and is_2003,
                features=list(DC_FEATURES_2008) if dc and not is_2003 else [])
    adapter = _adapter(state, host, 0, params.nodes[0].public.original_name, "public")
    prefix = state.segments["public"].subnet.prefixlen
    adapter.dhcp, adapter.addresses = False, [IPv4Interface(f"{spec.address}/{prefix}")]
    if params.nodes[0].public.gateway:
        adapter.gateways = [Gateway(address=params.nodes[0].public.gateway, metric=1)]
    adapter.dns_source, adapter.dns_servers = "static", [params.domain_controller.address]
    _attach(host, [adapter], params.platform)
    return host


def _node(state: LabState, node) -> Host:
    host = Host(name=node.name, role="node",
                os=operating_system(state.platform, node.os.release, node.os.edition, node.os.service_pack),
                hotfixes=["KB921181"] if node.kb921181 else [], support_tools=state.is_2003)
    public = _adapter(state, host, 0, node.public.original_name, "public")
    private = _adapter(state, host, 1, node.private.original_name, "private")
    _attach(host, [public, private], state.platform)
    return host


def _attach(host: Host, adapters: list[Adapter], platform: str) -> None:
    host.adapters = adapters
    host.binding_order = [a.guid for a in adapters]
    host.file_sharing = [a.guid for a in adapters]
    host.directories = _standard_directories(A.SYSTEM_ROOT[platform], platform, host.support_tools)


def _adapter(state: LabState, host: Host, number: int, name: str, segment: str) -> Adapter:
    seed = f"{state.environment}/{host.name.upper()}/{number}"
    description = A.NIC_DESCRIPTION[state.platform] + (f" #{number + 1}" if number else "")
    return Adapter(index=A.FIRST_LAN_INDEX + number, guid=stable_guid(seed), description=description,
                   mac=stable_mac(seed), connection_name=name, segment=segment)


def stable_guid(seed: str) -> str:
    return "{" + str(uuid.uuid5(_NAMESPACE, seed)).upper() + "}"


def stable_mac(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    return A.MAC_PREFIX + "".join(f":{b:02X}" for b in digest[:3])


def operating_system(platform: str, release: str, edition: str, service_pack: int) -> OperatingSystem:
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
                           other_type=A.OS_OTHER_TYPE_R2 if release == "2003-r2" else None)


def _standard_directories(root: str, platform: str, support_tools: bool) -> list[str]:
    profile, temp = A.PROFILE[platform], A.TEMP[platform]
    dirs = ["C:\\", root, root + "\\system32", root + "\\system32\\wbem", root + "\\Temp",
            root + "\\Cluster", "C:\\Program Files", profile.rsplit("\\", 1)[0], profile]
    parts = temp[len(profile) + 1:].split("\\")
    dirs += [profile + "\\" + "\\".join(parts[:i + 1]) for i in range(len(parts))]
    if support_tools:
        dirs.append(A.SUPPORT_TOOLS_DIR)
    return dirs
