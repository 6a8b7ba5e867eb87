"""Fixtures of the Exchange lab tests: the lab's clock, and a cluster with Exchange installed."""

from __future__ import annotations

import pytest

from tests.unit.winlab.exchange_site import Clock, clustered_lab, installed


@pytest.fixture
def clock():
    """The lab's time, moved on by the test (a module may define its own)."""
    return Clock()


@pytest.fixture
def installed_lab(tmp_path, lab_env, clock):
    """Both nodes clustered, both Exchange roles installed, every copy Healthy."""
    return installed(clustered_lab(tmp_path, lab_env, clock), clock)
