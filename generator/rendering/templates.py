"""The Jinja environment for every template, and template errors that name file and line.

StrictUndefined makes any missing parameter an error instead of an empty string, so a
page can never silently lose a value its script needs (mkdocs-macros #153). Every `{{ }}`
writes a slot, never the value itself (`rendering.slots`): the page parser escapes each
value for the context it lands in.
"""

from __future__ import annotations

import re
import traceback
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import StrictUndefined

from ..environments import Environment
from ..errors import TemplateError
from ..runbooks import Runbook, Stage
from .slots import Slots, collecting, finalize, trusted


def findstr_literal(value: object) -> str:
    """Escape text for a `findstr /r` pattern (its metacharacters: . * ^ $ [ ] \\)."""
    return re.sub(r'([.*^$\[\]\\])', r"\\\1", str(value))


def safe_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """A Jinja environment whose every output expression becomes a slot (`| trusted` aside)."""
    env = jinja2.Environment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,              # output is Markdown and cmd, escaped per context by the page parser
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(findstr=findstr_literal, trusted=trusted)
    return env


@lru_cache(maxsize=None)
def jinja_for(directory: Path) -> jinja2.Environment:
    return safe_environment(jinja2.FileSystemLoader(str(directory)))


def stage_context(environment: Environment, stage: Stage) -> dict:
    params = environment.params
    context = {name: getattr(params, name) for name in type(params).model_fields}
    context.update(env=params, environment=environment, stage=stage, runbook=environment.runbook)
    return context


def render_stage(environment: Environment, stage: Stage) -> tuple[str, Slots]:
    """The stage template rendered for one environment (Markdown with executable blocks), and
    the values its slots hold."""
    runbook = environment.runbook
    name = _template_name(stage.template, runbook.directory)
    try:
        template = jinja_for(runbook.directory).get_template(name)
        with collecting() as slots:
            return template.render(stage_context(environment, stage)), slots
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_shown(runbook, exc.filename or name), exc.lineno, exc.message or "syntax error",
                            exc.source.splitlines()[exc.lineno - 1] if exc.source and exc.lineno else "") from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(_shown(runbook, name), None, f"template not found: {exc.name}") from exc
    except jinja2.TemplateError as exc:
        file, line = _template_frame(exc, runbook, name)
        raise TemplateError(file, line, f"{exc} (environment {environment.name})", _line_of(runbook, file, line)) from exc


@lru_cache(maxsize=1024)            # every site renders the same stage templates
def _template_name(template: Path, directory: Path) -> str:
    return template.relative_to(directory).as_posix()


def _template_frame(exc: BaseException, runbook: Runbook, default: str) -> tuple[str, int | None]:
    """Jinja rewrites tracebacks so template frames carry the template's file and line."""
    root = str(runbook.directory)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith(root):
            return _shown(runbook, frame.filename), frame.lineno
    return _shown(runbook, default), None


def _shown(runbook: Runbook, name: str) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = runbook.directory / name
    return f"runbooks/{runbook.id}/{path.relative_to(runbook.directory).as_posix()}"


def _line_of(runbook: Runbook, shown: str, line: int | None) -> str:
    if not line:
        return ""
    path = runbook.directory / shown.split("/", 2)[2]
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""
