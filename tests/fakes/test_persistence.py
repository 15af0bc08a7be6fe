"""`FakeCloud(data_dir=...)`: what a data directory keeps across restarts, exactly, and how
it refuses a directory it cannot use."""

from __future__ import annotations

import io
import json
import os
import random
import stat
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import requests

from stackdouble import cli
from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.http import FakeApp
from stackdouble.fakes.persistence import (
    DataDirLocked,
    DataDirMismatch,
    JournalError,
    PersistenceError,
)
from stackdouble.fakes.persistence import store as store_module
from stackdouble.fakes.persistence.journal import Journal
from tests.fakes.persistence_writes import Writes

START = datetime(2026, 11, 27, 8, 56, 16, tzinfo=timezone.utc)


@pytest.fixture
def http() -> Iterator[requests.Session]:
    """A session that ignores proxy variables."""
    with requests.Session() as session:
        session.trust_env = False
        yield session


def kept_state(cloud: FakeCloud) -> dict[str, Any]:
    """`cloud.dump()` but the request count (the request log is not kept)."""
    dumped = cloud.dump()
    del dumped["requests"]
    return dumped


def frozen() -> FakeClock:
    """A clock frozen at START."""
    return FakeClock(start=START, ticking=False)


# -- what comes back --------------------------------------------------------------------


def test_restart_after_a_crash_keeps_tokens_ids_objects_and_timestamps(
        tmp_path: Path, http: requests.Session) -> None:
    path = tmp_path / "cloud"
    cloud = FakeCloud(seed=3, data_dir=path)  # a ticking clock, as served
    with cloud:
        http.post(cloud.base_url + "/_stackdouble/clock", json={"advance": 86400})
        writes = Writes(http, cloud.base_url, random.Random(1))
        for kind in Writes.KINDS:
            writes.write(kind)
    before = kept_state(cloud)
    offset = cloud.clock.time() - time.time()
    cloud.close(checkpoint=False)  # as if killed: nothing but the journal

    again = FakeCloud(data_dir=path)
    assert again.persistence is not None
    assert again.persistence.replayed > len(Writes.KINDS)
    after = kept_state(again)
    assert after.pop("clock")["now"] > before.pop("clock")["now"]
    assert after["seed"] == 3
    assert after == before
    assert abs((again.clock.time() - time.time()) - offset) < 5  # still a day ahead
    with again:
        for fact in writes.facts:
            writes.check(fact)  # the tokens validate, the bytes and timestamps are the same
    again.close()


@pytest.mark.parametrize("fsync", [False, True])
def test_every_write_is_back_with_or_without_waiting_for_the_disk(
        tmp_path: Path, http: requests.Session, fsync: bool) -> None:
    path = tmp_path / "cloud"
    cloud = FakeCloud(seed=4, data_dir=path, fsync=fsync)
    assert cloud.persistence is not None
    assert cloud.persistence.fsync is fsync
    with cloud:
        writes = Writes(http, cloud.base_url, random.Random(2))
        for kind in Writes.KINDS:
            writes.write(kind)
    before = kept_state(cloud)
    cloud.close(checkpoint=False)

    again = FakeCloud(data_dir=path, fsync=fsync)
    after = kept_state(again)
    after.pop("clock"), before.pop("clock")
    assert after == before
    with again:
        for fact in writes.facts:
            writes.check(fact)
    again.close()


