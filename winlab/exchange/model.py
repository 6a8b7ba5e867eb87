"""The lab's Exchange 2007 SP1 state: part of the lab's JSON document (`LabState.exchange`).

Only what Exchange keeps (in Active Directory, the registry, the cluster or its logs) is stored;
what the cmdlets compute (queue lengths, a copy's summary status) is derived by replication.py.
Times are the lab's clock, epoch seconds. Log generations are counted per storage group:
`generated` on the active copy, `copied` and `replayed` on the passive one.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Dial = Literal["Lossless", "GoodAvailability", "BestAvailability"]
DatabaseKind = Literal["mailbox", "public-folder"]

class ExchangeModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

class TransportConfig(ExchangeModel):
    """Organisation-wide (Set-TransportConfig): the transport dumpster [S17][S18]."""

    max_dumpster_size_bytes: int = 18 * 1024 * 1024
    max_dumpster_seconds: int = 7 * 86400
    max_send_size_bytes: int = 10 * 1024 * 1024
    max_receive_size_bytes: int = 10 * 1024 * 1024
    max_recipient_envelope_limit: int = 5000

class Server(ExchangeModel):
    """An Exchange server: what setup installed on a host."""

    host: str                                   # the lab's host key
    roles: list[str] = Field(default_factory=list)          # "HubTransport", "Mailbox"
    services: dict[str, bool] = Field(default_factory=dict)  # service name -> running
    installed_at: float = 0.0

class StorageGroup(ExchangeModel):
    name: str
    database: str
    kind: DatabaseKind = "mailbox"
    mounted: bool = False
    generated: int = 1                          # the active copy's newest log generation
    copied: int = 0                             # ... copied and inspected on the passive node
    replayed: int = 0                           # ... replayed into the passive database

    carry: float = 0.0                          # fraction of a log generated and not yet closed
    generated_at: float = 0.0                   # when the newest log was closed
    copied_at: float | None = None
    replayed_at: float | None = None
    suspended: bool = False
    suspend_comment: str = ""
    failed: bool = False
    failed_message: str = ""
    seeding: bool = False
    seed_phase_until: float | None = None       # Initializing, then Seeding, ends at this time
    seed_pending: bool = True                   # Seeding follows Initializing (False: the database was copied already)
    initializing: bool = False
    manual_resume: bool = False                 # reseeded with -ManualResume: suspended after it
    blocked_by_dial: bool = False               # a failover left it dismounted (copy queue beyond the dial)

class ReplicationHostName(ExchangeModel):
    node: str                                   # host key
    name: str
    address: str
    netbios_failed: bool = False                # 2008: created with NetBIOS off, its Network Name never comes online

class Cms(ExchangeModel):
    """The clustered mailbox server: its cluster group is named after it."""

    name: str
    address: str
    active: str                                 # host key of the node running it
    nodes: list[str] = Field(default_factory=list)          # nodes with the passive/active role installed
    stopped: bool = False                       # Stop-ClusteredMailboxServer (a restart does not start it [S52])
    dial: Dial = "BestAvailability"
    forced_mount_after: int | None = None       # seconds (ForcedDatabaseMountAfter)
    host_names: list[ReplicationHostName] = Field(default_factory=list)
    storage_groups: list[StorageGroup] = Field(default_factory=list)
    synced: dict[str, str] = Field(default_factory=dict)   # resource -> the state Exchange last gave it

class Event(ExchangeModel):
    """An Application-log entry (Get-EventLog reads them)."""

    host: str
    index: int
    time: float
    entry_type: Literal["Information", "Warning", "Error"] = "Information"
    source: str
    event_id: int
    message: str

class Redelivery(ExchangeModel):
    """A lossy failover asked the Hub Transport servers to resubmit from the dumpster [S44]."""

    time: float
    storage_group: str
    hub: str
    lost_logs: int

class ExchangeState(ExchangeModel):
    organization: str
    hub: str                                    # host key of the Hub Transport (the witness host)
    setup_path: str
    prerequisites_path: str | None = None
    planned_storage_groups: list[StorageGroup] = Field(default_factory=list)    # what setup creates
    transport: TransportConfig = Field(default_factory=TransportConfig)
    servers: dict[str, Server] = Field(default_factory=dict)
    prerequisites: dict[str, list[str]] = Field(default_factory=dict)          # host -> installed components
    cms: Cms | None = None
    events: list[Event] = Field(default_factory=list)
    redeliveries: list[Redelivery] = Field(default_factory=list)
    clock: float = 0.0                          # replication has been carried out up to this time
    copy_queue_fault: bool = False
    lost_node: str | None = None                # the cms-active-node fault powered this host off

    def server(self, host: str) -> Server | None:
        return next((s for k, s in self.servers.items() if k.upper() == host.upper()), None)
