"""The formpost middleware (`swift/common/middleware/formpost.py`): an HTML form POSTs
files (`multipart/form-data`) into a container without a token, signed with the account's
or container's `Temp-URL-Key`.

The form's fields before the files are its attributes: `redirect`, `max_file_size`,
`max_file_count`, `expires` (Unix seconds, on the fake clock) and `signature`, an HMAC of
`"<path>\\n<redirect>\\n<max_file_size>\\n<max_file_count>\\n<expires>"` with a key, hex
(sha1, sha256 or sha512 by its length) or `<digest>:<base64>` (`signature`). The path is
the one Swift sees (`/v1/AUTH_<project>/<container>[/<prefix>]`: at the root of the
cloud's origin the request's own path, without the `/object-store` alias). Each file is
PUT, pre-authorized, as `<path>/<filename>` (with the form's `content-type`,
`x_delete_at`, `x_delete_after` when given). The answer: with a `redirect`, 303 to it with
`status` and `message` in its query; without, the status as text. Refusals: 401
`FormPost: Invalid Signature` / `Form Expired`, 400 for a bad number, too many files
(`max file count exceeded`, after storing the allowed ones) or a file over
`max_file_size` (not stored).
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Iterator, Mapping
from email.parser import Parser
from io import BytesIO
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stackdouble.fakes.http import FakeResponse, HTTPError
from stackdouble.fakes.objectstorage.auth import Access
from stackdouble.fakes.objectstorage.errors import status_line, swob_response
from stackdouble.fakes.objectstorage.handlers._common import Call, from_wsgi, wsgi_str
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware
from stackdouble.fakes.objectstorage.middleware.tempurl import (
    TEMP_URL_DIGESTS,
    TempURL,
    _digest_and_algorithm,
)

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["FORMPOST_DIGESTS", "MIDDLEWARE", "handle", "info", "signature"]

#: The digests a signature may use (`DEFAULT_ALLOWED_DIGESTS`; sha1 is deprecated).
FORMPOST_DIGESTS = TEMP_URL_DIGESTS
_MAX_VALUE_LENGTH = 4096
_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))')


class _FormError(Exception):
    """A refusal: its status and its text (`FormPost: ...`)."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


def signature(path: str, redirect: str, max_file_size: int, max_file_count: int,
              expires: int, key: str, digest: str = "sha256") -> str:
    """A form's `signature` field (hex), as a client computes it.

    Example:
        >>> signature("/v1/AUTH_x/c/", "", 1024, 1, 1700000000, "k")
        '61660b7e573ea3aeb104b391315bd23d6ae2dec2a5c7bfea92935f9b7caa64b2'
    """
    body = f"{path}\n{redirect}\n{max_file_size}\n{max_file_count}\n{expires}"
    return hmac.new(key.encode("utf-8"), body.encode("utf-8"), digest).hexdigest()


def _content_disposition(value: str) -> tuple[str, dict[str, str]]:
    """`parse_content_disposition`: the type and its attributes."""
    head, _, rest = value.partition(";")
    attrs = {}
    for match in _PARAM.finditer(";" + rest):
        attrs[match.group(1)] = (match.group(2) if match.group(2) is not None
                                 else (match.group(3) or "").strip())
    return head.strip(), attrs


def _documents(body: bytes, boundary: bytes) -> Iterator[tuple[dict[str, str], bytes]]:
    """`iter_multipart_mime_documents` with `parse_mime_headers`: (headers, content).

    Raises:
        _FormError: 400 `invalid starting boundary`.
    """
    marker = b"--" + boundary
    start = 0
    while body.startswith(b"\r\n", start):
        start += 2
    first_end = body.find(b"\n", start)
    first = body[start:first_end + 1 if first_end >= 0 else len(body)]
    if first.strip() != marker:
        raise _FormError(400, "FormPost: invalid starting boundary")
    rest = body[start + len(first):]
    for part in rest.split(b"\r\n" + marker):
        if part.startswith(b"--"):
            return
        part = part.removeprefix(b"\r\n")
        head, sep, content = part.partition(b"\r\n\r\n")
        if not sep:
            head, content = b"", part
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError:
            text = head.decode("latin-1")
        parsed = Parser().parsestr(text + "\r\n\r\n")
        yield {k.title(): str(v) for k, v in parsed.items()}, content


