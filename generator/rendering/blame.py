"""Which field of an environment file a refused value came from.

A page only sees values, not fields; when one cannot be written safely where a template
put it, the user needs `file:line: field: message` to fix their file. The value is found
among the environment's fields by its text (a derived value, such as a name escaped for
findstr, contains its field's text).
"""

from __future__ import annotations

from typing import Any, Iterator

from pydantic import BaseModel

from ..environments import Environment
from ..errors import ConfigError, ContentError, GeneratorError, Problem, dotted
from .escaping import UnsafeValue


def unsafe_value_problem(environment: Environment, exc: UnsafeValue) -> GeneratorError:
    if exc.template:
        return ContentError(str(exc))
    path = _field_of(environment.params, str(exc.value))
    shown = _shown(environment)
    where = exc.where
    message = f"{exc.reason}" + (f" (where {where} puts it)" if where else "")
    if path is None:
        return ConfigError([Problem(shown, None, "", f"{exc}")])
    line = _line(environment, path)
    value = _value_at(environment.params, path)
    if str(value) != str(exc.value):             # the template built a longer text around the value
        message = f"as {exc}"
        message += f" (where {where} puts it)" if where else ""
    return ConfigError([Problem(shown, line, dotted(path), message)])


def _value_at(params: BaseModel, path: tuple) -> Any:
    value: Any = params
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part)
    return value


def _field_of(params: BaseModel, text: str) -> tuple | None:
    """The field whose value is `text`, else the one with the longest value inside it."""
    best: tuple | None = None
    best_length = 0
    for path, value in _leaves(params, ()):
        value = str(value)
        if value == text:
            return path
        if len(value) >= 3 and value in text and len(value) > best_length:
            best, best_length = path, len(value)
    return best


def _leaves(value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            if not info.exclude:
                yield from _leaves(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))
    elif value is not None:
        yield path, value


def _line(environment: Environment, path: tuple) -> int | None:
    loc = tuple(path)
    while loc and loc not in environment.lines:
        loc = loc[:-1]
    return environment.lines.get(loc)


def _shown(environment: Environment) -> str:
    """The file as messages name it: relative to the project (runbooks/<id>/ is two levels down)."""
    root = environment.runbook.directory.parents[1].resolve()
    try:
        return environment.path.resolve().relative_to(root).as_posix()
    except ValueError:
        return environment.path.as_posix()
