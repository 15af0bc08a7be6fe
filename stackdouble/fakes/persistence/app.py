"""The app of a persisted cloud: `FakeApp`, journaling every request it answers.

Around `FakeApp.answer` (which runs under the cloud's lock) it pins the clock, keeps what
the handler reads of the request body, and writes the record once the answer is known;
after the lock is released, `handle` waits for the record to be durable, and only then
does the server send the answer. A request a handler makes of the cloud while answering
another (Glance's web-download fetching a fake Swift object) is part of the outer one and
is not journaled on its own. Once the journal cannot be written, every request is answered
503: the cloud no longer acknowledges what it cannot keep.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.http import FakeApp, FakeRequest, FakeResponse
from stackdouble.fakes.persistence.errors import JournalError

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.faults import Fault
    from stackdouble.fakes.persistence.store import Persistence

__all__ = ["JournaledApp", "TeeInput"]

log = logging.getLogger(__name__)


class TeeInput:
    """A `wsgi.input` that keeps what is read of it (the body a replay feeds back).

    Example:
        >>> import io
        >>> tee = TeeInput(io.BytesIO(b"abcdef"))
        >>> tee.read(2), tee.read(), tee.taken()
        (b'ab', b'cdef', b'abcdef')
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._chunks: list[bytes] = []

    def read(self, size: int | None = -1) -> bytes:
        """Read as the wrapped stream does, keeping a copy."""
        data: bytes = self._inner.read() if size is None or size < 0 else self._inner.read(size)
        if data:
            self._chunks.append(bytes(data))
        return data

    def readline(self, size: int | None = -1) -> bytes:
        """Read a line as the wrapped stream does, keeping a copy."""
        data: bytes = (self._inner.readline() if size is None or size < 0
                       else self._inner.readline(size))
        if data:
            self._chunks.append(bytes(data))
        return data

    def taken(self) -> bytes:
        """Everything read so far."""
        return b"".join(self._chunks)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class JournaledApp(FakeApp):
    """`FakeApp` for a cloud with a data directory (`FakeCloud(data_dir=...)`).

    Args:
        cloud: The cloud.
        store: Its `Persistence`.
    """

    def __init__(self, cloud: FakeCloud, store: Persistence) -> None:
        super().__init__(cloud)
        self.store = store
        self._depth = 0

    def answer(self, req: FakeRequest, fault: Fault | None) -> FakeResponse:
        """`FakeApp.answer`, journaled (see the module's docstring)."""
        store = self.store
        if self._depth or store.closed:
            return super().answer(req, fault)
        if store.failed is not None:
            req.request_id = req.service.new_request_id(req)
            return _unavailable(req, store.failed)
        self._depth = 1
        try:
            pending = store.begin(req)
            try:
                resp = super().answer(req, fault)
            finally:
                store.end(pending)
            store.commit(req, resp, pending,
                         by_fault=fault is not None and fault.status is not None)
        except JournalError as exc:
            store.fail(str(exc))
            return _unavailable(req, str(exc))
        finally:
            self._depth = 0
        return resp

    def handle(self, environ: dict[str, Any]) -> FakeResponse:
        """`FakeApp.handle`, returning once the request's record is durable."""
        resp = super().handle(environ)
        try:
            self.store.sync_pending()
        except JournalError as exc:
            self.store.fail(str(exc))
            req = self.request_for(environ)
            return _unavailable(req, str(exc))
        return resp


def _unavailable(req: FakeRequest, why: str) -> FakeResponse:
    resp = req.service.error_response(
        req, 503, f"stackdouble cannot keep its data directory ({why}); restart it")
    req.service.finish(req, resp)
    return resp
