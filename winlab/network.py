"""What an adapter's TCP/IP settings amount to on the wire, and who can reach whom.

The state keeps what Windows keeps (static settings, the DHCP lease); these functions
give what `ipconfig`, WMI and the domain join see: the address in use (static, leased or
APIPA), the gateways and DNS servers in effect, and whether a host can contact the
domain controller.
"""

from __future__ import annotations

import hashlib
from ipaddress import IPv4Address, IPv4Interface

from .state import Adapter, Gateway, Host, LabState, Lease

APIPA_PREFIX = 16


def apipa_address(adapter: Adapter) -> IPv4Interface:
    """169.254.x.y chosen from the MAC, as stable as Windows' pick within one boot."""
    digest = hashlib.sha256(adapter.mac.encode()).digest()
    return IPv4Interface(f"169.254.{1 + digest[0] % 254}.{1 + digest[1] % 254}/{APIPA_PREFIX}")


def uses_apipa(adapter: Adapter) -> bool:
    return adapter.dhcp and adapter.lease is None


def addresses(adapter: Adapter) -> list[IPv4Interface]:
    if not adapter.dhcp:
        return list(adapter.addresses)
    return [adapter.lease.address] if adapter.lease else [apipa_address(adapter)]


def gateways(adapter: Adapter) -> list[Gateway]:
    if not adapter.dhcp:
        return list(adapter.gateways)
    if adapter.lease and adapter.lease.gateway:
        return [Gateway(address=adapter.lease.gateway, metric=0)]
    return []


def dns_from_dhcp(adapter: Adapter) -> bool:
    """DHCP-supplied DNS servers apply only while DHCP is on (a static address has no lease)."""
    return adapter.dhcp and adapter.dns_source == "dhcp"


def wins_from_dhcp(adapter: Adapter) -> bool:
    return adapter.dhcp and adapter.wins_source == "dhcp"


def dns_servers(adapter: Adapter) -> list[IPv4Address]:
    if dns_from_dhcp(adapter):
        return list(adapter.lease.dns_servers) if adapter.lease else []
    return list(adapter.dns_servers) if adapter.dns_source == "static" else []


def wins_servers(adapter: Adapter) -> list[IPv4Address]:
    return list(adapter.wins_servers) if adapter.wins_source == "static" else []


def renew(state: LabState, adapter: Adapter) -> None:
    """Ask the segment's DHCP server for a lease (none answers on a segment without one)."""
    segment = state.segments.get(adapter.segment)
    if segment is None or segment.dhcp_server is None or not is_live(state, adapter):
        adapter.lease = None
        return
    address = segment.leases.get(adapter.mac) or _free_address(state, adapter.segment)
    segment.leases[adapter.mac] = address
    adapter.lease = Lease(address=IPv4Interface(f"{address}/{segment.subnet.prefixlen}"),
                          gateway=segment.gateway, dns_servers=list(segment.dhcp_dns),
                          server=segment.dhcp_server)


def _free_address(state: LabState, segment_name: str) -> IPv4Address:
    segment = state.segments[segment_name]
    taken = set(segment.leases.values()) | {segment.gateway, segment.dhcp_server}
    for host in state.hosts.values():
        for adapter in host.adapters:
            taken |= {a.ip for a in adapter.addresses}
    for candidate in reversed(list(segment.subnet.hosts())):
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"the DHCP scope of {segment.subnet} is exhausted")


def is_live(state: LabState, adapter: Adapter) -> bool:
    """Link up: the cable is in and the segment is not cut by a fault."""
    cut = adapter.segment in state.faults.cut
    return adapter.media_connected and not cut


def reaches(state: LabState, host: Host, target: IPv4Address) -> bool:
    """`host` can send to `target`: an address on its subnet, or a default gateway."""
    for adapter in host.adapters:
        if not is_live(state, adapter):
            continue
        if any(target in a.network for a in addresses(adapter)) or gateways(adapter):
            return True
    return False


def address_owner(state: LabState, target: IPv4Address) -> tuple[Host, Adapter] | None:
    for host in state.hosts.values():
        for adapter in host.adapters:
            if any(a.ip == target for a in addresses(adapter)):
                return host, adapter
    return None


def can_contact_domain(state: LabState, host: Host) -> bool:
    """The domain controller is up, among the host's DNS servers, and reachable [S5]."""
    dc = state.controller
    if not dc.up:
        return False
    dc_addresses = {a.ip for adapter in dc.adapters for a in addresses(adapter)}
    resolvers = {ip for adapter in host.adapters if is_live(state, adapter) for ip in dns_servers(adapter)}
    return bool(resolvers & dc_addresses) and any(reaches(state, host, ip) for ip in resolvers & dc_addresses)


def connection_on(host: Host, target: IPv4Address) -> Adapter | None:
    """The host's connection whose subnet holds `target`."""
    for adapter in host.ordered_adapters():
        if any(target in a.network for a in addresses(adapter)):
            return adapter
    return None


def is_contiguous_mask(mask: IPv4Address) -> bool:
    bits = int(mask)
    inverted = ~bits & 0xFFFFFFFF
    return bits != 0 and (inverted & (inverted + 1)) == 0


def cluster_addresses(state: LabState, host: Host, adapter: Adapter) -> list[IPv4Interface]:
    """Addresses of online IP Address resources in groups this host owns, on this connection."""
    cluster = state.cluster
    if cluster is None or not cluster.running or not host.up:
        return []
    found = []
    for resource in cluster.resources:
        group = cluster.group(resource.group)
        if (resource.type != "IP Address" or resource.state != "Online" or group is None
                or not host.named(group.owner)):
            continue
        if str(resource.private.get("Network", "")).lower() == adapter.connection_name.lower():
            found.append(IPv4Interface(f"{resource.private['Address']}/{resource.private['SubnetMask']}"))
    return found


def addresses_in_use(state: LabState, host: Host, adapter: Adapter) -> list[IPv4Interface]:
    return addresses(adapter) + cluster_addresses(state, host, adapter)
