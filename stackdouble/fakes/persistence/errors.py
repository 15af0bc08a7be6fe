"""What goes wrong with a data directory, as exceptions that name the directory.

```
PersistenceError (ValueError)        the directory cannot be used; the message says why
├── DataDirLocked                    another process holds it (`stackdouble serve` exits 2)
├── DataDirMismatch                  it holds another version's data, or other options
└── JournalError                     its journal or snapshot cannot be written or read
```

No message holds a secret: the journal holds request bodies and tokens, and none of it is
ever quoted.
"""

from __future__ import annotations

__all__ = ["DataDirLocked", "DataDirMismatch", "JournalError", "PersistenceError"]


class PersistenceError(ValueError):
    """A data directory cannot be used; the message names it and says what to do."""


class DataDirLocked(PersistenceError):
    """Another process (or another cloud in this one) has the directory open."""


class DataDirMismatch(PersistenceError):
    """The directory holds data of another stackdouble version or data format, or was
    created with other options (seed, regions, profile...) than those asked for."""


class JournalError(PersistenceError):
    """The journal or a snapshot could not be written, or a snapshot could not be read, or
    a journaled request did not replay as it had been answered."""
