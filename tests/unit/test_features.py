"""A feature file is parsed once while it stays the same (a build shows it on every site's
stage page), and read again as soon as it changes (`serve`)."""

from __future__ import annotations

import os

import pytest

from generator.errors import ContentError
from generator.features import read_feature

FEATURE = """Feature: Demo
  Scenario: First
    Then something holds
"""


def test_an_unchanged_feature_is_parsed_once(tmp_path):
    path = tmp_path / "demo.feature"
    path.write_text(FEATURE)
    first = read_feature(path, "features/demo.feature")
    assert read_feature(path, "features/demo.feature") is first
    assert [s.name for s in first.scenarios] == ["First"]


def test_a_changed_feature_is_read_again(tmp_path):
    path = tmp_path / "demo.feature"
    path.write_text(FEATURE)
    before = read_feature(path, "features/demo.feature")
    path.write_text(FEATURE + "\n  Scenario: Second\n    Then something else holds\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))    # even within one clock tick
    after = read_feature(path, "features/demo.feature")
    assert [s.name for s in before.scenarios] == ["First"]
    assert [s.name for s in after.scenarios] == ["First", "Second"]


def test_a_missing_or_broken_feature_is_content_error(tmp_path):
    with pytest.raises(ContentError, match=r"features/none\.feature: missing feature file"):
        read_feature(tmp_path / "none.feature", "features/none.feature")
    broken = tmp_path / "broken.feature"
    broken.write_text("Scenario without a feature\n")
    with pytest.raises(ContentError, match=r"features/broken\.feature:1: expected: .*got .Scenario without a feature."):
        read_feature(broken, "features/broken.feature")
