"""Compute (Nova) v2.1: `servers`, `flavors`, `images`, `keypairs`, `versions`,
`quotasets`, `quotaclasses`, `limits`, `hypervisors`, `services`, `hosts` (the
deprecated `os-hosts`), `servergroups`, `tags`,
`instanceactions`, `migrations`, `remoteconsoles`, `usage`, `aggregates` (host aggregates
and the availability zones they make), and the seed's `extensions`
(`diskconfig`, `startstop`, `availabilityzones`, `volumeattach`, `rescueunrescue`,
`shelveunshelve`, `schedulerhints`; and `migrate`, `evacuate`, `resetstate`,
`injectnetworkinfo`, `resetnetwork`).

Build the client with `openstack.new_compute_v2(provider, EndpointOpts(...))`; give it a
microversion with `compute.with_microversion("2.79")` or `versions.negotiate(compute, "2.79")`.
"""

__all__: list[str] = []
