"""The clustered mailbox server in the lab's cluster: its group and resources, handoff, stop and
start, and what happens when the cluster moves its group without Exchange.

`setup.com /NewCms` creates a cluster group named after the CMS, owned by the active node, with
an IP Address, a Network Name, the Information Store and System Attendant instances, and one
database instance per storage group (assumptions.CMS_RESOURCES). `reconcile` runs after every
change of the cluster (quorum.refresh) and as time passes: when the group's owner is no longer
the node Exchange knows as active, either
- the old active node is gone (powered off, out of the cluster): an unscheduled failover. Each
  storage group mounts on the new node only when its copy queue is within the
  AutoDatabaseMountDial's threshold [S112] (assumptions.DIAL_THRESHOLDS); a lossy mount asks
  the Hub Transport to resubmit from its dumpster [S44] (an Application-log entry and a
  Redelivery record) and leaves the old copy diverged (Failed once it is back); a storage group
  beyond the threshold stays dismounted until the old node is back and its logs are copied;
- or the old node is up and in the cluster: the group was moved with cluster tools, and the
  databases stay dismounted [S51]. (An old node that is up but out of the cluster, its Cluster
  service stopped, still hands over its last logs when its Replication service runs.)
`move` is Move-ClusteredMailboxServer's handoff: health checks first, every log copied, then
the group moves, event 100 [S49].
"""

from __future__ import annotations

from .. import assumptions as A
from ..state import ClusterGroup, ClusterResource, Host, LabState
from ..tools.cluster.setup import resource_id
from . import events, hostnames, replication, services
from .model import Cms, Redelivery, StorageGroup


def group_of(state: LabState, cms: Cms) -> ClusterGroup | None:
    return state.cluster.group(cms.name) if state.cluster else None


def create(state: LabState, host: Host, name: str, address: str, now: float) -> Cms:
    """The active clustered mailbox role: the CMS, its group and resources on `host`."""
    exchange, cluster = state.exchange, state.cluster
    groups = [StorageGroup(**g.model_dump(include={"name", "database", "kind"}), mounted=True, generated_at=now)
              for g in exchange.planned_storage_groups]
    cms = Cms(name=name.upper(), address=address, active=host.name, nodes=[host.name], storage_groups=groups)
    exchange.cms = cms
    cluster.groups.append(ClusterGroup(name=cms.name, owner=host.computer_name))
    cluster.resources.extend(_resources(state, cms))
    cluster.config_epoch += 1
    sync(state)
    return cms


def _resources(state: LabState, cms: Cms) -> list[ClusterResource]:
    cluster = state.cluster
    names = {key: (kind, pattern.format(address=cms.address, cms=cms.name, group="{group}", database="{database}"))
             for key, (kind, pattern) in A.CMS_RESOURCES.items()}

    def resource(key: str, private: dict, depends: list[str], **names_in) -> ClusterResource:
        kind, pattern = names[key]
        name = pattern.format(**names_in) if names_in else pattern
        return ClusterResource(name=name, type=kind, group=cms.name, id=resource_id(cluster.name, name),
                               private=dict(private), loaded=dict(private), dependencies=depends)

    ip = resource("ip", {"Address": cms.address, "SubnetMask": str(cluster.subnet.netmask),
                         "Network": cluster.network, "EnableNetBIOS": 1}, [])
    name = resource("name", {"Name": cms.name}, [ip.name])
    sa = resource("sa", {}, [name.name])
    store = resource("store", {}, [sa.name])
    databases = [resource("database", {}, [store.name], group=g.name, database=g.database)
                 for g in cms.storage_groups]
    return [ip, name, sa, store, *databases]


def join_passive(state: LabState, host: Host, now: float) -> None:
    """The passive clustered mailbox role: setup seeds every storage group to `host` while it installs [S7];
    the Replication service then initializes each copy."""
    cms = state.exchange.cms
    cms.nodes.append(host.name)
    for group in cms.storage_groups:
        replication.begin_seed(group, now, copied=True)


def running(state: LabState, cms: Cms) -> bool:
    """The CMS's group runs: the cluster has quorum, its owner is up and in it, nobody stopped it."""
    cluster, group = state.cluster, group_of(state, cms)
    owner = state.host(group.owner) if group else None
    if cluster is None or not cluster.running or owner is None or cms.stopped or owner.name not in cms.nodes:
        return False
    from .. import quorum
    return owner.up and owner.computer_name.upper() in {n.upper() for n in quorum.counting_partition(state, cluster)}


def sync(state: LabState) -> None:
    """The group's resources and the clustered services follow the CMS's state."""
    cms = state.exchange.cms
    online = running(state, cms)
    hostnames.sync(state, cms)
    for resource in state.cluster.resources_of(cms.name):
        database = _group_of_resource(cms, resource)
        up = online and (database is None or mounted(database))
        resource.state = cms.synced[resource.name] = "Online" if up else "Offline"
    for node in cms.nodes:
        host = state.host(node)
        server = state.exchange.server(host.name)
        if server is not None:
            for service in A.CMS_CLUSTERED_SERVICES:
                server.services[service] = online and node.upper() == cms.active.upper()


def mounted(group: StorageGroup) -> bool:
    """Mounted while the CMS runs (`sync` keeps the resources so): the store was not told to dismount it
    and no failover left it beyond the dial."""
    return group.mounted and not group.blocked_by_dial


