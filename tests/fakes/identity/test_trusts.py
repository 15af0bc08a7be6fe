"""OS-TRUST in the fake Keystone: the trust API's rules and the trust-scoped tokens.

Every status and message here was observed on real Keystone 30 (`tests/contract/
test_identity_trusts.py` records the main ones).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import requests
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.identity.errors import NotFound
from tests.fakes.conftest import START
from tests.fakes.helpers import UNAUTHORIZED, login, password_body, post_token, token_body
from tests.fakes.identity.test_openstack_cli import CLI, cli, served  # noqa: F401 fixtures

TRUSTEE_PW = "trustee-pw"


@pytest.fixture
def setup(cloud: FakeCloud) -> dict[str, str]:
    """A trustor `demo` (member on demo) and a trustee `bob` with no roles."""
    identity = cloud.identity
    bob = identity.create_user("bob", password=TRUSTEE_PW)
    return {"demo": identity.find_user("demo").id, "bob": bob.id,
            "project": identity.find_project("demo").id,
            "member": identity.find_role("member").id, "reader": identity.find_role("reader").id,
            "admin": identity.find_role("admin").id}


def url(cloud: FakeCloud, path: str = "") -> str:
    return cloud.identity_v3_url + "/OS-TRUST/trusts" + path


def h(token: str) -> dict[str, str]:
    return {"X-Auth-Token": token}


def trust_body(ids: dict[str, str], **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"trustor_user_id": ids["demo"], "trustee_user_id": ids["bob"],
                            "project_id": ids["project"], "impersonation": False,
                            "roles": [{"name": "member"}]}
    body.update(overrides)
    return {"trust": {k: v for k, v in body.items() if v is not ...}}


def create(http: requests.Session, cloud: FakeCloud, token: str, ids: dict[str, str],
           **overrides: Any) -> requests.Response:
    return http.post(url(cloud), json=trust_body(ids, **overrides), headers=h(token))


def trust_token(http: requests.Session, cloud: FakeCloud, trust_id: str,
                user: str = "bob", password: str = TRUSTEE_PW) -> requests.Response:
    return post_token(http, cloud, password_body(
        user, password, scope={"OS-TRUST:trust": {"id": trust_id}}))


def validate(http: requests.Session, cloud: FakeCloud, subject: str) -> requests.Response:
    admin = cloud.identity.issue_token("admin", project="admin")
    return http.get(cloud.identity_v3_url + "/auth/tokens",
                    headers={"X-Auth-Token": admin, "X-Subject-Token": subject})


def forbidden(message: str | None = None) -> dict[str, Any]:
    text = "You are not authorized to perform the requested action"
    return {"error": {"code": 403, "title": "Forbidden",
                      "message": f"{text}: {message}." if message else f"{text}."}}


def not_found(message: str) -> dict[str, Any]:
    return {"error": {"code": 404, "title": "Not Found", "message": message}}


# -- the trust API ---------------------------------------------------------------------------

def test_create_answers_201_with_keystones_body(cloud: FakeCloud, http: requests.Session,
                                                setup: dict[str, str]) -> None:
    resp = create(http, cloud, login(http, cloud), setup, remaining_uses=2)
    trust = resp.json()["trust"]
    v3 = cloud.identity_v3_url
    assert resp.status_code == 201
    assert trust == {
        "roles": [{"id": setup["member"], "name": "member", "domain_id": None,
                   "description": None, "options": {"immutable": True},
                   "links": {"self": f"{v3}/roles/{setup['member']}"}}],
        "id": trust["id"], "trustor_user_id": setup["demo"], "trustee_user_id": setup["bob"],
        "project_id": setup["project"], "impersonation": False, "expires_at": None,
        "remaining_uses": 2, "deleted_at": None, "redelegated_trust_id": None,
        "redelegation_count": 0,
        "roles_links": {"self": f"{v3}/{trust['id']}/roles", "next": None, "previous": None},
        "links": {"self": f"{v3}/OS-TRUST/trusts/{trust['id']}"},
    }


def test_expires_at_is_kept_to_the_second(cloud: FakeCloud, http: requests.Session,
                                          setup: dict[str, str]) -> None:
    resp = create(http, cloud, login(http, cloud), setup, expires_at="2030-01-01T00:00:00.5Z")
    assert resp.json()["trust"]["expires_at"] == "2030-01-01T00:00:00.000000Z"


def test_extra_attributes_come_back(cloud: FakeCloud, http: requests.Session,
                                    setup: dict[str, str]) -> None:
    resp = create(http, cloud, login(http, cloud), setup, purpose="ci")
    assert resp.json()["trust"]["purpose"] == "ci"


@pytest.mark.parametrize(("overrides", "status", "message"), [
    ({"trustor_user_id": "someone"}, 403,
     "You are not authorized to perform the requested action: identity:create_trust."),
    ({"roles": []}, 403, "You are not authorized to perform the requested action: "
                         "At least one role should be specified."),
    ({"roles": [{"name": "admin"}]}, 404, "Could not find role: {admin}."),
    ({"roles": [{"name": "nope"}]}, 404, "Role nope is not defined"),
    ({"trustee_user_id": "nope"}, 404, "Could not find user: nope."),
    ({"project_id": "nope"}, 404, "Could not find project: nope."),
    ({"remaining_uses": 0}, 400,
     "Invalid input for field/attribute remaining_uses. Value: 0. 0 is less than the minimum "
     "of 1"),
    ({"expires_at": "garbage"}, 400, "Timestamp not in expected format. The server could not "
     "comply with the request since it is either malformed or otherwise incorrect. The client "
     "is assumed to be in error."),
    ({"expires_at": "2030-01-01T00:00:00+02:00"}, 400, "Timestamp not in expected format. The "
     "server could not comply with the request since it is either malformed or otherwise "
     "incorrect. The client is assumed to be in error."),
    ({"expires_at": "2000-01-01T00:00:00Z"}, 400, "The 'expires_at' must not be before now. "
     "The server could not comply with the request since it is either malformed or otherwise "
     "incorrect. The client is assumed to be in error."),
    ({"allow_redelegation": True, "remaining_uses": 3}, 400,
     "remaining_uses must not be set if redelegation is allowed"),
    ({"allow_redelegation": True, "redelegation_count": 5}, 403,
     "You are not authorized to perform the requested action."),
])
def test_create_refusals(cloud: FakeCloud, http: requests.Session, setup: dict[str, str],
                         overrides: dict[str, Any], status: int, message: str) -> None:
    resp = create(http, cloud, login(http, cloud), setup, **overrides)
    assert resp.status_code == status
    assert resp.json()["error"]["message"] == message.format(**setup)
    assert cloud.identity.trusts == {}


def test_a_role_with_both_id_and_name_is_400(cloud: FakeCloud, http: requests.Session,
                                              setup: dict[str, str]) -> None:
    resp = create(http, cloud, login(http, cloud), setup,
                  roles=[{"name": "member", "id": setup["member"]}])
    assert resp.status_code == 400
    assert resp.json()["error"]["message"].endswith("has too many properties")


def test_missing_impersonation_is_400(cloud: FakeCloud, http: requests.Session,
                                      setup: dict[str, str]) -> None:
    resp = create(http, cloud, login(http, cloud), setup, impersonation=...)
    assert resp.status_code == 400
    assert resp.json()["error"]["message"].endswith("'impersonation' is a required property")


def test_without_a_project_no_roles_are_needed(cloud: FakeCloud, http: requests.Session,
                                               setup: dict[str, str]) -> None:
    resp = create(http, cloud, login(http, cloud), setup, project_id=..., roles=...)
    assert resp.status_code == 201
    assert resp.json()["trust"]["project_id"] is None
    assert resp.json()["trust"]["roles"] == []


def test_redelegation_count_defaults_to_the_maximum(cloud: FakeCloud, http: requests.Session,
                                                    setup: dict[str, str]) -> None:
    resp = create(http, cloud, login(http, cloud), setup, allow_redelegation=True)
    assert resp.json()["trust"]["redelegation_count"] == 3
    assert "allow_redelegation" not in resp.json()["trust"]


def test_get_by_trustor_trustee_and_admin_but_not_others(
        cloud: FakeCloud, http: requests.Session, setup: dict[str, str]) -> None:
    trust_id = cloud.identity.create_trust("demo", "bob", "demo", ["member"]).id
    cloud.identity.create_user("eve", password="pw")
    trustee = cloud.identity.issue_token("bob")
    eve = cloud.identity.issue_token("eve")
    for token in (login(http, cloud), trustee, login(http, cloud, "admin")):
        assert http.get(url(cloud, "/" + trust_id), headers=h(token)).status_code == 200
    resp = http.get(url(cloud, "/" + trust_id), headers=h(eve))
    assert (resp.status_code, resp.json()) == (403, forbidden("identity:get_trust"))
    resp = http.delete(url(cloud, "/" + trust_id), headers=h(trustee))
    assert (resp.status_code, resp.json()) == (403, forbidden("identity:delete_trust"))


def test_an_unknown_trust_is_404_before_the_policy(cloud: FakeCloud, http: requests.Session,
                                                   setup: dict[str, str]) -> None:
    token = cloud.identity.issue_token("bob")
    for path in ("/nope", "/nope/roles", "/nope/roles/" + setup["member"]):
        resp = http.get(url(cloud, path), headers=h(token))
        assert (resp.status_code, resp.json()) == (404, not_found("Could not find trust: nope."))


def test_listing_all_is_for_admins(cloud: FakeCloud, http: requests.Session,
                                   setup: dict[str, str]) -> None:
    trust_id = cloud.identity.create_trust("demo", "bob", "demo", ["member"]).id
    resp = http.get(url(cloud), headers=h(login(http, cloud)))
    assert (resp.status_code, resp.json()) == (403, forbidden("identity:list_trusts"))
    resp = http.get(url(cloud), headers=h(login(http, cloud, "admin")))
    assert [t["id"] for t in resp.json()["trusts"]] == [trust_id]
    assert "roles" not in resp.json()["trusts"][0]


def test_users_list_their_own_trusts(cloud: FakeCloud, http: requests.Session,
                                     setup: dict[str, str]) -> None:
    trust_id = cloud.identity.create_trust("demo", "bob", "demo", ["member"]).id
    demo, bob = login(http, cloud), cloud.identity.issue_token("bob")
    mine = http.get(url(cloud, "?trustor_user_id=" + setup["demo"]), headers=h(demo)).json()
    theirs = http.get(url(cloud, "?trustee_user_id=" + setup["bob"]), headers=h(bob)).json()
    assert [t["id"] for t in mine["trusts"]] == [trust_id]
    assert [t["id"] for t in theirs["trusts"]] == [trust_id]
    resp = http.get(url(cloud, "?trustor_user_id=" + setup["demo"]), headers=h(bob))
    assert (resp.status_code, resp.json()) == (403, forbidden("identity:list_trusts_for_trustor"))


def test_a_query_without_a_filter_lists_nothing(cloud: FakeCloud, http: requests.Session,
                                                setup: dict[str, str]) -> None:
    cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    resp = http.get(url(cloud, "?foo=bar"), headers=h(login(http, cloud, "admin")))
    assert resp.json()["trusts"] == []


def test_roles_of_a_trust(cloud: FakeCloud, http: requests.Session,
                          setup: dict[str, str]) -> None:
    trust_id = cloud.identity.create_trust("demo", "bob", "demo", ["member"]).id
    demo = login(http, cloud)
    listed = http.get(url(cloud, f"/{trust_id}/roles"), headers=h(demo)).json()
    one = http.get(url(cloud, f"/{trust_id}/roles/{setup['member']}"), headers=h(demo))
    head = http.head(url(cloud, f"/{trust_id}/roles/{setup['member']}"), headers=h(demo))
    other = http.get(url(cloud, f"/{trust_id}/roles/{setup['admin']}"), headers=h(demo))
    assert [r["name"] for r in listed["roles"]] == ["member"]
    assert one.json()["role"]["name"] == "member"
    assert (head.status_code, head.content) == (200, b"")
    assert (other.status_code, other.json()) == (
        404, not_found(f"Could not find role: {setup['admin']}."))


def test_application_credential_tokens_may_not_touch_trusts(
        cloud: FakeCloud, http: requests.Session, setup: dict[str, str]) -> None:
    cred_id, secret = cloud.identity.create_application_credential("demo", "ci")
    resp = post_token(http, cloud, {"auth": {"identity": {
        "methods": ["application_credential"],
        "application_credential": {"id": cred_id, "secret": secret}}}})
    token = resp.headers["X-Subject-Token"]
    resp = create(http, cloud, token, setup)
    # Keystone's message ends in two periods.
    assert (resp.status_code, resp.json()) == (
        403, forbidden("Delegated tokens cannot manage trusts."))


def test_delete_by_the_trustor_is_204_then_404(cloud: FakeCloud, http: requests.Session,
                                                setup: dict[str, str]) -> None:
    trust_id = cloud.identity.create_trust("demo", "bob", "demo", ["member"]).id
    demo = login(http, cloud)
    assert http.delete(url(cloud, "/" + trust_id), headers=h(demo)).status_code == 204
    resp = http.delete(url(cloud, "/" + trust_id), headers=h(demo))
    assert resp.status_code == 404


def test_deleting_the_trustee_deletes_its_trusts(cloud: FakeCloud, http: requests.Session,
                                                 setup: dict[str, str]) -> None:
    trust_id = cloud.identity.create_trust("demo", "bob", "demo", ["member"]).id
    cloud.identity.delete_user(setup["bob"])
    admin = login(http, cloud, "admin")
    assert http.get(url(cloud, "/" + trust_id), headers=h(admin)).status_code == 404
    assert http.get(url(cloud), headers=h(admin)).json()["trusts"] == []


# -- trust-scoped tokens ---------------------------------------------------------------------

def test_a_trust_scoped_token_carries_the_trust(cloud: FakeCloud, http: requests.Session,
                                                setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    resp = trust_token(http, cloud, trust.id)
    token = resp.json()["token"]
    assert resp.status_code == 201
    assert token["OS-TRUST:trust"] == {"id": trust.id, "impersonation": False,
                                       "trustor_user": {"id": setup["demo"]},
                                       "trustee_user": {"id": setup["bob"]}}
    assert token["user"]["id"] == setup["bob"]
    assert token["project"]["id"] == setup["project"]
    assert "is_domain" not in token
    assert {r["name"] for r in token["roles"]} == {"member", "reader"}
    assert set(token["roles"][0]) == {"id", "name", "domain_id", "description", "options"}
    assert any(s["type"] == "compute" for s in token["catalog"])


def test_only_the_trusts_roles_not_all_the_trustors(cloud: FakeCloud, http: requests.Session,
                                                     setup: dict[str, str]) -> None:
    cloud.identity.grant_role("manager", "demo", project="demo")
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["reader"])
    token = trust_token(http, cloud, trust.id).json()["token"]
    assert [r["name"] for r in token["roles"]] == ["reader"]


def test_impersonation_makes_the_token_the_trustors(cloud: FakeCloud, http: requests.Session,
                                                    setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"], impersonation=True)
    resp = trust_token(http, cloud, trust.id)
    assert resp.json()["token"]["user"]["name"] == "demo"
    context = cloud.identity.token_context(resp.headers["X-Subject-Token"])
    assert (context.user_id, context.trustee_user_id) == (setup["demo"], setup["bob"])


def test_remaining_uses_count_down_then_401(cloud: FakeCloud, http: requests.Session,
                                            setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"], remaining_uses=2)
    first = trust_token(http, cloud, trust.id)
    assert cloud.identity.trusts[trust.id].remaining_uses == 1
    assert trust_token(http, cloud, trust.id).status_code == 201
    resp = trust_token(http, cloud, trust.id)
    assert (resp.status_code, resp.json()) == (401, UNAUTHORIZED)
    # Used up, the trust is gone for every token it issued, as in Keystone.
    resp = validate(http, cloud, first.headers["X-Subject-Token"])
    assert (resp.status_code, resp.json()) == (
        404, not_found(f"Could not find trust: {trust.id}."))


def test_deleting_the_trust_kills_its_tokens_at_once(cloud: FakeCloud, http: requests.Session,
                                                     setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    token = trust_token(http, cloud, trust.id).headers["X-Subject-Token"]
    cloud.identity.delete_trust(trust.id)
    gone = not_found(f"Could not find trust: {trust.id}.")
    resp = validate(http, cloud, token)
    assert (resp.status_code, resp.json()) == (404, gone)
    resp = http.get(cloud.identity_v3_url + "/auth/projects", headers=h(token))
    assert (resp.status_code, resp.json()) == (404, gone)  # Keystone's own middleware
    resp = http.get(cloud.base_url + "/compute/v2.1/servers", headers=h(token))
    assert resp.status_code == 401  # keystonemiddleware elsewhere
    assert cloud.identity.validate_auth_token(token) is None


def test_a_trustor_losing_the_role_makes_tokens_403_until_granted_again(
        cloud: FakeCloud, http: requests.Session, setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    token = trust_token(http, cloud, trust.id).headers["X-Subject-Token"]
    cloud.identity.revoke_role("member", "demo", project="demo")
    resp = validate(http, cloud, token)
    assert (resp.status_code, resp.json()) == (403, forbidden())
    assert trust_token(http, cloud, trust.id).status_code == 403
    cloud.identity.grant_role("member", "demo", project="demo")
    assert validate(http, cloud, token).status_code == 200


def test_tokens_expire_with_the_trust(cloud: FakeCloud, clock: FakeClock, http: requests.Session,
                                      setup: dict[str, str]) -> None:
    ends = START + timedelta(minutes=30)
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"], expires_at=ends)
    resp = trust_token(http, cloud, trust.id)
    assert resp.json()["token"]["expires_at"] == "2026-11-27T09:26:16.000000Z"
    clock.advance(31 * 60)
    assert validate(http, cloud, resp.headers["X-Subject-Token"]).status_code == 404
    assert trust_token(http, cloud, trust.id).status_code == 401


def test_only_the_trustee_may_use_the_trust(cloud: FakeCloud, http: requests.Session,
                                            setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    resp = trust_token(http, cloud, trust.id, user="demo", password="demo-secret")
    assert (resp.status_code, resp.json()) == (403, forbidden())


def test_scope_errors(cloud: FakeCloud, http: requests.Session, setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    unknown = trust_token(http, cloud, "nope")
    no_id = post_token(http, cloud, password_body("bob", TRUSTEE_PW,
                                                  scope={"OS-TRUST:trust": {}}))
    both = post_token(http, cloud, password_body("bob", TRUSTEE_PW, scope={
        "OS-TRUST:trust": {"id": trust.id}, "project": {"id": setup["project"]}}))
    assert (unknown.status_code, unknown.json()) == (401, UNAUTHORIZED)
    assert no_id.status_code == 400
    assert "Expecting to find trust_id in trust" in no_id.json()["error"]["message"]
    assert both.status_code == 400


def test_a_trust_without_a_project_gives_no_token(cloud: FakeCloud, http: requests.Session,
                                                  setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", None)
    resp = trust_token(http, cloud, trust.id)
    assert (resp.status_code, resp.json()) == (404, not_found("Could not find project: None."))


def test_a_trust_scoped_token_cannot_make_another_token(
        cloud: FakeCloud, http: requests.Session, setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    token = trust_token(http, cloud, trust.id).headers["X-Subject-Token"]
    resp = post_token(http, cloud, token_body(token))
    assert (resp.status_code, resp.json()) == (403, forbidden(
        "Using trust-scoped token to create another token. Create a new trust-scoped token "
        "instead"))


def test_issue_token_with_a_trust(cloud: FakeCloud, setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"], remaining_uses=2)
    context = cloud.identity.token_context(cloud.identity.issue_token("bob", trust=trust))
    assert (context.trust_id, context.project_id) == (trust.id, setup["project"])
    cloud.identity.issue_token("bob", trust=trust.id)
    with pytest.raises(ValueError, match="not usable"):
        cloud.identity.issue_token("bob", trust=trust)


def test_dump_lists_trusts(cloud: FakeCloud, setup: dict[str, str]) -> None:
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    assert [t["id"] for t in cloud.identity.dump()["trusts"]] == [trust.id]


# -- redelegation ----------------------------------------------------------------------------

@pytest.fixture
def chain(cloud: FakeCloud, http: requests.Session, setup: dict[str, str]) -> dict[str, str]:
    """A redelegatable trust demo → bob (who also holds member, as Keystone requires of the
    redelegating user), bob's trust-scoped token, and a third user carol."""
    cloud.identity.grant_role("member", "bob", project="demo")
    carol = cloud.identity.create_user("carol", password="pw")
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"],
                                        allow_redelegation=True)
    token = trust_token(http, cloud, trust.id).headers["X-Subject-Token"]
    return {**setup, "carol": carol.id, "parent": trust.id, "token": token}


