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

RUN_ALL = "run-all"                # per host and language: run-all.cmd holds every cmd stage of the host


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

    def language(self, stage: Stage) -> Language:
        """The stage's script language (its blocks', one per stage)."""
        rendered = next(r for r in self.stages if r.stage == stage)
        return _language(rendered.hosts[0].language if rendered.hosts else "cmd")

    def script_name(self, stage: Stage) -> str:
        """`02-network-settings.cmd`: the stage's script on each of its hosts."""
        return self.language(stage).script(stage.slug)

    def run_all(self, host: str) -> list[str]:
        """The host's scripts of every stage, one per language: `run-all.cmd`."""
        languages = {h.language: None for r in self.stages for h in r.hosts if h.host == host}
        return [_language(name).script(RUN_ALL) for name in languages]

    @cached_property
    def scripts(self) -> dict[str, str]:
        """`<host>/<NN-stage>.cmd` and `<host>/run-all.cmd` -> script text."""
        files: dict[str, str] = {}
        prompts = secret_prompts(self.environment)
        aliases = self.environment.params.host_aliases()
        page = f"the pages of site {self.environment.name} on the runbook site"
        for host in self.hosts:
            parts = [h for r in self.stages for h in r.hosts if h.host == host]
            header = ScriptHeader(self.environment.runbook.title, self.environment.name, host, page,
                                  aliases.get(host, ()))
            for part in parts:      # a part's language is its stage's (one per stage): self.script_name
                language = _language(part.language)
                files[f"{host}/{language.script(part.stage.slug)}"] = language.assemble(header, [part], prompts)
            for name in {p.language: None for p in parts}:
                language = _language(name)
                same = [p for p in parts if p.language == name]
                files[f"{host}/{language.script(RUN_ALL)}"] = language.assemble(header, same, prompts)
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
