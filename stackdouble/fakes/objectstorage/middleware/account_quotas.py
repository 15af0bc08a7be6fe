"""The account_quotas middleware (`swift/common/middleware/account_quotas.py`): only a
reseller admin sets `X-Account-Quota-Bytes`/`-Count` (and the legacy
`X-Account-Meta-Quota-Bytes`), and an upload past them is 413 `Upload exceeds quota.`.

The rules still live where the requests are handled (`handlers.accounts` for setting a
quota, `handlers.objects` for enforcing it), which ask `"account_quotas" in
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
    """`/info`'s `account_quotas`."""
    return {"account_quotas": {}}


#: The account_quotas middleware.
MIDDLEWARE = Middleware(name="account_quotas", info=info)
