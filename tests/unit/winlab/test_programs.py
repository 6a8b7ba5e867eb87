"""Which program a command name finds on a host, and the fidelity table's coverage."""

import pytest

from winlab import assumptions, fidelity
from winlab.baseline import baseline
from winlab.tools import PROGRAMS, Programs, netsh, wmic
from tests.unit.winlab.sites import topology


@pytest.mark.parametrize("name", ["netsh", "NETSH.EXE", "Netsh.exe", r"C:\WINDOWS\system32\netsh.exe",
                                  r'"C:\WINDOWS\System32\netsh.exe"', r"c:\windows\system32\NETSH"])
def test_netsh_by_any_spelling(name):
    assert Programs().lookup(name) is netsh.run


def test_wmic_lives_in_wbem():
    assert Programs().lookup(r"C:\WINDOWS\system32\wbem\wmic.exe") is wmic.run
    assert Programs().lookup(r"C:\WINDOWS\system32\wmic.exe") is None


@pytest.mark.parametrize("name", ["netshx", "nets", r"C:\Temp\netsh.exe", "notepad", "netsh.com"])
def test_unknown_programs(name):
    assert Programs().lookup(name) is None


def test_programs_depend_on_the_host(lab_env):
    state = baseline(topology(lab_env, support_tools=True))
    node, dc = Programs(state.host("E2K7Node1")), Programs(state.host("E2K7DC01"))
    assert node.lookup("dsquery") is None and dc.lookup("dsquery") is not None
    assert node.lookup("netdom") is not None
    assert node.lookup(r"C:\Program Files\Support Tools\netdom.exe") is not None
    state.host("E2K7Node1").support_tools = False
    assert Programs(state.host("E2K7Node1")).lookup("netdom") is None


def test_fidelity_table_covers_every_program():
    assert set(PROGRAMS) <= fidelity.emulated_programs()
    for row in fidelity.FIDELITY:
        assert row.status in (fidelity.CONFIRMED, fidelity.UNCONFIRMED)
        assert row.sources.startswith("[") and row.forms and row.output


def test_assumptions_are_all_named_constants():
    names = [n for n in vars(assumptions) if not n.startswith("_") and n.isupper()]
    assert len(names) > 50
    assert all(isinstance(getattr(assumptions, n), (str, int, bool, dict, list, tuple)) for n in names)


def test_each_assumption_shows_its_own_note_never_text_from_a_string(tmp_path, monkeypatch):
    source = ('# --- net.exe ---\n\n'
              '# The banner, from memory.\n'
              'BANNER = "x"\n'
              'FOOTER = "\\r\\npopd\\r\\n# End of configuration\\r\\n"\n'
              'TABLE = {\n    "a": 1,\n}\n'
              'AFTER_TABLE = 2\n'
              'TRAILING = 3   # a note beside it\n')
    (tmp_path / "fake_assumptions.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    import fake_assumptions
    basis = {row.name: row.basis for row in fidelity.assumption_rows(fake_assumptions)}
    assert basis["BANNER"] == basis["FOOTER"] == "The banner, from memory."      # one group, one note
    assert basis["AFTER_TABLE"] == "No note of its own (section: net.exe)."     # not the note of a constant above
    assert basis["TRAILING"] == "a note beside it"
    assert all("popd" not in text for text in basis.values())
    assert all(row.basis for row in fidelity.assumption_rows(assumptions))
