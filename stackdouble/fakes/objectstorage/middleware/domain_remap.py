"""The domain_remap middleware (`swift/common/middleware/domain_remap.py`): the container
and account named by the request's `Host` become the start of its path.

With `SwiftConfig(storage_domain="swift.example.com")` (a proxy-server.conf list: several
domains, comma-separated; default `example.com`) a request to
`Host: <container>.<account>.swift.example.com` for `/<object>` is answered as
`/v1/<account>/<container>/<object>`, and `Host: <account>.swift.example.com` for
`/<container>/<object>` as `/v1/<account>/<container>/<object>` (`path_root`, default `v1`,
is added; a path that already starts with it gets it again, as without Swift's
`mangle_client_paths`). The account's reseller prefix is matched without case against
`reseller_prefixes` (default `AUTH`) and written as configured, and a `-` becomes the `_`
DNS names cannot hold (`auth-abc` → `AUTH_abc`); an account without a known prefix gets
`default_reseller_prefix` (none by default), or, without one, the request is not remapped.
A host with more than two names before the storage domain is `400 Bad domain in host
header` (`text/plain`). A `Location` or `Content-Location` the answer carries with the
remapped path is rewritten back to the path requested (`RewriteContext`).

Middleware before it in the pipeline see the path as sent: `/healthcheck` is still the
health check when `healthcheck` precedes `domain_remap`, as in Swift's sample pipeline.
`/info` lists `domain_remap` with its `default_reseller_prefix`.

The fake judges a request by its `Host` header (else the URL's host). In-process, only the
cloud's own host is answered, so send the remapped host as a header:

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> from stackdouble.fakes.objectstorage import SwiftConfig
    >>> config = SwiftConfig(pipeline="domain_remap tempurl keystoneauth",
    ...                      storage_domain="swift.example.com")
    >>> with FakeCloud(swift=config) as cloud:
    ...     swift = cloud.object_storage
    ...     _ = swift.create_container("demo", "site", headers={"X-Container-Read": ".r:*"})
    ...     _ = swift.put_object("demo", "site", "index.html", b"<p>hi</p>")
    ...     host = f"site.auth-{cloud.project_id('demo')}.swift.example.com"
    ...     page = requests.get(cloud.base_url + "/index.html", headers={"Host": host})
    ...     bad = requests.get(cloud.base_url + "/", headers={"Host": "a.b.c.swift.example.com"})
    >>> page.status_code, page.text, bad.status_code, bad.text
    (200, '<p>hi</p>', 400, 'Bad domain in host header')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage.errors import TEXT, swob_response
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.objectstorage.config import SwiftConfig
    from stackdouble.fakes.objectstorage.handlers._common import Call
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["BAD_HOST_PATH", "MIDDLEWARE", "REMAPPED", "answer", "claim", "handle", "info",
           "remap"]

#: Where a request with a bad domain is sent (only a claim reaches it: `/` + a segment no
#: service owns), to be answered 400.
BAD_HOST_PATH = "/.domain_remap-bad-host"
#: The environ key a remapped request carries: (the path requested, the path remapped).
REMAPPED = "stackdouble.swift.domain_remap"
_BAD_HOST = b"Bad domain in host header"


def remap(config: SwiftConfig, host: str, path: str) -> str | None:
    """The path Swift answers a request for `path` at, sent to `host` (`host[:port]`):
    None when the host is not below a storage domain or names an account without a
    reseller prefix it accepts; `BAD_HOST_PATH` when it names too much.

    Example:
        >>> from stackdouble.fakes.objectstorage import SwiftConfig
        >>> config = SwiftConfig(storage_domain="example.com", reseller_prefixes="AUTH")
        >>> remap(config, "c.auth-abc.example.com:8080", "/o")
        '/v1/AUTH_abc/c/o'
        >>> remap(config, "AUTH_abc.example.com", "/v1/c/o"), remap(config, "abc.example.com", "/")
        ('/v1/AUTH_abc/v1/c/o', None)
    """
    given = host.rsplit(":", 1)[0] if ":" in host else host
    if not given.endswith(config.storage_domain):  # the common case, in one call
        return None
    domain = next(d for d in config.storage_domain if given.endswith(d))
    parts = given[:-len(domain)].strip(".").split(".")
    if len(parts) == 2:
        container: str | None = parts[0]
        account = parts[1]
    elif len(parts) == 1:
        container, account = None, parts[0]
    else:
        return BAD_HOST_PATH
    prefixes = config.reseller_prefixes
    if prefixes:
        if "_" not in account and "-" in account:
            account = account.replace("-", "_", 1)
        found = account.split("_", 1)[0].lower()
        lowered = [p.lower() for p in prefixes]
        if found in lowered:
            real = prefixes[lowered.index(found)]
            if not account.startswith(real):
                account = real + account[len(real):]
        elif config.default_reseller_prefix:
            account = f"{config.default_reseller_prefix}_{account}"
        else:
            return None
    new = ["", config.path_root, account]
    if container:
        new.append(container)
    new.append(path[1:])
    return "/".join(new)


def claim(cloud: FakeCloud, environ: dict[str, Any], path: str) -> str | None:
    """The path Swift answers `path` at while domain_remap is in the pipeline and the
    request's host is below a storage domain (`remap`), else None. A path a middleware
    before domain_remap answers (`/healthcheck`) is left as it is."""
    pipeline = cloud.object_storage.pipeline
    if "domain_remap" not in pipeline:
        return None
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or ""
    new = remap(cloud.swift_config, str(host), path)
    if new is None:
        return None
    for middleware in pipeline.middlewares:
        if middleware.name == "domain_remap":
            break
        if path in middleware.paths:
            return None
    environ[REMAPPED] = (path, new)
    return new


def answer(req: FakeRequest) -> FakeResponse | None:
    """400 for a request whose host names more than a container and an account."""
    if req.subpath != BAD_HOST_PATH or REMAPPED not in req.environ:
        return None
    return swob_response(400, _BAD_HOST, content_type=TEXT)


def handle(call: Call, app: App) -> FakeResponse:
    """Write a `Location` or `Content-Location` back to the path the client sent."""
    resp = app(call)
    remapped = call.req.environ.get(REMAPPED)
    if remapped is None:
        return resp
    requested, new = remapped
    pattern = re.compile(r"^(https?://[^/]+)" + re.escape(quote(new, safe="/")) + "(.*)$")
    quoted = quote(requested, safe="/")
    for i, (name, value) in enumerate(resp.headers):
        if name.lower() in ("location", "content-location"):
            resp.headers[i] = (name, pattern.sub(lambda m: m[1] + quoted + m[2], value))
    return resp


def info(model: ObjectStorageModel) -> dict[str, Any]:
    """`/info`'s `domain_remap`: its `default_reseller_prefix` (null when unset)."""
    return {"domain_remap": {
        "default_reseller_prefix": model.cloud.swift_config.default_reseller_prefix}}


#: The domain_remap middleware.
MIDDLEWARE = Middleware(name="domain_remap", handle=handle, answer=answer,
                        paths=(BAD_HOST_PATH,), info=info)
