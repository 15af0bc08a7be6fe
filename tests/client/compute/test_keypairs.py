"""Keypairs: generate (private key kept out of reprs), import, list shape, user_id, paging."""

from __future__ import annotations

import pytest
import responses

from stackdouble.client import Conflict, InvalidInput, ServiceClient
from stackdouble.client.openstack.compute.v2 import keypairs
from tests.client.compute.support import BASE, nova_error, sample, sent_json

URL = f"{BASE}os-keypairs"


def test_create_without_public_key_returns_the_private_key_out_of_repr(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    mock.post(URL, json=sample("keypair-create"), status=201)
    keypair = keypairs.create(compute, keypairs.CreateOpts(name="gen")).extract()
    assert sent_json(mock.calls[0]) == {"keypair": {"name": "gen"}}
    assert keypair.private_key is not None
    assert keypair.private_key.startswith("-----BEGIN RSA PRIVATE KEY-----")
    assert "PRIVATE KEY" not in repr(keypair)
    assert keypair.type == "ssh"


def test_import_sends_the_public_key_type_and_user(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    answer = sample("keypair-create")
    del answer["keypair"]["private_key"]
    mock.post(URL, json=answer, status=200)
    opts = keypairs.CreateOpts(name="deploy", public_key="ssh-ed25519 AAAAC3Nz deploy",
                               type="ssh", user_id="u-2")
    keypair = keypairs.create(compute, opts).extract()
    assert sent_json(mock.calls[0]) == {"keypair": {
        "name": "deploy", "public_key": "ssh-ed25519 AAAAC3Nz deploy", "type": "ssh",
        "user_id": "u-2"}}
    assert keypair.private_key is None


def test_create_with_an_unknown_type_sends_nothing(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    result = keypairs.create(compute, keypairs.CreateOpts(name="k", type="pgp"))
    with pytest.raises(InvalidInput):
        result.extract()
    assert len(mock.calls) == 0


def test_a_duplicate_name_arrives_as_conflict(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    message = "Key pair 'deploy' already exists."
    mock.post(URL, status=409, json=nova_error("conflictingRequest", 409, message))
    with pytest.raises(Conflict) as info:
        keypairs.create(compute, keypairs.CreateOpts(name="deploy")).extract()
    assert info.value.fault == message


def test_list_unwraps_each_keypair(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    mock.get(URL, json=sample("keypairs-list-2.2"))
    [keypair] = keypairs.extract_keypairs(keypairs.list(compute).all_pages())
    assert keypair.name == "keypair-50ca852e-273f-4cdc-8949-45feba200837"
    assert keypair.fingerprint == "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd"


def test_list_follows_keypairs_links_from_2_35(
    mock: responses.RequestsMock, compute: ServiceClient
) -> None:
    first = sample("keypairs-list-2.2")
    first["keypairs_links"] = [{"rel": "next", "href": f"{URL}?limit=1&marker=k1"}]
    second = {"keypairs": [{"keypair": {**first["keypairs"][0]["keypair"], "name": "k2"}}]}
    mock.get(f"{URL}?limit=1", json=first)
    mock.get(f"{URL}?limit=1&marker=k1", json=second)
    names = [k.name for k in keypairs.list(compute, keypairs.ListOpts(limit=1)).items()]
    assert names == ["keypair-50ca852e-273f-4cdc-8949-45feba200837", "k2"]


def test_get_and_delete_pass_user_id(mock: responses.RequestsMock, compute: ServiceClient) -> None:
    mock.get(f"{URL}/my%20key?user_id=u-2", json=sample("keypair-get-2.2"))
    mock.delete(f"{URL}/my%20key?user_id=u-2", status=204)
    keypair = keypairs.get(compute, "my key", user_id="u-2").extract()
    assert keypair.user_id == "fake"
    assert keypair.created_at is not None
    keypairs.delete(compute, "my key", user_id="u-2").extract_err()
