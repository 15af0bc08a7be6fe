"""The data directory: created private, locked by one process, and its `CURRENT` pointer.

```
DIR/                 0700, owned by the user running the cloud
  lock               flock()ed while a cloud has DIR open; holds that process's pid
  CURRENT            JSON: data format, stackdouble version, the cloud's options, and
                     which snapshot and journal hold the state (replaced atomically)
  snapshot-NNNNNN.pickle   the state at a checkpoint
  journal-NNNNNN.log       the requests answered since that checkpoint
```

Every file is created 0600: the journal holds request bodies (passwords, object data) and
tokens, the snapshot every user's password. `CURRENT` is only ever replaced by a renamed,
fsync'd copy, and names only files already fsync'd, so a crash at any instant leaves a
directory that opens; files it does not name are leftovers of an interrupted checkpoint and
are removed when the directory is opened.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from stackdouble.fakes.persistence.errors import DataDirLocked, JournalError, PersistenceError

__all__ = ["CURRENT", "LOCK", "DataDir", "write_file_atomically"]

#: The pointer file's name.
CURRENT = "CURRENT"
#: The lock file's name.
LOCK = "lock"
_DATA_FILE = re.compile(r"(snapshot|journal)-(\d{6,})\.(pickle|log)(\.tmp)?")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` (0600) through a fsync'd temporary file renamed over it, then
    fsync the directory: after a crash `path` holds the old or the new content, whole."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


class DataDir:
    """One data directory, opened and locked (`DataDir.open`) until `release`.

    Attributes:
        path: The directory, absolute.
        current: The `CURRENT` document, or None while the directory holds no state yet.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.current: dict[str, Any] | None = None
        self._lock_fd: int | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> DataDir:
        """Create the directory if need be (0700), lock it and read `CURRENT`.

        Raises:
            PersistenceError: Not a directory, not the user's, writable by others, or
                `CURRENT` unreadable.
            DataDirLocked: Another process (or cloud) has it open.
        """
        if sys.platform == "win32":  # pragma: no cover - flock is POSIX
            raise PersistenceError("a data directory needs a POSIX system (flock)")
        datadir = cls(Path(os.path.abspath(os.fspath(path))))
        datadir._prepare()
        datadir._lock()
        try:
            datadir._read_current()
        except BaseException:
            datadir.release()
            raise
        return datadir

    def _prepare(self) -> None:
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError as exc:
            raise PersistenceError(f"data directory {path}: cannot create it: "
                                   f"{exc.strerror}") from None
        st = path.stat()
        if not path.is_dir():
            raise PersistenceError(f"data directory {path}: not a directory")
        if st.st_uid != os.geteuid():
            raise PersistenceError(
                f"data directory {path}: owned by uid {st.st_uid}, not by this user "
                f"({os.geteuid()}); it holds passwords and tokens, and its snapshots are "
                f"pickles, so only a directory of one's own is used")
        if st.st_mode & 0o022 and any(path.iterdir()):
            raise PersistenceError(
                f"data directory {path}: writable by group or others (mode "
                f"{st.st_mode & 0o777:o}) and not empty; its snapshots are pickles, which "
                f"run code when loaded, so it is not trusted: use a new directory")
        if st.st_mode & 0o777 != 0o700:
            path.chmod(0o700)

    def _lock(self) -> None:
        fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            os.close(fd)
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise PersistenceError(f"data directory {self.path}: cannot lock it: "
                                       f"{exc.strerror}") from None
            who = f"process {holder}" if holder.isdigit() else "another process"
            raise DataDirLocked(
                f"data directory {self.path} is in use by {who} (one cloud per data "
                f"directory): stop it first, or use another directory") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._lock_fd = fd

    def _read_current(self) -> None:
        try:
            text = (self.path / CURRENT).read_text(encoding="utf-8")
        except FileNotFoundError:
            self.current = None
            return
        try:
            doc = json.loads(text)
            if not isinstance(doc, dict):
                raise ValueError
        except ValueError:
            raise JournalError(f"data directory {self.path}: {CURRENT} is not the JSON "
                               f"stackdouble writes; remove the directory to start "
                               f"afresh") from None
        self.current = doc

    def file(self, name: str) -> Path:
        """The path of a file in the directory."""
        return self.path / name

    def write_current(self, doc: dict[str, Any]) -> None:
        """Replace `CURRENT` atomically (fsync'd before and after the rename)."""
        write_file_atomically(self.path / CURRENT, json.dumps(doc, indent=1).encode("utf-8"))
        self.current = doc

    def fsync(self) -> None:
        """Make the directory's entries (new or renamed files) durable."""
        _fsync_dir(self.path)

    def remove_unreferenced(self) -> None:
        """Remove the snapshots and journals `CURRENT` does not name (and temporaries)."""
        doc = self.current or {}
        keep = {doc.get("snapshot"), doc.get("journal")}
        for entry in self.path.iterdir():
            if _DATA_FILE.fullmatch(entry.name) and entry.name not in keep:
                entry.unlink(missing_ok=True)
        tmp = self.path / (CURRENT + ".tmp")
        tmp.unlink(missing_ok=True)

    def release(self) -> None:
        """Unlock the directory (closing the lock file releases the flock)."""
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            os.close(fd)

    @property
    def locked(self) -> bool:
        """Whether this object still holds the lock."""
        return self._lock_fd is not None

    def __repr__(self) -> str:
        return f"<DataDir {self.path}>"
