"""Swift's own auth in the fake (client `objectstorage/v1/swauth`): tempauth's users and
tokens; its v1.0 login is `handlers/swauth.py`.

A transcription of `swift/common/middleware/tempauth.py` (Swift 2.38): `handle_request` and
`handle_get_token` answer `GET {base}/auth/v1.0` (also `/auth/v1.0/`,
`/auth/auth` and `/auth/v1/<account>/auth`, the spellings tempauth accepts under its
`/auth/` prefix) with `X-Auth-User: <account>:<user>` and `X-Auth-Key: <key>` (or
`X-Storage-User` and `X-Storage-Pass`), and `_get_user_groups` gives a token its groups. The
rules those groups obey (`.admin` owns the account, `.reseller_admin` owns every account,
container ACLs name groups) are in `auth.authorize`.

Tokens look like the classic memcache ones, `AUTH_tk<32 hex>`: a login while the user's
token is still valid gets that token back with fewer seconds left; they expire on the fake
clock after `token_life` seconds (86400, tempauth's default). A request whose
`X-Auth-Token` (or `X-Storage-Token`) starts with `AUTH_` is tempauth's, and one that is
unknown or expired gets 401 at once; any other token is Keystone's.

Tempauth accounts and Keystone projects share the reseller prefix `AUTH_`. A tempauth
account `test` is `AUTH_test`; a user added with `project=` gets that Keystone project's
account as its storage URL (tempauth's optional `storage_url`, e.g. `user_demo_demo =
demo-secret .admin http://.../v1/AUTH_<project id>`), so the two kinds of token reach the same
containers. The defaults are a SAIO's users (`doc/saio/swift/proxy-server.conf`, as in the
real setup of `reference/real-keystone-swift.md`) plus `demo:demo` / `demo-secret` on the
demo project's account.

    >>> import requests
    >>> from stackdouble.fakes import FakeCloud
    >>> with FakeCloud(seed=1) as cloud:
    ...     login = requests.get(f"{cloud.base_url}/auth/v1.0",
    ...                          headers={"X-Auth-User": "demo:demo", "X-Auth-Key": "demo-secret"})
    ...     url, token = login.headers["X-Storage-Url"], login.headers["X-Auth-Token"]
    ...     created = requests.put(url + "/photos", headers={"X-Auth-Token": token}).status_code
    ...     names = cloud.object_storage.names("demo")
    >>> login.status_code, token[:7], login.headers["X-Auth-Token-Expires"]
    (200, 'AUTH_tk', '86399')
    >>> url == f"{cloud.base_url}/v1/AUTH_{cloud.project_id('demo')}", names
    (True, ['photos'])
"""

from __future__ import annotations

import base64
import contextlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from stackdouble.fakes.objectstorage.models._common import RESELLER_PREFIX

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = [
    "DEFAULT_TOKEN_LIFE",
    "DEFAULT_USERS",
    "TempAuth",
    "TempAuthToken",
    "TempAuthUser",
]

#: tempauth's `token_life`, in seconds.
DEFAULT_TOKEN_LIFE = 86400
#: `(account, user, key, groups)` of a SAIO's `[filter:tempauth]`.
DEFAULT_USERS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("admin", "admin", "admin", (".admin", ".reseller_admin")),
    ("test", "tester", "testing", (".admin",)),
    ("test", "tester2", "testing2", (".admin",)),
    ("test", "tester3", "testing3", ()),
    ("test2", "tester2", "testing2", (".admin",)),
)
_SPECIAL_GROUPS = (".admin", ".reseller_admin", ".reseller_reader")


@dataclass(frozen=True, slots=True)
class TempAuthUser:
    """One `user_<account>_<user> = <key> [group ...] [storage_url]` line.

    Attributes:
        account: The tempauth account (`test`).
        user: The user (`tester`).
        key: The key it logs in with; never in a repr.
        groups: Its groups as configured (`.admin`, `.reseller_admin`, ACL names).
        account_id: The last segment of its storage URL (`AUTH_test`, or
            `AUTH_<project id>` for a user added with `project=`).
    """

    account: str
    user: str
    key: str = field(repr=False)
    groups: tuple[str, ...]
    account_id: str

    @property
    def name(self) -> str:
        """`account:user`, as `X-Auth-User` names it."""
        return f"{self.account}:{self.user}"


