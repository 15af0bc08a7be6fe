"""The fakes' JSON bodies are what `json.dumps` writes, however long the listing."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stackdouble.fakes.http import json_bytes

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8),
                     st.floats(allow_nan=False))
_ITEMS = st.one_of(_SCALARS, st.dictionaries(st.text(max_size=4), _SCALARS, max_size=3),
                   st.lists(_SCALARS, max_size=3))


@settings(max_examples=60, deadline=None)
@given(listing=st.dictionaries(
    st.text(max_size=6),
    st.one_of(_ITEMS, st.integers(0, 800).flatmap(
        lambda n: st.lists(_ITEMS, min_size=n, max_size=n))), max_size=4))
def test_json_bytes_writes_exactly_what_json_dumps_writes(listing: dict[str, Any]) -> None:
    assert json_bytes(listing) == json.dumps(listing).encode("utf-8")


def test_a_long_listing_with_non_text_keys_is_still_json_dumps() -> None:
    value = {1: list(range(300)), "ports": [{"id": "é"}] * 300}
    assert json_bytes(value) == json.dumps(value).encode("utf-8")
