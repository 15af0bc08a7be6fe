"""Request schemas of Nova's host aggregates (`nova/api/openstack/compute/schemas/
aggregates.py` and `aggregate_images.py`, with `parameter_types.py`'s `az_name`, `fqdn`
and `metadata_with_null`).

`az_name` is Nova's `name` format without `:`; here it is the fake's `name` format plus a
pattern. Nova wraps it in `oneOf` with null, so a bad zone is reported by `oneOf`'s message
either way ("... is not valid under any of the given schemas").
"""

from __future__ import annotations

import copy
from typing import Any

from stackdouble.fakes.compute.errors import BadRequest
from stackdouble.fakes.compute.schema import _IMAGE_ID, METADATA, NAME, _object, _printable

__all__ = ["ADD_HOST", "CREATE", "IMAGES", "REMOVE_HOST", "SET_METADATA", "UPDATE",
           "check_update_name"]

_SPACES_REASON = "printable characters with at least one non space character"

_AZ_NAME = {"type": "string", "format": "name", "pattern": "^[^:]*$", "minLength": 1,
            "maxLength": 255}
_AVAILABILITY_ZONE = {"oneOf": [_AZ_NAME, {"type": "null"}]}
#: `parameter_types.fqdn`: a host name (underscores allowed).
_FQDN = {"type": "string", "pattern": "^[a-zA-Z0-9-._]*$", "minLength": 1, "maxLength": 255}
#: `metadata_with_null`: `metadata` whose values may also be null (null deletes the key).
_METADATA_WITH_NULL: dict[str, Any] = copy.deepcopy(METADATA)
_METADATA_WITH_NULL["patternProperties"]["^[a-zA-Z0-9-_:. ]{1,255}$"]["type"] = [
    "string", "null"]

#: `create` (2.1): a name and an optional zone.
CREATE: dict[str, Any] = _object(
    {"aggregate": _object({"name": NAME, "availability_zone": _AVAILABILITY_ZONE},
                          ["name"])}, ["aggregate"])

#: `name_with_leading_trailing_spaces` without its format (`check_update_name` checks it).
_NAME_SPACES = {"type": "string", "minLength": 1, "maxLength": 255}
_UPDATE_BODY = _object({"name": _NAME_SPACES, "availability_zone": _AVAILABILITY_ZONE})
_UPDATE_BODY["anyOf"] = [{"required": ["name"]}, {"required": ["availability_zone"]}]
#: `update` (2.1): a name (spaces around it allowed, then stripped), a zone, or both.
UPDATE: dict[str, Any] = _object({"aggregate": _UPDATE_BODY}, ["aggregate"])


def check_update_name(name: str) -> None:
    """The `name_with_leading_trailing_spaces` format of `update`'s name: printable
    characters (of the Basic Multilingual Plane), at least one not a space.

    Raises:
        BadRequest: "An invalid 'name' value was provided. The name must be: printable
            characters with at least one non space character".
    """
    if all(ord(c) < 0xFFFF and _printable(c) for c in name) and name.strip():
        return
    raise BadRequest(f"An invalid 'name' value was provided. The name must be: "
                     f"{_SPACES_REASON}")

#: `add_host`.
ADD_HOST: dict[str, Any] = _object({"add_host": _object({"host": _FQDN}, ["host"])},
                                   ["add_host"])
#: `remove_host`.
REMOVE_HOST: dict[str, Any] = _object({"remove_host": _object({"host": _FQDN}, ["host"])},
                                      ["remove_host"])
#: `set_metadata`.
SET_METADATA: dict[str, Any] = _object(
    {"set_metadata": _object({"metadata": _METADATA_WITH_NULL}, ["metadata"])},
    ["set_metadata"])

_CACHE = {"type": ["array"], "minItems": 1,
          "items": _object({"id": _IMAGE_ID}, ["id"])}
#: `aggregate_images` (2.81): the images to cache, by id.
IMAGES: dict[str, Any] = _object({"cache": _CACHE}, ["cache"])
