"""Every route of the fake Keystone names its policy rules from one table, and the system
grant routes follow Keystone's `grant.py` defaults."""

from __future__ import annotations

import pytest
import requests

from stackdouble.fakes import FakeCloud, FakeResponse
from stackdouble.fakes.identity.policy import RULES
from stackdouble.fakes.identity.urls import PolicyRouter, build_router


def _noop(req: object) -> FakeResponse:
    return FakeResponse(204)


def test_every_authenticated_route_names_rules_the_table_defines() -> None:
    router = build_router(["v3", "v2.0"])
    routes = router.routes()
    assert {"/v3/auth/tokens", "/v3/users/{user_id}", "/v3/OS-TRUST/trusts"} <= {
        r.template for r in routes}  # the table is the real one, not an empty loop
    for route in routes:
        rules = router.rules_for(route.method, route.template)
        if route.auth:
            assert rules, f"{route.method} {route.template} has no rule"
            assert all(rule in RULES for rule in rules)
        else:
            assert rules == ()


def test_a_route_without_a_rule_is_refused_when_the_router_is_built() -> None:
    router = PolicyRouter()
    with pytest.raises(ValueError, match="GET /v3/widgets has no policy rule"):
        router.add("GET", "/v3/widgets", _noop)


def test_a_route_naming_an_unknown_rule_is_refused() -> None:
    router = PolicyRouter()
    with pytest.raises(ValueError, match=r"rules without a default: \['identity:list_widgets'\]"):
        router.add("GET", "/v3/widgets", _noop, rules=("identity:list_widgets",))


def test_a_public_route_names_no_rule() -> None:
    router = PolicyRouter()
    with pytest.raises(ValueError, match="is public but names rules"):
        router.add("GET", "/v3/widgets", _noop, auth=False, rules=("identity:list_users",))


@pytest.fixture
def system_reader(cloud: FakeCloud) -> str:
    """A system-scoped token of a user holding only `reader` on the system."""
    cloud.identity.create_user("auditor", password="auditor-secret")
    cloud.identity.grant_role("reader", user="auditor", system=True)
    return cloud.identity.issue_token("auditor", system=True)


def test_a_system_reader_lists_and_checks_system_grants(cloud: FakeCloud,
                                                        http: requests.Session,
                                                        system_reader: str) -> None:
    user_id = cloud.user_id("auditor")
    reader = cloud.identity.find_role("reader").id
    base = f"{cloud.identity_v3_url}/system/users/{user_id}/roles"
    headers = {"X-Auth-Token": system_reader}
    listed = http.get(base, headers=headers)
    checked = http.get(f"{base}/{reader}", headers=headers)
    assert listed.status_code == 200
    assert [r["name"] for r in listed.json()["roles"]] == ["reader"]
    assert checked.status_code == 204


def test_a_system_reader_cannot_grant_on_the_system(cloud: FakeCloud, http: requests.Session,
                                                    system_reader: str) -> None:
    url = (f"{cloud.identity_v3_url}/system/users/{cloud.user_id('demo')}/roles/"
           f"{cloud.identity.find_role('reader').id}")
    resp = http.put(url, headers={"X-Auth-Token": system_reader})
    assert resp.status_code == 403
    assert resp.json()["error"]["message"] == (
        "You are not authorized to perform the requested action: "
        "identity:create_system_grant_for_user.")
    assert not cloud.identity.user_role_ids(cloud.user_id("demo"), "system", "all")


def test_an_admin_grants_and_revokes_a_system_role(cloud: FakeCloud,
                                                   http: requests.Session) -> None:
    token = cloud.identity.issue_token("admin", project="admin")
    url = (f"{cloud.identity_v3_url}/system/users/{cloud.user_id('demo')}/roles/"
           f"{cloud.identity.find_role('reader').id}")
    headers = {"X-Auth-Token": token}
    assert http.put(url, headers=headers).status_code == 204
    assert http.head(url, headers=headers).status_code == 204
    assert http.delete(url, headers=headers).status_code == 204
    assert http.head(url, headers=headers).status_code == 404
