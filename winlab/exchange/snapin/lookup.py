"""Finding what a cmdlet's -Identity, -Server or -TargetMachine names, and the errors when nothing is."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ... import assumptions as A
from ... import quorum
from ...powershell import CmdletError
from ...state import Host, LabState
from ..model import Cms, ExchangeState, StorageGroup


def exchange(ctx: Any) -> ExchangeState:
    """The lab's Exchange, brought up to the session's time: a Start-Sleep in the same powershell.exe
    moves the host's clock on, and logs, copies and seeding move with it (exchange-stages, Decisions)."""
    state = ctx.lab
    if state.exchange is not None and ctx.host_context.now > state.exchange.clock:
        from ..clock import advance            # clock imports the snap-in: no import at module level
        advance(state, ctx.host_context.now)
    return state.exchange


def epoch(ctx: Any) -> float:
    return ctx.host_context.now


def when(seconds: float | None) -> datetime | None:
    """A lab time as the cmdlets show it (the hosts run on UTC)."""
    return None if seconds is None else datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)


def not_found(ctx: Any, identity: str) -> CmdletError:
    state = ctx.lab
    dc = f"{state.domain.controller}.{state.domain.fqdn}"
    return CmdletError(A.EMS_NOT_FOUND.format(identity=identity, dc=dc), "NotSpecified",
                       "ManagementObjectNotFoundException", identity)


def short(name: str) -> str:
    """`E2K7CMS` for `E2K7CMS`, `E2K7CMS.e2k7.local` or `E2K7\\E2K7CMS`."""
    return name.split("\\")[-1].split(".")[0]


def cms_named(ctx: Any, identity: str | None) -> Cms:
    """The CMS `identity` names (None: the only one there is)."""
    cms = exchange(ctx).cms
    if cms is None or (identity is not None and short(identity).upper() != cms.name.upper()):
        raise not_found(ctx, identity or "")
    return cms


def local_cms(ctx: Any) -> Cms | None:
    """The CMS whose node this host is."""
    cms = exchange(ctx).cms
    return cms if cms is not None and ctx.host.name in cms.nodes else None


def node(ctx: Any, name: str) -> Host | None:
    return ctx.lab.host(short(name))


def storage_group(ctx: Any, identity: str) -> tuple[Cms, StorageGroup]:
    """`SERVER\\Storage Group` (or a name on the local CMS)."""
    server, _, name = identity.rpartition("\\")
    cms = exchange(ctx).cms if not server else cms_or_none(ctx, server)
    if cms is None and not server:
        cms = local_cms(ctx)
    group = next((g for g in cms.storage_groups if g.name.lower() == name.lower()), None) if cms else None
    if group is None:
        raise not_found(ctx, identity)
    return cms, group


def cms_or_none(ctx: Any, server: str) -> Cms | None:
    cms = exchange(ctx).cms
    return cms if cms is not None and short(server).upper() == cms.name.upper() else None


def require_cluster(ctx: Any) -> None:
    """Cmdlets that talk to the Cluster service need it running here, with quorum."""
    state: LabState = ctx.lab
    cluster = state.cluster
    if cluster is None or not cluster.running or not quorum.node_is_up(state, ctx.host.computer_name) \
            or cluster.node(ctx.host.computer_name) is None:
        raise CmdletError(A.EMS_CLUSTER_DOWN.format(node=ctx.host.netbios), "InvalidOperation",
                          "ClusterServiceNotRunning", ctx.host.netbios)
