"""Cassettes as data: interactions, metadata, and the vcrpy-compatible YAML file format.

A cassette file is what vcrpy writes (`version: 1`, `interactions: [{request, response}]`,
optional `metadata`), so vcrpy and pytest-recording can read ours and we can read theirs.
stackdouble keeps its own facts under `metadata.stackdouble` (how to authenticate on replay).
YAML is parsed with libyaml when present, and once per file content: the parsed document is
cached (`_cache.py`), so a large cassette loads in milliseconds after its first use; `yaml` is
imported only when a file is parsed or written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stackdouble.cassettes._cache import cached_document, store_document
from stackdouble.client._errors import StackdoubleError

__all__ = [
    "FORMAT_VERSION",
    "Cassette",
    "CassetteError",
    "CassetteNotFound",
    "CorruptCassette",
    "Interaction",
    "RecordedRequest",
    "RecordedResponse",
    "iter_cassette_files",
    "load_cassette",
    "save_cassette",
]

#: vcrpy's cassette format version.
FORMAT_VERSION = 1

#: File name endings taken for cassettes when a directory is given.
CASSETTE_SUFFIXES = (".yaml", ".yml")


class CassetteError(StackdoubleError):
    """A cassette cannot be used: missing, unreadable, or not a cassette.

    Attributes:
        path: The cassette file, or None.
    """

    def __init__(self, message: str, path: str | os.PathLike[str] | None = None) -> None:
        self.path = None if path is None else str(path)
        super().__init__(message)


class CassetteNotFound(CassetteError, FileNotFoundError):
    """Replay was asked for a cassette file that does not exist."""


class CorruptCassette(CassetteError, ValueError):
    """The file exists but is not a readable vcrpy-format cassette (the message says where)."""


def _headers_from(raw: Any, where: str, path: str) -> list[tuple[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, Mapping):
        raise CorruptCassette(f"{path}: {where} headers must be a mapping", path)
    out: list[tuple[str, str]] = []
    for name, values in raw.items():
        if isinstance(values, (list, tuple)):
            out.extend((str(name), str(v)) for v in values)
        else:
            out.append((str(name), str(values)))
    return out


def _headers_to(headers: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in headers:
        out.setdefault(name, []).append(value)
    return out


def _body_from(raw: Any) -> bytes | None:
    if raw is None:
        return None
    if isinstance(raw, bytes):
        return raw
    if isinstance(raw, str):
        return raw.encode("utf-8")
    raise TypeError(type(raw).__name__)


def _body_to(body: bytes | None) -> str | bytes | None:
    if body is None:
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body


@dataclass(slots=True, kw_only=True)
class RecordedRequest:
    """A request as a cassette holds it.

    Attributes:
        method: Upper-case method.
        uri: The absolute URL.
        headers: `(name, value)` pairs in order.
        body: The body bytes, or None.
    """

    method: str
    uri: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | None = None

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or None."""
        return _first(self.headers, name)


@dataclass(slots=True, kw_only=True)
class RecordedResponse:
    """A response as a cassette holds it.

    Attributes:
        status: The status code.
        reason: The reason phrase.
        headers: `(name, value)` pairs in order.
        body: The body bytes (b"" when empty).
    """

    status: int
    reason: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """The first value of a header (case-insensitive), or None."""
        return _first(self.headers, name)


