"""Validation of request bodies, with Keystone's exact 400 messages.

Keystone validates the `auth` object of `POST /v3/auth/tokens` with a JSON schema
(`keystone/auth/schema.py`) and reports the *first* error as
`Invalid input for field '<path>': <jsonschema's str(error)>` (or just `str(error)` at the top).
The admin API's bodies go through `keystone/api/validation` instead, whose message is
`Invalid input for field/attribute <last path element>. Value: <value>. <error message>`
(or just the message at the top). This module carries Keystone's schemas and a small
validator for the keywords they use (`type`, `properties`, `required`, `items`, `enum`,
`minLength`, `maxLength`, `pattern`, `additionalProperties`, `minProperties`, `maxItems`,
`uniqueItems`), with jsonschema's messages, so they match without jsonschema.

The query strings of the list routes are parsed here too (paging, filters, Keystone's boolean
spellings, the role assignment query's rules), so handlers only call these helpers.
"""

from __future__ import annotations

from pprint import pformat
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.identity.errors import SchemaValidationError, ValidationError
from stackdouble.fakes.osloutils import is_uuid_like

if TYPE_CHECKING:
    from stackdouble.fakes.http import QueryArgs

__all__ = [
    "MAX_DB_LIMIT",
    "TOKEN_ISSUE_SCHEMA",
    "TRUST_CREATE",
    "check_role_assignment_filters",
    "check_role_assignment_query",
    "first_error",
    "inherited_filter",
    "page_args",
    "parse_bool",
    "query_filters",
    "query_true",
    "role_assignment_filters",
    "tenant_page",
    "validate_body",
    "validate_issue_token_auth",
    "validate_lazy",
]

_BOOLEAN = {"type": "boolean", "enum": [True, False]}
_ID_NAME = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}

#: Keystone's `token_issue` schema, key order included (it shows in the messages).
TOKEN_ISSUE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "identity": {
            "type": "object",
            "properties": {
                "methods": {"type": "array", "items": {"type": "string"}},
                "password": {
                    "type": "object",
                    "properties": {
                        "user": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "string"},
                                "name": {"type": "string"},
                                "password": {"type": "string"},
                                "domain": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string"},
                                        "name": {"type": "string"},
                                    },
                                },
                            },
                        }
                    },
                },
                "token": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}},
                    "required": ["id"],
                },
            },
            "required": ["methods"],
        },
        "scope": {
            "type": ["object", "string"],
            "properties": {
                "project": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "id": {"type": "string"},
                        "domain": {
                            "type": "object",
                            "properties": {
                                "id": {"type": "string"},
                                "name": {"type": "string"},
                            },
                        },
                    },
                },
                "domain": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                },
                "OS-TRUST:trust": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}},
                },
                "system": {
                    "type": "object",
                    "properties": {"all": _BOOLEAN},
                },
            },
        },
    },
    "required": ["identity"],
}

