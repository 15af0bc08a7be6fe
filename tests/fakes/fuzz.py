"""Malformed requests against every route of the fake, built from the routers' own tables.

`World` is a seeded cloud on a frozen clock with one of everything (a server plugged into a
network behind a router, with a floating IP, a volume, a snapshot, a container and an
object, a group, an application credential, a project tag...),
so a route's parameters can name something that exists. `targets` lists every route of
every service but the control plane, so a route added to any service's `build_router` is
fuzzed without editing this module. `send` answers one request in-process through
`FakeApp.handle` (handler exceptions propagate, as in-process) and `check` holds the
hardening contract: no 5xx, no traceback text, headers a server can send, and no state
change unless the answer is 2xx.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.http import RAISE_ERRORS_KEY, FakeResponse
from stackdouble.fakes.routing import Route

START = datetime(2026, 11, 27, 8, 56, 16, tzinfo=timezone.utc)
CIRROS = "7d0b5d38-8c35-4b2c-9c9b-0e2d7b5c4a11"
#: Services whose routes are not fuzzed: the control plane changes state by design.
SKIPPED_SERVICES = frozenset({"control"})
METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE", "PATCH", "COPY", "OPTIONS", "BREW")
_PARAM = re.compile(r"\{([^}]*)\}")


@dataclass(frozen=True, slots=True)
class Target:
    """One route of one service, with the service's path prefix."""

    service: str
    prefix: str
    route: Route

    @property
    def params(self) -> list[str]:
        """The template's parameter names, in order (`:path` stripped)."""
        return [p.split(":")[0] for p in _PARAM.findall(self.route.template)]

    def __repr__(self) -> str:
        return f"{self.route.method} {self.prefix}{self.route.template}"


def new_cloud() -> FakeCloud:
    """A seeded cloud on a frozen clock."""
    return FakeCloud(seed=4242, clock=FakeClock(start=START, ticking=False))


def targets(cloud: FakeCloud | None = None) -> list[Target]:
    """Every route of every fuzzed service, in a stable order."""
    cloud = cloud or new_cloud()
    out = [Target(s.name, s.prefix, r) for s in cloud.service_list
           if s.name not in SKIPPED_SERVICES for r in s.router.routes()]
    return sorted(out, key=repr)


@dataclass
class Counter:
    """How many requests were sent (reported by the tests)."""

    sent: int = 0


COUNTER = Counter()


def environ(method: str, path: bytes, query: str = "", headers: dict[str, str] | None = None,
            body: bytes = b"", *, content_length: str | None = None) -> dict[str, Any]:
    """A WSGI environ as a server builds it: PATH_INFO is the decoded path's bytes as
    latin-1; header values are latin-1 strings."""
    env: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path.decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "cloud.stackdouble.test",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        RAISE_ERRORS_KEY: True,
    }
    if body or content_length is not None:
        env["CONTENT_LENGTH"] = str(len(body)) if content_length is None else content_length
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        if key not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            key = "HTTP_" + key
        env[key] = value
    return env


def body_bytes(resp: FakeResponse) -> bytes:
    """The whole body, consuming a streamed one."""
    if isinstance(resp.body, bytes):
        return resp.body
    chunks = list(resp.body)
    close = getattr(resp.body, "close", None)
    if close is not None:
        close()
    return b"".join(chunks)


@dataclass
class World:
    """A cloud with one of everything, the admin's token, and a valid value per parameter."""

    cloud: FakeCloud
    token: str
    values: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""
    #: How many answers (2xx) changed the state since the world was built.
    changes: int = 0

    def call(self, method: str, path: str, body: Any = None,
             headers: dict[str, str] | None = None) -> FakeResponse:
        """A well-formed request as the admin (setup)."""
        sent = {"X-Auth-Token": self.token, **(headers or {})}
        raw = b""
        if isinstance(body, bytes):
            raw = body
        elif body is not None:
            raw = json.dumps(body).encode()
            sent.setdefault("Content-Type", "application/json")
        resp = self.cloud.app.handle(environ(method, path.encode(), "", sent, raw))
        body_bytes(resp)
        assert resp.status < 300, (method, path, resp.status, resp.body)
        return resp

    def valid(self, target: Target, name: str) -> str:
        """A value for parameter `name` that names an existing thing."""
        if name == "item_id":
            segments = target.route.template.split("/")
            collection = segments[segments.index("{item_id}") - 1]
            return self.values["item_id:" + collection]
        return self.values[name]

    def state(self) -> str:
        """A fingerprint of the whole state (the request count left out), with what the
        dump leaves out: passwords, API keys and application credential secrets."""
        dumped = self.cloud.dump()
        dumped.pop("requests", None)
        ident = self.cloud.identity
        dumped["secrets"] = [[u.id, u.password, u.api_key] for u in ident.users.values()]
        dumped["secrets"].append([c.secret for c in ident.application_credentials.values()])
        return json.dumps(dumped, sort_keys=True)


