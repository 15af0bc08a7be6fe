"""The `web-download` import's fetch, honoured without leaving the machine.

Glance's `web-download` task fetches the image's URI (`glance/common/scripts/utils.py`,
`get_image_data_iter`) after checking it against `[import_filtering_opts]`
(`utils.validate_import_uri`): an `http` or `https` URI, a host among the allowed ones and
an allowed port. The fake allows the hosts in `GlanceConfig.web_download_hosts` (loopback
by default, as the `realcloud` Glance is set up) and the cloud's own host, any port, and
fetches:

* from the cloud itself (its in-process host, or its served address): through the cloud's
  own app, in the same thread, so a fake Swift object or temporary URL is an image source
  that needs no socket;
* from any other allowed host: over HTTP on the machine (`http.client`), a test's own
  loopback server for instance.

A fetch that fails (refused connection, a status other than 200, a redirect, which the fake
does not follow) fails the import, as the task does.
"""

from __future__ import annotations

import http.client
import io
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from stackdouble.fakes.http import RAISE_ERRORS_KEY

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["FetchError", "allowed_uri", "fetch"]

_CHUNK = 65536


class FetchError(Exception):
    """The source could not be read."""


def _own(cloud: FakeCloud, netloc: str) -> bool:
    return netloc.lower() == urlsplit(cloud.base_url).netloc.lower()


def allowed_uri(cloud: FakeCloud, uri: object, hosts: tuple[str, ...]) -> bool:
    """`validate_import_uri` with the fake's filters: http(s), an allowed host (or the
    cloud's own), any port.

    Example:
        >>> from stackdouble.fakes import FakeCloud
        >>> cloud = FakeCloud()
        >>> allowed_uri(cloud, "http://127.0.0.1:8080/x.raw", ("127.0.0.1",))
        True
        >>> allowed_uri(cloud, "ftp://127.0.0.1/x", ("127.0.0.1",)), allowed_uri(cloud, None, ())
        (False, False)
    """
    if not isinstance(uri, str) or not uri:
        return False
    try:
        parts = urlsplit(uri)
        parts.port  # noqa: B018 - a bad port raises here
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    return parts.hostname.lower() in hosts or _own(cloud, parts.netloc)


def fetch(cloud: FakeCloud, uri: str) -> Iterator[bytes]:
    """The bytes at `uri`, in chunks.

    Raises:
        FetchError: The source cannot be read (the error is raised by the iteration).
    """
    parts = urlsplit(uri)
    if _own(cloud, parts.netloc):
        return _from_cloud(cloud, parts.path or "/", parts.query)
    return _over_http(parts.scheme, parts.hostname or "", parts.port,
                      (parts.path or "/") + (f"?{parts.query}" if parts.query else ""))


def _from_cloud(cloud: FakeCloud, path: str, query: str) -> Iterator[bytes]:
    host = urlsplit(cloud.base_url)
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": unquote(path, "latin-1"),
        "QUERY_STRING": query, "SERVER_NAME": host.hostname or "localhost",
        "SERVER_PORT": str(host.port or (443 if host.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1", "wsgi.version": (1, 0),
        "wsgi.url_scheme": host.scheme, "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr, "wsgi.multithread": True, "wsgi.multiprocess": False,
        "wsgi.run_once": False, "HTTP_USER_AGENT": "Glance web-download",
        RAISE_ERRORS_KEY: False,
    }
    resp = cloud.app.handle(environ)
    if resp.status != 200:
        raise FetchError(f"{resp.status} from the cloud")
    body = resp.body
    if isinstance(body, bytes):
        yield body
        return
    try:
        yield from body
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()


def _over_http(scheme: str, host: str, port: int | None, target: str) -> Iterator[bytes]:
    cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    conn = cls(host, port, timeout=30)
    try:
        try:
            conn.request("GET", target, headers={"User-Agent": "Glance web-download"})
            resp = conn.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(str(exc)) from exc
        if resp.status != 200:
            raise FetchError(f"{resp.status} {resp.reason}")
        while True:
            try:
                chunk = resp.read(_CHUNK)
            except (OSError, http.client.HTTPException) as exc:
                raise FetchError(str(exc)) from exc
            if not chunk:
                return
            yield chunk
    finally:
        conn.close()
