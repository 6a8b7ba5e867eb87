"""Building blocks for runbook parameter models: strict, self-describing types.

A runbook's model (`runbooks/<id>/model.py`) subclasses `EnvironmentBase` and uses
these types, so every runbook gets the same naming rules and error wording.
Cross-field rules live in the model's `problems()` method, yielding `Violation`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import AddressValueError, IPv4Address, IPv4Interface, NetmaskValueError
from typing import Annotated, Callable, ClassVar, Iterator, Sequence

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

# --- Windows names (KB 909264, Naming conventions in Active Directory) --------------------------------

_NETBIOS_FORBIDDEN = set('\\/:*?"<>|')


def _netbios(value: str) -> str:
    if not 1 <= len(value) <= 15:
        raise ValueError(f"{value!r} is {len(value)} characters; a NetBIOS name has 1 to 15")
    bad = sorted(set(value) & _NETBIOS_FORBIDDEN)
    if bad:
        raise ValueError(f"{value!r} contains {' '.join(bad)}; NetBIOS names exclude \\ / : * ? \" < > |")
    if value.startswith("."):
        raise ValueError(f"{value!r} starts with a period")
    if value.isdigit():
        raise ValueError(f"{value!r} is all digits; domain members need a name with a letter")
    if not re.fullmatch(r"[A-Za-z0-9-]+", value):
        raise ValueError(f"{value!r} is not a valid DNS host name "
                         "(the NetBIOS name doubles as one: letters, digits and hyphens only)")
    if value.startswith("-") or value.endswith("-"):
        raise ValueError(f"{value!r} starts or ends with a hyphen")
    return value


def _dns_domain(value: str) -> str:
    labels = value.rstrip(".").split(".")
    if len(value) > 255:
        raise ValueError(f"{value!r} is longer than 255 characters")
    for label in labels:
        if not 1 <= len(label.encode()) <= 63:
            raise ValueError(f"label {label!r} of {value!r} must be 1 to 63 bytes")
        if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?", label):
            raise ValueError(f"label {label!r} of {value!r} may hold letters, digits and inner hyphens only")
    return value.rstrip(".")


def _connection(value: str) -> str:
    bad = sorted(set(value) & set('\t\\/:*?<>|'))
    if bad:
        shown = " ".join("TAB" if c == "\t" else c for c in bad)
        raise ValueError(f"{value!r} contains {shown}; connection names exclude tabs and \\ / : * ? < > |")
    if '"' in value:
        raise ValueError(f"{value!r} contains a double quote, which a cmd.exe command line cannot carry "
                         "inside a quoted name (netsh name=\"...\"): rename the connection first")
    if not value.strip():
        raise ValueError("a connection name cannot be empty")
    return value


_LOGON_FORBIDDEN = set('"/\\[]:;|=,+*?<>@')      # SAM-Account-Name attribute (Microsoft AD schema docs)


def _account(value: str) -> str:
    """DOMAIN\\user or user@domain.fqdn, the user part a valid pre-Windows 2000 logon name:
    at most 20 characters, none of " / \\ [ ] : ; | = , + * ? < > (Microsoft, SAM-Account-Name)."""
    if "\\" in value:
        domain, _, user = value.partition("\\")
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.-]*", domain):
            raise ValueError(f"{value!r}: the domain part {domain!r} is not a NetBIOS or DNS domain name")
    elif "@" in value:
        user, _, domain = value.rpartition("@")
        _dns_domain(domain)
        if "." not in domain:
            raise ValueError(f"{value!r} is not DOMAIN\\user or user@domain.fqdn")
    else:
        raise ValueError(f"{value!r} is not DOMAIN\\user or user@domain.fqdn")
    bad = sorted(set(user) & _LOGON_FORBIDDEN)
    if bad:
        raise ValueError(f"{value!r}: a logon name cannot contain {' '.join(bad)} "
                         "(Windows excludes \" / \\ [ ] : ; | = , + * ? < >)")
    if not 1 <= len(user) <= 20 or not user.strip(" ."):
        raise ValueError(f"{value!r}: a logon name has 1 to 20 characters, not only spaces and periods")
    return value


