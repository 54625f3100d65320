"""The `sixg-search` command: index, serve, search, extract.

It lives in `web` because `serve` needs the site and every other command
needs only `indexer`: the dependency points one way, web -> indexer.
Exit codes: 0 all went well, 1 some files failed (the run still finished) or
`check` found damage, 2 the command could not run (bad arguments, no corpus,
index busy, index damaged, disk full).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from indexer.extract import extract_file
from indexer.extract.reading import ReadError, SourceFile, printable_path
from indexer.index.cluster import ClusterUnavailable
from indexer.index.health import REPAIR_HINT, IndexDamaged, describe, problems
from indexer.index.store import IndexMissing, default_corpus_dir, default_index_dir, serving_name
from indexer.index.sync import LOCK_TIMEOUT, CorpusMissing, IndexBusy, sync_index
from indexer.search import FACETS_BY_PARAM, SORTS, SearchRequest, open_snapshot, search

OK, SOME_FAILED, CANNOT_RUN = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (CorpusMissing, IndexBusy, IndexMissing, IndexDamaged, ClusterUnavailable) as exc:
        print(f"sixg-search: {exc}", file=sys.stderr)
        return CANNOT_RUN
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return OK


def _parser() -> argparse.ArgumentParser:
    locations = argparse.ArgumentParser(add_help=False)
    locations.add_argument(
        "--corpus",
        type=Path,
        default=default_corpus_dir(),
        help="folder of articles (env SIXG_CORPUS; default: ./corpus)",
    )
    locations.add_argument(
        "--index",
        type=Path,
        default=default_index_dir(),
        help="index folder (env SIXG_INDEX; default: ./.sixg-index)",
    )
    parser = argparse.ArgumentParser(prog="sixg-search", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("index", parents=[locations], help="bring the index up to date")
    p.add_argument("--rebuild", action="store_true", help="re-extract and re-index everything")
    p.add_argument(
        "--repair",
        action="store_true",
        help="rebuild a damaged index from the corpus and the extraction cache",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar, no failure list")
    p.add_argument(
        "--scheduler",
        metavar="ADDR",
        help="extract on a Dask cluster (tcp://host:8786); its workers see the corpus "
        "at the same path",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=LOCK_TIMEOUT,
        metavar="SECONDS",
        help="how long to wait for another index run to finish (default 30)",
    )
    p.set_defaults(run=run_index)

    p = sub.add_parser("check", parents=[locations], help="read the whole index: is it damaged?")
    p.set_defaults(run=run_check)

    p = sub.add_parser("serve", parents=[locations], help="index, then serve the site")
    p.add_argument("--host", default=os.environ.get("SIXG_HOST", "127.0.0.1"))
    p.add_argument("--port", type=_port, default=os.environ.get("SIXG_PORT", "8000"))
    p.add_argument("--threads", type=int, default=4, help="threads per worker process")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes sharing the index (default: one per core)",
    )
    p.add_argument("--no-index", action="store_true", help="serve the index as it is")
    # serve does not wait for another index run: it serves what that run last committed
    p.set_defaults(run=run_serve, rebuild=False, repair=False, quiet=False, wait=0.0)

    p = sub.add_parser("search", parents=[locations], help="search from the terminal")
    p.add_argument("query", nargs="?", default="")
    for param, facet in FACETS_BY_PARAM.items():
        p.add_argument(
            f"--{param}",
            action="append",
            default=[],
            metavar="VALUE",
            help=f"filter by {facet.label.lower()} (repeat for OR)",
        )
    p.add_argument("--sort", choices=SORTS, default="relevance")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true", help="one JSON object per hit")
    p.set_defaults(run=run_search)

    p = sub.add_parser("extract", help="show what the cleaner and extractors make of files")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="one JSON object per line per file")
    p.set_defaults(run=run_extract)
    return parser


def _port(text: str) -> int:
    """A TCP port (read only by `serve`: a bad SIXG_PORT does not stop `index`)."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a port number from 1 to 65535 (--port or SIXG_PORT)"
        )
    return port


def run_index(args) -> int:
    progress = not args.quiet and sys.stderr.isatty()
    try:
        report = sync_index(
            args.corpus,
            args.index,
            rebuild=args.rebuild,
            repair=args.repair,
            progress=progress,
            lock_timeout=args.wait,
            scheduler=getattr(args, "scheduler", None),
        )
    except OSError as exc:  # a full disk, a read-only folder: the last commit stands
        where = f" ({exc.filename})" if exc.filename else ""
        print(
            f"sixg-search: the index run failed: {exc.strerror or exc}{where}; "
            "the index stays as the last run committed it",
            file=sys.stderr,
        )
        return CANNOT_RUN
    if not args.quiet:
        for failure in report.failed:
            print(f"failed: {failure.path}: {failure.reason}", file=sys.stderr)
    print(report.summary())
    return SOME_FAILED if report.failed else OK


