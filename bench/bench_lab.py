"""The lab: the lifecycle of environments/lab.yaml (every stage, drills included) against the
article's part 1 alone; apply, verify and verify with the drills on the converged lab; commands
per second through its WinRM endpoint (lab://), against the same commands on the lab in this
process (inprocess://, no WinRM). Each figure's baseline is taken in the same run.

    python bench/bench_lab.py [N]        (N commands per measurement, default 200)
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.environments import load_environments  # noqa: E402
from generator.labs import endpoints  # noqa: E402
from generator.runbooks import load_runbook  # noqa: E402
from generator.targets import open_target  # noqa: E402
from generator.targets.winrm import WinRMTarget  # noqa: E402
from tests.conftest import copy_project  # noqa: E402

USER = "E2K7\\Administrator"
RUNBOOK = "exchange-2007-ccr"
PART_ONE_LAST = "add-second-node"          # the seed article's part 1 ends here: the baseline


def best(work, runs: int = 3) -> float:
    """The best wall time of `runs` runs of `work`."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def rate(count: int, work) -> float:
    start = time.perf_counter()
    for _ in range(count):
        work()
    return count / (time.perf_counter() - start)


def main(count: int) -> None:
    password = secrets.token_urlsafe(12)
    env = dict(os.environ, LAB_DOMAIN_ADMIN_PASSWORD=password, NO_MKDOCS_2_WARNING="1")
    os.environ["LAB_DOMAIN_ADMIN_PASSWORD"] = password
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(Path(tmp) / "p")

        def cli(*args):
            subprocess.run([sys.executable, "-m", "generator", *args], cwd=project.root, env=env, check=True,
                           capture_output=True, text=True)

        cli("lab", "up")
        try:
            stages = [stage.id for stage in load_runbook(project, RUNBOOK).stages]
            part_one = [arg for stage in stages[:stages.index(PART_ONE_LAST) + 1] for arg in ("--stage", stage)]
            baseline = best(lambda: cli("lab", "test", "--keep", *part_one))
            whole = best(lambda: cli("lab", "test", "--keep"))
            print(f"lab lifecycle, reset then per stage converge twice + verify: all {len(stages)} stages (drills "
                  f"included) best {whole:.1f} s of 3; the article's part 1 ({len(part_one) // 2} stages) "
                  f"{baseline:.1f} s; ratio {whole / baseline:.2f}")
            apply = best(lambda: cli("apply", "environments/lab.yaml", "--target", "lab://lab"))
            verify = best(lambda: cli("verify", "environments/lab.yaml", "--target", "lab://lab"))
            drills = best(lambda: cli("verify", "environments/lab.yaml", "--target", "lab://lab",
                                      "--allow-destructive"))
            print(f"on the converged lab: apply of every stage (nothing to change) {apply:.2f} s; verify "
                  f"read-only {verify:.2f} s; verify with the @destructive drills {drills:.2f} s "
                  f"(drills {drills - verify:.2f} s; ratio {drills / verify:.2f})")

            urls = endpoints.read(project.lab_dir / "lab").urls
            target = WinRMTarget.for_endpoints(urls, USER, password)
            [environment] = load_environments(project, [project.environments_dir / "lab.yaml"])
            local = open_target("inprocess://lab", environment, project)
            for command in ("hostname", "cluster E2K7CLUS node", "ipconfig /all"):
                target.run("E2K7Node1", command)
                over_winrm = rate(count, lambda: target.run("E2K7Node1", command))
                in_process = rate(count, lambda: local.run("E2K7Node1", command))
                print(f"{command!r}: {over_winrm:.0f} commands/s over WinRM (NTLM, sealed, one shell), "
                      f"{in_process:.0f}/s in-process; ratio {in_process / over_winrm:.1f}")
            target.close()
            local.close()
        finally:
            cli("lab", "down")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
