"""MkDocs build time and site size for 20 and 200 environments (variants of lab.yaml).

Each size is built in a fresh copy of the project (so the checkout is untouched), with
`mkdocs build` in a subprocess, best of 3 wall-clock runs. The baseline in the same run is
the same project with only its 3 shipped environments.

    python bench/bench_site.py [SIZES...]   (default 20 200)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.variants import write_variants  # noqa: E402
from tests.conftest import copy_project  # noqa: E402


def build(project_root: Path, environments: Path | None) -> tuple[float, int, int]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_RESULTS_DIR=str(project_root / "results"))
    if environments:
        env["RUNBOOK_ENVIRONMENTS"] = str(environments)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project_root, env=env, check=True)
        times.append(time.perf_counter() - start)
    site = project_root / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    return min(times), sum(p.stat().st_size for p in files), sum(p.suffix == ".html" for p in files)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = copy_project(Path(tmp) / "base")
        t0, size0, pages0 = build(base.root, None)
        print(f"baseline (3 shipped environments): {t0:.2f} s, {size0 / 1e6:.1f} MB, {pages0} pages")
        for n in sizes:
            project = copy_project(Path(tmp) / f"p{n}")
            write_variants(Path(tmp) / f"envs{n}", n)
            t, size, pages = build(project.root, Path(tmp) / f"envs{n}")
            print(f"{n} environments: {t:.2f} s ({t / t0:.1f} x baseline), {size / 1e6:.1f} MB, {pages} pages, "
                  f"{t / n * 1000:.0f} ms per environment")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [20, 200])
