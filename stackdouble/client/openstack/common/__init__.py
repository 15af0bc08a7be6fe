"""What several OpenStack services share in the same shape (gophercloud's
`openstack/common`): `extensions`, the `/extensions` listing Neutron and Cinder answer
alike."""

__all__: list[str] = []
