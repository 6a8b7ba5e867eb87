"""Runbook generator: tailored runbook pages, per-host scripts and BDD acceptance
from one typed environment file per site."""

__version__ = "0.1.0"