def test_ids_after_a_restart_are_those_of_a_cloud_never_stopped(tmp_path: Path,
                                                                 http: requests.Session) -> None:
    twin = FakeCloud(seed=9, clock=frozen())
    kept = FakeCloud(seed=9, clock=frozen(), data_dir=tmp_path / "cloud")
    for cloud in (twin, kept):
        with cloud:
            writes = Writes(http, cloud.base_url, random.Random(2))
            for kind in ("project", "server", "volume", "object", "network", "token"):
                writes.write(kind)
            http.post(cloud.base_url + "/identity/v3/projects", json={"project": {}},
                      headers={"X-Auth-Token": writes.admin})  # a 400: drew, not journaled
    kept.close(checkpoint=False)
    kept = FakeCloud(seed=9, data_dir=tmp_path / "cloud")
    made = []
    for cloud in (twin, kept):
        with cloud:
            writes = Writes(http, cloud.base_url, random.Random(3))
            made.append([writes.write("project"), writes.write("volume"), writes.write("token"),
                         writes.demo])
    assert made[0] == made[1]
    assert kept_state(twin) == kept_state(kept)
    kept.close()


def test_restart_from_a_checkpoint_equals_restart_from_the_journal(
        tmp_path: Path, http: requests.Session) -> None:
    dumps = []
    for checkpoint in (False, True):
        path = tmp_path / f"cloud-{checkpoint}"
        cloud = FakeCloud(seed=4, clock=frozen(), data_dir=path)
        with cloud:
            writes = Writes(http, cloud.base_url, random.Random(4))
            for _ in range(12):
                writes.write()
        dumps.append(kept_state(cloud))
        cloud.close(checkpoint=checkpoint)
        again = FakeCloud(data_dir=path)
        assert again.persistence is not None
        assert (again.persistence.replayed == 0) is checkpoint
        assert kept_state(again) == dumps[-1]
        again.close()
    assert dumps[0] == dumps[1]


def test_python_api_changes_are_kept_from_the_first_request_and_at_checkpoint(
        tmp_path: Path, http: requests.Session) -> None:
    path = tmp_path / "cloud"
    cloud = FakeCloud(seed=5, data_dir=path)
    cloud.identity.create_project("before-first-request")
    with cloud:
        http.get(cloud.auth_url + "/v3")
    cloud.identity.create_project("between-requests")
    cloud.close(checkpoint=False)
    again = FakeCloud(data_dir=path)
    names = {p.name for p in again.identity.projects.values()}
    assert "before-first-request" in names
    assert "between-requests" not in names
    again.identity.create_project("checkpointed")
    again.checkpoint()
    again.close(checkpoint=False)
    third = FakeCloud(data_dir=path)
    assert "checkpointed" in {p.name for p in third.identity.projects.values()}
    third.close()


def test_faults_and_the_request_log_are_not_kept(tmp_path: Path,
                                                 http: requests.Session) -> None:
    path = tmp_path / "cloud"
    cloud = FakeCloud(seed=6, data_dir=path)
    with cloud:
        http.post(cloud.base_url + "/_stackdouble/faults",
                  json={"method": "GET", "path": "/compute/*", "status": 503, "times": None})
        http.get(cloud.auth_url + "/v3")
    assert len(cloud.faults) == 1
    assert len(cloud.requests) == 1
    cloud.close(checkpoint=False)
    again = FakeCloud(data_dir=path)
    assert len(again.faults) == 0
    assert len(again.requests) == 0
    again.close()


def test_a_request_answered_by_a_fault_or_an_error_is_not_journaled(
        tmp_path: Path, http: requests.Session) -> None:
    cloud = FakeCloud(seed=7, data_dir=tmp_path / "cloud")
    with cloud:
        writes = Writes(http, cloud.base_url, random.Random(5))
        cloud.inject_fault("POST", "/identity/v3/projects", status=503)
        assert writes.write("project") is None
        assert http.post(cloud.base_url + "/identity/v3/projects", json={"project": {}},
                         headers={"X-Auth-Token": writes.admin}).status_code == 400
    assert cloud.persistence is not None
    assert cloud.persistence.journal is not None
    records = cloud.persistence.journal.records
    assert records == 3  # the two logins and the token check, nothing since
    cloud.close()