def _int(value: str | None, problem: str) -> int:
    try:
        return int(value or 0)
    except ValueError:
        raise _FormError(400, f"FormPost: {problem}") from None


def _keys(model: ObjectStorageModel, path: str) -> list[bytes]:
    """`_get_keys`: the account's then the container's temp URL keys, for a path naming a
    container (none otherwise)."""
    parts = path.split("/", 4)
    if len(parts) < 4 or parts[0] or parts[1] not in ("v1", "v1.0") or not all(parts[2:4]):
        return []
    names = ("temp-url-key", "temp-url-key-2")
    out: list[bytes] = []
    account = model.find_account(parts[2])
    if account is not None:
        out += [v.encode("latin-1") for k, v in account.headers.items()
                if k.lower().removeprefix("x-account-meta-") in names and v]
    container = model.find_container(parts[2], parts[3])
    if container is not None:
        out += [v.encode("latin-1") for k, v in container.headers.items()
                if k.lower().removeprefix("x-container-meta-") in names and v]
    return out


def _put_file(call: Call, app: App, attributes: Mapping[str, str], data: bytes,
              keys: list[bytes]) -> FakeResponse:
    """`_perform_subrequest`: check the form, then PUT the file, pre-authorized."""
    if not keys:
        raise _FormError(401, "FormPost: Invalid Signature")
    max_file_size = _int(attributes.get("max_file_size"), "max_file_size not an integer")
    headers: dict[str, str] = {}
    for name, header, problem in (
            ("x_delete_at", "X-Delete-At", "x_delete_at not an integer: Unix timestamp "
                                           "required."),
            ("x_delete_after", "X-Delete-After", "x_delete_after not an integer: Number of "
                                                 "seconds required.")):
        if name in attributes:
            headers[header] = str(_int(attributes[name], problem))
    if "content-type" in attributes:
        headers["Content-Type"] = attributes["content-type"] or "application/octet-stream"
    if "content-encoding" in attributes:
        headers["Content-Encoding"] = attributes["content-encoding"]
    if _int(attributes.get("expires"), "expired not an integer") < call.model.cloud.clock.time():
        raise _FormError(401, "FormPost: Form Expired")
    path = from_wsgi(call.req.subpath)
    body = (f"{path}\n{attributes.get('redirect') or ''}\n"
            f"{attributes.get('max_file_size') or '0'}\n"
            f"{attributes.get('max_file_count') or '0'}\n"
            f"{attributes.get('expires') or '0'}").encode()
    try:
        algorithm, given = _digest_and_algorithm(attributes.get("signature", ""))
    except ValueError:
        raise _FormError(401, "FormPost: Invalid Signature") from None
    if algorithm not in FORMPOST_DIGESTS or not any(
            hmac.compare_digest(hmac.new(key, body, algorithm).hexdigest().encode(),
                                given.encode("utf-8", "surrogateescape")) for key in keys):
        raise _FormError(401, "FormPost: Invalid Signature")
    if len(data) > max_file_size:
        raise _FormError(400, "FormPost: max_file_size exceeded")
    sub_path = call.req.subpath
    segments = sub_path.split("/", 4)
    container = segments[3]
    prefix = segments[4] if len(segments) > 4 else ""
    if prefix and not prefix.endswith("/"):
        prefix += "/"
    obj = prefix + wsgi_str(attributes.get("filename") or "filename")
    sub = Call.__new__(Call)
    for slot in Call.__slots__:
        setattr(sub, slot, getattr(call, slot))
    sub.method = "PUT"
    sub.container = container
    sub.obj = obj
    sub.params = {}
    sub.listing_type = ""
    sub.access = Access(identity=None, temp_url=TempURL(
        account=call.account, container=container, expires=0, filename=None, inline=False,
        object_name=obj))
    headers["Content-Length"] = str(len(data))
    if "User-Agent" in call.headers:
        headers["User-Agent"] = call.headers["User-Agent"]
    sub.headers = headers
    call.req.environ["wsgi.input"] = BytesIO(data)
    try:
        return app(sub)
    except HTTPError as err:
        return err.render(call.req)


