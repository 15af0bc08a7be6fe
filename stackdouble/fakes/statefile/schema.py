"""The state file's format, as a JSON schema, and its check with messages that name the line.

The format (version 1) declares what a cloud holds beyond its defaults; `README.md`, "The
state file", is its guide. Every mapping lists its keys: an unknown key is an error (a typo
never passes silently), with the closest known key suggested. Shapes are checked here; what
the cloud itself decides (a name taken, a CIDR that overlaps, a flavor too small for an
image) is checked by the services' own code as `load` applies each entry.

Messages never show the value of a secret (`password`, `api_key`, `key`): they say what is
wrong with it, not what it is.
"""

from __future__ import annotations

import difflib
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]

from stackdouble.fakes.statefile.errors import Path
from stackdouble.fakes.statefile.source import Document

__all__ = ["FORMAT_VERSION", "SCHEMA", "SECRET_KEYS", "validate"]

#: The format version this module reads and `dump` writes.
FORMAT_VERSION = 1
#: Keys whose values are secrets: never echoed in a message.
SECRET_KEYS = frozenset({"password", "api_key", "key"})

_STR: dict[str, Any] = {"type": "string"}
_NAME: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": 255}
_TEXT: dict[str, Any] = {"type": ["string", "null"]}
_BOOL: dict[str, Any] = {"type": "boolean"}
_COUNT: dict[str, Any] = {"type": "integer", "minimum": 0}
_LIMIT: dict[str, Any] = {"type": "integer", "minimum": -1}
_STRINGS: dict[str, Any] = {"type": "array", "items": _STR}
_META: dict[str, Any] = {"type": "object", "additionalProperties": _STR}
#: A name in the entry's domain (Default unless said), or `{name, domain}`.
_REF: dict[str, Any] = {
    "type": ["string", "object"], "minLength": 1,
    "properties": {"name": _NAME, "domain": _NAME},
    "required": ["name"], "additionalProperties": False,
}
#: A secret as written, or `{env: VARIABLE}` read from the environment at load time.
_SECRET: dict[str, Any] = {
    "type": ["string", "object"], "minLength": 1,
    "properties": {"env": {"type": "string", "minLength": 1}},
    "required": ["env"], "additionalProperties": False,
}
_DATA: dict[str, Any] = {"data": _STR, "data_base64": _STR, "file": {"type": "string",
                                                                     "minLength": 1}}


def _entry(properties: dict[str, Any], *required: str) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(required),
            "additionalProperties": False}


