"""Scrub secrets out of cassettes, find the ones left, and normalise what varies by cloud.

What is secret is decided by `stackdouble._secrets` (header names, JSON keys, token
patterns); a `ScrubPolicy` adds a project's own header names, keys and literal values. On top
of those rules every secret value found (a token in `X-Subject-Token`, a password in a body)
is also replaced wherever else it appears, raw, JSON-escaped or URL-encoded: in URLs, headers
and bodies of requests and responses alike.

Normalising makes a cassette the same wherever it was recorded: the cloud's origins become
`cloud.stackdouble.test` (then `cloud-2...`), project, user and domain ids become fixed
placeholders, and token `issued_at`/`expires_at` move to 2100-01-01 keeping their lifetime,
so a replayed token is never expired on any clock.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any
from urllib.parse import quote, quote_plus, unquote_plus, urlsplit

from stackdouble._secrets import (
    OPAQUE_KEYS,
    REDACTED,
    SECRET_FORM_FIELDS,
    SECRET_HEADERS,
    SECRET_KEYS,
    TOKEN_PARENTS,
    scrub_text,
)
from stackdouble.cassettes._model import Cassette, Interaction

__all__ = [
    "NORMAL_DOMAIN",
    "Leak",
    "ScrubPolicy",
    "canonical_body",
    "check_cassette",
    "normalise_cassette",
    "scrub_cassette",
    "scrub_url",
]

#: Normalised cloud hosts are `cloud.stackdouble.test`, `cloud-2.stackdouble.test`, ...
NORMAL_DOMAIN = "stackdouble.test"

#: Literal secret values shorter than this are not replaced as text (they would clobber
#: unrelated text); the rules by header name and JSON key still apply to them.
MIN_LITERAL = 6

#: Where replayed tokens are issued, so they are never expired on any plausible clock.
FIXED_ISSUED_AT = datetime(2100, 1, 1, tzinfo=timezone.utc)

_ID_PREFIX = {"project": "a", "user": "b", "domain": "d"}
_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$"
)
_PLACEHOLDER_ID = re.compile(r"^0{23}[abd][0-9a-f]{8}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScrubPolicy:
    """What counts as secret beyond the built-in rules (`stackdouble._secrets`).

    Attributes:
        headers: Extra header names whose values are secret (any case).
        keys: Extra JSON, query and form keys whose values are secret (any case).
        values: Literal secret values, replaced wherever they appear (at least 6 characters;
            shorter values are only caught by the name rules).

    Example:
        >>> policy = ScrubPolicy(headers={"X-My-Key"}, keys={"pin"})
        >>> policy.is_secret_header("x-my-key"), policy.is_secret_key("PIN")
        (True, True)
    """

    headers: frozenset[str] = field(default_factory=frozenset)
    keys: frozenset[str] = field(default_factory=frozenset)
    values: tuple[str, ...] = ()

    def __init__(self, *, headers: Iterable[str] = (), keys: Iterable[str] = (),
                 values: Iterable[str] = ()) -> None:
        object.__setattr__(self, "headers", frozenset(h.lower() for h in headers))
        object.__setattr__(self, "keys", frozenset(k.lower() for k in keys))
        object.__setattr__(self, "values", tuple(v for v in values if v))

    def is_secret_header(self, name: str) -> bool:
        """Whether a header's value is secret."""
        lowered = name.lower()
        return lowered in SECRET_HEADERS or lowered in self.headers

    def is_secret_key(self, key: str) -> bool:
        """Whether a JSON, query or form key's value is secret."""
        lowered = key.lower()
        return lowered in SECRET_KEYS or lowered in self.keys


_DEFAULT_POLICY = ScrubPolicy()


