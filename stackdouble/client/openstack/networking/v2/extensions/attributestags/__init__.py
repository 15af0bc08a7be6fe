"""Neutron tags (the `standard-attr-tag` extension) on any taggable resource: replace
all, list, delete all, add one, delete one, confirm one. `resource_type` is the
collection's name in the URL: `networks`, `subnets`, `ports`, `routers`, `floatingips`,
`security-groups`, `subnetpools`, `trunks`, `policies`, `network_segment_ranges`.

Listings filter by tag with `tags`, `tags_any`, `not_tags` and `not_tags_any` of each
resource's ListOpts.

Example:

    >>> from stackdouble.client.openstack.networking.v2.extensions import attributestags
    >>> attributestags.ReplaceAllOpts(tags=["red", "blue"]
    ...                               ).to_attribute_tags_replace_all_map()
    {'tags': ['red', 'blue']}
    >>> attributestags.replace_all(network_client, "networks", net.id,
    ...     attributestags.ReplaceAllOpts(tags=["red"])).extract()  # doctest: +SKIP
    ['red']
    >>> attributestags.confirm(network_client, "networks", net.id,
    ...                        "blue").extract()  # doctest: +SKIP
    False
"""

from stackdouble.client.openstack.networking.v2.extensions.attributestags.requests import (
    MAX_TAG_LEN,
    MAX_TAGS,
    ReplaceAllOpts,
    ReplaceAllOptsBuilder,
    add,
    confirm,
    delete,
    delete_all,
    list,
    replace_all,
)
from stackdouble.client.openstack.networking.v2.extensions.attributestags.results import (
    AddResult,
    ConfirmResult,
    DeleteResult,
    ListResult,
    ReplaceAllResult,
)

__all__ = [
    "MAX_TAGS",
    "MAX_TAG_LEN",
    "AddResult",
    "ConfirmResult",
    "DeleteResult",
    "ListResult",
    "ReplaceAllOpts",
    "ReplaceAllOptsBuilder",
    "ReplaceAllResult",
    "add",
    "confirm",
    "delete",
    "delete_all",
    "list",
    "replace_all",
]
