"""IP address management: allocation pools and handing out addresses, as Neutron's IPAM
(`neutron/ipam/utils.py`, `neutron/ipam/requests.py` and the `neutrondb_ipam` driver).

Plain functions on a `Subnet`, so any port-making resource (a DHCP port, a router interface,
a floating IP) takes addresses the same way:

    >>> from datetime import datetime, timezone
    >>> from stackdouble.fakes.networking.models._common import Subnet
    >>> now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    >>> pools = default_pools("10.0.0.0/29", "10.0.0.1")
    >>> pools
    [('10.0.0.2', '10.0.0.6')]
    >>> subnet = Subnet(id="s", project_id="p", network_id="n", cidr="10.0.0.0/29",
    ...                 ip_version=4, gateway_ip="10.0.0.1", allocation_pools=pools,
    ...                 created_at=now, updated_at=now)
    >>> take_next(subnet, "port-1"), take_address(subnet, "10.0.0.5", "port-2")
    ('10.0.0.2', '10.0.0.5')
    >>> take_address(subnet, "10.0.0.5", "port-3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    stackdouble...IpAddressAlreadyAllocated: IP address 10.0.0.5 already allocated in subnet s

Neutron picks a random address among the first 1000 free ones (`MAX_WIN`) unless the port
is a DHCP port, which takes the first free one (`PreferNextAddressRequest`); `take_random`
does the first with the caller's random number.
"""

from __future__ import annotations

import ipaddress
import itertools
from collections.abc import Callable, Iterator, Sequence

from stackdouble.fakes.networking.errors import (
    InvalidIpForSubnet,
    IpAddressAlreadyAllocated,
    IpAddressGenerationFailure,
)
from stackdouble.fakes.networking.models._common import Subnet

__all__ = [
    "MAX_WIN",
    "default_pools",
    "eui64",
    "free_addresses",
    "in_pools",
    "pool_bounds",
    "release",
    "take_address",
    "take_next",
    "take_random",
]

#: The window of free addresses Neutron's driver picks from at random.
MAX_WIN = 1000


def default_pools(cidr: str, gateway_ip: str | None) -> list[tuple[str, str]]:
    """The pools Neutron makes when none are given (`ipam.utils.generate_pools`): every host
    address but the gateway (IPv4 leaves out the network and broadcast addresses of
    prefixes up to /30, IPv6 the subnet-router anycast address).

    Example:
        >>> default_pools("10.0.0.0/26", "10.0.0.1")
        [('10.0.0.2', '10.0.0.62')]
        >>> default_pools("10.0.0.0/24", "10.0.0.100")
        [('10.0.0.1', '10.0.0.99'), ('10.0.0.101', '10.0.0.254')]
        >>> default_pools("fd00::/64", "fd00::1")
        [('fd00::2', 'fd00::ffff:ffff:ffff:ffff')]
    """
    net = ipaddress.ip_network(cidr)
    first, last = int(net.network_address), int(net.broadcast_address)
    if first == last:
        return [(str(net.network_address), str(net.network_address))]
    if net.version == 4 and net.prefixlen > 30:
        low, high = first, last
    elif net.version == 4:
        low, high = first + 1, last - 1
    else:
        low, high = first + 1, last
    ranges = [(low, high)]
    if gateway_ip:
        gw = int(ipaddress.ip_address(gateway_ip))
        ranges = [r for lo, hi in ranges
                  for r in ((lo, gw - 1), (gw + 1, hi)) if r[0] <= r[1]] \
            if low <= gw <= high else ranges
    make = ipaddress.ip_address
    return [(str(make(lo) if net.version == 4 else ipaddress.IPv6Address(lo)),
             str(make(hi) if net.version == 4 else ipaddress.IPv6Address(hi)))
            for lo, hi in ranges]


def pool_bounds(subnet: Subnet) -> list[tuple[int, int]]:
    """The subnet's pools as (first, last) integers, in order."""
    return sorted((int(ipaddress.ip_address(a)), int(ipaddress.ip_address(b)))
                  for a, b in subnet.allocation_pools)


