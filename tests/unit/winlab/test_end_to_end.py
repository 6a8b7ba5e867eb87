"""Every stage script of environments/lab.yaml, run by `apply` on the lab in this process, twice."""

import pytest

from winlab import network
from tests.inprocess import converge, lab_target

PASSWORD = "Lab-Secret-1"


@pytest.fixture(scope="module")
def converged(project, lab_env, tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUNBOOK_LAB_DIR", str(tmp_path_factory.mktemp("e2e")))
        patch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", PASSWORD)
        with lab_target(project, lab_env) as target:
            first = converge(target, lab_env)
            second = converge(target, lab_env)
            yield target.lab, first, second


def test_stage_order_and_hosts(converged):
    _, first, _ = converged
    assert list(first) == [("prerequisites", "E2K7DC01"), ("prerequisites", "E2K7Node1"),
                           ("prerequisites", "E2K7Node2"), ("network-settings", "E2K7Node1"),
                           ("network-settings", "E2K7Node2"), ("join-domain", "E2K7Node1"),
                           ("join-domain", "E2K7Node2"), ("create-cluster", "E2K7Node1"),
                           ("add-second-node", "E2K7Node1"), ("file-share-witness", "E2K7HUB01"),
                           ("file-share-witness", "E2K7Node1"), ("cluster-networks", "E2K7Node1"),
                           ("cluster-networks", "E2K7Node2"), ("quorum-drills", "E2K7Node1"),
                           ("transport-dumpster", "E2K7HUB01"), ("exchange-prerequisites", "E2K7Node1"),
                           ("exchange-prerequisites", "E2K7Node2"), ("mailbox-server", "E2K7Node1"),
                           ("mailbox-server", "E2K7Node2"), ("post-install", "E2K7Node1"),
                           ("verification", "E2K7Node1"), ("handoff", "E2K7Node1"), ("reseed", "E2K7Node1"),
                           ("exchange-drills", "E2K7Node1")]


def test_first_run_changes_what_needs_changing(converged):
    _, first, _ = converged
    assert all(e == "ok" for host in ("E2K7DC01", "E2K7Node1", "E2K7Node2") for e in first[("prerequisites", host)])
    for key in (("network-settings", "E2K7Node1"), ("network-settings", "E2K7Node2"), ("join-domain", "E2K7Node1"),
                ("join-domain", "E2K7Node2"), ("create-cluster", "E2K7Node1"), ("add-second-node", "E2K7Node1"),
                ("file-share-witness", "E2K7HUB01"), ("file-share-witness", "E2K7Node1"),
                ("cluster-networks", "E2K7Node1"), ("cluster-networks", "E2K7Node2")):
        assert "changed" in first[key], key
    binding = first[("network-settings", "E2K7Node1")]
    assert binding[binding.titles.index("Put Public first in the binding order")] == "ok"   # right from the start


def test_second_run_changes_nothing(converged):
    _, _, second = converged
    assert all(event == "ok" for events in second.values() for event in events)


def test_end_state(converged):
    lab, _, _ = converged
    state = lab.state()
    cluster = state.cluster
    assert cluster.running and cluster.quorum_resource == "Majority Node Set"
    assert lab.status().as_dict()["cluster"]["nodes"] == {"E2K7Node1": "Up", "E2K7Node2": "Up"}
    for name in ("E2K7Node1", "E2K7Node2"):
        node = state.host(name)
        public, private = node.adapter("Public"), node.adapter("Private")
        assert node.domain == "e2k7.local" and not node.lmhosts_lookup
        assert node.binding_order[0] == public.guid
        assert not network.gateways(private) and not network.dns_servers(private)
        assert private.registration == "none" and private.netbios_options == 2
        assert network.dns_servers(public) == [state.controller.adapters[0].addresses[0].ip]


def test_probes_read_the_end_state(converged):
    lab, _, _ = converged
    nodes = lab.execute("E2K7Node1", "cluster E2K7CLUS node")
    assert nodes.stdout.endswith("E2K7NODE1            1 Up\r\nE2K7NODE2            2 Up\r\n")
    bind = lab.execute("E2K7Node2", r"reg query HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Linkage /v Bind")
    public = lab.state().host("E2K7Node2").adapter("Public").guid
    assert f"Bind\tREG_MULTI_SZ\t\\Device\\{public}\\0" in bind.stdout
    uploaded = lab.state().host("E2K7Node1").files
    assert not any(path.lower().endswith(".b64") for path in uploaded)       # deleted after decoding


def test_windows_2008_variant_converges_and_is_idempotent(project, lab_2008_env, tmp_path, monkeypatch):
    monkeypatch.setenv("RUNBOOK_LAB_DIR", str(tmp_path))
    monkeypatch.setenv("LAB_DOMAIN_ADMIN_PASSWORD", PASSWORD)
    with lab_target(project, lab_2008_env) as target:
        first = converge(target, lab_2008_env)
        assert "changed" in first[("create-cluster", "E2K7Node1")] and "changed" in first[("add-second-node", "E2K7Node1")]
        second = converge(target, lab_2008_env)
        assert all(event == "ok" for events in second.values() for event in events)
        assert target.lab.status().as_dict()["cluster"]["nodes"] == {"E2K7Node1": "Up", "E2K7Node2": "Up"}
