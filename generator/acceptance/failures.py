"""A failed step told as one sentence: what the step expected and what it found (a step's
`Mismatches` names host, setting, expected and actual), never a traceback, an exception
chain or a Python class name. The whole chain goes to the run's log (`verify.log`).

The pytest process of `runbook verify` records the sentence of each failing scenario
(`acceptance.plugin`, from the exception itself) in a file the parent reads back; when a
scenario failed where no step could say so (a timeout outside a step), the sentence is
read from pytest's report instead."""

from __future__ import annotations

import json
import re
from pathlib import Path

# How pytest's report starts an exception's lines: `generator.errors.TargetError: `, `Failed: `.
_CLASS = re.compile(r"^(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*: ")
_CLASS_ENDS = ("Error", "Exception", "Failed", "Failure", "Timeout", "Warning", "Interrupt", "Exit")
_CHAIN = ("The above exception was the direct cause of the following exception:",
          "During handling of the above exception, another exception occurred:")


def sentence(exception: BaseException) -> str:
    """The exception's own message on one line; the first message down its chain when it has
    none; a plain statement when nothing in the chain says anything."""
    seen: set[int] = set()
    current: BaseException | None = exception
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = " ".join(str(current).split())
        if text:
            return text
        current = current.__cause__ or current.__context__
    return "the step failed without a message (the run's log has the details)"


def from_report(report: str) -> str:
    """The sentence of a pytest failure report: the `E` lines of its last exception, without
    the exception's class name."""
    last = report
    for marker in _CHAIN:
        last = last.rsplit(marker, 1)[-1]
    lines = [line.strip()[1:].strip() for line in last.splitlines() if line.strip().startswith("E ")]
    text = " ".join(" ".join(lines).split()) if lines else (last.strip().splitlines() or [""])[-1].strip()
    return _without_class(text) if text else "the step failed without a message (the run's log has the details)"


def _without_class(text: str) -> str:
    """`winprobes.clusterexe.ClusterError: E2K7Node1: ...` -> `E2K7Node1: ...` (a host name
    before the colon stays: it is neither dotted Python nor named like an exception)."""
    match = _CLASS.match(text)
    if match is None:
        return text
    name = match[0][:-2]
    last = name.rsplit(".", 1)[-1]
    dotted_python = "." in name and last[:1].isupper() and any(c.islower() for c in last)
    return text[match.end():] if dotted_python or name.endswith(_CLASS_ENDS) else text


def key(feature_file: str, scenario: str) -> str:
    """How a failure is filed: the feature's file name and the scenario's name."""
    return f"{Path(feature_file).name}::{scenario}"


def teardown_key(scenario_key: str) -> str:
    """How the failure of a scenario's clean-up is filed, beside its steps' (`key`)."""
    return scenario_key + "::after"


def write_failures(path: Path, failures: dict[str, str]) -> None:
    path.write_text(json.dumps(failures, indent=2), encoding="utf-8")


def read_failures(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
