"""Policy blobs through the client (`identity/v3/policies/`), against the in-process fake."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackdouble.client import BadRequest, Forbidden, NotFound, ServiceClient
from stackdouble.client.openstack.identity.v3 import policies


def test_create_keeps_extra_attributes(admin: ServiceClient) -> None:
    policy = policies.create(admin, policies.CreateOpts(
        type="application/json", blob="{}", extra={"team": "blue"})).extract()
    assert (policy.type, policy.blob, policy.extra) == ("application/json", "{}",
                                                        {"team": "blue"})
    assert policy.links["self"].endswith(f"/v3/policies/{policy.id}")


def test_the_blob_stays_out_of_reprs(admin: ServiceClient) -> None:
    opts = policies.CreateOpts(type="t", blob="s3cr3t")
    assert "s3cr3t" not in repr(opts)
    assert "s3cr3t" not in repr(policies.create(admin, opts).extract())


def test_get_update_delete(admin: ServiceClient) -> None:
    made = policies.create(admin, policies.CreateOpts(type="t", blob="a")).extract()
    assert policies.get(admin, made.id).extract().blob == "a"
    updated = policies.update(admin, made.id, policies.UpdateOpts(
        type="t2", extra={"size": 3})).extract()
    assert (updated.type, updated.blob, updated.extra) == ("t2", "a", {"size": 3})
    policies.delete(admin, made.id).extract_err()
    with pytest.raises(NotFound) as caught:
        policies.get(admin, made.id).extract()
    assert f"Could not find policy: {made.id}." in str(caught.value)


def test_an_empty_update_is_a_bad_request(admin: ServiceClient) -> None:
    made = policies.create(admin, policies.CreateOpts(type="t", blob="a")).extract()
    with pytest.raises(BadRequest):
        policies.update(admin, made.id, policies.UpdateOpts()).extract()


def test_a_member_is_forbidden(member: ServiceClient) -> None:
    with pytest.raises(Forbidden):
        policies.list(member).all_pages()
    with pytest.raises(Forbidden):
        policies.create(member, policies.CreateOpts(type="t", blob="a")).extract()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(types=st.lists(st.sampled_from(["a/json", "b/yaml", "c d"]), max_size=6))
def test_listing_by_type_gives_exactly_that_types_policies(admin: ServiceClient,
                                                           types: list[str]) -> None:
    for stale in policies.list(admin).items():
        policies.delete(admin, stale.id).extract_err()
    made = [policies.create(admin, policies.CreateOpts(type=t, blob="x")).extract()
            for t in types]
    for wanted in set(types):
        listed = [p.id for p in policies.list(admin, policies.ListOpts(type=wanted)).items()]
        assert listed == [p.id for p in made if p.type == wanted]
