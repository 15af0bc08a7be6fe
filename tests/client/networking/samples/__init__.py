"""Neutron response bodies (see `README.md` beside this file): the api-ref's samples,
verbatim, and a few built from Neutron's source (`neutron-*.json`: pages and errors)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["ENDPOINT", "load"]

#: The network endpoint the tests use (devstack's layout: Neutron's root, no version).
ENDPOINT = "http://neutron.test/networking/"

_HERE = Path(__file__).parent


@cache
def _read(name: str) -> str:
    return (_HERE / f"{name}.json").read_text()


def load(name: str) -> Any:
    """A fresh copy of one sample body."""
    return json.loads(_read(name))
