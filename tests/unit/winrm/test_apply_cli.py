"""`runbook apply` and `verify` on a winrm:// site (a real WinRM server per host, a fake
shell behind it): which host goes where, the question, the lock, the staging folder."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator.acceptance.applylock import exclusive_apply, lock_path
from generator.cli import main
from generator.targets import open_target
from tests.conftest import ROOT

pytestmark = pytest.mark.timeout(60)

ONE_MACHINE = "winrm://Administrator@127.0.0.1?scheme=http&timeout=10"
NETWORK_HOSTS = ("E2K7Node1", "E2K7Node2")          # the hosts network-settings runs on
FIRST_TWO_HOSTS = ("E2K7DC01", *NETWORK_HOSTS)      # ... and prerequisites before it


@pytest.fixture(autouse=True)
def _isolated(site, monkeypatch, tmp_path):
    monkeypatch.setenv("RUNBOOK_WINRM_PASSWORD", site.password)
    monkeypatch.setenv("RUNBOOK_RESULTS_DIR", str(tmp_path / "results"))     # the lock goes here


def runbook(*args, answer=None):
    return CliRunner().invoke(main, [*args, "--project", str(ROOT)], input=answer)


def mapped(site, **crossed):
    """--host options sending each host to its own endpoint, or (crossed) to another host's."""
    return [a for host in site.names
            for a in ("--host", f"{host}=127.0.0.1:{site.servers.ports[crossed.get(host, host)]}")]


def test_one_machine_for_four_hosts_is_refused_before_anything_is_sent(site):
    for command in ("apply", "verify"):
        result = runbook(command, "environments/lab.yaml", "--target", ONE_MACHINE, "--stage", "network-settings")
        assert result.exit_code == 2, result.output
        assert "names one machine, but lab has 4 hosts" in result.stderr and "--host HOST=ADDRESS" in result.stderr
    assert site.hosts.calls == []


def test_a_host_the_run_needs_and_nobody_mapped_is_refused_before_anything_is_sent(site):
    only_node1 = ["--host", f"E2K7Node1=127.0.0.1:{site.servers.ports['E2K7Node1']}"]
    result = runbook("apply", "environments/lab.yaml", "--target", ONE_MACHINE, *only_node1,
                     "--stage", "network-settings", "--yes")
    assert result.exit_code == 2
    assert "E2K7Node2: no --host HOST=ADDRESS says which machine E2K7Node2 is" in result.stderr
    assert "E2K7DC01" not in result.stderr              # network-settings does not run there
    result = runbook("verify", "environments/lab.yaml", "--target", ONE_MACHINE, *only_node1)
    assert result.exit_code == 2 and "E2K7DC01: no --host" in result.stderr   # verify reads every host
    assert site.hosts.calls == []


def test_unknown_names_are_bad_input(site):
    result = runbook("apply", "environments/lab.yaml", "--target", ONE_MACHINE, *mapped(site),
                     "--host", "E2K7Node3=10.0.0.23")
    assert result.exit_code == 2 and "E2K7Node3 is not a host of lab" in result.stderr
    assert site.hosts.calls == []


def test_the_question_lists_each_host_with_its_endpoint_and_no_changes_nothing(site):
    result = runbook("apply", "environments/lab.yaml", "--target", ONE_MACHINE, *mapped(site),
                     "--stage", "prerequisites", "--stage", "network-settings", answer="n\n")
    assert result.exit_code == 3, result.output
    assert routes(result.stdout) == {host: site.url(host) for host in FIRST_TWO_HOSTS}
    assert "Change these hosts? [y/N]" in result.stdout
    assert "nothing applied, nothing changed" in result.stderr
    assert site.hosts.calls == []


def test_no_answer_at_all_is_no(site):
    result = runbook("apply", "environments/lab.yaml", "--target", ONE_MACHINE, *mapped(site), answer="")
    assert result.exit_code == 3 and "nothing changed" in result.stderr
    assert site.hosts.calls == []


