"""Quoting and argument checks for probe command lines."""

from __future__ import annotations

import pytest

from winprobes.cluster import ClusterNodes, ClusterResources
from winprobes.cmdline import arg, guid, quote, single_program
from winprobes.netsh import NetshConfig
from winprobes.registry import NetbiosOptions


def test_quote_wraps_in_double_quotes() -> None:
    assert quote("Majority Node Set") == '"Majority Node Set"'
    assert quote("A & B") == '"A & B"'


@pytest.mark.parametrize("value", ['say "hi"', "%PATH%", "a\r\nb", "", "C:\\dir\\"])
def test_quote_refuses_what_cmd_would_reinterpret(value: str) -> None:
    with pytest.raises(ValueError):
        quote(value)


def test_arg_quotes_only_when_needed() -> None:
    assert arg("Bind") == "Bind"
    assert arg(r"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion") == r'"HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"'


def test_guid_must_be_braced() -> None:
    assert guid("{9F2C4B1E-77A0-4C55-B1D4-0C8E3F5A6B22}")
    with pytest.raises(ValueError):
        guid("9F2C4B1E-77A0-4C55-B1D4-0C8E3F5A6B22} & del x")


@pytest.mark.parametrize("build", [
    lambda: ClusterNodes("E2K7CLUS & del x"),
    lambda: ClusterNodes("E2K7CLUS", node="E2K7NODE1 /evict"),
    lambda: ClusterResources("E2K7CLUS", resource='Majority" /priv X=1 "'),
    lambda: NetshConfig(name="Public%X%"),
    lambda: NetbiosOptions("{not-a-guid}"),
])
def test_probes_refuse_arguments_that_would_change_the_command(build) -> None:
    with pytest.raises(ValueError):
        build()


def test_single_program_strips_a_trailing_nul_input() -> None:
    assert single_program("wmic os get Caption /value <nul") == "wmic os get Caption /value"
    assert single_program('cluster X res "a|b"') == 'cluster X res "a|b"'
    assert single_program("ipconfig /all | find x") is None
