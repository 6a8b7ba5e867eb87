"""Attestations: a person's record that a declared manual step (```` ```manual {id=ID host=HOST} ````,
a GUI-only step no command can do or read) is done at a site.

    results/<site>/attestations/<stage>/<id>.json

It says who confirmed it and when, the evidence's file name and SHA-256 (the file itself stays
where the operator keeps it), when it expires, and the stage's fingerprint at the time: when
the stage's page changes, the attestation is stale, as a result is. Verification counts each
manual step as a gate met only by a valid attestation (present, not expired, not stale).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from ..environments import Environment
from ..errors import ConfigError, GeneratorError, Problem
from ..files import write_file
from ..outputs import render_environment
from ..rendering.blocks import ManualStep
from .results import Fingerprint, ScenarioResult, StageResult, load_result, now, stage_fingerprints

FOLDER = "attestations"


class Attestation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    site: str
    stage: str
    step: str
    host: str
    by: str
    at: datetime
    evidence: str | None = None            # the evidence file's name
    evidence_sha256: str | None = None
    expires: date | None = None            # valid through this day (UTC)
    fingerprint: str                       # the stage's (results.Fingerprint.stage) when attested
    note: str = ""


@dataclass(frozen=True)
class Standing:
    """An attestation judged now: valid, or why not (missing, expired, stale)."""
    step: ManualStep
    attestation: Attestation | None
    problem: str = ""                      # empty when valid

    @property
    def valid(self) -> bool:
        return not self.problem

    @property
    def state(self) -> str:
        """attested, expired, stale or missing."""
        if self.attestation is None:
            return "missing"
        return "attested" if self.valid else ("expired" if "expired" in self.problem else "stale")


def attestation_path(results_dir: Path, site: str, stage: str, step: str) -> Path:
    return results_dir / site / FOLDER / stage / f"{step}.json"


def load_attestation(results_dir: Path, site: str, stage: str, step: str) -> Attestation | None:
    path = attestation_path(results_dir, site, stage, step)
    if not path.is_file():
        return None
    try:
        return Attestation.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise ConfigError([Problem(str(path), None, "", f"unreadable attestation: {exc.errors()[0]['msg']}")]) \
            from exc


def manual_steps(environment: Environment) -> dict[str, tuple[ManualStep, ...]]:
    """Stage id -> the manual steps its page declares for this site."""
    return {r.stage.id: r.page.manual for r in render_environment(environment).stages}


def judge(step: ManualStep, attestation: Attestation | None, current: Fingerprint | None,
          today: date | None = None) -> Standing:
    today = today or datetime.now(timezone.utc).date()
    if attestation is None:
        return Standing(step, None, "not attested")
    if attestation.expires is not None and attestation.expires < today:
        return Standing(step, attestation, f"its attestation by {attestation.by} expired on {attestation.expires}")
    if current is not None and attestation.fingerprint != current.stage:
        return Standing(step, attestation, f"its attestation by {attestation.by} ({attestation.at:%Y-%m-%d}) is "
                                           "stale: the stage's page changed since")
    return Standing(step, attestation)


def standings(results_dir: Path, environment: Environment, stage: str, steps: tuple[ManualStep, ...],
              current: Fingerprint | None) -> list[Standing]:
    return [judge(step, load_attestation(results_dir, environment.name, stage, step.id), current) for step in steps]


def attest_command(environment: Environment, stage: str, step: str) -> str:
    return (f"runbook attest environments/{environment.path.name} --stage {stage} --step {step} --by NAME "
            "[--evidence FILE] [--expires YYYY-MM-DD]")


def gate_scenarios(results_dir: Path, environment: Environment, stage: str, steps: tuple[ManualStep, ...],
                   current: Fingerprint | None) -> list[ScenarioResult]:
    """The stage's manual steps as verification gates: passed with a valid attestation, else failed
    with one line saying what to do."""
    found = []
    for standing in standings(results_dir, environment, stage, steps, current):
        step = standing.step
        name = f"Manual step {step.id} on {step.host} is attested"
        if standing.valid:
            found.append(ScenarioResult(name=name, status="passed", manual=step.id))
            continue
        why = "" if standing.attestation is None else f" ({standing.problem})"
        found.append(ScenarioResult(name=name, status="failed", manual=step.id, message=(
            f"step {step.id} on {step.host} is manual{why}: run `{attest_command(environment, stage, step.id)}`")))
    return found


def attest(results_dir: Path, environment: Environment, stage: str, step_id: str, by: str,
           evidence: Path | None = None, expires: date | None = None, note: str = "",
           current: Fingerprint | None = None) -> Path:
    """Record that `by` did the manual step; GeneratorError (exit 2) for a step the stage does not
    declare at this site, a name that is empty, an expiry in the past or evidence that cannot be read."""
    steps = manual_steps(environment).get(stage, ())
    step = next((s for s in steps if s.id == step_id), None)
    if step is None:
        declared = ", ".join(s.id for s in steps) or "none"
        raise GeneratorError(f"{environment.name}: stage {stage} declares no manual step {step_id!r} "
                             f"(its manual steps: {declared})")
    if not by.strip():
        raise GeneratorError("--by: say who did the step")
    if expires is not None and expires < datetime.now(timezone.utc).date():
        raise GeneratorError(f"--expires {expires}: that day is past")
    digest = None
    if evidence is not None:
        try:
            digest = hashlib.sha256(Path(evidence).read_bytes()).hexdigest()
        except OSError as exc:
            raise GeneratorError(f"{evidence}: cannot read the evidence: {exc.strerror or exc}") from exc
    if current is None:
        current = stage_fingerprints(environment)[stage]
    record = Attestation(site=environment.name, stage=stage, step=step_id, host=step.host, by=by.strip(), at=now(),
                         evidence=Path(evidence).name if evidence else None, evidence_sha256=digest, expires=expires,
                         fingerprint=current.stage, note=note)
    path = attestation_path(results_dir, environment.name, stage, step_id)
    write_file(path, json.dumps(record.model_dump(mode="json"), indent=2) + "\n")
    return path


LAB_ATTESTER = "runbook lab test"
LAB_NOTE = "the embedded lab has no GUI to do this step in: its lifecycle attests it, for the lab only"


def attest_for_lab(results_dir: Path, environment: Environment, stage: str, steps: tuple[ManualStep, ...],
                   current: Fingerprint | None) -> list[str]:
    """The lab lifecycle's attestations of a stage's manual steps (the lab emulates commands, not
    the GUI): each step without a valid one gets one, by `runbook lab test`, with a note saying
    so; the ids attested."""
    done = []
    for standing in standings(results_dir, environment, stage, steps, current):
        if not standing.valid:
            attest(results_dir, environment, stage, standing.step.id, LAB_ATTESTER, note=LAB_NOTE, current=current)
            done.append(standing.step.id)
    return done


def load_judged(results_dir: Path, site: str, stage: str, today: date | None = None) -> StageResult | None:
    """The stage's latest result, noting each attestation it counted that no longer holds
    (expired since, or removed): its pass is then stale, as when its stage changed."""
    result = load_result(results_dir, site, stage)
    if result is None or result.status != "passed":
        return result
    today = today or datetime.now(timezone.utc).date()
    lapsed = []
    for gate in (s for s in result.scenarios if s.manual and s.status == "passed"):
        kept = load_attestation(results_dir, site, stage, gate.manual)
        if kept is None:
            lapsed.append(f"the attestation of manual step {gate.manual} it counted is gone")
        elif kept.expires is not None and kept.expires < today:
            lapsed.append(f"the attestation of manual step {gate.manual} expired on {kept.expires}")
    return result.lapse(tuple(lapsed)) if lapsed else result
