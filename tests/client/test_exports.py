"""Every public name is exported once and documented."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import stackdouble.client

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(stackdouble.client.__path__, "stackdouble.client.")
    if not any(part.startswith("_") for part in info.name.split("."))
)


@pytest.mark.parametrize("name", MODULES)
def test_public_modules_document_and_export_their_names(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__doc__, f"{name} has no docstring"
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    for attr in exported:
        value = getattr(module, attr)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__doc__, f"{name}.{attr} has no docstring"


def test_client_package_exports_every_error_class() -> None:
    from stackdouble.client import _errors

    public_errors = {name for name, value in vars(_errors).items()
                     if inspect.isclass(value) and issubclass(value, Exception)
                     and not name.startswith("_")}
    assert public_errors <= set(stackdouble.client.__all__)
