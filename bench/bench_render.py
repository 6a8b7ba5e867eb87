"""Render throughput: environments per second for pages + scripts, against bare Jinja.

Both sides render the same stage templates for the same N environments in this run:
- "runbook": load and validate each environment file, render every stage, split the
  executable blocks, plan the steps and assemble every script (what `runbook render` does
  in memory);
- "bare jinja": one jinja2 Environment rendering the same templates with the same
  parameters, nothing else.
The ratio (runbook time / bare time) is the overhead of validation, blocks and scripts.

    python bench/bench_render.py [N]      (default 100)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import jinja2

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.variants import write_variants  # noqa: E402
from generator.environments import load_environments  # noqa: E402
from generator.outputs import render_environment  # noqa: E402
from generator.project import Project  # noqa: E402
from generator.rendering.templates import findstr_literal, stage_context  # noqa: E402


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(count: int) -> None:
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
        t_ours, t_bare = best_of(3, ours), best_of(3, plain)
    print(f"environments: {count}")
    print(f"runbook render (validate + pages + scripts): {t_ours:.3f} s = {count / t_ours:.1f} env/s")
    print(f"bare jinja (same templates):                {t_bare:.3f} s = {count / t_bare:.1f} env/s")
    print(f"ratio runbook/bare: {t_ours / t_bare:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
