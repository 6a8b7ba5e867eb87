"""The lab's accounts: every `user` + `password` pair of an environment (the domain admin,
the cluster service account...). Their passwords are the environment's secrets, resolved
when the lab starts and held in memory only."""

from __future__ import annotations

from ..environments import Environment
from ..secrets import SecretRef, secret_fields


def account_secrets(environment: Environment) -> dict[str, SecretRef]:
    """`DOMAIN\\user` (as written in the environment) -> the reference of its password."""
    accounts: dict[str, SecretRef] = {}
    for field in secret_fields(environment.params):
        user = getattr(field.owner, "user", None)
        if isinstance(user, str):
            accounts.setdefault(user, field.ref)
    return accounts


def resolve_passwords(environment: Environment) -> dict[str, str]:
    """The accounts' passwords; scripts carry them on cmd lines, so they must be cmd-safe."""
    return {user: ref.resolve_for_cmd(f"password of {user}") for user, ref in account_secrets(environment).items()}


def login_names(user: str) -> list[str]:
    """How a client may name the account: DOMAIN\\user, user@domain and the bare user."""
    bare = user.split("\\")[-1].split("@")[0]
    return [user, bare] if bare != user else [user]


def admin_user(environment: Environment) -> str:
    """The account `lab://` logs in with: the first account of the environment (the domain admin)."""
    accounts = account_secrets(environment)
    if not accounts:
        from ..errors import LabError
        raise LabError(f"environment {environment.name} has no account with a password to log in to the lab")
    return next(iter(accounts))