def test_a_torn_last_record_is_ignored(tmp_path: Path, http: requests.Session) -> None:
    path = tmp_path / "cloud"
    cloud = FakeCloud(seed=8, clock=frozen(), data_dir=path)
    with cloud:
        writes = Writes(http, cloud.base_url, random.Random(6))
        writes.write("project")
        before = kept_state(cloud)
        writes.write("project")
    assert cloud.persistence is not None
    assert cloud.persistence.journal is not None
    journal = cloud.persistence.journal.path
    size = cloud.persistence.journal.size
    cloud.close(checkpoint=False)
    with open(journal, "r+b") as fh:  # cut the last record in two, as a crash would
        fh.seek(size - 40)
        fh.write(bytes(40))
    again = FakeCloud(data_dir=path)
    assert kept_state(again) == before
    again.close()


def test_compaction_keeps_the_journal_short(tmp_path: Path, http: requests.Session,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "REPLAY_BUDGET", 0.0)
    monkeypatch.setattr(store_module, "JOURNAL_BUDGET", 0)
    monkeypatch.setattr(store_module, "COST_RATIO", 0)
    monkeypatch.setattr(store_module, "SIZE_RATIO", 0)
    path = tmp_path / "cloud"
    cloud = FakeCloud(seed=10, clock=frozen(), data_dir=path)
    with cloud:
        writes = Writes(http, cloud.base_url, random.Random(7))
        for _ in range(10):
            writes.write("object")
    before = kept_state(cloud)
    assert cloud.persistence is not None
    assert cloud.persistence.datadir.current is not None
    assert cloud.persistence.datadir.current["generation"] > 10
    cloud.close(checkpoint=False)
    files = sorted(p.name for p in path.iterdir())
    assert len([f for f in files if f.startswith(("snapshot", "journal"))]) == 2, files
    again = FakeCloud(data_dir=path)
    assert again.persistence is not None
    assert again.persistence.replayed <= 1
    assert kept_state(again) == before
    again.close()


def test_a_journal_that_cannot_be_written_answers_503_from_then_on(
        tmp_path: Path, http: requests.Session, monkeypatch: pytest.MonkeyPatch) -> None:
    cloud = FakeCloud(seed=11, data_dir=tmp_path / "cloud")
    with cloud:
        writes = Writes(http, cloud.base_url, random.Random(8))

        def full(self: Journal, payload: bytes) -> int:
            raise JournalError("cannot write the journal: No space left on device")

        monkeypatch.setattr(Journal, "append", full)
        resp = http.post(cloud.base_url + "/identity/v3/projects", json={
            "project": {"name": "lost"}}, headers={"X-Auth-Token": writes.admin})
        assert resp.status_code == 503
        assert "No space left on device" in resp.json()["error"]["message"]
        assert http.get(cloud.auth_url + "/v3").status_code == 503
    assert cloud.persistence is not None
    assert cloud.persistence.failed is not None
    cloud.close()


# -- the directory ------------------------------------------------------------------------


def test_data_dir_is_private(tmp_path: Path, http: requests.Session) -> None:
    path = tmp_path / "new" / "cloud"
    cloud = FakeCloud(seed=12, data_dir=path)
    with cloud:
        http.get(cloud.auth_url + "/v3")
    assert stat.S_IMODE(path.stat().st_mode) == 0o700
    for entry in path.iterdir():
        assert stat.S_IMODE(entry.stat().st_mode) == 0o600, entry.name
    cloud.close()


def test_a_data_dir_writable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cloud"
    FakeCloud(seed=1, data_dir=path).close()
    path.chmod(0o777)
    with pytest.raises(PersistenceError, match="writable by group or others"):
        FakeCloud(data_dir=path)


def test_one_cloud_per_data_dir(tmp_path: Path) -> None:
    path = tmp_path / "cloud"
    first = FakeCloud(seed=1, data_dir=path)
    with pytest.raises(DataDirLocked, match=f"in use by process {os.getpid()}"):
        FakeCloud(seed=1, data_dir=path)
    first.close()
    FakeCloud(seed=1, data_dir=path).close()


