"""Request validation as Cinder does it: JSON schemas from `cinder/api/schemas/`, checked by
jsonschema's Draft 4 validator with Cinder's format checkers and numeric-string `minimum`,
errors worded by `cinder/api/validation/validators.py`:

* `Invalid input for field/attribute <key>. Value: <value>. <jsonschema message>`,
* the bare jsonschema message when the error is at the top level,
* a format checker's own `InvalidInput` ("Invalid input received: name has 256
  characters, more than 255.") when it raises one.

Query strings (paging, sorting, the listings' filters, as `cinder/api/common.py` and the
v3 controllers parse them) are parsed by `schema.query`, whose names are re-exported here.

Example:
    >>> try:
    ...     check_body(EXTEND, {"os-extend": {"new_size": 0}})
    ... except BadRequest as exc:
    ...     print(exc.message)
    Invalid input for field/attribute new_size. Value: 0. 0 is less than the minimum of 1
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Any

from stackdouble.fakes.blockstorage.errors import BadRequest, invalid_input
from stackdouble.fakes.blockstorage.schema.query import (
    ListParams,
    VolumeQuery,
    attachment_filters,
    backup_filters,
    bool_from_string,
    bool_param,
    list_params,
    paging,
    snapshot_filters,
    volume_filters,
)
from stackdouble.fakes.jsonschemas import lenient_bounds
from stackdouble.fakes.osloutils import is_uuid_like

__all__ = [
    "ADD_PROJECT_ACCESS",
    "ATTACH",
    "ATTACHMENT_COMPLETE",
    "ATTACHMENT_CREATE",
    "ATTACHMENT_CREATE_V354",
    "ATTACHMENT_UPDATE",
    "BACKUP_CREATE",
    "BACKUP_CREATE_V343",
    "BACKUP_CREATE_V351",
    "BACKUP_FORCE_DELETE",
    "BACKUP_RESET_STATUS",
    "BACKUP_RESTORE",
    "BACKUP_UPDATE",
    "BACKUP_UPDATE_V343",
    "BEGIN_DETACHING",
    "DEFAULT_TYPE_SET",
    "DETACH",
    "EXTEND",
    "EXTRA_SPECS_CREATE",
    "EXTRA_SPEC_UPDATE",
    "GROUP_CREATE",
    "GROUP_CREATE_FROM_SRC",
    "GROUP_DELETE",
    "GROUP_RESET_STATUS",
    "GROUP_SNAPSHOT_CREATE",
    "GROUP_SNAPSHOT_RESET_STATUS",
    "GROUP_SPECS_CREATE",
    "GROUP_SPEC_UPDATE",
    "GROUP_TYPE_CREATE",
    "GROUP_TYPE_UPDATE",
    "GROUP_UPDATE",
    "METADATA_CREATE",
    "METADATA_UPDATE",
    "QUOTA_SET_UPDATE",
    "REIMAGE",
    "REMOVE_PROJECT_ACCESS",
    "RESERVE",
    "RESET_STATUS",
    "ROLL_DETACHING",
    "SET_BOOTABLE",
    "SET_IMAGE_METADATA",
    "SHOW_IMAGE_METADATA",
    "SNAPSHOT_CREATE",
    "SNAPSHOT_METADATA_CREATE",
    "SNAPSHOT_METADATA_UPDATE",
    "SNAPSHOT_UPDATE",
    "TYPE_CREATE",
    "TYPE_UPDATE",
    "UNRESERVE",
    "UNSET_IMAGE_METADATA",
    "UPLOAD_IMAGE",
    "UPLOAD_IMAGE_V31",
    "ListParams",
    "VolumeQuery",
    "attachment_filters",
    "backup_filters",
    "bool_from_string",
    "bool_param",
    "check_body",
    "check_quota_set",
    "list_params",
    "paging",
    "snapshot_changes",
    "snapshot_create_args",
    "snapshot_filters",
    "volume_changes",
    "volume_create_args",
    "volume_create_schema",
    "volume_filters",
    "volume_update_schema",
]

_DB_MAX_INT = 0x7FFFFFFF

# -- parameter types (cinder/api/validation/parameter_types.py) ----------------------------

_BOOLEAN = {"type": ["boolean", "string"],
            "enum": [True, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
                     "y", "t", False, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO",
                     "No", "no", "n", "f"]}
_UUID = {"type": "string", "format": "uuid"}
_UUID_ALLOW_NULL = {"oneOf": [_UUID, {"type": "null"}]}
_OPTIONAL_UUID = {"oneOf": [{"type": "null"}, {"type": "string", "format": "uuid"}]}
_EXTRA_SPECS = {"type": "object",
                "patternProperties": {"^[a-zA-Z0-9-_:. /]{1,255}$": {"type": "string",
                                                                      "maxLength": 255}},
                "additionalProperties": False}
_METADATA_ALLOWS_NULL = {**copy.deepcopy(_EXTRA_SPECS), "type": ["object", "null"]}
_NAME_ALLOW_ZERO = {"type": ["string", "null"], "minLength": 0, "maxLength": 255}
_VOLUME_SIZE = {"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 1,
                "maximum": _DB_MAX_INT}
_VOLUME_SIZE_ALLOWS_NULL = {**_VOLUME_SIZE, "type": ["integer", "string", "null"]}
_AZ = {"type": ["string", "null"], "format": "availability_zone"}
_DESCRIPTION_PATTERN = "__description__"  # replaced by Cinder's printable-range regex
_DESCRIPTION = {"type": ["string", "null"], "minLength": 0, "maxLength": 255,
                "pattern": _DESCRIPTION_PATTERN}

# -- volumes (cinder/api/schemas/volumes.py) -----------------------------------------------

_CREATE_VOLUME = {
    "type": "object",
    "properties": {
        "volume": {
            "type": "object",
            "properties": {
                "name": {"type": ["string", "null"],
                         "format": "name_non_mandatory_remove_white_spaces"},
                "description": {"type": ["string", "null"],
                                "format": "description_non_mandatory_remove_white_spaces"},
                "display_name": {"type": ["string", "null"],
                                 "format": "name_non_mandatory_remove_white_spaces"},
                "display_description": {
                    "type": ["string", "null"],
                    "format": "description_non_mandatory_remove_white_spaces"},
                "volume_type": _NAME_ALLOW_ZERO,
                "metadata": _METADATA_ALLOWS_NULL,
                "snapshot_id": _OPTIONAL_UUID,
                "source_volid": _OPTIONAL_UUID,
                "consistencygroup_id": _OPTIONAL_UUID,
                "size": _VOLUME_SIZE_ALLOWS_NULL,
                "availability_zone": _AZ,
                "multiattach": {"oneOf": [{"type": "null"}, _BOOLEAN]},
                "image_id": {"type": ["string", "null"], "minLength": 0, "maxLength": 255},
                "imageRef": {"type": ["string", "null"], "minLength": 0, "maxLength": 255},
            },
            "additionalProperties": True,
        },
        "OS-SCH-HNT:scheduler_hints": {"type": ["object", "null"]},
    },
    "required": ["volume"],
    "additionalProperties": False,
}
_CREATE_VOLUME_V313 = copy.deepcopy(_CREATE_VOLUME)
_CREATE_VOLUME_V313["properties"]["volume"]["properties"]["group_id"] = {  # type: ignore[index]
    "type": ["string", "null"], "minLength": 0, "maxLength": 255}
_CREATE_VOLUME_V347 = copy.deepcopy(_CREATE_VOLUME_V313)
_CREATE_VOLUME_V347["properties"]["volume"]["properties"]["backup_id"] = (  # type: ignore[index]
    _OPTIONAL_UUID)
_CREATE_VOLUME_V353 = copy.deepcopy(_CREATE_VOLUME_V347)
_CREATE_VOLUME_V353["properties"]["volume"]["additionalProperties"] = False  # type: ignore[index]

_UPDATE_VOLUME = {
    "type": "object",
    "properties": {
        "volume": {
            "type": "object",
            "properties": {
                "name": {"type": ["string", "null"],
                         "format": "name_non_mandatory_remove_white_spaces"},
                "description": {"type": ["string", "null"],
                                "format": "description_non_mandatory_remove_white_spaces"},
                "display_name": {"type": ["string", "null"],
                                 "format": "name_non_mandatory_remove_white_spaces"},
                "display_description": {
                    "type": ["string", "null"],
                    "format": "description_non_mandatory_remove_white_spaces"},
                "metadata": _EXTRA_SPECS,
            },
            "additionalProperties": False,
        },
    },
    "required": ["volume"],
    "additionalProperties": False,
}
_UPDATE_VOLUME_V353 = copy.deepcopy(_UPDATE_VOLUME)
_UPDATE_VOLUME_V353["properties"]["volume"]["anyOf"] = [  # type: ignore[index]
    {"required": ["name"]}, {"required": ["description"]}, {"required": ["display_name"]},
    {"required": ["display_description"]}, {"required": ["metadata"]}]

METADATA_CREATE = {"type": "object",
                   "properties": {"metadata": _EXTRA_SPECS},
                   "required": ["metadata"], "additionalProperties": False}
METADATA_UPDATE = {"type": "object",
                   "properties": {"meta": {**copy.deepcopy(_EXTRA_SPECS), "minProperties": 1,
                                           "maxProperties": 1}},
                   "required": ["meta"], "additionalProperties": False}

# `cinder/api/schemas/snapshot_metadata.py`: keys of letters, digits and `-_:. `; other
# members of the body are let through (additionalProperties).
_SNAPSHOT_METADATA = {"type": "object",
                      "patternProperties": {"^[a-zA-Z0-9-_:. ]{1,255}$": {
                          "type": "string", "maxLength": 255}},
                      "additionalProperties": False}
SNAPSHOT_METADATA_CREATE = {"type": "object", "properties": {"metadata": _SNAPSHOT_METADATA},
                            "required": ["metadata"], "additionalProperties": True}
SNAPSHOT_METADATA_UPDATE = {"type": "object",
                            "properties": {"meta": {**copy.deepcopy(_SNAPSHOT_METADATA),
                                                    "minProperties": 1, "maxProperties": 1}},
                            "required": ["meta"], "additionalProperties": True}

# -- volume actions (cinder/api/schemas/volume_actions.py, admin_actions.py) ----------------


def _empty_action(name: str) -> dict[str, Any]:
    return {"type": "object", "properties": {name: {}}, "required": [name],
            "additionalProperties": False}


EXTEND = {"type": "object",
          "properties": {"os-extend": {"type": "object",
                                       "properties": {"new_size": _VOLUME_SIZE},
                                       "required": ["new_size"],
                                       "additionalProperties": False}},
          "required": ["os-extend"], "additionalProperties": False}
SET_BOOTABLE = {"type": "object",
                "properties": {"os-set_bootable": {"type": "object",
                                                   "properties": {"bootable": _BOOLEAN},
                                                   "required": ["bootable"],
                                                   "additionalProperties": False}},
                "required": ["os-set_bootable"], "additionalProperties": False}
ATTACH = {"type": "object",
          "properties": {"os-attach": {
              "type": "object",
              "properties": {"instance_uuid": _UUID,
                             "mountpoint": {"type": "string", "minLength": 1,
                                            "maxLength": 255},
                             "host_name": {"type": "string", "maxLength": 255},
                             "mode": {"type": "string", "enum": ["rw", "ro"]}},
              "required": ["mountpoint"],
              "anyOf": [{"required": ["instance_uuid"]}, {"required": ["host_name"]}],
              "additionalProperties": False}},
          "required": ["os-attach"], "additionalProperties": False}
DETACH = {"type": "object",
          "properties": {"os-detach": {"type": ["object", "null"],
                                       "properties": {"attachment_id": _UUID_ALLOW_NULL},
                                       "additionalProperties": False}},
          "required": ["os-detach"], "additionalProperties": False}
RESERVE = _empty_action("os-reserve")
UNRESERVE = _empty_action("os-unreserve")
BEGIN_DETACHING = _empty_action("os-begin_detaching")
ROLL_DETACHING = _empty_action("os-roll_detaching")
FORCE_DELETE = _empty_action("os-force_delete")
RESET_STATUS = {"type": "object",
                "properties": {"os-reset_status": {
                    "type": "object",
                    "properties": {"status": {"type": ["string", "null"]},
                                   "attach_status": {"type": ["string", "null"],
                                                     "enum": ["attached", "detached", None]},
                                   "migration_status": {"type": ["string", "null"]}},
                    "additionalProperties": False}},
                "required": ["os-reset_status"], "additionalProperties": False}

# -- image actions (cinder/api/schemas/volume_actions.py, volume_image_metadata.py) ---------

UPLOAD_IMAGE = {"type": "object",
                "properties": {"os-volume_upload_image": {
                    "type": "object",
                    "properties": {"image_name": {"type": "string", "minLength": 1,
                                                  "maxLength": 255},
                                   "force": _BOOLEAN,
                                   "disk_format": {"type": "string",
                                                   "enum": ["raw", "vmdk", "vdi", "qcow2",
                                                            "vhd", "vhdx", "ploop"]},
                                   "container_format": _DESCRIPTION},
                    "required": ["image_name"], "additionalProperties": False}},
                "required": ["os-volume_upload_image"], "additionalProperties": False}
#: From 3.1: also `visibility` and `protected`.
UPLOAD_IMAGE_V31 = copy.deepcopy(UPLOAD_IMAGE)
UPLOAD_IMAGE_V31["properties"]["os-volume_upload_image"]["properties"].update(  # type: ignore[index]
    {"visibility": {"type": "string", "enum": ["community", "public", "private", "shared"]},
     "protected": _BOOLEAN})
REIMAGE = {"type": "object",
           "properties": {"os-reimage": {"type": "object",
                                         "properties": {"image_id": _UUID,
                                                        "reimage_reserved": _BOOLEAN},
                                         "required": ["image_id"],
                                         "additionalProperties": False}},
           "required": ["os-reimage"], "additionalProperties": False}
SET_IMAGE_METADATA = {
    "type": "object",
    "properties": {"os-set_image_metadata": {
        "type": "object",
        "properties": {"metadata": {"type": "object",
                                    "patternProperties": {
                                        "^[a-zA-Z0-9-_:. /]{1,255}$": {"type": "string"}},
                                    "additionalProperties": False}},
        "required": ["metadata"], "additionalProperties": False}},
    "required": ["os-set_image_metadata"], "additionalProperties": False}
UNSET_IMAGE_METADATA = {
    "type": "object",
    "properties": {"os-unset_image_metadata": {
        "type": "object",
        "properties": {"key": {"type": "string", "minLength": 1, "maxLength": 255}},
        "required": ["key"], "additionalProperties": False}},
    "required": ["os-unset_image_metadata"], "additionalProperties": False}
SHOW_IMAGE_METADATA = _empty_action("os-show_image_metadata")

# -- snapshots (cinder/api/schemas/snapshots.py) --------------------------------------------

SNAPSHOT_CREATE = {
    "type": "object",
    "properties": {"snapshot": {"type": "object",
                                "properties": {"name": _NAME_ALLOW_ZERO,
                                               "display_name": _NAME_ALLOW_ZERO,
                                               "description": _DESCRIPTION,
                                               "volume_id": _UUID_ALLOW_NULL,
                                               "force": _BOOLEAN,
                                               "metadata": _METADATA_ALLOWS_NULL},
                                "required": ["volume_id"],
                                "additionalProperties": False}},
    "required": ["snapshot"],
    "additionalProperties": False,
}
#: `cinder/api/schemas/quotas.py` `update`; its `quota_set` format is `check_quota_set`.
QUOTA_SET_UPDATE = {
    "type": "object",
    "properties": {"quota_set": {"type": "object", "minProperties": 1}},
    "required": ["quota_set"],
    "additionalProperties": False,
}
#: `quota.NON_QUOTA_KEYS`: accepted in an update's `quota_set` and ignored.
NON_QUOTA_KEYS = ("tenant_id", "id")


def check_quota_set(quota_set: dict[str, Any], known: list[str]) -> None:
    """The `quota_set` format checker (`validators._validate_quota_set`): each known
    key's value through `validate_integer(-1..DB_MAX_INT)` in order, then the unknown keys.

    Raises:
        BadRequest: "volumes must be an integer" (`True`, `1.5`, `"x"`), "volumes must be
            >= -1", "volumes must be <= 2147483647", or "Invalid input received: Bad key(s)
            in quota set: a, b".

    Query strings (paging, sorting, the listings' filters, as `cinder/api/common.py` and the
v3 controllers parse them) are parsed by `schema.query`, whose names are re-exported here.

