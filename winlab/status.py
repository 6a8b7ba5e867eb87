"""What `Lab.status()` reports: every host, the cluster and its quorum, the faults, in words
for a person (`details`, `faults`) and as one JSON-ready dictionary (`as_dict()`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import quorum
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

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "up": self.up, "domain": self.membership, "boots": self.boots,
                "features": self.features, "pending_name": self.pending_name}


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

    @property
    def faults(self) -> list[str]:
        return [f"{name} cut" for name, cut in self.cut.items() if cut] + [f"{h.name} down" for h in self.hosts
                                                                          if not h.up]

    @property
    def details(self) -> list[str]:
        """The platform, the cluster and its quorum, in the lab's words."""
        return [f"platform: {self.platform}", *_cluster_lines(self.cluster)]

    def as_dict(self) -> dict[str, Any]:
        return {"environment": self.environment, "platform": self.platform,
                "hosts": {h.name: h.as_dict() for h in self.hosts}, "members": self.members,
                "cluster": self.cluster, "faults": {**self.cut, "down": [h.name for h in self.hosts if not h.up]},
                "commands": self.commands}


def lab_status(state: LabState, passwords: str) -> LabStatus:
    return LabStatus(environment=state.environment, platform=state.platform,
                     hosts=[_host(h) for h in state.hosts.values()],
                     members=[h.name for h in state.hosts.values() if h.domain == state.domain.fqdn],
                     cluster=_cluster(state), cut={name + NETWORK: name in state.faults.cut for name in state.segments},
                     commands=state.commands, passwords=passwords)


def _host(host: Host) -> HostStatus:
    return HostStatus(host.name, ", ".join(host.roles), host.up, host.domain or f"workgroup {host.workgroup}",
                      host.boots, host.features, host.pending_name)


def _cluster(state: LabState) -> dict[str, Any] | None:
    cluster = state.cluster
    if cluster is None:
        return None
    votes = quorum.votes(state, cluster)
    return {"name": cluster.name, "running": cluster.running,
            "nodes": {n.name: quorum.node_state(state, cluster, n.name) for n in cluster.nodes},
            "quorum": {"resource": cluster.quorum_resource, "votes": votes.present, "total": votes.total,
                       "majority": votes.majority, "witness": votes.witness,
                       "witness_present": votes.witness_present}}


def _cluster_lines(cluster: dict[str, Any] | None) -> list[str]:
    if cluster is None:
        return ["cluster: none"]
    q = cluster["quorum"]
    witness = f", witness {q['witness']} {'present' if q['witness_present'] else 'MISSING'}" if q["witness"] else ""
    return [f"cluster {cluster['name']}: {'running' if cluster['running'] else 'STOPPED (no quorum)'}, "
            f"quorum resource {q['resource']}, {q['votes']} of {q['total']} votes (majority {q['majority']}){witness}",
            "  nodes: " + ", ".join(f"{n} {s}" for n, s in cluster["nodes"].items())]
