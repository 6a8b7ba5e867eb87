"""What every script says about itself, whatever its language: where it comes from, and the
secrets it reads at run time."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SecretPrompt:
    variable: str
    label: str                 # "password of CORP\\svc-cluster"


@dataclass(frozen=True)
class ScriptHeader:
    title: str                 # runbook title
    environment: str
    host: str
    page: str                  # where the commands are shown
    aliases: tuple[str, ...] = ()   # names the host has before the runbook renames it
    snapins: tuple[str, ...] = ()   # PowerShell snap-ins a powershell script loads (runbook.yaml `languages`)
