"""Block languages: what the engine knows about the language of a command block.

A stage's executable blocks (```cmd {run=HOST}```) are shown on the page and assembled into
scripts; both depend on the block's language: how a value is written safely on one of its
lines, how its lines become a script that stops on failure and skips what is done, the
script's file extension, how a host starts it, and how MkDocs highlights it. One `Language`
per name; `runbook check` refuses an executable block in a language none handles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..scripts.header import ScriptHeader, SecretPrompt
from ..scripts.plan import HostStage

EscapeLine = Callable[[str, Callable[[int], Any]], str]
Assemble = Callable[[ScriptHeader, list[HostStage], list[SecretPrompt]], str]


@dataclass(frozen=True)
class Language:
    name: str
    extension: str                  # of its scripts: ".cmd"
    lexer: str                      # Pygments lexer for the page: "bat"
    escape_line: EscapeLine         # a line with slots -> the line with each value written safely
    assemble: Assemble              # host stages -> one script
    start: Callable[[str], str]     # the command line that runs a script at this path on the host

    def script(self, stem: str) -> str:
        return stem + self.extension


def _registry() -> dict[str, Language]:
    from .cmd import CMD
    return {"cmd": CMD, "bat": CMD, "batch": CMD}


LANGUAGES: dict[str, Language] = _registry()


def language(name: str) -> Language | None:
    return LANGUAGES.get(name.lower())
