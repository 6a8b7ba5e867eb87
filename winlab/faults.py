"""Failure drills: take a host or a network's wire down, break a secure channel or a cluster
network's role, and bring each back.

`what` is
- a host name (any host of the lab, typically a node): powered off (a scheduled restart is
  cancelled); healing powers it on, a start like any other (pending changes apply);
- a role that exactly one host holds in the topology (`witness`: that host);
- `<network>-network` (`private-network`): the wire is cut: its connections report media
  disconnected, their cluster interfaces fail, pings over it time out, and the cluster's
  heartbeat goes over whatever other network carries internal traffic (quorum.py);
- `secure-channel:<host>`: the host's machine account and the domain disagree, so its
  secure channel is broken (nltest reports it);
- `network-role`: the cluster networks on wires that only cluster nodes use (the heartbeat
  network) take a wrong role, mixed (3); healing restores the role they had.
- the Exchange drills' faults (`cms-active-node`, `replication-service`, `copy-queue`,
  `failed-copy[:<storage group>]`): exchange/faults.py.
Quorum is re-evaluated afterwards.
"""

from __future__ import annotations

import time

from . import network, quorum, restarts
from .errors import WinLabError
from .exchange import faults as exchange_faults
from .state import Host, LabState

NETWORK = "-network"
SECURE_CHANNEL = "secure-channel:"
NETWORK_ROLE = "network-role"
WRONG_ROLE = 3                      # "All communications (mixed network)" on the heartbeat network


def fail(state: LabState, what: str, now: float | None = None) -> str:
    """Apply a fault; returns what happened, in words."""
    return _apply(state, what, True, time.time() if now is None else now)


def heal(state: LabState, what: str, now: float | None = None) -> str:
    return _apply(state, what, False, time.time() if now is None else now)


def targets(state: LabState) -> list[str]:
    return [*_single_roles(state), *(name + NETWORK for name in state.segments), *state.hosts,
            SECURE_CHANNEL + "<host>", NETWORK_ROLE, *exchange_faults.targets(state)]


def _apply(state: LabState, what: str, broken: bool, now: float) -> str:
    wire = _network(state, what)
    if exchange_faults.handles(what):
        message = exchange_faults.apply(state, what, broken, now)
    elif wire is not None:
        message = _wire(state, wire, broken)
    elif what.lower().startswith(SECURE_CHANNEL):
        message = _secure_channel(state, _host(state, what[len(SECURE_CHANNEL):]), broken)
    elif what.lower() == NETWORK_ROLE:
        message = _network_role(state, broken)
    else:
        message = _power(state, _host(state, what), broken, now)
    quorum.refresh(state)
    return message


def _wire(state: LabState, wire: str, broken: bool) -> str:
    state.faults.cut = [n for n in state.faults.cut if n != wire] + ([wire] if broken else [])
    _renew(state, wire)
    return f"{wire} network {'cut' if broken else 'restored'}"


def _power(state: LabState, host: Host, broken: bool, now: float) -> str:
    if host.up == (not broken):
        return f"{host.name} is already {'down' if broken else 'up'}"
    if broken:
        restarts.power_off(host)
    else:
        restarts.start(state, host, now)
    return f"{host.name} {'down' if broken else 'up'}"


def _secure_channel(state: LabState, host: Host, broken: bool) -> str:
    listed = host.name in state.faults.secure_channel
    if listed == broken:
        return f"the secure channel of {host.name} is already {'broken' if broken else 'sound'}"
    state.faults.secure_channel = [h for h in state.faults.secure_channel if h != host.name] + (
        [host.name] if broken else [])
    return f"secure channel of {host.name} {'broken' if broken else 'repaired'}"


def _network_role(state: LabState, broken: bool) -> str:
    cluster = state.cluster
    if cluster is None:
        raise WinLabError("network-role needs a cluster: there is none yet in this lab")
    if not broken:
        restored = state.faults.network_roles
        for network_name, role in restored.items():
            found = cluster.network_named(network_name)
            if found is not None:
                found.role = role
        state.faults.network_roles = {}
        return "cluster network roles restored: " + (", ".join(f"{n} {r}" for n, r in restored.items()) or "none")
    changed = []
    for found in quorum.heartbeat_only_networks(state, cluster):
        state.faults.network_roles.setdefault(found.name, found.role)
        found.role = WRONG_ROLE
        changed.append(found.name)
    if not changed:
        raise WinLabError("network-role: the cluster has no network that only its nodes use")
    return f"cluster network {', '.join(changed)} set to role {WRONG_ROLE} (mixed)"


def _network(state: LabState, what: str) -> str | None:
    wanted = what.lower()
    return next((name for name in state.segments if (name + NETWORK).lower() == wanted), None)


def _host(state: LabState, what: str) -> Host:
    holders = _single_roles(state).get(what.lower())
    host = holders or state.host(what)
    if host is None:
        raise WinLabError(f"unknown fault target {what!r}: use one of {', '.join(targets(state))}")
    return host


def _single_roles(state: LabState) -> dict[str, Host]:
    """Roles that name one host: held by exactly one host of the lab."""
    holders: dict[str, list[Host]] = {}
    for host in state.hosts.values():
        for role in host.roles:
            holders.setdefault(role.lower(), []).append(host)
    return {role: hosts[0] for role, hosts in sorted(holders.items()) if len(hosts) == 1}


def _renew(state: LabState, wire: str) -> None:
    """Adapters on a wire that was cut or restored ask for a DHCP lease again."""
    for host in state.hosts.values():
        for adapter in host.adapters:
            if adapter.segment == wire and adapter.dhcp:
                network.renew(state, adapter)
