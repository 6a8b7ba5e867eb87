"""An in-process WinRM lab endpoint with a small fake handler, for the endpoint and client tests."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pytest

from winlab.tooling import Output
from winlab.winrm import HostUnavailable, Servers, serve

PASSWORD = "Lab-Pa55:w\u00f6rd!"         # a colon and a non-ASCII letter, on purpose
USER = "Administrator"
HOSTS = ("E2K7Node1", "E2K7Node2")


@dataclass
class FakeHosts:
    """Commands: `echo TEXT`, `exit N`, `env`, `stdin`, `sleep S`, `boom`, `text`, `big N`;
    anything else prints the line back."""

    calls: list[tuple[str, str, dict, str]] = field(default_factory=list)
    down: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, host: str, line: str, env, stdin: str) -> Output:
        with self.lock:
            self.calls.append((host, line, dict(env), stdin))
        if host in self.down:
            raise HostUnavailable(host)
        verb, _, rest = line.partition(" ")
        if verb == "echo":
            return Output(0, rest + "\r\n", "")
        if verb == "exit":
            return Output(int(rest), "", f"failed with {rest}\r\n")
        if verb == "env":
            return Output(0, "".join(f"{k}={v}\r\n" for k, v in sorted(env.items())), "")
        if verb == "stdin":
            return Output(0, stdin, "")
        if verb == "sleep":
            time.sleep(float(rest))
            return Output(0, "slept\r\n", "")
        if verb == "boom":
            raise RuntimeError("the emulation broke: " + env.get("SECRET", ""))
        if verb == "big":
            return Output(0, "z" * int(rest), "")
        if verb == "text":
            return Output(0, "caf\u00e9 \u00fc \u2192\r\n", "\u00e9rreur\r\n")
        return Output(0, f"{host}: {line}\r\n", "")


@dataclass
class Lab:
    servers: Servers
    hosts: FakeHosts
    user: str = USER
    password: str = field(default=PASSWORD, repr=False)
    names: tuple[str, ...] = HOSTS

    def url(self, host: str = HOSTS[0]) -> str:
        return self.servers.urls[host]


@pytest.fixture
def lab():
    hosts = FakeHosts()
    servers = serve(hosts={name: 0 for name in HOSTS}, handler=hosts, credentials={USER: PASSWORD})
    try:
        yield Lab(servers, hosts)
    finally:
        servers.shutdown()


@pytest.fixture
def site(lab_env):
    """Every host of environments/lab.yaml behind an endpoint of its own, on the same fake handler."""
    hosts = FakeHosts()
    names = tuple(lab_env.params.host_addresses())
    servers = serve(hosts={name: 0 for name in names}, handler=hosts, credentials={USER: PASSWORD})
    try:
        yield Lab(servers, hosts, names=names)
    finally:
        servers.shutdown()
