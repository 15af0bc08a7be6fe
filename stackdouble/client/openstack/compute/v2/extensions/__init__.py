"""Nova API extensions as gophercloud's seed shaped them: `diskconfig`, `startstop`,
`availabilityzones`, `volumeattach` (Cinder volumes on servers), `rescueunrescue`,
`shelveunshelve`, `schedulerhints` (`os:scheduler_hints` on server create) and
`bootfromvolume` (`block_device_mapping_v2` on server create).

Each decorates the core request builders or reads extra keys from the core Results, so
`servers` stays unchanged: `diskconfig.CreateOptsExt(servers.CreateOpts(...), disk_config=...)`,
`diskconfig.extract_get(servers.get(compute, server_id))`.
"""

__all__: list[str] = []
