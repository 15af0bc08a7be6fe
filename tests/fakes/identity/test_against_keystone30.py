"""The fake answers the recorded Keystone 30.0.0 admin scenarios as Keystone did.

`samples/keystone30-admin.json` holds a real Keystone's answers to `keystone30.run` (ids
masked); the fake, started like `keystone-manage bootstrap` left Keystone, must give the same
statuses and bodies, except where Keystone answers a 500 (the fake never does).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from stackdouble.fakes import FakeCloud
from tests.fakes.identity import keystone30

#: Keystone 30 fails these with a 500; the fake answers what Keystone means.
KEYSTONE_500S = {
    "project {}": (400, "Expecting to find name in project. The server could not comply with "
                        "the request since it is either malformed or otherwise incorrect. The "
                        "client is assumed to be in error."),
    "project rename dup": (409, "Conflict occurred attempting to store project - it is not "
                                "permitted to have two projects with either the same name or "
                                "same id in the same domain: name is demo, project id <top>."),
}


@pytest.fixture(scope="module")
def answers() -> Iterator[list[Any]]:
    """The fake's answers, from the state bootstrap leaves (admin only, no demo)."""
    with FakeCloud(seed=30, base_url="http://keystone30.stackdouble.test") as cloud:
        identity = cloud.identity
        identity.revoke_role("member", "demo", project="demo")
        identity.delete_project(cloud.project_id("demo"))
        identity.delete_user(cloud.user_id("demo"))
        yield keystone30.run(cloud.identity_v3_url)


def _recorded() -> list[Any]:
    return list(json.loads(keystone30.SAMPLE.read_text(encoding="utf-8")))


RECORDED = _recorded()


@pytest.mark.parametrize("index", range(len(RECORDED)), ids=[a[0] for a in RECORDED])
def test_the_fake_answers_as_keystone_30(answers: list[Any], index: int) -> None:
    label, status, body = RECORDED[index]
    mine = answers[index]
    assert mine[0] == label
    if label in KEYSTONE_500S:
        assert status == 500
        assert (mine[1], mine[2]["error"]["message"]) == KEYSTONE_500S[label]
        return
    assert (mine[1], mine[2]) == (status, body)
