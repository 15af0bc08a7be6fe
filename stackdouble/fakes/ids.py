"""Deterministic identifiers: every id and token the fake makes comes from here.

Three independent streams (resource ids, tokens, request ids) are derived from one seed, so
adding a request or a fault to a test does not shift the ids of the resources it creates.
Nothing here calls `uuid4()` or `secrets`.
"""

from __future__ import annotations

import base64
import random
import threading

__all__ = ["IdGenerator"]



class IdGenerator:
    """Ids and tokens from a seeded `random.Random`.

    Args:
        seed: The seed; None draws one from the operating system, so ids differ per run.

    Example:
        >>> ids = IdGenerator(seed=7)
        >>> ids.hex32() == IdGenerator(seed=7).hex32()
        True
        >>> len(ids.uuid()), ids.request_id().startswith("req-")
        (36, True)
        >>> token = ids.fernet_token(1795769776)
        >>> token.startswith("gAAAAAB"), len(token)
        (True, 183)
    """

    __slots__ = ("_lock", "_requests", "_resources", "_tokens", "seed")

    def __init__(self, seed: int | None = None) -> None:
        self.seed = seed
        self._lock = threading.Lock()
        if seed is None:
            self._resources = random.Random()
            self._tokens = random.Random()
            self._requests = random.Random()
        else:
            self._resources = random.Random(f"stackdouble:{seed}:resources")
            self._tokens = random.Random(f"stackdouble:{seed}:tokens")
            self._requests = random.Random(f"stackdouble:{seed}:requests")

    def hex32(self) -> str:
        """A Keystone-style id: 32 lower-case hex digits."""
        with self._lock:
            return f"{self._resources.getrandbits(128):032x}"

    def uuid(self) -> str:
        """A version-4-shaped UUID string (Nova, Cinder ids)."""
        with self._lock:
            return _uuid4_text(self._resources.getrandbits(128))

    def audit_id(self) -> str:
        """A Keystone audit id: 16 random bytes, URL-safe base64 without padding (22 chars)."""
        with self._lock:
            raw = self._tokens.getrandbits(128).to_bytes(16, "big")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    def secret(self, nbytes: int = 32) -> str:
        """A URL-safe random secret (application credential secrets)."""
        with self._lock:
            raw = self._tokens.getrandbits(nbytes * 8).to_bytes(nbytes, "big")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    def fernet_token(self, timestamp: float) -> str:
        """A token shaped like a Keystone fernet token (183 chars, starting `gAAAAAB`).

        Args:
            timestamp: The issue time, embedded as a real fernet token embeds it.
        """
        with self._lock:
            payload = self._tokens.getrandbits(128 * 8).to_bytes(128, "big")
        raw = b"\x80" + int(timestamp).to_bytes(8, "big") + payload
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    def request_id(self) -> str:
        """An OpenStack request id, `req-<uuid>`."""
        with self._lock:
            bits = self._requests.getrandbits(128)
        return "req-" + _uuid4_text(bits)

    def transaction_id(self, timestamp: float) -> str:
        """A Swift transaction id, `tx<21 hex>-<10 hex of the time>`."""
        with self._lock:
            bits = self._requests.getrandbits(84)
        return f"tx{bits:021x}-{int(timestamp):010x}"


def _uuid4_text(bits: int) -> str:
    bits = (bits & ~(0xF << 76)) | (0x4 << 76)  # version 4
    bits = (bits & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    h = f"{bits:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
