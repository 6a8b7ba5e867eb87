"""Identifiers Windows makes up at setup (adapter GUIDs, MAC addresses), derived from names
instead, so every output of a lab is the same on every run."""

from __future__ import annotations

import hashlib
import uuid

from . import assumptions as A

_NAMESPACE = uuid.UUID("6f1c0d3e-3b7a-4f52-9d1e-2c5a8b7e4f10")


def stable_guid(seed: str) -> str:
    return "{" + str(uuid.uuid5(_NAMESPACE, seed)).upper() + "}"


def stable_mac(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).digest()
    return A.MAC_PREFIX + "".join(f":{b:02X}" for b in digest[:3])
