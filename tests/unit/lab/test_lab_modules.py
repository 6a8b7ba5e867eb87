"""The lab's shared pieces: one argument splitter, one CRLF joiner, its own errors."""

import importlib
import inspect

import pytest

from generator.errors import LabError
from generator.lab import errors, lab as lab_module
from generator.lab.cmdshell.argv import split, unquote
from generator.lab.tooling import crlf


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
        importlib.import_module("generator.lab.tools.cmdline")


def test_tools_split_with_the_c_runtime_rules(lab_env):
    from generator.lab.baseline import baseline
    from generator.lab.context import HostContext
    from generator.lab.tooling import Invocation
    from generator.lab.tools import reg
    state = baseline(lab_env)
    ctx = HostContext(state, state.host("E2K7Node1"))
    out = reg.run(Invocation("reg", r'query "HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage" /v Bind', "", {},
                             None, "C:\\", ctx))
    assert out.rc == 0 and "Bind\tREG_MULTI_SZ\t" in out.stdout


def test_host_unavailable_is_the_lab_s_own_error():
    from generator.lab.winrm import HostUnavailable
    assert HostUnavailable is errors.HostUnavailable and issubclass(HostUnavailable, LabError)
    assert HostUnavailable.__module__ == "generator.lab.errors"
    source = inspect.getsource(lab_module)
    assert "_host_unavailable" not in source and "ImportError" not in source
