"""The acceptance runtime as a pytest plugin (entry point `pytest11`): features run against a target.

    pytest features/<runbook>/<stage>.feature --env environments/lab.yaml --target lab://lab
        [--allow-destructive] [--host HOST=ADDRESS[:PORT]...] [--hosts FILE] [--failures FILE]

`runbook verify` runs exactly this. Without --target the plugin does nothing (it is loaded
in every pytest run of an installed project). With it:
- the environment's runbook is loaded, and only its steps (`runbooks/<id>/steps/`);
- every `.feature` file given is bound here (no binding modules): its scenarios are tests;
- scenarios tagged for another platform (@windows_2008 on a 2003 site), @destructive
  without --allow-destructive, or @lab when the target is not an embedded lab (lab://,
  inprocess://), are deselected, never counted as passed;
- the whole process is read-only (`generator.targets.guard`): every command any target
  sends must be one of the runbook's probes', except within a @destructive scenario of a
  run with --allow-destructive.
Fixtures for steps: `environment`, `target` (probe commands only unless @destructive),
`read` (a probe's result, read once per scenario), `lab_faults` (the embedded lab's
`fail`/`heal`, as `runbook lab fail|heal WHAT`, in @destructive @lab scenarios). With --failures, each failed scenario's
failure is written there as one sentence (`acceptance.failures`), for the stage's page.
"""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from ..environments import Environment, load_environments
from ..labs.control import open_lab
from ..project import Project, find_project
from ..secrets import Secrets
from ..targets import guard, open_target
from ..targets.hostmap import host_map
from . import failures
from .readonly import ProbeOnlyTarget
from .runbook_steps import step_modules
from .vocabulary import Reader

_KEY = pytest.StashKey["Acceptance"]()
LAB_SCHEMES = ("lab", "inprocess")          # targets that are an embedded lab, whose faults a @lab drill uses
_FAILURES = pytest.StashKey[dict]()
_SCENARIO = pytest.StashKey[str]()          # on a test item: its scenario's failures.key


class Acceptance:
    """What one run verifies: the project, the environment (and so its runbook), the target."""

    def __init__(self, project: Project, environment: Environment, target_url: str):
        self.project, self.environment, self.target_url = project, environment, target_url

    @property
    def runbook(self):
        return self.environment.runbook

    @property
    def is_lab(self) -> bool:
        return self.target_url.partition("://")[0].lower() in LAB_SCHEMES


def pytest_addoption(parser):
    group = parser.getgroup("runbook acceptance")
    group.addoption("--env", default=None, help="environment file whose values the scenarios expect")
    group.addoption("--target", default=None,
                    help="lab://NAME, inprocess://NAME or winrm://USER@{host}: where the features run "
                         "(without it nothing runs)")
    group.addoption("--allow-destructive", action="store_true",
                    help="run scenarios tagged @destructive (they change the target's state)")
    group.addoption("--host", dest="host_entries", action="append", default=[], metavar="HOST=ADDRESS[:PORT]",
                    help="which machine a host of the environment is (repeatable; see `runbook apply --help`)")
    group.addoption("--hosts", dest="hosts_file", default=None, metavar="FILE",
                    help="a YAML file of HOST: ADDRESS[:PORT] lines")
    group.addoption("--failures", dest="failures_file", default=None, metavar="FILE",
                    help="write each failed scenario's failure here, one sentence, as JSON")


def pytest_configure(config):
    target = config.getoption("--target")
    if not target:
        return
    env_file = config.getoption("--env")
    if not env_file:
        raise pytest.UsageError("--target needs --env ENV_FILE (the environment whose values the scenarios expect)")
    project = find_project(Path(env_file).resolve().parent)
    [environment] = load_environments(project, [Path(env_file)])
    acceptance = Acceptance(project, environment, target)
    config.stash[_KEY] = acceptance
    guard.enforce(allow_destructive=config.getoption("--allow-destructive"))
    guard.allow(environment.runbook.allows)
    config.addinivalue_line("markers", "destructive: changes or breaks the target's state")
    config.addinivalue_line("markers", "lab: needs the embedded lab's faults (lab:// or inprocess:// targets only)")
    for tag, platform in environment.runbook.platform_tags.items():
        config.addinivalue_line("markers", f"{tag}: scenario applies to {platform} sites only")
    for module in step_modules(environment.runbook):
        config.pluginmanager.register(module, name=f"runbook-steps:{module.__name__}")


