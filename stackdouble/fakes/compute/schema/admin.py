"""Request schemas of Nova's quota sets and classes, server groups, server tags and
services (`nova/api/openstack/compute/schemas/quota_sets.py`, `quota_classes.py`,
`server_groups.py`, `server_tags.py`, `services.py`)."""

from __future__ import annotations

import copy
from typing import Any

from stackdouble.fakes.compute.schema import _BOOLEAN, _POSITIVE, _TAG, NAME

__all__ = ["TAGS_UPDATE", "quota_class_update", "quota_update", "server_group_create",
           "service_update_v21", "service_update_v253"]

#: `_common_quota`: an integer (or its string) from -1 to the database's MAX_INT.
_QUOTA = {"type": ["integer", "string"], "pattern": "^-?[0-9]+$", "minimum": -1,
          "maximum": 0x7FFFFFFF}
_RESOURCES = ("instances", "cores", "ram", "floating_ips", "fixed_ips", "metadata_items",
              "key_pairs", "security_groups", "security_group_rules", "injected_files",
              "injected_file_content_bytes", "injected_file_path_bytes", "server_groups",
              "server_group_members")
_GONE_236 = ("fixed_ips", "floating_ips", "security_groups", "security_group_rules")
_GONE_257 = (*_GONE_236, "injected_files", "injected_file_content_bytes",
             "injected_file_path_bytes")


def _resources(version: tuple[int, int], since: tuple[int, int]) -> dict[str, Any]:
    gone = _GONE_257 if version >= (2, 57) else _GONE_236 if version >= since else ()
    return {k: _QUOTA for k in _RESOURCES if k not in gone}


def quota_update(version: tuple[int, int]) -> dict[str, Any]:
    """`update`, `update_v236`, `update_v257`: the resources of that version and `force`."""
    props = {**_resources(version, (2, 36)), "force": _BOOLEAN}
    return {"type": "object",
            "properties": {"quota_set": {"type": "object", "properties": props,
                                         "additionalProperties": False}},
            "required": ["quota_set"], "additionalProperties": False}


def quota_class_update(version: tuple[int, int]) -> dict[str, Any]:
    """`quota_classes` `update`, `update_v250` (server groups), `update_v257`."""
    props = _resources(version, (2, 50))
    if version < (2, 50):
        props.pop("server_groups")
        props.pop("server_group_members")
    return {"type": "object",
            "properties": {"quota_class_set": {"type": "object", "properties": props,
                                               "additionalProperties": False}},
            "required": ["quota_class_set"], "additionalProperties": False}


def server_group_create(version: tuple[int, int]) -> dict[str, Any]:
    """`create` (`policies`: one of affinity, anti-affinity), `create_v215` (the soft
    ones too), `create_v264` (`policy` and `rules`)."""
    policies = ["anti-affinity", "affinity"]
    if version >= (2, 15):
        policies += ["soft-anti-affinity", "soft-affinity"]
    props: dict[str, Any] = {"name": NAME}
    required = ["name"]
    if version >= (2, 64):
        props["policy"] = {"type": "string", "enum": policies}
        props["rules"] = {"type": "object",
                          "properties": {"max_server_per_host": _POSITIVE},
                          "additionalProperties": False}
        required.append("policy")
    else:
        props["policies"] = {"type": "array",
                             "items": {"type": "string", "enum": policies},
                             "uniqueItems": True, "minItems": 1, "maxItems": 1}
        required.append("policies")
    return {"type": "object",
            "properties": {"server_group": {"type": "object", "properties": props,
                                            "required": required,
                                            "additionalProperties": False}},
            "required": ["server_group"], "additionalProperties": False}


#: `server_tags.update_all`.
TAGS_UPDATE: dict[str, Any] = {
    "type": "object",
    "properties": {"tags": {"type": "array", "items": copy.deepcopy(_TAG), "maxItems": 50}},
    "required": ["tags"], "additionalProperties": False}

_SERVICE_V21: dict[str, Any] = {"type": "object",
                "properties": {"host": {"type": "string", "minLength": 1, "maxLength": 255},
                               "binary": {"type": "string", "minLength": 1, "maxLength": 255},
                               "disabled_reason": {"type": "string", "minLength": 1,
                                                   "maxLength": 255}},
                "required": ["host", "binary"], "additionalProperties": False}


def service_update_v21(version: tuple[int, int]) -> dict[str, Any]:
    """`update` (host, binary, disabled_reason), `update_v211` (`forced_down` too)."""
    schema = copy.deepcopy(_SERVICE_V21)
    if version >= (2, 11):
        schema["properties"]["forced_down"] = _BOOLEAN
    return schema


def service_update_v253() -> dict[str, Any]:
    """`update_v253`: `status`, `disabled_reason`, `forced_down`."""
    return {"type": "object",
            "properties": {"status": {"type": "string", "enum": ["enabled", "disabled"]},
                           "disabled_reason": {"type": "string", "minLength": 1,
                                               "maxLength": 255},
                           "forced_down": _BOOLEAN},
            "additionalProperties": False}
