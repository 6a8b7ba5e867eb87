"""What `Lab.status()` reports: every host (what is pending on it, a restart under way), the
cluster, its heartbeat and its quorum, the faults and the relaxations, in words for a person
(`details`, `faults`) and as one JSON-ready dictionary (`as_dict()`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import quorum
from .exchange import status as exchange_status
from .faults import NETWORK
from .state import Host, LabState


@dataclass(frozen=True)
class HostStatus:
    name: str
    role: str                           # the topology's roles, comma-separated
    up: bool
    membership: str                     # "e2k7.local" or "workgroup WORKGROUP"
    boots: int
    features: list[str]
    pending_name: str | None
    computer_name: str = ""
    pending: dict[str, Any] = field(default_factory=dict)     # what applies at the next start
    restart: dict[str, float] | None = None                   # down_at/up_at of a scheduled restart

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "up": self.up, "domain": self.membership, "boots": self.boots,
                "features": self.features, "pending_name": self.pending_name, "computer_name": self.computer_name,
                "pending": self.pending, "restart": self.restart}


@dataclass(frozen=True)
class LabStatus:
    environment: str
    platform: str
    hosts: list[HostStatus]
    members: list[str]                  # hosts that are members of the domain
    cluster: dict[str, Any] | None
    cut: dict[str, bool]                # "<network>-network" -> its wire is cut
    commands: int
    passwords: str = field(default="")  # whether logins are checked (only the lab's own process knows)
    broken: list[str] = field(default_factory=list)           # other faults, in words
    relaxed: list[str] = field(default_factory=list)
    exchange: list[str] = field(default_factory=list)          # the CMS, its copies, redelivery requests

    @property
    def faults(self) -> list[str]:
        return [f"{name} cut" for name, cut in self.cut.items() if cut] + [f"{h.name} down" for h in self.hosts
                                                                          if not h.up] + self.broken

    @property
    def details(self) -> list[str]:
        """The platform, what waits for a restart, the cluster and its quorum, in the lab's words."""
        lines = [f"platform: {self.platform}", *(_pending_line(h) for h in self.hosts if h.pending or h.restart),
                 *_cluster_lines(self.cluster), *self.exchange]
        if self.relaxed:
            lines.append("relaxed (content predates them): " + ", ".join(self.relaxed))
        return lines

    def as_dict(self) -> dict[str, Any]:
        return {"environment": self.environment, "platform": self.platform,
                "hosts": {h.name: h.as_dict() for h in self.hosts}, "members": self.members,
                "cluster": self.cluster, "faults": {**self.cut, "down": [h.name for h in self.hosts if not h.up],
                                                    "other": self.broken},
                "relaxed": self.relaxed, "commands": self.commands, "exchange": self.exchange}


def lab_status(state: LabState, passwords: str) -> LabStatus:
    return LabStatus(environment=state.environment, platform=state.platform,
                     hosts=[_host(h) for h in state.hosts.values()],
                     members=[h.name for h in state.hosts.values() if h.domain == state.domain.fqdn],
                     cluster=_cluster(state), cut={name + NETWORK: name in state.faults.cut for name in state.segments},
                     commands=state.commands, passwords=passwords, broken=_other_faults(state),
                     relaxed=list(state.relaxed), exchange=exchange_status.lines(state))


def _host(host: Host) -> HostStatus:
    pending = {key: value for key, value in host.pending.model_dump().items() if value}
    return HostStatus(host.name, ", ".join(host.roles), host.up, host.domain or f"workgroup {host.workgroup}",
                      host.boots, host.features, host.pending.name, host.computer_name, pending,
                      host.restart.model_dump() if host.restart else None)


def _pending_line(host: HostStatus) -> str:
    what = ", ".join(f"{key.replace('_', ' ')} {value if isinstance(value, str) else ' '.join(value)}"
                     for key, value in host.pending.items())
    when = "restarting now" if host.restart and not host.up else \
        "restart scheduled" if host.restart else "waits for a restart"
    return f"{host.name}: {when}" + (f"; then: {what}" if what else "")


def _other_faults(state: LabState) -> list[str]:
    return ([f"secure channel of {h} broken" for h in state.faults.secure_channel]
            + [f"cluster network {n} role wrong" for n in state.faults.network_roles]
            + exchange_status.faults(state))


def _cluster(state: LabState) -> dict[str, Any] | None:
    cluster = state.cluster
    if cluster is None:
        return None
    votes = quorum.votes(state, cluster)
    return {"name": cluster.name, "running": cluster.running,
            "nodes": {n.name: quorum.node_state(state, cluster, n.name) for n in cluster.nodes},
            "heartbeat": _heartbeat(state, cluster),
            "networks": {n.name: n.role for n in cluster.networks},
            "quorum": {"resource": cluster.quorum_resource, "votes": votes.present, "total": votes.total,
                       "majority": votes.majority, "witness": votes.witness,
                       "witness_present": votes.witness_present,
                       "witness_problem": quorum.witness_problem(state, cluster),
                       "forced": [n.name for n in cluster.nodes if n.forced and quorum.node_is_up(state, n.name)]}}


def _heartbeat(state: LabState, cluster) -> list[str] | None:
    """The networks the nodes that are up talk over; None with fewer than two of them up."""
    if sum(quorum.node_is_up(state, n.name) for n in cluster.nodes) < 2:
        return None
    return [n.name for n in quorum.heartbeat_networks(state, cluster)]


def _cluster_lines(cluster: dict[str, Any] | None) -> list[str]:
    if cluster is None:
        return ["cluster: none"]
    q = cluster["quorum"]
    problem = f" ({q['witness_problem']})" if q["witness_problem"] else ""
    witness = f", witness {q['witness']} {'present' if q['witness_present'] else 'MISSING'}{problem}" \
        if q["witness"] else ""
    forced = f" FORCED on {', '.join(q['forced'])}" if q["forced"] else ""
    return [f"cluster {cluster['name']}: {'running' + forced if cluster['running'] else 'STOPPED (no quorum)'}, "
            f"quorum resource {q['resource']}, {q['votes']} of {q['total']} votes (majority {q['majority']}){witness}",
            "  nodes: " + ", ".join(f"{n} {s}" for n, s in cluster["nodes"].items())] + (
        [] if cluster["heartbeat"] is None else
        ["  heartbeat over: " + (", ".join(cluster["heartbeat"]) or "NONE (the nodes cannot reach each other)")])
