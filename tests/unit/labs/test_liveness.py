"""Whether a lab's daemon runs: the flock on daemon.lock, not a pid in a file."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.errors import LabError
from generator.labs import control, daemon, endpoints, liveness

ROOT = Path(__file__).resolve().parents[3]
HOLD = ("import sys, time\n"
        "from pathlib import Path\n"
        "from generator.labs import liveness\n"
        "liveness.claim(Path(sys.argv[1]))\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n")


@pytest.fixture
def fast(monkeypatch):
    monkeypatch.setattr(liveness, "CLAIM_TIMEOUT", 0.1)


def holding_process(directory: Path) -> subprocess.Popen:
    """Another process that holds the lab's daemon lock (and never reaps itself)."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(directory)], cwd=ROOT, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout.readline() == "held\n"
    return process


def test_nobody_holds_a_fresh_directory(tmp_path):
    assert liveness.holder(tmp_path) is None
    assert endpoints.read(tmp_path) is None


def test_the_holder_s_pid_is_recorded_and_released(tmp_path, fast):
    claim = liveness.claim(tmp_path)
    assert liveness.holder(tmp_path) == os.getpid()
    assert liveness.holder(tmp_path) == os.getpid()         # asking does not take it away
    with pytest.raises(LabError, match=rf"already running \(pid {os.getpid()}\)"):
        liveness.claim(tmp_path)
    claim.release()
    assert liveness.holder(tmp_path) is None


def test_a_killed_daemon_holds_nothing_even_as_an_unreaped_zombie(tmp_path):
    process = holding_process(tmp_path)
    assert liveness.holder(tmp_path) == process.pid
    os.kill(process.pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while liveness.holder(tmp_path) is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert liveness.holder(tmp_path) is None                # not reaped yet: a zombie
    process.wait()


def test_endpoints_count_only_while_their_pid_holds_the_lock(tmp_path, fast):
    endpoints.publish(tmp_path, "lab", os.getpid(), {"E2K7Node1": "http://127.0.0.1:1/wsman"})
    assert endpoints.read(tmp_path) is None                 # left by a daemon that is gone
    claim = liveness.claim(tmp_path)
    try:
        found = endpoints.read(tmp_path)
        assert found.pid == os.getpid() and found.urls == {"E2K7Node1": "http://127.0.0.1:1/wsman"}
        endpoints.publish(tmp_path, "lab", 1, {})
        assert endpoints.read(tmp_path) is None             # another daemon's file: not this one's
    finally:
        claim.release()


def project_at(tmp_path):
    return SimpleNamespace(lab_dir=tmp_path, root=tmp_path)


def test_down_signals_no_pid_from_a_stale_file(tmp_path, monkeypatch):
    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / endpoints.FILE).write_text(json.dumps({"environment": "lab", "pid": os.getpid(),
                                                               "urls": {}}))
    signalled = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: signalled.append(pid))
    assert control.down(project_at(tmp_path), "lab") is False
    assert signalled == [] and not (tmp_path / "lab" / endpoints.FILE).exists()


def test_down_stops_the_lock_holder(tmp_path):
    process = holding_process(tmp_path / "lab")
    assert control.down(project_at(tmp_path), "lab") is True
    assert process.wait(5) == -signal.SIGTERM
    assert liveness.holder(tmp_path / "lab") is None


@pytest.mark.parametrize("error, message", [
    (ProcessLookupError, "no such process is visible here"),
    (PermissionError, "belongs to another user"),
])
def test_down_reports_a_holder_it_cannot_signal(tmp_path, monkeypatch, error, message):
    claim = liveness.claim(tmp_path / "lab")

    def refuse(pid, sig):
        raise error(pid)
    monkeypatch.setattr(os, "kill", refuse)
    try:
        with pytest.raises(LabError, match=message):
            control.down(project_at(tmp_path), "lab")
    finally:
        claim.release()


def test_a_second_daemon_refuses_to_serve_the_same_lab(tmp_path, fast):
    claim = liveness.claim(tmp_path)
    try:
        with pytest.raises(LabError, match="already running"):
            daemon.serve_lab(tmp_path / "no-such.yaml", tmp_path, "127.0.0.1")
    finally:
        claim.release()


def test_up_passes_the_project_to_the_daemon(tmp_path, monkeypatch, lab_env):
    started = []

    class Exited:
        pid = 0

        def __init__(self, args, **kwargs):
            started.append((args, kwargs["cwd"]))

        def poll(self):
            return 2
    monkeypatch.setattr(control.subprocess, "Popen", Exited)
    project = SimpleNamespace(lab_dir=tmp_path / ".lab", root=tmp_path / "project")
    with pytest.raises(LabError, match="did not start"):
        control.up(project, lab_env)
    [(args, cwd)] = started
    assert args[-2:] == ["--project", str(tmp_path / "project")] and cwd == tmp_path / "project"
    assert args[args.index("--dir") + 1] == str(tmp_path / ".lab" / "lab")


def test_a_failed_start_shows_the_daemons_messages_without_time_stamps(tmp_path):
    log = tmp_path / "daemon.log"
    log.write_text("2026-12-05 02:47:13,014 ERROR password of E2K7\\Administrator: the value of X is too short\n"
                   "Traceback-free line\n")
    assert control._tail(log) == "password of E2K7\\Administrator: the value of X is too short\nTraceback-free line"
