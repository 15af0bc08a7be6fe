"""Keystone's application credentials (the fake of `identity/v3/applicationcredentials/`).

One project, a subset of the owner's roles; deleting one stops its tokens validating.
Keystone's rules live in `keystone/application_credential/core.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, cast

from stackdouble.fakes.identity.errors import Conflict
from stackdouble.fakes.identity.models._common import (
    _ModelBase,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.projects import Project
    from stackdouble.fakes.identity.models.users import User


__all__ = ["ApplicationCredential", "ApplicationCredentialsMixin"]

@dataclass(slots=True, kw_only=True)
class ApplicationCredential:
    """An application credential; scoped to one project, with a subset of the user's roles."""

    id: str
    name: str
    user_id: str
    project_id: str
    secret: str = field(repr=False)
    role_ids: tuple[str, ...]
    expires_at: datetime | None = None
    unrestricted: bool | None = False
    description: str | None = None


class ApplicationCredentialsMixin(_ModelBase):
    """`IdentityModel`'s application credentials."""

    @locked
    def create_application_credential(
        self,
        user: str | User,
        name: str,
        secret: str | None = None,
        roles: Sequence[str] | None = None,
        expires_at: datetime | None = None,
        *,
        project: str | Project | None = None,
        unrestricted: bool | None = False,
    ) -> tuple[str, str]:
        """Add an application credential and return `(id, secret)`.

        Args:
            user: Its owner.
            name: Unique per user.
            secret: None generates one.
            roles: Role names or ids; None takes the user's direct roles on the project.
            expires_at: None never expires.
            project: The project it is scoped to; None takes the user's default project, or
                the only project the user has a role on.

        Raises:
            ValueError: The name is taken, the project is ambiguous, or the user lacks a role.
        """
        owner = self.find_user(user)
        if any(c.user_id == owner.id and c.name == name
               for c in self.application_credentials.values()):
            raise Conflict("application_credential", f"Duplicate entry found with name {name}")
        if project is not None:
            project_id = self.find_project(project).id
        elif owner.default_project_id:
            project_id = owner.default_project_id
        else:
            candidates = {p.id for p in self.projects_for_user(owner.id)}
            if len(candidates) != 1:
                raise ValueError("give project=: the user has roles on "
                                 f"{len(candidates)} projects")
            project_id = candidates.pop()
        direct = self.direct_role_ids(owner.id, "project", project_id)
        if roles is None:
            role_ids = tuple(direct)
        else:
            role_ids = tuple(self.find_role(r).id for r in roles)
            effective = self.effective_role_ids(owner.id, "project", project_id)
            missing = [self.roles[r].name for r in role_ids if r not in effective]
            if missing:
                raise ValueError(f"user {owner.name!r} lacks roles {missing} on the project")
        if not role_ids:
            raise ValueError(f"user {owner.name!r} has no role on the project")
        if expires_at is not None and expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=timezone.utc)
        cred = ApplicationCredential(
            id=self._ids.hex32(), name=name, user_id=owner.id, project_id=project_id,
            secret=secret if secret is not None else self._ids.secret(),
            role_ids=role_ids, expires_at=expires_at, unrestricted=unrestricted,
        )
        self.application_credentials[cred.id] = cred
        return cred.id, cred.secret

    def get_application_credential(self, cred_id: str) -> ApplicationCredential:
        """An application credential by id.

        Raises:
            NotFound: "Could not find Application Credential: <id>."
        """
        return cast(ApplicationCredential,
                    self._get(self.application_credentials, "Application Credential", cred_id))

    @locked
    def delete_application_credential(self, cred_id: str) -> None:
        """Delete an application credential; the tokens it issued stop validating.

        Raises:
            NotFound: "Could not find Application Credential: <id>."
        """
        self.get_application_credential(cred_id)
        del self.application_credentials[cred_id]
        self._stamp += 1

