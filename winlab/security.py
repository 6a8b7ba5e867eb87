"""Who may do what to a folder or a share: account names, group membership, ACLs, share grants.

A folder's ACL is the one cacls or icacls last set (`Host.acls`), or, until then, what it
inherits from its drive (`assumptions.DEFAULT_FOLDER_ACL`). Rights are cacls letters:
F full, C change (icacls M), R read (icacls RX), W write, N none; "S" is a list of special
rights. An account's effective rights on a folder or share come from the entries naming it
or a group it belongs to (`principals`): a domain administrator is in BUILTIN\\Administrators
of every domain member, every account in Everyone and Authenticated Users, user accounts in
BUILTIN\\Users (through Domain Users), a cluster's computer account in none of those groups.
"""

from __future__ import annotations

from . import assumptions as A
from .cmdshell.files import full_path
from . import context
from .state import Ace, Host, LabState, Share

EVERYONE, ADMINISTRATORS, USERS = "Everyone", "BUILTIN\\Administrators", "BUILTIN\\Users"
SYSTEM, AUTHENTICATED = "NT AUTHORITY\\SYSTEM", "NT AUTHORITY\\Authenticated Users"
CREATOR_OWNER = "CREATOR OWNER"
WELL_KNOWN = {name.lower(): name for name in (EVERYONE, ADMINISTRATORS, USERS, SYSTEM, AUTHENTICATED, CREATOR_OWNER)}
WELL_KNOWN.update({"administrators": ADMINISTRATORS, "users": USERS, "system": SYSTEM,
                   "authenticated users": AUTHENTICATED, "nt authority\\system": SYSTEM})
RANK = {"N": 0, "S": 1, "R": 1, "W": 1, "C": 2, "F": 3}
SHARE_RANK = {"READ": 1, "CHANGE": 2, "FULL": 3}


def resolve(state: LabState, name: str) -> str | None:
    """The account `name` means, as Windows prints it, or None when no SID maps to it."""
    typed = name.strip().strip('"')
    known = WELL_KNOWN.get(typed.lower())
    if known:
        return known
    account = context.find_account(state, typed)
    if account is not None:
        return account.name
    computer = computer_account(state, typed)
    return computer


def computer_account(state: LabState, name: str) -> str | None:
    """DOMAIN\\NAME$ of a domain member or of the cluster (its computer object on 2008 [S42])."""
    realm, _, user = name.partition("\\")
    if not user.endswith("$") or realm.upper() not in (state.domain.netbios.upper(), state.domain.fqdn.upper()):
        return None
    machine = user[:-1].upper()
    members = {h.netbios for h in state.hosts.values() if h.domain}
    cluster = state.cluster.name.upper() if state.cluster is not None and not state.is_2003 else None
    if machine in members or machine == cluster:
        return f"{state.domain.netbios}\\{machine}$"
    return None


def principals(state: LabState, account: str) -> set[str]:
    """The account and the groups it is a member of, in lower case."""
    found = {account.lower(), EVERYONE.lower()}
    if account.endswith("$") or context.find_account(state, account) is not None:
        found.add(AUTHENTICATED.lower())
    user = context.find_account(state, account)
    if user is not None:
        found.add(USERS.lower())
        if "domain-admin" in user.roles:
            found.add(ADMINISTRATORS.lower())
    return found


def folder_acl(state: LabState, host: Host, path: str) -> list[Ace]:
    """The ACL of a folder: as set, else the default a new folder inherits."""
    key = _acl_key(host, path)
    if key is not None:
        return host.acls[key]
    return [Ace(**entry) for entry in A.DEFAULT_FOLDER_ACL[state.platform]]


def set_folder_acl(host: Host, path: str, acl: list[Ace]) -> None:
    key = _acl_key(host, path) or full_path(path)
    host.acls[key] = acl


def forget_folder(host: Host, path: str) -> None:
    key = _acl_key(host, path)
    if key is not None:
        del host.acls[key]


def _acl_key(host: Host, path: str) -> str | None:
    wanted = full_path(path).lower()
    return next((k for k in host.acls if k.lower() == wanted), None)


def folder_rights(state: LabState, host: Host, path: str, account: str) -> str:
    """The best right `account` holds on the folder itself (entries that apply to it, not inherit-only)."""
    groups = principals(state, account)
    entries = [a for a in folder_acl(state, host, path) if a.account.lower() in groups and "IO" not in a.flags]
    if any(a.rights == "N" for a in entries):
        return "N"
    return max((a.rights for a in entries), key=lambda r: RANK[r], default="N")


def share_rights(state: LabState, share: Share, account: str) -> str | None:
    """READ, CHANGE or FULL for `account` on the share (None: no access)."""
    groups = principals(state, account)
    held = [level for name, level in share.grants.items() if name.lower() in groups]
    return max(held, key=lambda level: SHARE_RANK[level], default=None)


def has_full_control(state: LabState, host: Host, share: Share, account: str) -> bool:
    """Full Control on the share and on its folder: what the file share witness needs [S14][S42]."""
    return share_rights(state, share, account) == "FULL" and folder_rights(state, host, share.path, account) == "F"