def in_pools(subnet: Subnet, address: int) -> bool:
    """Whether an address lies in one of the subnet's pools."""
    return any(lo <= address <= hi for lo, hi in pool_bounds(subnet))


def free_addresses(subnet: Subnet) -> Iterator[int]:
    """The free addresses of the pools, lowest first (lazily: a /64 is fine), from
    `subnet.free_from`, which moves up to the first free address found."""
    taken = subnet.allocated
    first = True
    for lo, hi in pool_bounds(subnet):
        address = max(lo, subnet.free_from)
        while address <= hi:
            if address not in taken:
                if first:
                    subnet.free_from, first = address, False
                yield address
            address += 1


def _text(subnet: Subnet, address: int) -> str:
    return str(ipaddress.IPv4Address(address) if subnet.ip_version == 4
               else ipaddress.IPv6Address(address))


def take_address(subnet: Subnet, ip_address: str, owner: str, *,
                 allow_gateway: bool = False) -> str:
    """Take a given address (`SpecificAddressRequest`): any address of the CIDR but the
    gateway (unless `allow_gateway`: a router interface takes it), in a pool or not, as
    Neutron allows.

    Raises:
        InvalidIpForSubnet: Not in the subnet's CIDR.
        IpAddressAlreadyAllocated: Taken, or the gateway.
    """
    address = ipaddress.ip_address(ip_address)
    if address not in ipaddress.ip_network(subnet.cidr):
        raise InvalidIpForSubnet(ip=ip_address, subnet_id=subnet.id)
    value = int(address)
    gateway = (subnet.gateway_ip is not None and not allow_gateway
               and ipaddress.ip_address(subnet.gateway_ip) == address)
    if value in subnet.allocated or gateway:
        raise IpAddressAlreadyAllocated(ip=str(address), subnet_id=subnet.id)
    subnet.allocated[value] = owner
    return str(address)


def take_next(subnet: Subnet, owner: str) -> str:
    """Take the lowest free address (`PreferNextAddressRequest`, DHCP ports).

    Raises:
        IpAddressGenerationFailure: The pools are exhausted.
    """
    for address in free_addresses(subnet):
        subnet.allocated[address] = owner
        return _text(subnet, address)
    raise IpAddressGenerationFailure(subnet_id=subnet.id)


def take_random(subnet: Subnet, owner: str, pick: Callable[[int], int]) -> str:
    """Take one of the first `MAX_WIN` free addresses (`AnyAddressRequest`); `pick(n)`
    returns the index, in `range(n)`.

    Raises:
        IpAddressGenerationFailure: The pools are exhausted.
    """
    window: list[int] = []
    for address in free_addresses(subnet):
        window.append(address)
        if len(window) == MAX_WIN:
            break
    if not window:
        raise IpAddressGenerationFailure(subnet_id=subnet.id)
    chosen = window[pick(len(window))]
    subnet.allocated[chosen] = owner
    return _text(subnet, chosen)


def release(subnet: Subnet, ip_address: str) -> None:
    """Give an address back (nothing happens if it was not taken)."""
    value = int(ipaddress.ip_address(ip_address))
    if subnet.allocated.pop(value, None) is not None:
        subnet.free_from = min(subnet.free_from, value)


def eui64(cidr: str, mac: str) -> str:
    """The SLAAC address of a MAC in a /64 (`netaddr.EUI.ipv6`).

    Example:
        >>> eui64("fd00::/64", "fa:16:3e:00:00:01")
        'fd00::f816:3eff:fe00:1'
    """
    octets = [int(part, 16) for part in mac.split(":")]
    octets[0] ^= 0x02
    iid = [*octets[:3], 0xFF, 0xFE, *octets[3:]]
    net = ipaddress.IPv6Network(cidr)
    return str(ipaddress.IPv6Address(int(net.network_address) | int.from_bytes(bytes(iid), "big")))


def overlapping(pools: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The index pair of the first two pools that share addresses, or None."""
    ordered = sorted(range(len(pools)), key=lambda i: pools[i])
    for a, b in itertools.pairwise(ordered):
        if pools[b][0] <= pools[a][1]:
            return (a, b)
    return None
