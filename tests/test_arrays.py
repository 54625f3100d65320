"""The array readers and the array query evaluator agree with Whoosh itself.

arrays.py reads Whoosh's internals in bulk and matching.py re-implements
its matching and BM25F scoring over arrays. These tests compare both with
Whoosh's own per-document answers on an index of several segments with
deleted documents, so a Whoosh upgrade that changes the internals, or a
scoring slip, fails here instead of silently miscounting.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.index.arrays import IndexArrays
from indexer.index.sync import sync_index
from indexer.search import Generations, SearchRequest, open_snapshot, parse_query, search, select
from indexer.search.matching import evaluate

from .conftest import seeds_and_generated

QUERIES = [
    "research",
    "6G",
    "MoU",
    "spectrum trials",
    "spectrum OR satellite",
    '"memorandum of understanding"',
    '"reconfigurable surfaces"~3',
    "research -spectrum",
    "research NOT satellite",
    "organisation:6G-IA",
    "topic:Spectrum",
    "year:2024",
    "partner*",
    "title:6G",
    "date:2024",
    "(spectrum OR terahertz) AND research",
    "research^3 spectrum",
    "research^0.5 OR satellite^2",
]


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    """Seeds + 120 generated articles indexed in three runs, with deletions and updates."""
    root = tmp_path_factory.mktemp("segmented")
    corpus, index = seeds_and_generated(root, 80, seed=5)
    generated = sorted((corpus / "generated").rglob("*.*"))
    extra = root / "extra"
    from bench.corpus import generate

    generate(extra, 40, seed=6)
    for path in sorted(extra.rglob("*.*")):
        shutil.copy2(path, corpus / f"more-{path.name}")
    for path in generated[:10]:
        path.unlink()  # deleted documents stay in their segment, masked
    sync_index(corpus, index)
    with open_snapshot(index) as snapshot:
        assert not snapshot.reader.is_atomic()
        yield snapshot


def test_live_documents_and_columns_match_whoosh(segmented):
    reader = segmented.reader
    arrays = IndexArrays(reader)
    live = [d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)]
    assert reader.has_deletions()
    assert np.flatnonzero(arrays.live).tolist() == live
    days = reader.column_reader("day")
    assert all(arrays.days[d] == days[d] for d in live)
    for field in ("title", "body", "organisation"):
        whoosh = [reader.doc_field_length(d, field, 1) or 1 for d in live]
        assert arrays.lengths(field)[live].tolist() == whoosh, field


def test_postings_match_whoosh(segmented):
    reader = segmented.reader
    arrays = IndexArrays(reader)
    for field, word in [("body", "research"), ("title", "6g"), ("organisation", "6G-IA")]:
        ids, weights = arrays.postings(reader, field, segmented.schema[field].to_bytes(word))
        matcher = reader.postings(field, word)
        expected = []
        while matcher.is_active():
            expected.append((matcher.id(), matcher.weight()))
            matcher.next()
        assert ids.tolist() == [docnum for docnum, _ in expected]
        assert weights.tolist() == pytest.approx([weight for _, weight in expected])


@pytest.mark.parametrize("q", QUERIES)
def test_matches_and_ranking_equal_whoosh(segmented, q):
    """Same documents as Whoosh matches; for words, the same BM25F scores and top 10."""
    query, _ = parse_query(segmented, q)
    arrays = IndexArrays(segmented.reader)
    ours = evaluate(segmented.searcher, arrays, query)
    whoosh = sorted(segmented.searcher.docs_for_query(query))
    assert np.flatnonzero(ours.mask).tolist() == whoosh
    assert whoosh, f"{q!r} should find something in this corpus"
    if '"' in q or ":" in q:
        return  # phrases and field values rank differently; only matching must agree
    results = segmented.searcher.search(query, limit=None)
    expected = {hit.docnum: hit.score for hit in results}
    assert {d: ours.scores[d] for d in whoosh} == pytest.approx(expected)


def test_search_pages_and_sorts_like_a_full_ranking(segmented):
    """Every page of every sort is a slice of one complete, consistent ranking."""
    for sort in ("relevance", "newest", "oldest"):
        request = SearchRequest(q="research", sort=sort, page_size=7, copies=True)
        first = search(segmented, request)
        ranked = [
            h
            for n in range(1, first.pages + 1)
            for h in search(segmented, SearchRequest(**{**request.__dict__, "page": n})).hits
        ]
        assert len(ranked) == first.total == len({h.article.id for h in ranked})
        if sort == "relevance":
            scores = [h.score for h in ranked]
            assert scores == sorted(scores, reverse=True)
        else:
            dated = [h.article.date for h in ranked if h.article.date]
            assert dated == sorted(dated, reverse=sort == "newest")
            assert all(h.article.date for h in ranked[: len(dated)])  # undated last either way


def test_date_range_uses_the_day_column(segmented):
    from datetime import date

    request = SearchRequest(date_from=date(2021, 1, 1), date_to=date(2022, 6, 30))
    found = select(segmented, request)
    shown = {
        segmented.searcher.stored_fields(int(d))["date"].date()
        for d in np.flatnonzero(found.allowed)
    }
    assert shown and all(date(2021, 1, 1) <= day <= date(2022, 6, 30) for day in shown)


@pytest.mark.parametrize(
    "q,filters",
    [
        ("research", {}),
        ('"memorandum of understanding"', {"topic": ["Spectrum"]}),
        ("spectrum OR satellite", {"org": ["6G-IA", "NGMN"], "year": ["2024", "2025"]}),
        ("", {"year": ["undated"]}),
        ("partner* NOT trials", {"topic": ["Spectrum", "Standards"]}),
    ],
)
def test_facet_counts_equal_brute_force_over_segments(segmented, q, filters):
    """Array facet counts equal counting document by document, with deletions around."""
    from .test_search import assert_counts_by_hand

    result = search(segmented, SearchRequest(q=q, filters=filters, copies=True))
    query, _ = parse_query(segmented, q)
    docs = [segmented.searcher.stored_fields(d) for d in segmented.searcher.docs_for_query(query)]
    assert_counts_by_hand(result, docs, filters)


def test_excluded_words_exclude_even_where_whoosh_would_not(segmented):
    """Checked against the analysed stored text. (Whoosh's own AndNot matcher keeps
    seed 001 for "partner* -trials" although its body says "trials".)"""
    analyzer = segmented.schema["body"].analyzer
    query, _ = parse_query(segmented, "partner* -trials")
    found = evaluate(segmented.searcher, IndexArrays(segmented.reader), query).mask
    expected = []
    for docnum, fields in segmented.reader.iter_docs():
        words = {t.text for f in ("title", "body") for t in analyzer(fields[f])}
        if any(w.startswith("partner") for w in words) and "trial" not in words:
            expected.append(docnum)
    assert np.flatnonzero(found).tolist() == expected


def test_words_within_slop_are_found_past_a_dead_end(tmp_path):
    """ "alpha beta gamma"~2 matches "alpha beta beta xray gamma" (via the second beta)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Alpha beta gamma\n\nThe alpha beta beta xray gamma line is a real sentence here.\n"
    )
    sync_index(corpus, tmp_path / "index")
    with open_snapshot(tmp_path / "index") as searcher:
        assert search(searcher, SearchRequest(q='"alpha beta gamma"~2')).total == 1
        assert search(searcher, SearchRequest(q='"alpha xray"~2')).total == 0
        huge = search(searcher, SearchRequest(q='"alpha gamma"~999999999'))
        assert huge.total == 1  # and quickly: the slop is capped


