"""reg.exe over the registry view derived from the host's state."""

import pytest

from winlab import restarts
from winlab.baseline import baseline
from winlab.context import HostContext
from winlab.tooling import Invocation
from winlab.tools import reg
from tests.unit.winlab.sites import topology

LINKAGE = r"HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage"
NETBT = r"HKLM\SYSTEM\CurrentControlSet\Services\NetBT\Parameters\Interfaces\Tcpip_"
NETWORK = r"HKLM\SYSTEM\CurrentControlSet\Control\Network\{4D36E972-E325-11CE-BFC1-08002BE10318}"


def run(state, args, stdin="", host="E2K7Node1"):
    return reg.run(Invocation("reg", args, stdin, {}, None, "C:\\", HostContext(state, state.host(host))))


@pytest.fixture
def state(lab_env):
    return baseline(topology(lab_env))


def guids(state):
    return [a.guid for a in state.host("E2K7Node1").adapters]


def test_binding_order(state):
    public, private = guids(state)
    out = run(state, "query " + LINKAGE + " /v Bind")
    assert (out.rc, out.stderr) == (0, "")
    assert out.stdout == ("\r\n! REG.EXE VERSION 3.0\r\n\r\n"
                          "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Linkage\r\n"
                          f"    Bind\tREG_MULTI_SZ\t\\Device\\{public}\\0\\Device\\{private}\\0\\Device\\NdisWanIp\\0\\0\r\n"
                          "\r\n")


def test_file_and_printer_sharing_bindings(state):
    public, private = guids(state)
    state.host("E2K7Node1").file_sharing.remove(private)
    out = run(state, r"query HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Linkage /v Bind").stdout
    assert f"    Bind\tREG_MULTI_SZ\t\\Device\\NetbiosSmb\\0\\Device\\NetBT_Tcpip_{public}\\0\\0\r\n" in out


def test_netbios_options_and_connection_name(state):
    private = guids(state)[1]
    assert "    NetbiosOptions\tREG_DWORD\t0x0\r\n" in run(state, f"query {NETBT}{private} /v NetbiosOptions").stdout
    assert "    Name\tREG_SZ\tLocal Area Connection 2\r\n" in run(state, f"query {NETWORK}\\{private}\\Connection /v Name").stdout


def test_missing_key_or_value(state):
    for args in (f"query {NETBT}{{00000000-0000-0000-0000-000000000000}} /v NetbiosOptions", "query " + LINKAGE + " /v Nope",
                 r"query HKCU\Software"):
        out = run(state, args)
        assert (out.rc, out.stdout, out.stderr) == (
            1, "", "\r\nError:  The system was unable to find the specified registry key or value\r\n")


def test_query_lists_values_and_subkeys(state):
    out = run(state, r"query HKLM\SYSTEM\CurrentControlSet\Services\NetBT\Parameters").stdout
    assert "    EnableLMHOSTS\tREG_DWORD\t0x1\r\n" in out
    assert out.endswith("\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\NetBT\\Parameters\\Interfaces\r\n")


def test_add_maps_back_to_the_state(state):
    private = guids(state)[1]
    out = run(state, f"add {NETBT}{private} /v NetbiosOptions /t REG_DWORD /d 2 /f")
    assert (out.rc, out.stdout) == (0, "\r\nThe operation completed successfully\r\n\r\n")
    assert state.host("E2K7Node1").adapters[1].netbios_options == 2
    run(state, f'add {NETWORK}\\{private}\\Connection /v Name /t REG_SZ /d "Heartbeat" /f')
    assert state.host("E2K7Node1").adapters[1].connection_name == "Heartbeat"


def test_binding_order_written_applies_at_restart(state):
    public, private = guids(state)
    out = run(state, f"add {LINKAGE} /v Bind /t REG_MULTI_SZ /d \\Device\\{private}\\0\\Device\\{public} /f")
    assert out.rc == 0
    node = state.host("E2K7Node1")
    assert node.binding_order == [public, private]
    assert f"\\Device\\{private}\\0\\Device\\{public}" in run(state, "query " + LINKAGE + " /v Bind").stdout
    restarts.start(state, node, at=0.0)
    assert node.binding_order == [private, public] and node.pending.binding_order is None


def test_remote_access_stays_where_a_write_puts_it(state):
    public, private = guids(state)
    moved = f"\\Device\\{public}\\0\\Device\\NdisWanIp\\0\\Device\\{private}"
    assert run(state, f"add {LINKAGE} /v Bind /t REG_MULTI_SZ /d {moved} /f").rc == 0
    assert f"REG_MULTI_SZ\t{moved}\\0\\0" in run(state, "query " + LINKAGE + " /v Bind").stdout
    node = state.host("E2K7Node1")
    restarts.start(state, node, at=0.0)
    assert f"REG_MULTI_SZ\t{moved}\\0\\0" in run(state, "query " + LINKAGE + " /v Bind").stdout
    last = f"\\Device\\{public}\\0\\Device\\{private}\\0\\Device\\NdisWanIp"
    assert run(state, f"add {LINKAGE} /v Bind /t REG_MULTI_SZ /d {last} /f").rc == 0
    assert f"REG_MULTI_SZ\t{last}\\0\\0" in run(state, "query " + LINKAGE + " /v Bind").stdout


def test_add_without_force_asks(state):
    private = guids(state)[1]
    out = run(state, f"add {NETBT}{private} /v NetbiosOptions /t REG_DWORD /d 2", stdin="")
    assert out.stdout == "Value NetbiosOptions exists, overwrite(Y/N)? The operation was cancelled by the user.\r\n"
    assert state.host("E2K7Node1").adapters[1].netbios_options == 0
    run(state, f"add {NETBT}{private} /v NetbiosOptions /t REG_DWORD /d 2", stdin="y\r\n")
    assert state.host("E2K7Node1").adapters[1].netbios_options == 2


def test_unmappable_writes_are_refused(state):
    out = run(state, r"add HKLM\SOFTWARE\Vendor /v Setting /d x /f")
    assert (out.rc, out.stderr) == (1, "\r\nError:  Access is denied.\r\n")
    bogus = run(state, f"add {LINKAGE} /v Bind /t REG_MULTI_SZ /d \\Device\\{{BOGUS}} /f")
    assert bogus.rc == 1


def test_bad_syntax(state):
    out = run(state, "query")
    assert out.rc == 1 and out.stderr == '\r\nError:  Invalid syntax.\r\nType "REG QUERY /?" for usage.\r\n'
