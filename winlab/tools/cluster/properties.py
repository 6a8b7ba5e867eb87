"""The cluster's own properties: `cluster C /prop [Name=Value ...]` and `cluster C /priv [...]`.

What the lab keeps there is the missed-heartbeat tolerance: on 2008 the common properties
SameSubnetDelay, SameSubnetThreshold, CrossSubnetDelay, CrossSubnetThreshold [S80], in force at
once; on 2003 the private properties of KB 921181 (names UNCONFIRMED, `assumptions.HEARTBEAT_2003`),
which each node reads when its Cluster service starts [S13]. A name the cluster does not have is
refused with 87 (the real cluster stores unknown private properties; the lab would rather fail a
misspelt name than let it pass unnoticed: see the fidelity page).
"""

from __future__ import annotations

from ... import assumptions as A
from ...context import HostContext
from ...state import Cluster
from . import listings
from .errors import ClusterError
from .options import Request, property_assignment

# The documented ranges of the 2008 values [S80]; the lab refuses others with 87.
RANGES_2008 = {"SameSubnetDelay": (250, 2000), "CrossSubnetDelay": (250, 4000),
               "SameSubnetThreshold": (3, 10), "CrossSubnetThreshold": (3, 10)}


def cluster_properties(ctx: HostContext, cluster: Cluster, request: Request, private: bool) -> str:
    store = _store(ctx, cluster, private)
    if not request.properties:
        title = A.CLUSTER_PRIV_TITLE if private else A.CLUSTER_PROP_TITLE
        return title.format(name=cluster.name) + listings.property_rows("Cluster", cluster.name, store)
    target = cluster.private if ctx.is_2003 else cluster.properties
    changes = {}
    for assignment in request.properties:
        name, value, form = property_assignment(assignment)
        known = next((k for k in store if k.lower() == name.lower()), None)
        if known is None or form not in (None, "dword") or not value.isdigit():
            raise ClusterError(87)
        low, high = RANGES_2008.get(known, (0, 0xFFFFFFFF))
        if not low <= int(value) <= high:
            raise ClusterError(87)
        changes[known] = int(value)
    target.update({k: v for k, v in store.items() if k not in target} | changes)
    return ""


def _store(ctx: HostContext, cluster: Cluster, private: bool) -> dict[str, str | int]:
    """What `/prop` (2008) or `/priv` (2003) lists, defaults filled in; the other one is empty."""
    if private != ctx.is_2003:
        return {}
    defaults = A.HEARTBEAT_2003 if ctx.is_2003 else A.HEARTBEAT_2008
    return dict(defaults) | (cluster.private if ctx.is_2003 else cluster.properties)