def redelegate(http: requests.Session, cloud: FakeCloud, chain: dict[str, str],
               **overrides: Any) -> requests.Response:
    body = trust_body(chain, trustor_user_id=chain["bob"], trustee_user_id=chain["carol"],
                      **overrides)
    return http.post(url(cloud), json=body, headers=h(chain["token"]))


def test_redelegation_decrements_the_depth(cloud: FakeCloud, http: requests.Session,
                                           chain: dict[str, str]) -> None:
    resp = redelegate(http, cloud, chain, allow_redelegation=True)
    trust = resp.json()["trust"]
    assert resp.status_code == 201
    assert (trust["redelegated_trust_id"], trust["redelegation_count"]) == (chain["parent"], 2)


@pytest.mark.parametrize("overrides", [
    {"impersonation": True},
    {"allow_redelegation": True, "redelegation_count": 1},
])
def test_redelegation_refusals_are_bare_403s(cloud: FakeCloud, http: requests.Session,
                                              chain: dict[str, str],
                                              overrides: dict[str, Any]) -> None:
    resp = redelegate(http, cloud, chain, **overrides)
    assert (resp.status_code, resp.json()) == (403, forbidden())


def test_a_trust_that_does_not_allow_redelegation_refuses_it(
        cloud: FakeCloud, http: requests.Session, setup: dict[str, str]) -> None:
    cloud.identity.grant_role("member", "bob", project="demo")
    cloud.identity.create_user("carol", password="pw")
    trust = cloud.identity.create_trust("demo", "bob", "demo", ["member"])
    token = trust_token(http, cloud, trust.id).headers["X-Subject-Token"]
    body = trust_body(setup, trustor_user_id=setup["bob"],
                      trustee_user_id=cloud.identity.find_user("carol").id)
    resp = http.post(url(cloud), json=body, headers=h(token))
    assert (resp.status_code, resp.json()) == (403, forbidden())


