"""`GET /extensions` of the fake Nova (`extension_info.py`; the client's
`compute/v2/extensions`): the v2 extension list Nova still answers with, from
`data/extensions.json`. Anyone with a token may read it (`nova/policies/extensions.py`)."""

from __future__ import annotations

from stackdouble.fakes.compute.errors import nova_fault
from stackdouble.fakes.compute.handlers._common import _caller, _ok
from stackdouble.fakes.data import load_json
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["list_extensions", "show_extension"]


def list_extensions(req: FakeRequest) -> FakeResponse:
    """`GET /extensions`: every extension, by alias."""
    _caller(req, "os_compute_api:extensions")
    return _ok({"extensions": load_json("stackdouble.fakes.compute",
                                        "extensions.json")["extensions"]})


def show_extension(req: FakeRequest) -> FakeResponse:
    """`GET /extensions/{alias}`: one extension; an unknown alias is webob's 404."""
    _caller(req, "os_compute_api:extensions")
    alias = req.params["alias"]
    for extension in load_json("stackdouble.fakes.compute", "extensions.json")["extensions"]:
        if extension["alias"] == alias:
            return _ok({"extension": extension})
    return nova_fault(404)
