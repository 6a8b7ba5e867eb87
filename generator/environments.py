"""Environment files: YAML -> the runbook's pydantic model, with located errors.

Every problem in every file given is collected before anything fails, and each names
`file:line: dotted.field: message`. Field-level problems come from pydantic; once a file
is well-formed, the model's cross-field rules (`problems()`) run too.
"""

from __future__ import annotations

import difflib
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from pydantic import BaseModel, TypeAdapter, ValidationError

from .errors import ConfigError, ContentError, Problem, dotted
from .params import EnvironmentBase, Violation
from .project import Project
from .runbooks import SLUG, Runbook, load_runbook
from .yamlfile import YamlDocument, load_yaml



@dataclass(frozen=True)
class Environment:
    """A validated environment file."""

    name: str                     # file stem: lab, paris...; used in URLs and lab://NAME
    path: Path
    runbook: Runbook
    params: EnvironmentBase
    lines: Mapping[tuple, int] = field(default_factory=dict, compare=False, repr=False)
    """Line of every field in the file (for problems found after loading)."""

    @property
    def title(self) -> str:
        return self.params.title

    @property
    def group(self) -> str:
        return self.params.group


def load_environments(project: Project, paths: Iterable[Path]) -> list[Environment]:
    """Load and validate every file; raise one ConfigError listing all problems."""
    loaded, shown, problems = [], [], []
    for path in paths:
        name = project.relative(path)                  # resolving a path costs system calls: once per file
        try:
            loaded.append(load_environment(project, Path(path), name))
            shown.append(name)
        except ConfigError as exc:
            problems += exc.problems
    names: dict[str, str] = {}
    for env, name in zip(loaded, shown):
        if env.name in names:
            problems.append(Problem(name, None, "", f"environment name {env.name!r} is already used by {names[env.name]}"))
        names[env.name] = name
    if problems:
        raise ConfigError(problems)
    return loaded


def load_environment(project: Project, path: Path, shown: str | None = None) -> Environment:
    """One file (`shown`: how messages name it, project.relative(path) unless given)."""
    shown = shown or project.relative(path)
    doc = load_yaml(path, shown)
    if doc.start is None:
        raise ConfigError([Problem(shown, None, "", "the file is empty (or only comments); an environment file is "
                                                    "a mapping of fields (runbook:, title:, ...): start from "
                                                    "environments/lab.yaml")])
    if not isinstance(doc.data, dict):
        raise ConfigError([Problem(shown, doc.start, "",
                                   "an environment file is a mapping of fields (runbook:, title:, ...), "
                                   "not a list or a single value")])
    problems = []
    if not re.match(SLUG, path.stem):
        problems.append(Problem(shown, None, "", f"file name {path.stem!r} must be lower-case letters, "
                                                 "digits and hyphens (it names the site in URLs)"))
    runbook = _runbook_of(project, doc)
    data = doc.data
    try:
        params = runbook.model.model_validate(data)
        violations = list(params.problems())
        if params.platform not in runbook.spec.platforms:
            violations.append(Violation(("platform",), f"{params.platform!r} is not a platform of runbook "
                                                       f"{runbook.id} ({', '.join(runbook.spec.platforms)})"))
    except ValidationError as exc:
        problems += [_problem(doc, runbook.model, err) for err in exc.errors()]
        violations = _partial_violations(runbook.model, data)
    problems += [Problem(shown, doc.line_of(v.path), dotted(v.path), v.message) for v in violations]
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: p.line or 0))
    return Environment(path.stem, path, runbook, params, doc.lines)


def _partial_violations(model: type[EnvironmentBase], data: dict) -> list:
    """Cross-field rules on the parts of an invalid file that did validate, so one run reports
    every problem. A rule that needs an invalid part is skipped (it would only repeat it)."""
    partial = _construct(model, data)
    found = []
    for rule in model.rules:
        try:
            found += list(rule(partial))
        except (AttributeError, TypeError, KeyError, IndexError, ValueError):
            continue
    return found


def _construct(model: type[BaseModel], data: Any) -> Any:
    """`model` built field by field from `data`, leaving out what does not validate."""
    if not isinstance(data, dict):
        return None
    values = {}
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        inner = _unwrap(field.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            value = _construct(inner, data[name])
        elif typing.get_origin(inner) is list and _is_model(typing.get_args(inner)[0]) and isinstance(data[name], list):
            value = [_construct(typing.get_args(inner)[0], item) for item in data[name]]
        else:
            annotation = typing.Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
            try:
                value = TypeAdapter(annotation).validate_python(data[name])
            except ValidationError:
                continue
        if value is not None:
            values[name] = value
    return model.model_construct(**values)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _runbook_of(project: Project, doc: YamlDocument) -> Runbook:
    runbook_id = doc.data.get("runbook")
    if not isinstance(runbook_id, str):
        raise ConfigError([Problem(doc.path, doc.line_of(()), "runbook",
                                   "required: the id of the runbook this environment is for")])
    try:
        return load_runbook(project, runbook_id)
    except ContentError as exc:
        raise ConfigError([Problem(doc.path, doc.line_of(("runbook",)), "runbook", str(exc))]) from exc


def _problem(doc: YamlDocument, model: type[BaseModel], err: dict) -> Problem:
    loc = tuple(err["loc"])
    kind, message = err["type"], err["msg"]
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        message = _unknown_field(model, loc)
    elif kind in ("literal_error", "enum") and "expected" in err.get("ctx", {}):
        message = f"must be one of {err['ctx']['expected']}"
    message = message.removeprefix("Value error, ")
    return Problem(doc.path, doc.line_of(loc), dotted(loc), message)


def _unknown_field(model: type[BaseModel], loc: Sequence[str | int]) -> str:
    owner = _model_at(model, loc[:-1])
    if owner is None:
        return "unknown field"
    allowed = [name for name, f in owner.model_fields.items() if not f.exclude]
    name = str(loc[-1])
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    shown = f" {name!r}" if not name.isprintable() or name != name.strip() else ""   # an invisible difference
    return f"unknown field{shown}{hint} (allowed here: {', '.join(allowed)})"


def _model_at(model: Any, loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that a location points into, following fields and list items."""
    current = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Optional[X] / Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation
