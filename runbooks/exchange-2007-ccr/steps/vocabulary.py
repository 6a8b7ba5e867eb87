"""The runbook's typed step fields, on top of the engine's shared step helpers."""

from __future__ import annotations

from generator.acceptance.vocabulary import Mismatches, field_type, poll, step_parser

__all__ = ["Mismatches", "poll", "typed", "TYPES"]

ORDINALS = {"first": 0, "second": 1}
SERVICE_ACTIONS = {"stops": "stop", "starts": "start"}
HEARTBEAT_SETTINGS = {"missed heartbeats": "missed", "heartbeat delay": "delay_ms"}
TYPES = {
    # A connection the runbook names; anything else in a feature is a step that does not match.
    "Connection": field_type(r"Public|Private"),
    # "the first node" -> index 0 in the environment's nodes
    "Ordinal": field_type(r"first|second", ORDINALS.__getitem__),
    # what cluster.exe prints for nodes and resources (ccr-domain 3.1-3.3)
    "Status": field_type(r"Up|Down|Paused|Joining|Online|Offline|Failed|Partially Online"),
    # "stops" / "starts" -> the net.exe verb
    "Action": field_type(r"stops|starts", SERVICE_ACTIONS.__getitem__),
    # "the environment's missed heartbeats" -> the field of cluster.heartbeat
    # where a cluster property lives: `cluster C /priv` or `cluster C /prop`
    "PropertyKind": field_type(r"private property|property"),
    "Heartbeat": field_type(r"missed heartbeats|heartbeat delay", HEARTBEAT_SETTINGS.__getitem__),
    # what the exchange-prerequisites stage installs on Windows Server 2003 (steps/exchange.py)
    "Prerequisite": field_type(r".NET Framework 2\.0|Internet Information Services|World Wide Web Service|"
                               r"network COM\+ access|Windows PowerShell 1\.0"),
    # Get-ClusteredMailboxServerStatus State [S8][S9]
    "CmsState": field_type(r"Online|Partially Online|Online Pending|Offline|Offline Pending|Failed"),
    # Get-StorageGroupCopyStatus SummaryCopyStatus [S10][S93]
    "CopyStatus": field_type(r"Healthy|Failed|Suspended|Seeding|Initializing|Stopped|Disabled|Service Down|"
                             r"Resynchronizing"),
}

typed = step_parser(TYPES)
