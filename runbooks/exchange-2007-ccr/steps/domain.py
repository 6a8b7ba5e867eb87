"""Domain vocabulary: forest level, Windows release, architecture and updates, computer names,
membership and the secure channel."""

from __future__ import annotations

from pytest_bdd import then

from winprobes import (ComputerSystem, HostName, HotFixes, OperatingSystem, ProcessorAddressWidths,
                       SecureChannelQuery)
from winprobes.dsquery import ForestFunctionalLevel

from .vocabulary import Mismatches

WINDOWS_2000_FOREST = 0                                         # msDS-Behavior-Version
ADDRESS_WIDTH = {"x64": 64, "x86": 32}                          # Win32_Processor.AddressWidth [S127]
VERSION = {"2003": "5.2.", "2003-r2": "5.2.", "2008": "6.0."}
DOMAIN_CONTROLLER_ROLES = {4, 5}                                # Win32_ComputerSystem.DomainRole


@then("the forest functional level is Windows 2000 or higher")
def _(environment, read):
    """Windows 2000 or 2003 will do [S1]; the level is read in the forest root's configuration
    naming context, whichever domain the nodes are in."""
    params = environment.params
    level = read(params.domain_controller.name, ForestFunctionalLevel(params.domain.forest_root_fqdn))
    found = Mismatches()
    found.expect(params.domain_controller.name,
                 f"forest functional level of {params.domain.forest_root_fqdn} (msDS-Behavior-Version)",
                 "Windows 2000 (0) or higher", "Windows 2000 (0) or higher" if level >= WINDOWS_2000_FOREST else level)
    found.check()


@then("every node runs Windows of the environment's architecture")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        widths = set(read(node.name, ProcessorAddressWidths()))
        found.expect(node.name, "Windows address width (Win32_Processor.AddressWidth)",
                     {ADDRESS_WIDTH[node.os.architecture]}, widths)
    found.check()


@then("every node runs the environment's Windows release and edition")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        os_info = read(node.name, OperatingSystem())
        found.expect(node.name, "Windows version", VERSION[node.os.release],
                     (os_info.version or "")[:len(VERSION[node.os.release])])
        edition = node.os.edition.title()
        found.expect(node.name, "edition", edition, edition if edition in (os_info.caption or "") else os_info.caption)
        if node.os.release.startswith("2003"):
            found.expect(node.name, "R2", node.os.release == "2003-r2", os_info.other_type_description == "R2")
    found.check()


@then("every node has the environment's service pack")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        found.expect(node.name, "service pack", node.os.service_pack,
                     read(node.name, OperatingSystem()).service_pack_major_version)
    found.check()


@then("every node has KB 921181 or a service pack that includes it")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        if read(node.name, OperatingSystem()).service_pack_major_version >= 2:
            continue            # Windows Server 2003 SP2 includes KB 921181 [S23]
        fixes = read(node.name, HotFixes())
        found.expect(node.name, "KB921181", "installed", "installed" if "KB921181" in fixes else "missing")
    found.check()


@then("every node's computer name is the environment's node name")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        name = read(node.name, HostName())
        # NetBIOS names are case-insensitive; hostname may print them upper case
        found.expect(node.name, "computer name (hostname)", node.name.upper(), name.upper())
    found.check()


@then("every node is a member of the environment's domain")
def _(environment, read):
    found = Mismatches()
    want = environment.params.domain.fqdn.lower()
    for node in environment.params.nodes:
        system = read(node.name, ComputerSystem())
        found.expect(node.name, "domain", want, (system.domain or "").lower() if system.part_of_domain
                     else f"workgroup {system.domain}")
    found.check()


@then("no node is a domain controller")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        role = read(node.name, ComputerSystem()).domain_role
        found.expect(node.name, "domain controller", False, role in DOMAIN_CONTROLLER_ROLES)
    found.check()


@then("every node's secure channel to the environment's domain works")
def _(environment, read):
    params = environment.params
    found = Mismatches()
    for node in params.nodes:
        channel = read(node.name, SecureChannelQuery(params.domain.netbios_name))
        found.expect(node.name, f"secure channel to {params.domain.netbios_name} (nltest /sc_query)",
                     "0 NERR_Success", f"{channel.status} {channel.status_name}")
    found.check()
