"""Verification that can fail: one setting changed behind the runbook's back, through the
same WinRM path, makes exactly the matching scenario fail, naming host, setting,
expected and actual."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CANARY

pytestmark = [pytest.mark.lab, pytest.mark.destructive, pytest.mark.timeout(300)]

BIND = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage"


def failed_scenarios(lab, stage: str) -> dict[str, str]:
    result = json.loads((lab.root / "results" / "lab" / f"{stage}.json").read_text())
    return {s["name"]: s["message"] for s in result["scenarios"] if s["status"] == "failed"}


def break_and_verify(lab, host: str, command: str, stage: str) -> dict[str, str]:
    rc, out, err = lab.winrm(host, command)
    assert rc == 0, (command, out, err)
    verification = lab.verify(stage)
    assert verification.returncode == 1, verification.stdout + verification.stderr
    return failed_scenarios(lab, stage)


@pytest.fixture
def converged(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    lab.converge()
    assert lab.verify().returncode == 0
    return lab


def test_dns_registration_back_on_for_private(converged):
    failed = break_and_verify(converged, "E2K7Node1",
                              'netsh interface ip set dns name="Private" source=static addr=none register=primary',
                              "network-settings")
    assert list(failed) == ["Private does not register in DNS"]
    assert "E2K7Node1: Private DNS registration: expected none, actual primary" in failed["Private does not register in DNS"]
    assert "1 step(s) changed" in converged.converge("network-settings")      # apply repairs the drift
    assert converged.verify("network-settings").returncode == 0


def test_netbios_enabled_again_on_private(converged):
    command = ("for /f %i in ('wmic nic where \"NetConnectionID='Private'\" get Index ^<nul ^| findstr /r \"^[0-9]\"') "
               "do wmic nicconfig where Index=%i call SetTcpipNetbios 1 <nul")
    failed = break_and_verify(converged, "E2K7Node2", command, "network-settings")
    name = "LMHOSTS lookup is off and NetBIOS over TCP/IP on Private is as the site requires"
    assert list(failed) == [name]
    assert "E2K7Node2: NetBIOS over TCP/IP on Private: expected disabled, actual enabled" in failed[name]


def test_binding_order_swapped(converged):
    rc, out, _ = converged.winrm("E2K7Node1", f"reg query {BIND} /v Bind")
    entries = out.split("REG_MULTI_SZ")[1].strip().split("\\0")
    entries = [e for e in entries if e]
    swapped = "\\0".join([entries[1], entries[0], *entries[2:]])
    failed = break_and_verify(converged, "E2K7Node1",
                              f'reg add {BIND} /v Bind /t REG_MULTI_SZ /d "{swapped}" /f', "network-settings")
    name = "Public comes first in the binding order, then Private"
    assert list(failed) == [name]
    assert "E2K7Node1: TCP/IP binding order: expected Public, Private, actual Private, Public" in failed[name]


def test_a_gateway_on_private(converged):
    failed = break_and_verify(converged, "E2K7Node1",
                              'netsh interface ip set address name="Private" gateway=10.10.10.254 gwmetric=1',
                              "network-settings")
    name = "Private has an address and a mask only"
    assert list(failed) == [name]
    assert "E2K7Node1: Private default gateway: expected none, actual 10.10.10.254" in failed[name]


def test_second_node_evicted(converged):
    failed = break_and_verify(converged, "E2K7Node1", "cluster E2K7CLUS node E2K7Node2 /evict", "add-second-node")
    name = "The cluster has exactly the environment's two nodes, both Up"
    assert list(failed) == [name]
    assert "E2K7Node2: state in cluster E2K7CLUS: expected Up, actual not a member" in failed[name]


def test_quorum_left_local(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    lab.converge("prerequisites", "network-settings", "join-domain")
    create = (r'cluster E2K7CLUS /create /ipaddr:192.168.10.20,255.255.255.0,"Public" /user:E2K7\Administrator '
              f'/pass:"{CANARY}" /node:E2K7Node1')         # the cluster, but no Majority Node Set conversion
    failed = break_and_verify(lab, "E2K7Node1", create, "create-cluster")
    name = "A Majority Node Set is the quorum resource"
    assert list(failed) == [name]
    assert "E2K7Node1: resource 'Majority Node Set': expected Online in Cluster Group, actual missing" in failed[name]
    lab.ok("lab", "reset", "environments/lab.yaml")
