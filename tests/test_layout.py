"""The package docstrings are the map of the code: each names every module it holds."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGES = [
    "indexer",
    "indexer.collect",
    "indexer.extract",
    "indexer.index",
    "indexer.search",
    "web",
]


@pytest.mark.parametrize("name", PACKAGES)
def test_package_docstring_names_every_module(name):
    package = importlib.import_module(name)
    folder = Path(package.__file__).parent
    held = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    held |= {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
    missing = sorted(m for m in held if m not in (package.__doc__ or ""))
    assert not missing, f"{name}'s docstring does not mention {missing}"


def test_every_package_is_checked():
    found = {
        ".".join(p.parent.relative_to(REPO).parts)
        for top in ("indexer", "web")
        for p in (REPO / top).rglob("__init__.py")
    }
    assert found == set(PACKAGES)
