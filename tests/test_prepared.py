"""Documents analysed in the workers (prepared.py) are filed exactly as Whoosh's
add_document files them: the same terms, postings, spelling words, lengths,
stored fields and columns, whole indexes compared."""

from __future__ import annotations

from datetime import date

import pytest
from whoosh import index
from whoosh.writing import PostingPool

import indexer.index.store as store
import indexer.index.sync as sync
from indexer.index.postings import PackedCodec
from indexer.index.prepared import add_prepared, prepare
from indexer.index.schema import build_schema, to_document
from indexer.index.store import index_writer, open_index

from .conftest import seeds_and_generated

TRICKY = [
    "",
    "the of and",  # stop words only
    "The first word stopped, a* *b** 5*3.4* v1.2.3 a. I x 3.5 GHz",
    "ＭｏＵ ﬁle Straße ǅemal ÉCOLE naïve Ⅻ ½ 6G_x",
    "備忘錄 签署 MoU with 研究所 in 2030; 6Gの研究",
    "Partnerships partnering partnered partner's PARTNERSHIP " * 3,
    "x" * 300 + " " + "y" * 2,
    "multi\nline\ttext — with dashes–and “quotes” and 'apostrophes' o'clock",
]


def _documents(titles_and_bodies):
    from indexer.article import Article

    documents = []
    for i, (title, body) in enumerate(titles_and_bodies):
        article = Article(
            path=f"doc{i}.txt",
            title=title,
            text=body,
            organisations=["Ericsson"] if i % 2 else [],
            topics=["Spectrum"] if i % 3 else [],
            date=date(2020 + i % 5, 1, 1) if i % 4 else None,
            language="de" if i % 7 == 3 else "en",
        )
        documents.append(
            to_document(article, size=i, mtime_ns=i, sha256=f"{i:064x}", extractor="x")
        )
    return documents


def test_each_field_is_analysed_as_whoosh_analyses_it():
    schema = build_schema()
    documents = _documents([(a, b) for a in TRICKY for b in TRICKY[:4]])
    for document in documents:
        prepared = prepare(schema, document)
        for name, value in document.items():
            if value is None:
                continue
            field = schema[name]
            items = list(field.index(value)) if field.indexed else []
            spelling = (
                [w.encode("utf-8") for w in field.spellable_words(value)]
                if field.separate_spelling()
                else []
            )
            assert prepared[name] == (items, spelling), (name, value)


def test_the_one_pass_analysis_is_used_for_title_and_body(monkeypatch):
    """(So the comparison above compares two analyses, not Whoosh's with itself.)"""
    schema = build_schema()
    calls = []
    for name in ("title", "body"):
        monkeypatch.setattr(schema[name], "index", lambda *a, **k: calls.append(a) or iter(()))
    prepare(schema, _documents([("A title", "A body")])[0])
    assert calls == []


def _dump(ix) -> dict:
    """Everything an index holds, as plain values."""
    found = {}
    with ix.reader() as reader:
        found["stored"] = list(reader.all_stored_fields())
        for name in reader.indexed_field_names():
            terms = {}
            for _, text in reader.terms_from(name, b""):
                if _ != name:
                    break
                postings = reader.postings(name, text)
                rows = []
                while postings.is_active():
                    rows.append((postings.id(), postings.weight(), postings.value()))
                    postings.next()
                terms[text] = rows
            found[name] = terms
            if reader.schema[name].scorable:
                found[name, "lengths"] = [
                    reader.doc_field_length(n, name) for n in range(reader.doc_count_all())
                ]
        for name in reader.schema.names():
            if reader.has_column(name):
                found[name, "column"] = list(reader.column_reader(name))
    return found


def _whoosh_writer(ix):
    """Whoosh's writer: its own pool, postings filed one at a time."""
    return ix.writer(codec=PackedCodec(), compound=False)


def _spilling_writer(ix):
    """store.index_writer's, with a memory limit that spills postings to runs on disk."""
    writer = index_writer(ix)
    writer.pool.limit = 50_000
    return writer


