"""The crossdomain middleware (`swift/common/middleware/crossdomain.py`): `GET
/crossdomain.xml` answers the cross-domain policy document Flash and Silverlight clients
ask for (`application/xml`), with Swift's default policy, `<allow-access-from domain="*"
secure="false" />`. Other methods pass on to the proxy (412 `Bad URL`). `/info` lists
`crossdomain` while it is enabled; Swift's stock pipeline (and the fake's default) has it
off.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> from stackdouble.fakes.objectstorage import SwiftConfig
    >>> pipeline = "catch_errors healthcheck crossdomain tempauth keystoneauth proxy-server"
    >>> with FakeCloud(swift=SwiftConfig(pipeline=pipeline)) as cloud:
    ...     resp = requests.get(cloud.base_url + "/crossdomain.xml")
    ...     listed = "crossdomain" in requests.get(cloud.base_url + "/info").json()
    >>> resp.status_code, resp.headers["Content-Type"], listed
    (200, 'application/xml', True)
    >>> print(resp.text)
    <?xml version="1.0"?>
    <!DOCTYPE cross-domain-policy SYSTEM "http://www.adobe.com/xml/dtds/cross-domain-policy.dtd" >
    <cross-domain-policy>
    <allow-access-from domain="*" secure="false" />
    </cross-domain-policy>
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage.middleware._base import Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["DEFAULT_POLICY", "MIDDLEWARE", "PATH", "answer", "document", "info"]

#: The path it answers, below Swift's root.
PATH = "/crossdomain.xml"
#: Swift's default `cross_domain_policy`.
DEFAULT_POLICY = '<allow-access-from domain="*" secure="false" />'


def document(policy: str = DEFAULT_POLICY) -> bytes:
    """The policy document, byte for byte as Swift writes it."""
    return ('<?xml version="1.0"?>\n'
            '<!DOCTYPE cross-domain-policy SYSTEM '
            '"http://www.adobe.com/xml/dtds/cross-domain-policy.dtd" >\n'
            f"<cross-domain-policy>\n{policy}\n</cross-domain-policy>").encode()


def answer(req: FakeRequest) -> FakeResponse | None:
    """The document for `GET /crossdomain.xml`; None for anything else."""
    if req.subpath != PATH or req.method != "GET":
        return None
    return FakeResponse(200, document(), [("Content-Type", "application/xml")])


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `crossdomain`: an empty section."""
    return {"crossdomain": {}}


#: The crossdomain middleware.
MIDDLEWARE = Middleware(name="crossdomain", answer=answer, paths=(PATH,), info=info)
