"""Organisation and server settings the runbook sets: `Get-TransportConfig` (the transport
dumpster, ccr-domain.md stage 6) and `Get-MailboxServer` (AutoDatabaseMountDial, stage 9).

MaxDumpsterSizePerStorageGroup prints as Exchange's ByteQuantifiedSize, `18 MB (18,874,368
bytes)` (the layout of the byte count UNCONFIRMED for 2007: its digits are read, whatever
separates them); MaxDumpsterTime as a TimeSpan, `7.00:00:00`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from .base import EmsProbe, one_record
from .formatlist import Record
from .shell import ems_shape, name
from .values import byte_count, collection, seconds


@dataclass(frozen=True)
class TransportSettings:
    max_dumpster_size_bytes: int | None          # per storage group; None: unlimited
    max_dumpster_time_seconds: int | None

    @property
    def max_dumpster_time(self) -> timedelta | None:
        return None if self.max_dumpster_time_seconds is None else timedelta(seconds=self.max_dumpster_time_seconds)


class TransportConfig(EmsProbe[TransportSettings]):
    """`Get-TransportConfig | Format-List`: the organisation's transport settings."""

    NAME = "transport_config"
    ALLOW = (ems_shape(r"Get-TransportConfig \| Format-List"),)

    def pipeline(self) -> str:
        return "Get-TransportConfig | Format-List"

    def process(self, lines: list[str]) -> TransportSettings:
        return one_record(lines, _transport, "transport configuration")


def _transport(record: Record) -> TransportSettings:
    size, time = "MaxDumpsterSizePerStorageGroup", "MaxDumpsterTime"
    return TransportSettings(byte_count(record.text(size), record.lines[size]),
                             seconds(record.text(time), record.lines[time]))


@dataclass(frozen=True)
class MailboxServerSettings:
    name: str
    auto_database_mount_dial: str        # Lossless, GoodAvailability, BestAvailability
    forced_database_mount_after: str     # as printed; empty when not set
    clustered_storage_type: str
    redundant_machines: tuple[str, ...]


class MailboxServer(EmsProbe[MailboxServerSettings]):
    """`Get-MailboxServer -Identity CMS | Format-List`."""

    NAME = "mailbox_server"
    ALLOW = (ems_shape(r"Get-MailboxServer -Identity {NAME} \| Format-List"),)

    def __init__(self, identity: str):
        self.identity = name(identity, "mailbox server")

    def pipeline(self) -> str:
        return f"Get-MailboxServer -Identity {self.identity} | Format-List"

    def process(self, lines: list[str]) -> MailboxServerSettings:
        return one_record(lines, _mailbox_server, "mailbox server")


def _mailbox_server(record: Record) -> MailboxServerSettings:
    return MailboxServerSettings(
        name=record.get("Name") or record.text("Identity"),
        auto_database_mount_dial=record.text("AutoDatabaseMountDial"),
        forced_database_mount_after=record.get("ForcedDatabaseMountAfter") or "",
        clustered_storage_type=record.get("ClusteredStorageType") or "",
        redundant_machines=tuple(collection(record.get("RedundantMachines") or "")))
