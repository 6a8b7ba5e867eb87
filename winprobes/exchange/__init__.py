"""Exchange 2007 Management Shell probes: read-only `Get-` cmdlets (and Test-ReplicationHealth,
and an event source's Application log entries) sent through powershell.exe, with parsers of what they print
(Format-List and the default table, warnings among them, culture-dependent dates)."""

from __future__ import annotations

from .cms import ClusteredMailboxServerStatus, CmsStatus, HealthCheck, ReplicationHealth
from .copystatus import CopyStatus, CopyStatusRow, StorageGroupCopyStatus, StorageGroupCopyStatusTable
from .databases import DatabaseInfo, MailboxDatabases, PublicFolderDatabases, StorageGroupInfo, StorageGroups
from .events import EventEntry, ApplicationEvents
from .settings import MailboxServer, MailboxServerSettings, TransportConfig, TransportSettings
from .shell import ShellError

PROBES = (StorageGroupCopyStatus, StorageGroupCopyStatusTable, ClusteredMailboxServerStatus, ReplicationHealth,
          TransportConfig, MailboxServer, StorageGroups, MailboxDatabases, PublicFolderDatabases, ApplicationEvents)

__all__ = [p.__name__ for p in PROBES] + [
    "CmsStatus", "HealthCheck", "CopyStatus", "CopyStatusRow", "DatabaseInfo", "StorageGroupInfo", "EventEntry",
    "MailboxServerSettings", "TransportSettings", "ShellError", "PROBES"]
