"""Cinder's API handlers: parse as `cinder/api/openstack/wsgi.py` and the v3 controllers do,
call the model, render with `views`.

Each v3 handler is wrapped by `api()`, which reads the microversion (`OpenStack-API-Version:
volume X`; `latest`; out of range → 406; Cinder ignores the legacy
`X-OpenStack-Volume-API-Version`), checks the Content-Type (415) and that the project in the
URL is the token's ("Malformed request url"), in Cinder's order. Bodies are decoded as
Cinder does ("Malformed request body" for bad JSON; a body without a Content-Type is
ignored) and validated by `schema`.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import (
    BadRequest,
    Forbidden,
    NotAcceptable,
    cinder_fault,
    invalid_input,
)
from stackdouble.fakes.blockstorage.models import (
    VOLUME_SORT_KEYS,
    BlockStorageModel,
    Caller,
    SnapshotFilters,
    Volume,
    VolumeFilters,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.routing import Handler

__all__ = ["MICROVERSION_KEY", "api", "parse_microversion"]

#: Request environ key holding the parsed microversion (set once it parsed).
MICROVERSION_KEY = "stackdouble.block_storage.microversion"
_VERSION_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")
_JSON_TYPES = frozenset({"application/json", "application/vnd.openstack.volume+json"})
_TRUE = frozenset({"1", "t", "true", "on", "y", "yes"})
_FALSE = frozenset({"0", "f", "false", "off", "n", "no"})
_DB_MAX_INT = 0x7FFFFFFF
#: `etc/cinder/resource_filters.json`: the filters non-admins may use.
VOLUME_FILTERS = ("name", "status", "metadata", "bootable", "migration_status",
                  "availability_zone", "group_id", "size", "created_at", "updated_at",
                  "consumes_quota")
SNAPSHOT_FILTERS = ("name", "status", "volume_id", "metadata", "availability_zone",
                    "consumes_quota")
#: Cinder's actions the fake does not model: 501 rather than a misleading 400.
_UNMODELLED_ACTIONS = frozenset({
    "os-initialize_connection", "os-terminate_connection", "os-volume_upload_image",
    "os-update_readonly_flag", "os-retype", "os-reimage", "revert", "os-migrate_volume",
    "os-migrate_volume_completion", "os-force_detach", "os-set_image_metadata",
    "os-unset_image_metadata", "os-show_image_metadata", "os-extend_volume_completion",
    "os-unmanage", "os-enable_replication", "os-disable_replication",
    "os-failover_replication", "os-list_replication_targets"})
_PAGING = ("limit", "marker", "offset", "sort", "sort_key", "sort_dir")


# -- plumbing -------------------------------------------------------------------------------


def parse_microversion(req: FakeRequest) -> tuple[int, int]:
    """The request's microversion (3.0 when it sends none), `Request.set_api_version_request`.

    Raises:
        BadRequest: Not `Major.Minor`, or no `volume` entry in the header (Cinder's
            `VersionNotFoundForAPIMethod` reaches the fault wrapper as a bare 400).
        NotAcceptable: Outside 3.0–3.71.
    """
    header = req.header("OpenStack-API-Version")
    if header is None:
        return views.MIN_VERSION
    value = None
    for item in header.split(","):
        if "volume" in item:
            parts = item.split()
            if len(parts) != 2:
                raise BadRequest()
            value = parts[1]
            break
    if value is None:
        raise BadRequest()
    if value == "latest":
        return views.MAX_VERSION
    match = _VERSION_RE.match(value)
    if match is None:
        raise BadRequest(f"API Version String {value} is of invalid format. Must be of format "
                         "MajorNum.MinorNum.")
    version = (int(match.group(1)), int(match.group(2)))
    if not views.MIN_VERSION <= version <= views.MAX_VERSION:
        req.environ[MICROVERSION_KEY] = version  # the fault still names it
        low, high = views.MIN_VERSION, views.MAX_VERSION
        raise NotAcceptable(f"Version {version[0]}.{version[1]} is not supported by the API. "
                            f"Minimum is {low[0]}.{low[1]} and maximum is {high[0]}.{high[1]}.")
    return version


def api(handler: Handler) -> Handler:
    """Wrap a v3 handler: microversion, Content-Type and the URL's project first."""

    def wrapped(req: FakeRequest) -> FakeResponse:
        req.environ[MICROVERSION_KEY] = parse_microversion(req)
        if req.body and req.header("Content-Type") is not None:
            ctype = req.content_type.split(";", 1)[0].strip().lower()
            if ctype not in _JSON_TYPES:
                return cinder_fault(415, "Unsupported Content-Type")
        token = req.require_token()
        project = req.params.get("project_id")
        if project is not None and project != token.project_id:
            raise BadRequest("Malformed request url")
        return handler(req)

    wrapped.__name__ = getattr(handler, "__name__", "handler")
    wrapped.__doc__ = handler.__doc__
    return wrapped


