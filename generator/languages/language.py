"""What the engine knows about one block language (see generator.languages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from ..scripts.header import ScriptHeader, SecretPrompt
from ..scripts.plan import HostStage
from ..secrets import cmd_variables

EscapeLine = Callable[[str, Callable[[int], Any]], str]
Assemble = Callable[[ScriptHeader, list[HostStage], list[SecretPrompt]], str]


@dataclass(frozen=True)
class Language:
    name: str
    extension: str                  # of its scripts: ".cmd"
    lexer: str                      # Pygments lexer for the page: "bat"
    escape_line: EscapeLine         # a line with slots -> the line with each value written safely
    assemble: Assemble              # host stages -> one script
    start: Callable[[str, str], str]   # (path, host) -> the command line that runs the script on that host
    unconfirmed: tuple[str, ...] = ()   # what the script glue relies on that no source confirms
    variables: Callable[[str], set[str]] = cmd_variables   # the secret variables a script's text expands
    # (file name, host) -> the line run-all.cmd starts the script with, from its own folder
    # (%RUNBOOK_DIR%); None for cmd, whose stages run-all.cmd holds itself
    start_beside: Callable[[str, str], str] | None = None

    def script(self, stem: str) -> str:
        return stem + self.extension
