"""`Probe.read()`: runs the command through a target, parses, or reports the failure."""

from __future__ import annotations

from typing import Mapping

import pytest

from winprobes import ClusterError, ParseError, ProbeError
from winprobes.cluster import ClusterNodes, ClusterResources
from winprobes.hostname import HostName
from winprobes.ipconfig import IpConfig
from winprobes.wmic import OperatingSystem
from generator.targets.base import CommandResult, Target

RES = ("Listing status for all available resources:\r\n\r\n"
       "Resource             Group                Node            Status\r\n"
       "-------------------- -------------------- --------------- ------\r\n"
       "Exchange Information Store Instance (E2K7CMS) E2K7CMS              E2K7NODE2       Online\r\n")
GROUPS = ("Listing status for all available resource groups:\r\n\r\n"
          "Group                Node            Status\r\n"
          "-------------------- --------------- ------\r\n"
          "E2K7CMS              E2K7NODE2       Online\r\n")


class RecordedTarget(Target):
    """Answers each command line with a recorded (rc, stdout, stderr)."""

    NAME = "recorded"

    def __init__(self, answers: dict[str, tuple[int, str, str]]):
        super().__init__("recorded://")
        self.answers, self.ran = answers, []

    def run(self, host: str, command: str, env: Mapping[str, str] | None = None,
            stdin: str | None = None) -> CommandResult:
        self.ran.append((host, command))
        return CommandResult(command, *self.answers[command])


def test_read_runs_the_command_on_the_host_and_parses() -> None:
    target = RecordedTarget({"hostname": (0, "E2K7NODE1\r\n", "")})
    assert HostName().read(target, "E2K7Node1") == "E2K7NODE1"
    assert target.ran == [("E2K7Node1", "hostname")]


def test_failed_command_names_host_command_exit_code_and_first_stderr_line() -> None:
    target = RecordedTarget({"ipconfig /all": (9009, "", "'ipconfig' is not recognized as an internal or external "
                                               "command,\r\noperable program or batch file.\r\n")})
    with pytest.raises(ProbeError) as info:
        IpConfig().read(target, "E2K7Node1")
    message = str(info.value)
    assert isinstance(info.value, Exception) and not isinstance(info.value, AssertionError)
    assert message == ("E2K7Node1: `ipconfig /all` exited 9009: 'ipconfig' is not recognized as an internal "
                       "or external command,")
    assert (info.value.host, info.value.command, info.value.rc) == ("E2K7Node1", "ipconfig /all", 9009)


def test_failed_command_without_stderr_uses_stdout() -> None:
    command = OperatingSystem().command()
    target = RecordedTarget({command: (1, "\r\r\nInvalid query\r\r\n", "")})
    with pytest.raises(ProbeError, match=r"exited 1: Invalid query$"):
        OperatingSystem().read(target, "E2K7Node1")


def test_cluster_system_error_becomes_cluster_error() -> None:
    target = RecordedTarget({"cluster E2K7CLUS group": (
        1722, "", "System error 1722 has occurred (0x000006ba).\r\nThe RPC server is unavailable.\r\n")})
    with pytest.raises(ClusterError) as info:
        ClusterResources("E2K7CLUS").read(target, "E2K7Node1")
    assert (info.value.number, info.value.message) == (1722, "The RPC server is unavailable.")
    assert info.value.rc == 1722 and info.value.host == "E2K7Node1"
    assert "cluster E2K7CLUS group" in str(info.value)


def test_parse_error_from_read_names_host_and_command() -> None:
    target = RecordedTarget({"hostname": (0, "", "")})
    with pytest.raises(ParseError) as info:
        HostName().read(target, "E2K7Node2")
    assert str(info.value).startswith("E2K7Node2: `hostname`: HostName: output: expected one line")


def test_resources_read_fetches_group_names_first() -> None:
    target = RecordedTarget({"cluster E2K7CLUS group": (0, GROUPS, ""), "cluster E2K7CLUS res": (0, RES, "")})
    [resource] = ClusterResources("E2K7CLUS").read(target, "E2K7Node1")
    assert (resource.name, resource.group) == ("Exchange Information Store Instance (E2K7CMS)", "E2K7CMS")
    assert [command for _, command in target.ran] == ["cluster E2K7CLUS group", "cluster E2K7CLUS res"]


def test_resources_read_with_known_groups_runs_one_command() -> None:
    target = RecordedTarget({"cluster E2K7CLUS res": (0, RES, "")})
    ClusterResources("E2K7CLUS", groups=["E2K7CMS"]).read(target, "E2K7Node1")
    assert len(target.ran) == 1


def test_cluster_error_printed_on_stdout_with_exit_0_still_names_the_host() -> None:
    target = RecordedTarget({"cluster E2K7CLUS node": (
        0, "System error 5050 has occurred (0x000013ba).\r\nThe cluster node is down.\r\n", "")})
    with pytest.raises(ClusterError, match=r"^E2K7Node1: `cluster E2K7CLUS node`: System error 5050: The cluster"):
        ClusterNodes("E2K7CLUS").read(target, "E2K7Node1")
