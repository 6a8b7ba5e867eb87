"""One test per recorded case in tests/unit/probe_cases/<probe>/<case>.yaml (format in
that folder's README.md): the probe builds exactly `command` and reads `output` as
`expected`, or fails as `error` says."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from winprobes import PROBES, ProbeError, as_data, is_probe_command

CASES = Path(__file__).resolve().parents[1] / "probe_cases"
ENDINGS = {"lf": "\n", "crlf": "\r\n", "wmic": "\r\r\n"}
KEYS = {"args", "command", "line_endings", "expected", "error", "output"}


def _cases() -> list:
    return [pytest.param(path, id=f"{path.parent.name}/{path.stem}") for path in sorted(CASES.glob("*/*.yaml"))]


def _load(path: Path) -> dict:
    case = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert set(case) <= KEYS and {"args", "command", "output"} <= set(case), f"{path}: keys {sorted(case)}"
    assert ("expected" in case) != ("error" in case), f"{path}: give either expected or error"
    return case


def _output(case: dict, endings: str | None = None) -> str:
    return case["output"].replace("\n", ENDINGS[endings or case.get("line_endings", "lf")])


@pytest.mark.parametrize("path", _cases())
def test_case(path: Path) -> None:
    case = _load(path)
    probe = PROBES[path.parent.name](**case["args"])
    assert probe.command() == case["command"]
    assert is_probe_command(case["command"]), "a probe's own command must pass the allow-list"
    if "expected" in case:
        assert as_data(probe.parse(_output(case))) == case["expected"]
        return
    expected = case["error"]
    with pytest.raises(ProbeError) as info:
        probe.parse(_output(case))
    error = info.value
    assert type(error).__name__ == expected["type"]
    assert expected.get("contains", "") in str(error)
    if "line" in expected:
        assert error.line_no == expected["line"]
        assert type(probe).__name__ in str(error)
    if "number" in expected:
        assert error.number == expected["number"]


@pytest.mark.parametrize("path", [c for c in _cases() if "expected" in _load(c.values[0])])
@pytest.mark.parametrize("endings", sorted(ENDINGS))
def test_case_reads_the_same_with_any_line_endings(path: Path, endings: str) -> None:
    case = _load(path)
    probe = PROBES[path.parent.name](**case["args"])
    assert as_data(probe.parse(_output(case, endings))) == case["expected"]


def test_every_probe_has_cases_and_every_case_a_probe() -> None:
    folders = {p.name for p in CASES.iterdir() if p.is_dir()}
    assert folders == set(PROBES)


def test_every_probe_has_a_case_that_must_fail() -> None:
    failing = {path.parent.name for path in CASES.glob("*/*.yaml") if "error" in _load(path)}
    assert set(PROBES) - failing == set()
