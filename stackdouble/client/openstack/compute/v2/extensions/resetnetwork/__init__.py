"""Reset a server's networking (`resetNetwork`), which Nova removed in 23.0.0 (Wallaby).

Example: a current Nova answers 410 Gone:

    >>> from stackdouble.client.openstack.compute.v2.extensions import resetnetwork
    >>> try:
    ...     resetnetwork.reset_network(admin_compute, server_id).extract_err()
    ... except Exception as exc:
    ...     print(exc.status)
    410
"""

from stackdouble.client.openstack.compute.v2.extensions.resetnetwork.requests import (
    reset_network,
)
from stackdouble.client.openstack.compute.v2.extensions.resetnetwork.results import ResetResult

__all__ = ["ResetResult", "reset_network"]