def test_an_empty_index_answers_every_kind_of_query(tmp_path):
    (tmp_path / "corpus").mkdir()
    sync_index(tmp_path / "corpus", tmp_path / "index")
    with open_snapshot(tmp_path / "index") as searcher:
        for q in ["research", '"6g research"', "NOT research", "res*", "", "org:6G-IA"]:
            assert search(searcher, SearchRequest(q=q)).total == 0, q


def test_an_index_built_again_in_the_same_folder_is_not_mistaken_for_the_old_one(tmp_path):
    """Generation numbers restart when an index is deleted and built again."""
    from .conftest import copy_seeds

    corpus = copy_seeds(tmp_path)
    index = tmp_path / "index"
    sync_index(corpus, index)
    kept = Generations()  # as the site keeps them
    with open_snapshot(index, kept) as snapshot:
        assert search(snapshot, SearchRequest(q="")).total == 5
    shutil.rmtree(index)
    for extra in sorted(corpus.glob("*.txt"))[2:]:
        extra.unlink()
    sync_index(corpus, index)
    with open_snapshot(index, kept) as snapshot:
        result = search(snapshot, SearchRequest(q="6G"))
        assert result.total == 2 and len(result.hits) == 2


@pytest.mark.parametrize("field,word", [("body", "research"), ("title", "6g")])
def test_positions_read_in_bulk_equal_whoosh(segmented, field, word):
    """Every (document, position) of a word's postings, as Whoosh's matcher gives them."""
    reader = segmented.reader
    text = segmented.schema[field].to_bytes(word)
    ids, weights, owners, positions = IndexArrays(reader).postings_with_positions(
        reader, field, text
    )
    matcher, expected = reader.postings(field, text), []
    while matcher.is_active():
        expected += [(matcher.id(), p) for p in matcher.value_as("positions")]
        matcher.next()
    assert list(zip(ids[owners].tolist(), positions.tolist(), strict=True)) == expected
    assert len(set(ids[owners].tolist())) == len(ids) > 1


