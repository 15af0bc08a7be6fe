"""EC2 request signatures as Keystone checks them on `POST /v3/ec2tokens`.

The same computation as keystoneclient's `Ec2Signer` (`keystoneclient/contrib/ec2/utils.py`),
which Keystone's `ec2tokens` calls with the credential's secret: signature version 2
(`SignatureVersion=2` in the params: HMAC-SHA256 over the verb, host, path and the sorted,
quoted query, `SignatureMethod` forced to `HmacSHA256`) and version 4 (`AWS4-HMAC-SHA256`
in the `Authorization` header or the `X-Amz-Algorithm` param). Versions 0 and 1 are
computed too; anything else has no signature (`None`), which Keystone answers with a 500
and the fake with a 401.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import urllib.parse
from collections.abc import Mapping
from typing import Any

__all__ = ["ec2_signature"]

_BOTO2_STRIPS_PORT = re.compile(r"Boto/2\.[0-9]\.[0-2]")


def _utf8(value: Any) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8")


def _canonical_qs(params: Mapping[str, Any]) -> str:
    return "&".join(
        urllib.parse.quote(key, safe="") + "="
        + urllib.parse.quote(_utf8(params[key]), safe="-_~")
        for key in sorted(params))


def _is_v4(credentials: Mapping[str, Any]) -> bool:
    headers = credentials.get("headers") or {}
    auth = headers.get("Authorization")
    if isinstance(auth, str):
        return auth.startswith("AWS4-HMAC-SHA256")
    params = credentials.get("params") or {}
    return bool(params.get("X-Amz-Algorithm") == "AWS4-HMAC-SHA256")


def ec2_signature(secret: str, credentials: Mapping[str, Any]) -> str | None:
    """The signature an EC2 client with `secret` sends for the request `credentials`
    describes (`access`, `host`, `verb`, `path`, `params`, and for v4 `headers` and
    `body_hash`); None when the request's signature version is not one Keystone computes
    or a field it needs is missing or malformed.

    Example:
        >>> creds = {"host": "ec2.example:8773", "verb": "GET", "path": "/",
        ...          "params": {"SignatureVersion": "2", "Action": "DescribeInstances"}}
        >>> ec2_signature("secret", creds)
        '0MPKO0xiZV1GRwk1BAFXj3iDtNeO7OAFrtm5gpl+ecg='
    """
    try:
        return _signature(secret.encode("utf-8"), credentials)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        return None


def _signature(key: bytes, credentials: Mapping[str, Any]) -> str | None:
    params = dict(credentials["params"])
    version = params.get("SignatureVersion")
    if version == "0":
        mac0 = hmac.new(key, _utf8(params["Action"] + params["Timestamp"]), hashlib.sha1)
        return base64.b64encode(mac0.digest()).decode("ascii")
    if version == "1":
        mac = hmac.new(key, digestmod=hashlib.sha1)
        for name in sorted(params, key=str.lower):
            mac.update(_utf8(name))
            mac.update(_utf8(params[name]))
        return base64.b64encode(mac.digest()).decode("ascii")
    if version == "2":
        params["SignatureMethod"] = "HmacSHA256"
        text = (f"{credentials['verb']}\n{credentials['host']}\n{credentials['path']}\n"
                + _canonical_qs(params))
        mac2 = hmac.new(key, text.encode("utf-8"), hashlib.sha256)
        return base64.b64encode(mac2.digest()).decode("ascii")
    if _is_v4(credentials):
        return _signature_v4(key, credentials, params)
    return None


def _signature_v4(key: bytes, credentials: Mapping[str, Any],
                  params: dict[str, Any]) -> str | None:
    headers: dict[str, Any] = dict(credentials.get("headers") or {})
    verb = str(credentials["verb"])

    def auth_param(name: str) -> str:
        if "Authorization" in headers:
            return str(headers["Authorization"]).partition(f"{name}=")[2].split(",")[0]
        return str(params.get(f"X-Amz-{name}"))

    lower = {str(k).lower().strip(): str(v).strip() for k, v in headers.items()}
    strip_port = _BOTO2_STRIPS_PORT.match(lower.get("user-agent", ""))
    signed = auth_param("SignedHeaders")
    lines = []
    for name in signed.split(";"):
        if name not in lower:
            continue
        value = lower[name].split(":")[0] if name == "host" and strip_port else lower[name]
        lines.append(f"{name}:{value}")
    canonical = "\n".join((verb.upper(), str(credentials["path"]),
                           "" if verb.upper() == "POST" else _canonical_qs(params),
                           "\n".join(lines) + "\n", signed, str(credentials["body_hash"])))
    scope_parts = auth_param("Credential").split("/")
    date = headers.get("X-Amz-Date", params.get("X-Amz-Date"))
    if not isinstance(date, str) or not date.startswith(scope_parts[1]):
        return None  # Ec2Signer: "Request date mismatch error"
    to_sign = "\n".join(("AWS4-HMAC-SHA256", date, "/".join(scope_parts[1:]),
                         hashlib.sha256(canonical.encode("utf-8")).hexdigest()))
    signing = b"AWS4" + key
    for part in (scope_parts[1], scope_parts[2], scope_parts[3], "aws4_request"):
        signing = hmac.new(signing, part.encode("utf-8"), hashlib.sha256).digest()
    return hmac.new(signing, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
