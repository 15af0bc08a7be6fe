"""Admin-API scenarios recorded from a real Keystone 30.0.0, replayed against the fake.

`run(v3_url)` sends the same 123 requests to any Keystone v3 endpoint that starts from
`keystone-manage bootstrap` (admin/admin-secret on project admin, RegionOne): duplicates,
malformed bodies, policy boundaries (member, domain manager, system scope), domains,
projects and tags, groups, grants, effective assignments, implied roles, application
credentials, the catalog, password changes and paging. Answers are normalised (ids masked by
name, URLs to `V3`, lists sorted) so they compare across clouds.

Re-record against a real Keystone (sqlite, fernet, `password_hash_rounds = 4`, bootstrap
with the password admin-secret), e.g. on loopback:

    python -m tests.fakes.identity.keystone30 http://127.0.0.1:5055/v3
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import requests

SAMPLE = Path(__file__).parent / "samples" / "keystone30-admin.json"
Answer = tuple[str, int, Any]


class _Run:
    def __init__(self, v3: str) -> None:
        self.v3 = v3
        self.http = requests.Session()
        self.http.trust_env = False
        self.out: list[Answer] = []
        self.ids: dict[str, str] = {}

    def token(self, user: str, password: str, scope: Any = None) -> tuple[int, str, Any]:
        auth: dict[str, Any] = {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": password}}}}
        if scope is not None:
            auth["scope"] = scope
        return self.auth(auth)

    def auth(self, auth: Any) -> tuple[int, str, Any]:
        resp = self.http.post(self.v3 + "/auth/tokens", json={"auth": auth})
        return resp.status_code, resp.headers.get("X-Subject-Token", ""), _body(resp)

    def call(self, label: str, method: str, path: str, body: Any = None,
             token: str | None = None, raw: bytes | None = None) -> Any:
        headers = {"X-Auth-Token": token} if token else {}
        url = self.v3 + path.format(**self.ids)
        if raw is not None:
            resp = self.http.request(method, url, data=raw,
                                     headers={**headers, "Content-Type": "application/json"})
        else:
            resp = self.http.request(method, url, json=body, headers=headers)
        answer = _body(resp)
        self.out.append((label, resp.status_code, answer))
        return answer

    def note(self, label: str, status: int, value: Any) -> None:
        self.out.append((label, status, value))


def _body(resp: requests.Response) -> Any:
    try:
        return resp.json()
    except ValueError:
        return resp.text[:80]


def run(v3: str) -> list[Answer]:
    """Both scenarios against `v3`, normalised."""
    r = _Run(v3)
    _first(r)
    _second(r)
    return [(label, status, normalize(body, r.ids)) for label, status, body in r.out]


def _first(r: _Run) -> None:
    _, admin, _ = r.token("admin", "admin-secret",
                          {"project": {"name": "admin", "domain": {"id": "default"}}})
    adm = admin
    r.ids["admin_tok"] = admin
    r.call("create demo project", "POST", "/projects", {"project": {"name": "demo"}}, adm)
    r.ids["demo_p"] = r.http.get(r.v3 + "/projects?name=demo", headers={
        "X-Auth-Token": adm}).json()["projects"][0]["id"]
    r.call("create demo user", "POST", "/users", {"user": {
        "name": "demo", "password": "demo-secret", "default_project_id": r.ids["demo_p"]}}, adm)
    r.ids["demo_u"] = r.http.get(r.v3 + "/users?name=demo", headers={
        "X-Auth-Token": adm}).json()["users"][0]["id"]
    for role in r.http.get(r.v3 + "/roles", headers={"X-Auth-Token": adm}).json()["roles"]:
        r.ids["r_" + role["name"]] = role["id"]
    r.call("grant member", "PUT", "/projects/{demo_p}/users/{demo_u}/roles/{r_member}", None, adm)
    _, dem, _ = r.token("demo", "demo-secret",
                      {"project": {"name": "demo", "domain": {"id": "default"}}})
    r.call("dup project", "POST", "/projects", {"project": {"name": "demo"}}, adm)
    r.call("dup user", "POST", "/users", {"user": {"name": "demo"}}, adm)
    r.call("dup role", "POST", "/roles", {"role": {"name": "member"}}, adm)
    r.call("dup region", "POST", "/regions", {"region": {"id": "RegionOne"}}, adm)
    r.call("dup domain", "POST", "/domains", {"domain": {"name": "Default"}}, adm)
    r.ids["g"] = r.call("group create", "POST", "/groups", {"group": {"name": "ops"}},
                        adm)["group"]["id"]
    r.call("dup group", "POST", "/groups", {"group": {"name": "ops"}}, adm)
    r.call("bad name type", "POST", "/projects", {"project": {"name": 5}}, adm)
    r.call("extra top", "POST", "/projects", {"project": {"name": "x1"}, "extra": 1}, adm)
    r.call("user missing", "POST", "/users", {}, adm)
    r.call("empty name", "POST", "/users", {"user": {"name": ""}}, adm)
    r.call("group no name", "POST", "/groups", {"group": {"description": "no name"}}, adm)
    r.call("bad interface", "POST", "/endpoints", {"endpoint": {
        "service_id": "s", "interface": "sideways", "url": "http://x"}}, adm)
    r.call("dup tags", "POST", "/projects", {"project": {"name": "t", "tags": ["a", "a"]}}, adm)
    r.call("project {}", "POST", "/projects", {}, adm)
    r.call("project empty", "POST", "/projects", {"project": {}}, adm)
    r.call("domain update empty", "PATCH", "/domains/default", {"domain": {}}, adm)
    r.call("not json", "POST", "/projects", token=adm, raw=b"{nope")
    r.call("member create project", "POST", "/projects", {"project": {"name": "m"}}, dem)
    r.call("member list role_assignments", "GET", "/role_assignments", None, dem)
    r.call("member get unknown project", "GET", "/projects/nope", None, dem)
    r.call("member get unknown user", "GET", "/users/nope", None, dem)
    r.call("member list groups", "GET", "/groups", None, dem)
    r.call("member delete unknown role", "DELETE", "/roles/nope", None, dem)
    r.call("member grant unknown role", "PUT", "/projects/{demo_p}/users/{demo_u}/roles/nope",
           None, dem)
    r.call("member list own projects", "GET", "/users/{demo_u}/projects", None, dem)
    r.call("member list own groups", "GET", "/users/{demo_u}/groups", None, dem)
    r.call("member list services", "GET", "/services", None, dem)
    r.ids["d"] = r.call("domain create", "POST", "/domains", {"domain": {"name": "acme"}},
                        adm)["domain"]["id"]
    r.call("domain delete enabled", "DELETE", "/domains/{d}", None, adm)
    r.call("domain disable", "PATCH", "/domains/{d}", {"domain": {"enabled": False}}, adm)
    r.call("domain delete", "DELETE", "/domains/{d}", None, adm)
    r.call("domain get gone", "GET", "/domains/{d}", None, adm)
    r.ids["top"] = r.call("parent", "POST", "/projects", {"project": {
        "name": "top", "tags": ["x"], "description": "d", "color": "red"}}, adm)["project"]["id"]
    r.call("child", "POST", "/projects", {"project": {"name": "leaf", "parent_id": r.ids["top"]}},
           adm)
    r.call("delete parent", "DELETE", "/projects/{top}", None, adm)
    r.call("tag put", "PUT", "/projects/{top}/tags/b", None, adm)
    r.call("tag get missing", "GET", "/projects/{top}/tags/zzz", None, adm)
    r.call("tags list", "GET", "/projects/{top}/tags", None, adm)
    r.call("tags put", "PUT", "/projects/{top}/tags", {"tags": ["q"]}, adm)
    r.call("project rename dup", "PATCH", "/projects/{top}", {"project": {"name": "demo"}}, adm)
    r.call("project parent change", "PATCH", "/projects/{top}",
           {"project": {"parent_id": "default"}}, adm)
    r.call("project unknown parent", "POST", "/projects",
           {"project": {"name": "orphan", "parent_id": "nope"}}, adm)
    r.call("project unknown domain", "POST", "/projects",
           {"project": {"name": "orphan", "domain_id": "nope"}}, adm)
    r.call("add member", "PUT", "/groups/{g}/users/{demo_u}", None, adm)
    r.call("check member", "HEAD", "/groups/{g}/users/{demo_u}", None, adm)
    r.call("remove non-member", "DELETE", "/groups/{g}/users/{r_admin}", None, adm)
    r.call("grant group", "PUT", "/projects/{top}/groups/{g}/roles/{r_reader}", None, adm)
    r.call("effective", "GET", "/role_assignments?user.id={demo_u}&effective&include_names",
           None, adm)
    r.call("effective+group", "GET", "/role_assignments?group.id={g}&effective", None, adm)
    r.call("user+group", "GET", "/role_assignments?group.id={g}&user.id={demo_u}", None, adm)
    r.call("list grants", "GET", "/projects/{top}/groups/{g}/roles", None, adm)
    r.call("check missing grant", "HEAD", "/projects/{top}/users/{demo_u}/roles/{r_admin}",
           None, adm)
    r.call("revoke missing grant", "DELETE", "/projects/{top}/users/{demo_u}/roles/{r_admin}",
           None, adm)
    r.ids["aud"] = r.call("role create", "POST", "/roles", {"role": {"name": "auditor"}},
                          adm)["role"]["id"]
    r.call("implies put", "PUT", "/roles/{aud}/implies/{r_reader}", None, adm)
    r.call("implies again", "PUT", "/roles/{aud}/implies/{r_reader}", None, adm)
    r.call("implies admin", "PUT", "/roles/{r_reader}/implies/{r_admin}", None, adm)
    r.call("implies list", "GET", "/roles/{aud}/implies", None, adm)
    r.call("implies get missing", "GET", "/roles/{r_reader}/implies/{aud}", None, adm)
    r.call("inferences", "GET", "/role_inferences", None, adm)
    base = "/users/{demo_u}/application_credentials"
    r.call("app cred unassigned", "POST", base, {"application_credential": {
        "name": "x", "roles": [{"name": "admin"}]}}, dem)
    r.ids["ac"] = r.call("app cred create", "POST", base, {"application_credential": {
        "name": "ci", "roles": [{"name": "member"}]}}, dem)["application_credential"]["id"]
    r.call("app cred dup", "POST", base, {"application_credential": {"name": "ci"}}, dem)
    r.call("app cred get", "GET", base + "/{ac}", None, dem)
    r.call("app cred other user", "POST", "/users/{r_admin}/application_credentials",
           {"application_credential": {"name": "y"}}, dem)
    r.call("app cred past", "POST", base, {"application_credential": {
        "name": "old", "expires_at": "2001-01-01T00:00:00Z"}}, dem)
    r.call("app cred delete", "DELETE", base + "/{ac}", None, dem)
    r.ids["svc"] = r.call("service create", "POST", "/services", {"service": {
        "type": "dns", "name": "designate"}}, adm)["service"]["id"]
    r.call("endpoint create", "POST", "/endpoints", {"endpoint": {
        "service_id": r.ids["svc"], "interface": "public",
        "url": "http://dns.example/$(project_id)s", "region_id": "RegionOne"}}, adm)
    r.call("endpoint bad region", "POST", "/endpoints", {"endpoint": {
        "service_id": r.ids["svc"], "interface": "public", "url": "http://x",
        "region_id": "nope"}}, adm)
    r.call("endpoint bad service", "POST", "/endpoints", {"endpoint": {
        "service_id": "nope", "interface": "public", "url": "http://x"}}, adm)
    r.call("region delete with endpoints", "DELETE", "/regions/RegionOne", None, adm)
    r.call("region create", "POST", "/regions", {"region": {
        "id": "RegionTwo", "parent_region_id": "nope"}}, adm)
    r.call("password wrong", "POST", "/users/{demo_u}/password",
           {"user": {"original_password": "x", "password": "y"}})
    r.call("password bad body", "POST", "/users/{demo_u}/password", {"user": {"password": "y"}})
    r.call("password ok", "POST", "/users/{demo_u}/password",
           {"user": {"original_password": "demo-secret", "password": "n"}})
    r.call("old token after pw", "GET", "/auth/projects", None, dem)
    r.call("groups page", "GET", "/groups?limit=1", None, adm)
    r.call("groups bad marker", "GET", "/groups?marker=nope", None, adm)
    r.call("domains page", "GET", "/domains?limit=1", None, adm)


def _second(r: _Run) -> None:
    adm = r.ids["admin_tok"]
    r.ids["p"] = r.call("mk proj", "POST", "/projects", {"project": {"name": "p2"}},
                        adm)["project"]["id"]
    r.ids["u"] = r.call("mk user", "POST", "/users", {"user": {"name": "bob", "password": "pw"}},
                        adm)["user"]["id"]
    r.ids["m"] = r.call("mk mgr", "POST", "/users", {"user": {"name": "mgr", "password": "pw"}},
                        adm)["user"]["id"]
    r.call("grant", "PUT", "/projects/{p}/users/{u}/roles/{r_member}", None, adm)
    r.call("grant mgr domain", "PUT", "/domains/default/users/{m}/roles/{r_manager}", None, adm)
    status, bob, body = r.token("bob", "pw", {"project": {"id": r.ids["p"]}})
    r.note("bob token", status, sorted(x["name"] for x in body["token"]["roles"]))
    r.call("bob own groups", "GET", "/users/{u}/groups", None, bob)
    r.call("bob other groups", "GET", "/users/{m}/groups", None, bob)
    r.call("bob own projects", "GET", "/users/{u}/projects", None, bob)
    r.call("bob other projects", "GET", "/users/{m}/projects", None, bob)
    r.call("bob auth projects", "GET", "/auth/projects", None, bob)
    r.call("bob auth domains", "GET", "/auth/domains", None, bob)
    r.call("bob auth system", "GET", "/auth/system", None, bob)
    r.call("bob own app creds", "GET", "/users/{u}/application_credentials", None, bob)
    created = r.call("bob app cred", "POST", "/users/{u}/application_credentials",
                     {"application_credential": {"name": "c"}}, bob)["application_credential"]
    r.ids["ac2"], secret = created["id"], created["secret"]
    cred = {"identity": {"methods": ["application_credential"],
                         "application_credential": {"id": r.ids["ac2"], "secret": secret}}}
    status, acr, body = r.auth(cred)
    r.note("ac auth", status, sorted(x["name"] for x in body["token"]["roles"]))
    r.call("ac token makes cred", "POST", "/users/{u}/application_credentials",
           {"application_credential": {"name": "d"}}, acr)
    r.call("ac token deletes", "DELETE", "/users/{u}/application_credentials/{ac2}", None, acr)
    r.call("admin deletes bob cred", "DELETE", "/users/{u}/application_credentials/{ac2}",
           None, adm)
    r.call("ac token after delete", "GET", "/auth/projects", None, acr)
    status, _, body = r.auth(cred)
    r.note("ac auth after delete", status, body)
    status, mgr, body = r.token("mgr", "pw", {"domain": {"id": "default"}})
    r.note("mgr token", status, sorted(x["name"] for x in body["token"]["roles"]))
    r.call("mgr create project without domain", "POST", "/projects",
           {"project": {"name": "mp"}}, mgr)
    r.call("mgr create user without domain", "POST", "/users", {"user": {"name": "mu"}}, mgr)
    r.call("mgr create project", "POST", "/projects",
           {"project": {"name": "mp", "domain_id": "default"}}, mgr)
    r.call("mgr grant member", "PUT", "/projects/{p}/users/{m}/roles/{r_member}", None, mgr)
    r.call("mgr grant admin", "PUT", "/projects/{p}/users/{m}/roles/{r_admin}", None, mgr)
    r.call("mgr list users", "GET", "/users", None, mgr)
    r.call("mgr list role assignments", "GET", "/role_assignments?scope.project.id={p}", None, mgr)
    r.call("mgr create domain", "POST", "/domains", {"domain": {"name": "zz"}}, mgr)
    status, sys_, body = r.token("admin", "admin-secret", {"system": {"all": True}})
    r.note("system token", status, body["token"].get("system"))
    r.call("system list projects", "GET", "/projects?name=p2", None, sys_)
    r.call("system auth system", "GET", "/auth/system", None, sys_)
    r.call("disable bob", "PATCH", "/users/{u}", {"user": {"enabled": False}}, adm)
    r.call("bob after disable", "GET", "/auth/projects", None, bob)
    status, _, body = r.token("bob", "pw")
    r.note("bob login disabled", status, body)
    r.call("revoke grant", "DELETE", "/projects/{p}/users/{u}/roles/{r_member}", None, adm)
    r.call("list role assignments user", "GET", "/role_assignments?user.id={u}", None, adm)
    r.call("delete user", "DELETE", "/users/{u}", None, adm)
    r.call("get deleted user", "GET", "/users/{u}", None, adm)


_HEX = re.compile(r"[0-9a-f]{32}")
_V3 = re.compile(r"https?://[^/\"]+/(?:identity/)?v3")
_SECRET = re.compile(r"[A-Za-z0-9_-]{86}")


def normalize(value: Any, ids: dict[str, str]) -> Any:
    """Mask ids by their names, URLs to `V3`, secrets and timestamps; sort lists."""
    text = json.dumps(value, sort_keys=True)
    for name, known in sorted(ids.items(), key=lambda kv: -len(kv[1])):
        if name != "admin_tok":
            text = text.replace(known, f"<{name}>")
    text = _V3.sub("V3", _HEX.sub("<id>", _SECRET.sub("<secret>", text)))
    text = re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z?", "<time>", text)
    return _sorted(json.loads(text))


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


if __name__ == "__main__":
    answers = run(sys.argv[1])
    SAMPLE.write_text(json.dumps(answers, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(answers)} answers written to {SAMPLE}")
