"""The lab lifecycle of a runbook: reset once, then per stage converge, converge again
(which must change nothing), and verify (Molecule's create/converge/idempotence/verify)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..environments import Environment
from ..errors import VerificationFailed
from ..project import Project
from ..runbooks import Stage
from ..targets.base import Target
from .apply import apply
from .verify import Verification, verify

Say = Callable[[str], None]


@dataclass
class StageCycle:
    stage: str
    converge: int = 0              # steps changed by the first converge
    again: int = 0                 # ... by the second (must be 0)
    verification: Verification | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.again == 0 and self.verification is not None \
            and self.verification.exit_code == 0


@dataclass
class Lifecycle:
    stages: list[StageCycle] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.stages)


def run_lifecycle(project: Project, environment: Environment, target: Target, target_url: str,
                  stages: list[Stage], reset: Callable[[], None], say: Say = print) -> Lifecycle:
    reset()
    say(f"reset the lab of {environment.name} to freshly installed servers")
    cycle = Lifecycle()
    for stage in stages:
        current = StageCycle(stage.id)
        cycle.stages.append(current)
        try:
            current.converge = apply(environment, target, [stage.id]).changed
            current.again = apply(environment, target, [stage.id]).changed
        except VerificationFailed as exc:
            current.error = str(exc)
            say(f"{stage.id}: converge failed: {exc}")
            break
        if current.again:
            current.error = f"not idempotent: the second converge changed {current.again} step(s)"
        converge = {stage.id: {"converge": current.converge, "converge again": current.again}}
        current.verification = verify(project, environment, target_url, [stage], allow_destructive=True,
                                      converge=converge, quiet=True)
        status = "passed" if current.ok else "FAILED"
        say(f"{stage.id}: converge changed {current.converge}, again {current.again}, verify {status}"
            + (f" ({current.error})" if current.error else ""))
        if not current.ok:
            break
    return cycle
