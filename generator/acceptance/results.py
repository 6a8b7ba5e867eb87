"""Latest verification result per environment and stage: written by `verify`, shown on pages.

    results/<environment>/<stage>.json
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError, Problem
from ..files import writable_dir, write_file

Status = Literal["passed", "failed"]


class ScenarioResult(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    status: Literal["passed", "failed", "skipped"]
    message: str = ""


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

    @property
    def passed(self) -> int:
        return sum(s.status == "passed" for s in self.scenarios)


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
