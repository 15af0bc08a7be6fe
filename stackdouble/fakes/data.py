"""Seed data of the fake services (`<service>/data/*.json`), read from disk once per process.

`FakeCloud.reset()` reloads every service's defaults, and the pytest plugin resets a pooled
cloud before each test, so the files are read once and parsed afresh on each load (parsing
gives every cloud its own objects to change).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["load_json"]


@functools.cache
def _text(package: str, name: str) -> str:
    return (resources.files(package) / "data" / name).read_text(encoding="utf-8")


def load_json(package: str, name: str) -> Any:
    """The parsed `data/<name>` of a fake service package, a new copy on each call.

    Example:
        >>> load_json("stackdouble.fakes.compute", "flavors.json")["flavors"][0]["name"]
        'm1.tiny'
    """
    return json.loads(_text(package, name))
