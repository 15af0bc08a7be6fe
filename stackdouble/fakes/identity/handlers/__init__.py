"""The fake Keystone's HTTP handlers, one module per client resource: parse, call the model,
render with `views`.

Each handler runs in Keystone's order (`keystone/api/*.py`): the body is validated first
(`request_body_schema`), then the policy is enforced (`ENFORCER.enforce_call`), then the
manager acts. Where Keystone builds the policy target tolerating a missing entity (projects,
users, groups), a member gets 403 before any 404; where it looks the target up first (roles
of a grant, implied roles, domains), a missing entity is 404 for everyone.

Query strings are parsed by `schema`'s helpers; `urls` routes to these modules.
"""

__all__: list[str] = []