def pytest_collect_file(file_path: Path, parent):
    acceptance = parent.config.stash.get(_KEY, None)
    if acceptance is None or file_path.suffix != ".feature":
        return None
    features = acceptance.project.features_dir / acceptance.runbook.id
    if features.resolve() not in file_path.resolve().parents:
        raise pytest.UsageError(f"{file_path} is not a feature of runbook {acceptance.runbook.id} "
                                f"({acceptance.project.relative(features)}/), the runbook of {acceptance.environment.name}")
    return FeatureModule.from_parent(parent, path=file_path)


class FeatureModule(pytest.Module):
    """A feature file collected as the module `scenarios(feature)` would fill."""

    def _getobj(self):
        module = types.ModuleType(f"runbook_features.{self.path.parent.name}.{self.path.stem}".replace("-", "_"))
        module.__file__ = str(self.path)
        code = compile(f"from pytest_bdd import scenarios\nscenarios({str(self.path)!r})\n", str(self.path), "exec")
        exec(code, module.__dict__)          # scenarios() puts the tests into the calling module's namespace
        return module


def pytest_collection_modifyitems(config, items):
    acceptance = config.stash.get(_KEY, None)
    if acceptance is None:
        return
    tags = acceptance.runbook.platform_tags
    platform = acceptance.environment.params.platform
    drop = []
    for item in items:
        tagged = {tags[m.name] for m in item.iter_markers() if m.name in tags}
        if tagged and platform not in tagged:
            drop.append(item)
        elif item.get_closest_marker("destructive") and not config.getoption("--allow-destructive"):
            drop.append(item)
        elif item.get_closest_marker("lab") and not acceptance.is_lab:
            drop.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = [i for i in items if i not in drop]


def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception):
    """The failure in one sentence, from the exception itself (the report keeps the chain)."""
    request.config.stash.setdefault(_FAILURES, {})[failures.key(feature.filename, scenario.name)] = \
        failures.sentence(exception)


def pytest_bdd_before_scenario(request, feature, scenario):
    request.node.stash[_SCENARIO] = failures.key(feature.filename, scenario.name)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A scenario whose clean-up failed (a drill's undo, a fixture's teardown) is not a pass: the
    Cucumber report knows only its steps, so the failure is filed beside the step failures."""
    report = yield
    if report.when == "teardown" and report.failed and call.excinfo is not None and _SCENARIO in item.stash:
        item.config.stash.setdefault(_FAILURES, {})[failures.teardown_key(item.stash[_SCENARIO])] = \
            failures.sentence(call.excinfo.value)
    return report


def pytest_sessionfinish(session):
    write_failures_file(session.config)


def write_failures_file(config) -> None:
    """The failures so far, to --failures (at the session's end; `acceptance.gate` after each stage)."""
    path = config.getoption("failures_file", None)
    if path:
        failures.write_failures(Path(path), config.stash.get(_FAILURES, {}))


def _acceptance(request) -> Acceptance:
    acceptance = request.config.stash.get(_KEY, None)
    if acceptance is None:
        pytest.fail("acceptance fixtures need --env and --target", pytrace=False)
    return acceptance


@pytest.fixture(scope="session")
def environment(request) -> Environment:
    return _acceptance(request).environment


@pytest.fixture(scope="session")
def _session_target(request):
    """The target itself. Steps get `target`; were one to ask for this, the guard still holds."""
    acceptance = _acceptance(request)
    config = request.config
    hosts_file = config.getoption("hosts_file")
    hosts = host_map(acceptance.environment, config.getoption("host_entries"), Path(hosts_file) if hosts_file else None)
    secrets = Secrets().learn(acceptance.environment.params)     # what `verify` passed down, masked here too
    target = open_target(acceptance.target_url, acceptance.environment, acceptance.project, hosts=hosts,
                         secrets=secrets)
    yield target
    target.close()


@pytest.fixture(autouse=True)
def _changes_only_when_destructive(request):
    """A @destructive scenario (only selected with --allow-destructive) may change state."""
    if request.config.stash.get(_KEY, None) is not None and request.node.get_closest_marker("destructive"):
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
def lab_faults(_session_target, request):
    """The embedded lab's `fail(what)` and `heal(what)` (what `runbook lab fail|heal` do): a cut
    cable, a host powered off. Only a @destructive @lab scenario may use them."""
    acceptance = _acceptance(request)
    if not (request.node.get_closest_marker("destructive") and request.node.get_closest_marker("lab")):
        pytest.fail("lab faults change the lab: only a scenario tagged @destructive and @lab may use them",
                    pytrace=False)
    lab = getattr(_session_target, "lab", None)            # inprocess:// holds its lab; lab:// has the daemon's
    return lab if lab is not None else open_lab(acceptance.project, acceptance.environment, create=False)


@pytest.fixture
def read(target):
    """read(host, probe): the probe's result, read once per scenario."""
    return Reader(target)