def test_another_seed_or_version_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "cloud"
    FakeCloud(seed=1, data_dir=path).close()
    with pytest.raises(DataDirMismatch, match="created with seed 1; this cloud asks for seed 2"):
        FakeCloud(seed=2, data_dir=path)
    with pytest.raises(DataDirMismatch, match="regions"):
        FakeCloud(regions=["RegionTwo"], data_dir=path)
    current = json.loads((path / "CURRENT").read_text())
    (path / "CURRENT").write_text(json.dumps(current | {"stackdouble": "0.0.1"}))
    with pytest.raises(DataDirMismatch, match=r"holds data of stackdouble 0\.0\.1"):
        FakeCloud(data_dir=path)


def test_a_new_data_dir_without_a_seed_picks_one_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "cloud"
    cloud = FakeCloud(data_dir=path)
    seed = cloud.seed_value
    assert isinstance(seed, int)
    cloud.close()
    again = FakeCloud(data_dir=path)
    assert again.seed_value == seed
    again.close()


def test_without_a_data_dir_the_app_is_the_plain_one() -> None:
    cloud = FakeCloud()
    assert type(cloud.app) is FakeApp
    assert cloud.persistence is None
    cloud.close()  # nothing to close


def test_checkpoint_without_a_data_dir_says_so() -> None:
    with pytest.raises(RuntimeError, match="no open data directory"):
        FakeCloud().checkpoint()


# -- the command line ---------------------------------------------------------------------


def _serve_in_thread(**options: Any) -> tuple[threading.Thread, threading.Event, io.StringIO]:
    out, stop = io.StringIO(), threading.Event()
    thread = threading.Thread(target=cli.serve, kwargs=dict(
        port=0, out=out, err=io.StringIO(), stop_event=stop, **options))
    thread.start()
    deadline = time.monotonic() + 30
    while "Press Ctrl-C" not in out.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    return thread, stop, out


def test_serve_sets_up_a_new_data_dir_once_and_restores_it(tmp_path: Path) -> None:
    path = str(tmp_path / "cloud")
    thread, stop, out = _serve_in_thread(seed=1, data_dir=path, servers=3)
    stop.set()
    thread.join(30)
    assert f"data dir: {Path(path)} (new" in out.getvalue()
    thread, stop, out = _serve_in_thread(data_dir=path)
    stop.set()
    thread.join(30)
    assert "(restored, 0 journaled requests replayed" in out.getvalue()
    cloud = FakeCloud(data_dir=path)
    assert len(cloud.compute.servers) == 3  # not made again
    cloud.close()


def test_serve_refuses_other_set_up_options_with_exit_2(tmp_path: Path) -> None:
    path = str(tmp_path / "cloud")
    FakeCloud(seed=1, data_dir=path).close()
    err = io.StringIO()
    assert cli.serve(port=0, data_dir=path, seed=2, err=err, out=io.StringIO()) == 2
    assert "created with seed 1" in err.getvalue()
    cloud = FakeCloud(data_dir=path)
    assert cloud.persistence is not None
    cloud.persistence.checkpoint(setup={"servers": 2, "volumes": 0, "compute_hosts": 1,
                                        "state": None})
    cloud.close()
    err = io.StringIO()
    assert cli.serve(port=0, data_dir=path, servers=5, err=err, out=io.StringIO()) == 2
    assert "was set up with --servers 2" in err.getvalue()


def test_fsync_needs_a_data_dir(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--fsync"]) == 2
    assert "--fsync needs --data-dir" in capsys.readouterr().err


@pytest.mark.parametrize("cls", [PersistenceError, DataDirLocked, DataDirMismatch,
                                 JournalError])
def test_errors_pickle_and_are_value_errors(cls: type[PersistenceError]) -> None:
    import pickle

    error = pickle.loads(pickle.dumps(cls("data directory /x: why")))
    assert type(error) is cls
    assert str(error) == "data directory /x: why"
    assert isinstance(error, ValueError)
