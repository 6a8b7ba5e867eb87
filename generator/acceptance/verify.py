"""`runbook verify`: run the stages' features with pytest-bdd against a target.

The scenarios run in a pytest process of their own, with the engine's plugin binding the
features (`acceptance.plugin`); it reads the target through the runbook's probes only
(`--allow-destructive` lifts that for @destructive drills).
pytest-bdd writes Cucumber JSON; from it we keep the latest result per stage (shown on
the stage pages), each failure told in one sentence (`acceptance.failures`), and write a
readable summary next to the report. pytest's own output, tracebacks and exception chains
included, goes to the run's log (results/<site>/verify.log), and to the console only when
asked (`verbose`). Everything printed or saved passes through the run's `Secrets.redact`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .. import __version__
from ..environments import Environment
from ..errors import ContentError, GeneratorError, TargetError
from ..files import writable_dir, write_file
from ..project import Project
from ..runbooks import Stage
from ..secrets import Secrets
from ..targets import guard, open_target
from ..targets.hostmap import host_args
from . import failures
from .attestations import gate_scenarios, manual_steps
from .results import Fingerprint, ScenarioResult, StageResult, now, save_result, stage_fingerprints, writable_results

PYTEST_OK, PYTEST_FAILED, PYTEST_NONE = 0, 1, 5
PLUGIN = "generator.acceptance.plugin"       # also its pytest11 entry point's name: loaded once either way
SCENARIO_TIMEOUT = 300          # seconds, per scenario (pytest-timeout): a probe never waits for ever
RUN_TIMEOUT = 3600              # seconds, the whole run
LOG = "verify.log"              # beside the site's results: the last run's whole pytest output


@dataclass
class Verification:
    exit_code: int                  # 0 all passed, 1 a scenario failed
    results: list[StageResult]
    report: Path | None
    summary: str
    log: Path | None = None         # pytest's whole output of the run


def verify(project: Project, environment: Environment, target_url: str, stages: list[Stage],
           report: Path | None = None, allow_destructive: bool = False, converge: dict | None = None,
           quiet: bool = False, hosts: Mapping[str, str] | None = None,
           secrets: Secrets | None = None, verbose: bool = False) -> Verification:
    """Run the stages' scenarios; `quiet` prints nothing unless something failed (then each
    failure's sentence); `verbose` also prints pytest's own output (always in the log);
    `hosts`: which machine each host is (`--host`); `secrets`: the run's (the child gets the
    values resolved so far, and everything shown or saved is masked with them)."""
    writable_results(project.results_dir)          # where the outcome goes is checked before anything runs
    if report:
        _check_report(Path(report))
    secrets = (secrets or Secrets()).learn(environment.params)
    features = _features(project, stages)
    fingerprints = stage_fingerprints(environment)     # what this run verifies, kept with its results
    manual = manual_steps(environment)
    _check_target(project, environment, target_url, hosts, secrets)
    log = project.results_dir / environment.name / LOG
    with tempfile.TemporaryDirectory() as tmp:
        json_path, failures_path = Path(tmp) / "cucumber.json", Path(tmp) / "failures.json"
        output = _run_pytest(project, environment, target_url, features, json_path, failures_path, allow_destructive,
                             hosts, secrets)
        reported = json.loads(json_path.read_text() or "[]")
        told = failures.read_failures(failures_path)
    write_file(log, output)
    if verbose:
        sys.stdout.write(output)
    results = [r for r in (stage_result(environment, target_url, s, reported, converge, secrets.redact,
                                        fingerprints.get(s.id), told,
                                        gate_scenarios(project.results_dir, environment, s.id, manual.get(s.id, ()),
                                                       fingerprints.get(s.id)))
                           for s in stages) if r]
    for result in results:
        save_result(project.results_dir, result)
    summary = summarise(environment, target_url, stages, results, secrets.redact)
    if report:
        _write_report(Path(report), reported, summary, secrets.redact)
    failed = any(r.status == "failed" for r in results)
    if quiet and failed:
        sys.stdout.write(_failed_lines(results) + f"details: {project.relative(log)}\n")
    return Verification(1 if failed else 0, results, report, summary, log)


def preflight(project: Project, environment: Environment, target_url: str, stages: list[Stage],
              secrets: Secrets | None = None) -> tuple[list[Path], Secrets]:
    """What `verify` checks before any scenario runs (results can be kept, every stage has its
    feature, the target answers): the feature files, and the run's secrets."""
    writable_results(project.results_dir)
    secrets = (secrets or Secrets()).learn(environment.params)
    features = _features(project, stages)
    _check_target(project, environment, target_url, None, secrets)
    return features, secrets


