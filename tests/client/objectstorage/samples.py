"""Responses recorded from a real Swift 2.38.3 (Keystone auth), as in
`reference/real-samples/samples.txt`: headers and bodies verbatim, the account renamed
`AUTH_test` so the URLs match the canned endpoint. The fake Swift is checked against them
(`test_samples.py`); canned tests use them where the fake cannot misbehave on purpose."""

from __future__ import annotations

ACCOUNT = "http://swift.test/v1/AUTH_test"

PUT_CONTAINER = {
    "Content-Type": "text/html; charset=UTF-8",
    "Content-Length": "0",
    "X-Trans-Id": "tx90dbb46d28a246e8a7888-006b0945b0",
    "X-Openstack-Request-Id": "tx90dbb46d28a246e8a7888-006b0945b0",
    "Date": "Fri, 27 Nov 2026 08:56:17 GMT",
}

#: PUT apple with b"I am apple".
PUT_APPLE = {
    "Content-Type": "text/html; charset=UTF-8",
    "Content-Length": "0",
    "Etag": "764ab1363e9093974a96792d69886748",
    "Last-Modified": "Fri, 27 Nov 2026 08:56:18 GMT",
    "X-Trans-Id": "tx59e701f3102e4e5dbb32a-006b0945b1",
    "X-Openstack-Request-Id": "tx59e701f3102e4e5dbb32a-006b0945b1",
    "Date": "Fri, 27 Nov 2026 08:56:17 GMT",
}
APPLE = b"I am apple"

_LISTING = {
    "X-Container-Object-Count": "3",
    "X-Container-Bytes-Used": "32",
    "X-Timestamp": "1795769777.10817",
    "Last-Modified": "Fri, 27 Nov 2026 08:56:18 GMT",
    "Accept-Ranges": "bytes",
    "X-Storage-Policy": "Policy-0",
    "Date": "Fri, 27 Nov 2026 08:56:17 GMT",
}

#: GET ?limit=2 (text).
TEXT_PAGE_1 = (
    {
        "Content-Type": "text/plain; charset=utf-8",
        **_LISTING,
        "Vary": "Accept",
        "X-Trans-Id": "tx67af8061e4fa4f1594800-006b0945b1",
        "X-Openstack-Request-Id": "tx67af8061e4fa4f1594800-006b0945b1",
    },
    b"apple\nbanana\n",
)

#: GET ?marker=banana (text).
TEXT_PAGE_2 = (
    {
        "Content-Type": "text/plain; charset=utf-8",
        **_LISTING,
        "Vary": "Accept",
        "X-Trans-Id": "tx5239a347c1b34e4f80bbb-006b0945b1",
        "X-Openstack-Request-Id": "tx5239a347c1b34e4f80bbb-006b0945b1",
    },
    b"cherry\n",
)

#: An empty text listing: 204, its Content-Type still set (listing_formats.py).
TEXT_EMPTY = (
    {
        "Content-Type": "text/plain; charset=utf-8",
        **_LISTING,
        "Content-Length": "0",
        "Vary": "Accept",
        "X-Trans-Id": "tx0000000000000000000ff-006b0945b1",
        "X-Openstack-Request-Id": "tx0000000000000000000ff-006b0945b1",
    },
    b"",
)

JSON_ROWS = [
    {"bytes": 10, "hash": "764ab1363e9093974a96792d69886748", "name": "apple",
     "content_type": "text/plain", "last_modified": "2026-11-27T08:56:17.127580"},
    {"bytes": 11, "hash": "1238c92a100b8d660d3434f745d1c261", "name": "banana",
     "content_type": "text/plain", "last_modified": "2026-11-27T08:56:17.151260"},
    {"bytes": 11, "hash": "de27963c9699220463db8a01d7e532c5", "name": "cherry",
     "content_type": "text/plain", "last_modified": "2026-11-27T08:56:17.170230"},
]

#: GET ?format=json.
JSON_HEADERS = {
    "Content-Type": "application/json; charset=utf-8",
    **_LISTING,
    "X-Trans-Id": "txa856f1b9055e43228dd31-006b0945b1",
    "X-Openstack-Request-Id": "txa856f1b9055e43228dd31-006b0945b1",
}

HEAD_CONTAINER = {
    "Content-Type": "text/plain; charset=utf-8",
    **_LISTING,
    "Content-Length": "0",
    "Vary": "Accept",
    "X-Trans-Id": "txf664ca5228dc49fdb0c0e-006b0945b1",
    "X-Openstack-Request-Id": "txf664ca5228dc49fdb0c0e-006b0945b1",
}

#: HEAD banana (b"I am banana").
HEAD_OBJECT = {
    "Content-Type": "text/plain",
    "Content-Length": "11",
    "Etag": "1238c92a100b8d660d3434f745d1c261",
    "Last-Modified": "Fri, 27 Nov 2026 08:56:18 GMT",
    "X-Timestamp": "1795769777.15126",
    "Accept-Ranges": "bytes",
    "X-Trans-Id": "tx00c7d43bdd02486093d69-006b0945b1",
    "X-Openstack-Request-Id": "tx00c7d43bdd02486093d69-006b0945b1",
    "Date": "Fri, 27 Nov 2026 08:56:17 GMT",
}
BANANA = b"I am banana"
CHERRY = b"I am cherry"

HEAD_ACCOUNT = {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": "0",
    "X-Account-Container-Count": "1",
    "X-Account-Object-Count": "3",
    "X-Account-Bytes-Used": "32",
    "X-Timestamp": "1795769777.09853",
    "X-Account-Storage-Policy-Policy-0-Container-Count": "1",
    "X-Account-Storage-Policy-Policy-0-Object-Count": "3",
    "X-Account-Storage-Policy-Policy-0-Bytes-Used": "32",
    "Accept-Ranges": "bytes",
    "X-Account-Project-Domain-Id": "default",
    "Vary": "Accept",
    "X-Trans-Id": "tx86eaf1f51be648a981c7e-006b0945b4",
    "X-Openstack-Request-Id": "tx86eaf1f51be648a981c7e-006b0945b4",
    "Date": "Fri, 27 Nov 2026 08:56:20 GMT",
}

ACCOUNT_JSON = [
    {"name": "samples", "count": 3, "bytes": 32, "last_modified": "2026-11-27T08:56:17.088950",
     "storage_policy": "Policy-0"},
]

#: GET container without a token.
UNAUTHORIZED = (
    {
        "Content-Type": "text/html; charset=UTF-8",
        "Www-Authenticate": 'Swift realm="AUTH_test"',
        "X-Trans-Id": "txd8fc758b568a4feb876fe-006b0945b4",
        "X-Openstack-Request-Id": "txd8fc758b568a4feb876fe-006b0945b4",
        "Date": "Fri, 27 Nov 2026 08:56:20 GMT",
    },
    b"<html><h1>Unauthorized</h1><p>This server could not verify that you are authorized to "
    b"access the document you requested.</p></html>",
)


def swift_error(status: int, title: str, text: str, trans_id: str) -> tuple[dict[str, str], bytes]:
    """Headers and body of a Swift error as swob renders it (`swift/common/swob.py`)."""
    body = f"<html><h1>{title}</h1><p>{text}</p></html>".encode()
    return (
        {
            "Content-Type": "text/html; charset=UTF-8",
            "Content-Length": str(len(body)),
            "X-Trans-Id": trans_id,
            "X-Openstack-Request-Id": trans_id,
            "Date": "Fri, 27 Nov 2026 08:56:20 GMT",
        },
        body,
    )
