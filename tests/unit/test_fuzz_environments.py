"""Fuzzing: mutated copies of environments/*.yaml are accepted or refused cleanly, never a crash.

Seeded, so a failure reproduces: each case names its seed and mutations. Every case is loaded
(`load_environments`): it is valid, or a GeneratorError whose every line reads `file:line: ...`
or `file: ...`. Through `runbook check` (in-process, click's CliRunner) every accepted case and
a sample of the refused ones exit 0 or 2, with no traceback. RUNBOOK_FUZZ_CASES=N runs more.
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.environments import load_environments
from generator.errors import GeneratorError
from tests.conftest import ROOT

SEED = 20_240_607
CASES = int(os.environ.get("RUNBOOK_FUZZ_CASES", "500"))
REFUSED_THROUGH_CLI = 60            # each `runbook check` takes ~20 ms; every accepted case goes through it too
SOURCES = sorted((ROOT / "environments").glob("*.yaml"))

TOKENS = ["&a ", "*a", "&a [*a]", "&b {a: *a}", "<<: ", "<<: *a", "? ", "!!", "!!binary ", "!!timestamp ", "!!set ",
          "!!python/object:os.system ", "!!int ", "!foo ", "---\n", "...\n", "%YAML 1.1\n", "{", "}", "[", "]", ": ",
          "- ", ", ", "|\n", ">-\n", "'", '"', "# ", "~", "null", "yes", ".nan", "-.inf", "0x" + "f" * 40, "9" * 5000,
          "1:2:3", "2001-13-45", "=", "\\", "\\x1b", "\\u202e", "\\0", "\t", "\r", "\n  ", "\n- ", "x" * 2000]
VALUES = ["x" * 1024, "[]", "{}", "~", "''", "-1", "0", "2", "3", "99999999999999999999", "1e400", "yes", "1.2.3.4/33",
          "0.0.0.0/0", "169.254.1.1", "192.168.10.21", "10.10.10.1/24", "{env: X}", "{env: ''}", "[1, 2]", "{name: X}",
          "windows-2008", "2008", "E2K7Node1", "E2K7\\nobody", "Private", "public-folder", "*a", "&a x", "!!str 1",
          "&a [1, 2]", "&a {name: X}", "&a [*a]", "[*a, *a, *a, *a, *a, *a, *a, *a]", "!!binary aGk=", "'\\e'",
          '"\\e"', '"\\u202e"', '"\\t"', "|\n  two\n  lines", "1:00:00:00:00:00:00:00:00:00:00:00:00:00:00.5"]
ENTRIES = ["? [a, b]\n{indent}: 1", "? {a: 1}\n{indent}: 1", "1: x", "yes: x", "~: x", "<<: *a", "<<: {name: X}",
           "<<: [*a, *a]", "<<: 3", "x: &a [*a]", "x: &a {k: v}", "x: *a", '"x\\t": 1', "x: !!binary aGk=", "x: <<"]
CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\t", "\r", "\u00a0", "\u200b", "\u200d", "\u202e",
              "\u2066", "\u2028", "\u2029", "\ufeff", "\ufffe", "\U0001f600", "é", "ß", "İ", "\u0301"]
KINDS = ["delete", "duplicate", "swap", "token", "token", "character", "character", "value", "value", "entry"]


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    how: tuple[str, ...]


def mutate(rng: random.Random, text: str) -> tuple[bytes, tuple[str, ...]]:
    """1 to 3 line-level mutations, sometimes a raw byte; returns the bytes and what was done."""
    lines = text.splitlines(keepends=True)
    how = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(KINDS)
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        entries = [n for n, line in enumerate(lines) if ": " in line] or [i]
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(j, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind in ("token", "character"):
            insert = rng.choice(TOKENS if kind == "token" else CHARACTERS + [chr(rng.randrange(0x20, 0xD800))])
            at = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:at] + insert + lines[i][at:]
            kind += f" {insert[:12]!r} at {i + 1}:{at}"
        elif kind == "value":                             # the same key, another value: well-formed YAML, odd data
            i, value = rng.choice(entries), rng.choice(VALUES)
            lines[i] = lines[i].partition(": ")[0] + ": " + value + "\n"
            kind += f" {value[:12]!r} at {i + 1}"
        elif kind == "entry":                             # a new key beside an existing one
            i, entry = rng.choice(entries), rng.choice(ENTRIES)
            indent = " " * (len(lines[i]) - len(lines[i].lstrip(" -")))
            lines.insert(i, indent + entry.replace("{indent}", indent) + "\n")
            kind += f" {entry[:12]!r} at {i + 1}"
        how.append(f"{kind} {i + 1},{j + 1}" if kind in ("delete", "duplicate", "swap") else kind)
    data = "".join(lines).encode("utf-8")
    if rng.random() < 0.15:                                    # raw bytes: invalid UTF-8 and friends
        at = rng.randrange(len(data))
        byte = rng.randrange(256)
        data = data[:at] + bytes([byte]) + data[at + 1:]
        how.append(f"flip byte {at} to {byte:#04x}")
    return data, tuple(how)


def cases(count: int) -> list[Case]:
    rng = random.Random(SEED)
    texts = [path.read_text(encoding="utf-8") for path in SOURCES]
    return [Case(f"fuzz-{n:04d}", *mutate(rng, rng.choice(texts))) for n in range(count)]


def well_formed(text: str, shown: str) -> bool:
    """Every line reads `file:line: message` or `file: message`."""
    return bool(text) and all(re.match(rf"{re.escape(shown)}(:\d+)?: .", line) for line in text.splitlines())


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[tuple[Case, Path]]:
    folder = tmp_path_factory.mktemp("fuzz")
    out = []
    for case in cases(CASES):
        path = folder / f"{case.name}.yaml"
        path.write_bytes(case.data)
        out.append((case, path))
    return out


@pytest.fixture(scope="module")
def outcomes(project, written) -> dict[str, str | None]:
    """Case name -> None (accepted) or the error text; anything else than a GeneratorError fails here."""
    found, crashes = {}, []
    for case, path in written:
        try:
            load_environments(project, [path])
            found[case.name] = None
        except GeneratorError as exc:
            found[case.name] = str(exc)
        except Exception as exc:                             # what this test is for
            crashes.append(f"{case.name} {case.how}: {type(exc).__name__}: {exc}"[:300])
    assert not crashes, f"{len(crashes)} crash(es), seed {SEED}:\n" + "\n".join(crashes[:10])
    return found


def test_cases_are_many_and_varied(outcomes):
    refused = [text for text in outcomes.values() if text]
    assert len(outcomes) >= min(CASES, 300)
    assert len(refused) > len(outcomes) // 2, "the mutations should break most files"
    assert len(outcomes) - len(refused) > 5, "some mutations (comments, order) should keep a file valid"
    messages = [re.sub(r"^.*?\.yaml(:\d+)?: ", "", line) for text in refused for line in text.splitlines()]
    kinds = {re.sub(r"\d+|'[^']*'", "N", message)[:30] for message in messages}
    assert len(kinds) > 100, f"few kinds of problem ({len(kinds)}): {sorted(kinds)[:20]}"


def test_every_refusal_is_located(project, written, outcomes):
    bad = [f"{case.name} {case.how}:\n{outcomes[case.name]}"[:400] for case, path in written
           if outcomes[case.name] is not None and not well_formed(outcomes[case.name], project.relative(path))]
    assert not bad, f"{len(bad)} message(s) not in the form file:line: message:\n" + "\n".join(bad[:5])


def test_runbook_check_exits_0_or_2_without_traceback(written, outcomes):
    rng = random.Random(SEED)
    accepted = [(case, path) for case, path in written if outcomes[case.name] is None]
    refused = [(case, path) for case, path in written if outcomes[case.name] is not None]
    runner, bad = CliRunner(), []
    for case, path in accepted + rng.sample(refused, min(REFUSED_THROUGH_CLI, len(refused))):
        result = runner.invoke(main, ["check", str(path), "--project", str(ROOT)])
        expected = {0, 2} if outcomes[case.name] is None else {2}      # check may find more than loading
        if (result.exit_code not in expected or "Traceback" in result.output
                or not isinstance(result.exception, (SystemExit, type(None)))):
            bad.append(f"{case.name} {case.how}: exit {result.exit_code}, {result.exception!r}\n{result.output[-300:]}")
    assert not bad, "\n".join(bad[:5])
