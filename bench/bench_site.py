"""The site build of N sites (variants of environments/lab.yaml), each figure beside its
baseline measured in the same run, on copies of the project (the checkout is not touched):

  full build    `runbook build` from nothing        vs the engine before issue 12 (git ref
                                                       BASELINE_REF) building the same sites
  one site      `runbook build` after one site's    vs `mkdocs build --dirty` for the same edit
  edited        value changed                          (same engine and configuration)
  serve         an edit shown by `runbook serve`     (absolute: seconds from the save until the
                                                       page answers with the new value)
  command       `runbook build -j 1` of the same     vs the same with the Markdown extensions cut
  blocks        pages                                  to a minimum (no highlighting, superfences,
                                                       tabs); and the Markdown conversion alone
  big (--big)   `runbook build` of M sites: time and peak memory of its processes (PSS)

Every timed command runs in a process of its own; the figure is the best of --runs runs (the
least disturbed by other work on a shared machine), and the machine's load is printed.

    python bench/bench_site.py [--sites 200] [--runs 2] [--big 1000] [--baseline-ref REF]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.processes import Ran, load, run  # noqa: E402
from bench.variants import write_variants  # noqa: E402
from tests.conftest import copy_project  # noqa: E402

BASELINE_REF = "f535b7a"          # the engine before parallel and incremental builds (issue 12)
MINIMAL_OUT = ("generator.docsite.highlighting", "pymdownx.highlight", "pymdownx.superfences", "pymdownx.tabbed")
EDITED = "site007.yaml"           # the site the incremental and serve figures edit


class Project:
    """A copy of the project whose sites are the variants, and the commands run in it."""

    def __init__(self, root: Path, environments: Path, engine: Path | None = None):
        self.root, self.environments = root, environments
        self.env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_ENVIRONMENTS=str(environments),
                        RUNBOOK_RESULTS_DIR=str(root / "results"))
        if engine is not None:                   # another engine's `generator` package first on the path
            self.env["PYTHONPATH"] = str(engine)

    def runbook(self, *args: str) -> Ran:
        return run([sys.executable, "-m", "generator", *args], self.root, self.env)

    def mkdocs(self, *args: str) -> Ran:
        return run([sys.executable, "-m", "mkdocs", *args, "-q"], self.root, self.env)

    def from_nothing(self) -> None:
        for name in ("site", "build", "docs/runbooks"):
            shutil.rmtree(self.root / name, ignore_errors=True)

    def edit(self, _turn: int = 0) -> str:
        """Change one value of one site (its domain controller's address, back and forth); the
        value its pages show now."""
        path = self.environments / EDITED
        text = path.read_text()
        old, new = ("10.0.7.99", "10.0.7.10") if "10.0.7.99" in text else ("10.0.7.10", "10.0.7.99")
        path.write_text(text.replace(old, new))
        return new


def best(runs: int, prepare, measure) -> Ran:
    results = []
    for turn in range(runs):
        prepare(turn)
        results.append(measure(turn))
    return min(results, key=lambda r: r.seconds)


def baseline_engine(tmp: Path, ref: str) -> Path:
    """The engine at `ref` (its generator/, mkdocs.yml, site-templates/), unpacked."""
    archive = subprocess.run(["git", "archive", ref, "generator", "mkdocs.yml", "site-templates"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    folder = tmp / f"engine-{ref}"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def full_builds(args, tmp: Path, environments: Path, table: list) -> float:
    engine = baseline_engine(tmp, args.baseline_ref)
    base = Project(copy_project(tmp / "base").root, environments, engine=engine)
    for name in ("mkdocs.yml", "site-templates"):               # its configuration and theme, our content
        target = base.root / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()
        (shutil.copytree if (engine / name).is_dir() else shutil.copy)(engine / name, target)
    ours = Project(copy_project(tmp / "ours").root, environments)
    before = best(args.runs, lambda _: base.from_nothing(), lambda _: base.runbook("build"))
    after = best(args.runs, lambda _: ours.from_nothing(), lambda _: ours.runbook("build"))
    table.append((f"`runbook build`, {args.sites} sites, from nothing", f"{after.seconds:.1f} s",
                  f"engine at {args.baseline_ref}: {before.seconds:.1f} s", after.seconds / before.seconds, "<= 0.6"))
    pages = sum(1 for _ in (ours.root / "site").rglob("*.html"))
    size = sum(p.stat().st_size for p in (ours.root / "site").rglob("*") if p.is_file())
    old_size = sum(p.stat().st_size for p in (base.root / "site").rglob("*") if p.is_file())
    index = (ours.root / "site/search/search_index.json").stat().st_size
    old_index = (base.root / "site/search/search_index.json").stat().st_size
    table.append(("site size, search index", f"{size / 1e6:.0f} MB, {index / 1e6:.1f} MB ({pages} pages)",
                  f"{old_size / 1e6:.0f} MB, {old_index / 1e6:.1f} MB", size / old_size, ""))
    return after.seconds


def incremental(args, tmp: Path, environments: Path, table: list) -> None:
    ours = Project(tmp / "ours", environments)
    ours.runbook("build")                                # the state of the last build
    after = best(args.runs, ours.edit, lambda _: ours.runbook("build"))
    built = re.search(r"(\d+) of (\d+) pages built", after.stdout)
    dirty = Project(copy_project(tmp / "dirty").root, environments)
    dirty.mkdocs("build")
    before = best(args.runs, dirty.edit, lambda _: dirty.mkdocs("build", "--dirty"))
    table.append((f"`runbook build` after one site's value changed ({built[1]} of {built[2]} pages built)",
                  f"{after.seconds:.1f} s", f"`mkdocs build --dirty`: {before.seconds:.1f} s",
                  after.seconds / before.seconds, "<= 1.5"))


def serve(args, tmp: Path, environments: Path, table: list) -> None:
    ours = Project(tmp / "ours", environments)
    ours.runbook("build")
    port = _free_port()
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=ours.root, env=ours.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        while not process.stdout.readline().startswith("serving"):
            if process.poll() is not None:
                raise RuntimeError("runbook serve ended")
        started = time.perf_counter() - start
        page = f"http://127.0.0.1:{port}/runbooks/exchange-2007-ccr/region-07/site007/index.html"
        shown = []
        for turn in range(args.runs):
            time.sleep(1)
            start = time.perf_counter()
            value = ours.edit(turn)
            while value not in _get(page):
                time.sleep(0.05)
            shown.append(time.perf_counter() - start)
    finally:
        process.terminate()
        process.wait(timeout=60)
    table.append((f"`runbook serve`, {args.sites} sites: an edit shown (started in {started:.1f} s)",
                  f"{min(shown):.1f} s", "", None, "< 5 s"))


def command_blocks(args, tmp: Path, environments: Path, table: list) -> None:
    ours = Project(tmp / "ours", environments)
    minimal = Project(copy_project(tmp / "minimal").root, environments)
    config = minimal.root / "mkdocs.yml"
    lines, skipping = [], False
    for line in config.read_text().splitlines(keepends=True):     # drop the extension and its options
        if line.startswith("  - "):
            skipping = line[4:].split(":")[0].strip() in MINIMAL_OUT
        elif not line.startswith("      "):
            skipping = False
        if not skipping:
            lines.append(line)
    config.write_text("".join(lines))
    full = best(args.runs, lambda _: ours.from_nothing(), lambda _: ours.runbook("build", "-j", "1"))
    cut = best(args.runs, lambda _: minimal.from_nothing(), lambda _: minimal.runbook("build", "-j", "1"))
    table.append((f"`runbook build -j 1`, {args.sites} sites, the site's Markdown extensions", f"{full.seconds:.1f} s",
                  f"extensions cut to a minimum: {cut.seconds:.1f} s", full.seconds / cut.seconds, "<= 1.3"))
    convert = run([sys.executable, str(Path(__file__).with_name("markdown_cost.py")), str(ours.root)], ROOT, ours.env)
    ours_s, minimal_s = (float(x) for x in convert.stdout.split())
    table.append(("Markdown conversion alone (CPU time), same pages", f"{ours_s:.1f} s",
                  f"extensions cut to a minimum: {minimal_s:.1f} s", ours_s / minimal_s, ""))


def big(args, tmp: Path, table: list) -> None:
    environments = tmp / f"envs{args.big}"
    write_variants(environments, args.big)
    project = Project(copy_project(tmp / f"big{args.big}").root, environments)
    ran = project.runbook("build")
    site = project.root / "site"
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / "search/search_index.json").stat().st_size
    table.append((f"`runbook build`, {args.big} sites, from nothing ({pages} pages; site {size / 1e6:.0f} MB, "
                  f"search index {index / 1e6:.1f} MB)", f"{ran.seconds:.1f} s",
                  f"peak memory {ran.peak_mib / 1024:.2f} GiB", None, "within 24 GiB"))


def _free_port() -> int:
    import socket
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.read().decode()
    except OSError:
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--big", type=int, default=0, help="also build this many sites, for time and peak memory")
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--only", nargs="*", default=["full", "incremental", "serve", "blocks"])
    args = parser.parse_args()
    table: list = []
    print(f"start: {load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
        tmp = Path(folder)
        environments = tmp / "envs"
        write_variants(environments, args.sites)
        if "full" in args.only:
            full_builds(args, tmp, environments, table)
        else:
            copy_project(tmp / "ours")
        for name, measure in (("incremental", incremental), ("serve", serve), ("blocks", command_blocks)):
            if name in args.only:
                measure(args, tmp, environments, table)
                print(f"{name} done: {load()}", flush=True)
        if args.big:
            big(args, tmp, table)
    print(f"end: {load()}\n")
    print("| Measure | Result | Baseline (same run) | Ratio | Target |\n|---|---|---|---|---|")
    for measure, result, baseline, ratio, target in table:
        print(f"| {measure} | {result} | {baseline} | {'' if ratio is None else f'{ratio:.2f}'} | {target} |")


if __name__ == "__main__":
    main()
