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
from .scripts.cmd import ScriptHeader, SecretPrompt, cmd_script
from .scripts.plan import HostStage, plan_stage
from .secrets import secret_fields

RUN_ALL = "run-all.cmd"


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

    def script_name(self, stage: Stage) -> str:
        return f"{stage.slug}.cmd"

    @cached_property
    def scripts(self) -> dict[str, str]:
        """`<host>/<NN-stage>.cmd` and `<host>/run-all.cmd` -> batch text."""
        files: dict[str, str] = {}
        prompts = secret_prompts(self.environment)
        for host in self.hosts:
            parts = [h for r in self.stages for h in r.hosts if h.host == host]
            page = f"the pages of site {self.environment.name} on the runbook site"
            header = ScriptHeader(self.environment.runbook.title, self.environment.name, host, page)
            for part in parts:
                files[f"{host}/{self.script_name(part.stage)}"] = cmd_script(header, [part], prompts)
            files[f"{host}/{RUN_ALL}"] = cmd_script(header, parts, prompts)
        return files



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
