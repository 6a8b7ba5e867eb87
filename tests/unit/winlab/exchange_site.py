"""A lab whose two nodes form a running cluster with the file share witness, ready for Exchange:
what the runbook's first eight stages leave, set directly so the Exchange tests start there."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Network

from winlab.lab import Lab
from winlab.state import Cluster, ClusterGroup, ClusterNetwork, ClusterNode, ClusterResource
from tests.unit.winlab.sites import topology, witness_share

WITNESS = r"\\E2K7HUB01\MNS_FSW_E2K7CLUS"
NODES = ("E2K7Node1", "E2K7Node2")
PREREQUISITES = (r'E:\Prerequisites\NetFx64.exe /q:a /c:"install.exe /q"',
                 r"E:\Prerequisites\WindowsServer2003.WindowsXP-KB926139-v2-x64-ENU.exe /quiet /norestart",
                 r'(echo [Components]& echo iis_common = ON& echo iis_www = ON& echo complusnetwork = ON)'
                 r' > C:\iis.txt',
                 r"sysocmgr /i:C:\WINDOWS\inf\sysoc.inf /u:C:\iis.txt /q")
ACTIVE = r"E:\setup.com /mode:install /roles:mailbox /NewCms /CMSName:E2K7CMS /CMSIPAddress:192.168.10.30"
PASSIVE = r"E:\setup.com /mode:install /roles:mailbox"


class Clock:
    def __init__(self, start: float = 1_200_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


def clustered_lab(directory, environment, clock: Clock) -> Lab:
    lab = Lab.create(directory, topology(environment), clock=clock)
    with lab.store.transaction() as state:
        for name in NODES:
            state.hosts[name].domain, state.hosts[name].workgroup = state.domain.fqdn, None
        share = {"MNSFileShare": WITNESS}
        state.cluster = Cluster(
            name="E2K7CLUS", address=IPv4Address("192.168.10.20"), subnet=IPv4Network("192.168.10.0/24"),
            network="Public", networks=[ClusterNetwork(name="Public", subnet=IPv4Network("192.168.10.0/24"))],
            nodes=[ClusterNode(name=n, id=i) for i, n in enumerate(NODES, start=1)],
            groups=[ClusterGroup(name="Cluster Group", owner=NODES[0])],
            resources=[ClusterResource(name="Majority Node Set", type="Majority Node Set", group="Cluster Group",
                                       state="Online", id="a", private=share, loaded=share)],
            quorum_resource="Majority Node Set")
        witness_share(state, "MNS_FSW_E2K7CLUS", r"C:\MNS_FSW_E2K7CLUS")
    return lab


def run(lab: Lab, host: str, line: str):
    out = lab.execute(host, line)
    return out.rc, out.stdout, out.stderr


def ok(lab: Lab, host: str, line: str) -> str:
    rc, out, err = run(lab, host, line)
    assert rc == 0, f"{line}: {rc}\n{out}\n{err}"
    return out


def with_prerequisites(lab: Lab) -> Lab:
    for node in NODES:
        for line in PREREQUISITES:
            ok(lab, node, line)
    return lab


def installed(lab: Lab, clock: Clock, seeded: bool = True) -> Lab:
    """Both nodes with the clustered mailbox role; seeding finished unless `seeded` is False."""
    with_prerequisites(lab)
    ok(lab, NODES[0], ACTIVE)
    ok(lab, NODES[1], PASSIVE)
    if seeded:
        clock.tick(10)
    return lab
