"""Migrations of the fake Nova: the `migrate`, `os-migrateLive` and `evacuate` actions
(`migrate_server.py`, `evacuate.py`), `GET /os-migrations` (`migrations.py`) and
`/servers/{id}/migrations` (`server_migrations.py`); the client's `compute/v2/migrations`
and `extensions/{migrate,evacuate}`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from stackdouble.fakes.compute import schema, views
from stackdouble.fakes.compute.errors import BadRequest, nova_fault, policy_forbidden
from stackdouble.fakes.compute.handlers._common import (
    _body,
    _caller,
    _ctx,
    _last,
    _model,
    _ok,
    _password,
    _query_lists,
    _version,
)
from stackdouble.fakes.compute.models import (
    Caller,
    ComputeModel,
    MigrationFilters,
    bool_from_string,
)
from stackdouble.fakes.compute.schema import migrations as migration_schema
from stackdouble.fakes.compute.schema import queries
from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.timestamps import parse_isotime

__all__ = ["ACTIONS", "abort_server_migration", "force_complete_migration", "list_migrations",
           "list_server_migrations", "show_server_migration"]


# -- actions -----------------------------------------------------------------------------------

def _migrate(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
             body: dict[str, Any]) -> FakeResponse:
    """`migrate`: 202; a `host` from 2.56."""
    version = _version(req)
    schema.check_body(migration_schema.migrate_schema(version), body)
    given = body["migrate"]
    host = given.get("host") if version >= (2, 56) and isinstance(given, dict) else None
    model.migrate_server(caller, server_id, host=host)
    return FakeResponse(202)


def _live_migrate(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
                  body: dict[str, Any]) -> FakeResponse:
    """`os-migrateLive`: 202. `block_migration` (and before 2.25 `disk_over_commit`) are
    booleans, `auto` from 2.25; `force` (2.30-2.67) needs a host; from 2.34 the
    conductor's checks no longer answer 400."""
    version = _version(req)
    schema.check_body(migration_schema.live_migrate_schema(version), body)
    given = body["os-migrateLive"]
    host = given["host"]
    model.get_server(caller, server_id)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-migrate-server:migrate_live"
                               + (":host" if host else ""))
    force = None
    if (2, 30) <= version < (2, 68):
        force = bool_from_string(given.get("force", False))
        if force and not host:
            raise BadRequest("Can't force to a non-provided destination")
    raw = given["block_migration"]
    block: bool | None
    if version >= (2, 25):
        block = None if raw == "auto" else bool_from_string(raw)
    else:
        block = bool_from_string(raw)
        bool_from_string(given["disk_over_commit"])
    model.live_migrate_server(caller, server_id, host=host, block_migration=block,
                              force=force, asynchronous=version >= (2, 34))
    return FakeResponse(202)


def _evacuate(req: FakeRequest, model: ComputeModel, caller: Caller, server_id: str,
              body: dict[str, Any]) -> FakeResponse:
    """`evacuate`: 200 with `adminPass` until 2.13 (when `enable_instance_password`), an
    empty 200 from 2.14. The policy is checked before the body's rules, as Nova does."""
    version = _version(req)
    schema.check_body(migration_schema.evacuate_schema(version), body)
    given = body["evacuate"]
    model.get_server(caller, server_id)
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-evacuate")
    host = given.get("host")
    shared = None if version >= (2, 14) else bool_from_string(given["onSharedStorage"])
    force = None
    if (2, 29) <= version < (2, 68):
        force = bool_from_string(given.get("force", False))
        if force and not host:
            raise BadRequest("Can't force to a non-provided destination")
    if "adminPass" in given and shared:
        raise BadRequest("admin password can't be changed on existing disk")
    model.evacuate_server(caller, server_id, host=host, force=force,
                          stop=version >= (2, 95))
    password = str(given["adminPass"]) if "adminPass" in given else _password(model)
    if version < (2, 14) and model.enable_instance_password and not shared:
        return _ok({"adminPass": password})
    return FakeResponse(200)


#: The actions of `POST /servers/{id}/action` this module answers.
ACTIONS = {"migrate": _migrate, "os-migrateLive": _live_migrate, "evacuate": _evacuate}


