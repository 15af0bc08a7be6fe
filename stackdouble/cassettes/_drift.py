"""Drift: where the fake's responses differ from what a real cloud answered.

The same test runs in fake mode; its requests are paired with the cassette's by method and
path template (ids become `{id}`), in order, and each pair is compared on what code relies
on. Consecutive identical requests are a wait loop's polls, whose number depends on how fast
each side got there: when the two sides polled a different number of times, only the answers
the polls ended on are compared. The comparison covers the status, the headers that matter
(content type, and the presence of `Location`, `X-Subject-Token`, request ids, Swift's
metadata headers...), and the JSON shape (keys and value types, not values).
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from stackdouble._secrets import scrub_text
from stackdouble.cassettes._model import Interaction

__all__ = ["DriftFinding", "compare_interactions", "json_shape", "path_template",
           "render_report"]

_ID_SEGMENT = re.compile(
    r"^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{12}|\d+|req-[0-9a-f-]+|tx[0-9a-f-]+)$"
)
_AUTH_ACCOUNT = re.compile(r"^AUTH_[0-9a-fA-F]{32}$")
_VERSION_SEGMENT = re.compile(r"^v[0-9]+(\.[0-9]+)?$")

#: Headers whose presence is compared (lower case).
PRESENCE_HEADERS = frozenset({
    "location", "x-subject-token", "x-openstack-request-id", "x-compute-request-id",
    "x-trans-id", "etag", "retry-after", "openstack-api-version",
    "x-openstack-nova-api-version", "x-timestamp", "last-modified", "accept-ranges",
    "x-storage-url", "x-auth-token", "www-authenticate",
})
#: Header prefixes whose presence is compared (Swift metadata and counters).
PRESENCE_PREFIXES = ("x-account-", "x-container-", "x-object-")


@dataclass(frozen=True, slots=True)
class DriftFinding:
    """One difference between the fake and a recording.

    Attributes:
        request: `METHOD /path/{id}` of the request.
        what: `status`, `header`, `shape`, `only-recorded` or `only-fake`.
        detail: What differs, readable.
    """

    request: str
    what: str
    detail: str

    def __str__(self) -> str:
        return f"{self.request}: {self.what}: {self.detail}"

    def to_json(self) -> list[str]:
        """A JSON-able form (for xdist)."""
        return [self.request, self.what, self.detail]

    @classmethod
    def from_json(cls, raw: Sequence[str]) -> DriftFinding:
        """The inverse of `to_json`."""
        return cls(raw[0], raw[1], raw[2])


def path_template(url: str) -> str:
    """The path of a URL with ids replaced, for pairing requests across clouds.

    Example:
        >>> path_template("http://x/v1/AUTH_0123456789abcdef0123456789abcdef/c?limit=2")
        '/v1/AUTH_{id}/c?limit'
        >>> path_template("http://x/compute/v2.1/servers/3f1c9e6a-8d7b-4b61-9b9e-2a1f6c0d5e4b")
        '/compute/v2.1/servers/{id}'
    """
    parts = urlsplit(url)
    segments = []
    for segment in parts.path.split("/"):
        if _AUTH_ACCOUNT.match(segment):
            segments.append("AUTH_{id}")
        elif (segment == "***" or _ID_SEGMENT.match(segment)
              or (len(segment) >= 16 and scrub_text(segment) != segment)):
            segments.append("{id}")
        else:
            segments.append(segment)
    path = "/".join(segments)
    keys = sorted({pair.partition("=")[0] for pair in parts.query.split("&") if pair})
    return path + ("?" + "&".join(keys) if keys else "")


def json_shape(value: Any) -> Any:
    """The shape of a JSON value: objects keep their keys, lists merge their items' shapes,
    scalars become their type name.

    Example:
        >>> json_shape({"servers": [{"id": "a", "n": 1}, {"id": "b", "x": None}]})
        {'servers': [{'id': 'str', 'n': 'int', 'x': 'null'}]}
    """
    if isinstance(value, dict):
        return {key: json_shape(item) for key, item in value.items()}
    if isinstance(value, list):
        merged: Any = None
        for item in value:
            merged = _merge(merged, json_shape(item))
        return [] if merged is None else [merged]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number" if isinstance(value, float) else "int"
    return "str"


def _merge(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for key, value in b.items():
            out[key] = _merge(out.get(key), value)
        return out
    if isinstance(a, list) and isinstance(b, list):
        if not a or not b:
            return a or b
        return [_merge(a[0], b[0])]
    if a == b:
        return a
    names = set(a.split("|") if isinstance(a, str) else ["object"])
    names |= set(b.split("|") if isinstance(b, str) else ["object"])
    return "|".join(sorted(names))


def _type_name(shape: Any) -> str:
    if isinstance(shape, dict):
        return "object"
    if isinstance(shape, list):
        return "array"
    return str(shape)


def _compatible(recorded: str, fake: str) -> bool:
    if recorded == fake:
        return True
    numbers = {"int", "number"}
    rec, got = set(recorded.split("|")), set(fake.split("|"))
    if rec <= numbers and got <= numbers:
        return True
    return bool(got) and got <= rec


def compare_shapes(recorded: Any, fake: Any, where: str = "$") -> list[str]:
    """Readable differences between two shapes (from `json_shape`)."""
    out: list[str] = []
    if isinstance(recorded, dict) and isinstance(fake, dict):
        for key in recorded:
            if key not in fake:
                out.append(f"{where}.{key}: recorded, missing from the fake")
            else:
                out.extend(compare_shapes(recorded[key], fake[key], f"{where}.{key}"))
        for key in fake:
            if key not in recorded:
                out.append(f"{where}.{key}: sent by the fake, not in the recording")
        return out
    if isinstance(recorded, list) and isinstance(fake, list):
        if recorded and fake:
            out.extend(compare_shapes(recorded[0], fake[0], f"{where}[]"))
        return out
    rec_name, fake_name = _type_name(recorded), _type_name(fake)
    if not _compatible(rec_name, fake_name):
        out.append(f"{where}: recorded {rec_name}, fake {fake_name}")
    return out


def _media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _json_body(body: bytes) -> Any:
    if not body or body.lstrip()[:1] not in (b"{", b"["):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _header_names(item: Interaction) -> set[str]:
    names = set()
    for name, _ in item.response.headers:
        lowered = name.lower()
        if lowered in PRESENCE_HEADERS or lowered.startswith(PRESENCE_PREFIXES):
            names.add(lowered)
    return names


def _label(item: Interaction) -> str:
    return f"{item.request.method} {path_template(item.request.uri)}"


def _pairing_key(item: Interaction) -> str:
    """The label without what comes before the API version (`/object-store/v1/...` and
    `/v1/...` pair): a fake serves every service under a prefix, a real Swift at the root."""
    label = _label(item)
    method, _, path = label.partition(" ")
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if _VERSION_SEGMENT.match(segment):
            return f"{method} /{'/'.join(segments[index:])}"
    return label


def compare_pair(recorded: Interaction, fake: Interaction, *, body_read: bool = True
                 ) -> list[DriftFinding]:
    """The differences between one recorded interaction and the fake's answer to the same
    request; `body_read=False` (a streamed download) leaves the body out."""
    label = _label(recorded)
    found: list[DriftFinding] = []
    if recorded.response.status != fake.response.status:
        found.append(DriftFinding(label, "status", f"recorded {recorded.response.status}, "
                                                   f"fake {fake.response.status}"))
    rec_type = _media_type(recorded.response.header("Content-Type"))
    fake_type = _media_type(fake.response.header("Content-Type"))
    if recorded.response.body and rec_type != fake_type:
        found.append(DriftFinding(label, "header",
                                  f"Content-Type: recorded {rec_type or '(none)'}, "
                                  f"fake {fake_type or '(none)'}"))
    rec_names, fake_names = _header_names(recorded), _header_names(fake)
    for name in sorted(rec_names - fake_names):
        found.append(DriftFinding(label, "header", f"{name}: recorded, missing from the fake"))
    for name in sorted(fake_names - rec_names):
        found.append(DriftFinding(label, "header", f"{name}: sent by the fake, not recorded"))
    rec_json, fake_json = _json_body(recorded.response.body), _json_body(fake.response.body)
    if body_read and (rec_json is not None or fake_json is not None):
        if rec_json is None or fake_json is None:
            found.append(DriftFinding(label, "shape", "recorded "
                                      f"{'JSON' if rec_json is not None else 'no JSON'}, fake "
                                      f"{'JSON' if fake_json is not None else 'no JSON'}"))
        else:
            for detail in compare_shapes(json_shape(rec_json), json_shape(fake_json)):
                found.append(DriftFinding(label, "shape", detail))
    return found


def _poll_runs(items: Iterable[Interaction]) -> list[list[tuple[int, Interaction]]]:
    """The interactions with their positions, consecutive identical requests (method, URI
    and body) grouped: a wait loop's polls form one run."""
    runs: list[list[tuple[int, Interaction]]] = []
    previous: tuple[str, str, bytes | None] | None = None
    for position, item in enumerate(items):
        key = (item.request.method, item.request.uri, item.request.body)
        if runs and key == previous:
            runs[-1].append((position, item))
        else:
            runs.append([(position, item)])
        previous = key
    return runs


