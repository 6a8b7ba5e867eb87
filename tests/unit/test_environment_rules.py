"""Every rule of the environment model, each shown failing, with `file:line: field: message`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.environments import load_environments
from generator.errors import ConfigError
from tests.conftest import DELETE, ROOT


def problems_of(project, path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_environments(project, [path])
    return [str(p) for p in caught.value.problems]


def assert_problem(project, path: Path, field: str, fragment: str, key: str | None = None) -> None:
    """Exactly one problem names `field`; its message has `fragment`; its line shows `key`."""
    found = [p for p in problems_of(project, path) if f": {field}: " in p]
    assert len(found) == 1, f"expected one problem for {field}, got: {problems_of(project, path)}"
    match = re.match(rf"^(?P<file>[^:]+):(?P<line>\d+): {re.escape(field)}: (?P<msg>.*)$", found[0], re.S)
    assert match, found[0]
    assert fragment in match["msg"], found[0]
    line = path.read_text().splitlines()[int(match["line"]) - 1]
    assert (key or field.rsplit(".", 1)[-1].split("[")[0]) in line, f"line {match['line']} is {line!r}"


FIELD_RULES = [
    ({"cluster.heartbeat": {"missed": 11}}, "cluster.heartbeat.missed", "less than or equal to 10"),
    ({"cluster.heartbeat": {"missed": 2}}, "cluster.heartbeat.missed", "greater than or equal to 3"),
    ({"nodes[0].name": "E2K7NODE1234567X"}, "nodes[0].name", "1 to 15"),
    ({"cluster.name": "E2K7*CLUS"}, "cluster.name", "NetBIOS names exclude"),
    ({"cluster.name": "-E2K7CLUS"}, "cluster.name", "starts or ends with a hyphen"),
    ({"witness.name": ".HUB01"}, "witness.name", "starts with a period"),
    ({"domain_controller.name": "12345"}, "domain_controller.name", "all digits"),
    ({"exchange.cms.name": "E2K7_CMS"}, "exchange.cms.name", "not a valid DNS host name"),
    ({"domain.fqdn": "-e2k7.local"}, "domain.fqdn", "inner hyphens"),
    ({"nodes[0].private.original_name": "LAN:2"}, "nodes[0].private.original_name", "connection names exclude"),
    ({"nodes[0].private.original_name": 'LAN "2"'}, "nodes[0].private.original_name", "cannot carry"),
    ({"domain.admin.user": "E2K7\\ad[min]"}, "domain.admin.user", "cannot contain [ ]"),
    ({"domain.admin.user": "E2K7\\" + "a" * 21}, "domain.admin.user", "1 to 20 characters"),
    ({"cluster.address": True}, "cluster.address", "not an IPv4 address written as text"),
    ({"nodes[0].public.gateway": 7}, "nodes[0].public.gateway", "not an IPv4 address written as text"),
    ({"nodes[0].public.address": "10.1.1.21"}, "nodes[0].public.address", "with its prefix"),
    ({"nodes[0].os.service_pack": True}, "nodes[0].os.service_pack", "valid integer"),
    ({"nodes[0].kb921181": 1}, "nodes[0].kb921181", "valid boolean"),
    ({"cluster.service_account.user": "clusvc"}, "cluster.service_account.user", "DOMAIN\\user"),
    ({"nodes[1].os.edition": "standard"}, "nodes[1].os.edition", "Enterprise and Datacenter"),
    ({"domain.functional_level": "windows-2008"}, "domain.functional_level", "must be one of"),
    ({"nodes[0].private.gateway": "10.10.10.254"}, "nodes[0].private.gateway", "address and mask only"),
    ({"nodes[0].private.dns_servers": ["10.10.10.9"]}, "nodes[0].private.dns_servers", "address and mask only"),
    ({"nodes[0].public.address": "192.168.10.0/24"}, "nodes[0].public.address", "network address"),
    ({"nodes[0].public.dns_servers": []}, "nodes[0].public.dns_servers", "at least 1"),
    ({"nodes[0].os.service_pack": 3}, "nodes[0].os.service_pack", "less than or equal to 2"),
    ({"exchange.storage_groups[0].databases": [{"name": "a"}, {"name": "b"}]},
     "exchange.storage_groups[0].databases", "one database per storage group"),
    ({"domain.admin.password": {"env": "1BAD NAME"}}, "domain.admin.password.env", "should match pattern"),
    ({"domain.forest_root": "-e2k7.local"}, "domain.forest_root", "inner hyphens"),
    ({"nodes[0].os.architecture": "ia64"}, "nodes[0].os.architecture", "'x64' or 'x86'"),
    ({"nodes[0].support_tools": {"msi": "SUPPORT\\TOOLS\\SUPTOOLS.MSI"}}, "nodes[0].support_tools.msi",
     "not a local path"),
    ({"nodes[1].support_tools": {"installed": "yes please"}}, "nodes[1].support_tools.installed", "valid boolean"),
    # the Exchange part (issue 10)
    ({"exchange.storage_groups[0].name": "SG\\1"}, "exchange.storage_groups[0].name", "cannot hold a backslash"),
    ({"exchange.storage_groups[1].database.name": "DB\\2"}, "exchange.storage_groups[1].database.name",
     "cannot hold a backslash"),
    ({"exchange.dumpster": {"max_size_mb": 0}}, "exchange.dumpster.max_size_mb", "disables the transport dumpster"),
    ({"exchange.dumpster": {"max_age_days": 0}}, "exchange.dumpster.max_age_days", "disables the transport dumpster"),
    ({"exchange.dumpster": {"max_age_days": -7}}, "exchange.dumpster.max_age_days", "negative"),
    ({"exchange.mount_dial": "Lossy"}, "exchange.mount_dial", "'Lossless', 'GoodAvailability' or 'BestAvailability'"),
    ({"exchange.setup_path": "\\\\HUB\\Exchange"}, "exchange.setup_path", "not a local path"),
    ({"nodes[0].private.replication_host_name": {"name": "E2K7N1*REPL", "address": "10.10.10.11"}},
     "nodes[0].private.replication_host_name.name", "NetBIOS names exclude"),
]


@pytest.mark.parametrize("edits,field,fragment", FIELD_RULES, ids=[r[1] for r in FIELD_RULES])
def test_field_rule_fails_with_location(project, env_file, edits, field, fragment):
    assert_problem(project, env_file(edits), field, fragment)


CROSS_RULES = [
    ({"nodes[0].os.release": "2008"}, "nodes[0].os.release", "does not match platform windows-2003"),
    ({"nodes[0].os.service_pack": 0}, "nodes[0].os.service_pack", "SP1 or later"),
    ({"nodes[1].kb921181": False}, "nodes[1].kb921181", "KB 921181"),
    ({"witness.name": "E2K7Node1"}, "witness.name", "is already nodes[0].name"),
    ({"domain_controller.name": "E2K7Node2"}, "domain_controller.name", "is already nodes[1].name"),
    ({"exchange.cms.name": "e2k7clus"}, "exchange.cms.name", "is already cluster.name"),
    ({"nodes[0].setup_name": "E2K7NODE2"}, "nodes[0].setup_name", "is already nodes[1].name"),
    ({"nodes[0].setup_name": "WIN-A1", "nodes[1].setup_name": "win-a1"}, "nodes[1].setup_name",
     "is already nodes[0].setup_name"),
    ({"nodes[1].private.address": "10.10.10.1/24"}, "nodes[1].private.address",
     "10.10.10.1 is already nodes[0].private.address"),
    ({"witness.address": "192.168.10.22"}, "witness.address", "is already nodes[1].public.address"),
    ({"nodes[0].public.gateway": "192.168.10.22"}, "nodes[0].public.gateway", "is already nodes[1].public.address"),
    ({"nodes[1].public.gateway": "192.168.10.20"}, "nodes[1].public.gateway", "is already cluster.address"),
    ({"nodes[0].private.address": "169.254.10.1/16", "nodes[1].private.address": "169.254.10.2/16"},
     "nodes[0].private.address", "APIPA"),
    ({"cluster.address": "192.168.10.255"}, "cluster.address", "broadcast address of the public subnet"),
    ({"exchange.cms.address": "192.168.10.0"}, "exchange.cms.address", "network address of the public subnet"),
    ({"domain_controller.address": "10.10.10.10"}, "nodes[0].private.address", "holds domain_controller.address"),
    ({"witness.address": "10.10.10.11"}, "nodes[1].private.address", "holds witness.address"),
    ({"nodes[0].private.address": "192.168.10.50/24"}, "nodes[0].private.address", "overlaps the public subnet"),
    ({"nodes[1].private.address": "10.10.11.2/24"}, "nodes[1].private.address", "not on nodes[0]'s private subnet"),
    ({"nodes[1].public.address": "192.168.11.22/24", "nodes[1].public.gateway": "192.168.11.1"},
     "nodes[1].public.address", "cannot span subnets"),
    ({"nodes[0].public.gateway": "192.168.11.1"}, "nodes[0].public.gateway", "not on the public subnet"),
    ({"cluster.address": "10.99.0.20"}, "cluster.address", "not on the public subnet"),
    ({"exchange.cms.address": "10.99.0.30"}, "exchange.cms.address", "not on the public subnet"),
    ({"nodes[0].private.original_name": "local area connection"}, "nodes[0].private.original_name",
     "is already nodes[0].public.original_name"),
    ({"nodes[0].public.original_name": "Private"}, "nodes[0].public.original_name", "cannot start out named"),
    ({"nodes[1].private.original_name": "Public"}, "nodes[1].private.original_name",
     "cannot start out named 'Public'"),
    ({"cluster.quorum": "node-and-file-share-majority"}, "cluster.quorum", "use majority-node-set"),
    ({"nodes[1].os.architecture": "x86"}, "nodes[1].os.architecture", "production Exchange 2007 needs the x64"),
    ({"cluster.service_account": DELETE}, "cluster.service_account", "required on windows-2003"),
    ({"domain.admin.user": "OTHER\\Administrator"}, "domain.admin.user", "not an account of domain E2K7"),
    ({"cluster.service_account.user": "OTHER\\svc-cluster"}, "cluster.service_account.user",
     "not an account of domain E2K7"),
    ({"domain.admin.user": "Administrator@e2k7.local"}, "domain.admin.user", "write it E2K7\\Administrator"),
    ({"exchange.storage_groups[1].name": "first storage group"}, "exchange.storage_groups[1].name",
     "is already exchange.storage_groups[0].name"),
    ({"exchange.storage_groups[1].database.name": "Mailbox Database"},
     "exchange.storage_groups[1].database.name", "is already"),
    ({"exchange.storage_groups[0].database.kind": "public-folder",
      "exchange.storage_groups[1].database.kind": "public-folder"},
     "exchange.storage_groups[1].database.kind", "one public folder database"),
    ({"exchange.storage_groups[0].database.kind": "public-folder", "exchange.other_public_folder_databases": 2},
     "exchange.storage_groups[0].database.kind", "only if it is the only one"),
    # the file share witness (issue 9): a share of its own, a folder Windows can make, reached over Public
    ({"witness.share": "ADMIN$"}, "witness.share", "administrative share"),
    ({"witness.share": "C$"}, "witness.share", "administrative share"),
    ({"witness.share": "MNS FSW"}, "witness.share", "letters, digits"),
    ({"witness.path": "C:\\"}, "witness.path", "root of a drive"),
    ({"witness.path": "C:\\FSW\\NUL"}, "witness.path", "names a device"),
    ({"witness.path": "C:\\FSW."}, "witness.path", "cannot end with a dot"),
    ({"witness.path": "C:\\FSW\\\\X"}, "witness.path", "empty folder name"),
    ({"witness.path": "C:\\" + "F" * 250}, "witness.path", "at most 247"),
    ({"witness.path": "C:\\FSW%TEMP%"}, "witness.path", "cannot carry"),
    ({"witness.address": "172.16.0.5", "nodes[0].public.gateway": DELETE}, "witness.address",
     "cannot reach its witness"),
    ({"cluster.heartbeat": {"missed": 4, "delay_ms": 500}}, "cluster.heartbeat.delay_ms", "Windows Server 2008 only"),
    # the Exchange part (issue 10): replication host names, setup media
    ({"nodes[1].private.replication_host_name": {"name": "E2K7CMS", "address": "10.10.10.12"}},
     "nodes[1].private.replication_host_name.name", "is already exchange.cms.name"),
    ({"nodes[1].private.replication_host_name": {"name": "e2k7n1repl", "address": "10.10.10.12"}},
     "nodes[1].private.replication_host_name.name", "is already nodes[0].private.replication_host_name.name"),
    ({"nodes[1].private.replication_host_name": {"name": "E2K7N2REPL", "address": "10.10.10.1"}},
     "nodes[1].private.replication_host_name.address", "is already nodes[0].private.address"),
    ({"nodes[0].private.replication_host_name": {"name": "E2K7N1REPL", "address": "192.168.10.31"}},
     "nodes[0].private.replication_host_name.address", "not on the private subnet"),
    ({"nodes[0].private.replication_host_name": {"name": "E2K7N1REPL", "address": "10.10.10.255"}},
     "nodes[0].private.replication_host_name.address", "broadcast address of the private subnet"),
    ({"nodes[1].private.replication_host_name": DELETE}, "nodes[1].private", "give both nodes one, or neither"),
    ({"exchange.setup_path": "E:\\setup.com"}, "exchange.setup_path", "names a program"),
    ({"exchange.setup_path": "E:\\Exchange%SP1%"}, "exchange.setup_path", "cannot carry"),
    ({"exchange.prerequisites_path": DELETE}, "exchange.prerequisites_path", "required on windows-2003"),
    # stricter than the article ("if you already have more than one"): one other is already too many
    ({"exchange.storage_groups[0].database.kind": "public-folder", "exchange.other_public_folder_databases": 1},
     "exchange.storage_groups[0].database.kind", "only if it is the only one"),
]


@pytest.mark.parametrize("edits,field,fragment", CROSS_RULES, ids=[r[1] + "-" + r[2][:20] for r in CROSS_RULES])
def test_cross_field_rule_fails_with_location(project, env_file, edits, field, fragment):
    key = {"cluster.service_account": "service_account", "nodes[1].private": "private:",
           "exchange.prerequisites_path": "exchange:"}.get(field)
    path = env_file(edits)
    if key:    # a deleted key is blamed on its parent's line (or, for a rule about a whole object, its own)
        found = [p for p in problems_of(project, path) if f": {field}: " in p]
        assert len(found) == 1 and fragment in found[0]
        line = path.read_text().splitlines()[int(found[0].split(":")[1]) - 1]
        assert {"service_account": "cluster:"}.get(key, key) in line, line
    else:
        assert_problem(project, path, field, fragment, key)


def test_the_issue_example_names_the_exact_line(project, env_file):
    path = env_file({"nodes[1].private.address": "10.10.10.1/24"}, name="x")
    lines = path.read_text().splitlines()
    second = [i for i, l in enumerate(lines, 1) if "address: 10.10.10.1/24" in l][1]
    assert f"{path}:{second}: nodes[1].private.address: 10.10.10.1 is already nodes[0].private.address" \
        in problems_of(project, path)


def test_windows_2008_rules(project, env_file):
    path = env_file({"nodes[0].kb921181": True, "cluster.service_account": {"user": "FABRIKAM-NA\\svc",
                     "password": {"env": "X"}}}, source="dallas.yaml")
    problems = problems_of(project, path)
    assert any("nodes[0].kb921181: KB 921181 is a Windows Server 2003 update" in p for p in problems)
    assert any("cluster.service_account: not used on windows-2008" in p for p in problems)


def test_the_support_tools_are_a_windows_2003_setting(project, env_file):
    path = env_file({"nodes[1].support_tools": {"installed": True}}, source="dallas.yaml")
    assert_problem(project, path, "nodes[1].support_tools", "Windows Server 2003 only", key="support_tools")


def test_a_32_bit_lab_site_is_accepted_when_it_says_it_is_not_production(project, env_file):
    path = env_file({"nodes[0].os.architecture": "x86", "nodes[1].os.architecture": "x86",
                     "exchange.production": False})
    [environment] = load_environments(project, [path])
    assert [n.os.architecture for n in environment.params.nodes] == ["x86", "x86"]


def test_a_node_s_setup_name_is_a_host_alias_for_its_scripts(project, env_file):
    [environment] = load_environments(project, [env_file({"nodes[1].setup_name": "WIN-7QK2M3",
                                                          "nodes[0].setup_name": "e2k7node1"})])
    assert environment.params.host_aliases() == {"E2K7Node2": ("WIN-7QK2M3",)}     # its own name is no alias


def test_the_forest_level_is_read_in_the_forest_root(project, env_file):
    """A child domain's forest level lives in the root domain's configuration naming context."""
    [child] = load_environments(project, [env_file({"domain.forest_root": "fabrikam.local"}, source="dallas.yaml")])
    assert child.params.domain.partitions_dn == "CN=Partitions,CN=Configuration,DC=fabrikam,DC=local"
    [lab] = load_environments(project, [ROOT / "environments" / "lab.yaml"])
    assert lab.params.domain.partitions_dn == "CN=Partitions,CN=Configuration,DC=e2k7,DC=local"
    assert lab.params.nodes[0].support_tools.msi == "D:\\SUPPORT\\TOOLS\\SUPTOOLS.MSI"


def test_windows_2008_release_mismatch(project, env_file):
    path = env_file({"nodes[1].os.release": "2003-r2"}, source="dallas.yaml")
    assert_problem(project, path, "nodes[1].os.release", "does not match platform windows-2008", key="release")


def test_windows_2008_public_addresses_may_span_subnets(project, env_file):
    """Exchange 2007 SP1 on Windows Server 2008 supports multi-subnet clusters [S81]."""
    path = env_file({"nodes[1].public.address": "10.40.10.22/24", "nodes[1].public.gateway": "10.40.10.1"},
                    source="dallas.yaml")
    [environment] = load_environments(project, [path])
    assert environment.params.nodes[1].public.address.network != environment.params.nodes[0].public.address.network


def test_a_public_folder_database_alone_in_the_organisation_is_accepted(project, env_file):
    path = env_file({"exchange.storage_groups[1].database.kind": "public-folder",
                     "exchange.other_public_folder_databases": 0})
    load_environments(project, [path])


def test_replication_host_name_is_a_private_connection_setting(project, env_file):
    """Dallas (2008) has one per node on its /29 Private; the node's own address cannot be the name's."""
    [dallas] = load_environments(project, [ROOT / "environments" / "dallas.yaml"])
    assert [(n.name, str(a.address)) for n, a in dallas.params.replication_host_names] == [
        ("DFWEXMB2A", "192.168.250.3"), ("DFWEXMB2B", "192.168.250.4")]
    path = env_file({"nodes[0].private.replication_host_name": {"name": "DFWEXMB2AR", "address": "192.168.250.1"}},
                    source="dallas.yaml")
    assert_problem(project, path, "nodes[0].private.replication_host_name.address",
                   "192.168.250.1 is already nodes[0].private.address", key="address: 192.168.250.1")


def test_the_exchange_defaults_are_the_documented_ones(project, env_file):
    """Dumpster 18 MB and 7 days, BestAvailability [S17][S11] when the file says nothing."""
    path = env_file({"exchange.dumpster": DELETE, "exchange.mount_dial": DELETE}, source="dallas.yaml")
    [environment] = load_environments(project, [path])
    exchange = environment.params.exchange
    assert (exchange.dumpster.max_size_mb, exchange.dumpster.max_age_days, exchange.mount_dial) == \
        (18, 7, "BestAvailability")


def test_the_2003_installers_folder_is_refused_on_2008(project, env_file):
    path = env_file({"exchange.prerequisites_path": "D:\\Prereqs"}, source="dallas.yaml")
    assert_problem(project, path, "exchange.prerequisites_path", "Windows Server 2003 only")


def test_exactly_two_nodes_not_three(project, env_file):
    third = {"name": "E2K7Node3", "os": {"release": "2003-r2", "edition": "enterprise", "service_pack": 1},
             "kb921181": True,
             "public": {"original_name": "Local Area Connection", "address": "192.168.10.23/24",
                        "gateway": "192.168.10.1", "dns_servers": ["192.168.10.10"]},
             "private": {"original_name": "Local Area Connection 2", "address": "10.10.10.3/24"}}
    lab = ROOT / "environments" / "lab.yaml"
    from ruamel.yaml import YAML
    nodes = YAML(typ="safe").load(lab.read_text())["nodes"] + [third]
    path = env_file({"nodes": nodes})
    assert any(": nodes: List should have at most 2 items" in p for p in problems_of(project, path))


def test_storage_group_limit(project, env_file):
    groups = [{"name": f"SG{i}", "database": {"name": f"DB{i}"}} for i in range(51)]
    assert_problem(project, env_file({"exchange.storage_groups": groups}), "exchange.storage_groups",
                   "at most 50", key="storage_groups")


def test_exactly_two_nodes(project, env_file):
    path = env_file({"nodes[1]": DELETE})
    assert any(": nodes: List should have at least 2 items" in p for p in problems_of(project, path))


def test_unknown_field_suggests_the_right_one(project, env_file):
    path = env_file({"nodes[0].public.adress": "1.2.3.4/24"})
    assert_problem(project, path, "nodes[0].public.adress", "did you mean 'address'?", key="adress")


def test_missing_field_is_named(project, env_file):
    assert_problem(project, env_file({"cluster.address": DELETE}), "cluster.address",
                   "required field is missing", key="cluster")


def test_secret_value_is_refused_and_never_echoed(project, env_file):
    path = env_file({"domain.admin.password": "hunter2-canary"})
    problems = problems_of(project, path)
    assert any("domain.admin.password: a secret must be a reference" in p for p in problems)
    assert not any("hunter2-canary" in p for p in problems)


def test_every_error_of_every_file_at_once(project, env_file):
    first = env_file({"nodes[0].name": "X" * 16, "cluster.name": "A*B"}, name="one")
    second = env_file({"witness.name": "E2K7Node2"}, name="two")
    with pytest.raises(ConfigError) as caught:
        load_environments(project, [first, second])
    text = str(caught.value)
    assert "one.yaml" in text and "nodes[0].name" in text and "cluster.name" in text
    assert "two.yaml" in text and "witness.name: E2K7Node2 is already nodes[1].name" in text


def test_yaml_syntax_and_duplicate_keys_are_located(project, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("runbook: exchange-2007-ccr\ntitle: [unclosed\n")
    assert re.search(r"broken\.yaml:\d+: YAML syntax", problems_of(project, broken)[0])
    duplicated = tmp_path / "dup.yaml"
    duplicated.write_text("runbook: exchange-2007-ccr\ntitle: A\ntitle: B\n")
    assert re.search(r"dup\.yaml:3: YAML syntax: .*duplicate key", problems_of(project, duplicated)[0])


def test_unknown_runbook_and_bad_file_name(project, tmp_path):
    path = tmp_path / "Bad Name.yaml"
    path.write_text("runbook: no-such-runbook\n")
    problems = problems_of(project, path)
    assert any(":1: runbook: no runbook 'no-such-runbook'" in p for p in problems)


def test_shipped_environments_are_valid(project):
    names = [e.name for e in load_environments(project, sorted((ROOT / "environments").glob("*.yaml")))]
    assert names == ["dallas", "lab", "paris"]
