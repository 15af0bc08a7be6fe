"""The service catalog of a token, from Keystone v2 or v3, and how an endpoint is chosen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from stackdouble.client._errors import (
    AmbiguousEndpoint,
    EndpointNotFound,
    ServiceNotFound,
    UnexpectedBody,
    describe_json,
)
from stackdouble.client._options import EndpointOpts

__all__ = ["CatalogEndpoint", "CatalogEntry", "ServiceCatalog"]

_V2_INTERFACES = (("public", "publicURL"), ("internal", "internalURL"), ("admin", "adminURL"))


@dataclass(slots=True, kw_only=True)
class CatalogEndpoint:
    """One URL of a service, for one interface in one region."""

    interface: str
    url: str
    region: str | None = None
    region_id: str | None = None
    id: str | None = None

    def in_region(self, region: str) -> bool:
        """Whether the endpoint is in `region`, by name or by id; an endpoint with no region
        serves every region (Rackspace's global services, as gophercloud reads them)."""
        if self.region is None and self.region_id is None:
            return True
        return region in (self.region, self.region_id)


@dataclass(slots=True, kw_only=True)
class CatalogEntry:
    """A service of the catalog: its type, name and endpoints."""

    type: str
    name: str | None = None
    id: str | None = None
    endpoints: list[CatalogEndpoint] = field(default_factory=list)


@dataclass(slots=True)
class ServiceCatalog:
    """The services a token may use, and the rule that picks one URL among them.

    Example:
        >>> catalog = ServiceCatalog.from_v3([{"type": "compute", "name": "nova", "endpoints": [
        ...     {"interface": "public", "region": "RegionOne", "url": "https://nova.example/v2.1"}]}])
        >>> catalog.locate(EndpointOpts(type="compute"))
        'https://nova.example/v2.1'
    """

    entries: list[CatalogEntry] = field(default_factory=list)

    @classmethod
    def from_v3(
        cls, raw: Iterable[Mapping[str, Any]] | None, *, path: str = "$.token.catalog"
    ) -> ServiceCatalog:
        """Read a Keystone v3 catalog (`token.catalog`).

        Raises:
            UnexpectedBody: The catalog is not a list of service objects with lists of
                endpoint objects; the error's path starts at `path`.
        """
        entries = []
        root = path
        for index, service in enumerate(_objects(raw, root)):
            path = f"{root}[{index}]"
            endpoints = [
                CatalogEndpoint(
                    interface=str(ep.get("interface", "")),
                    url=str(ep.get("url", "")),
                    region=_text(ep.get("region")),
                    region_id=_text(ep.get("region_id")),
                    id=_text(ep.get("id")),
                )
                for ep in _objects(service.get("endpoints"), f"{path}.endpoints")
            ]
            entries.append(
                CatalogEntry(
                    type=str(service.get("type", "")),
                    name=_text(service.get("name")),
                    id=_text(service.get("id")),
                    endpoints=endpoints,
                )
            )
        return cls(entries)

    @classmethod
    def from_v2(
        cls, raw: Iterable[Mapping[str, Any]] | None, *, path: str = "$.access.serviceCatalog"
    ) -> ServiceCatalog:
        """Read a Keystone v2.0 catalog (`access.serviceCatalog`): one URL per interface.

        Raises:
            UnexpectedBody: The catalog is not a list of service objects with lists of
                endpoint objects; the error's path starts at `path`.
        """
        entries = []
        for index, service in enumerate(_objects(raw, path)):
            endpoints = []
            for ep in _objects(service.get("endpoints"), f"{path}[{index}].endpoints"):
                for interface, key in _V2_INTERFACES:
                    url = ep.get(key)
                    if url:
                        endpoints.append(
                            CatalogEndpoint(
                                interface=interface,
                                url=str(url),
                                region=_text(ep.get("region")),
                                region_id=_text(ep.get("region_id") or ep.get("region")),
                                id=_text(ep.get("id")),
                            )
                        )
            entries.append(
                CatalogEntry(
                    type=str(service.get("type", "")),
                    name=_text(service.get("name")),
                    endpoints=endpoints,
                )
            )
        return cls(entries)

    def locate(self, opts: EndpointOpts) -> str:
        """The one URL matching `opts`.

        Services match by type (the official type first, then its aliases in order; the first
        type with a match wins) and by name when given. Endpoints match by interface and, when
        given, by region name or region id. Identical URLs count once.

        Raises:
            ServiceNotFound: No service of that type (and name).
            EndpointNotFound: Such services exist, but none has an endpoint there.
            AmbiguousEndpoint: More than one distinct URL matches; the error lists them.
        """
        interface = opts.interface
        asked = {
            "type": opts.type,
            "name": opts.name,
            "region": opts.region,
            "interface": interface,
        }
        found_services: list[CatalogEntry] = []
        for service_type in opts.types():
            services = [
                entry
                for entry in self.entries
                if entry.type == service_type and (opts.name is None or entry.name == opts.name)
            ]
            if not services:
                continue
            found_services.extend(services)
            matches: list[tuple[CatalogEntry, CatalogEndpoint]] = [
                (entry, ep)
                for entry in services
                for ep in entry.endpoints
                if ep.interface == interface and (opts.region is None or ep.in_region(opts.region))
            ]
            urls = list(dict.fromkeys(ep.url for _, ep in matches))
            if len(urls) == 1:
                return urls[0]
            if len(urls) > 1:
                seen: dict[str, str] = {}
                for entry, ep in matches:
                    seen.setdefault(ep.url, _describe_endpoint(entry, ep))
                raise AmbiguousEndpoint(
                    f"{len(urls)} endpoints match {_describe_asked(asked)}: "
                    + "; ".join(seen.values())
                    + ". Narrow the search with a service name or region.",
                    asked,
                    seen.values(),
                )
        if not found_services:
            available = self._describe_services()
            raise ServiceNotFound(
                f"no service matches {_describe_asked(asked)}; the catalog has "
                + (", ".join(available) or "no services"),
                asked,
                available,
            )
        available = [
            _describe_endpoint(entry, ep) for entry in found_services for ep in entry.endpoints
        ]
        raise EndpointNotFound(
            f"no endpoint matches {_describe_asked(asked)}; the service offers "
            + ("; ".join(available) or "no endpoints"),
            asked,
            available,
        )

    def types(self) -> Sequence[str]:
        """The service types in the catalog, in catalog order."""
        return list(dict.fromkeys(entry.type for entry in self.entries))

    def _describe_services(self) -> list[str]:
        described = []
        for entry in self.entries:
            regions = sorted({ep.region or ep.region_id or "-" for ep in entry.endpoints})
            interfaces = sorted({ep.interface for ep in entry.endpoints})
            described.append(
                f"{entry.type} {entry.name!r} in {', '.join(regions) or 'no region'}"
                f" ({', '.join(interfaces) or 'no endpoints'})"
            )
        return described


def _objects(value: Any, path: str) -> list[Mapping[str, Any]]:
    """`value` as a list of JSON objects (None is empty), or raise naming the path."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise UnexpectedBody("a list", describe_json(value), path=path)
    for index, item in enumerate(value):
        if not isinstance(item, Mapping):
            raise UnexpectedBody("an object", describe_json(item), path=f"{path}[{index}]")
    return value


def _text(value: Any) -> str | None:
    """A region, id or name as text (None stays None), so a number in the catalog still
    compares and hashes."""
    return None if value is None else str(value)


def _describe_asked(asked: Mapping[str, Any]) -> str:
    parts = [f"type {asked['type']!r}"]
    if asked.get("name"):
        parts.append(f"name {asked['name']!r}")
    parts.append(f"region {asked['region']!r}" if asked.get("region") else "any region")
    parts.append(f"interface {asked['interface']!r}")
    return ", ".join(parts)


def _describe_endpoint(entry: CatalogEntry, ep: CatalogEndpoint) -> str:
    region = ep.region or ep.region_id or "no region"
    return f"{entry.type} {entry.name!r} {ep.interface} in {region}: {ep.url}"
