"""The embedded lab of an Exchange 2007 CCR site: its environment file as a winlab Topology
(generator.labs.contract.LabModule; runbook.yaml names this file as `lab: lab.py`).

The hosts as Windows setup leaves them before the runbook starts: the domain controller and
the file share witness host ready, static on the public network and in the domain; both
nodes freshly installed in WORKGROUP (under the name setup gave them when the environment
knows it, its model's `host_aliases`, else under their own already), with DHCP on their
public and private connections (the public network's DHCP server is the domain controller,
handing itself out as DNS server; the private network has none), the release's CD in drive
D: (on 2003 with the Support Tools package, SUPPORT\\TOOLS\\SUPTOOLS.MSI [S63]), KB 921181
where the environment says so. The domain controller and witness run the nodes' first
release and service pack. The witness is the organisation's Exchange 2007 Hub Transport
(role `hub-transport`); the nodes find the Exchange media (setup.com) in the environment's
setup folder and, on 2003, the prerequisite installers in its prerequisites folder
(winlab.exchange.topology.ExchangeSpec).

Restarts take the time RUNBOOK_LAB_RESTART says, `DELAY_CAP,DOWNTIME` in seconds (`20,30`:
a `shutdown /r /t 20` takes a node away after 20 s, for 30 s); unset, a host restarts
between two commands (winlab.restarts.RestartTiming). `runbook lab up` passes the variable
on to the lab's daemon.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from winlab import assumptions
from winlab.errors import WinLabError
from winlab.exchange.topology import ExchangeSpec, StorageGroupSpec
from winlab.fidelity import Assumption, Fidelity, rows
from winlab.lab import Lab
from winlab.masking import Masker, unmasked
from winlab.restarts import RestartTiming
from winlab.topology import AccountSpec, AdapterSpec, DomainSpec, HostSpec, Network, OsSpec, Topology

from generator.secrets import SecretRef

errors = (WinLabError,)
PUBLIC, PRIVATE = "public", "private"
DC, WITNESS, NODE, HUB_TRANSPORT = "dc", "witness", "node", "hub-transport"
# Until the model has them (exchange-stages): where the nodes find the Exchange media and the 2003 installers.
DEFAULT_SETUP_PATH, DEFAULT_PREREQUISITES_PATH = "E:\\", "E:\\Prerequisites"
CD_DRIVE = "D:"
RESTART_VARIABLE = "RUNBOOK_LAB_RESTART"

def topology(environment: Any, lenient: bool = False) -> Topology:
    """The environment's site. `lenient` (tests of winlab's relaxations only): every node with the
    Support Tools, and feature restarts and the 2008 cluster virtual adapter relaxed."""
    params = environment.params
    first = params.nodes[0]
    dc = params.domain_controller.address
    networks = [Network(PUBLIC, first.public.address.network, gateway=first.public.gateway, dhcp_server=dc,
                        dhcp_dns=[dc]),
                Network(PRIVATE, first.private.address.network)]
    servers_os = OsSpec(first.os.release, service_pack=first.os.service_pack, architecture=first.os.architecture)
    servers = [HostSpec(server.name, servers_os, roles=frozenset(role), joined=True, powershell=WITNESS in role,
                        adapters=[AdapterSpec(first.public.original_name, PUBLIC, address=server.address,
                                              gateway=first.public.gateway, dns_servers=[dc])])
               for server, role in ((params.domain_controller, {DC}), (params.witness, {WITNESS, HUB_TRANSPORT}))]
    setup_names = params.host_aliases()         # a node's name before the runbook renames it, when known
    nodes = [HostSpec(node.name, OsSpec(node.os.release, node.os.edition, node.os.service_pack, node.os.architecture),
                      roles=frozenset({NODE}), hotfixes=["KB921181"] if node.kb921181 else [],
                      support_tools=lenient or node.support_tools.installed,
                      computer_name=next(iter(setup_names.get(node.name, ())), None), cd_drive=CD_DRIVE,
                      adapters=[AdapterSpec(node.public.original_name, PUBLIC),
                                AdapterSpec(node.private.original_name, PRIVATE)])
             for node in params.nodes]
    domain = DomainSpec(params.domain.fqdn, params.domain.netbios_name, params.domain.functional_level,
                        controller=params.domain_controller.name, forest_root=params.domain.forest_root)
    relaxed = frozenset({"feature-restarts", "cluster-virtual-adapter"} if lenient else ())
    return Topology(environment.name, params.platform, domain, networks, [*servers, *nodes],
                    accounts=[AccountSpec(account.user, [role]) for role, account in _accounts(params)],
                    relaxed=relaxed, exchange=exchange(params))


def exchange(params: Any) -> ExchangeSpec:
    """The site's Exchange: the organisation's Hub Transport on the witness host, the media on every
    node at the environment's setup folder (and on 2003 the prerequisite installers), the storage
    groups setup creates."""
    settings = params.exchange
    return ExchangeSpec(organization=params.domain.netbios_name, hub=params.witness.name,
                        setup_path=str(getattr(settings, "setup_path", DEFAULT_SETUP_PATH)),
                        prerequisites_path=_optional(getattr(settings, "prerequisites_path",
                                                             DEFAULT_PREREQUISITES_PATH)),
                        storage_groups=[StorageGroupSpec(g.name, g.database.name, g.database.kind)
                                        for g in settings.storage_groups], node_role=NODE)


def _optional(path: Any) -> str | None:
    return None if path is None else str(path)


def accounts(environment: Any) -> dict[str, SecretRef]:
    """DOMAIN\\user -> its password's reference: the domain admin (the WinRM login) first."""
    found: dict[str, SecretRef] = {}
    for _, account in _accounts(environment.params):
        found.setdefault(account.user, account.password)
    return found


def _accounts(params: Any) -> list[tuple[str, Any]]:
    pairs = [("domain-admin", params.domain.admin), ("cluster-service", params.cluster.service_account)]
    return [(role, account) for role, account in pairs if account is not None]   # 2008: no service account


def open_lab(environment: Any, directory: Path, passwords: Mapping[str, str] | None = None,
             create: bool = True, mask: Masker | None = None) -> Lab:
    return Lab.open(directory, topology(environment), create=create, mask=mask or unmasked, passwords=passwords,
                    restart=RestartTiming.parse(os.environ.get(RESTART_VARIABLE, "")))


def fidelity() -> tuple[list[Fidelity], list[Assumption]]:
    commands, assumed = rows()          # winlab's rows carry a shortened repr: the page shows the constant
    return commands, [replace(row, value=getattr(assumptions, row.name)) for row in assumed]
