"""The Windows Server 2003 Support Tools: not on a fresh node, installed from the CD with msiexec [S63]."""

import pytest

from winlab.lab import Lab
from tests.unit.winlab.sites import topology

INSTALL = r'msiexec /i "D:\SUPPORT\TOOLS\SUPTOOLS.MSI" /qn'
NOT_RECOGNIZED = "'{}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n"
JOIN = r"netdom join %COMPUTERNAME% /domain:e2k7.local /userd:E2K7\Administrator /passwordd:Secret1"


@pytest.fixture
def lab(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "lab", topology(lab_env, lenient=False))
    lab.set_passwords({"E2K7\\Administrator": "Secret1"})
    return lab


@pytest.mark.parametrize("program", ["netdom", "nltest"])
def test_a_fresh_node_has_no_support_tools(lab, program):
    out = lab.execute("E2K7Node1", f"{program} /?")
    assert (out.rc, out.stdout, out.stderr) == (9009, "", NOT_RECOGNIZED.format(program))
    assert lab.execute("E2K7Node1", r'if exist "C:\Program Files\Support Tools" echo there').stdout == ""
    assert lab.execute("E2K7DC01", "nltest /sc_query:e2k7.local").rc != 9009          # the DC has them


def test_the_cd_holds_the_package(lab):
    out = lab.execute("E2K7Node1", r"if exist D:\SUPPORT\TOOLS\SUPTOOLS.MSI echo there")
    assert (out.rc, out.stdout) == (0, "there\r\n")


def test_msiexec_installs_them_for_the_processes_started_afterwards(lab):
    out = lab.execute("E2K7Node1", f"{INSTALL} & echo rc=%errorlevel%& {JOIN}")
    assert out.stdout.startswith("rc=0\r\n")
    assert out.rc == 9009 and out.stderr == NOT_RECOGNIZED.format("netdom")   # this cmd.exe kept its PATH
    full = lab.execute("E2K7Node1", rf'"C:\Program Files\Support Tools\netdom.exe" join %COMPUTERNAME% /d:x')
    assert full.rc == 1 and "does not exist or could not be contacted" in full.stdout
    assert lab.execute("E2K7Node1", JOIN).rc == 0                                  # a new process finds it
    assert r"C:\Program Files\Support Tools" in lab.execute("E2K7Node1", "echo %PATH%").stdout
    for program in ("netdom.exe", "nltest.exe"):
        found = lab.execute("E2K7Node1", rf'if exist "C:\Program Files\Support Tools\{program}" echo there')
        assert found.stdout == "there\r\n", program
    assert lab.execute("E2K7Node1", INSTALL).rc == 0                                # again: nothing changes
    assert lab.execute("E2K7Node2", "netdom /?").rc == 9009                         # per host


def test_a_copy_of_the_package_installs_too(lab):
    lab.execute("E2K7Node1", r"mkdir C:\kits & type D:\SUPPORT\TOOLS\SUPTOOLS.MSI > C:\kits\SUPTOOLS.MSI")
    assert lab.execute("E2K7Node1", r"cd /d C:\kits & msiexec /i suptools.msi /quiet").rc == 0
    assert lab.state().host("E2K7Node1").support_tools


@pytest.mark.parametrize("line, code", [
    (r'msiexec /i "E:\SUPPORT\TOOLS\SUPTOOLS.MSI" /qn', 1619),         # no such package
    (r'msiexec /i "C:\boot.ini" /qn', 1619),                          # not this package
    (r'msiexec /i "D:\SUPPORT\TOOLS\SUPTOOLS.MSI"', 1639),            # would wait on its dialogs
    ("msiexec /qn", 1639), (r"msiexec /x D:\SUPPORT\TOOLS\SUPTOOLS.MSI /qn", 1639),
])
def test_msiexec_failures(lab, line, code):
    out = lab.execute("E2K7Node1", line)
    assert (out.rc, out.stdout, out.stderr) == (code, "", "")
    assert not lab.state().host("E2K7Node1").support_tools


def test_the_2003_package_does_not_install_on_2008(tmp_path, lab_2008_env, lab_env):
    lab = Lab.create(tmp_path / "lab2008", topology(lab_2008_env, lenient=False))
    assert lab.execute("E2K7Node1", r"if exist D:\SUPPORT\TOOLS\SUPTOOLS.MSI echo there").stdout == ""
    ours = Lab.create(tmp_path / "lab2003", topology(lab_env, lenient=False))
    package = ours.state().host("E2K7Node1").files[r"D:\SUPPORT\TOOLS\SUPTOOLS.MSI"]
    lab.execute("E2K7Node1", r"mkdir C:\kits")
    state = lab.store.read()
    state.host("E2K7Node1").files[r"C:\kits\SUPTOOLS.MSI"] = package
    lab.store.replace(state)
    assert lab.execute("E2K7Node1", r"msiexec /i C:\kits\SUPTOOLS.MSI /qn").rc == 1603


def test_the_topology_may_say_they_are_installed(tmp_path, lab_env):
    lab = Lab.create(tmp_path / "lenient", topology(lab_env, lenient=True))
    assert lab.execute("E2K7Node1", r'if exist "C:\Program Files\Support Tools\netdom.exe" echo there').stdout == \
        "there\r\n"
    assert lab.execute("E2K7Node1", "netdom join x /d:e2k7.local").rc != 9009
