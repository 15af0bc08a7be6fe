"""Pieces the Neutron v2.0 packages share: its linked pages, the query and body builders of
the option dataclasses, and the `If-Match` revision header.

Neutron pages when asked to (`limit`, or a `pagination_max_limit` in its configuration): the
body then holds `<resource>_links`, `[{"rel": "next", "href"}, {"rel": "previous", ...}]`,
and the next link is the request's URL with `marker` set to the page's last id
(`neutron/api/api_common.py`, `get_pagination_links`). A next link is sent whenever a page
is full, so an exact multiple costs one empty page, as for Nova.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode, urljoin

from stackdouble.client._errors import InvalidInput
from stackdouble.client._resource import Resource
from stackdouble.client._results import Link
from stackdouble.client.pagination import LinkedPage

__all__ = [
    "SORT_DIRS",
    "NeutronPage",
    "PagingOpts",
    "TaggedPagingOpts",
    "fields_query",
    "list_of",
    "list_query",
    "request_body",
    "revision_header",
    "strings",
    "to_json",
]

R = TypeVar("R", bound=Resource)

#: The sort directions Neutron takes (others are a 400).
SORT_DIRS = frozenset({"asc", "desc"})


class NeutronPage(LinkedPage):
    """A page of a Neutron listing: the next URL is the `rel: next` link of
    `<resource_key>_links` (absolute, as Neutron builds it from the request's URL); a page
    without one is the last."""

    __slots__ = ()

    def next_page_url(self) -> str | None:
        """The href of the next link, made absolute; None on the last page."""
        body = self.body
        key = self.resource_key
        if not isinstance(body, Mapping) or key is None:
            return None
        links = body.get(f"{key}_links")
        href = Link.next_url(links) if isinstance(links, list) else None
        return urljoin(self.url, href) if href else None

    def is_empty(self) -> bool:
        """Whether the page holds no items (without copying the list)."""
        body = self.body
        key = self.resource_key
        if self.err is None and self.status != 204 and isinstance(body, Mapping) and key:
            found = body.get(key)
            if isinstance(found, list):
                return not found
        return super().is_empty()


@dataclass(frozen=True, slots=True, kw_only=True)
class PagingOpts:
    """The paging, sorting and selection every Neutron listing takes; None is not sent.

    Attributes:
        limit: Items a page; Neutron may cap it (`pagination_max_limit`).
        marker: The id after which the listing starts.
        sort_key: One key or several (Neutron refuses keys that are not sortable).
        sort_dir: `asc` or `desc`, one per sort key (Neutron: "The number of sort_keys and
            sort_dirs must be same").
        fields: Only these attributes of each item (`fields=id&fields=name`); the others are
            absent from the JSON, so the resources' attributes read their defaults.
        revision_number: Only items at this revision.
    """

    limit: int | None = field(default=None, metadata={"q": "limit"})
    marker: str | None = field(default=None, metadata={"q": "marker"})
    sort_key: str | Sequence[str] | None = field(default=None, metadata={"q": "sort_key"})
    sort_dir: str | Sequence[str] | None = field(default=None, metadata={"q": "sort_dir"})
    fields: Sequence[str] | None = field(default=None, metadata={"q": "fields"})
    revision_number: int | None = field(default=None, metadata={"q": "revision_number"})


@dataclass(frozen=True, slots=True, kw_only=True)
class TaggedPagingOpts(PagingOpts):
    """`PagingOpts` with the tag filters of Neutron's `standard-attr-tag` extension, each
    one tag or several (sent comma-separated, as Neutron reads them).

    Attributes:
        tags: Items that have every one of these tags.
        tags_any: Items that have at least one (`tags-any`).
        not_tags: Items that lack at least one of them (`not-tags`).
        not_tags_any: Items that have none of them (`not-tags-any`).
    """

    tags: str | Sequence[str] | None = field(default=None, metadata={"q": "tags", "csv": True})
    tags_any: str | Sequence[str] | None = field(
        default=None, metadata={"q": "tags-any", "csv": True})
    not_tags: str | Sequence[str] | None = field(
        default=None, metadata={"q": "not-tags", "csv": True})
    not_tags_any: str | Sequence[str] | None = field(
        default=None, metadata={"q": "not-tags-any", "csv": True})


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def list_query(opts: Any) -> str:
    """The query string of a Neutron ListOpts: `?key=value&...`, or `""` when empty.

    Fields with `metadata={"q": name}` are sent under that name; None is left out, booleans
    become `true`/`false`, a list repeats the key, except the tag filters (`"csv"`), which
    Neutron reads comma-separated.

    Raises:
        InvalidInput: What Neutron answers with a 400: a negative limit, sort keys and
            directions that do not pair up, a direction other than asc/desc, an empty tag.

    Example:
        >>> list_query(TaggedPagingOpts(limit=2, sort_key=["name", "id"],
        ...                             sort_dir=["asc", "desc"], tags_any=["a", "b"]))
        '?limit=2&sort_key=name&sort_key=id&sort_dir=asc&sort_dir=desc&tags-any=a%2Cb'
    """
    _check(opts)
    pairs: list[tuple[str, str]] = []
    for f in fields(opts):
        name = f.metadata.get("q")
        value = getattr(opts, f.name)
        if name is None or value is None:
            continue
        if f.metadata.get("csv"):
            tags = _as_list(value)
            if not tags or any(not tag or "," in tag for tag in tags):
                raise InvalidInput(f"{f.name} takes non-empty tags without commas, not "
                                   f"{value!r}", f.name)
            pairs.append((name, ",".join(tags)))
        elif isinstance(value, (list, tuple)):
            pairs.extend((name, _text(item)) for item in value)
        else:
            pairs.append((name, _text(value)))
    return "?" + urlencode(pairs) if pairs else ""


def _check(opts: Any) -> None:
    limit = getattr(opts, "limit", None)
    if limit is not None and limit < 0:
        raise InvalidInput(f"limit must be 0 or greater, not {limit}", "limit")
    keys = _as_list(getattr(opts, "sort_key", None))
    dirs = _as_list(getattr(opts, "sort_dir", None))
    if len(keys) != len(dirs):
        raise InvalidInput("sort_key and sort_dir must pair up (Neutron: 'The number of "
                           "sort_keys and sort_dirs must be same')", "sort_dir")
    for direction in dirs:
        if direction not in SORT_DIRS:
            raise InvalidInput(f"sort_dir must be asc or desc, not {direction!r}", "sort_dir")


def fields_query(selected: Sequence[str] | None) -> str:
    """`?fields=a&fields=b` for a get that selects attributes, `""` for none.

    Example:
        >>> fields_query(["id", "name"]), fields_query(None)
        ('?fields=id&fields=name', '')
    """
    if not selected:
        return ""
    if isinstance(selected, str):
        selected = [selected]
    return "?" + urlencode([("fields", name) for name in selected])


def to_json(value: Any) -> Any:
    """The JSON of an option value: a dataclass becomes an object of its fields that carry
    `metadata={"json": key}` (None left out; `""` sent as null where the field says
    `"null_if_empty"`), sequences become lists and mappings objects.

    Example:
        >>> @dataclass
        ... class Pool:
        ...     start: str = field(metadata={"json": "start"})
        ...     end: str | None = field(default=None, metadata={"json": "end"})
        >>> to_json([Pool("10.0.0.2")])
        [{'start': '10.0.0.2'}]
    """
    if is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in fields(value):
            key = f.metadata.get("json")
            item = getattr(value, f.name)
            if key is None or item is None:
                continue
            if item == "" and f.metadata.get("null_if_empty"):
                out[key] = None
            else:
                out[key] = to_json(item)
        return out
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    return value


def request_body(opts: Any, key: str) -> dict[str, Any]:
    """`{key: <the options' JSON>}`, Neutron's envelope for a create or an update."""
    return {key: to_json(opts)}


def revision_header(revision_number: int | None) -> dict[str, str] | None:
    """The `If-Match: revision_number=<n>` header of an update that only applies at that
    revision (Neutron's `revision-if-match`: otherwise a 412 PreconditionFailed); None when
    not asked for.

    Example:
        >>> revision_header(3)
        {'If-Match': 'revision_number=3'}
    """
    if revision_number is None:
        return None
    return {"If-Match": f"revision_number={revision_number}"}


def strings(raw: Any) -> tuple[str, ...]:
    """A JSON list of strings as a tuple (a converter for `json_field`).

    Raises:
        TypeError: `raw` is not a list.
    """
    if not isinstance(raw, list):
        raise TypeError("not a list")
    return tuple(str(item) for item in raw)


def list_of(cls: type[R]) -> Callable[[Any], tuple[R, ...]]:
    """A `json_field` converter: a JSON list of objects as a tuple of `cls` resources."""

    def convert(raw: Any) -> tuple[R, ...]:
        if not isinstance(raw, list):
            raise TypeError("not a list")
        return tuple(cls.from_json(item) for item in raw)

    return convert
