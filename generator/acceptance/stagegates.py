"""Stage gates: `apply` runs a stage of a site only once every stage before it has a current
pass there (verified, and the pass still holds: not stale).

The stages a run converges itself are in the run's order, so an apply of several stages needs
the current pass of the earlier stages it does not run: applying every stage of a new site is
allowed; applying stage 4 alone needs stages 1 to 3 verified. `--override-gate REASON` runs
anyway, and the reason goes into the run record. The pages show a stage that is gated so as
blocked, with the same reasons (`docsite.states`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..environments import Environment
from ..errors import Blocked
from ..project import Project
from .attestations import load_judged
from .results import Fingerprint, StageResult, changes, stage_fingerprints


@dataclass(frozen=True)
class Unmet:
    """An earlier stage without a current pass, and why."""
    stage: str
    why: str

    def __str__(self) -> str:
        return f"{self.stage}: {self.why}"


def not_passed(result: StageResult | None, changed: tuple[str, ...] = ()) -> str | None:
    """Why `result` is not a current pass of its stage, in words; None when it is one. `changed`:
    what changed since it was recorded (`results.changes`)."""
    if result is None:
        return "not verified yet"
    if result.status != "passed":
        return f"its verification failed ({result.finished_at:%Y-%m-%d %H:%M} UTC)"
    if changed:
        return "its pass is stale: " + "; ".join(changed)
    return None


def unmet_before(stage_ids: list[str], selected: list[str], results: Mapping[str, StageResult | None],
                 current: Mapping[str, Fingerprint]) -> list[Unmet]:
    """The stages before the last of `selected` (in `stage_ids`' order), not selected themselves,
    that have no current pass."""
    chosen = set(selected)
    last = max((stage_ids.index(s) for s in chosen), default=-1)
    return [Unmet(s, why) for s in stage_ids[:last] if s not in chosen
            and (why := not_passed(results.get(s), _changed(results.get(s), current.get(s)))) is not None]


def _changed(result: StageResult | None, current: Fingerprint | None) -> tuple[str, ...]:
    if result is None:
        return ()
    return (changes(result.fingerprint, current) if current is not None else ()) + result.lapsed


def check_gates(project: Project, environment: Environment, selected: list[str], override: str | None) -> list[Unmet]:
    """Blocked (exit 7) when an earlier stage is unmet and no override reason is given; the
    unmet gates (what an override passed) otherwise."""
    stage_ids = [s.id for s in environment.runbook.stages]
    results = {s: load_judged(project.results_dir, environment.name, s) for s in stage_ids}
    unmet = unmet_before(stage_ids, selected, results, stage_fingerprints(environment))
    if unmet and not (override and override.strip()):
        lines = "\n".join(f"  {gate}" for gate in unmet)
        raise Blocked(f"{environment.name}: {', '.join(selected)} blocked: an earlier stage has no current pass "
                      f"at this site; nothing was sent\n{lines}\nverify it first (`runbook verify "
                      f"{project.relative(environment.path)} --stage STAGE --target URL`), or run anyway with "
                      f"--override-gate REASON (recorded in the run record)")
    return unmet
