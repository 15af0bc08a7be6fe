"""A journal record: one answered request, with what made its answer what it was.

The payload is a 4-byte length, a JSON header and the request body as it was read:

| key | holds |
|---|---|
| `e` | the WSGI environ's text values (method, path, query, headers, server...) |
| `w` | the wall time (POSIX seconds) the cloud's clock was pinned to while answering |
| `c` | the clock's offset and frozen instant before the request (`PinnableClock.state`) |
| `g` | the words each id stream drew since the previous record (`draws`), if any |
| `b` | the cloud's base URL (a served cloud's is its address) |
| `s` | the status answered, which the replay must answer again |

`replay` answers the request again through the same app, with the clock pinned, the draws
skipped and the body fed back: the models end as the live cloud's did.
"""

from __future__ import annotations

import io
import json
import struct
import sys
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.http import FakeApp
from stackdouble.fakes.persistence import draws
from stackdouble.fakes.persistence.errors import JournalError

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.persistence.pinnedclock import ClockState, PinnableClock

__all__ = ["decode", "encode", "environ_text", "replay"]

_LENGTH = struct.Struct("<I")
#: Environ values kept besides the text ones (`wsgi.*` objects are rebuilt on replay).
_KEPT_FLAGS = ("wsgi.input_terminated",)


def environ_text(environ: dict[str, Any]) -> dict[str, Any]:
    """The parts of a WSGI environ a replay needs: every text value (CGI keys and
    headers) but the `stackdouble.*` and `wsgi.*` objects, and `wsgi.input_terminated`."""
    kept: dict[str, Any] = {}
    for key, value in environ.items():
        if type(value) is str and not key.startswith("stackdouble."):
            kept[key] = value
    for key in _KEPT_FLAGS:
        if environ.get(key):
            kept[key] = True
    return kept


def encode(environ: dict[str, Any], body: bytes, *, wall: float, clock: ClockState,
           gap: tuple[int, int, int], base_url: str, status: int) -> bytes:
    """The payload of one record."""
    header: dict[str, Any] = {"e": environ_text(environ), "w": wall, "c": clock,
                              "b": base_url, "s": status}
    if any(gap):
        header["g"] = gap
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    return _LENGTH.pack(len(text)) + text + body


def decode(payload: bytes) -> tuple[dict[str, Any], bytes]:
    """The header and body of a payload.

    Raises:
        JournalError: It is not a record's payload.
    """
    try:
        (length,) = _LENGTH.unpack_from(payload)
        header = json.loads(payload[4:4 + length])
        if not isinstance(header, dict) or not isinstance(header.get("e"), dict):
            raise ValueError
    except (ValueError, struct.error):
        raise JournalError("a journal record is not a request record") from None
    return header, payload[4 + length:]


def replay(cloud: FakeCloud, clock: PinnableClock, payload: bytes, number: int) -> None:
    """Answer a journaled request again, as it was answered.

    Raises:
        JournalError: The record is malformed, or the cloud answered it differently (the
            code or the data directory changed since it was written).
    """
    header, body = decode(payload)
    draws.advance(cloud.ids, header.get("g") or (0, 0, 0))
    base = header.get("b")
    if isinstance(base, str) and base != cloud.base_url:
        cloud.rebase(base)
    clock.restore(header["c"])
    clock.pin(header["w"])
    environ: dict[str, Any] = dict(header["e"])
    environ["wsgi.input"] = io.BytesIO(body)
    environ["wsgi.errors"] = sys.stderr
    environ["wsgi.version"] = (1, 0)
    app = cloud.app
    try:
        req = app.request_for(environ)
        with cloud.lock:
            resp = FakeApp.answer(app, req, None)
        close = getattr(resp.body, "close", None)
        if close is not None:
            close()
    finally:
        clock.pin(None)
    if resp.status != header.get("s"):
        raise JournalError(
            f"journal record {number} ({req.method} {req.path}) was answered "
            f"{header.get('s')} and replays as {resp.status}: the data directory was written "
            f"by other code; start the stackdouble that wrote it, or remove the directory")
