"""The one `responses` interception the fake's transport and replay share."""

from __future__ import annotations

import requests

from stackdouble._interception import CatchAll, Interception, host_of, strip_default_port
from stackdouble.fakes import FakeCloud


def _hello(request: requests.PreparedRequest) -> tuple[int, list[tuple[str, str]], bytes]:
    return 200, [("Content-Type", "text/plain")], f"{request.method} hello".encode()


def test_every_method_reaches_the_catch_all_the_route_names() -> None:
    answer = CatchAll(_hello)
    with Interception(lambda request: answer):
        assert requests.request("COPY", "https://any.test/a").text == "COPY hello"


def test_a_request_the_route_does_not_answer_goes_to_the_network() -> None:
    with FakeCloud().serve() as served, Interception(lambda request: None):
        assert requests.get(served.url + "/identity/v3").status_code == 200


def test_neither_the_mock_nor_the_catch_all_keeps_the_calls_it_answered() -> None:
    answer = CatchAll(_hello)
    interception = Interception(lambda request: answer)
    with interception:
        session = requests.Session()
        for _ in range(20):
            session.get("http://any.test/")
        assert len(interception._mock.calls) <= 1
        assert len(answer.calls) == 0
    assert len(interception._mock.calls) == 0


def test_default_ports_are_dropped_once_for_both_users() -> None:
    assert host_of("HTTP://User@Host.Test:80/x") == "host.test"
    assert host_of("https://host.test:80/x") == "host.test:80"
    assert strip_default_port("HTTPS", "h:443") == "h"