def _list_of(entry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": entry}


def _limits() -> dict[str, Any]:
    """Quota limits: integers >= -1 (-1: unlimited); which names is the service's call."""
    return {"type": "object", "additionalProperties": _LIMIT}


_SUBNET = _entry({
    "name": _STR, "cidr": _NAME, "ip_version": {"enum": [4, 6]}, "gateway_ip": _TEXT,
    "enable_dhcp": _BOOL, "dns_nameservers": _STRINGS, "description": _STR,
    "allocation_pools": {"type": "array", "items": _entry({"start": _NAME, "end": _NAME},
                                                          "start", "end")},
}, "cidr")

_RULE = _entry({
    "direction": {"enum": ["ingress", "egress"]}, "ethertype": {"enum": ["IPv4", "IPv6"]},
    "protocol": {"type": ["string", "integer"]}, "port_range_min": _COUNT,
    "port_range_max": _COUNT, "remote_ip_prefix": _NAME, "remote_group": _NAME,
    "description": _STR}, "direction")

_OBJECT = _entry({"name": _NAME, "content_type": _STR, "metadata": _META, **_DATA}, "name")

#: The whole format.
SCHEMA: dict[str, Any] = _entry({
    "version": {"const": FORMAT_VERSION},
    "domains": _list_of(_entry({"name": _NAME, "description": _STR, "enabled": _BOOL},
                               "name")),
    "projects": _list_of(_entry({
        "name": _NAME, "domain": _NAME, "description": _STR, "enabled": _BOOL,
        "parent": _NAME, "tags": _STRINGS}, "name")),
    "users": _list_of(_entry({
        "name": _NAME, "domain": _NAME, "password": _SECRET, "api_key": _SECRET,
        "default_project": _REF, "enabled": _BOOL, "email": _TEXT, "description": _TEXT},
        "name")),
    "roles": _list_of(_entry({"name": _NAME, "domain": _NAME, "description": _TEXT,
                              "implies": _STRINGS}, "name")),
    "groups": _list_of(_entry({"name": _NAME, "domain": _NAME, "description": _TEXT,
                               "members": {"type": "array", "items": _REF}}, "name")),
    "role_assignments": _list_of(_entry({
        "role": _REF, "user": _REF, "group": _REF, "project": _REF, "domain": _NAME,
        "system": {"const": "all"}, "inherited": _BOOL}, "role")),
    "tempauth": _list_of(_entry({
        "account": _NAME, "user": _NAME, "key": _SECRET, "admin": _BOOL,
        "reseller_admin": _BOOL, "groups": _STRINGS, "project": _REF},
        "account", "user", "key")),
    "flavors": _list_of(_entry({
        "name": _NAME, "id": _NAME, "ram": _COUNT, "vcpus": _COUNT, "disk": _COUNT,
        "ephemeral": _COUNT, "swap": _COUNT, "rxtx_factor": {"type": "number"},
        "is_public": _BOOL, "description": _TEXT}, "name", "ram", "vcpus", "disk")),
    "images": _list_of(_entry({
        "name": _NAME, "project": _REF, "visibility":
            {"enum": ["public", "private", "shared", "community"]},
        "disk_format": _STR, "container_format": _STR, "min_disk": _COUNT, "min_ram": _COUNT,
        "protected": _BOOL, "properties": _META, "tags": _STRINGS, **_DATA}, "name")),
    "quotas": _list_of(_entry({"project": _REF, "compute": _limits(),
                               "block_storage": _limits(), "networking": _limits()},
                              "project")),
    "networks": _list_of(_entry({
        "name": _NAME, "project": _REF, "description": _STR, "shared": _BOOL,
        "admin_state_up": _BOOL, "mtu": _COUNT, "subnets": _list_of(_SUBNET)}, "name")),
    "security_groups": _list_of(_entry({
        "name": _NAME, "project": _REF, "description": _STR, "stateful": _BOOL,
        "rules": _list_of(_RULE)}, "name")),
    "routers": _list_of(_entry({
        "name": _NAME, "project": _REF, "description": _STR, "admin_state_up": _BOOL,
        "external_network": _NAME, "interfaces": _STRINGS}, "name")),
    "volumes": _list_of(_entry({
        "name": _NAME, "project": _REF, "size": {"type": "integer", "minimum": 1},
        "description": _TEXT, "volume_type": _NAME, "metadata": _META}, "name", "size")),
    "snapshots": _list_of(_entry({
        "name": _NAME, "project": _REF, "volume": _NAME, "description": _TEXT,
        "metadata": _META}, "name", "volume")),
    "keypairs": _list_of(_entry({
        "name": _NAME, "user": _REF, "public_key": {"type": "string", "minLength": 1},
        "type": {"enum": ["ssh", "x509"]}}, "name", "public_key")),
    "servers": _list_of(_entry({
        "name": _NAME, "project": _REF, "user": _REF, "flavor": _NAME, "image": _NAME,
        "networks": {"oneOf": [{"enum": ["auto", "none"]}, _STRINGS]}, "key_name": _NAME,
        "security_groups": _STRINGS,
        "metadata": _META, "description": _TEXT}, "name", "flavor")),
    "containers": _list_of(_entry({
        "name": _NAME, "project": _REF, "account": _NAME, "metadata": _META,
        "read_acl": _STR, "write_acl": _STR, "policy": _NAME,
        "objects": _list_of(_OBJECT)}, "name")),
})

_VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
_TYPE_WORDS = {"string": "a string", "object": "a mapping", "array": "a list",
               "integer": "an integer", "number": "a number", "boolean": "true or false",
               "null": "null"}


def validate(doc: Document) -> None:
    """Check a document against `SCHEMA`; the first problem, in the file's order, is raised.

    Raises:
        StateFileError: The problem, at its line.

    Example:
        >>> from stackdouble.fakes.statefile.source import read_text
        >>> validate(read_text("users:\\n  - name: alice\\n    pasword: x\\n", source="c.yaml"))
        Traceback (most recent call last):
        ...
        stackdouble.fakes.statefile.errors.StateFileError: c.yaml, line 3, column 5: users[0].pasword: unknown key 'pasword' (did you mean 'password'?)
    """  # noqa: E501
    if not isinstance(doc.data, dict):
        raise doc.error("a state file is a mapping of sections (domains, projects, users...)",
                        ())
    found = []
    for error in _VALIDATOR.iter_errors(doc.data):
        path: Path = tuple(error.absolute_path)
        problem, path, at_key = _describe(error, path)
        marks = doc.key_marks if at_key else doc.marks
        probe = path
        while probe and probe not in marks:
            probe = probe[:-1]
        found.append((marks.get(probe, (0, 0)), problem, path, at_key))
    if found:
        _, problem, path, at_key = min(found, key=lambda f: (f[0], len(f[2])))
        if problem.endswith(" is required"):
            # a misspelt required key: the typo's hint says more than the missing key
            wanted = f"(did you mean {problem.removesuffix(' is required')}?)"
            typo = [f for f in found if f[2][:-1] == path and f[1].endswith(wanted)]
            if typo:
                _, problem, path, at_key = typo[0]
        raise doc.error(problem, path, at_key=at_key)


def _is_secret(path: Path) -> bool:
    return any(part in SECRET_KEYS for part in path if isinstance(part, str))


def _describe(error: Any, path: Path) -> tuple[str, Path, bool]:
    """(message, path, whether at the key) for one schema error, never showing a secret."""
    kind, expected, instance = error.validator, error.validator_value, error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = sorted(schema.get("properties", {}))
        unknown = sorted(k for k in instance if k not in known)
        key = unknown[0] if unknown else "?"
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f"; known: {', '.join(known)}"
        return f"unknown key {key!r}{hint}", (*path, key), True
    if kind == "required":
        missing = [k for k in expected if isinstance(instance, dict) and k not in instance]
        return f"{missing[0] if missing else expected[0]!r} is required", path, False
    if kind == "type":
        if "env" in schema.get("properties", {}):
            return "must be a string or a mapping {env: VARIABLE}", path, False
        if "domain" in schema.get("properties", {}):
            return "must be a name or a mapping {name: ..., domain: ...}", path, False
        kinds = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)
        return f"must be {words}", path, False
    if kind == "const":
        if path == ("version",):
            return f"this stackdouble reads version {FORMAT_VERSION} state files", path, False
        return f"must be {expected!r}", path, False
    if kind == "enum":
        shown = "" if _is_secret(path) else f", not {instance!r}"
        return f"must be one of {', '.join(map(repr, expected))}{shown}", path, False
    if kind == "minLength":
        return "must not be empty", path, False
    if kind == "maxLength":
        return f"must be at most {expected} characters", path, False
    if kind == "minimum":
        return f"must be at least {expected}", path, False
    if kind == "oneOf" and path and path[-1] == "networks":
        return "must be 'auto', 'none' or a list of network names", path, False
    return f"is not valid here ({kind})", path, False
