"""Query helpers shared by the Block Storage listings."""

from __future__ import annotations

from collections.abc import Mapping

from stackdouble.client._errors import InvalidInput

__all__ = ["check_paging", "metadata_query"]

_SORT_DIRS = frozenset({"asc", "desc"})


def check_paging(limit: int | None, offset: int | None, sort: str | None,
                 sort_key: str | None, sort_dir: str | None) -> None:
    """Refuse what Cinder would answer with a 400: a negative limit or offset, `sort` with
    `sort_key`/`sort_dir`, a direction other than asc/desc.

    Raises:
        InvalidInput: Naming the option.
    """
    if limit is not None and limit < 0:
        raise InvalidInput(f"limit must be >= 0, not {limit}", "limit")
    if offset is not None and offset < 0:
        raise InvalidInput(f"offset must be >= 0, not {offset}", "offset")
    if sort is not None and (sort_key is not None or sort_dir is not None):
        raise InvalidInput("sort cannot be combined with sort_key or sort_dir", "sort")
    if sort_dir is not None and sort_dir not in _SORT_DIRS:
        raise InvalidInput(f"sort_dir must be asc or desc, not {sort_dir!r}", "sort_dir")
    for item in (sort or "").split(","):
        direction = item.partition(":")[2].strip()
        if direction and direction not in _SORT_DIRS:
            raise InvalidInput(f"a sort direction must be asc or desc, not {direction!r}",
                               "sort")


def metadata_query(metadata: Mapping[str, str] | None) -> str | None:
    """A metadata filter as Cinder reads it (`ast.literal_eval` of a dict), or None.

    Example:
        >>> metadata_query({"tier": "gold"})
        "{'tier': 'gold'}"
    """
    if metadata is None:
        return None
    return repr({str(k): str(v) for k, v in metadata.items()})
