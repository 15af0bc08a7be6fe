"""The cloud's one lock around a model's public methods.

Every handler already runs under `FakeCloud.lock` (an `RLock`); a test that calls a model
from Python while the cloud is served does not. `locked` makes such a method take the lock
itself, so both may run at once. The model reaches its cloud as `self.cloud`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = ["locked"]

_F = TypeVar("_F", bound=Callable[..., Any])


def locked(method: _F) -> _F:
    """Run a public model method under `self.cloud.lock`, so tests may call it while served.

    Example:
        >>> class Lock:
        ...     def __enter__(self) -> None: print("acquired")
        ...     def __exit__(self, *exc: object) -> None: print("released")
        >>> class Cloud:
        ...     lock = Lock()
        >>> class Model:
        ...     cloud = Cloud()
        ...     @locked
        ...     def ping(self) -> str:
        ...         print("ping")
        ...         return "pong"
        >>> Model().ping()
        acquired
        ping
        released
        'pong'
    """

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        with self.cloud.lock:
            return method(self, *args, **kwargs)

    return cast(_F, wrapper)