def _translate(call: Call, app: App, boundary: str) -> FakeResponse:
    """`_translate_form`: store the files, then answer the form."""
    keys = _keys(call.model, call.req.subpath)
    status = 0
    message = ""
    attributes: dict[str, str] = {}
    sub_headers: list[tuple[str, str]] = []
    sub_body = b""
    file_count = 0
    for headers, content in _documents(call.req.body, boundary.encode("utf-8")):
        disposition, attrs = _content_disposition(headers.get("Content-Disposition", ""))
        if disposition == "form-data" and attrs.get("filename"):
            file_count += 1
            if file_count > _int(attributes.get("max_file_count"),
                                 "max_file_count not an integer"):
                status, message = 400, "max file count exceeded"
                break
            file_attributes = dict(attributes)
            file_attributes["filename"] = attrs["filename"] or "filename"
            if "content-type" not in attributes and "Content-Type" in headers:
                file_attributes["content-type"] = (headers["Content-Type"]
                                                   or "application/octet-stream")
            if "content-encoding" not in attributes and "Content-Encoding" in headers:
                file_attributes["content-encoding"] = headers["Content-Encoding"]
            resp = _put_file(call, app, file_attributes, content, keys)
            status = resp.status
            sub_headers = list(resp.headers)
            body = resp.body
            sub_body = body if isinstance(body, bytes) else b"".join(body)
            if not 200 <= status < 300:
                break
        elif "name" in attrs:
            value = content[:_MAX_VALUE_LENGTH].decode("utf-8", "replace")
            attributes[attrs["name"].lower()] = value.rstrip("\r\n-")
    if not status:
        status, message = 400, "no files to process"
    line = status_line(status)
    out = [(k, v) for k, v in sub_headers if k.lower().startswith("access-control")]
    redirect = attributes.get("redirect")
    if not redirect:
        text = line + ("\r\nFormPost: " + message.title() if message else "")
        data = text.encode("utf-8")
        if not 200 <= status < 300 and sub_body:
            data = sub_body
        out += [("Content-Type", "text/plain"), ("Content-Length", str(len(data)))]
        return FakeResponse(status, data, out)
    redirect += "&" if "?" in redirect else "?"
    redirect += f"status={quote(str(status))}&message={quote(message)}"
    page = (f'<html><body><p><a href="{redirect}">Click to continue...</a></p></body>'
            "</html>").encode()
    out += [("Location", redirect), ("Content-Length", str(len(page)))]
    return FakeResponse(303, page, out)


def handle(call: Call, app: App) -> FakeResponse:
    """Answer a `multipart/form-data` POST with a boundary as a form; pass anything else
    on."""
    if call.method != "POST":
        return app(call)
    kind, attrs = _content_disposition(call.headers.get("Content-Type", ""))
    if kind != "multipart/form-data" or "boundary" not in attrs:
        return app(call)
    try:
        return _translate(call, app, attrs["boundary"])
    except _FormError as err:
        if err.status == 401:
            return swob_response(401, err.text, headers=[
                ("Www-Authenticate", f'Swift realm="{quote(call.account)}"')])
        data = err.text.encode("utf-8")
        return FakeResponse(400, data, [("Content-Type", "text/plain"),
                                        ("Content-Length", str(len(data)))])


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `formpost`: the digests a signature may use."""
    return {"formpost": {"allowed_digests": sorted(FORMPOST_DIGESTS),
                         "deprecated_digests": ["sha1"]}}


#: The formpost middleware.
MIDDLEWARE = Middleware(name="formpost", handle=handle, info=info)
