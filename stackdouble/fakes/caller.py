"""Who is asking: the caller every fake service's model takes (oslo.context's `RequestContext`,
reduced to what the fakes decide on).

The handlers build one from the request's token; a test builds one directly to call a model
from Python (`cloud.block_storage.caller_for(...)` does it for a project's first user).

Example:
    >>> Caller(project_id="p1", user_id="u1")
    Caller(project_id='p1', user_id='u1', is_admin=False)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Caller"]


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking: the token's project, user and admin bit (`RequestContext`).

    Attributes:
        project_id: The project the token is scoped to.
        user_id: The token's user.
        is_admin: Whether the token has the admin role (the services' `context.is_admin`).
    """

    project_id: str
    user_id: str
    is_admin: bool = False
