"""Microversions, one way for every fake service that has them (Nova, Cinder).

A request names its microversion in `OpenStack-API-Version: <service> X.Y` (Nova also reads
the legacy `X-OpenStack-Nova-API-Version: X.Y`); `latest` means the service's maximum, and
no version at all its minimum. The two services find the header's entry differently, as
their sources do:

* Nova (`microversion_parse.get_version`, `standard_header_value`): the entry of exactly two
  words whose first is the service type, in any case; an entry without one is ignored.
* Cinder (`Request.set_api_version_request`, `cinder_header_value`): the first entry that
  contains `volume` at all, which must then be two words; no such entry is an error.

Both then read the version as `APIVersionRequest` does (`VersionRange.resolve`): not
`Major.Minor` is a 400 ("API Version String ... is of invalid format"), outside the range
a 406 ("Version ... is not supported by the API"). The errors here are `ValueError`s with the
services' messages; each service raises them as its own faults.

Example:
    >>> nova = VersionRange((2, 1), (2, 96))
    >>> nova.resolve(standard_header_value("compute 2.79, volume 3.0", "compute"))
    (2, 79)
    >>> nova.resolve("latest"), nova.resolve(None)
    ((2, 96), (2, 1))
    >>> nova.resolve("2.100")
    Traceback (most recent call last):
    ...
    stackdouble.fakes.microversions.UnsupportedVersion: Version 2.100 is not supported by \
the API. Minimum is 2.1 and maximum is 2.96.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "HEADER",
    "MalformedVersion",
    "MicroversionError",
    "MissingVersion",
    "UnsupportedVersion",
    "VersionRange",
    "cinder_header_value",
    "standard_header_value",
]

#: The header every microversioned service reads.
HEADER = "OpenStack-API-Version"
_VERSION_RE = re.compile(r"^([1-9]\d*)\.([1-9]\d*|0)$")


class MicroversionError(ValueError):
    """The request's microversion cannot be served; `message` is the service's text (None:
    the bare default of the status)."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "")
        self.message = message


class MissingVersion(MicroversionError):
    """Cinder: the header has no `volume` entry, or one that is not two words (a bare 400)."""


class MalformedVersion(MicroversionError):
    """The version is not `Major.Minor` (a 400)."""


class UnsupportedVersion(MicroversionError):
    """The version is outside the service's range (a 406); `version` is the one asked for."""

    def __init__(self, message: str, version: tuple[int, int]) -> None:
        super().__init__(message)
        self.version = version


@dataclass(frozen=True, slots=True)
class VersionRange:
    """The microversions a service serves, from `minimum` to `maximum`."""

    minimum: tuple[int, int]
    maximum: tuple[int, int]

    def resolve(self, value: str | None) -> tuple[int, int]:
        """The version `value` asks for: None is the minimum, `latest` the maximum.

        Raises:
            MalformedVersion: Not `Major.Minor`.
            UnsupportedVersion: Outside the range.
        """
        if value is None:
            return self.minimum
        value = value.strip()
        if value == "latest":
            return self.maximum
        match = _VERSION_RE.match(value)
        if match is None:
            raise MalformedVersion(f"API Version String {value} is of invalid format. Must be "
                                   "of format MajorNum.MinorNum.")
        version = (int(match.group(1)), int(match.group(2)))
        if not self.minimum <= version <= self.maximum:
            low, high = self.minimum, self.maximum
            raise UnsupportedVersion(
                f"Version {version[0]}.{version[1]} is not supported by the API. Minimum is "
                f"{low[0]}.{low[1]} and maximum is {high[0]}.{high[1]}.", version)
        return version


def standard_header_value(header: str | None, service_type: str) -> str | None:
    """The version `OpenStack-API-Version` gives `service_type`, as Nova reads it (the last
    two-word entry naming the service, in any case); None when there is none.

    Example:
        >>> standard_header_value("Compute 2.60", "compute"), standard_header_value("x", "compute")
        ('2.60', None)
    """
    if header is None:
        return None
    value = None
    for item in header.split(","):
        parts = item.split()
        if len(parts) == 2 and parts[0].lower() == service_type:
            value = parts[1]
    return value


def cinder_header_value(header: str) -> str:
    """The version `OpenStack-API-Version` gives Cinder, as `set_api_version_request` reads
    it: the first entry containing `volume`.

    Raises:
        MissingVersion: No such entry, or one that is not two words.

    Example:
        >>> cinder_header_value("volume 3.59")
        '3.59'
    """
    for item in header.split(","):
        if "volume" in item:
            parts = item.split()
            if len(parts) != 2:
                raise MissingVersion()
            return parts[1]
    raise MissingVersion()
