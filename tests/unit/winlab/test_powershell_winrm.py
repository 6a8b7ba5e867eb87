"""The lab's PowerShell through its real WinRM endpoint, as an unmodified pywinrm reaches it:
`run_ps` (an encoded command, errors as CLIXML that pywinrm decodes) and
`run_cmd('powershell', [...])`."""

import pytest
import winrm

from winlab.lab import Lab
from tests.unit.winlab.powershell_lab import HUB
from tests.unit.winlab.sites import topology

pytestmark = pytest.mark.timeout(60)
USER, PASSWORD = "E2K7\\Administrator", "Lab-Pa55word"


@pytest.fixture(scope="module")
def endpoint(lab_env, tmp_path_factory):
    lab = Lab.create(tmp_path_factory.mktemp("pswinrm") / "lab", topology(lab_env))
    lab.set_passwords({USER: PASSWORD})
    servers = lab.serve("127.0.0.1")
    try:
        yield winrm.Session(servers.urls[HUB], auth=(USER, PASSWORD), transport="ntlm", proxy=None)
    finally:
        servers.shutdown()


def test_run_ps_output_and_exit_code(endpoint):
    result = endpoint.run_ps("$n = 20 + 22; \"answer=$n\"; exit 3")
    assert (result.status_code, result.std_out, result.std_err) == (3, b"answer=42\r\n", b"")


def test_run_ps_unknown_cmdlet_comes_back_as_powershell_prints_it(endpoint):
    result = endpoint.run_ps("Get-StorageGroupCopyStatus")
    assert result.status_code == 1 and result.std_out == b""
    assert result.std_err.decode() == (
        "Get-StorageGroupCopyStatus : The term 'Get-StorageGroupCopyStatus' is not recognized as a cmdlet, function, "
        "operable program, or script file. Verify the term and try again.\nAt line:1 char:27\n"
        "+ Get-StorageGroupCopyStatus <<<<")             # pywinrm strips the CLIXML's text


def test_run_cmd_powershell_with_switches(endpoint):
    """run_cmd joins its arguments with blanks for cmd.exe: a `|` must be quoted, as on Windows."""
    result = endpoint.run_cmd("powershell", ["-NoLogo", "-NoProfile", "-NonInteractive", "-Command",
                                             '"Get-PSSnapin | Format-Table Name -HideTableHeaders"'])
    assert result.status_code == 0
    assert result.std_out.decode().split() == ["Microsoft.PowerShell.Core", "Microsoft.PowerShell.Host",
                                               "Microsoft.PowerShell.Management", "Microsoft.PowerShell.Security",
                                               "Microsoft.PowerShell.Utility"]


def test_run_cmd_powershell_native_command_and_lastexitcode(endpoint):
    result = endpoint.run_cmd("powershell", ["-NonInteractive", "-Command", "net stop nosuch; exit $LASTEXITCODE"])
    assert result.status_code == 2
    assert b"The service name is invalid." in result.std_err
