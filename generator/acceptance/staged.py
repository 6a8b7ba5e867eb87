"""The lab lifecycle's verifications, every stage in one pytest process (`acceptance.gate`).

`verify` starts a pytest process per run; the lifecycle verifies each stage right after
converging it, so it used to start one per stage, and their start-up was most of its time.
Here one process is started for all stages: it collects every stage's scenarios while the
lab is reset and the first stage converges, then runs a stage's scenarios each time it is
told to. Each stage's result is read from the Cucumber JSON as `verify` reads it, and saved
as soon as the stage's scenarios ran. The process is read-only, as `verify`'s (drills allowed).
"""

from __future__ import annotations

import json
import queue
import secrets as tokens
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..environments import Environment
from ..errors import GeneratorError, TargetError
from ..project import Project
from ..runbooks import Stage
from ..secrets import Secrets
from .gate import GATE_ENV, GO, STOP
from . import failures
from .attestations import gate_scenarios, manual_steps
from .results import save_result, stage_fingerprints
from .verify import (PYTEST_FAILED, PYTEST_NONE, PYTEST_OK, RUN_TIMEOUT, Verification, preflight, pytest_command,
                     stage_result, summarise)

GATE_PLUGIN = "generator.acceptance.gate"
_ENDED = None                       # the process closed its output


class StagedVerification:
    """One pytest process verifying the given stages in order, each when `verify(stage)` is called."""

    def __init__(self, project: Project, environment: Environment, target_url: str, stages: list[Stage],
                 secrets: Secrets):
        self.project, self.environment, self.target_url = project, environment, target_url
        features, self.secrets = preflight(project, environment, target_url, stages, secrets)
        self._folder = tempfile.TemporaryDirectory()
        self.report = Path(self._folder.name) / "cucumber.json"
        self.failures = Path(self._folder.name) / "failures.json"
        self._fingerprints = stage_fingerprints(environment)     # what the run verifies, kept with its results
        self._manual = manual_steps(environment)
        args, env = pytest_command(project, environment, target_url, features, self.report, self.failures, True, None,
                                   self.secrets)
        self._token = tokens.token_hex(16)
        env[GATE_ENV] = self._token
        self._process = subprocess.Popen([*args[:3], "-p", GATE_PLUGIN, *args[3:]], cwd=project.root, env=env,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         text=True, encoding="utf-8", errors="replace")
        self._events: queue.Queue[str | None] = queue.Queue()
        self._output: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._planned: list[str] | None = None
        self._finished = False

    def __enter__(self) -> "StagedVerification":
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if error is None:
                self.finish()
            else:
                self._stop(kill=True)
        finally:
            self._folder.cleanup()

    def verify(self, stage: Stage, converge: dict[str, int]) -> Verification:
        """Run the stage's scenarios now (the stages come in order); save and return its result.
        After a failed verification the process ends (the lifecycle stops there)."""
        if self._planned is None:
            self._planned = self._event("stages").split()
        gates = gate_scenarios(self.project.results_dir, self.environment, stage.id,
                               self._manual.get(stage.id, ()), self._fingerprints.get(stage.id))
        if stage.id not in self._planned:               # every scenario deselected: nothing ran, as in `verify`
            return self._without_scenarios(stage, gates)
        if self._planned[0] != stage.id:
            raise GeneratorError(f"stage {stage.id} verified out of order (next: {self._planned[0]})")
        self._planned.pop(0)
        self._send(GO)
        self._event(f"done {stage.id}")
        reported = json.loads(self.report.read_text(encoding="utf-8") or "[]")
        result = stage_result(self.environment, self.target_url, stage, reported, {stage.id: converge},
                              self.secrets.redact, self._fingerprints.get(stage.id),
                              failures.read_failures(self.failures), gates)
        results = [result] if result else []
        for found in results:
            save_result(self.project.results_dir, found)
        failed = any(r.status == "failed" for r in results)
        if failed:
            self.finish()                               # pytest's account of the failure, before the lifecycle's
        return Verification(PYTEST_FAILED if failed else PYTEST_OK, results, None, self._summary(stage, results))

    def _without_scenarios(self, stage: Stage, gates: list) -> Verification:
        """A stage none of whose scenarios runs here: its manual steps' gates alone, if it has any."""
        result = stage_result(self.environment, self.target_url, stage, [], None, self.secrets.redact,
                              self._fingerprints.get(stage.id), None, gates)
        results = [result] if result else []
        for found in results:
            save_result(self.project.results_dir, found)
        failed = any(r.status == "failed" for r in results)
        return Verification(PYTEST_FAILED if failed else PYTEST_OK, results, None, self._summary(stage, results))

    def finish(self) -> None:
        """Tell the process to stop, wait for it, show its output if anything failed."""
        if self._finished:
            return
        code = self._stop(kill=False)
        if code != PYTEST_OK:
            sys.stdout.write(self.secrets.redact("".join(self._output)))
        if code not in (PYTEST_OK, PYTEST_FAILED, PYTEST_NONE) or not self.report.is_file():
            raise GeneratorError(f"the acceptance run could not start (pytest exit {code})")

    def _summary(self, stage: Stage, results: list) -> str:
        return summarise(self.environment, self.target_url, [stage], results, self.secrets.redact)

    def _stop(self, kill: bool) -> int:
        self._finished = True
        if kill:
            self._process.kill()
        else:
            self._send(STOP)
        try:
            self._process.stdin.close()                 # type: ignore[union-attr]
        except OSError:
            pass
        try:
            code = self._process.wait(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._process.kill()
            code = self._process.wait()
        self._reader.join()
        return code

    def _send(self, command: str) -> None:
        try:
            self._process.stdin.write(command + "\n")  # type: ignore[union-attr]
            self._process.stdin.flush()                 # type: ignore[union-attr]
        except OSError:                                 # it ended already: found when its output ends
            pass

    def _event(self, expected: str) -> str:
        """The process's next event, which must start with `expected`; the words after it. A
        stage's scenarios have as long as `verify` gives a whole run."""
        try:
            event = self._events.get(timeout=RUN_TIMEOUT)
        except queue.Empty:
            self._stop(kill=True)
            raise TargetError(f"the acceptance run did not finish within {RUN_TIMEOUT} s") from None
        if event is _ENDED or not event.startswith(expected):
            self.finish()                               # shows its output; raises when it could not start
            raise GeneratorError(f"the acceptance run ended before {expected!r} (pytest exit "
                                 f"{self._process.returncode})")
        return event[len(expected):]

    def _read(self) -> None:
        """Every line the process prints: an event (marked with the token) or output."""
        assert self._process.stdout is not None
        for line in self._process.stdout:
            before, marked, event = line.partition(self._token)
            if marked:
                self._output.append(before)
                self._events.put(event.strip())
            else:
                self._output.append(line)
        self._events.put(_ENDED)
