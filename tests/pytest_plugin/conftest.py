"""Fixtures for the plugin's tests: a served fake cloud standing in for a real one."""

from __future__ import annotations

import os
from collections.abc import Iterator

# Import what the nested sessions use before pytester snapshots sys.modules: a module first
# imported inside a nested session is dropped after it and imported again by the next one,
# and libyaml's emitter, vcrpy's patches and the fake's transport do not survive that.
# (Importing them here also keeps each nested session fast.)
import hypothesis  # noqa: F401
import pytest
import responses  # noqa: F401
import vcr  # type: ignore[import-untyped]
import vcr.stubs.requests_stubs  # type: ignore[import-untyped]
import vcr.stubs.urllib3_stubs  # type: ignore[import-untyped]  # noqa: F401
import yaml  # noqa: F401

import stackdouble.cassettes
import stackdouble.client.config
import stackdouble.client.openstack.compute.v2.flavors
import stackdouble.client.openstack.compute.v2.servers
import stackdouble.client.openstack.identity.v3.projects
import stackdouble.fakes.transport  # noqa: F401
from stackdouble.fakes import FakeCloud, ServedCloud
from tests.pytest_plugin.helpers import SAMPLE, write_clouds_yaml


@pytest.fixture(autouse=True)
def _no_cloud_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The nested sessions find clouds.yaml in their own folder, whatever this shell has."""
    for key in list(os.environ):
        if key.startswith("OS_"):
            monkeypatch.delenv(key)


@pytest.fixture
def served() -> Iterator[ServedCloud]:
    """A fake cloud served on loopback: the "real cloud" of record and live modes."""
    with FakeCloud(seed=7).serve() as served_cloud:
        yield served_cloud


@pytest.fixture
def sample(pytester: pytest.Pytester, served: ServedCloud) -> pytest.Pytester:
    """The sample project, with a clouds.yaml naming the served cloud `sample`."""
    pytester.makepyfile(test_sample=SAMPLE)
    write_clouds_yaml(pytester.path, served)
    return pytester
