"""The running lab's PowerShell, reached as a user would with pywinrm: the hub has it from its
baseline; a fresh 2003 node has none until the Exchange prerequisites install it."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.lab, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def fresh(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    return lab


def test_run_ps_on_the_hub(fresh):
    """The hub runs Exchange from its baseline, whose setup set the policy to RemoteSigned (a fresh
    node's PowerShell stays Restricted: tests/unit/winlab/test_powershell_install.py)."""
    result = fresh.session("E2K7HUB01").run_ps("Get-ExecutionPolicy; $env:COMPUTERNAME; exit 4")
    assert (result.status_code, result.std_out) == (4, b"RemoteSigned\r\nE2K7HUB01\r\n")


def test_run_ps_reports_an_unknown_cmdlet_as_powershell_1(fresh):
    result = fresh.session("E2K7HUB01").run_ps("Get-TransportConfig")
    assert result.status_code == 1
    assert result.std_err.decode().startswith("Get-TransportConfig : The term 'Get-TransportConfig' is not "
                                              "recognized as a cmdlet")


def test_a_fresh_2003_node_has_no_powershell(fresh):
    code, _, err = fresh.winrm("E2K7Node1", "powershell -NoProfile -Command 1")
    assert code == 9009 and "'powershell' is not recognized" in err