def compare_interactions(recorded: Iterable[Interaction], fake: Iterable[Interaction], *,
                         unread: Container[int] = ()) -> list[DriftFinding]:
    """Pair the fake's interactions with the recorded ones (by method and path template, in
    order) and list every difference, including requests only one side made.

    Runs of identical requests pair as wholes: the same number on both sides pair one by
    one; a different number (polling until a state is reached) compares only the last
    answer of each run.

    Args:
        recorded: The cassette's interactions.
        fake: The fake's, in the order they happened.
        unread: Positions in `fake` whose body was streamed to the test, not captured.

    Example:
        >>> from stackdouble.cassettes import Interaction, RecordedRequest, RecordedResponse
        >>> def item(status, body):
        ...     return Interaction(request=RecordedRequest(method="GET", uri="http://x/v3/p"),
        ...                        response=RecordedResponse(status=status, body=body))
        >>> [str(f) for f in compare_interactions([item(200, b'{"a": 1, "b": "x"}')],
        ...                                       [item(200, b'{"a": 2}')])]
        ['GET /v3/p: shape: $.b: recorded, missing from the fake']
        >>> polled = [item(200, b'{"s": "creating"}'), item(200, b'{"s": "available"}')]
        >>> compare_interactions(polled, [item(200, b'{"s": "available"}')])
        []
    """
    queues: dict[str, deque[list[tuple[int, Interaction]]]] = {}
    order: list[str] = []
    for run in _poll_runs(recorded):
        label = _pairing_key(run[0][1])
        if label not in queues:
            order.append(label)
        queues.setdefault(label, deque()).append(run)
    found: list[DriftFinding] = []
    for run in _poll_runs(fake):
        queue = queues.get(_pairing_key(run[0][1]))
        if not queue:
            found.extend(DriftFinding(_label(item), "only-fake",
                                      "the fake run made this request; the recording did not")
                         for _, item in run)
            continue
        left = queue.popleft()
        pairs = (zip(left, run, strict=True) if len(left) == len(run)
                 else [(left[-1], run[-1])])
        for (_, before), (position, item) in pairs:
            found.extend(compare_pair(before, item, body_read=position not in unread))
    for label in order:
        for left in queues[label]:
            found.extend(DriftFinding(_label(item), "only-recorded",
                                      "recorded, but the fake run did not make this request")
                         for _, item in left)
    return found


def render_report(results: Sequence[tuple[str, str | None, Sequence[DriftFinding]]],
                  *, missing: Sequence[str] = ()) -> str:
    """A Markdown report: one section per test with differences.

    Args:
        results: `(nodeid, cassette path, findings)` per compared test.
        missing: Node ids of tests that had no cassette to compare with.
    """
    differing = [r for r in results if r[2]]
    lines = ["# stackdouble drift report", "",
             f"Compared {len(results)} test(s) in fake mode with their cassettes: "
             f"{len(differing)} differ.", ""]
    for nodeid, path, findings in differing:
        lines += [f"## {nodeid}", "", f"Cassette: `{path}`", ""]
        for finding in findings:
            lines.append(f"- `{finding.request}` **{finding.what}**: {finding.detail}")
        lines.append("")
    if missing:
        lines += ["## Tests without a cassette", ""]
        lines += [f"- {nodeid}" for nodeid in missing]
        lines.append("")
    return "\n".join(lines)
