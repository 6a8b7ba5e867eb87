"""Latest verification result per environment and stage: written by `verify`, shown on pages.

    results/<environment>/<stage>.json

Each result keeps a fingerprint of what it verified: the stage as rendered for the site (its
page, so its commands, and its feature) and the environment's parameters. A build compares
it with the stage as it renders now, so a page never shows an old pass as current.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from ..errors import ConfigError, Problem
from ..files import writable_dir, write_file
from ..outputs import RenderedStage, render_environment

if TYPE_CHECKING:
    from ..environments import Environment

Status = Literal["passed", "failed"]


class ScenarioResult(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    status: Literal["passed", "failed", "skipped"]
    message: str = ""
    manual: str = ""                 # a manual step's id: this gate is its attestation, not a scenario


class Fingerprint(BaseModel):
    """What a result verified, as digests: compare two to know whether it still holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    stage: str                       # the stage's rendered page (its commands) and its feature file
    environment: str                 # the environment's parameters (its title and group aside)


class StageResult(BaseModel):
    model_config = ConfigDict(extra="forbid")
    environment: str
    stage: str
    target: str                      # lab://lab, winrm://admin@{host}...: never a password
    status: Status
    finished_at: datetime
    scenarios: list[ScenarioResult] = Field(default_factory=list)
    converge: dict[str, int] = Field(default_factory=dict)   # run -> steps changed, when the lab lifecycle ran
    tool_version: str = ""
    fingerprint: Fingerprint | None = None      # None: recorded before results kept one
    _changed: tuple[str, ...] | None = PrivateAttr(default=None)   # judged once per build
    _lapsed: tuple[str, ...] = PrivateAttr(default=())   # attestations it counted that no longer hold

    @property
    def passed(self) -> int:
        return sum(s.status == "passed" for s in self.scenarios)

    def changed_since(self, environment: "Environment", rendered: RenderedStage) -> tuple[str, ...]:
        """What changed since this result was recorded, in words; empty when it still holds.
        Judged once (a build loads each result once, for one environment and stage)."""
        if self._changed is None:
            self._changed = changes(self.fingerprint, fingerprint(environment, rendered)) + self._lapsed
        return self._changed

    def lapse(self, reasons: tuple[str, ...]) -> "StageResult":
        """Note what no longer holds although nothing it fingerprints changed: an attestation it
        counted that expired or is gone (`acceptance.attestations.load_judged`)."""
        self._lapsed, self._changed = tuple(reasons), None
        return self

    @property
    def lapsed(self) -> tuple[str, ...]:
        return self._lapsed


def stage_fingerprints(environment: "Environment") -> dict[str, Fingerprint]:
    """Stage id -> its fingerprint now: what a result recorded now verifies."""
    return {rendered.stage.id: fingerprint(environment, rendered) for rendered in render_environment(environment).stages}


def fingerprint(environment: "Environment", rendered: RenderedStage) -> Fingerprint:
    """The stage as `environment` renders it now (page and feature), and the parameters."""
    stage = hashlib.sha256(rendered.page.markdown.encode("utf-8"))
    feature = rendered.stage.feature
    stage.update(b"\0" + (feature.read_bytes() if feature.is_file() else b""))
    parameters = environment.params.model_dump(mode="json", exclude={"title", "group"})
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True).encode("utf-8"))
    return Fingerprint(stage=stage.hexdigest()[:16], environment=digest.hexdigest()[:16])


def changes(recorded: Fingerprint | None, current: Fingerprint) -> tuple[str, ...]:
    """Why a result recorded with `recorded` no longer holds, in words; empty when it does."""
    if recorded is None:
        return ("it was recorded by an older version, which did not note what it verified",)
    found = []
    if recorded.environment != current.environment:
        found.append("the environment file changed since it was recorded")
    if recorded.stage != current.stage:
        found.append("the stage's page or its acceptance criteria changed since it was recorded")
    return tuple(found)


def result_path(results_dir: Path, environment: str, stage: str) -> Path:
    return results_dir / environment / f"{stage}.json"


def load_result(results_dir: Path, environment: str, stage: str) -> StageResult | None:
    path = result_path(results_dir, environment, stage)
    if not path.is_file():
        return None
    try:
        return StageResult.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise ConfigError([Problem(str(path), None, "", f"unreadable result: {exc.errors()[0]['msg']}")]) from exc


def save_result(results_dir: Path, result: StageResult) -> Path:
    path = result_path(results_dir, result.environment, result.stage)
    write_file(path, json.dumps(result.model_dump(mode="json"), indent=2) + "\n")
    return path


def writable_results(results_dir: Path) -> None:
    """Checked before any scenario runs: a run whose results cannot be kept is not started."""
    writable_dir(results_dir, "the results folder; set RUNBOOK_RESULTS_DIR to another one")


def forget_result(results_dir: Path, environment: str, stage: str) -> None:
    """Drop a stage's result when it no longer describes the target (an earlier stage failed)."""
    result_path(results_dir, environment, stage).unlink(missing_ok=True)


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)
