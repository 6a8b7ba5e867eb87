"""Block languages: what the engine knows about the language of a command block.

A stage's executable blocks (```cmd {run=HOST}```) are shown on the page and assembled into
scripts; both depend on the block's language: how a value is written safely on one of its
lines, how its lines become a script that stops on failure and skips what is done, the
script's file extension, how a host starts it, and how MkDocs highlights it. One `Language`
per name; `runbook check` refuses an executable block in a language none handles.
"""

from __future__ import annotations

from .cmd import CMD
from .language import Language
from .powershell import POWERSHELL

__all__ = ["LANGUAGES", "Language", "language"]

LANGUAGES: dict[str, Language] = {"cmd": CMD, "bat": CMD, "batch": CMD, "powershell": POWERSHELL, "ps1": POWERSHELL}


def language(name: str) -> Language | None:
    return LANGUAGES.get(name.lower())
