"""The package as `pip install .` installs it, not the source tree.

The rest of the suite imports `indexer` and `web` from the checkout, where
every file is present; an installed copy holds only what the wheel packs.
These tests build the wheel from a clean copy of the sources, check that it
holds every module, template, static file and data file the code opens,
install it into a private folder and run the site from there in a
subprocess that cannot see the checkout.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO, SEEDS

SOURCES = ("pyproject.toml", "README.md", "indexer", "web")
PACKAGES = ("indexer", "web")
_TEMPLATE_NAMES = re.compile(r"""["']([\w.-]+\.(?:html|xml))["']""")
_JINJA_REFS = re.compile(r"""\{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")
_DATA_NAMES = re.compile(r"""["']([\w.-]+\.toml)["']""")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel `pip wheel . --no-deps` builds, from a copy of the sources (a build
    inside the checkout would leave build/ behind, which later builds reuse)."""
    root = tmp_path_factory.mktemp("package")
    source = root / "src"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=ignore)
        else:
            shutil.copy2(origin, source / name)
    out = root / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (found,) = out.glob("sixg_search-*.whl")
    return found


def _package_files() -> set[str]:
    """Every file of the two packages in the checkout, as wheel member names."""
    files = set()
    for package in PACKAGES:
        for path in (REPO / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add(path.relative_to(REPO).as_posix())
    return files


def _opened_by_code() -> set[str]:
    """Templates and data files the code names (string literals), as wheel member names."""
    names = set()
    for path in (REPO / "web").rglob("*.py"):
        text = path.read_text("utf-8")
        names |= {f"web/templates/{n}" for n in _TEMPLATE_NAMES.findall(text)}
    for path in (REPO / "web" / "templates").iterdir():
        names |= {f"web/templates/{n}" for n in _JINJA_REFS.findall(path.read_text("utf-8"))}
    for path in (REPO / "indexer").rglob("*.py"):
        names |= {f"indexer/data/{n}" for n in _DATA_NAMES.findall(path.read_text("utf-8"))}
    return names


def test_the_wheel_holds_every_module_template_static_and_data_file(wheel):
    with zipfile.ZipFile(wheel) as archive:
        members = set(archive.namelist())
    opened = _opened_by_code()
    # the parsing above finds what it must
    assert {"web/templates/feed.atom.xml", "indexer/data/syndication.toml"} <= opened
    missing = sorted((_package_files() | opened) - members)
    assert not missing, f"not in the wheel: {missing}"


PAGES = (
    "/",
    "/?q=6G",
    "/feed.atom",
    "/export.csv",
    "/export.json",
    "/api/search?q=6G",
    "/map",
    "/api/openapi.json",
    "/static/style.css",
    "/static/app.js",
)

# Runs in the subprocess: only the installed copy and the dependencies on its path.
_SITE = """
import json, sys
from pathlib import Path
import indexer, web
from indexer.article import article_id
from indexer.index.sync import sync_index
from web import create_app

corpus, index = Path(sys.argv[1]), Path(sys.argv[2])
report = sync_index(corpus, index)
client = create_app({"INDEX_DIR": str(index), "CORPUS_DIR": str(corpus)}).test_client()
pages = json.loads(sys.argv[3]) + ["/articles/" + article_id(sys.argv[4])]
status = {page: client.get(page).status_code for page in pages}
print(json.dumps({"files": [indexer.__file__, web.__file__], "added": report.added,
                  "failed": len(report.failed), "status": status}))
"""


def test_the_installed_package_serves_every_page_kind(wheel, tmp_path):
    target = tmp_path / "installed"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy2(seed, corpus / seed.name)
    # -S: no site-packages of its own (the venv may hold an older install of the
    # project); the path is the installed copy first, then the dependencies.
    paths = [str(target), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    result = subprocess.run(
        [sys.executable, "-S", "-c", _SITE, corpus, tmp_path / "index", json.dumps(PAGES)]
        + [SEEDS[0].name],
        cwd=tmp_path,
        env={"PYTHONPATH": ":".join(paths), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.splitlines()[-1])
    assert all(Path(f).is_relative_to(target) for f in seen["files"]), seen["files"]
    assert seen["added"] == len(SEEDS) and not seen["failed"]
    failing = {page: code for page, code in seen["status"].items() if code != 200}
    assert not failing, f"the installed site answers {failing}"
