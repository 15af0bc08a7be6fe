"""`cloud.object_storage` from Python: the model's API, dump, reset and expiry."""

from __future__ import annotations

import json

import pytest

from stackdouble.fakes import FakeCloud
from stackdouble.fakes.objectstorage import ObjectStorageModel, SwiftError
from stackdouble.fakes.objectstorage.models import after_prefix, list_entries


def test_containers_and_objects_are_made_and_read_from_python(model: ObjectStorageModel) -> None:
    assert model.create_container("demo", "c", metadata={"team": "web"}, read_acl=".r:*")
    assert not model.create_container("demo", "c")
    stored = model.put_object("demo", "c", "a/b", b"data", content_type="text/plain",
                              metadata={"Color": "été"}, delete_at=2_000_000_000)
    assert (stored.etag, stored.size) == ("8d777f385d3dfec8815d20f7496026dc", 4)
    assert model.get_object("demo", "c", "a/b").data == b"data"
    assert model.get_object("demo", "c", "a/b").metadata == {"Color": "été"}
    assert model.container("demo", "c").metadata == {"Team": "web"}
    assert model.container("demo", "c").read_acl == ".r:*"
    assert model.names("demo") == ["c"]
    assert model.names("demo", "c") == ["a/b"]


def test_a_project_is_named_by_name_id_or_account(model: ObjectStorageModel,
                                                   cloud: FakeCloud) -> None:
    project_id = cloud.project_id("demo")
    assert model.account_name("demo") == model.account_name(project_id) == f"AUTH_{project_id}"
    assert model.account_name("AUTH_other") == "AUTH_other"
    with pytest.raises(LookupError):
        model.account_name("nobody")


def test_the_model_refuses_as_swift_does(model: ObjectStorageModel) -> None:
    with pytest.raises(SwiftError) as missing:
        model.get_object("demo", "nope", "x")
    assert missing.value.status == 404
    model.fill("demo", "full", ["x"])
    with pytest.raises(SwiftError) as conflict:
        model.delete_container("demo", "full")
    assert conflict.value.status == 409


def test_account_totals_follow_every_write(model: ObjectStorageModel) -> None:
    model.fill("demo", "c", ["a", "b"], data=b"123")
    model.put_object("demo", "c", "a", b"1")
    account = model.account("demo")
    assert (account.container_count, account.object_count, account.bytes_used) == (1, 2, 4)
    assert account.policy_stats == {"Policy-0": [1, 2, 4]}
    model.delete_object("demo", "c", "a")
    model.delete_object("demo", "c", "b")
    model.delete_container("demo", "c")
    assert account.policy_stats == {"Policy-0": [0, 0, 0]}


def test_expire_removes_what_the_clock_has_passed(model: ObjectStorageModel,
                                                   cloud: FakeCloud) -> None:
    now = int(cloud.clock.time())
    model.fill("demo", "c", [])
    model.put_object("demo", "c", "soon", b"", delete_at=now + 5)
    model.put_object("demo", "c", "later", b"", delete_at=now + 50)
    model.put_object("demo", "c", "kept", b"", delete_at=now + 5)
    model.put_object("demo", "c", "kept", b"")  # replaced: no expiry any more
    cloud.clock.advance(10)
    assert model.expire() == 1
    assert model.names("demo", "c") == ["kept", "later"]


def test_dump_shows_names_and_sizes_but_no_content_or_key(cloud: FakeCloud,
                                                          model: ObjectStorageModel) -> None:
    model.create_container("demo", "c", headers={"X-Container-Meta-Temp-Url-Key": "s3cr3t"})
    model.put_object("demo", "c", "o", b"secret content")
    dumped = cloud.dump()["object-store"]
    text = json.dumps(dumped)
    assert "secret content" not in text
    assert "s3cr3t" not in text
    account = dumped[model.account_name("demo")]
    assert account["containers"]["c"]["objects"] == {"o": 14}
    assert account["bytes_used"] == 14


def test_reset_forgets_everything(cloud: FakeCloud) -> None:
    cloud.object_storage.fill("demo", "c", ["o"])
    cloud.reset()
    assert cloud.object_storage.accounts == {}


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("abc", "abd"), ("a/", "a0"), ("x\ud7ff", "x\ue000"),
     ("\U0010ffff", None), ("a\U0010ffff\U0010ffff", "b")],
)
def test_after_prefix_is_the_least_string_past_a_prefix(prefix: str,
                                                        expected: str | None) -> None:
    assert after_prefix(prefix) == expected


def test_a_delimiter_ending_in_the_last_code_point_still_lists(
    model: ObjectStorageModel
) -> None:
    model.fill("demo", "c", ["a\U0010ffffb", "a\U0010ffffc", "b"])
    index = model.container("demo", "c").objects
    assert list_entries(index, limit=10, delimiter="\U0010ffff") == [
        ("a\U0010ffff", True), ("b", False)]
