"""Forming a cluster and adding nodes: `/create` and `/add[nodes]`.

2003 [S36][C14]: `NAME /create /ipaddr[ess]:IP[,MASK,CONNECTION] /user:DOMAIN\\user
/pass[word]:PW [/node:NODE] [/verb[ose]] [/unattend[ed]] [/min[imum]]`; the mask and
connection default to the node's connection on that subnet. Without shared disks the
quorum is a Local Quorum [S29][S30]. `NAME /add[nodes][:N1,N2] [/pass:PW]`.
2008 [S65][S66]: `/cluster:NAME /create /nodes:"N1 N2" /ipaddr:IP/MASK`, `/add /nodes:"N2"`;
the service runs as Local System and the quorum starts as Node Majority [S76].
A node must be up, a member of the domain, on the cluster's public subnet, and not
already a member; the domain controller must answer; the service account's password
must be right.
"""

from __future__ import annotations

import uuid
from ipaddress import AddressValueError, IPv4Address, IPv4Interface

from ... import assumptions as A
from ... import network, quorum
from ...context import HostContext, find_account
from ...state import Cluster, ClusterGroup, ClusterNetwork, ClusterNode, ClusterResource, Host
from ...tooling import crlf
from .errors import ClusterError
from .options import Request

CORE_GROUP = "Cluster Group"
_NAMESPACE = uuid.UUID("0b0d6a55-6b53-4a0e-a0d5-2f7c1b9f3e21")


