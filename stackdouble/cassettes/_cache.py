"""A cache of parsed cassette files, so a cassette is parsed as YAML once, not on every run.

Parsing YAML costs about 1.5 ms an interaction even with libyaml (PyYAML builds every node
in Python), so a 5,000-interaction cassette took seconds to load each time a test used it.
The parsed document is kept in `marshal` form (about 40× faster to read than the YAML) under
the SHA-256 of the file's bytes, so an entry can never be stale: an edited cassette has a new
key. The cassette files themselves are unchanged (vcrpy's YAML).

Where: `$STACKDOUBLE_CACHE_DIR/cassettes`, else `$XDG_CACHE_HOME/stackdouble/cassettes`,
else `~/.cache/stackdouble/cassettes`. `STACKDOUBLE_CACHE_DIR=` (empty) turns the cache
off. A cache that cannot be read or written is ignored: the file is parsed as YAML.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["CACHE_ENV", "cache_dir", "cached_document", "store_document"]

#: The environment variable that moves the cache (or, set empty, turns it off).
CACHE_ENV = "STACKDOUBLE_CACHE_DIR"

#: Bumped when the cached form changes; part of every key.
_VERSION = b"stackdouble-cassette-cache-1\0"


def cache_dir() -> Path | None:
    """Where parsed cassettes are kept, or None when the cache is off."""
    root = os.environ.get(CACHE_ENV)
    if root is not None:
        return Path(root) / "cassettes" if root else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "stackdouble" / "cassettes"


def _entry(raw: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / (hashlib.sha256(_VERSION + raw).hexdigest() + ".marshal")


def cached_document(raw: bytes) -> Any | None:
    """The parsed document of a cassette file's bytes, if cached (else None)."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None


def store_document(raw: bytes, doc: Any) -> None:
    """Keep the parsed document of a cassette file's bytes (atomically; errors ignored)."""
    entry = _entry(raw)
    if entry is None:
        return
    try:
        data = marshal.dumps(doc)
    except ValueError:
        return  # a type marshal does not know (a YAML timestamp in someone's metadata)
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=entry.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, entry)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
