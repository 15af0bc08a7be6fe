"""Quota sets (`cinder/api/contrib/quotas.py`), for
`client/openstack/blockstorage/v3/quotasets`."""

from __future__ import annotations

from stackdouble.fakes.blockstorage import schema, views
from stackdouble.fakes.blockstorage.errors import BadRequest, Forbidden
from stackdouble.fakes.blockstorage.handlers._common import (
    _caller,
    _empty,
    _model,
    _ok,
    _required_body,
)
from stackdouble.fakes.http import FakeRequest, FakeResponse

__all__ = ["delete_quota_set", "show_quota_defaults", "show_quota_set", "update_quota_set"]

_QUOTA_SHOW = "volume_extension:quotas:show"
_QUOTA_UPDATE = "volume_extension:quotas:update"
_QUOTA_DELETE = "volume_extension:quotas:delete"


def _authorize_quota(req: FakeRequest, rule: str) -> str:
    """The target project, once `rule` allows it (`cinder/policies/quotas.py`): show is
    `role:admin or (role:reader and project_id:<target>)`, update and delete `admin_api`.

    Raises:
        Forbidden: "Policy doesn't allow <rule> to be performed."
    """
    caller = _caller(req, rule)
    target = req.params["target_id"]
    token = req.require_token()
    if caller.is_admin or (rule == _QUOTA_SHOW and target == caller.project_id
                           and bool(token.roles)):
        return target
    raise Forbidden(f"Policy doesn't allow {rule} to be performed.")


def show_quota_set(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-sets/{project}[?usage=true]`: any project id (Cinder does not ask
    Keystone), limits or `{limit, in_use, reserved}` per resource."""
    target = _authorize_quota(req, _QUOTA_SHOW)
    usage = "usage" in req.args and schema.bool_param("usage", req.args.get("usage") or "")
    model = _model(req)
    limits = model.quota(target)
    if usage:
        return _ok(views.quota_usage_set(limits, model.quota_usage(target), target))
    return _ok(views.quota_set(limits, target))


def show_quota_defaults(req: FakeRequest) -> FakeResponse:
    """`GET /os-quota-sets/{project}/defaults` (the show policy)."""
    target = _authorize_quota(req, _QUOTA_SHOW)
    return _ok(views.quota_set(_model(req).default_quota(), target))


def update_quota_set(req: FakeRequest) -> FakeResponse:
    """`PUT /os-quota-sets/{project}`: validated before the policy is checked (the schema
    decorator runs first); 200 with every limit and no `id`."""
    body = _required_body(req)
    model = _model(req)
    if isinstance(body, dict) and isinstance(body.get("quota_set"), dict) and body["quota_set"]:
        schema.check_quota_set(body["quota_set"], model.quota_resources())
    schema.check_body(schema.QUOTA_SET_UPDATE, body)
    target = _authorize_quota(req, _QUOTA_UPDATE)
    values: dict[str, int] = {}
    for key, value in body["quota_set"].items():
        if key in schema.NON_QUOTA_KEYS:
            continue
        if not isinstance(value, int) and key != "per_volume_gigabytes":
            # Cinder compares the string with the usage: a TypeError, webob's bare 400
            raise BadRequest()
        values[key] = int(value)
    model.update_quota(target, values)
    return _ok(views.quota_set(model.quota(target), None))


def delete_quota_set(req: FakeRequest) -> FakeResponse:
    """`DELETE /os-quota-sets/{project}`: back to the defaults, 200 with no body."""
    target = _authorize_quota(req, _QUOTA_DELETE)
    _model(req).delete_quota(target)
    return _empty(200)
