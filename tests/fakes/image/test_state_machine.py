"""Random creates, uploads, deactivations, deletes and memberships against a plain model
of Glance's image states and of who sees what."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from stackdouble.fakes import FakeClock, FakeCloud
from tests.fakes.conftest import START

_CLOUD = FakeCloud(seed=21, base_url="http://glance-machine.stackdouble.test",
                   clock=FakeClock(start=START, ticking=False))


@pytest.fixture(autouse=True, scope="module")
def _transport() -> Iterator[None]:
    with _CLOUD:
        yield


@dataclass
class Expected:
    """What the machine believes of one image."""

    owner: str
    visibility: str
    status: str = "queued"
    protected: bool = False
    members: dict[str, str] = field(default_factory=dict)


class GlanceImages(RuleBasedStateMachine):
    """demo (in demo) and bob (in service), both members, create and share images; the
    rules are Glance's."""

    images = Bundle("images")

    def __init__(self) -> None:
        super().__init__()
        self.cloud = _CLOUD
        self.cloud.reset()
        self.http = requests.Session()
        self.http.trust_env = False
        self.url = f"{self.cloud.base_url}/image/v2"
        self.cloud.identity.create_user("bob", password="pw")
        self.cloud.identity.grant_role("member", user="bob", project="service")
        self.tokens = {p: self.cloud.identity.issue_token(u, project=p)
                       for u, p in (("demo", "demo"), ("bob", "service"))}
        self.projects = {p: self.cloud.project_id(p) for p in self.tokens}
        self.expected: dict[str, Expected] = {}

    def call(self, who: str, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = {"X-Auth-Token": self.tokens[who], "Accept": "application/json",
                   **kwargs.pop("headers", {})}
        return self.http.request(method, self.url + path, headers=headers, **kwargs)

    def sees(self, who: str, image: Expected) -> bool:
        project = self.projects[who]
        return (image.owner == project or image.visibility in ("public", "community")
                or (image.visibility == "shared" and project in image.members))

    @rule(target=images, who=st.sampled_from(["demo", "service"]),
          visibility=st.sampled_from(["private", "shared", "community"]),
          protected=st.booleans())
    def create(self, who: str, visibility: str, protected: bool) -> str:
        resp = self.call(who, "POST", "/images", json={
            "disk_format": "raw", "container_format": "bare", "visibility": visibility,
            "protected": protected})
        assert resp.status_code == 201, resp.text
        image_id = str(resp.json()["id"])
        self.expected[image_id] = Expected(self.projects[who], visibility, protected=protected)
        return image_id

    def _owner_of(self, image_id: str) -> str:
        owner = self.expected[image_id].owner
        return next(who for who, p in self.projects.items() if p == owner)

    @rule(image_id=images, data=st.binary(max_size=64))
    def upload(self, image_id: str, data: bytes) -> None:
        if image_id not in self.expected:
            return
        image = self.expected[image_id]
        resp = self.call(self._owner_of(image_id), "PUT", f"/images/{image_id}/file", data=data,
                         headers={"Content-Type": "application/octet-stream"})
        if image.status == "queued":
            assert resp.status_code == 204, resp.text
            image.status = "active"
        else:
            assert resp.status_code == 409, resp.text

    @rule(image_id=images, action=st.sampled_from(["deactivate", "reactivate"]))
    def toggle(self, image_id: str, action: str) -> None:
        if image_id not in self.expected:
            return
        image = self.expected[image_id]
        resp = self.call(self._owner_of(image_id), "POST",
                         f"/images/{image_id}/actions/{action}")
        goal = "deactivated" if action == "deactivate" else "active"
        if image.status in ("active", "deactivated"):
            assert resp.status_code == 204, resp.text
            image.status = goal
        else:
            assert resp.status_code == 403, resp.text

    @rule(image_id=images, who=st.sampled_from(["demo", "service"]))
    def delete(self, image_id: str, who: str) -> None:
        resp = self.call(who, "DELETE", f"/images/{image_id}")
        image = self.expected.get(image_id)
        if image is None or not self.sees(who, image):
            assert resp.status_code == 404, resp.text
        elif image.owner != self.projects[who] or image.protected:
            assert resp.status_code == 403, resp.text
        else:
            assert resp.status_code == 204, resp.text
            del self.expected[image_id]

    @rule(image_id=images)
    def share(self, image_id: str) -> None:
        image = self.expected.get(image_id)
        if image is None:
            return
        owner = self._owner_of(image_id)
        other = "service" if owner == "demo" else "demo"
        resp = self.call(owner, "POST", f"/images/{image_id}/members",
                         json={"member": self.projects[other]})
        if image.visibility != "shared":
            assert resp.status_code == 403, resp.text
        elif self.projects[other] in image.members:
            assert resp.status_code == 409, resp.text
        else:
            assert resp.status_code == 200, resp.text
            image.members[self.projects[other]] = "pending"

    @rule(image_id=images, status=st.sampled_from(["accepted", "rejected", "pending"]))
    def decide(self, image_id: str, status: str) -> None:
        image = self.expected.get(image_id)
        if image is None or not image.members:
            return
        member = next(iter(image.members))
        who = next(w for w, p in self.projects.items() if p == member)
        resp = self.call(who, "PUT", f"/images/{image_id}/members/{member}",
                         json={"status": status})
        if image.visibility == "shared":
            assert resp.status_code == 200, resp.text
            image.members[member] = status

    @invariant()
    def each_caller_lists_what_glance_shows_it(self) -> None:
        for who, project in self.projects.items():
            resp = self.call(who, "GET", "/images?limit=1000&member_status=all")
            listed = {i["id"]: i["status"] for i in resp.json()["images"]}
            mine = {i: e.status for i, e in self.expected.items()
                    if (e.owner == project or e.visibility == "public"
                        or (e.visibility == "shared" and project in e.members)
                        or (e.visibility == "community" and e.owner == project))}
            assert {i: s for i, s in listed.items() if i in self.expected} == mine

    @invariant()
    def accepted_lists_only_accepted_memberships(self) -> None:
        project = self.projects["demo"]
        resp = self.call("demo", "GET", "/images?limit=1000&visibility=shared")
        listed = {i["id"] for i in resp.json()["images"]}
        wanted = {i for i, e in self.expected.items() if e.visibility == "shared"
                  and (e.owner == project or e.members.get(project) == "accepted")}
        assert listed == wanted


GlanceImages.TestCase.settings = settings(
    max_examples=40, stateful_step_count=15, deadline=None,
    suppress_health_check=list(HealthCheck))
TestGlanceImages = GlanceImages.TestCase
