"""What the dashboard shows: a cheap, JSON-able digest of a cloud's state, by project.

`summarize` is polled every couple of seconds, so it never renders whole dumps: it walks
each model's dicts once, counts everything, and keeps only the first `rows` rows of each
resource in each project (and the last `rows` requests of the log). It reads the models
directly, as `FakeCloud.dump` does, and holds no state of its own.

Nothing secret leaves it: no password, key or token id; tokens are counted, never shown;
the request log's rows are method, path, status, time and service, from the log's records
(already redacted when recorded).

Example:
    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=1)
    >>> demo = cloud.project_id("demo")
    >>> _ = cloud.compute.create_server(demo, name="web-1")
    >>> digest = summarize(cloud, rows=5)
    >>> project = next(p for p in digest["projects"] if p["name"] == "demo")
    >>> project["servers"]["count"], project["servers"]["rows"][0]["name"]
    (1, 'web-1')
    >>> sorted(digest["tokens"])
    ['issued', 'swift_valid', 'valid']
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.timestamps import format_iso

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["DEFAULT_PROJECTS", "DEFAULT_ROWS", "MAX_ROWS", "summarize"]

#: Rows kept per resource and project, and requests kept from the log, unless asked.
DEFAULT_ROWS = 20
#: Projects described, unless asked (the others are counted).
DEFAULT_PROJECTS = 25
#: The most rows, or projects, a caller may ask for (`?rows=`, `?projects=`).
MAX_ROWS = 200
#: Objects named per container row.
_OBJECT_NAMES = 5
#: The key of resources that belong to no project Keystone knows (an image without owner).
_NO_PROJECT = ""
#: Resource tables per project, in the order the page shows them.
_KINDS = ("servers", "volumes", "containers", "images", "networks", "ports", "members")


class _Table:
    """A count and the first `limit` rows of one resource in one project."""

    __slots__ = ("count", "limit", "rows")

    def __init__(self, limit: int) -> None:
        self.count = 0
        self.limit = limit
        self.rows: list[dict[str, Any]] = []

    def wants_row(self) -> bool:
        """Count one more; True if its row should be added."""
        self.count += 1
        return len(self.rows) < self.limit

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "rows": self.rows}


class _Projects:
    """The tables of every project, made on first use."""

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.tables: dict[str, dict[str, _Table]] = {}
        self.tokens: dict[str, int] = {}

    def table(self, project_id: str | None, kind: str) -> _Table:
        tables = self.tables.get(project_id or _NO_PROJECT)
        if tables is None:
            tables = {k: _Table(self.rows) for k in _KINDS}
            self.tables[project_id or _NO_PROJECT] = tables
        return tables[kind]

    def weight(self, project_id: str) -> int:
        """How much a user made in the project: its servers, volumes and containers."""
        tables = self.tables[project_id]
        return sum(tables[k].count for k in ("servers", "volumes", "containers"))


def summarize(cloud: FakeCloud, rows: int = DEFAULT_ROWS,
              projects: int = DEFAULT_PROJECTS) -> dict[str, Any]:
    """The dashboard's digest of `cloud`, under its lock.

    Args:
        cloud: The cloud to describe.
        rows: Rows kept per resource and project, and requests of the log (the newest);
            1 to `MAX_ROWS`.
        projects: Projects described (those holding the most servers, volumes and
            containers first); 1 to `MAX_ROWS`.

    Returns:
        `cloud` (base URL, profile, seed, regions), `clock`, `projects` (each with counted
        tables of servers, volumes, containers, images, networks, ports and members, and
        its count of valid tokens), `project_count`, `identity` (users, roles, domains),
        `tokens` (counts), `faults` and `requests` (`count` and the newest `rows`).

    Raises:
        ValueError: `rows` or `projects` out of range.
    """
    for name, value in (("rows", rows), ("projects", projects)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ROWS:
            raise ValueError(f"{name} must be an integer from 1 to {MAX_ROWS}")
    with cloud.lock:
        tables = _Projects(rows)
        _servers(cloud, tables)
        _volumes(cloud, tables)
        _containers(cloud, tables)
        _images(cloud, tables)
        _networks(cloud, tables)
        _members(cloud, tables)
        tokens = _tokens(cloud, tables)
        order = _project_ids(cloud, tables)
        return {
            "cloud": {"base_url": cloud.base_url, "profile": cloud.profile.name,
                      "seed": cloud.seed_value, "regions": list(cloud.regions)},
            "clock": {"now": format_iso(cloud.clock.now()), "ticking": cloud.clock.ticking},
            "rows": rows,
            "project_count": len(order),
            "projects": [_project(cloud, pid, tables) for pid in order[:projects]],
            "identity": _identity(cloud, rows),
            "tokens": tokens,
            "faults": [f.to_dict() for f in cloud.faults],
            "requests": _requests(cloud, rows),
        }


def _project_ids(cloud: FakeCloud, projects: _Projects) -> list[str]:
    """Keystone's projects in their order, those holding servers, volumes or containers
    first (the most first), then the others; then the owners Keystone does not know (a
    deleted project's leftovers, an image without owner)."""
    known = [p.id for p in cloud.identity.projects.values() if not p.is_domain]
    busy = sorted((pid for pid in known if pid in projects.tables),
                  key=lambda pid: -projects.weight(pid))
    idle = [pid for pid in known if pid not in projects.tables]
    strays = sorted(pid for pid in projects.tables if pid not in cloud.identity.projects)
    return busy + idle + strays


def _project(cloud: FakeCloud, project_id: str, projects: _Projects) -> dict[str, Any]:
    found = cloud.identity.projects.get(project_id)
    tables = projects.tables.get(project_id)
    out: dict[str, Any] = {
        "id": project_id or None,
        "name": found.name if found else None,
        "domain_id": found.domain_id if found else None,
        "enabled": found.enabled if found else None,
        "known": found is not None,
        "tokens": projects.tokens.get(project_id, 0),
    }
    for kind in _KINDS:
        out[kind] = tables[kind].to_dict() if tables else {"count": 0, "rows": []}
    return out


def _servers(cloud: FakeCloud, projects: _Projects) -> None:
    compute = cloud.compute
    for server in list(compute.servers.values()):
        if server.pending is not None:
            server = compute.server(server.uuid)  # settles what is due by now
        if server.deleted:
            continue
        table = projects.table(server.project_id, "servers")
        if table.wants_row():
            table.rows.append({
                "id": server.uuid, "name": server.name, "status": server.status,
                "task_state": server.task_state, "flavor": server.flavor.id,
                "addresses": [
                    {"network": vif.network_name,
                     "addresses": [a.address for a in vif.fixed_ips]
                     + [f.address for f in vif.floating_ips]}
                    for vif in server.vifs],
            })


def _volumes(cloud: FakeCloud, projects: _Projects) -> None:
    storage = cloud.block_storage
    storage.advance()
    for volume in storage.volumes.values():
        table = projects.table(volume.project_id, "volumes")
        if table.wants_row():
            table.rows.append({
                "id": volume.id, "name": volume.name, "size": volume.size,
                "status": volume.status, "bootable": volume.bootable,
                "attachments": [{"server_id": a.server_id, "device": a.device,
                                 "status": a.attach_status} for a in volume.attachments],
            })


def _containers(cloud: FakeCloud, projects: _Projects) -> None:
    known = cloud.identity.projects
    for name, account in cloud.object_storage.accounts.items():
        owner = name.partition("_")[2]
        project_id = owner if owner in known else f"account:{name}"
        for container in account.containers.values():
            table = projects.table(project_id, "containers")
            if table.wants_row():
                table.rows.append({
                    "account": name, "name": container.name, "policy": container.policy,
                    "objects": container.object_count, "bytes": container.bytes_used,
                    "first_objects": list(islice(container.objects.keys(), _OBJECT_NAMES)),
                })


def _images(cloud: FakeCloud, projects: _Projects) -> None:
    image = cloud.image
    first = next(iter(image.images), None)
    if first is not None:
        # Any read settles the imports and timed uploads due by now, as an API call would.
        image.get_image(Caller(project_id="", user_id="dashboard", is_admin=True), first)
    for found in image.images.values():
        table = projects.table(found.owner, "images")
        if table.wants_row():
            table.rows.append({
                "id": found.id, "name": found.name, "status": found.status,
                "visibility": found.visibility, "size": found.size,
                "disk_format": found.disk_format,
            })


def _networks(cloud: FakeCloud, projects: _Projects) -> None:
    networking = cloud.networking
    for network in networking.networks.values():
        table = projects.table(network.project_id, "networks")
        if table.wants_row():
            table.rows.append({
                "id": network.id, "name": network.name, "status": network.status,
                "shared": network.shared, "external": network.external,
                "subnets": [networking.subnets[s].cidr for s in network.subnet_ids
                            if s in networking.subnets],
            })
    for port in networking.ports.values():
        table = projects.table(port.project_id, "ports")
        if table.wants_row():
            table.rows.append({
                "id": port.id, "name": port.name, "status": port.status,
                "network_id": port.network_id, "mac_address": port.mac_address,
                "fixed_ips": [address for _, address in port.fixed_ips],
                "device_owner": port.device_owner, "device_id": port.device_id,
            })


def _members(cloud: FakeCloud, projects: _Projects) -> None:
    """Who has which role on each project, directly (users and groups)."""
    identity = cloud.identity
    roles: dict[tuple[str, str, str], list[str]] = {}
    for actor_kind, actor, scope, target, role_id in identity.assignments:
        if scope == "project":
            role = identity.roles.get(role_id)
            roles.setdefault((target, actor_kind, actor), []).append(
                role.name if role else role_id)
    for (project_id, actor_kind, actor), names in roles.items():
        table = projects.table(project_id, "members")
        if table.wants_row():
            if actor_kind == "user":
                user = identity.users.get(actor)
                name = user.name if user else None
            else:
                group = identity.groups.get(actor)
                name = group.name if group else None
            table.rows.append({"kind": actor_kind, "id": actor, "name": name,
                               "roles": sorted(names)})


def _tokens(cloud: FakeCloud, projects: _Projects) -> dict[str, int]:
    """Valid tokens counted (in all, and per project); never an id."""
    identity = cloud.identity
    now = cloud.clock.now()
    valid = 0
    for token in identity.tokens.values():
        if token.revoked or token.expires_at <= now:
            continue
        valid += 1
        if token.project_id:
            projects.tokens[token.project_id] = projects.tokens.get(token.project_id, 0) + 1
    tempauth = cloud.object_storage.tempauth
    stamp = cloud.clock.time()
    swift_valid = sum(1 for t in tempauth.tokens.values() if t.expires > stamp)
    return {"valid": valid, "issued": identity.tokens_issued, "swift_valid": swift_valid}


def _identity(cloud: FakeCloud, rows: int) -> dict[str, Any]:
    identity = cloud.identity
    domains = identity.domains
    return {
        "users": {"count": len(identity.users), "rows": [
            {"id": u.id, "name": u.name, "enabled": u.enabled,
             "domain": domains[u.domain_id].name if u.domain_id in domains else u.domain_id}
            for u in islice(identity.users.values(), rows)]},
        "roles": {"count": len(identity.roles),
                  "rows": [r.name for r in islice(identity.roles.values(), rows)]},
        "domains": {"count": len(domains),
                    "rows": [d.name for d in islice(domains.values(), rows)]},
        "groups": {"count": len(identity.groups)},
    }


def _requests(cloud: FakeCloud, rows: int) -> dict[str, Any]:
    """The log's size and its newest `rows` records, newest first (indexed from the end:
    the log is not copied)."""
    log = cloud.requests
    count = len(log)
    newest = [log[-i] for i in range(1, min(rows, count) + 1)]
    return {"count": count, "recent": [
        {"method": r.method, "path": r.path, "status": r.status, "time": r.time,
         "service": r.service}
        for r in newest]}
