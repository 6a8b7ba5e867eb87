"""Exchange vocabulary: the transport dumpster, the prerequisites and the mailbox role on the
nodes, the clustered mailbox server (CMS), its copies, the mount dial, and the drills that take
its node or its log copy away (and bring them back: `undo`, steps/drills.py).

The Exchange facts are read through winprobes' Exchange Management Shell probes (ems-engine);
the cluster's through cluster.exe. Copies settle over time (seeding, catching up after a move
or a drill), so the steps about them poll (`poll`) until the state holds or the time is up.
The commands the drills send are the ones the Exchange drills page shows.
"""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from pytest_bdd import then, when

from generator.languages.powershell.escaping import SINGLE_QUOTES

from winprobes import (ApplicationEvents, ClusteredMailboxServerStatus, ClusterError, ClusterGroups, MailboxDatabases,
                       MailboxServer, NameResolution, ProbeError, RegistryValue, ReplicationHealth, ServerFeatures,
                       StorageGroupCopyStatus, TransportConfig)

from .drills import run_or_fail
from .vocabulary import Mismatches, poll, typed

SNAPIN = "Microsoft.Exchange.Management.PowerShell.Admin"
SUBCOMPONENTS = r"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Setup\OC Manager\Subcomponents"
# What the exchange-prerequisites stage installs on Windows Server 2003, and the registry value
# (1 once installed) its checks read: the same keys as the page's `reg query` lines.
PREREQUISITES_2003 = {
    ".NET Framework 2.0": (r"HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v2.0.50727", "Install"),
    "Internet Information Services": (SUBCOMPONENTS, "iis_common"),
    "World Wide Web Service": (SUBCOMPONENTS, "iis_www"),
    "network COM+ access": (SUBCOMPONENTS, "complusnetwork"),
    "Windows PowerShell 1.0": (r"HKLM\SOFTWARE\Microsoft\PowerShell\1", "Install"),
}
MAILBOX_ROLE = (r"HKLM\SOFTWARE\Microsoft\Exchange\v8.0\MailboxRole", "ConfiguredVersion")
HANDOFF_EVENT = 100          # MSExchangeRepl: a CMS handoff, with its duration [S49]
ACTIVE_NODE_FAULT = "cms-active-node"          # the lab's fault: the node that runs the CMS powered off


def _cms(environment) -> str:
    return environment.params.exchange.cms.name


# --- Hub Transport ---------------------------------------------------------------------------

@then("the transport dumpster keeps the environment's size per storage group")
def _(environment, read):
    params = environment.params
    config = read(params.witness.name, TransportConfig())
    found = Mismatches()
    found.expect(params.witness.name, "MaxDumpsterSizePerStorageGroup",
                 f"{params.exchange.dumpster.max_size_mb} MB", _megabytes(config.max_dumpster_size_bytes))
    found.check()


@then("the transport dumpster keeps mail for the environment's number of days")
def _(environment, read):
    params = environment.params
    config = read(params.witness.name, TransportConfig())
    found = Mismatches()
    found.expect(params.witness.name, "MaxDumpsterTime", timedelta(days=params.exchange.dumpster.max_age_days),
                 config.max_dumpster_time)
    found.check()


def _megabytes(size: int) -> str:
    return f"{size // 1048576} MB" if size % 1048576 == 0 else f"{size} bytes"


# --- The nodes ---------------------------------------------------------------------------------

@then(typed('every node has the prerequisite "{name:Prerequisite}"'))
def _(environment, read, name):
    key, value = PREREQUISITES_2003[name]
    found = Mismatches()
    for node in environment.params.nodes:
        found.expect(node.name, name, "installed (1)", _registry(read, node.name, key, value))
    found.check()


def _registry(read, host: str, key: str, value: str):
    """`installed (1)`, or what the value holds, or `missing` when reg.exe finds no such value."""
    try:
        entry = read(host, RegistryValue(key, value))
    except ProbeError:
        return "missing"
    return "installed (1)" if entry.data == 1 else entry.data


@then(typed('every node has the feature "{feature}" installed'))
def _(environment, read, feature):
    found = Mismatches()
    for node in environment.params.nodes:
        installed = read(node.name, ServerFeatures())
        found.expect(node.name, f"feature {feature}", "installed", "installed" if feature in installed else "not installed")
    found.check()


