"""Reading and writing times, one way for every fake service.

Times inside the fakes are timezone-aware UTC `datetime`s from the cloud's `FakeClock`; a
naive one is taken as UTC. Reading is oslo's `timeutils.parse_isotime` as Nova, Cinder and
Keystone use it (`changes-since`, Cinder's `created_at=gt:...` filters, an application
credential's `expires_at`); writing is each service's own format:

* `format_iso`: Keystone's `utils.isotime(subsecond=True)`, `2026-11-27T09:56:16.000000Z`.
* `format_iso_seconds`: Nova's `utils.isotime`, `2026-11-27T09:56:16Z`.

Swift's timestamps are integers of 10 µs and stay with the object storage fake
(`objectstorage/models/_common.py`).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = [
    "epoch_micros",
    "format_iso",
    "format_iso_seconds",
    "format_primitive",
    "from_timestamp",
    "parse_isotime",
]

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: The `iso8601` package's grammar, which oslo's `parse_isotime` uses.
_ISO = re.compile(
    r"(?P<year>[0-9]{4})-?(?P<month>[0-9]{1,2})-?(?P<day>[0-9]{1,2})"
    r"(?:[ T](?P<hour>[0-9]{2}):?(?P<minute>[0-9]{2})?"
    r"(?::?(?P<second>[0-9]{1,2})(?:[.,](?P<fraction>[0-9]+))?)?"
    r"(?P<tz>Z|(?P<sign>[-+])(?P<tzh>[0-9]{2}):?(?P<tzm>[0-9]{2})?)?)?")


def parse_isotime(text: str) -> datetime | None:
    """An ISO 8601 time as `timeutils.parse_isotime` reads it, or None when it is not one.

    A trailing `Z` is UTC, a space may stand for the `T`, and a time without an offset is
    UTC. The result is always timezone-aware.

    Example:
        >>> parse_isotime("2026-01-02 03:04:05Z").isoformat()
        '2026-01-02T03:04:05+00:00'
        >>> parse_isotime("next tuesday") is None
        True
    """
    match = _ISO.fullmatch(text.strip())
    if match is None:
        return None
    g = match.groupdict()
    fraction = (g["fraction"] or "0")[:6].ljust(6, "0")
    try:
        when = datetime(int(g["year"]), int(g["month"]), int(g["day"]), int(g["hour"] or 0),
                        int(g["minute"] or 0), int(g["second"] or 0), int(fraction),
                        tzinfo=timezone.utc)
    except ValueError:  # a month 13, a day 32...
        return None
    if g["sign"]:
        offset = timedelta(hours=int(g["tzh"]), minutes=int(g["tzm"] or 0))
        when -= offset if g["sign"] == "+" else -offset
    return when


def format_iso(when: datetime) -> str:
    """Keystone's timestamp format: microseconds and a literal `Z`, never `+00:00`.

    Example:
        >>> format_iso(datetime(2026, 11, 27, 9, 56, 16, tzinfo=timezone.utc))
        '2026-11-27T09:56:16.000000Z'
    """
    return _utc(when).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def format_iso_seconds(when: datetime) -> str:
    """ISO 8601 to the second with a literal `Z` (Nova's `utils.isotime`).

    Example:
        >>> format_iso_seconds(datetime(2026, 1, 2, 3, 4, 5, 600, tzinfo=timezone.utc))
        '2026-01-02T03:04:05Z'
    """
    return _utc(when).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_primitive(when: datetime | None) -> str | None:
    """oslo's `jsonutils.to_primitive` of a naive UTC datetime, as Nova's and Cinder's
    database-backed fields render: microseconds, no zone; None stays None.

    Example:
        >>> format_primitive(datetime(2026, 11, 27, 8, 45, 33, 421311, tzinfo=timezone.utc))
        '2026-11-27T08:45:33.421311'
    """
    return None if when is None else _utc(when).strftime("%Y-%m-%dT%H:%M:%S.%f")


def from_timestamp(seconds: float) -> datetime:
    """A POSIX timestamp (the clock's `time()`) as an aware UTC `datetime`.

    Example:
        >>> from_timestamp(90).isoformat()
        '1970-01-01T00:01:30+00:00'
    """
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def epoch_micros(when: datetime) -> int:
    """Whole microseconds since the epoch, exactly (a sort key that floats would round).

    Example:
        >>> epoch_micros(datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=timezone.utc))
        1000005
    """
    delta = _utc(when).replace(tzinfo=timezone.utc) - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _utc(when: datetime) -> datetime:
    """`when` in UTC; a naive time is UTC already (and stays naive)."""
    return when.astimezone(timezone.utc) if when.tzinfo is not None else when
