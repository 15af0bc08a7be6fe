"""The jsonschema validator Nova and Cinder build: bounds that also read numeric strings.

Nova's `nova/api/validation/validators.py` (`_SchemaValidator`), which Cinder copied into
`cinder/api/validation/validators.py`, overrides `minimum` and `maximum` so that a string such
as `"10"` is compared as the number it spells (their query and body parameters often arrive
as strings), and a value that is no number at all is left to the `type` keyword. Each service
keeps its own draft and format checker; only this extension is shared.
"""

from __future__ import annotations

from typing import Any

__all__ = ["as_number", "lenient_bounds"]


def as_number(instance: Any) -> float | None:
    """The number `instance` is or spells (`"10"`, `"1.5"`), or None (booleans included).

    Example:
        >>> as_number(3), as_number("10"), as_number("1.5"), as_number(True), as_number("x")
        (3, 10, 1.5, None, None)
    """
    if isinstance(instance, bool):
        return None
    if isinstance(instance, (int, float)):
        return instance
    try:
        return int(instance)
    except (TypeError, ValueError):
        try:
            return float(instance)
        except (TypeError, ValueError):
            return None


def lenient_bounds(draft: Any) -> Any:
    """`draft` (a jsonschema validator class) with Nova's `minimum` and `maximum`.

    Example:
        >>> from jsonschema import Draft4Validator
        >>> schema = {"minimum": 1}
        >>> cls = lenient_bounds(Draft4Validator)
        >>> [bool(list(cls(schema).iter_errors(v))) for v in ("0", "5", "x", 0)]
        [True, False, False, True]
    """
    import jsonschema  # type: ignore[import-untyped,unused-ignore]

    base = draft.VALIDATORS

    def minimum(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        number = as_number(instance)
        if number is None:
            return ()
        return base["minimum"](validator, value, number, schema) or ()

    def maximum(validator: Any, value: Any, instance: Any, schema: Any) -> Any:
        number = as_number(instance)
        if number is None:
            return ()
        return base["maximum"](validator, value, number, schema) or ()

    return jsonschema.validators.extend(draft, {"minimum": minimum, "maximum": maximum})
