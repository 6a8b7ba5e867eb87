"""Where PowerShell is: the hub from its baseline, a 2003 node after KB926139, a 2008 node after
`ServerManagerCmd -install PowerShell`; the execution policy; the start line of a runbook script."""

import pytest

from winlab.lab import Lab
from winlab.powershell import install
from tests.unit.winlab.powershell_lab import HUB, ps
from tests.unit.winlab.sites import topology

NOT_RECOGNIZED = "'powershell' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"
SCRIPT = "C:\\runbook\\06-transport-dumpster.ps1"
START = f"powershell.exe -NoProfile -NonInteractive -Command \"$LASTEXITCODE = 1; & '{SCRIPT}' E2K7HUB01; " \
        "exit $LASTEXITCODE\""


@pytest.fixture
def lab(lab_env, tmp_path):
    return Lab.create(tmp_path / "lab", topology(lab_env))


@pytest.fixture
def lab_2008(lab_2008_env, tmp_path):
    return Lab.create(tmp_path / "lab2008", topology(lab_2008_env, lenient=False))


def test_a_2003_node_has_no_powershell_until_kb926139(lab):
    out = lab.execute("E2K7Node1", "powershell -Command 1")
    assert (out.rc, out.stderr) == (9009, NOT_RECOGNIZED)
    with lab.store.transaction() as state:              # what the KB926139 installer records (exchange-lab's)
        state.hosts["E2K7Node1"].hotfixes.append(install.HOTFIX_2003)
    assert ps(lab, "1 + 1", host="E2K7Node1") == (0, "2\r\n", "")
    assert "WindowsPowerShell\\v1.0" in lab.execute("E2K7Node1", "echo %PATH%").stdout


def test_the_hub_has_it_from_its_baseline_with_the_full_path_too(lab):
    out = lab.execute(HUB, "C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\powershell.exe -Command \"$PSHOME\"")
    assert (out.rc, out.stdout) == (0, "C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\r\n")


def test_a_2008_node_gets_it_from_servermanagercmd(lab_2008):
    assert lab_2008.execute("E2K7Node1", "powershell -Command 1").rc == 9009
    out = lab_2008.execute("E2K7Node1", "ServerManagerCmd -install PowerShell <nul")
    assert out.rc == 0, out.stdout
    assert ps(lab_2008, "$PSHOME", host="E2K7Node1") == (0, "C:\\Windows\\system32\\WindowsPowerShell\\v1.0\r\n", "")


def test_restricted_policy_refuses_the_script_and_the_start_line_exits_1(lab):
    node = "E2K7Node1"                                  # PowerShell without Exchange: Restricted (the hub has
    with lab.store.transaction() as state:              # Exchange from its baseline, so RemoteSigned)
        state.hosts[node].hotfixes.append(install.HOTFIX_2003)
    lab.execute(node, f"mkdir C:\\runbook & echo Write-Host 'ran'; exit 0 > {SCRIPT}")
    assert ps(lab, "Get-ExecutionPolicy", host=node)[1] == "Restricted\r\n"
    out = lab.execute(node, START)
    assert (out.rc, out.stdout) == (1, "")
    assert out.stderr.startswith(f"File {SCRIPT} cannot be loaded because the execution of scripts is disabled on "
                                 "this system. Please see \"get-help about_signing\" for more details.\r\n")


def test_once_remotesigned_the_start_line_runs_the_script_and_passes_its_exit_code(lab):
    lab.execute(HUB, f"mkdir C:\\runbook & echo Write-Host 'ran'; exit 6 > {SCRIPT}")
    assert ps(lab, "Set-ExecutionPolicy RemoteSigned; Get-ExecutionPolicy")[1] == "RemoteSigned\r\n"
    out = lab.execute(HUB, START)
    assert (out.rc, out.stdout, out.stderr) == (6, "ran\r\n", "")


def test_a_script_in_the_current_folder_needs_a_path(lab):
    lab.execute(HUB, "echo 'x' > here.ps1")
    ps(lab, "Set-ExecutionPolicy Unrestricted")
    assert ps(lab, "here.ps1")[2].startswith("here.ps1 : The term 'here.ps1' is not recognized")
    assert ps(lab, ".\\here.ps1") == (0, "x\r\n", "")
