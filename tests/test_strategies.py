"""`stackdouble.strategies`: what they generate is what the services (and the fakes) accept."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import InvalidArgument

from stackdouble import strategies
from stackdouble.client.openstack import (
    auth_options_from_env,
    authenticated_client,
    new_compute_v2,
    new_object_storage_v1,
)
from stackdouble.client.openstack.compute.v2 import servers
from stackdouble.client.openstack.objectstorage.v1 import objects

NOVA_KEY = re.compile(r"^[a-zA-Z0-9-_:. ]{1,255}$")


@given(strategies.server_names())
def test_server_names_are_nova_names(name: str) -> None:
    assert 1 <= len(name) <= 255
    assert name == name.strip()
    categories = {unicodedata.category(c) for c in name}
    assert not any(c.startswith("C") or c in ("Zl", "Zp") for c in categories)


# Big metadata is the point (up to 16 items of 255 characters): on a loaded machine drawing
# it trips hypothesis's speed and size health checks without anything being wrong.
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategies.metadata(min_size=1))
def test_metadata_fits_nova_schema(meta: dict[str, str]) -> None:
    assert 1 <= len(meta) <= 16
    assert all(NOVA_KEY.match(k) and len(v) <= 255 for k, v in meta.items())


@given(strategies.container_names())
def test_container_names_are_swift_container_names(name: str) -> None:
    assert 1 <= len(name.encode("utf-8")) <= 256
    assert "/" not in name
    assert "\x00" not in name
    assert name not in (".", "..")


@given(strategies.object_names(max_size=100))
def test_object_names_are_swift_object_names(name: str) -> None:
    assert 1 <= len(name.encode("utf-8")) <= 100
    assert "\x00" not in name
    assert all(part not in (".", "..") for part in name.rstrip("/").split("/"))
    assert "" not in name.rstrip("/").split("/")


@given(strategies.flavors(max_vcpus=8, max_ram=4096, max_disk=40))
def test_flavors_are_nova_flavor_bodies(flavor: dict[str, Any]) -> None:
    assert 1 <= flavor["vcpus"] <= 8
    assert 1 <= flavor["ram"] <= 4096
    assert 0 <= flavor["disk"] <= 40
    assert flavor["rxtx_factor"] > 0
    assert set(flavor) == {"name", "vcpus", "ram", "disk", "OS-FLV-EXT-DATA:ephemeral", "swap",
                           "rxtx_factor", "os-flavor-access:is_public"}


@given(strategies.volume_sizes(min_value=5, max_value=10))
def test_volume_sizes_are_in_range(size: int) -> None:
    assert 5 <= size <= 10


def test_strategies_shrink_to_the_simplest_value() -> None:
    from hypothesis import find

    assert find(strategies.server_names(), lambda s: True) == "0"
    assert find(strategies.object_names(), lambda s: True) == "0"
    assert find(strategies.volume_sizes(min_value=3), lambda s: True) == 3
    assert find(strategies.metadata(), lambda s: True) == {}


@pytest.mark.parametrize("strategy", [
    lambda: strategies.server_names(min_size=0),
    lambda: strategies.server_names(max_size=256),
    lambda: strategies.server_names(min_size=5, max_size=4),
    lambda: strategies.metadata(max_size=129),
    lambda: strategies.metadata(max_value_size=300),
    lambda: strategies.container_names(max_size=257),
    lambda: strategies.object_names(max_size=1025),
    lambda: strategies.object_names(min_size="1"),
    lambda: strategies.flavors(max_vcpus=0),
    lambda: strategies.volume_sizes(min_value=0),
    lambda: strategies.volume_sizes(min_value=10, max_value=1),
    lambda: strategies.volume_sizes(max_value=True),
    lambda: strategies.cloud_states(max_projects=0),
    lambda: strategies.cloud_states(max_servers=-1),
])
def test_bad_arguments_raise_invalid_argument_on_draw(strategy: Any) -> None:
    built = strategy()  # no error until drawn from, as in hypothesis
    with pytest.raises(InvalidArgument):
        built.validate()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.cloud_states())
def test_cloud_states_build_clouds_their_users_can_use(state: strategies.CloudState) -> None:
    cloud = state.build()
    with cloud:
        for user in state.users:
            provider = authenticated_client(auth_options_from_env(cloud.os_environ(user.name)))
            assert provider.auth_result.extract_project().name == user.project
        for container in state.containers:
            opts = auth_options_from_env(cloud.os_environ(container.owner))
            storage = new_object_storage_v1(authenticated_client(opts))
            assert sorted(objects.list(storage, container.name).items()) == \
                sorted(name for name, _ in container.objects)
            for name, data in container.objects:
                assert objects.download(storage, container.name, name).extract_content() == data
        for server in state.servers:
            opts = auth_options_from_env(cloud.os_environ(server.owner))
            compute = new_compute_v2(authenticated_client(opts))
            names = [s.name for s in servers.extract_servers(servers.list(compute).all_pages())]
            assert server.name in names


def test_cloud_state_repr_hides_passwords() -> None:
    user = strategies.UserState(name="u", password="hunter2-pw", project="p")
    assert "hunter2-pw" not in repr(strategies.CloudState(seed=1, users=(user,)))
