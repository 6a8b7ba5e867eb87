"""The objects the Exchange cmdlets return, with their properties in Format-List order."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from ... import assumptions as A
from ...powershell import ByteQuantifiedSize, PSObject
from ...state import LabState
from .. import cms as cms_module
from .. import hostnames, replication
from ..model import Cms, StorageGroup, TransportConfig
from .lookup import when

NS = "Microsoft.Exchange"
TRANSPORT_CONFIG = f"{NS}.Data.Directory.SystemConfiguration.TransportConfigContainer"
MAILBOX_SERVER = f"{NS}.Data.Directory.Management.MailboxServer"
CMS_STATUS = f"{NS}.Management.SystemConfigurationTasks.ClusteredMailboxServerStatus"
COPY_STATUS = f"{NS}.Management.SystemConfigurationTasks.StorageGroupCopyStatus"
HEALTH = f"{NS}.Management.SystemConfigurationTasks.ReplicationCheckOutputObject"
STORAGE_GROUP = f"{NS}.Data.Directory.SystemConfiguration.StorageGroup"
MAILBOX_DATABASE = f"{NS}.Data.Directory.SystemConfiguration.MailboxDatabase"
PUBLIC_FOLDER_DATABASE = f"{NS}.Data.Directory.SystemConfiguration.PublicFolderDatabase"


def _object(type_name: str, name: str, properties: dict[str, Any]) -> PSObject:
    return PSObject((type_name, "System.Object"), properties, to_string=name)


def transport_config(config: TransportConfig) -> PSObject:
    values = {"ClearCategories": True, "GenerateCopyOfDSNFor": [], "InternalSMTPServers": [],
              "JournalingReportNdrTo": "<>", "MaxDumpsterSizePerStorageGroup":
              ByteQuantifiedSize(config.max_dumpster_size_bytes),
              "MaxDumpsterTime": timedelta(seconds=config.max_dumpster_seconds),
              "MaxReceiveSize": ByteQuantifiedSize(config.max_receive_size_bytes),
              "MaxRecipientEnvelopeLimit": config.max_recipient_envelope_limit,
              "MaxSendSize": ByteQuantifiedSize(config.max_send_size_bytes), "TLSReceiveDomainSecureList": [],
              "TLSSendDomainSecureList": [], "VerifySecureSubmitEnabled": False, "VoicemailJournalingEnabled": True,
              "WritingBrandingInDSNEnabled": True, "Xexch50Enabled": True}
    return _object(TRANSPORT_CONFIG, "Transport Settings", {name: values[name] for name in A.TRANSPORT_CONFIG_FIELDS})


def mailbox_server(state: LabState, cms: Cms) -> PSObject:
    return _object(MAILBOX_SERVER, cms.name, {
        "Name": cms.name, "AutoDatabaseMountDial": cms.dial,
        "ForcedDatabaseMountAfter": None if cms.forced_mount_after is None else cms.forced_mount_after,
        "ClusteredStorageType": "NonShared",
        "RedundantMachines": [state.host(n).netbios for n in cms.nodes],
        "DataPath": r"C:\Program Files\Microsoft\Exchange Server\Mailbox",
        "Identity": cms.name, "IsValid": True})


def cms_status(state: LabState, cms: Cms, fqdn: str) -> PSObject:
    group = cms_module.group_of(state, cms)
    owner = group.owner if group else ""
    core = state.cluster.group("Cluster Group") if state.cluster else None
    quorum_owner = core.owner if core else ""
    machines = []
    for name in cms.nodes:
        host = state.host(name)
        if not host.up:
            continue
        mark = ""
        if host.computer_name.upper() == owner.upper():
            quorum = A.CMS_STATUS_QUORUM_MARK if host.computer_name.upper() == quorum_owner.upper() else ""
            mark = A.CMS_STATUS_ACTIVE_MARK.format(quorum=quorum)
        elif host.computer_name.upper() == quorum_owner.upper():
            mark = " <Quorum Owner>"
        machines.append(host.netbios + mark)
    failed = [r.name for r in state.cluster.resources_of(cms.name) if r.state != "Online"]
    operational, failed_names, in_use = replication_host_names(state, cms)
    return _object(CMS_STATUS, cms.name, {
        "Identity": cms.name, "ClusteredMailboxServerName": f"{cms.name}.{fqdn}",
        "State": cms_module.state_word(state, cms), "OperationalMachines": machines, "FailedResources": failed,
        "OperationalReplicationHostNames": operational, "FailedReplicationHostNames": failed_names,
        "InUseReplicationHostNames": in_use, "IsValid": True})


def replication_host_names(state: LabState, cms: Cms) -> tuple[list[str], list[str], list[str]]:
    """Operational (its Network Name can be online: node up, adapter live), failed, in use (operational
    while the copy runs) [S8]."""
    operational = [h.name for h in cms.host_names if hostnames.operational(state, h)]
    failed = [h.name for h in cms.host_names if h.name not in operational]
    in_use = operational if replication.channel_open(state, cms) else []
    return operational, failed, in_use


def copy_status(state: LabState, cms: Cms, group: StorageGroup) -> PSObject:
    status = replication.summary(state, group)
    values: dict[str, Any] = {
        "Identity": f"{cms.name}\\{group.name}", "StorageGroupName": group.name, "SummaryCopyStatus": status,
        "Failed": group.failed, "FailedMessage": group.failed_message, "Seeding": group.seeding,
        "Suspend": group.suspended, "SuspendComment": group.suspend_comment,
        "CopyQueueLength": replication.copy_queue(group), "ReplayQueueLength": replication.replay_queue(group)}
    later = {"LatestAvailableLogTime": when(group.generated_at),
             "LastCopyNotificationedLogTime": when(group.generated_at),
             "LastCopiedLogTime": when(group.copied_at), "LastInspectedLogTime": when(group.copied_at),
             "LastReplayedLogTime": when(group.replayed_at), "LastLogGenerated": group.generated,
             "LastLogCopyNotified": group.generated, "LastLogCopied": group.copied, "LastLogInspected": group.copied,
             "LastLogReplayed": group.replayed, "LatestFullBackupTime": None, "LatestIncrementalBackupTime": None,
             "SnapshotBackup": None, "IsValid": True, "ObjectState": "Unchanged"}
    values.update((name, later[name]) for name in A.COPY_STATUS_LATER_FIELDS)
    return _object(COPY_STATUS, group.name, values)


def health(server: str, check: str, result: str, error: str = "") -> PSObject:
    return _object(HEALTH, check, {"Server": server, "Check": check, "Result": result, "Error": error})


def storage_group(cms: Cms, group: StorageGroup) -> PSObject:
    folder = rf"C:\Program Files\Microsoft\Exchange Server\Mailbox\{group.name}"
    return _object(STORAGE_GROUP, group.name, {
        "Name": group.name, "Server": cms.name, "LogFolderPath": folder, "SystemFolderPath": folder,
        "CopyLogFolderPath": folder, "CopySystemFolderPath": folder, "Replicated": "Cluster", "Recovery": False,
        "Identity": f"{cms.name}\\{group.name}", "IsValid": True})


def database(cms: Cms, group: StorageGroup, status: bool, mounted: bool) -> PSObject:
    kind = PUBLIC_FOLDER_DATABASE if group.kind == "public-folder" else MAILBOX_DATABASE
    path = rf"C:\Program Files\Microsoft\Exchange Server\Mailbox\{group.name}\{group.database}.edb"
    return _object(kind, group.database, {
        "Name": group.database, "Server": cms.name, "StorageGroup": f"{cms.name}\\{group.name}",
        "Mounted": mounted if status else None, "EdbFilePath": path, "Recovery": False,
        "Identity": f"{cms.name}\\{group.name}\\{group.database}", "IsValid": True})
