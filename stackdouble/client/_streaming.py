"""A download whose body stays on the connection until it is read: the part Swift's object
downloads and Glance's image data share (each adds its own integrity check in
`iter_content`)."""

from __future__ import annotations

from collections.abc import Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    import requests

__all__ = ["DEFAULT_CHUNK_SIZE", "StreamedDownload"]

#: The chunk size downloads read and yield by default.
DEFAULT_CHUNK_SIZE = 64 * 1024


class StreamedDownload:
    """Mixed into a Result holding a `requests.Response` whose body is unread (`_response`)
    and, once read whole, the bytes (`body`). The body can be read once: through the
    class's `iter_content`, `read_into` or `extract_content`; `close()` (or leaving a `with`
    block) gives the connection back unread."""

    # No `__slots__` here: the host class declares `_response` in its own.
    _response: requests.Response | None
    body: Any

    if TYPE_CHECKING:  # each download class reads and checks its body its own way

        def iter_content(
            self, chunk_size: int = DEFAULT_CHUNK_SIZE, *, verify: bool = True
        ) -> Iterator[bytes]: ...

    def read_into(
        self, fileobj: BinaryIO, chunk_size: int = DEFAULT_CHUNK_SIZE, *, verify: bool = True
    ) -> int:
        """Write the body to a binary file, chunk by chunk; return the bytes written.

        Raises:
            The errors of `iter_content`; what was written before an error stays written.
        """
        written = 0
        for chunk in self.iter_content(chunk_size, verify=verify):
            fileobj.write(chunk)
            written += len(chunk)
        return written

    def extract_content(self, *, verify: bool = True) -> bytes:
        """The whole body in memory (for small downloads); later calls return it again.

        Raises:
            The errors of `iter_content`.
        """
        if isinstance(self.body, bytes):
            return self.body
        content = b"".join(self.iter_content(verify=verify))
        self.body = content
        return content

    def close(self) -> None:
        """Release the connection without reading the rest of the body."""
        if self._response is not None:
            self._response.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _take(self) -> requests.Response:
        """The unread response, once; a second read is a `RuntimeError`."""
        response = self._response
        if response is None:
            raise RuntimeError("the download's body was already read")
        self._response = None
        return response
