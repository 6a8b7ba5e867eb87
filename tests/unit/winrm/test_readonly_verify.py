"""Read-only verification, enforced in the transport: a command that is not a probe never
reaches the WinRM server, whichever object sends it, unless a @destructive scenario of a
run with --allow-destructive does."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.acceptance.readonly import ProbeOnlyTarget
from generator.targets import guard
from generator.targets.base import Target
from generator.targets.guard import UnsafeCommand
from generator.targets.winrm import WinRMTarget
from generator.environments import load_environments
from tests.conftest import copy_project
from tests.acceptance.safety.run import REFUSED, WAYS_IN, run_readonly_feature
from tests.conftest import ROOT

pytestmark = [pytest.mark.timeout(60), pytest.mark.usefixtures("lab_allow_list")]


@pytest.fixture
def read_only(monkeypatch):
    """This process read-only for one test (the real switch, `guard.enforce`, is for good)."""
    monkeypatch.setenv(guard.READ_ONLY_ENV, "")

    def switch(allow_destructive=False):
        monkeypatch.setattr(guard._Policy, "mode", None)
        guard.enforce(allow_destructive)
    return switch


def sent(lab):
    return [line for _, line, *_ in lab.hosts.calls]


def test_the_transport_refuses_a_change_before_it_leaves(lab, read_only):
    target = WinRMTarget.for_endpoints(lab.servers.urls, lab.user, lab.password)
    assert target.run("E2K7Node1", "mkdir X").ok                # not read-only: it goes out
    read_only()
    with pytest.raises(UnsafeCommand, match="refused `mkdir Z`"):
        target.run("E2K7Node1", "mkdir Z")
    with pytest.raises(UnsafeCommand):                          # secrets would go out with the shell
        target.run("E2K7Node1", "hostname", env={"LAB_SECRET": "x"})
    assert target.run("E2K7Node1", "hostname").ok
    assert sent(lab) == ["mkdir X", "hostname"]
    assert os.environ[guard.READ_ONLY_ENV] == guard.STRICT      # what processes started from here inherit


def test_only_a_destructive_scenario_of_a_destructive_run_lifts_it(lab, read_only):
    target = WinRMTarget.for_endpoints(lab.servers.urls, lab.user, lab.password)
    read_only(allow_destructive=False)
    with guard.destructive_scenario(), pytest.raises(UnsafeCommand):
        target.run("E2K7Node1", "mkdir A")
    read_only(allow_destructive=True)
    with pytest.raises(UnsafeCommand):
        target.run("E2K7Node1", "mkdir B")
    with guard.destructive_scenario():
        assert target.run("E2K7Node1", "mkdir C").ok
    with pytest.raises(UnsafeCommand):
        target.run("E2K7Node1", "mkdir D")
    guard.enforce(allow_destructive=True)                        # it only ever gets stricter...
    guard.enforce(allow_destructive=False)
    guard.enforce(allow_destructive=True)
    with guard.destructive_scenario(), pytest.raises(UnsafeCommand):
        target.run("E2K7Node1", "mkdir E")
    assert sent(lab) == ["mkdir C"]


def test_a_process_started_read_only_refuses_from_its_first_command(lab):
    """Started read-only, a process refuses every command until it is given the runbook's
    allow-list; then probes pass and changes do not."""
    start = ("from generator.targets.winrm import WinRMTarget\n"
             f"t = WinRMTarget.for_endpoints({dict(lab.servers.urls)!r}, {lab.user!r}, {lab.password!r})\n")
    allow = ("from pathlib import Path\nfrom generator.project import Project\nfrom generator.runbooks import load_runbook\n"
             "from generator.targets import guard\n"
             f"guard.allow(load_runbook(Project(Path({str(ROOT)!r})), 'exchange-2007-ccr').allows)\n")
    env = dict(os.environ, **{guard.READ_ONLY_ENV: guard.STRICT})
    run = lambda code: subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                                      text=True, timeout=30)
    before = run(start + "t.run('E2K7Node1', 'hostname')\n")
    assert "UnsafeCommand: E2K7Node1: refused `hostname`" in before.stderr
    assert sent(lab) == []
    after = run(start + allow + "print(t.run('E2K7Node1', 'hostname').rc)\nt.run('E2K7Node1', 'mkdir X')\n")
    assert after.stdout == "0\n" and "UnsafeCommand: E2K7Node1: refused `mkdir X`" in after.stderr
    assert sent(lab) == ["hostname"]


def test_the_steps_wrapper_hands_out_no_target(lab):
    wrapped = ProbeOnlyTarget(WinRMTarget.for_endpoints(lab.servers.urls, lab.user, lab.password))
    assert not hasattr(wrapped, "inner")
    assert not [name for name, value in vars(wrapped).items() if isinstance(value, Target)]
    with pytest.raises(UnsafeCommand):
        wrapped.run("E2K7Node1", "mkdir X")
    assert sent(lab) == []


def run_verify_process(site, lab_env, project, tmp_path, allow_destructive):
    """Through a one-machine URL, every host mapped to its own endpoint, in a copy of the project
    (the test-only steps go there, never into the repository)."""
    copy = copy_project(tmp_path / "project")
    [environment] = load_environments(copy, [copy.environments_dir / "lab.yaml"])
    hosts = {name: f"127.0.0.1:{site.servers.ports[name]}" for name in site.names}
    return run_readonly_feature(copy, environment, "winrm://Administrator@127.0.0.1?scheme=http",
                                tmp_path / "cucumber.json", allow_destructive, hosts)


def test_a_verify_step_cannot_send_a_change_by_any_way_in(site, lab_env, project, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_WINRM_PASSWORD", site.password)
    results = run_verify_process(site, lab_env, project, tmp_path, allow_destructive=False)
    assert results["A probe goes through"]["status"] == "passed"
    for way in WAYS_IN:
        result = results[f"A change through {way} is refused"]
        assert result["status"] == "failed" and REFUSED in result["error_message"], way
    assert "A drill may change state when the run allows it" not in results       # deselected
    assert sent(site) == ["hostname"]


def test_a_destructive_scenario_of_a_destructive_run_may_change_state(site, lab_env, project, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_WINRM_PASSWORD", site.password)
    results = run_verify_process(site, lab_env, project, tmp_path, allow_destructive=True)
    assert results["A drill may change state when the run allows it"]["status"] == "passed"
    assert results["A change through a target the step opens itself is refused"]["status"] == "failed"
    assert sorted(sent(site)) == ["hostname", "mkdir Y"]
