"""Everything one environment renders to: stage pages and the scripts taken from them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .environments import Environment
from .rendering.blame import unsafe_value_problem
from .rendering.blocks import Page
from .rendering.escaping import UnsafeValue
from .rendering.page import parse_page
from .rendering.templates import render_stage
from .runbooks import Stage
from .errors import ContentError
from .languages import Language, language
from .scripts.header import ScriptHeader, SecretPrompt
from .scripts.plan import HostStage, plan_stage
from .secrets import secret_fields

RUN_ALL = "run-all.cmd"            # per host: every stage in order (a stage in another language: its script started)


@dataclass(frozen=True)
class RenderedStage:
    stage: Stage
    page: Page
    hosts: tuple[HostStage, ...]


@dataclass(frozen=True)
class RenderedEnvironment:
    environment: Environment
    stages: tuple[RenderedStage, ...]

    @cached_property
    def hosts(self) -> list[str]:
        """Hosts that run something, in the order the runbook first needs them."""
        seen: list[str] = []
        for rendered in self.stages:
            seen += [h.host for h in rendered.hosts if h.host not in seen]
        return seen

    def language(self, stage: Stage, host: str | None = None) -> Language:
        """The script language of the stage on `host` (its blocks', one per host and stage), or on
        its first host."""
        rendered = next(r for r in self.stages if r.stage == stage)
        part = next((h for h in rendered.hosts if host is None or h.host == host), None)
        return _language(part.language if part else "cmd")

    def script_name(self, stage: Stage, host: str | None = None) -> str:
        """`02-network-settings.cmd`: the stage's script on `host` (or on its first host)."""
        return self.language(stage, host).script(stage.slug)

    def run_all(self, host: str) -> list[str]:
        """The host's script of every stage: `run-all.cmd`."""
        return [RUN_ALL] if any(h.host == host for r in self.stages for h in r.hosts) else []

    @cached_property
    def scripts(self) -> dict[str, str]:
        """`<host>/<NN-stage>.cmd` (or `.ps1`) and `<host>/run-all.cmd` -> script text."""
        files: dict[str, str] = {}
        prompts = secret_prompts(self.environment)
        aliases = self.environment.params.host_aliases()
        languages = self.environment.runbook.spec.languages
        page = f"the pages of site {self.environment.name} on the runbook site"
        for host in self.hosts:
            parts = [h for r in self.stages for h in r.hosts if h.host == host]
            for part in parts:      # a part's language is its blocks' (one per host and stage): self.script_name
                language = _language(part.language)
                settings = languages.get(language.name)
                header = ScriptHeader(self.environment.runbook.title, self.environment.name, host, page,
                                      aliases.get(host, ()), tuple(settings.snapins) if settings else ())
                files[f"{host}/{language.script(part.stage.slug)}"] = language.assemble(header, [part], prompts)
            header = ScriptHeader(self.environment.runbook.title, self.environment.name, host, page,
                                  aliases.get(host, ()))
            # run-all.cmd: cmd's assembler starts each stage of another language by its own script
            files[f"{host}/{RUN_ALL}"] = _language("cmd").assemble(header, parts, prompts)
        return files


def _language(name: str) -> Language:
    found = language(name)
    if found is None:                   # the page parser refuses such blocks before they get here
        raise ContentError(f"no script assembler handles `{name}` blocks")
    return found



def render_environment(environment: Environment) -> RenderedEnvironment:
    rendered = []
    for stage in environment.runbook.stages:
        source = stage.source
        text, slots = render_stage(environment, stage)
        try:
            page = parse_page(text, f"{source} ({environment.name})", slots)
        except UnsafeValue as exc:
            raise unsafe_value_problem(environment, exc) from exc
        rendered.append(RenderedStage(stage, page, tuple(plan_stage(stage, page, source))))
    return RenderedEnvironment(environment, tuple(rendered))


def secret_prompts(environment: Environment) -> list[SecretPrompt]:
    """One prompt per variable, labelled with the account it belongs to when there is one."""
    prompts: dict[str, SecretPrompt] = {}
    for field in secret_fields(environment.params):
        prompts.setdefault(field.ref.env, SecretPrompt(field.ref.env, field.label))
    return list(prompts.values())
