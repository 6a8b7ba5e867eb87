"""Secrets are references resolved at run time; their values never reach a file.

An environment file says *where* a secret comes from (`{env: SITE_ADMIN_PASSWORD}`);
pages and scripts show the reference; only `apply`, `verify` and the lab resolve it, from
the environment variable or an interactive prompt. A `Secrets` object holds what one run
resolved, in memory only, and masks those values out of everything it prints or saves; it is
handed to what needs it (targets, apply, verify, the lab), never kept in a module global.

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
from typing import Any, Iterator, Mapping

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import SecretError

MIN_MASKED = 4                          # shorter values would mask ordinary text
_CMD_UNSAFE = re.compile(r'["\r\n\x00]')
WINRM_PASSWORD = "RUNBOOK_WINRM_PASSWORD"     # the one secret that is not an environment's: real hosts' login


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
                item = getattr(value, name)
                if isinstance(item, _HOLDERS):          # most fields are text: nothing to walk
                    yield from walk(item, f"{path}.{name}" if path else name, value)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                yield from walk(item, f"{path}[{i}]", owner)
    yield from walk(model, "", model)


_HOLDERS = (BaseModel, list, tuple)             # what a secret reference can be or be inside of


class Secrets:
    """The secret values one run resolved: from their variables, or asked for once on a
    terminal. Every value it knows is masked out of what `redact` is given."""

    def __init__(self, environ: Mapping[str, str] | None = None, interactive: bool | None = None):
        self._environ = os.environ if environ is None else environ
        self._interactive = interactive
        self._values: dict[str, str] = {}          # variable -> value

    def value(self, ref: SecretRef, label: str) -> str:
        """The value: remembered, else the variable, else a prompt on a terminal."""
        if ref.env in self._values:
            return self._values[ref.env]
        value = self._environ.get(ref.env)
        if value is None:
            interactive = sys.stdin.isatty() if self._interactive is None else self._interactive
            if not interactive:
                raise SecretError(f"{label}: set the environment variable {ref.env} "
                                  f"(the secret is read at run time, never from a file)")
            value = getpass.getpass(f"{ref.prompt or label} ({ref.env}): ")
        if len(value) < MIN_MASKED:
            raise SecretError(f"{label}: the value of {ref.env} is shorter than {MIN_MASKED} characters, "
                              "too short to keep out of logs reliably")
        self._values[ref.env] = value
        return value

    def for_cmd(self, ref: SecretRef, label: str) -> str:
        """A value a cmd.exe line can carry inside a quoted switch (no quote, no line break)."""
        value = self.value(ref, label)
        if _CMD_UNSAFE.search(value):
            raise SecretError(f"{label}: the value of {ref.env} contains a double quote or a line break, "
                              "which a cmd.exe command line cannot carry; choose another password")
        return value

    def learn(self, model: BaseModel) -> "Secrets":
        """Learn the secrets of `model` whose variables are set (no prompting), and the WinRM
        password, so `redact` masks them even in output this process did not produce."""
        for field in secret_fields(model):
            value = self._environ.get(field.ref.env)
            if value and len(value) >= MIN_MASKED:
                self._values.setdefault(field.ref.env, value)
        if self._environ.get(WINRM_PASSWORD):
            self._values.setdefault(WINRM_PASSWORD, self._environ[WINRM_PASSWORD])
        return self

    def as_environment(self) -> dict[str, str]:
        """The values resolved so far, as variables for a child process (it must not ask again)."""
        return dict(self._values)

    def redact(self, text: str) -> str:
        """`text` with every known value masked (values shorter than MIN_MASKED are refused
        by `value`: masking those would garble ordinary text)."""
        for value in sorted(set(self._values.values()), key=len, reverse=True):
            text = text.replace(value, "******")
        return text


def cmd_variables(text: str) -> set[str]:
    """Names of `%VAR%` and `!VAR!` expansions in cmd text."""
    return {a or b for a, b in re.findall(r"%([A-Za-z_]\w*)%|!([A-Za-z_]\w*)!", text)}
