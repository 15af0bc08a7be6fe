"""Replay a cassette by index: O(1) per request, repeated requests in recorded order.

Each recorded request gets a key (method, normalised URL, canonical body) and each key a FIFO
of its interactions, so a request costs one dictionary lookup however long the cassette is
(vcrpy compares every stored request, O(N) per request). Replay answers through one
`responses` catch-all, so every `requests` call is served from the cassette and nothing
reaches the network.
"""

from __future__ import annotations

import difflib
import threading
from collections import deque
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus, urlsplit

from stackdouble._interception import Answer, CatchAll, Interception, strip_default_port
from stackdouble._secrets import REDACTED, scrub_text
from stackdouble.cassettes._model import Cassette, CassetteError, Interaction
from stackdouble.cassettes._scrub import ScrubPolicy, canonical_body

if TYPE_CHECKING:
    from requests import PreparedRequest

__all__ = ["ReplayIndex", "Replayer", "UnmatchedRequest", "match_url", "request_key"]

_DEFAULT_POLICY = ScrubPolicy()
_SHOWN = 300

Key = tuple[str, str, str]


class UnmatchedRequest(CassetteError, AssertionError):
    """Replay got a request the cassette has no (unplayed) recording of.

    The message names the request, the cassette, and the nearest recorded request with what
    differs. It is an `AssertionError`, so the test fails as an assertion would.

    Attributes:
        method: The request's method.
        url: The request's URL as matched (secrets scrubbed).
        nearest: Index of the nearest recorded interaction, or None for an empty cassette.
    """

    def __init__(self, message: str, path: str | None = None, *, method: str = "",
                 url: str = "", nearest: int | None = None) -> None:
        self.method = method
        self.url = url
        self.nearest = nearest
        super().__init__(message, path)