# -- os-migrations -----------------------------------------------------------------------------

def _time(req: FakeRequest, key: str) -> datetime | None:
    value = _last(req, key)
    return None if value is None else parse_isotime(value)


def list_migrations(req: FakeRequest) -> FakeResponse:
    """`GET /os-migrations` (admins): by id until 2.58; newest first with paging by uuid
    and `changes-since` from 2.59, `changes-before` from 2.66, `user_id`/`project_id`
    from 2.80."""
    caller = _caller(req, "os_compute_api:os-migrations:index")
    if not caller.is_admin:
        raise policy_forbidden("os_compute_api:os-migrations:index")
    version = _version(req)
    query = _query_lists(req)
    schema.check_query(migration_schema.migrations_query_schema(version), query)
    model = _model(req)
    paged = version >= (2, 59)
    since = _time(req, "changes-since") if paged else None
    before = _time(req, "changes-before") if version >= (2, 66) else None
    if since is not None and before is not None and before < since:
        raise BadRequest("The value of changes-since must be less than or equal to "
                         "changes-before.")
    late = version >= (2, 80)
    filters = MigrationFilters(
        host=_last(req, "host"), source_compute=_last(req, "source_compute"),
        status=_last(req, "status"), instance_uuid=_last(req, "instance_uuid"),
        migration_type=_last(req, "migration_type"), since=since, before=before,
        user_id=_last(req, "user_id") if late else None,
        project_id=_last(req, "project_id") if late else None)
    limit = queries.page_limit(query, model.max_limit) if paged else None
    found = model.list_migrations(caller, filters, newest_first=paged, limit=limit,
                                  marker=_last(req, "marker") if paged else None)
    ctx = _ctx(req, caller)
    out: dict[str, Any] = {"migrations": [views.migration(ctx, m) for m in found]}
    if paged and found and limit is not None:
        links = views.collection_links(ctx, "os-migrations", found, limit, found[-1].uuid)
        if links:
            out["migrations_links"] = links
    return _ok(out)


# -- /servers/{id}/migrations ------------------------------------------------------------------

def list_server_migrations(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/migrations` (2.23, admins): its live migrations in progress."""
    if _version(req) < (2, 23):
        return nova_fault(404)
    caller = _caller(req, "os_compute_api:servers:migrations:index")
    model = _model(req)
    found = model.server_migrations(caller, req.params["server_id"])
    ctx = _ctx(req, caller)
    return _ok({"migrations": [views.server_migration(ctx, m, model.migration_progress(m))
                               for m in found]})


def show_server_migration(req: FakeRequest) -> FakeResponse:
    """`GET /servers/{id}/migrations/{migration_id}` (2.23, admins)."""
    if _version(req) < (2, 23):
        return nova_fault(404)
    caller = _caller(req, "os_compute_api:servers:migrations:show")
    model = _model(req)
    found = model.server_migration(caller, req.params["server_id"],
                                   req.params["migration_id"])
    return _ok({"migration": views.server_migration(_ctx(req, caller), found,
                                                    model.migration_progress(found))})


def abort_server_migration(req: FakeRequest) -> FakeResponse:
    """`DELETE /servers/{id}/migrations/{migration_id}` (2.24, admins): 202."""
    if _version(req) < (2, 24):
        return nova_fault(404)
    caller = _caller(req, "os_compute_api:servers:migrations:delete")
    _model(req).abort_live_migration(caller, req.params["server_id"],
                                     req.params["migration_id"])
    return FakeResponse(202)


def force_complete_migration(req: FakeRequest) -> FakeResponse:
    """`POST /servers/{id}/migrations/{migration_id}/action` `force_complete` (2.22,
    admins): 202, the live migration completes now."""
    if _version(req) < (2, 22):
        return nova_fault(404)
    caller = _caller(req, "os_compute_api:servers:migrations:force_complete")
    body = _body(req)
    schema.check_body(migration_schema.FORCE_COMPLETE, body)
    _model(req).force_complete_live_migration(caller, req.params["server_id"],
                                              req.params["migration_id"])
    return FakeResponse(202)
