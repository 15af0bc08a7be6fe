"""`Persistence`: a cloud's data directory, open; restores the cloud, journals it, checkpoints.

Opening (`Persistence.attach`, from `FakeCloud(data_dir=...)`):

1. lock the directory (`datadir`), refuse another version's data or other options;
2. load the snapshot `CURRENT` names and replay its journal (`records.replay`), stopping at
   the first record that is not whole; drop the faults the replay injected;
3. start a new generation: a new empty journal, and a new snapshot if anything was
   replayed, so the next start replays nothing of this one.

While open, every request the cloud answers 2xx or 3xx is a journal record, written before
the answer is sent (and, with `fsync=True`, fsync'd for any request but a GET, HEAD or
OPTIONS that drew no new id). A checkpoint (`checkpoint`) snapshots the state and starts a
new journal: at the first request (the state the cloud was set up with in Python), when
replaying the journal would take longer than a second and four times as long as the last
snapshot took to write (judged by the time its requests took), when it outgrows 64 MiB and
twice the snapshot, and at `close`.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.persistence import draws, records
from stackdouble.fakes.persistence.app import JournaledApp, TeeInput
from stackdouble.fakes.persistence.datadir import DataDir
from stackdouble.fakes.persistence.errors import DataDirMismatch, JournalError
from stackdouble.fakes.persistence.journal import Journal, JournalReading, read_journal
from stackdouble.fakes.persistence.pinnedclock import ClockState, PinnableClock
from stackdouble.fakes.persistence.snapshot import load_snapshot, write_snapshot

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["FORMAT", "Persistence"]

log = logging.getLogger(__name__)

#: The data format; a directory of another format is refused.
FORMAT = 1
#: Seconds of request handling a journal may hold before a checkpoint.
REPLAY_BUDGET = 1.0
#: Bytes a journal may hold before a checkpoint (or twice the snapshot, if more).
JOURNAL_BUDGET = 64 << 20
#: A journal may also take this many times as long to replay as the last snapshot took to
#: write, and be this many times its size: checkpoints then cost a bounded share of the
#: time and the disk, however large the state.
COST_RATIO = 4
SIZE_RATIO = 2
_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def _version() -> str:
    from stackdouble import __version__

    return __version__


class _Pending:
    """What `begin` noted of a request, for `commit`."""

    __slots__ = ("base_url", "clock", "drawn", "started", "tee", "wall")

    def __init__(self, wall: float, clock: ClockState, drawn: tuple[int, int, int],
                 base_url: str, tee: TeeInput | None) -> None:
        self.wall = wall
        self.clock = clock
        self.drawn = drawn
        self.base_url = base_url
        self.tee = tee
        self.started = time.perf_counter()


class Persistence:
    """A cloud's open data directory (`FakeCloud(data_dir=...)`: `cloud.persistence`).

    Attributes:
        path: The directory.
        fsync: Whether records reach the disk before the answer (else the operating
            system: kept if the process is killed, not if the machine stops).
        created: True when the directory held no state: the cloud starts from its
            options, and its state is written at the first request or `checkpoint`.
        replayed: How many journaled requests were replayed when it was opened.
        setup: What the command line set the cloud up with when the directory was
            created (`stackdouble serve`'s `--servers`, `--state`...), or None.
        closed: Whether `close` was called.
        failed: Why the journal can no longer be written (every request is then answered
            503), or None.
    """

    def __init__(self, datadir: DataDir, *, fsync: bool) -> None:
        self.datadir = datadir
        self.path = datadir.path
        self.fsync = fsync
        doc = datadir.current
        self.created = doc is None
        self.replayed = 0
        self.setup: dict[str, Any] | None = (doc or {}).get("setup")
        self.closed = False
        self.failed: str | None = None
        self.journal: Journal | None = None
        self._cloud: FakeCloud | None = None
        self._clock: PinnableClock | None = None
        self._options: dict[str, Any] = {}
        self._ids: Any = None
        self._local = threading.local()
        self._cost = 0.0
        self._snapshot_cost = 0.0
        self._snapshot_size = 0

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def attach(cls, cloud: FakeCloud, path: str | os.PathLike[str], *,
               fsync: bool = False) -> Persistence:
        """Open the data directory at `path` for `cloud` (just made, with its options) and
        restore what it holds.

        Raises:
            DataDirLocked: Another process or cloud has it open.
            DataDirMismatch: It holds another version's data, or the cloud's options
                (seed, regions, profile, token lifetime, identity versions, base URL,
                Swift's configuration) differ from those it was created with.
            JournalError: Its snapshot cannot be loaded or its journal replayed.
            PersistenceError: It cannot be created, or is not the user's own.
        """
        store = cls(DataDir.open(path), fsync=fsync)
        try:
            store._check_version()
            store._restore(cloud)
        except BaseException:
            store.closed = True
            store.datadir.release()
            raise
        return store

    def _check_version(self) -> None:
        doc = self.datadir.current
        if doc is None:
            return
        theirs, ours = (doc.get("stackdouble"), doc.get("format")), (_version(), FORMAT)
        if theirs != ours:
            raise DataDirMismatch(
                f"data directory {self.path} holds data of stackdouble {theirs[0]} (data "
                f"format {theirs[1]}); this is stackdouble {ours[0]} (format {ours[1]}), "
                f"which does not read it: run that version on it (its --dump-state writes "
                f"a state file any version loads), or remove the directory to start afresh")

    def _restore(self, cloud: FakeCloud) -> None:
        doc = self.datadir.current
        if doc is None:
            if cloud.seed_value is None:
                cloud.seed(secrets.randbits(62))  # a replay needs the seed
        else:
            stored = doc.get("options", {})
            if cloud.seed_value is None and isinstance(stored.get("seed"), int):
                cloud.seed(stored["seed"])
        self._options = _options_of(cloud)
        if doc is not None:
            self._check_options(doc.get("options", {}))
        self._cloud = cloud
        self._clock = clock = PinnableClock(cloud.clock)
        cloud.clock = clock
        cloud.app = JournaledApp(cloud, self)
        cloud.app.remount()
        if doc is None:
            self._watch()
            return
        snapshot = doc.get("snapshot")
        if isinstance(snapshot, str):
            load_snapshot(cloud, clock, self.datadir.file(snapshot))
        journal = doc.get("journal")
        reading = JournalReading()
        if isinstance(journal, str) and self.datadir.file(journal).exists():
            for payload in read_journal(self.datadir.file(journal), reading):
                records.replay(cloud, clock, payload, reading.records)
        self.replayed = reading.records
        cloud.faults.clear()
        if reading.torn:
            log.warning("stackdouble: %s ended with a partly written record (a crash while "
                        "it was written, before it was answered); it is ignored", journal)
        self._watch()
        self.checkpoint(keep_snapshot=reading.records == 0 and isinstance(snapshot, str))

    def _check_options(self, stored: dict[str, Any]) -> None:
        differ = [key for key, value in self._options.items() if stored.get(key) != value]
        if differ:
            was = ", ".join(f"{key} {stored.get(key)!r}" for key in differ)
            now = ", ".join(f"{key} {self._options[key]!r}" for key in differ)
            raise DataDirMismatch(
                f"data directory {self.path} was created with {was}; this cloud asks for "
                f"{now}: start it with the same options (or without --seed: the directory's "
                f"is used), or use another directory")

    def _attached(self) -> tuple[FakeCloud, PinnableClock]:
        if self._cloud is None or self._clock is None:
            raise RuntimeError("this Persistence is not attached to a cloud")
        return self._cloud, self._clock

    def _watch(self) -> None:
        assert self._cloud is not None
        self._ids = self._cloud.ids
        draws.watch(self._ids)
        draws.zero(self._ids)

    # -- journaling --------------------------------------------------------------------------

    def begin(self, req: FakeRequest) -> _Pending:
        """Before a request is answered (under the cloud's lock): checkpoint first if the
        directory holds no state yet, pin the clock, keep the body as it is read."""
        cloud, clock = self._attached()
        if self.journal is None:
            self.checkpoint()
        if cloud.ids is not self._ids:  # reset from Python: counted afresh
            self._watch()
        wall = time.time()
        pending = _Pending(wall, clock.state(), draws.words(self._ids), cloud.base_url, None)
        stream = req.environ.get("wsgi.input")
        if stream is not None:
            pending.tee = TeeInput(stream)
            req.environ["wsgi.input"] = pending.tee
        clock.pin(wall)
        return pending

    def end(self, pending: _Pending) -> None:
        """Once the request is answered (or failed): unpin the clock."""
        assert self._clock is not None
        self._clock.pin(None)

    def commit(self, req: FakeRequest, resp: FakeResponse, pending: _Pending, *,
               by_fault: bool) -> None:
        """Journal an answered request (2xx and 3xx that a fault did not answer; the draws
        of the others are skipped by the next record's replay), and checkpoint if due.

        Raises:
            JournalError: The record could not be written.
        """
        cloud, _ = self._attached()
        journal = self.journal
        if journal is None:
            raise JournalError(f"data directory {self.path} has no journal open")
        if by_fault or resp.status >= 400:
            return
        if req.service.name == "control" and req.method in _SAFE:
            return  # the control plane's views change nothing
        body = pending.tee.taken() if pending.tee is not None else b""
        payload = records.encode(req.environ, body, wall=pending.wall, clock=pending.clock,
                                 gap=pending.drawn, base_url=pending.base_url,
                                 status=resp.status)
        now = draws.words(self._ids)
        drew = (cloud.ids is not self._ids or now[0] > pending.drawn[0]
                or now[1] > pending.drawn[1])
        end = journal.append(payload)
        if journal.fsync and (req.method not in _SAFE or drew):
            self._local.pending = (journal, end)
        if cloud.ids is not self._ids:
            self._watch()
        else:
            draws.zero(self._ids)
        self._cost += time.perf_counter() - pending.started
        if (self._cost > max(REPLAY_BUDGET, COST_RATIO * self._snapshot_cost)
                or journal.size > max(JOURNAL_BUDGET, SIZE_RATIO * self._snapshot_size)):
            self.checkpoint()

    def sync_pending(self) -> None:
        """Make this thread's last record durable (after the cloud's lock is released).

        Raises:
            JournalError: The flush failed.
        """
        pending = getattr(self._local, "pending", None)
        if pending is not None:
            self._local.pending = None
            journal, end = pending
            journal.sync(end)

    def fail(self, why: str) -> None:
        """Stop acknowledging: every later request is answered 503."""
        if self.failed is None:
            log.error("stackdouble: data directory %s: %s; answering 503 from now on",
                      self.path, why)
            self.failed = why

    # -- checkpoints -------------------------------------------------------------------------

    def checkpoint(self, *, setup: dict[str, Any] | None = None,
                   keep_snapshot: bool = False) -> None:
        """Snapshot the state and start a new journal (`CURRENT` switches atomically).

        Args:
            setup: What the command line set the cloud up with, kept in `CURRENT` (None
                keeps what is there).
            keep_snapshot: Only start a new journal (nothing changed since the snapshot).

        Raises:
            JournalError: It could not be written (the previous state stays current).
        """
        cloud, clock = self._attached()
        with cloud.lock:
            if self.closed:
                raise JournalError(f"data directory {self.path} is closed")
            doc = self.datadir.current or {}
            generation = int(doc.get("generation", 0)) + 1
            snapshot = doc.get("snapshot") if keep_snapshot else None
            if snapshot is None:
                snapshot = f"snapshot-{generation:06d}.pickle"
                target = self.datadir.file(snapshot)
                tmp = target.with_name(target.name + ".tmp")
                started = time.perf_counter()
                self._snapshot_size = write_snapshot(cloud, clock, tmp)
                os.replace(tmp, target)
                self._snapshot_cost = time.perf_counter() - started
            name = f"journal-{generation:06d}.log"
            self.datadir.file(name).unlink(missing_ok=True)
            journal = Journal.create(self.datadir.file(name), fsync=self.fsync)
            if setup is not None:
                self.setup = setup
            try:
                self.datadir.fsync()
                self.datadir.write_current({
                    "format": FORMAT, "stackdouble": _version(), "generation": generation,
                    "snapshot": snapshot, "journal": name, "options": self._options,
                    "setup": self.setup,
                    "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                })
            except OSError as exc:
                journal.retire()
                raise JournalError(f"cannot write {self.path}/CURRENT: {exc.strerror}") from None
            old, self.journal = self.journal, journal
            if old is not None:
                old.retire()
            self.datadir.remove_unreferenced()
            self._cost = 0.0
            if cloud.ids is not self._ids:
                self._watch()
            else:
                draws.zero(self._ids)

    def close(self, *, checkpoint: bool = True) -> None:
        """Checkpoint (unless `checkpoint` is False, or the journal failed), stop
        journaling and unlock the directory. The cloud goes on answering, in memory only."""
        if self.closed:
            return
        cloud = self._cloud
        assert cloud is not None
        with cloud.lock:
            try:
                if checkpoint and self.failed is None:
                    self.checkpoint()
            finally:
                self.closed = True
                if self.journal is not None:
                    self.journal.retire()
                self.datadir.release()

    def __repr__(self) -> str:
        state = "closed" if self.closed else ("failed" if self.failed else "open")
        return f"<Persistence {self.path} {state}>"


def _options_of(cloud: FakeCloud) -> dict[str, Any]:
    """The options a data directory is tied to."""
    return {
        "seed": cloud.seed_value,
        "profile": cloud.profile.name,
        "base_url": cloud.base_url,
        "regions": list(cloud.regions),
        "token_ttl": cloud.token_ttl,
        "identity_versions": list(cloud.identity_versions),
        "swift": repr(cloud.swift_config),
    }
