"""Several storage policies, as swift.conf declares them: `/info`, `X-Storage-Policy` on a
container PUT (name or alias, any case; unknown or deprecated → 400), and the account's
per-policy headers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage import StoragePolicy, SwiftConfig
from tests.fakes.objectstorage.conftest import Swift

POLICIES = (StoragePolicy("gold", aliases=("yellow",), default=True),
            StoragePolicy("silver"), StoragePolicy("bronze", deprecated=True))


@pytest.fixture
def cloud() -> Iterator[FakeCloud]:
    """A cloud whose Swift has three policies, gold the default and bronze deprecated."""
    with FakeCloud(seed=7, swift=SwiftConfig(policies=POLICIES)) as fake:
        yield fake


def test_info_lists_the_usable_policies(cloud: FakeCloud, http: requests.Session) -> None:
    policies = http.get(cloud.base_url + "/info").json()["swift"]["policies"]
    assert policies == [{"name": "gold", "aliases": "gold, yellow", "default": True},
                        {"name": "silver", "aliases": "silver"}]


def test_a_container_takes_the_default_or_a_policy_by_name_or_alias(swift: Swift) -> None:
    swift("PUT", "/plain")
    assert swift("PUT", "/shiny", headers={"X-Storage-Policy": "YELLOW"}).status_code == 201
    assert swift("PUT", "/grey", headers={"X-Storage-Policy": "silver"}).status_code == 201
    assert swift("HEAD", "/plain").headers["X-Storage-Policy"] == "gold"
    assert swift("HEAD", "/shiny").headers["X-Storage-Policy"] == "gold"
    assert swift("HEAD", "/grey").headers["X-Storage-Policy"] == "silver"


def test_an_unknown_policy_is_400_as_swift_words_it(swift: Swift) -> None:
    resp = swift("PUT", "/c", headers={"X-Storage-Policy": "platinum"})
    assert (resp.status_code, resp.text) == (400, "Invalid X-Storage-Policy 'platinum'")
    assert resp.headers["Content-Type"] == "text/plain"
    assert swift("HEAD", "/c").status_code == 404


def test_a_deprecated_policy_is_400_for_a_new_container(swift: Swift) -> None:
    resp = swift("PUT", "/c", headers={"X-Storage-Policy": "bronze"})
    assert (resp.status_code, resp.text) == (400, "Storage Policy 'bronze' is deprecated")


def test_another_policy_for_an_existing_container_is_409(swift: Swift) -> None:
    swift("PUT", "/c", headers={"X-Storage-Policy": "silver"})
    assert swift("PUT", "/c", headers={"X-Storage-Policy": "gold"}).status_code == 409
    assert swift("PUT", "/c").status_code == 202


def test_the_account_counts_each_policy_apart(swift: Swift) -> None:
    swift("PUT", "/a")
    swift("PUT", "/b", headers={"X-Storage-Policy": "silver"})
    swift("PUT", "/b/o", data=b"12345")
    head = swift("HEAD").headers
    assert head["X-Account-Storage-Policy-Gold-Container-Count"] == "1"
    assert head["X-Account-Storage-Policy-Silver-Container-Count"] == "1"
    assert head["X-Account-Storage-Policy-Silver-Object-Count"] == "1"
    assert head["X-Account-Storage-Policy-Silver-Bytes-Used"] == "5"
    assert head["X-Account-Storage-Policy-Gold-Bytes-Used"] == "0"


@pytest.mark.parametrize(("policies", "message"), [
    ((), "at least one"),
    (("gold", "GOLD"), "used twice"),
    ((StoragePolicy("a", default=True), StoragePolicy("b", default=True)), "only one default"),
    ((StoragePolicy("a", default=True, deprecated=True),), "deprecated"),
])
def test_policies_swift_would_refuse_are_a_value_error(policies: tuple[object, ...],
                                                      message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SwiftConfig(policies=policies)  # type: ignore[arg-type]


def test_a_policy_name_uses_swifts_characters() -> None:
    with pytest.raises(ValueError, match="letters, digits"):
        StoragePolicy("gold plated")
