"""Keystone v2.0 tenant pages."""

from __future__ import annotations

from stackdouble.client.openstack.identity.v2.tokens.results import Tenant
from stackdouble.client.pagination import LinkedPage, Page

__all__ = ["Tenant", "TenantPage", "extract_tenants"]


class TenantPage(LinkedPage):
    """A page of tenants; the next page is in `tenants_links`."""

    __slots__ = ()
    resource_key = "tenants"
    link_path = ("tenants_links",)

    def items(self) -> list[Tenant]:
        """The tenants on this page."""
        return extract_tenants(self)


def extract_tenants(page: Page) -> list[Tenant]:
    """The tenants on one page of `tenants.list`."""
    return page.extract_list_with(Tenant.from_json, key="tenants")
