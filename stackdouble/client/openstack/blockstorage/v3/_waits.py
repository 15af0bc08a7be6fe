"""Waits shared by the Block Storage clients: a volume, a snapshot and a backup are polled
alike (`GET` until the status is the one awaited, or until Cinder answers 404), each with
its own failure statuses."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Protocol, TypeVar

from stackdouble.client._errors import NotFound
from stackdouble.client._wait import StatusError, wait_until

__all__ = ["wait_for_delete", "wait_for_status"]


class _HasStatus(Protocol):
    @property
    def status(self) -> str: ...


R = TypeVar("R", bound=_HasStatus, covariant=True)


class _Fetched(Protocol[R]):
    @property
    def err(self) -> Exception | None: ...

    def extract(self) -> R: ...


S = TypeVar("S", bound=_HasStatus)


def wait_for_status(fetch: Callable[[], _Fetched[S]], what: str, status: str, *,
                    errors: Collection[str], timeout: float, interval: float,
                    sleep: Callable[[float], None], clock: Callable[[], float]) -> S:
    """Call `fetch` (one `get`) until the resource's status is `status`; returns it as last
    fetched.

    Raises:
        WaitTimeout: `timeout` passed.
        StatusError: A status in `errors` that is not the one awaited, at once.
        NotFound: The resource disappeared.
    """

    def check() -> tuple[bool, str | None, S]:
        found = fetch().extract()
        if found.status == status:
            return True, found.status, found
        if found.status in errors:
            raise StatusError(what, found.status)
        return False, found.status, found

    return wait_until(check, timeout=timeout, interval=interval, sleep=sleep, clock=clock,
                      what=what, target=status)


def wait_for_delete(fetch: Callable[[], _Fetched[S]], what: str, *,
                    errors: Collection[str], timeout: float, interval: float,
                    sleep: Callable[[float], None], clock: Callable[[], float]) -> None:
    """Call `fetch` until Cinder answers 404 for the resource.

    Raises:
        WaitTimeout: `timeout` passed while it still existed.
        StatusError: A status in `errors` (`error_deleting`).
    """

    def check() -> tuple[bool, str | None, None]:
        result = fetch()
        if isinstance(result.err, NotFound):
            return True, "deleted", None
        found = result.extract()
        if found.status in errors:
            raise StatusError(what, found.status)
        return False, found.status, None

    wait_until(check, timeout=timeout, interval=interval, sleep=sleep, clock=clock,
               what=what, target="deletion")
