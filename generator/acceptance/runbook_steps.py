"""A runbook's step vocabularies: the modules of `runbooks/<id>/steps/`, imported as the
subpackage `steps` of the runbook's package (`runbook_<id>.steps`), so steps of two runbooks
never share a namespace, they import the runbook's other files relatively (`..probes`), and a
runbook's steps load only when one of its environments is verified."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

from ..errors import ContentError
from ..runbooks import Runbook, runbook_package



def step_modules(runbook: Runbook) -> list[types.ModuleType]:
    """The runbook's step modules, imported (each once per process)."""
    folder = runbook.steps_dir
    if not folder.is_dir():
        return []
    package = _package(runbook, folder)
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


def _package(runbook: Runbook, folder: Path) -> str:
    """`runbook_<id>.steps`, a package whose path is the steps folder."""
    name = f"{runbook_package(runbook.id, runbook.directory)}.{runbook.spec.steps.replace('/', '.')}"
    if name not in sys.modules:
        package = types.ModuleType(name)
        package.__path__ = [str(folder)]
        package.__file__ = str(folder / "__init__.py")
        sys.modules[name] = package
    return name