Example:
        >>> try:
        ...     check_quota_set({"volumez": 1, "foo": 2}, ["volumes"])
        ... except BadRequest as exc:
        ...     print(exc.message)
        Invalid input received: Bad key(s) in quota set: volumez, foo
    """
    bad = []
    for key, value in quota_set.items():
        if key not in known and key not in NON_QUOTA_KEYS:
            bad.append(key)
            continue
        if key in NON_QUOTA_KEYS:
            continue
        try:
            number = int(str(value))
        except ValueError:
            raise BadRequest(f"{key} must be an integer") from None
        if number < -1:
            raise BadRequest(f"{key} must be >= -1")
        if number > _DB_MAX_INT:
            raise BadRequest(f"{key} must be <= {_DB_MAX_INT}")
    if bad:
        raise invalid_input(f"Bad key(s) in quota set: {', '.join(bad)}")


SNAPSHOT_UPDATE = {
    "type": "object",
    "properties": {"snapshot": {"type": "object",
                                "properties": {"name": _NAME_ALLOW_ZERO,
                                               "description": _DESCRIPTION,
                                               "display_name": _NAME_ALLOW_ZERO,
                                               "display_description": _DESCRIPTION},
                                "additionalProperties": False,
                                "anyOf": [{"required": ["name"]}, {"required": ["description"]},
                                          {"required": ["display_name"]},
                                          {"required": ["display_description"]}]}},
    "required": ["snapshot"],
    "additionalProperties": False,
}


def volume_create_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The create schema for a microversion (3.13 `group_id`, 3.47 `backup_id`, 3.53
    strict)."""
    if version >= (3, 53):
        return _CREATE_VOLUME_V353
    if version >= (3, 47):
        return _CREATE_VOLUME_V347
    if version >= (3, 13):
        return _CREATE_VOLUME_V313
    return _CREATE_VOLUME


