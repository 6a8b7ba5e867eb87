"""The storage group copies: Get-StorageGroupCopyStatus [S10], Suspend- [S53], Update- [S54] and
Resume-StorageGroupCopy [S20], and Test-ReplicationHealth (SP1 [S48]; 2007 checks believed)."""

from __future__ import annotations

from ... import assumptions as A
from ... import quorum
from ...powershell import Cmdlet, CmdletError, Parameter
from .. import cms as cms_module
from .. import replication, services
from . import objects
from .lookup import cms_named, cms_or_none, epoch, local_cms, not_found, storage_group


def get_copy_status(ctx, params, input):
    state = ctx.lab
    if params.get("Identity"):
        found = [storage_group(ctx, params["Identity"])]
    else:
        server = params.get("Server")
        cms = cms_or_none(ctx, server) if server else local_cms(ctx)
        if cms is None:
            if server:
                raise not_found(ctx, server)
            raise CmdletError(A.EMS_NOT_MAILBOX.format(server=ctx.host.netbios), "InvalidOperation",
                              "NotMailboxServer", ctx.host.netbios)
        found = [(cms, g) for g in cms.storage_groups if g.kind == "mailbox" or len(cms.storage_groups) == 1]
    return [objects.copy_status(state, cms, group) for cms, group in found]


def suspend(ctx, params, input):
    cms, group = storage_group(ctx, params["Identity"])
    _reach_passive(ctx, cms)
    if ctx.confirm("Suspend-StorageGroupCopy", params["Identity"]):
        group.suspended, group.suspend_comment = True, params.get("SuspendComment", "")
    return []


def resume(ctx, params, input):
    cms, group = storage_group(ctx, params["Identity"])
    _reach_passive(ctx, cms)
    if group.failed:
        raise CmdletError(A.EMS_RESUME_FAILED.format(identity=params["Identity"]), "InvalidOperation",
                          "CopyFailed", params["Identity"])
    if ctx.confirm("Resume-StorageGroupCopy", params["Identity"]):
        group.suspended, group.suspend_comment = False, ""
        replication.catch_up(ctx.lab, group, epoch(ctx))
    return []


def update(ctx, params, input):
    """A reseed from the active copy: synchronous, as the cmdlet is; resumes unless -ManualResume."""
    identity = params["Identity"]
    cms, group = storage_group(ctx, identity)
    passive = replication.passive(ctx.lab, cms)
    if passive is None or passive.name != ctx.host.name:
        raise CmdletError(A.EMS_NOT_PASSIVE.format(cms=cms.name, node=passive.netbios if passive else "-"),
                          "InvalidOperation", "NotPassiveNode", identity)
    _reach_passive(ctx, cms)
    if not group.suspended:
        raise CmdletError(A.EMS_NOT_SUSPENDED.format(identity=identity), "InvalidOperation", "CopyNotSuspended",
                          identity)
    if group.copied and not params.get("DeleteExistingFiles"):
        raise CmdletError(A.EMS_FILES_EXIST.format(identity=identity), "InvalidOperation", "SeedingFilesExist",
                          identity)
    if not ctx.confirm("Update-StorageGroupCopy", identity):
        return []
    now = epoch(ctx)
    group.failed, group.failed_message = False, ""
    group.copied = group.replayed = group.generated
    group.copied_at = group.replayed_at = now
    if not params.get("ManualResume"):
        group.suspended, group.suspend_comment = False, ""
    return []


def _reach_passive(ctx, cms) -> None:
    """The copy cmdlets talk to the passive node's Replication service."""
    target = replication.passive(ctx.lab, cms)
    if target is None or not target.up or not services.running(ctx.lab, target, services.REPLICATION):
        raise CmdletError(A.EMS_COPY_UNREACHABLE.format(node=target.netbios if target else "-"),
                          "ResourceUnavailable", "ReplicationServiceUnreachable")