_TYPES: dict[str, Any] = {
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


class _Error:
    __slots__ = ("instance", "keyword", "message", "path", "schema", "schema_path")

    def __init__(self, message: str, keyword: str, path: list[Any], schema_path: list[Any],
                 schema: dict[str, Any], instance: Any) -> None:
        self.message = message
        self.keyword = keyword
        self.path = path
        self.schema_path = schema_path
        self.schema = schema
        self.instance = instance

    def __str__(self) -> str:
        where = _index("schema", self.schema_path)
        on = _index("instance", self.path)
        return (f"{self.message}\n\nFailed validating {self.keyword!r} in {where}:\n"
                f"    {_pretty(self.schema)}\n\nOn {on}:\n    {_pretty(self.instance)}")


def _index(word: str, indices: list[Any]) -> str:
    if not indices:
        return word
    return word + "[" + "][".join(repr(i) for i in indices) + "]"


def _pretty(thing: Any) -> str:
    return pformat(thing, width=72, sort_dicts=False).replace("\n", "\n    ")


def first_error(schema: dict[str, Any], instance: Any) -> _Error | None:
    """The first error jsonschema's Draft 4 validator would raise, or None."""
    return _check(schema, instance, [], [])


def _check(schema: dict[str, Any], instance: Any, path: list[Any],
           schema_path: list[Any]) -> _Error | None:
    for keyword, value in schema.items():
        error = None
        if keyword == "type":
            types = value if isinstance(value, list) else [value]
            if not any(_TYPES[t](instance) for t in types):
                shown = ", ".join(repr(t) for t in types)
                error = _Error(f"{instance!r} is not of type {shown}", "type", path,
                               schema_path, schema, instance)
        elif keyword == "enum":
            if not any(_json_equal(instance, v) for v in value):
                error = _Error(f"{instance!r} is not one of {value!r}", "enum", path,
                               schema_path, schema, instance)
        elif keyword == "properties" and isinstance(instance, dict):
            for name, subschema in value.items():
                if name in instance:
                    error = _check(subschema, instance[name], [*path, name],
                                   [*schema_path, "properties", name])
                    if error is not None:
                        return error
        elif keyword == "required" and isinstance(instance, dict):
            for name in value:
                if name not in instance:
                    return _Error(f"{name!r} is a required property", "required", path,
                                  schema_path, schema, instance)
        elif keyword == "items" and isinstance(instance, list):
            for i, item in enumerate(instance):
                error = _check(value, item, [*path, i], [*schema_path, "items"])
                if error is not None:
                    return error
        elif keyword == "oneOf":
            error = _one_of(value, instance, path, schema_path, schema)
        elif keyword in _EXTRA:
            message = _EXTRA[keyword](value, instance, schema)
            if message is not None:
                error = _Error(message, keyword, path, schema_path, schema, instance)
        if error is not None:
            return error
    return None


def _min_length(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if isinstance(instance, str) and len(instance) < value:
        return f"{instance!r} should be non-empty" if value == 1 else f"{instance!r} is too short"
    return None


def _max_length(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if isinstance(instance, str) and len(instance) > value:
        return f"{instance!r} is expected to be empty" if value == 0 else \
            f"{instance!r} is too long"
    return None


def _pattern(value: str, instance: Any, schema: dict[str, Any]) -> str | None:
    import re

    if isinstance(instance, str) and re.search(value, instance) is None:
        return f"{instance!r} does not match {value!r}"
    return None


def _additional(value: Any, instance: Any, schema: dict[str, Any]) -> str | None:
    if value is not False or not isinstance(instance, dict):
        return None
    extras = [key for key in instance if key not in schema.get("properties", {})]
    if not extras:
        return None
    verb = "was" if len(extras) == 1 else "were"
    shown = ", ".join(repr(e) for e in sorted(extras, key=str))
    return f"Additional properties are not allowed ({shown} {verb} unexpected)"


def _min_properties(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if isinstance(instance, dict) and len(instance) < value:
        return f"{instance!r} should be non-empty" if value == 1 else \
            f"{instance!r} does not have enough properties"
    return None


def _max_items(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if isinstance(instance, list) and len(instance) > value:
        return f"{instance!r} is too long"
    return None


def _unique(value: bool, instance: Any, schema: dict[str, Any]) -> str | None:
    if value and isinstance(instance, list):
        seen: list[Any] = []
        for item in instance:
            if any(_json_equal(item, s) for s in seen):
                return f"{instance!r} has non-unique elements"
            seen.append(item)
    return None


def _minimum(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if (isinstance(instance, (int, float)) and not isinstance(instance, bool)
            and instance < value):
        return f"{instance!r} is less than the minimum of {value!r}"
    return None


def _maximum(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if (isinstance(instance, (int, float)) and not isinstance(instance, bool)
            and instance > value):
        return f"{instance!r} is greater than the maximum of {value!r}"
    return None


def _min_items(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if isinstance(instance, list) and len(instance) < value:
        return f"{instance!r} {'should be non-empty' if value == 1 else 'is too short'}"
    return None


def _format(value: str, instance: Any, schema: dict[str, Any]) -> str | None:
    """Keystone's format checker: only `uuid` (oslo's `is_uuid_like`) is used here."""
    if value == "uuid" and isinstance(instance, str) and not is_uuid_like(instance):
        return f"{instance!r} is not a 'uuid'"
    return None


def _one_of(subschemas: list[dict[str, Any]], instance: Any, path: list[Any],
            schema_path: list[Any], schema: dict[str, Any]) -> _Error | None:
    """jsonschema's `oneOf`: exactly one subschema must hold."""
    valid = [sub for sub in subschemas if _check(sub, instance, path, schema_path) is None]
    if not valid:
        return _Error(f"{instance!r} is not valid under any of the given schemas", "oneOf",
                      path, schema_path, schema, instance)
    if len(valid) > 1:
        shown = ", ".join(repr(sub) for sub in [*valid[1:], valid[0]])
        return _Error(f"{instance!r} is valid under each of {shown}", "oneOf", path,
                      schema_path, schema, instance)
    return None


def _max_properties(value: int, instance: Any, schema: dict[str, Any]) -> str | None:
    if isinstance(instance, dict) and len(instance) > value:
        return f"{instance!r} has too many properties"
    return None


_EXTRA: dict[str, Any] = {
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "additionalProperties": _additional,
    "minProperties": _min_properties,
    "maxProperties": _max_properties,
    "minimum": _minimum,
    "maximum": _maximum,
    "minItems": _min_items,
    "format": _format,
    "maxItems": _max_items,
    "uniqueItems": _unique,
}


def validate_body(schema: dict[str, Any], body: Any) -> None:
    """Keystone's `request_body_schema` check (`keystone/api/validation/validators.py`).

    Raises:
        SchemaValidationError: With Keystone's message for the first error.

    Example:
        >>> try:
        ...     validate_body(PROJECT_CREATE, {"project": {"name": 5}})
        ... except SchemaValidationError as exc:
        ...     print(exc.message)
        Invalid input for field/attribute name. Value: 5. 5 is not of type 'string'
    """
    error = first_error(schema, body)
    if error is None:
        return
    if error.path:
        raise SchemaValidationError(
            f"Invalid input for field/attribute {error.path[-1]}. Value: {error.instance}. "
            f"{error.message}")
    raise SchemaValidationError(error.message)


def _json_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def validate_lazy(schema: dict[str, Any], value: Any) -> None:
    """Keystone's older `keystone.common.validation.lazy_validate` (password changes, project
    tags): `Invalid input for field '<a/b>': <str(error)>`, or `str(error)` at the top.

    Raises:
        SchemaValidationError: With Keystone's message for the first error.
    """
    error = first_error(schema, value)
    if error is None:
        return
    if error.path:
        field = "/".join(str(p) for p in error.path)
        raise SchemaValidationError(f"Invalid input for field '{field}': {error}")
    raise SchemaValidationError(str(error))


def validate_issue_token_auth(auth: Any) -> None:
    """Keystone's `validate_issue_token_auth`: the schema, then its id-or-name checks.

    Raises:
        SchemaValidationError: With Keystone's message.

    Example:
        >>> try:
        ...     validate_issue_token_auth({"identity": {"methods": "password"}})
        ... except SchemaValidationError as exc:
        ...     print(exc.message.splitlines()[0])
        Invalid input for field 'identity/methods': 'password' is not of type 'array'
    """
    if auth is None:
        return
    error = first_error(TOKEN_ISSUE_SCHEMA, auth)
    if error is not None:
        if error.path:
            field = "/".join(str(p) for p in error.path)
            raise SchemaValidationError(f"Invalid input for field '{field}': {error}")
        raise SchemaValidationError(str(error))
    password = auth["identity"].get("password")
    user = password.get("user") if isinstance(password, dict) else None
    if user is not None:
        if "id" not in user and "name" not in user:
            raise SchemaValidationError(
                "Invalid input for field identity/password/user: id or name must be present.")
        domain = user.get("domain")
        if domain is not None and "id" not in domain and "name" not in domain:
            raise SchemaValidationError(
                "Invalid input for field identity/password/user/domain: "
                "id or name must be present.")
    scope = auth.get("scope")
    if isinstance(scope, dict):
        project = scope.get("project")
        if project is not None:
            if "id" not in project and "name" not in project:
                raise SchemaValidationError(
                    "Invalid input for field scope/project: id or name must be present.")
            domain = project.get("domain")
            if domain is not None and "id" not in domain and "name" not in domain:
                raise SchemaValidationError(
                    "Invalid input for field scope/project/domain: id or name must be present.")
        domain = scope.get("domain")
        if domain is not None and "id" not in domain and "name" not in domain:
            raise SchemaValidationError(
                "Invalid input for field scope/domain: id or name must be present.")


# -- the admin API's request bodies (keystone/*/schema.py, trimmed to the checks) -------------

#: `parameter_types.boolean`: Keystone accepts these spellings of a boolean.
BOOLEAN: dict[str, Any] = {
    "type": ["boolean", "string", "null"],
    "enum": [True, "True", "TRUE", "true", False, "False", "FALSE", "false", "", "1", "0",
             "y", "Y", "n", "N", "on", "ON", "off", "OFF", "yes", "no"],
}
_NAME = {"type": "string", "minLength": 1, "maxLength": 255, "pattern": r"[\S]+"}
_PROJECT_NAME = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"[\S]+"}
_ID = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[a-zA-Z0-9-]+$"}
_NULLABLE_ID = {"type": ["string", "null"], "minLength": 1, "maxLength": 64,
                "pattern": r"^[a-zA-Z0-9-]+$"}
_DESCRIPTION = {"type": ["string", "null"], "maxLength": 255}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_TAG = {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[^,/]*$"}
_TAGS = {"type": "array", "items": _TAG, "maxItems": 80, "uniqueItems": True}
_URL = {"type": "string", "minLength": 0, "maxLength": 225, "pattern": "^[a-zA-Z0-9+.-]+:.+"}


def _wrapper(key: str, inner: dict[str, Any], *, required: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": {key: inner}}
    if required:
        schema["required"] = [key]
    schema["additionalProperties"] = False
    return schema


def _object(properties: dict[str, Any], *, required: list[str] | None = None,
            min_properties: int | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if min_properties:
        schema["minProperties"] = min_properties
    return schema


_PROJECT_PROPS = {"description": _DESCRIPTION, "domain_id": _NULLABLE_ID, "enabled": BOOLEAN,
                  "is_domain": BOOLEAN, "parent_id": _NULLABLE_ID, "name": _PROJECT_NAME,
                  "tags": _TAGS}
PROJECT_CREATE = _wrapper("project", _object(_PROJECT_PROPS, required=["name"]),
                          required=False)
PROJECT_UPDATE = _wrapper("project", _object(
    {"description": _DESCRIPTION, "enabled": BOOLEAN, "name": _PROJECT_NAME, "tags": _TAGS}),
    required=False)
TAGS_UPDATE = {"type": "object", "properties": {"tags": {"type": "array", "items": _TAG}},
               "additionalProperties": False}
_DOMAIN_PROPS = {"description": _DESCRIPTION, "enabled": BOOLEAN, "name": _PROJECT_NAME,
                 "tags": _TAGS}
DOMAIN_CREATE = _wrapper("domain", _object({"explicit_domain_id": _ID, **_DOMAIN_PROPS},
                                           required=["name"]))
DOMAIN_UPDATE = _wrapper("domain", _object(_DOMAIN_PROPS, min_properties=1))
_USER_PROPS = {"default_project_id": _TEXT_OR_NULL, "description": _TEXT_OR_NULL,
               "domain_id": _ID, "enabled": BOOLEAN, "name": _NAME,
               "password": _TEXT_OR_NULL}
USER_CREATE = _wrapper("user", _object(_USER_PROPS, required=["name"]))
USER_UPDATE = _wrapper("user", _object(_USER_PROPS, min_properties=1))
PASSWORD_CHANGE = {"type": "object",
                   "properties": {"original_password": {"type": "string"},
                                  "password": {"type": "string"}},
                   "required": ["original_password", "password"],
                   "additionalProperties": False}
GROUP_CREATE = _wrapper("group", _object({"domain_id": _ID, "description": _TEXT_OR_NULL,
                                          "name": _NAME}, required=["name"]))
GROUP_UPDATE = _wrapper("group", _object({"description": _TEXT_OR_NULL, "name": _NAME},
                                         min_properties=1))
_ROLE_PROPS = {"name": _NAME, "description": _DESCRIPTION, "domain_id": _NULLABLE_ID}
ROLE_CREATE = _wrapper("role", _object(_ROLE_PROPS, required=["name"]))
ROLE_UPDATE = _wrapper("role", _object(_ROLE_PROPS, min_properties=1))
_APP_CRED_ROLE = {"type": "object", "properties": {"id": _ID, "name": _NAME},
                  "minProperties": 1, "maxProperties": 1}
APP_CRED_CREATE = _wrapper("application_credential", _object(
    {"name": _NAME, "description": _TEXT_OR_NULL, "secret": _TEXT_OR_NULL,
     "expires_at": _TEXT_OR_NULL, "roles": {"type": "array", "items": _APP_CRED_ROLE},
     "unrestricted": {"type": ["boolean", "null"]},
     "access_rules": {"type": "array", "items": {"type": "object", "properties": {
         "id": _ID,
         # keystone/application_credential/schema.py's `_access_rules_properties`.
         "path": {"type": "string", "minLength": 0, "maxLength": 225, "pattern": r"^/\.*"},
         "service": _ID,
         "method": {"type": "string",
                    "enum": ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"]}}}}},
    required=["name"]))
_TRUST_ROLE = {"type": "object", "properties": {"id": _ID, "name": _NAME},
               "minProperties": 1, "maxProperties": 1, "additionalProperties": False}
#: `keystone/trust/schema.py`'s `trust_create_request_body` (extra attributes are kept).
TRUST_CREATE = {
    "type": "object",
    "properties": {"trust": {
        "type": "object",
        "properties": {
            "trustor_user_id": {"type": "string"},
            "trustee_user_id": {"type": "string"},
            "impersonation": {"type": "boolean"},
            "project_id": {"type": ["string", "null"]},
            "remaining_uses": {"type": ["integer", "null"], "minimum": 1},
            "expires_at": {"type": ["null", "string"]},
            "allow_redelegation": {"type": ["boolean", "null"]},
            "redelegation_count": {"type": ["integer", "null"], "minimum": 0},
            "redelegated_trust_id": {"type": ["string", "null"]},
            "roles": {"type": "array", "items": _TRUST_ROLE},
        },
        "required": ["trustor_user_id", "trustee_user_id", "impersonation"],
        "additionalProperties": True,
    }},
    "required": ["trust"],
    "additionalProperties": False,
}
_REGION_PROPS = {"description": _DESCRIPTION, "parent_region_id": {"type": ["string", "null"]}}
REGION_CREATE = _wrapper("region", _object(
    {"id": {"type": "string", "minLength": 1, "maxLength": 255}, **_REGION_PROPS}))
REGION_UPDATE = _wrapper("region", _object(_REGION_PROPS, min_properties=1))
_SERVICE_PROPS = {"enabled": BOOLEAN, "name": {"type": ["string", "null"], "maxLength": 255},
                  "type": {"type": "string", "minLength": 1, "maxLength": 255},
                  "description": _DESCRIPTION}
SERVICE_CREATE = _wrapper("service", _object(_SERVICE_PROPS, required=["type"]))
SERVICE_UPDATE = _wrapper("service", _object(_SERVICE_PROPS, min_properties=1))
_ENDPOINT_PROPS = {"enabled": BOOLEAN,
                   "interface": {"type": "string", "enum": ["admin", "internal", "public"]},
                   "region_id": {"type": ["string", "null"]},
                   "region": {"type": ["string", "null"]},
                   "service_id": {"type": "string"}, "url": _URL}
ENDPOINT_CREATE = _wrapper("endpoint", _object(_ENDPOINT_PROPS,
                                               required=["service_id", "interface", "url"]))
ENDPOINT_UPDATE = _wrapper("endpoint", _object(_ENDPOINT_PROPS, min_properties=1))
# Unified limits (`keystone/limit/schema.py`).
_LIMIT_INTEGER = {"type": "integer", "minimum": -1, "maximum": 0x7FFFFFFF}
_UUID = {"type": "string", "format": "uuid"}
_LIMIT_REGION_ID = {"type": ["string", "null"], "minLength": 1, "maxLength": 255}
_REGISTERED_LIMIT_PROPS = {"service_id": _UUID, "region_id": _LIMIT_REGION_ID,
                           "resource_name": _NAME, "default_limit": _LIMIT_INTEGER,
                           "description": _DESCRIPTION}
REGISTERED_LIMITS_CREATE = _wrapper("registered_limits", {
    "type": "array", "minItems": 1,
    "items": {"type": "object", "properties": _REGISTERED_LIMIT_PROPS,
              "additionalProperties": False,
              "required": ["service_id", "resource_name", "default_limit"]}})
REGISTERED_LIMIT_UPDATE = _wrapper("registered_limit", {
    "type": "object", "properties": _REGISTERED_LIMIT_PROPS, "additionalProperties": False})
_LIMIT_ACTOR_ID = {"type": ["string", "null"], "minLength": 1, "maxLength": 64,
                   "pattern": r"^[a-zA-Z0-9-]+$"}
_LIMIT_REQUIRED = ["service_id", "resource_name", "resource_limit"]
LIMITS_CREATE = _wrapper("limits", {
    "type": "array", "minItems": 1,
    "items": {"type": "object",
              "properties": {"project_id": _LIMIT_ACTOR_ID, "domain_id": _LIMIT_ACTOR_ID,
                             "resource_name": _NAME, "region_id": _LIMIT_REGION_ID,
                             "service_id": _UUID, "resource_limit": _LIMIT_INTEGER,
                             "description": _DESCRIPTION},
              "required": _LIMIT_REQUIRED,
              "oneOf": [{"required": [*_LIMIT_REQUIRED, "domain_id"]},
                        {"required": [*_LIMIT_REQUIRED, "project_id"]}],
              "additionalProperties": False}})
LIMIT_UPDATE = _wrapper("limit", {
    "type": "object", "properties": {"resource_limit": _LIMIT_INTEGER,
                                     "description": _DESCRIPTION},
    "additionalProperties": False})

# keystone/credential/schema.py: extra attributes pass on create (kept as `extra`), the
# body's other keys too; an ec2 credential also needs `project_id` (its `if`/`then`).
_CREDENTIAL_PROPS = {"blob": {"type": "string"}, "project_id": {"type": ["string", "null"]},
                     "type": {"type": "string"}, "user_id": {"type": "string"},
                     "id": {"type": "string"}}
CREDENTIAL_CREATE = {"type": "object", "required": ["credential"], "properties": {
    "credential": {"type": "object", "properties": _CREDENTIAL_PROPS,
                   "required": ["blob", "type", "user_id"]}}}
EC2_CREDENTIAL_CREATE = {"type": "object", "required": ["credential"], "properties": {
    "credential": {"type": "object", "properties": _CREDENTIAL_PROPS,
                   "required": ["blob", "type", "user_id", "project_id"]}}}
CREDENTIAL_UPDATE = {"type": "object", "required": ["credential"], "properties": {
    "credential": {"type": "object", "properties": {"blob": {"type": "string"}},
                   "additionalProperties": False, "required": ["blob"]}}}

# keystone/policy/schema.py, checked with `validate_lazy` on the body's `policy`.
_POLICY_PROPS = {"blob": {"type": "string"}, "type": {"type": "string", "maxLength": 255}}
POLICY_CREATE = {"type": "object", "properties": _POLICY_PROPS, "required": ["blob", "type"],
                 "additionalProperties": True}
POLICY_UPDATE = {"type": "object", "properties": _POLICY_PROPS, "minProperties": 1,
                 "additionalProperties": True}

# OS-EP-FILTER (keystone/catalog/schema.py): `filters` keys beyond these pass the schema and
# are refused by the handler, with a message of their own.
_ENDPOINT_GROUP_PROPS = {
    "description": _TEXT_OR_NULL, "name": _NAME,
    "filters": {"type": "object", "properties": {
        "interface": {"type": "string", "enum": ["admin", "internal", "public"]},
        "service_id": {"type": "string"}, "region_id": {"type": ["string", "null"]},
        "enabled": {"type": "boolean"}}}}
ENDPOINT_GROUP_CREATE = _wrapper("endpoint_group", {
    **_object(_ENDPOINT_GROUP_PROPS, required=["name", "filters"]),
    "additionalProperties": False}, required=False)
ENDPOINT_GROUP_UPDATE = _wrapper("endpoint_group", {
    **_object(_ENDPOINT_GROUP_PROPS, min_properties=1), "additionalProperties": False})


# -- query strings ----------------------------------------------------------------------------

#: Keystone's `[DEFAULT] max_db_limit`: the largest page.
MAX_DB_LIMIT = 1000

_FALSE = frozenset({"0", "f", "false", "n", "no", "off"})
_TRUE = frozenset({"true", "1", "y", "yes", "on"})


def page_args(args: QueryArgs) -> tuple[str | None, int | None]:
    """`(marker, limit)` of a v3 list query, the limit capped at `MAX_DB_LIMIT`.

    Raises:
        ValidationError: "Invalid limit value" (not a number, or negative).
    """
    marker = args.get("marker") or None
    raw = args.get("limit")
    if raw is None or raw == "":
        return marker, None
    try:
        limit = int(raw)
    except ValueError:
        raise ValidationError(message="Invalid limit value") from None
    if limit < 0:
        raise ValidationError(message="Invalid limit value")
    return marker, min(limit, MAX_DB_LIMIT)


def query_filters(args: QueryArgs, names: tuple[str, ...]) -> dict[str, Any]:
    """The given filters among `names`; `enabled` becomes a bool (Keystone's falsy words)."""
    out: dict[str, Any] = {}
    for name in names:
        value = args.get(name)
        if value is None:
            continue
        out[name] = value.lower() not in _FALSE if name == "enabled" else value
    return out


def parse_bool(value: Any, default: bool = True) -> bool:
    """Keystone's boolean spellings (`parameter_types.boolean`) to a bool."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in _TRUE


def query_true(args: QueryArgs, name: str) -> bool:
    """Keystone's `query_filter_is_true`: present and not `0`/`false`... (a bare flag is true)."""
    if name not in args:
        return False
    value = (args.get(name) or "").lower()
    return value not in ("0", "false", "f", "n", "no", "off")


def check_role_assignment_query(args: QueryArgs) -> None:
    """Keystone's `role_assignments_index_request_query`, whose effective checks are its
    `oneOf` on user/group and `dependentRequired` of include_subtree (the others are
    overwritten by duplicate keys in Keystone's dict).

    Raises:
        ValidationError: With Keystone's message.
    """
    for name in ("group.id", "role.id"):
        value = args.get(name)
        error = first_error(_ID, value) if value is not None else None
        if error is not None:
            raise ValidationError(message=(
                f"Invalid input for query parameters {name}. Value: {value}. "
                f"{error.message}"))
    if "user.id" in args and "group.id" in args:
        raise ValidationError(message=(
            f"ImmutableMultiDict({args.items()!r}) is valid under each of "
            "{'required': ['group.id']}, {'required': ['user.id']}"))
    if "include_subtree" in args and "scope.project.id" not in args:
        raise ValidationError(message="'scope.project.id' is a dependency of 'include_subtree'")


def check_role_assignment_filters(args: QueryArgs, *, effective: bool) -> None:
    """The filter combinations Keystone's role assignment controller refuses (checked after
    the policy, as there).

    Raises:
        ValidationError: With Keystone's message.
    """
    for a, b, text in (("scope.domain.id", "scope.project.id",
                        "Specify a domain or project, not both"),
                       ("scope.domain.id", "scope.system", "Specify system or domain, not both"),
                       ("scope.project.id", "scope.system",
                        "Specify system or project, not both"),
                       ("user.id", "group.id", "Specify a user or group, not both")):
        if args.get(a) and args.get(b):
            raise ValidationError(message=text)
    if effective and args.get("group.id"):
        raise ValidationError(message="Combining effective and group filter will always "
                                      "result in an empty list.")
    if effective and inherited_filter(args) and args.get("scope.domain.id"):
        raise ValidationError(message="Combining effective, domain and inherited filters "
                                      "will always result in an empty list.")


def inherited_filter(args: QueryArgs) -> bool | None:
    """`scope.OS-INHERIT:inherited_to`: absent lists both kinds, `projects` only inherited
    grants, any other value only the others."""
    if "scope.OS-INHERIT:inherited_to" not in args:
        return None
    return args.get("scope.OS-INHERIT:inherited_to") == "projects"


def role_assignment_filters(args: QueryArgs) -> dict[str, Any]:
    """The `IdentityModel.role_assignments` filters a `GET /v3/role_assignments` query names."""
    return {
        "user_id": args.get("user.id") or None, "group_id": args.get("group.id") or None,
        "role_id": args.get("role.id") or None,
        "project_id": args.get("scope.project.id") or None,
        "domain_id": args.get("scope.domain.id") or None,
        "system": bool(args.get("scope.system")),
        "inherited": inherited_filter(args),
    }


def tenant_page(args: QueryArgs, ids: list[str]) -> tuple[int, int | None]:
    """`(start, end)` of v2.0's `marker`/`limit` page over `ids` (`end` None: to the end).

    Raises:
        ValidationError: An unknown marker, or a limit that is not a number >= 0.
    """
    marker = args.get("marker")
    start = 0
    if marker is not None:
        if marker not in ids:
            raise ValidationError(message="Marker could not be found")
        start = ids.index(marker) + 1
    raw = args.get("limit")
    end = None
    if raw is not None:
        try:
            limit = int(raw)
        except ValueError:
            raise ValidationError(message="Invalid limit value") from None
        if limit < 0:
            raise ValidationError(message="Invalid limit value")
        end = start + limit
    return start, end


# -- OS-OAUTH1 (keystone/oauth1/schema.py, checked with `lazy_validate`) ----------------------

_OAUTH1_CONSUMER_PROPERTIES: dict[str, Any] = {"description": {"type": ["string", "null"]}}

#: A consumer's body on create.
OAUTH1_CONSUMER_CREATE: dict[str, Any] = {
    "type": "object", "properties": _OAUTH1_CONSUMER_PROPERTIES, "additionalProperties": True}

#: A consumer's body on update: not empty, never a `secret` (the `not` keyword is checked by
#: `validate_oauth1_consumer_update`).
OAUTH1_CONSUMER_UPDATE: dict[str, Any] = {
    "type": "object", "properties": _OAUTH1_CONSUMER_PROPERTIES,
    "not": {"required": ["secret"]}, "minProperties": 1, "additionalProperties": True}

#: The roles of `PUT /v3/OS-OAUTH1/authorize/{id}`: each by id or by name, not both.
OAUTH1_AUTHORIZE_ROLES: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "id": {"type": "string", "minLength": 1, "maxLength": 64,
                   "pattern": "^[a-zA-Z0-9-]+$"},
            "name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"},
        },
        "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
    },
}


def validate_oauth1_consumer_update(ref: Any) -> None:
    """`lazy_validate(consumer_update, ref)`, its `not` keyword included.

    Raises:
        SchemaValidationError: With Keystone's message for the first error.
    """
    if isinstance(ref, dict) and "secret" in ref:
        raise SchemaValidationError(str(_Error(
            f"{ref!r} should not be valid under {{'required': ['secret']}}", "not", [], [],
            OAUTH1_CONSUMER_UPDATE, ref)))
    validate_lazy(OAUTH1_CONSUMER_UPDATE, ref)


# -- OS-FEDERATION (keystone/federation/schema.py, checked with `validate_body`) --------------

_NULLABLE_TEXT: dict[str, Any] = {"type": ["string", "null"]}
_IDP_PROPERTIES: dict[str, Any] = {
    "enabled": BOOLEAN,
    "description": _NULLABLE_TEXT,
    "authorization_ttl": {"type": ["integer", "null"], "minimum": 0},
    "remote_ids": {"type": ["array", "null"], "items": {"type": "string", "maxLength": 64},
                   "uniqueItems": True},
}

#: `PUT /v3/OS-FEDERATION/identity_providers/{idp_id}`.
FEDERATION_IDP_CREATE: dict[str, Any] = {
    "type": "object",
    "properties": {"identity_provider": {
        "type": "object",
        "properties": {**_IDP_PROPERTIES, "domain_id": {
            "type": ["string", "null"], "minLength": 1, "maxLength": 64,
            "pattern": "^[a-zA-Z0-9-]+$"}},
        "additionalProperties": False}},
    "additionalProperties": False,
}

#: `PATCH .../identity_providers/{idp_id}`: no `domain_id`.
FEDERATION_IDP_UPDATE: dict[str, Any] = {
    "type": "object",
    "properties": {"identity_provider": {
        "type": "object", "properties": _IDP_PROPERTIES, "additionalProperties": False,
        "minProperties": 1}},
    "required": ["identity_provider"],
}

_MAPPING_ID: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": 64}

#: `PUT .../identity_providers/{idp_id}/protocols/{protocol_id}`.
FEDERATION_PROTOCOL_CREATE: dict[str, Any] = {
    "type": "object",
    "properties": {"protocol": {
        "type": "object",
        "properties": {"mapping_id": _MAPPING_ID, "remote_id_attribute": {
            "type": ["string", "null"], "maxLength": 64}},
        "additionalProperties": False, "required": ["mapping_id"]}},
    "required": ["protocol"],
    "additionalProperties": False,
}

#: `PATCH .../protocols/{protocol_id}`: the mapping is required again.
FEDERATION_PROTOCOL_UPDATE: dict[str, Any] = {
    "type": "object",
    "properties": {"protocol": {
        "type": "object",
        "properties": {"mapping_id": _MAPPING_ID,
                       "remote_id_attribute": {"type": "string", "maxLength": 64}},
        "additionalProperties": False, "minProperties": 1, "required": ["mapping_id"]}},
    "required": ["protocol"],
    "additionalProperties": False,
}

_SP_PROPERTIES: dict[str, Any] = {
    "auth_url": _URL,
    "sp_url": _URL,
    "description": _NULLABLE_TEXT,
    "enabled": BOOLEAN,
    "relay_state_prefix": _NULLABLE_TEXT,
}

#: `PUT /v3/OS-FEDERATION/service_providers/{sp_id}`.
FEDERATION_SP_CREATE: dict[str, Any] = {
    "type": "object",
    "properties": {"service_provider": {
        "type": "object", "properties": _SP_PROPERTIES, "required": ["auth_url", "sp_url"],
        "additionalProperties": False}},
    "required": ["service_provider"],
    "additionalProperties": False,
}

#: `PATCH .../service_providers/{sp_id}`.
FEDERATION_SP_UPDATE: dict[str, Any] = {
    "type": "object",
    "properties": {"service_provider": {
        "type": "object", "properties": _SP_PROPERTIES, "additionalProperties": False,
        "minProperties": 1}},
    "required": ["service_provider"],
    "additionalProperties": False,
}
