"""The container_quotas middleware (`swift/common/middleware/container_quotas.py`):
`X-Container-Meta-Quota-Bytes`/`-Count` must be integers (400 `Invalid bytes quota.`), and
an upload past them is 413 `Upload exceeds quota.`.

The rules still live where the requests are handled (`handlers.containers` for the
headers, `handlers.objects` for enforcing them), which ask `"container_quotas" in
model.pipeline`; this module puts it in the pipeline and in `/info`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from stackdouble.fakes.objectstorage.middleware._base import Middleware

if TYPE_CHECKING:
    from stackdouble.fakes.objectstorage.models import ObjectStorageModel

__all__ = ["MIDDLEWARE", "info"]


def info(model: ObjectStorageModel) -> Mapping[str, Any]:
    """`/info`'s `container_quotas`."""
    return {"container_quotas": {}}


#: The container_quotas middleware.
MIDDLEWARE = Middleware(name="container_quotas", info=info)
