"""The qos package against the fake Cinder."""

from __future__ import annotations

import pytest

from stackdouble.client import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    ServiceClient,
)
from stackdouble.client.openstack.blockstorage.v3 import qos, volumetypes


def test_create_get_and_list(admin_block_storage: ServiceClient) -> None:
    made = qos.create(admin_block_storage, qos.CreateOpts(
        name="gold", consumer="front-end", specs={"read_iops_sec": "2000"})).extract()
    assert (made.name, made.consumer, made.specs) == ("gold", "front-end",
                                                      {"read_iops_sec": "2000"})
    assert qos.get(admin_block_storage, made.id).extract() == made
    assert [q.id for q in qos.list(admin_block_storage).items()] == [made.id]


def test_a_taken_name_is_a_conflict(admin_block_storage: ServiceClient) -> None:
    qos.create(admin_block_storage, qos.CreateOpts(name="gold")).extract()
    err = qos.create(admin_block_storage, qos.CreateOpts(name="gold")).err
    assert isinstance(err, Conflict)
    assert err.status == 409


def test_members_are_forbidden(block_storage: ServiceClient) -> None:
    assert isinstance(qos.create(block_storage, qos.CreateOpts(name="x")).err, Forbidden)
    with pytest.raises(Forbidden):
        list(qos.list(block_storage).items())


def test_update_returns_the_keys_sent_and_delete_keys_removes(
        admin_block_storage: ServiceClient) -> None:
    made = qos.create(admin_block_storage, qos.CreateOpts(
        name="q", specs={"a": "1", "b": "2"})).extract()
    echoed = qos.update(admin_block_storage, made.id, qos.UpdateOpts(
        consumer="both", specs={"c": "3"})).extract()
    assert echoed == {"consumer": "both", "c": "3"}
    qos.delete_keys(admin_block_storage, made.id, ["a"]).extract_err()
    after = qos.get(admin_block_storage, made.id).extract()
    assert (after.consumer, after.specs) == ("both", {"b": "2", "c": "3"})
    assert isinstance(qos.delete_keys(admin_block_storage, made.id, ["zz"]).err, NotFound)


def test_associations_and_forced_delete(admin_block_storage: ServiceClient) -> None:
    made = qos.create(admin_block_storage, qos.CreateOpts(name="q")).extract()
    vtype = volumetypes.create(admin_block_storage,
                               volumetypes.CreateOpts(name="fast")).extract()
    qos.associate(admin_block_storage, made.id, vtype.id).extract_err()
    (assoc,) = qos.list_associations(admin_block_storage, made.id).extract()
    assert (assoc.id, assoc.name, assoc.association_type) == (vtype.id, "fast", "volume_type")
    assert isinstance(qos.delete(admin_block_storage, made.id).err, BadRequest)
    qos.disassociate(admin_block_storage, made.id, vtype.id).extract_err()
    qos.delete(admin_block_storage, made.id).extract_err()
    assert volumetypes.get(admin_block_storage, vtype.id).extract().qos_specs_id is None


def test_bad_options_surface_without_a_request(admin_block_storage: ServiceClient) -> None:
    with pytest.raises(InvalidInput):
        qos.CreateOpts(name="q", consumer="sideways").to_qos_create_map()
    with pytest.raises(InvalidInput):
        qos.CreateOpts(name="q", specs={"name": "x"}).to_qos_create_map()
    with pytest.raises(InvalidInput):
        qos.UpdateOpts(consumer="sideways").to_qos_update_map()
    assert isinstance(qos.create(admin_block_storage, qos.CreateOpts(name="")).err,
                      InvalidInput)
    assert isinstance(qos.delete_keys(admin_block_storage, "x", "abc").err, InvalidInput)
    with pytest.raises(InvalidInput):
        list(qos.list(admin_block_storage, qos.ListOpts(limit=-1)).items())