def test_health(ctx, params, input):
    state = ctx.lab
    cms = cms_named(ctx, params.get("Identity")) if params.get("Identity") else local_cms(ctx)
    if cms is None:
        raise CmdletError(A.EMS_NOT_MAILBOX.format(server=ctx.host.netbios), "InvalidOperation", "NotMailboxServer")
    server = ctx.host.netbios
    return [objects.health(server, check, *_check(state, cms, check)) for check in A.REPLICATION_CHECKS]


def _check(state, cms, check: str) -> tuple[str, str]:
    """(Result, Error) of one check."""
    cluster = state.cluster
    passive = replication.passive(state, cms)
    groups = cms.storage_groups

    def failing(test, message):
        bad = [g.name for g in groups if test(g)]
        return ("Failed", f"{message}: {', '.join(bad)}") if bad else ("Passed", "")
    if check == "PassiveNodeUp":
        return ("Passed", "") if passive is not None and passive.up else ("Failed", "The passive node is not up.")
    if check == "ClusterNetwork":
        return ("Passed", "") if cluster and quorum.heartbeat_networks(state, cluster) else (
            "Failed", "No cluster network is up.")
    if check in ("QuorumGroup", "FileShareQuorum"):
        problem = quorum.witness_problem(state, cluster) if cluster else "no cluster"
        return ("Passed", "") if cluster and cluster.running and problem is None else ("Failed", problem or "")
    if check == "CmsGroup":
        word = cms_module.state_word(state, cms)
        return ("Passed", "") if word == "Online" else ("Failed", f"The clustered mailbox server is {word}.")
    if check == "DnsRegistrationStatus":
        return "Passed", ""
    if check == "ReplayService":
        down = [n for n in cms.nodes if not services.running(state, state.host(n), services.REPLICATION)]
        return ("Failed", f"The Replication service is not running on {', '.join(down)}.") if down else ("Passed", "")
    if check == "SGCopySuspended":
        return failing(lambda g: g.suspended, "Suspended storage group copies")
    if check == "SGCopyFailed":
        return failing(lambda g: g.failed, "Failed storage group copies")
    if check == "SGInitializing":
        return failing(lambda g: g.initializing or g.seeding, "Storage group copies initializing")
    if check == "SGCopyQueueLength":
        return failing(lambda g: replication.copy_queue(g) > A.REPLICATION_QUEUE_WARNING, "Copy queue too long")
    return failing(lambda g: replication.replay_queue(g) > A.REPLICATION_QUEUE_WARNING, "Replay queue too long")


IDENTITY = Parameter("Identity", mandatory=True, position=0, pipeline=True)
CMDLETS = [
    Cmdlet("Get-StorageGroupCopyStatus", [Parameter("Identity", position=0, pipeline=True), Parameter("Server"),
                                          Parameter("DumpsterStatistics", "switch"), Parameter("StandbyMachine"),
                                          Parameter("DomainController")], get_copy_status),
    Cmdlet("Suspend-StorageGroupCopy", [IDENTITY, Parameter("SuspendComment"), Parameter("StandbyMachine"),
                                        Parameter("DomainController")], suspend, confirm_impact="high"),
    Cmdlet("Resume-StorageGroupCopy", [IDENTITY, Parameter("StandbyMachine"), Parameter("DomainController")], resume,
           confirm_impact="medium"),
    Cmdlet("Update-StorageGroupCopy", [IDENTITY, Parameter("DataHostNames", "string[]"),
                                       Parameter("DeleteExistingFiles", "switch"), Parameter("Force", "switch"),
                                       Parameter("ManualResume", "switch"), Parameter("StandbyMachine"),
                                       Parameter("TargetPath"), Parameter("DomainController")], update,
           confirm_impact="high"),
    Cmdlet("Test-ReplicationHealth", [Parameter("Identity", position=0), Parameter("ActiveDirectoryTimeout", "int"),
                                      Parameter("MonitoringContext", "bool"), Parameter("DomainController")],
           test_health),
]