def build_world() -> World:
    """A fresh world; each call gives the same ids (seeded, frozen clock)."""
    cloud = new_cloud()
    token = cloud.identity.issue_token("admin", project="admin")
    world = World(cloud, token)
    pid, uid = cloud.project_id("admin"), cloud.user_id("admin")
    ident = cloud.identity
    roles = {r.name: r.id for r in ident.roles.values()}
    group = world.call("POST", "/identity/v3/groups", {"group": {"name": "g"}})
    world.call("PUT", f"/identity/v3/projects/{pid}/tags/t1")
    cred = world.call("POST", f"/identity/v3/users/{uid}/application_credentials",
                      {"application_credential": {"name": "ac"}})
    trust = world.call("POST", "/identity/v3/OS-TRUST/trusts", {"trust": {
        "trustor_user_id": uid, "trustee_user_id": cloud.user_id("demo"), "project_id": pid,
        "impersonation": False, "roles": [{"name": "member"}]}})
    net = _network_world(world)
    compute_service = next(sv.id for sv in ident.services.values() if sv.type == "compute")
    registered = world.call("POST", "/identity/v3/registered_limits", {"registered_limits": [
        {"service_id": compute_service, "resource_name": "cores", "default_limit": 10}]})
    limit = world.call("POST", "/identity/v3/limits", {"limits": [
        {"service_id": compute_service, "resource_name": "cores", "resource_limit": 20,
         "project_id": pid}]})
    ec2 = world.call("POST", f"/identity/v3/users/{uid}/credentials/OS-EC2", {"tenant_id": pid})
    ep_group = world.call("POST", "/identity/v3/OS-EP-FILTER/endpoint_groups", {
        "endpoint_group": {"name": "eg", "filters": {"interface": "public"}}})
    inherit = f"/identity/v3/OS-INHERIT/domains/default/users/{uid}/roles/{roles['member']}"
    world.call("PUT", inherit + "/inherited_to_projects")
    # on the world's network: the admin project also has its own `public`
    server = world.call("POST", "/compute/v2.1/servers",
                        {"server": {"name": "s", "imageRef": CIRROS, "flavorRef": "1",
                                    "networks": [{"uuid": net["network"]}]}})
    server_id = server.json_body()["server"]["id"]
    net.update(_server_network(world, server_id, net["public"]))
    world.call("PUT", f"/compute/v2.1/servers/{server_id}/metadata/k", {"meta": {"k": "v"}})
    world.call("POST", "/compute/v2.1/os-keypairs", {"keypair": {"name": "kp"}})
    volume = world.call("POST", f"/volume/v3/{pid}/volumes", {"volume": {"size": 1}})
    volume_id = volume.json_body()["volume"]["id"]
    world.call("PUT", f"/volume/v3/{pid}/volumes/{volume_id}/metadata/k", {"meta": {"k": "v"}})
    snapshot = world.call("POST", f"/volume/v3/{pid}/snapshots",
                          {"snapshot": {"volume_id": volume_id, "force": True}})
    types = world.call("GET", f"/volume/v3/{pid}/types").json_body()["volume_types"]
    backup = world.call("POST", f"/volume/v3/{pid}/backups",
                        {"backup": {"volume_id": volume_id, "force": True}})
    reserved = world.call("POST", f"/volume/v3/{pid}/volumes", {"volume": {"size": 1}})
    attachment = world.call("POST", f"/volume/v3/{pid}/attachments", {"attachment": {
        "volume_uuid": reserved.json_body()["volume"]["id"]}},
        {"OpenStack-API-Version": "volume 3.44"})
    offered = world.call("POST", f"/volume/v3/{pid}/volumes", {"volume": {"size": 1}})
    transfer = world.call("POST", f"/volume/v3/{pid}/os-volume-transfer", {"transfer": {
        "volume_id": offered.json_body()["volume"]["id"]}})
    qos_specs = world.call("POST", f"/volume/v3/{pid}/qos-specs",
                           {"qos_specs": {"name": "q", "read_iops_sec": "100"}})
    groups_version = {"OpenStack-API-Version": "volume 3.14"}
    group_type = world.call("POST", f"/volume/v3/{pid}/group_types",
                            {"group_type": {"name": "gt", "group_specs": {"k": "v"}}},
                            groups_version).json_body()["group_type"]["id"]
    volume_group = world.call("POST", f"/volume/v3/{pid}/groups", {"group": {
        "group_type": group_type, "volume_types": [types[0]["id"]]}}, groups_version)
    group_snapshot = world.call("POST", f"/volume/v3/{pid}/group_snapshots", {
        "group_snapshot": {"group_id": volume_group.json_body()["group"]["id"]}},
        groups_version)
    account = "AUTH_" + pid
    world.call("PUT", f"/v1/{account}/c")
    world.call("PUT", f"/v1/{account}/c/o", b"hello")
    imported = world.call("POST", "/image/v2/images", {"name": "t", "disk_format": "raw",
                                                       "container_format": "bare"})
    imported_id = imported.json_body()["id"]
    world.call("PUT", f"/image/v2/images/{imported_id}/stage", b"data",
               {"Content-Type": "application/octet-stream"})
    world.call("POST", f"/image/v2/images/{imported_id}/import",
               {"method": {"name": "glance-direct"}})
    tasks = world.call("GET", f"/image/v2/images/{imported_id}/tasks").json_body()["tasks"]
    dumped = ident.dump()
    world.values = {
        "project_id": pid, "target_id": pid, "user_id": uid, "domain_id": "default",
        "group_id": group.json_body()["group"]["id"],
        "role_id": roles["member"], "implied_role_id": roles["reader"],
        "application_credential_id": cred.json_body()["application_credential"]["id"],
        "token_id": token, "value": "t1",
        "trust_id": trust.json_body()["trust"]["id"],
        "registered_limit_id": registered.json_body()["registered_limits"][0]["id"],
        "limit_id": limit.json_body()["limits"][0]["id"],
        "endpoint_group_id": ep_group.json_body()["endpoint_group"]["id"],
        "endpoint_id": dumped["endpoints"][0]["id"],
        # An OS-EC2 access key: /v3/credentials/{credential_id} takes its hash, so 404s.
        "credential_id": ec2.json_body()["credential"]["access"],
        "item_id:domains": "default", "item_id:roles": roles["admin"],
        "item_id:services": dumped["services"][0]["id"],
        "item_id:endpoints": dumped["endpoints"][0]["id"],
        "item_id:regions": "RegionOne",
        "server_id": server_id, "volume_id": volume_id,
        "snapshot_id": snapshot.json_body()["snapshot"]["id"],
        "backup_id": backup.json_body()["backup"]["id"],
        "attachment_id": attachment.json_body()["attachment"]["id"],
        "transfer_id": transfer.json_body()["transfer"]["id"],
        "qos_id": qos_specs.json_body()["qos_specs"]["id"],
        "group_type_id": group_type,
        "group_snapshot_id": group_snapshot.json_body()["group_snapshot"]["id"],
        "type_id": types[0]["id"], "flavor_id": "1", "image_id": CIRROS, "name": "kp",
        "key": "k", "network": "private", "version": "v1", "account": account,
        "container": "c", "object_name": "o", "auth_path": "v1.0",
        "member_id": cloud.project_id("demo"), "tag_value": "t1", "task_id": tasks[0]["id"],
        # Cinder's volume backend (`/capabilities/{host}`).
        "host": "stackdouble@lvmdriver-1",
    }
    world.values.update(_federation_world(world, uid))
    world.values.update(_compute_admin_world(world, server_id))
    # Neutron's ids also serve Nova's os-interface and network proxies (the same things)
    world.values.update({
        "network_id": net["network"], "subnet_id": net["subnet"], "port_id": net["port"],
        "security_group_id": net["group"], "group_id": net["group"], "rule_id": net["rule"],
        "router_id": net["router"], "floatingip_id": net["floatingip"],
        "floating_ip_id": net["floatingip"], "alias": "router", "tag": "t1"})
    world.fingerprint = world.state()
    return world


