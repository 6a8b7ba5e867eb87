"""Get-ClusteredMailboxServerStatus [S8][S9], Move-ClusteredMailboxServer [S50], Start-/Stop-
ClusteredMailboxServer [S52]: they need the Cluster service on the node they run on."""

from __future__ import annotations

from ... import assumptions as A
from ...powershell import Cmdlet, CmdletError, Parameter
from .. import cms as cms_module
from .. import replication
from . import objects
from .lookup import cms_named, epoch, exchange, node, require_cluster


def get_status(ctx, params, input):
    require_cluster(ctx)
    cms = cms_named(ctx, params.get("Identity")) if params.get("Identity") or exchange(ctx).cms else None
    return [objects.cms_status(ctx.lab, cms, ctx.lab.domain.fqdn)] if cms else []


def move(ctx, params, input):
    require_cluster(ctx)
    state = ctx.lab
    cms = cms_named(ctx, params["Identity"])
    target = node(ctx, params["TargetMachine"])
    if target is None or target.name not in cms.nodes or target.name == cms.active:
        raise CmdletError(A.EMS_MOVE_TARGET.format(target=params["TargetMachine"], cms=cms.name), "InvalidArgument",
                          "InvalidTargetMachine", params["TargetMachine"])
    if not target.up:
        raise CmdletError(A.EMS_MOVE_DOWN.format(target=target.netbios), "InvalidOperation", "TargetNotAvailable")
    if cms.stopped:
        raise CmdletError(A.EMS_CMS_STOPPED.format(cms=cms.name), "InvalidOperation", "ClusteredMailboxServerStopped")
    ignore = params.get("IgnoreDismounted", False)
    for group in cms.storage_groups:
        status = replication.summary(state, group)
        if ignore and not cms_module.mounted(group):
            continue
        if status != replication.HEALTHY:
            raise CmdletError(A.EMS_MOVE_UNHEALTHY.format(group=group.name, status=status,
                                                          queue=replication.copy_queue(group)),
                              "InvalidOperation", "ReplicationNotHealthy", group.name)
    if params.get("ValidateOnly") or not ctx.confirm("Move-ClusteredMailboxServer", f"{cms.name} to {target.netbios}"):
        return []
    cms_module.move(state, target, params["MoveComment"], epoch(ctx), ignore_dismounted=ignore)
    return []


def stop(ctx, params, input):
    require_cluster(ctx)
    cms = cms_named(ctx, params["Identity"])
    if ctx.confirm("Stop-ClusteredMailboxServer", cms.name):
        cms_module.stop(ctx.lab)
    return []


def start(ctx, params, input):
    require_cluster(ctx)
    cms = cms_named(ctx, params["Identity"])
    if ctx.confirm("Start-ClusteredMailboxServer", cms.name):
        cms_module.start(ctx.lab)
    return []


CMDLETS = [
    Cmdlet("Get-ClusteredMailboxServerStatus", [Parameter("Identity", position=0, pipeline=True),
                                                Parameter("DomainController")], get_status),
    Cmdlet("Move-ClusteredMailboxServer",
           [Parameter("Identity", mandatory=True, position=0), Parameter("TargetMachine", mandatory=True),
            Parameter("MoveComment", mandatory=True), Parameter("IgnoreDismounted", "switch"),
            Parameter("ValidateOnly", "switch"), Parameter("DomainController")], move, confirm_impact="high"),
    Cmdlet("Stop-ClusteredMailboxServer", [Parameter("Identity", mandatory=True, position=0),
                                           Parameter("StopReason", mandatory=True), Parameter("DomainController")],
           stop, confirm_impact="high"),
    Cmdlet("Start-ClusteredMailboxServer", [Parameter("Identity", mandatory=True, position=0),
                                            Parameter("DomainController")], start, confirm_impact="medium"),
]
