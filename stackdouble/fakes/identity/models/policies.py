"""Keystone's policy blobs, `/v3/policies` (the fake of `identity/v3/policies/`).

Not the rules Keystone enforces (those are `fakes/identity/policy.py`): opaque documents a
deployment stores for its services, as Keystone 30's policy API (`keystone/api/policy.py`,
`keystone/policy/backends/sql.py`) keeps them:

- `blob` and `type` are strings, required on create; any other attribute is kept and
  rendered back as it came (Keystone's `extra`);
- the id is always Keystone's (one in the body is ignored on create; on update it must be
  the policy's own, else 400 "Cannot change policy ID");
- the blob is stored as given and may hold secrets: `dump()` leaves it out, and it never
  reaches a repr.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from stackdouble.fakes.identity.errors import NotFound, ValidationError
from stackdouble.fakes.identity.models._common import _ModelBase
from stackdouble.fakes.locking import locked

__all__ = ["PoliciesMixin", "Policy"]

_KNOWN = frozenset({"id", "blob", "type"})


@dataclass(slots=True, kw_only=True)
class Policy:
    """One policy blob: its type (a MIME type by convention), the blob and extra attributes."""

    id: str
    type: str
    blob: str = field(repr=False)
    extra: dict[str, Any] = field(default_factory=dict)


class PoliciesMixin(_ModelBase):
    """`IdentityModel`'s policy blobs (`policies`, by id, in creation order)."""

    def get_policy(self, policy_id: str) -> Policy:
        """One policy.

        Raises:
            NotFound: "Could not find policy: <id>."
        """
        found = self.policies.get(policy_id)
        if found is None:
            raise NotFound(f"Could not find policy: {policy_id}.")
        return found

    def list_policies(self, *, type: str | None = None) -> list[Policy]:
        """Policies in creation order, those of exactly `type` when given."""
        return [p for p in self.policies.values() if type is None or p.type == type]

    @locked
    def create_policy(self, type: str, blob: str, *,
                      extra: Mapping[str, Any] | None = None) -> Policy:
        """Store a policy blob under a new id.

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> identity = FakeCloud(seed=1).identity
            >>> policy = identity.create_policy("application/json", '{"a": "rule:b"}')
            >>> identity.get_policy(policy.id).type
            'application/json'
        """
        policy = Policy(id=self._ids.hex32(), type=type, blob=blob,
                        extra={k: v for k, v in (extra or {}).items() if k not in _KNOWN})
        self.policies[policy.id] = policy
        return policy

    @locked
    def update_policy(self, policy_id: str, changes: Mapping[str, Any]) -> Policy:
        """Merge `changes` (blob, type, extra attributes) into a policy.

        Raises:
            ValidationError: `changes` names another id ("Cannot change policy ID").
            NotFound: No such policy.
        """
        if "id" in changes and changes["id"] != policy_id:
            raise ValidationError(message="Cannot change policy ID")
        policy = self.get_policy(policy_id)
        if "blob" in changes:
            policy.blob = changes["blob"]
        if "type" in changes:
            policy.type = changes["type"]
        policy.extra.update({k: v for k, v in changes.items() if k not in _KNOWN})
        return policy

    @locked
    def delete_policy(self, policy_id: str) -> None:
        """Delete a policy.

        Raises:
            NotFound: No such policy.
        """
        self.get_policy(policy_id)
        del self.policies[policy_id]