def test_postings_are_written_as_packed_blocks(segmented):
    """The index really uses postings.py's codec, so the bulk path above is the one tested."""
    from indexer.index.arrays import _leaf, segment_readers
    from indexer.index.postings import PackedLeafMatcher, PackedPositions

    assert isinstance(segmented.schema["body"].format, PackedPositions)
    term = ("body", b"research")
    readers = [segment for segment, _ in segment_readers(segmented.reader)]
    matchers = [_leaf(r.postings(*term)) for r in readers if term in r]
    assert matchers and all(isinstance(m, PackedLeafMatcher) for m in matchers)


def test_blocks_inflated_by_isal_equal_whoosh_own_zlib_reads(segmented):
    """PackedLeafMatcher inflates blocks with ISA-L: every block of a common word's
    list reads as the same data tuple as Whoosh's own zlib-based reader gives."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    from indexer.index.arrays import _leaf, segment_readers

    blocks = 0
    for segment, _ in segment_readers(segmented.reader):
        if ("body", b"research") not in segment:
            continue
        matcher = _leaf(segment.postings("body", b"research"))
        while matcher.is_active():
            matcher._read_data()
            ours = matcher._data
            W3LeafMatcher._read_data(matcher)
            assert ours == matcher._data and matcher._compression
            blocks += 1
            matcher._next_block()
    assert blocks > 1


@pytest.mark.parametrize("protocol", [2, 4])
def test_blocks_of_either_pickle_protocol_read_as_whoosh_reads_them(
    tmp_path, monkeypatch, protocol
):
    """Posting blocks are pickled with protocol 4 (indexes written before: Whoosh's 2);
    both read in bulk as Whoosh's own matcher reads them, positions included."""
    import zlib

    from whoosh import index

    from indexer.index import postings
    from indexer.index.arrays import _leaf
    from indexer.index.schema import build_schema

    monkeypatch.setattr(postings, "BLOCK_PROTOCOL", protocol)
    monkeypatch.setattr(postings, "SMALL_BLOCK", 0)  # every block deflated
    ix = index.create_in(tmp_path, build_schema())
    writer = ix.writer(codec=postings.PackedCodec(blocklimit=3))
    words = ["alpha", "beta", "gamma", "delta"]
    for n in range(40):
        text = " ".join(words[(n * k) % 4] for k in range(1, 2 + n % 7))
        writer.add_document(path=str(n), body=f"{text} \u00e9t\u00e9 {text}")  # bytes past 127
    writer.commit()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        matcher = _leaf(reader.postings("body", b"alpha"))
        raw = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
        assert zlib.decompress(raw)[:2] == bytes([0x80, protocol])
        arrays = IndexArrays(reader)
        for word in words:
            ids, weights, owners, positions = arrays.postings_with_positions(
                reader, "body", word.encode()
            )
            matcher, expected = reader.postings("body", word.encode()), []
            while matcher.is_active():
                expected += [(matcher.id(), matcher.weight(), matcher.value_as("positions"))]
                matcher.next()
            got = [
                (d, w, positions[owners == i].tolist())
                for i, (d, w) in enumerate(zip(ids.tolist(), weights.tolist(), strict=True))
            ]
            assert got == expected and len(expected) > 3


@pytest.mark.parametrize("protocol,compression", [(2, 1), (4, 1), (4, 0), (2, 0)])
@pytest.mark.parametrize("prefix_bytes", [4096, 7])
def test_ids_and_weights_from_the_start_of_a_block_equal_the_whole_block(
    tmp_path, monkeypatch, protocol, compression, prefix_bytes
):
    """postings.block_ids_and_weights (the start of a block inflated and unpickled,
    positions left out) gives the ids and weights of the whole block, for blocks
    pickled with either protocol, deflated or not, long or short, with weights
    that vary, are all one or are all one other value (field boost)."""
    from whoosh import fields, index

    from indexer.index import postings
    from indexer.index.arrays import _leaf

    monkeypatch.setattr(postings, "BLOCK_PROTOCOL", protocol)
    monkeypatch.setattr(postings, "PREFIX_BYTES", prefix_bytes)  # 7: inflated in many steps
    monkeypatch.setattr(postings, "STEP_BYTES", min(prefix_bytes, postings.STEP_BYTES))
    schema = fields.Schema(
        body=fields.TEXT(phrase=True), title=fields.TEXT(field_boost=2.0), tag=fields.ID
    )
    schema["body"].format = postings.PackedPositions(field_boost=1.0)
    ix = index.create_in(tmp_path, schema)
    writer = ix.writer(codec=postings.PackedCodec(blocklimit=700, compression=compression))
    words = ["alpha", "beta", "gamma", "d\u00e9lta"]
    for n in range(2000):
        text = " ".join(words[(n * k) % 4] for k in range(1, 2 + n % 9))
        writer.add_document(body=f"{text} \u00e9t\u00e9 {text}", title=words[n % 4], tag=str(n % 3))
    writer.commit()
    from pickle import loads

    from isal.isal_zlib import decompress

    checked = set()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for field, word in [(f, w) for f in ("body", "title") for w in words] + [("tag", "1")]:
            matcher = _leaf(reader.postings(field, word))
            assert isinstance(matcher, postings.PackedLeafMatcher)
            while matcher.is_active():
                raw = matcher._postfile.get(
                    matcher._dataoffset, matcher._nextoffset - matcher._dataoffset
                )
                whole = loads(decompress(raw) if compression else raw)
                assert postings._ids_and_weights(decompress(raw) if compression else raw)
                for start in (None, 7, len(raw)):  # (arrays._blocks: the block before's)
                    found, _ = postings.block_ids_and_weights(raw, compression, start)
                    assert found == whole[:2]
                checked.add(type(whole[1]).__name__)
                matcher._next_block()
    assert checked == {"tuple", "NoneType", "float"}


@pytest.mark.parametrize("first", [10, 2570, 2800])
def test_a_block_start_cut_inside_protocol_2s_global_reads_as_too_short(first):
    """A protocol 2 block's start cut inside its `_codecs encode` line (an inflated
    piece ending there) is too short to read (None: more is inflated), even when a
    byte before it is a newline (first id 10, or 0x0A in a two-byte id): the line's
    end was then looked for from the start of the block, and reading went back
    there and round forever."""
    import pickle
    import threading
    from array import array

    from indexer.index import postings

    for weights in (None, postings.packed(array("f", [1.0, 2.0, 3.0]))):
        values = postings.pack_positions([array("I", [1, 2]).tobytes()] * 3)
        ids = (first, postings.narrow([1, 1]))
        data = pickle.dumps((ids, weights, values), 2)
        results = {}

        def read_each_cut(data=data, results=results):
            results.update({cut: postings._ids_and_weights(data[:cut]) for cut in range(len(data))})

        reading = threading.Thread(target=read_each_cut, daemon=True)
        reading.start()
        reading.join(timeout=10)
        assert len(results) == len(data), "stuck on a cut block"
        assert {r for r in results.values() if r is not None} == {(ids, weights)}


@pytest.mark.parametrize("protocol", [2, 4])
def test_a_block_start_read_at_its_offsets_equals_the_whole_block(protocol):
    """postings._block_start (ids and weights read where the pickles written by the
    codec hold them, not walked opcode by opcode) gives the block's own ids and
    weights for every shape of block, and for any cut of it either the same or
    "too short", never something else; a layout it does not know is left to the walker."""
    import pickle
    from array import array

    from indexer.index import postings

    shapes = []
    for first in (0, 10, 300, 70_000):
        for gaps in ([], [1, 1], [300, 2], [70_000, 1], [0x80, 0xFF, 0x0A]):
            for weights in (None, 2.0, postings.packed(array("f", [1.0, 0.5, 3.0]))):
                values = postings.pack_positions([array("I", [1, 2]).tobytes()] * 3)
                shapes.append(((first, postings.narrow(gaps)), weights, values))
    read_fast = 0
    for block in shapes:
        data = pickle.dumps(block, protocol)
        whole = postings._block_start(data)
        if whole is not None:
            assert whole == block[:2]
            read_fast += 1
        for cut in range(len(data)):
            found = postings._block_start(data[:cut])
            assert found in (postings.SHORT, None, block[:2])
    # all but protocol 2's empty gaps (pickled as a call of `bytes`), left to the walker
    assert read_fast == len(shapes) - (12 if protocol == 2 else 0)
    assert postings._block_start(pickle.dumps(((1, ("B", b"")), [1.0], None), protocol)) is None


def test_term_vectors_written_by_the_packed_codec_read_back_after_merging(tmp_path):
    """Whoosh reads term vectors with its own W3 matcher, so the codec leaves their
    blocks in W3's layout (a vector field, three segments, then an optimize)."""
    from whoosh import fields, index

    from indexer.index.postings import PackedCodec

    ix = index.create_in(
        tmp_path, fields.Schema(id=fields.ID(stored=True), v=fields.TEXT(vector=True))
    )
    texts = ["alpha beta beta", "gamma alpha", "beta beta beta delta", "delta", "alpha gamma gamma"]
    for batch in (texts[:2], texts[2:4], texts[4:]):
        writer = ix.writer(codec=PackedCodec(blocklimit=2))
        for text in batch:
            writer.add_document(id=text, v=text)
        writer.commit(merge=False)
    ix.writer(codec=PackedCodec(blocklimit=2)).commit(optimize=True)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        vectors = {
            reader.stored_fields(d)["id"]: dict(reader.vector(d, "v").items_as("frequency"))
            for d in range(reader.doc_count_all())
        }
    assert vectors["beta beta beta delta"] == {"beta": 3, "delta": 1}
    assert vectors["alpha gamma gamma"] == {"alpha": 1, "gamma": 2}


@pytest.mark.parametrize("share", [0.0, 0.01, 0.05, 0.3, 1.0])
def test_counting_pairs_equals_counting_each_values_documents(segmented, share):
    """facets.ValueCounter (few documents: their own values; many: all pairs) gives
    the counts of the per-value path, over deleted documents too."""
    generation = segmented.generation
    rng = np.random.default_rng(int(share * 100))
    docs = (rng.random(generation.arrays.size) < share) & generation.arrays.live
    for field, value_docs in generation.value_docs.items():
        expected = {v: int(docs[ids].sum()) for v, ids in value_docs.items()}
        assert generation.value_counters[field].counts(docs) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 60).flatmap(
        lambda size: st.tuples(
            st.just(size),
            st.lists(st.sets(st.integers(0, size - 1)), max_size=6),  # some values empty
            st.lists(st.booleans(), min_size=size, max_size=size),
            st.lists(st.booleans(), min_size=size, max_size=size),
        )
    )
)
def test_value_counter_equals_counting_each_values_documents(case):
    """All ValueCounter paths (sets of values; each value's documents as bits; a mask's
    own pairs; every value's run of documents summed at once; a mask of most
    documents by those it leaves out)
    count what each value's documents give, values without documents, empty masks
    and deleted documents (in the mask or not) included."""
    from indexer.search.facets import ValueCounter

    size, values, mask, deleted = case
    live = ~np.array(deleted, dtype=bool)
    value_docs = {
        f"v{i}": np.array([d for d in sorted(docs) if live[d]], dtype=np.int64)
        for i, docs in enumerate(values)
    }
    docs = np.array(mask, dtype=bool)
    expected = {v: int(docs[ids].sum()) for v, ids in value_docs.items()}
    assert ValueCounter(value_docs, size).counts(docs) == expected
    assert ValueCounter(value_docs, size, max_set_values=0).counts(docs) == expected
    assert ValueCounter(value_docs, size, live).counts(docs) == expected
    assert ValueCounter(value_docs, size, live, max_set_values=0).counts(docs) == expected


