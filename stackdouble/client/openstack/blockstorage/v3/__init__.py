"""Block Storage (Cinder) v3: `volumes`, `snapshots`, `volumetypes`, `backups`, `attachments`
(3.27+), `grouptypes`, `groups` and `groupsnapshots` (3.11+), `availabilityzones`, `limits`,
`quotasets`, `services` (`os-services` and the resource filters), `defaulttypes` (per-project
default volume types, 3.62), `capabilities` (a backend's capabilities), `extensions`,
`versions`.

Build the client with `openstack.new_block_storage_v3(provider, EndpointOpts(...))` (the
catalog's `block-storage`, or its aliases `volumev3`, `volume`); give it a microversion
with `block_storage.with_microversion("3.60")` or `versions.negotiate(block_storage,
"3.60")`. Attach volumes to servers through Nova: `compute.v2.extensions.volumeattach`.
"""

__all__: list[str] = []
