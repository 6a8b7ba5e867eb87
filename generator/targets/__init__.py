"""Targets by URL scheme, imported only when used (pywinrm loads only for WinRM targets).

    target_class("winrm://admin@{host}.corp.example")   -> WinRMTarget
    target_class("lab://paris")                          -> LabTarget
    target_class("inprocess://paris")                    -> InProcessTarget (the lab, no WinRM)
    open_target(url, environment, project, hosts)        -> a ready Target (a context manager)

`hosts` (host -> ADDRESS[:PORT], from `hostmap.host_map`) says which machine each host is
when a winrm:// URL names one machine; `guard` keeps a read-only run to probe commands.
"""

from __future__ import annotations

import importlib

from typing import Any, Mapping

from ..errors import TargetError
from .base import CommandResult, Target

TARGETS = {
    "inprocess": "generator.targets.inprocess:InProcessTarget",
    "lab": "generator.targets.lab:LabTarget",
    "winrm": "generator.targets.winrm:WinRMTarget",
}

__all__ = ["TARGETS", "CommandResult", "Target", "open_target", "target_class"]


def target_class(url: str) -> type[Target]:
    """The Target class serving a URL's scheme."""
    scheme = url.partition("://")[0].lower() if "://" in url else ""
    if scheme not in TARGETS:
        raise TargetError(f"unknown target scheme '{scheme}' (known: {', '.join(sorted(TARGETS))})")
    module_name, _, class_name = TARGETS[scheme].partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise TargetError(f"the {scheme} target is not available: {exc}") from exc
    return getattr(module, class_name)


def open_target(url: str, environment: Any, project: Any, hosts: Mapping[str, str] | None = None) -> Target:
    """The target a URL names, ready for an environment's hosts (a context manager)."""
    return target_class(url).open(url, environment, project, hosts=hosts)
