"""The parsed-cassette cache: a cassette is parsed as YAML once per content, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackdouble.cassettes import (
    Cassette,
    CorruptCassette,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    _model,
    load_cassette,
    save_cassette,
)
from stackdouble.cassettes._cache import CACHE_ENV


def one(body: bytes = b'{"ok": true}') -> Cassette:
    return Cassette(interactions=[Interaction(
        request=RecordedRequest(method="GET", uri="http://c.test/a"),
        response=RecordedResponse(status=200, body=body))])


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "cassettes"


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = _model._parse

    def spy(raw: bytes, where: str) -> object:
        parsed.append(where)
        return real(raw, where)

    monkeypatch.setattr(_model, "_parse", spy)
    return parsed


def test_a_cassette_is_parsed_once_then_read_from_the_cache(
        tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_cassette(one(), tmp_path / "a.yaml")
    parsed = count_parses(monkeypatch)
    first, second = load_cassette(path), load_cassette(path)
    assert parsed == [str(path)]
    assert len(list(cache.glob("*.marshal"))) == 1
    assert second.interactions == first.interactions
    assert second.path == path
    second.interactions[0].response.body = b"changed"  # a loaded cassette is a fresh copy
    assert load_cassette(path).interactions[0].response.body == b'{"ok": true}'


def test_an_edited_cassette_is_parsed_again(tmp_path: Path, cache: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_cassette(one(), tmp_path / "a.yaml")
    load_cassette(path)
    save_cassette(one(b'{"ok": false}'), path)
    parsed = count_parses(monkeypatch)
    assert load_cassette(path).interactions[0].response.body == b'{"ok": false}'
    assert parsed == [str(path)]


def test_a_broken_cache_entry_falls_back_to_the_yaml(tmp_path: Path, cache: Path) -> None:
    path = save_cassette(one(), tmp_path / "a.yaml")
    load_cassette(path)
    for entry in cache.glob("*.marshal"):
        entry.write_bytes(b"\x00not marshal")
    assert load_cassette(path).interactions[0].response.status == 200


def test_an_empty_cache_dir_setting_turns_the_cache_off(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    path = save_cassette(one(), tmp_path / "a.yaml")
    parsed = count_parses(monkeypatch)
    load_cassette(path)
    load_cassette(path)
    assert parsed == [str(path), str(path)]


def test_a_corrupt_cassette_is_never_cached(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("interactions: [")
    for _ in range(2):
        with pytest.raises(CorruptCassette, match="not valid YAML"):
            load_cassette(path)
    assert not list(cache.glob("*.marshal"))
