"""Targets by URL scheme, imported only when used (pywinrm loads only for WinRM targets).

    target_class("winrm://admin@{host}.corp.example")   -> WinRMTarget
    target_class("lab://paris")                          -> LabTarget
    target_class("inprocess://paris")                    -> InProcessTarget (the lab, no WinRM)
    open_target(url, environment, project, hosts, secrets) -> a ready Target (a context manager)

`hosts` (host -> ADDRESS[:PORT], from `hostmap.host_map`) says which machine each host is
when a winrm:// URL names one machine; `guard` keeps a read-only run to probe commands.
"""

from __future__ import annotations

import importlib

from typing import TYPE_CHECKING, Mapping

from ..errors import TargetError
from ..secrets import Secrets
from .base import CommandResult, Target

if TYPE_CHECKING:
    from ..environments import Environment
    from ..project import Project

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


def open_target(url: str, environment: Environment, project: Project, hosts: Mapping[str, str] | None = None,
                secrets: Secrets | None = None) -> Target:
    """The target a URL names, ready for an environment's hosts (a context manager). `secrets`:
    the run's (the target resolves its passwords there and masks them out of what it reports)."""
    return target_class(url).open(url, environment, project, hosts=hosts, secrets=secrets)
