"""Faults an unlucky operator or an attacker meets: links out of the corpus, hostile
sidecars, clashing file names, damaged and half-upgraded indexes, full disks,
killed runs (issue 18). Each test failed before its fix."""

from __future__ import annotations

import os

from indexer.article import article_id
from indexer.sync import sync_index

from .conftest import indexed
from .test_sync import NEW_ARTICLE

SECRET = "Top secret outside the corpus: the 6G spectrum plan for Oulu is signed. " * 5


# -- 7: symbolic links ----------------------------------------------------------------


def test_symlinks_out_of_the_corpus_are_never_followed(tmp_path, corpus_dir, index_dir):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, "utf-8")
    (corpus_dir / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus_dir / "elsewhere").symlink_to(outside, target_is_directory=True)
    report = sync_index(corpus_dir, index_dir)
    assert report.added == 5
    reasons = {f.path: f.reason for f in report.failed}
    assert set(reasons) == {"passwd.txt", "elsewhere"}
    assert all("symbolic link; not followed" in r for r in reasons.values())
    assert not any("secret" in f["body"] for f in indexed(index_dir).values())


# -- 10: sidecars ---------------------------------------------------------------------


def _sidecar_case(corpus_dir, name: str) -> str:
    (corpus_dir / f"{name}.txt").write_text(NEW_ARTICLE.replace("Oulu", name.title()), "utf-8")
    return str(corpus_dir / f"{name}.meta.json")


def test_fifo_and_device_sidecars_are_refused_without_hanging(corpus_dir, index_dir):
    os.mkfifo(_sidecar_case(corpus_dir, "fifo"))
    os.symlink("/dev/zero", _sidecar_case(corpus_dir, "zero"))
    report = sync_index(corpus_dir, index_dir, lock_timeout=1)
    docs = indexed(index_dir)
    assert {"fifo.txt", "zero.txt"} <= set(docs)  # indexed without their sidecars
    reasons = {f.path: f.reason for f in report.failed}
    assert "not a regular file" in reasons["fifo.meta.json"]
    assert "symbolic link; not followed" in reasons["zero.meta.json"]


def test_deep_or_unwritable_sidecars_leave_their_article_indexed_with_short_messages(
    corpus_dir, index_dir
):
    with open(_sidecar_case(corpus_dir, "deep"), "w") as fh:
        fh.write('{"topics": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with open(_sidecar_case(corpus_dir, "surrogate"), "w") as fh:
        fh.write('{"title": "Bad \\ud800 title\\u0000 here", "source": "X\\udfff"}')
    report = sync_index(corpus_dir, index_dir)
    docs = indexed(index_dir)
    assert {"deep.txt", "surrogate.txt"} <= set(docs)
    assert docs["surrogate.txt"]["title"] == "Bad \ufffd title  here"
    reasons = {f.path: f.reason for f in report.failed}
    assert set(reasons) == {"deep.meta.json"}
    assert "nested too deeply" in reasons["deep.meta.json"]
    assert all(len(r) < 300 for r in reasons.values())


def test_failure_messages_stay_short(corpus_dir, index_dir, monkeypatch):
    import indexer.sync as sync

    def explode(article, **_):
        raise UnicodeEncodeError("utf-8", article.text * 50, 0, 1, "surrogates not allowed")

    monkeypatch.setattr(sync, "to_document", explode)
    report = sync_index(corpus_dir, index_dir)
    assert len(report.failed) == 5
    assert all(len(f.reason) <= 220 for f in report.failed), report.failed[0].reason


# -- 13: one id per file --------------------------------------------------------------


def test_a_raw_byte_name_and_its_escaped_spelling_get_different_ids(corpus_dir, index_dir):
    raw = os.fsencode(corpus_dir) + b"/\xff\xfe.txt"
    with open(raw, "wb") as fh:
        fh.write(NEW_ARTICLE.encode("utf-8"))
    (corpus_dir / "\\xff\\xfe.txt").write_text(NEW_ARTICLE.replace("Oulu", "Espoo"), "utf-8")
    first = sync_index(corpus_dir, index_dir)
    assert (first.added, first.failed) == (7, [])
    docs = indexed(index_dir)
    assert len(docs) == 7 and len({d["id"] for d in docs.values()}) == 7
    assert article_id("\\xff\\xfe.txt") != article_id("\\\\xff\\\\xfe.txt")
    again = sync_index(corpus_dir, index_dir)
    assert (again.updated, again.unchanged) == (0, 7)