def _model(req: FakeRequest) -> BlockStorageModel:
    model: BlockStorageModel = req.service.model  # type: ignore[attr-defined]
    return model


def _version(req: FakeRequest) -> tuple[int, int]:
    version: tuple[int, int] = req.environ.get(MICROVERSION_KEY, views.MIN_VERSION)
    return version


def _caller(req: FakeRequest, rule: str = "volume:get") -> Caller:
    token = req.require_token()
    if token.project_id is None:
        raise Forbidden(f"Policy doesn't allow {rule} to be performed.")
    return Caller(project_id=token.project_id, user_id=token.user_id, is_admin=token.is_admin)


def _ctx(req: FakeRequest, caller: Caller) -> views.ViewContext:
    root = req.base_url + "/volume"
    project = req.params.get("project_id") or caller.project_id
    token = req.token
    return views.ViewContext(endpoint=f"{root}/v3/{project}", bookmark=f"{root}/{project}",
                             version=_version(req), is_admin=caller.is_admin,
                             is_reader=bool(token is not None and token.roles),
                             query=tuple(req.args.items()))


def _ok(body: Any, status: int = 200) -> FakeResponse:
    return FakeResponse.json(status, body)


def _empty(status: int, *, html: bool = False) -> FakeResponse:
    """An answer without a body: webob's `Response` (`text/html`) for deletes, a
    `ResponseObject(None)` (`application/json`) for actions."""
    ctype = "text/html; charset=UTF-8" if html else "application/json"
    return FakeResponse(status, b"", [("Content-Type", ctype)])


def _body(req: FakeRequest) -> Any:
    """The decoded body as Cinder's `Resource.get_body` and `JSONDeserializer` give it;
    None when empty or sent without a Content-Type.

    Raises:
        BadRequest: "Malformed request body".
    """
    raw = req.body
    if not raw or req.header("Content-Type") is None:
        return None
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None


def _required_body(req: FakeRequest) -> Any:
    """The body of a request whose controller takes one. Cinder calls the controller
    without it when none was sent, which fails before validation with a 500; the fake
    answers webob's plain 400 instead."""
    body = _body(req)
    if body is None:
        raise BadRequest()
    return body


