"""Counting the id generator's draws, so that a replay draws exactly as the live cloud did.

`stackdouble.fakes.ids.IdGenerator` draws every id, token and request id from three seeded
`random.Random` streams. A replay runs the journaled requests again from the same seed, so
their draws repeat by themselves; what it cannot repeat are the draws of requests that
were not journaled (answered 4xx or 5xx, or by a fault) and of Python code calling the
models between requests. Each stream is swapped for a `CountingRandom` that counts the
32-bit words it consumes; a journal record carries the words drawn since the previous
record, and the replay skips that many words before running the record's request.
"""

from __future__ import annotations

import random
from typing import Any

__all__ = ["STREAMS", "CountingRandom", "advance", "watch", "words", "zero"]

#: The `IdGenerator` slots holding its streams: resources, tokens, request ids.
STREAMS = ("_resources", "_tokens", "_requests")


class CountingRandom(random.Random):
    """A `random.Random` that counts the 32-bit words its draws consume (Mersenne Twister
    draws whole words: `getrandbits(k)` takes ceil(k/32), `random()` two).

    Args:
        source: The generator whose state to continue from; None seeds from the OS.

    Example:
        >>> r = CountingRandom(random.Random(1))
        >>> r.getrandbits(128) == random.Random(1).getrandbits(128), r.words
        (True, 4)
    """

    words: int

    def __init__(self, source: random.Random | None = None) -> None:
        super().__init__()
        self.words = 0
        if source is not None:
            self.setstate(source.getstate())

    def getrandbits(self, k: int) -> int:
        """`random.Random.getrandbits`, counted."""
        self.words += (k + 31) // 32
        return super().getrandbits(k)

    def random(self) -> float:
        """`random.Random.random`, counted (two words)."""
        self.words += 2
        return super().random()


def watch(ids: Any) -> None:
    """Make each stream of an `IdGenerator` a `CountingRandom` (same state, count 0)."""
    for name in STREAMS:
        stream = getattr(ids, name)
        if not isinstance(stream, CountingRandom):
            setattr(ids, name, CountingRandom(stream))


def words(ids: Any) -> tuple[int, int, int]:
    """The words each stream has drawn since it was watched or zeroed (0 if unwatched)."""
    r, t, q = (getattr(getattr(ids, name), "words", 0) for name in STREAMS)
    return r, t, q


def zero(ids: Any) -> None:
    """Start counting afresh."""
    for name in STREAMS:
        stream = getattr(ids, name)
        if isinstance(stream, CountingRandom):
            stream.words = 0


def advance(ids: Any, gap: list[int] | tuple[int, ...]) -> None:
    """Skip `gap[i]` words of each stream, as the draws of unjournaled requests did."""
    for name, count in zip(STREAMS, gap, strict=True):
        stream = getattr(ids, name)
        for _ in range(count):
            stream.getrandbits(32)