def _build(path, documents, make_writer, fast: bool):
    def add(writer, document, update=False):
        if fast:
            add_prepared(writer, document, prepare(writer.schema, document), update=update)
        elif update:
            writer.update_document(**document)
        else:
            writer.add_document(**document)

    path.mkdir()
    ix = index.create_in(str(path), build_schema())
    writer = make_writer(ix)
    for document in documents:
        add(writer, document)
    writer.commit()
    # then one replaced and one added in a commit merging the segments
    writer = make_writer(ix)
    changed = {**documents[1], "title": "Changed title of the second", "body": "New words"}
    add(writer, changed, update=True)
    add(writer, {**documents[2], "id": "extra", "path": "extra.txt", "filestate": b"[]"})
    writer.commit(optimize=True)
    return index.open_dir(str(path))


@pytest.mark.parametrize(
    "make_writer, fast",
    [(_whoosh_writer, True), (index_writer, False), (index_writer, True), (_spilling_writer, True)],
)
def test_an_index_written_the_fast_ways_equals_whoosh_s(tmp_path, make_writer, fast):
    """Prepared documents, the pool by term and terms filed whole (also from runs
    spilled to disk), against Whoosh's add_document, pool and field writer."""
    documents = _documents([(a, b) for a in TRICKY[:5] for b in TRICKY])
    slow = _dump(_build(tmp_path / "slow", documents, _whoosh_writer, fast=False))
    fast = _dump(_build(tmp_path / "fast", documents, make_writer, fast=fast))
    assert slow.keys() == fast.keys()
    for key in slow:
        assert fast[key] == slow[key], key
    assert slow["spell_body"] and slow["body_de"]  # the comparison covered them
    # and byte for byte: block statistics, term infos, columns
    assert _segment_files(tmp_path / "fast") == _segment_files(tmp_path / "slow")


def _segment_files(path) -> dict[str, bytes]:
    """The files of an index's one segment, by name without the segment's id."""
    found = {f.name.split(".", 1)[1]: f.read_bytes() for f in path.glob("MAIN_*.*")}
    assert "pst" in found and "trm" in found
    return found


def test_add_prepared_without_analysis_falls_back_to_whoosh(tmp_path):
    (tmp_path / "ix").mkdir()
    ix = index.create_in(str(tmp_path / "ix"), build_schema())
    writer = ix.writer()
    add_prepared(writer, _documents([("Title", "Body text")])[0], None, update=False)
    writer.commit()
    with ix.searcher() as searcher:
        assert [f["title"] for f in searcher.all_stored_fields()] == ["Title"]


@pytest.mark.parametrize("workers", [False, True])
def test_sync_builds_the_index_add_document_builds(tmp_path, monkeypatch, workers):
    """A real build of the seeds and generated articles, with documents analysed in
    the extraction (in worker processes, or in this one) and filed by term, and
    with Whoosh's own analysis, pool and field writer."""
    count = sync.PARALLEL_FROM + 3 if workers else 20
    (tmp_path / "a").mkdir()
    corpus, fast_index = seeds_and_generated(tmp_path / "a", count, seed=9)
    fast = _dump(open_index(fast_index))
    monkeypatch.setattr(sync, "prepare", lambda schema, document: None)
    monkeypatch.setattr(store, "TermPool", PostingPool)  # Whoosh's pool and field writer
    monkeypatch.setattr(sync, "PARALLEL_FROM", 10**9)  # in this process, so it is patched
    slow_index = tmp_path / "slow"
    sync.sync_index(corpus, slow_index)
    slow = _dump(open_index(slow_index))
    assert len(slow["stored"]) == count + 5
    assert fast == slow


