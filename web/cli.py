"""The `sixg-search` command: index, serve, search, extract, add, follow, acronyms.

It lives in `web` because `serve` needs the site and every other command
needs only `indexer`: the dependency points one way, web -> indexer.
Exit codes: 0 all went well, 1 some files failed (the run still finished) or
`check` found damage, 2 the command could not run (bad arguments, no corpus,
index busy, index damaged, disk full).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from indexer.datafiles import DataFileError
from indexer.extract.organisations import corpus_definitions, defined_acronyms
from indexer.extract.reading import ReadError, SourceFile, printable_path
from indexer.index.cluster import ClusterUnavailable
from indexer.index.health import REPAIR_HINT, IndexDamaged, describe, problems
from indexer.index.schema import article_from_stored
from indexer.index.store import (
    IndexMissing,
    default_corpus_dir,
    default_index_dir,
    open_searcher,
    serving_name,
)
from indexer.index.sync import LOCK_TIMEOUT, CorpusMissing, IndexBusy, sync_index
from indexer.index.watch import MODES, POLL_INTERVAL, Watcher
from indexer.search import FACETS_BY_PARAM, SORTS, SearchRequest, open_snapshot, search

OK, SOME_FAILED, CANNOT_RUN = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (
        CorpusMissing,
        IndexBusy,
        IndexMissing,
        IndexDamaged,
        ClusterUnavailable,
        DataFileError,
    ) as exc:
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
    p.add_argument(
        "--follow-every",
        type=_minutes,
        default=None,
        metavar="MINUTES",
        help="follow the feeds of feeds.toml every MINUTES in the background",
    )
    p.add_argument("--feeds", type=Path, default=None, help=argparse.SUPPRESS)
    p.add_argument(
        "--watch",
        type=_watch_mode,
        default=os.environ.get("SIXG_WATCH", "auto"),
        metavar="{" + ",".join(MODES) + "}",
        help="index what changes in the corpus while serving: events (inotify), poll "
        "(network shares), auto (poll on a network file system; the default), off "
        "(env SIXG_WATCH)",
    )
    p.add_argument("--no-watch", dest="watch", action="store_const", const="off")
    p.add_argument(
        "--poll-interval",
        type=float,
        default=POLL_INTERVAL,
        metavar="SECONDS",
        help=f"seconds between two looks at the corpus when polling (default {POLL_INTERVAL:g})",
    )
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

    p = sub.add_parser(
        "add", parents=[locations], help="fetch articles by URL into the corpus and index them"
    )
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("--source", default=None, help="the source (publisher) to record for them")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=run_add)

    p = sub.add_parser(
        "follow", parents=[locations], help="fetch the new items of the feeds in feeds.toml"
    )
    p.add_argument(
        "--feeds",
        type=Path,
        default=None,
        metavar="FILE",
        help="feeds file to read (default: indexer/data/feeds.toml)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=run_follow)

    p = sub.add_parser(
        "acronyms",
        parents=[locations],
        help="acronyms the indexed articles define that the gazetteer lacks, as entries to add",
    )
    p.set_defaults(run=run_acronyms)

    p = sub.add_parser("extract", help="show what the cleaner and extractors make of files")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--json", action="store_true", help="one JSON object per line per file")
    p.set_defaults(run=run_extract)
    return parser


def _number(text: str, kind, fits, what: str):
    """`text` as a number of `kind` that `fits`, or a usage error naming `what` it must be."""
    try:
        number = kind(text)
    except ValueError:
        number = None
    if number is None or not fits(number):
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}")
    return number


def _port(text: str) -> int:
    """A TCP port (read only by `serve`: a bad SIXG_PORT does not stop `index`)."""
    what = "a port number from 1 to 65535 (--port or SIXG_PORT)"
    return _number(text, int, lambda port: 0 < port < 65536, what)


def _minutes(text: str) -> float:
    return _number(text, float, lambda minutes: minutes > 0, "a number of minutes above 0")


def _corpus_or_stop(corpus: Path) -> None:
    if not corpus.is_dir():
        raise CorpusMissing(f"corpus folder {corpus} does not exist")


def run_add(args) -> int:
    from indexer.collect.adding import FAILED, add_urls

    _corpus_or_stop(args.corpus)
    progress = not args.quiet and sys.stderr.isatty() and len(args.urls) > 1
    outcomes = add_urls(args.corpus, args.index, args.urls, source=args.source, progress=progress)
    for outcome in outcomes:
        _print_outcome(outcome)
    return SOME_FAILED if any(o.status == FAILED for o in outcomes) else OK


def _print_outcome(outcome) -> None:
    if outcome.status == "failed":
        print(f"failed: {outcome.message}", file=sys.stderr)
        return
    print(f"{outcome.status}: {outcome.given}\n    {outcome.message}")
    if (a := outcome.article) is not None:
        when = a.date.isoformat() if a.date else "undated"
        print(f"    {a.title} ({when})")
        print(f"    organisations: {', '.join(a.organisations) or '-'}")
        print(f"    topics: {', '.join(a.topics) or '-'}")
        print(f"    removed by the cleaner: {len(a.removed)} lines")


def run_follow(args) -> int:
    from indexer import datafiles
    from indexer.collect.feeds import follow

    _corpus_or_stop(args.corpus)
    try:
        feeds = datafiles.feeds(args.feeds)
    except datafiles.DataFileError as exc:
        print(f"sixg-search: {exc}", file=sys.stderr)
        return CANNOT_RUN
    if not feeds:
        print("no feeds to follow: add [[feed]] entries to feeds.toml", file=sys.stderr)
        return OK
    progress = not args.quiet and sys.stderr.isatty()
    status = OK
    for result in follow(args.corpus, args.index, feeds, progress=progress):
        print(result.summary())
        for outcome in result.outcomes:
            if outcome.status == "added":
                print(f"    added: {outcome.relpath}  {outcome.article.title}")
            elif outcome.status == "failed":
                print(f"    failed: {outcome.message}", file=sys.stderr)
        if result.error or result.failed:
            status = SOME_FAILED
    return status


def _watch_mode(text: str) -> str:
    if text not in MODES:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a watch mode: {', '.join(MODES)} (--watch or SIXG_WATCH)"
        )
    return text


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

    config = {"INDEX_DIR": str(args.index), "CORPUS_DIR": str(args.corpus)}
    if not os.environ.get("SIXG_BASE_URL") and args.host not in ("0.0.0.0", "::", ""):
        host = f"[{args.host}]" if ":" in args.host else args.host
        config["BASE_URL"] = f"http://{host}:{args.port}"  # links that work where it serves
    try:
        app = create_app(config)
    except ValueError as exc:  # a malformed SIXG_BASE_URL
        print(f"sixg-search: {exc}", file=sys.stderr)
        return CANNOT_RUN
    if args.follow_every:
        from indexer import datafiles
        from indexer.collect.feeds import FollowSchedule

        try:
            found = datafiles.feeds(args.feeds)  # a bad file stops here, not an hour later
        except datafiles.DataFileError as exc:
            print(f"sixg-search: {exc}", file=sys.stderr)
            return CANNOT_RUN
        FollowSchedule(args.corpus, args.index, args.follow_every, args.feeds).start()
        print(f"Following {len(found)} feeds every {args.follow_every:g} minutes", flush=True)
    # watching starts before the catch-up run, so nothing saved meanwhile is missed; the
    # watcher and the feed schedule run in this process, not in the forked workers
    watcher = _start_watching(args, after_commit=lambda _report: warm(app))
    try:
        _catch_up(args)
        workers = args.workers or default_workers()
        print(f"Serving on http://{args.host}:{args.port}/  (Ctrl+C to stop)", flush=True)
        serve(
            app, args.host, args.port, workers=workers, threads=args.threads, warm=lambda: warm(app)
        )
    finally:
        watcher.stop()
    return OK


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is when a line is logged: the watcher's thread
    outlives the command that started it in tests, whose captured stream closes."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _stream) -> None:
        pass


def _start_watching(args, after_commit) -> Watcher:
    watcher = Watcher(
        args.corpus,
        args.index,
        mode=args.watch if args.corpus.is_dir() else "off",
        poll_interval=args.poll_interval,
        after_commit=after_commit,
    )
    logger = logging.getLogger("sixg_search.watch")
    if watcher.mode != "off" and not logger.handlers:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("sixg-search: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    watcher.start()
    if watcher.mode == "events":
        print(f"sixg-search: watching {args.corpus} for changes", file=sys.stderr)
    elif watcher.mode == "poll":
        print(
            f"sixg-search: watching {args.corpus} for changes, looking every "
            f"{args.poll_interval:g} s",
            file=sys.stderr,
        )
    return watcher


def _catch_up(args) -> None:
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
    from indexer.extract import extract_file  # the pipeline: only this command needs it

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


def run_acronyms(args) -> int:
    """Print the corpus's acronym definitions as gazetteer entries (TOML) with
    their evidence, for the operator to check and add to organisations.toml."""
    with open_searcher(args.index) as searcher:
        reader = searcher.reader()

        def articles():
            return (article_from_stored(fields) for fields in reader.all_stored_fields())

        found = defined_acronyms(corpus_definitions(articles()), articles())
    if not found:
        print("# no acronym the gazetteer lacks is defined in the indexed articles")
    for item in found:
        print(f"# defined in {_paths(item.defined_in)}; named bare in {_paths(item.named_in)}")
        print("# check the kind, add the country, then run `sixg-search index`")
        print("[[organisation]]")
        print(f"canonical = {json.dumps(item.acronym, ensure_ascii=False)}")
        print(f"name = {json.dumps(item.name, ensure_ascii=False)}")
        print(f'kind = "{item.kind}"\n')
    return OK


def _paths(paths: list[str], shown: int = 3) -> str:
    if not paths:
        return "no other article"
    more = f" and {len(paths) - shown} more" if len(paths) > shown else ""
    return ", ".join(paths[:shown]) + more


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