@dataclass(frozen=True, slots=True)
class Leak:
    """A secret found (or scrubbed) in a cassette.

    Attributes:
        interaction: Index of the interaction in the cassette.
        where: `request header X-Auth-Token`, `response body $.token.id`,
            `request URL query temp_url_sig`...
        preview: The first characters of the value, the rest masked; never the secret.
        path: The cassette file, when known.
    """

    interaction: int
    where: str
    preview: str
    path: str | None = None

    def __str__(self) -> str:
        prefix = f"{self.path}: " if self.path else ""
        return f"{prefix}interaction {self.interaction}: {self.where}: {self.preview}"


def _preview(value: str) -> str:
    kind = " (a Fernet token)" if value.startswith("gAAAAA") else ""
    return f"{len(value)} characters{kind}"


class _Literals:
    """Literal secret values and their encoded forms, replaced as text."""

    __slots__ = ("_forms", "_pattern")

    def __init__(self, values: Iterable[str]) -> None:
        forms: set[str] = set()
        for value in values:
            if len(value) < MIN_LITERAL or value == REDACTED:
                continue
            forms.add(value)
            forms.add(json.dumps(value)[1:-1])
            forms.add(json.dumps(value, ensure_ascii=False)[1:-1])
            forms.add(quote(value, safe=""))
            forms.add(quote_plus(value, safe=""))
            forms.add(quote(value))
        self._forms = sorted((f for f in forms if len(f) >= MIN_LITERAL), key=len, reverse=True)
        self._pattern = (re.compile("|".join(re.escape(f) for f in self._forms))
                         if self._forms else None)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def sub(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(REDACTED, text)


class _Scrubber:
    """One pass over a cassette: scrub in place, and note each secret found."""

    def __init__(self, policy: ScrubPolicy, literals: Iterable[str], path: str | None) -> None:
        self.policy = policy
        self.literals = _Literals([*policy.values, *literals])
        self.path = path
        self.leaks: list[Leak] = []
        self.index = 0

    def leak(self, where: str, value: Any) -> None:
        self.leaks.append(Leak(self.index, where, _preview(str(value)), self.path))

    def text(self, value: str) -> str:
        return self.literals.sub(scrub_text(value))

    # -- pieces ------------------------------------------------------------------------

    def url(self, url: str, side: str) -> str:
        cleaned = scrub_url(url, self.policy, self.text)
        if cleaned != url:
            self.leak(f"{side} URL", url)
        return cleaned

    def headers(self, headers: list[tuple[str, str]], side: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for name, value in headers:
            if self.policy.is_secret_header(name):
                if value and value != REDACTED:
                    self.leak(f"{side} header {name}", value)
                    value = REDACTED
            else:
                cleaned = self.text(value)
                if cleaned != value:
                    self.leak(f"{side} header {name}", value)
                    value = cleaned
            out.append((name, value))
        return out

    def body(self, body: bytes | None, headers: list[tuple[str, str]], side: str
             ) -> bytes | None:
        if not body:
            return body
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            encoding = _header(headers, "content-encoding")
            if encoding and encoding.lower() not in ("identity",):
                self.leak(f"{side} body is {encoding}-compressed and cannot be checked",
                          encoding)
            return body
        kind = _body_kind(text, headers)
        if kind == "json":
            data = json.loads(text)
            found: list[tuple[str, str]] = []
            cleaned_data = _walk_json(data, self.policy, self.text, found, "$", None)
            if found:
                for where, value in found:
                    self.leak(f"{side} body {where}", value)
                return json.dumps(cleaned_data).encode("utf-8")
            return body
        if kind == "form":
            cleaned = _scrub_pairs(text, "&", self.policy, self.text)
        elif kind == "multipart":
            cleaned = _scrub_multipart(text, self.policy, self.text)
        else:
            cleaned = self.text(text)
        if cleaned != text:
            self.leak(f"{side} body", text)
            return cleaned.encode("utf-8")
        return body

    def interaction(self, item: Interaction) -> None:
        req, resp = item.request, item.response
        req.uri = self.url(req.uri, "request")
        req.headers = self.headers(req.headers, "request")
        new_req_body = self.body(req.body, req.headers, "request")
        if new_req_body is not req.body:
            req.body = new_req_body
            _fix_length(req.headers, new_req_body)
        resp.headers = self.headers(resp.headers, "response")
        new_resp_body = self.body(resp.body, resp.headers, "response")
        if new_resp_body is not resp.body:
            resp.body = new_resp_body or b""
            if req.method != "HEAD":
                _fix_length(resp.headers, resp.body)


def _header(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _fix_length(headers: list[tuple[str, str]], body: bytes | None) -> None:
    for i, (key, _) in enumerate(headers):
        if key.lower() == "content-length":
            headers[i] = (key, str(len(body or b"")))


def _body_kind(text: str, headers: Iterable[tuple[str, str]]) -> str:
    stripped = text.lstrip()
    if stripped[:1] in ("{", "["):
        try:
            json.loads(text)
        except ValueError:
            return "text"
        return "json"
    ctype = (_header(headers, "content-type") or "").lower()
    if ctype.startswith("application/x-www-form-urlencoded"):
        return "form"
    if ctype.startswith("multipart/form-data"):
        return "multipart"
    return "text"


#: A `multipart/form-data` field: its part headers (with its name), then its value up to
#: the next boundary line.
_FORM_PART = re.compile(
    r'(Content-Disposition:[^\r\n]*?\bname="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)'
    r"(.*?)(?=\r?\n--)", re.IGNORECASE | re.DOTALL)


def _scrub_multipart(text: str, policy: ScrubPolicy, scrub: Callable[[str], str]) -> str:
    """A `multipart/form-data` body with the values of secret fields (`SECRET_FORM_FIELDS`,
    secret keys) replaced, and the rest scrubbed as text.

    Example:
        >>> body = ('--b\\r\\nContent-Disposition: form-data; name="signature"\\r\\n\\r\\n'
        ...         'abc123\\r\\n--b--\\r\\n')
        >>> _scrub_multipart(body, _DEFAULT_POLICY, str)
        '--b\\r\\nContent-Disposition: form-data; name="signature"\\r\\n\\r\\n***\\r\\n--b--\\r\\n'
    """

    def field(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if name in SECRET_FORM_FIELDS or policy.is_secret_key(name):
            return match.group(1) + REDACTED
        return match.group(0)

    return scrub(_FORM_PART.sub(field, text))


def _walk_json(value: Any, policy: ScrubPolicy, text: Callable[[str], str],
               found: list[tuple[str, str]] | None, where: str, parent: str | None) -> Any:
    """A scrubbed copy of a JSON value. A secret key's scalar value is replaced; its object
    or list value is walked (v3's `"password": {"user": {...}}` keeps its shape), except
    under an `OPAQUE_KEYS` key (a credential's `blob`), replaced whole."""
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for key, item in value.items():
            lowered = key.lower() if isinstance(key, str) else None
            here = f"{where}.{key}" if found is not None else where
            secret = lowered is not None and (
                policy.is_secret_key(lowered)
                or (lowered == "id" and parent in TOKEN_PARENTS)
            )
            if secret and (not isinstance(item, (dict, list)) or lowered in OPAQUE_KEYS):
                if item is not None and item != REDACTED and item != "":
                    if found is not None:
                        found.append((here, str(item)))
                    out[key] = REDACTED
                else:
                    out[key] = item
            else:
                out[key] = _walk_json(item, policy, text, found, here, lowered)
        return out
    if isinstance(value, list):
        return [_walk_json(item, policy, text, found,
                           f"{where}[{i}]" if found is not None else where, parent)
                for i, item in enumerate(value)]
    if isinstance(value, str):
        cleaned = text(value)
        if cleaned != value and found is not None:
            found.append((where, value))
        return cleaned
    return value


def _scrub_pairs(raw: str, sep: str, policy: ScrubPolicy, text: Callable[[str], str]) -> str:
    """Scrub `key=value` pairs (a query string or a form body) keeping their raw encoding."""
    parts = raw.split(sep)
    changed = False
    for i, part in enumerate(parts):
        key, eq, value = part.partition("=")
        name = unquote_plus(key)
        if eq and policy.is_secret_key(name):
            if value and value != REDACTED and unquote_plus(value) != REDACTED:
                parts[i] = f"{key}={REDACTED}"
                changed = True
            continue
        decoded = unquote_plus(value)
        cleaned = text(decoded)
        if cleaned != decoded:
            parts[i] = f"{key}{eq}{quote_plus(cleaned, safe='*')}"
            changed = True
    return sep.join(parts) if changed else raw


def scrub_url(url: str, policy: ScrubPolicy = _DEFAULT_POLICY,
              text: Callable[[str], str] = scrub_text) -> str:
    """A URL with secret query parameters and token-looking path segments replaced.

    Example:
        >>> scrub_url("https://swift.example/v1/AUTH_a/c/o?temp_url_sig=abc&temp_url_expires=1")
        'https://swift.example/v1/AUTH_a/c/o?temp_url_sig=***&temp_url_expires=1'
    """
    base, qmark, query = url.partition("?")
    query, hashmark, fragment = query.partition("#")
    cleaned_base = text(base)
    cleaned_query = _scrub_pairs(query, "&", policy, text) if qmark else query
    return f"{cleaned_base}{qmark}{cleaned_query}{hashmark}{fragment}"


# -- collecting what is secret, and what to normalise ------------------------------------


def _json_of(body: bytes | None) -> Any:
    if not body:
        return None
    stripped = body.lstrip()[:1]
    if stripped not in (b"{", b"["):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _secret_values(value: Any, policy: ScrubPolicy, parent: str | None = None
                   ) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            lowered = key.lower() if isinstance(key, str) else None
            secret = lowered is not None and (
                policy.is_secret_key(lowered) or (lowered == "id" and parent in TOKEN_PARENTS)
            )
            if secret and isinstance(item, str):
                yield item
            else:
                yield from _secret_values(item, policy, lowered)
    elif isinstance(value, list):
        for item in value:
            yield from _secret_values(item, policy, parent)


def collect_secrets(cassette: Cassette, policy: ScrubPolicy = _DEFAULT_POLICY) -> set[str]:
    """Every secret value the rules find in a cassette: secret headers' values, secret JSON
    keys' string values and secret query parameters, in requests and responses."""
    found: set[str] = set()
    for item in cassette.interactions:
        for side in (item.request, item.response):
            for name, value in side.headers:
                if policy.is_secret_header(name) and value != REDACTED:
                    found.add(value)
            found.update(_secret_values(_json_of(side.body), policy))
        query = urlsplit(item.request.uri).query
        for pair in query.split("&"):
            key, _, value = pair.partition("=")
            if policy.is_secret_key(unquote_plus(key)):
                found.add(unquote_plus(value))
    found.discard(REDACTED)
    found.discard("")
    return found


def scrub_cassette(cassette: Cassette, policy: ScrubPolicy = _DEFAULT_POLICY) -> list[Leak]:
    """Replace every secret in a cassette, in place; return what was replaced.

    The rules by name (headers, JSON, query and form keys, token patterns in any text) run
    first, then every secret value they found, and `policy.values`, is replaced wherever else
    it appears. Run it twice and the second run finds nothing.

    Example:
        >>> from stackdouble.cassettes import Cassette, Interaction, RecordedRequest
        >>> from stackdouble.cassettes import RecordedResponse
        >>> item = Interaction(
        ...     request=RecordedRequest(method="GET", uri="https://k.example/v3/auth/tokens",
        ...                             headers=[("X-Auth-Token", "tok-123456")]),
        ...     response=RecordedResponse(status=200, headers=[("X-Subject-Token", "s-9876543")],
        ...                               body=b'{"token": {"id": "s-9876543"}}'))
        >>> [str(leak) for leak in scrub_cassette(Cassette(interactions=[item]))]
        ['interaction 0: request header X-Auth-Token: 10 characters', \
'interaction 0: response header X-Subject-Token: 9 characters', \
'interaction 0: response body $.token.id: 9 characters']
        >>> item.response.body
        b'{"token": {"id": "***"}}'
    """
    literals = collect_secrets(cassette, policy)
    path = str(cassette.path) if cassette.path is not None else None
    scrubber = _Scrubber(policy, literals, path)
    for index, item in enumerate(cassette.interactions):
        scrubber.index = index
        scrubber.interaction(item)
    return scrubber.leaks


def check_cassette(cassette: Cassette, policy: ScrubPolicy = _DEFAULT_POLICY) -> list[Leak]:
    """The secrets left in a cassette (the cassette is not changed).

    Finds secret headers with a value, secret JSON, query and form keys with a value,
    token-looking strings (Fernet, Swift tempauth) and quoted password fields anywhere, and
    any secret value found that way appearing elsewhere (a token in a URL path).
    """
    return scrub_cassette(copy.deepcopy(cassette), policy)


# -- normalising -------------------------------------------------------------------------


def _origin(url: str) -> tuple[str, str] | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    netloc = parts.netloc.rpartition("@")[2].lower()
    return parts.scheme.lower(), netloc


def _catalog_urls(body: Any) -> Iterator[str]:
    if not isinstance(body, dict):
        return
    token = body.get("token")
    if isinstance(token, dict):
        for service in token.get("catalog") or ():
            for endpoint in (service.get("endpoints") or ()) if isinstance(service, dict) else ():
                if isinstance(endpoint, dict) and isinstance(endpoint.get("url"), str):
                    yield endpoint["url"]
    access = body.get("access")
    if isinstance(access, dict):
        for service in access.get("serviceCatalog") or ():
            for endpoint in (service.get("endpoints") or ()) if isinstance(service, dict) else ():
                if isinstance(endpoint, dict):
                    for key in ("publicURL", "internalURL", "adminURL"):
                        if isinstance(endpoint.get(key), str):
                            yield endpoint[key]


def _token_ids(body: Any) -> Iterator[tuple[str, Any]]:
    """(kind, id) of the projects, users and domains a token response names."""
    if not isinstance(body, dict):
        return
    token = body.get("token")
    if isinstance(token, dict):
        for kind in ("project", "user", "domain"):
            holder = token.get(kind)
            if isinstance(holder, dict):
                yield kind, holder.get("id")
                domain = holder.get("domain")
                if isinstance(domain, dict):
                    yield "domain", domain.get("id")
    access = body.get("access")
    if isinstance(access, dict):
        inner = access.get("token")
        if isinstance(inner, dict) and isinstance(inner.get("tenant"), dict):
            yield "project", inner["tenant"].get("id")
        if isinstance(access.get("user"), dict):
            yield "user", access["user"].get("id")


def _is_token_request(item: Interaction) -> bool:
    path = urlsplit(item.request.uri).path.rstrip("/")
    return item.request.method == "POST" and (
        path.endswith(("/auth/tokens", "/tokens")))


class _Normaliser:
    def __init__(self) -> None:
        self.origins: dict[tuple[str, str], str] = {}
        self.ids: dict[str, str] = {}
        self._used_hosts: set[str] = set()
        self._counts = {"project": 0, "user": 0, "domain": 0}

    def add_origin(self, url: str) -> None:
        origin = _origin(url)
        if origin is None or origin in self.origins:
            return
        netloc = origin[1]
        host = netloc.rsplit(":", 1)[0] if not netloc.endswith("]") else netloc
        if host.endswith("." + NORMAL_DOMAIN):
            self.origins[origin] = netloc
            self._used_hosts.add(netloc)
            return
        n = 1
        while True:
            name = f"cloud.{NORMAL_DOMAIN}" if n == 1 else f"cloud-{n}.{NORMAL_DOMAIN}"
            if name not in self._used_hosts:
                break
            n += 1
        self._used_hosts.add(name)
        self.origins[origin] = name

    def add_id(self, kind: str, value: Any) -> None:
        if not isinstance(value, str) or len(value) < 16 or value in self.ids:
            return
        if _PLACEHOLDER_ID.match(value):
            return
        self._counts[kind] += 1
        self.ids[value] = "0" * 23 + _ID_PREFIX[kind] + f"{self._counts[kind]:08x}"

    def replacer(self) -> Callable[[str], str]:
        table: dict[str, str] = {}
        for (scheme, netloc), new in self.origins.items():
            if netloc == new:
                continue
            table[f"{scheme}://{netloc}"] = f"{scheme}://{new}"
            table[netloc] = new
        patterns: list[tuple[re.Pattern[str], dict[str, str]]] = []
        if table:
            keys = sorted(table, key=len, reverse=True)
            patterns.append((re.compile(
                r"(?<![\w.-])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w.:-])",
                re.IGNORECASE), {k.lower(): v for k, v in table.items()}))
        if self.ids:
            # Ids sit inside other words (Swift's AUTH_<project id>): bound them by non-hex.
            keys = sorted(self.ids, key=len, reverse=True)
            patterns.append((re.compile(
                r"(?<![0-9A-Za-z])(?:" + "|".join(re.escape(k) for k in keys)
                + r")(?![0-9A-Za-z])"), dict(self.ids)))

        def replace(text: str) -> str:
            for pattern, mapping in patterns:
                text = pattern.sub(partial(_lookup, mapping), text)
            return text

        return replace


def _lookup(mapping: Mapping[str, str], match: re.Match[str]) -> str:
    found = match.group(0)
    return mapping.get(found.lower()) or mapping[found]


def _fixed_time(value: Any, shift: timedelta) -> Any:
    if not isinstance(value, str):
        return value
    match = _TIMESTAMP.match(value)
    if not match:
        return value
    when = FIXED_ISSUED_AT + shift
    fraction = match.group(7) or ""
    suffix = match.group(8) or ""
    sep = value[10]
    text = when.strftime(f"%Y-%m-%d{sep}%H:%M:%S")
    if fraction:
        text += "." + "0" * (len(fraction) - 1)
    return text + suffix


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not _TIMESTAMP.match(value):
        return None
    text = value.replace(" ", "T")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _normalise_token_times(body: Any) -> bool:
    """Move a token response's issued/expiry times to FIXED_ISSUED_AT, keeping the lifetime."""
    holders = []
    if isinstance(body, dict):
        if isinstance(body.get("token"), dict):
            holders.append((body["token"], "expires_at"))
        access = body.get("access")
        if isinstance(access, dict) and isinstance(access.get("token"), dict):
            holders.append((access["token"], "expires"))
    changed = False
    for token, expires_key in holders:
        issued = _parse_time(token.get("issued_at"))
        expires = _parse_time(token.get(expires_key))
        lifetime = (expires - issued) if issued and expires else timedelta(hours=1)
        for key, shift in (("issued_at", timedelta(0)), (expires_key, lifetime)):
            if key in token:
                new = _fixed_time(token[key], shift)
                if new != token[key]:
                    token[key] = new
                    changed = True
    return changed


def _map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, dict):
        return {k: _map_strings(v, fn) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_strings(v, fn) for v in value]
    if isinstance(value, str):
        return fn(value)
    return value


def normalise_cassette(cassette: Cassette, *, auth_url: str | None = None,
                       ids: Iterable[tuple[str, str | None]] = ()) -> None:
    """Make a cassette independent of the cloud it was recorded on, in place.

    The cloud's origins (the auth URL's first, then the catalog's, in order) become
    `cloud.stackdouble.test`, `cloud-2.stackdouble.test`...; project, user and domain ids
    of 16 characters or more become `000…a00000001`-style placeholders (`a` projects, `b`
    users, `d` domains); token issue and expiry times move to 2100-01-01, keeping the
    lifetime. Replacements apply to URLs, headers, bodies and the metadata. Running it again
    changes nothing.

    Args:
        cassette: The cassette to change.
        auth_url: The identity URL the recording authenticated at; by default the first
            token request's (or `metadata.stackdouble.auth.identity_endpoint`).
        ids: Extra `(kind, id)` pairs to normalise (`kind` is project, user or domain).
    """
    norm = _Normaliser()
    meta_auth = cassette.stackdouble.get("auth") if cassette.metadata else None
    if auth_url is None and isinstance(meta_auth, dict):
        value = meta_auth.get("identity_endpoint")
        auth_url = value if isinstance(value, str) else None
    if auth_url:
        norm.add_origin(auth_url)
    for item in cassette.interactions:
        if _is_token_request(item):
            norm.add_origin(item.request.uri)
    for kind, value in ids:
        norm.add_id(kind, value)
    bodies: list[Any] = []
    for item in cassette.interactions:
        body = _json_of(item.response.body) if _is_token_request(item) or (
            item.request.method == "GET" and "/auth/tokens" in item.request.uri) else None
        bodies.append(body)
        if body is None:
            continue
        for url in _catalog_urls(body):
            norm.add_origin(url)
        for kind, value in _token_ids(body):
            norm.add_id(kind, value)
    replace = norm.replacer()
    for item, body in zip(cassette.interactions, bodies, strict=True):
        req, resp = item.request, item.response
        req.uri = replace(req.uri)
        req.headers = [(k, replace(v)) for k, v in req.headers]
        resp.headers = [(k, replace(v)) for k, v in resp.headers]
        new_req = _replace_body(req.body, replace)
        if new_req is not req.body:
            req.body = new_req
            _fix_length(req.headers, new_req)
        new_body = resp.body
        if body is not None and _normalise_token_times(body):
            new_body = json.dumps(body).encode("utf-8")
        replaced = _replace_body(new_body, replace)
        if replaced is not resp.body:
            resp.body = replaced or b""
            if req.method != "HEAD":
                _fix_length(resp.headers, resp.body)
    if cassette.metadata:
        cassette.metadata = _map_strings(cassette.metadata, replace)


def _replace_body(body: bytes | None, replace: Callable[[str], str]) -> bytes | None:
    if not body:
        return body
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return body
    new = replace(text)
    return body if new == text else new.encode("utf-8")


# -- what replay matches on ------------------------------------------------------------


def canonical_body(body: bytes | str | None, content_type: str | None = None,
                   policy: ScrubPolicy = _DEFAULT_POLICY) -> str:
    """The part of a request body replay matches on: JSON canonicalised (sorted keys, no
    spaces) after scrubbing, so key order and secret values do not matter; a form sorted and
    scrubbed; other text scrubbed; binary as a SHA-256.

    Example:
        >>> canonical_body(b'{"b": 1, "auth": {"password": "hunter2", "name": "u"}}')
        '{"auth":{"name":"u","password":"***"},"b":1}'
    """
    if body is None:
        return ""
    if isinstance(body, str):
        raw = body.encode("utf-8")
    else:
        raw = bytes(body)
    if not raw:
        return ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        import hashlib

        return "sha256:" + hashlib.sha256(raw).hexdigest()
    stripped = text.lstrip()[:1]
    if stripped in ("{", "["):
        try:
            data = json.loads(text)
        except ValueError:
            pass
        else:
            cleaned = _walk_json(data, policy, scrub_text, None, "$", None)
            return json.dumps(cleaned, sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False)
    if content_type and content_type.lower().startswith("application/x-www-form-urlencoded"):
        pairs = _scrub_pairs(text, "&", policy, scrub_text).split("&")
        return "&".join(sorted(pairs))
    if content_type and content_type.lower().startswith("multipart/form-data"):
        return _scrub_multipart(text, policy, scrub_text)
    return scrub_text(text)
