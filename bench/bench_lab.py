"""The lab: full lifecycle time for environments/lab.yaml, and commands per second through its
WinRM endpoint (lab://), against the same commands on the lab in this process (inprocess://,
no WinRM) in the same run.

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
from generator.targets import open_target  # noqa: E402
from generator.targets.winrm import WinRMTarget  # noqa: E402
from tests.conftest import copy_project  # noqa: E402

USER = "E2K7\\Administrator"


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
            times = []
            for _ in range(3):
                start = time.perf_counter()
                cli("lab", "test", "--keep")
                times.append(time.perf_counter() - start)
            converge = []
            for _ in range(3):
                start = time.perf_counter()
                cli("apply", "environments/lab.yaml", "--target", "lab://lab")
                converge.append(time.perf_counter() - start)
            print(f"lab lifecycle (reset, 5 x converge twice + verify): best {min(times):.1f} s of 3")
            print(f"apply of every stage on a converged lab (9 scripts, nothing to change): best {min(converge):.2f} s")

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
