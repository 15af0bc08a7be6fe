"""Every route of the fake, fed malformed requests: never a 5xx, never a traceback, never a
header a server cannot send, and no state change unless the answer is 2xx.

The routes come from the services' own route tables (`tests/fakes/fuzz.py`), so a new route
is fuzzed without editing this file. Two passes run in-process: a fixed battery per route
(deep JSON, no token, `limit=0`, junk ids...) and hypothesis-drawn requests, derandomized
(the same examples on every run, no example database) so CI is reproducible; a smaller
battery goes through a real socket.
"""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.fakes.server import ServedCloud
from tests.fakes import fuzz

TARGETS = fuzz.targets()
SERVICES = sorted({t.service for t in TARGETS})
#: Hypothesis examples per service, in-process.
EXAMPLES = 300


def _of(service: str) -> list[fuzz.Target]:
    return [t for t in TARGETS if t.service == service]


def test_every_service_with_routes_is_fuzzed() -> None:
    assert set(SERVICES) == {"block-storage", "compute", "identity", "image", "network",
                             "object-store"}
    assert len(TARGETS) >= 190


@pytest.mark.parametrize("service", SERVICES)
def test_the_fixed_battery_gets_no_5xx_and_changes_nothing_on_4xx(service: str) -> None:
    world = fuzz.build_world()
    for target in _of(service):
        for probe in fuzz.sweep(target):
            fuzz.send(world, target, probe)
        world = fuzz.renewed(world, max_changes=1)  # every route sees the whole world


@pytest.mark.parametrize("service", SERVICES)
def test_drawn_requests_get_no_5xx_and_change_nothing_on_4xx(service: str) -> None:
    targets = _of(service)
    worlds: list[fuzz.World] = [fuzz.build_world()]

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        worlds[0] = fuzz.renewed(worlds[0])
        target = data.draw(st.sampled_from(targets), label="target")
        fuzz.send(worlds[0], target, data.draw(fuzz.probes(target), label="probe"))

    run()


class Served:
    """A world served on a real socket, served afresh once a request has changed it."""

    def __init__(self) -> None:
        self.world, self.server = self._start()

    @staticmethod
    def _start() -> tuple[fuzz.World, ServedCloud]:
        world = fuzz.build_world()
        server = world.cloud.serve()
        world.fingerprint = world.state()  # the catalog now holds the server's URL
        return world, server

    def renew(self) -> None:
        """A fresh world and server when the current world has changed."""
        if self.world.changes:
            self.close()
            self.world, self.server = self._start()

    def send(self, method: str, path: str, headers: dict[str, str], body: bytes
             ) -> tuple[int, list[tuple[str, str]], bytes]:
        """One request, raw: the path and header bytes go out as given."""
        fuzz.COUNTER.sent += 1
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value.encode("latin-1"))
            conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            return resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()

    def close(self) -> None:
        """Stop the server."""
        self.server.stop()


@pytest.fixture
def served() -> Iterator[Served]:
    """A served world, stopped after the test."""
    served = Served()
    yield served
    served.close()


@pytest.mark.parametrize("service", SERVICES)
def test_served_battery_gets_no_5xx_and_changes_nothing_on_4xx(service: str,
                                                               served: Served) -> None:
    for target in _of(service):
        method = target.route.method
        for probe in fuzz.sweep(target)[:3]:
            world = served.world
            path = quote(probe.path(world, target), safe="/:@!$&'()*+,;=-._~")
            headers = {k: (world.token if v == "<admin>" else v)
                       for k, v in probe.headers.items()}
            status, got, body = served.send(method, path, headers, probe.body)
            fuzz.check(world, f"served {method} {target!r}", status, got, body)
            served.renew()
        for name in target.params:
            world = served.world
            probe = fuzz.Probe(method, {name: b"%zz\xe2\x9c\x93"}, "", {}, b"")
            path = quote(probe.path(world, target), safe="/%") + "?limit=%zz&limit=0"
            status, got, body = served.send(method, path, {"X-Auth-Token": world.token}, b"")
            fuzz.check(world, f"served {method} {target!r} {name}", status, got, body)
            served.renew()
