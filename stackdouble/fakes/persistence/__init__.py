"""Persistence of a fake cloud across restarts: `FakeCloud(data_dir=...)`,
`stackdouble serve --data-dir DIR`.

A data directory holds a snapshot of the cloud's state and a journal of every request
answered since, each written (and with `fsync=True` flushed to the disk) before its answer
is sent; opening it loads the snapshot and replays the journal through the same app, with
the clock pinned to each request's instant and the id generator's draws kept in step, so
the cloud comes back with the same ids, tokens, object bytes and timestamps. The modules:

| module | does |
|---|---|
| `store.py` | `Persistence`: opens, restores, journals, checkpoints, closes |
| `datadir.py` | the directory (0700), its lock, its `CURRENT` pointer |
| `journal.py` | the append-only, checksummed, preallocated journal file |
| `records.py` | one request as a record, and its replay |
| `snapshot.py` | the state pickled at a checkpoint, and loaded back |
| `app.py` | `JournaledApp`, the `FakeApp` that journals around each answer |
| `pinnedclock.py` | the clock a request reads one instant of |
| `draws.py` | counting the id generator's draws |
| `errors.py` | `PersistenceError` and its kinds |

Example:
    >>> import tempfile, requests
    >>> from stackdouble.fakes import FakeCloud
    >>> path = tempfile.mkdtemp() + "/cloud"
    >>> cloud = FakeCloud(seed=1, data_dir=path)
    >>> token = cloud.identity.issue_token("demo", project="demo")
    >>> with cloud:
    ...     made = requests.post(cloud.identity_v3_url + "/projects",
    ...                          json={"project": {"name": "kept"}},
    ...                          headers={"X-Auth-Token": cloud.identity.issue_token(
    ...                              "admin", project="admin")})
    >>> cloud.close(checkpoint=False)  # as if killed: the journal holds the project
    >>> again = FakeCloud(data_dir=path)
    >>> again.project_id("kept") == made.json()["project"]["id"], again.persistence.replayed
    (True, 1)
    >>> again.close()
"""

from __future__ import annotations

from stackdouble.fakes.persistence.errors import (
    DataDirLocked,
    DataDirMismatch,
    JournalError,
    PersistenceError,
)
from stackdouble.fakes.persistence.store import Persistence

__all__ = [
    "DataDirLocked",
    "DataDirMismatch",
    "JournalError",
    "Persistence",
    "PersistenceError",
]
