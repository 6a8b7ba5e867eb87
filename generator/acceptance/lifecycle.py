"""The lab lifecycle of a runbook: reset once, then per stage converge, converge again
(which must change nothing), and verify (Molecule's create/converge/idempotence/verify)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import __version__
from ..environments import Environment
from ..errors import VerificationFailed
from ..project import Project
from ..runbooks import Stage
from ..targets.base import Target
from .apply import apply
from .attestations import attest_for_lab, manual_steps
from .runrecord import apply_events, recording, verified
from .results import ScenarioResult, StageResult, forget_result, now, save_result, stage_fingerprints, writable_results
from .staged import StagedVerification
from .verify import Verification

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
    writable_results(project.results_dir)          # before the lab is reset: results that cannot be kept, no run
    cycle = Lifecycle()
    # One pytest process verifies every stage; it starts up while the lab is reset and the first stage converges.
    manual, fingerprints = manual_steps(environment), stage_fingerprints(environment)
    with StagedVerification(project, environment, target_url, stages, target.secrets) as verification:
        reset()
        say(f"reset the lab of {environment.name} to freshly installed servers")
        for number, stage in enumerate(stages):
            for step in attest_for_lab(project.results_dir, environment, stage.id, manual.get(stage.id, ()),
                                       fingerprints.get(stage.id)):
                say(f"{stage.id}: manual step {step} attested by the lab lifecycle (the lab has no GUI to do it in)")
            current = _stage_cycle(project, environment, target, target_url, stage, verification)
            cycle.stages.append(current)
            say(f"{stage.id}: converge changed {current.converge}, again {current.again}, verify "
                f"{'passed' if current.ok else 'FAILED'}"
                + (f" ({target.secrets.redact(current.error)})" if current.error else ""))
            if not current.ok:
                for later in stages[number + 1:]:          # their results describe a lab that is gone
                    forget_result(project.results_dir, environment.name, later.id)
                break
    return cycle


def _stage_cycle(project: Project, environment: Environment, target: Target, target_url: str,
                 stage: Stage, verification: StagedVerification) -> StageCycle:
    """One stage: converge twice, then verify; each kept in a run record, as `apply` and `verify` keep theirs."""
    current = StageCycle(stage.id)
    with recording(project, environment, "apply", [stage.id], target_url, None, target.secrets,
                   success="converged") as record:
        try:
            current.converge = apply(environment, target, [stage.id], events=apply_events(record)).changed
            current.again = apply(environment, target, [stage.id], events=apply_events(record)).changed
        except VerificationFailed as exc:
            current.error = f"converge failed: {exc}"
            record.fail(target.secrets.redact(current.error))
    if current.error:
        _record_converge_failure(project, environment, target_url, stage, target.secrets.redact(current.error))
        return current
    if current.again:
        current.error = f"not idempotent: the second converge changed {current.again} step(s)"
    with recording(project, environment, "verify", [stage.id], target_url, None, target.secrets) as record:
        current.verification = verification.verify(stage, {"converge": current.converge,
                                                           "converge again": current.again})
        if current.again:                              # the page shows the stage failed, and why
            for result in current.verification.results:
                result.scenarios.append(ScenarioResult(name="A second converge changes nothing", status="failed",
                                                       message=current.error))
                result.status = "failed"
                save_result(project.results_dir, result)
        verified(record, current.verification)
        if not current.ok:
            record.fail(current.error or "a scenario failed")
    return current


def _record_converge_failure(project: Project, environment: Environment, target_url: str, stage: Stage,
                             error: str) -> None:
    """The page must not keep showing an older pass when the stage no longer converges (`error`
    comes masked)."""
    save_result(project.results_dir, StageResult(
        environment=environment.name, stage=stage.id, target=target_url, status="failed", finished_at=now(),
        scenarios=[ScenarioResult(name="The stage's scripts converge", status="failed",
                                  message=error.splitlines()[0])], tool_version=__version__,
        fingerprint=stage_fingerprints(environment).get(stage.id)))
