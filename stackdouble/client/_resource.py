"""Lazily parsed resources, for the types that come in listings of thousands.

A dataclass built field by field costs more than decoding its JSON (about 12 µs for a Nova
server against 14 µs of `json.loads`), so a 10,000-server listing would spend most of its time
building objects nobody reads. A `Resource` keeps the decoded JSON and converts each
attribute on first access, then caches it: building one costs a fraction of a microsecond
(bench/compute_list.py).

Declare attributes with `json_field`:

    >>> class Volume(Resource):
    ...     __slots__ = ()
    ...     id: str = json_field("id")
    ...     size: int = json_field("size", int, default=0)
    ...     secret: str | None = json_field("admin_pass", repr=False)
    >>> volume = Volume.from_json({"id": "v1", "size": "2", "admin_pass": "x"})
    >>> volume.size, volume
    (2, Volume(id='v1', size=2))
    >>> volume == Volume.build(id="v1", size=2, secret="x")
    True

A value that does not convert raises `UnexpectedBody` when its attribute is read, naming the
request the resource came from and the value's path:

    >>> Volume.from_json({"id": "v1", "size": "two"}).size
    Traceback (most recent call last):
    ...
    stackdouble.client._errors.UnexpectedBody: expected an integer at $.size, found a string
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, ClassVar, Generic, TypeVar, overload

from stackdouble.client._errors import StackdoubleError, UnexpectedBody, describe_json

__all__ = ["Resource", "join_path", "json_field"]

#: What a converter raises for a value of the wrong kind; turned into `UnexpectedBody`.
_CONVERT_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError)

#: What the usual converters expect, for error messages.
_EXPECTED = {int: "an integer", float: "a number", str: "a string", bool: "a boolean",
             dict: "an object", tuple: "a list", list: "a list"}

T = TypeVar("T")
R = TypeVar("R", bound="Resource")

_MISSING: Any = object()


class JsonField(Generic[T]):
    """A resource attribute read from one JSON key on first access (see `json_field`)."""

    __slots__ = ("convert", "default", "default_factory", "key", "name", "repr", "skip_falsy")

    def __init__(
        self,
        key: str,
        convert: Callable[[Any], T] | None,
        default: Any,
        default_factory: Callable[[], Any] | None,
        repr: bool,
        skip_falsy: bool,
    ) -> None:
        self.key = key
        self.convert = convert
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.skip_falsy = skip_falsy
        self.name = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def missing(self) -> Any:
        """The value when the key is absent (or, with `skip_falsy`, empty)."""
        return self.default_factory() if self.default_factory is not None else self.default

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> JsonField[T]: ...

    @overload
    def __get__(self, obj: Resource, objtype: type | None = None) -> T: ...

    def __get__(self, obj: Resource | None, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        cache = obj._cache
        if cache is None:
            cache = obj._cache = {}
        else:
            try:
                return cache[self.name]
            except KeyError:
                pass
        raw = obj._raw.get(self.key, _MISSING)
        if raw is _MISSING or raw is None or (self.skip_falsy and not raw):
            value = self.missing()
        elif self.convert is not None:
            try:
                value = self.convert(raw)
            except UnexpectedBody as exc:
                path, method, url = _where(obj, self.key)
                raise exc.locate(path, method=method, url=url) from exc.__cause__
            except StackdoubleError:
                raise
            except _CONVERT_ERRORS as exc:
                expected = _EXPECTED.get(self.convert) or (  # type: ignore[call-overload]
                    f"a value {type(obj).__name__}.{self.name} can read"
                )
                path, method, url = _where(obj, self.key)
                raise UnexpectedBody(expected, describe_json(raw)).locate(
                    path, method=method, url=url
                ) from exc
        else:
            value = raw
        cache[self.name] = value
        return value

    def __set__(self, obj: Resource, value: T) -> None:
        if obj._cache is None:
            obj._cache = {}
        obj._cache[self.name] = value


def join_path(path: str, key: str | int) -> str:
    """`path` extended by a key or an index, in JSONPath.

    Example:
        >>> join_path("$", "server"), join_path("$.servers", 3), join_path("$", "OS-DCF:x")
        ('$.server', '$.servers[3]', "$['OS-DCF:x']")
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{key!r}]"


#: Where a resource came from: (method, url, JSON path of the value or of the list holding
#: it, that list or None). One tuple is shared by every resource of a page; the index is
#: found only when an error needs it.
Origin = tuple[str, str, str, "list[Any] | None"]