_NEUTRON = "/networking/v2.0"


def _federation_world(world: World, uid: str) -> dict[str, str]:
    """OS-FEDERATION, OS-OAUTH1, policies, domain configs and access rules: one of each.
    OAuth1's request and access tokens need signed legs: their ids name none (404s)."""
    fed = "/identity/v3/OS-FEDERATION"
    world.call("PUT", f"{fed}/identity_providers/idp1", {"identity_provider": {
        "enabled": True, "remote_ids": ["https://idp.example"]}})
    world.call("PUT", f"{fed}/mappings/m1", {"mapping": {"rules": [{
        "local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]}})
    world.call("PUT", f"{fed}/identity_providers/idp1/protocols/saml2",
               {"protocol": {"mapping_id": "m1"}})
    world.call("PUT", f"{fed}/service_providers/sp1", {"service_provider": {
        "auth_url": "https://sp.example/v3/auth", "sp_url": "https://sp.example/Shibboleth"}})
    consumer = world.call("POST", "/identity/v3/OS-OAUTH1/consumers", {"consumer": {}})
    policy = world.call("POST", "/identity/v3/policies",
                        {"policy": {"blob": "{}", "type": "application/json"}})
    world.call("PUT", "/identity/v3/domains/default/config",
               {"config": {"identity": {"driver": "ldap"}}})
    ruled = world.call("POST", f"/identity/v3/users/{uid}/application_credentials", {
        "application_credential": {"name": "ruled", "access_rules": [
            {"service": "compute", "method": "GET", "path": "/v2.1/servers"}]}})
    return {
        "idp_id": "idp1", "protocol_id": "saml2", "mapping_id": "m1", "sp_id": "sp1",
        "consumer_id": consumer.json_body()["consumer"]["id"],
        "policy_id": policy.json_body()["policy"]["id"],
        "group": "identity", "option": "driver",
        "access_rule_id": ruled.json_body()["application_credential"]["access_rules"][0]["id"],
        "request_token_id": "0" * 32, "access_token_id": "0" * 32,
    }


def _compute_admin_world(world: World, server_id: str) -> dict[str, str]:
    """Nova's hosts, services, quota classes, the server's first action, a migration id
    (none is made: its routes answer 404) and a project for the tenant usage."""
    compute = "/compute/v2.1"
    hypervisors = world.call("GET", f"{compute}/os-hypervisors").json_body()["hypervisors"]
    services = world.call("GET", f"{compute}/os-services").json_body()["services"]
    actions = world.call("GET", f"{compute}/servers/{server_id}/os-instance-actions")
    aggregate = world.call("POST", f"{compute}/os-aggregates", {"aggregate": {
        "name": "agg", "availability_zone": "az1"}}).json_body()["aggregate"]
    return {"hypervisor_id": str(hypervisors[0]["id"]), "service_id": str(services[0]["id"]),
            "aggregate_id": str(aggregate["id"]), "host_name": "stackdouble-compute",
            "class_name": "default", "migration_id": "1",
            "tenant_id": world.cloud.project_id("admin"),
            "request_id": actions.json_body()["instanceActions"][0]["request_id"]}


def _network_world(world: World) -> dict[str, str]:
    """The admin's network, subnet, group, rule and router (its gateway on `public`, an
    interface on the subnet), made before the server so that the server is plugged in."""
    def made(path: str, body: Any) -> str:
        answer = world.call("POST", _NEUTRON + path, body).json_body()
        return str(next(iter(answer.values()))["id"])

    networks = world.call("GET", _NEUTRON + "/networks").json_body()["networks"]
    out = {"public": next(n["id"] for n in networks if n["name"] == "public")}
    out["network"] = made("/networks", {"network": {"name": "fuzznet", "tags": ["t1"]}})
    out["subnet"] = made("/subnets", {"subnet": {
        "network_id": out["network"], "cidr": "192.168.50.0/24", "ip_version": 4,
        "tags": ["t1"]}})
    out["group"] = made("/security-groups", {"security_group": {"name": "sg", "tags": ["t1"]}})
    out["rule"] = made("/security-group-rules", {"security_group_rule": {
        "security_group_id": out["group"], "direction": "ingress", "protocol": "tcp",
        "port_range_min": 22, "port_range_max": 22}})
    out["router"] = made("/routers", {"router": {
        "name": "r", "tags": ["t1"], "external_gateway_info": {"network_id": out["public"]}}})
    world.call("PUT", f"{_NEUTRON}/routers/{out['router']}/add_router_interface",
               {"subnet_id": out["subnet"]})
    return out


def _server_network(world: World, server_id: str, public: str) -> dict[str, str]:
    """The server's port (tagged) and a floating IP mapped to it."""
    ports = world.call("GET", f"{_NEUTRON}/ports").json_body()["ports"]
    port = next(p["id"] for p in ports if p["device_id"] == server_id)
    world.call("PUT", f"{_NEUTRON}/ports/{port}/tags/t1")
    fip = world.call("POST", _NEUTRON + "/floatingips", {"floatingip": {
        "floating_network_id": public, "port_id": port, "tags": ["t1"]}})
    return {"port": port, "floatingip": fip.json_body()["floatingip"]["id"]}


@dataclass(frozen=True, slots=True)
class Probe:
    """One malformed request against one target."""

    method: str
    ids: dict[str, bytes]
    query: str
    headers: dict[str, str]
    body: bytes
    content_length: str | None = None

    def path(self, world: World, target: Target) -> bytes:
        """The decoded path: the prefix, then the template with the chosen ids."""
        out = (target.prefix + target.route.template).encode()
        for name in target.params:
            spelled = "{" + name + ("" if name not in ("object_name", "auth_path")
                                    else ":path") + "}"
            value = self.ids.get(name)
            if value is None:
                value = world.valid(target, name).encode()
            out = out.replace(spelled.encode(), value)
        return out


def send(world: World, target: Target, probe: Probe) -> tuple[FakeResponse, bytes]:
    """Answer `probe` in-process and hold the hardening contract (see `check`)."""
    headers = dict(probe.headers)
    if headers.get("X-Auth-Token") == "<admin>":
        headers["X-Auth-Token"] = world.token
    env = environ(probe.method, probe.path(world, target), probe.query, headers, probe.body,
                  content_length=probe.content_length)
    COUNTER.sent += 1
    resp = world.cloud.app.handle(env)
    body = body_bytes(resp)
    check(world, f"{probe.method} {target!r} {probe!r}", resp.status, resp.headers, body)
    return resp, body


#: The real Nova's own 501 (`common.raise_feature_not_supported`), which the fake answers
#: where a libvirt Nova does (`os-hosts`' maintenance mode and power actions).
NOVA_NOT_SUPPORTED = b'"code": 501, "message": "The requested functionality is not supported."'


def check(world: World, what: str, status: int, headers: Iterable[tuple[str, str]],
          body: bytes) -> None:
    """No 5xx, no traceback, sendable headers, and no state change on a non-2xx.

    The one 5xx allowed is the 501 a real libvirt Nova answers (`NOVA_NOT_SUPPORTED`): the
    fake models every action the real services have.
    """
    real_501 = status == 501 and NOVA_NOT_SUPPORTED in body
    assert status < 500 or real_501, f"{status} for {what}: {body[:300]!r}"
    assert b"Traceback" not in body, f"traceback for {what}"
    assert b'File "' not in body, f"traceback for {what}"
    for name, value in headers:
        assert not set(value) & {"\r", "\n"}, f"CR/LF in {name} for {what}"
        assert value.isascii() or _latin1_safe(value), f"{name} is not latin-1 for {what}"
    now = world.state()
    if not 200 <= status < 300:
        assert now == world.fingerprint, f"{status} changed the state for {what}"
    if now != world.fingerprint:
        world.changes += 1
    world.fingerprint = now


#: Changes a world takes before it is built afresh (a build costs about 30 requests).
MAX_CHANGES = 16


def renewed(world: World, max_changes: int = MAX_CHANGES) -> World:
    """`world`, or a fresh one once it has changed `max_changes` times or lost the admin's
    token (so most requests still name things that exist)."""
    if world.changes < max_changes and world.cloud.identity.validate_auth_token(world.token):
        return world
    return build_world()


def _latin1_safe(value: str) -> bool:
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


# -- strategies -------------------------------------------------------------------------------

JUNK_IDS: tuple[bytes, ...] = (
    b"", b".", b"..", b"\x00", b"%00", b"a" * 300, "\u2713".encode(), "\u202e".encode(),
    b"x y", b"'", b'"', b"<script>", b"0", b"-1", b"99999999999999999999", b"null",
    b"\xff\xfe", b"%zz", b"AUTH_", b"v1", b"a/b", b";", b"\\", b"\t",
)


def ids() -> st.SearchStrategy[bytes]:
    """Junk path parameters: odd bytes, unicode, very long, traversal, NUL."""
    return st.one_of(st.sampled_from(JUNK_IDS),
                     st.text(max_size=12).map(lambda s: s.replace("/", "").encode()),
                     st.binary(max_size=6).map(lambda b: b.replace(b"/", b"")))


def deep(depth: int, *, close: bool = True, kind: str = "[") -> bytes:
    """JSON nested `depth` levels, closed or left open."""
    opener, closer = (b"[", b"]") if kind == "[" else (b'{"a":', b"}")
    inner = b"1" if close else b""
    return opener * depth + inner + (closer * depth if close else b"")


DEPTHS = (500, 800, 950, 1100, 3000, 100_000)

#: Well-formed bodies by the path fragment they belong to: a route whose template holds the
#: fragment mutates these; any other route (a new one) mutates any of them.
SEEDS: dict[str, tuple[Any, ...]] = {
    "/v3/projects": ({"project": {"name": "p2", "tags": ["a"]}}, {"tags": ["a", "b"]},
                     {"project": {"description": "d", "enabled": False}}),
    "/v3/users": ({"user": {"name": "u2", "password": "pw-secret-1"}},
                  {"user": {"password": "new-secret-1", "original_password": "admin-secret"}},
                  {"application_credential": {"name": "ac2", "roles": [{"name": "member"}],
                                              "expires_at": "2030-01-01T00:00:00"}}),
    "/v3/groups": ({"group": {"name": "g2", "description": "d"}},),
    "/v3/domains": ({"domain": {"name": "d2", "enabled": True}},),
    "/v3/roles": ({"role": {"name": "r2", "options": {}}},),
    "/v3/regions": ({"region": {"id": "R2", "parent_region_id": "RegionOne"}},),
    "/v3/services": ({"service": {"type": "t2", "name": "n2"}},),
    "/v3/endpoints": ({"endpoint": {"service_id": "x", "interface": "public",
                                    "url": "http://x", "region_id": "RegionOne"}},),
    "/OS-TRUST/trusts": ({"trust": {"trustor_user_id": "x", "trustee_user_id": "y",
                                    "project_id": "p", "impersonation": True,
                                    "roles": [{"name": "member"}], "remaining_uses": 2,
                                    "expires_at": "2030-01-01T00:00:00Z"}},),
    "/auth/tokens": ({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "admin", "domain": {"id": "default"}, "password": "admin-secret"}}},
        "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}},
        {"auth": {"identity": {"methods": ["token"], "token": {"id": "x"}},
                  "scope": "unscoped"}}),
    "/v2.0/tokens": ({"auth": {"passwordCredentials": {"username": "admin",
                                                       "password": "admin-secret"},
                               "tenantName": "admin"}},),
    "/servers": ({"server": {"name": "s2", "imageRef": CIRROS, "flavorRef": "1",
                             "metadata": {"a": "b"}, "networks": "auto",
                             "min_count": 1, "max_count": 2}},
                 {"server": {"name": "renamed"}}, {"metadata": {"a": "b"}},
                 {"meta": {"k": "v2"}},
                 {"volumeAttachment": {"volumeId": "x", "device": "/dev/vdb"}}),
    "/servers/{server_id}/action": (
        {"os-start": None}, {"os-stop": None}, {"reboot": {"type": "HARD"}},
        {"resize": {"flavorRef": "2"}}, {"confirmResize": None},
        {"rebuild": {"imageRef": CIRROS, "name": "n"}}, {"createImage": {"name": "i"}},
        {"rescue": {"adminPass": "x"}}, {"unrescue": None}, {"shelve": None},
        {"unshelve": None}, {"pause": None}, {"suspend": None}, {"lock": None},
        {"os-getConsoleOutput": {"length": 5}}, {"changePassword": {"adminPass": "x"}}),
    "/os-keypairs": ({"keypair": {"name": "kp2", "type": "ssh"}},),
    "/os-aggregates": ({"aggregate": {"name": "agg2", "availability_zone": "az2"}},
                       {"add_host": {"host": "stackdouble-compute"}},
                       {"remove_host": {"host": "stackdouble-compute"}},
                       {"set_metadata": {"metadata": {"k": "v", "availability_zone": "az3"}}},
                       {"cache": [{"id": CIRROS}]}),
    "/flavors": ({"flavor": {"name": "f", "ram": 1, "vcpus": 1, "disk": 1}},),
    "/os-hosts": ({"status": "disable"}, {"status": "Enable", "maintenance_mode": "disable"}),
    "/volumes": ({"volume": {"size": 1, "name": "v2", "metadata": {"a": "b"},
                             "volume_type": "__DEFAULT__"}},
                 {"volume": {"name": "n"}}, {"metadata": {"a": "b"}}, {"meta": {"k": "v"}}),
    "/volumes/{volume_id}/action": (
        {"os-extend": {"new_size": 3}}, {"os-reset_status": {"status": "error"}},
        {"os-set_bootable": {"bootable": True}},
        {"os-update_readonly_flag": {"readonly": True}},
        {"os-attach": {"instance_uuid": "x", "mountpoint": "/dev/vdb"}}, {"os-detach": {}},
        {"os-retype": {"new_type": "x"}}, {"os-volume_upload_image": {"image_name": "i"}},
        {"os-force_delete": {}}, {"os-reserve": {}}, {"os-begin_detaching": {}},
        {"revert": {"snapshot_id": "x"}}, {"os-migrate_volume": {"host": "x"}},
        {"os-initialize_connection": {"connector": {"host": "h"}}},
        {"os-force_detach": {"attachment_id": "x"}}, {"os-unmanage": {}}),
    "/snapshots": ({"snapshot": {"volume_id": "x", "name": "s", "force": True}},
                   {"snapshot": {"name": "n"}}),
    "/os-quota-sets": ({"quota_set": {"volumes": 5, "gigabytes": 10}},),
    "/default-types": ({"default_type": {"volume_type": "__DEFAULT__"}},),
    "/os-services": ({"host": "stackdouble", "binary": "cinder-backup",
                      "disabled_reason": "r"}, {"host": "stackdouble@lvmdriver-1"}),
    "/object-store": ([{"path": "c/o", "etag": None, "size_bytes": None}],),
    "/v2.0/networks": ({"network": {"name": "n2", "admin_state_up": True, "tags": ["a"],
                                    "mtu": 1400}}, {"network": {"name": "renamed"}}),
    "/v2.0/subnets": ({"subnet": {"network_id": "x", "cidr": "10.9.0.0/24", "ip_version": 4,
                                  "allocation_pools": [{"start": "10.9.0.10",
                                                        "end": "10.9.0.20"}],
                                  "dns_nameservers": ["192.0.2.53"],
                                  "host_routes": [{"destination": "10.8.0.0/16",
                                                   "nexthop": "10.9.0.1"}]}},
                      {"subnet": {"name": "s", "gateway_ip": None}}),
    "/v2.0/ports": ({"port": {"network_id": "x", "fixed_ips": [{"ip_address": "192.168.50.9"}],
                              "device_id": "d", "device_owner": "compute:nova",
                              "binding:host_id": "h", "security_groups": [],
                              "allowed_address_pairs": [{"ip_address": "10.0.0.9"}]}},
                    {"port": {"name": "p", "fixed_ips": [{"subnet_id": "x"}]}}),
    "/v2.0/security-group": ({"security_group": {"name": "sg2", "description": "d"}},
                             {"security_group_rule": {
                                 "security_group_id": "x", "direction": "egress",
                                 "protocol": "udp", "port_range_min": 53,
                                 "port_range_max": 53, "remote_ip_prefix": "0.0.0.0/0"}}),
    "/v2.0/routers": ({"router": {"name": "r2", "admin_state_up": True,
                                  "external_gateway_info": {
                                      "network_id": "x", "enable_snat": False,
                                      "external_fixed_ips": [{"ip_address": "172.24.4.99"}]}}},
                      {"subnet_id": "x"}, {"port_id": "x"},
                      {"router": {"external_gateway_info": None}}),
    "/v2.0/floatingips": ({"floatingip": {"floating_network_id": "x", "port_id": "x",
                                          "fixed_ip_address": "192.168.50.3",
                                          "floating_ip_address": "172.24.4.77"}},
                          {"floatingip": {"port_id": None, "description": "d"}}),
    "/v2.0/quotas": ({"quota": {"network": 5, "port": -1, "force": True}},),
    "/tags": ({"tags": ["a", "b"]},),
    "/image/v2": ({"name": "i2", "disk_format": "raw", "container_format": "bare",
                   "visibility": "shared", "tags": ["a"], "min_ram": 1, "os_distro": "x"},
                  [{"op": "replace", "path": "/name", "value": "n"},
                   {"op": "add", "path": "/p", "value": "v"},
                   {"op": "remove", "path": "/hw_rng_model"}],
                  {"member": "x"}, {"status": "accepted"},
                  {"method": {"name": "glance-direct"}, "all_stores_must_succeed": True}),
}
ALL_SEEDS: tuple[Any, ...] = tuple(body for group in SEEDS.values() for body in group)


def seeds_for(target: Target) -> tuple[Any, ...]:
    """The bodies `target` mutates: those of the fragments in its path, or all of them."""
    path = target.prefix + target.route.template
    found = tuple(body for fragment, group in SEEDS.items() if fragment in path
                  for body in group)
    return found or ALL_SEEDS


JUNK_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 2**64, -(2**63) - 1, 10**400, 1.5, 1e308, -0.0, "", " ",
    "x" * 300, "\u2713", "\x00", "\ud800", "2026-13-45", "..", "/", "a,b", "\r\n", [], {},
    [1], {"a": None}, [[[]]],
)


def junk_json() -> st.SearchStrategy[Any]:
    """Arbitrary small JSON, with the odd values above as leaves."""
    leaves = st.one_of(st.sampled_from(JUNK_VALUES), st.none(), st.booleans(), st.integers(),
                       st.floats(allow_nan=False), st.text(max_size=10))
    return st.recursive(leaves, _containers, max_leaves=8)


def _containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(inner, max_size=3),
                     st.dictionaries(st.text(max_size=8), inner, max_size=3))


@st.composite
def mutated(draw: st.DrawFn, seeds: tuple[Any, ...]) -> Any:
    """A plausible body with one value replaced, one key dropped or one key added."""
    seed = json.loads(json.dumps(draw(st.sampled_from(seeds))))
    node: Any = seed
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return seed
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, (dict, list)) and child and draw(st.booleans()):
            node = child
            continue
        action = draw(st.sampled_from(("replace", "replace", "drop", "add", "deep")))
        if action == "replace":
            node[key] = draw(junk_json())
        elif action == "drop" and isinstance(node, dict):
            del node[key]
        elif action == "add" and isinstance(node, dict):
            node[draw(st.text(max_size=8))] = draw(junk_json())
        elif action == "deep":
            node[key] = "\x00DEEP\x00"
        return seed


