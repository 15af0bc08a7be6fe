"""Reading a state file: YAML (JSON is YAML too) into data, with the line of every value.

PyYAML composes the document into a node tree whose nodes carry marks (line, column);
`read_text` constructs the data from that tree with PyYAML's safe constructor and walks both
together, so each path (`("users", 2, "password")`) maps to the line of its value, and each
mapping key to the line of the key. A key repeated in one mapping is an error here (PyYAML
would keep the last one silently).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from stackdouble.fakes.statefile.errors import Path, StateFileError

__all__ = ["Document", "read_file", "read_mapping", "read_text"]


@dataclass(frozen=True, slots=True)
class Document:
    """A state document: its data and where each part of it was written.

    Attributes:
        data: The parsed document (a mapping once `schema.validate` accepts it).
        source: The file's name, or `<mapping>`.
        base_dir: Where relative `file:` paths are read from.
        marks: (line, column), 1-based, of each value by path.
        key_marks: (line, column) of each mapping key by the key's path.
    """

    data: Any
    source: str
    base_dir: str
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def error(self, problem: str, path: Path, *, at_key: bool = False) -> StateFileError:
        """A `StateFileError` at `path` (the nearest enclosing value that has a line;
        `at_key`: the line of the key itself)."""
        marks = self.key_marks if at_key and path in self.key_marks else self.marks
        probe = path
        while probe and probe not in marks:
            probe = probe[:-1]
        line, column = marks.get(probe, (None, None))
        return StateFileError(problem, source=self.source, line=line, column=column,
                              path=path)


def read_file(path: str | os.PathLike[str]) -> Document:
    """Read and parse a state file.

    Raises:
        StateFileError: Unreadable, not UTF-8, or not YAML.
    """
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        raise StateFileError("is not UTF-8 text", source=name) from None
    except OSError as exc:
        raise StateFileError(f"cannot be read: {exc.strerror or exc}", source=name) from None
    return read_text(text, source=name, base_dir=os.path.dirname(os.path.abspath(name)))


def read_mapping(data: Mapping[str, Any], *, base_dir: str | None = None) -> Document:
    """A document given as Python data (no lines to report)."""
    return Document(data=data, source="<mapping>", base_dir=base_dir or os.getcwd())


def read_text(text: str, *, source: str = "<string>", base_dir: str | None = None) -> Document:
    """Parse YAML text, keeping the line of every value.

    Raises:
        StateFileError: Not YAML, several documents, or a key repeated in a mapping.

    Example:
        >>> doc = read_text("users:\\n  - name: alice\\n    enabled: true\\n")
        >>> doc.data
        {'users': [{'name': 'alice', 'enabled': True}]}
        >>> doc.marks[("users", 0, "enabled")]
        (3, 14)
    """
    loader = yaml.SafeLoader(text)
    try:
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = ", ".join(p for p in (exc.context, exc.problem) if p) or "is not YAML"
        raise StateFileError(f"not YAML: {problem}", source=source,
                             line=mark.line + 1 if mark else None,
                             column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise StateFileError(f"not YAML: {exc}", source=source) from None
    doc = Document(data=data, source=source, base_dir=base_dir or os.getcwd())
    if node is not None:
        _walk(loader, node, data, (), doc)
    return doc


def _walk(loader: yaml.SafeLoader, node: yaml.Node, value: Any, path: Path,
          doc: Document) -> None:
    doc.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)) or key not in value:
                continue
            child: Path = (*path, key)
            if key in seen:
                mark = key_node.start_mark
                raise StateFileError(f"the key {key!r} is given twice", source=doc.source,
                                     line=mark.line + 1, column=mark.column + 1, path=child)
            seen.add(key)
            doc.key_marks[child] = (key_node.start_mark.line + 1,
                                    key_node.start_mark.column + 1)
            _walk(loader, value_node, value[key], child, doc)
    elif isinstance(node, yaml.SequenceNode) and isinstance(value, list):
        for index, (item_node, item) in enumerate(zip(node.value, value, strict=False)):
            _walk(loader, item_node, item, (*path, index), doc)
