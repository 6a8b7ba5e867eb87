"""Render throughput: environments per second for pages + scripts, against bare Jinja.

Both sides render the same stage templates for the same N environments in this run:
- "runbook": load and validate each environment file, render every stage, split the
  executable blocks, plan the steps and assemble every script (what `runbook render` does
  in memory);
- "bare jinja": one jinja2 Environment rendering the same templates with the same
  parameters, nothing else.
The ratio (runbook time / bare time) is the overhead of validation, blocks and scripts.
The two sides alternate, ROUNDS times (default 7): on a machine shared with other work, the
median of the per-round ratios is steadier than either side's best time.

    python bench/bench_render.py [N] [ROUNDS] [--phases]   (default 100 environments, 7 rounds)

--phases adds where the runbook side's time goes (best of the rounds, each phase alone).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.variants import write_variants  # noqa: E402
from generator.environments import load_environments  # noqa: E402
from generator.outputs import RenderedEnvironment, RenderedStage, render_environment  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.rendering.page import parse_page  # noqa: E402
from generator.rendering.templates import findstr_literal, render_stage, stage_context  # noqa: E402
from generator.scripts.plan import plan_stage  # noqa: E402


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(count: int, rounds: int, phases: bool) -> None:
    project = Project(Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_variants(Path(tmp), count)
        envs = load_environments(project, paths)
        runbook = envs[0].runbook
        bare = jinja2.Environment(loader=jinja2.FileSystemLoader(str(runbook.directory)),
                                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        bare.filters.update(findstr=findstr_literal, trusted=str)   # the templates use them
        templates = [bare.get_template(f"stages/{s.id}.md") for s in runbook.stages]

        def ours():
            for env in load_environments(project, paths):
                rendered = render_environment(env)
                assert rendered.scripts

        def plain():
            for env in envs:
                for stage, template in zip(runbook.stages, templates):
                    template.render(stage_context(env, stage))

        ours()      # warm caches (imports, template compilation) on both sides
        plain()
        times = [(timed(plain), timed(ours)) for _ in range(rounds)]
        if phases:
            spent = _phases(project, paths, rounds)
    t_bare = min(b for b, _ in times)
    t_ours = min(o for _, o in times)
    ratios = [o / b for b, o in times]
    print(f"environments: {count}, rounds: {rounds}")
    print(f"runbook render (validate + pages + scripts): {t_ours:.3f} s = {count / t_ours:.1f} env/s (best)")
    print(f"bare jinja (same templates):                {t_bare:.3f} s = {count / t_bare:.1f} env/s (best)")
    print(f"ratio runbook/bare: median {statistics.median(ratios):.2f} "
          f"(rounds: {', '.join(f'{r:.2f}' for r in sorted(ratios))}); of the best times {t_ours / t_bare:.2f}")
    if phases:
        for name, seconds in spent.items():
            print(f"  {name:<44}{seconds * 1000:8.1f} ms")


def _phases(project: Project, paths: list[Path], rounds: int) -> dict[str, float]:
    """Each phase of the runbook side alone, on inputs the phase before made (best of the rounds)."""
    envs = load_environments(project, paths)
    stages = envs[0].runbook.stages
    texts = [[render_stage(env, stage) for stage in stages] for env in envs]
    pages = [[parse_page(text, f"{s.source} ({env.name})", slots) for s, (text, slots) in zip(stages, row)]
             for env, row in zip(envs, texts)]
    planned = [tuple(RenderedStage(s, page, tuple(plan_stage(s, page, s.source))) for s, page in zip(stages, row))
               for row in pages]
    work = {
        "load and validate environments": lambda: load_environments(project, paths),
        "render templates (Jinja, values in slots)": lambda: [render_stage(e, s) for e in envs for s in stages],
        "parse pages (values escaped, blocks)": lambda: [
            parse_page(text, f"{s.source} ({env.name})", slots)
            for env, row in zip(envs, texts) for s, (text, slots) in zip(stages, row)],
        "plan steps": lambda: [plan_stage(s, page, s.source) for row in pages for s, page in zip(stages, row)],
        "assemble scripts": lambda: [RenderedEnvironment(env, row).scripts for env, row in zip(envs, planned)],
    }
    return {name: min(timed(run) for _ in range(rounds)) for name, run in work.items()}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 100, int(args[1]) if len(args) > 1 else 7, "--phases" in sys.argv)
