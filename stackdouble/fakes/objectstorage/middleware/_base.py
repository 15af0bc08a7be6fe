"""What a middleware of the fake Swift is: `Middleware`, the record each module of this
package exports as `MIDDLEWARE`, and `App`, what it wraps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stackdouble.fakes.http import FakeRequest, FakeResponse
    from stackdouble.fakes.objectstorage.handlers._common import Call
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["App", "Middleware"]

#: The rest of the pipeline, as a middleware sees it: call it to pass the request on.
App = Callable[["Call"], "FakeResponse"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Middleware:
    """One of Swift's proxy middlewares, as the fake runs it. Every hook is optional.

    Attributes:
        name: Its entry point in Swift (`egg:swift#<name>`: `tempurl`, `container_quotas`).
        handle: `handle(call, app)` for every account, container and object request that
            reaches it: answer (a `FakeResponse`, or raise a `SwiftError`) or return
            `app(call)`, maybe changing the call before or the response after.
        answer: `answer(req)` for the paths outside `/v1/...` that it owns (`paths`): a
            `FakeResponse`, or None to pass the request on.
        paths: The route templates `answer` is called for, below Swift's root
            (`/healthcheck`, `/auth/{auth_path:path}`).
        info: `info(model)`: its sections of `/info` (what `register_swift_info` records
            when Swift loads it), listed only while it is in the pipeline.
    """

    name: str
    handle: Callable[[Call, App], FakeResponse] | None = None
    answer: Callable[[FakeRequest], FakeResponse | None] | None = None
    paths: tuple[str, ...] = ()
    info: Callable[[ObjectStorageModel], Mapping[str, Any]] | None = None
