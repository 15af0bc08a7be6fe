"""`StateFileError`: what a bad state file raises, naming the file, the line and the entry.

The message is for a person: `cloud.yaml, line 12, column 5: users[2].default_project:
'demo2' is not a project in this file or the cloud`. It never holds a password or a key:
the parts of the loader that see secrets word their problems without the value.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["Path", "StateFileError", "format_path"]

#: Where a value sits in the document: keys and list indexes from the top.
Path = tuple[str | int, ...]


def format_path(path: Sequence[str | int]) -> str:
    """`users[2].default_project` for `("users", 2, "default_project")`.

    Example:
        >>> format_path(("users", 2, "default_project"))
        'users[2].default_project'
        >>> format_path(())
        '(the document)'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(the document)"


class StateFileError(ValueError):
    """A state file that cannot be loaded: unreadable, not YAML, not the format, or an
    entry the cloud refuses.

    Attributes:
        source: The file's name (or `<mapping>` for data given in Python).
        line: 1-based line of the entry at fault; None when unknown (data given in Python).
        column: 1-based column, or None.
        path: Where in the document (`("users", 2, "default_project")`).
        problem: What is wrong, without the location.

    Example:
        >>> err = StateFileError("no such project 'demo2'", source="cloud.yaml", line=12,
        ...                      column=5, path=("users", 2, "default_project"))
        >>> str(err)
        "cloud.yaml, line 12, column 5: users[2].default_project: no such project 'demo2'"
    """

    def __init__(self, problem: str, *, source: str = "<mapping>", line: int | None = None,
                 column: int | None = None, path: Sequence[str | int] = ()) -> None:
        self.problem = problem
        self.source = source
        self.line = line
        self.column = column
        self.path: Path = tuple(path)
        where = source
        if line is not None:
            where += f", line {line}"
            if column is not None:
                where += f", column {column}"
        what = f"{format_path(self.path)}: " if self.path else ""
        super().__init__(f"{where}: {what}{problem}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.problem, self.source, self.line, self.column, self.path))


def _rebuild(problem: str, source: str, line: int | None, column: int | None,
             path: Path) -> StateFileError:
    return StateFileError(problem, source=source, line=line, column=column, path=path)
