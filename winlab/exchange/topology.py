"""What a site's Exchange looks like before the runbook starts: `Topology.exchange`.

    ExchangeSpec(organization="E2K7", hub="E2K7HUB01", setup_path="E:\\\\",
                 prerequisites_path="E:\\\\Prerequisites",
                 storage_groups=[StorageGroupSpec("First Storage Group", "Mailbox Database")])

The hub (a host of the topology) runs the Hub Transport role from the baseline; every other
host with the `node` role finds the Exchange media at `setup_path` (setup.com) and, on 2003,
the prerequisite installers at `prerequisites_path`. `storage_groups` are what setup.com
creates on the clustered mailbox server (a lab shortcut: real setup creates the first one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence


@dataclass(frozen=True)
class StorageGroupSpec:
    name: str
    database: str
    kind: str = "mailbox"                       # "mailbox" | "public-folder"


@dataclass(frozen=True)
class ExchangeSpec:
    organization: str
    hub: str                                    # the Hub Transport's host name
    setup_path: str                             # folder holding setup.com on every node
    prerequisites_path: str | None = None       # 2003: folder with .NET, PowerShell, MMC installers
    storage_groups: Sequence[StorageGroupSpec] = field(default_factory=tuple)
    node_role: str = "node"                     # hosts with this role get the media
