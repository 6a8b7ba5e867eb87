"""`runbook verify`: run the stages' features with pytest-bdd against a target.

The scenarios run in a pytest process of their own (tests/acceptance/), which reads the
target through probes only (`--allow-destructive` lifts that for @destructive drills).
pytest-bdd writes Cucumber JSON; from it we keep the latest result per stage (shown on
the stage pages) and write a readable summary next to the report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..environments import Environment
from ..errors import ContentError, GeneratorError
from ..project import Project
from ..runbooks import Stage
from .results import ScenarioResult, StageResult, now, save_result

PYTEST_FAILED, PYTEST_NONE = 1, 5


@dataclass
class Verification:
    exit_code: int                  # 0 all passed, 1 a scenario failed, 2 bad input
    results: list[StageResult]
    report: Path | None
    summary: str


def verify(project: Project, environment: Environment, target_url: str, stages: list[Stage],
           report: Path | None = None, allow_destructive: bool = False, converge: dict | None = None,
           quiet: bool = False) -> Verification:
    """Run the stages' scenarios; `quiet` shows pytest's output only when something failed."""
    from ..targets import open_target
    with open_target(target_url, environment, project):
        pass                       # a wrong or unreachable target is bad input (2), not failed scenarios
    modules = [project.binding_module(s.id) for s in stages]
    missing = [project.relative(m) for m in modules if not m.is_file()]
    if missing:
        raise ContentError(f"no step bindings for: {', '.join(missing)}")
    with tempfile.TemporaryDirectory() as tmp:
        json_path = Path(report) if report else Path(tmp) / "cucumber.json"
        json_path.parent.mkdir(parents=True, exist_ok=True)
        args = [sys.executable, "-m", "pytest", *map(str, modules), "--env", str(environment.path),
                "--target", target_url, f"--cucumberjson={json_path}", "-p", "no:cacheprovider", "-q",
                "--no-header", "-o", "addopts=", "-o", "bdd_features_base_dir=features/", "--strict-markers",
                "--import-mode=importlib", "-p", "no:randomly", "--tb=line"]
        if allow_destructive:
            args.append("--allow-destructive")
        process = subprocess.run(args, cwd=project.root, env=dict(os.environ, PYTHONPATH=str(project.root)),
                                 capture_output=quiet, text=True)
        if quiet and process.returncode:
            sys.stdout.write(process.stdout + process.stderr)
        if process.returncode not in (0, PYTEST_FAILED, PYTEST_NONE) or not json_path.is_file():
            raise GeneratorError(f"the acceptance run could not start (pytest exit {process.returncode})")
        features = json.loads(json_path.read_text() or "[]")
    results = [_stage_result(environment, target_url, stage, features, converge) for stage in stages]
    for result in results:
        save_result(project.results_dir, result)
    summary = summarise(environment, target_url, results)
    if report:
        Path(report).with_suffix(".md").write_text(summary, encoding="utf-8")
    failed = any(r.status == "failed" for r in results)
    return Verification(1 if failed else 0, results, Path(report) if report else None, summary)


def _stage_result(environment: Environment, target_url: str, stage: Stage, features: list,
                  converge: dict | None) -> StageResult:
    suffix = f"{stage.runbook_id}/{stage.id}.feature"
    scenarios = []
    for feature in features:
        if not str(feature.get("uri", "")).replace("\\", "/").endswith(suffix):
            continue
        for element in feature.get("elements", []):
            scenarios.append(_scenario(element))
    status = "passed" if scenarios and all(s.status == "passed" for s in scenarios) else "failed"
    return StageResult(environment=environment.name, stage=stage.id, target=target_url, status=status,
                       finished_at=now(), scenarios=scenarios, tool_version=__version__,
                       converge=(converge or {}).get(stage.id, {}))


def _scenario(element: dict) -> ScenarioResult:
    steps = element.get("steps", [])
    failed = next((s for s in steps if s.get("result", {}).get("status") == "failed"), None)
    if failed:
        message = failed["result"].get("error_message", "").strip()
        return ScenarioResult(name=element["name"], status="failed",
                              message=f"{failed['keyword'].strip()} {failed['name']}: {_last_error(message)}")
    if steps and all(s.get("result", {}).get("status") == "passed" for s in steps):
        return ScenarioResult(name=element["name"], status="passed")
    return ScenarioResult(name=element["name"], status="skipped")


def _last_error(message: str) -> str:
    """The assertion text of a pytest failure (the `E   ...` lines), without the traceback."""
    lines = [l.strip()[1:].strip() for l in message.splitlines() if l.strip().startswith("E ")]
    return " ".join(lines) if lines else (message.splitlines() or [""])[-1]


def summarise(environment: Environment, target_url: str, results: list[StageResult]) -> str:
    out = [f"# Verification of {environment.title} ({environment.name})", "",
           f"Target: `{target_url}`, finished {now():%Y-%m-%d %H:%M} UTC.", ""]
    for result in results:
        out += [f"## {result.stage}: {result.status}", ""]
        for scenario in result.scenarios:
            mark = {"passed": "PASS", "failed": "FAIL", "skipped": "SKIP"}[scenario.status]
            out.append(f"- {mark} {scenario.name}" + (f"\n  {scenario.message}" if scenario.message else ""))
        if not result.scenarios:
            out.append("- no scenario ran")
        out.append("")
    return "\n".join(out)