def _features(project: Project, stages: list[Stage]) -> list[Path]:
    missing = [project.relative(s.feature) for s in stages if not s.feature.is_file()]
    if missing:
        raise ContentError(f"no feature file: {', '.join(missing)}")
    return [s.feature for s in stages]


def _check_target(project: Project, environment: Environment, target_url: str,
                  mapping: Mapping[str, str] | None = None, secrets: Secrets | None = None) -> None:
    """A wrong URL, a lab that is not running, a host with no endpoint (steps may read any),
    or a target none of whose hosts answers is bad input (exit 2); a host that is down among
    others is for the scenarios to report."""
    with open_target(target_url, environment, project, hosts=mapping, secrets=secrets) as target:
        hosts = list(environment.params.host_addresses()) or []
        target.route(hosts)
        if hosts and not any(target.reachable(host) for host in hosts):
            raise TargetError(f"{target_url}: none of {', '.join(hosts)} answers")


def _run_pytest(project: Project, environment: Environment, target_url: str, features: list[Path],
                json_path: Path, failures_path: Path, allow_destructive: bool,
                hosts: Mapping[str, str] | None = None, secrets: Secrets | None = None) -> str:
    """pytest with the acceptance plugin on the feature files (it binds them to the runbook's
    steps); its whole output, masked."""
    secrets = secrets or Secrets()
    args, env = pytest_command(project, environment, target_url, features, json_path, failures_path,
                               allow_destructive, hosts, secrets)
    try:
        process = subprocess.run(args, cwd=project.root, env=env, capture_output=True, text=True,
                                 timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise TargetError(f"the acceptance run did not finish within {RUN_TIMEOUT} s") from exc
    output = secrets.redact(process.stdout + process.stderr)
    if process.returncode not in (PYTEST_OK, PYTEST_FAILED, PYTEST_NONE) or not json_path.is_file():
        sys.stdout.write(output)                # why it could not start is in pytest's own words
        raise GeneratorError(f"the acceptance run could not start (pytest exit {process.returncode})")
    return output


def pytest_command(project: Project, environment: Environment, target_url: str, features: list[Path],
                   json_path: Path, failures_path: Path, allow_destructive: bool,
                   hosts: Mapping[str, str] | None, secrets: Secrets) -> tuple[list[str], dict[str, str]]:
    """The pytest command line and environment of a verification run."""
    args = [sys.executable, "-m", "pytest", "-p", PLUGIN, *map(str, features), "--env", str(environment.path.resolve()),
            "--target", target_url, f"--cucumberjson={json_path}", f"--failures={failures_path}", "-p",
            "no:cacheprovider", "-q", "--no-header", f"--rootdir={project.root}", "-o", "addopts=", "-o",
            f"timeout={SCENARIO_TIMEOUT}", "--strict-markers", "--tb=short"] + \
        (["--allow-destructive"] if allow_destructive else [])
    args += host_args(dict(hosts or {}))
    env = dict(os.environ, **secrets.as_environment())   # the child must not ask again
    # read-only from the child's first import: its targets' transports refuse non-probe commands
    env[guard.READ_ONLY_ENV] = guard.DESTRUCTIVE if allow_destructive else guard.STRICT
    return args, env


def stage_result(environment: Environment, target_url: str, stage: Stage, features: list,
                 converge: dict | None, mask=str, fingerprint: Fingerprint | None = None,
                 told: Mapping[str, str] | None = None, gates: list[ScenarioResult] = ()) -> StageResult | None:
    """The stage's result, or None when none of its scenarios ran (all deselected) and it has no
    manual step; `told`: the failures the run wrote down, one sentence each; `gates`: the stage's
    manual steps, met by their attestations (`acceptance.attestations`)."""
    suffix = f"{stage.runbook_id}/{stage.id}.feature"
    told = told or {}
    scenarios = [_scenario(element, mask, told.get(key := failures.key(suffix, element.get("name", ""))),
                           told.get(failures.teardown_key(key)))
                 for feature in features
                 if str(feature.get("uri", "")).replace("\\", "/").endswith(suffix)
                 for element in feature.get("elements", [])]
    scenarios += [gate.model_copy(update={"message": mask(gate.message)}) for gate in gates]
    if not scenarios:
        return None
    status = "passed" if all(s.status == "passed" for s in scenarios) else "failed"
    return StageResult(environment=environment.name, stage=stage.id, target=target_url, status=status,
                       finished_at=now(), scenarios=scenarios, tool_version=__version__,
                       converge=(converge or {}).get(stage.id, {}), fingerprint=fingerprint)


def _scenario(element: dict, mask, told: str | None = None, after: str | None = None) -> ScenarioResult:
    """`told`: a step's failure in one sentence; `after`: the scenario's clean-up failed (its steps
    may all have passed: that is still a failure, the state it leaves is not the one it promised)."""
    steps = element.get("steps", [])
    failed = next((s for s in steps if s.get("result", {}).get("status") == "failed"), None)
    if failed:
        why = told or failures.from_report(failed["result"].get("error_message", ""))
        return ScenarioResult(name=element["name"], status="failed",
                              message=mask(f"{failed['keyword'].strip()} {failed['name']}: {why}"))
    if after:
        return ScenarioResult(name=element["name"], status="failed", message=mask(f"after the scenario: {after}"))
    if steps and all(s.get("result", {}).get("status") == "passed" for s in steps):
        return ScenarioResult(name=element["name"], status="passed")
    return ScenarioResult(name=element["name"], status="skipped")


def _failed_lines(results: list[StageResult]) -> str:
    return "".join(f"{r.stage}: FAIL {s.name}: {s.message}\n" for r in results for s in r.scenarios
                   if s.status == "failed")


def _check_report(report: Path) -> None:
    if report.suffix.lower() == ".md":
        raise GeneratorError(f"{report}: the report is Cucumber JSON; its summary goes next to it as .md")
    writable_dir(report.parent, "the folder of --report")


def _write_report(report: Path, features: list, summary: str, mask) -> None:
    write_file(report, mask(json.dumps(features, indent=2)))
    write_file(report.with_suffix(".md"), summary)


def summarise(environment: Environment, target_url: str, stages: list[Stage], results: list[StageResult],
              mask=str) -> str:
    by_stage = {r.stage: r for r in results}
    out = [f"# Verification of {environment.title} ({environment.name})", "",
           f"Target: `{target_url}`, finished {now():%Y-%m-%d %H:%M} UTC.", ""]
    for stage in stages:
        result = by_stage.get(stage.id)
        if result is None:
            out += [f"## {stage.id}: not run", "", "- no scenario ran (deselected: another platform, or "
                                                   "@destructive without --allow-destructive)", ""]
            continue
        out += [f"## {stage.id}: {result.status}", ""]
        for scenario in result.scenarios:
            mark = {"passed": "PASS", "failed": "FAIL", "skipped": "SKIP"}[scenario.status]
            out.append(f"- {mark} {scenario.name}" + (f"\n  {scenario.message}" if scenario.message else ""))
        out.append("")
    return mask("\n".join(out))
