"""The fake Swift's proxy pipeline: the middleware a request goes through, in order, as
`[pipeline:main]` in a proxy-server.conf lists it.

A cloud picks its pipeline with `FakeCloud(swift=SwiftConfig(pipeline=...))` (kept across
resets), or a test swaps it with `cloud.object_storage.pipeline = ...` (until the next
reset). Either takes a `Pipeline` or the names themselves, as proxy-server.conf spells
them (`container-quotas` or `container_quotas`), so a real deployment's line can be pasted:

    >>> p = Pipeline("catch_errors gatekeeper healthcheck proxy-logging cache "
    ...              "listing_formats tempurl authtoken keystoneauth copy "
    ...              "container-quotas proxy-logging proxy-server")
    >>> p.names
    ('healthcheck', 'tempurl', 'keystoneauth', 'container_quotas')
    >>> "tempauth" in p, "container-quotas" in p
    (False, True)
    >>> Pipeline("healthcheck bulk tempurl tempauth slo").without("bulk", "tempauth").names
    ('healthcheck', 'tempurl', 'slo')

Names that change nothing in the fake (`PLUMBING`: logging, caching, the gatekeeper, and
`listing_formats` and `copy`, which Swift always inserts and the handlers always apply) are
accepted and dropped; a middleware the fake does not have is a `ValueError`, so a pipeline
never silently lacks what it names. The default (`DEFAULT_PIPELINE`) is the SAIO's with
both auth systems (tempauth and Keystone), trimmed to what the fake implements.

What each middleware does while enabled, and only then:

- it sees every account, container and object request (`Middleware.handle`), in pipeline
  order, before the proxy's controllers (`handlers`);
- it answers the paths outside `/v1/...` it owns (`Middleware.answer`: `/healthcheck`,
  `/crossdomain.xml`, tempauth's `/auth/...`); disabled, the proxy answers them as Swift's
  does a path it cannot route (412 `Bad URL`, or 400 for `/auth/v1.0`);
- `/info` lists its sections (`Middleware.info`).

Adding one is one module and one line: write `middleware/<name>.py` exporting `MIDDLEWARE
= Middleware(name=..., handle=..., answer=..., paths=..., info=...)` (see `_base`), then
import it below and add it to `_MODULES`. Put it in `DEFAULT_PIPELINE` at the place the
SAIO's pipeline has it if the fake's default cloud should run it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.objectstorage.errors import SwiftError
from stackdouble.fakes.objectstorage.handlers._common import check_path, split_swift_path
from stackdouble.fakes.objectstorage.handlers.objects import server_side_copy
from stackdouble.fakes.objectstorage.middleware import (
    account_quotas,
    bulk,
    container_quotas,
    container_sync,
    crossdomain,
    dlo,
    domain_remap,
    formpost,
    gatekeeper,
    healthcheck,
    keystoneauth,
    slo,
    staticweb,
    symlink,
    tempauth,
    tempurl,
    versioned_writes,
)
from stackdouble.fakes.objectstorage.middleware._base import App, Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.handlers._common import Call
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "DEFAULT_PIPELINE",
    "PLUMBING",
    "REGISTRY",
    "ROOT_PATHS",
    "App",
    "Middleware",
    "Pipeline",
    "root_request",
]

_MODULES = (healthcheck, crossdomain, bulk, tempurl, tempauth, keystoneauth,
            container_quotas, account_quotas, slo, dlo, versioned_writes, symlink,
            staticweb, formpost, container_sync, domain_remap)

#: Every middleware the fake has, by its name in Swift (`egg:swift#<name>`).
REGISTRY: dict[str, Middleware] = {m.MIDDLEWARE.name: m.MIDDLEWARE for m in _MODULES}

#: Pipeline names that change nothing in the fake: plumbing (`catch_errors`, `gatekeeper`,
#: `proxy_logging`, `cache`/`memcache`, keystonemiddleware's `authtoken`, which
#: `keystoneauth` stands for), the app itself, and the filters Swift inserts when a
#: pipeline lacks them and the handlers always apply (`listing_formats`, `copy`).
PLUMBING = frozenset({"catch_errors", "gatekeeper", "proxy_logging", "cache", "memcache",
                      "authtoken", "listing_formats", "copy", "proxy_server"})

#: What the proxy puts the copy middleware after when a pipeline does not name it
#: (`required_filters` in `swift/proxy/server.py`; the rest of its list is plumbing).
_BEFORE_COPY = frozenset({"staticweb", "tempauth", "keystoneauth"})

#: The fake's default: the SAIO pipeline (`stackdouble.realcloud`'s) with tempauth beside
#: Keystone, less what the fake does not implement yet (versioned_writes,
#: symlink).
DEFAULT_PIPELINE = ("catch_errors gatekeeper healthcheck proxy-logging cache domain_remap "
                    "listing_formats container_sync bulk tempurl formpost tempauth authtoken "
                    "keystoneauth staticweb copy "
                    "container-quotas "
                    "account-quotas slo dlo versioned_writes symlink proxy-logging proxy-server")

#: Route templates below Swift's root that some middleware answers (`root_request`).
ROOT_PATHS: tuple[str, ...] = tuple(dict.fromkeys(
    path for m in REGISTRY.values() for path in m.paths))


def _canonical(name: str) -> str:
    return name.strip().replace("-", "_")


class Pipeline:
    """The middleware a cloud's Swift runs, in order; immutable, so clouds may share one.

    Args:
        names: A proxy-server.conf pipeline line (names split on whitespace) or the names
            themselves; the default is `DEFAULT_PIPELINE`.

    Raises:
        ValueError: A name the fake has no middleware for (and that is not `PLUMBING`), or
            a middleware named twice.

    Attributes:
        copy_at: How many of `middlewares` come before the copy middleware (where the
            pipeline names `copy`, else where the proxy inserts it).
        middlewares: The enabled `Middleware`s, in order.
        names: Their names (`egg:swift#` spelling).
    """

    __slots__ = ("_answers", "_enabled", "_handles", "copy_at", "middlewares", "names")

    def __init__(self, names: str | Iterable[str] = DEFAULT_PIPELINE) -> None:
        given = names.split() if isinstance(names, str) else [str(n) for n in names]
        found: list[Middleware] = []
        copy_at: int | None = None
        for raw in given:
            name = _canonical(raw)
            if name == "copy":
                copy_at = len(found)
            if name in PLUMBING:
                continue
            middleware = REGISTRY.get(name)
            if middleware is None:
                raise ValueError(
                    f"the fake Swift has no {raw!r} middleware: it has {sorted(REGISTRY)}, "
                    f"and accepts {sorted(PLUMBING)}, which change nothing in it")
            if middleware in found:
                raise ValueError(f"{raw!r} is in the pipeline twice")
            found.append(middleware)
        self.middlewares = tuple(found)
        self.names = tuple(m.name for m in found)
        self._enabled = frozenset(self.names)
        if copy_at is None:  # where the proxy inserts it: after these, before slo and dlo
            copy_at = max((i + 1 for i, m in enumerate(found) if m.name in _BEFORE_COPY),
                          default=0)
        self.copy_at = copy_at
        handles = [m.handle for m in found[:copy_at] if m.handle is not None]
        handles.append(server_side_copy)
        handles += [m.handle for m in found[copy_at:] if m.handle is not None]
        self._handles = (gatekeeper.handle, *handles)
        self._answers = tuple(m.answer for m in found if m.answer is not None)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _canonical(name) in self._enabled

    def without(self, *names: str) -> Pipeline:
        """This pipeline less some middleware (`Pipeline().without("staticweb")`).

        Raises:
            ValueError: A name the fake has no middleware for.
        """
        removed = {_canonical(n) for n in names}
        unknown = removed - set(REGISTRY)
        if unknown:
            raise ValueError(f"the fake Swift has no {sorted(unknown)} middleware: it has "
                             f"{sorted(REGISTRY)}")
        return Pipeline(n for n in self.names if n not in removed)

    def run(self, call: Call, app: App) -> FakeResponse:
        """Send an account, container or object request through each middleware's
        `handle`, in order, then to `app` (the proxy's controllers). The filters the proxy
        always inserts run too: the gatekeeper first, the copy middleware at `copy_at`
        (`handlers.objects.server_side_copy`)."""
        chain = app
        for handle in reversed(self._handles):
            chain = _link(handle, chain)
        return chain(call)

    def answer(self, req: FakeRequest) -> FakeResponse | None:
        """The first enabled middleware's answer to a path outside `/v1/...`, or None."""
        for answer in self._answers:
            resp = answer(req)
            if resp is not None:
                return resp
        return None

    def info(self, model: ObjectStorageModel) -> dict[str, Any]:
        """The `/info` sections of the enabled middleware, in pipeline order."""
        out: dict[str, Any] = {}
        for middleware in self.middlewares:
            if middleware.info is not None:
                out.update(middleware.info(model))
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and other.names == self.names

    def __hash__(self) -> int:
        return hash(self.names)

    def __repr__(self) -> str:
        return f"Pipeline({' '.join(self.names)!r})"


def _link(handle: Callable[[Call, App], FakeResponse], app: App) -> App:
    return lambda call: handle(call, app)


def root_request(req: FakeRequest) -> FakeResponse:
    """A path outside `/v1/...` that some middleware may own (`ROOT_PATHS`): the first
    enabled middleware's answer, else the proxy's for a path it cannot route (Swift's
    `get_controller`): 412 `Bad URL` without an account, 400 for a version Swift does
    not serve, 404 for a path `split_path` refuses."""
    resp = req.cloud.object_storage.pipeline.answer(req)
    if resp is not None:
        return resp
    check_path(req)
    try:
        version, account, _, _ = split_swift_path(req.subpath)
    except ValueError:
        raise SwiftError(404) from None
    if not account:
        raise SwiftError(412, "Bad URL")
    if version not in ("v1", "v1.0"):
        raise SwiftError(400)
    raise SwiftError(404)