@st.composite
def bodies(draw: st.DrawFn, seeds: tuple[Any, ...] = ALL_SEEDS) -> bytes:
    """Request bodies: empty, deep, not JSON, not UTF-8, huge numbers, wrong shapes."""
    kind = draw(st.sampled_from(("empty", "deep", "deep-open", "text", "bytes", "numbers",
                                 "json", "mutated", "mutated", "mutated", "seed")))
    if kind == "empty":
        return b""
    if kind in ("deep", "deep-open"):
        return deep(draw(st.sampled_from(DEPTHS)), close=kind == "deep",
                    kind=draw(st.sampled_from("[{")))
    if kind == "text":
        return draw(st.sampled_from((b"{not json", b"null", b"[]", b'"x"', b"1", b"NaN",
                                     b'{"a": Infinity}', b"{}{}", b"\xef\xbb\xbf{}",
                                     b'{"a": 1, "a": 2}', b"  ")))
    if kind == "bytes":
        return draw(st.binary(max_size=20)) + b"\xff\xfe"
    if kind == "numbers":
        return b'{"volume": {"size": 1' + b"0" * 400 + b'}, "limit": 1e999}'
    if kind == "seed":
        return json.dumps(draw(st.sampled_from(seeds))).encode()
    if kind == "json":
        return json.dumps(draw(junk_json())).encode()
    text = json.dumps(draw(mutated(seeds)))
    depth = draw(st.sampled_from(DEPTHS[:4]))
    return text.replace('"\\u0000DEEP\\u0000"', "[" * depth + "]" * depth).encode()


