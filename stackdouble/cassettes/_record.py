"""Record real traffic with vcrpy, and write it scrubbed and normalised.

vcrpy patches `http.client` and urllib3 below `requests`, so everything the process sends
while recording is captured, whatever library sends it. Nothing vcrpy holds is written by
vcrpy: its persister is replaced by one that turns the interactions into a `Cassette`,
scrubs every secret (`scrub_cassette`), normalises hosts, ids and token times
(`normalise_cassette`), checks that nothing is left (`check_cassette`) and only then writes
the file, atomically.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stackdouble.cassettes._model import (
    Cassette,
    CassetteError,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    save_cassette,
)
from stackdouble.cassettes._scrub import (
    ScrubPolicy,
    check_cassette,
    normalise_cassette,
    scrub_cassette,
)

if TYPE_CHECKING:
    from stackdouble.client import AuthOptions

__all__ = ["Recorder", "auth_metadata", "finish_recording"]

_ID_FIELDS = (("project", "project_id"), ("project", "tenant_id"), ("user", "user_id"),
              ("domain", "domain_id"), ("domain", "user_domain_id"),
              ("domain", "project_domain_id"), ("domain", "scope_domain_id"))


def _secret_fields() -> Iterable[str]:
    from stackdouble.client._options import SECRET_FIELDS

    return SECRET_FIELDS.values()


def auth_metadata(opts: AuthOptions) -> dict[str, Any]:
    """The non-secret fields of `AuthOptions`, plus `auth_method`: what replay needs to send
    the same authentication request again (its secrets are matched scrubbed)."""
    from dataclasses import fields

    out: dict[str, Any] = {"auth_method": opts.auth_method}
    for item in fields(opts):
        if item.name in _secret_fields():
            continue
        value = getattr(opts, item.name)
        if value is not None and value != "":
            out[item.name] = value
    return out


def _secrets_of(opts: AuthOptions | None) -> list[str]:
    if opts is None:
        return []
    return [v for v in (getattr(opts, name) for name in _secret_fields()) if isinstance(v, str)]


def _ids_of(opts: AuthOptions | None) -> list[tuple[str, str | None]]:
    if opts is None:
        return []
    return [(kind, getattr(opts, name)) for kind, name in _ID_FIELDS]


def _body_bytes(body: Any) -> bytes | None:
    """A recorded request body as bytes, whatever was sent: bytes, text, a file (vcrpy hands
    it back as a `BytesIO`), or chunks from a generator (vcrpy keeps them as a list or an
    iterator)."""
    if body is None or isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytearray, memoryview)):
        return bytes(body)
    read = getattr(body, "read", None)
    if read is not None:
        return _body_bytes(read())
    return b"".join(_body_bytes(chunk) or b"" for chunk in body)


def _from_vcr(requests: Iterable[Any], responses: Iterable[Any]) -> list[Interaction]:
    out: list[Interaction] = []
    for req, resp in zip(requests, responses, strict=True):
        body = _body_bytes(req.body)
        headers = [(str(k), str(v)) for k, v in req.headers.items()]
        resp_headers: list[tuple[str, str]] = []
        for name, values in (resp.get("headers") or {}).items():
            if isinstance(values, (list, tuple)):
                resp_headers.extend((str(name), str(v)) for v in values)
            else:
                resp_headers.append((str(name), str(values)))
        raw = (resp.get("body") or {}).get("string")
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        status = resp.get("status") or {}
        out.append(Interaction(
            request=RecordedRequest(method=str(req.method).upper(), uri=str(req.uri),
                                    headers=headers, body=body or None),
            response=RecordedResponse(status=int(status.get("code", 0)),
                                      reason=str(status.get("message") or ""),
                                      headers=resp_headers, body=raw or b""),
        ))
    return out


def finish_recording(cassette: Cassette, *, policy: ScrubPolicy | None = None,
                     auth_options: AuthOptions | None = None,
                     logins: Sequence[AuthOptions] = ()) -> Cassette:
    """Scrub and normalise a freshly recorded cassette in place, and make sure no secret is
    left. `logins` are more options the recording authenticated with (their secrets are
    scrubbed and their ids normalised too).

    Raises:
        CassetteError: A secret survived scrubbing (a bug; nothing is written).
    """
    policy = policy or ScrubPolicy()
    every = (auth_options, *logins)
    full = ScrubPolicy(headers=policy.headers, keys=policy.keys,
                       values=(*policy.values, *(v for o in every for v in _secrets_of(o))))
    scrub_cassette(cassette, full)
    auth_url = auth_options.identity_endpoint if auth_options is not None else None
    normalise_cassette(cassette, auth_url=auth_url or None,
                       ids=[pair for o in every for pair in _ids_of(o)])
    left = check_cassette(cassette, full)
    if left:
        raise CassetteError(f"{cassette.path}: secrets survived scrubbing, nothing written: "
                            + "; ".join(str(leak) for leak in left[:5]), cassette.path)
    return cassette


class _Persister:
    """vcrpy's persister interface, writing through `finish_recording`."""

    def __init__(self, recorder: Recorder) -> None:
        self._recorder = recorder

    def load_cassette(self, cassette_path: str, serializer: Any) -> Any:
        from vcr.persisters.filesystem import (  # type: ignore[import-untyped]
            CassetteNotFoundError,
        )

        raise CassetteNotFoundError()  # always record afresh

    def save_cassette(self, cassette_path: str, cassette_dict: Mapping[str, Any],
                      serializer: Any) -> None:
        self._recorder._finish(_from_vcr(cassette_dict["requests"], cassette_dict["responses"]))


