"""The fleet: N lab sites (variants of environments/lab.yaml, each its own lab) converged and
verified from their baseline by ansible/site.yml with F forks, against the same sites one after
the other in the same run, on a copy of the project (the checkout is not touched):

  one after the other   per site, per stage: `runbook apply`, `apply` again, `verify` (the
                        commands the playbook runs, from a shell loop)
  whole sites           per site: `runbook apply` of every stage, then `runbook verify` (the
                        least a shell loop does: no second apply, one verify)
  the playbook          `ansible-playbook -f F` over the inventory `runbook inventory` wrote

Every lab is reset before each measurement; each figure is the best of --runs runs, and the
machine's load is printed (2 cores shared with other work: forks beyond the cores wait).
`--restart CAP,DOWNTIME` makes the labs' restarts take that long (RUNBOOK_LAB_RESTART), as real
hosts' do: the work then waits on hosts rather than on this machine's cores. `--strategy
linear,free` measures the playbook with each of Ansible's strategies (free: each site goes on to
its next stage without waiting for the others).

    python bench/bench_fleet.py [--sites 4] [--forks 4] [--runs 1] [--stages N] [--restart 5,5] [--strategy linear,free]
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.processes import load, run  # noqa: E402
from bench.variants import write_variants  # noqa: E402
from generator.runbooks import load_runbook  # noqa: E402
from tests.conftest import copy_project  # noqa: E402

RUNBOOK = "exchange-2007-ccr"


class Fleet:
    def __init__(self, root: Path, sites: list[str], stages: list[str], restart: str | None):
        self.root, self.sites, self.stages = root, sites, stages
        self.env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LAB_DOMAIN_ADMIN_PASSWORD=secrets.token_urlsafe(12),
                        ANSIBLE_NOCOLOR="1", ANSIBLE_HOME=str(root / ".ansible"))
        for name in ("RUNBOOK_LAB_DIR", "RUNBOOK_RESULTS_DIR", "RUNBOOK_ENVIRONMENTS", "RUNBOOK_LAB_RESTART"):
            self.env.pop(name, None)
        if restart:
            self.env["RUNBOOK_LAB_RESTART"] = restart      # the labs' daemons read it at `lab up`

    def runbook(self, *args: str) -> None:
        run([sys.executable, "-m", "generator", *args], self.root, self.env)

    def reset(self) -> None:
        shutil.rmtree(self.root / "results", ignore_errors=True)
        for site in self.sites:
            self.runbook("lab", "reset", f"environments/{site}.yaml")

    def one_after_the_other(self) -> None:
        for site in self.sites:
            env_file, target = f"environments/{site}.yaml", f"lab://{site}"
            for stage in self.stages:
                self.runbook("apply", env_file, "--target", target, "--stage", stage, "--yes")
                self.runbook("apply", env_file, "--target", target, "--stage", stage, "--yes")
                self.runbook("verify", env_file, "--target", target, "--stage", stage)

    def whole_sites(self) -> None:
        selected = [arg for stage in self.stages for arg in ("--stage", stage)]
        for site in self.sites:
            env_file, target = f"environments/{site}.yaml", f"lab://{site}"
            self.runbook("apply", env_file, "--target", target, "--yes", *selected)
            self.runbook("verify", env_file, "--target", target, *selected)

    def playbook(self, forks: int, strategy: str) -> None:
        ansible = str(Path(sys.executable).parent / "ansible-playbook")
        run([ansible, "-i", "inventory.yml", "ansible/site.yml", "-f", str(forks), "--tags", ",".join(self.stages)],
            self.root, dict(self.env, ANSIBLE_STRATEGY=strategy))


def best(fleet: Fleet, work, runs: int) -> float:
    times = []
    for _ in range(runs):
        fleet.reset()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--forks", type=int, default=4)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--stages", type=int, default=None, help="only the first N stages (default: all)")
    parser.add_argument("--restart", metavar="CAP,DOWNTIME", default=None, help="how long the labs' restarts take")
    parser.add_argument("--strategy", default="linear", help="Ansible's strategies to measure, comma-separated")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "p")
        shutil.copytree(ROOT / "ansible", project.root / "ansible")
        for path in project.environments_dir.glob("*.yaml"):
            path.unlink()
        sites = [path.stem for path in write_variants(project.environments_dir, args.sites)]
        stages = [stage.id for stage in load_runbook(project, RUNBOOK).stages][:args.stages]
        fleet = Fleet(project.root, sites, stages, args.restart)
        fleet.runbook("inventory", "--output", "inventory.yml")
        for site in sites:
            fleet.runbook("lab", "up", f"environments/{site}.yaml")
        try:
            print(f"{len(sites)} lab sites, {len(stages)} stage(s) each, restarts {args.restart or 'between two commands'}, "
                  f"best of {args.runs}; {load()}")
            sequential = best(fleet, fleet.one_after_the_other, args.runs)
            print(f"one after the other (apply, apply again, verify per stage): {sequential:.1f} s; {load()}")
            whole = best(fleet, fleet.whole_sites, args.runs)
            print(f"whole sites one after the other (apply, verify per site): {whole:.1f} s; {load()}")
            for strategy in args.strategy.split(","):
                parallel = best(fleet, lambda: fleet.playbook(args.forks, strategy), args.runs)
                print(f"ansible-playbook -f {args.forks} ({strategy}): {parallel:.1f} s; {load()}")
                print(f"  ratio to one after the other {parallel / sequential:.2f} (speed-up {sequential / parallel:.2f}); "
                      f"to whole sites {parallel / whole:.2f}")
        finally:
            for site in sites:
                fleet.runbook("lab", "down", f"environments/{site}.yaml")


if __name__ == "__main__":
    main()