CONTENT_TYPES = ("application/json", "application/json", "application/json", "",
                 "text/plain", "application/json; charset=latin-1",
                 "application/x-www-form-urlencoded", "multipart/form-data; boundary=",
                 "application/octet-stream", "application/json-patch+json", "\u2713", ";;")
TOKENS = (None, "", "x", "gAAAAA" + "x" * 40, "a" * 5000, "\u2713")
MICROVERSIONS = (
    ("OpenStack-API-Version", "compute junk"), ("OpenStack-API-Version", "volume 3.999"),
    ("OpenStack-API-Version", "compute 2.latest"), ("OpenStack-API-Version", "latest"),
    ("OpenStack-API-Version", "compute 2.0"), ("OpenStack-API-Version", "volume 3."),
    ("OpenStack-API-Version", "compute 2.1, compute 2.90"), ("OpenStack-API-Version", ""),
    ("OpenStack-API-Version", "volume 99999999999999999999.1"),
    ("X-OpenStack-Nova-API-Version", "garbage"), ("X-OpenStack-Nova-API-Version", "2.-1"),
    ("X-OpenStack-Nova-API-Version", "latest"), ("OpenStack-API-Version", "\u2713 2.1"),
)
EXTRA_HEADERS = (
    "X-Container-Meta-Junk", "X-Object-Meta-Junk", "X-Account-Meta-Junk", "X-Delete-At",
    "X-Delete-After", "X-Copy-From", "Destination", "Range", "If-Match", "If-None-Match",
    "If-Modified-Since", "If-Unmodified-Since", "X-Versions-Location", "X-History-Location",
    "X-Container-Read", "X-Container-Write", "X-Object-Manifest", "X-Static-Large-Object",
    "X-Account-Meta-Quota-Bytes", "X-Container-Meta-Quota-Bytes", "X-Timestamp",
    "Content-Disposition", "Content-Encoding", "X-Detect-Content-Type", "Expect", "ETag",
    "X-Remove-Container-Meta-Junk", "X-Account-Meta-Temp-URL-Key", "X-Fresh-Metadata",
    "X-Container-Sync-To", "X-Storage-Policy", "Access-Control-Request-Method", "Origin",
    "X-Subject-Token", "X-Auth-User", "X-Auth-Key", "X-Storage-User", "X-Storage-Pass",
    "X-Symlink-Target", "X-Copy-From-Account", "Destination-Account",
)
HEADER_VALUES = ("", "x", "-1", "0", "99999999999999999999", "1.5", "\u2713", "a" * 2000,
                 "bytes=9-1", "bytes=-", "*", "c/o", "/", "..", "%zz", "true", "garbage",
                 "Thu, 99 Foo 2026", "c/o/../..", "AUTH_x/c/o", "\x7f")
