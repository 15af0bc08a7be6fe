"""Networking (Neutron) v2.0: `networks`, `subnets`, `ports`, `extensions`, and the
extensions' `layer3.routers`, `layer3.floatingips`, `security.groups`, `security.rules`,
`quotas` and `attributestags`.

Build the client with `openstack.new_networking_v2(provider, EndpointOpts(...))`, from the
catalog's `network` service. Neutron registers its root without a version (devstack:
`http://cloud/networking`); resources are built under its `v2.0/`, as gophercloud's
`NewNetworkV2` does.

Listings page when given a `limit` (or when Neutron caps pages with its
`pagination_max_limit`): each page's `<resource>_links` holds the `next` link, which the
Pager follows. Every listing and get takes `fields=` to select attributes.

Neutron answers errors with `{"NeutronError": {"type", "message", "detail"}}`; the
client's errors carry the `type` as `kind` (`IpAddressGenerationFailure`, `OverQuota`,
`NetworkNotFound`...) and the message as `fault`.
"""

__all__: list[str] = []
