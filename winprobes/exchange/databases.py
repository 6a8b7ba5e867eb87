"""Storage groups and databases: `Get-StorageGroup`, `Get-MailboxDatabase`,
`Get-PublicFolderDatabase` (for the rules of ccr-domain.md 4.4: one database per storage
group, at most 50, a public folder database in CCR only when it is the organisation's only one).

Each object's Identity (`SERVER\\SG` or `SERVER\\SG\\DB`), Name and Server are read; a
database's StorageGroup too, and Mounted (printed with -Status: Get-MailboxDatabase sends it).
Other properties are not needed and not read.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import EmsProbe, records
from .formatlist import Record
from .shell import ems_shape, name
from .values import boolean


@dataclass(frozen=True)
class StorageGroupInfo:
    identity: str
    name: str
    server: str


@dataclass(frozen=True)
class DatabaseInfo:
    identity: str
    name: str
    server: str
    storage_group: str
    mounted: bool | None                 # with -Status; None when not printed or empty


class _ServerListing(EmsProbe[tuple]):
    CMDLET = ""
    SWITCHES = ""

    def __init__(self, server: str | None = None):
        self.selector = f" -Server {name(server, 'server')}" if server is not None else ""

    def pipeline(self) -> str:
        return f"{self.CMDLET}{self.selector}{self.SWITCHES} | Format-List"


class StorageGroups(_ServerListing):
    """`Get-StorageGroup [-Server S] | Format-List`."""

    NAME = "storage_groups"
    CMDLET = "Get-StorageGroup"
    ALLOW = (ems_shape(r"Get-StorageGroup(?: -Server {NAME})? \| Format-List"),)

    def process(self, lines: list[str]) -> tuple[StorageGroupInfo, ...]:
        return records(lines, lambda r: StorageGroupInfo(r.text("Identity"), r.get("Name") or r.text("Identity"),
                                                          r.get("Server") or ""))


def _database(record: Record) -> DatabaseInfo:
    identity = record.text("Identity")
    parts = identity.split("\\")
    mounted = record.get("Mounted")
    return DatabaseInfo(identity, record.get("Name") or parts[-1], record.get("Server") or parts[0],
                        record.get("StorageGroup") or "\\".join(parts[:-1]),
                        boolean(mounted, record.lines["Mounted"]) if mounted else None)


class MailboxDatabases(_ServerListing):
    """`Get-MailboxDatabase [-Server S] -Status | Format-List`: -Status adds Mounted."""

    NAME = "mailbox_databases"
    CMDLET = "Get-MailboxDatabase"
    SWITCHES = " -Status"
    ALLOW = (ems_shape(r"Get-MailboxDatabase(?: -Server {NAME})? -Status \| Format-List"),)

    def process(self, lines: list[str]) -> tuple[DatabaseInfo, ...]:
        return records(lines, _database)


class PublicFolderDatabases(_ServerListing):
    """`Get-PublicFolderDatabase [-Server S] | Format-List`."""

    NAME = "public_folder_databases"
    CMDLET = "Get-PublicFolderDatabase"
    ALLOW = (ems_shape(r"Get-PublicFolderDatabase(?: -Server {NAME})? \| Format-List"),)

    def process(self, lines: list[str]) -> tuple[DatabaseInfo, ...]:
        return records(lines, _database)
