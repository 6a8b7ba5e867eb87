"""An environment's parameters as Markdown tables, described by the model's own docstrings."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface
from typing import Any

from pydantic import BaseModel

from ..params import EnvironmentBase
from ..secrets import SecretRef
from .markdown import cell


_HIDDEN = {"runbook", "title", "group"}


def parameters_markdown(params: EnvironmentBase) -> str:
    out = []
    for name, field in type(params).model_fields.items():
        if name in _HIDDEN or field.exclude:
            continue
        value = getattr(params, name)
        title = name.replace("_", " ").capitalize()
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                label = getattr(item, "name", "")
                out += [f"## {title} {i + 1}{': ' + label if label else ''}", "", _table(item, f"{name}[{i}]")]
        else:
            out += [f"## {title}", ""]
            if field.description:
                out += [field.description, ""]
            out.append(_table(value, name) if isinstance(value, BaseModel) else _table_row_only(name, value))
    return "\n".join(out)


def _table(model: BaseModel, prefix: str) -> str:
    rows = ["| Parameter | Value | Meaning |", "|---|---|---|"]
    for path, value, doc in _leaves(model, prefix):
        rows.append(f"| `{path}` | {_show(value)} | {cell(doc)} |")
    return "\n".join(rows) + "\n"


def _table_row_only(name: str, value: Any) -> str:
    return f"| Parameter | Value |\n|---|---|\n| `{name}` | {_show(value)} |\n"


def _leaves(model: BaseModel, prefix: str):
    for name, field in type(model).model_fields.items():
        if field.exclude:
            continue
        value, path = getattr(model, name), f"{prefix}.{name}"
        if isinstance(value, SecretRef) or not isinstance(value, (BaseModel, list)):
            yield path, value, field.description or ""
        elif isinstance(value, BaseModel):
            yield from _leaves(value, path)
        elif value and isinstance(value[0], BaseModel):
            for i, item in enumerate(value):
                yield from _leaves(item, f"{path}[{i}]")
        else:
            yield path, value, field.description or ""


def _show(value: Any) -> str:
    if isinstance(value, SecretRef):
        return f"secret from `{value.env}`, read at run time"
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value) or "none"
    if isinstance(value, (IPv4Address, IPv4Interface)):
        return f"`{value}`"
    return cell(str(value))
