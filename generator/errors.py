"""The exception tree. Only the CLI turns these into exit codes.

Exit codes of every command (README, `runbook --help`):
    0    ok
    1    a verification or a converge failed
    2    bad input: files, options, targets, folders that cannot be written, a port in use
    3    declined: a prompt was answered no; nothing was changed
    4    busy: another run holds the lock of the same environment and target
    7    blocked: a stage gate refused the run (an earlier stage of the site is not verified); nothing was sent
    130  interrupted (Ctrl-C): what was being written is left as it was before

    GeneratorError                 exit 2 (bad input) unless stated
    ├── ConfigError                environment, runbook or target file is invalid (carries Problems)
    ├── TemplateError              a stage template does not parse or render
    ├── ContentError               runbook content is inconsistent (missing feature, bad block)
    ├── SecretError                a secret reference cannot be resolved
    ├── TargetError                a target URL is unknown or a host cannot be reached
    │   └── UnsafeCommand          verification tried a command that is not a probe (targets.guard)
    ├── ProbeError                 a probe's command failed or its output did not parse (probes.base)
    ├── LabError                   the lab is not running, or a lab action is impossible
    ├── VerificationFailed         exit 1: a converge or a scenario failed
    ├── Declined                   exit 3: the user said no; nothing was changed
    ├── Busy                       exit 4: another run holds the lock
    └── Blocked                    exit 7: a stage gate refused the run; nothing was sent
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence


def dotted(path: Sequence[str | int]) -> str:
    """`("nodes", 1, "private", "address")` -> `nodes[1].private.address`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class GeneratorError(Exception):
    """Root of every error the tool reports to a user without a traceback."""

    exit_code = 2


class ConfigError(GeneratorError):
    """One or more problems in input files, reported all at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class TemplateError(GeneratorError):
    def __init__(self, file: str | Path, line: int | None, message: str, source_line: str = ""):
        self.file, self.line = str(file), line
        text = f"{file}:{line}: {message}" if line else f"{file}: {message}"
        if source_line.strip():
            text += f"\n    {source_line.strip()}"
        super().__init__(text)


class ContentError(GeneratorError):
    pass


class SecretError(GeneratorError):
    pass


class TargetError(GeneratorError):
    pass


class LabError(GeneratorError):
    pass


class VerificationFailed(GeneratorError):
    exit_code = 1


class Declined(GeneratorError):
    """The user answered no to a confirmation: nothing was changed."""

    exit_code = 3


class Busy(GeneratorError):
    """Another run holds the lock this one needs (one apply at a time per environment and target)."""

    exit_code = 4


class Blocked(GeneratorError):
    """A stage gate refused the run: an earlier stage of the site has no current pass (nothing was sent)."""

    exit_code = 7


INTERRUPTED = 130       # 128 + SIGINT, as shells report a Ctrl-C
