"""The lab's server process: the runbook's lab of one environment, serving its hosts.

    python -m generator.labs.daemon ENV_FILE --dir .lab/<name> [--project DIR]

Started (detached) by `runbook lab up`. It holds the lab's daemon lock (`liveness.py`)
for its whole life, so one daemon serves a lab at a time and others can tell it runs.
It resolves the passwords of the accounts the runbook's lab module lists from its
environment variables, keeps them in memory, opens the lab with them, asks it to serve
(`lab.serve(bind)`: each host on its own loopback WinRM port), serves until SIGTERM, and
publishes the endpoints in `<dir>/endpoints.json` only once every port listens. The
project defaults to the one holding ENV_FILE.

`up` gives it only these variables of the shell (control.DAEMON_VARIABLES, an allow-list):
- the environment's own secret references, every `{env: VARIABLE}` of ENV_FILE: the lab's
  account passwords, which it resolves;
- PATH, PYTHONHOME and PYTHONPATH (when set): for Python to start and import the engine;
- HOME, LANG, LC_*, TMPDIR: the user's home, locale and temporary folder, which Python and
  its libraries consult (the NTLM account file falls back to a temporary file without memfd).
No RUNBOOK_* setting: the project and the lab folder arrive as --project and --dir. Nothing
else, so a real site's password (RUNBOOK_WINRM_PASSWORD) or any other secret of the shell
never reaches a process that serves the network.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from ..environments import load_environments
from ..errors import GeneratorError
from ..project import find_project
from ..secrets import Secrets
from . import endpoints, liveness
from .control import open_lab_in

log = logging.getLogger("runbook.lab")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.labs.daemon")
    parser.add_argument("env_file", type=Path)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--project", type=Path, help="the runbook project (default: the one holding ENV_FILE)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        return serve_lab(args.env_file, args.dir, args.bind, args.project)
    except GeneratorError as exc:
        log.error("%s", exc)
        return exc.exit_code


def serve_lab(env_file: Path, directory: Path, bind: str, project_dir: Path | None = None) -> int:
    claim = liveness.claim(directory)
    endpoints.withdraw(directory)   # an earlier daemon's, left by a crash (its pid may be ours now)
    try:
        return _serve(env_file, directory, bind, project_dir)
    finally:
        claim.release()             # after the endpoints are withdrawn: nobody sees a stale file as live


def _serve(env_file: Path, directory: Path, bind: str, project_dir: Path | None) -> int:
    project = find_project(project_dir or env_file.resolve().parent)
    [environment] = load_environments(project, [env_file])
    lab = open_lab_in(directory, environment, Secrets(interactive=False))   # its variables: the daemon has no terminal
    servers = lab.serve(bind)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    endpoints.publish(directory, environment.name, os.getpid(), dict(servers.urls))
    log.info("lab %s serving %s", environment.name, json.dumps(dict(servers.urls)))
    try:
        stop.wait()
    finally:
        endpoints.withdraw(directory)
        servers.shutdown()
        log.info("lab %s stopped", environment.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