def _where(obj: Resource, key: str) -> tuple[str, str | None, str | None]:
    """(path of `key`, method, url) for `locate`, from where the resource came from."""
    origin = obj._origin
    if origin is None:
        return join_path("$", key), None, None
    method, url, base, items = origin
    if items is not None:
        index = next((i for i, item in enumerate(items) if item is obj._raw), None)
        base = join_path(base, index) if index is not None else base + "[*]"
    return join_path(base, key), method or None, url or None


def json_field(
    key: str,
    convert: Callable[[Any], T] | None = None,
    *,
    default: Any = None,
    default_factory: Callable[[], Any] | None = None,
    repr: bool = True,
    skip_falsy: bool = False,
) -> Any:
    """Declare a `Resource` attribute read from `key` of the JSON.

    Args:
        key: The JSON key (`"OS-EXT-STS:vm_state"`).
        convert: Applied to the raw value on first access (not to absent or null values). A
            converter that raises (a built-in error, or `UnexpectedBody`) makes the read raise
            `UnexpectedBody` naming the request and the value's path.
        default: The value when the key is absent or null.
        default_factory: Builds the default instead (for mutable defaults).
        repr: Whether the attribute appears in the repr (False for secrets).
        skip_falsy: Treat an empty value (`""`, `{}`) as absent (Nova's `"image": ""`).
    """
    return JsonField(key, convert, default, default_factory, repr, skip_falsy)


class Resource:
    """A typed resource over the decoded JSON it came from; attributes convert lazily.

    Build one from JSON with `from_json(raw)` (or `Cls(raw)`), or from attribute values with
    `build(**values)`. Equality compares every attribute; the repr hides `repr=False` ones.

    Raises:
        UnexpectedBody: Built from something other than a JSON object; or, on reading an
            attribute, its value does not convert.
    """

    # `_origin` (the request and JSON path the resource came from) is set by the extractors
    # and read only when a field fails to convert.
    __slots__ = ("_cache", "_origin", "_raw")

    _fields: ClassVar[dict[str, JsonField[Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found: dict[str, JsonField[Any]] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, JsonField):
                    found[name] = value
        cls._fields = found

    def __init__(self, raw: Mapping[str, Any], origin: Origin | None = None, /) -> None:
        # A type check and three stores: listings build thousands of these. The cache is
        # made on first read.
        if type(raw) is not dict and not isinstance(raw, Mapping):
            raise UnexpectedBody("an object", describe_json(raw))
        self._raw = raw
        self._cache: dict[str, Any] | None = None
        self._origin = origin

    @classmethod
    def from_json(cls: type[R], raw: Mapping[str, Any]) -> R:
        """A resource over `raw`; nothing is converted until read."""
        return cls(raw)

    @classmethod
    def build(cls: type[R], **values: Any) -> R:
        """A resource from attribute values rather than JSON (for tests and fixtures).

        Raises:
            TypeError: A keyword that names no attribute.
        """
        unknown = set(values) - set(cls._fields)
        if unknown:
            raise TypeError(f"{cls.__name__} has no attributes {sorted(unknown)}")
        obj = cls({})
        obj._cache = dict(values)
        return obj

    @property
    def raw(self) -> Mapping[str, Any]:
        """The JSON the resource was built from (empty when built from keywords)."""
        return self._raw

    def _items(self, *, for_repr: bool = False) -> Iterator[tuple[str, Any]]:
        for name, spec in self._fields.items():
            if for_repr and not spec.repr:
                continue
            if for_repr:
                try:
                    yield name, getattr(self, name)
                except StackdoubleError:
                    yield name, _Unreadable()  # a repr never raises
            else:
                yield name, getattr(self, name)

    def to_dict(self) -> dict[str, Any]:
        """Every attribute, converted, by name."""
        return dict(self._items())

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self._items(for_repr=True)
                          if value not in (None, (), {}, "", []) or name == "id")
        return f"{type(self).__name__}({shown})"

    def __getstate__(self) -> tuple[Mapping[str, Any], dict[str, Any] | None]:
        return (self._raw, self._cache)

    def __setstate__(self, state: tuple[Mapping[str, Any], dict[str, Any] | None]) -> None:
        self._raw, self._cache = state
        self._origin = None


class _Unreadable:
    """Shown in a repr for an attribute whose value does not convert."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unreadable>"
