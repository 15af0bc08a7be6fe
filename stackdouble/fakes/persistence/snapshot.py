"""A snapshot: the whole state of a cloud, pickled, as it stood at a checkpoint.

What is pickled is the cloud's attributes (its services and their models, links, ids and
their generator's state, seed, base URL...) but its lock, app, clock, request log and
faults; a model's reference to one of those (or to the cloud, or to a route table, which
holds functions) is pickled as a name and resolved, on load, to the new cloud's own. The
clock's state goes in the header. A snapshot is read only by the stackdouble version that
wrote it (`CURRENT` says which), and a pickle runs code when loaded: the data directory is
the user's own, 0700 (`datadir`).
"""

from __future__ import annotations

import json
import os
import pickle
import threading
import types
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from stackdouble.fakes.persistence.errors import JournalError

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.persistence.pinnedclock import PinnableClock

__all__ = ["MAGIC", "load_snapshot", "write_snapshot"]

#: The first line of a snapshot file.
MAGIC = b"stackdouble snapshot 1\n"
#: Cloud attributes not pickled: rebuilt by the new cloud, or state that is not kept.
_NOT_KEPT = frozenset({"lock", "app", "clock", "requests", "faults", "persistence",
                       "_transport_depth"})
_LOCK_TYPES = {type(threading.Lock()): threading.Lock, type(threading.RLock()): threading.RLock}


def _shared(cloud: FakeCloud) -> dict[int, str]:
    """The objects pickled by name, by id."""
    names = {id(cloud): "cloud", id(cloud.lock): "lock", id(cloud.app): "app",
             id(cloud.clock): "clock", id(cloud.requests): "requests",
             id(cloud.faults): "faults"}
    for name, service in cloud.services.items():
        names.setdefault(id(service.router), "router:" + name)
    return names


class _Pickler(pickle.Pickler):
    def __init__(self, fh: IO[bytes], cloud: FakeCloud) -> None:
        super().__init__(fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._names = _shared(cloud)

    def persistent_id(self, obj: Any) -> str | None:
        return self._names.get(id(obj))

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        factory = _LOCK_TYPES.get(kind)
        if factory is not None:
            return factory, ()
        if kind is types.MappingProxyType:
            return _mappingproxy, (dict(obj),)
        return NotImplemented


def _mappingproxy(mapping: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    """A read-only view again (`MappingProxyType` cannot be pickled by name)."""
    return types.MappingProxyType(mapping)


class _Unpickler(pickle.Unpickler):
    def __init__(self, fh: IO[bytes], cloud: FakeCloud) -> None:
        super().__init__(fh)
        self._objects: dict[str, Any] = {
            "cloud": cloud, "lock": cloud.lock, "app": cloud.app, "clock": cloud.clock,
            "requests": cloud.requests, "faults": cloud.faults}
        for name, service in cloud.services.items():
            self._objects["router:" + name] = service.router

    def persistent_load(self, pid: Any) -> Any:
        try:
            return self._objects[pid]
        except (KeyError, TypeError):
            raise pickle.UnpicklingError(f"unknown shared object {pid!r}") from None


def write_snapshot(cloud: FakeCloud, clock: PinnableClock, path: Path) -> int:
    """Write the cloud's state to `path` (0600, fsync'd; the caller renames it into place
    and holds the cloud's lock); returns its size in bytes.

    Raises:
        JournalError: It could not be written, or the state holds something that cannot
            be pickled (named).
    """
    state = {key: value for key, value in vars(cloud).items() if key not in _NOT_KEPT}
    header = json.dumps({"clock": clock.state()}).encode("utf-8") + b"\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise JournalError(f"cannot write the snapshot {path}: {exc.strerror}") from None
    with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
        try:
            fh.write(MAGIC)
            fh.write(header)
            _Pickler(fh, cloud).dump(state)
            fh.flush()
            os.fsync(fh.fileno())
        except OSError as exc:
            raise JournalError(f"cannot write the snapshot {path}: {exc.strerror}") from None
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise JournalError(f"the cloud's state cannot be snapshot: {exc}") from None
        return fh.tell()


def load_snapshot(cloud: FakeCloud, clock: PinnableClock, path: Path) -> None:
    """Replace the state of `cloud` (fresh, made with the same options) with the snapshot's.

    Raises:
        JournalError: The file is not a snapshot, or cannot be unpickled.
    """
    try:
        with open(path, "rb", buffering=1 << 20) as fh:
            if fh.readline() != MAGIC:
                raise JournalError(f"{path} is not a stackdouble snapshot")
            header = json.loads(fh.readline())
            state = _Unpickler(fh, cloud).load()
    except OSError as exc:
        raise JournalError(f"cannot read the snapshot {path}: {exc.strerror}") from None
    except (pickle.UnpicklingError, ValueError, EOFError, AttributeError, ImportError,
            TypeError) as exc:
        raise JournalError(f"cannot load the snapshot {path} ({type(exc).__name__}): it "
                           f"was written by other code; remove the directory to start "
                           f"afresh") from None
    if not isinstance(state, dict):
        raise JournalError(f"{path} does not hold a cloud's state")
    vars(cloud).update(state)
    cloud.app.remount()
    clock.restore(header["clock"])
