"""The state file: a YAML (or JSON) document declaring what a fake cloud holds beyond its
defaults, loaded through the services' own rules, and the same format dumped back.

- `load_state(cloud, source)`: check a file (or a mapping) and make what it declares
  (`load`); a bad file raises `StateFileError` naming the file, the line and the problem.
- `dump_state(cloud)`: the cloud's state in that format (`dump`); `to_yaml` writes it.
- `FakeCloud.from_file(path)`, `cloud.load_state(...)`, `cloud.dump_state()` call these;
  `stackdouble serve --state PATH` loads one, `--dump-state PATH` writes one at shutdown.

The format is described in README.md, "The state file"; `schema.SCHEMA` is its definition.

Example:
    >>> from stackdouble.fakes import FakeCloud
    >>> cloud = FakeCloud(seed=1)
    >>> cloud.load_state({"projects": [{"name": "web"}],
    ...                   "users": [{"name": "alice", "password": "pw",
    ...                              "default_project": "web"}],
    ...                   "role_assignments": [{"role": "member", "user": "alice",
    ...                                         "project": "web"}]})
    {'projects': 1, 'users': 1, 'role_assignments': 1}
    >>> cloud.credentials("alice")["project_name"]
    'web'
    >>> cloud.dump_state()["users"][0]["password"]
    {'env': 'STACKDOUBLE_PASSWORD_ALICE'}
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import yaml

from stackdouble.fakes.statefile.dump import MAX_IMAGE_DATA, dump_state, secret_variable
from stackdouble.fakes.statefile.errors import StateFileError
from stackdouble.fakes.statefile.load import SECTIONS, apply
from stackdouble.fakes.statefile.schema import FORMAT_VERSION, SCHEMA
from stackdouble.fakes.statefile.source import read_file, read_mapping

if TYPE_CHECKING:
    from stackdouble.fakes.cloud import FakeCloud

__all__ = [
    "FORMAT_VERSION",
    "MAX_IMAGE_DATA",
    "SCHEMA",
    "SECTIONS",
    "StateFileError",
    "dump_state",
    "load_state",
    "secret_variable",
    "to_yaml",
    "write_state",
]


def load_state(cloud: FakeCloud, source: str | os.PathLike[str] | Mapping[str, Any], *,
               env: Mapping[str, str] | None = None) -> dict[str, int]:
    """Load a state file (a path) or a state document (a mapping) into `cloud`.

    Args:
        cloud: The cloud, with its defaults (and whatever it already holds).
        source: A path to a YAML or JSON file, or the document as Python data (its
            relative `file:` paths are then read from the current directory).
        env: Where `{env: NAME}` secrets are read; default `os.environ`.

    Returns:
        How many entries each section made.

    Raises:
        StateFileError: The file cannot be read, is not the format, or the cloud refuses
            an entry; the message names the file, the line and the problem, never a secret.
    """
    if isinstance(source, Mapping):
        doc = read_mapping(source)
    else:
        doc = read_file(source)
    return apply(cloud, doc, env)


def to_yaml(document: Mapping[str, Any]) -> str:
    """A state document as YAML, keys in the format's order.

    Example:
        >>> print(to_yaml({"version": 1, "projects": [{"name": "web"}]}), end="")
        version: 1
        projects:
        - name: web
    """
    return yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True,
                          default_flow_style=False)


def write_state(path: str | os.PathLike[str], document: Mapping[str, Any], *,
                secret: bool = False) -> None:
    """Write a state document as YAML (`secret`: readable by its owner only, for a dump
    that holds passwords)."""
    text = to_yaml(document)
    name = os.fspath(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(name, flags, 0o600 if secret else 0o644)
    if secret:
        os.chmod(name, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
