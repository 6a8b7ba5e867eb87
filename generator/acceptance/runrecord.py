"""The operations record: one file per `apply` and `verify` run, kept under results/.

    results/<site>/runs/<UTC time>-<kind>-<stage, several joined by +, or all>.json
    results/<site>/runs/<same name>.log          what the run printed (scripts, pytest)

A record says who ran what, from which machine, against which target, with which scripts and
features (their hashes, and the stage fingerprints results keep), how each step or scenario
ended, and how the run ended: `passed` (verified) or `converged`, `failed`, `interrupted`,
`declined`, `busy`, `blocked` (a stage gate refused it: nothing sent). It is written when the run
ends, however it ends, through the run's `Secrets.redact`: nothing in it is a secret.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..environments import Environment
from ..errors import Blocked, Busy, Declined, GeneratorError, VerificationFailed
from ..files import write_file
from ..outputs import render_environment
from ..project import Project
from ..secrets import Secrets
from ..targets.winrm_url import shown_url
from .results import Fingerprint, fingerprint, now

OPERATOR_ENV = "RUNBOOK_OPERATOR"          # who runs it, when --by is not given
RUNS = "runs"


class StepRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stage: str
    host: str = ""                 # apply: the host the script ran on; verify: empty
    step: str                      # the step's title, or the scenario's name
    outcome: str                   # apply: ok, changed, FAILED, NOT MET, RESTART, WAIT; verify: passed, failed, skipped
    message: str = ""


class RunRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str                      # apply | verify
    site: str
    stages: list[str]
    target: str                    # never a password
    who: str
    host: str                      # the machine that ran it
    started: datetime
    finished: datetime | None = None
    status: str = "running"
    error: str = ""                # how a run that did not succeed ended, in one line
    scripts_sha256: dict[str, str] = Field(default_factory=dict)    # stage -> hash of its scripts (every host's)
    features_sha256: dict[str, str] = Field(default_factory=dict)   # stage -> hash of its feature file
    fingerprint: dict[str, Fingerprint] = Field(default_factory=dict)
    steps: list[StepRecord] = Field(default_factory=list)
    override: str | None = None    # why a stage gate was overridden (--override-gate), when one was
    overridden: list[str] = Field(default_factory=list)     # the gates it overrode: "stage: why"
    log: str = ""                  # the log beside the record, relative to results/<site>/
    runbook_version: str = __version__


def operator(given: str | None) -> str:
    """Who runs it: --by, else $RUNBOOK_OPERATOR, else the account this process runs as."""
    if given and given.strip():
        return given.strip()
    try:
        return os.environ.get(OPERATOR_ENV, "").strip() or getpass.getuser()
    except (KeyError, OSError):                 # no name for this uid (a bare container)
        return f"uid {os.getuid()}"


class Recorder:
    """A run's record while it runs: steps and log text are added; `recording` writes it."""

    def __init__(self, record: RunRecord):
        self.record = record
        self.log: list[str] = []
        self.failure: str | None = None

    def overrode(self, reason: str, gates: list) -> None:
        """Stage gates were unmet and `reason` overrode them."""
        self.record.override = reason.strip()
        self.record.overridden = [str(gate) for gate in gates]

    def fail(self, error: str) -> None:
        """The run failed although nothing was raised (the caller goes on with its own report)."""
        self.failure = error.splitlines()[0] if error else "failed"

    def step(self, stage: str, step: str, outcome: str, host: str = "", message: str = "") -> None:
        self.record.steps.append(StepRecord(stage=stage, host=host, step=step, outcome=outcome, message=message))

    def output(self, text: str) -> None:
        self.log.append(text if text.endswith("\n") else text + "\n")


def apply_events(recorder: Recorder, show: Callable[[str, object], None] | None = None) -> Callable:
    """`apply`'s events kept in the record: each step of each script run, and what it printed
    (`show` also gets every event, for the console)."""
    def event(what: str, run) -> None:
        if show is not None:
            show(what, run)
        if run is None:
            return
        for step in run.outcome.steps:
            recorder.step(step.stage, step.title, step.event, host=run.host)
        recorder.output(f"== {what}: exit {run.result.rc}\n{run.result.stdout}{run.result.stderr}")
    return event


def verified(recorder: Recorder, verification) -> None:
    """A verification's outcome kept in the record: each scenario (and manual gate), and its log."""
    for result in verification.results:
        for scenario in result.scenarios:
            recorder.step(result.stage, scenario.name, scenario.status, message=scenario.message)
    if verification.log and verification.log.is_file():
        recorder.output(verification.log.read_text(encoding="utf-8"))


