"""Secrets are references resolved at run time; their values never reach a file.

An environment file says *where* a secret comes from (`{env: SITE_ADMIN_PASSWORD}`);
pages and scripts show the reference; only `apply`, `verify` and the lab resolve it, from
the environment variable or an interactive prompt, and keep the value in memory.
`redact()` masks every value known to this process in anything we print or save.

In scripts a secret expands as `!VAR!` (cmd's delayed expansion, which scripts enable):
cmd parses the line before it substitutes the value, so `& | < > ^` and spaces in a
password cannot split the command. A quoted switch (`"/pass:!VAR!"`) keeps spaces inside.
"""

from __future__ import annotations

import getpass
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Iterator

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import SecretError

_resolved: dict[str, str] = {}          # variable -> value, once per process
MIN_MASKED = 4                          # shorter values would mask ordinary text
_CMD_UNSAFE = re.compile(r'["\r\n\x00]')


class SecretRef(BaseModel):
    """Where a secret comes from at run time: an environment variable, else a prompt."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    env: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
                     description="Environment variable that holds the value at run time.")
    prompt: str | None = Field(default=None, description="Question asked when the variable is unset.")

    @model_validator(mode="before")
    @classmethod
    def _reject_values(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            # Never echo the input: it may be the secret itself.
            raise ValueError("a secret must be a reference such as {env: VARIABLE}, "
                             "never a value written in the file")
        return data

    def __str__(self) -> str:
        """What pages and scripts show: the delayed expansion of the variable."""
        return f"!{self.env}!"

    def resolve(self, label: str, interactive: bool | None = None) -> str:
        """The value: remembered, else the variable, else a prompt on a terminal."""
        if self.env in _resolved:
            return _resolved[self.env]
        value = os.environ.get(self.env)
        if value is None:
            if interactive is None:
                interactive = sys.stdin.isatty()
            if not interactive:
                raise SecretError(f"{label}: set the environment variable {self.env} "
                                  f"(the secret is read at run time, never from a file)")
            value = getpass.getpass(f"{self.prompt or label} ({self.env}): ")
        if len(value) < MIN_MASKED:
            raise SecretError(f"{label}: the value of {self.env} is shorter than {MIN_MASKED} characters, "
                              "too short to keep out of logs reliably")
        _resolved[self.env] = value
        return value

    def resolve_for_cmd(self, label: str) -> str:
        """A value a cmd.exe line can carry inside a quoted switch (no quote, no line break)."""
        value = self.resolve(label)
        if _CMD_UNSAFE.search(value):
            raise SecretError(f"{label}: the value of {self.env} contains a double quote or a line break, "
                              "which a cmd.exe command line cannot carry; choose another password")
        return value


@dataclass(frozen=True)
class SecretField:
    path: str                # dotted field path: domain.admin.password
    owner: BaseModel         # the model holding it (an account: its `user` names it)
    ref: SecretRef

    @property
    def label(self) -> str:
        user = getattr(self.owner, "user", None)
        return self.ref.prompt or (f"password of {user}" if isinstance(user, str) else self.path)


def secret_fields(model: BaseModel) -> Iterator[SecretField]:
    """Every SecretRef inside a model, with its path and owner, in field order."""
    def walk(value: Any, path: str, owner: BaseModel) -> Iterator[SecretField]:
        if isinstance(value, SecretRef):
            yield SecretField(path, owner, value)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(getattr(value, name), f"{path}.{name}" if path else name, value)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                yield from walk(item, f"{path}[{i}]", owner)
    yield from walk(model, "", model)


def remember_available(model: BaseModel) -> None:
    """Learn the secrets whose variables are set (no prompting), so `redact` masks them
    even in output this process did not produce (a child's, a script's)."""
    for field in secret_fields(model):
        value = os.environ.get(field.ref.env)
        if value:
            _resolved.setdefault(field.ref.env, value)
    for name in ("RUNBOOK_WINRM_PASSWORD",):
        if os.environ.get(name):
            _resolved.setdefault(name, os.environ[name])


def forget_resolved() -> None:
    """Forget every value (tests that change variables between cases use this)."""
    _resolved.clear()


def resolved_environment() -> dict[str, str]:
    """The secrets resolved so far, as variables for a child process (it must not ask again)."""
    return dict(_resolved)


def redact(text: str) -> str:
    """Mask every secret value known to this process (`resolve` refuses values shorter than
    MIN_MASKED: masking those would garble ordinary text)."""
    for value in sorted(set(_resolved.values()), key=len, reverse=True):
        if len(value) >= MIN_MASKED:
            text = text.replace(value, "******")
    return text


def cmd_variables(text: str) -> set[str]:
    """Names of `%VAR%` and `!VAR!` expansions in cmd text."""
    return {a or b for a, b in re.findall(r"%([A-Za-z_]\w*)%|!([A-Za-z_]\w*)!", text)}
