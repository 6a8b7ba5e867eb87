"""`ServerManagerCmd -query` (Windows Server 2008): the ids of the installed roles, role
services and features.

Each item is one line, `[X] Display Name  [Id]` when installed and `[ ] ...` when not, indented
by its depth, under `----- Roles -----` and `----- Features -----` titles. The bracketed id is
what `-install` takes (Failover-Clustering, Web-Server [S46]); the line layout is from memory of
2008 hosts (UNCONFIRMED, as the lab's `SMC_ROW`). `<nul` keeps it from waiting for input.
"""

from __future__ import annotations

import re

from .base import Probe, Unreadable, shape

_ITEM = re.compile(r"^\s*\[(?P<mark>[X ])\] (?P<name>\S.*?)\s+\[(?P<id>[A-Za-z0-9-]+)\]\s*$")
_TITLE = re.compile(r"^-+ (Roles|Features) -+$")


class ServerFeatures(Probe[tuple[str, ...]]):
    NAME = "server_features"
    ALLOW = (shape(r"ServerManagerCmd -query"),)

    def command(self) -> str:
        return "ServerManagerCmd -query <nul"

    def process(self, lines: list[str]) -> tuple[str, ...]:
        installed, items = set(), 0
        for no, line in enumerate(lines, 1):
            if not line.strip() or _TITLE.match(line.strip()):
                continue
            match = _ITEM.match(line)
            if not match:
                raise Unreadable("not an item line `[X] Name  [Id]`", no)
            items += 1
            if match["mark"] == "X":
                installed.add(match["id"])
        if not items:
            raise Unreadable("no role or feature listed")
        return tuple(sorted(installed))            # sorted: the ids, in a stable order