def _first(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    lowered = name.lower()
    for key, value in headers:
        if key.lower() == lowered:
            return value
    return None


@dataclass(slots=True, kw_only=True)
class Interaction:
    """One request and the response it got."""

    request: RecordedRequest
    response: RecordedResponse


@dataclass(slots=True, kw_only=True)
class Cassette:
    """The interactions of one cassette file, in recorded order.

    Attributes:
        interactions: Requests and responses in the order they happened.
        metadata: vcrpy's `metadata` mapping; stackdouble's own facts sit under
            `metadata["stackdouble"]`.
        path: Where it was read from or will be written, if anywhere.
    """

    interactions: list[Interaction] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def stackdouble(self) -> dict[str, Any]:
        """`metadata["stackdouble"]`, created empty if absent."""
        value = self.metadata.setdefault("stackdouble", {})
        if not isinstance(value, dict):
            value = self.metadata["stackdouble"] = {}
        return value

    def __len__(self) -> int:
        return len(self.interactions)

    def to_dict(self) -> dict[str, Any]:
        """The vcrpy-format document: `{"version": 1, "interactions": [...], "metadata": ...}`."""
        interactions = []
        for item in self.interactions:
            req, resp = item.request, item.response
            interactions.append({
                "request": {
                    "body": _body_to(req.body),
                    "headers": _headers_to(req.headers),
                    "method": req.method,
                    "uri": req.uri,
                },
                "response": {
                    "body": {"string": _body_to(resp.body) or ""},
                    "headers": _headers_to(resp.headers),
                    "status": {"code": resp.status, "message": resp.reason},
                },
            })
        doc: dict[str, Any] = {"interactions": interactions, "version": FORMAT_VERSION}
        if self.metadata:
            doc["metadata"] = self.metadata
        return doc

    @classmethod
    def from_dict(cls, doc: Any, path: str | os.PathLike[str] = "<cassette>") -> Cassette:
        """Build a cassette from a vcrpy-format document.

        Raises:
            CorruptCassette: The document is not a version-1 vcrpy cassette; the message names
                the file and the interaction at fault.
        """
        where = str(path)
        if not isinstance(doc, Mapping):
            raise CorruptCassette(f"{where}: not a cassette (expected a mapping with "
                                  f"'interactions', found {type(doc).__name__})", where)
        if doc.get("version") != FORMAT_VERSION:
            raise CorruptCassette(f"{where}: unsupported cassette version "
                                  f"{doc.get('version')!r} (expected {FORMAT_VERSION})", where)
        raw_interactions = doc.get("interactions")
        if not isinstance(raw_interactions, list):
            raise CorruptCassette(f"{where}: 'interactions' must be a list", where)
        metadata = doc.get("metadata") or {}
        if not isinstance(metadata, Mapping):
            raise CorruptCassette(f"{where}: 'metadata' must be a mapping", where)
        interactions: list[Interaction] = []
        for index, raw in enumerate(raw_interactions):
            try:
                interactions.append(_interaction_from(raw, where))
            except (KeyError, TypeError, ValueError) as exc:
                if isinstance(exc, CorruptCassette):
                    raise
                raise CorruptCassette(
                    f"{where}: interaction {index} is malformed ({type(exc).__name__}: {exc})",
                    where,
                ) from exc
        return cls(interactions=interactions, metadata=dict(metadata),
                   path=Path(path) if where != "<cassette>" else None)


def _interaction_from(raw: Any, where: str) -> Interaction:
    req, resp = raw["request"], raw["response"]
    status = resp["status"]
    code = status["code"] if isinstance(status, Mapping) else status
    reason = status.get("message", "") if isinstance(status, Mapping) else ""
    body = resp.get("body")
    if isinstance(body, Mapping):
        body = body.get("string")
    return Interaction(
        request=RecordedRequest(
            method=str(req["method"]).upper(),
            uri=str(req["uri"]),
            headers=_headers_from(req.get("headers"), "request", where),
            body=_body_from(req.get("body")),
        ),
        response=RecordedResponse(
            status=int(code),
            reason=str(reason or ""),
            headers=_headers_from(resp.get("headers"), "response", where),
            body=_body_from(body) or b"",
        ),
    )


def _yaml_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_dumper() -> Any:
    import yaml

    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_cassette(path: str | os.PathLike[str]) -> Cassette:
    """Read a cassette file (vcrpy's YAML format).

    Raises:
        CassetteNotFound: No such file.
        CorruptCassette: It is not valid YAML, not UTF-8, or not a vcrpy cassette; the message
            names the file and, for YAML errors, the line.
    """
    where = os.fspath(path)
    try:
        with open(where, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise CassetteNotFound(f"{where}: no such cassette", where) from None
    except IsADirectoryError:
        raise CorruptCassette(f"{where}: is a directory, not a cassette file", where) from None
    except OSError as exc:
        raise CorruptCassette(f"{where}: cannot be read ({exc.strerror or exc})", where
                              ) from exc
    doc = cached_document(raw)
    if doc is None:
        doc = _parse(raw, where)
        store_document(raw, doc)
    return Cassette.from_dict(doc, where)


def _parse(raw: bytes, where: str) -> Any:
    import yaml

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptCassette(f"{where}: not UTF-8 text ({exc})", where) from exc
    if not text.strip():
        raise CorruptCassette(f"{where}: the cassette file is empty", where)
    try:
        doc = yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CorruptCassette(f"{where}: not valid YAML{line}: {problem}", where) from exc
    return doc


def dump_cassette(cassette: Cassette) -> str:
    """The YAML text of a cassette: vcrpy's layout, UTF-8, one line per scalar."""
    import yaml

    # Wide enough that every realistic scalar stays on one line, so a grep finds it whole.
    text: str = yaml.dump(cassette.to_dict(), Dumper=_yaml_dumper(), allow_unicode=True,
                          default_flow_style=False, sort_keys=True, width=10**8)
    return text


def save_cassette(cassette: Cassette, path: str | os.PathLike[str] | None = None) -> Path:
    """Write a cassette atomically (a temporary file in the same folder, then a rename), so
    a reader never sees half a file and concurrent writers never interleave.

    Args:
        cassette: What to write. Scrub it first (`scrub_cassette`); this writes it as given.
        path: Where; defaults to `cassette.path`.

    Returns:
        The path written.
    """
    target = Path(path) if path is not None else cassette.path
    if target is None:
        raise ValueError("save_cassette needs a path")
    text = dump_cassette(cassette)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    cassette.path = target
    return target


def iter_cassette_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The cassette files named, with directories searched recursively for `*.yaml`/`*.yml`.

    A path that does not exist is yielded as is, so the caller reports it.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in CASSETTE_SUFFIXES
                           and p.is_file())
            yield from found
        else:
            yield path