def bool_from_string(value: Any, *, strict: bool = True, default: bool = False) -> bool:
    """oslo's `strutils.bool_from_string`."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if strict:
        acceptable = ", ".join(f"'{s}'" for s in sorted(_TRUE | _FALSE))
        raise invalid_input(f"Unrecognized value '{value}', acceptable values are: "
                            f"{acceptable}")
    return default


def _bool_param(name: str, value: str) -> bool:
    """`utils.get_bool_param`.

    Raises:
        BadRequest: "Value '<v>' for '<name>' is not a boolean."
    """
    text = str(value).lower()
    if text not in _TRUE and text not in _FALSE:
        raise BadRequest(f"Value '{value}' for '{name}' is not a boolean.")
    return text in _TRUE


def _literal(value: str) -> Any:
    """`ast.literal_eval` as `check_volume_filters` applies it; the text when it fails."""
    if len(value) > 4096:
        return value
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return value


# -- paging and sorting (cinder/api/common.py) ------------------------------------------------


def _paging(req: FakeRequest, model: BlockStorageModel) -> tuple[str | None, int, int]:
    """`get_pagination_params`: (marker, limit, offset).

    Raises:
        BadRequest: "limit param must be an integer" / "limit param must be positive", or
            "offset must be an integer" / "offset must be >= 0".
    """
    raw = req.args.get("limit")
    if raw is None:
        limit = model.max_limit
    else:
        try:
            limit = int(raw)
        except ValueError:
            raise BadRequest("limit param must be an integer") from None
        if limit < 0:
            raise BadRequest("limit param must be positive")
        limit = min(limit, model.max_limit)
    marker = req.args.get("marker")
    offset_raw = req.args.get("offset", "0") or ""
    try:
        offset = int(offset_raw)
    except ValueError:
        raise BadRequest("offset must be an integer") from None
    if offset < 0:
        raise BadRequest("offset must be >= 0")
    if offset > _DB_MAX_INT:
        raise BadRequest(f"offset must be <= {_DB_MAX_INT}")
    return marker, limit, offset


def _sort(req: FakeRequest, *, rename_name: bool = True) -> list[tuple[str, str]]:
    """`get_sort_params` (default `created_at desc`), with `name` → `display_name`.

    Raises:
        BadRequest: `sort` together with `sort_key`/`sort_dir`, or an unknown direction.
    """
    args = req.args
    if "sort" in args and ("sort_key" in args or "sort_dir" in args):
        raise BadRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot "
                         "be used with the 'sort' parameter.")
    pairs: list[tuple[str, str]] = []
    if "sort" in args:
        for item in (args.get("sort") or "").strip().split(","):
            key, _sep, direction = item.partition(":")
            pairs.append((key.strip(), (direction or "desc").strip()))
    else:
        pairs.append(((args.get("sort_key") or "created_at").strip(),
                      (args.get("sort_dir") or "desc").strip()))
    for _key, direction in pairs:
        if direction not in ("asc", "desc"):
            raise invalid_input("Unknown sort direction, must be 'desc' or 'asc'.")
    if rename_name:
        pairs = [("display_name" if k == "name" else k, d) for k, d in pairs]
    return pairs


def _filter_args(req: FakeRequest, caller: Caller, version: tuple[int, int],
                 allowed: tuple[str, ...], dropped: tuple[tuple[tuple[int, int], str], ...]
                 ) -> dict[str, str]:
    """The query's filters after `process_general_filtering`: unknown ones are a 400 from
    3.31 (non-admins), silently dropped before; `all_tenants` is always silently dropped
    for non-admins."""
    opts = {k: v for k, v in req.args.items() if k not in _PAGING}
    if version >= (3, 45) and "with_count" in opts:
        opts.pop("with_count")
    for key in opts:
        if not key.isascii():
            raise BadRequest("Filter keys can only contain ASCII characters.")
    if version >= (3, 31):
        if not caller.is_admin:
            invalid = [k for k in opts if k not in allowed]
            if "all_tenants" in invalid:
                invalid.remove("all_tenants")
                opts.pop("all_tenants")
            if invalid:
                raise BadRequest(f"Invalid filters {','.join(invalid)} are found in query "
                                 "options.")
        if "consumes_quota" in opts:
            opts["use_quota"] = opts.pop("consumes_quota")
    else:
        for before, name in dropped:
            if version <= before:
                opts.pop(name, None)
        if not caller.is_admin:
            opts = {k: v for k, v in opts.items() if k in allowed}
    return opts


def _with_count(req: FakeRequest, version: tuple[int, int]) -> bool:
    raw = req.args.get("with_count")
    if version < (3, 45) or raw is None:
        return False
    return _bool_param("with_count", raw)


_VOLUME_DROPPED = (((3, 3), "glance_metadata"), ((3, 9), "group_id"), ((3, 59), "created_at"),
                   ((3, 59), "updated_at"), ((3, 64), "use_quota"))
_TIME_OPS = {"gt": lambda a, b: a > b, "gte": lambda a, b: a >= b, "eq": lambda a, b: a == b,
             "neq": lambda a, b: a != b, "lt": lambda a, b: a < b, "lte": lambda a, b: a <= b}


def _time_filter(name: str, text: str) -> Callable[[datetime | None], bool]:
    """`_handle_time_comparison_filters`: `gt:2026-01-01T00:00:00,lte:...`.

    Raises:
        BadRequest: "Invalid <op> operator", "Invalid <field> value", "Invalid <time> value".
    """
    from stackdouble.fakes.compute.schema import parse_isotime

    checks: list[tuple[Callable[[Any, Any], bool], datetime]] = []
    for unit in text.split(","):
        parts = unit.split(":")
        if len(parts) < 2:
            if parts[0] not in _TIME_OPS:
                raise BadRequest(f"Invalid {parts[0]} operator")
            raise BadRequest(f"Invalid {name} value")
        op, when_text = parts[0], ":".join(parts[1:])
        if op not in _TIME_OPS:
            raise BadRequest(f"Invalid {op} operator")
        when = parse_isotime(when_text)
        if when is None:
            raise BadRequest(f"Invalid {when_text} value")
        checks.append((_TIME_OPS[op], when))

    def matches(value: datetime | None) -> bool:
        return value is not None and all(fn(value, when) for fn, when in checks)

    return matches


def _time_check(name: str, check: Callable[[datetime | None], bool]
                ) -> Callable[[Volume], bool]:
    if name == "created_at":
        return lambda v: check(v.created_at)
    return lambda v: check(v.updated_at)


def _equals(getter: Callable[[Volume], Any], want: Any) -> Callable[[Volume], bool]:
    return lambda v: bool(getter(v) == want)


def _host_is(host: str) -> Callable[[Volume], bool]:
    """`_filter_host`: the host, or any backend or pool of it."""
    return lambda v: (v.host or "") == host or (v.host or "").startswith((host + "@",
                                                                          host + "#"))


class _VolumeQuery:
    """A volume listing's filters that `VolumeFilters` does not hold (times, columns)."""

    def __init__(self, base: VolumeFilters) -> None:
        self.base = base
        self.extra: list[Callable[[Volume], bool]] = []

    def matches(self, v: Volume) -> bool:
        if not self.base.matches(v):
            return False
        return all(check(v) for check in self.extra)