@pytest.mark.parametrize("size", [63, 64, 65, 129])
def test_counting_by_bits_at_the_edges_of_64_bit_words(size):
    """The bits path (a mask of between a tenth and nine tenths of the documents)
    counts the last document of a word, the first of the next and a part-filled
    last word as each value's documents do, deleted documents left out."""
    from indexer.search import facets
    from indexer.search.facets import ValueCounter

    live = np.ones(size, dtype=bool)
    live[1::7] = False
    edges = [d for d in (0, 62, 63, 64, size - 1) if d < size]
    value_docs = {
        "edges": np.array(sorted({d for d in edges if live[d]}), dtype=np.int64),
        "odd": np.flatnonzero(live & (np.arange(size) % 2 == 1)),
        "none": np.empty(0, dtype=np.int64),  # a value on no (live) document
    }
    counter = ValueCounter(value_docs, size, live)
    assert counter.bitmaps is not None
    for docs in (
        np.arange(size) % 3 == 0,
        np.isin(np.arange(size), edges) | (np.arange(size) < 20),
    ):
        chosen = np.flatnonzero(docs)
        assert len(chosen) * facets.BITS_FROM > size  # (the bits path is taken)
        assert (counter.live_count - len(chosen)) * facets.BITS_FROM > size
        expected = {v: int(docs[ids].sum()) for v, ids in value_docs.items()}
        assert counter.counts(docs) == expected


