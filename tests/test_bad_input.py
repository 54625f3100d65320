"""Bad corpus input: every failure is listed with its reason, every good article indexed."""

from __future__ import annotations

import pytest

from indexer.index.store import open_searcher
from indexer.index.sync import sync_index
from web.cli import main

from .conftest import indexed
from .test_sync import NEW_ARTICLE

SENTENCES = [
    f"Sentence {i} reports that partner {i} joins the 6G spectrum trial in Oulu." for i in range(60)
]


@pytest.fixture
def bad_corpus(corpus_dir):
    """The seeds plus one file of each kind of trouble."""
    (corpus_dir / "empty.txt").write_bytes(b"")
    (corpus_dir / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    article = "<h1>Huge page about 6G</h1>" + "".join(f"<p>{s}</p>" for s in SENTENCES)
    script = "<script>var blob = '" + "x" * 1_000_000 + "';</script>"
    (corpus_dir / "huge.html").write_text(
        f"<html><body><article>{article}</article>{script * 20}</body></html>", "utf-8"
    )
    deep = (
        "<div>" * 10_000 + "Deeply nested 6G article about spectrum sharing in Europe and Asia, "
        "with enough words to count as a sentence." + "</div>" * 10_000
    )
    (corpus_dir / "deep.html").write_text(f"<html><body>{deep}</body></html>", "utf-8")
    (corpus_dir / "bad-utf8.txt").write_bytes(
        NEW_ARTICLE.encode() + b"\xff\xfe broken bytes \xc3" + NEW_ARTICLE.encode()
    )
    gbk = (
        "<html><body><h1>中国6G合作</h1><p>"
        + "中国将深化与欧盟、韩国和印度在6G领域的国际交流与合作。" * 5
        + "</p></body></html>"
    )
    (corpus_dir / "gbk.html").write_bytes(gbk.encode("gbk"))
    (corpus_dir / "scripts.html").write_text(
        "<html><head><script>alert(1)</script></head><body><script>var a=1;</script></body></html>",
        "utf-8",
    )
    (corpus_dir / "copy-of-003.txt").write_bytes(next(corpus_dir.glob("003_*.txt")).read_bytes())
    (corpus_dir / "good.txt").write_text(NEW_ARTICLE, "utf-8")
    return corpus_dir


def test_indexing_bad_input_completes_and_lists_each_failure(bad_corpus, index_dir):
    report = sync_index(bad_corpus, index_dir)
    reasons = {f.path: f.reason for f in report.failed}
    assert reasons == {
        "empty.txt": "empty file",
        "image.html": "binary file, not text",
        "scripts.html": "no article text found (only markup, scripts or clutter)",
        "copy-of-003.txt": "same content as 003_aca5d6cf16b5deaf.txt; not indexed twice",
    }
    good = {"huge.html", "deep.html", "bad-utf8.txt", "gbk.html", "good.txt"}
    assert good | {p.name for p in bad_corpus.glob("00*.txt")} == set(indexed(index_dir))
    with open_searcher(index_dir) as s:
        assert "中国将深化与欧盟" in s.document(path="gbk.html")["body"]
        assert "Sentence 59 reports" in s.document(path="huge.html")["body"]
        assert "Deeply nested 6G article" in s.document(path="deep.html")["body"]


def test_exit_code_says_whether_anything_failed(bad_corpus, index_dir, capsys):
    args = ["index", "--corpus", str(bad_corpus), "--index", str(index_dir)]
    assert main(args) == 1
    assert "failed: empty.txt: empty file" in capsys.readouterr().err
    for name in ("empty.txt", "image.html", "scripts.html", "copy-of-003.txt"):
        (bad_corpus / name).unlink()
    assert main(args) == 0


def test_unreadable_file_is_reported(corpus_dir, index_dir, monkeypatch):
    """Root reads any file whatever its mode, so the refusal is simulated."""
    locked = corpus_dir / "locked.txt"
    locked.write_text(NEW_ARTICLE, "utf-8")
    import indexer.extract.reading as reading

    real = reading._open

    def refuse(path, flags, root=""):
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, flags, root)

    monkeypatch.setattr(reading, "_open", refuse)
    report = sync_index(corpus_dir, index_dir)
    assert [(f.path, f.reason) for f in report.failed] == [("locked.txt", "permission denied")]
    assert report.added == 5


def test_file_removed_while_indexing(corpus_dir, index_dir, monkeypatch):
    import indexer.index.sync as sync

    real = sync.read_bytes

    def vanish(path, **options):
        if path.name.startswith("002_"):
            path.unlink()
        return real(path, **options)

    monkeypatch.setattr(sync, "read_bytes", vanish)
    report = sync_index(corpus_dir, index_dir)
    assert [(f.path[:3], f.reason) for f in report.failed] == [
        ("002", "file disappeared while reading")
    ]
    assert report.added == 4
    monkeypatch.undo()
    assert sync_index(corpus_dir, index_dir).removed == 0  # it never made it in