QUERY_KEYS = ("limit", "marker", "sort_key", "sort_dir", "sort", "name", "status",
              "changes-since", "changes-before", "format", "prefix", "delimiter", "end_marker",
              "reverse", "multipart-manifest", "path", "all_tenants", "detail", "enabled",
              "domain_id", "user.id", "group.id", "scope.project.id", "include_names",
              "effective", "include_subtree", "temp_url_sig", "temp_url_expires", "nocatalog",
              "allow_expired", "is_domain", "parent_id", "tags", "tags-any", "not-tags",
              "flavor", "image", "ip", "minDisk", "minRam", "is_public", "with_count",
              "offset", "symlink", "bulk-delete", "extract-archive", "filename", "project_id",
              "deleted", "metadata", "availability_zone", "usage")
QUERY_VALUES = ("", "0", "-1", "1", "2", "99999999999999999999", "1e3", "1.5", "abc", "%zz",
                "%ff", "%", "%00", "\u2713", "true", "false", "..", "a,b", "desc:asc",
                "asc", "bogus", "2026-13-45T99:99", "{}", "tar.gz", "get", "delete")


def _one_in(n: int) -> st.SearchStrategy[bool]:
    """True about once in `n` draws (`integers` would favour its bounds)."""
    return st.sampled_from((False,) * (n - 1) + (True,))


