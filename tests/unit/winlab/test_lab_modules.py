"""The lab's shared pieces: one argument splitter, one CRLF joiner, its own errors; and
winlab on its own, without the engine that drives it."""

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from winlab import errors, lab as lab_module
from winlab.cmdshell.argv import split, unquote
from winlab.tooling import crlf
from tests.unit.winlab.sites import topology


@pytest.mark.parametrize("text, expected", [
    ('name="Local Area Connection 2" newname="Private"', ["name=Local Area Connection 2", "newname=Private"]),
    (r'/d "\Device\{G1}\0\Device\{G2}" /f', [r"/d", r"\Device\{G1}\0\Device\{G2}", "/f"]),
    (r'/passwordd:"pa ss\"word"', ['/passwordd:pa ss"word']),         # the C runtime's \" rule
    ('"say ""hi"""', ['say "hi"']),
    ('a  ""  b', ["a", "", "b"]),
])
def test_c_runtime_splitting(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize("text, expected", [
    ('E2K7CLUS res "Majority Node Set" /create /group:"Cluster Group"',
     ["E2K7CLUS", "res", '"Majority Node Set"', "/create", '/group:"Cluster Group"']),
    (r'/priv MNSFileShare=\\HUB01\MNS_FSW_E2K7CLUS', ["/priv", r"MNSFileShare=\\HUB01\MNS_FSW_E2K7CLUS"]),
    ("""nic where "NetConnectionID='Private'" get Index""", ["nic", "where", "\"NetConnectionID='Private'\"",
                                                           "get", "Index"]),
    ("  ", []),
])
def test_keep_quotes_splits_at_unquoted_white_space_only(text, expected):
    assert split(text, keep_quotes=True) == expected


def test_unquote_removes_every_quote():
    assert unquote('/group:"Cluster Group"') == "/group:Cluster Group"


def test_one_crlf_helper():
    assert crlf(["a", "", "b"]) == "a\r\n\r\nb\r\n" and crlf([]) == ""
    with pytest.raises(ImportError):
        importlib.import_module("winlab.tools.cmdline")


def test_tools_split_with_the_c_runtime_rules(lab_env):
    from winlab.baseline import baseline
    from winlab.context import HostContext
    from winlab.tooling import Invocation
    from winlab.tools import reg
    state = baseline(topology(lab_env))
    ctx = HostContext(state, state.host("E2K7Node1"))
    out = reg.run(Invocation("reg", r'query "HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage" /v Bind', "", {},
                             None, "C:\\", ctx))
    assert out.rc == 0 and "Bind\tREG_MULTI_SZ\t" in out.stdout


def test_host_unavailable_is_the_lab_s_own_error():
    from winlab.winrm import HostUnavailable
    assert HostUnavailable is errors.HostUnavailable and issubclass(HostUnavailable, errors.WinLabError)
    assert HostUnavailable.__module__ == "winlab.errors"
    source = inspect.getsource(lab_module)
    assert "_host_unavailable" not in source and "ImportError" not in source


ROOT = Path(__file__).resolve().parents[3]
# Every module of winlab imported, then a lab created, run, failed, served and logged in to,
# in a Python where `generator` cannot be imported at all.
WITHOUT_GENERATOR = r"""
import importlib, pkgutil, sys
from ipaddress import IPv4Address, IPv4Network
from pathlib import Path

class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "generator" or name.startswith("generator."):
            raise ImportError(f"winlab imported {name}")
        return None

sys.meta_path.insert(0, Blocker())
import winlab
for module in pkgutil.walk_packages(winlab.__path__, "winlab."):
    importlib.import_module(module.name)
from winlab.lab import Lab
from winlab.topology import AccountSpec, AdapterSpec, DomainSpec, HostSpec, Network, OsSpec, Topology
site = Topology("solo", "windows-2003", DomainSpec("solo.test", "SOLO", "windows-2003", controller="DC1"),
                [Network("lan", IPv4Network("10.0.0.0/24"), dhcp_server=IPv4Address("10.0.0.1"))],
                [HostSpec("DC1", OsSpec("2003"), [AdapterSpec("Local Area Connection", "lan", IPv4Address("10.0.0.1"))],
                          roles=frozenset({"directory"}), joined=True),
                 HostSpec("Box1", OsSpec("2003", "enterprise"), [AdapterSpec("Local Area Connection", "lan")])],
                [AccountSpec("SOLO\\Administrator")])
lab = Lab.create(Path(sys.argv[1]), site, mask=lambda text: text.replace("Pw-12345", "***"))
lab.set_passwords({"SOLO\\Administrator": "Pw-12345"})
print(lab.execute("Box1", "ipconfig").stdout.count("10.0.0."), lab.fail("directory"), lab.fail("lan-network"))
servers = lab.serve("127.0.0.1")
servers.shutdown()
lab.execute("Box1", "echo Pw-12345")
print("generator" in sys.modules, (Path(sys.argv[1]) / "commands.log").read_text().count("Pw-12345"))
"""


def test_winlab_runs_without_the_engine(tmp_path):
    done = subprocess.run([sys.executable, "-c", WITHOUT_GENERATOR, str(tmp_path / "lab")], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["1 DC1 down lan network cut", "False 0"]


def test_the_blocker_would_catch_an_import_of_the_engine(tmp_path):
    """The check above can fail: the same blocker stops a winlab that imports the engine."""
    leaky = WITHOUT_GENERATOR.replace("import winlab\n", "import winlab\nimport generator.errors\n", 1)
    done = subprocess.run([sys.executable, "-c", leaky, str(tmp_path / "lab")], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0 and "winlab imported generator" in done.stderr
