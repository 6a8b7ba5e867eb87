"""Which machine each host is: `--host`/`--hosts` parsed against the environment, and a
`winrm://` URL that names one machine refused for a site of several hosts unless mapped."""

from __future__ import annotations

import pytest

from generator.errors import ConfigError, TargetError
from generator.targets import open_target
from generator.targets.hostmap import host_args, host_map
from generator.targets.winrm import WinRMTarget

pytestmark = pytest.mark.timeout(10)

ONE_MACHINE = "winrm://admin@one-host:5986"


def test_entries_name_hosts_in_any_case_and_keep_the_environments_spelling(lab_env):
    mapping = host_map(lab_env, ["e2k7node1=10.0.0.21", "E2K7NODE2 = [fe80::2]:5985"])
    assert mapping == {"E2K7Node1": "10.0.0.21", "E2K7Node2": "[fe80::2]:5985"}
    assert host_args(mapping) == ["--host", "E2K7Node1=10.0.0.21", "--host", "E2K7Node2=[fe80::2]:5985"]


def test_every_wrong_entry_is_reported_at_once(lab_env):
    with pytest.raises(TargetError) as caught:
        host_map(lab_env, ["E2K7Node9=10.0.0.9", "E2K7Node1", "E2K7Node2=h:99999", "E2K7DC01=a/b",
                           "E2K7HUB01=hub", "e2k7hub01=hub2"])
    assert str(caught.value).splitlines() == [
        "--host E2K7Node9=10.0.0.9: E2K7Node9 is not a host of lab (its hosts: E2K7DC01, E2K7HUB01, "
        "E2K7Node1, E2K7Node2)",
        "--host E2K7Node1: expected HOST=ADDRESS[:PORT]",
        "--host E2K7Node2=h:99999: the endpoint 'h:99999' has a bad port '99999'",
        "--host E2K7DC01=a/b: 'a/b' is not ADDRESS[:PORT] (a host name or address, and a port if not the URL's)",
        "--host e2k7hub01=hub2: E2K7HUB01 is given twice",
    ]


def test_a_hosts_file_is_checked_line_by_line_and_host_options_win(lab_env, tmp_path):
    good = tmp_path / "hosts.yaml"
    good.write_text("# which machine each host is\nE2K7DC01: dc01.corp.example\ne2k7node1: 10.0.0.21:5986\n")
    assert host_map(lab_env, ["E2K7Node1=10.9.9.9"], good) == {"E2K7DC01": "dc01.corp.example",
                                                               "E2K7Node1": "10.9.9.9"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("E2K7DC01: dc01\nE2K7Node7: 10.0.0.27\nE2K7Node1: 5986\nE2K7NODE1: x\n")
    with pytest.raises(ConfigError) as caught:
        host_map(lab_env, [], bad)
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:2: E2K7Node7: E2K7Node7 is not a host of lab (its hosts: E2K7DC01, E2K7HUB01, E2K7Node1, E2K7Node2)",
        f"{bad}:3: E2K7Node1: expected ADDRESS[:PORT] as text",
        f"{bad}:4: E2K7NODE1: E2K7Node1 is given twice",
    ]
    bad.write_text("- E2K7DC01\n")
    with pytest.raises(ConfigError, match=r":1: expected a mapping of host names to ADDRESS\[:PORT\]"):
        host_map(lab_env, [], bad)


def test_a_url_naming_one_machine_is_refused_for_several_hosts(lab_env):
    with pytest.raises(TargetError) as caught:
        open_target(ONE_MACHINE, lab_env, None)
    assert str(caught.value) == (
        "winrm://admin@one-host:5986 names one machine, but lab has 4 hosts (E2K7DC01, E2K7HUB01, E2K7Node1, "
        "E2K7Node2): say which machine each host is, with {host} or {address} in the URL "
        "(winrm://USER@{host}.corp.example) or with --host HOST=ADDRESS[:PORT] (or --hosts FILE)")


def test_a_url_naming_one_machine_serves_a_site_of_one_host():
    target = WinRMTarget(ONE_MACHINE, addresses={"SOLO01": "10.0.0.1"})
    assert target.route(["SOLO01"]) == {"SOLO01": "https://one-host:5986/wsman"}


def test_mapped_hosts_reach_their_machine_with_the_urls_scheme_and_options(lab_env):
    target = open_target("winrm://admin@ignored:5985/custom?scheme=http", lab_env, None,
                         hosts={"E2K7Node1": "10.0.0.21", "E2K7Node2": "node2.example:6000"})
    assert target.route(["E2K7Node1", "E2K7Node2"]) == {"E2K7Node1": "http://10.0.0.21:5985/custom",
                                                        "E2K7Node2": "http://node2.example:6000/custom"}


def test_every_host_a_run_needs_must_be_mapped(lab_env):
    target = open_target(ONE_MACHINE, lab_env, None, hosts={"E2K7Node1": "10.0.0.21"})
    with pytest.raises(TargetError) as caught:
        target.route(["E2K7DC01", "E2K7Node1", "E2K7Node2"])
    assert str(caught.value).splitlines() == [
        f"{host}: no --host HOST=ADDRESS says which machine {host} is (the target URL {ONE_MACHINE} names one "
        "machine, not one per host)" for host in ("E2K7DC01", "E2K7Node2")]
    with pytest.raises(TargetError, match="E2K7Node2: no --host"):
        target.run("E2K7Node2", "hostname")         # and nothing goes to the URL's machine instead


def test_a_mapping_overrides_the_placeholder_for_its_hosts_only(lab_env):
    target = open_target("winrm://admin@{address}", lab_env, None, hosts={"E2K7DC01": "dc-mgmt.example"})
    assert target.route(["E2K7DC01", "E2K7Node1"]) == {"E2K7DC01": "https://dc-mgmt.example:5986/wsman",
                                                       "E2K7Node1": "https://192.168.10.21:5986/wsman"}


def test_a_lab_target_takes_no_mapping(lab_env, project):
    with pytest.raises(TargetError, match=r"^lab://lab knows where its hosts are: --host and --hosts apply to "
                                          r"winrm:// targets only$"):
        open_target("lab://lab", lab_env, project, hosts={"E2K7Node1": "10.0.0.21"})


def test_the_key_names_the_machines_not_the_options(lab_env):
    def key(url, **hosts):
        return open_target(url, lab_env, None, hosts=hosts or None).key
    assert key("winrm://admin@{host}.corp?timeout=5") == key("winrm://other@{host}.CORP")
    assert key("winrm://admin@{host}.corp") != key("winrm://admin@{host}.test")
    assert key(ONE_MACHINE, E2K7Node1="a") != key(ONE_MACHINE, E2K7Node1="b")
