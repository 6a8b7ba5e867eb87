"""Which machine each host is: `--host NAME=ADDRESS[:PORT]` (repeatable) and `--hosts FILE`.

A `winrm://` URL without {host} or {address} names one machine. For an environment of more
than one host that says nothing about which host is which, so such a run needs every host
it reaches mapped to its machine. The file is a YAML mapping, host -> ADDRESS[:PORT]:

    DC01: dc01.corp.contoso.com
    NODE1: 10.20.0.21:5986

Names are the environment's hosts (any case). ADDRESS replaces the URL's host and PORT, when
given, its port; user, scheme, path and options stay the URL's. `--host` wins over the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..errors import ConfigError, Problem, TargetError
from ..yamlfile import load_yaml
from .winrm_url import parse_endpoint


def environment_hosts(environment) -> list[str]:
    """The hosts an environment names (its model's `host_addresses`), in its order."""
    return list(environment.params.host_addresses())


def host_map(environment, entries: Sequence[str] = (), file: Path | None = None) -> dict[str, str]:
    """Host (as the environment spells it) -> ADDRESS[:PORT]; every problem reported at once
    (a file's as `file:line: HOST: message`, ConfigError; the options', TargetError)."""
    known = {name.lower(): name for name in environment_hosts(environment)}
    mapping = _from_file(file, known, environment.name) if file else {}
    problems, given, seen = [], {}, set()
    for entry in entries:
        name, sep, endpoint = (part.strip() for part in entry.partition("="))
        problem = _problem(name, endpoint, known, seen, environment.name) if sep and name \
            else "expected HOST=ADDRESS[:PORT]"
        if problem:
            problems.append(f"--host {entry}: {problem}")
        else:
            given[known[name.lower()]] = endpoint
    if problems:
        raise TargetError("\n".join(problems))
    return {**mapping, **given}


def host_args(mapping: dict[str, str]) -> list[str]:
    """The mapping as command-line options, for a process of our own (verify's pytest)."""
    return [arg for name, endpoint in mapping.items() for arg in ("--host", f"{name}={endpoint}")]


def _from_file(file: Path, known: dict[str, str], environment: str) -> dict[str, str]:
    document = load_yaml(file)
    if not isinstance(document.data, dict):
        raise ConfigError([Problem(document.path, 1, "", "expected a mapping of host names to ADDRESS[:PORT]")])
    mapping, problems, seen = {}, [], set()
    for name, endpoint in document.data.items():
        problem = _problem(str(name), endpoint, known, seen, environment)
        if problem:
            problems.append(Problem(document.path, document.line_of([name]), str(name), problem))
        else:
            mapping[known[str(name).lower()]] = endpoint.strip()
    if problems:
        raise ConfigError(problems)
    return mapping


def _problem(name: str, endpoint: object, known: dict[str, str], seen: set[str], environment: str) -> str:
    """What is wrong with one entry, or ''; adds its host to `seen` (the hosts named before)."""
    if name.lower() not in known:
        return f"{name} is not a host of {environment} (its hosts: {', '.join(known.values()) or 'none'})"
    if name.lower() in seen:
        return f"{known[name.lower()]} is given twice"
    seen.add(name.lower())
    if not isinstance(endpoint, str):
        return "expected ADDRESS[:PORT] as text"
    try:
        parse_endpoint(endpoint.strip())
    except TargetError as exc:
        return str(exc)
    return ""
