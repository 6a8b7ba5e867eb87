"""`runbook serve` prints its URL, shows an edit after building only what changed, never builds
again because of its own writes, and shows a broken environment as the page (at once, not a
request that hangs) until it is fixed."""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import copy_project
from tests.docsite.test_incremental_build import site_pages

pytestmark = [pytest.mark.site, pytest.mark.timeout(600)]

PAGE = "runbooks/exchange-2007-ccr/lab/lab/02-network-settings.html"


class Served:
    """A `runbook serve` process on a free port, its output read line by line."""

    def __init__(self, project):
        with socket.create_server(("127.0.0.1", 0)) as probe:
            self.port = probe.getsockname()[1]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RUNBOOK_RESULTS_DIR=str(project.root / "results"))
        self.process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr",
                                         f"127.0.0.1:{self.port}"], cwd=project.root, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, start: str, timeout: float = 180) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "serve ended"
                continue
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting {start!r} in {timeout} s")

    def quiet_for(self, seconds: float) -> list[str]:
        """What it printed in the next `seconds`."""
        time.sleep(seconds)
        found = []
        while not self.lines.empty():
            found.append(self.lines.get())
        return found

    def get(self, path: str = PAGE) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=60)
        finally:
            self.process.kill()


@pytest.fixture
def served(tmp_path):
    project = copy_project(tmp_path / "project")
    server = Served(project)
    yield project, server
    server.process.kill()


def test_serve_prints_its_url_and_shows_an_edit_building_only_what_changed(served):
    project, server = served
    assert server.wait_for("serving ").strip().startswith(f"serving http://127.0.0.1:{server.port}/")
    status, page = server.get()
    assert status == 200 and "10.10.10.2" in page
    lab = project.environments_dir / "lab.yaml"
    lab.write_text(lab.read_text().replace("10.10.10.2/24", "10.10.10.9/24"))
    built = server.wait_for("built: ")
    pages = int(built.split(" of ")[1].split()[0])
    assert 0 < int(built.split()[1]) <= site_pages(project) < pages
    assert "10.10.10.9" in server.get()[1]
    assert not [line for line in server.quiet_for(3) if line.startswith("built")]     # its writes start nothing
    assert not (project.generated_docs_dir).exists()          # it renders elsewhere, not into docs/
    assert server.stop() == 130


def test_a_broken_environment_is_the_page_until_it_is_fixed(served):
    project, server = served
    server.wait_for("serving ")
    paris = project.environments_dir / "paris.yaml"
    good = paris.read_text()
    paris.write_text(good.replace("address: 172.16.20.2/29", "address: 172.16.20.1/29"))
    server.wait_for("error: ")
    status, page = server.get()                               # any page: answered at once, not held
    assert status == 500 and "environments/paris.yaml:" in page
    assert "nodes[1].private.address: 172.16.20.1 is already" in page and "livereload" in page
    assert server.get("index.html")[0] == 500
    paris.write_text(good)
    server.wait_for("built: ")
    status, page = server.get()
    assert status == 200 and "2. Network settings on both nodes" in page
    assert server.stop() == 130