def volume_update_schema(version: tuple[int, int]) -> dict[str, Any]:
    """The update schema for a microversion (3.53: at least one key)."""
    return _UPDATE_VOLUME_V353 if version >= (3, 53) else _UPDATE_VOLUME


# -- the validator --------------------------------------------------------------------------

_DESCRIPTION_REGEX: str | None = None


def _printable(char: str) -> bool:
    category = unicodedata.category(char)
    return not category.startswith("C") and (not category.startswith("Z") or category == "Zs")


def description_regex() -> str:
    """`valid_description_regex`: Cinder's range regex of the printable BMP characters
    (built once, as Cinder builds it at import)."""
    global _DESCRIPTION_REGEX
    if _DESCRIPTION_REGEX is None:
        regex, in_range, last, last_added = "", False, "", ""
        char = ""
        for i in range(0xFFFF):
            char = chr(i)
            if _printable(char):
                if not in_range:
                    regex += re.escape(char)
                    last_added = char
                in_range = True
            else:
                if in_range and last != last_added:
                    regex += "-" + re.escape(last)
                in_range = False
            last = char
        if in_range:
            regex += "-" + re.escape(char)
        _DESCRIPTION_REGEX = f"^[{regex}]*$"
    return _DESCRIPTION_REGEX


def _check_length(value: Any, name: str, *, mandatory: bool, min_length: int) -> bool:
    """`_validate_string_length` with `utils.check_string_length` (raises InvalidInput)."""
    if not mandatory and not value:
        return True
    if mandatory and not value:
        raise BadRequest(f"The '{name}' can not be None.")
    if not isinstance(value, str):
        raise invalid_input(f"{name} is not a string or unicode")
    value = value.strip()
    if len(value) < min_length:
        raise invalid_input(f"{name} has {len(value)} characters, less than {min_length}.")
    if len(value) > 255:
        raise invalid_input(f"{name} has {len(value)} characters, more than 255.")
    return True


