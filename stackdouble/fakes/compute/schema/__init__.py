"""Request validation as Nova does it: JSON schemas checked by jsonschema, errors worded
by `nova/api/validation/validators.py`.

Nova validates bodies and query strings with jsonschema's Draft 2020-12 validator, a
format checker of its own (`uuid`, `name`, `base64`, `date-time`, `regex`) and `minimum`
checks that also accept numeric strings, then reports the *first* error as

* `Invalid input for field/attribute <key>. Value: <value>. <jsonschema message>` (body),
* `Invalid input for query parameters <key>. Value: <value>. <jsonschema message>` (query),
* the bare jsonschema message when the error is at the top level,
* `An invalid 'name' value was provided. The name must be: ...` for bad names.

The schemas here state the constraints of Nova's for the requests the fake serves, with the
keys in Nova's order (the order decides which error is reported first). Query strings
(their schemas, and parsing them into the model's arguments) are in `schema.queries`.
"""

from __future__ import annotations

import base64
import binascii
import copy
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.jsonschemas import lenient_bounds
from stackdouble.fakes.osloutils import is_uuid_like
from stackdouble.fakes.timestamps import parse_isotime

# `is_uuid_like` lives in `osloutils`; re-exported for the handlers and models that take it
# from here.
__all__ = [
    "check_body",
    "check_query",
    "create_server_schema",
    "is_uuid_like",
    "valid_name",
]

_NAME_REASON = "printable characters. Can not start or end with whitespace."


class InvalidName(ValueError):
    """A name outside Nova's `name` format; its message replaces jsonschema's."""

    def __init__(self) -> None:
        super().__init__(f"An invalid 'name' value was provided. The name must be: {_NAME_REASON}")


def _printable(char: str) -> bool:
    category = unicodedata.category(char)
    return not category.startswith("C") and (not category.startswith("Z") or category == "Zs")


def valid_name(value: str) -> bool:
    """Nova's `name` format: printable characters of the Basic Multilingual Plane, not
    starting or ending with whitespace (its regex is built over chr(0)..chr(0xFFFE)).

    Example:
        >>> valid_name("web-1"), valid_name(" web"), valid_name("tab\\there")
        (True, False, False)
    """
    if not value:
        return True  # minLength reports the empty name
    for char in value:
        if ord(char) >= 0xFFFF or not _printable(char):
            return False
    edge = (value[0], value[-1])
    return all(unicodedata.category(c) != "Zs" for c in edge)


def _format_checker() -> Any:
    import jsonschema  # type: ignore[import-untyped,unused-ignore]

    checker = jsonschema.FormatChecker()

    def _uuid(instance: object) -> bool:
        return not isinstance(instance, str) or is_uuid_like(instance)

    def _name(instance: object) -> bool:
        if isinstance(instance, str) and valid_name(instance):
            return True
        raise InvalidName()

    def _base64(instance: object) -> bool:
        if not isinstance(instance, str):
            return True
        try:
            base64.b64decode(instance)
        except (binascii.Error, ValueError):
            return False
        return True

    def _datetime(instance: object) -> bool:
        return not isinstance(instance, str) or parse_isotime(instance) is not None

    def _regex(instance: object) -> bool:
        if not isinstance(instance, str):
            return True
        if not instance:
            return False
        try:
            re.compile(instance)
        except re.error:
            return False
        return True

    checker.checks("uuid")(_uuid)
    checker.checks("name", raises=InvalidName)(_name)
    checker.checks("base64")(_base64)
    checker.checks("date-time")(_datetime)
    checker.checks("regex")(_regex)
    return checker


_VALIDATOR_CLASS: Any = None
_CHECKER: Any = None
_VALIDATORS: dict[int, Any] = {}


def _validator(schema: dict[str, Any]) -> Any:
    global _VALIDATOR_CLASS, _CHECKER
    found = _VALIDATORS.get(id(schema))
    if found is not None:
        return found
    from jsonschema import Draft202012Validator  # type: ignore[import-untyped,unused-ignore]

    if _VALIDATOR_CLASS is None:
        _VALIDATOR_CLASS = lenient_bounds(Draft202012Validator)
        _CHECKER = _format_checker()
    found = _VALIDATOR_CLASS(schema, format_checker=_CHECKER)
    _VALIDATORS[id(schema)] = found
    return found