def match_url(url: str, policy: ScrubPolicy = _DEFAULT_POLICY) -> str:
    """The URL replay matches on: scheme and host lower-cased, default port dropped, query
    parameters sorted, secret parameters and token-looking path parts scrubbed, no fragment.

    Example:
        >>> match_url("HTTPS://K.example:443/v1/AUTH_x/c?b=2&a=1&temp_url_sig=s#frag")
        'https://k.example/v1/AUTH_x/c?a=1&b=2&temp_url_sig=***'
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = strip_default_port(scheme, parts.netloc.lower())
    path = parts.path or "/"
    if len(path) >= 16:
        path = scrub_text(path)
    if not parts.query:
        return f"{scheme}://{netloc}{path}"
    pairs = []
    for pair in parts.query.split("&"):
        if not pair:
            continue
        key, eq, value = pair.partition("=")
        if eq and policy.is_secret_key(unquote_plus(key)):
            value = REDACTED
        elif len(value) >= 16:
            value = scrub_text(value)
        pairs.append(f"{key}{eq}{value}")
    pairs.sort()
    return f"{scheme}://{netloc}{path}?{'&'.join(pairs)}"


def request_key(method: str, url: str, body: bytes | str | None, content_type: str | None,
                *, match_body: bool = True, policy: ScrubPolicy = _DEFAULT_POLICY) -> Key:
    """`(METHOD, match_url(url), canonical_body(body))`; the body part is empty when bodies
    are not matched."""
    return (method.upper(), match_url(url, policy),
            canonical_body(body, content_type, policy) if match_body else "")


def _read_body(body: Any) -> bytes | str | None:
    if body is None or isinstance(body, (bytes, str)):
        return body
    if isinstance(body, bytearray):
        return bytes(body)
    read = getattr(body, "read", None)
    if read is not None:
        data = read()
        return data if isinstance(data, (bytes, str)) else None
    try:
        return b"".join(c.encode("utf-8") if isinstance(c, str) else bytes(c) for c in body)
    except TypeError:
        return None


def _response_parts(item: Interaction) -> tuple[int, list[tuple[str, str]], bytes]:
    resp = item.response
    body = resp.body or b""
    headers: list[tuple[str, str]] = []
    is_text = True
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        is_text = False
    for name, value in resp.headers:
        lowered = name.lower()
        if lowered == "transfer-encoding":
            continue
        if lowered == "content-encoding" and is_text:
            continue  # recorded decoded
        if lowered == "content-length" and item.request.method != "HEAD" and body:
            value = str(len(body))
        headers.append((name, value))
    return resp.status, headers, body


def _shorten(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + f"… ({len(text)} characters)"


class ReplayIndex:
    """A cassette indexed for replay.

    Args:
        cassette: The recorded interactions.
        match_body: Whether request bodies are part of the key (JSON compared canonically).
        policy: Extra secret names, so keys scrub what the recorder scrubbed.

    Attributes:
        play_counts: How many times each interaction was played.
        unmatched: The `UnmatchedRequest` errors raised so far.

    Example:
        >>> from stackdouble.cassettes import Interaction, RecordedRequest, RecordedResponse
        >>> item = Interaction(request=RecordedRequest(method="GET", uri="http://c.test/a"),
        ...                    response=RecordedResponse(status=200, body=b"{}"))
        >>> index = ReplayIndex(Cassette(interactions=[item, item]))
        >>> index.lookup("GET", "http://c.test/a", None, None), index.lookup(
        ...     "GET", "http://C.TEST/a", None, None)
        (0, 1)
    """

    def __init__(self, cassette: Cassette, *, match_body: bool = True,
                 policy: ScrubPolicy = _DEFAULT_POLICY) -> None:
        self.cassette = cassette
        self.match_body = match_body
        self.policy = policy
        self.path = str(cassette.path) if cassette.path is not None else None
        self._keys: list[Key] = []
        self._queues: dict[Key, deque[int]] = {}
        self._responses: list[tuple[int, list[tuple[str, str]], bytes]] = []
        for index, item in enumerate(cassette.interactions):
            req = item.request
            key = request_key(req.method, req.uri, req.body, req.header("Content-Type"),
                              match_body=match_body, policy=policy)
            self._keys.append(key)
            self._queues.setdefault(key, deque()).append(index)
            self._responses.append(_response_parts(item))
        self.play_counts = [0] * len(self._keys)
        self.unmatched: list[UnmatchedRequest] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._keys)

    @property
    def keys(self) -> list[Key]:
        """Each interaction's match key, `(METHOD, match_url, canonical body)`, in order."""
        return list(self._keys)

    def unplayed(self) -> list[int]:
        """Indexes of the interactions never played, in order."""
        return [index for index, count in enumerate(self.play_counts) if not count]

    def describe(self, index: int) -> str:
        """`#index METHOD URL -> status`, for messages."""
        method, url, _ = self._keys[index]
        return f"#{index} {method} {url} -> {self._responses[index][0]}"

    @property
    def all_played(self) -> bool:
        """Whether every recorded interaction was played."""
        return all(self.play_counts)

    @property
    def play_count(self) -> int:
        """How many responses were played in all."""
        return sum(self.play_counts)

    def lookup(self, method: str, url: str, body: bytes | str | None,
               content_type: str | None) -> int:
        """The index of the interaction that answers this request (consumed).

        Raises:
            UnmatchedRequest: No unplayed interaction has this key.
        """
        __tracebackhide__ = True
        key = request_key(method, url, body, content_type, match_body=self.match_body,
                          policy=self.policy)
        with self._lock:
            queue = self._queues.get(key)
            if queue:
                index = queue.popleft()
                self.play_counts[index] += 1
                return index
            error = self._unmatched(key)
            self.unmatched.append(error)
        raise error

    def response(self, index: int) -> tuple[int, list[tuple[str, str]], bytes]:
        """`(status, headers, body)` of interaction `index`, ready to send."""
        status, headers, body = self._responses[index]
        return status, list(headers), body

    def _unmatched(self, key: Key) -> UnmatchedRequest:
        method, url, body = key
        where = self.path or "the cassette"
        lines = [f"stackdouble replay: no recorded response for {method} {url}"]
        if body:
            lines.append(f"  with body {_shorten(body)}")
        lines.append(f"in {where} ({len(self._keys)} interactions).")
        nearest = self._nearest(key)
        if nearest is None:
            lines.append("The cassette is empty.")
        else:
            near_method, near_url, near_body = self._keys[nearest]
            times = self._keys.count(key)
            if times:
                lines.append(f"This request was recorded {times} time(s), and every recording "
                             "has already been played: the code sent it more often than when "
                             "it was recorded.")
            else:
                differs = [name for name, a, b in (("method", method, near_method),
                                                    ("URL", url, near_url),
                                                    ("body", body, near_body)) if a != b]
                lines.append(f"Nearest recorded: interaction {nearest}: {near_method} "
                             f"{near_url} (differs in {', '.join(differs)})")
                if "body" in differs:
                    lines.append(f"  recorded body {_shorten(near_body) or '(none)'}")
        hint = "Re-record it with --openstack-mode=record"
        if nearest is not None and body != self._keys[nearest][2]:
            hint += ", or set openstack_replay_match_body = false to match without bodies"
        lines.append(hint + ".")
        return UnmatchedRequest("\n".join(lines), self.path, method=method, url=url,
                                nearest=nearest)

    def _nearest(self, key: Key) -> int | None:
        if not self._keys:
            return None
        method, url, body = key

        def score(index: int) -> float:
            other = self._keys[index]
            value = difflib.SequenceMatcher(None, url, other[1]).ratio() * 2
            value += 2.0 if other[0] == method else 0.0
            if body or other[2]:
                value += difflib.SequenceMatcher(None, body[:2000], other[2][:2000]).quick_ratio()
            if self._queues.get(other):
                value += 0.01  # prefer one that could still play
            return value

        return max(range(len(self._keys)), key=score)


class Replayer:
    """Serve `requests` from a `ReplayIndex` while active (a context manager).

    Every request from any `requests.Session` is answered from the cassette; one that has
    no recording raises `UnmatchedRequest` (also kept in `index.unmatched`, so a test that
    swallows the error still fails at teardown).

    Example:
        >>> import requests
        >>> from stackdouble.cassettes import Interaction, RecordedRequest, RecordedResponse
        >>> item = Interaction(request=RecordedRequest(method="GET", uri="http://c.test/a"),
        ...                    response=RecordedResponse(status=200, body=b'{"ok": true}'))
        >>> with Replayer(ReplayIndex(Cassette(interactions=[item]))):
        ...     requests.get("http://c.test/a").json()
        {'ok': True}
    """

    def __init__(self, index: ReplayIndex) -> None:
        self.index = index
        self._interception: Interception | None = None

    def _answer(self, request: PreparedRequest) -> Answer:
        __tracebackhide__ = True
        body = _read_body(request.body)
        ctype = request.headers.get("Content-Type")
        position = self.index.lookup(str(request.method or "GET"), str(request.url), body, ctype)
        return self.index.response(position)

    def start(self) -> Replayer:
        """Start answering (patches `requests` until `stop`)."""
        if self._interception is None:
            answer = CatchAll(self._answer)
            self._interception = Interception(lambda request: answer)
            self._interception.start()
        return self

    def stop(self) -> None:
        """Stop answering."""
        if self._interception is not None:
            self._interception.stop()
            self._interception = None

    def __enter__(self) -> Replayer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
