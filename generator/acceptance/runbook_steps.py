"""A runbook's step vocabularies: the modules of `runbooks/<id>/steps/`, imported as one
package per runbook (`runbook_steps.<id>`), so steps of two runbooks never share a namespace
and a runbook's steps load only when one of its environments is verified."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

from ..errors import ContentError
from ..runbooks import Runbook

PACKAGE = "runbook_steps"


def step_modules(runbook: Runbook) -> list[types.ModuleType]:
    """The runbook's step modules, imported (each once per process)."""
    folder = runbook.steps_dir
    if not folder.is_dir():
        return []
    package = _package(runbook.id, folder)
    modules = []
    for path in sorted(folder.glob("*.py")):
        if path.stem.startswith("_"):
            continue
        name = f"{package}.{path.stem}"
        try:
            modules.append(importlib.import_module(name))
        except ImportError as exc:
            raise ContentError(f"runbooks/{runbook.id}/{runbook.spec.steps}/{path.name}: cannot import: {exc}") from exc
    return modules


def _package(runbook_id: str, folder: Path) -> str:
    """`runbook_steps.<id>`, a package whose path is the steps folder (relative imports work)."""
    if PACKAGE not in sys.modules:
        root = types.ModuleType(PACKAGE)
        root.__path__ = []
        sys.modules[PACKAGE] = root
    name = f"{PACKAGE}.{runbook_id.replace('-', '_')}"
    if name not in sys.modules:
        package = types.ModuleType(name)
        package.__path__ = [str(folder)]
        package.__file__ = str(folder / "__init__.py")
        sys.modules[name] = package
    return name
