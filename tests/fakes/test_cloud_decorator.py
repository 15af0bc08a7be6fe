"""`FakeCloud` as a decorator, as moto's `@mock_aws`: a fresh, active cloud per call."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import requests

from stackdouble.fakes import FakeCloud

DECORATED = FakeCloud(seed=1)


@DECORATED
def test_a_decorated_test_gets_the_cloud_without_a_fixture_of_that_name(
    cloud: FakeCloud, tmp_path: object,
) -> None:
    assert cloud is DECORATED
    assert requests.get(cloud.auth_url + "/v3").status_code == 200
    assert tmp_path is not None  # pytest's own fixtures still reach the test


def test_requests_reach_the_cloud_only_during_the_call() -> None:
    cloud = FakeCloud(seed=1)

    @cloud
    def version_status() -> int:
        return requests.get(cloud.auth_url + "/v3").status_code

    assert version_status() == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(cloud.auth_url + "/v3")


def test_each_call_starts_from_a_fresh_state() -> None:
    @FakeCloud(seed=1)
    def break_then_count(cloud: FakeCloud) -> tuple[int, int]:
        status = requests.get(cloud.auth_url + "/v3").status_code
        cloud.inject_fault(method="GET", path="/identity/*", status=503)
        return status, len(cloud.requests)

    assert break_then_count() == (200, 1)
    assert break_then_count() == (200, 1)  # neither the fault nor the log survived


def test_the_state_stays_after_the_call_for_a_look() -> None:
    cloud = FakeCloud(seed=1)

    @cloud
    def ask() -> None:
        requests.get(cloud.auth_url + "/v3")

    ask()
    assert len(cloud.requests) == 1


def test_a_call_inside_an_active_cloud_shares_its_state() -> None:
    cloud = FakeCloud(seed=1)

    @cloud
    def count() -> int:
        requests.get(cloud.auth_url + "/v3")
        return len(cloud.requests)

    with cloud:
        requests.get(cloud.auth_url + "/v3")
        assert count() == 2
        assert requests.get(cloud.auth_url + "/v3").status_code == 200  # still active


def test_the_cloud_stops_when_the_function_raises() -> None:
    cloud = FakeCloud(seed=1)

    @cloud
    def fail() -> None:
        raise KeyError("boom")

    with pytest.raises(KeyError):
        fail()
    with pytest.raises(requests.ConnectionError):
        requests.get(cloud.auth_url + "/v3")


def test_a_cloud_the_caller_passes_wins() -> None:
    other = FakeCloud(seed=2)

    @FakeCloud(seed=1)
    def which(cloud: FakeCloud) -> FakeCloud:
        return cloud

    assert which(cloud=other) is other


def test_the_wrapper_keeps_the_name_and_hides_only_the_cloud_parameter() -> None:
    @FakeCloud()
    def create(name: str, cloud: FakeCloud, *, size: int = 1) -> str:
        """Make something."""
        return f"{name}-{size}-{cloud.seed_value}"

    assert create.__name__ == "create"
    assert create.__doc__ == "Make something."
    assert list(inspect.signature(create).parameters) == ["name", "size"]
    assert create("vol", size=2) == "vol-2-None"


def test_coroutine_functions_and_classes_are_refused() -> None:
    async def fetch() -> None:
        return None

    cloud = FakeCloud()
    with pytest.raises(TypeError, match="plain functions"):
        cloud(fetch)
    with pytest.raises(TypeError, match="plain functions"):
        cloud(FakeCloud)


def test_the_readme_example_runs_as_written() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"`@mock_aws`, a cloud also decorates.*?```python\n(.*?)```", readme,
                      re.S)
    assert found, "no decorator example in README.md"
    namespace: dict[str, object] = {}
    exec(found.group(1), namespace)
    test = namespace["test_keystone_answers"]
    assert callable(test)
    assert list(inspect.signature(test).parameters) == []
    test()
