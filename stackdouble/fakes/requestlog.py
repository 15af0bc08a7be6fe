"""The log of requests a fake cloud received, with secrets redacted, for assertions.

Headers go through `stackdouble._secrets.redact_headers` and JSON bodies through
`scrub_json` when they are recorded, so the log never holds a token or a password.
"""

from __future__ import annotations

import fnmatch
import json
import re
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from stackdouble._secrets import redact_headers, scrub_json, scrub_text
from stackdouble.fakes.timestamps import format_iso

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["RequestLog", "RequestRecord"]

_MAX_TEXT = 4096


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """One request and the status it got.

    Attributes:
        method: Upper-case HTTP method.
        url: The absolute URL on the cloud, query included.
        path: The decoded path (`/identity/v3/auth/tokens`).
        query: The raw query string.
        headers: Request headers with secret values replaced by `***`.
        body: The request body: scrubbed JSON when it parsed as JSON, scrubbed text
            (truncated) otherwise, None when empty. Large or binary bodies are summarised.
        status: The response status.
        service: The service that answered (`identity`, `compute`, ..., or `none`).
        request_id: The response's request id.
        time: When it was answered, on the cloud's clock (ISO 8601, as Keystone writes
            times).
    """

    method: str
    url: str
    path: str
    query: str
    headers: dict[str, str]
    body: Any
    status: int
    service: str
    request_id: str
    time: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able copy."""
        return asdict(self)


class RequestLog:
    """The requests a cloud received, oldest first (bounded; the oldest drop out).

    Args:
        maxlen: How many records to keep.

    Example:
        >>> log = RequestLog()
        >>> len(log), log.filter(method="GET")
        (0, [])
    """

    def __init__(self, maxlen: int = 10_000) -> None:
        self._records: deque[RequestRecord] = deque(maxlen=maxlen)
        self._lock = threading.Lock()

    def record(self, req: FakeRequest, resp: FakeResponse) -> RequestRecord:
        """Append the record of `req` answered by `resp`."""
        entry = RequestRecord(
            method=req.method,
            url=req.url,
            path=req.path,
            query=req.query_string,
            headers=redact_headers(req.headers()),
            body=_scrub_body(req),
            status=resp.status,
            service=req.service.name,
            request_id=req.request_id,
            time=format_iso(req.cloud.clock.now()),
        )
        with self._lock:
            self._records.append(entry)
        return entry

    def filter(
        self,
        *,
        method: str | None = None,
        path: str | re.Pattern[str] | None = None,
        service: str | None = None,
        status: int | None = None,
    ) -> list[RequestRecord]:
        """The records matching every given criterion.

        Args:
            method: An HTTP method (case-insensitive).
            path: A glob on the path (`/identity/v3/*`) or a compiled regex searched in it.
            service: A service name.
            status: A response status.
        """
        wanted_method = method.upper() if method else None
        regex = None
        if isinstance(path, re.Pattern):
            regex = path
        elif path is not None:
            regex = re.compile(fnmatch.translate(path))
        out = []
        for entry in self:
            if wanted_method and entry.method != wanted_method:
                continue
            if service is not None and entry.service != service:
                continue
            if status is not None and entry.status != status:
                continue
            if regex is not None:
                hit = (regex.search(entry.path) if isinstance(path, re.Pattern)
                       else regex.match(entry.path))
                if hit is None:
                    continue
            out.append(entry)
        return out

    @property
    def last(self) -> RequestRecord | None:
        """The most recent record, if any."""
        with self._lock:
            return self._records[-1] if self._records else None

    def clear(self) -> None:
        """Forget every record."""
        with self._lock:
            self._records.clear()

    def to_list(self) -> list[dict[str, Any]]:
        """Every record as a JSON-able dict."""
        return [entry.to_dict() for entry in self]

    def __iter__(self) -> Iterator[RequestRecord]:
        with self._lock:
            return iter(list(self._records))

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, index: int) -> RequestRecord:
        with self._lock:
            return self._records[index]

    def __repr__(self) -> str:
        return f"<RequestLog {len(self)} requests>"


def _scrub_body(req: FakeRequest) -> Any:
    length = req.environ.get("CONTENT_LENGTH")
    if not length or length == "0":
        if req._body:  # read to EOF by a handler (chunked upload)
            raw = req._body
        else:
            return None
    else:
        ctype = req.content_type
        if "json" not in ctype and ctype:
            return f"<{length} bytes of {ctype.split(';')[0]}>"
        raw = req.body
    if len(raw) > 1_000_000:
        return f"<{len(raw)} bytes>"
    try:
        return scrub_json(json.loads(raw))
    except (ValueError, RecursionError):
        # Too deep for json.loads (100,000 `[`) is summarised as text, like any non-JSON.
        pass
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"<{len(raw)} bytes>"
    return scrub_text(text[:_MAX_TEXT])
