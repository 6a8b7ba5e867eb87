"""Secrets are references resolved at run time; their values never reach a file.

An environment file says *where* a secret comes from (`{env: CCR_CLUSVC_PASSWORD}`);
pages and scripts show the reference (`%CCR_CLUSVC_PASSWORD%`); only `apply`, `verify`
and the lab resolve it, from the environment variable or an interactive prompt, and
keep the value in memory. `redact()` masks resolved values in anything we print.
"""

from __future__ import annotations

import getpass
import os
import re
import sys
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .errors import SecretError

_resolved: set[str] = set()


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
        """What pages and scripts show: the cmd.exe expansion of the variable."""
        return f"%{self.env}%"

    def resolve(self, label: str, interactive: bool | None = None) -> str:
        value = os.environ.get(self.env)
        if value is None:
            if interactive is None:
                interactive = sys.stdin.isatty()
            if not interactive:
                raise SecretError(f"{label}: set the environment variable {self.env} "
                                  f"(the secret is read at run time, never from a file)")
            value = getpass.getpass(f"{self.prompt or label} ({self.env}): ")
        if not value:
            raise SecretError(f"{label}: {self.env} is empty")
        _resolved.add(value)
        return value


def secret_refs(model: BaseModel, prefix: str = "") -> dict[str, SecretRef]:
    """Every SecretRef inside a model, keyed by dotted field path."""
    found: dict[str, SecretRef] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, SecretRef):
            found[path] = value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name), f"{path}.{name}" if path else name)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(model, prefix)
    return found


def redact(text: str) -> str:
    """Mask every secret value resolved in this process."""
    for value in sorted(_resolved, key=len, reverse=True):
        text = text.replace(value, "******")
    return text


def cmd_variables(text: str) -> set[str]:
    """Names of `%VAR%` expansions in cmd text."""
    return set(re.findall(r"%([A-Za-z_][A-Za-z0-9_]*)%", text))
