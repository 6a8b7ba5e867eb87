"""cluster.exe's failures: `System error N has occurred (0x...).` and the Win32 message.

The line format is confirmed [S84]; the numbers and texts are the System Error Codes
[C20] (87 and its text for Local Quorum on a multi-node cluster [S29]). Which number a
situation gets, when the sources do not say, is in `assumptions`.
"""

from __future__ import annotations

from ... import assumptions as A
from ...tooling import Output

MESSAGES = {
    50: "The request is not supported.",
    87: "The parameter is incorrect.",
    1060: "The specified service does not exist as an installed service.",
    1326: "Logon failure: unknown user name or bad password.",
    1355: "The specified domain either does not exist or could not be contacted.",
    1722: "The RPC server is unavailable.",
    1787: "The security database on the server does not have a computer account for this workstation "
          "trust relationship.",
    5004: "The cluster resource is not online.",
    5005: "A cluster node is not available for this operation.",
    5007: "The cluster resource could not be found.",
    5010: "The object already exists.",
    5013: "The cluster group could not be found.",
    5019: "The operation could not be completed because the cluster resource is online.",
    5020: "The cluster resource could not be deleted or brought offline because it is the quorum resource.",
    5021: "The cluster could not make the specified resource a quorum resource because it is not capable "
          "of being a quorum resource.",
    5024: "The properties were stored but not all changes will take effect until the next time the "
          "resource is brought online.",
    5026: "The cluster resource could not be deleted since it is a core resource.",
    5042: "The cluster node was not found.",
    5044: "The cluster network already exists.",
    5045: "The cluster network was not found.",
    5047: "The cluster network interface was not found.",
    5050: "The cluster node is down.",
    5057: "The cluster IP address is already in use.",
    5065: "The cluster node is already a member of the cluster.",
    5070: "The cluster node is paused.",
    5068: "This operation cannot be performed on the cluster resource as it the quorum resource. "
          "You may not bring the quorum resource offline or modify its possible owners list.",
    5078: "The specified resource type was not found.",
    5894: "A matching cluster network for the specified IP address could not be found.",
}


class ClusterError(Exception):
    def __init__(self, code: int, stdout: str = ""):
        super().__init__(MESSAGES[code])
        self.code, self.stdout = code, stdout

    def output(self) -> Output:
        text = f"System error {self.code} has occurred (0x{self.code:08x}).\r\n{MESSAGES[self.code]}\r\n"
        return Output(self.code if A.CLUSTER_RC_IS_ERROR else 1, self.stdout, text)


class BadOption(Exception):
    """An option cluster.exe does not know for this object."""

    def output(self) -> Output:
        return Output(A.CLUSTER_BAD_OPTION_RC, "", A.CLUSTER_BAD_OPTION.format(option=self.args[0]))


def warning(code: int) -> str:
    return A.CLUSTER_WARNING.format(code=code, hex=f"0x{code:08x}", message=MESSAGES[code])
