"""The registry values Exchange and its prerequisites leave on a host (winregistry.py shows them):
the prerequisites' (prerequisites.py) and, once setup installed a role, `HKLM\\SOFTWARE\\Microsoft\\
Exchange\\v8.0\\<Role>Role` ConfiguredVersion (the runbook's check that setup ran; from memory)."""

from __future__ import annotations

from .. import assumptions as A
from ..state import Host, LabState
from . import prerequisites

ROLE_KEY = "SOFTWARE\\Microsoft\\Exchange\\v8.0\\{role}Role"


def values(state: LabState, host: Host) -> dict[str, list[tuple[str, str, int | str]]]:
    found = prerequisites.registry(state, host)
    server = state.exchange.server(host.name) if state.exchange else None
    for role in server.roles if server else []:
        found[ROLE_KEY.format(role=role)] = [("ConfiguredVersion", "REG_SZ", A.EXCHANGE_BUILD)]
    return found