def test_counting_by_rows_of_values_equals_counting_pair_by_pair(monkeypatch):
    """A field of many values counts a few documents by each one's row of values
    (np.take), the values past a row pair by pair: the counts of each value's
    documents, for documents with no value, with a full row and with more than a row
    holds (the overflow), deleted documents left out."""
    from indexer.search import facets
    from indexer.search.facets import ValueCounter

    rng = np.random.default_rng(3)
    size, values = 3000, 200
    live = rng.random(size) > 0.05
    per_doc = rng.choice([0, 1, 2, 2, 3], size=size)
    per_doc[rng.choice(size, 40, replace=False)] = 12  # more than MAX_ROW: past any row
    pairs = {(v, d) for d in range(size) for v in rng.choice(values, per_doc[d], replace=False)}
    value_docs = {
        f"v{v:03d}": np.array(sorted(d for w, d in pairs if w == v and live[d]), dtype=np.int64)
        for v in range(values)
    }
    counter = ValueCounter(value_docs, size, live)
    assert counter.rows is not None and counter.overflows is not None
    assert counter.overflows.any() and counter.rows.shape[1] < 12
    for share in (0.001, 0.01, 0.05):
        docs = rng.random(size) < share
        assert len(np.flatnonzero(docs)) * 8 < len(counter.pair_doc)  # (a few: rows)
        expected = {v: int(docs[ids].sum()) for v, ids in value_docs.items()}
        assert counter.counts(docs) == expected
        with monkeypatch.context() as pairwise:
            pairwise.setattr(facets, "ROWS", False)
            assert counter.counts(docs) == expected