def _volume_filters(req: FakeRequest, caller: Caller, version: tuple[int, int]
                    ) -> tuple[_VolumeQuery, bool]:
    """The listing's filters and whether to list every project (`all_tenants`, admins).

    Raises:
        BadRequest: Cinder's filter errors ("Invalid filters ...", "'bootable = x'",
            "Value 'x' for 'all_tenants' is not a boolean.", time filter errors).
    """
    opts = _filter_args(req, caller, version, VOLUME_FILTERS, _VOLUME_DROPPED)
    filters = VolumeFilters()
    query = _VolumeQuery(filters)
    all_tenants = False
    if "all_tenants" in opts:
        all_tenants = _bool_param("all_tenants", opts.pop("all_tenants")) and caller.is_admin
    if "name" in opts:
        filters.name = opts.pop("name")
    for name in ("created_at", "updated_at"):
        if name in opts:
            query.extra.append(_time_check(name, _time_filter(name, opts.pop(name))))
    strict = version >= (3, 2)
    for key in ("bootable", "multiattach", "use_quota"):
        if key in opts:
            raw = opts.pop(key)
            if strict:
                if str(raw).strip().lower() not in _TRUE | _FALSE:
                    raise invalid_input(f"'{key} = {raw}'")
                value = str(raw).strip().lower() in _TRUE
            else:
                value = raw not in ("False", "false", "FALSE") and (
                    raw in ("True", "true", "TRUE") or bool(raw))
            if key == "bootable":
                filters.bootable = value
            elif key == "multiattach":
                query.extra.append(_equals(VOLUME_SORT_KEYS["multiattach"], value))
            elif not value:
                filters.impossible = True
    for key, raw in opts.items():
        given = _literal(raw)
        if key == "metadata":
            if not isinstance(given, dict):
                filters.impossible = True
            else:
                filters.metadata = {str(k): str(v) for k, v in given.items()}
        elif key == "status":
            filters.status = str(given)
        elif key == "availability_zone":
            filters.availability_zone = str(given)
        elif key == "size":
            if isinstance(given, int) and not isinstance(given, bool):
                filters.size = given
            else:
                filters.impossible = True
        elif key == "project_id":
            filters.project_id = str(given)
        elif key == "user_id":
            filters.user_id = str(given)
        elif key == "volume_type_id":
            filters.volume_type_id = str(given)
        elif key == "host":
            query.extra.append(_host_is(str(given)))
        elif key in VOLUME_SORT_KEYS:
            query.extra.append(_equals(VOLUME_SORT_KEYS[key], given))
        elif key in ("migration_status", "group_id", "consistencygroup_id"):
            filters.impossible = filters.impossible or given is not None
        elif key != "no_migration_targets":
            filters.impossible = True  # "'<key>' filter key is not valid."
    return query, all_tenants


# -- versions -------------------------------------------------------------------------------


def get_versions(req: FakeRequest) -> FakeResponse:
    """`GET /volume/`: every API version, 300 Multiple Choices (with the microversion
    header, as Cinder's versions controller reads the request's microversion too)."""
    req.environ[MICROVERSION_KEY] = parse_microversion(req)
    return _ok(views.versions(req.base_url + "/volume"), 300)


def get_version_v3(req: FakeRequest) -> FakeResponse:
    """`GET /volume/v3/`: the same document, 200 (behind the token check)."""
    req.environ[MICROVERSION_KEY] = parse_microversion(req)
    return _ok(views.versions(req.base_url + "/volume"))


# -- volumes --------------------------------------------------------------------------------


def list_volumes(req: FakeRequest) -> FakeResponse:
    """`GET /volumes`: ids, names and links."""
    return _list_volumes(req, detail=False)


