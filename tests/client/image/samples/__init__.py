"""Responses recorded from a real Glance 33.0.0 (see `README.md` beside this file): each
`<name>.json` holds the request, the status, the headers and the body, verbatim except the
host, which is `http://glance.test`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["ENDPOINT", "GLANCE_VERSION", "load"]

#: The image endpoint the samples were rewritten to (Glance's unversioned root).
ENDPOINT = "http://glance.test/image/"
GLANCE_VERSION = "33.0.0"

_HERE = Path(__file__).parent


@cache
def _read(name: str) -> str:
    return (_HERE / f"{name}.json").read_text()


def load(name: str) -> dict[str, Any]:
    """A fresh copy of one sample: `{"request": {...}, "status", "headers", "body"}`."""
    sample: dict[str, Any] = json.loads(_read(name))
    return sample
