"""The pages of one site (environment): its parameters, its stages, its scripts.

Each is a template under `templates/`; this module gathers what the template shows.
"""

from __future__ import annotations

from ..acceptance.results import StageResult
from ..features import Feature
from ..outputs import RenderedEnvironment, RenderedStage, secret_prompts
from ..scripts.runorder import run_order
from .parameters import parameter_sections
from .states import stage_state
from .templating import render_page


def stage_page(site: RenderedEnvironment, rendered: RenderedStage, feature: Feature, feature_shown: str,
               result: StageResult | None) -> str:
    env, stage = site.environment, rendered.stage
    outcomes = {s.name: s for s in (result.scenarios if result else [])}
    return render_page("stage.md.j2", env=env, stage=stage, platform=platform_of(env), result=result,
                       state=stage_state(site, stage.id, result),
                       body=rendered.page.markdown.strip(), parts=rendered.hosts,
                       script_names={part.host: site.script_name(stage, part.host) for part in rendered.hosts},
                       feature=feature, feature_shown=feature_shown, outcomes=outcomes,
                       environment_file=_from_project(env, env.path))


def site_index(site: RenderedEnvironment, results: dict[str, StageResult | None]) -> str:
    env = site.environment
    model_file = env.runbook.directory / env.runbook.spec.model.split(":")[0]
    return render_page("site.md.j2", env=env, site=site, results=results, parameters=parameter_sections(env.params),
                       model_file=_from_project(env, model_file), environment_file=_from_project(env, env.path))


def scripts_page(site: RenderedEnvironment) -> str:
    steps_of = {host: sum(len(h.steps) for r in site.stages for h in r.hosts if h.host == host) for host in site.hosts}
    languages = {site.language(r.stage, h.host): None for r in site.stages for h in r.hosts}
    plan = run_order(site)
    # The /host: example names a host whose scripts restart it (it may still have its old name).
    example = next((run.host for run in plan if run.restarts), plan[0].host if plan else "NODE1")
    return render_page("scripts.md.j2", env=site.environment, site=site, prompts=secret_prompts(site.environment),
                       steps_of=steps_of, plan=plan, example_host=example,
                       powershell=any(run.script.endswith(".ps1") for run in plan),
                       unconfirmed=[item for lang in languages for item in lang.unconfirmed])


def platform_of(env) -> str:
    return env.params.platform


def _from_project(env, path) -> str:
    """A path as the project shows it (runbooks/<id>/ sits two levels under the project)."""
    root = env.runbook.directory.parents[1]
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
