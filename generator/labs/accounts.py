"""The lab's accounts, as the runbook's lab module lists them (`accounts(environment)`):
`DOMAIN\\user` -> the reference of its password. Their passwords are the environment's
secrets, resolved when the lab starts and held in memory only."""

from __future__ import annotations

from ..environments import Environment
from ..errors import LabError
from ..secrets import SecretRef, Secrets
from .handle import lab_module


def account_secrets(environment: Environment) -> dict[str, SecretRef]:
    return dict(lab_module(environment).accounts(environment))


def resolve_passwords(environment: Environment, secrets: Secrets) -> dict[str, str]:
    """The accounts' passwords; scripts carry them on cmd lines, so they must be cmd-safe."""
    return {user: secrets.for_cmd(ref, f"password of {user}") for user, ref in account_secrets(environment).items()}


def admin_user(environment: Environment) -> str:
    """The account `lab://` logs in with: the first account the lab module lists."""
    accounts = account_secrets(environment)
    if not accounts:
        raise LabError(f"environment {environment.name} has no account with a password to log in to the lab")
    return next(iter(accounts))
