"""The oslo.utils helpers the fake services share, read as Nova and Cinder get them from
oslo: `strutils.bool_from_string` and `uuidutils.is_uuid_like`.

They raise plain `ValueError`s; each service words the error into its own fault (Nova and
Cinder both prefix `InvalidInput`'s "Invalid input received: ").
"""

from __future__ import annotations

import uuid
from typing import Any

__all__ = ["FALSE_STRINGS", "TRUE_STRINGS", "bool_from_string", "is_uuid_like"]

#: `strutils.TRUE_STRINGS`, lower case.
TRUE_STRINGS = frozenset({"1", "t", "true", "on", "y", "yes"})
#: `strutils.FALSE_STRINGS`, lower case.
FALSE_STRINGS = frozenset({"0", "f", "false", "off", "n", "no"})
_ACCEPTABLE = ", ".join(f"'{s}'" for s in sorted(TRUE_STRINGS | FALSE_STRINGS))


def bool_from_string(value: Any, *, strict: bool = True, default: bool = False) -> bool:
    """oslo's `strutils.bool_from_string`: a bool as is, else a boolean word in any case.

    Args:
        value: The value to read (anything; it is read as `str(value)`).
        strict: Whether a value that is no boolean word is an error.
        default: What such a value means when not `strict`.

    Raises:
        ValueError: With `strict`, a value that is not a boolean word; the message is
            oslo's ("Unrecognized value 'x', acceptable values are: ...").

    Example:
        >>> bool_from_string("Yes"), bool_from_string("maybe", strict=False)
        (True, False)
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_STRINGS:
        return True
    if text in FALSE_STRINGS:
        return False
    if strict:
        raise ValueError(f"Unrecognized value '{value}', acceptable values are: {_ACCEPTABLE}")
    return default


def is_uuid_like(value: Any) -> bool:
    """oslo's `uuidutils.is_uuid_like`: any spelling `uuid.UUID` reads back to itself.

    Example:
        >>> is_uuid_like("0E12087A7C87476A8F847398E991CECC"), is_uuid_like("abc")
        (True, False)
    """
    if not isinstance(value, str):
        return False
    try:
        parsed = uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        return False
    text = value.lower().removeprefix("urn:").removeprefix("uuid:")
    return parsed.hex == text.replace("-", "").strip("{}")
