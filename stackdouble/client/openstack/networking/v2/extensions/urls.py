"""URLs of Neutron's extension listing: `/v2.0/extensions[/{alias}]`
(`common.extensions.urls`)."""

from stackdouble.client.openstack.common.extensions.urls import get_url, list_url

__all__ = ["get_url", "list_url"]