@then("every node resolves every replication host name to its address")
def _(environment, read):
    names = environment.params.replication_host_names
    if not names:
        pytest.skip("this site has no replication host names")
    found = Mismatches()
    for node in environment.params.nodes:
        for _, name in names:
            found.expect(node.name, f"address of {name.name}", str(name.address),
                         read(node.name, NameResolution(name.name)) or "not found")
    found.check()


@then("every node has the Exchange mailbox role installed")
def _(environment, read):
    found = Mismatches()
    for node in environment.params.nodes:
        try:
            entry = read(node.name, RegistryValue(*MAILBOX_ROLE))
            actual = "installed" if entry.data else "not installed"
        except ProbeError:
            actual = "not installed"
        found.expect(node.name, "Exchange mailbox role (MailboxRole ConfiguredVersion)", "installed", actual)
    found.check()


# --- The clustered mailbox server --------------------------------------------------------------

def _answering(environment, target) -> str:
    """A node whose cluster answers: the first, else the second (a drill may have lost one)."""
    params = environment.params
    for node in params.nodes:
        try:
            ClusterGroups(params.cluster.name).read(target, node.name)
            return node.name
        except (ClusterError, ProbeError, OSError):
            continue
    return params.nodes[0].name


def _owner(environment, target, host: str | None = None) -> str | None:
    """The node that owns the CMS's cluster group (the node that runs the CMS)."""
    params = environment.params
    host = host or _answering(environment, target)
    groups = ClusterGroups(params.cluster.name).read(target, host)
    group = next((g for g in groups if g.name.lower() == _cms(environment).lower()), None)
    if group is None:
        return None
    # cluster.exe shows the owner's computer name (E2K7NODE1): the environment's spelling is what targets know
    return next((n.name for n in params.nodes if n.name.upper() == group.node.upper()), group.node)


@then(typed('the cluster group of the clustered mailbox server is "{status:Status}"'))
def _(environment, read, status):
    params = environment.params
    groups = {g.name.lower(): g for g in read(params.nodes[0].name, ClusterGroups(params.cluster.name))}
    group = groups.get(_cms(environment).lower())
    found = Mismatches()
    found.expect(params.nodes[0].name, f"cluster group {_cms(environment)}", status, group.status if group else "missing")
    found.check()


@then(typed('the clustered mailbox server is "{state:CmsState}"'))
def _(environment, target, state):
    def attempt():
        host = _answering(environment, target)
        actual = ClusteredMailboxServerStatus(_cms(environment)).read(target, host).state
        return None if actual == state else f"{host}: state of {_cms(environment)}: expected {state}, actual {actual}"
    poll(attempt)


@then(typed("the clustered mailbox server runs on the {node:Ordinal} node"))
def _(environment, target, node):
    expected = environment.params.nodes[node].name
    found = Mismatches()
    found.expect(environment.params.nodes[0].name, f"node that runs {_cms(environment)}", expected.upper(),
                 (_owner(environment, target) or "none").upper())
    found.check()


@then("every replication host name of the environment is operational")
def _(environment, read):
    names = environment.params.replication_host_names
    if not names:
        pytest.skip("this site has no replication host names")
    host = environment.params.nodes[0].name
    status = read(host, ClusteredMailboxServerStatus(_cms(environment)))
    operational = {n.lower() for n in status.operational_replication_host_names}
    found = Mismatches()
    for _, name in names:
        found.expect(host, f"replication host name {name.name}", "operational",
                     "operational" if name.name.lower() in operational else
                     "failed" if name.name.lower() in {n.lower() for n in status.failed_replication_host_names}
                     else "not enabled")
    found.check()


@then("the mount dial of the clustered mailbox server is the environment's")
def _(environment, read):
    host = environment.params.nodes[0].name
    server = read(host, MailboxServer(_cms(environment)))
    found = Mismatches()
    found.expect(host, f"AutoDatabaseMountDial of {_cms(environment)}", environment.params.exchange.mount_dial,
                 server.auto_database_mount_dial)
    found.check()


# --- Copies --------------------------------------------------------------------------------------

