"""Binds readonly.feature. Not named test_*.py: it runs only when named on the command line."""

from pathlib import Path

from pytest_bdd import scenarios

from tests.acceptance.safety.steps import *  # noqa: F401,F403

scenarios(str(Path(__file__).with_name("readonly.feature")))
