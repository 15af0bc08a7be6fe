"""Every public module of stackdouble.fakes documents and exports its names."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import stackdouble.fakes

MODULES = [
    *sorted(
        info.name
        for info in pkgutil.walk_packages(stackdouble.fakes.__path__, "stackdouble.fakes.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ),
    "stackdouble.fakes",
    "stackdouble.cli",
]


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


def test_the_client_does_not_import_the_fakes() -> None:
    import subprocess
    import sys

    code = ("import sys, stackdouble.client; "
            "print(any(m.startswith('stackdouble.fakes') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
