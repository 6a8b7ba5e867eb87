"""The pages of one site (environment): its parameters, its stages, its scripts."""

from __future__ import annotations

from ..acceptance.results import StageResult
from ..features import Feature
from ..outputs import RUN_ALL, RenderedEnvironment, RenderedStage, secret_prompts
from . import layout
from .criteria import criteria_section, result_admonition, status_badge
from .markdown import front_matter
from .parameters import parameters_markdown


LEGEND = (
    '!!! tip "How to read the command blocks"\n'
    "    A block titled **HOST · check** tells whether a step is already done on that host: it succeeds "
    "when it is. A block titled **HOST · run** makes the change. The stage's scripts run exactly these "
    "blocks, in this order, and skip a step whose checks succeed, so running them twice changes nothing. "
    "A step with only check blocks is a prerequisite: the script stops there when it does not hold.\n"
)


def stage_page(site: RenderedEnvironment, rendered: RenderedStage, feature: Feature, feature_shown: str,
               result: StageResult | None) -> str:
    env, stage = site.environment, rendered.stage
    title = f"{stage.number}. {stage.title}"
    out = [front_matter(title, description=f"{stage.title} for {env.title}", rendered_from=stage.source,
                        environment_file=_from_project(env, env.path)),
           f"# {title}", "",
           f"**{env.title}** · {env.params.platform if hasattr(env.params, 'platform') else ''} · "
           f"acceptance {status_badge(result)}", ""]
    if stage.summary:
        out += [f"*{stage.summary}*", ""]
    out += [result_admonition(result), LEGEND, rendered.page.markdown.strip(), "", _stage_scripts(site, rendered),
            criteria_section(feature, feature_shown, result)]
    return "\n".join(out)


def _stage_scripts(site: RenderedEnvironment, rendered: RenderedStage) -> str:
    if not rendered.hosts:
        return "## Scripts\n\nThis stage has no commands to run.\n"
    out = ["## Scripts", "", "The blocks above, per host, as batch files:", ""]
    for part in rendered.hosts:
        name = site.script_name(rendered.stage)
        out.append(f"- **{part.host}**: [{name}]({layout.script_file(part.host, name)}) "
                   f"({len(part.steps)} step{'s' if len(part.steps) != 1 else ''})")
    return "\n".join(out) + "\n"


def site_index(site: RenderedEnvironment, results: dict[str, StageResult | None]) -> str:
    env = site.environment
    model_file = env.runbook.directory / env.runbook.spec.model.split(":")[0]
    out = [front_matter(env.title, rendered_from=_from_project(env, model_file),
                        environment_file=_from_project(env, env.path)), f"# {env.title}", "",
           f"Site **{env.name}** of *{env.runbook.title}*, from `environments/{env.path.name}`.", "",
           "## Stages", "", "| Stage | Hosts | Acceptance |", "|---|---|---|"]
    for rendered in site.stages:
        stage = rendered.stage
        hosts = ", ".join(h.host for h in rendered.hosts) or "none"
        out.append(f"| [{stage.number}. {stage.title}]({layout.stage_file(stage)}) | {hosts} | "
                   f"{status_badge(results.get(stage.id))} |")
    out += ["", "Scripts for every host: [Scripts](scripts.md).", "", "# Parameters", "",
            parameters_markdown(env.params)]
    return "\n".join(out)


def scripts_page(site: RenderedEnvironment) -> str:
    env = site.environment
    out = [front_matter(f"Scripts: {env.title}"), f"# Scripts for {env.title}", "",
           "Each script holds the commands its stage page shows for that host, in the same order, with a "
           "check before every change. It stops at the first failing command and names the step; run it "
           "again after fixing the cause. A second run changes nothing.", ""]
    prompts = secret_prompts(env)
    if prompts:
        out += ["## Secrets", "", "Scripts read these at run time: from the environment variable if it is set, "
                "else they ask. No file holds their values.", "", "| Variable | What |", "|---|---|"]
        out += [f"| `{p.variable}` | {p.label} |" for p in prompts]
        out.append("")
    out += ["## Run them", "",
            "- **By hand:** copy a host's folder to the host, open a command prompt as a domain administrator "
            "and run the stage scripts in order (or `run-all.cmd`), for example `02-network-settings.cmd`.",
            f"- **With the tool:** `runbook apply environments/{env.path.name} --target winrm://USER@{{host}}` "
            "uploads and runs them host by host, stage by stage, and reports what changed.", ""]
    for host in site.hosts:
        out += [f"## {host}", "", "| Stage | Script | Steps |", "|---|---|---|"]
        for rendered in site.stages:
            part = next((h for h in rendered.hosts if h.host == host), None)
            if part:
                name = site.script_name(rendered.stage)
                out.append(f"| [{rendered.stage.number}. {rendered.stage.title}]({layout.stage_file(rendered.stage)}) "
                           f"| [{name}]({layout.script_file(host, name)}) | {len(part.steps)} |")
        out += [f"| All stages | [{RUN_ALL}]({layout.script_file(host, RUN_ALL)}) | "
                f"{sum(len(h.steps) for r in site.stages for h in r.hosts if h.host == host)} |", ""]
    return "\n".join(out)


def _from_project(env, path) -> str:
    """A path as the project shows it (runbooks/<id>/ sits two levels under the project)."""
    root = env.runbook.directory.parents[1]
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