def run_serve(args) -> int:
    from web import create_app
    from web.index import warm
    from web.serving import default_workers, serve

    if not args.no_index:
        try:
            run_index(args)
        except IndexBusy:  # the other run commits; the site shows it as soon as it does
            print(
                "sixg-search: another `sixg-search index` run is updating the index; "
                "serving the committed index meanwhile",
                file=sys.stderr,
            )
        except IndexDamaged as exc:  # pages say so (503) until it is repaired
            print(f"sixg-search: {exc}", file=sys.stderr)
    elif found := problems(args.index):
        print(f"sixg-search: {describe(args.index, found)}", file=sys.stderr)
    app = create_app({"INDEX_DIR": str(args.index), "CORPUS_DIR": str(args.corpus)})
    workers = args.workers or default_workers()
    print(f"Serving on http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
    serve(app, args.host, args.port, workers=workers, threads=args.threads, warm=warm(app))
    return OK


def run_check(args) -> int:
    """Every file of the index read, and the extraction cache checked."""
    if serving_name(args.index) is None:
        raise IndexMissing(f"no index in {args.index}: run `sixg-search index` first")
    found = problems(args.index, deep=True)
    if found:
        for problem in found:
            print(f"damaged: {problem}")
        print(REPAIR_HINT)
        return SOME_FAILED
    print(f"the index in {args.index} reads whole")
    return OK


def run_search(args) -> int:
    filters = {p: getattr(args, p) for p in FACETS_BY_PARAM if getattr(args, p)}
    request = SearchRequest(
        q=args.query, filters=filters, sort=args.sort, page_size=max(1, min(args.limit, 100))
    )
    try:
        with open_snapshot(args.index) as snapshot:
            result = search(snapshot, request)
    except (IndexMissing, OSError):
        raise
    except Exception:
        if found := problems(args.index):
            raise IndexDamaged(describe(args.index, found)) from None
        raise
    if result.notice:
        print(result.notice, file=sys.stderr)
    for hit in result.hits:
        if args.json:  # one hit per line, as the JSON API gives it
            print(json.dumps(hit.to_json(), ensure_ascii=False))
        else:
            a = hit.article
            when = a.date.isoformat() if a.date else "undated"
            print(f"{when}  {a.title}\n            {a.path}  [{', '.join(a.organisations[:4])}]")
    if not args.json:
        print(f"{result.total} article{'s' if result.total != 1 else ''}")
    return OK


def run_extract(args) -> int:
    status = OK
    for path in args.files:
        try:
            _, article = extract_file(SourceFile(path, printable_path(path)))
        except ReadError as exc:
            print(f"failed: {path}: {exc}", file=sys.stderr)
            status = SOME_FAILED
            continue
        except Exception as exc:  # an extractor bug on odd input: report, go on
            print(f"failed: {path}: extraction failed: {exc!r}", file=sys.stderr)
            status = SOME_FAILED
            continue
        if args.json:
            print(json.dumps(article.to_json(), ensure_ascii=False))
        else:
            _print_article(article.to_json())
    return status


def _why(evidence: dict) -> str:
    if "count" not in evidence:
        return f"set in {evidence['source']}"
    return (
        f'found as "{evidence["found_as"]}" {evidence["count"]}x, first in the '
        f"{evidence['where']} ({evidence['source']})"
    )


def _print_article(data: dict) -> None:
    print(f"== {data['path']}")
    print(f"title:         {data['title']}")
    print(f"date:          {data['date'] or 'undated'}")
    print(f"organisations: {', '.join(data['organisations']) or '-'}")
    print(f"mentions:      {', '.join(data['mentions']) or '-'}")
    print(f"topics:        {', '.join(data['topics']) or '-'}")
    if data["overridden"]:
        print(f"corrected:     {', '.join(data['overridden'])} (from the .meta.json sidecar)")
    for org, why in data["evidence"]["organisations"].items():
        print(f"  {org}: {_why(why)}")
    for topic, phrases in data["evidence"]["topics"].items():
        print(f"  {topic}: {', '.join(phrases)}")
    print()
    print(data["text"])
    if data["removed"]:
        print(f"\n-- removed {len(data['removed'])} lines:")
        for item in data["removed"]:
            print(f"   [{item['reason']}] {item['line']}")
    print()


if __name__ == "__main__":
    sys.exit(main())
