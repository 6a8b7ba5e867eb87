"""Joining wmic and registry probes: binding order, NetBIOS, File and Printer Sharing."""

from __future__ import annotations

import pytest

from winprobes.views import (ConnectionNotFound, adapter_guid, binding_order, connection_guids,
                                    file_sharing_bound, netbios_setting)
from winprobes.wmic import AdapterConfiguration, NetworkAdapter

PUB, PRIV = "{6B3DDC1C-5C3F-4C8E-9A77-2E0D2B6E0A11}", "{9F2C4B1E-77A0-4C55-B1D4-0C8E3F5A6B22}"
RAS = "{A1B2C3D4-0000-4000-8000-00000000000A}"

ADAPTERS = [NetworkAdapter(1, None, None),
            NetworkAdapter(2, "00:0C:29:3A:11:01", "Public"),
            NetworkAdapter(3, "00:0C:29:3A:11:02", "Private")]
CONFIGS = [AdapterConfiguration(1, RAS, False, None, None, None, None),
           AdapterConfiguration(2, PUB.lower(), True, 0, False, True, True),      # wmic may print lower case
           AdapterConfiguration(3, PRIV, True, 2, False, False, False)]


def test_connection_guids_join_on_index() -> None:
    assert connection_guids(ADAPTERS, CONFIGS) == {"Public": PUB, "Private": PRIV}


def test_binding_order_names_connections_and_skips_unnamed_adapters() -> None:
    assert binding_order(ADAPTERS, CONFIGS, [PUB, RAS, PRIV]) == ["Public", "Private"]
    assert binding_order(ADAPTERS, CONFIGS, [PRIV.lower(), PUB]) == ["Private", "Public"]


def test_binding_order_of_nothing_is_empty() -> None:
    assert binding_order(ADAPTERS, CONFIGS, []) == []


def test_netbios_setting_by_connection_name() -> None:
    assert netbios_setting("Private", ADAPTERS, CONFIGS) == "disabled"
    assert netbios_setting("public", ADAPTERS, CONFIGS) == "default"


def test_netbios_setting_is_none_without_tcpip() -> None:
    adapters = ADAPTERS + [NetworkAdapter(4, None, "Backup")]
    configs = CONFIGS + [AdapterConfiguration(4, "{00000000-0000-0000-0000-000000000004}", False, None, None, None, None)]
    assert netbios_setting("Backup", adapters, configs) is None


def test_file_sharing_bound() -> None:
    assert file_sharing_bound("Public", ADAPTERS, CONFIGS, [PUB])
    assert not file_sharing_bound("Private", ADAPTERS, CONFIGS, [PUB])
    assert file_sharing_bound("Private", ADAPTERS, CONFIGS, [PRIV.lower()])


def test_unknown_connection_names_the_ones_there_are() -> None:
    with pytest.raises(ConnectionNotFound, match="'Heartbeat' .*Public, Private"):
        adapter_guid("Heartbeat", ADAPTERS, CONFIGS)


NETFT = "{C0FFEE00-0000-4000-8000-00000000F00D}"


def test_binding_order_names_remote_access_and_the_cluster_virtual_adapter() -> None:
    adapters = ADAPTERS + [NetworkAdapter(4, "02-50-8D-B6-0E-02", "Local Area Connection* 9",
                                          "Microsoft Failover Cluster Virtual Adapter")]
    configs = CONFIGS + [AdapterConfiguration(4, NETFT, True, 1, False, False, False)]
    assert binding_order(adapters, configs, [NETFT, PUB, PRIV, "NdisWanIp"]) == [
        "[Microsoft Failover Cluster Virtual Adapter]", "Public", "Private", "[Remote Access connections]"]
    assert binding_order(adapters, configs, ["ndiswanip", PUB]) == ["[Remote Access connections]", "Public"]
