"""URLs of Cinder's extension listing: `/v3/{project_id}/extensions[/{alias}]`
(`common.extensions.urls`)."""

from stackdouble.client.openstack.common.extensions.urls import get_url, list_url

__all__ = ["get_url", "list_url"]
