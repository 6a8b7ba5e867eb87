"""`dsquery * <DN> -scope base -attr <attribute>` on a domain controller.

Layout (UNCONFIRMED, lab-spec 3): the attribute name as a header, then one row per
object, both indented two spaces and padded: `  msDS-Behavior-Version\\r\\n  2 \\r\\n`.
"""

from __future__ import annotations

from .base import Probe, Unreadable, shape
from .cmdline import dns_name, quote

ATTRIBUTE = "msDS-Behavior-Version"


class ForestFunctionalLevel(Probe[int]):
    """The forest functional level from the Partitions container: 0 Windows 2000,
    1 Windows Server 2003 interim, 2 Windows Server 2003, 3 Windows Server 2008.

    An absent attribute means level 0 (Windows 2000): dsquery then prints an empty row.
    """

    NAME = "forest_functional_level"
    ALLOW = (shape(r'dsquery \* "CN=Partitions,CN=Configuration,(?:DC=[A-Za-z0-9-]+,)*DC=[A-Za-z0-9-]+"'
                   r" -scope base -attr msDS-Behavior-Version"),)

    def __init__(self, domain: str):
        self.domain = dns_name(domain)

    def command(self) -> str:
        components = ",".join(f"DC={label}" for label in self.domain.split("."))
        partitions = quote(f"CN=Partitions,CN=Configuration,{components}")
        return f"dsquery * {partitions} -scope base -attr {ATTRIBUTE}"

    def process(self, lines: list[str]) -> int:
        shown = [(no, line.strip()) for no, line in enumerate(lines, 1) if line.strip()]
        if not shown or shown[0][1].lower() != ATTRIBUTE.lower():
            raise Unreadable(f"no {ATTRIBUTE} header", shown[0][0] if shown else None)
        if len(shown) > 2:
            raise Unreadable("more than one object listed", shown[2][0])
        if len(shown) == 1:
            return 0
        no, value = shown[1]
        if not value.isdigit():
            raise Unreadable(f"{ATTRIBUTE} is not a number", no)
        return int(value)
