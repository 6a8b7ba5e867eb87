"""The freshly installed lab of environments/lab.yaml (lab-spec section 4)."""

from ipaddress import IPv4Address, IPv4Interface

from winlab import network
from winlab.baseline import baseline
from winlab.state import LabState
from tests.unit.winlab.sites import topology


def test_hosts_and_roles(lab_env):
    state = baseline(topology(lab_env))
    assert list(state.hosts) == ["E2K7DC01", "E2K7HUB01", "E2K7Node1", "E2K7Node2"]
    assert [h.roles for h in state.hosts.values()] == [["dc"], ["hub-transport", "witness"], ["node"], ["node"]]
    assert [h.domain_controller for h in state.hosts.values()] == [True, False, False, False]
    assert state.environment == "lab" and state.platform == "windows-2003"
    assert state.cluster is None and not state.faults.cut


def test_nodes_are_freshly_installed(lab_env):
    node = baseline(topology(lab_env)).hosts["E2K7Node1"]
    assert node.domain is None and node.workgroup == "WORKGROUP"
    assert [a.connection_name for a in node.ordered_adapters()] == ["Local Area Connection", "Local Area Connection 2"]
    assert node.binding_order == [a.guid for a in node.adapters]
    assert node.file_sharing == node.binding_order
    assert node.lmhosts_lookup and not node.support_tools      # a fresh node: the environment says none
    assert node.hotfixes == ["KB921181"]
    assert (node.os.release, node.os.edition, node.os.service_pack) == ("2003-r2", "enterprise", 1)
    assert node.os.caption == "Microsoft(R) Windows(R) Server 2003, Enterprise Edition"
    assert (node.os.version, node.os.csd_version, node.os.other_type) == ("5.2.3790", "Service Pack 1", "R2")


def test_public_has_a_lease_and_private_apipa(lab_env):
    node = baseline(topology(lab_env)).hosts["E2K7Node1"]
    public, private = node.adapters
    assert public.dhcp and public.lease is not None
    assert network.addresses(public)[0] in IPv4Interface("192.168.10.0/24").network
    assert network.dns_servers(public) == [IPv4Address("192.168.10.10")]
    assert network.gateways(public)[0].address == IPv4Address("192.168.10.1")
    assert private.dhcp and private.lease is None and network.uses_apipa(private)
    assert str(network.addresses(private)[0]).startswith("169.254.")
    assert network.dns_servers(private) == []
    assert public.registration == private.registration == "primary"
    assert public.netbios_options == private.netbios_options == 0


def test_leases_avoid_the_sites_addresses(lab_env):
    state = baseline(topology(lab_env))
    leased = [network.addresses(h.adapters[0])[0].ip for h in state.hosts_with_role("node")]
    assert len(set(leased)) == 2
    assert not {str(ip) for ip in leased} & {"192.168.10.1", "192.168.10.10", "192.168.10.11", "192.168.10.20",
                                              "192.168.10.21", "192.168.10.22", "192.168.10.30"}


def test_domain_controller_and_witness_are_ready(lab_env):
    state = baseline(topology(lab_env))
    dc, hub = state.hosts["E2K7DC01"], state.hosts["E2K7HUB01"]
    assert dc.domain == hub.domain == "e2k7.local"
    assert network.addresses(dc.adapters[0]) == [IPv4Interface("192.168.10.10/24")]
    assert network.addresses(hub.adapters[0]) == [IPv4Interface("192.168.10.11/24")]
    assert state.domain.forest_level == "windows-2003" and state.domain.controller == "E2K7DC01"
    assert network.can_contact_domain(state, hub)


def test_accounts_hold_names_and_roles_only(lab_env):
    state = baseline(topology(lab_env))
    [account] = state.domain.accounts
    assert account.name == "E2K7\\Administrator"
    assert account.roles == ["domain-admin", "cluster-service"]
    assert "password" not in state.model_dump_json().lower()


def test_identifiers_are_stable(lab_env):
    one, two = baseline(topology(lab_env)), baseline(topology(lab_env))
    assert one.model_dump() == two.model_dump()
    guid = one.hosts["E2K7Node1"].adapters[0].guid
    assert guid.startswith("{") and guid.endswith("}") and guid == guid.upper()
    assert one.hosts["E2K7Node1"].adapters[0].mac.startswith("00:0C:29:")
    assert one.hosts["E2K7Node1"].adapters[0].guid != one.hosts["E2K7Node2"].adapters[0].guid


def test_state_round_trips_through_json(lab_env):
    state = baseline(topology(lab_env))
    assert LabState.model_validate_json(state.model_dump_json()) == state


def test_temp_directory_exists(lab_env):
    node = baseline(topology(lab_env)).hosts["E2K7Node1"]
    assert r"C:\Documents and Settings\Administrator\Local Settings\Temp" in node.directories