def test_yes_lists_the_same_hosts_then_each_hosts_commands_reach_its_mapped_machine(site):
    args = ("apply", "environments/lab.yaml", "--target", ONE_MACHINE, "--stage", "network-settings",
            "--override-gate", "the fake shell runs no stage")
    asked = runbook(*args, *mapped(site, E2K7Node1="E2K7Node2", E2K7Node2="E2K7Node1"), answer="n\n")
    result = runbook(*args, *mapped(site, E2K7Node1="E2K7Node2", E2K7Node2="E2K7Node1"), "--yes")
    assert routes(result.stdout) == routes(asked.stdout) == {"E2K7Node1": site.url("E2K7Node2"),
                                                             "E2K7Node2": site.url("E2K7Node1")}
    assert "--yes: not asking" in result.stdout and "[y/N]" not in result.stdout
    # The fake shell runs no script, so the first host's script fails: everything went to E2K7Node1's machine
    assert result.exit_code == 1 and "network-settings on E2K7Node1" in result.stderr
    assert {server for server, *_ in site.hosts.calls} == {"E2K7Node2"}


def test_a_run_stages_in_a_folder_of_its_own_and_removes_it_even_when_it_fails(site):
    for _ in range(2):
        result = runbook("apply", "environments/lab.yaml", "--target", ONE_MACHINE, *mapped(site),
                         "--stage", "network-settings", "--override-gate", "the fake shell runs no stage", "--yes")
        assert result.exit_code == 1
    lines = [line for _, line, *_ in site.hosts.calls]
    folders = sorted(set(re.findall(r'mkdir "(%TEMP%\\runbook\\\d{8}-\d{6}-[0-9a-f]{8})"', "\n".join(lines))))
    assert len(folders) == 2                                    # one per run
    for folder in folders:
        assert f'certutil -f -decode "{folder}\\02-network-settings.cmd.b64" "{folder}\\02-network-settings.cmd"' \
            in lines
        started = lines.index(f'"{folder}\\02-network-settings.cmd" /host:E2K7Node1')
        assert lines.index(f'if exist "{folder}" rmdir /s /q "{folder}"') > started


def test_a_second_apply_while_one_runs_is_busy_and_sends_nothing(site, project, lab_env):
    args = ("apply", "environments/lab.yaml", "--target", ONE_MACHINE, *mapped(site), "--yes")
    with open_target(ONE_MACHINE, lab_env, project, hosts=dict(a.split("=") for a in mapped(site)[1::2])) as target:
        with exclusive_apply(project, lab_env, target) as path:
            result = runbook(*args)
    assert result.exit_code == 4, result.output
    assert re.search(rf"another apply of lab to {re.escape(ONE_MACHINE)} is running \(pid {os.getpid()} on \S+, "
                     r"since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\); wait for it to end", result.stderr)
    assert str(path) in result.stderr
    assert site.hosts.calls == []
    assert runbook(*args).exit_code == 1 and site.hosts.calls          # released: the next run goes ahead


def test_the_lock_is_released_when_its_holder_is_killed(site, project, lab_env):
    hosts = dict(a.split("=") for a in mapped(site)[1::2])
    code = ("import sys, time\n"
            "from generator.acceptance.applylock import exclusive_apply\n"
            "from generator.environments import load_environments\n"
            "from generator.project import Project\n"
            "from generator.targets import open_target\n"
            "from pathlib import Path\n"
            f"p = Project(Path({str(ROOT)!r})); [e] = load_environments(p, [p.environments_dir / 'lab.yaml'])\n"
            f"t = open_target({ONE_MACHINE!r}, e, p, hosts={hosts!r})\n"
            "with exclusive_apply(p, e, t):\n"
            "    print('holding', flush=True); time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "holding\n"
        with open_target(ONE_MACHINE, lab_env, project, hosts=hosts) as target:
            path = lock_path(project, lab_env, target)
            assert json.loads(path.read_text())["pid"] == holder.pid
            busy = runbook("apply", "environments/lab.yaml", "--target", ONE_MACHINE, *mapped(site), "--yes")
            assert busy.exit_code == 4 and f"pid {holder.pid}" in busy.stderr
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=10)
            with exclusive_apply(project, lab_env, target):
                pass                                                    # free again, nobody cleaned up
    finally:
        holder.kill()
        holder.wait()


def routes(stdout: str) -> dict[str, str]:
    """The host -> endpoint lines apply prints under 'Apply N stage(s) of ...:'."""
    return dict(re.findall(r"^  (\S+) +(http\S+)$", stdout, re.MULTILINE))
