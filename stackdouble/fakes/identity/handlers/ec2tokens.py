"""`POST /v3/ec2tokens` (the fake of `identity/v3/ec2tokens/`): a service (admin or a
holder of `service`) hands Keystone an EC2 request its client signed, and gets a token for
the credential's user, scoped to its project, as `keystone/api/ec2tokens.py` answers: 200,
the token's body with its catalog, and `X-Subject-Token`.

The request is read from `credentials`, else `credential`, else `ec2Credentials`; an empty
body is a 400, no access key or a wrong signature a 401, an unknown key a 404 ("EC2 access
key not found."). Where Keystone 30 answers a request of an unknown signature version with
a 500, the fake answers 401.
"""

from __future__ import annotations

from stackdouble.fakes.http import FakeRequest, FakeResponse
from stackdouble.fakes.identity import views
from stackdouble.fakes.identity.errors import ValidationError
from stackdouble.fakes.identity.handlers._common import _json_body, _model, _token_response
from stackdouble.fakes.identity.policy import enforce

__all__ = ["ec2tokens"]


def ec2tokens(req: FakeRequest) -> FakeResponse:
    """`POST /v3/ec2tokens`: validate the signature, answer a project-scoped token."""
    token = req.require_token()
    enforce("identity:ec2tokens_validate", token)
    body = _json_body(req)
    if not body:
        raise ValidationError(message="request must include a request body")
    credentials = (body.get("credentials") or body.get("credential")
                   or body.get("ec2Credentials") or {})
    if not isinstance(credentials, dict):
        credentials = {}
    model = _model(req)
    minted = model.ec2_authenticate(credentials)
    context = model.context(minted)
    rendered = views.token_v3(model, minted, context, include_catalog=True)
    return _token_response(200, rendered, minted.id)