def test_windows_2008_baseline(lab_2008_env):
    env = lab_2008_env
    state = baseline(topology(env))
    node = state.hosts["E2K7Node1"]
    assert state.platform == "windows-2008"
    assert node.os.version == "6.0.6001" and node.os.caption.startswith("Microsoft\u00ae Windows Server\u00ae 2008")
    assert node.hotfixes == []
    assert r"C:\Users\Administrator\AppData\Local\Temp" in node.directories
    assert node.adapters[0].description.startswith("Intel(R) PRO/1000")


def test_an_inconsistent_topology_is_refused_whole(lab_env):
    from dataclasses import replace

    import pytest

    from winlab.errors import WinLabError
    from winlab.topology import AdapterSpec
    site = topology(lab_env)
    stray = replace(site.hosts[2], adapters=[AdapterSpec("Local Area Connection", "backup")])
    with pytest.raises(WinLabError) as refused:
        replace(site, domain=replace(site.domain, controller="E2K7DC09"), hosts=[*site.hosts, stray])
    assert str(refused.value) == ("the topology of lab is inconsistent: two hosts are named E2K7NODE1; "
                                  "the domain controller E2K7DC09 is not one of its hosts; "
                                  "E2K7Node1 has an adapter on backup, which is not one of its networks")


def test_roles_and_networks_are_the_topology_s_words(lab_env):
    from dataclasses import replace
    site = topology(lab_env)
    renamed = replace(site, networks=[replace(n, name=n.name.upper()) for n in site.networks],
                      hosts=[replace(h, roles=frozenset({"member-" + r for r in h.roles}),
                                     adapters=[replace(a, network=a.network.upper()) for a in h.adapters])
                             for h in site.hosts])
    state = baseline(renamed)
    assert list(state.segments) == ["PUBLIC", "PRIVATE"]
    assert state.hosts_with_role("member-witness") == [state.hosts["E2K7HUB01"]]
    assert state.hosts["E2K7DC01"].domain_controller                     # from the domain's controller, not a role
    from winlab import faults
    assert faults.fail(state, "member-witness") == "E2K7HUB01 down"
    assert faults.fail(state, "private-network") == "PRIVATE network cut" and state.faults.cut == ["PRIVATE"]


def test_relaxations_and_cd_drives_are_checked(lab_env):
    from dataclasses import replace

    import pytest

    from winlab.errors import WinLabError
    site = topology(lab_env)
    with pytest.raises(WinLabError) as refused:
        replace(site, relaxed=frozenset({"feature-restarts", "sloppy-dns"}),
                hosts=[replace(site.hosts[2], cd_drive="C:"), *site.hosts[3:], *site.hosts[:2]])
    assert str(refused.value) == ("the topology of lab is inconsistent: unknown relaxation 'sloppy-dns' (known: "
                                  "feature-restarts, cluster-virtual-adapter); E2K7Node1's CD drive 'C:' is not a "
                                  "drive letter such as D:")


def test_a_host_may_start_under_the_name_setup_gave_it(lab_env):
    from dataclasses import replace
    site = topology(lab_env)
    state = baseline(replace(site, hosts=[replace(h, computer_name="WIN-K3J5ABCDE7F") if h.name == "E2K7Node2" else h
                                          for h in site.hosts]))
    node = state.hosts["E2K7Node2"]
    assert (node.name, node.computer_name, node.netbios) == ("E2K7Node2", "WIN-K3J5ABCDE7F", "WIN-K3J5ABCDE7F")
    assert state.host("win-k3j5abcde7f") is node and state.host("E2K7Node2") is node
    assert node.booted_at == 1199696400 and node.boots == 1 and not node.pending.recorded()


def test_the_lab_module_s_nodes_have_the_cd_and_the_support_tools_only_when_lenient(lab_env):
    strict = baseline(topology(lab_env, lenient=False)).hosts["E2K7Node1"]
    assert not strict.support_tools and "C:\\Program Files\\Support Tools" not in strict.directories
    assert strict.files["D:\\SUPPORT\\TOOLS\\SUPTOOLS.MSI"].startswith("winlab package")
    lenient = baseline(topology(lab_env, lenient=True)).hosts["E2K7Node1"]
    assert lenient.support_tools and "C:\\Program Files\\Support Tools\\netdom.exe" in lenient.files


def test_nodes_start_under_the_name_the_environment_says_setup_gave_them(lab_env, monkeypatch):
    monkeypatch.setattr(type(lab_env.params), "host_aliases", lambda params: {"E2K7Node2": ("WIN-SETUP2",)})
    state = baseline(topology(lab_env, setup_names=True))
    assert state.hosts["E2K7Node2"].computer_name == "WIN-SETUP2"
    assert state.hosts["E2K7Node1"].computer_name == "E2K7Node1"


def test_nodes_have_the_support_tools_when_the_environment_says_so(lab_env):
    nodes = lab_env.params.nodes
    installed = lab_env.params.model_copy(update={"nodes": [
        nodes[0].model_copy(update={"support_tools": nodes[0].support_tools.model_copy(update={"installed": True})}),
        nodes[1]]})
    site = baseline(lab_env.runbook.lab.topology(type(lab_env)(**{**vars(lab_env), "params": installed})))
    assert site.hosts["E2K7Node1"].support_tools and not site.hosts["E2K7Node2"].support_tools
