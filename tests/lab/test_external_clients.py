"""Unmodified WinRM clients, written outside the project, talk to the lab like to Windows."""

from __future__ import annotations

import pytest

from tests.conftest import CANARY
from tests.lab.conftest import USER

pytestmark = [pytest.mark.lab, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def converged(lab):
    lab.ok("lab", "reset", "environments/lab.yaml")
    lab.converge()
    return lab


def test_pywinrm_reads_cluster_node_with_both_nodes_up(converged):
    import winrm
    session = winrm.Session(converged.urls["E2K7Node1"], auth=(USER, CANARY), transport="ntlm")
    result = session.run_cmd("cluster", ["E2K7CLUS", "node"])
    text = result.std_out.decode("cp437")
    assert result.status_code == 0
    assert "Node           Node ID Status" in text
    assert "E2K7NODE1            1 Up" in text and "E2K7NODE2            2 Up" in text


def test_pypsrp_execute_cmd_reads_the_same(converged):
    from urllib.parse import urlparse

    from pypsrp.client import Client
    url = urlparse(converged.urls["E2K7Node2"])
    client = Client(url.hostname, port=url.port, username=USER, password=CANARY, ssl=False, auth="ntlm",
                    path="wsman")
    stdout, stderr, rc = client.execute_cmd("cluster /cluster:E2K7CLUS node")
    assert rc == 0 and "E2K7NODE2            2 Up" in stdout, stderr


def test_a_wrong_password_is_refused_like_a_real_host(converged):
    import winrm
    from winrm.exceptions import InvalidCredentialsError
    session = winrm.Session(converged.urls["E2K7Node1"], auth=(USER, "wrong"), transport="ntlm")
    with pytest.raises(InvalidCredentialsError):
        session.run_cmd("hostname")