def list_volumes_detail(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/detail`: every attribute."""
    return _list_volumes(req, detail=True)


def _list_volumes(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req, "volume:get_all")
    version = _version(req)
    model = _model(req)
    marker, limit, offset = _paging(req, model)
    sort = _sort(req)
    with_count = _with_count(req, version)
    query, all_tenants = _volume_filters(req, caller, version)
    found = model.list_volumes(caller, query.base, limit=limit, marker=marker, offset=offset,
                               sort=sort, all_tenants=all_tenants) if not query.extra else \
        _list_with_extra(model, caller, query, limit, marker, offset, sort, all_tenants)
    count = None
    if with_count:
        count = model.count_volumes(caller, query.base, all_tenants=all_tenants) \
            if not query.extra else sum(
                1 for v in model.list_volumes(caller, query.base, limit=_DB_MAX_INT,
                                              all_tenants=all_tenants) if query.matches(v))
    ctx = _ctx(req, caller)
    if detail:
        items = [views.volume_detail(ctx, v) for v in found]
    else:
        items = [views.volume_summary(ctx, v) for v in found]
    body: dict[str, Any] = {"volumes": items}
    links = views.collection_links(ctx, "volumes/detail" if detail else "volumes", found,
                                   limit, count)
    if links:
        body["volumes_links"] = links
    if count is not None:
        body["count"] = count
    return _ok(body)


def _list_with_extra(model: BlockStorageModel, caller: Caller, query: _VolumeQuery, limit: int,
                     marker: str | None, offset: int, sort: list[tuple[str, str]],
                     all_tenants: bool) -> list[Volume]:
    """A listing with filters the sorted walk cannot apply: every candidate after the
    marker, filtered, then paged."""
    candidates = model.list_volumes(caller, query.base, limit=_DB_MAX_INT, marker=marker,
                                    sort=sort, all_tenants=all_tenants)
    kept = [v for v in candidates if query.matches(v)]
    return kept[offset:offset + limit]


def create_volume(req: FakeRequest) -> FakeResponse:
    """`POST /volumes`: 202 with the new volume (`creating`)."""
    caller = _caller(req, "volume:create")
    version = _version(req)
    body = _required_body(req)
    schema.check_body(schema.volume_create_schema(version), body)
    given: dict[str, Any] = body["volume"]
    name = given.get("name", given.get("display_name"))
    description = given.get("description", given.get("display_description"))
    image_ref = given.get("imageRef", given.get("image_id"))
    multiattach = given.get("multiattach")
    size = given.get("size")
    model = _model(req)
    if multiattach is not None and bool_from_string(multiattach, strict=False):
        raise BadRequest("multiattach parameter has been removed. The default behavior is to "
                         "use multiattach enabled volume types. Contact your administrator "
                         "to create a multiattach enabled volume type and use it to create "
                         "multiattach volumes.")
    volume = model.create_volume(
        caller, size=int(size) if size is not None else None,
        name=name.strip() if isinstance(name, str) else name,
        description=description.strip() if isinstance(description, str) else description,
        volume_type=given.get("volume_type") or None, metadata=given.get("metadata"),
        availability_zone=given.get("availability_zone"), snapshot_id=given.get("snapshot_id"),
        source_volid=given.get("source_volid"),
        image_id=image_ref if image_ref else None)
    return _ok({"volume": views.volume_detail(_ctx(req, caller), volume, extended=False)}, 202)


def show_volume(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/{id}`."""
    caller = _caller(req)
    volume = _model(req).get_volume(caller, req.params["volume_id"])
    return _ok({"volume": views.volume_detail(_ctx(req, caller), volume)})


def update_volume(req: FakeRequest) -> FakeResponse:
    """`PUT /volumes/{id}`: 200 with the volume."""
    caller = _caller(req, "volume:update")
    body = _required_body(req)
    schema.check_body(schema.volume_update_schema(_version(req)), body)
    given = body["volume"]
    changes: dict[str, Any] = {}
    for key, attr in (("name", "name"), ("display_name", "name"),
                      ("description", "description"),
                      ("display_description", "description"), ("metadata", "metadata")):
        if key in given:
            value = given[key]
            changes[attr] = value.strip() if isinstance(value, str) and attr != "metadata" \
                else value
    volume = _model(req).update_volume(caller, req.params["volume_id"], changes)
    return _ok({"volume": views.volume_detail(_ctx(req, caller), volume, extended=False)})


def delete_volume(req: FakeRequest) -> FakeResponse:
    """`DELETE /volumes/{id}[?cascade=true][&force=true]`: 202."""
    caller = _caller(req, "volume:delete")
    cascade = _bool_param("cascade", req.args.get("cascade", "false") or "")
    force = False
    if _version(req) >= (3, 23):
        force = _bool_param("force", req.args.get("force", "false") or "")
    model = _model(req)
    model.get_volume(caller, req.params["volume_id"])
    if force and not caller.is_admin:
        raise Forbidden("Policy doesn't allow volume:force_delete to be performed.")
    model.delete_volume(caller, req.params["volume_id"], cascade=cascade, force=force)
    return _empty(202, html=True)


# -- volume actions ---------------------------------------------------------------------------


def volume_action(req: FakeRequest) -> FakeResponse:
    """`POST /volumes/{id}/action`: the one key of the body names the action."""
    raw = req.body
    if not raw or req.header("Content-Type") is None:
        raise BadRequest("There is no such action: None. Verify the request body and "
                         "Content-Type header and try again.")
    try:
        decoded = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest("Malformed request body") from None
    if not isinstance(decoded, (dict, list, str)):
        return cinder_fault(404)  # `action_peek_json`'s len() fails: TypeError → 404
    if len(decoded) != 1:
        raise BadRequest("Malformed request body")
    if not isinstance(decoded, dict):
        return cinder_fault(404)  # `.keys()` fails: AttributeError → 404
    name = next(iter(decoded))
    handler = _ACTIONS.get(name)
    if handler is None:
        if name in _UNMODELLED_ACTIONS:
            return cinder_fault(501, f"The fake Cinder does not implement the '{name}' action.")
        raise BadRequest(f"There is no such action: {name}. Verify the request body and "
                         "Content-Type header and try again.")
    caller = _caller(req, "volume_extension:volume_actions")
    return handler(req, _model(req), caller, req.params["volume_id"], decoded)


_Action = Callable[[FakeRequest, BlockStorageModel, Caller, str, dict[str, Any]], FakeResponse]


def _extend(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
            body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.EXTEND, body)
    volume = model.get_volume(caller, volume_id)
    attached = _version(req) >= (3, 42) and volume.status == "in-use"
    model.extend_volume(caller, volume_id, int(body["os-extend"]["new_size"]), attached=attached)
    return _empty(202)


def _set_bootable(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.SET_BOOTABLE, body)
    model.get_volume(caller, volume_id)
    model.set_bootable(caller, volume_id, bool_from_string(body["os-set_bootable"]["bootable"]))
    return _empty(200)


def _reserve(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
             body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.RESERVE, body)
    model.reserve(caller, volume_id)
    return _empty(202)


def _unreserve(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
               body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.UNRESERVE, body)
    model.unreserve(caller, volume_id)
    return _empty(202)


def _begin_detaching(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                     body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.BEGIN_DETACHING, body)
    model.begin_detaching(caller, volume_id)
    return _empty(202)


def _roll_detaching(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                    body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.ROLL_DETACHING, body)
    model.roll_detaching(caller, volume_id)
    return _empty(202)


def _attach(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
            body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.ATTACH, body)
    given = body["os-attach"]
    model.attach(caller, volume_id, instance_uuid=given.get("instance_uuid"),
                 host_name=given.get("host_name"), mountpoint=given["mountpoint"],
                 mode=given.get("mode", "rw"))
    return _empty(202)


def _detach(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
            body: dict[str, Any]) -> FakeResponse:
    schema.check_body(schema.DETACH, body)
    given = body["os-detach"] or {}
    model.detach(caller, volume_id, given.get("attachment_id"))
    return _empty(202)


def _admin(caller: Caller, rule: str) -> None:
    if not caller.is_admin:
        raise Forbidden(f"Policy doesn't allow {rule} to be performed.")


def _reset_status(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    _admin(caller, "volume_extension:volume_admin_actions:reset_status")
    schema.check_body(schema.RESET_STATUS, body)
    given = body["os-reset_status"]
    if not any(given.get(k) for k in ("status", "attach_status", "migration_status")):
        raise BadRequest("Must specify 'status', 'attach_status' or 'migration_status' for "
                         "update.")
    status = given.get("status")
    if status is not None:
        from stackdouble.fakes.blockstorage.models import VOLUME_STATUSES

        if status.lower() not in VOLUME_STATUSES:
            raise BadRequest(f"Volume status: {status} is invalid, valid statuses are: "
                             f"{sorted(VOLUME_STATUSES)}.")
        status = status.lower()
    model.reset_status(caller, volume_id, status, given.get("attach_status"))
    return _empty(202)


def _force_delete(req: FakeRequest, model: BlockStorageModel, caller: Caller, volume_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    _admin(caller, "volume_extension:volume_admin_actions:force_delete")
    schema.check_body(schema.FORCE_DELETE, body)
    model.delete_volume(caller, volume_id, force=True)
    return _empty(202)


_ACTIONS: dict[str, _Action] = {
    "os-extend": _extend,
    "os-set_bootable": _set_bootable,
    "os-reserve": _reserve,
    "os-unreserve": _unreserve,
    "os-begin_detaching": _begin_detaching,
    "os-roll_detaching": _roll_detaching,
    "os-attach": _attach,
    "os-detach": _detach,
    "os-reset_status": _reset_status,
    "os-force_delete": _force_delete,
}


# -- volume metadata --------------------------------------------------------------------------


def get_metadata(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/{id}/metadata`."""
    volume = _model(req).get_volume(_caller(req), req.params["volume_id"])
    return _ok({"metadata": dict(volume.metadata)})


def create_metadata(req: FakeRequest) -> FakeResponse:
    """`POST /volumes/{id}/metadata`: merge; 200 with all of it."""
    return _set_metadata(req, replace=False)


def replace_metadata(req: FakeRequest) -> FakeResponse:
    """`PUT /volumes/{id}/metadata`: replace; 200 with all of it."""
    return _set_metadata(req, replace=True)


def _set_metadata(req: FakeRequest, *, replace: bool) -> FakeResponse:
    caller = _caller(req, "volume:create_volume_metadata")
    body = _required_body(req)
    schema.check_body(schema.METADATA_CREATE, body)
    merged = _model(req).set_metadata(caller, req.params["volume_id"], body["metadata"],
                                      replace=replace)
    return _ok({"metadata": merged})


def get_metadatum(req: FakeRequest) -> FakeResponse:
    """`GET /volumes/{id}/metadata/{key}`: `{"meta": {key: value}}`."""
    volume = _model(req).get_volume(_caller(req), req.params["volume_id"])
    key = req.params["key"]
    if key not in volume.metadata:
        from stackdouble.fakes.blockstorage.errors import NotFound

        raise NotFound(f"Volume {volume.id} has no metadata with key {key}.")
    return _ok({"meta": {key: volume.metadata[key]}})


def set_metadatum(req: FakeRequest) -> FakeResponse:
    """`PUT /volumes/{id}/metadata/{key}` with `{"meta": {key: value}}`."""
    caller = _caller(req, "volume:update_volume_metadata")
    body = _required_body(req)
    schema.check_body(schema.METADATA_UPDATE, body)
    item = body["meta"]
    key = req.params["key"]
    if key not in item:
        raise BadRequest("Request body and URI mismatch")
    if len(item) > 1:
        raise BadRequest("Request body contains too many items")
    _model(req).set_metadata(caller, req.params["volume_id"], item, replace=False)
    return _ok({"meta": dict(item)})


def delete_metadatum(req: FakeRequest) -> FakeResponse:
    """`DELETE /volumes/{id}/metadata/{key}`: 200, no body."""
    _model(req).delete_metadatum(_caller(req, "volume:delete_volume_metadata"),
                                 req.params["volume_id"], req.params["key"])
    return _empty(200, html=True)


# -- snapshots ----------------------------------------------------------------------------------


def list_snapshots(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots`."""
    return _list_snapshots(req, detail=False)


def list_snapshots_detail(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots/detail`."""
    return _list_snapshots(req, detail=True)


def _list_snapshots(req: FakeRequest, *, detail: bool) -> FakeResponse:
    caller = _caller(req, "volume:get_all_snapshots")
    version = _version(req)
    model = _model(req)
    marker, limit, offset = _paging(req, model)
    sort = _sort(req, rename_name=version >= (3, 30))
    with_count = _with_count(req, version)
    opts = _filter_args(req, caller, version, SNAPSHOT_FILTERS if version >= (3, 31) else (
        "status", "volume_id", "name", "metadata"), (((3, 21), "metadata"), ((3, 64), "use_quota")))
    filters = SnapshotFilters()
    all_tenants = False
    if "all_tenants" in opts:
        all_tenants = _bool_param("all_tenants", opts.pop("all_tenants")) and caller.is_admin
    impossible = False
    for key, raw in opts.items():
        if key == "name":
            filters.name = raw
        elif key == "status":
            filters.status = raw
        elif key == "volume_id":
            filters.volume_id = raw
        elif key == "project_id":
            filters.project_id = raw
        elif key == "metadata":
            value = _literal(raw)
            if isinstance(value, dict):
                filters.metadata = {str(k): str(v) for k, v in value.items()}
            else:
                impossible = True
        elif key not in ("availability_zone", "use_quota"):
            impossible = True
    found = [] if impossible else model.list_snapshots(
        caller, filters, limit=limit, marker=marker, offset=offset, sort=sort,
        all_tenants=all_tenants)
    count = None
    if with_count:
        count = 0 if impossible else model.count_snapshots(caller, filters,
                                                           all_tenants=all_tenants)
    ctx = _ctx(req, caller)
    render = views.snapshot_detail if detail else views.snapshot_summary
    body: dict[str, Any] = {"snapshots": [render(ctx, s) for s in found]}
    links = views.collection_links(ctx, "snapshots/detail" if detail else "snapshots", found,
                                   limit, count)
    if links:
        body["snapshots_links"] = links
    if count is not None:
        body["count"] = count
    return _ok(body)


def create_snapshot(req: FakeRequest) -> FakeResponse:
    """`POST /snapshots`: 202 with the new snapshot (`creating`)."""
    caller = _caller(req, "volume:create_snapshot")
    version = _version(req)
    body = _required_body(req)
    schema.check_body(schema.SNAPSHOT_CREATE, body)
    given = body["snapshot"]
    model = _model(req)
    volume_id = given["volume_id"]
    if volume_id is None:
        from stackdouble.fakes.blockstorage.errors import volume_not_found

        raise volume_not_found("None")
    model.get_volume(caller, volume_id)
    force = False
    if given.get("force") is not None:
        force = bool_from_string(given["force"])
        if version >= (3, 66) and not force:
            raise BadRequest("Since microversion 3.66 the 'force' flag is invalid for this "
                             "request.  For backward compatability, however, when the "
                             "'force' flag is passed with a value evaluating to True, it is "
                             "silently ignored.")
    name = given.get("name", given.get("display_name"))
    description = given.get("description")
    snap = model.create_snapshot(
        caller, volume_id, name=name.strip() if isinstance(name, str) else name,
        description=description.strip() if isinstance(description, str) else description,
        force=force, allow_in_use=version >= (3, 66) and not force,
        metadata=given.get("metadata"))
    return _ok({"snapshot": views.snapshot_detail(_ctx(req, caller), snap, extended=False)},
               202)


def show_snapshot(req: FakeRequest) -> FakeResponse:
    """`GET /snapshots/{id}`."""
    caller = _caller(req)
    snap = _model(req).get_snapshot(caller, req.params["snapshot_id"])
    return _ok({"snapshot": views.snapshot_detail(_ctx(req, caller), snap)})


def update_snapshot(req: FakeRequest) -> FakeResponse:
    """`PUT /snapshots/{id}`: 200 with the snapshot."""
    caller = _caller(req, "volume:update_snapshot")
    body = _required_body(req)
    schema.check_body(schema.SNAPSHOT_UPDATE, body)
    given = body["snapshot"]
    changes: dict[str, Any] = {}
    for key, attr in (("name", "name"), ("display_name", "name"),
                      ("description", "description"), ("display_description", "description")):
        if key in given:
            value = given[key]
            changes[attr] = value.strip() if isinstance(value, str) else value
    snap = _model(req).update_snapshot(caller, req.params["snapshot_id"], changes)
    return _ok({"snapshot": views.snapshot_detail(_ctx(req, caller), snap, extended=False)})


def delete_snapshot(req: FakeRequest) -> FakeResponse:
    """`DELETE /snapshots/{id}`: 202."""
    _model(req).delete_snapshot(_caller(req, "volume:delete_snapshot"),
                                req.params["snapshot_id"])
    return _empty(202, html=True)


# -- volume types -------------------------------------------------------------------------------


def list_volume_types(req: FakeRequest) -> FakeResponse:
    """`GET /types`: every type the caller may see, with links when the page is full."""
    caller = _caller(req, "volume_extension:type_get_all")
    model = _model(req)
    marker, limit, offset = _paging(req, model)
    types = model.list_volume_types(caller)
    if marker is not None:
        ids = [t.id for t in types]
        if marker not in ids:
            from stackdouble.fakes.blockstorage.errors import volume_type_not_found

            raise volume_type_not_found(marker)
        types = types[ids.index(marker) + 1:]
    types = types[offset:offset + limit]
    ctx = _ctx(req, caller)
    body: dict[str, Any] = {"volume_types": [views.volume_type(ctx, t) for t in types]}
    links = views.collection_links(ctx, "types", types, limit)
    if links:
        body["volume_type_links"] = links
    return _ok(body)


def show_volume_type(req: FakeRequest) -> FakeResponse:
    """`GET /types/{id}` (`default` is the default type)."""
    caller = _caller(req, "volume_extension:type_get")
    vtype = _model(req).get_volume_type(caller, req.params["type_id"])
    return _ok({"volume_type": views.volume_type(_ctx(req, caller), vtype)})



# -- quota sets (cinder/api/contrib/quotas.py) -------------------------------------------------

_QUOTA_SHOW = "volume_extension:quotas:show"
_QUOTA_UPDATE = "volume_extension:quotas:update"
_QUOTA_DELETE = "volume_extension:quotas:delete"


def _authorize_quota(req: FakeRequest, rule: str) -> str:
    """The target project, once `rule` allows it (`cinder/policies/quotas.py`): show is
    `role:admin or (role:reader and project_id:<target>)`, update and delete `admin_api`.

    Raises:
        Forbidden: "Policy doesn't allow <rule> to be performed."
    """
    caller = _caller(req, rule)
    target = req.params["target_id"]
    token = req.require_token()
    if caller.is_admin or (rule == _QUOTA_SHOW and target == caller.project_id
                           and bool(token.roles)):
        return target
    raise Forbidden(f"Policy doesn't allow {rule} to be performed.")


def show_quota_set(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-sets/{project}[?usage=true]`: any project id (Cinder does not ask
    Keystone), limits or `{limit, in_use, reserved}` per resource."""
    target = _authorize_quota(req, _QUOTA_SHOW)
    usage = "usage" in req.args and _bool_param("usage", req.args.get("usage") or "")
    model = _model(req)
    limits = model.quota(target)
    if usage:
        return _ok(views.quota_usage_set(limits, model.quota_usage(target), target))
    return _ok(views.quota_set(limits, target))


def show_quota_defaults(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-sets/{project}/defaults` (the show policy)."""
    target = _authorize_quota(req, _QUOTA_SHOW)
    return _ok(views.quota_set(_model(req).default_quota(), target))


def update_quota_set(req: FakeRequest) -> FakeResponse:
    """`PUT /os-quota-sets/{project}`: validated before the policy is checked (the schema
    decorator runs first); 200 with every limit and no `id`."""
    body = _required_body(req)
    model = _model(req)
    if isinstance(body, dict) and isinstance(body.get("quota_set"), dict) and body["quota_set"]:
        schema.check_quota_set(body["quota_set"], model.quota_resources())
    schema.check_body(schema.QUOTA_SET_UPDATE, body)
    target = _authorize_quota(req, _QUOTA_UPDATE)
    values: dict[str, int] = {}
    for key, value in body["quota_set"].items():
        if key in schema.NON_QUOTA_KEYS:
            continue
        if not isinstance(value, int) and key != "per_volume_gigabytes":
            # Cinder compares the string with the usage: a TypeError, webob's bare 400
            raise BadRequest()
        values[key] = int(value)
    model.update_quota(target, values)
    return _ok(views.quota_set(model.quota(target), None))


def delete_quota_set(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-quota-sets/{project}`: back to the defaults, 200 with no body."""
    target = _authorize_quota(req, _QUOTA_DELETE)
    _model(req).delete_quota(target)
    return _empty(200)
