"""The served transport: the cloud's WSGI app behind waitress, on a real socket.

waitress buffers each response and writes headers and body together, so a keep-alive request
costs about a millisecond (the stdlib `http.server` writes them apart, which with Nagle and
delayed ACKs adds 40 ms per request). waitress also closes the connection after every 204 and
304 (it cannot send their length), although HTTP/1.1 lets them stay open; Swift answers every
HEAD and every empty listing with a 204, so the server keeps those connections alive.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["ServedCloud"]

log = logging.getLogger(__name__)


def _keep_alive_channel() -> Any:
    """waitress's channel, with tasks that keep HTTP/1.1 connections open after a 204/304."""
    from waitress.channel import HTTPChannel  # type: ignore[import-untyped]
    from waitress.task import WSGITask  # type: ignore[import-untyped]

    class KeepAliveTask(WSGITask):  # type: ignore[misc]
        _keep_open = False

        def set_close_on_finish(self) -> None:
            if not self._keep_open:
                super().set_close_on_finish()

        def build_response_header(self) -> Any:
            asked_close = self.request.headers.get("CONNECTION", "").lower() == "close" or any(
                name.lower() == "connection" and value.lower() == "close"
                for name, value in self.response_headers
            )
            # No body, so no length is needed to find the end of the response.
            self._keep_open = not self.has_body and not asked_close and self.version == "1.1"
            try:
                return super().build_response_header()
            finally:
                self._keep_open = False

    class KeepAliveChannel(HTTPChannel):  # type: ignore[misc]
        task_class = KeepAliveTask

    return KeepAliveChannel


class ServedCloud:
    """A `FakeCloud` served over HTTP by waitress in a background daemon thread.

    While served, the cloud's `base_url` (and so its catalog) is the server's URL with the
    real port; `stop()` puts the old one back.

    Args:
        cloud: The cloud to serve.
        host: The address to bind (loopback by default).
        port: The port; 0 picks a free one.
        threads: waitress worker threads.

    Attributes:
        url: `http://HOST:PORT`, the served base URL.
        host: The bound address.
        port: The bound port.
    """

    def __init__(self, cloud: FakeCloud, host: str = "127.0.0.1", port: int = 0,
                 *, threads: int = 8) -> None:
        import waitress  # type: ignore[import-untyped]

        self.cloud = cloud
        self._server: Any = waitress.create_server(
            cloud.app, host=host, port=port, threads=threads, ident="stackdouble",
            asyncore_use_poll=True,
        )
        self._server.channel_class = _keep_alive_channel()
        self.host = str(self._server.effective_host)
        self.port = int(self._server.effective_port)
        shown = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        if ":" in shown:
            shown = "[::1]" if shown == "::" else f"[{shown}]"
        self.url = f"http://{shown}:{self.port}"
        self._previous_base = cloud.base_url
        cloud.rebase(self.url)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"stackdouble-{self.port}",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._server.run()
        except OSError:
            if not self._stopped.is_set():
                log.exception("stackdouble server on %s stopped unexpectedly", self.url)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the socket and every connection, and wait for the server thread."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        server = self._server

        def close_all() -> None:
            for channel in list(server._map.values()):
                with contextlib.suppress(OSError):
                    channel.close()

        try:
            server.trigger.pull_trigger(close_all)
        except OSError:
            close_all()
        self._thread.join(timeout)
        server.task_dispatcher.shutdown(timeout=timeout)
        if self.cloud.base_url == self.url:
            self.cloud.rebase(self._previous_base)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the server stops (or `timeout` passes); True if it stopped."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        """Whether the server thread is serving."""
        return self._thread.is_alive() and not self._stopped.is_set()

    def __enter__(self) -> ServedCloud:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<ServedCloud {self.url} {state}>"
