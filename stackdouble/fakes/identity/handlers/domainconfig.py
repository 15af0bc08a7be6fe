"""Domain configuration (the fake of `identity/v3/domainconfig/`):
`/v3/domains/{domain_id}/config[/{group}[/{option}]]` and `/v3/domains/config/...default`.

In Keystone 30's order (`keystone/api/domains.py`): a write checks the policy, then the
domain (404), then the configuration; a read checks the policy and the configuration
first and only then the domain, so a missing domain reads as a missing configuration
("Could not find any options in domain configuration for domain <id>."), which is how
Keystone avoids telling whether a domain exists. `security_compliance` is read under a
policy of its own (any token). HEAD answers as GET without a body.
"""

from __future__ import annotations

from typing import Any

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ValidationError
from stackdouble.fakes.identity.handlers._common import _json_body, _model, _no_content
from stackdouble.fakes.identity.policy import enforce

__all__ = [
    "create_domain_config",
    "delete_domain_config",
    "get_domain_config",
    "get_domain_config_default",
    "update_domain_config",
]

_SECURITY_COMPLIANCE = "security_compliance"


def _where(req: FakeRequest) -> tuple[str, str | None, str | None]:
    return req.params["item_id"], req.params.get("group"), req.params.get("option")


def _config(req: FakeRequest) -> Any:
    """The body's `config` ({} when absent). Unless it is one option's, a value that is
    neither an object nor empty is a 400 (Keystone fails on it with a 500); one option's
    is checked by the model as the group it goes in."""
    config = _json_body(req).get("config", {})
    if "option" in req.params:
        return config
    if config and not isinstance(config, dict):
        raise ValidationError("config", "request body")
    return config or {}


def get_domain_config(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /v3/domains/{domain_id}/config[/{group}[/{option}]]`: the stored
    options, sensitive ones left out."""
    token = req.require_token()
    model = _model(req)
    domain_id, group, option = _where(req)
    if group == _SECURITY_COMPLIANCE:
        enforce("identity:get_security_compliance_domain_config", token)
        config = model.security_compliance_config(domain_id, option)
    else:
        enforce("identity:get_domain_config", token)
        config = model.get_domain_config(domain_id, group, option)
    model.get_domain(domain_id)
    return FakeResponse.json(200, views.domain_config(config))


def create_domain_config(req: FakeRequest) -> FakeResponse:
    """`PUT /v3/domains/{domain_id}/config`: replace it all; 201 when the domain had none,
    else 200."""
    config = _config(req)
    token = req.require_token()
    enforce("identity:create_domain_config", token)
    model = _model(req)
    domain_id = req.params["item_id"]
    model.get_domain(domain_id)
    stored, created = model.create_domain_config(domain_id, config)
    return FakeResponse.json(201 if created else 200, views.domain_config(stored))


def update_domain_config(req: FakeRequest) -> FakeResponse:
    """`PATCH /v3/domains/{domain_id}/config[/{group}[/{option}]]`: merge; the answer is the
    whole configuration."""
    changes = _config(req)
    token = req.require_token()
    enforce("identity:update_domain_config", token)
    model = _model(req)
    domain_id, group, option = _where(req)
    model.get_domain(domain_id)
    config = model.update_domain_config(domain_id, changes, group, option)
    return FakeResponse.json(200, views.domain_config(config))


def delete_domain_config(req: FakeRequest) -> FakeResponse:
    """`DELETE /v3/domains/{domain_id}/config[/{group}[/{option}]]`: 204 (deleting a
    configuration the domain does not have is a 204 too)."""
    token = req.require_token()
    enforce("identity:delete_domain_config", token)
    model = _model(req)
    domain_id, group, option = _where(req)
    model.get_domain(domain_id)
    model.delete_domain_config(domain_id, group, option)
    return _no_content()


def get_domain_config_default(req: FakeRequest) -> FakeResponse:
    """`GET`/`HEAD /v3/domains/config[/{group}[/{option}]]/default`: keystone.conf's values
    of the options a domain may set."""
    token = req.require_token()
    enforce("identity:get_domain_config_default", token)
    config = _model(req).domain_config_default(req.params.get("group"),
                                               req.params.get("option"))
    return FakeResponse.json(200, views.domain_config(config))
