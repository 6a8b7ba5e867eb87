"""Text the lab writes or reports (its command log, a fault's message) may hold a secret that
reached it in a command line. The program driving the lab knows its secrets; it gives the lab
a `Masker` that hides them. Without one the lab masks nothing beyond what it knows itself (a
WinRS shell's own variables)."""

from __future__ import annotations

from typing import Callable

Masker = Callable[[str], str]


def unmasked(text: str) -> str:
    return text
