"""Binds features/exchange-2007-ccr/prerequisites.feature to the step vocabularies."""

from pytest_bdd import scenarios

scenarios("exchange-2007-ccr/prerequisites.feature")
