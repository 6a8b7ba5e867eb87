"""A fresh lab's Exchange: the organisation and its Hub Transport (the witness host), the
Exchange media and 2003 prerequisite installers on every node, and every host's HOSTS file
(where the runbook writes the replication host names).

The hub has Exchange 2007 SP1 with the Hub Transport role, its services running and PowerShell
(KB926139 on 2003, the PowerShell feature on 2008) from the baseline; the transport dumpster
has its defaults, 18 MB and 7 days [S17][S18]. Nodes have no Exchange: setup.com installs it.
"""

from __future__ import annotations

import ntpath

from .. import assumptions as A
from ..cmdshell.files import VirtualFileSystem
from ..powershell import install as powershell
from ..state import Host, LabState
from .model import ExchangeState, Server, StorageGroup
from .topology import ExchangeSpec

HUB_ROLE = "HubTransport"


def seed(state: LabState, spec: ExchangeSpec) -> None:
    hub = state.host(spec.hub)
    state.exchange = ExchangeState(
        organization=spec.organization, hub=hub.name, setup_path=spec.setup_path,
        prerequisites_path=spec.prerequisites_path,
        planned_storage_groups=[StorageGroup(name=g.name, database=g.database, kind=g.kind)
                                for g in spec.storage_groups])
    state.exchange.servers[hub.name] = Server(host=hub.name, roles=[HUB_ROLE],
                                              services={name: True for name, _ in A.EXCHANGE_SERVICES_HUB})
    powershell.install(hub)
    register_shell(hub)
    for host in state.hosts.values():
        _file(host, hosts_file(state), A.HOSTS_FILE)
        if spec.node_role in host.roles:
            put_media(state, host, spec)


def hosts_file(state: LabState) -> str:
    """%SystemRoot%\\system32\\drivers\\etc\\hosts: the replication host names go there [S15]."""
    return A.SYSTEM_ROOT[state.platform] + "\\system32\\drivers\\etc\\hosts"


def resolves(state: LabState, host: Host, name: str) -> str | None:
    """The address `host`'s HOSTS file gives `name` (None: no line for it)."""
    text = VirtualFileSystem(host.files, host.directories).read(hosts_file(state)) or ""
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 2 and any(w.upper() == name.upper() for w in words[1:]):
            return words[0]
    return None


def register_shell(host: Host) -> None:
    """What Exchange setup leaves for its shell: the snap-in registered, the execution policy set."""
    powershell.register_snapin(host, A.EXCHANGE_SNAPIN)
    powershell.set_execution_policy(host, A.EXCHANGE_EXECUTION_POLICY)


def put_media(state: LabState, host: Host, spec: ExchangeSpec) -> None:
    _file(host, ntpath.join(spec.setup_path, "setup.com"), A.EXCHANGE_SETUP_CONTENT)
    if state.is_2003 and spec.prerequisites_path:
        architecture = host.os.architecture
        for name, _ in A.EXCHANGE_INSTALLERS_2003[architecture]:
            _file(host, ntpath.join(spec.prerequisites_path, name),
                  A.EXCHANGE_INSTALLER_CONTENT.format(name=name, architecture=architecture))


def _file(host: Host, path: str, content: str) -> None:
    fs = VirtualFileSystem(host.files, host.directories)
    folder = ntpath.dirname(path)
    fs.mkdir(folder)
    if not fs.is_dir(folder):                   # a drive root other than C: (the media's drive)
        host.directories.append(folder)
    fs.write(path, content)

