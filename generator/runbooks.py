"""A runbook: an ordered list of stages plus the parameter model its environments follow.

    runbooks/<id>/runbook.yaml      title, summary, model, platforms, stages (ordered)
    runbooks/<id>/model.py          pydantic model of an environment (see generator.params)
    runbooks/<id>/lab.py            optional: its embedded lab (see generator.labs.contract)
    runbooks/<id>/stages/<stage>.md Markdown + Jinja, one per stage
    features/<id>/<stage>.feature   the stage's acceptance criteria
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import traceback
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from types import ModuleType
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from .errors import ConfigError, ContentError, Problem, dotted
from .params import EnvironmentBase
from .project import Project
from .yamlfile import load_yaml

SLUG = r"^[a-z0-9][a-z0-9-]*$"      # runbook, stage and site names: they appear in paths and URLs


class StageSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=SLUG)
    title: str
    summary: str = ""


class LanguageSpec(BaseModel):
    """What a block language's scripts need from the runbook (`languages: {powershell: ...}`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    snapins: list[str] = Field(default_factory=list)
    """PowerShell snap-ins every powershell script of the runbook loads (and fails without)."""

    @field_validator("snapins")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        bad = [name for name in names if not re.match(SNAPIN, name)]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a snap-in name (a letter, then letters, digits, '.' and '_')")
        return names


SNAPIN = r"^[A-Za-z][A-Za-z0-9._]{0,127}$"


class RunbookSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    summary: str = ""
    model: str = Field(pattern=r"^[\w./-]+\.py:\w+$")
    lab: str | None = Field(default=None, pattern=r"^[\w./-]+\.py$")
    platforms: list[str] = Field(min_length=1)
    """Platforms an environment may declare (its `platform` field); a feature's tag @<platform>
    (hyphens as underscores) limits a scenario to one."""
    probes: list[str] = Field(default_factory=list)
    """The probes its verification may send, `package.module:Class` or `file.py:Class` in the
    runbook's folder: together they are the allow-list of read-only verification."""
    steps: str = "steps"
    """Folder (in the runbook's folder) of the step vocabularies its features use."""
    languages: dict[Literal["powershell"], LanguageSpec] = Field(default_factory=dict)
    """Settings of block languages for this runbook's scripts (the engine knows no product)."""
    stages: list[StageSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Stage:
    runbook_id: str
    id: str
    title: str
    summary: str
    number: int                       # 1-based position in the runbook
    template: Path
    feature: Path

    @property
    def source(self) -> str:
        """The template as messages show it: runbooks/<id>/stages/<stage>.md."""
        return f"runbooks/{self.runbook_id}/stages/{self.id}.md"

    @property
    def slug(self) -> str:
        """File stem used for pages and scripts: `02-network-settings`."""
        return f"{self.number:02d}-{self.id}"


@dataclass(frozen=True)
class Runbook:
    id: str
    directory: Path
    spec: RunbookSpec
    stages: tuple[Stage, ...] = field(default=())

    @property
    def title(self) -> str:
        return self.spec.title

    @cached_property
    def sources(self) -> dict[str, "Source"]:
        """`sources.yaml`: citation id ("S6") -> title and url, for the ids its pages cite."""
        return _optional(self.directory / "sources.yaml", dict[str, Source], {})

    @cached_property
    def unconfirmed(self) -> list["Unconfirmed"]:
        """`unconfirmed.yaml`: what the runbook relies on that no source confirms."""
        return _optional(self.directory / "unconfirmed.yaml", list[Unconfirmed], [])

    @cached_property
    def model(self) -> type[EnvironmentBase]:
        return _import_model(self.directory, self.spec.model, self.id)

    @cached_property
    def probes(self) -> tuple[type, ...]:
        """The probe classes of `probes:` (each answers `allows(command_line)`)."""
        return tuple(_import_class(self.directory, ref, self.id, "probes") for ref in self.spec.probes)

    def allows(self, command_line: str) -> bool:
        """Whether read-only verification may send `command_line`: one of the runbook's probes sends it."""
        return any(probe.allows(command_line) for probe in self.probes)

    @property
    def steps_dir(self) -> Path:
        return self.directory / self.spec.steps

    @property
    def platform_tags(self) -> dict[str, str]:
        """Feature tag -> platform: `windows_2003` -> `windows-2003`."""
        return {platform.replace("-", "_"): platform for platform in self.spec.platforms}

    @cached_property
    def lab(self) -> ModuleType | None:
        """The runbook's lab module (`lab: lab.py`, a generator.labs.contract.LabModule), or None."""
        return _import_lab(self.directory, self.spec.lab, self.id) if self.spec.lab else None

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        known = ", ".join(s.id for s in self.stages)
        raise ContentError(f"runbook {self.id} has no stage {stage_id!r} (stages: {known})")


@lru_cache(maxsize=None)
def load_runbook(project: Project, runbook_id: str) -> Runbook:
    """A runbook by id (cached: every environment of a run shares one Runbook)."""
    directory = project.runbooks_dir / runbook_id
    spec_file = directory / "runbook.yaml"
    if not re.match(SLUG, runbook_id) or not os.path.isfile(spec_file):   # False, not OSError, for a name too long
        known = ", ".join(r.name for r in sorted(project.runbooks_dir.glob("*/runbook.yaml")))
        raise ContentError(f"no runbook {runbook_id!r} (runbooks/<id>/runbook.yaml); known: {known or 'none'}")
    doc = load_yaml(spec_file, project.relative(spec_file))
    try:
        spec = RunbookSpec.model_validate(doc.data)
    except ValidationError as exc:
        raise ConfigError(Problem(doc.path, doc.line_of(e["loc"]), dotted(e["loc"]), e["msg"])
                          for e in exc.errors()) from exc
    stages = tuple(
        Stage(runbook_id, s.id, s.title, s.summary, n, directory / "stages" / f"{s.id}.md",
              project.features_dir / runbook_id / f"{s.id}.feature")
        for n, s in enumerate(spec.stages, start=1))
    return Runbook(runbook_id, directory, spec, stages)


def forget_runbooks() -> None:
    """Read runbook.yaml, model.py and lab.py again on next use (a long-running `serve`)."""
    load_runbook.cache_clear()
    for name in [n for n in sys.modules if n.startswith(PACKAGE_PREFIX)]:
        del sys.modules[name]


def all_runbooks(project: Project) -> list[Runbook]:
    return [load_runbook(project, p.parent.name) for p in sorted(project.runbooks_dir.glob("*/runbook.yaml"))]


def _line_in(exc: BaseException, path: Path) -> int | None:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
    return frames[-1].lineno if frames else None


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    url: str | None = None


class Unconfirmed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    what: str
    stage: str = ""
    basis: str = ""


def _optional(path: Path, shape, empty):
    """An optional YAML file of the runbook, validated (file:line: field: message on error)."""
    if not path.is_file():
        return empty
    doc = load_yaml(path, f"runbooks/{path.parent.name}/{path.name}")
    try:
        return TypeAdapter(shape).validate_python(doc.data or empty)
    except ValidationError as exc:
        raise ConfigError(Problem(doc.path, doc.line_of(e["loc"]), dotted(e["loc"]), e["msg"])
                          for e in exc.errors()) from exc


PACKAGE_PREFIX = "runbook_"


def runbook_package(runbook_id: str, directory: Path) -> str:
    """`runbook_<id>`: the runbook's folder as a package, so its Python files (model.py, lab.py,
    probes.py, steps/) import each other as a package does (`from ..probes import X`)."""
    name = PACKAGE_PREFIX + runbook_id.replace("-", "_")
    if name not in sys.modules:
        package = ModuleType(name)
        package.__path__ = [str(directory)]
        package.__file__ = str(directory / "__init__.py")
        sys.modules[name] = package
    return name


def _module_name(runbook_id: str, directory: Path, file_name: str) -> str:
    return f"{runbook_package(runbook_id, directory)}.{Path(file_name).with_suffix('').as_posix().replace('/', '.')}"


def _import_class(directory: Path, ref: str, runbook_id: str, what: str) -> type:
    """`package.module:Class` (installed) or `file.py:Class` (in the runbook's folder)."""
    module_ref, _, class_name = ref.partition(":")
    if module_ref.endswith(".py"):
        module = _import_file(directory / module_ref, _module_name(runbook_id, directory, module_ref), what)
    else:
        try:
            module = importlib.import_module(module_ref)
        except ImportError as exc:
            raise ContentError(f"runbooks/{runbook_id}/runbook.yaml: {what}: cannot import {module_ref}: {exc}") from exc
    found = getattr(module, class_name, None)
    if not isinstance(found, type):
        raise ContentError(f"runbooks/{runbook_id}/runbook.yaml: {what}: {module_ref} has no class {class_name!r}")
    return found


def _import_model(directory: Path, ref: str, runbook_id: str) -> type[EnvironmentBase]:
    file_name, class_name = ref.split(":")
    path = directory / file_name
    module = _import_file(path, _module_name(runbook_id, directory, file_name), "the parameter model")
    model = getattr(module, class_name, None)
    if not (isinstance(model, type) and issubclass(model, EnvironmentBase)):
        raise ContentError(f"{path}: {class_name} is not a subclass of generator.params.EnvironmentBase")
    return model


LAB_FUNCTIONS = ("open_lab", "accounts", "fidelity")


def _import_lab(directory: Path, file_name: str, runbook_id: str) -> ModuleType:
    path = directory / file_name
    module = _import_file(path, _module_name(runbook_id, directory, file_name), "the runbook's lab")
    missing = [name for name in LAB_FUNCTIONS if not callable(getattr(module, name, None))]
    if missing or not isinstance(getattr(module, "errors", None), tuple):
        raise ContentError(f"{path}: a lab module defines {', '.join(LAB_FUNCTIONS)} and `errors` "
                           f"(generator.labs.contract.LabModule); missing: {', '.join(missing) or 'errors'}")
    return module


def _import_file(path: Path, module_name: str, what: str) -> ModuleType:
    """A Python file of the runbook, imported once as `module_name`; ContentError (file:line) when broken."""
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ContentError(f"{path}: cannot load {what}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except FileNotFoundError as exc:
        del sys.modules[module_name]
        raise ContentError(f"{path}: {what} is missing") from exc
    except Exception as exc:        # a broken file is runbook content: report it, file and line
        del sys.modules[module_name]
        line = getattr(exc, "lineno", None) or _line_in(exc, path)
        raise ContentError(f"{path}{f':{line}' if line else ''}: cannot load {what}: "
                           f"{type(exc).__name__}: {exc}") from exc
    return module
