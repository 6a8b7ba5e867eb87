"""The examples in the probes' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["winprobes", "winprobes.base", "winprobes.views"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted and not result.failed
