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
