"""Helpers for the Compute client tests: Nova's samples, its fault envelope, sent bodies."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

ENDPOINT = "http://nova.test/v2.1"
BASE = ENDPOINT + "/"
MICROVERSION = "2.79"
SAMPLES = Path(__file__).parent / "samples"
REQUEST_ID = "req-9922abd4-e986-49a6-86e8-d2d280952fe4"

_cache: dict[str, Any] = {}


def sample(name: str) -> Any:
    """A fresh copy of `samples/<name>.json`."""
    if name not in _cache:
        _cache[name] = json.loads((SAMPLES / f"{name}.json").read_text())
    return copy.deepcopy(_cache[name])


def nova_error(kind: str, code: int, message: str) -> dict[str, Any]:
    """Nova's fault envelope: `{"itemNotFound": {"code": 404, "message": ...}}`."""
    return {kind: {"code": code, "message": message}}


def sent_json(call: Any) -> Any:
    """The JSON body of a recorded request."""
    body = call.request.body
    return json.loads(body.decode() if isinstance(body, bytes) else body)


def fake_compute(cloud: Any, microversion: str = "2.79") -> Any:
    """A Compute client on the fake cloud, logged in as demo, at `microversion`."""
    from stackdouble.client.openstack import (
        auth_options_from_env,
        authenticated_client,
        new_compute_v2,
    )

    provider = authenticated_client(auth_options_from_env(cloud.os_environ()), max_retries=0)
    return new_compute_v2(provider).with_microversion(microversion)


#: The fake's cirros image.
CIRROS = "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11"


def new_server(compute: Any, name: str = "web", flavor: str = "1") -> str:
    """Create a server through the client; its id."""
    from stackdouble.client.openstack.compute.v2 import servers

    opts = servers.CreateOpts(name=name, image_ref=CIRROS, flavor_ref=flavor, networks="auto")
    return str(servers.create(compute, opts).extract().id)