def test_the_numpy_the_package_asks_for_counts_bits():
    """ValueCounter counts a mask of many documents with np.bitwise_count, which
    numpy has from 2.0 on: an install pyproject.toml allows must have it (with
    numpy 1.26 every search's facet counts failed)."""
    import re
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    needed = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    (numpy,) = [d for d in needed if re.match(r"numpy\b", d)]
    floor = re.search(r">=\s*(\d+)", numpy)
    assert floor and int(floor.group(1)) >= 2, numpy


@pytest.mark.parametrize(
    "q,filters",
    [
        ("", {}),
        ("research", {}),
        ("spectrum OR satellite", {"org": ["6G-IA", "NGMN"], "year": ["2024", "2025"]}),
        ("partner*", {"topic": ["Spectrum"], "org": ["No Such Body", "6G-IA"]}),
        ("trials", {"lang": ["en"], "year": ["1999"]}),
    ],
)
def test_facet_values_ordered_in_numpy_equal_each_facets_own_order(segmented, q, filters):
    """facet_values' numpy path (counts from ValueCounter, ordered by lexsort) lists
    what counting each value's documents and Facet.order list: the same values, counts,
    names and order (ties by name in lower case), chosen values first, chosen values
    without hits kept."""
    from indexer.search import FACETS
    from indexer.search.facets import facet_values

    request = SearchRequest(q=q, filters=filters, copies=True)
    found = select(segmented, request)
    assert found.counters and not found.groups  # the numpy path is the one taken
    ties = 0
    for facet in FACETS:
        others = found.allowed_except(facet.param)
        counts = {v: int(others[ids].sum()) for v, ids in found.value_docs(facet).items()}
        chosen = set(request.selected(facet.param))
        counts = {v: c for v, c in counts.items() if c or v in chosen}
        counts.update({v: 0 for v in chosen if v not in counts})
        expected = [(v, c, v in chosen, facet.display_name(v)) for v, c in facet.order(counts)]
        if facet.chosen_first:
            expected.sort(key=lambda e: not e[2])
        got = facet_values(found, facet, request)
        assert [tuple(v) for v in got] == expected, facet.param
        ties += len(counts) - len(set(counts.values()))
    assert ties  # equal counts were there to be ordered by name


def test_fields_of_few_values_count_by_sets_of_values(segmented):
    """Topic, year and language have few values: ValueCounter counts them by each
    document's set of values, the same counts as every value's documents."""
    generation = segmented.generation
    rng = np.random.default_rng(7)
    for field in ("topic", "year", "language"):
        counter = generation.value_counters[field]
        assert counter.set_of_doc is not None, field
        for share in (0.02, 0.2):
            docs = (rng.random(generation.arrays.size) < share) & generation.arrays.live
            expected = {v: int(docs[ids].sum()) for v, ids in generation.value_docs[field].items()}
            assert counter.counts(docs) == expected
            assert sum(expected.values()) > docs.sum() or field != "topic"  # several each


def test_stored_records_read_in_one_pass_equal_whoosh(segmented):
    """arrays.stored_records (straight from each segment's column, inflated by ISA-L)
    gives what Whoosh's stored_fields gives, for documents of every segment, deleted
    ones included, in the order asked."""
    from indexer.index.arrays import stored_records

    reader = segmented.reader
    docnums = list(range(reader.doc_count_all()))[::-1]
    expected = [reader.stored_fields(d) for d in docnums]
    assert stored_records(reader, docnums) == expected
    assert len({r["path"] for r in expected}) > 100 and reader.has_deletions()


# -- fast paths: the same answers as the general path ---------------------------------

PLAIN = [
    "research",
    "Spectrum trials",
    "6G",
    "reconfigurable surfaces",
    '"memorandum of understanding"',
]
NOT_PLAIN = [
    "the research",  # a stop word
    "trial trials",  # one index word twice
    '"research"',  # a phrase of one word (Whoosh makes it an unboosted term)
    "research AND trials",
    "research OR trials",
    "research NOT trials",
    "research -trials",
    "partner*",
    "title:6G",
    "6G-IA",
    "research^3",
    '"reconfigurable surfaces"~3',
    '"memorandum of understanding" research',
    "r\u00e9seau",
    'a "b',
]


