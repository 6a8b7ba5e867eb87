"""Stages one at a time in one pytest process: the child's side of `acceptance.staged`.

`runbook lab test` converges a stage, verifies it, then converges the next. Its verifications
run in one pytest process for all stages (started once, not once per stage): loaded with
`-p generator.acceptance.gate` and RUNBOOK_STAGE_GATE=<token> set, the process runs a
stage's scenarios (one feature file's) only when its parent says so, and says when they ran:

    child -> parent    <token> stages ID ID ...    the stages with scenarios to run, in order
    parent -> child    go | stop                    before each of them
    child -> parent    <token> done ID              its scenarios ran; the Cucumber JSON holds them
    parent -> child    stop                         after the last (the session ends, the report is
                                                    written once more)

The lines go over the process's own stdin and stdout, taken (duplicated) when this module is
imported, before pytest's output capturing replaces them; the token tells them from pytest's
output. Everything else (binding the features, the read-only guard, the steps, the report)
is the acceptance plugin's, exactly as in `runbook verify`.
"""

from __future__ import annotations

import os
from typing import IO

import pytest

from .plugin import write_failures_file

GATE_ENV = "RUNBOOK_STAGE_GATE"
GO, STOP = "go", "stop"

_TOKEN = os.environ.get(GATE_ENV, "")
_COMMANDS: IO[str] | None = os.fdopen(os.dup(0), "r", encoding="utf-8") if _TOKEN else None
_EVENTS: IO[str] | None = os.fdopen(os.dup(1), "w", encoding="utf-8") if _TOKEN else None


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool | None:
    """pytest's own loop over the items, stage by stage, each when the parent says go."""
    if _COMMANDS is None:
        return None
    if session.testsfailed and not session.config.option.continue_on_collection_errors:
        raise session.Interrupted(f"{session.testsfailed} error(s) during collection")
    stages = _by_stage(session.items)
    _say("stages " + " ".join(stages))
    following = dict(zip(session.items, [*session.items[1:], None]))
    for stage, items in stages.items():
        if _command() != GO:
            return True
        for item in items:
            item.config.hook.pytest_runtest_protocol(item=item, nextitem=following[item])
            if session.shouldfail:
                raise session.Failed(session.shouldfail)
            if session.shouldstop:
                raise session.Interrupted(session.shouldstop)
        _write_report(session.config)
        _say(f"done {stage}")
    _command()            # the parent's stop: it reads the last stage's report before pytest writes it again
    return True


def _by_stage(items: list[pytest.Item]) -> dict[str, list[pytest.Item]]:
    """Items by stage (their feature file: features/<runbook>/<stage>.feature), in run order."""
    stages: dict[str, list[pytest.Item]] = {}
    for item in items:
        stages.setdefault(item.path.stem, []).append(item)
    return stages


def _write_report(config: pytest.Config) -> None:
    """The Cucumber JSON so far (pytest-bdd writes it when the session ends, and again then)."""
    report = getattr(config, "_bddcucumberjson", None)
    if report is None:
        raise pytest.UsageError("the stage gate needs --cucumberjson (pytest-bdd's Cucumber JSON report)")
    report.pytest_sessionfinish()
    write_failures_file(config)             # each failure in one sentence, for the stage's page


def _say(event: str) -> None:
    assert _EVENTS is not None
    _EVENTS.write(f"\n{_TOKEN} {event}\n")
    _EVENTS.flush()


def _command() -> str:
    """The parent's next word: go, or stop (also when it closed our input)."""
    assert _COMMANDS is not None
    return _COMMANDS.readline().strip() or STOP