def test_numbers_nothing_ranges_over_are_indexed_as_their_exact_value(built_index):
    """size, mtime_ns and date hold one term per value, not Whoosh's precision tiers
    (16 per 64-bit number: 40 % of a build's terms); a typed `date:[a TO b]` range
    still finds exactly the articles dated within it."""
    from indexer.search import SearchRequest, open_snapshot, search

    ix = open_index(built_index)
    with ix.reader() as reader:
        stored = list(reader.all_stored_fields())
        for field in ("size", "mtime_ns", "date"):
            terms = list(reader.lexicon(field))
            values = {f[field] for f in stored if f.get(field) is not None}
            assert terms and all(t[:1] == b"\x00" for t in terms), field  # shift 0 only
            assert len(terms) == len(values), field
    dated = {f["path"] for f in stored if f.get("date") and 2021 <= f["date"].year <= 2022}
    assert dated
    with open_snapshot(built_index) as snapshot:
        found = search(snapshot, SearchRequest(q="date:[2021 TO 2022]", page_size=100))
    assert {hit.article.path for hit in found.hits} == dated
    assert found.total == len(dated)


def test_small_blocks_stored_raw_read_back_as_deflated_ones(tmp_path, monkeypatch):
    """Blocks under postings.SMALL_BLOCK bytes are written without deflating them:
    Whoosh's matchers and arrays.py read the same postings as from an index whose
    every block is deflated (as before)."""
    from indexer.index import postings
    from indexer.index.arrays import IndexArrays

    documents = _documents([(a, b) for a in TRICKY[:5] for b in TRICKY])
    raw = _build(tmp_path / "raw", documents, index_writer, fast=True)
    monkeypatch.setattr(postings, "SMALL_BLOCK", 0)
    deflated = _build(tmp_path / "deflated", documents, index_writer, fast=True)
    assert _segment_files(tmp_path / "raw")["pst"] != _segment_files(tmp_path / "deflated")["pst"]
    assert _dump(raw) == _dump(deflated)
    with raw.reader() as a, deflated.reader() as b:
        arrays_a, arrays_b = IndexArrays(a), IndexArrays(b)
        for field in ("title", "body", "id", "body_de"):
            reads = ("postings", "postings_with_positions") if field != "id" else ("postings",)
            for text in b.lexicon(field):
                for read in reads:
                    got = getattr(arrays_a, read)(a, field, text)
                    want = getattr(arrays_b, read)(b, field, text)
                    for x, y in zip(got, want, strict=True):
                        assert (x is None and y is None) or (x == y).all(), (field, text)


def test_a_spilled_run_holds_batches_of_bounded_postings(tmp_path, monkeypatch):
    """A merge holds one batch of every run at once: a batch is at most _BATCH terms
    and _BATCH_POSTINGS postings (a lone term may have more), so the commit's
    memory does not grow with the corpus (runs grow with it); the merged postings
    are the same whatever the cuts."""
    import pickle

    from whoosh.filedb.filestore import FileStorage

    from indexer.index import pool as pools

    monkeypatch.setattr(pools, "_BATCH_POSTINGS", 50)
    storage = FileStorage(str(tmp_path)).create()
    pool = pools.TermPool(storage, None)
    expected = {}
    for docnum in range(120):
        items = [(b"every", 1, 1.0, b"v")]  # one term in all 120 documents
        items += [(b"w%03d" % (docnum % 7), 1, 1.0, b"v")]  # 7 terms in 17-18 each
        items += [(b"only%04d" % docnum, 1, 1.0, b"v")]  # 120 terms in one each
        pool.add_field("body", items, docnum)
        for tbytes, _, _, _ in items:
            expected.setdefault(tbytes, []).append((docnum, 1.0, b"v"))
    pool.save()
    with pool._open_run(pool.runs[0]) as f:
        batches = []
        while True:
            try:
                batches.append(pickle.load(f))
            except EOFError:
                break
    assert len(batches) > 3
    for batch in batches:
        postings = sum(len(found) for _, found in batch)
        assert len(batch) <= pools._BATCH and (len(batch) == 1 or postings <= 50)
    assert [key for batch in batches for key, _ in batch] == sorted(("body", t) for t in expected)
    merged = {tbytes: postings for _, tbytes, postings in pool.groups()}
    assert merged == expected
