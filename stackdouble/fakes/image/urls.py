"""The fake Glance's route table, relative to `{base}/image` (templates as the client's).

Everything under `/v2` sits behind keystonemiddleware; the version documents do not (Glance's
version negotiation answers before it). Glance's router answers a known path's other
methods with 405 and its `Allow` list, HEAD included (its routes match GET only), so each
path with a GET also routes HEAD to that 405.
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.image import handlers as h
from stackdouble.fakes.image.errors import MethodNotAllowed, NotFound
from stackdouble.fakes.routing import Handler, Router

__all__ = ["ALLOW_ORDER", "NO_REJECT", "allow_header", "build_router"]

#: The order Glance's `allowed_methods` strings list methods in.
ALLOW_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE")

#: The v2 paths Glance routes without a 405 for other methods (they get its plain 404).
NO_REJECT = frozenset({"/v2/info/usage", "/v2/images/{image_id}/tasks"})
#: The methods Glance's router implements (others get a 501 before any route).
_IMPLEMENTED = ("HEAD", "POST", "PUT", "PATCH", "DELETE")

#: (method, template, handler, body_reject) for every v2 route.
_V2: tuple[tuple[str, str, Handler, bool], ...] = (
    ("GET", "/schemas/image", h.image_schema, True),
    ("GET", "/schemas/images", h.images_schema, True),
    ("GET", "/schemas/member", h.member_schema, True),
    ("GET", "/schemas/members", h.members_schema, True),
    ("GET", "/schemas/task", h.task_schema, False),
    ("GET", "/schemas/tasks", h.tasks_schema, False),
    ("GET", "/images", h.list_images, False),
    ("POST", "/images", h.create_image, False),
    ("GET", "/images/{image_id}", h.show_image, True),
    ("GET", "/images/{image_id}/tasks", h.image_tasks, True),
    ("PATCH", "/images/{image_id}", h.update_image, False),
    ("DELETE", "/images/{image_id}", h.delete_image, True),
    ("POST", "/images/{image_id}/import", h.import_image, False),
    ("POST", "/images/{image_id}/actions/deactivate", h.deactivate_image, True),
    ("POST", "/images/{image_id}/actions/reactivate", h.reactivate_image, True),
    ("GET", "/images/{image_id}/file", h.download_file, True),
    ("PUT", "/images/{image_id}/file", h.upload_file, False),
    ("PUT", "/images/{image_id}/stage", h.stage_file, False),
    ("PUT", "/images/{image_id}/tags/{tag_value}", h.add_tag, True),
    ("DELETE", "/images/{image_id}/tags/{tag_value}", h.remove_tag, True),
    ("GET", "/images/{image_id}/members", h.list_members, True),
    ("POST", "/images/{image_id}/members", h.add_member, False),
    ("GET", "/images/{image_id}/members/{member_id}", h.show_member, True),
    ("PUT", "/images/{image_id}/members/{member_id}", h.update_member, False),
    ("DELETE", "/images/{image_id}/members/{member_id}", h.remove_member, True),
    ("GET", "/info/import", h.import_info, True),
    ("GET", "/info/stores", h.stores_info, True),
    ("GET", "/info/stores/detail", h.stores_info, True),
    ("GET", "/info/usage", h.usage_info, False),
    ("GET", "/tasks", h.list_tasks, False),
    ("POST", "/tasks", h.create_task, False),
    ("GET", "/tasks/{task_id}", h.show_task, False),
    ("DELETE", "/tasks/{task_id}", h.delete_task, False),
)


def allow_header(methods: list[str] | set[str]) -> str:
    """Glance's `Allow` value for a path's methods (HEAD is never listed).

    Example:
        >>> allow_header({"DELETE", "GET", "HEAD", "PATCH"})
        'GET, PATCH, DELETE'
    """
    return ", ".join(m for m in ALLOW_ORDER if m in methods)


def _reject(methods: set[str]) -> Handler:
    allowed = allow_header(methods)

    def reject_method(req: FakeRequest) -> FakeResponse:
        """`RejectMethodController.reject`: 405 with the path's `Allow`."""
        h.check_request_id(req)
        raise MethodNotAllowed(headers=[("Allow", allowed)])

    return reject_method


def build_router() -> Router:
    """The version documents, and the v2 API under `/v2`."""
    r = Router()
    r.add("GET", "/", h.versions, auth=False)
    r.add("GET", "/versions", h.list_versions, auth=False)
    methods: dict[str, set[str]] = {}
    for method, template, handler, body_reject in _V2:
        r.add(method, "/v2" + template, h.api(handler, body_reject=body_reject))
        methods.setdefault(template, set()).add(method)
    for template, found in methods.items():
        if "/v2" + template in NO_REJECT:
            for other in _IMPLEMENTED:
                if other not in found:
                    r.add(other, "/v2" + template, _unrouted)
        elif "GET" in found:
            r.add("HEAD", "/v2" + template, _reject(found))
    return r


def _unrouted(req: FakeRequest) -> FakeResponse:
    """A method Glance's router does not route on this path: its plain 404."""
    h.check_request_id(req)
    raise NotFound()
