"""The package docstrings are the map of the code: each names every module it holds."""

from __future__ import annotations

import importlib
import subprocess
import sys
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


IMPORT_EACH = """
import os, sys
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:  # a fresh import of this one module, as a command or a script would
        try:
            __import__(name)
        except BaseException as exc:
            print(f"{name}: {type(exc).__name__}: {exc}", flush=True)
            os._exit(1)
        os._exit(0)
    if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]):
        failed.append(name)
sys.exit(1 if failed else 0)
"""


def test_every_module_imports_first():
    """Whatever module a program imports first, it imports: a cycle between the
    layers (extract, index, search) shows only in the order that closes it."""
    modules = [
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for top in ("indexer", "web", "bench")
        for p in sorted((REPO / top).rglob("*.py"))
    ]
    ran = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH, *modules],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