@contextmanager
def recording(project: Project, environment: Environment, kind: str, stage_ids: list[str], target_url: str,
              who: str | None, secrets: Secrets, success: str = "passed") -> Iterator[Recorder]:
    """Record the run of the block: its record and log are written when it ends, however it ends
    (`success` is the status of a block that returns). The exception goes on as it was."""
    record = RunRecord(kind=kind, site=environment.name, stages=list(stage_ids), target=shown_url(target_url),
                       who=operator(who), host=socket.gethostname(), started=now(),
                       **_inputs(environment, stage_ids))
    recorder = Recorder(record)
    try:
        yield recorder
    except BaseException as exc:
        record.status, record.error = _ending(exc)
        try:
            _write(project, environment, recorder, secrets)
        except GeneratorError:          # results/ cannot be written: the run's own error says more
            pass
        raise
    if recorder.failure is None:
        record.status = success
    else:
        record.status, record.error = "failed", recorder.failure
    _write(project, environment, recorder, secrets)


def _ending(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted", "interrupted (Ctrl-C)"
    status = {Blocked: "blocked", Busy: "busy", Declined: "declined", VerificationFailed: "failed"}.get(type(exc), "failed")
    text = str(exc).strip() if isinstance(exc, GeneratorError) else f"{type(exc).__name__}: {exc}"
    return status, text.splitlines()[0] if text else status


def _inputs(environment: Environment, stage_ids: list[str]) -> dict:
    """What the run used: the hash of each stage's scripts and feature, and its fingerprint."""
    rendered = render_environment(environment)     # one render for the hashes and the fingerprints
    scripts, features, fingerprints = {}, {}, {}
    for stage in rendered.stages:
        if stage.stage.id not in stage_ids:
            continue
        fingerprints[stage.stage.id] = fingerprint(environment, stage)
        names = {f"{part.host}/{rendered.script_name(stage.stage, part.host)}" for part in stage.hosts}
        digest = hashlib.sha256()
        for path, text in sorted(rendered.scripts.items()):
            if path in names:
                digest.update(path.encode() + b"\0" + text.encode("utf-8") + b"\0")
        scripts[stage.stage.id] = digest.hexdigest()
        feature = stage.stage.feature
        features[stage.stage.id] = hashlib.sha256(feature.read_bytes() if feature.is_file() else b"").hexdigest()
    return {"scripts_sha256": scripts, "features_sha256": features,
            "fingerprint": fingerprints}


def runs_dir(results_dir: Path, site: str) -> Path:
    return results_dir / site / RUNS


def record_name(record: RunRecord, all_stages: list[str]) -> str:
    """`20261205T034840Z-apply-all`: sortable by time, says what ran."""
    what = "all" if record.stages == all_stages else "+".join(record.stages)
    return f"{record.started:%Y%m%dT%H%M%SZ}-{record.kind}-{what}"


def _write(project: Project, environment: Environment, recorder: Recorder, secrets: Secrets) -> Path:
    record = recorder.record
    record.finished = now()
    folder = runs_dir(project.results_dir, environment.name)
    stem = base = record_name(record, [s.id for s in environment.runbook.stages])
    number = 1
    while (folder / f"{stem}.json").exists() or (folder / f"{stem}.log").exists():   # two runs in one second
        number += 1
        stem = f"{base}~{number}"
    record.log = f"{RUNS}/{stem}.log"
    write_file(folder / f"{stem}.log", secrets.redact("".join(recorder.log)))
    path = folder / f"{stem}.json"
    write_file(path, secrets.redact(json.dumps(record.model_dump(mode="json"), indent=2)) + "\n")
    return path


def latest_by_stage(results_dir: Path, site: str, all_stages: list[str]) -> dict[str, Path]:
    """Stage -> the latest run record that ran it, read from the records' names alone (a site's
    history can be long; the dashboard needs only these)."""
    folder = runs_dir(results_dir, site)
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else []:
        parts = path.stem.split("~")[0].split("-", 2)
        if len(parts) == 3:
            try:
                found.append((parts[0], path.stat().st_mtime_ns, path, parts[2]))
            except OSError:
                continue
    latest: dict[str, Path] = {}
    for _, _, path, what in sorted(found):
        for stage in all_stages if what == "all" else what.split("+"):
            latest[stage] = path
    return latest


def load_runs(results_dir: Path, site: str) -> list[tuple[Path, RunRecord]]:
    """The site's run records, oldest first (runs of the same second in the order they were
    written); unreadable ones are left out: they are history, not input."""
    found = []
    folder = runs_dir(results_dir, site)
    for path in folder.glob("*.json") if folder.is_dir() else []:
        try:
            found.append((path.stat().st_mtime_ns, path, RunRecord.model_validate_json(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            continue
    return [(path, record) for _, path, record in sorted(found, key=lambda f: (f[2].started, f[0], f[1].name))]
