"""Cassettes: recorded cloud traffic, scrubbed of secrets, replayed by index.

The pytest plugin (`stackdouble.pytest_plugin`) records and replays through this package;
the `stackdouble cassettes check|scrub` commands use it too. A cassette is a vcrpy-format
YAML file, so vcrpy and pytest-recording read ours and we read theirs.

Record whatever is sent while a `Recorder` is active; it is written scrubbed:

    >>> import pathlib, tempfile, requests
    >>> from stackdouble.fakes import FakeCloud
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "example.yaml"
    >>> with FakeCloud(seed=1).serve() as served, Recorder(path):
    ...     body = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
    ...         "name": "demo", "domain": {"name": "Default"}, "password": "demo-secret"}}}}}
    ...     token = requests.post(served.url + "/identity/v3/auth/tokens", json=body
    ...                           ).headers["X-Subject-Token"]
    >>> text = path.read_text()
    >>> "demo-secret" in text, token in text, "127.0.0.1" in text
    (False, False, False)
    >>> check_cassette(load_cassette(path))
    []

Replay it: every `requests` call is answered from the cassette, by index:

    >>> cassette = load_cassette(path)
    >>> with Replayer(ReplayIndex(cassette)):
    ...     resp = requests.post("http://cloud.stackdouble.test/identity/v3/auth/tokens",
    ...                          json=body)
    >>> resp.status_code, resp.headers["X-Subject-Token"]
    (201, '***')
"""

from __future__ import annotations

from stackdouble.cassettes._drift import (
    DriftFinding,
    compare_interactions,
    json_shape,
    path_template,
    render_report,
)
from stackdouble.cassettes._model import (
    FORMAT_VERSION,
    Cassette,
    CassetteError,
    CassetteNotFound,
    CorruptCassette,
    Interaction,
    RecordedRequest,
    RecordedResponse,
    dump_cassette,
    iter_cassette_files,
    load_cassette,
    save_cassette,
)
from stackdouble.cassettes._record import Recorder, auth_metadata, finish_recording
from stackdouble.cassettes._replay import (
    Replayer,
    ReplayIndex,
    UnmatchedRequest,
    match_url,
    request_key,
)
from stackdouble.cassettes._scrub import (
    Leak,
    ScrubPolicy,
    canonical_body,
    check_cassette,
    collect_secrets,
    normalise_cassette,
    scrub_cassette,
)

__all__ = [
    "FORMAT_VERSION",
    "Cassette",
    "CassetteError",
    "CassetteNotFound",
    "CorruptCassette",
    "DriftFinding",
    "Interaction",
    "Leak",
    "RecordedRequest",
    "RecordedResponse",
    "Recorder",
    "ReplayIndex",
    "Replayer",
    "ScrubPolicy",
    "UnmatchedRequest",
    "auth_metadata",
    "canonical_body",
    "check_cassette",
    "collect_secrets",
    "compare_interactions",
    "dump_cassette",
    "finish_recording",
    "iter_cassette_files",
    "json_shape",
    "load_cassette",
    "match_url",
    "normalise_cassette",
    "path_template",
    "render_report",
    "request_key",
    "save_cassette",
    "scrub_cassette",
]
