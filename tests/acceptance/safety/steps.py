"""Steps that try to change the target from a verification, each by another way in (test only)."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from generator.project import find_project
from generator.targets import open_target
from generator.targets.hostmap import host_map


@then(parsers.parse('the first node answers "{command}"'))
def _(environment, target, command):
    host = environment.params.nodes[0].name
    result = target.run(host, command)
    assert result.ok, f"{host}: {command} exited {result.rc}"


@when(parsers.parse('a step sends "{command}" through its target'))
def _(environment, target, command):
    target.run(environment.params.nodes[0].name, command)


@when(parsers.parse('a step sends "{command}" through the session\'s target'))
def _(environment, _session_target, command):
    _session_target.run(environment.params.nodes[0].name, command)


@when(parsers.parse('a step sends "{command}" through a target it opens itself'))
def _(environment, request, command):
    config = request.config
    hosts = host_map(environment, config.getoption("host_entries"))
    with open_target(config.getoption("--target"), environment, find_project(), hosts=hosts) as own:
        own.run(environment.params.nodes[0].name, command)
