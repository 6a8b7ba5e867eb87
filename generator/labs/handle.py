"""A runbook's lab as the engine holds it: the runbook's lab module (`runbook.yaml`: `lab:`),
and the lab it opens, whose own errors become LabError (exit 2) on the way out.

    module = lab_module(environment)                 # LabError when the runbook has no lab
    with lab_errors(module): ...                     # the lab's errors, as LabError
    lab = LabHandle(module.open_lab(...), module)    # every method call so translated
"""

from __future__ import annotations

import inspect
from contextlib import contextmanager
from typing import Any, Iterator

from ..environments import Environment
from ..errors import LabError
from .contract import Lab, LabModule


def lab_module(environment: Environment) -> LabModule:
    module = environment.runbook.lab
    if module is None:
        raise LabError(f"runbook {environment.runbook.id} has no lab (runbook.yaml names none with `lab:`)")
    return module


@contextmanager
def lab_errors(module: LabModule, keep: tuple[type[Exception], ...] = ()) -> Iterator[None]:
    """The lab's own errors (but `keep`) leave as LabError, with the lab's message."""
    try:
        yield
    except keep:
        raise
    except module.errors as exc:
        raise LabError(str(exc)) from exc


class LabHandle:
    """A lab whose methods raise LabError for the lab's own errors. A host that is down
    (`lab.unavailable`) is left as it is: a target reports it as unreachable."""

    def __init__(self, lab: Lab, module: LabModule):
        self.lab, self.module = lab, module

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.lab, name)
        if not inspect.isroutine(value):
            return value

        def translated(*args: Any, **kwargs: Any) -> Any:
            with lab_errors(self.module, keep=(self.lab.unavailable,)):
                return value(*args, **kwargs)
        return translated
