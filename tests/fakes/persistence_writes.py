"""Writes across the fake cloud's services, and what each leaves that a restart must keep.

Shared by the persistence tests: `Writes` drives a cloud (in-process or served) through
`requests`, one write a call, and remembers a `Fact` for each write answered 2xx; `check`
asserts a fact still holds, `check_whole_or_absent` that a write left unanswered is either
wholly there or not at all.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import requests

PASSWORDS = {"demo": "demo-secret", "admin": "admin-secret"}


@dataclass
class Fact:
    """What one acknowledged write left: its kind, the path to read it at, what to find."""

    kind: str
    path: str
    expect: Any = None
    extra: dict[str, Any] = field(default_factory=dict)


class Writes:
    """Writes to a cloud at `base` (its URL), with tokens got through the API.

    Args:
        http: The session to send with.
        base: The cloud's base URL.
        rng: Where names, sizes and bytes come from.
    """

    KINDS = ("project", "user", "token", "object", "server", "volume", "network", "image")

    def __init__(self, http: requests.Session, base: str, rng: random.Random) -> None:
        self.http = http
        self.base = base
        self.rng = rng
        self.admin = self.login("admin")
        self.demo = self.login("demo")
        self.project_id = self._demo_project()
        self.facts: list[Fact] = []
        self.inflight: Fact | None = None
        self._container = False
        self._n = 0

    def login(self, user: str, password: str | None = None, *, scoped: bool = True) -> str:
        """A token through `POST /v3/auth/tokens`, scoped to the project named like the
        user (or unscoped)."""
        auth: dict[str, Any] = {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"name": "Default"},
            "password": password or PASSWORDS[user]}}}}
        if scoped:
            auth["scope"] = {"project": {"name": user, "domain": {"name": "Default"}}}
        body = {"auth": auth}
        resp = self.http.post(self.base + "/identity/v3/auth/tokens", json=body)
        assert resp.status_code == 201, resp.text
        return resp.headers["X-Subject-Token"]

    def _demo_project(self) -> str:
        resp = self.http.get(self.base + "/identity/v3/auth/tokens",
                             headers=self._h(self.admin) | {"X-Subject-Token": self.demo})
        assert resp.status_code == 200, resp.text
        return str(resp.json()["token"]["project"]["id"])

    @staticmethod
    def _h(token: str) -> dict[str, str]:
        return {"X-Auth-Token": token}

    def _name(self, kind: str) -> str:
        self._n += 1
        return f"{kind}-{self._n}-{self.rng.randrange(10**6)}"

    def write(self, kind: str | None = None) -> Fact | None:
        """One write of `kind` (random if None); its fact once answered 2xx, else None."""
        kind = kind or self.rng.choice(self.KINDS)
        fact: Fact | None = getattr(self, "_" + kind)()
        self.inflight = None
        if fact is not None:
            self.facts.append(fact)
        return fact

    # -- the writes ----------------------------------------------------------------------

    def _project(self) -> Fact | None:
        name = self._name("project")
        self.inflight = Fact("project-named", name)
        resp = self.http.post(self.base + "/identity/v3/projects", headers=self._h(self.admin),
                              json={"project": {"name": name}})
        if resp.status_code != 201:
            return None
        return Fact("project", "/identity/v3/projects/" + resp.json()["project"]["id"], name)

    def _user(self) -> Fact | None:
        name, password = self._name("user"), self._name("pw")
        self.inflight = Fact("user-named", name)
        resp = self.http.post(self.base + "/identity/v3/users", headers=self._h(self.admin),
                              json={"user": {"name": name, "password": password,
                                             "default_project_id": self.project_id}})
        if resp.status_code != 201:
            return None
        return Fact("user", "/identity/v3/users/" + resp.json()["user"]["id"], name,
                    {"password": password})

    def _token(self) -> Fact | None:
        body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "demo", "domain": {"name": "Default"}, "password": "demo-secret"}}},
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}
        resp = self.http.post(self.base + "/identity/v3/auth/tokens", json=body)
        if resp.status_code != 201:
            return None
        return Fact("token", "/identity/v3/auth/tokens", resp.headers["X-Subject-Token"],
                    {"expires_at": resp.json()["token"]["expires_at"]})

    def _object(self) -> Fact | None:
        account = f"/v1/AUTH_{self.project_id}/kept"
        if not self._container:
            resp = self.http.put(self.base + account, headers=self._h(self.demo))
            if resp.status_code not in (201, 202):
                return None
            self._container = True
        data = self.rng.randbytes(self.rng.choice((0, 1, 1024, 70_000)))
        path = f"{account}/{self._name('object')}"
        self.inflight = Fact("object", path, data)
        resp = self.http.put(self.base + path, headers=self._h(self.demo), data=data)
        if resp.status_code != 201:
            return None
        return Fact("object", path, data, {"etag": resp.headers["Etag"],
                                           "last_modified": resp.headers["Last-Modified"]})

    def _server(self) -> Fact | None:
        name = self._name("server")
        self.inflight = Fact("server-named", name)
        resp = self.http.post(self.base + "/compute/v2.1/servers", headers=self._h(self.demo),
                              json={"server": {"name": name, "flavorRef": "1", "imageRef":
                                               "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11"}})
        if resp.status_code != 202:
            return None
        return Fact("server", "/compute/v2.1/servers/" + resp.json()["server"]["id"], name)

    def _volume(self) -> Fact | None:
        name = self._name("volume")
        self.inflight = Fact("volume-named", name)
        resp = self.http.post(self.base + f"/volume/v3/{self.project_id}/volumes",
                              headers=self._h(self.demo),
                              json={"volume": {"size": 1, "name": name}})
        if resp.status_code != 202:
            return None
        volume = resp.json()["volume"]
        return Fact("volume", f"/volume/v3/{self.project_id}/volumes/{volume['id']}", name,
                    {"created_at": volume["created_at"]})

    def _network(self) -> Fact | None:
        name = self._name("network")
        self.inflight = Fact("network-named", name)
        resp = self.http.post(self.base + "/networking/v2.0/networks",
                              headers=self._h(self.demo), json={"network": {"name": name}})
        if resp.status_code != 201:
            return None
        return Fact("network", "/networking/v2.0/networks/" + resp.json()["network"]["id"],
                    name)

    def _image(self) -> Fact | None:
        name = self._name("image")
        self.inflight = Fact("image-named", name)
        resp = self.http.post(self.base + "/image/v2/images", headers=self._h(self.demo),
                              json={"name": name, "disk_format": "raw",
                                    "container_format": "bare"})
        if resp.status_code != 201:
            return None
        path = "/image/v2/images/" + resp.json()["id"]
        self.facts.append(Fact("image", path, name))
        data = self.rng.randbytes(self.rng.choice((1, 4096)))
        self.inflight = Fact("image-data", path, data)
        resp = self.http.put(self.base + path + "/file", data=data,
                             headers=self._h(self.demo)
                             | {"Content-Type": "application/octet-stream"})
        if resp.status_code != 204:
            return None
        return Fact("image-data", path, data)

    # -- checks --------------------------------------------------------------------------

    def get(self, path: str, token: str | None = None, **headers: str) -> requests.Response:
        """GET a path of the cloud with a token (the admin's by default)."""
        return self.http.get(self.base + path,
                             headers=self._h(token or self.admin) | headers)

    def check(self, fact: Fact) -> None:
        """Assert an acknowledged write is there, as it was answered."""
        kind, path = fact.kind, fact.path
        if kind == "token":
            resp = self.get(path, **{"X-Subject-Token": fact.expect})
            assert resp.status_code == 200, (fact, resp.text)
            assert resp.json()["token"]["expires_at"] == fact.extra["expires_at"]
        elif kind == "object":
            resp = self.get(path, self.demo)
            assert resp.status_code == 200, fact.path
            assert resp.content == fact.expect, fact.path
            assert resp.headers["Etag"] == fact.extra["etag"]
            assert resp.headers["Last-Modified"] == fact.extra["last_modified"]
        elif kind == "user":
            assert self.get(path).json()["user"]["name"] == fact.expect
            self.login(fact.expect, fact.extra["password"], scoped=False)
        elif kind == "image-data":
            resp = self.get(path + "/file", self.demo)
            assert resp.status_code == 200, fact.path
            assert resp.content == fact.expect, fact.path
        elif kind == "volume":
            volume = self.get(path, self.demo).json()["volume"]
            assert (volume["name"], volume["created_at"]) == (fact.expect,
                                                              fact.extra["created_at"])
        else:
            token = self.admin if kind in ("project",) else self.demo
            resp = self.get(path, token)
            assert resp.status_code == 200, (fact, resp.status_code)
            body = resp.json()
            item = body.get(kind) or body
            assert item["name"] == fact.expect, (fact, body)

    def check_whole_or_absent(self, fact: Fact) -> None:
        """Assert a write that got no answer left all or nothing."""
        if fact.kind == "object":
            resp = self.get(fact.path, self.demo)
            assert resp.status_code == 404 or resp.content == fact.expect, fact.path
        elif fact.kind == "image-data":
            resp = self.get(fact.path + "/file", self.demo)
            assert resp.status_code == 204 or resp.content == fact.expect, resp.status_code
        elif fact.kind.endswith("-named"):
            kind = fact.kind[:-len("-named")]
            path, key = {
                "project": ("/identity/v3/projects", "projects"),
                "user": ("/identity/v3/users", "users"),
                "server": ("/compute/v2.1/servers", "servers"),
                "volume": (f"/volume/v3/{self.project_id}/volumes", "volumes"),
                "network": ("/networking/v2.0/networks", "networks"),
                "image": ("/image/v2/images", "images"),
            }[kind]
            token = self.admin if kind in ("project", "user") else self.demo
            found = self.get(f"{path}?name={fact.path}", token).json()[key]
            assert len(found) <= 1, found
            for item in found:  # made whole: it reads back
                assert self.get(f"{path}/{item['id']}", token).status_code == 200
