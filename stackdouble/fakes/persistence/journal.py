"""The append-only journal: checksummed records in a preallocated file.

```
file:    b"SDJOURN1" + 8 reserved bytes
record:  b"SDRC" | payload length (u32) | crc32(seq + payload) (u32) | seq (u64) | payload
```

Records are written with one `pwrite` each into space allocated ahead (`posix_fallocate`,
16 MiB at a time) and made durable with `fdatasync`: on a file that does not grow, that
flushes the data alone, about ten times cheaper than flushing a file whose size changed
(measured 0.2 ms against 2 ms on an ext4 virtual disk). Reading stops at the first record
that is not whole, not the next in sequence or not matching its checksum (a record torn by
a crash, or the zeros of the unused space): what follows it was never acknowledged.

`sync` is a group commit: a request's record is written under the cloud's lock, and
fsync'd after the lock is released, before the answer is sent; one `fdatasync` covers
every record written before it, so concurrent writers share it.
"""

from __future__ import annotations

import os
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

from stackdouble.fakes.persistence.errors import JournalError

__all__ = ["CHUNK", "Journal", "read_journal"]

_FILE_HEADER = b"SDJOURN1" + bytes(8)
_RECORD = struct.Struct("<4sIIQ")
_RECORD_MAGIC = b"SDRC"
_SEQ = struct.Struct("<Q")
#: How much space the journal allocates ahead, in bytes.
CHUNK = 16 << 20
_datasync = getattr(os, "fdatasync", os.fsync)


class Journal:
    """A journal file open for appending (`create`); records go in with `append`.

    Attributes:
        path: The file.
        size: Bytes written (header and records).
        records: Records written.
        fsync: Whether `sync` flushes to the disk (else only to the operating system,
            which survives the process being killed but not the machine stopping).
    """

    def __init__(self, path: Path, fd: int, *, fsync: bool) -> None:
        self.path = path
        self._fd = fd
        self.fsync = fsync
        self.size = len(_FILE_HEADER)
        self.records = 0
        self._allocated = 0
        self._synced = self.size
        self._sync_lock = threading.Lock()
        self.retired = False

    @classmethod
    def create(cls, path: Path, *, fsync: bool) -> Journal:
        """A new, empty journal at `path` (0600), its first chunk allocated and durable.

        Raises:
            JournalError: It cannot be created.
        """
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise JournalError(f"cannot create the journal {path}: {exc.strerror}") from None
        journal = cls(path, fd, fsync=fsync)
        try:
            os.pwrite(fd, _FILE_HEADER, 0)
            journal._grow(CHUNK)
            os.fsync(fd)
        except OSError as exc:
            os.close(fd)
            raise JournalError(f"cannot create the journal {path}: {exc.strerror}") from None
        return journal

    def _grow(self, need: int) -> None:
        size = max(self._allocated + CHUNK, self.size + need + CHUNK)
        try:
            os.posix_fallocate(self._fd, self._allocated, size - self._allocated)
        except (AttributeError, OSError):  # not on macOS; not on every file system
            os.ftruncate(self._fd, size)
        self._allocated = size

    def append(self, payload: bytes) -> int:
        """Write one record (to the operating system, not yet to the disk); returns the
        journal's size once it is in, for `sync`.

        Raises:
            JournalError: The write failed (disk full...).
        """
        self.records += 1
        seq = _SEQ.pack(self.records)
        head = _RECORD.pack(_RECORD_MAGIC, len(payload), zlib.crc32(payload, zlib.crc32(seq)),
                            self.records)
        total = len(head) + len(payload)
        try:
            if self.size + total > self._allocated:
                self._grow(total)
            if total <= 65536:
                _pwrite_all(self._fd, head + payload, self.size)
            else:
                _pwrite_all(self._fd, head, self.size)
                _pwrite_all(self._fd, payload, self.size + len(head))
        except OSError as exc:
            self.records -= 1
            raise JournalError(f"cannot write the journal {self.path}: {exc.strerror}") from None
        self.size += total
        return self.size

    def sync(self, upto: int) -> None:
        """Make the records up to `upto` bytes durable (one `fdatasync` for every writer
        waiting); a no-op without `fsync`, or once the journal is retired (a checkpoint's
        snapshot, already durable, holds them).

        Raises:
            JournalError: The flush failed.
        """
        if not self.fsync:
            return
        with self._sync_lock:
            if self.retired or self._synced >= upto:
                return
            target = self.size
            try:
                _datasync(self._fd)
            except OSError as exc:
                raise JournalError(f"cannot flush the journal {self.path}: "
                                   f"{exc.strerror}") from None
            self._synced = max(self._synced, target)

    def retire(self) -> None:
        """Close the journal (a checkpoint replaced it)."""
        with self._sync_lock:
            if not self.retired:
                self.retired = True
                os.close(self._fd)

    def __repr__(self) -> str:
        return f"<Journal {self.path.name} {self.records} records, {self.size} bytes>"


def _pwrite_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        done = os.pwrite(fd, view, offset)
        view = view[done:]
        offset += done


class JournalReading:
    """What reading a journal found: `records` whole records; `torn` whether bytes that are
    not a record follow them (a record cut by a crash); `size` the bytes they take."""

    def __init__(self) -> None:
        self.records = 0
        self.torn = False
        self.size = len(_FILE_HEADER)


def read_journal(path: Path, reading: JournalReading) -> Iterator[bytes]:
    """The payloads of the whole records of the journal at `path`, in order; `reading`
    is filled in as they are read.

    Raises:
        JournalError: The file is not a journal.
    """
    with open(path, "rb") as fh:
        end = os.fstat(fh.fileno()).st_size
        if fh.read(len(_FILE_HEADER))[:8] != _FILE_HEADER[:8]:
            raise JournalError(f"{path} is not a stackdouble journal")
        while True:
            head = fh.read(_RECORD.size)
            if len(head) < _RECORD.size:
                reading.torn = any(head)
                return
            magic, length, crc, seq = _RECORD.unpack(head)
            if magic != _RECORD_MAGIC or seq != reading.records + 1:
                reading.torn = any(head)
                return
            if reading.size + _RECORD.size + length > end:
                reading.torn = True
                return
            payload = fh.read(length)
            if len(payload) < length or zlib.crc32(payload,
                                                   zlib.crc32(_SEQ.pack(seq))) != crc:
                reading.torn = True
                return
            reading.records += 1
            reading.size += _RECORD.size + length
            yield payload
