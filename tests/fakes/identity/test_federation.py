"""OS-FEDERATION in the fake Keystone: mapping validation (every schema version), identity
providers' domains and remote ids, and the service providers tokens list.

Messages are those real Keystone 30 answered (`tests/contract/test_identity_federation.py`
records the main ones).
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.identity.errors import Conflict, NotFound, ValidationError
from stackdouble.fakes.identity.models.federation import validate_mapping
from tests.fakes.helpers import login

RULES = [{"local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]


def fed(cloud: FakeCloud, path: str) -> str:
    return cloud.identity_v3_url + "/OS-FEDERATION" + path


@pytest.mark.parametrize(("version", "accepted"), [("1.0", False), ("2.0", True),
                                                   ("3.0", True)])
def test_a_projects_domain_needs_schema_version_2(version: str, accepted: bool) -> None:
    local = [{"projects": [{"name": "p", "roles": [{"name": "member"}],
                            "domain": {"name": "Default"}}]}]
    ref = {"rules": [{"local": local, "remote": [{"type": "X"}]}], "schema_version": version}
    if accepted:
        validate_mapping(ref)
    else:
        with pytest.raises(ValidationError, match="'domain' was unexpected"):
            validate_mapping(ref)


def test_projects_json_needs_schema_version_3() -> None:
    ref: dict[str, Any] = {"rules": [{"local": [{"projects_json": "{}"}],
                                      "remote": [{"type": "X"}]}]}
    with pytest.raises(ValidationError):
        validate_mapping({**ref, "schema_version": "2.0"})
    validate_mapping({**ref, "schema_version": "3.0"})


def test_an_unknown_schema_version_is_a_400_not_keystones_500(cloud: FakeCloud,
                                                              http: requests.Session) -> None:
    resp = http.put(fed(cloud, "/mappings/m"), headers={"X-Auth-Token": login(http, cloud,
                                                                              "admin")},
                    json={"mapping": {"rules": RULES, "schema_version": "9.9"}})
    assert resp.status_code == 400
    assert "9.9" in resp.json()["error"]["message"]


def test_every_error_is_listed_sorted() -> None:
    ref = {"rules": [{"local": [{"user": {"b": 1, "a": 2}}], "remote": []}]}
    with pytest.raises(ValidationError) as caught:
        validate_mapping(ref)
    assert caught.value.message == (
        "Additional properties are not allowed ('a', 'b' were unexpected)\n"
        "[] should be non-empty\n")


@settings(max_examples=50, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.sampled_from(["rules", "local", "remote", "user",
                                                       "type", "group", "id", "name"]),
                                      inner, max_size=3),
                    max_leaves=12))
def test_any_json_is_accepted_or_refused_with_keystones_400(value: Any) -> None:
    ref = value if isinstance(value, dict) else {"rules": value}
    error: ValidationError | None = None
    try:
        validate_mapping(ref)
    except ValidationError as exc:
        error = exc
    if error is not None:
        assert error.status == 400
        assert (error.message or "").endswith("\n")


def test_an_identity_providers_own_domain_is_made_and_outlives_it(cloud: FakeCloud) -> None:
    identity = cloud.identity
    idp = identity.create_identity_provider("corp")
    domain = identity.domains[idp.domain_id]
    assert domain.description == "Auto generated federated domain for Identity Provider: corp"
    identity.delete_identity_provider("corp")
    assert idp.domain_id in identity.domains


def test_a_taken_id_or_remote_id_is_a_conflict_and_makes_no_domain(cloud: FakeCloud) -> None:
    identity = cloud.identity
    identity.create_identity_provider("one", remote_ids=["r"])
    before = set(identity.domains)
    with pytest.raises(Conflict, match="Duplicate entry: None"):
        identity.create_identity_provider("one")
    with pytest.raises(Conflict, match="Duplicate remote ID: None"):
        identity.create_identity_provider("two", remote_ids=["r"])
    assert set(identity.domains) == before
    identity.create_identity_provider("three", domain_id="default", remote_ids=["x"])
    with pytest.raises(Conflict, match="Duplicate remote ID"):
        identity.update_identity_provider("three", {"remote_ids": ["x", "r"]})


def test_a_mapping_in_use_may_be_deleted(cloud: FakeCloud) -> None:
    identity = cloud.identity
    identity.create_mapping("m", RULES)
    identity.create_identity_provider("idp", domain_id="default")
    identity.create_protocol("idp", "saml2", "m")
    identity.delete_mapping("m")
    assert identity.get_protocol("idp", "saml2").mapping_id == "m"
    with pytest.raises(ValidationError, match="Invalid mapping id: m"):
        identity.update_protocol("idp", "saml2", {"mapping_id": "m"})


def test_the_protocol_of_a_missing_identity_provider_is_not_found(cloud: FakeCloud) -> None:
    cloud.identity.create_mapping("m", RULES)
    with pytest.raises(NotFound, match=r"Could not find Identity Provider: nope\."):
        cloud.identity.create_protocol("nope", "saml2", "m")


def test_enabled_service_providers_are_in_tokens_and_dump(cloud: FakeCloud,
                                                          http: requests.Session) -> None:
    cloud.identity.create_service_provider("sp", auth_url="https://a", sp_url="https://s",
                                           enabled=True)
    cloud.identity.create_service_provider("off", auth_url="https://b", sp_url="https://t")
    token = login(http, cloud)
    body = http.get(cloud.identity_v3_url + "/auth/tokens?nocatalog",
                    headers={"X-Auth-Token": token, "X-Subject-Token": token}).json()
    assert body["token"]["service_providers"] == [
        {"auth_url": "https://a", "id": "sp", "sp_url": "https://s"}]
    assert [sp["id"] for sp in cloud.identity.dump()["service_providers"]] == ["sp", "off"]