def resource_id(cluster: str, resource: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{cluster.upper()}/{resource.lower()}"))


def create(ctx: HostContext, request: Request) -> str:
    name = request.cluster
    if not name or name == ".":
        raise ClusterError(87)
    if ctx.state.cluster is not None:       # the lab holds one cluster; a second name is refused too
        raise ClusterError(A.ERROR_CREATE_EXISTS)
    if ctx.is_2003:
        nodes = [request.value("node") or ctx.host.computer_name]
        _check_account(ctx, request, required=not request.has("unattended"))
    else:
        nodes = _names(request.value("nodes") or ctx.host.computer_name)
    hosts = [_member_candidate(ctx, n) for n in nodes]
    address, subnet, connection = _cluster_address(ctx, request, hosts[0])
    cluster = Cluster(name=name.upper(), address=address, subnet=subnet, network=connection,
                      service_account=_account(ctx, request) if ctx.is_2003 else None)
    _core_resources(ctx, cluster, hosts[0])
    for host in hosts:
        _join(ctx, cluster, host)
    ctx.state.cluster = cluster
    quorum.refresh(ctx.state)
    return _progress(request, A.CREATE_PROGRESS, cluster.name, hosts) + A.CREATE_DONE.format(cluster=cluster.name)


def add(ctx: HostContext, request: Request, cluster: Cluster) -> str:
    names = _names(request.value("addnodes") or request.value("nodes") or ctx.host.computer_name)
    if ctx.is_2003 and quorum.quorum_resource(cluster) is not None \
            and quorum.quorum_resource(cluster).type == quorum.LOCAL_QUORUM:
        raise ClusterError(A.ERROR_ADD_LOCAL_QUORUM)
    hosts = [_member_candidate(ctx, n) for n in names]
    for host in hosts:
        if network.connection_on(host, cluster.address) is None:
            raise ClusterError(A.ERROR_NO_NETWORK_FOR_IP)
    if ctx.is_2003:
        _check_account(ctx, request, required=not request.has("unattended"), user=cluster.service_account)
    out = ""
    for host in hosts:
        _join(ctx, cluster, host)
        out += _progress(request, A.ADD_PROGRESS, cluster.name, [host]) + A.ADD_DONE.format(
            node=host.netbios, cluster=cluster.name)
    quorum.refresh(ctx.state)
    return out


def _names(text: str) -> list[str]:
    return [n for n in text.replace(",", " ").split() if n]


def _member_candidate(ctx: HostContext, name: str) -> Host:
    host = ctx.state.host(name)
    if host is None or not host.up:
        raise ClusterError(A.ERROR_ADD_NODE_DOWN)
    if host.domain is None or host.domain.lower() != ctx.state.domain.fqdn.lower():
        raise ClusterError(A.ERROR_NOT_IN_DOMAIN)
    if ctx.state.cluster is not None and ctx.state.cluster.node(host.computer_name) is not None:
        raise ClusterError(5065)
    if not network.can_contact_domain(ctx.state, host):
        raise ClusterError(1355)
    return host


def _account(ctx: HostContext, request: Request) -> str:
    return request.value("user") or ""


def _check_account(ctx: HostContext, request: Request, required: bool, user: str | None = None) -> None:
    user = user or request.value("user")
    password = request.value("password")
    if not user or (password is None and required):
        raise ClusterError(87)
    if find_account(ctx.state, user) is None:
        raise ClusterError(1326)
    if password is not None and not ctx.credentials.verify(ctx.state, user, password):
        raise ClusterError(1326)


def _cluster_address(ctx: HostContext, request: Request, host: Host):
    """IP[,MASK,CONNECTION] (2003) or IP/MASK (2008) -> address, subnet, connection name."""
    text = request.value("ipaddress")
    if not text:
        raise ClusterError(87)
    parts = [p.strip() for p in text.replace("/", ",").split(",")]
    try:
        address = IPv4Address(parts[0])
        mask = IPv4Address(parts[1]) if len(parts) > 1 and parts[1] else None
    except (AddressValueError, ValueError):
        raise ClusterError(87) from None
    adapter = host.adapter(parts[2]) if len(parts) > 2 else network.connection_on(host, address)
    if adapter is None or not any(address in a.network for a in network.addresses(adapter)):
        raise ClusterError(A.ERROR_NO_NETWORK_FOR_IP)
    subnet = next(a.network for a in network.addresses(adapter) if address in a.network)
    if mask is not None and IPv4Interface(f"{address}/{mask}").network != subnet:
        raise ClusterError(A.ERROR_NO_NETWORK_FOR_IP)
    if network.address_owner(ctx.state, address) is not None:
        raise ClusterError(5057)
    return address, subnet, adapter.connection_name


def _core_resources(ctx: HostContext, cluster: Cluster, first: Host) -> None:
    cluster.groups = [ClusterGroup(name=CORE_GROUP, owner=first.computer_name)]
    ip = {"Address": str(cluster.address), "SubnetMask": str(cluster.subnet.netmask),
          "Network": cluster.network, "EnableNetBIOS": 1}
    cluster.resources = [
        _resource(cluster, "Cluster IP Address", "IP Address", ip),
        _resource(cluster, "Cluster Name", "Network Name", {"Name": cluster.name}, ["Cluster IP Address"]),
    ]
    if ctx.is_2003:
        cluster.resources.append(_resource(cluster, "Local Quorum", quorum.LOCAL_QUORUM, {}))
        cluster.quorum_resource = "Local Quorum"


def _resource(cluster: Cluster, name: str, kind: str, private: dict, dependencies=()) -> ClusterResource:
    return ClusterResource(name=name, type=kind, group=CORE_GROUP, state="Online", id=resource_id(cluster.name, name),
                           private=dict(private), loaded=dict(private), dependencies=list(dependencies))


def _join(ctx: HostContext, cluster: Cluster, host: Host) -> None:
    cluster.nodes.append(ClusterNode(name=host.computer_name, id=max((n.id for n in cluster.nodes), default=0) + 1))
    for adapter in host.ordered_adapters():
        if network.uses_apipa(adapter):
            continue
        for address in network.addresses(adapter):
            if not any(n.subnet == address.network for n in cluster.networks):
                cluster.networks.append(ClusterNetwork(name=adapter.connection_name, subnet=address.network,
                                                       role=A.DEFAULT_NETWORK_ROLE))
                cluster.network_priority.append(adapter.connection_name)


def _progress(request: Request, lines: list[str], cluster: str, hosts: list[Host]) -> str:
    if not request.has("verbose"):
        return ""
    node = ", ".join(h.netbios for h in hosts)
    return crlf([line.format(cluster=cluster, node=node) for line in lines])
