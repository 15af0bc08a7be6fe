"""`GET /extensions` and `/extensions/{alias}` (`cinder/api/extensions.py`'s
`ExtensionsResource`), for `client/openstack/blockstorage/v3/extensions`: the API
extensions Cinder 29 loads, from `data/extensions.json` (recorded from the real service).
Anyone with a token may read them (no policy; `api()` checked the token); an unknown alias
is webob's bare 404."""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.blockstorage.errors import NotFound
from stackdouble.fakes.blockstorage.handlers._common import _ok
from stackdouble.fakes.data import load_json
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["list_extensions", "show_extension"]


def _extensions() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = load_json("stackdouble.fakes.blockstorage",
                                            "extensions.json")["extensions"]
    return found


def list_extensions(req: FakeRequest) -> FakeResponse:
    """Every extension, in Cinder's order."""
    return _ok({"extensions": _extensions()})


def show_extension(req: FakeRequest) -> FakeResponse:
    """One extension by alias."""
    alias = req.params["alias"]
    for extension in _extensions():
        if extension["alias"] == alias:
            return _ok({"extension": extension})
    raise NotFound()
