"""ping.exe: `ping [-n N] [-w ms] [-l size] [-4] TARGET` over the lab's networks.

TARGET is an address, or a host name that the domain's DNS resolves (a member of the domain,
at the first address it registers, or the cluster's name, at the cluster address, once the
cluster exists; when the pinging host can reach the domain's DNS server). An echo is answered when the target address is on a connected subnet whose link
is up at both ends and its host is up, or, without a connected subnet, on another routed
network reached through a default gateway; a network without a gateway (the private
heartbeat wire) is reached only directly. The layout is Windows': the `Pinging` line,
one `Reply from` or `Request timed out.` line per echo, the statistics (round trip times
only when an echo came back); exit code 0 when any echo was answered, 1 otherwise. Without
any route the per-echo line differs by release (assumption).
"""

from __future__ import annotations

from ipaddress import AddressValueError, IPv4Address

from .. import assumptions as A
from .. import network
from ..cmdshell.argv import split
from ..exchange.baseline import resolves
from ..context import HostContext
from ..state import Host, LabState
from ..tooling import Invocation, Output, crlf
from .hostname import host_name

REPLY, TIMEOUT, NO_ROUTE = "reply", "timeout", "no route"
VALUED = {"n": "count", "w": "timeout", "l": "size"}
MAX_COUNT = 100                     # the lab prints at most this many echoes (ping -t is refused)


def run(inv: Invocation) -> Output:
    ctx: HostContext = inv.host
    options = _options(split(inv.args))
    if options is None:
        return Output(1, A.PING_USAGE)
    target, count, size = options
    resolved = _resolve(ctx, target)
    if resolved is None:
        return Output(1, A.PING_UNKNOWN_HOST.format(name=target))
    address, shown = resolved
    outcome = reach(ctx.state, ctx.host, address)
    lines = ["", f"Pinging {shown} with {size} bytes of data:", ""]
    lines += [_echo(ctx, outcome, address, size) for _ in range(count)]
    received = count if outcome == REPLY else 0
    lines += ["", f"Ping statistics for {address}:",
              f"    Packets: Sent = {count}, Received = {received}, Lost = {count - received} "
              f"({(count - received) * 100 // count}% loss),"]
    if received:
        lines += ["Approximate round trip times in milli-seconds:",
                  "    Minimum = 0ms, Maximum = 0ms, Average = 0ms"]
    return Output(0 if received else 1, crlf(lines))


def _options(words: list[str]) -> tuple[str, int, int] | None:
    """(target, count, size), or None for a command line ping would refuse."""
    values = {"count": "4", "timeout": "4000", "size": "32"}
    target = None
    items = iter(words)
    for word in items:
        if word[:1] in "-/" and len(word) == 2:
            key = word[1].lower()
            if key == "4":
                continue
            if key not in VALUED:
                return None
            values[VALUED[key]] = next(items, "")
        elif target is None:
            target = word
        else:
            return None
    if target is None or not all(v.isdigit() for v in values.values()):
        return None
    count, size = int(values["count"]), int(values["size"])
    if not 1 <= count <= MAX_COUNT or size > 65500:
        return None
    return target, count, size


def _resolve(ctx: HostContext, target: str) -> tuple[IPv4Address, str] | None:
    """(address, what the Pinging line shows)."""
    try:
        address = IPv4Address(target)
        return address, str(address)
    except (AddressValueError, ValueError):
        pass
    listed = resolves(ctx.state, ctx.host, target)         # the HOSTS file comes before DNS, as on Windows
    if listed:
        return IPv4Address(listed), f"{target} [{listed}]"
    state, fqdn = ctx.state, ctx.state.domain.fqdn
    short = target.lower().removesuffix("." + fqdn.lower())
    if not network.can_contact_domain(state, ctx.host):
        return None
    cluster = state.cluster
    if cluster is not None and cluster.name.lower() == short and cluster.resource(A.CLUSTER_NAME_RESOURCE):
        return cluster.address, f"{cluster.name}.{fqdn} [{cluster.address}]"    # its Network Name registered it
    found = next((h for h in state.hosts.values() if h.netbios.lower() == short and h.domain == fqdn), None)
    if found is None:
        return None
    registered = [a.ip for adapter in found.ordered_adapters() if adapter.registration != "none"
                  for a in network.addresses(adapter)]
    if not registered:
        return None
    return registered[0], f"{host_name(found)}.{fqdn} [{registered[0]}]"


def reach(state: LabState, host: Host, target: IPv4Address) -> str:
    """What an echo from `host` to `target` gets: REPLY, TIMEOUT or NO_ROUTE."""
    live = [a for a in host.adapters if network.is_live(state, a)]
    if target.is_loopback or any(target == i.ip for a in live for i in network.addresses_in_use(state, host, a)):
        return REPLY
    connected = {a.segment for a in live if any(target in i.network for i in network.addresses_in_use(state, host, a))}
    if connected:
        return REPLY if _answered(state, target, connected) else TIMEOUT
    if any(network.gateways(a) for a in live):
        routed = {name for name, segment in state.segments.items() if segment.gateway is not None}
        return REPLY if _answered(state, target, routed) else TIMEOUT
    return NO_ROUTE


def _answered(state: LabState, target: IPv4Address, segments: set[str]) -> bool:
    return any(adapter.segment in segments and network.is_live(state, adapter)
               and any(i.ip == target for i in network.addresses_in_use(state, other, adapter))
               for other in state.hosts.values() if other.up for adapter in other.adapters)


def _echo(ctx: HostContext, outcome: str, address: IPv4Address, size: int) -> str:
    if outcome == REPLY:
        return f"Reply from {address}: bytes={size} time<1ms TTL={A.PING_TTL}"
    return "Request timed out." if outcome == TIMEOUT else A.PING_NO_ROUTE[ctx.platform]
