"""Binds features/exchange-2007-ccr/join-domain.feature to the step vocabularies."""

from pytest_bdd import scenarios

scenarios("exchange-2007-ccr/join-domain.feature")
