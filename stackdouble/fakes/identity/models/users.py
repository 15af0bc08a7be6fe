"""Keystone's users (the fake of `client/openstack/identity/v3/users/`).

A new password or disabling revokes the user's tokens. Keystone's rules live in
`keystone/identity/core.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from stackdouble.fakes.identity.errors import (
    Conflict,
    NotFound,
    Unauthorized,
)
from stackdouble.fakes.identity.models._common import (
    DEFAULT_DOMAIN_ID,
    _ModelBase,
    _page,
    check_secret,
)
from stackdouble.fakes.locking import locked

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models.domains import Domain


__all__ = ["User", "UsersMixin"]

@dataclass(slots=True, kw_only=True)
class User:
    """A Keystone user; the password and API key never appear in a repr."""

    id: str
    name: str
    domain_id: str
    enabled: bool = True
    password: str | None = field(default=None, repr=False)
    api_key: str | None = field(default=None, repr=False)
    default_project_id: str | None = None
    email: str | None = None
    description: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class UsersMixin(_ModelBase):
    """`IdentityModel`'s users."""

    def find_user(self, ref: str | User, domain: str | Domain | None = None) -> User:
        """A user by id, or by name (in `domain`, default Default).

        Raises:
            LookupError: No such user.
        """
        return self._find(self.users, User, "user", ref, domain)

    def user_by_name(self, name: str, domain_id: str) -> User | None:
        """The user called `name` in a domain, or None."""
        user = self.users.get(self._user_names.get((domain_id, name), ""))
        return user if user is not None and user.name == name else None

    @locked
    def create_user(
        self,
        name: str,
        password: str | None = None,
        api_key: str | None = None,
        domain_id: str = DEFAULT_DOMAIN_ID,
        default_project_id: str | None = None,
        enabled: bool = True,
        *,
        email: str | None = None,
        description: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> User:
        """Add a user.

        Args:
            name: Unique within its domain.
            password: For password auth (v3 and v2.0); None disables it.
            api_key: For Rackspace's `RAX-KSKEY:apiKeyCredentials` auth on v2.0.
            domain_id: The user's domain (id or name).
            default_project_id: Where an unscoped v3 request is scoped (id or name).
            enabled: Disabled users cannot authenticate.

        Raises:
            Conflict: A user of that name already exists in the domain (also a ValueError).
        """
        domain = self.find_domain(domain_id)
        if self.user_by_name(name, domain.id) is not None:
            raise Conflict("user", f"Duplicate entry found with name {name} at domain ID "
                           f"{domain.id}")
        project_id = default_project_id
        if default_project_id and default_project_id not in self.projects:
            project_id = self.find_project(default_project_id).id
        user = User(id=self._ids.hex32(), name=name, domain_id=domain.id, enabled=enabled,
                    password=password, api_key=api_key, default_project_id=project_id,
                    email=email, description=description, extra=dict(extra or {}))
        self.users[user.id] = user
        self._user_ids.add(user.id)
        self._user_names[(domain.id, name)] = user.id
        return user

    @locked
    def disable_user(self, user: str | User) -> None:
        """Disable a user and revoke its tokens (Keystone keeps them revoked if re-enabled)."""
        self._stamp += 1
        found = self.find_user(user)
        found.enabled = False
        for token in self.tokens.values():
            if token.user_id == found.id:
                token.revoked = True

    @locked
    def enable_user(self, user: str | User) -> None:
        """Enable a user again (its old tokens stay revoked)."""
        self._stamp += 1
        self.find_user(user).enabled = True

    @locked
    def update_user(self, user_id: str, *, name: str | None = None,
                    enabled: bool | None = None, password: str | None = None,
                    default_project_id: str | object | None = ...,
                    email: str | object | None = ..., description: str | object | None = ...,
                    extra: dict[str, Any] | None = None) -> User:
        """Change a user. A new password or disabling revokes the user's tokens, as in
        Keystone.

        Raises:
            NotFound: No such user.
            Conflict: Another user of the domain has that name.
        """
        user = self.get_user(user_id)
        if name is not None and name != user.name:
            other = self.user_by_name(name, user.domain_id)
            if other is not None and other.id != user.id:
                raise Conflict("user", f"Duplicate entry found with name {name} at domain ID "
                               f"{user.domain_id}")
            del self._user_names[(user.domain_id, user.name)]
            user.name = name
            self._user_names[(user.domain_id, name)] = user.id
        if default_project_id is not ...:
            user.default_project_id = cast("str | None", default_project_id)
        if email is not ...:
            user.email = cast("str | None", email)
        if description is not ...:
            user.description = cast("str | None", description)
        if extra:
            user.extra.update(extra)
        if password is not None:
            user.password = password
            self._revoke_tokens(user_id=user.id)
        if enabled is not None and enabled != user.enabled:
            user.enabled = enabled
            if not enabled:
                self._revoke_tokens(user_id=user.id)
            self._stamp += 1
        return user

    @locked
    def change_password(self, user_id: str, original_password: Any, password: str) -> None:
        """A user's own password change: checks the original, then revokes every token of
        the user, as Keystone does.

        Raises:
            Unauthorized: Unknown user, or the original password is wrong.
        """
        user = self.users.get(user_id)
        if user is None or not check_secret(user.password, original_password):
            raise Unauthorized()
        user.password = password
        self._revoke_tokens(user_id=user.id)

    @locked
    def delete_user(self, user_id: str) -> None:
        """Delete a user with its assignments, memberships, application credentials and
        tokens.

        Raises:
            NotFound: No such user.
        """
        self.get_user(user_id)
        self._remove_user(user_id)

    def _remove_user(self, user_id: str) -> None:
        user = self.users.pop(user_id)
        self._user_ids.discard(user_id)
        self._user_names.pop((user.domain_id, user.name), None)
        for entry in list(self._assignments_by_actor.get(user_id, ())):
            self._drop_assignment(entry)
        for group_id in self.user_groups.pop(user_id, set()):
            self.group_members.get(group_id, set()).discard(user_id)
        for cred in [c for c in self.application_credentials.values() if c.user_id == user_id]:
            del self.application_credentials[cred.id]
        self._delete_access_rules_of(user_id)
        self._delete_credentials_of(user_id=user_id)
        self._revoke_tokens(user_id=user_id)

    def list_users(
        self,
        *,
        marker: str | None = None,
        limit: int | None = None,
        filters: dict[str, Any] | None = None,
    ) -> list[User]:
        """Users sorted by id, after `marker`, at most `limit`, matching `filters`.

        Raises:
            NotFound: `marker` is not a user id.
        """
        from stackdouble.fakes.identity.errors import MarkerNotFound

        if marker is not None and marker not in self.users:
            raise MarkerNotFound(marker)
        return _page((self.users[i] for i in self._user_ids.after(marker)), limit, filters or {})

    def get_user(self, user_id: str) -> User:
        """A user by id.

        Raises:
            NotFound: "Could not find user: <id>."
        """
        user = self.users.get(user_id)
        if user is None:
            raise NotFound(f"Could not find user: {user_id}.")
        return user

