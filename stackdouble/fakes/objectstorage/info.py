"""`GET /info`: what the fake Swift can do, as Swift's proxy lists it.

`swift/proxy/controllers/info.py` answers from the registry (`swift/common/registry.py`)
that the proxy and each middleware of the pipeline fill with `register_swift_info`. Here the
sections are built on each request from the fake's live settings, so `/info` and what the
handlers enforce cannot drift apart: the `swift` section's limits are `model.constraints`
(replace it and both change) and its `policies` are `model.policies`; then each middleware
of `model.pipeline` adds its own (`Middleware.info`: `bulk_delete` and `bulk_upload` from
the same constraints, `tempurl`'s methods and digests those it accepts...), so a
middleware is listed exactly while it is enabled. The default pipeline lists
`account_quotas`, `bulk_delete`, `bulk_upload`, `container_quotas`, `tempauth` and
`tempurl` (a real SAIO also lists `formpost`, `slo`, `staticweb`, `symlink`,
`versioned_writes`, `object_versioning`...). The `tempauth` section says
`account_acls: true`, as Swift's does.

`?swiftinfo_sig=<hmac>&swiftinfo_expires=<unix time>` asks for the `admin` section, signed
with the proxy's `admin_key` (`model.info_admin_key`, HMAC-SHA1 of
`"<method>\\n<expires>\\n/info"`): 403 when no key is set, 401 for a bad signature or a
past expiry (on the fake clock).

    >>> import requests
    >>> from dataclasses import replace
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud() as cloud:
    ...     swift = cloud.object_storage
    ...     swift.constraints = replace(swift.constraints, max_object_name_length=64)
    ...     swift.pipeline = swift.pipeline.without("bulk")
    ...     info = requests.get(cloud.base_url + "/info").json()
    >>> info["swift"]["max_object_name_length"], "bulk_delete" in info, "tempurl" in info
    (64, False, True)
"""

from __future__ import annotations

import hmac
from hashlib import sha1
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage.errors import HTML, swob_response
from stackdouble.fakes.objectstorage.views import VERSION

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["DISALLOWED_SECTIONS", "capabilities", "get_info", "options", "signature"]

#: The proxy's default `disallowed_sections` (they name settings the fake does not show).
DISALLOWED_SECTIONS = ("swift.auto_create_account_prefix", "swift.valid_api_versions")
#: Which signed method each request method accepts (`allowed_hmac_methods`).
_HMAC_METHODS = {"GET": ("GET",), "HEAD": ("HEAD", "GET")}


def capabilities(model: ObjectStorageModel, *, admin: bool = False) -> dict[str, Any]:
    """`get_swift_info()`: the `swift` section, then one per middleware (and `admin`).

    Example:
        >>> from stackdouble.fakes import FakeCloud
        >>> info = capabilities(FakeCloud().object_storage)
        >>> info["bulk_delete"], info["tempurl"]["methods"]
        ({'max_deletes_per_request': 10000, 'max_failed_deletes': 1000}, ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'])
    """  # noqa: E501
    swift: dict[str, Any] = {
        "version": VERSION,
        "strict_cors_mode": model.cloud.swift_config.strict_cors_mode,
        "policies": [p.info() for p in model.policies if not p.deprecated],
        "allow_account_management": True,
        "account_autocreate": True,
        "allow_open_expired": False,
    }
    swift.update(model.constraints.info())
    info: dict[str, Any] = {"swift": swift}
    info.update(model.pipeline.info(model))
    if admin:
        info["admin"] = {"disallowed_sections": list(DISALLOWED_SECTIONS)}
    return info


def signature(method: str, expires: int, key: str) -> str:
    """The `swiftinfo_sig` for `method` until `expires` (`swift.common.digest.get_hmac`).

    Example:
        >>> signature("GET", 1795769777, "secret-admin-key")
        '262c8806f5d66e7d99e856903a194d98533bec5d'
    """
    message = f"{method}\n{expires}\n/info".encode()
    return hmac.new(key.encode("utf-8"), message, sha1).hexdigest()


def get_info(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /info` (no token needed): the capabilities as JSON."""
    model = req.cloud.object_storage
    args = req.args
    sig = args.get("swiftinfo_sig", "") or ""
    raw_expires = args.get("swiftinfo_expires", "") or ""
    admin = bool(sig or raw_expires)
    if admin:
        key = model.info_admin_key
        if not key:
            return swob_response(403)
        try:
            expires = int(raw_expires)
        except ValueError:
            return swob_response(401)
        if expires < req.cloud.clock.time():
            return swob_response(401)
        methods = _HMAC_METHODS.get(req.method, ("GET",))
        if not any(hmac.compare_digest(signature(m, expires, key).encode(),
                                       sig.encode("utf-8", "surrogateescape"))
                   for m in methods):
            return swob_response(401)
    headers: list[tuple[str, str]] = []
    origin = req.header("Origin")
    if origin is not None:
        headers += [("Access-Control-Allow-Origin", origin),
                    ("Access-Control-Expose-Headers", "x-trans-id")]
    return FakeResponse.json(200, capabilities(model, admin=admin), headers,
                             content_type="application/json; charset=UTF-8")


def options(req: FakeRequest) -> FakeResponse:
    """`OPTIONS /info`: the methods it answers."""
    return FakeResponse(200, b"", [("Allow", "HEAD, GET, OPTIONS"), ("Content-Type", HTML),
                                   ("Content-Length", "0")])
