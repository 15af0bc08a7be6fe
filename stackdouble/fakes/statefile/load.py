"""Applying a state document to a cloud, entry by entry, through the services' own code.

Each entry goes the way the API would take it: the body the API would receive is checked
with the service's own schema (Keystone's, Nova's, Cinder's, Glance's, Neutron's), then the
model method the handler calls makes it, so every rule applies (a name taken, a flavor too
small for its image, a subnet overlapping another, a quota reached) and ids come from the
cloud's id generator. The caller is the cloud's operator: an admin of the entry's project.

Sections are applied in an order where what an entry names already exists: domains, roles,
projects, users, groups, role assignments, tempauth, flavors, quotas, images, networks,
volumes, servers, containers. A name refers to what this file made earlier or what the cloud
already holds. On an error the entries before the failing one stay made (`FakeCloud.from_file`
throws its cloud away; `stackdouble serve` exits).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import ipaddress
import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.caller import Caller
from stackdouble.fakes.http import HTTPError
from stackdouble.fakes.statefile.errors import Path, StateFileError
from stackdouble.fakes.statefile.schema import validate
from stackdouble.fakes.statefile.source import Document

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = ["SECTIONS", "apply"]

#: The sections, in the order they are applied.
SECTIONS = ("domains", "roles", "projects", "users", "groups", "role_assignments", "tempauth",
            "flavors", "quotas", "keypairs", "images", "networks", "security_groups", "routers",
            "volumes", "snapshots", "servers", "containers")

_DEFAULT_DOMAIN = "default"


def apply(cloud: FakeCloud, doc: Document, env: Mapping[str, str] | None = None
          ) -> dict[str, int]:
    """Check `doc` and make what it declares in `cloud`, under the cloud's lock.

    Args:
        cloud: The cloud to fill.
        doc: The document (`source.read_file`, `read_text` or `read_mapping`).
        env: Where `{env: NAME}` secrets are read (default `os.environ`).

    Returns:
        How many entries each section made (`{"users": 2, ...}`), sections present only.

    Raises:
        StateFileError: The first problem, at its line.
    """
    validate(doc)
    loader = _Loader(cloud, doc, os.environ if env is None else env)
    with cloud.lock:
        for section in SECTIONS:
            entries = doc.data.get(section)
            if entries is None:
                continue
            maker = getattr(loader, section)
            for index, entry in enumerate(entries):
                path: Path = (section, index)
                with loader.at(path):
                    maker(entry, path)
            if section == "roles":
                for index, entry in enumerate(entries):
                    loader.implies(entry, (section, index))
            loader.counts[section] = len(entries)
    return loader.counts


class _Loader:
    """One document's application: reference lookups, the operator's callers, and one
    method per section taking `(entry, path)`."""

    def __init__(self, cloud: FakeCloud, doc: Document, env: Mapping[str, str]) -> None:
        self.cloud = cloud
        self.doc = doc
        self.env = env
        self.identity = cloud.identity
        self.counts: dict[str, int] = {}
        #: Security groups a rule named before their entry: (project id, name) -> id.
        self.early_groups: dict[tuple[str, str], str] = {}

    # -- errors ---------------------------------------------------------------------------

    def fail(self, problem: str, path: Path, *, at_key: bool = False) -> StateFileError:
        """An error at `path`."""
        return self.doc.error(problem, path, at_key=at_key)

    @contextlib.contextmanager
    def at(self, path: Path) -> Iterator[None]:
        """Turn what a service refuses into a `StateFileError` at `path`."""
        try:
            yield
        except StateFileError:
            raise
        except HTTPError as exc:
            text = exc.message or str(exc)
            raise self.fail(f"refused by the cloud ({exc.status}): {text}", path) from None
        except (ValueError, LookupError) as exc:
            raise self.fail(f"refused by the cloud: {exc}", path) from None

    # -- references -----------------------------------------------------------------------

    def domain_id(self, name: str | None, path: Path) -> str:
        """A domain by name (or id); None: Default."""
        if name is None:
            return _DEFAULT_DOMAIN
        found = self.identity.domain_by_name(name) or self.identity.domains.get(name)
        if found is None:
            raise self.fail(f"{name!r} is not a domain in this file or the cloud", path)
        return found.id

    def _split(self, ref: Any, path: Path, domain_id: str) -> tuple[str, str]:
        if isinstance(ref, dict):
            return ref["name"], self.domain_id(ref.get("domain"), (*path, "domain"))
        return str(ref), domain_id

    def project_id(self, ref: Any, path: Path, domain_id: str = _DEFAULT_DOMAIN) -> str:
        """A project by name (in `domain_id` unless the ref names a domain), or id."""
        name, domain = self._split(ref, path, domain_id)
        found = self.identity.project_by_name(name, domain)
        if found is None and isinstance(ref, str) and ref in self.identity.projects:
            return ref
        if found is None:
            raise self.fail(f"{name!r} is not a project in this file or the cloud"
                            + ("" if domain == _DEFAULT_DOMAIN else
                               f" (domain {self.identity.domains[domain].name!r})"), path)
        return found.id

    def user_id(self, ref: Any, path: Path, domain_id: str = _DEFAULT_DOMAIN) -> str:
        """A user by name (in `domain_id` unless the ref names a domain), or id."""
        name, domain = self._split(ref, path, domain_id)
        found = self.identity.user_by_name(name, domain)
        if found is None and isinstance(ref, str) and ref in self.identity.users:
            return ref
        if found is None:
            raise self.fail(f"{name!r} is not a user in this file or the cloud", path)
        return found.id

    def group_id(self, ref: Any, path: Path) -> str:
        """A group by name (Default domain unless the ref names one), or id."""
        name, domain = self._split(ref, path, _DEFAULT_DOMAIN)
        for group in self.identity.groups.values():
            if group.name == name and group.domain_id == domain:
                return group.id
        if isinstance(ref, str) and ref in self.identity.groups:
            return ref
        raise self.fail(f"{name!r} is not a group in this file or the cloud", path)

    def role_id(self, ref: Any, path: Path) -> str:
        """A global role by name, or `{name, domain}` for a domain's role, or an id."""
        domain: str | None = None
        name = ref
        if isinstance(ref, dict):
            name = ref["name"]
            domain = self.domain_id(ref.get("domain"), (*path, "domain"))
        for role in self.identity.roles.values():
            if role.name == name and role.domain_id == domain:
                return role.id
        if isinstance(ref, str) and ref in self.identity.roles:
            return ref
        raise self.fail(f"{name!r} is not a role in this file or the cloud", path)

    def secret(self, value: Any, path: Path) -> str:
        """A secret as written, or read from the environment (`{env: NAME}`)."""
        if isinstance(value, dict):
            name = value["env"]
            found = self.env.get(name)
            if not found:
                raise self.fail(f"the environment variable {name} is not set (or empty)", path)
            return found
        return str(value)

    def data(self, entry: Mapping[str, Any], path: Path) -> bytes | None:
        """The bytes of `data` (UTF-8 text), `data_base64` or `file` (relative to the state
        file); None when none is given."""
        given = [k for k in ("data", "data_base64", "file") if k in entry]
        if len(given) > 1:
            raise self.fail(f"give one of data, data_base64 and file, not {' and '.join(given)}",
                            (*path, given[1]), at_key=True)
        if not given:
            return None
        key = given[0]
        if key == "data":
            return str(entry["data"]).encode("utf-8")
        if key == "data_base64":
            try:
                return base64.b64decode(entry["data_base64"], validate=True)
            except (binascii.Error, ValueError):
                raise self.fail("is not base64", (*path, key)) from None
        name = os.path.join(self.doc.base_dir, os.path.expanduser(entry["file"]))
        try:
            with open(name, "rb") as fh:
                return fh.read()
        except OSError as exc:
            raise self.fail(f"cannot read {name}: {exc.strerror or exc}", (*path, key)) from None

    def admin_of(self, project_id: str) -> Caller:
        """The operator acting in a project: an admin there, as the first user with a
        role on it (else the admin user)."""
        identity = self.identity
        user_id = None
        for user in identity.users.values():
            if identity.effective_role_ids(user.id, "project", project_id):
                user_id = user.id
                break
        if user_id is None:
            admin = identity.user_by_name("admin", _DEFAULT_DOMAIN)
            user_id = admin.id if admin is not None else "admin"
        return Caller(project_id=project_id, user_id=user_id, is_admin=True)

    def entry_project(self, entry: Mapping[str, Any], path: Path, default: str = "demo"
                      ) -> str:
        """The project an entry belongs to: its `project`, else `default` (demo)."""
        if "project" in entry:
            return self.project_id(entry["project"], (*path, "project"))
        return self.project_id(default, path)

    # -- identity -------------------------------------------------------------------------

    def domains(self, entry: dict[str, Any], path: Path) -> None:
        """A Keystone domain."""
        from stackdouble.fakes.identity import schema as ks

        body = {k: entry[k] for k in ("name", "description", "enabled") if k in entry}
        ks.validate_body(ks.DOMAIN_CREATE, {"domain": body})
        self.identity.create_domain(entry["name"], enabled=entry.get("enabled", True),
                                    description=entry.get("description", ""))

    def roles(self, entry: dict[str, Any], path: Path) -> None:
        """A role (global, or a domain's); its `implies` are applied once all roles exist."""
        from stackdouble.fakes.identity import schema as ks

        domain_id = self.domain_id(entry["domain"], (*path, "domain")) if "domain" in entry \
            else None
        body = {k: entry[k] for k in ("name", "description") if k in entry}
        ks.validate_body(ks.ROLE_CREATE, {"role": body})
        self.identity.create_role(entry["name"], domain_id=domain_id,
                                  description=entry.get("description"))

    def implies(self, entry: dict[str, Any], path: Path) -> None:
        """The implied roles of a role entry."""
        prior = self.role_id({"name": entry["name"], "domain": entry["domain"]}
                             if "domain" in entry else entry["name"], path)
        for index, name in enumerate(entry.get("implies", ())):
            where: Path = (*path, "implies", index)
            implied = self.role_id(name, where)
            with self.at(where):
                self.identity.add_implied_role(prior, implied)

    def projects(self, entry: dict[str, Any], path: Path) -> None:
        """A Keystone project (its `parent` a project of the same domain)."""
        from stackdouble.fakes.identity import schema as ks

        domain_id = self.domain_id(entry.get("domain"), (*path, "domain"))
        parent_id = None
        if "parent" in entry:
            parent_id = self.project_id(entry["parent"], (*path, "parent"), domain_id)
            if not self.identity.projects[parent_id].enabled:
                raise self.fail("cannot create a project in a branch containing a disabled "
                                f"project: {entry['parent']}", (*path, "parent"))
        body = {k: entry[k] for k in ("name", "description", "enabled", "tags") if k in entry}
        ks.validate_body(ks.PROJECT_CREATE, {"project": body})
        self.identity.create_project(entry["name"], domain_id=domain_id,
                                     description=entry.get("description", ""),
                                     enabled=entry.get("enabled", True), parent_id=parent_id,
                                     tags=entry.get("tags", ()))

    def users(self, entry: dict[str, Any], path: Path) -> None:
        """A Keystone user; `default_project` is looked up in the user's domain."""
        from stackdouble.fakes.identity import schema as ks

        domain_id = self.domain_id(entry.get("domain"), (*path, "domain"))
        project_id = None
        if "default_project" in entry:
            project_id = self.project_id(entry["default_project"], (*path, "default_project"),
                                         domain_id)
        password = self.secret(entry["password"], (*path, "password")) \
            if "password" in entry else None
        api_key = self.secret(entry["api_key"], (*path, "api_key")) \
            if "api_key" in entry else None
        body = {k: entry[k] for k in ("name", "enabled", "email", "description") if k in entry}
        ks.validate_body(ks.USER_CREATE, {"user": body})  # the password is checked above
        self.identity.create_user(entry["name"], password=password, api_key=api_key,
                                  domain_id=domain_id, default_project_id=project_id,
                                  enabled=entry.get("enabled", True), email=entry.get("email"),
                                  description=entry.get("description"))

    def groups(self, entry: dict[str, Any], path: Path) -> None:
        """A group and its members (users named in the group's domain)."""
        from stackdouble.fakes.identity import schema as ks

        domain_id = self.domain_id(entry.get("domain"), (*path, "domain"))
        members = [self.user_id(ref, (*path, "members", i), domain_id)
                   for i, ref in enumerate(entry.get("members", ()))]
        body = {k: entry[k] for k in ("name", "description") if k in entry}
        ks.validate_body(ks.GROUP_CREATE, {"group": body})
        group = self.identity.create_group(entry["name"], domain_id=domain_id,
                                           description=entry.get("description"))
        for user_id in members:
            self.identity.add_user_to_group(user_id, group.id)

    def role_assignments(self, entry: dict[str, Any], path: Path) -> None:
        """A grant: a role to a user or group on a project, a domain or the system
        (`inherited`: OS-INHERIT's, on the projects below)."""
        actors = [k for k in ("user", "group") if k in entry]
        targets = [k for k in ("project", "domain", "system") if k in entry]
        if len(actors) != 1:
            raise self.fail("give one of user and group", path)
        if len(targets) != 1:
            raise self.fail("give one of project, domain and system", path)
        role_id = self.role_id(entry["role"], (*path, "role"))
        actor, target = actors[0], targets[0]
        kwargs: dict[str, Any] = {}
        if actor == "user":
            kwargs["user"] = self.user_id(entry["user"], (*path, "user"))
        else:
            kwargs["group"] = self.group_id(entry["group"], (*path, "group"))
        if target == "project":
            kwargs["project"] = self.project_id(entry["project"], (*path, "project"))
        elif target == "domain":
            kwargs["domain"] = self.domain_id(entry["domain"], (*path, "domain"))
        else:
            kwargs["system"] = True
        if entry.get("inherited") and target == "system":
            raise self.fail("system grants are never inherited", (*path, "inherited"))
        self.identity.grant_role(role_id, inherited=bool(entry.get("inherited")), **kwargs)

    # -- Swift ----------------------------------------------------------------------------

    def tempauth(self, entry: dict[str, Any], path: Path) -> None:
        """A tempauth user (`user_<account>_<user> = <key> [groups]`)."""
        tempauth = self.cloud.object_storage.tempauth
        name = f"{entry['account']}:{entry['user']}"
        if any(f"{e['account']}:{e['user']}" == name
               for e in self.doc.data["tempauth"][:path[1]]):
            raise self.fail(f"the tempauth user {name!r} is declared twice", path)
        project = self.project_id(entry["project"], (*path, "project")) \
            if "project" in entry else None
        tempauth.add_user(entry["account"], entry["user"],
                          self.secret(entry["key"], (*path, "key")),
                          admin=entry.get("admin", False),
                          reseller_admin=entry.get("reseller_admin", False),
                          groups=entry.get("groups", ()), project=project)

    def containers(self, entry: dict[str, Any], path: Path) -> None:
        """A container and its objects, in a project's account (or a named `account`)."""
        from stackdouble.fakes.objectstorage.models.accounts import reseller_prefix_of

        storage = self.cloud.object_storage
        if "account" in entry and "project" in entry:
            raise self.fail("give one of project and account", (*path, "account"),
                            at_key=True)
        if "account" in entry:
            owner = entry["account"]
            if reseller_prefix_of(owner) is None:
                raise self.fail(f"{owner!r} is not an account name (AUTH_...)",
                                (*path, "account"))
        else:
            owner = self.entry_project(entry, path)
        name = entry["name"]
        if "/" in name or len(name.encode("utf-8")) > storage.constraints.max_container_name_length:
            raise self.fail(f"{name!r} is not a container name (no '/', at most "
                            f"{storage.constraints.max_container_name_length} bytes)",
                            (*path, "name"))
        storage.create_container(owner, name, policy=entry.get("policy"),
                                 metadata=entry.get("metadata"),
                                 read_acl=entry.get("read_acl"),
                                 write_acl=entry.get("write_acl"))
        for index, obj in enumerate(entry.get("objects", ())):
            where: Path = (*path, "objects", index)
            with self.at(where):
                data = self.data(obj, where) or b""
                storage.put_object(owner, name, obj["name"], data,
                                   content_type=obj.get("content_type",
                                                        "application/octet-stream"),
                                   metadata=obj.get("metadata"))

    # -- Nova -----------------------------------------------------------------------------

    def flavors(self, entry: dict[str, Any], path: Path) -> None:
        """A flavor, as an admin's `POST /flavors` (an id is made unless given)."""
        from stackdouble.fakes.compute import schema as nova
        from stackdouble.fakes.compute.views import MAX_VERSION

        body: dict[str, Any] = {"name": entry["name"], "ram": entry["ram"],
                                "vcpus": entry["vcpus"], "disk": entry["disk"]}
        for key, api in (("id", "id"), ("ephemeral", "OS-FLV-EXT-DATA:ephemeral"),
                         ("swap", "swap"), ("rxtx_factor", "rxtx_factor"),
                         ("is_public", "os-flavor-access:is_public"),
                         ("description", "description")):
            if key in entry:
                body[api] = entry[key]
        nova.check_body(nova.flavor_create_schema(MAX_VERSION), {"flavor": body})
        compute = self.cloud.compute
        compute.add_flavor(str(entry.get("id") or self.cloud.ids.uuid()), entry["name"].strip(),
                           ram=entry["ram"], vcpus=entry["vcpus"], disk=entry["disk"],
                           ephemeral=entry.get("ephemeral", 0), swap=entry.get("swap", 0),
                           rxtx_factor=float(entry.get("rxtx_factor", 1.0)),
                           is_public=entry.get("is_public", True),
                           description=entry.get("description"))

    def quotas(self, entry: dict[str, Any], path: Path) -> None:
        """A project's quota limits in Nova, Cinder and Neutron (-1: unlimited)."""
        from stackdouble.fakes.networking.models import DEFAULT_QUOTAS as NEUTRON_QUOTAS

        project_id = self.project_id(entry["project"], (*path, "project"))
        if "compute" in entry:
            with self.at((*path, "compute")):
                self.cloud.compute.set_quota(project_id, **entry["compute"])
        if "block_storage" in entry:
            with self.at((*path, "block_storage")):
                self.cloud.block_storage.update_quota(project_id, entry["block_storage"])
        if "networking" in entry:
            limits = entry["networking"]
            for name in limits:
                if name not in NEUTRON_QUOTAS:
                    raise self.fail(f"unknown quota {name!r}; known: {sorted(NEUTRON_QUOTAS)}",
                                    (*path, "networking", name), at_key=True)
            with self.at((*path, "networking")):
                self.cloud.networking.update_quota(self.admin_of(project_id), project_id,
                                                   limits)

    def keypairs(self, entry: dict[str, Any], path: Path) -> None:
        """A user's keypair (default user `demo`), as `POST /os-keypairs` imports one."""
        from stackdouble.fakes.compute import schema as nova
        from stackdouble.fakes.compute.views import MAX_VERSION

        user_id = self.user_id(entry.get("user", "demo"), (*path, "user"))
        key_type = entry.get("type", "ssh")
        nova.check_body(nova.keypair_create_schema(MAX_VERSION), {"keypair": {
            "name": entry["name"], "public_key": entry["public_key"], "type": key_type}})
        self.cloud.compute.create_keypair(user_id, entry["name"],
                                          public_key=entry["public_key"], key_type=key_type)

    def servers(self, entry: dict[str, Any], path: Path) -> None:
        """A server, as `POST /servers` makes it (ACTIVE once its build time has passed)."""
        from stackdouble.fakes.compute import schema as nova
        from stackdouble.fakes.compute.views import MAX_VERSION

        compute = self.cloud.compute
        project_id = self.entry_project(entry, path)
        user_id = self.user_id(entry["user"], (*path, "user")) if "user" in entry else None
        flavor = entry["flavor"]
        flavor_id = flavor if flavor in compute.flavors else next(
            (f.id for f in compute.flavors.values() if f.name == flavor), None)
        if flavor_id is None:
            raise self.fail(f"{flavor!r} is not a flavor in this file or the cloud",
                            (*path, "flavor"))
        image_id = None
        if "image" in entry:
            image_id = self.image_id(entry["image"], project_id, (*path, "image"))
        networks: Any = None
        body_networks: Any = "auto"
        if "networks" in entry:
            given = entry["networks"]
            if isinstance(given, str):
                networks = body_networks = given
            else:
                networks = [self.network_id(n, project_id, (*path, "networks", i))
                            for i, n in enumerate(given)]
                body_networks = [{"uuid": n} for n in networks]
        body: dict[str, Any] = {"name": entry["name"], "flavorRef": flavor_id,
                                "networks": body_networks}
        if image_id:
            body["imageRef"] = image_id
        for key in ("metadata", "description", "key_name"):
            if key in entry:
                body[key] = entry[key]
        if "security_groups" in entry:
            body["security_groups"] = [{"name": g} for g in entry["security_groups"]]
        nova.check_body(nova.create_server_schema(MAX_VERSION), {"server": body})
        compute.create_server(project_id, name=entry["name"].strip(), flavor_id=flavor_id,
                              image_id=image_id, user_id=user_id,
                              key_name=entry.get("key_name"),
                              security_groups=entry.get("security_groups", ()),
                              metadata=entry.get("metadata"), networks=networks,
                              description=entry.get("description"))

    def image_id(self, ref: str, project_id: str, path: Path) -> str:
        """An image the project may use, by id or unique name."""
        image = self.cloud.image
        if ref in image.images:
            return ref
        caller = self.admin_of(project_id)
        found = image.images_named(caller, ref)
        if not found:
            raise self.fail(f"{ref!r} is not an image in this file or the cloud", path)
        if len(found) > 1:
            raise self.fail(f"{len(found)} images are called {ref!r}; name one by id", path)
        return found[0].id

    def network_id(self, ref: str, project_id: str, path: Path) -> str:
        """A network the project may use (its own, or shared or external), by name or id."""
        networking = self.cloud.networking
        if ref in networking.networks:
            return ref
        found = [n.id for n in networking.networks.values() if n.name == ref
                 and (n.project_id == project_id or n.shared or n.external)]
        if not found:
            raise self.fail(f"{ref!r} is not a network of this project in this file or the "
                            "cloud", path)
        if len(found) > 1:
            raise self.fail(f"{len(found)} networks are called {ref!r}; name one by id", path)
        return found[0]

    # -- Glance, Cinder, Neutron ----------------------------------------------------------

    def images(self, entry: dict[str, Any], path: Path) -> None:
        """An image owned by a project (default admin), `queued`, or `active` once its data
        (`data`, `data_base64` or `file`) is uploaded."""
        from stackdouble.fakes.image import schema as glance

        model = self.cloud.image
        owner = self.entry_project(entry, path, default="admin")
        body: dict[str, Any] = {k: entry[k] for k in (
            "name", "visibility", "disk_format", "container_format", "min_disk", "min_ram",
            "protected", "tags") if k in entry}
        for key, value in entry.get("properties", {}).items():
            if key in body or key in ("data", "data_base64", "file"):
                raise self.fail(f"the property {key!r} is an image attribute",
                                (*path, "properties", key), at_key=True)
            body[key] = value
        parsed = glance.parse_create(body)
        caller = self.admin_of(owner)
        data = self.data(entry, path)
        args = {k: v for k, v in parsed.base.items() if k in (
            "name", "visibility", "protected", "min_disk", "min_ram", "disk_format",
            "container_format")}
        image = model.create_image(caller, properties=parsed.properties, tags=parsed.tags,
                                   owner=owner, **args)
        if data is not None:
            model.upload(caller, image.id, data, size=len(data))

    def volumes(self, entry: dict[str, Any], path: Path) -> None:
        """A volume, as `POST /volumes` makes it (available once its create time passed)."""
        from stackdouble.fakes.blockstorage import schema as cinder
        from stackdouble.fakes.blockstorage.views import MAX_VERSION

        project_id = self.entry_project(entry, path)
        body: dict[str, Any] = {k: entry[k] for k in (
            "name", "size", "description", "volume_type", "metadata") if k in entry}
        cinder.check_body(cinder.volume_create_schema(MAX_VERSION), {"volume": body})
        storage = self.cloud.block_storage
        caller = storage.caller_for(project_id)
        storage.create_volume(caller, **cinder.volume_create_args(body))

    def snapshots(self, entry: dict[str, Any], path: Path) -> None:
        """A snapshot of a volume of the project (by name), as `POST /snapshots` makes it."""
        from stackdouble.fakes.blockstorage import schema as cinder
        from stackdouble.fakes.blockstorage.views import MAX_VERSION

        project_id = self.entry_project(entry, path)
        storage = self.cloud.block_storage
        named = [v for v in storage.volumes.values() if v.name == entry["volume"]
                 and v.project_id == project_id and v.status not in ("deleting", "deleted")]
        if len(named) != 1:
            raise self.fail(f"{entry['volume']!r} is "
                            + ("not a volume" if not named else "the name of several volumes")
                            + " of this project", (*path, "volume"))
        body: dict[str, Any] = {k: entry[k] for k in ("name", "description", "metadata")
                                if k in entry}
        body["volume_id"] = named[0].id
        cinder.check_body(cinder.SNAPSHOT_CREATE, {"snapshot": body})
        storage.create_snapshot(storage.caller_for(project_id), named[0].id,
                                **cinder.snapshot_create_args(body, MAX_VERSION))

    def security_groups(self, entry: dict[str, Any], path: Path) -> None:
        """A security group of a project with its rules (`default`: the project's own group,
        given more rules); a rule's `remote_group` names a group of the same project, here
        or further down the section."""
        from stackdouble.fakes.networking import schema as neutron

        model = self.cloud.networking
        project_id = self.entry_project(entry, path)
        caller = self.admin_of(project_id)
        group_id = self.early_groups.pop((project_id, entry["name"]), None)
        if group_id is None:
            group_id = self._make_group(entry, project_id)
        for index, rule in enumerate(entry.get("rules", ())):
            where: Path = (*path, "rules", index)
            with self.at(where):
                wanted = {k: v for k, v in rule.items() if k != "remote_group"}
                wanted["security_group_id"] = group_id
                if "protocol" in wanted:
                    wanted["protocol"] = str(wanted["protocol"])
                if "remote_group" in rule:
                    wanted["remote_group_id"] = self.security_group_id(
                        rule["remote_group"], project_id, (*where, "remote_group"))
                values = neutron.parse_rule(neutron.parse_body(
                    {"security_group_rule": wanted}, "security_group_rule", create=True))
                values.pop("project_id", None)
                model.create_security_group_rule(caller, values)

    def _make_group(self, entry: Mapping[str, Any], project_id: str) -> str:
        """The group an entry declares (the project's `default` one, updated), without its
        rules; its id."""
        from stackdouble.fakes.networking import schema as neutron

        model = self.cloud.networking
        caller = self.admin_of(project_id)
        given = {k: entry[k] for k in ("name", "description", "stateful") if k in entry}
        if entry["name"] == "default":
            group = model.ensure_default_group(project_id)
            given.pop("name")
            if given:
                values = neutron.parse_body({"security_group": given}, "security_group",
                                            create=False)
                model.update_security_group(caller, group.id, values)
            return group.id
        values = neutron.parse_body({"security_group": given}, "security_group", create=True)
        values.pop("project_id", None)
        return model.create_security_group(caller, project_id, values).id

    def security_group_id(self, name: str, project_id: str, path: Path) -> str:
        """A security group of the project by name (or id); one the section declares
        further down is made now (its rules come with its entry)."""
        model = self.cloud.networking
        if name == "default":
            return model.ensure_default_group(project_id).id
        found = [g.id for g in model.security_groups.values()
                 if g.project_id == project_id and name in (g.name, g.id)]
        if not found:
            for index, later in enumerate(self.doc.data.get("security_groups", ())):
                if later["name"] == name and self.entry_project(
                        later, ("security_groups", index)) == project_id:
                    made = self._make_group(later, project_id)
                    self.early_groups[(project_id, name)] = made
                    return made
        if len(found) != 1:
            raise self.fail(f"{name!r} is "
                            + ("not a security group" if not found else "the name of several "
                               "security groups") + " of this project", path)
        return found[0]

    def routers(self, entry: dict[str, Any], path: Path) -> None:
        """A router of a project: its gateway on an external network (by name), and an
        interface on each named subnet the project may use."""
        from stackdouble.fakes.networking import schema as neutron

        model = self.cloud.networking
        project_id = self.entry_project(entry, path)
        caller = self.admin_of(project_id)
        given: dict[str, Any] = {k: entry[k] for k in (
            "name", "description", "admin_state_up") if k in entry}
        if "external_network" in entry:
            name = entry["external_network"]
            external = [n.id for n in model.networks.values()
                        if n.external and name in (n.name, n.id)]
            if len(external) != 1:
                raise self.fail(f"{name!r} is not an external network of the cloud",
                                (*path, "external_network"))
            given["external_gateway_info"] = {"network_id": external[0]}
        values = neutron.parse_body({"router": given}, "router", create=True)
        values.pop("project_id", None)
        router = model.create_router(caller, project_id, values)
        for index, subnet_name in enumerate(entry.get("interfaces", ())):
            where: Path = (*path, "interfaces", index)
            subnets = [s.id for s in model.subnets.values() if subnet_name in (s.name, s.id)
                       and (s.project_id == project_id
                            or model.networks[s.network_id].shared)]
            if len(subnets) != 1:
                raise self.fail(f"{subnet_name!r} is "
                                + ("not a subnet" if not subnets else "the name of several "
                                   "subnets") + " this project may use", where)
            with self.at(where):
                model.add_router_interface(caller, router.id, {"subnet_id": subnets[0]})

    def networks(self, entry: dict[str, Any], path: Path) -> None:
        """A network of a project, and its subnets."""
        from stackdouble.fakes.networking import schema as neutron
        from stackdouble.fakes.networking.errors import InvalidInput

        model = self.cloud.networking
        project_id = self.entry_project(entry, path)
        caller = self.admin_of(project_id)
        given: dict[str, Any] = {k: entry[k] for k in (
            "name", "description", "shared", "admin_state_up", "mtu") if k in entry}
        values = neutron.parse_body({"network": given}, "network", create=True)
        values.pop("project_id", None)
        network = model.create_network(caller, project_id, values)
        for index, subnet in enumerate(entry.get("subnets", ())):
            where: Path = (*path, "subnets", index)
            with self.at(where):
                wanted = dict(subnet)
                try:
                    net = ipaddress.ip_network(wanted["cidr"], strict=False)
                except ValueError:
                    raise self.fail(f"{wanted['cidr']!r} is not a CIDR",
                                    (*where, "cidr")) from None
                wanted.setdefault("ip_version", net.version)
                wanted["network_id"] = network.id
                if "allocation_pools" in wanted:
                    wanted["allocation_pools"] = [dict(p) for p in wanted["allocation_pools"]]
                values = neutron.parse_body({"subnet": wanted}, "subnet", create=True)
                if net.version != values["ip_version"]:
                    raise InvalidInput(error_message=f"Cidr {wanted['cidr']} does not match "
                                                     f"ip_version {values['ip_version']}")
                values["cidr"] = str(net)
                values.pop("project_id", None)
                model.create_subnet(caller, project_id, values)
