"""The layers ARCHITECTURE.md draws: the client and the fakes never import each other, nor
the cassettes or the plugin above them, and one fake service reaches another only through
the cloud's links (`stackdouble.fakes.links`), never by importing its package."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "stackdouble"
SERVICES = ("identity", "compute", "blockstorage", "objectstorage", "image", "networking")
#: Every service reads the request's token the identity middleware resolved.
SHARED = {"stackdouble.fakes.identity.models": {"TokenContext"}}


def _imports(path: Path) -> Iterator[tuple[str, set[str]]]:
    """(module, names) for every import in a file, at any depth (TYPE_CHECKING included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, set()
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, {alias.name for alias in node.names}


def _files(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("client", ("stackdouble.fakes", "stackdouble.cassettes", "stackdouble.pytest_plugin",
                "stackdouble.realcloud")),
    ("fakes", ("stackdouble.client", "stackdouble.cassettes", "stackdouble.pytest_plugin",
               "stackdouble.realcloud")),
])
def test_a_layer_does_not_import_its_neighbours(layer: str, forbidden: tuple[str, ...]) -> None:
    crossings = [f"{path.relative_to(PACKAGE)}: {module}"
                 for path in _files(layer) for module, _ in _imports(path)
                 if any(_under(module, f) for f in forbidden)]
    assert crossings == []


@pytest.mark.parametrize("service", SERVICES)
def test_a_fake_service_does_not_import_another(service: str) -> None:
    others = [f"stackdouble.fakes.{s}" for s in SERVICES if s != service]
    crossings = []
    for path in _files(f"fakes/{service}"):
        for module, names in _imports(path):
            if any(_under(module, other) for other in others) \
                    and not (names and names <= SHARED.get(module, set())):
                crossings.append(f"{path.relative_to(PACKAGE)}: {module} {sorted(names)}")
    assert crossings == []
