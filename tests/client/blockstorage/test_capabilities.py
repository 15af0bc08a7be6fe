"""The capabilities and extensions packages against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import Forbidden, NotFound, ServiceClient
from stackdouble.client.openstack.blockstorage.v3 import capabilities, extensions

VOLUME_HOST = "stackdouble@lvmdriver-1"


def test_admins_read_the_lvm_backends_capabilities(admin_block_storage: ServiceClient) -> None:
    found = capabilities.get(admin_block_storage, VOLUME_HOST).extract()
    assert (found.namespace, found.vendor_name, found.volume_backend_name,
            found.driver_version, found.storage_protocol, found.pool_name) == (
        f"OS::Storage::Capabilities::{VOLUME_HOST}", "Open Source", "lvmdriver-1", "3.0.0",
        "iSCSI", None)
    assert found.replication_targets == ()
    assert found.properties["qos"] == {"title": "QoS", "description": "Enables QoS.",
                                       "type": "boolean"}


def test_a_node_matches_its_backend(admin_block_storage: ServiceClient) -> None:
    found = capabilities.get(admin_block_storage, "stackdouble").extract()
    assert found.namespace.endswith(VOLUME_HOST)


def test_a_pool_is_escaped_and_matches_only_exactly(admin_block_storage: ServiceClient) -> None:
    with pytest.raises(NotFound) as caught:
        capabilities.get(admin_block_storage, VOLUME_HOST + "#lvmdriver-1").extract()
    assert caught.value.url.endswith("/capabilities/stackdouble@lvmdriver-1%23lvmdriver-1")


def test_members_are_forbidden(block_storage: ServiceClient) -> None:
    with pytest.raises(Forbidden):
        capabilities.get(block_storage, VOLUME_HOST).extract()


def test_extensions_list_and_get(block_storage: ServiceClient) -> None:
    found = extensions.list(block_storage).all_pages().items()
    assert len(found) == 32
    assert all(e.updated and e.description for e in found)
    shown = extensions.get(block_storage, "os-admin-actions").extract()
    assert (shown.name, shown.links) == ("AdminActions", ())


def test_an_unknown_extension_is_not_found(block_storage: ServiceClient) -> None:
    with pytest.raises(NotFound):
        extensions.get(block_storage, "nosuch").extract()
