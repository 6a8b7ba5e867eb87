"""ping over the lab's networks: links, cut wires, hosts that are down, routes, names."""

import pytest

from winlab.lab import Lab
from tests.unit.winlab.sites import topology


def replies(address, count=2):
    return ("\r\nPinging {a} with 32 bytes of data:\r\n\r\n" + "Reply from {a}: bytes=32 time<1ms TTL=128\r\n" * count
            + "\r\nPing statistics for {a}:\r\n    Packets: Sent = {n}, Received = {n}, Lost = 0 (0% loss),\r\n"
            "Approximate round trip times in milli-seconds:\r\n    Minimum = 0ms, Maximum = 0ms, Average = 0ms\r\n"
            ).format(a=address, n=count)


def lost(address, line="Request timed out.", count=2):
    return ("\r\nPinging {a} with 32 bytes of data:\r\n\r\n" + f"{line}\r\n" * count
            + "\r\nPing statistics for {a}:\r\n    Packets: Sent = {n}, Received = 0, Lost = {n} (100% loss),\r\n"
            ).format(a=address, n=count)


@pytest.fixture
def lab(tmp_path, lab_env):
    """Both nodes with their static Private addresses, as the network-settings stage leaves them."""
    lab = Lab.create(tmp_path / "lab", topology(lab_env))
    for node, n in (("E2K7Node1", 1), ("E2K7Node2", 2)):
        out = lab.execute(node, 'netsh interface ip set address name="Local Area Connection 2" source=static '
                                f"addr=10.10.10.{n} mask=255.255.255.0 gateway=none")
        assert out.rc == 0
    return lab


def test_the_peer_s_private_address_answers(lab):
    out = lab.execute("E2K7Node1", "ping -n 2 10.10.10.2")
    assert (out.rc, out.stdout, out.stderr) == (0, replies("10.10.10.2"), "")


def test_a_cut_private_network_fails_the_ping(lab):
    lab.fail("private-network")
    out = lab.execute("E2K7Node1", "ping -n 2 10.10.10.2")
    assert (out.rc, out.stdout) == (1, lost("10.10.10.2"))
    assert lab.execute("E2K7Node1", 'ping -n 1 10.10.10.2 | find "TTL="').rc == 1
    assert lab.execute("E2K7Node1", "ping -n 1 192.168.10.10").rc == 0         # Public still answers
    lab.heal("private-network")
    assert lab.execute("E2K7Node1", "ping -n 1 10.10.10.2").rc == 0


def test_a_host_that_is_down_does_not_answer(lab):
    lab.fail("E2K7Node2")
    assert lab.execute("E2K7Node1", "ping -n 1 10.10.10.2").stdout == lost("10.10.10.2", count=1)


def test_the_private_network_is_not_routed(lab):
    """The domain controller has no leg on Private: its echo goes to its gateway and is lost."""
    assert lab.execute("E2K7DC01", "ping -n 1 10.10.10.2").stdout == lost("10.10.10.2", count=1)


def test_no_route_at_all(lab):
    lab.execute("E2K7Node1", 'netsh interface ip set address name="Local Area Connection" source=static '
                             "addr=192.168.10.21 mask=255.255.255.0 gateway=none")
    out = lab.execute("E2K7Node1", "ping -n 2 172.16.0.1")
    assert (out.rc, out.stdout) == (1, lost("172.16.0.1", "Destination host unreachable."))


def test_own_address_and_loopback(lab):
    assert lab.execute("E2K7Node1", "ping -n 1 10.10.10.1").stdout == replies("10.10.10.1", 1)
    assert lab.execute("E2K7Node1", "ping 127.0.0.1").stdout == replies("127.0.0.1", 4)


def test_names_resolve_through_the_domain_s_dns(lab):
    out = lab.execute("E2K7HUB01", "ping -n 1 e2k7dc01")
    assert out.rc == 0 and out.stdout.startswith(
        "\r\nPinging E2K7DC01.e2k7.local [192.168.10.10] with 32 bytes of data:\r\n")
    unknown = lab.execute("E2K7HUB01", "ping -n 1 E2K7Node1")                   # not a member (yet)
    assert (unknown.rc, unknown.stdout) == (
        1, "Ping request could not find host E2K7Node1. Please check the name and try again.\r\n")


@pytest.mark.parametrize("line", ["ping", "ping -t 10.10.10.2", "ping -n x 10.10.10.2", "ping -n 0 10.10.10.2",
                                  "ping 10.10.10.2 10.10.10.1", "ping -z 10.10.10.2"])
def test_bad_command_lines(lab, line):
    out = lab.execute("E2K7Node1", line)
    assert out.rc == 1 and out.stdout.startswith("\r\nUsage: ping")


def test_options(lab):
    out = lab.execute("E2K7Node1", "ping /n 1 -w 1000 -l 64 -4 10.10.10.2")
    assert out.rc == 0 and "Reply from 10.10.10.2: bytes=64 time<1ms TTL=128\r\n" in out.stdout


def test_2008_says_general_failure_without_a_route(tmp_path, lab_2008_env):
    lab = Lab.create(tmp_path / "lab2008", topology(lab_2008_env))
    lab.execute("E2K7Node1", 'netsh interface ipv4 set address name="Local Area Connection" source=static '
                             "address=192.168.10.21 mask=255.255.255.0 gateway=none")
    out = lab.execute("E2K7Node1", "ping -n 1 172.16.0.1")
    assert (out.rc, out.stdout) == (1, lost("172.16.0.1", "PING: transmit failed. General failure. ", 1))


def test_one_unplugged_cable_is_enough(lab):
    state = lab.store.read()
    state.host("E2K7Node1").adapter("Local Area Connection 2").media_connected = False
    lab.store.replace(state)
    assert lab.execute("E2K7Node1", "ping -n 1 10.10.10.2").stdout == lost("10.10.10.2", count=1)   # its own end
    assert lab.execute("E2K7Node2", "ping -n 1 10.10.10.1").stdout == lost("10.10.10.1", count=1)   # the far end
