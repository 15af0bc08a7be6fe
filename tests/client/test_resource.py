"""Lazily parsed resources: converted on first read, equal by value, secrets out of reprs."""

from __future__ import annotations

import pickle

import pytest

from stackdouble.client._resource import Resource, json_field


def _parse_count(raw: object) -> int:
    calls.append(raw)
    return int(str(raw))


calls: list[object] = []


class Thing(Resource):
    __slots__ = ()
    id: str = json_field("id")
    count: int = json_field("count", _parse_count, default=0)
    image: dict[str, str] | None = json_field("image", skip_falsy=True)
    tags: tuple[str, ...] = json_field("tags", tuple, default=())
    password: str | None = json_field("adminPass", repr=False)


def test_attributes_convert_once_on_first_read() -> None:
    calls.clear()
    thing = Thing.from_json({"id": "t", "count": "3"})
    assert calls == []
    assert thing.count == 3
    assert thing.count == 3
    assert calls == ["3"]


def test_absent_null_and_empty_values_take_the_default() -> None:
    thing = Thing.from_json({"id": "t", "count": None, "image": ""})
    assert thing.count == 0
    assert thing.image is None
    assert thing.tags == ()


def test_keyword_construction_equals_json_construction() -> None:
    from_json = Thing.from_json({"id": "t", "count": 2, "tags": ["a"], "adminPass": "pw"})
    by_hand = Thing.build(id="t", count=2, tags=("a",), password="pw")
    assert from_json == by_hand
    assert from_json != Thing.build(id="t", count=3)


def test_unknown_keywords_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="no attributes"):
        Thing.build(id="t", colour="red")


def test_secret_attributes_stay_out_of_the_repr() -> None:
    thing = Thing.from_json({"id": "t", "adminPass": "hunter2"})
    assert thing.password == "hunter2"
    assert "hunter2" not in repr(thing)
    assert repr(thing) == "Thing(id='t', count=0)"


def test_attributes_can_be_set() -> None:
    thing = Thing.from_json({"id": "t"})
    thing.count = 9
    assert thing.to_dict()["count"] == 9


def test_resources_pickle() -> None:
    thing = Thing.from_json({"id": "t", "count": "4"})
    assert pickle.loads(pickle.dumps(thing)) == thing