def _first_error(schema: dict[str, Any], target: Any) -> Any:
    for error in _validator(schema).iter_errors(target):
        return error
    return None


def check_body(schema: dict[str, Any], body: Any) -> None:
    """Validate a decoded request body.

    Raises:
        BadRequest: Nova's 400, worded as Nova words it.

    Example:
        >>> try:
        ...     check_body(REBOOT, {"reboot": {"type": "GENTLE"}})
        ... except BadRequest as exc:
        ...     print(exc.message)
        Invalid input for field/attribute type. Value: GENTLE. 'GENTLE' is not one of \
['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']
    """
    error = _first_error(schema, body)
    if error is None:
        return
    if isinstance(error.cause, InvalidName):
        raise BadRequest(str(error.cause))
    if error.path:
        raise BadRequest(f"Invalid input for field/attribute {error.path.pop()}. "
                         f"Value: {error.instance}. {error.message}")
    raise BadRequest(error.message)


def check_query(schema: dict[str, Any], query: Mapping[str, list[str]]) -> None:
    """Validate a query string given as `{key: [values]}` (webob's `dict_of_lists`).

    Raises:
        BadRequest: Nova's 400.

    Example:
        >>> from stackdouble.fakes.compute.schema.queries import SERVERS_QUERY
        >>> try:
        ...     check_query(SERVERS_QUERY[0][1], {"limit": ["-1"]})
        ... except BadRequest as exc:
        ...     print(exc.message)
        Invalid input for query parameters limit. Value: -1. '-1' does not match '^[0-9]*$'
    """
    error = _first_error(schema, dict(query))
    if error is None:
        return
    if error.path:
        raise BadRequest(f"Invalid input for query parameters {error.path.popleft()}. "
                         f"Value: {error.instance}. {error.message}")
    raise BadRequest(error.message)


# -- parameter types (nova/api/validation/parameter_types.py) -----------------------------

