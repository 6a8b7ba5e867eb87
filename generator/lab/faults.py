"""Failure drills: take a host, the witness or the private network down, and bring it back.

`what` is a host name (any host of the lab, typically a node), `witness` (the witness
host), or `private-network` (the heartbeat wire is cut; the cluster keeps talking over
Public and `cluster network` shows Private down). Quorum is re-evaluated afterwards.
"""

from __future__ import annotations

from ..errors import LabError
from . import network, quorum
from .state import Host, LabState

WITNESS, PRIVATE_NETWORK = "witness", "private-network"


def fail(state: LabState, what: str) -> str:
    """Apply a fault; returns what happened, in words."""
    return _apply(state, what, broken=True)


def heal(state: LabState, what: str) -> str:
    return _apply(state, what, broken=False)


def targets(state: LabState) -> list[str]:
    return [WITNESS, PRIVATE_NETWORK] + [h.name for h in state.hosts.values()]


def _apply(state: LabState, what: str, broken: bool) -> str:
    if what.lower() == PRIVATE_NETWORK:
        state.faults.private_network = broken
        _renew_private(state)
        quorum.refresh(state)
        return f"private network {'cut' if broken else 'restored'}"
    host = _host(state, what)
    if host.up == (not broken):
        return f"{host.name} is already {'down' if broken else 'up'}"
    if broken:
        host.up = False
    else:
        host.boot()
    quorum.refresh(state)
    return f"{host.name} {'down' if broken else 'up'}"


def _host(state: LabState, what: str) -> Host:
    if what.lower() == WITNESS:
        witnesses = state.hosts_with_role("witness")
        if witnesses:
            return witnesses[0]
    host = state.host(what)
    if host is None:
        raise LabError(f"unknown fault target {what!r}: use one of {', '.join(targets(state))}")
    return host


def _renew_private(state: LabState) -> None:
    """Adapters on a cut wire lose their DHCP lease (the private wire has no server anyway)."""
    for host in state.hosts.values():
        for adapter in host.adapters:
            if adapter.segment == "private" and adapter.dhcp:
                network.renew(state, adapter)
