"""An environment's parameters as table sections, described by the model's own docstrings."""

from __future__ import annotations

from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Interface
from typing import Any

from pydantic import BaseModel

from ..params import EnvironmentBase
from ..secrets import SecretRef

_HIDDEN = {"runbook", "title", "group"}


@dataclass
class Row:
    path: str
    value: Any
    doc: str = ""

    @property
    def kind(self) -> str:
        if isinstance(self.value, SecretRef):
            return "secret"
        if isinstance(self.value, (IPv4Address, IPv4Interface)):
            return "address"
        return "text"


@dataclass
class Section:
    title: str
    description: str = ""
    single: bool = False          # one value, no Meaning column
    rows: list[Row] = field(default_factory=list)


def parameter_sections(params: EnvironmentBase) -> list[Section]:
    sections = []
    for name, info in type(params).model_fields.items():
        if name in _HIDDEN or info.exclude:
            continue
        value = getattr(params, name)
        title = name.replace("_", " ").capitalize()
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                label = getattr(item, "name", "")
                sections.append(Section(f"{title} {i + 1}{': ' + label if label else ''}",
                                        rows=list(_rows(item, f"{name}[{i}]"))))
        elif isinstance(value, BaseModel):
            sections.append(Section(title, info.description or "", rows=list(_rows(value, name))))
        else:
            sections.append(Section(title, info.description or "", single=True, rows=[Row(name, _shown(value))]))
    return sections


def _rows(model: BaseModel, prefix: str):
    for name, info in type(model).model_fields.items():
        if info.exclude:
            continue
        value, path = getattr(model, name), f"{prefix}.{name}"
        if isinstance(value, BaseModel) and not isinstance(value, SecretRef):
            yield from _rows(value, path)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                yield from _rows(item, f"{path}[{i}]")
        else:
            yield Row(path, _shown(value), info.description or "")


def _shown(value: Any) -> Any:
    """Plain values as text; secrets and addresses keep their type (the template shows them)."""
    if isinstance(value, (SecretRef, IPv4Address, IPv4Interface)):
        return value
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(_shown(v)) for v in value) or "none"
    return value
