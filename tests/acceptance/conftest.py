"""Acceptance runs: options, the environment and target fixtures, and scenario selection.

    pytest tests/acceptance --env environments/lab.yaml --target lab://lab [--allow-destructive]
        [--host HOST=ADDRESS[:PORT]...] [--hosts FILE]

`runbook verify` runs exactly this. Without --target nothing here is collected (the tests
need a cluster); scenarios tagged for another platform or @destructive (without
--allow-destructive) are deselected, never counted as passed. With --target the whole
process is read-only (`generator.targets.guard`): every command any target sends must be a
probe's, except within a @destructive scenario of a run with --allow-destructive.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.environments import load_environments
from generator.project import find_project
from generator.acceptance.readonly import ProbeOnlyTarget
from generator.targets import guard
from generator.targets.hostmap import host_map
from tests.acceptance.steps.cluster import *  # noqa: F401,F403  (step definitions)
from tests.acceptance.steps.domain import *  # noqa: F401,F403
from tests.acceptance.steps.network import *  # noqa: F401,F403
from tests.acceptance.steps.common import Reader

PLATFORM_TAGS = {"windows_2003": "windows-2003", "windows_2008": "windows-2008"}


def pytest_configure(config):
    if config.getoption("--target"):
        guard.enforce(allow_destructive=config.getoption("--allow-destructive"))


def pytest_collection_modifyitems(config, items):
    acceptance = [i for i in items if "tests/acceptance/" in str(i.path).replace("\\", "/")]
    if not acceptance:
        return
    target, env_file = config.getoption("--target"), config.getoption("--env")
    if not target:
        _deselect(config, items, acceptance)
        return
    platform = getattr(load_environments(find_project(), [Path(env_file)])[0].params, "platform", None)
    drop = []
    for item in acceptance:
        tagged = {PLATFORM_TAGS[m.name] for m in item.iter_markers() if m.name in PLATFORM_TAGS}
        if tagged and platform not in tagged:
            drop.append(item)
        elif item.get_closest_marker("destructive") and not config.getoption("--allow-destructive"):
            drop.append(item)
    _deselect(config, items, drop)


def _deselect(config, items, drop):
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = [i for i in items if i not in drop]


@pytest.fixture(scope="session")
def environment(request):
    [env] = load_environments(find_project(), [Path(request.config.getoption("--env"))])
    return env


@pytest.fixture(scope="session")
def _session_target(request, environment):
    """The target itself. Steps get `target`; were one to ask for this, the guard still holds."""
    from generator.targets import open_target
    config = request.config
    hosts_file = config.getoption("hosts_file")
    hosts = host_map(environment, config.getoption("host_entries"), Path(hosts_file) if hosts_file else None)
    target = open_target(config.getoption("--target"), environment, find_project(), hosts=hosts)
    yield target
    target.close()


@pytest.fixture(autouse=True)
def _changes_only_when_destructive(request):
    """A @destructive scenario (only selected with --allow-destructive) may change state."""
    if request.node.get_closest_marker("destructive"):
        with guard.destructive_scenario():
            yield
    else:
        yield


@pytest.fixture
def target(_session_target, request):
    """What steps use: probe commands only, unless the scenario is @destructive."""
    if request.node.get_closest_marker("destructive"):
        return _session_target
    return ProbeOnlyTarget(_session_target)


@pytest.fixture
def read(target):
    """read(host, probe): the probe's result, read once per scenario."""
    return Reader(target)
