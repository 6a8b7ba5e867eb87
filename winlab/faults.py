"""Failure drills: take a host or a network's wire down, and bring it back.

`what` is a host name (any host of the lab, typically a node), a role that exactly one host
holds in the topology (`witness`: that host), or `<network>-network` (`private-network`: the
heartbeat wire is cut; the cluster keeps talking over Public and `cluster network` shows
Private down). Quorum is re-evaluated afterwards.
"""

from __future__ import annotations

from . import network, quorum
from .errors import WinLabError
from .state import Host, LabState

NETWORK = "-network"


def fail(state: LabState, what: str) -> str:
    """Apply a fault; returns what happened, in words."""
    return _apply(state, what, broken=True)


def heal(state: LabState, what: str) -> str:
    return _apply(state, what, broken=False)


def targets(state: LabState) -> list[str]:
    return [*_single_roles(state), *(name + NETWORK for name in state.segments), *state.hosts]


def _apply(state: LabState, what: str, broken: bool) -> str:
    wire = _network(state, what)
    if wire is not None:
        state.faults.cut = [n for n in state.faults.cut if n != wire] + ([wire] if broken else [])
        _renew(state, wire)
        quorum.refresh(state)
        return f"{wire} network {'cut' if broken else 'restored'}"
    host = _host(state, what)
    if host.up == (not broken):
        return f"{host.name} is already {'down' if broken else 'up'}"
    if broken:
        host.up = False
    else:
        host.boot()
    quorum.refresh(state)
    return f"{host.name} {'down' if broken else 'up'}"


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
