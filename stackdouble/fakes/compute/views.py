"""Nova's JSON, built as `nova/api/openstack/compute/views/` builds it, per microversion.

Links follow `common.ViewBuilder`: `self` under the versioned endpoint
(`{base}/compute/v2.1/servers/<id>`), `bookmark` under the unversioned one
(`{base}/compute/servers/<id>`), and a collection's `next` link is the endpoint, the
collection, and the request's query sorted with `marker` set to the last item.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from stackdouble.fakes.compute.models import (
    Aggregate,
    ComputeHost,
    Flavor,
    HostResource,
    InstanceAction,
    KeyPair,
    Migration,
    NovaService,
    Server,
    ServerGroup,
    TenantUsage,
    host_id,
    iso_time,
)
from stackdouble.fakes.compute.states import BUILDING
from stackdouble.fakes.links import (
    ImageInfo,
    SecurityGroupInfo,
    SecurityGroupRuleInfo,
    Vif,
    VolumeMapping,
)
from stackdouble.fakes.timestamps import format_primitive, from_timestamp

__all__ = [
    "MAX_VERSION",
    "MIN_VERSION",
    "ViewContext",
    "aggregate",
    "availability_zone_info",
    "collection_links",
    "flavor",
    "flavor_list",
    "host_uptime",
    "hypervisor",
    "image",
    "image_list",
    "instance_action",
    "interface_attachment",
    "keypair",
    "keypair_list",
    "limits",
    "migration",
    "quota_hidden",
    "quota_set",
    "security_group",
    "security_group_rule",
    "server_created",
    "server_detail",
    "server_group",
    "server_list",
    "server_migration",
    "server_simple",
    "service",
    "tenant_usage",
    "version_v20",
    "version_v21",
    "versions",
    "volume_attachment",
]

#: The microversions this fake serves (Nova 2024.1 "Caracal" went up to 2.96).
MIN_VERSION = (2, 1)
MAX_VERSION = (2, 96)

_PROGRESS = frozenset({"ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING"})


@dataclass(frozen=True, slots=True)
class ViewContext:
    """What a view needs from the request.

    Attributes:
        endpoint: The versioned endpoint, `{base}/compute/v2.1`.
        bookmark: The unversioned one, `{base}/compute`.
        version: The request's microversion.
        is_admin: Whether admin-only attributes show (Nova's policies default to admin).
        query: The request's query pairs, for next links.
    """

    endpoint: str
    bookmark: str
    version: tuple[int, int]
    is_admin: bool = False
    query: tuple[tuple[str, str], ...] = ()

    def at_least(self, major: int, minor: int) -> bool:
        """Whether the request's microversion is `major.minor` or later."""
        return self.version >= (major, minor)


def _links(ctx: ViewContext, collection: str, ident: str) -> list[dict[str, str]]:
    return [{"rel": "self", "href": f"{ctx.endpoint}/{collection}/{ident}"},
            {"rel": "bookmark", "href": f"{ctx.bookmark}/{collection}/{ident}"}]


def collection_links(ctx: ViewContext, collection: str, items: Sequence[Any], limit: int,
                     last_id: str) -> list[dict[str, str]]:
    """`_get_collection_links`: a `next` link iff the page is full.

    `limit` is `min(limit param or max_limit, max_limit)`; the link's query is the
    request's, sorted (the last value wins for a repeated key), with `marker` replaced.
    """
    if not limit or limit != len(items):
        return []
    params: OrderedDict[str, str] = OrderedDict(sorted(ctx.query))
    params["marker"] = last_id
    return [{"rel": "next", "href": f"{ctx.endpoint}/{collection}?{urlencode(params)}"}]


# -- versions (nova/api/openstack/compute/versions.py) -------------------------------------


def _version(ident: str, status: str, version: str, min_version: str, updated: str,
             href: str) -> dict[str, Any]:
    return {"id": ident, "status": status, "version": version, "min_version": min_version,
            "updated": updated,
            "links": [{"rel": "self", "href": href},
                      {"rel": "describedby", "type": "text/html",
                       "href": "http://docs.openstack.org/"}],
            "media-types": [{"base": "application/json",
                             "type": "application/vnd.openstack.compute+json;version="
                                     + ("2" if ident == "v2.0" else "2.1")}]}


def version_v20(root: str) -> dict[str, Any]:
    """The v2.0 document (legacy, no microversions)."""
    return _version("v2.0", "SUPPORTED", "", "", "2011-01-21T11:33:21Z", f"{root}/v2/")


def version_v21(root: str) -> dict[str, Any]:
    """The v2.1 document, with the microversion range."""
    return _version("v2.1", "CURRENT", f"{MAX_VERSION[0]}.{MAX_VERSION[1]}",
                    f"{MIN_VERSION[0]}.{MIN_VERSION[1]}", "2013-07-23T11:33:21Z",
                    f"{root}/v2.1/")


def versions(root: str) -> dict[str, Any]:
    """`GET /`: every version, each with only its self link (`build_versions`)."""
    out = []
    for doc in (version_v20(root), version_v21(root)):
        out.append({"id": doc["id"], "status": doc["status"], "version": doc["version"],
                    "min_version": doc["min_version"], "updated": doc["updated"],
                    "links": [doc["links"][0]]})
    return {"versions": out}


# -- servers (views/servers.py) --------------------------------------------------------------


def server_created(ctx: ViewContext, server: Server, security_groups: Any,
                   admin_pass: str | None) -> dict[str, Any]:
    """The 202 answer to `POST /servers`: id, links, disk config, security groups and the
    admin password (`ViewBuilder.create`; None: `enable_instance_password` is off)."""
    out = {"id": server.uuid, "links": _links(ctx, "servers", server.uuid),
           "OS-DCF:diskConfig": "AUTO" if server.auto_disk_config else "MANUAL",
           "security_groups": security_groups}
    if admin_pass is not None:
        out["adminPass"] = admin_pass
    return out


def server_list(ctx: ViewContext, servers: Sequence[Server], *, detail: bool, limit: int,
                volumes: Callable[[str], Sequence[VolumeMapping]],
                security_groups: Callable[[Server], Sequence[str]] = lambda s: ()
                ) -> dict[str, Any]:
    """`GET /servers[/detail]`'s body: the page, and `servers_links` when it is full.

    Args:
        ctx: The request's view context.
        servers: The page.
        detail: Every attribute (`/servers/detail`) or ids, names and links.
        limit: The page size asked for (capped at `max_limit`).
        volumes: The volumes attached to a server, by its id (the cloud's `volumes` link).
        security_groups: A server's security group names.
    """
    if detail:
        items = [server_detail(ctx, s, volumes=volumes(s.uuid),
                               security_groups=security_groups(s) if s.vifs else ())
                 for s in servers]
    else:
        items = [server_simple(ctx, s) for s in servers]
    body: dict[str, Any] = {"servers": items}
    if servers:
        links = collection_links(ctx, "servers/detail" if detail else "servers", servers,
                                 limit, servers[-1].uuid)
        if links:
            body["servers_links"] = links
    return body


def server_simple(ctx: ViewContext, server: Server) -> dict[str, Any]:
    """One item of `GET /servers`: id, name, links."""
    return {"id": server.uuid, "name": server.name,
            "links": _links(ctx, "servers", server.uuid)}


def _addresses(server: Server, extended: bool) -> dict[str, list[dict[str, Any]]]:
    """`get_networks_for_instance` and `views/ips.py`: by network name, in port order, each
    network's fixed addresses, then its floating ones; nothing while BUILDING."""
    vifs = server.vifs
    if not vifs or server.vm_state == BUILDING:
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    floating = False
    for vif in vifs:
        ips = out.get(vif.network_name)
        if ips is None:
            ips = out[vif.network_name] = []
        mac = vif.mac_address
        if extended:
            ips.extend([{"version": ip.version, "addr": ip.address, "OS-EXT-IPS:type": "fixed",
                         "OS-EXT-IPS-MAC:mac_addr": mac} for ip in vif.fixed_ips])
        else:
            ips.extend([{"version": ip.version, "addr": ip.address} for ip in vif.fixed_ips])
        floating = floating or bool(vif.floating_ips)
    if floating:  # after every fixed address of the network, as Nova chains them
        for vif in vifs:
            for fip in vif.floating_ips:
                item: dict[str, Any] = {"version": 6 if ":" in fip.address else 4,
                                        "addr": fip.address}
                if extended:
                    item["OS-EXT-IPS:type"] = "floating"
                    item["OS-EXT-IPS-MAC:mac_addr"] = vif.mac_address
                out[vif.network_name].append(item)
    return out


def addresses(server: Server) -> dict[str, list[dict[str, Any]]]:
    """`GET /servers/{id}/ips`: addresses without the extended attributes."""
    return _addresses(server, False)


def _flavor_of(ctx: ViewContext, server: Server) -> dict[str, Any]:
    flv = server.flavor
    if ctx.at_least(2, 47):
        return {"vcpus": flv.vcpus, "ram": flv.ram, "disk": flv.disk,
                "ephemeral": flv.ephemeral, "swap": flv.swap, "original_name": flv.name,
                "extra_specs": dict(flv.extra_specs)}
    return {"id": flv.id, "links": [{"rel": "bookmark",
                                     "href": f"{ctx.bookmark}/flavors/{flv.id}"}]}


def _image_of(ctx: ViewContext, server: Server) -> Any:
    if not server.image_ref:
        return ""
    return {"id": server.image_ref,
            "links": [{"rel": "bookmark", "href": f"{ctx.bookmark}/images/{server.image_ref}"}]}


def server_detail(ctx: ViewContext, server: Server, *, volumes: Sequence[VolumeMapping] = (),
                  security_groups: Sequence[str] = (), show_server_groups: bool = False,
                  full: bool = True, show_keypair: bool | None = None) -> dict[str, Any]:
    """A server as `GET /servers/{id}` and `/servers/detail` show it (`ViewBuilder.show`).

    Args:
        ctx: The request's view context.
        server: A settled server.
        volumes: Its attached volumes.
        security_groups: Its ports' groups' names (`_add_security_grps`; none: no key).
        show_server_groups: Add `server_groups` (show, from 2.71; not in listings).
        full: False for the short form PUT and rebuild answer before 2.75.
        show_keypair: Whether `key_name` shows (default: with `full`).
    """
    status = server.status
    out: dict[str, Any] = {
        "accessIPv4": server.access_ipv4,
        "accessIPv6": server.access_ipv6,
        "addresses": _addresses(server, full),
        "created": iso_time(server.created_at),
        "flavor": _flavor_of(ctx, server),
        "hostId": host_id(server),
        "id": server.uuid,
        "image": _image_of(ctx, server),
        "links": _links(ctx, "servers", server.uuid),
        "metadata": dict(server.metadata),
        "name": server.name,
        "status": status,
        "tenant_id": server.project_id,
        "user_id": server.user_id,
        "updated": iso_time(server.updated_at),
        "OS-DCF:diskConfig": "AUTO" if server.auto_disk_config else "MANUAL",
    }
    if status in ("ERROR", "DELETED") and server.fault is not None:
        fault: dict[str, Any] = {"code": server.fault.code,
                                 "created": iso_time(server.fault.created_at),
                                 "message": server.fault.message}
        if server.fault.details and (ctx.is_admin or server.fault.code != 500):
            fault["details"] = server.fault.details
        out["fault"] = fault
    if status in _PROGRESS:
        out["progress"] = server.progress
    if full:
        out["OS-EXT-AZ:availability_zone"] = server.availability_zone or ""
        out["config_drive"] = server.config_drive
    if full if show_keypair is None else show_keypair:
        out["key_name"] = server.key_name
    if full:
        out["OS-SRV-USG:launched_at"] = format_primitive(server.launched_at)
        out["OS-SRV-USG:terminated_at"] = format_primitive(server.terminated_at)
        if security_groups:
            out["security_groups"] = [{"name": name} for name in security_groups]
    if full and ctx.is_admin:
        out["OS-EXT-SRV-ATTR:host"] = server.host
        out["OS-EXT-SRV-ATTR:instance_name"] = f"instance-{server.row:08x}"
        out["OS-EXT-SRV-ATTR:hypervisor_hostname"] = server.host
        if ctx.at_least(2, 3):
            out["OS-EXT-SRV-ATTR:hostname"] = server.hostname
            out["OS-EXT-SRV-ATTR:kernel_id"] = ""
            out["OS-EXT-SRV-ATTR:launch_index"] = server.launch_index
            out["OS-EXT-SRV-ATTR:ramdisk_id"] = ""
            out["OS-EXT-SRV-ATTR:reservation_id"] = server.reservation_id
            out["OS-EXT-SRV-ATTR:root_device_name"] = "/dev/vda"
            out["OS-EXT-SRV-ATTR:user_data"] = server.user_data
    if full:
        out["OS-EXT-STS:task_state"] = server.task_state
        out["OS-EXT-STS:vm_state"] = server.vm_state
        out["OS-EXT-STS:power_state"] = server.power_state
        attached = []
        for volume in volumes:
            item: dict[str, Any] = {"id": volume.volume_id}
            if ctx.at_least(2, 3):
                item["delete_on_termination"] = volume.delete_on_termination
            attached.append(item)
        out["os-extended-volumes:volumes_attached"] = attached
    if ctx.at_least(2, 9):
        out["locked"] = server.locked_by is not None
    if ctx.at_least(2, 16) and ctx.is_admin and full:
        out["host_status"] = "UP" if server.host else ""  # HostStatus.NONE without a host
    if ctx.at_least(2, 19):
        out["description"] = server.description
    if ctx.at_least(2, 26):
        out["tags"] = list(server.tags)
    if ctx.at_least(2, 63):
        out["trusted_image_certificates"] = None
    if show_server_groups:
        out["server_groups"] = []
    if ctx.at_least(2, 73):
        out["locked_reason"] = server.locked_reason
    if ctx.at_least(2, 90) and not (full and ctx.is_admin):
        out["OS-EXT-SRV-ATTR:hostname"] = server.hostname
    if full and ctx.at_least(2, 96):
        out["pinned_availability_zone"] = server.pinned_az
    return out


# -- flavors (views/flavors.py) ----------------------------------------------------------------


def flavor(ctx: ViewContext, flv: Flavor, *, brief: bool = False) -> dict[str, Any]:
    """A flavor as `GET /flavors/{id}` (or, `brief`, as `GET /flavors` lists it)."""
    if brief:
        out: dict[str, Any] = {"id": flv.id, "name": flv.name,
                               "links": _links(ctx, "flavors", flv.id)}
        if ctx.at_least(2, 55):
            out["description"] = flv.description
        return out
    out = {"id": flv.id, "name": flv.name, "ram": flv.ram, "disk": flv.disk,
           "swap": flv.swap or "", "OS-FLV-EXT-DATA:ephemeral": flv.ephemeral,
           "OS-FLV-DISABLED:disabled": flv.disabled, "vcpus": flv.vcpus,
           "os-flavor-access:is_public": flv.is_public, "rxtx_factor": flv.rxtx_factor or "",
           "links": _links(ctx, "flavors", flv.id)}
    if ctx.at_least(2, 55):
        out["description"] = flv.description
    if ctx.at_least(2, 61):
        out["extra_specs"] = dict(flv.extra_specs)
    if ctx.at_least(2, 75):
        out["swap"] = flv.swap or 0
    return out


# -- images (views/images.py) ------------------------------------------------------------------

#: Glance's statuses as Nova shows them (`ViewBuilder._get_status`); any other: UNKNOWN.
_IMAGE_STATUS = {"active": "ACTIVE", "queued": "SAVING", "saving": "SAVING",
                 "deleted": "DELETED", "pending_delete": "DELETED", "killed": "ERROR"}
#: `ViewBuilder._get_progress`, from Glance's status.
_IMAGE_PROGRESS = {"queued": 25, "saving": 50, "active": 100}


def flavor_list(ctx: ViewContext, flavors: Sequence[Flavor], *, detail: bool,
                limit: int) -> dict[str, Any]:
    """`GET /flavors[/detail]`'s body: the page, and `flavors_links` when it is full."""
    body: dict[str, Any] = {"flavors": [flavor(ctx, f, brief=not detail) for f in flavors]}
    if flavors:
        links = collection_links(ctx, "flavors/detail" if detail else "flavors", flavors,
                                 limit, flavors[-1].id)
        if links:
            body["flavors_links"] = links
    return body


def image(ctx: ViewContext, img: ImageInfo, *, brief: bool = False,
          glance: str = "") -> dict[str, Any]:
    """A Glance image as Nova's image proxy shows it (`views/images.py`)."""
    links = [*_links(ctx, "images", img.id),
             {"rel": "alternate", "type": "application/vnd.openstack.image",
              "href": f"{glance}/images/{img.id}"}]
    if brief:
        return {"id": img.id, "name": img.name, "links": links}
    status = _IMAGE_STATUS.get(img.status, "UNKNOWN")
    out: dict[str, Any] = {
        "id": img.id, "name": img.name, "minRam": img.min_ram, "minDisk": img.min_disk,
        "metadata": dict(img.properties),
        "created": iso_time(img.created_at) if img.created_at is not None else None,
        "updated": iso_time(img.updated_at) if img.updated_at is not None else None,
        "status": status, "progress": _IMAGE_PROGRESS.get(img.status, 0),
        "OS-EXT-IMG-SIZE:size": img.size, "links": links,
    }
    server_id = img.properties.get("instance_uuid")
    if server_id is not None:
        out["server"] = {"id": server_id, "links": _links(ctx, "servers", server_id)}
    auto = img.properties.get("auto_disk_config")
    if auto is not None:
        out["OS-DCF:diskConfig"] = "AUTO" if str(auto).lower() in ("1", "t", "true", "on",
                                                                     "y", "yes") else "MANUAL"
    return out


# -- keypairs (views/keypairs.py) --------------------------------------------------------------


def image_list(ctx: ViewContext, images: Sequence[ImageInfo], *, detail: bool, limit: int,
               glance: str) -> dict[str, Any]:
    """`GET /images[/detail]`'s body: the page, and `images_links` when it is full."""
    body: dict[str, Any] = {"images": [image(ctx, i, brief=not detail, glance=glance)
                                       for i in images]}
    if images:
        links = collection_links(ctx, "images/detail" if detail else "images", images,
                                 limit, images[-1].id)
        if links:
            body["images_links"] = links
    return body


def keypair(ctx: ViewContext, kp: KeyPair, *, kind: str,
            private_key: str | None = None) -> dict[str, Any]:
    """A keypair: `kind` is `index`, `create` or `show` (each has its own fields)."""
    out: dict[str, Any] = {}
    if kind == "create" and private_key is not None:
        out["private_key"] = private_key
    if kind == "create" and ctx.at_least(2, 2):
        out["type"] = kp.type
    out.update({"name": kp.name, "public_key": kp.public_key, "fingerprint": kp.fingerprint})
    if kind in ("create", "show"):
        out["user_id"] = kp.user_id
    if kind == "show":
        out.update({"created_at": format_primitive(kp.created_at), "deleted": False,
                    "deleted_at": None, "id": kp.row, "updated_at": None})
    if kind != "create" and ctx.at_least(2, 2):
        out["type"] = kp.type
    return out


def keypair_list(ctx: ViewContext, keypairs: Sequence[KeyPair], *,
                 limit: int | None) -> dict[str, Any]:
    """`GET /os-keypairs`'s body; `keypairs_links` when paged (2.35+) and the page is full."""
    body: dict[str, Any] = {"keypairs": [{"keypair": keypair(ctx, k, kind="index")}
                                         for k in keypairs]}
    if limit is not None and keypairs:
        links = collection_links(ctx, "os-keypairs", keypairs, limit, keypairs[-1].name)
        if links:
            body["keypairs_links"] = links
    return body


# -- availability zones (nova/api/openstack/compute/availability_zone.py) ------------------


def volume_attachment(m: VolumeMapping, version: tuple[int, int], *,
                      created: bool = False) -> dict[str, Any]:
    """`volume_attachments.py`: `_translate_attachment_detail_view`, or the answer to an
    attach (`created`: `device` always present; 2.89's keys never there)."""
    out: dict[str, Any] = {}
    new_ids = version >= (2, 89) and not created
    if not new_ids:
        out["id"] = m.volume_id
    if created:
        out["serverId"] = m.server_id
        out["volumeId"] = m.volume_id
        out["device"] = m.device
    else:
        out["volumeId"] = m.volume_id
        out["serverId"] = m.server_id
        if m.device:
            out["device"] = m.device
    if version >= (2, 70):
        out["tag"] = m.tag
    if version >= (2, 79):
        out["delete_on_termination"] = m.delete_on_termination
    if new_ids:
        out["attachment_id"] = m.attachment_id
        out["bdm_uuid"] = m.bdm_uuid
    return out


# -- interfaces (attach_interfaces.py) and security groups (security_groups.py) -------------


def interface_attachment(vif: Vif, version: tuple[int, int]) -> dict[str, Any]:
    """`_translate_interface_attachment_view`: the port, with its device `tag` from 2.70."""
    out: dict[str, Any] = {
        "net_id": vif.network_id, "port_id": vif.port_id, "mac_addr": vif.mac_address,
        "port_state": vif.status,
        "fixed_ips": [{"subnet_id": ip.subnet_id, "ip_address": ip.address}
                      for ip in vif.fixed_ips]}
    if version >= (2, 70):
        out["tag"] = vif.tag
    return out


#: A remote group's `{"name", "tenant_id"}`, or None when the caller cannot see it.
GroupLookup = Callable[[str], "dict[str, str] | None"]


def security_group(group: SecurityGroupInfo, lookup: GroupLookup) -> dict[str, Any]:
    """`_format_security_group`: the group and its ingress rules in Nova's terms (a rule
    whose remote group cannot be read is left out)."""
    rules = []
    for rule in group.rules:
        if rule.direction == "ingress":
            item = security_group_rule(rule, lookup)
            if item is not None:
                rules.append(item)
    return {"id": group.id, "description": group.description, "name": group.name,
            "tenant_id": group.project_id, "rules": rules}


def security_group_rule(rule: SecurityGroupRuleInfo,
                        lookup: GroupLookup) -> dict[str, Any] | None:
    """`_convert_to_nova_security_group_rule_format` then `_format_security_group_rule`
    (None: its remote group cannot be read)."""
    low, high = rule.port_range_min, rule.port_range_max
    if rule.protocol and low is None and high is None:
        low, high = (1, 65535) if rule.protocol.upper() in ("TCP", "UDP") else (-1, -1)
    out: dict[str, Any] = {"id": rule.id, "parent_group_id": rule.group_id,
                           "ip_protocol": rule.protocol, "from_port": low, "to_port": high,
                           "group": {}, "ip_range": {}}
    if rule.remote_group_id:
        found = lookup(rule.remote_group_id)
        if found is None:
            return None
        out["group"] = found
    else:
        out["ip_range"] = {"cidr": rule.remote_ip_prefix or "0.0.0.0/0"}
    return out


# -- quotas, limits (quota_sets.py, quota_classes.py, views/limits.py) ----------------------

#: Quota resources each microversion hides (`FILTERED_QUOTAS_v236`, `_v257`).
_QUOTA_HIDDEN_236 = ("fixed_ips", "floating_ips", "security_group_rules", "security_groups")
_QUOTA_HIDDEN_257 = (*_QUOTA_HIDDEN_236, "injected_files", "injected_file_content_bytes",
                     "injected_file_path_bytes")


def quota_hidden(version: tuple[int, int], *, since: tuple[int, int] = (2, 36)
                 ) -> tuple[str, ...]:
    """The resources a quota answer leaves out at `version` (quota sets from 2.36, quota
    classes from 2.50; the injected files too from 2.57)."""
    if version >= (2, 57):
        return _QUOTA_HIDDEN_257
    return _QUOTA_HIDDEN_236 if version >= since else ()


def quota_set(values: Mapping[str, Any], version: tuple[int, int], *,
              ident: str | None = None, key: str = "quota_set",
              since: tuple[int, int] = (2, 36)) -> dict[str, Any]:
    """`_format_quota_set`: `id` (not in an update's answer) and the resources shown."""
    hidden = quota_hidden(version, since=since)
    out: dict[str, Any] = {} if ident is None else {"id": ident}
    out.update({k: v for k, v in values.items() if k not in hidden})
    if key == "quota_class_set" and version < (2, 50):
        out.pop("server_groups", None)
        out.pop("server_group_members", None)
    return {key: out}


_LIMIT_NAMES = {
    "ram": ("maxTotalRAMSize",), "instances": ("maxTotalInstances",),
    "cores": ("maxTotalCores",), "key_pairs": ("maxTotalKeypairs",),
    "floating_ips": ("maxTotalFloatingIps",),
    "metadata_items": ("maxServerMeta", "maxImageMeta"),
    "injected_files": ("maxPersonality",),
    "injected_file_content_bytes": ("maxPersonalitySize",),
    "security_groups": ("maxSecurityGroups",),
    "security_group_rules": ("maxSecurityGroupRules",),
    "server_groups": ("maxServerGroups",), "server_group_members": ("maxServerGroupMembers",),
}
_USED_NAMES = {"totalRAMUsed": "ram", "totalCoresUsed": "cores",
               "totalInstancesUsed": "instances", "totalFloatingIpsUsed": "floating_ips",
               "totalSecurityGroupsUsed": "security_groups",
               "totalServerGroupsUsed": "server_groups"}


def limits(detail: Mapping[str, Mapping[str, int]], version: tuple[int, int]
           ) -> dict[str, Any]:
    """`views/limits.py`: absolute limits and their use, `rate` always empty; from 2.36
    without the network ones, from 2.39 without `maxImageMeta`, from 2.57 without the
    personality ones (`FILTERED_LIMITS_v236`, `_v257`)."""
    hidden: tuple[str, ...] = ()
    if version >= (2, 57):
        hidden = ("floating_ips", "security_groups", "security_group_rules", "injected_files",
                  "injected_file_content_bytes")
    elif version >= (2, 36):
        hidden = ("floating_ips", "security_groups", "security_group_rules")
    absolute: dict[str, int] = {}
    for name, item in detail.items():
        if name in _LIMIT_NAMES and name not in hidden:
            for label in _LIMIT_NAMES[name]:
                if label == "maxImageMeta" and version >= (2, 39):
                    continue
                absolute[label] = item["limit"]
    for label, name in _USED_NAMES.items():
        if name in detail and name not in hidden:
            absolute[label] = detail[name]["in_use"]
    return {"limits": {"rate": [], "absolute": absolute}}


# -- hypervisors, services (hypervisors.py, services.py) ------------------------------------


def _micros(when: datetime) -> str:
    """oslo's `PERFECT_TIME_FORMAT`, as jsonutils writes a naive datetime."""
    return when.strftime("%Y-%m-%dT%H:%M:%S.%f")


def hypervisor(ctx: ViewContext, host: ComputeHost, *, detail: bool, now: datetime,
               servers: Sequence[Server] | None = None, with_servers: bool = False,
               reserved_ram: int = 512) -> dict[str, Any]:
    """`_view_hypervisor`: ids are uuids from 2.53; the resource fields until 2.87, the
    `uptime` from 2.88."""
    service = host.service
    uuids = ctx.at_least(2, 53)
    out: dict[str, Any] = {
        "id": host.uuid if uuids else host.id, "hypervisor_hostname": host.name,
        "state": "down" if service.forced_down else "up",
        "status": "disabled" if service.disabled else "enabled"}
    if detail:
        out.update({"hypervisor_type": "QEMU", "hypervisor_version": 8002002,
                    "host_ip": host.host_ip,
                    "service": {"id": service.uuid if uuids else service.id,
                                "host": host.name,
                                "disabled_reason": service.disabled_reason}})
        if not ctx.at_least(2, 88):
            ram_used = host.used_ram + reserved_ram
            out.update({
                "vcpus": host.vcpus, "memory_mb": host.memory_mb, "local_gb": host.local_gb,
                "vcpus_used": host.used_vcpus, "memory_mb_used": ram_used,
                "local_gb_used": host.used_disk, "free_ram_mb": host.memory_mb - ram_used,
                "free_disk_gb": host.local_gb - host.used_disk, "current_workload": 0,
                "running_vms": len(host.servers),
                "disk_available_least": host.local_gb - host.used_disk})
            cpu_info = {"arch": "x86_64", "model": "Nehalem", "vendor": "Intel",
                        "features": ["pge", "clflush"],
                        "topology": {"cores": host.vcpus, "threads": 1, "sockets": 1}}
            out["cpu_info"] = cpu_info if ctx.at_least(2, 28) else json.dumps(cpu_info)
        else:
            out["uptime"] = host_uptime(host, now)
    if servers:
        out["servers"] = [{"name": s.name, "uuid": s.uuid} for s in servers]
    elif with_servers and ctx.at_least(2, 75):
        out["servers"] = []
    return out


def host_uptime(host: ComputeHost, now: datetime) -> str:
    """`uptime`'s line for a host up since it was added to the cloud."""
    seconds = max(0, int((now - host.started_at).total_seconds()))
    days, rest = divmod(seconds, 86400)
    return (f" {now:%H:%M:%S} up {days} days, {rest // 3600:2d}:{rest % 3600 // 60:02d},  "
            "1 user,  load average: 0.00, 0.00, 0.00")


def service(ctx: ViewContext, svc: NovaService, now: datetime) -> dict[str, Any]:
    """`_get_service_detail`, with `forced_down` from 2.11 and uuids from 2.53."""
    out: dict[str, Any] = {
        "binary": svc.binary, "host": svc.host,
        "id": svc.uuid if ctx.at_least(2, 53) else svc.id, "zone": svc.zone,
        "status": "disabled" if svc.disabled else "enabled",
        "state": "down" if svc.forced_down else "up",
        "updated_at": _micros(now.replace(tzinfo=None)),
        "disabled_reason": svc.disabled_reason}
    if ctx.at_least(2, 11):
        out["forced_down"] = svc.forced_down
    return out


# -- server groups (server_groups.py) ---------------------------------------------------------


def server_group(ctx: ViewContext, group: ServerGroup, members: Sequence[str]
                 ) -> dict[str, Any]:
    """`_format_server_group`: `policy` and `rules` from 2.64 (`policies` and an empty
    `metadata` before), the live members, the owner from 2.13."""
    out: dict[str, Any] = {"id": group.uuid, "name": group.name}
    if ctx.at_least(2, 64):
        out["policy"] = group.policy
        out["rules"] = dict(group.rules)
    else:
        out["policies"] = [group.policy]
        out["metadata"] = {}
    out["members"] = list(members)
    if ctx.at_least(2, 13):
        out["project_id"] = group.project_id
        out["user_id"] = group.user_id
    return out


# -- instance actions (instance_actions.py) ---------------------------------------------------


def instance_action(ctx: ViewContext, action: InstanceAction, now: float, *,
                    events: bool = False, admin: bool = False) -> dict[str, Any]:
    """`_format_action` (`updated_at` from 2.58) and, when shown, its events
    (`_format_event`: `traceback` and, from 2.62, `host` for admins; `hostId` from 2.62;
    `details` from 2.84 for admins)."""
    out: dict[str, Any] = {
        "action": action.action, "instance_uuid": action.instance_uuid,
        "request_id": action.request_id, "user_id": action.user_id,
        "project_id": action.project_id,
        "start_time": _micros(action.start_time.replace(tzinfo=None)),
        "message": action.message(now)}
    if ctx.at_least(2, 58):
        out["updated_at"] = _micros(action.updated_at(now).replace(tzinfo=None))
    if events:
        rendered = []
        for event in action.events:
            done = now >= event.finish_at
            item: dict[str, Any] = {
                "event": event.event,
                "start_time": _micros(event.start_time.replace(tzinfo=None)),
                "finish_time": _micros(from_timestamp(event.finish_at).replace(tzinfo=None))
                if done else None,
                "result": ("Success" if event.ok else "Error") if done else None}
            if admin:
                item["traceback"] = event.traceback if done else None
                if ctx.at_least(2, 62):
                    item["host"] = event.host or ""
            if ctx.at_least(2, 62):
                item["hostId"] = hashlib.sha224(
                    (action.project_id + (event.host or "")).encode()).hexdigest() \
                    if event.host else ""
            if admin and ctx.at_least(2, 84):
                item["details"] = None if event.ok or not done else event.traceback
            rendered.append(item)
        out["events"] = rendered
    return out


# -- migrations (migrations.py, server_migrations.py) ------------------------------------------

#: The statuses of a live migration in progress (they get `links` from 2.23).
_LIVE_IN_PROGRESS = frozenset({"queued", "preparing", "running", "post-migrating"})


def migration(ctx: ViewContext, m: Migration) -> dict[str, Any]:
    """An `os-migrations` item (`MigrationsController._output`): `migration_type` and, for
    a live migration in progress, `links` from 2.23; `uuid` from 2.59; `user_id` and
    `project_id` from 2.80."""
    out: dict[str, Any] = {
        "created_at": format_primitive(m.created_at), "dest_compute": m.dest_compute,
        "dest_host": m.dest_host, "dest_node": m.dest_node, "id": m.id,
        "instance_uuid": m.instance_uuid, "new_instance_type_id": m.new_instance_type_id,
        "old_instance_type_id": m.old_instance_type_id, "source_compute": m.source_compute,
        "source_node": m.source_node, "status": m.status}
    if ctx.at_least(2, 23):
        out["migration_type"] = m.migration_type
        if m.migration_type == "live-migration" and m.status in _LIVE_IN_PROGRESS:
            out["links"] = _links(ctx, f"servers/{m.instance_uuid}/migrations", str(m.id))
    out["updated_at"] = format_primitive(m.updated_at)
    if ctx.at_least(2, 59):
        out["uuid"] = m.uuid
    if ctx.at_least(2, 80):
        out["user_id"] = m.user_id
        out["project_id"] = m.project_id
    return out


def server_migration(ctx: ViewContext, m: Migration, progress: float) -> dict[str, Any]:
    """A `/servers/{id}/migrations` item (`server_migrations.output`): the memory copied so
    far by `progress` (0 to 1), the disk too for a block migration; `uuid` from 2.59,
    `user_id` and `project_id` from 2.80."""
    memory = m.memory_total
    disk = m.disk_total
    out: dict[str, Any] = {
        "created_at": format_primitive(m.created_at), "dest_compute": m.dest_compute,
        "dest_host": m.dest_host, "dest_node": m.dest_node,
        "disk_processed_bytes": int(disk * progress),
        "disk_remaining_bytes": disk - int(disk * progress), "disk_total_bytes": disk,
        "id": m.id, "memory_processed_bytes": int(memory * progress),
        "memory_remaining_bytes": memory - int(memory * progress),
        "memory_total_bytes": memory, "server_uuid": m.instance_uuid,
        "source_compute": m.source_compute, "source_node": m.source_node,
        "status": m.status, "updated_at": format_primitive(m.updated_at)}
    if ctx.at_least(2, 59):
        out["uuid"] = m.uuid
    if ctx.at_least(2, 80):
        out["user_id"] = m.user_id
        out["project_id"] = m.project_id
    return out


# -- tenant usage (simple_tenant_usage.py) -----------------------------------------------------


def tenant_usage(usage: TenantUsage, *, detailed: bool) -> dict[str, Any]:
    """A project's usage as `_tenant_usages_for_period` builds it (`server_usages` when
    `detailed`); times as jsonutils writes naive datetimes."""
    out: dict[str, Any] = {
        "tenant_id": usage.tenant_id, "total_local_gb_usage": usage.total_local_gb_usage,
        "total_vcpus_usage": usage.total_vcpus_usage,
        "total_memory_mb_usage": usage.total_memory_mb_usage,
        "total_hours": usage.total_hours, "start": format_primitive(usage.start),
        "stop": format_primitive(usage.stop)}
    if detailed:
        out["server_usages"] = [{
            "hours": u.hours, "flavor": u.server.flavor.name,
            "instance_id": u.server.uuid, "name": u.server.name,
            "tenant_id": u.server.project_id, "memory_mb": u.server.flavor.ram,
            "local_gb": u.server.flavor.disk + u.server.flavor.ephemeral,
            "vcpus": u.server.flavor.vcpus, "started_at": format_primitive(u.started_at),
            "ended_at": format_primitive(u.ended_at), "state": u.state,
            "uptime": u.uptime} for u in usage.server_usages]
    return out


# -- aggregates (aggregates.py) and the zones they make (availability_zone.py) ---------------


def aggregate(ctx: ViewContext, agg: Aggregate, *, created: bool = False) -> dict[str, Any]:
    """`_marshall_aggregate`: the object's fields (`uuid` from 2.41) and its
    `availability_zone`, times as naive datetimes; a create's answer has no `hosts` nor
    `metadata`."""
    out: dict[str, Any] = {
        "created_at": _micros(agg.created_at.replace(tzinfo=None)),
        "updated_at": (_micros(agg.updated_at.replace(tzinfo=None))
                       if agg.updated_at is not None else None),
        "deleted_at": None, "deleted": False, "id": agg.id}
    if ctx.at_least(2, 41):
        out["uuid"] = agg.uuid
    out["name"] = agg.name
    if not created:
        out["hosts"] = list(agg.hosts)
        out["metadata"] = dict(agg.metadata)
    out["availability_zone"] = agg.availability_zone
    return out


def availability_zone_info(available: Sequence[str], unavailable: Sequence[str], *,
                           services: Mapping[str, Mapping[str, Sequence[NovaService]]]
                           | None = None, now: datetime | None = None) -> dict[str, Any]:
    """`GET /os-availability-zone`: the zones of the enabled services, then those only
    disabled services are in (`available: false`), the internal zone hidden
    (`_describe_availability_zones`). With `services` (`/detail`): the internal zone too,
    and each available zone's hosts with their services (`available` while the service is
    up, `active` while enabled), hosts in name order (`_describe_availability_zones_verbose`).
    """
    if services is None:
        return {"availabilityZoneInfo": [
            {"zoneName": z, "zoneState": {"available": ok}, "hosts": None}
            for zones, ok in ((available, True), (unavailable, False))
            for z in zones if z != "internal"]}
    stamp = _micros((now or datetime.now()).replace(tzinfo=None))
    info: list[dict[str, Any]] = []
    for zone in available:
        hosts = services.get(zone, {})
        info.append({"zoneName": zone, "zoneState": {"available": True}, "hosts": {
            host: {s.binary: {"available": not s.forced_down, "active": not s.disabled,
                              "updated_at": stamp} for s in hosts[host]}
            for host in sorted(hosts)}})
    info.extend({"zoneName": z, "zoneState": {"available": False}, "hosts": None}
                for z in unavailable)
    return {"availabilityZoneInfo": info}


# -- os-hosts (hosts.py, until 2.42) ----------------------------------------------------------


def os_host(svc: NovaService) -> dict[str, Any]:
    """A row of `GET /os-hosts`: the host, the service's topic (its binary without
    `nova-`, as `Service.create` sets it) and its zone."""
    return {"host_name": svc.host, "service": svc.binary.rpartition("nova-")[2],
            "zone": svc.zone}


def os_host_resource(host_name: str, row: HostResource) -> dict[str, Any]:
    """A row of `GET /os-hosts/{host_name}` (`_get_total_resources` and the others)."""
    return {"resource": {"host": host_name, "project": row.project, "cpu": row.cpu,
                         "memory_mb": row.memory_mb, "disk_gb": row.disk_gb}}