@st.composite
def queries(draw: st.DrawFn) -> str:
    """Query strings: junk limits, markers and sorts, repeated keys, bad percent-encoding."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(QUERY_KEYS), st.sampled_from(QUERY_VALUES)),
                          max_size=4))
    parts = []
    for key, value in pairs:
        spelled = value if value.startswith("%") else quote(value, safe=",:")
        parts.append(f"{key}={spelled}" if draw(st.booleans()) or value else key)
    if draw(_one_in(10)):
        parts.append(draw(st.sampled_from(("&&", "=", "a=b=c", "%zz=1", "limit=1&limit=x",
                                           "\u2713=\u2713"))))
    return "&".join(parts)


def _latin1(value: str) -> str:
    return value.encode("utf-8").decode("latin-1")


@st.composite
def header_sets(draw: st.DrawFn) -> dict[str, str]:
    """A token (the admin's, none or junk), a Content-Type, a microversion, extra headers."""
    headers: dict[str, str] = {}
    # Most carry the admin's token, so they get past the middleware.
    token = draw(st.sampled_from(("<admin>",) * 12 + TOKENS))
    if token is not None:
        headers["X-Auth-Token"] = _latin1(token)
    headers["Content-Type"] = _latin1(draw(st.sampled_from(CONTENT_TYPES)))
    if draw(st.booleans()):
        name, value = draw(st.sampled_from(MICROVERSIONS))
        headers[name] = _latin1(value)
    for name in draw(st.lists(st.sampled_from(EXTRA_HEADERS), max_size=3, unique=True)):
        headers[name] = _latin1(draw(st.sampled_from(HEADER_VALUES)))
    return headers


@st.composite
def probes(draw: st.DrawFn, target: Target) -> Probe:
    """One malformed request for `target`."""
    method = target.route.method
    if draw(_one_in(8)):
        method = draw(st.sampled_from(METHODS))
    chosen = {}
    for name in target.params:
        if draw(_one_in(4)):
            chosen[name] = draw(ids())
    length = None
    if draw(_one_in(16)):
        length = draw(st.sampled_from(("abc", "-1", "99999999", "")))
    return Probe(method, chosen, draw(queries()), draw(header_sets()),
                 draw(bodies(seeds_for(target))), length)


def sweep(target: Target) -> list[Probe]:
    """A fixed battery every route gets, whatever hypothesis draws."""
    admin = {"X-Auth-Token": "<admin>", "Content-Type": "application/json"}
    none = {"Content-Type": "application/json"}
    method = target.route.method
    out = [Probe(method, {}, "", admin, deep(100_000, close=False)),
           Probe(method, {}, "", none, deep(100_000, close=False)),
           Probe(method, {}, "", admin, b'{"x": ' + deep(900) + b"}"),
           Probe(method, {}, "limit=0", admin, b""),
           Probe(method, {}, "limit=-1&marker=%zz", admin, b""),
           Probe(method, {}, "limit=abc&sort_dir=x&sort_key=%ff", admin, b""),
           Probe(method, {}, "", admin, b"\xff\xfe\x00{"),
           Probe(method, {}, "", {**admin, "Content-Type": "text/plain"}, b"{}"),
           Probe(method, {}, "", {**admin, "OpenStack-API-Version": "compute garbage",
                                  "X-OpenStack-Nova-API-Version": "garbage"}, b""),
           Probe(method, {}, "", {**admin, "OpenStack-API-Version": "volume 3.999"}, b""),
           Probe(method, {}, "", {**admin, "X-Auth-Token": "\u2713".encode().decode("latin-1")},
                 b"")]
    for name in target.params:
        for junk in (b"\xe2\x9c\x93", b"\xe2\x9c\x93\r\nX-Evil: 1", b"..", b"\x00",
                     b"a" * 300, b"\xff", b""):
            out.append(Probe(method, {name: junk}, "", admin, b""))
    return out