class Recorder:
    """Record every HTTP exchange made while active, then write one scrubbed cassette.

    Args:
        path: The cassette file to (over)write when `stop()` is told to.
        policy: Extra secret header names, keys and values.
        auth_options: The options the recording authenticates with: their secrets are
            scrubbed as literal values, their ids normalised, and their other fields stored
            in the cassette so replay can authenticate the same way.
        metadata: More facts to keep under `metadata.stackdouble` (endpoint options...).

    Attributes:
        cassette: After `stop()`, what was recorded, scrubbed.
        written: Whether `stop()` wrote it to `path`.
        logins: More options the recording authenticated with (`add_login`), kept under
            `metadata.stackdouble.logins` in order, their secrets scrubbed like
            `auth_options`'.

    Example:
        >>> import requests, tempfile, pathlib
        >>> from stackdouble.cassettes import check_cassette, load_cassette
        >>> from stackdouble.fakes import FakeCloud
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "demo.yaml"
        >>> with FakeCloud().serve() as served, Recorder(target):
        ...     _ = requests.get(served.url + "/identity/v3", headers={"X-Auth-Token": "tok"})
        >>> cassette = load_cassette(target)
        >>> cassette.interactions[0].request.header("X-Auth-Token"), check_cassette(cassette)
        ('***', [])
    """

    def __init__(self, path: str | os.PathLike[str], *, policy: ScrubPolicy | None = None,
                 auth_options: AuthOptions | None = None,
                 metadata: Mapping[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.policy = policy or ScrubPolicy()
        self.auth_options = auth_options
        self.metadata: dict[str, Any] = dict(metadata or {})
        if auth_options is not None:
            self.metadata.setdefault("auth", auth_metadata(auth_options))
        self.logins: list[AuthOptions] = []
        self.cassette: Cassette | None = None
        self.written = False
        self._context: Any = None

    def add_login(self, opts: AuthOptions) -> None:
        """Note one more authentication of the recording (replay repeats them in order)."""
        self.logins.append(opts)
        self.metadata["logins"] = [auth_metadata(o) for o in self.logins]

    def start(self) -> Recorder:
        """Start recording (vcrpy patches the HTTP stack until `stop`)."""
        import vcr  # type: ignore[import-untyped]

        recorder = vcr.VCR(record_mode="all", decode_compressed_response=True,
                           match_on=("method", "uri"))
        recorder.register_persister(_Persister(self))
        self._context = recorder.use_cassette(str(self.path))
        self._context.__enter__()
        return self

    def stop(self, *, write: bool = True) -> Cassette:
        """Stop recording, and scrub and normalise what was recorded (an empty cassette if
        nothing was sent).

        Args:
            write: Write it to `path` (atomically: a temporary file in the same folder, then
                a rename). False leaves the file at `path` as it was, for a recording that
                must not replace a good cassette (a failed test's).

        Raises:
            CassetteError: A secret survived scrubbing; nothing is written.
        """
        context, self._context = self._context, None
        if context is not None:
            context.__exit__(None, None, None)
        if self.cassette is None:
            self._finish([])
        assert self.cassette is not None
        if write:
            self.write()
        return self.cassette

    def write(self) -> Path:
        """Write the stopped recording to `path` (atomically) and return it.

        Raises:
            ValueError: Nothing was recorded yet (`stop` first).
        """
        if self.cassette is None:
            raise ValueError("Recorder.write: stop the recorder first")
        written = save_cassette(self.cassette, self.path)
        self.written = True
        return written

    def _finish(self, interactions: list[Interaction]) -> None:
        from stackdouble import __version__

        cassette = Cassette(interactions=interactions, path=self.path)
        cassette.stackdouble.update(self.metadata)
        cassette.stackdouble["recorded_with"] = f"stackdouble {__version__}"
        finish_recording(cassette, policy=self.policy, auth_options=self.auth_options,
                         logins=self.logins)
        self.cassette = cassette

    def __enter__(self) -> Recorder:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
