"""A small router that walks a tree of path segments (as werkzeug's matcher does).

Templates use the client's spelling, `/v3/projects/{project_id}`; a final `{name:path}`
takes the rest of the path, slashes included (Swift object names). Matching costs one
dict lookup per segment, whatever the number of routes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["Handler", "Route", "Router"]

#: A request handler: parse, act, render.
Handler = Callable[["FakeRequest"], "FakeResponse"]


@dataclass(frozen=True, slots=True)
class Route:
    """One method on one path template.

    Attributes:
        method: The HTTP method, upper case.
        template: The path template, relative to the service's prefix.
        handler: The function that answers.
        auth: Whether the token middleware must accept the request's X-Auth-Token first.
        name: A name for logs and policy (defaults to the handler's name).
    """

    method: str
    template: str
    handler: Handler
    auth: bool
    name: str


@dataclass(slots=True)
class _Node:
    literal: dict[str, _Node] = field(default_factory=dict)
    param: tuple[str, _Node] | None = None
    rest: str | None = None
    rest_routes: dict[str, Route] = field(default_factory=dict)
    routes: dict[str, Route] = field(default_factory=dict)


class Router:
    """Routes by method and path template to handlers.

    Args:
        strip_trailing_slash: Treat `/v3/projects/` as `/v3/projects` (Keystone does).
        default_auth: Whether routes need a valid token unless added with `auth=False`.

    Example:
        >>> router = Router()
        >>> router.add("GET", "/v3/projects/{project_id}", lambda req: None, name="get_project")
        >>> routes, params = router.match("/v3/projects/abc")
        >>> routes["GET"].name, params
        ('get_project', {'project_id': 'abc'})
        >>> router.match("/v3/nothing") is None
        True
    """

    __slots__ = ("_root", "default_auth", "strip_trailing_slash")

    def __init__(self, *, strip_trailing_slash: bool = False, default_auth: bool = True) -> None:
        self._root = _Node()
        self.strip_trailing_slash = strip_trailing_slash
        self.default_auth = default_auth

    def add(
        self,
        method: str,
        template: str,
        handler: Handler,
        *,
        auth: bool | None = None,
        name: str | None = None,
    ) -> None:
        """Register `handler` for `method` on `template`.

        Raises:
            ValueError: The template is malformed, or the method is already routed there.
        """
        route = Route(
            method=method.upper(),
            template=template,
            handler=handler,
            auth=self.default_auth if auth is None else auth,
            name=name or str(getattr(handler, "__name__", "handler")),
        )
        node = self._root
        segments = _split(template)
        for i, segment in enumerate(segments):
            if segment.startswith("{") and segment.endswith("}"):
                pname = segment[1:-1]
                if pname.endswith(":path"):
                    if i != len(segments) - 1:
                        raise ValueError(f"{{...:path}} must be last in {template!r}")
                    node.rest = pname[: -len(":path")]
                    _put(node.rest_routes, route)
                    return
                if node.param is None:
                    node.param = (pname, _Node())
                elif node.param[0] != pname:
                    raise ValueError(f"{template!r}: parameter {pname!r} clashes with "
                                     f"{node.param[0]!r} at the same position")
                node = node.param[1]
            else:
                node = node.literal.setdefault(segment, _Node())
        _put(node.routes, route)

    def match(self, path: str) -> tuple[dict[str, Route], dict[str, str]] | None:
        """The routes (by method) and parameters for `path`, or None when nothing matches."""
        if self.strip_trailing_slash and len(path) > 1:
            path = path.rstrip("/")
        segments = _split(path)
        params: dict[str, str] = {}
        node = self._root
        for i, segment in enumerate(segments):
            child = node.literal.get(segment)
            if child is None:
                if node.param is not None and segment:
                    params[node.param[0]] = segment
                    child = node.param[1]
                elif node.rest is not None:
                    params[node.rest] = "/".join(segments[i:])
                    return node.rest_routes, params
                else:
                    return None
            node = child
        if node.routes:
            return node.routes, params
        if node.rest is not None and node.rest_routes:
            params[node.rest] = ""
            return node.rest_routes, params
        return None

    def routes(self) -> list[Route]:
        """Every registered route, for documentation and tests."""
        out: list[Route] = []
        stack = [self._root]
        while stack:
            node = stack.pop()
            out.extend(node.routes.values())
            out.extend(node.rest_routes.values())
            stack.extend(node.literal.values())
            if node.param is not None:
                stack.append(node.param[1])
        return out


def _split(path: str) -> list[str]:
    if not path or path == "/":
        return []
    return path[1:].split("/") if path.startswith("/") else path.split("/")


def _put(table: dict[str, Route], route: Route) -> None:
    if route.method in table:
        raise ValueError(f"{route.method} {route.template} is already routed")
    table[route.method] = route


def describe(routes: dict[str, Route]) -> list[str]:
    """The methods a path answers, sorted (for `Allow` headers); HEAD comes with GET."""
    methods: set[Any] = set(routes)
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)
