"""net.exe, the parts the runbook uses: `net share` (netshare.py), `net start|stop clussvc` and the
Exchange services (`net stop msexchangerepl`: exchange/services.py).

Stopping the Cluster service on a node takes its vote away exactly as a crash would, without
powering the host off, so quorum drills run through the same WinRM path as everything else.
Forcing quorum [S70][S72]: 2003 `net start clussvc /forcequorum N1,N2` (the nodes that may form
the cluster, no spaces), 2008 `net start clussvc /fq` (or `/forcequorum`); the service starts
without a majority, marked forced, until it is started normally again (quorum.py).
"""

from __future__ import annotations

from .. import assumptions as A
from .. import quorum
from ..context import HostContext
from ..tooling import Invocation, Output
from ..exchange import services as exchange_services
from . import netshare

SERVICES = {"clussvc": "Cluster Service"}


def run(inv: Invocation) -> Output:
    words = netshare.arguments(inv.args)
    verb = words[0].lower() if words else ""
    if verb == "share":
        return netshare.run(inv, words[1:])
    if verb not in ("start", "stop") or len(words) < 2:
        return Output(1, "", A.NET_SYNTAX)
    service = words[1].strip('"').lower()
    exchange = exchange_services.find(inv.host.state, inv.host.host, words[1])
    if exchange is not None and len(words) == 2:
        return _exchange(inv.host, verb, *exchange)
    if service not in SERVICES:
        return Output(2, "", A.net_helpmsg("The service name is invalid.", 2185))
    if verb == "stop" and len(words) > 2:
        return Output(1, "", A.NET_SYNTAX)
    return _service(inv.host, verb, SERVICES[service], words[2:])


def _service(ctx: HostContext, verb: str, display: str, parameters: list[str]) -> Output:
    member = ctx.state.cluster.node(ctx.host.computer_name) if ctx.state.cluster else None
    if member is None:          # not a cluster node: the service is installed but never started
        return Output(2, "", A.net_helpmsg(f"The {display} service is not started.", 3521)) if verb == "stop" \
            else _could_not_start(display)
    if member.service_running == (verb == "start"):
        text = "The requested service has already been started." if verb == "start" \
            else f"The {display} service is not started."
        return Output(2, "", A.net_helpmsg(text, 2182 if verb == "start" else 3521))
    if verb == "stop":
        member.service_running = False
        quorum.refresh(ctx.state)
        return Output(0, f"The {display} service is stopping.\r\nThe {display} service was stopped successfully.\r\n\r\n")
    forced = _forced_nodes(ctx, parameters)
    if forced is None:
        return _could_not_start(display)
    quorum.start_service(ctx.state, member.name, forced)
    return Output(0, f"The {display} service is starting.\r\nThe {display} service was started successfully.\r\n\r\n")


def _exchange(ctx: HostContext, verb: str, name: str, display: str) -> Output:
    """An Exchange service (exchange/services.py): stopping the passive node's Replication service stops
    the copy; the clustered ones belong to the cluster, yet net.exe stops them like any other."""
    running = exchange_services.running(ctx.state, ctx.host, name)
    if running == (verb == "start"):
        text = "The requested service has already been started." if verb == "start" \
            else f"The {display} service is not started."
        return Output(2, "", A.net_helpmsg(text, 2182 if verb == "start" else 3521))
    exchange_services.set_running(ctx.state, ctx.host, name, verb == "start")
    words = ("starting", "started") if verb == "start" else ("stopping", "stopped")
    return Output(0, f"The {display} service is {words[0]}.\r\nThe {display} service was {words[1]} successfully.\r\n\r\n")


def _forced_nodes(ctx: HostContext, parameters: list[str]) -> list[str] | None:
    """The nodes a force-quorum start names ([] for a normal start); None: a start parameter the
    service refuses (a node list on 2003 that names no member, `/fq` on 2003)."""
    if not parameters:
        return []
    switch, _, value = parameters[0].partition(":")
    rest = parameters[1:]
    if ctx.is_2003:
        if switch.lower() != "/forcequorum":
            return None
        names = (value or (rest[0] if rest else "")).strip('"').split(",")
        cluster = ctx.state.cluster
        nodes = [cluster.node(n) for n in names if n]
        if not nodes or any(n is None for n in nodes) or len(rest) > (0 if value else 1):
            return None
        return [n.name for n in nodes]
    if switch.lower() not in ("/fq", "/forcequorum") or value or rest:
        return None
    return [ctx.host.computer_name]


def _could_not_start(display: str) -> Output:
    return Output(2, "", A.net_helpmsg(f"The {display} service could not be started.", 3534))