def _share(value: str) -> str:
    bad = sorted(set(value) & set('\\/:*?"<>|'))
    if bad or not 1 <= len(value) <= 80:
        raise ValueError(f"{value!r} is not a share name (1 to 80 characters, none of \\ / : * ? \" < > |)")
    return value


def _local_path(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]:\\[^/:*?\"<>|]*", value):
        raise ValueError(f"{value!r} is not a local path such as C:\\FSW")
    return value


def _address(value: object) -> IPv4Address:
    """An address written as text: YAML's `yes` or `7` must not become 0.0.0.1 or 0.0.0.7."""
    if isinstance(value, IPv4Address):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not an IPv4 address written as text, such as 10.1.1.21")
    try:
        return IPv4Address(value)
    except AddressValueError as exc:
        raise ValueError(f"{value!r} is not an IPv4 address: {exc}") from None


def _interface(value: object) -> IPv4Interface:
    if isinstance(value, IPv4Interface):
        return value
    if not isinstance(value, str) or "/" not in value:
        raise ValueError(f"{value!r} is not an address with its prefix written as text, such as 10.1.1.21/24")
    try:
        return IPv4Interface(value)
    except (AddressValueError, NetmaskValueError, ValueError) as exc:
        raise ValueError(f"{value!r} is not an IPv4 address with prefix: {exc}") from None


def _host_interface(value: IPv4Interface) -> IPv4Interface:
    net = value.network
    if net.prefixlen <= 30 and value.ip in (net.network_address, net.broadcast_address):
        raise ValueError(f"{value} is the {'network' if value.ip == net.network_address else 'broadcast'} "
                         f"address of {net}, not a host address")
    return value


NetbiosName = Annotated[str, AfterValidator(_netbios)]
DnsDomainName = Annotated[str, AfterValidator(_dns_domain)]
ConnectionName = Annotated[str, AfterValidator(_connection)]
WindowsAccount = Annotated[str, AfterValidator(_account)]
ShareName = Annotated[str, AfterValidator(_share)]
LocalPath = Annotated[str, AfterValidator(_local_path)]
Address = Annotated[IPv4Address, BeforeValidator(_address)]
HostInterface = Annotated[IPv4Interface, BeforeValidator(_interface), AfterValidator(_host_interface)]


class Model(BaseModel):
    """Strict, frozen, closed: unknown keys are errors, values never change after loading, and
    no value is coerced (`yes` is not a number, 7 is not a name)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)


class EnvironmentBase(Model):
    """Fields every environment has, whatever its runbook."""

    runbook: str
    """Id of the runbook this environment parameterises (a folder under runbooks/)."""
    title: str = Field(min_length=1)
    """Human name of the site, shown in the navigation."""
    group: str = Field(default="Sites", min_length=1)
    """Navigation group (region, data centre...) the site is listed under."""
    platform: str
    """The platform the site runs: one of its runbook's `platforms`; it chooses what the stages
    render and which scenarios apply."""

    rules: ClassVar[tuple[Callable[..., Iterator["Violation"]], ...]] = ()
    """Cross-field rules: functions of the environment yielding Violations (set by a runbook model)."""

    def problems(self) -> Iterator["Violation"]:
        for rule in self.rules:
            yield from rule(self)

    def host_addresses(self) -> dict[str, str]:
        """Host name -> address, for `winrm://user@{address}` targets (a runbook model overrides this)."""
        return {}

    def host_aliases(self) -> dict[str, tuple[str, ...]]:
        """Host name -> the names that machine has before the runbook renames it (the name setup
        gave it), which its scripts' host guard accepts too (a runbook model overrides this)."""
        return {}


@dataclass(frozen=True)
class Violation:
    """A broken cross-field rule, blamed on one field."""

    path: Sequence[str | int]
    message: str
