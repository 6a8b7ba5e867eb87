"""A run's secrets: resolved once from their variables (or asked for), held by one object per
run, masked out of what that run prints; two runs share nothing."""

from __future__ import annotations

import pytest

from generator.errors import SecretError
from generator.secrets import SecretRef, Secrets

REF = SecretRef(env="SITE_PASSWORD")


def test_a_value_comes_from_its_variable_once_and_is_masked():
    environ = {"SITE_PASSWORD": "Pa55 w&rd"}
    secrets = Secrets(environ, interactive=False)
    assert secrets.value(REF, "site password") == "Pa55 w&rd"
    environ["SITE_PASSWORD"] = "changed-later"
    assert secrets.value(REF, "site password") == "Pa55 w&rd"            # resolved once per run
    assert secrets.redact("login Pa55 w&rd failed") == "login ****** failed"
    assert secrets.as_environment() == {"SITE_PASSWORD": "Pa55 w&rd"}


def test_two_runs_share_nothing():
    first = Secrets({"SITE_PASSWORD": "first-secret"}, interactive=False)
    second = Secrets({}, interactive=False)
    first.value(REF, "x")
    assert second.redact("first-secret") == "first-secret"
    with pytest.raises(SecretError, match="set the environment variable SITE_PASSWORD"):
        second.value(REF, "x")


def test_too_short_or_cmd_unsafe_values_are_refused():
    with pytest.raises(SecretError, match="shorter than 4"):
        Secrets({"SITE_PASSWORD": "abc"}, interactive=False).value(REF, "x")
    with pytest.raises(SecretError, match="double quote or a line break"):
        Secrets({"SITE_PASSWORD": 'a"bcd'}, interactive=False).for_cmd(REF, "x")


def test_learn_masks_what_the_environment_sets_without_asking(lab_env):
    secrets = Secrets({"LAB_DOMAIN_ADMIN_PASSWORD": "Learnt-1234", "RUNBOOK_WINRM_PASSWORD": "WinRM-5678"},
                      interactive=False).learn(lab_env.params)
    assert secrets.redact("Learnt-1234 WinRM-5678") == "****** ******"
