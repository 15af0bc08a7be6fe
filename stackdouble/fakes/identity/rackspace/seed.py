"""The Rackspace profile's identity state (`data/rackspace.json`): accounts, Rackspace's roles
and the catalog under Rackspace's names, in front of the fake's own services.

An account is what a Rackspace sign-up gives: a user-admin with a password and an API key,
one tenant named by its own id (the account number), which is the user's default tenant,
and a default region (`RAX-AUTH:defaultRegion`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.data import load_json
from stackdouble.fakes.identity.models import DEFAULT_DOMAIN_ID, Project

if TYPE_CHECKING:
    from stackdouble.fakes.identity.models import IdentityModel

__all__ = ["DEFAULT_REGION_KEY", "create_account", "load_rackspace"]

#: Where a user keeps its default region (in `User.extra`, as Rackspace names the attribute).
DEFAULT_REGION_KEY = "RAX-AUTH:defaultRegion"

_PACKAGE = "stackdouble.fakes.identity"


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_json(_PACKAGE, "rackspace.json")
    return data


def load_rackspace(model: IdentityModel, base_url: str, regions: Sequence[str]) -> None:
    """Fill an empty model with the Rackspace profile's state.

    Keystone's Default domain and bootstrap roles stay (the fake services' policies read
    `member` and `admin`); Rackspace's roles imply `member`. Each catalog entry borrows the
    URL template of the default catalog's service of its `like` type, so it follows where
    the fake serves that service; an entry whose service the cloud lacks is left out.
    Every entry has an endpoint in every region, the first region being each account's
    default.
    """
    defaults = load_json(_PACKAGE, "default.json")
    data = _data()
    for domain in defaults["domains"]:
        model.create_domain(domain["name"], description=domain.get("description", ""),
                            domain_id=domain["id"])
    for name in defaults["roles"]:
        model.create_role(name, immutable=True)
    for prior, implied in defaults["implied_roles"]:
        model.add_implied_role(prior, implied)
    for role in data["roles"]:
        model.create_role(role["name"], description=role.get("description"), immutable=True)
    for prior, implied in data["implied_roles"]:
        model.add_implied_role(prior, implied)
    for region in regions:
        if region not in model.regions:
            model.create_region(region)
    templates = {entry["type"]: entry["endpoints"] for entry in defaults["services"]}
    for entry in data["catalog"]:
        urls = templates.get(entry["like"])
        if urls is None:
            continue
        service = model.add_service(entry["type"], entry["name"])
        for region in regions:
            for interface in entry["interfaces"]:
                model.add_endpoint(service.id, interface, base_url + urls[interface], region)
    for account in data["accounts"]:
        create_account(model, account["username"], password=account.get("password"),
                       api_key=account.get("api_key"), default_region=regions[0])


def create_account(
    model: IdentityModel,
    username: str,
    *,
    password: str | None = None,
    api_key: str | None = None,
    default_region: str = "DFW",
) -> Project:
    """Add a Rackspace account: a user-admin `username`, its tenant and its roles.

    The tenant is named by its own id, as an account number is, and is the user's default
    tenant: authenticating without a tenant scopes the token to it. The user holds
    Rackspace's tenant roles on it (`compute:default`, `object-store:default`) and its
    global roles (`identity:user-admin`).

    Args:
        model: The cloud's identity (`cloud.identity`).
        username: Unique in the Default domain.
        password: For `passwordCredentials`; None refuses password logins.
        api_key: For `RAX-KSKEY:apiKeyCredentials`; None refuses API-key logins.
        default_region: The user's `RAX-AUTH:defaultRegion`.

    Returns:
        The account's tenant.

    Raises:
        Conflict: A user of that name exists (also a ValueError).

    Example:
        >>> from stackdouble.fakes import FakeCloud
        >>> cloud = FakeCloud(profile="rackspace", seed=1)
        >>> tenant = create_account(cloud.identity, "alice", api_key="alice-key")
        >>> tenant.name == tenant.id == cloud.credentials("alice")["project_id"]
        True
    """
    data = _data()
    user = model.create_user(username, password=password, api_key=api_key,
                             extra={DEFAULT_REGION_KEY: default_region})
    project = model.create_project(f"account of {username}")
    model.update_project(project.id, name=project.id)
    model.update_user(user.id, default_project_id=project.id)
    for role in data["tenant_roles"]:
        model.grant_role(role, user.id, project=project.id)
    for role in data["global_roles"]:
        model.grant_role(role, user.id, domain=DEFAULT_DOMAIN_ID)
    return project