def _cluster_tool_changes(state: LabState, cms: Cms) -> None:
    """What cluster.exe did to the CMS's resources since Exchange last set them: a database instance
    taken offline is a dismount, brought online a mount; the store instance offline stops the CMS,
    online starts it (Exchange's own tools are the recommended way [S49])."""
    store_type = A.CMS_RESOURCES["store"][0]
    for resource in state.cluster.resources_of(cms.name):
        before = cms.synced.get(resource.name)
        if before is None or resource.state == before:
            continue
        database = _group_of_resource(cms, resource)
        if database is not None:
            database.mounted = resource.state == "Online"
        elif resource.type == store_type:
            cms.stopped = resource.state != "Online"


def _group_of_resource(cms: Cms, resource: ClusterResource) -> StorageGroup | None:
    if resource.type != A.CMS_RESOURCES["database"][0]:
        return None
    return next((g for g in cms.storage_groups if resource.name.startswith(f"{g.name}/{g.database} ")), None)


def state_word(state: LabState, cms: Cms) -> str:
    """Get-ClusteredMailboxServerStatus's State [S8][S98]."""
    if not running(state, cms):
        return A.CMS_STATE_OFFLINE
    resources = state.cluster.resources_of(cms.name)
    return "Online" if all(r.state == "Online" for r in resources) else A.CMS_STATE_PARTIAL


# --- The cluster moved the group ------------------------------------------------------------------

def reconcile(state: LabState, now: float) -> None:
    """After the cluster changed: a failover, a cluster-tool move, or logs recovered from the old node."""
    exchange = state.exchange
    cms = exchange.cms if exchange else None
    if cms is None or state.cluster is None:
        return
    _cluster_tool_changes(state, cms)
    group = group_of(state, cms)
    owner = state.host(group.owner) if group else None
    if owner is not None and owner.name.upper() != cms.active.upper() and owner.name in cms.nodes:
        old = state.host(cms.active)
        cms.active = owner.name
        if old is not None and _member(state, old) and running(state, cms):
            _cluster_tool_move(cms)
        else:
            _failover(state, cms, old, owner, now)
    _recover_blocked(state, cms, now)
    sync(state)


def _member(state: LabState, host: Host) -> bool:
    """The host is up and takes part in the running cluster (its Cluster service runs, it is not cut off)."""
    from .. import quorum
    return host.up and host.computer_name.upper() in {n.upper() for n in quorum.counting_partition(state, state.cluster)}


def _cluster_tool_move(cms: Cms) -> None:
    """Moved with cluster tools while the old node runs: logs are all there, databases left dismounted [S51]."""
    for group in cms.storage_groups:
        group.copied = group.replayed = group.generated
        group.mounted = False


def _failover(state: LabState, cms: Cms, old: Host | None, new: Host, now: float) -> None:
    exchange = state.exchange
    allowed = A.DIAL_THRESHOLDS[cms.dial]
    events.write(state, new.name, A.EVENT_FAILOVER, now, cms=cms.name, node=new.netbios)
    reachable = old is not None and old.up and services.running(state, old, services.REPLICATION)
    for group in cms.storage_groups:
        if reachable and not state.exchange.copy_queue_fault:      # the old node answers: its last logs are copied
            group.copied = group.generated
        lost = replication.copy_queue(group)
        usable = not (group.failed or group.seeding or group.initializing)
        if usable and lost <= allowed:
            group.generated = group.replayed = group.copied
            group.mounted, group.blocked_by_dial = True, False
            if lost:
                exchange.redeliveries.append(Redelivery(time=now, storage_group=group.name, hub=exchange.hub,
                                                        lost_logs=lost))
                events.write(state, new.name, A.EVENT_LOSSY, now, group=group.name, lost=lost,
                             hub=state.host(exchange.hub).netbios)
                group.failed, group.failed_message = True, A.DIVERGED_MESSAGE    # the old copy, once back
        else:
            group.mounted, group.blocked_by_dial = False, True
            events.write(state, new.name, A.EVENT_DIAL_BLOCKED, now, group=group.name, lost=lost, dial=cms.dial,
                         allowed=allowed)


def _recover_blocked(state: LabState, cms: Cms, now: float) -> None:
    """A storage group the dial kept dismounted mounts once the old node is back: its logs are copied."""
    old = replication.passive(state, cms)
    if old is None or not old.up or not running(state, cms):
        return
    for group in cms.storage_groups:
        if group.blocked_by_dial:
            group.copied = group.replayed = group.generated
            group.blocked_by_dial, group.mounted = False, True
            events.write(state, cms.active, A.EVENT_RECOVERED, now, group=group.name, node=old.netbios)


# --- Exchange's own moves ----------------------------------------------------------------------------

def move(state: LabState, target: Host, comment: str, now: float, ignore_dismounted: bool = False) -> None:
    """Move-ClusteredMailboxServer after its checks (the caller made them): a handoff, no log lost."""
    cms = state.exchange.cms
    for group in cms.storage_groups:
        group.copied = group.replayed = group.generated
        group.mounted = group.mounted or not ignore_dismounted
    cms.active = target.name
    group_of(state, cms).owner = target.computer_name
    sync(state)
    events.write(state, target.name, A.EVENT_HANDOFF, now, cms=cms.name, node=target.netbios,
                 seconds=A.EXCHANGE_HANDOFF_SECONDS, comment=comment)


def stop(state: LabState) -> None:
    """Stop-ClusteredMailboxServer: offline until Start-ClusteredMailboxServer, restarts or not [S52]."""
    state.exchange.cms.stopped = True
    sync(state)


def start(state: LabState) -> None:
    """Start-ClusteredMailboxServer: online, every database mounted (a cluster-tool move's dismount too)."""
    cms = state.exchange.cms
    cms.stopped = False
    for group in cms.storage_groups:
        group.mounted = True
    sync(state)
