"""Results of boot from volume: a server create's, as `servers.create` answers it."""

from __future__ import annotations

from stackdouble.client.openstack.compute.v2.servers.results import CreateResult as _Create

__all__ = ["CreateResult"]


class CreateResult(_Create):
    """The result of `bootfromvolume.create`: `extract()` gives a Server holding only `id`,
    `links`, `admin_pass`, `disk_config` and `security_groups`."""

    __slots__ = ()