def _multi(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": item}


_STR_PARAM = _multi({"type": "string"})
_REGEX_PARAM = _multi({"type": "string", "format": "regex"})
_NON_NEGATIVE = {"type": ["integer", "string"], "pattern": "^[0-9]*$", "minimum": 0,
                 "minLength": 1}
_POSITIVE = {"type": ["integer", "string"], "pattern": "^[0-9]*$", "minimum": 1,
             "minLength": 1}
_PAGING = {"limit": _multi(_NON_NEGATIVE), "marker": _multi({"type": "string"})}
NAME = {"type": "string", "format": "name", "minLength": 1, "maxLength": 255}
_BOOLEAN = {"type": ["boolean", "string"],
            "enum": [True, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
                     False, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No",
                     "no"]}
METADATA = {"type": "object",
            "patternProperties": {"^[a-zA-Z0-9-_:. ]{1,255}$": {"type": "string",
                                                                 "maxLength": 255}},
            "additionalProperties": False}
_DISK_CONFIG = {"type": "string", "enum": ["AUTO", "MANUAL"]}
_DESCRIPTION = {"type": ["string", "null"], "minLength": 0, "maxLength": 255}
_TAG = {"type": "string", "pattern": "^[^,/]*$", "minLength": 1, "maxLength": 60}
_IMAGE_ID = {"type": "string", "format": "uuid"}
_IP = {"type": "string", "oneOf": [{"format": "ipv4"}, {"format": "ipv6"}]}


def _object(properties: dict[str, Any], required: list[str] | None = None,
            additional: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = additional
    return schema


def _wrapped(key: str, inner: dict[str, Any]) -> dict[str, Any]:
    return _object({key: inner}, [key])


def _action(key: str) -> dict[str, Any]:
    return _wrapped(key, {})


# -- servers (nova/api/openstack/compute/schemas/servers.py) -------------------------------

_BDM_V2 = _object({
    "virtual_name": {"type": "string", "maxLength": 255},
    "volume_id": {"type": "string", "format": "uuid"},
    "snapshot_id": _IMAGE_ID,
    "volume_size": {"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 1,
                    "maximum": 2147483647},
    "device_name": {"type": "string", "minLength": 1, "maxLength": 255,
                    "pattern": "^[a-zA-Z0-9._/-]*$"},
    "delete_on_termination": _BOOLEAN,
    "no_device": {},
    "connection_info": {"type": "string", "maxLength": 16777215},
    "source_type": {"type": "string", "enum": ["volume", "image", "snapshot", "blank"]},
    "uuid": {"type": "string", "minLength": 1, "maxLength": 255,
             "pattern": "^[a-zA-Z0-9._-]*$"},
    "image_id": _IMAGE_ID,
    "destination_type": {"type": "string", "enum": ["local", "volume"]},
    "guest_format": {"type": "string", "maxLength": 255},
    "device_type": {"type": "string", "maxLength": 255},
    "disk_bus": {"type": "string", "maxLength": 255},
    "boot_index": {"type": ["integer", "string", "null"], "pattern": "^-?[0-9]+$"},
})


def create_server_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The `POST /servers` schema for a microversion (cached per version range)."""
    key = _range_key(version, ((2, 19), (2, 32), (2, 33), (2, 37), (2, 42), (2, 52), (2, 57),
                               (2, 63), (2, 67)))
    found = _CREATE_CACHE.get(key)
    if found is None:
        found = _build_create(version)
        _CREATE_CACHE[key] = found
    return found


_CREATE_CACHE: dict[int, dict[str, Any]] = {}


def _range_key(version: tuple[int, int], bounds: tuple[tuple[int, int], ...]) -> int:
    return sum(1 for bound in bounds if version >= bound)


def _build_create(version: tuple[int, int]) -> dict[str, Any]:
    networks_list: dict[str, Any] = {"type": "array", "items": _object({
        "fixed_ip": _IP,
        "port": {"type": ["string", "null"], "format": "uuid"},
        "uuid": {"type": "string"},
    })}
    bdm: dict[str, Any] = copy.deepcopy(_BDM_V2)
    props: dict[str, Any] = {
        "name": NAME,
        "imageRef": {"oneOf": [{"type": "string", "format": "uuid"},
                               {"type": "string", "maxLength": 0}]},
        "flavorRef": {"type": ["string", "integer"], "minLength": 1},
        "adminPass": {"type": "string"},
        "metadata": METADATA,
        "networks": networks_list,
        "OS-DCF:diskConfig": _DISK_CONFIG,
        "accessIPv4": {"type": "string", "format": "ipv4"},
        "accessIPv6": {"type": "string", "format": "ipv6"},
        "personality": {"type": "array", "items": _object({
            "path": {"type": "string"}, "contents": {"type": "string", "format": "base64"}})},
        "availability_zone": NAME,
        "block_device_mapping": {"type": "array", "items": _BDM_V2},
        "block_device_mapping_v2": {"type": "array", "items": bdm},
        "config_drive": _BOOLEAN,
        "key_name": NAME,
        "min_count": _POSITIVE,
        "max_count": _POSITIVE,
        "return_reservation_id": _BOOLEAN,
        "security_groups": {"type": "array", "items": _object({"name": NAME})},
        "user_data": {"type": "string", "format": "base64", "maxLength": 65535},
    }
    required = ["name", "flavorRef"]
    if version >= (2, 19):
        props["description"] = _DESCRIPTION
    if version >= (2, 32):
        networks_list["items"]["properties"]["tag"] = _TAG
    if version == (2, 32) or version >= (2, 42):
        bdm["properties"]["tag"] = _TAG
    if version >= (2, 37):
        required.append("networks")
        item = copy.deepcopy(networks_list["items"])
        item["properties"]["uuid"] = {"type": "string", "format": "uuid"}
        if not (version >= (2, 42)):
            item["properties"].pop("tag", None)
        props["networks"] = {"oneOf": [{"type": "array", "items": item},
                                       {"type": "string", "enum": ["none", "auto"]}]}
    if version >= (2, 52):
        props["tags"] = {"type": "array", "items": _TAG, "maxItems": 50}
    if version >= (2, 57):
        props.pop("personality")
    if version >= (2, 63):
        props["trusted_image_certificates"] = {
            "type": ["array", "null"], "minItems": 1, "maxItems": 50, "uniqueItems": True,
            "items": {"type": "string", "minLength": 1}}
    if version >= (2, 67):
        bdm["properties"]["volume_type"] = {"type": ["string", "null"], "minLength": 0,
                                            "maxLength": 255}
    hints = {"type": "object", "additionalProperties": True}
    return _object({"server": _object(props, required), "os:scheduler_hints": hints,
                    "OS-SCH-HNT:scheduler_hints": hints}, ["server"])


def update_server_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The `PUT /servers/{id}` schema."""
    return _UPDATE_219 if version >= (2, 19) else _UPDATE


_UPDATE_PROPS = {"name": NAME, "OS-DCF:diskConfig": _DISK_CONFIG,
                 "accessIPv4": {"type": "string", "format": "ipv4"},
                 "accessIPv6": {"type": "string", "format": "ipv6"}}
_UPDATE = _wrapped("server", _object(dict(_UPDATE_PROPS)))
_UPDATE_219 = _wrapped("server", _object({**_UPDATE_PROPS, "description": _DESCRIPTION}))


def rebuild_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The `rebuild` action schema."""
    key = _range_key(version, ((2, 19), (2, 54), (2, 57)))
    found = _REBUILD_CACHE.get(key)
    if found is None:
        props: dict[str, Any] = {
            "name": NAME, "imageRef": _IMAGE_ID, "adminPass": {"type": "string"},
            "metadata": METADATA, "preserve_ephemeral": _BOOLEAN,
            "OS-DCF:diskConfig": _DISK_CONFIG,
            "accessIPv4": {"type": "string", "format": "ipv4"},
            "accessIPv6": {"type": "string", "format": "ipv6"},
            "personality": {"type": "array"},
        }
        if version >= (2, 19):
            props["description"] = _DESCRIPTION
        if version >= (2, 54):
            props["key_name"] = {"oneOf": [{"type": "string", "minLength": 1,
                                            "maxLength": 255}, {"type": "null"}]}
        if version >= (2, 57):
            props.pop("personality")
            props["user_data"] = {"type": ["string", "null"], "format": "base64",
                                  "maxLength": 65535}
        found = _wrapped("rebuild", _object(props, ["imageRef"]))
        _REBUILD_CACHE[key] = found
    return found


_REBUILD_CACHE: dict[int, dict[str, Any]] = {}

RESIZE = _wrapped("resize", _object({"flavorRef": {"type": ["string", "integer"],
                                                   "minLength": 1},
                                     "OS-DCF:diskConfig": _DISK_CONFIG}, ["flavorRef"]))
CREATE_IMAGE = _wrapped("createImage", _object({"name": NAME, "metadata": METADATA},
                                               ["name"]))
REBOOT = _wrapped("reboot", _object(
    {"type": {"type": "string", "enum": ["HARD", "Hard", "hard", "SOFT", "Soft", "soft"]}},
    ["type"]))
CHANGE_PASSWORD = _wrapped("changePassword", _object({"adminPass": {"type": "string"}},
                                                     ["adminPass"]))
LOCK_V273 = _wrapped("lock", {"type": ["object", "null"], "properties": {
    "locked_reason": {"type": "string", "minLength": 1, "maxLength": 255}},
    "additionalProperties": False})
#: Actions whose body is `{"<name>": <anything>}` (`unshelve` until 2.76).
SIMPLE_ACTIONS = {name: _action(name) for name in (
    "confirmResize", "revertResize", "os-start", "os-stop", "pause", "unpause", "suspend",
    "resume", "lock", "unlock", "forceDelete", "restore", "unrescue", "shelve",
    "shelveOffload", "unshelve")}

#: `add_security_group` and `remove_security_group` (`schemas/security_groups.py`).
SECURITY_GROUP_ACTIONS = {name: {
    "type": "object",
    "properties": {name: {"type": "object",
                          "properties": {"name": {"type": "string", "minLength": 1}},
                          "required": ["name"], "additionalProperties": False}},
    "required": [name], "additionalProperties": True}
    for name in ("addSecurityGroup", "removeSecurityGroup")}

# -- rescue and shelve (schemas/rescue.py, schemas/shelve.py) --------------------------------

RESCUE = _wrapped("rescue", {"type": ["object", "null"], "properties": {
    "adminPass": {"type": "string"}, "rescue_image_ref": _IMAGE_ID},
    "additionalProperties": False})
UNSHELVE_V277 = _wrapped("unshelve", {"type": ["object", "null"],
                                      "properties": {"availability_zone": NAME},
                                      "required": ["availability_zone"],
                                      "additionalProperties": False})
UNSHELVE_V291 = _wrapped("unshelve", {"type": ["object", "null"], "properties": {
    "availability_zone": {"type": ["string", "null"]}, "host": {"type": "string"}},
    "additionalProperties": False})


def unshelve_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The `unshelve` action schema: anything under the key until 2.76, a zone from 2.77,
    a zone (or null) and a host from 2.91."""
    if version >= (2, 91):
        return UNSHELVE_V291
    if version >= (2, 77):
        return UNSHELVE_V277
    return SIMPLE_ACTIONS["unshelve"]

# -- metadata (schemas/server_metadata.py) ---------------------------------------------------

METADATA_SET = _wrapped("metadata", METADATA)
METADATUM_SET = _wrapped("meta", {**METADATA, "minProperties": 1, "maxProperties": 1})

# -- keypairs (schemas/keypairs.py) ------------------------------------------------------------

_KEYPAIR_NAME = {"allOf": [NAME, {"type": "string", "pattern": r"^[_\- a-zA-Z0-9]+$",
                                  "minLength": 1, "maxLength": 255}]}
_KEYPAIR_NAME_292 = {"allOf": [NAME, {"type": "string", "pattern": r"^[_\-\@\. a-zA-Z0-9]+$",
                                      "minLength": 1, "maxLength": 255}]}


def keypair_create_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The `POST /os-keypairs` schema."""
    key = _range_key(version, ((2, 2), (2, 10), (2, 92)))
    found = _KEYPAIR_CACHE.get(key)
    if found is None:
        props: dict[str, Any] = {"name": _KEYPAIR_NAME}
        if version >= (2, 2):
            props["type"] = {"type": "string", "enum": ["ssh", "x509"]}
        props["public_key"] = {"type": "string"}
        if version >= (2, 10):
            props["user_id"] = {"type": "string"}
        required = ["name"]
        if version >= (2, 92):
            props["name"] = _KEYPAIR_NAME_292
            required.append("public_key")
        found = _wrapped("keypair", _object(props, required))
        _KEYPAIR_CACHE[key] = found
    return found


_KEYPAIR_CACHE: dict[int, dict[str, Any]] = {}

# -- flavors (schemas/flavors.py) --------------------------------------------------------------

_FLAVOR_SIZE = {"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 1,
                "maximum": 2147483647}
_FLAVOR_SIZE0 = {**_FLAVOR_SIZE, "minimum": 0}


def flavor_create_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The `POST /flavors` schema."""
    return _FLAVOR_CREATE_255 if version >= (2, 55) else _FLAVOR_CREATE


_FLAVOR_PROPS: dict[str, Any] = {
    "name": NAME,
    "id": {"type": ["string", "number", "null"], "minLength": 1, "maxLength": 255,
           "pattern": "^(?! )[a-zA-Z0-9. _-]+(?<! )$"},
    "ram": _FLAVOR_SIZE,
    "vcpus": _FLAVOR_SIZE,
    "disk": _FLAVOR_SIZE0,
    "OS-FLV-EXT-DATA:ephemeral": _FLAVOR_SIZE0,
    "swap": _FLAVOR_SIZE0,
    "rxtx_factor": {"type": ["number", "string"], "pattern": r"^[0-9]+(\.[0-9]+)?$",
                    "exclusiveMinimum": 0, "maximum": 3.40282e38},
    "os-flavor-access:is_public": _BOOLEAN,
}
_FLAVOR_CREATE = _wrapped("flavor", _object(dict(_FLAVOR_PROPS), ["name", "ram", "vcpus",
                                                                  "disk"]))
_FLAVOR_CREATE_255 = _wrapped("flavor", _object({**_FLAVOR_PROPS, "description": _DESCRIPTION},
                                                ["name", "ram", "vcpus", "disk"]))