def test_deleting_a_parent_breaks_its_redelegated_trust(
        cloud: FakeCloud, http: requests.Session, chain: dict[str, str]) -> None:
    child = redelegate(http, cloud, chain).json()["trust"]["id"]
    cloud.identity.delete_trust(chain["parent"])
    resp = http.get(url(cloud, "/" + child), headers=h(login(http, cloud, "admin")))
    assert (resp.status_code, resp.json()) == (
        404, not_found(f"Could not find trust: {chain['parent']}."))


# -- a state machine over create / use / delete / revoke ------------------------------------

class TrustLifecycle(RuleBasedStateMachine):
    """Trusts and their tokens against a simple model: a token validates iff its trust
    exists and has uses left (or none was limited) and the trustor still holds the role."""

    def __init__(self) -> None:
        super().__init__()
        self.cloud = FakeCloud(seed=7, clock=FakeClock(start=START, ticking=False))
        identity = self.cloud.identity
        identity.create_user("bob", password="pw")
        self.trusts: dict[str, int | None] = {}  # id -> remaining uses
        self.tokens: dict[str, str] = {}  # token -> trust id
        self.has_role = True

    @rule(uses=st.one_of(st.none(), st.integers(min_value=1, max_value=3)))
    def create(self, uses: int | None) -> None:
        if not self.has_role:
            with pytest.raises(NotFound, match="Could not find role"):
                self.cloud.identity.create_trust("demo", "bob", "demo", ["member"],
                                                 remaining_uses=uses)
            return
        trust = self.cloud.identity.create_trust("demo", "bob", "demo", ["member"],
                                                 remaining_uses=uses)
        self.trusts[trust.id] = uses

    @precondition(lambda self: bool(self.trusts))
    @rule(data=st.data())
    def use(self, data: st.DataObject) -> None:
        trust_id = data.draw(st.sampled_from(sorted(self.trusts)))
        uses = self.trusts[trust_id]
        usable = self.has_role and (uses is None or uses > 0)
        if usable:
            self.tokens[self.cloud.identity.issue_token("bob", trust=trust_id)] = trust_id
            if uses is not None:
                self.trusts[trust_id] = uses - 1
        else:
            with pytest.raises(ValueError, match="not usable"):
                self.cloud.identity.issue_token("bob", trust=trust_id)

    @precondition(lambda self: bool(self.trusts))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        trust_id = data.draw(st.sampled_from(sorted(self.trusts)))
        self.cloud.identity.delete_trust(trust_id)
        del self.trusts[trust_id]

    @rule()
    def toggle_role(self) -> None:
        identity = self.cloud.identity
        if self.has_role:
            identity.revoke_role("member", "demo", project="demo")
        else:
            identity.grant_role("member", "demo", project="demo")
        self.has_role = not self.has_role

    @invariant()
    def tokens_live_exactly_while_their_trust_does(self) -> None:
        for token, trust_id in self.tokens.items():
            uses = self.trusts.get(trust_id, 0)
            alive = trust_id in self.trusts and (uses is None or uses > 0) and self.has_role
            assert (self.cloud.identity.validate_auth_token(token) is not None) == alive


TrustLifecycle.TestCase.settings = settings(max_examples=30, stateful_step_count=15,
                                            deadline=None)
test_trust_lifecycle = TrustLifecycle.TestCase


# -- the `openstack` CLI against the served fake ----------------------------------------------

def test_openstack_trust_create_show_list_delete(cli: CLI, served: FakeCloud  # noqa: F811
                                                 ) -> None:
    created = cli.json("trust", "create", "--project", "admin", "--role", "member",
                       "--impersonate", "--expiration", "2030-01-02T03:04:05", "admin", "demo")
    shown = cli.json("trust", "show", created["id"])
    listed = [t["ID"] for t in cli.json("trust", "list")]
    cli.run("trust", "delete", created["id"])
    after = cli.json("trust", "list")

    assert shown["trustee_user_id"] == served.user_id("demo")
    assert (shown["is_impersonation"], shown["project_id"]) == (True,
                                                                served.project_id("admin"))
    assert shown["expires_at"] == "2030-01-02T03:04:05.000000Z"
    assert "member" in str(shown["roles"])
    assert listed == [created["id"]]
    assert after == []
    assert served.identity.trusts == {}
