"""A plain model of Swift's listing rules, for the fake's and the client's tests.

It states the rules declaratively, not as Swift's query loop (`container/backend.py`):
names are listed in UTF-8 byte order, above the marker and below the end marker (the two
swap roles with `reverse`), starting with the prefix; with a delimiter, the names that
hold it after the prefix roll up into one subdir row each, a subdir equal to the lower
bound left out; with `path`, only the names directly under `path/` (in reverse, not an
object named like a pseudo-directory that has names below it: a quirk of Swift's query
loop); then the first `limit` rows (10,000 when not given).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["expected_listing"]


def expected_listing(
    stored: Iterable[str], *, limit: int | None, marker: str | None,
    end_marker: str | None, prefix: str | None, delimiter: str | None, path: str | None,
    reverse: bool,
) -> list[tuple[str, bool]]:
    """Swift's listing rules, stated plainly: `(name, is_subdir)` rows."""
    low, high = (end_marker, marker) if reverse else (marker, end_marker)
    if path is not None:
        prefix = path.rstrip("/") + "/" if path else ""
        delimiter = "/"
    start = prefix or ""
    picked = sorted((n for n in stored if (not low or n > low) and (not high or n < high)
                     and n.startswith(start)), key=lambda n: n.encode(), reverse=reverse)
    if path is not None and reverse:
        # Swift's query loop, walking backwards, moves its upper bound down to a
        # pseudo-directory when it meets a name below it, so an object named exactly like
        # that directory is not listed: real Swift 2.38.3 holding "/", "/a" and "a" answers
        # `?path=&reverse=true` with "a" alone (and `?path=` with "/" and "a").
        below = {start + rest[:cut + 1] for rest in (n[len(start):] for n in picked)
                 for cut in (rest.find("/"),) if 0 <= cut < len(rest) - 1}
        picked = [n for n in picked if n not in below]
    rows: list[tuple[str, bool]] = []
    for name in picked:
        rest = name[len(start):]
        cut = rest.find(delimiter) if delimiter else -1
        if path is not None:
            if (path and name == start) or 0 <= cut < len(rest) - 1:
                continue
            rows.append((name, False))
        elif cut >= 0:
            subdir = start + rest[:cut + len(delimiter or "")]
            if subdir != low and rows[-1:] != [(subdir, True)]:
                rows.append((subdir, True))
        else:
            rows.append((name, False))
    return rows[:10_000 if limit is None else limit]
