"""`runbook lab up|status|reset|fail|heal|down`, and state that survives a killed lab."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
import requests

pytestmark = [pytest.mark.lab, pytest.mark.timeout(300)]


def test_up_prints_the_target_and_every_hosts_endpoint(lab):
    out = lab.ok("lab", "up", "environments/lab.yaml")          # already running: shows it
    assert "already running" in out and "target: lab://lab" in out
    for host in ("E2K7DC01", "E2K7HUB01", "E2K7Node1", "E2K7Node2"):
        assert host in out and lab.urls[host] in out
    assert "NTLM as E2K7\\Administrator, password from $LAB_DOMAIN_ADMIN_PASSWORD" in out


def test_reset_gives_freshly_installed_servers(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    rc, out, _ = lab.winrm("E2K7Node1", "ipconfig /all")
    assert rc == 0 and "Ethernet adapter Local Area Connection:" in out and "Ethernet adapter Local Area Connection 2:" in out
    assert "Dhcp Enabled. . . . . . . . . . . : Yes" in out
    rc, out, _ = lab.winrm("E2K7Node1", "wmic computersystem get Domain,PartOfDomain /value <nul")
    assert "Domain=WORKGROUP" in out and "PartOfDomain=FALSE" in out
    rc, _, err = lab.winrm("E2K7Node1", "cluster E2K7CLUS node")
    assert rc == 1722 and "The RPC server is unavailable." in err
    status = json.loads(lab.ok("lab", "status", "environments/lab.yaml", "--json"))
    assert status["running"] and status["cluster"] is None
    assert status["hosts"]["E2K7Node1"]["domain"] == "workgroup WORKGROUP"


def test_a_wrong_switch_fails_the_way_windows_does(lab):
    rc, out, err = lab.winrm("E2K7Node1", 'netsh interface ip set adress name="Public" source=dhcp')
    assert rc != 0 and "The following command was not found" in out + err
    rc, _, err = lab.winrm("E2K7Node1", "ipconfig /allx")
    assert rc != 0
    rc, _, err = lab.winrm("E2K7Node1", "frobnicate /x")
    assert rc == 9009 and "'frobnicate' is not recognized as an internal or external command" in err


def test_fail_and_heal_a_node(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    lab.converge()
    lab.ok("lab", "fail", "E2K7Node2", "environments/lab.yaml")
    with pytest.raises(requests.exceptions.ConnectionError):
        lab.winrm("E2K7Node2", "hostname")
    rc, out, _ = lab.winrm("E2K7Node1", "cluster E2K7CLUS node")    # node 1 and the witness: 2 of 3 votes
    assert rc == 0 and " Down\r\n" in out
    lab.ok("lab", "fail", "witness", "environments/lab.yaml")
    rc, _, _ = lab.winrm("E2K7Node1", "cluster E2K7CLUS node")      # 1 of 3 votes: quorum lost
    assert rc == 1722
    lab.ok("lab", "heal", "witness", "environments/lab.yaml")
    lab.ok("lab", "heal", "E2K7Node2", "environments/lab.yaml")
    rc, out, _ = lab.winrm("E2K7Node1", "cluster E2K7CLUS node")
    assert rc == 0 and out.count(" Up\r\n") == 2


def test_unknown_fault_is_bad_input(lab):
    result = lab.cli("lab", "fail", "E2K7Node9", "environments/lab.yaml")
    assert result.returncode == 2 and "E2K7Node9" in result.stderr


def test_a_killed_lab_loses_no_applied_change(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    rc, _, _ = lab.winrm("E2K7Node1", 'netsh interface set interface name="Local Area Connection" newname="Public"')
    assert rc == 0
    pid = json.loads((lab.root / ".lab/lab/endpoints.json").read_text())["pid"]
    os.kill(pid, signal.SIGKILL)
    out = lab.ok("lab", "up", "environments/lab.yaml")
    assert "started" in out
    rc, out, _ = lab.winrm("E2K7Node1", "ipconfig /all")
    assert "Ethernet adapter Public:" in out


def test_down_stops_serving_and_up_resumes_the_same_state(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    lab.converge("prerequisites", "network-settings")
    url = lab.urls["E2K7Node1"]
    assert "stopped" in lab.ok("lab", "down", "environments/lab.yaml")
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(url, timeout=5)
    lab.ok("lab", "up", "environments/lab.yaml")
    rc, out, _ = lab.winrm("E2K7Node1", "ipconfig /all")
    assert "Ethernet adapter Private:" in out


def test_up_an_environment_file_outside_the_project(lab, tmp_path):
    outside = tmp_path / "elsewhere" / "outside.yaml"
    outside.parent.mkdir()
    outside.write_text((lab.root / "environments" / "lab.yaml").read_text())
    try:
        out = lab.ok("lab", "up", str(outside), "--project", str(lab.root))
        assert "lab outside started" in out and "target: lab://outside" in out
        assert (lab.root / ".lab" / "outside" / "daemon.lock").read_text().strip().isdigit()
        status = json.loads(lab.ok("lab", "status", str(outside), "--project", str(lab.root), "--json"))
        assert status["running"] and set(status["endpoints"]) == {"E2K7DC01", "E2K7HUB01", "E2K7Node1", "E2K7Node2"}
    finally:
        assert "stopped" in lab.ok("lab", "down", str(outside), "--project", str(lab.root))


def test_down_never_signals_a_pid_from_a_stale_file(lab, tmp_path):
    import subprocess
    import sys
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        directory = lab.root / ".lab" / "stale"
        directory.mkdir(parents=True)
        (directory / "endpoints.json").write_text(json.dumps({"environment": "stale", "pid": bystander.pid,
                                                              "urls": {}}))
        stale = tmp_path / "stale.yaml"
        stale.write_text((lab.root / "environments" / "lab.yaml").read_text())
        assert "was not running" in lab.ok("lab", "down", str(stale), "--project", str(lab.root))
        assert bystander.poll() is None and not (directory / "endpoints.json").exists()
    finally:
        bystander.kill()
        bystander.wait()


def test_random_secrets_let_make_site_run_a_site_whose_variables_are_unset(lab):
    """`make site` runs every environment's lifecycle: Paris's secret variables are unset, so
    without --random-secrets the run stops before anything (exit 2, naming the variable)."""
    env = {k: v for k, v in lab.env.items() if not k.startswith("PAR1_")}
    refused = subprocess.run([sys.executable, "-m", "generator", "lab", "test", "environments/paris.yaml"],
                             cwd=lab.root, env=env, text=True, capture_output=True, timeout=240)
    assert refused.returncode == 2 and "PAR1_DOMAIN_ADMIN_PASSWORD" in refused.stderr, refused.stderr
    ran = subprocess.run([sys.executable, "-m", "generator", "lab", "test", "environments/paris.yaml", "--random-secrets"],
                         cwd=lab.root, env=env, text=True, capture_output=True, timeout=240)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "lab lifecycle of paris: every stage converged, stayed converged and verified" in ran.stdout
