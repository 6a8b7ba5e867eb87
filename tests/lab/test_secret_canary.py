"""A secret canary, used by every command of a full run, appears in no file the tool writes:
pages, scripts, site, results, reports, lab state, command log, daemon log."""

from __future__ import annotations

import pytest

from tests.conftest import CANARY

pytestmark = [pytest.mark.lab, pytest.mark.timeout(600)]


def test_canary_is_in_no_output(lab, tmp_path):
    lab.ok("lab", "test", "environments/lab.yaml")                       # reset, converge x2, verify
    assert lab.cli("verify", "environments/lab.yaml", "--target", "lab://lab", "--allow-destructive",
                   "--report", str(tmp_path / "report.json")).returncode == 0
    rc, _, _ = lab.winrm("E2K7Node1", 'netsh interface ip set address name="Private" gateway=10.10.10.254 gwmetric=0')
    assert rc == 0
    failing = lab.cli("verify", "environments/lab.yaml", "--target", "lab://lab", "--report",
                      str(tmp_path / "failing.json"))                  # a failed run writes its messages too
    assert failing.returncode == 1 and CANARY not in failing.stdout + failing.stderr
    lab.converge("network-settings")
    lab.ok("render", "environments/lab.yaml", "--out", str(tmp_path / "rendered"))
    lab.ok("build")
    rc, out, err = lab.winrm("E2K7Node1", "echo %LAB_DOMAIN_ADMIN_PASSWORD%")   # a client may echo it...
    assert CANARY not in out + err                                          # ...the shell does not have it
    log = (lab.root / ".lab/lab/commands.log").read_text()
    assert "03-join-domain.cmd" in log and "certutil -f -decode" in log    # the log is there and detailed
    scanned = 0
    for folder in (lab.root / ".lab", lab.root / "results", lab.root / "site", lab.root / "docs", tmp_path):
        for path in folder.rglob("*"):
            if path.is_file():
                scanned += 1
                assert CANARY.encode() not in path.read_bytes(), path
    assert scanned > 100