@pytest.mark.parametrize("q", PLAIN + NOT_PLAIN)
def test_plain_queries_are_made_as_whoosh_parses_them(segmented, q):
    """query.plain_query makes the very query Whoosh's parser makes of plain words and
    a plain phrase, and leaves every other query to the parser."""
    from indexer.search import query as queries

    fast = queries.plain_query(segmented, q)
    if q not in PLAIN:
        assert fast is None
        return
    parsed = queries._parser(segmented).parse(q).accept(queries._facet_value_folder(segmented))
    whoosh = queries._best_analysis(parsed, segmented.generation.language_fields)
    assert fast == whoosh and repr(fast) == repr(whoosh)


# words in a few articles (their matches listed from postings), in none, and in titles only
RARE = ["reconfigurable", "terahertz", "nosuchword", "title:reconfigurable"]


@pytest.mark.parametrize("q", PLAIN + NOT_PLAIN + QUERIES + RARE)
@pytest.mark.parametrize("filters", [{}, {"topic": ["Spectrum"]}, {"org": ["6G-IA", "NGMN"]}])
def test_searches_by_the_fast_paths_equal_the_general_path(segmented, monkeypatch, q, filters):
    """The same hits, order, scores, snippets, facet counts and notice with the fast
    paths as without them (plain queries made without Whoosh's parser, phrases read
    from their rarest word on), uncached each time."""
    from indexer.search import facets, matching
    from indexer.search import query as queries

    def answer():
        segmented.generation.forget_results()
        result = search(segmented, SearchRequest(q=q, filters=filters, page_size=20))
        hits = [(h.article.id, h.score, h.title_html, h.snippet_html) for h in result.hits]
        return result.total, hits, result.facets, result.notice

    fast = answer()
    with monkeypatch.context() as slow:
        slow.setattr(queries, "plain_query", lambda *_: None)
        slow.setattr(matching, "RAREST_FIRST", False)
        slow.setattr(matching, "IDS_FROM_POSTINGS", 0)
        slow.setattr(facets, "ROWS", False)
        general = answer()
    assert fast[0] == general[0] and fast[2:] == general[2:]
    assert [h[0] for h in fast[1]] == [h[0] for h in general[1]]
    assert [h[1] for h in fast[1]] == pytest.approx([h[1] for h in general[1]])
    assert [h[2:] for h in fast[1]] == [h[2:] for h in general[1]]


def test_docnums_sorted_from_postings_equal_those_of_the_match_mask(segmented):
    """A word's matches (in title or body, or one field) listed from its posting lists
    rather than by a pass over the match mask: the same docnums, deleted documents
    left out, whether cached or not, and a filter's mask still listed from the mask."""
    from indexer.search import matching

    seeded = 0
    for q in ("reconfigurable", "title:6G", "terahertz", "research", "nosuchword", "6g-ia"):
        for filters in ({}, {"topic": ["Spectrum"]}):
            for cached in (False, True):
                if not cached:
                    segmented.generation.forget_results()
                found = select(segmented, SearchRequest(q=q, filters=filters))
                seeded += bool(found._found)  # (listed from the postings)
                ids = found.ids(found.allowed)
                assert np.array_equal(ids, np.flatnonzero(found.allowed)), (q, filters)
                assert ids.dtype == np.intp and not ids.flags.writeable
                assert found.total == len(ids) or found.groups
    assert seeded >= 6  # (without a filter: three words that are in few articles, twice)
    assert matching.IDS_FROM_POSTINGS


@pytest.mark.parametrize("protocol", [2, 4])
def test_a_posting_list_walked_in_memory_gives_the_blocks_whoosh_reads(
    tmp_path, monkeypatch, protocol
):
    """packed_blocks walks a term's whole posting list read at once: the same blocks,
    deflated or not, as Whoosh's matcher reads one by one from the file, the last
    block (its length negative) included."""
    from whoosh import index

    from indexer.index import postings
    from indexer.index.arrays import _leaf
    from indexer.index.schema import build_schema

    monkeypatch.setattr(postings, "BLOCK_PROTOCOL", protocol)
    monkeypatch.setattr(postings, "SMALL_BLOCK", 400)  # blocks shorter stay raw
    ix = index.create_in(tmp_path, build_schema())
    writer = ix.writer(codec=postings.PackedCodec(blocklimit=5))
    words = ["alpha", "beta", "gamma", "delta"]
    for n in range(60):  # long and short blocks: some deflated, some stored raw
        text = " ".join(words[(n * k) % 4] for k in range(1, 2 + n % 7)) * (1 if n % 15 else 300)
        writer.add_document(path=str(n), body=text)
    writer.commit()
    with ix.searcher() as searcher:
        kinds = set()
        for word in words:
            matcher = _leaf(searcher.reader().postings("body", word.encode()))
            walked = list(matcher.blocks())
            expected = []
            while matcher.is_active():
                length = matcher._nextoffset - matcher._dataoffset
                data = matcher._postfile.get(matcher._dataoffset, length)
                expected.append((matcher._compression, data))
                matcher._next_block()
            assert walked == expected and len(walked) > 3
            kinds |= {bool(compression) for compression, _ in walked}
        assert kinds == {True, False}