@dataclass(slots=True)
class TempAuthToken:
    """A token tempauth handed out.

    Attributes:
        token_id: `AUTH_tk...`; never in a repr.
        user: `account:user`.
        groups: Its groups (`test,test:tester,AUTH_test`, as a tuple).
        expires: Unix time (fake clock) it stops working at.
    """

    token_id: str = field(repr=False)
    user: str
    groups: tuple[str, ...]
    expires: float


class TempAuth:
    """tempauth's users and tokens (`cloud.object_storage.tempauth`).

    Args:
        model: The fake Swift whose accounts the users reach.
        defaults: Add `DEFAULT_USERS` and `demo:demo` (key `demo-secret`, owner of the demo
            project's account) when the demo project exists.

    Attributes:
        users: Users by `account:user`.
        tokens: Tokens by id.
        token_life: Seconds a new token lasts.

    Example:
        >>> from stackdouble.fakes import FakeCloud
        >>> tempauth = FakeCloud().object_storage.tempauth
        >>> tempauth.add_user("acme", "ops", "s3cret", admin=True)
        TempAuthUser(account='acme', user='ops', groups=('.admin',), account_id='AUTH_acme')
        >>> token = tempauth.issue_token("acme", "ops")
        >>> tempauth.groups_for(token)
        ('acme', 'acme:ops', 'AUTH_acme')
        >>> tempauth.expire_token(token)
        >>> tempauth.groups_for(token) is None
        True
    """

    def __init__(self, model: ObjectStorageModel, *, defaults: bool = True) -> None:
        self.model = model
        self.users: dict[str, TempAuthUser] = {}
        self.tokens: dict[str, TempAuthToken] = {}
        self.token_life: float = DEFAULT_TOKEN_LIFE
        self._latest: dict[str, str] = {}
        if defaults:
            for account, user, key, groups in DEFAULT_USERS:
                self.add_user(account, user, key, groups=groups)
            with contextlib.suppress(LookupError):  # a cloud without the demo project
                self.add_user("demo", "demo", "demo-secret", admin=True, project="demo")

    @property
    def cloud(self) -> FakeCloud:
        """The cloud (its clock, lock and ids)."""
        return self.model.cloud

    # -- users -----------------------------------------------------------------------------

    def add_user(
        self,
        account: str,
        user: str,
        key: str,
        *,
        admin: bool = False,
        reseller_admin: bool = False,
        groups: Iterable[str] = (),
        project: str | None = None,
    ) -> TempAuthUser:
        """Add (or replace) a user, as a `user_<account>_<user>` line would.

        Args:
            account: The tempauth account; its storage account is `AUTH_<account>`.
            user: The user name.
            key: Its key (`X-Auth-Key`).
            admin: Put it in `.admin`: it owns its account.
            reseller_admin: Put it in `.reseller_admin`: it owns every `AUTH_` account.
            groups: More groups (names that container ACLs can grant).
            project: A Keystone project (name or id) whose account is the user's storage
                URL instead, so that this user and the project's Keystone users share it.

        Raises:
            ValueError: An empty account, user or key, or a `:` in the account.
            LookupError: No such project.
        """
        if not account or not user or not key:
            raise ValueError("account, user and key must not be empty")
        if ":" in account:
            raise ValueError(f"a tempauth account cannot hold ':' ({account!r})")
        wanted = [*([".admin"] if admin else []),
                  *([".reseller_admin"] if reseller_admin else []), *groups]
        with self.cloud.lock:
            if project is not None:
                account_id = self.model.account_name(project)
            else:
                account_id = quote(RESELLER_PREFIX + account)
            found = TempAuthUser(account=account, user=user, key=key,
                                 groups=tuple(dict.fromkeys(wanted)), account_id=account_id)
            self.users[found.name] = found
            return found

    def remove_user(self, account: str, user: str) -> None:
        """Remove a user, and end its tokens.

        Raises:
            LookupError: No such user.
        """
        name = f"{account}:{user}"
        with self.cloud.lock:
            if self.users.pop(name, None) is None:
                raise LookupError(f"no tempauth user {name!r}; have {sorted(self.users)}")
            for token_id in [t for t, found in self.tokens.items() if found.user == name]:
                del self.tokens[token_id]
            self._latest.pop(name, None)

    def user_groups(self, found: TempAuthUser) -> tuple[str, ...]:
        """tempauth's `_get_user_groups`: account, `account:user`, the configured groups,
        and for `.admin` the accounts it owns in place of `.admin`."""
        groups = [found.account, found.name, *found.groups]
        if ".admin" in groups:
            groups.remove(".admin")
            groups.append(RESELLER_PREFIX + found.account)
            if found.account_id not in groups:
                groups.append(found.account_id)
        return tuple(groups)

    # -- tokens ---------------------------------------------------------------------------

    def login(self, account: str, user: str, key: str) -> TempAuthToken | None:
        """What a v1.0 login does: the user's valid token, or a new one; None when the
        user is unknown or the key wrong."""
        with self.cloud.lock:
            found = self.users.get(f"{account}:{user}")
            if found is None or not hmac.compare_digest(
                    found.key.encode("utf-8", "surrogateescape"),
                    key.encode("utf-8", "surrogateescape")):
                return None
            return self._token_for(found)

    def issue_token(self, account: str, user: str) -> str:
        """A token for a user without its key (for tests); returns the token id.

        Raises:
            LookupError: No such user.
        """
        with self.cloud.lock:
            found = self.users.get(f"{account}:{user}")
            if found is None:
                raise LookupError(f"no tempauth user {account}:{user}; have {sorted(self.users)}")
            return self._token_for(found).token_id

    def _token_for(self, found: TempAuthUser) -> TempAuthToken:
        groups = self.user_groups(found)
        now = self.cloud.clock.time()
        latest = self.tokens.get(self._latest.get(found.name, ""))
        if latest is not None and latest.expires > now and set(latest.groups) == set(groups):
            return latest
        raw = base64.urlsafe_b64decode(self.cloud.ids.secret(16) + "==")
        token = TempAuthToken(token_id=f"{RESELLER_PREFIX}tk{raw.hex()}", user=found.name,
                              groups=groups, expires=now + self.token_life)
        self._forget_expired(now)
        self.tokens[token.token_id] = token
        self._latest[found.name] = token.token_id
        return token

    def _forget_expired(self, now: float) -> None:
        if len(self.tokens) > 1000:
            for token_id in [t for t, found in self.tokens.items() if found.expires <= now]:
                del self.tokens[token_id]

    def groups_for(self, token_id: str | None) -> tuple[str, ...] | None:
        """The groups of a valid token, or None (unknown or expired)."""
        with self.cloud.lock:
            found = self.tokens.get(token_id or "")
            if found is None or found.expires <= self.cloud.clock.time():
                return None
            return found.groups

    def seconds_left(self, token_id: str) -> float:
        """Seconds until a token expires (negative once it has).

        Raises:
            LookupError: Unknown token.
        """
        with self.cloud.lock:
            found = self.tokens.get(token_id)
            if found is None:
                raise LookupError("unknown token")
            return found.expires - self.cloud.clock.time()

    def expire_token(self, token_id: str) -> None:
        """Make a token expire now.

        Raises:
            LookupError: Unknown token.
        """
        with self.cloud.lock:
            found = self.tokens.get(token_id)
            if found is None:
                raise LookupError("unknown token")
            found.expires = min(found.expires, self.cloud.clock.time())

    def expire_all_tokens(self) -> int:
        """Expire every token; returns how many were still valid."""
        with self.cloud.lock:
            now = self.cloud.clock.time()
            count = 0
            for found in self.tokens.values():
                count += found.expires > now
                found.expires = min(found.expires, now)
            return count

    def dump(self) -> dict[str, Any]:
        """Users by `account:user` with their account, user, groups and storage account id,
        and how many tokens are still valid (never a key, never a token id).

        Example:
            >>> from stackdouble.fakes import FakeCloud
            >>> tempauth = FakeCloud().object_storage.tempauth
            >>> _ = tempauth.issue_token("test", "tester")
            >>> dumped = tempauth.dump()
            >>> dumped["users"]["test:tester"], dumped["valid_tokens"]
            ({'account': 'test', 'user': 'tester', 'groups': ['.admin'], 'account_id': 'AUTH_test'}, 1)
        """  # noqa: E501
        with self.cloud.lock:
            now = self.cloud.clock.time()
            return {
                "users": {name: {"account": found.account, "user": found.user,
                                 "groups": list(found.groups), "account_id": found.account_id}
                          for name, found in self.users.items()},
                "valid_tokens": sum(t.expires > now for t in self.tokens.values()),
            }

    def __repr__(self) -> str:
        return f"<TempAuth {len(self.users)} users, {len(self.tokens)} tokens>"
