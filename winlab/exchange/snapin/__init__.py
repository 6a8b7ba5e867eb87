"""The Exchange Management Shell's snap-in in the lab, Microsoft.Exchange.Management.PowerShell.Admin
[S102], on the lab's PowerShell (winlab.powershell): the cmdlets the runbook and its probes use, each
returning objects with the real properties, in the default views below (assumptions.py says which
layouts are believed). Registered with the lab's PowerShell at import; a host can load it once setup
(or the hub's baseline) registered it there.
"""

from __future__ import annotations

from ... import assumptions as A
from ...powershell import Column, SnapIn, View, register
from . import clustered, copies, databases, mailbox, objects, sources, transport  # noqa: F401 (sources registers)

VIEWS = [
    View(objects.TRANSPORT_CONFIG, "list", A.TRANSPORT_CONFIG_FIELDS),
    View(objects.MAILBOX_SERVER, "table", A.MAILBOX_SERVER_TABLE),
    View(objects.CMS_STATUS, "list", ("Identity", "ClusteredMailboxServerName", "State", "OperationalMachines",
                                      "FailedResources", "OperationalReplicationHostNames",
                                      "FailedReplicationHostNames", "InUseReplicationHostNames", "IsValid")),
    View(objects.COPY_STATUS, "table", (
        Column("Name", "StorageGroupName", A.COPY_STATUS_WIDTHS["Name"]),
        *(Column(name, width=A.COPY_STATUS_WIDTHS[name]) for name in ("SummaryCopyStatus", "CopyQueueLength",
                                                                     "ReplayQueueLength")),
        "LastInspectedLogTime")),
    View(objects.HEALTH, "table", ("Server", "Check", "Result", "Error")),
    View(objects.STORAGE_GROUP, "table", A.STORAGE_GROUP_TABLE),
    View(objects.MAILBOX_DATABASE, "table", A.DATABASE_TABLE),
    View(objects.PUBLIC_FOLDER_DATABASE, "table", A.DATABASE_TABLE),
]

SNAPIN = register(SnapIn(A.EXCHANGE_SNAPIN, [*transport.CMDLETS, *mailbox.CMDLETS, *clustered.CMDLETS,
                                             *copies.CMDLETS, *databases.CMDLETS], VIEWS,
                         description="Admin Tools for Exchange Server 2007", version="8.1",
                         application=r"C:\Program Files\Microsoft\Exchange Server\bin"))