def _copies(environment, target) -> dict:
    """Storage group name (lower case) -> its copy status entry, read where the cluster answers: the
    CMS's listing, then by identity CMS\\GROUP (as the pages' checks read) each group it left out
    (the lab lists a public folder storage group only by identity)."""
    host, cms = _answering(environment, target), _cms(environment)
    found = {e.storage_group.lower(): e for e in StorageGroupCopyStatus(cms).read(target, host)}
    for group in environment.params.exchange.storage_groups:
        if group.name.lower() in found:
            continue
        try:
            entries = StorageGroupCopyStatus(identity=f"{cms}\\{group.name}").read(target, host)
        except (ProbeError, ValueError):          # ValueError: a name the probe cannot send
            continue                              # reported as "no copy"
        found.update({entry.storage_group.lower(): entry for entry in entries})
    return found


def _copy_problems(environment, target, status: str, within_dial: bool = False) -> list[str]:
    copies = _copies(environment, target)
    threshold = environment.params.exchange.dial_threshold
    problems = []
    for group in environment.params.exchange.storage_groups:
        entry = copies.get(group.name.lower())
        if entry is None:
            problems.append(f"{group.name}: no copy")
        elif entry.summary_copy_status != status:
            problems.append(f"{group.name}: expected {status}, actual {entry.summary_copy_status}"
                            + (f" ({entry.failed_message})" if entry.failed_message else ""))
        elif within_dial and entry.copy_queue_length > threshold:
            problems.append(f"{group.name}: copy queue expected at most {threshold} "
                            f"({environment.params.exchange.mount_dial}), actual {entry.copy_queue_length}")
    return problems


@then(typed('every storage group of the environment has a "{status:CopyStatus}" copy'))
def _(environment, target, status):
    def attempt():
        problems = _copy_problems(environment, target, status)
        return f"{_cms(environment)} copies: " + "; ".join(problems) if problems else None
    poll(attempt)


@then("every copy queue is within the mount dial")
def _(environment, target):
    problems = _copy_problems(environment, target, "Healthy", within_dial=True)
    found = Mismatches()
    found.expect(_cms(environment), "copies healthy within the mount dial", "all", "; ".join(problems) or "all")
    found.check()


@then("not every storage group of the environment has a healthy copy within the mount dial")
def _(environment, target):
    """After a stopped copy: the state verification must catch (polled: the queue grows over time)."""
    def attempt():
        if _copy_problems(environment, target, "Healthy", within_dial=True):
            return None
        return f"{_cms(environment)} copies: expected one not Healthy or behind the mount dial, actual all Healthy"
    poll(attempt)


@then("no copy of the environment is suspended")
def _(environment, target):
    copies = _copies(environment, target)
    found = Mismatches()
    for group in environment.params.exchange.storage_groups:
        entry = copies.get(group.name.lower())
        found.expect(_cms(environment), f"copy of {group.name} suspended", False, entry.suspend if entry else "no copy")
    found.check()


@then(typed('the copy of the {group:Ordinal} storage group is "{status:CopyStatus}"'))
def _(environment, target, group, status):
    name = environment.params.exchange.storage_groups[group].name

    def attempt():
        entry = _copies(environment, target).get(name.lower())
        actual = entry.summary_copy_status if entry else "no copy"
        return None if actual == status else f"{_cms(environment)}: copy of {name}: expected {status}, actual {actual}"
    poll(attempt)


@then("every replication health check passes")
def _(environment, read):
    host = environment.params.nodes[0].name
    failed = [f"{r.check} {r.result}" + (f" ({r.error})" if r.error else "")
              for r in read(host, ReplicationHealth()) if r.result != "Passed"]
    found = Mismatches()
    found.expect(host, "Test-ReplicationHealth", "every check Passed", "; ".join(failed) or "every check Passed")
    found.check()


@then(typed("the Application log of the {node:Ordinal} node has MSExchangeRepl event 100"))
def _(environment, read, node):
    host = environment.params.nodes[node].name
    events = read(host, ApplicationEvents("MSExchangeRepl", 50))
    found = Mismatches()
    found.expect(host, "MSExchangeRepl event 100 (handoff) in the Application log", "present",
                 "present" if any(e.event_id == HANDOFF_EVENT for e in events) else "absent")
    found.check()


# --- Drills ----------------------------------------------------------------------------------------

# The runbook's drills that may fail the CMS over (its features; other @destructive scenarios are not its own).
DRILL_FEATURES = ("quorum-drills.feature", "exchange-drills.feature")


