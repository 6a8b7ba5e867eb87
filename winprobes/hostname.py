"""`hostname`: the computer's NetBIOS name as the host itself reports it."""

from __future__ import annotations

from .base import Probe, Unreadable, shape


class HostName(Probe[str]):
    NAME = "host_name"
    ALLOW = (shape(r"hostname"),)

    def command(self) -> str:
        return "hostname"

    def process(self, lines: list[str]) -> str:
        names = [(no, line.strip()) for no, line in enumerate(lines, 1) if line.strip()]
        if len(names) != 1 or " " in names[0][1]:
            raise Unreadable("expected one line holding one name", names[-1][0] if names else None)
        return names[0][1]
