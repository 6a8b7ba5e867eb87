"""How netsh reads a command: contexts, commands and tags matched by prefix, values checked.

netsh matches every word the user types against the names it knows by prefix, case-
insensitively (`int ip sh conf` is `interface ip show config`; on 2008 `set dns` is
`set dnsservers` and `addr=` is `address=`). Arguments are `tag=value` or bare values,
which fill the command's tags by position (`set dns "Local Area Connection" static
10.0.0.1 primary`). Anything netsh would reject raises `NetshError` with its message.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import AddressValueError, IPv4Address
from typing import Callable

from ... import assumptions as A
from ... import network


class NetshError(Exception):
    """netsh's message for a command it refuses (printed, exit code 1)."""


@dataclass(frozen=True)
class Command:
    words: tuple[str, ...]                  # ("set", "address")
    tags: tuple[str, ...]                   # in positional order
    handler: Callable[..., str]             # handler(ctx, args) -> output on success


def matches(typed: str, name: str) -> bool:
    return bool(typed) and name.lower().startswith(typed.lower())


def pick(typed: str, names: list[str]) -> str | None:
    """The one name `typed` abbreviates; an exact match wins over longer ones."""
    exact = [n for n in names if n.lower() == typed.lower()]
    if exact:
        return exact[0]
    found = [n for n in names if matches(typed, n)]
    return found[0] if len(found) == 1 else None


def parse_tags(command: Command, arguments: list[str], platform: str) -> dict[str, str]:
    """`tag=value` and positional words -> {tag: value}."""
    values: dict[str, str] = {}
    for position, argument in enumerate(arguments):
        tag, sep, value = argument.partition("=")
        if sep and tag:
            name = pick(tag, list(command.tags))
        else:
            name, value = (command.tags[position] if position < len(command.tags) else None), argument
        if name is None or name in values:
            raise NetshError(A.NETSH_SYNTAX)
        values[name] = value
    return values


def require(values: dict[str, str], platform: str, *tags: str) -> None:
    if any(not values.get(t) for t in tags):
        raise NetshError(A.NETSH_MISSING[platform])


def refuse_extra(values: dict[str, str], *tags: str) -> None:
    if any(t in values for t in tags):
        raise NetshError(A.NETSH_SYNTAX)


def keyword(values: dict[str, str], tag: str, choices: tuple[str, ...]) -> str:
    value = values[tag]
    for choice in choices:
        if value.lower() == choice:
            return choice
    raise NetshError(A.NETSH_BAD_VALUE.format(value=value, tag=tag))


def address(values: dict[str, str], tag: str) -> IPv4Address:
    value = values[tag]
    try:
        ip = IPv4Address(value)
    except (AddressValueError, ValueError):
        raise NetshError(A.NETSH_BAD_VALUE.format(value=value, tag=tag)) from None
    if ip.is_unspecified or ip.is_multicast or str(ip) == "255.255.255.255":
        raise NetshError(A.NETSH_BAD_VALUE.format(value=value, tag=tag))
    return ip


def mask(values: dict[str, str], tag: str) -> IPv4Address:
    value = values[tag]
    try:
        ip = IPv4Address(value)
    except (AddressValueError, ValueError):
        ip = None
    if ip is None or not network.is_contiguous_mask(ip):
        raise NetshError(A.NETSH_BAD_VALUE.format(value=value, tag=tag))
    return ip


def number(values: dict[str, str], tag: str, low: int, high: int) -> int:
    value = values[tag]
    if not value.isdigit() or not low <= int(value) <= high:
        raise NetshError(A.NETSH_BAD_VALUE.format(value=value, tag=tag))
    return int(value)