@pytest.fixture(autouse=True)
def cms_back_where_it_ran(request, environment, target):
    """A drill (a @destructive scenario of DRILL_FEATURES, the quorum drills' too) may fail the CMS over: when it
    ends, after its own undoings, the CMS is moved back with the Exchange tool to the node it ran
    on, and the step waits until it is Online there, so the stages verified next find the site
    as the runbook left it."""
    if not (request.node.get_closest_marker("destructive") and any(f in request.node.nodeid for f in DRILL_FEATURES)):
        yield
        return
    try:
        before = _owner(environment, target)
    except (ClusterError, ProbeError, OSError):
        before = None                   # no cluster or no CMS yet: nothing to put back
    yield
    if before:
        _put_back(environment, target, before)


def _put_back(environment, target, node: str) -> None:
    cms = _cms(environment)

    def moved():
        """Back on `node` and Online; a CMS left Partially Online there (its databases dismounted after
        the cluster stopped) is moved away and back: a move with the Exchange tool mounts them [S50]."""
        try:
            owner = _owner(environment, target)
            state = ClusteredMailboxServerStatus(cms).read(target, _answering(environment, target)).state
        except (ClusterError, ProbeError) as error:
            return str(error)
        if (owner or "").upper() == node.upper() and state == "Online":
            return None
        if _copy_problems(environment, target, "Healthy"):
            return f"{cms}: copies not yet Healthy, so it cannot move back to {node}"
        to = node if (owner or "").upper() != node.upper() else _passive(environment, target)
        result = _shell(target, owner, f"Move-ClusteredMailboxServer -Identity {_single_quoted(cms)} -TargetMachine "
                                       f"{_single_quoted(to)} -MoveComment 'Back after a drill' -Confirm:$false")
        return f"{cms}: moved to {to}, on its way back to {node}" if result.ok else \
            f"{owner}: moving {cms} to {to}: {(result.stderr or result.stdout).strip()}"

    poll(moved)


def _shell(target, host: str, *lines: str):
    """Exchange Management Shell lines on `host` through powershell.exe -EncodedCommand (no quoting)."""
    script = "; ".join([f"Add-PSSnapin {SNAPIN}", "$ErrorActionPreference = 'Stop'", *lines])
    encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
    return target.run(host, f"powershell -NoProfile -NonInteractive -EncodedCommand {encoded}")


@pytest.fixture
def exchange_drill() -> dict:
    """What one drill scenario remembers between its steps: the node it lost, the other one."""
    return {}


@when("the node that runs the clustered mailbox server is lost")
def _(environment, target, lab_faults, undo, exchange_drill):
    """The lab's fault `cms-active-node`: that node is powered off (an unscheduled failover on a
    real cluster); healing powers it on again."""
    lost = _owner(environment, target)
    assert lost, f"no node runs {_cms(environment)}"
    other = next(n.name for n in environment.params.nodes if n.name.upper() != lost.upper())
    exchange_drill.update(lost=lost, other=other)
    undo(f"node {lost}", lambda: lab_faults.heal(ACTIVE_NODE_FAULT))
    lab_faults.fail(ACTIVE_NODE_FAULT)


@when("the lost node comes back")
def _(lab_faults):
    lab_faults.heal(ACTIVE_NODE_FAULT)


@then(typed('the clustered mailbox server is "{state:CmsState}" on the other node'))
def _(environment, target, exchange_drill, state):
    other = exchange_drill["other"]

    def attempt():
        try:
            owner = _owner(environment, target, other)
            actual = ClusteredMailboxServerStatus(_cms(environment)).read(target, other).state
        except (ClusterError, ProbeError) as error:
            return f"{other}: {error}"
        if (owner or "").upper() != other.upper() or actual != state:
            return f"{other}: {_cms(environment)}: expected {state} on {other}, actual {actual} on {owner}"
        return None
    poll(attempt)


@then("the clustered mailbox server runs on the other node")
def _(environment, target, exchange_drill):
    other = exchange_drill["other"]

    def attempt():
        try:
            owner = _owner(environment, target, other)
        except (ClusterError, ProbeError) as error:
            return f"{other}: {error}"
        return None if (owner or "").upper() == other.upper() else \
            f"{other}: node that runs {_cms(environment)}: expected {other}, actual {owner}"
    poll(attempt)


