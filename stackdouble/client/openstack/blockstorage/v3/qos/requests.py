"""Cinder QoS specs (admins): create, list, get, set and delete keys, delete, and the
associations with volume types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import urlencode

from stackdouble.client._errors import InvalidInput, StackdoubleError
from stackdouble.client._query import build_query
from stackdouble.client._service import ServiceClient
from stackdouble.client.openstack.blockstorage.v3._query import check_paging
from stackdouble.client.openstack.blockstorage.v3.qos import urls
from stackdouble.client.openstack.blockstorage.v3.qos.results import (
    AssociateResult,
    AssociationsResult,
    CreateResult,
    DeleteKeysResult,
    DeleteResult,
    DisassociateAllResult,
    DisassociateResult,
    GetResult,
    QoSPage,
    UpdateResult,
)
from stackdouble.client.pagination import Pager

__all__ = [
    "CreateOpts",
    "CreateOptsBuilder",
    "ListOpts",
    "ListOptsBuilder",
    "UpdateOpts",
    "UpdateOptsBuilder",
    "associate",
    "create",
    "delete",
    "delete_keys",
    "disassociate",
    "disassociate_all",
    "get",
    "list",
    "list_associations",
    "update",
]

_CONSUMERS = frozenset({"back-end", "front-end", "both"})


def _check_consumer(consumer: str | None) -> None:
    if consumer is not None and consumer not in _CONSUMERS:
        raise InvalidInput(f"consumer must be back-end, front-end or both, not {consumer!r}",
                           "consumer")


class ListOptsBuilder(Protocol):
    """Anything that renders the query of `qos.list`."""

    def to_qos_list_query(self) -> str: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ListOpts:
    """Paging and sorting for `list`; None fields are not sent. Cinder sorts on its
    table's columns only (`created_at`, `id`, `value` for the name); it filters on `id`
    but not on `name`.

    Example:
        >>> ListOpts(limit=10).to_qos_list_query()
        '?limit=10'
    """

    sort: str | None = field(default=None, metadata={"q": "sort"})
    limit: int | None = field(default=None, metadata={"q": "limit"})
    offset: int | None = field(default=None, metadata={"q": "offset"})
    marker: str | None = field(default=None, metadata={"q": "marker"})

    def to_qos_list_query(self) -> str:
        """The query string, with a leading `?` when not empty.

        Raises:
            InvalidInput: A negative limit or offset, or a bad sort direction.
        """
        check_paging(self.limit, self.offset, self.sort, None, None)
        return build_query(self)


def list(client: ServiceClient, opts: ListOptsBuilder | None = None) -> Pager[QoSPage]:
    """List QoS specs (`GET /qos-specs`), newest first, one request per page.

    Returns:
        A Pager; nothing is sent until it is iterated. A bad option, or a caller who is
        not an admin (`Forbidden`), surfaces as the first page's error.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import qos
        >>> [q.name for q in qos.list(admin_block_storage).items()]
        []
    """
    try:
        query = opts.to_qos_list_query() if opts is not None else ""
    except StackdoubleError as exc:
        return Pager.failed(exc, QoSPage)
    return Pager(client, urls.list_url(client) + query, QoSPage)


class CreateOptsBuilder(Protocol):
    """Anything that renders the body of `qos.create`."""

    def to_qos_create_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateOpts:
    """A new QoS specs: a unique name, its consumer (Cinder's default `back-end`) and
    string specs.

    Example:
        >>> CreateOpts(name="gold", consumer="front-end",
        ...            specs={"read_iops_sec": "2000"}).to_qos_create_map()
        {'qos_specs': {'name': 'gold', 'consumer': 'front-end', 'read_iops_sec': '2000'}}
    """

    name: str
    consumer: str | None = None
    specs: Mapping[str, str] = field(default_factory=dict)

    def to_qos_create_map(self) -> dict[str, Any]:
        """The body of `POST /qos-specs`: the specs beside `name` and `consumer`.

        Raises:
            InvalidInput: No name, an unknown consumer, or specs naming `name` or
                `consumer`.
        """
        if not self.name:
            raise InvalidInput("a QoS specs needs a name", "name")
        _check_consumer(self.consumer)
        clash = {"name", "consumer"} & set(self.specs)
        if clash:
            raise InvalidInput(f"specs cannot hold {sorted(clash)[0]!r}", "specs")
        body: dict[str, Any] = {"name": self.name}
        if self.consumer is not None:
            body["consumer"] = self.consumer
        body.update(self.specs)
        return {"qos_specs": body}


def create(client: ServiceClient, opts: CreateOptsBuilder) -> CreateResult:
    """Create a QoS specs (`POST /qos-specs`, 200; admins). A taken name is a `Conflict`.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import qos
        >>> gold = qos.create(admin_block_storage, qos.CreateOpts(
        ...     name="gold", specs={"read_iops_sec": "2000"})).extract()
        >>> gold.consumer, gold.specs
        ('back-end', {'read_iops_sec': '2000'})
        >>> qos.delete(admin_block_storage, gold.id).extract_err()
    """
    try:
        body = opts.to_qos_create_map()
    except StackdoubleError as exc:
        return CreateResult.from_error(exc)
    return CreateResult.request(client, "POST", urls.create_url(client), json=body,
                                ok_codes=(200,))


def get(client: ServiceClient, qos_id: str) -> GetResult:
    """Get one QoS specs (`GET /qos-specs/{qos_id}`)."""
    return GetResult.request(client, "GET", urls.get_url(client, qos_id), ok_codes=(200,))


class UpdateOptsBuilder(Protocol):
    """Anything that renders the body of `qos.update`."""

    def to_qos_update_map(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateOpts:
    """Keys to set (the others stay), and a new consumer.

    Example:
        >>> UpdateOpts(consumer="both", specs={"write_iops_sec": "500"}).to_qos_update_map()
        {'qos_specs': {'consumer': 'both', 'write_iops_sec': '500'}}
    """

    consumer: str | None = None
    specs: Mapping[str, str] = field(default_factory=dict)

    def to_qos_update_map(self) -> dict[str, Any]:
        """The body of `PUT /qos-specs/{qos_id}`.

        Raises:
            InvalidInput: An unknown consumer.
        """
        _check_consumer(self.consumer)
        body: dict[str, Any] = {}
        if self.consumer is not None:
            body["consumer"] = self.consumer
        body.update(self.specs)
        return {"qos_specs": body}


def update(client: ServiceClient, qos_id: str, opts: UpdateOptsBuilder) -> UpdateResult:
    """Set keys of a QoS specs (`PUT /qos-specs/{qos_id}`, 200); `extract()` gives the
    keys as sent.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import qos
        >>> silver = qos.create(admin_block_storage, qos.CreateOpts(name="silver")).extract()
        >>> qos.update(admin_block_storage, silver.id, qos.UpdateOpts(
        ...     consumer="both", specs={"read_iops_sec": "500"})).extract()
        {'consumer': 'both', 'read_iops_sec': '500'}
        >>> qos.delete_keys(admin_block_storage, silver.id, ["read_iops_sec"]).extract_err()
        >>> qos.get(admin_block_storage, silver.id).extract().specs
        {}
    """
    try:
        body = opts.to_qos_update_map()
    except StackdoubleError as exc:
        return UpdateResult.from_error(exc)
    return UpdateResult.request(client, "PUT", urls.update_url(client, qos_id), json=body,
                                ok_codes=(200,))


def delete_keys(client: ServiceClient, qos_id: str, keys: Sequence[str]) -> DeleteKeysResult:
    """Remove keys of a QoS specs (`PUT /qos-specs/{qos_id}/delete_keys`, 202). Cinder
    removes them in order and stops at the first one missing (`NotFound`): the ones
    before it are gone."""
    if isinstance(keys, str):
        return DeleteKeysResult.from_error(
            InvalidInput("keys must be a sequence of names, not a string", "keys"))
    return DeleteKeysResult.request(client, "PUT", urls.delete_keys_url(client, qos_id),
                                    json={"keys": [*keys]}, ok_codes=(202,))


def delete(client: ServiceClient, qos_id: str, *, force: bool = False) -> DeleteResult:
    """Delete a QoS specs (`DELETE /qos-specs/{qos_id}`, 202). While volume types are
    associated it is a `BadRequest`, unless `force` (they are freed)."""
    url = urls.delete_url(client, qos_id) + ("?force=true" if force else "")
    return DeleteResult.request(client, "DELETE", url, ok_codes=(202,))


def list_associations(client: ServiceClient, qos_id: str) -> AssociationsResult:
    """The volume types a QoS specs applies to (`GET /qos-specs/{qos_id}/associations`)."""
    return AssociationsResult.request(client, "GET", urls.associations_url(client, qos_id),
                                      ok_codes=(200,))


def associate(client: ServiceClient, qos_id: str, type_id: str) -> AssociateResult:
    """Apply a QoS specs to a volume type (`GET .../associate?vol_type_id=`, 202). A
    type already under another QoS specs is a `BadRequest`.

    Example:
        >>> from stackdouble.client.openstack.blockstorage.v3 import qos
        >>> bronze = qos.create(admin_block_storage, qos.CreateOpts(name="bronze")).extract()
        >>> fast = volumetypes.create(admin_block_storage,
        ...                           volumetypes.CreateOpts(name="fast")).extract()
        >>> qos.associate(admin_block_storage, bronze.id, fast.id).extract_err()
        >>> [a.name for a in qos.list_associations(admin_block_storage, bronze.id).extract()]
        ['fast']
        >>> qos.delete(admin_block_storage, bronze.id).err.status
        400
        >>> qos.delete(admin_block_storage, bronze.id, force=True).extract_err()
    """
    url = urls.associate_url(client, qos_id) + "?" + urlencode({"vol_type_id": type_id})
    return AssociateResult.request(client, "GET", url, ok_codes=(202,))


def disassociate(client: ServiceClient, qos_id: str, type_id: str) -> DisassociateResult:
    """Free a volume type of a QoS specs (`GET .../disassociate?vol_type_id=`, 202)."""
    url = urls.disassociate_url(client, qos_id) + "?" + urlencode({"vol_type_id": type_id})
    return DisassociateResult.request(client, "GET", url, ok_codes=(202,))


def disassociate_all(client: ServiceClient, qos_id: str) -> DisassociateAllResult:
    """Free every volume type of a QoS specs (`GET .../disassociate_all`, 202)."""
    return DisassociateAllResult.request(client, "GET",
                                         urls.disassociate_all_url(client, qos_id),
                                         ok_codes=(202,))
