"""The fake Keystone's `/v3/policies` blobs."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.errors import NotFound, ValidationError
from tests.fakes.helpers import login


@pytest.fixture
def admin(http: requests.Session, cloud: FakeCloud) -> requests.Session:
    http.headers["X-Auth-Token"] = login(http, cloud, "admin")
    return http


def test_extra_attributes_are_kept_and_the_id_is_keystones(cloud: FakeCloud,
                                                           admin: requests.Session) -> None:
    resp = admin.post(cloud.identity_v3_url + "/policies", json={"policy": {
        "blob": "b", "type": "t", "id": "mine", "team": "blue"}})
    policy = resp.json()["policy"]
    assert resp.status_code == 201
    assert policy["id"] != "mine"
    assert list(policy) == ["team", "id", "blob", "type", "links"]


def test_the_policy_is_checked_before_the_body(cloud: FakeCloud,
                                               http: requests.Session) -> None:
    http.headers["X-Auth-Token"] = login(http, cloud)
    resp = http.post(cloud.identity_v3_url + "/policies", json={"policy": {}})
    assert resp.status_code == 403


def test_an_update_may_not_change_the_id(cloud: FakeCloud) -> None:
    policy = cloud.identity.create_policy("t", "b")
    with pytest.raises(ValidationError) as caught:
        cloud.identity.update_policy(policy.id, {"id": "other"})
    assert caught.value.message == "Cannot change policy ID"


def test_a_missing_policy_is_keystones_404(cloud: FakeCloud) -> None:
    with pytest.raises(NotFound) as caught:
        cloud.identity.delete_policy("nope")
    assert caught.value.message == "Could not find policy: nope."


def test_the_blob_stays_out_of_reprs_and_the_dump(cloud: FakeCloud) -> None:
    policy = cloud.identity.create_policy("t", "s3cr3t-blob")
    assert "s3cr3t" not in repr(policy)
    assert "s3cr3t" not in repr(cloud.identity.dump()["policies"])


def test_the_type_filter_is_exact(cloud: FakeCloud, admin: requests.Session) -> None:
    cloud.identity.create_policy("application/json", "a")
    cloud.identity.create_policy("application/json+x", "b")
    listed = admin.get(cloud.identity_v3_url + "/policies?type=application/json").json()
    assert [p["type"] for p in listed["policies"]] == ["application/json"]