def _databases_problem(environment, target, host: str, mounted: bool) -> str | None:
    try:
        databases = {d.storage_group.split("\\")[-1].lower(): d       # StorageGroup is CMS\name
                     for d in MailboxDatabases(_cms(environment)).read(target, host)}
    except ProbeError as error:
        return f"{host}: {error}"
    wrong = []
    for group in environment.params.exchange.storage_groups:
        if group.database.kind != "mailbox":
            continue                    # Get-MailboxDatabase lists mailbox databases only
        database = databases.get(group.name.lower())
        if database is None or bool(database.mounted) != mounted:
            wrong.append(f"{group.database.name}: {'mounted' if database and database.mounted else 'not mounted'}")
    expected = "mounted" if mounted else "not mounted"
    return f"{host}: databases of {_cms(environment)}: expected {expected}, actual " + "; ".join(wrong) if wrong else None


@then("every mailbox database of the environment is mounted")
def _(environment, target, exchange_drill):
    host = exchange_drill.get("other") or environment.params.nodes[0].name
    poll(lambda: _databases_problem(environment, target, host, mounted=True))


@then("no mailbox database of the environment is mounted")
def _(environment, target, exchange_drill):
    host = exchange_drill.get("other") or environment.params.nodes[0].name
    poll(lambda: _databases_problem(environment, target, host, mounted=False))


@when("the copy queue grows beyond the mount dial")
def _(environment, target, lab_faults, undo):
    """The lab's fault: a burst of logs the copy does not take; polled until the queue is beyond."""
    undo("the copy queue", lambda: lab_faults.heal("copy-queue"))
    lab_faults.fail("copy-queue")
    threshold = environment.params.exchange.dial_threshold

    def attempt():
        behind = [g for g, e in _copies(environment, target).items() if e.copy_queue_length > threshold]
        return None if behind else f"{_cms(environment)}: expected a copy queue beyond {threshold}, actual none"
    poll(attempt)


@when("the copy queue is let through")
def _(lab_faults):
    lab_faults.heal("copy-queue")


def _passive(environment, target) -> str:
    owner = (_owner(environment, target) or "").upper()
    return next(n.name for n in environment.params.nodes if n.name.upper() != owner)


@when("the replication service stops on the passive node")
def _(environment, target, undo):
    """The page's command, on the node that holds the copies."""
    host = _passive(environment, target)
    undo(f"MSExchangeRepl on {host}", lambda: _start_replication(target, host))
    run_or_fail(target, host, "net stop msexchangerepl")


@when("the replication service starts on the passive node")
def _(environment, target):
    _start_replication(target, _passive(environment, target))


def _start_replication(target, host: str) -> None:
    """`net start` of a running service fails harmlessly (2182): started either way."""
    target.run(host, "net start msexchangerepl")


@when(typed("the copy of the {group:Ordinal} storage group fails"))
def _(environment, lab_faults, undo, group):
    """The lab's fault: the passive copy's database is damaged (Failed)."""
    fault = f"failed-copy:{environment.params.exchange.storage_groups[group].name}"
    undo(f"the copy ({fault})", lambda: lab_faults.heal(fault))
    lab_faults.fail(fault)


@when(typed("the reseed stage's commands run for the {group:Ordinal} storage group"))
def _(environment, target, group):
    """Suspend, Update -DeleteExistingFiles, Resume, as the reseed page shows them, on the node
    with the passive copies, through powershell.exe -EncodedCommand (no quoting of the names)."""
    identity = _single_quoted(f"{_cms(environment)}\\{environment.params.exchange.storage_groups[group].name}")
    host = _passive(environment, target)
    result = _shell(target, host,
                    f"Suspend-StorageGroupCopy -Identity {identity} -SuspendComment 'Reseed (drill)' -Confirm:$false",
                    f"Update-StorageGroupCopy -Identity {identity} -DeleteExistingFiles -ManualResume -Confirm:$false",
                    f"Resume-StorageGroupCopy -Identity {identity} -Confirm:$false")
    if not result.ok:
        raise AssertionError(f"{host}: the reseed commands exited {result.rc}: {(result.stderr or result.stdout).strip()}")


def _single_quoted(value: str) -> str:
    """A PowerShell single-quoted literal: every kind of single quote doubled, as the language's
    escaping does (PowerShell reads U+2018-U+201B as quotes too)."""
    return "'" + "".join(c + c if c in SINGLE_QUOTES else c for c in value) + "'"