def _check_name(value: Any) -> bool:
    """`_validate_name`: a name that is not only spaces."""
    if isinstance(value, str) and not value.strip():
        raise invalid_input("The 'name' can not be empty.")
    return True


def _check_backup_status(value: Any) -> bool:
    """`_validate_backup_status` (`fields.BackupStatus.ALL`)."""
    from stackdouble.fakes.blockstorage.models import BACKUP_STATUSES

    if isinstance(value, str) and value.lower() not in BACKUP_STATUSES:
        raise BadRequest(f"Backup status: {value} is invalid, valid statuses are: "
                         f"{sorted(BACKUP_STATUSES)}.")
    return True


_VALIDATOR_CLASS: Any = None
_CHECKER: Any = None
_VALIDATORS: dict[int, Any] = {}


def _resolve(schema: Any) -> Any:
    """The schema with the description placeholder replaced by Cinder's regex."""
    if isinstance(schema, dict):
        return {k: (description_regex() if v == _DESCRIPTION_PATTERN else _resolve(v))
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [_resolve(v) for v in schema]
    return schema


def _validator(schema: dict[str, Any]) -> Any:
    global _VALIDATOR_CLASS, _CHECKER
    found = _VALIDATORS.get(id(schema))
    if found is not None:
        return found
    import jsonschema  # type: ignore[import-untyped,unused-ignore]
    from jsonschema import Draft4Validator  # type: ignore[import-untyped,unused-ignore]

    if _VALIDATOR_CLASS is None:
        _VALIDATOR_CLASS = lenient_bounds(Draft4Validator)
        checker = jsonschema.FormatChecker(formats=())
        checker.checks("uuid")(lambda v: not isinstance(v, str) or is_uuid_like(v))
        checker.checks("name_non_mandatory_remove_white_spaces")(
            lambda v: _check_length(v, "name", mandatory=False, min_length=0))
        checker.checks("description_non_mandatory_remove_white_spaces")(
            lambda v: _check_length(v, "description", mandatory=False, min_length=0))
        checker.checks("name")(_check_name)
        checker.checks("backup_status")(_check_backup_status)
        checker.checks("availability_zone")(
            lambda v: v is None or _check_length(v, "availability_zone", mandatory=True,
                                                 min_length=1))
        _CHECKER = checker
    found = _VALIDATOR_CLASS(_resolve(schema), format_checker=_CHECKER)
    _VALIDATORS[id(schema)] = found
    return found


def check_body(schema: dict[str, Any], body: Any) -> None:
    """Validate a decoded request body; the first error wins.

    Raises:
        BadRequest: Cinder's 400, worded as Cinder words it.
    """
    try:
        error = next(iter(_validator(schema).iter_errors(body)), None)
    except TypeError as exc:  # Cinder: patternProperties on a non-string key
        raise BadRequest(str(exc)) from None
    if error is None:
        return
    if error.path:
        raise BadRequest(f"Invalid input for field/attribute {error.path.pop()}. "
                         f"Value: {error.instance}. {error.message}")
    raise BadRequest(error.message)


# -- validated bodies to model arguments ---------------------------------------------------


def volume_create_args(given: dict[str, Any]) -> dict[str, Any]:
    """`create_volume`'s keyword arguments from a validated `volume` body, as
    `cinder/api/v3/volumes.py` `create` reads it: `name` or `display_name` and the
    description stripped, `imageRef` or `image_id`, an empty `volume_type` as none.

    Raises:
        BadRequest: "multiattach parameter has been removed. ..." (a true `multiattach`).
    """
    name = given.get("name", given.get("display_name"))
    description = given.get("description", given.get("display_description"))
    image_ref = given.get("imageRef", given.get("image_id"))
    multiattach = given.get("multiattach")
    size = given.get("size")
    if multiattach is not None and bool_from_string(multiattach, strict=False):
        raise BadRequest("multiattach parameter has been removed. The default behavior is to "
                         "use multiattach enabled volume types. Contact your administrator "
                         "to create a multiattach enabled volume type and use it to create "
                         "multiattach volumes.")
    return {
        "size": int(size) if size is not None else None,
        "name": name.strip() if isinstance(name, str) else name,
        "description": description.strip() if isinstance(description, str) else description,
        "volume_type": given.get("volume_type") or None, "metadata": given.get("metadata"),
        "availability_zone": given.get("availability_zone"),
        "snapshot_id": given.get("snapshot_id"), "source_volid": given.get("source_volid"),
        "image_id": image_ref if image_ref else None,
    }


def volume_changes(given: dict[str, Any]) -> dict[str, Any]:
    """`update_volume`'s changes from a validated `volume` body: `name`/`display_name`
    and `description`/`display_description` stripped, `metadata` as given."""
    changes: dict[str, Any] = {}
    for key, attr in (("name", "name"), ("display_name", "name"),
                      ("description", "description"),
                      ("display_description", "description"), ("metadata", "metadata")):
        if key in given:
            value = given[key]
            changes[attr] = value.strip() if isinstance(value, str) and attr != "metadata" \
                else value
    return changes


def snapshot_changes(given: dict[str, Any]) -> dict[str, Any]:
    """`update_snapshot`'s changes from a validated `snapshot` body (names stripped)."""
    changes: dict[str, Any] = {}
    for key, attr in (("name", "name"), ("display_name", "name"),
                      ("description", "description"), ("display_description", "description")):
        if key in given:
            value = given[key]
            changes[attr] = value.strip() if isinstance(value, str) else value
    return changes


def snapshot_create_args(given: dict[str, Any], version: tuple[int, int]) -> dict[str, Any]:
    """`create_snapshot`'s keyword arguments (but the volume) from a validated `snapshot`
    body, read once the volume was found: `force` (refused when false from 3.66, where
    `in-use` volumes are allowed anyway), the name and description stripped.

    Raises:
        BadRequest: "Since microversion 3.66 the 'force' flag is invalid for this
            request. ...", or a `force` that is no boolean.
    """
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
    return {
        "name": name.strip() if isinstance(name, str) else name,
        "description": description.strip() if isinstance(description, str) else description,
        "force": force, "allow_in_use": version >= (3, 66) and not force,
        "metadata": given.get("metadata"),
    }


# -- volume types (cinder/api/schemas/volume_types.py, types_extra_specs.py,
#    volume_type_access.py) ---------------------------------------------------------------

_TYPE_NAME = {"type": "string", "minLength": 1, "maxLength": 255, "format": "name"}
_EXTRA_SPECS_WITH_NULL = copy.deepcopy(_EXTRA_SPECS)
_EXTRA_SPECS_WITH_NULL["patternProperties"]["^[a-zA-Z0-9-_:. /]{1,255}$"]["type"] = [  # type: ignore[index]
    "string", "null"]
_EXTRA_SPECS_NO_SPACES = {"type": "object",
                          "patternProperties": {"^[a-zA-Z0-9-_:.]{1,255}$": {
                              "type": ["string", "null"], "minLength": 0, "maxLength": 255}},
                          "additionalProperties": False}
TYPE_CREATE = {
    "type": "object",
    "properties": {"volume_type": {
        "type": "object",
        "properties": {"name": _TYPE_NAME, "description": _DESCRIPTION,
                       "extra_specs": {**copy.deepcopy(_EXTRA_SPECS_WITH_NULL),
                                       "type": ["object", "null"]},
                       "os-volume-type-access:is_public": _BOOLEAN},
        "required": ["name"], "additionalProperties": False}},
    "required": ["volume_type"], "additionalProperties": False}
TYPE_UPDATE = {
    "type": "object",
    "properties": {"volume_type": {
        "type": "object",
        "properties": {"name": {"type": ["string", "null"], "minLength": 1, "maxLength": 255},
                       "description": _DESCRIPTION, "is_public": _BOOLEAN},
        "additionalProperties": False}},
    "required": ["volume_type"], "additionalProperties": False}
EXTRA_SPECS_CREATE = {"type": "object", "properties": {"extra_specs": _EXTRA_SPECS_NO_SPACES},
                      "required": ["extra_specs"], "additionalProperties": False}
EXTRA_SPEC_UPDATE = {**copy.deepcopy(_EXTRA_SPECS_NO_SPACES), "minProperties": 1,
                     "maxProperties": 1}


def _project_access(action: str) -> dict[str, Any]:
    return {"type": "object",
            "properties": {action: {"type": "object",
                                    "properties": {"project": {"type": "string",
                                                               "minLength": 1,
                                                               "maxLength": 255}},
                                    "required": ["project"], "additionalProperties": False}},
            "required": [action], "additionalProperties": False}


ADD_PROJECT_ACCESS = _project_access("addProjectAccess")
REMOVE_PROJECT_ACCESS = _project_access("removeProjectAccess")

# -- default types (cinder/api/schemas/default_types.py) ------------------------------------

#: `create_or_update`, plus a required `default_type` (Cinder's schema leaves it optional
#: and its controller then fails with a 500).
DEFAULT_TYPE_SET = {
    "type": "object",
    "properties": {"default_type": {
        "type": "object",
        "properties": {"volume_type": _TYPE_NAME},
        "required": ["volume_type"], "additionalProperties": False}},
    "required": ["default_type"]}

# -- backups (cinder/api/schemas/backups.py, admin_actions.py) ------------------------------

_NAME_OR_NULL = {"type": ["string", "null"], "minLength": 0, "maxLength": 255}
BACKUP_CREATE = {
    "type": "object",
    "properties": {"backup": {
        "type": "object",
        "properties": {"volume_id": _UUID, "container": _NAME_OR_NULL,
                       "description": _DESCRIPTION, "incremental": _BOOLEAN, "force": _BOOLEAN,
                       "name": _NAME_OR_NULL, "snapshot_id": _UUID_ALLOW_NULL},
        "required": ["volume_id"], "additionalProperties": False}},
    "required": ["backup"], "additionalProperties": False}
#: 3.43: `metadata`.
BACKUP_CREATE_V343 = copy.deepcopy(BACKUP_CREATE)
BACKUP_CREATE_V343["properties"]["backup"]["properties"]["metadata"] = (  # type: ignore[index]
    _METADATA_ALLOWS_NULL)
#: 3.51: `availability_zone`.
BACKUP_CREATE_V351 = copy.deepcopy(BACKUP_CREATE_V343)
BACKUP_CREATE_V351["properties"]["backup"]["properties"]["availability_zone"] = (  # type: ignore[index]
    _NAME_OR_NULL)
BACKUP_UPDATE = {
    "type": "object",
    "properties": {"backup": {"type": ["object", "null"],
                              "properties": {"name": _NAME_OR_NULL,
                                             "description": _DESCRIPTION},
                              "additionalProperties": False}},
    "required": ["backup"], "additionalProperties": False}
#: 3.43: `metadata`.
BACKUP_UPDATE_V343 = copy.deepcopy(BACKUP_UPDATE)
BACKUP_UPDATE_V343["properties"]["backup"]["properties"]["metadata"] = _EXTRA_SPECS  # type: ignore[index]
BACKUP_RESTORE = {
    "type": "object",
    "properties": {"restore": {"type": ["object", "null"],
                               "properties": {"name": _NAME_OR_NULL,
                                              "volume_id": _UUID_ALLOW_NULL},
                               "additionalProperties": False}},
    "required": ["restore"], "additionalProperties": False}
BACKUP_RESET_STATUS = {
    "type": "object",
    "properties": {"os-reset_status": {"type": "object",
                                       "properties": {"status": {"type": "string",
                                                                 "format": "backup_status"}},
                                       "required": ["status"], "additionalProperties": False}},
    "required": ["os-reset_status"], "additionalProperties": False}
BACKUP_FORCE_DELETE = _empty_action("os-force_delete")

# -- attachments (cinder/api/schemas/attachments.py) ----------------------------------------

ATTACHMENT_CREATE = {
    "type": "object",
    "properties": {"attachment": {
        "type": "object",
        "properties": {"instance_uuid": _UUID, "connector": {"type": ["object", "null"]},
                       "volume_uuid": _UUID},
        "required": ["volume_uuid"], "additionalProperties": False}},
    "required": ["attachment"], "additionalProperties": False}
#: 3.54: `mode`.
ATTACHMENT_CREATE_V354 = copy.deepcopy(ATTACHMENT_CREATE)
ATTACHMENT_CREATE_V354["properties"]["attachment"]["properties"]["mode"] = {  # type: ignore[index]
    "type": "string", "enum": ["rw", "ro"]}
ATTACHMENT_UPDATE = {
    "type": "object",
    "properties": {"attachment": {
        "type": "object",
        "properties": {"connector": {"type": "object", "minProperties": 1}},
        "required": ["connector"], "additionalProperties": False}},
    "required": ["attachment"], "additionalProperties": False}
ATTACHMENT_COMPLETE = {"type": "object", "properties": {"os-complete": {}},
                       "required": ["os-complete"], "additionalProperties": False}

# -- volume transfers (cinder/api/schemas/volume_transfer.py) ------------------------------

#: The transfer's `name`; its `name_skip_leading_trailing_spaces` format is checked by
#: `transfer_name_error`, as it fails inside a `oneOf`.
_TRANSFER_NAME = {"oneOf": [{"type": "string"}, {"type": "null"}]}
TRANSFER_CREATE = {
    "type": "object",
    "properties": {"transfer": {
        "type": "object",
        "properties": {"volume_id": _UUID, "name": _TRANSFER_NAME},
        "required": ["volume_id"], "additionalProperties": False}},
    "required": ["transfer"], "additionalProperties": False}
#: 3.55: `no_snapshots`.
TRANSFER_CREATE_V355 = copy.deepcopy(TRANSFER_CREATE)
TRANSFER_CREATE_V355["properties"]["transfer"]["properties"]["no_snapshots"] = (  # type: ignore[index]
    _BOOLEAN)
TRANSFER_ACCEPT = {
    "type": "object",
    "properties": {"accept": {
        "type": "object", "properties": {"auth_key": {"type": ["string", "integer"]}},
        "required": ["auth_key"], "additionalProperties": False}},
    "required": ["accept"], "additionalProperties": False}


def transfer_name_error(name: object) -> str | None:
    """Cinder's 400 message for a transfer `name` its format refuses (None, empty or
    blank once stripped, longer than 255), or None when it passes."""
    if not isinstance(name, str):
        return None
    stripped = name.strip()
    if name and stripped and len(stripped) <= 255:
        return None
    return (f"Invalid input for field/attribute name. Value: {name}. {name!r} is not valid "
            "under any of the given schemas")

# -- QoS specs (cinder/api/schemas/qos_specs.py) -------------------------------------------

#: `create`: a `name` (its `name_skip_leading_trailing_spaces` format is checked by
#: `qos_name_error`), any other keys.
QOS_CREATE = {
    "type": "object",
    "properties": {"qos_specs": {"type": "object", "properties": {"name": {"type": "string"}},
                                 "required": ["name"], "additionalProperties": True}},
    "required": ["qos_specs"], "additionalProperties": False}
_EXTRA_SPECS_WITH_NULL = copy.deepcopy(_EXTRA_SPECS)
_EXTRA_SPECS_WITH_NULL["patternProperties"]["^[a-zA-Z0-9-_:. /]{1,255}$"]["type"] = [  # type: ignore[index]
    "string", "null"]
#: `set` (`PUT /qos-specs/{id}`): `extra_specs_with_null`.
QOS_SET = {"type": "object", "properties": {"qos_specs": _EXTRA_SPECS_WITH_NULL},
           "required": ["qos_specs"], "additionalProperties": False}
#: `unset` (`PUT /qos-specs/{id}/delete_keys`).
QOS_UNSET = {
    "type": "object",
    "properties": {"keys": {"type": "array", "uniqueItems": True,
                            "items": {"type": "string", "minLength": 1, "maxLength": 255}}},
    "required": ["keys"], "additionalProperties": False}


def qos_name_error(name: str) -> str | None:
    """Cinder's 400 message for a QoS specs `name` its format refuses (`InvalidName`,
    raised outside any `oneOf`, so its own words), or None when it passes."""
    stripped = name.strip()
    if not name:
        reason = "The 'name' can not be None."
    elif not stripped:
        reason = "The 'name' can not be empty."
    elif len(stripped) > 255:
        reason = "The 'name' can not be greater than 255 characters."
    else:
        return None
    return f"An invalid 'name' value was provided. {reason}"


# -- generic volume groups (cinder/api/schemas/group_types.py, group_specs.py, groups.py,
# group_snapshots.py) ------------------------------------------------------------------------

_GROUP_SPECS = {"type": "object",
                "patternProperties": {"^[a-zA-Z0-9-_:.]{1,255}$": {
                    "type": ["string", "null"], "maxLength": 255}},
                "additionalProperties": False}
_GROUP_STATUS = {"type": "string"}
GROUP_TYPE_CREATE = {
    "type": "object",
    "properties": {"group_type": {
        "type": "object",
        "properties": {"name": _TYPE_NAME, "description": _DESCRIPTION, "is_public": _BOOLEAN,
                       "group_specs": {**copy.deepcopy(_EXTRA_SPECS),
                                       "type": ["object", "null"]}},
        "required": ["name"], "additionalProperties": False}},
    "required": ["group_type"], "additionalProperties": False}
GROUP_TYPE_UPDATE = {
    "type": "object",
    "properties": {"group_type": {
        "type": "object",
        "properties": {"name": _NAME_ALLOW_ZERO, "description": _DESCRIPTION,
                       "is_public": _BOOLEAN},
        "additionalProperties": False}},
    "required": ["group_type"], "additionalProperties": False}
GROUP_SPECS_CREATE = {"type": "object", "properties": {"group_specs": _GROUP_SPECS},
                      "required": ["group_specs"], "additionalProperties": False}
GROUP_SPEC_UPDATE = {**copy.deepcopy(_GROUP_SPECS), "minProperties": 1, "maxProperties": 1}
GROUP_CREATE = {
    "type": "object",
    "properties": {"group": {
        "type": "object",
        "properties": {
            "description": _DESCRIPTION,
            "group_type": {"type": "string"},
            "name": _NAME_ALLOW_ZERO,
            "volume_types": {"type": "array", "minItems": 1,
                             "items": {"type": "string", "maxLength": 255},
                             "uniqueItems": True},
            "availability_zone": _AZ},
        "required": ["group_type", "volume_types"], "additionalProperties": False}},
    "required": ["group"], "additionalProperties": False}
GROUP_UPDATE = {
    "type": "object",
    "properties": {"group": {
        "type": "object",
        "properties": {"description": _DESCRIPTION, "name": _NAME_ALLOW_ZERO,
                       "add_volumes": _DESCRIPTION, "remove_volumes": _DESCRIPTION},
        "anyOf": [{"required": ["name"]}, {"required": ["description"]},
                  {"required": ["add_volumes"]}, {"required": ["remove_volumes"]}],
        "additionalProperties": False}},
    "required": ["group"], "additionalProperties": False}
GROUP_CREATE_FROM_SRC = {
    "type": "object",
    "properties": {"create-from-src": {
        "type": "object",
        "properties": {"description": _DESCRIPTION, "name": _NAME_ALLOW_ZERO,
                       "source_group_id": _UUID, "group_snapshot_id": _UUID},
        "oneOf": [{"required": ["group_snapshot_id"]}, {"required": ["source_group_id"]}],
        "additionalProperties": False}},
    "required": ["create-from-src"], "additionalProperties": False}
GROUP_DELETE = {
    "type": "object",
    "properties": {"delete": {"type": "object",
                              "properties": {"delete-volumes": _BOOLEAN},
                              "additionalProperties": False}},
    "required": ["delete"], "additionalProperties": False}
GROUP_RESET_STATUS = {
    "type": "object",
    "properties": {"reset_status": {"type": "object",
                                    "properties": {"status": _GROUP_STATUS},
                                    "required": ["status"], "additionalProperties": False}},
    "required": ["reset_status"], "additionalProperties": False}
GROUP_SNAPSHOT_RESET_STATUS = GROUP_RESET_STATUS
GROUP_SNAPSHOT_CREATE = {
    "type": "object",
    "properties": {"group_snapshot": {
        "type": "object",
        "properties": {"group_id": _UUID, "name": _NAME_ALLOW_ZERO,
                       "description": _DESCRIPTION},
        "required": ["group_id"], "additionalProperties": False}},
    "required": ["group_snapshot"], "additionalProperties": False}
