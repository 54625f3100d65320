"""The engines a user would pick instead, loaded with the same articles as the index.

bench/search.py times them beside sixg-search:

  tantivy    tantivy-py (Rust): title and body with its English stemmer, title
             boosted 3x as ours; organisation, topic and year as raw fast
             fields; top 10 by BM25 plus disjunctive counts of the three facets
             through its aggregation API (each facet counted with every filter
             but its own, as ours). It runs in a child process of its own so
             its memory can be read.
  datasette  Datasette serving one SQLite file as a real server on loopback:
             an `articles` table (organisations and topics as JSON arrays,
             year) with an FTS5 table (porter) attached, asked with `_search`
             (raw FTS5 syntax, so a phrase stays a phrase), `_facet_array` for
             organisations and topics, `_facet` for year, `_size=10`.
  fts5       SQLite FTS5 from Python (a table `docs` of its own in the same file,
             as earlier runs had it): bm25 top 10 with snippets, then GROUP BY
             counts over the facet tables `orgs`, `topics`, `years`.

All read what sixg-search indexed (its extracted text and metadata), so every
engine answers over the same articles. Benchmark-only dependencies: the
`[bench]` extra of pyproject.toml.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from indexer.search import open_snapshot

FACET_LIMIT = 200  # values counted per facet (there are about 90 organisations)


def stored_articles(index: Path):
    """(number, title, body, organisations, topics, year) of every live article."""
    with open_snapshot(index) as snapshot:
        for docnum, fields in snapshot.reader.iter_docs():
            yield (
                docnum + 1,
                fields["title"],
                fields["body"],
                [o for o in fields["organisation"].split(",") if o],
                [t for t in fields["topic"].split(",") if t],
                fields["year"],
            )


# -- SQLite: one file for FTS5 from Python and for Datasette ---------------------------


def load_sqlite(index: Path, db_path: Path) -> sqlite3.Connection:
    if not db_path.exists():
        aside = db_path.with_suffix(".tmp")
        aside.unlink(missing_ok=True)
        db = sqlite3.connect(aside)
        db.executescript("""
            CREATE TABLE articles(id INTEGER PRIMARY KEY, title TEXT, body TEXT,
                                  organisations TEXT, topics TEXT, year TEXT);
            CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize='porter',
                                                         content='articles', content_rowid='id');
            CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='porter');
            CREATE TABLE orgs(doc INTEGER, org TEXT);
            CREATE TABLE topics(doc INTEGER, topic TEXT);
            CREATE TABLE years(doc INTEGER PRIMARY KEY, year TEXT);
        """)
        for number, title, body, orgs, topics, year in stored_articles(index):
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)",
                (number, title, body, json.dumps(orgs), json.dumps(topics), year),
            )
            db.execute(
                "INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                (number, title, body),
            )
            db.execute("INSERT INTO years VALUES (?, ?)", (number, year))
            db.executemany("INSERT INTO orgs VALUES (?, ?)", [(number, o) for o in orgs])
            db.executemany("INSERT INTO topics VALUES (?, ?)", [(number, t) for t in topics])
        db.executescript("""
            INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
            CREATE INDEX orgs_doc ON orgs(doc); CREATE INDEX orgs_org ON orgs(org);
            CREATE INDEX topics_doc ON topics(doc); CREATE INDEX topics_topic ON topics(topic);
            CREATE INDEX articles_year ON articles(year);
        """)
        db.commit()
        db.close()
        os.replace(aside, db_path)
    return sqlite3.connect(db_path, check_same_thread=False)


def fts5_search(db: sqlite3.Connection, q: str, filters: dict) -> None:
    """Top-10 by bm25 with snippets, then counts for each facet (with the filters applied)."""
    match = q.replace("-", " ") if q else None
    where, args = ["1"], []
    if match:
        where.append("docs MATCH ?")
        args.append(match)
    for value in filters.get("org", []):
        where.append("rowid IN (SELECT doc FROM orgs WHERE org = ?)")
        args.append(value)
    for value in filters.get("topic", []):
        where.append("rowid IN (SELECT doc FROM topics WHERE topic = ?)")
        args.append(value)
    condition = " AND ".join(where)
    order = "ORDER BY bm25(docs, 3.0, 1.0)" if match else ""
    db.execute(
        f"SELECT rowid, title, snippet(docs, 1, '<mark>', '</mark>', '…', 20) FROM docs "
        f"WHERE {condition} {order} LIMIT 10",
        args,
    ).fetchall()
    matched = f"SELECT rowid FROM docs WHERE {condition}"
    for table, column in (("orgs", "org"), ("topics", "topic"), ("years", "year")):
        db.execute(
            f"SELECT {column}, COUNT(*) FROM {table} WHERE doc IN ({matched}) "
            f"GROUP BY {column} ORDER BY 2 DESC",
            args,
        ).fetchall()


# -- Datasette -------------------------------------------------------------------------


def start_datasette(db_path: Path, port: int, limit_ms: int) -> subprocess.Popen:
    """`datasette serve` on loopback, the file opened immutable (read-only, no change
    checks), facet suggestions off, time limits raised to `limit_ms` so facets complete."""
    settings = {
        "sql_time_limit_ms": limit_ms,
        "facet_time_limit_ms": limit_ms,
        "suggest_facets": "off",
        "allow_download": "off",
    }
    command = [sys.executable, "-m", "datasette", "serve", "-i", str(db_path)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    for name, value in settings.items():
        command += ["--setting", name, str(value)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def datasette_path(db_path: Path, q: str, filters: dict) -> str:
    from urllib.parse import urlencode

    params = [("_size", "10"), ("_facet_array", "organisations"), ("_facet_array", "topics")]
    params.append(("_facet", "year"))
    if q:
        params += [("_search", q), ("_searchmode", "raw")]
    params += [("organisations__arraycontains", v) for v in filters.get("org", [])]
    params += [("topics__arraycontains", v) for v in filters.get("topic", [])]
    return f"/{db_path.stem}/articles.json?{urlencode(params)}"


def datasette_complete(body: bytes) -> bool:
    """Did every asked-for facet complete (not time out)?"""
    data = json.loads(body)
    return not data.get("facets_timed_out") and len(data.get("facet_results", {})) == 3


# -- tantivy ---------------------------------------------------------------------------


def build_tantivy(index: Path, path: Path) -> None:
    import tantivy

    if (path / "done").exists():
        return
    path.mkdir(parents=True, exist_ok=True)
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    for name in ("organisation", "topic", "year"):
        builder.add_text_field(name, stored=False, fast=True, tokenizer_name="raw")
    ix = tantivy.Index(builder.build(), path=str(path))
    writer = ix.writer(heap_size=256 * 2**20, num_threads=2)
    for number, title, body, orgs, topics, year in stored_articles(index):
        doc = tantivy.Document(id=number, title=title, body=body, year=year)
        for org in orgs:
            doc.add_text("organisation", org)
        for topic in topics:
            doc.add_text("topic", topic)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    (path / "done").write_text("ok")


FACET_FIELDS = {"org": "organisation", "topic": "topic", "year": "year"}


class Tantivy:
    """Top 10 by BM25 (title boosted 3x) and disjunctive facet counts."""

    def __init__(self, path: Path):
        import tantivy

        self.tantivy = tantivy
        self.index = tantivy.Index.open(str(path))
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def _filter(self, param: str, values: list[str]):
        Query, Occur = self.tantivy.Query, self.tantivy.Occur
        terms = [Query.term_query(self.schema, FACET_FIELDS[param], v) for v in values]
        return Query.boolean_query([(Occur.Should, t) for t in terms])

    def search(self, q: str, filters: dict) -> None:
        Query, Occur = self.tantivy.Query, self.tantivy.Occur
        text = (
            self.index.parse_query(
                q, ["title", "body"], field_boosts={"title": 3.0}, conjunction_by_default=True
            )
            if q
            else Query.all_query()
        )
        chosen = {p: self._filter(p, v) for p, v in filters.items() if v}

        def restricted(but: str | None):
            parts = [(Occur.Must, text)]
            parts += [(Occur.Must, f) for p, f in chosen.items() if p != but]
            return Query.boolean_query(parts) if len(parts) > 1 else text

        everything = restricted(None)
        hits = self.searcher.search(everything, 10).hits
        for _, address in hits:
            self.searcher.doc(address)  # the stored title, as a result list shows it
        # facets without a selection share one aggregation; each chosen one its own
        free = {p: f for p, f in FACET_FIELDS.items() if p not in chosen}
        self.searcher.aggregate(everything, _terms(free))
        for param in chosen:
            self.searcher.aggregate(restricted(param), _terms({param: FACET_FIELDS[param]}))


def _terms(fields: dict[str, str]) -> dict:
    return {p: {"terms": {"field": f, "size": FACET_LIMIT}} for p, f in fields.items()}


def _tantivy_child(path: str, mix: list, runs: int, answer) -> None:
    from bench.search import summary, timed  # (a spawned process imports afresh)

    engine = Tantivy(Path(path))
    rows = [
        summary(timed(lambda q=q, f=filters: engine.search(q, f), runs)) for _, q, filters in mix
    ]
    answer.send((rows, memory_of(os.getpid())))


def time_tantivy(path: Path, mix: list, runs: int) -> tuple[list, str]:
    """Each query kind's (median, p95) ms, timed in a child process, and its memory."""
    spawn = multiprocessing.get_context("spawn")
    ours, theirs = spawn.Pipe()
    child = spawn.Process(target=_tantivy_child, args=(str(path), mix, runs, theirs))
    child.start()
    rows, memory = ours.recv()
    child.join()
    return rows, memory


# -- memory ----------------------------------------------------------------------------


def _status(pid: int) -> dict[str, str]:
    status = Path(f"/proc/{pid}/status").read_text()
    return dict(line.split(":", 1) for line in status.splitlines() if ":" in line)


def memory_of(pid: int) -> str:
    """Resident memory of a process now and at its peak (Linux /proc)."""
    fields = _status(pid)
    return f"RSS {fields['VmRSS'].strip()}, peak {fields['VmHWM'].strip()}"


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """(RSS summed, PSS summed) in MB over a process and its children: PSS shares
    the pages forked workers hold in common, so its sum is what they cost in all."""
    pids = [pid, *_children(pid)]
    rss = pss = 0.0
    for p in pids:
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in rollup.splitlines()[1:] if ":" in line)
        rss += int(fields["Rss"].split()[0]) / 1024
        pss += int(fields["Pss"].split()[0]) / 1024
    return rss, pss


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for kid in map(int, kids):
            found += [kid, *_children(kid)]
    return found


def wait_for_http(port: int, path: str, timeout: float = 60) -> None:
    import http.client

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")
