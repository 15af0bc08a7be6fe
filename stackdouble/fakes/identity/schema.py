"""Validation of `POST /v3/auth/tokens` bodies, with Keystone's exact 400 messages.

Keystone validates the `auth` object with a JSON schema (`keystone/auth/schema.py`) through
jsonschema's Draft 4 validator and reports the *first* error as
`Invalid input for field '<path>': <jsonschema's str(error)>` (or just `str(error)` at the top).
This module carries the same schema and a small validator for the keywords it uses (`type`,
`properties`, `required`, `items`, `enum`), so the messages match without jsonschema.
"""

from __future__ import annotations

from pprint import pformat
from typing import Any

from stackdouble.fakes.identity.errors import SchemaValidationError

__all__ = ["TOKEN_ISSUE_SCHEMA", "first_error", "validate_issue_token_auth"]

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
        if error is not None:
            return error
    return None


def _json_equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


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
