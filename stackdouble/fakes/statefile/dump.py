"""A cloud's state in the state file's format: what it holds beyond a fresh cloud's defaults.

`dump_state` compares the cloud with a fresh one of the same profile, regions and Swift
configuration, by names (ids differ from one cloud to the next), and writes what the fresh
one lacks, in the order it was made, so that loading the dump into a fresh cloud and dumping
again gives the same document. References are names: a plain name in the Default domain,
`{name, domain}` elsewhere.

Secrets: without `include_secrets` (the default), a password, API key or tempauth key is
written as `{env: STACKDOUBLE_...}`, a reference to an environment variable, so the dump can
be shared and still loads where those variables are set; with it, the values themselves.

What the format does not hold is left out: tokens, trusts, credentials, the catalog, keypairs,
snapshots, ports, routers, floating IPs, security groups, changes made to the default
entities (a default user's new password), servers booted from volumes, and the data of
images larger than `max_image_data` bytes (written without data, they load `queued`).
Servers load ACTIVE and volumes available, whatever state they were in.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.statefile.load import SECTIONS
from stackdouble.fakes.statefile.schema import FORMAT_VERSION

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.identity.models import IdentityModel

__all__ = ["MAX_IMAGE_DATA", "dump_state", "secret_variable"]

#: Image data up to this many bytes is written inline (`data_base64`).
MAX_IMAGE_DATA = 1 << 20
_DEFAULT_DOMAIN = "default"


def secret_variable(kind: str, *names: str) -> str:
    """The environment variable a secrets-free dump names for a secret.

    Example:
        >>> secret_variable("PASSWORD", "alice")
        'STACKDOUBLE_PASSWORD_ALICE'
        >>> secret_variable("TEMPAUTH_KEY", "acme", "ops-1")
        'STACKDOUBLE_TEMPAUTH_KEY_ACME_OPS_1'
    """
    parts = [re.sub(r"[^A-Z0-9]+", "_", n.upper()).strip("_") for n in names]
    return "_".join(["STACKDOUBLE", kind, *parts])


def dump_state(cloud: FakeCloud, *, include_secrets: bool = False,
               max_image_data: int = MAX_IMAGE_DATA) -> dict[str, Any]:
    """The cloud's state beyond the defaults, as a state document (see the module).

    Args:
        cloud: The cloud.
        include_secrets: Write passwords and keys themselves, not `{env: ...}` references.
        max_image_data: Largest image whose data is written inline.
    """
    from stackdouble.fakes.cloud import FakeCloud

    base = FakeCloud(profile=cloud.profile.name, regions=cloud.regions,
                     swift=cloud.swift_config)
    with cloud.lock:
        return _Dumper(cloud, base, include_secrets, max_image_data).document()


class _Dumper:
    def __init__(self, cloud: FakeCloud, base: FakeCloud, secrets: bool, max_data: int) -> None:
        self.cloud = cloud
        self.base = base
        self.secrets = secrets
        self.max_data = max_data
        self.identity: IdentityModel = cloud.identity

    def document(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": FORMAT_VERSION}
        for section in SECTIONS:
            entries = list(getattr(self, section)())
            if entries:
                out[section] = entries
        return out

    # -- names ----------------------------------------------------------------------------

    @staticmethod
    def _domain_name(model: IdentityModel, domain_id: str | None) -> str | None:
        if domain_id is None:
            return None
        return model.domains[domain_id].name if domain_id in model.domains else domain_id

    def _ref(self, name: str, domain_id: str | None, within: str = _DEFAULT_DOMAIN) -> Any:
        if domain_id is None or domain_id == within:
            return name
        return {"name": name, "domain": self._domain_name(self.identity, domain_id)}

    def project_ref(self, project_id: str, within: str = _DEFAULT_DOMAIN) -> Any:
        project = self.identity.projects[project_id]
        return self._ref(project.name, project.domain_id, within)

    def user_ref(self, user_id: str, within: str = _DEFAULT_DOMAIN) -> Any:
        user = self.identity.users[user_id]
        return self._ref(user.name, user.domain_id, within)

    def _keys(self, model: IdentityModel, table: str) -> set[tuple[Any, ...]]:
        return {(self._domain_name(model, getattr(item, "domain_id", None)), item.name)
                for item in getattr(model, table).values()}

    def _new(self, table: str) -> Iterable[Any]:
        known = self._keys(self.base.identity, table)
        for item in getattr(self.identity, table).values():
            key = (self._domain_name(self.identity, getattr(item, "domain_id", None)),
                   item.name)
            if key not in known:
                yield item

    def _secret(self, value: str | None, kind: str, *names: str) -> Any:
        if value is None:
            return None
        return value if self.secrets else {"env": secret_variable(kind, *names)}

    @staticmethod
    def _put(entry: dict[str, Any], key: str, value: Any, default: Any = None) -> None:
        if value != default:
            entry[key] = value

    # -- identity -------------------------------------------------------------------------

    def domains(self) -> Iterable[dict[str, Any]]:
        known = {d.name for d in self.base.identity.domains.values()}
        for domain in self.identity.domains.values():
            if domain.name in known:
                continue
            entry: dict[str, Any] = {"name": domain.name}
            self._put(entry, "description", domain.description, "")
            self._put(entry, "enabled", domain.enabled, True)
            yield entry

    def roles(self) -> Iterable[dict[str, Any]]:
        for role in self._new("roles"):
            entry: dict[str, Any] = {"name": role.name}
            if role.domain_id is not None:
                entry["domain"] = self._domain_name(self.identity, role.domain_id)
            self._put(entry, "description", role.description)
            implied = [self.identity.roles[r].name
                       for r in self.identity.implied_roles.get(role.id, ())
                       if r in self.identity.roles]
            self._put(entry, "implies", implied, [])
            yield entry

    def projects(self) -> Iterable[dict[str, Any]]:
        for project in self._new("projects"):
            if project.is_domain:
                continue
            entry: dict[str, Any] = {"name": project.name}
            self._put(entry, "domain", self._domain_name(self.identity, project.domain_id),
                      self._domain_name(self.identity, _DEFAULT_DOMAIN))
            self._put(entry, "description", project.description, "")
            self._put(entry, "enabled", project.enabled, True)
            if project.parent_id and project.parent_id != project.domain_id \
                    and project.parent_id in self.identity.projects:
                entry["parent"] = self.identity.projects[project.parent_id].name
            self._put(entry, "tags", list(project.tags), [])
            yield entry

    def users(self) -> Iterable[dict[str, Any]]:
        for user in self._new("users"):
            entry: dict[str, Any] = {"name": user.name}
            domain = self._domain_name(self.identity, user.domain_id) or ""
            self._put(entry, "domain", domain,
                      self._domain_name(self.identity, _DEFAULT_DOMAIN))
            names = [user.name] if user.domain_id == _DEFAULT_DOMAIN else [domain, user.name]
            self._put(entry, "password", self._secret(user.password, "PASSWORD", *names))
            self._put(entry, "api_key", self._secret(user.api_key, "API_KEY", *names))
            if user.default_project_id in self.identity.projects:
                entry["default_project"] = self.project_ref(user.default_project_id,
                                                            user.domain_id)
            self._put(entry, "enabled", user.enabled, True)
            self._put(entry, "email", user.email)
            self._put(entry, "description", user.description)
            yield entry

    def groups(self) -> Iterable[dict[str, Any]]:
        for group in self._new("groups"):
            entry: dict[str, Any] = {"name": group.name}
            self._put(entry, "domain", self._domain_name(self.identity, group.domain_id),
                      self._domain_name(self.identity, _DEFAULT_DOMAIN))
            self._put(entry, "description", group.description)
            members = sorted(self.identity.group_members.get(group.id, ()),
                             key=lambda u: (self.identity.users[u].domain_id,
                                            self.identity.users[u].name))
            self._put(entry, "members", [self.user_ref(u, group.domain_id) for u in members],
                      [])
            yield entry

    def _assignment_key(self, model: IdentityModel, entry: tuple[str, ...]) -> Any:
        actor_kind, actor, kind, target, role = entry

        def named(table: dict[str, Any], item_id: str) -> Any:
            item = table.get(item_id)
            if item is None:
                return item_id
            return (self._domain_name(model, getattr(item, "domain_id", None)), item.name)

        actors = model.users if actor_kind == "user" else model.groups
        scope = kind.partition(":")[0]
        targets: dict[str, Any] = {}
        if scope == "project":
            targets = model.projects
        elif scope == "domain":
            targets = model.domains
        return (actor_kind, named(actors, actor), kind, named(targets, target),
                named(model.roles, role))

    def role_assignments(self) -> Iterable[dict[str, Any]]:
        base = self.base.identity
        known = {self._assignment_key(base, a) for a in base.assignments}
        ident = self.identity
        for assignment in ident.assignments:
            actor_kind, actor, kind, target, role_id = assignment
            if self._assignment_key(ident, assignment) in known:
                continue
            role = ident.roles.get(role_id)
            actors = ident.users if actor_kind == "user" else ident.groups
            if role is None or actor not in actors:
                continue
            entry: dict[str, Any] = {"role": self._ref(role.name, role.domain_id)
                                     if role.domain_id else role.name}
            found = actors[actor]
            entry[actor_kind] = self._ref(found.name, found.domain_id)
            scope, _, inherited = kind.partition(":")
            if scope == "project":
                if target not in ident.projects:
                    continue
                entry["project"] = self.project_ref(target)
            elif scope == "domain":
                if target not in ident.domains:
                    continue
                entry["domain"] = ident.domains[target].name
            else:
                entry["system"] = "all"
            if inherited:
                entry["inherited"] = True
            yield entry

    # -- Swift ----------------------------------------------------------------------------

    def _account_ref(self, account_id: str) -> tuple[str, Any]:
        project_id = account_id[len("AUTH_"):] if account_id.startswith("AUTH_") else ""
        if project_id in self.identity.projects:
            return "project", self.project_ref(project_id)
        return "account", account_id

    def _account_key(self, model: IdentityModel, account_id: str) -> Any:
        """An account as its project's (domain, name), comparable across clouds."""
        project_id = account_id[len("AUTH_"):] if account_id.startswith("AUTH_") else ""
        project = model.projects.get(project_id)
        if project is None:
            return account_id
        return (self._domain_name(model, project.domain_id), project.name)

    def tempauth(self) -> Iterable[dict[str, Any]]:
        base = self.base.object_storage.tempauth.users
        for name, user in self.cloud.object_storage.tempauth.users.items():
            old = base.get(name)
            if old is not None and (old.key, old.groups) == (user.key, user.groups) and \
                    self._account_key(self.base.identity, old.account_id) == \
                    self._account_key(self.identity, user.account_id):
                continue
            entry: dict[str, Any] = {"account": user.account, "user": user.user,
                                     "key": self._secret(user.key, "TEMPAUTH_KEY",
                                                         user.account, user.user)}
            groups = list(user.groups)
            for flag, group in (("admin", ".admin"), ("reseller_admin", ".reseller_admin")):
                if group in groups:
                    entry[flag] = True
                    groups.remove(group)
            self._put(entry, "groups", groups, [])
            kind, ref = self._account_ref(user.account_id)
            if kind == "project":
                entry["project"] = ref
            yield entry

    def containers(self) -> Iterable[dict[str, Any]]:
        storage = self.cloud.object_storage
        default_policy = storage.default_policy.name
        for account in storage.accounts.values():
            kind, ref = self._account_ref(account.name)
            for container in account.containers.values():
                entry: dict[str, Any] = {"name": container.name, kind: ref}
                self._put(entry, "policy", container.policy, default_policy)
                self._put(entry, "metadata", dict(container.metadata), {})
                self._put(entry, "read_acl", container.read_acl)
                self._put(entry, "write_acl", container.write_acl)
                objects = [self._object(obj) for obj in container.objects.values()]
                self._put(entry, "objects", objects, [])
                yield entry

    @staticmethod
    def _object(obj: Any) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": obj.name}
        if obj.content_type != "application/octet-stream":
            entry["content_type"] = obj.content_type
        meta = {k[len("X-Object-Meta-"):]: v for k, v in obj.headers.items()
                if k.startswith("X-Object-Meta-")}
        if meta:
            entry["metadata"] = meta
        data = bytes(obj.data)
        try:
            text: str | None = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and all(c.isprintable() or c in "\n\t" for c in text):
            if text:
                entry["data"] = text
        else:
            entry["data_base64"] = base64.b64encode(data).decode("ascii")
        return entry

    # -- Nova -----------------------------------------------------------------------------

    def flavors(self) -> Iterable[dict[str, Any]]:
        known = set(self.base.compute.flavors)
        for flavor in sorted(self.cloud.compute.flavors.values(), key=lambda f: f.row):
            if flavor.id in known:
                continue
            entry: dict[str, Any] = {"name": flavor.name, "id": flavor.id, "ram": flavor.ram,
                                     "vcpus": flavor.vcpus, "disk": flavor.disk}
            self._put(entry, "ephemeral", flavor.ephemeral, 0)
            self._put(entry, "swap", flavor.swap, 0)
            self._put(entry, "rxtx_factor", flavor.rxtx_factor, 1.0)
            self._put(entry, "is_public", flavor.is_public, True)
            self._put(entry, "description", flavor.description)
            yield entry

    def quotas(self) -> Iterable[dict[str, Any]]:
        cloud = self.cloud
        sources = {"compute": cloud.compute._quotas, "block_storage": cloud.block_storage._quotas,
                   "networking": cloud.networking.quota_limits}
        projects: dict[str, dict[str, Any]] = {}
        for section, table in sources.items():
            for project_id, limits in table.items():
                if project_id in self.identity.projects and limits:
                    projects.setdefault(project_id, {})[section] = dict(limits)
        for project_id in self.identity.projects:
            if project_id in projects:
                yield {"project": self.project_ref(project_id), **projects[project_id]}

    def keypairs(self) -> Iterable[dict[str, Any]]:
        compute = self.cloud.compute
        for keypair in sorted((k for user_id in self.identity.users
                               for k in compute.keypairs_of(user_id).values()),
                              key=lambda k: k.row):
            entry: dict[str, Any] = {"name": keypair.name, "user": self.user_ref(keypair.user_id),
                                     "public_key": keypair.public_key}
            self._put(entry, "type", keypair.type, "ssh")
            yield entry

    def servers(self) -> Iterable[dict[str, Any]]:
        cloud = self.cloud
        for server in sorted(cloud.compute.servers.values(), key=lambda s: s.row):
            if server.deleted or not server.image_ref \
                    or server.project_id not in self.identity.projects:
                continue
            entry: dict[str, Any] = {"name": server.name,
                                     "project": self.project_ref(server.project_id)}
            if server.user_id in self.identity.users:
                entry["user"] = self.user_ref(server.user_id)
            flavor = cloud.compute.flavors.get(server.flavor.id)
            entry["flavor"] = flavor.name if flavor is not None else server.flavor.id
            entry["image"] = self._image_ref(server.image_ref)
            nets = cloud.networking.networks
            entry["networks"] = [nets[v.network_id].name if v.network_id in nets
                                 else v.network_id for v in server.vifs] or "none"
            self._put(entry, "key_name", server.key_name)
            groups = self.cloud.networking.security_groups
            names = list(dict.fromkeys(groups[g].name for v in server.vifs
                                       for g in v.security_group_ids if g in groups))
            self._put(entry, "security_groups", names, ["default"])
            self._put(entry, "metadata", dict(server.metadata), {})
            self._put(entry, "description", server.description)
            yield entry

    def _image_ref(self, image_id: str) -> str:
        images = self.cloud.image.images
        image = images.get(image_id)
        if image is None or not image.name:
            return image_id
        same = [i for i in images.values() if i.name == image.name]
        return image.name if len(same) == 1 else image_id

    # -- Glance, Cinder, Neutron ----------------------------------------------------------

    def images(self) -> Iterable[dict[str, Any]]:
        model = self.cloud.image
        known = set(self.base.image.images)
        admin = self.identity.project_by_name("admin", _DEFAULT_DOMAIN)
        for image in sorted(model.images.values(), key=lambda i: (i.created_at, i.id)):
            if image.id in known or image.status in ("deleted", "killed"):
                continue
            entry: dict[str, Any] = {}
            self._put(entry, "name", image.name)
            if image.owner in self.identity.projects and (admin is None
                                                          or image.owner != admin.id):
                entry["project"] = self.project_ref(image.owner)
            self._put(entry, "visibility", image.visibility, "shared")
            self._put(entry, "disk_format", image.disk_format)
            self._put(entry, "container_format", image.container_format)
            self._put(entry, "min_disk", image.min_disk, 0)
            self._put(entry, "min_ram", image.min_ram, 0)
            self._put(entry, "protected", image.protected, False)
            self._put(entry, "properties", dict(image.properties), {})
            self._put(entry, "tags", list(image.tags), [])
            if image.data is not None and (image.size or 0) <= self.max_data:
                data = b"".join(image.data.read())
                entry["data_base64"] = base64.b64encode(data).decode("ascii")
            yield entry

    def volumes(self) -> Iterable[dict[str, Any]]:
        storage = self.cloud.block_storage
        default_type = storage._default_type().name
        for volume in storage.volumes.values():
            if volume.status in ("deleting", "deleted") \
                    or volume.project_id not in self.identity.projects:
                continue
            entry: dict[str, Any] = {}
            self._put(entry, "name", volume.name)
            entry["project"] = self.project_ref(volume.project_id)
            entry["size"] = volume.size
            self._put(entry, "description", volume.description)
            self._put(entry, "volume_type", volume.volume_type.name, default_type)
            self._put(entry, "metadata", dict(volume.metadata), {})
            yield entry

    def snapshots(self) -> Iterable[dict[str, Any]]:
        storage = self.cloud.block_storage
        for snap in storage.snapshots.values():
            volume = storage.volumes.get(snap.volume_id)
            if snap.status in ("deleting", "deleted") or volume is None or not volume.name \
                    or snap.project_id not in self.identity.projects \
                    or snap.group_snapshot_id is not None:
                continue
            entry: dict[str, Any] = {"name": snap.name or "",
                                     "project": self.project_ref(snap.project_id),
                                     "volume": volume.name}
            self._put(entry, "description", snap.description)
            self._put(entry, "metadata", dict(snap.metadata), {})
            yield entry

    def networks(self) -> Iterable[dict[str, Any]]:
        from stackdouble.fakes.networking.models.networks import OVERHEAD

        model = self.cloud.networking
        base = self.base.networking
        base_projects = {p.id: p.name for p in self.base.identity.projects.values()}
        known = {(base_projects.get(n.project_id), n.name) for n in base.networks.values()}
        for network in model.networks.values():
            project = self.identity.projects.get(network.project_id)
            if project is None or (project.name, network.name) in known:
                continue
            entry: dict[str, Any] = {"name": network.name,
                                     "project": self.project_ref(network.project_id)}
            self._put(entry, "description", network.description, "")
            self._put(entry, "shared", network.shared, False)
            self._put(entry, "admin_state_up", network.admin_state_up, True)
            self._put(entry, "mtu", network.mtu, model.config.global_physnet_mtu
                      - OVERHEAD.get(network.network_type or "", 0))
            subnets = [self._subnet(s) for s in model.subnets.values()
                       if s.network_id == network.id]
            self._put(entry, "subnets", subnets, [])
            yield entry

    def security_groups(self) -> Iterable[dict[str, Any]]:
        from stackdouble.fakes.networking.models.securitygroups import DEFAULT_DESCRIPTION

        model = self.cloud.networking
        projects = {project_id: n for n, project_id in enumerate(self.identity.projects)}
        # by project, the default group first, then by name: a rule naming a group further
        # down makes that group early when loaded, so the order made is not kept
        ordered = sorted((g for g in model.security_groups.values()
                          if g.project_id in projects),
                         key=lambda g: (projects[g.project_id],
                                        model.default_groups.get(g.project_id) != g.id,
                                        g.name, g.id))
        for group in ordered:
            default = model.default_groups.get(group.project_id) == group.id
            rules = [self._rule(r, group.id) for r in model.rules_of(group)
                     if not _automatic(r, group.id, default)]
            if default and not rules and group.description == DEFAULT_DESCRIPTION:
                continue
            entry: dict[str, Any] = {"name": group.name,
                                     "project": self.project_ref(group.project_id)}
            self._put(entry, "description", group.description,
                      DEFAULT_DESCRIPTION if default else "")
            self._put(entry, "stateful", group.stateful, True)
            self._put(entry, "rules", rules, [])
            yield entry

    def _rule(self, rule: Any, group_id: str) -> dict[str, Any]:
        groups = self.cloud.networking.security_groups
        entry: dict[str, Any] = {"direction": rule.direction}
        self._put(entry, "ethertype", rule.ethertype, "IPv4")
        for key in ("protocol", "port_range_min", "port_range_max", "remote_ip_prefix"):
            self._put(entry, key, getattr(rule, key))
        if rule.remote_group_id in groups:
            entry["remote_group"] = groups[rule.remote_group_id].name
        self._put(entry, "description", rule.description, "")
        return entry

    def routers(self) -> Iterable[dict[str, Any]]:
        model = self.cloud.networking
        base_projects = {p.id: p.name for p in self.base.identity.projects.values()}
        known = {(base_projects.get(r.project_id), r.name)
                 for r in self.base.networking.routers.values()}
        for router in model.routers.values():
            project = self.identity.projects.get(router.project_id)
            if project is None or (project.name, router.name) in known:
                continue
            entry: dict[str, Any] = {"name": router.name,
                                     "project": self.project_ref(router.project_id)}
            self._put(entry, "description", router.description, "")
            self._put(entry, "admin_state_up", router.admin_state_up, True)
            gateway = model.gateway_port(router)
            if gateway is not None:
                entry["external_network"] = model.networks[gateway.network_id].name
            interfaces = [model.subnets[subnet_id].name or subnet_id
                          for port in model.ports.values()
                          if port.device_id == router.id
                          and port.device_owner == "network:router_interface"
                          for subnet_id, _ in port.fixed_ips if subnet_id in model.subnets]
            self._put(entry, "interfaces", interfaces, [])
            yield entry

    def _subnet(self, subnet: Any) -> dict[str, Any]:
        entry: dict[str, Any] = {}
        self._put(entry, "name", subnet.name, "")
        entry["cidr"] = subnet.cidr
        entry["ip_version"] = subnet.ip_version
        entry["gateway_ip"] = subnet.gateway_ip
        self._put(entry, "enable_dhcp", subnet.enable_dhcp, True)
        self._put(entry, "dns_nameservers", list(subnet.dns_nameservers), [])
        self._put(entry, "description", subnet.description, "")
        entry["allocation_pools"] = [{"start": s, "end": e} for s, e in subnet.allocation_pools]
        return entry


def _automatic(rule: Any, group_id: str, default: bool) -> bool:
    """A rule Neutron adds itself: the egress pair of every group, and the default group's
    ingress from its own members."""
    bare = rule.protocol is None and rule.port_range_min is None \
        and rule.port_range_max is None and rule.remote_ip_prefix is None
    if rule.direction == "egress":
        return bare and rule.remote_group_id is None
    return default and bare and rule.remote_group_id == group_id