def test_a_word_in_every_article_scores_as_by_its_docnums(tmp_path, monkeypatch):
    """A word every article holds has consecutive docnums, added up by slices instead
    of by its docnums: the same matches and the same scores as indexing by docnums,
    and as Whoosh's own scoring."""
    from bench.corpus import generate
    from indexer.index.arrays import run_of
    from indexer.search import matching

    generate(tmp_path / "corpus", 30, seed=3)
    sync_index(tmp_path / "corpus", tmp_path / "index")
    with open_snapshot(tmp_path / "index") as snapshot:
        reader, arrays = snapshot.reader, IndexArrays(snapshot.reader)
        ids, _ = arrays.postings(reader, "body", b"research")
        assert run_of(ids) == slice(0, reader.doc_count_all())  # (the case under test)
        query, _ = parse_query(snapshot, "research")
        by_runs = evaluate(snapshot.searcher, arrays, query)
        monkeypatch.setattr(matching, "RUNS", False)
        by_docnums = evaluate(snapshot.searcher, arrays, query)
        assert by_runs.mask.tolist() == by_docnums.mask.tolist()
        assert by_runs.scores.tolist() == by_docnums.scores.tolist()
        whoosh = {hit.docnum: hit.score for hit in snapshot.searcher.search(query, limit=None)}
        assert {d: by_runs.scores[d] for d in whoosh} == pytest.approx(whoosh)
        assert len(whoosh) == reader.doc_count_all()


@pytest.mark.parametrize("blocklimit", [4, 6, 1024])
def test_consecutive_docnums_read_as_a_range_equal_their_running_sum(
    tmp_path, monkeypatch, blocklimit
):
    """A posting list of consecutive docnums (a word in every document) is made as a
    range, in one block or many: the same docnums and weights as the running sum of
    its gaps, and as Whoosh reads them; a list with one document missing, or
    starting later, is not taken for a range. Blocks of one size summed as a matrix
    (with a shorter last block or none) give the same docnums as one running sum."""
    from whoosh import index

    from indexer.index import arrays as arrays_module
    from indexer.index import postings
    from indexer.index.schema import build_schema

    ix = index.create_in(tmp_path, build_schema())
    writer = ix.writer(codec=postings.PackedCodec(blocklimit=blocklimit))
    for n in range(23):
        words = ["alpha"] * (1 + (n % 3 == 0))  # (a word twice: weight 2)
        words += ["beta"] * (n != 11) + ["gamma"] * (n >= 5)
        writer.add_document(path=str(n), body=" ".join(words))
    writer.commit()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for word in ("alpha", "beta", "gamma"):
            ranged = IndexArrays(reader).postings(reader, "body", word.encode())
            monkeypatch.setattr(arrays_module, "RANGES", False)
            monkeypatch.setattr(arrays_module, "ROWS", False)
            summed = IndexArrays(reader).postings(reader, "body", word.encode())
            monkeypatch.undo()
            matcher, whoosh = reader.postings("body", word.encode()), []
            while matcher.is_active():
                whoosh.append((matcher.id(), matcher.weight()))
                matcher.next()
            got = list(zip(ranged[0].tolist(), ranged[1].tolist(), strict=True))
            assert got == whoosh and len(whoosh) > 4
            assert ranged[0].tolist() == summed[0].tolist()
            assert ranged[1].tolist() == summed[1].tolist()
        assert arrays_module.run_of(IndexArrays(reader).postings(reader, "body", b"alpha")[0])


@pytest.mark.parametrize("q", QUERIES)
def test_words_in_most_articles_score_as_by_their_docnums(segmented, monkeypatch, q):
    """A word in most articles is scored over every document at once (0 where it is
    not) instead of by its docnums: exactly the same matches and scores."""
    from indexer.search import matching

    arrays = IndexArrays(segmented.reader)
    ids, _ = arrays.postings(segmented.reader, "body", b"research")
    assert len(ids) * 2 > arrays.size  # (the case under test)
    query, _ = parse_query(segmented, q)
    fast = evaluate(segmented.searcher, arrays, query)
    monkeypatch.setattr(matching, "RUNS", False)
    slow = evaluate(segmented.searcher, arrays, query)
    assert fast.mask.tolist() == slow.mask.tolist()
    assert (fast.scores * fast.mask).tolist() == (slow.scores * slow.mask).tolist()
