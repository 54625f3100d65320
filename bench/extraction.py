"""Measure the cleaners on the extraction benchmark (shared/extraction-benchmark).

Each saved page reaches the cleaner in one of these shapes:

  html     the page itself, through the HTML path (clean + metadata), as a
           collected .html article would;
  browser  what a person gets by copying the whole page from a browser:
           Chromium's `document.body.innerText`, rendered through Playwright
           with JavaScript off and every network request refused (so only
           the page's inline styles apply);
  wrapped  a text-mode browser's dump hard-wrapped at 80 columns
           (`w3m -dump -cols 80`, as from a terminal, a PDF or an e-mail);
  numbered the same dump with every link numbered as lynx and w3m print
           them when asked (`-o display_link_number=1`): "[12]Sign in",
           and the "References:" list of the addresses at the end;
  nodes    every text node of the page on its own line, no blank lines (a
           paragraph with a link in it arrives as three lines);
  blocks   every block element on its own line (the bench's older text mode).

The browser and w3m renderings are cached under bench/out/ (git-ignored), so
only the first run pays for them. Predictions are scored with the
benchmark's own score.py (imported, so that it can score subsets): F1,
precision and recall over all pages and over the two halves of a stable
2-fold split by page (A: even positions of the sorted page ids, B: odd).
A rule is tuned on one half and kept only if it helps on the other.
Timing is cleaning plus metadata per page, in one process: wall-clock
median and p95, and the median CPU time (steadier on a shared machine).

`--pages html-text` scores the development set bench/labels/html-text/
instead (pages written for this project in many languages and platforms,
each with its article body marked in bodies.json and its half A or B), and
trafilatura beside the HTML path on it: the shared benchmark's pages have
been tuned on, these have not.

`--diff PAGE,...` prints, for pages of half A only (a rule is designed on
half A and judged on half B), which paragraphs the last run's predictions
(bench/out/predictions-SHAPE.json) keep that the label leaves out and which
label paragraphs they miss, counted in the scorer's 4-word shingles.

    python -m bench.extraction [--shape html,browser,wrapped,numbered,nodes] [--fold A|B]
                               [--limit N] [--worst N] [--changes]
                               [--pages benchmark|html-text] [--diff PAGE,...]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString

from indexer.extract import extract_document
from indexer.extract.htmlclean import INVISIBLE_TAGS, visible_lines
from indexer.extract.language import detect_language
from indexer.extract.lines import normalise
from indexer.extract.reading import decode

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
SHAPES = ("html", "browser", "wrapped", "numbered", "nodes", "blocks", "trafilatura")
DEFAULT_SHAPES = ("html", "browser", "wrapped", "numbered", "nodes")
WRAP_COLUMNS = 80
HTML_TEXT = Path(__file__).resolve().parent / "labels" / "html-text"


def find_bench() -> Path:
    """The benchmark folder: $SIXG_BENCH, or shared/ beside the repo or a level up."""
    candidates = [os.environ.get("SIXG_BENCH", "")] + [
        str(up / "shared" / "extraction-benchmark") for up in ROOT.parents
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return ROOT.parent / "shared" / "extraction-benchmark"


BENCH = find_bench()


def load_scorer():
    spec = importlib.util.spec_from_file_location("bench_score", BENCH / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fold_of(keys: list[str]) -> dict[str, str]:
    """A stable split of the pages into halves A and B by sorted page id."""
    return {key: "AB"[i % 2] for i, key in enumerate(sorted(keys))}


# --- the shapes ------------------------------------------------------------


def block_text(page: str) -> str:
    """Every block element on its own line."""
    soup = BeautifulSoup(page, "lxml")
    for tag in soup(INVISIBLE_TAGS):
        tag.decompose()
    return "\n".join(visible_lines(soup.body or soup))


def node_text(page: str) -> str:
    """Every visible text node on its own line."""
    soup = BeautifulSoup(page, "lxml")
    for tag in soup(INVISIBLE_TAGS):
        tag.decompose()
    root = soup.body or soup
    lines = (normalise(str(s)) for s in root.find_all(string=True) if type(s) is NavigableString)
    return "\n".join(line for line in lines if line)


def w3m_text(page: str, numbered: bool = False) -> str:
    """w3m's dump at WRAP_COLUMNS; `numbered`: its links numbered, their addresses listed."""
    result = subprocess.run(
        [
            "w3m",
            "-dump",
            "-cols",
            str(WRAP_COLUMNS),
            "-T",
            "text/html",
            "-I",
            "UTF-8",
            "-O",
            "UTF-8",
            *(["-o", "display_link_number=1"] if numbered else []),
        ],
        input=page.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8", "replace")


# A meta refresh sends the browser elsewhere as the page loads: the text would be lost
# (and the evaluation fail) while the refused request ends the navigation.
_REFRESH = re.compile(r"<meta[^>]*http-equiv\s*=\s*[\"']?refresh[^>]*>", re.I)


def browser_texts(pages: dict[str, str]) -> dict[str, str]:
    """Chromium's innerText of each page's body, JavaScript off, no network. A page
    that navigates away as it loads (a meta refresh) gives its text before it goes."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("SIXG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    flags = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    texts = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=flags)
        context = browser.new_context(
            java_script_enabled=False, viewport={"width": 1280, "height": 900}
        )
        context.route("**/*", lambda route: route.abort())
        page = context.new_page()
        for key, html in pages.items():
            page.set_content(_REFRESH.sub("", html), wait_until="domcontentloaded", timeout=30_000)
            texts[key] = page.evaluate("() => document.body ? document.body.innerText : ''")
        browser.close()
    return texts


def rendered(shape: str, pages: dict[str, str]) -> dict[str, str]:
    """The pages in one text shape, cached under bench/out/<shape>/ when costly."""
    if shape == "nodes":
        return {key: node_text(page) for key, page in pages.items()}
    if shape == "blocks":
        return {key: block_text(page) for key, page in pages.items()}
    cache = OUT / shape
    cache.mkdir(parents=True, exist_ok=True)
    missing = {k: p for k, p in pages.items() if not (cache / f"{k}.txt").exists()}
    if missing:
        print(f"   rendering {len(missing)} pages ({shape}) ...", file=sys.stderr)
        made = (
            browser_texts(missing)
            if shape == "browser"
            else {k: w3m_text(p, numbered=shape == "numbered") for k, p in missing.items()}
        )
        for key, text in made.items():
            (cache / f"{key}.txt").write_text(text, encoding="utf-8")
    return {key: (cache / f"{key}.txt").read_text(encoding="utf-8") for key in pages}


# --- running and scoring ---------------------------------------------------


def load_pages(limit: int | None, fold: str | None) -> dict[str, str]:
    paths = sorted((BENCH / "html").glob("*.html.gz"))
    folds = fold_of([p.name.removesuffix(".html.gz") for p in paths])
    pages = {}
    for path in paths[:limit]:
        key = path.name.removesuffix(".html.gz")
        if fold and folds[key] != fold:
            continue
        pages[key] = decode(gzip.decompress(path.read_bytes()), is_html=True)
    return pages


def html_text_label_problems(folder: Path = HTML_TEXT) -> list[str]:
    """What is wrong with the html-text set's labels: files without a label or a
    label without a file, a missing field or half, or a body paragraph the page
    does not show (its visible text, whitespace collapsed)."""
    from bench.metadata import _label_problems  # (bench.metadata imports this module)

    def checks(name: str, label: dict, files: set[str]) -> list[str]:
        if label["half"] not in ("A", "B"):
            return [f"{name}: half {label['half']!r} is not A or B"]
        if name not in files:
            return []
        page = block_text(decode((folder / name).read_bytes(), is_html=True))
        shown = " ".join(normalise(page).split())
        paragraphs = label["articleBody"].split("\n\n")
        unseen = [p for p in paragraphs if " ".join(normalise(p).split()) not in shown]
        return [f"{name}: body paragraph not on the page: {p[:40]!r}" for p in unseen]

    fields = {"articleBody", "language", "platform", "half"}
    return _label_problems(folder / "bodies.json", "*.html", fields, checks)


def load_html_text(folder: Path = HTML_TEXT) -> tuple[dict, dict, dict]:
    """The html-text development set: its pages, their marked bodies, their halves."""
    labels = json.loads((folder / "bodies.json").read_text(encoding="utf-8"))
    pages, truth, folds = {}, {}, {}
    for name, label in sorted(labels.items()):
        key = name.removesuffix(".html")
        pages[key] = decode((folder / name).read_bytes(), is_html=True)
        truth[key] = {"articleBody": label["articleBody"]}
        folds[key] = label["half"]
    return pages, truth, folds


def _extracted(shape: str, source: str, key: str) -> str:
    if shape == "trafilatura":
        import trafilatura

        return trafilatura.extract(source) or ""
    return extract_document(source, f"{key}.{shape}", is_html=shape == "html").text


def warm_up() -> None:
    """Load once, before any page is timed, what the cleaners load on first use:
    py3langid's model (~2 s, `language.detect_language`) was charged to the first
    page whose language only the model tells (a German browser copy after pages in
    English, Chinese and Japanese), which then stood out as the slowest by far."""
    detect_language("", "Die Netze der sechsten Generation sollen ab 2030 in Betrieb gehen.")


def run_shape(
    shape: str, pages: dict[str, str], scorer, truth: dict, args, folds: dict | None = None
) -> dict:
    sources = pages if shape in ("html", "trafilatura") else rendered(shape, pages)
    predictions, timings, cpu = {}, {}, []
    warm_up()
    for key, source in sources.items():
        started, started_cpu = time.perf_counter(), time.process_time()
        predictions[key] = {"articleBody": _extracted(shape, source, key)}
        timings[key] = (time.perf_counter() - started) * 1000
        cpu.append((time.process_time() - started_cpu) * 1000)
    OUT.mkdir(exist_ok=True)
    (OUT / f"predictions-{shape}.json").write_text(json.dumps(predictions, ensure_ascii=False))
    folds = folds or fold_of(list(truth))
    parts = {"all": list(pages)}
    for half in "AB":
        parts[half] = [k for k in pages if folds[k] == half]
    figures = []
    per_page = {}
    for name, keys in parts.items():
        if not keys:
            continue
        f1, p, r, pages_scored = scorer.score({k: truth[k] for k in keys}, predictions)
        per_page.update(pages_scored)
        figures.append(f"{name}: F1={f1:.3f} P={p:.3f} R={r:.3f} (n={len(keys)})")
    ms = sorted(timings.values())
    p95 = ms[int(0.95 * (len(ms) - 1))]
    print(
        f"== {shape:8} "
        + "  ".join(figures)
        + f"  ms/page median={statistics.median(ms):.1f} p95={p95:.1f}"
        f" cpu median={statistics.median(cpu):.1f}"
    )
    page_f1 = {k: 2 * tp / (2 * tp + fp + fn or 1) for k, (tp, fp, fn) in per_page.items()}
    if args.worst:
        ranked = sorted(page_f1.items(), key=lambda kv: kv[1])[: args.worst]
        print(
            "   worst pages:\n   " + "\n   ".join(f"{k} [{folds[k]}] F1={v:.2f}" for k, v in ranked)
        )
        slowest = sorted(timings.items(), key=lambda kv: -kv[1])[: args.worst]
        print("   slowest pages:\n   " + "\n   ".join(f"{k}  {v:.0f} ms" for k, v in slowest))
    if args.changes:
        last = OUT / f"last-{args.pages}-{shape}.json"
        before = json.loads(last.read_text()) if last.exists() else {}
        moved = sorted(
            (
                (k, before[k], v)
                for k, v in page_f1.items()
                if k in before and abs(v - before[k]) >= 0.02
            ),
            key=lambda t: t[2] - t[1],
        )
        for key, old, new in moved:
            print(f"   {key} [{folds[key]}] {old:.2f} -> {new:.2f}")
        last.write_text(json.dumps(page_f1))
    return page_f1


SHINGLE_WORDS = 4
_SCORER_TOKEN = re.compile(r"\w+")


def _shingles_by_paragraph(text: str) -> tuple[list[str], list[tuple[tuple, int]]]:
    """The text's paragraphs, and its shingles as score.py takes them (over the
    whole text), each with the paragraph it starts in."""
    paragraphs = [p for p in text.split("\n") if _SCORER_TOKEN.search(p)]
    tokens = [(t, n) for n, p in enumerate(paragraphs) for t in _SCORER_TOKEN.findall(p)]
    words = [t for t, _ in tokens]
    if len(words) < SHINGLE_WORDS:
        return paragraphs, [(tuple(words), 0)] if words else []
    starts = range(len(words) - SHINGLE_WORDS + 1)
    return paragraphs, [(tuple(words[i : i + SHINGLE_WORDS]), tokens[i][1]) for i in starts]


def shingle_diff(label: str, predicted: str) -> list[str]:
    """Paragraphs predicted but not labelled ("+ kept/of"), and labelled but not
    predicted ("- missed/of"), with their shingles that the other side lacks."""
    out = []
    sides = ((predicted, label, "+"), (label, predicted, "-"))
    for text, other, sign in sides:
        paragraphs, shingles = _shingles_by_paragraph(text)
        left = Counter(s for s, _ in _shingles_by_paragraph(other)[1])
        unmatched, total = Counter(), Counter()
        for shingle, n in shingles:
            total[n] += 1
            if left[shingle]:
                left[shingle] -= 1
            else:
                unmatched[n] += 1
        out += [
            f"{sign}{unmatched[n]:3d}/{total[n]:3d} | {p}"
            for n, p in enumerate(paragraphs)
            if unmatched[n]
        ]
    return out


def print_diffs(keys: list[str], truth: dict, folds: dict, shape: str) -> int:
    for key in keys:
        if folds.get(key) != "A":
            print(f"{key}: not a page of half A (unknown, or judged on): no diff", file=sys.stderr)
    keys = [key for key in keys if folds.get(key) == "A"]
    last = OUT / f"predictions-{shape}.json"
    if keys and not last.exists():
        print(f"no predictions for {shape} yet: run without --diff first", file=sys.stderr)
        return 2
    predictions = json.loads(last.read_text()) if keys else {}
    for key in keys:
        print(f"== {key}")
        body = predictions.get(key, {}).get("articleBody", "")
        print("\n".join(shingle_diff(truth[key]["articleBody"], body)))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shape",
        default=",".join(DEFAULT_SHAPES),
        help=f"comma-separated: {', '.join(SHAPES)}, all",
    )
    parser.add_argument("--fold", choices=("A", "B"), default=None, help="only this half")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst and slowest")
    parser.add_argument(
        "--changes", action="store_true", help="list pages that moved since the last --changes run"
    )
    parser.add_argument(
        "--pages",
        choices=("benchmark", "html-text"),
        default="benchmark",
        help="the shared benchmark's 181 pages, or the html-text development set"
        " (then trafilatura is scored beside the HTML path)",
    )
    parser.add_argument(
        "--diff", default="", help="comma-separated pages of half A: diff the last run's output"
    )
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"benchmark not found at {BENCH} (set SIXG_BENCH)", file=sys.stderr)
        return 2
    shapes = SHAPES if args.shape == "all" else tuple(args.shape.split(","))
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}")
    scorer = load_scorer()
    if args.diff and args.pages == "html-text":
        _, truth, folds = load_html_text()
        return print_diffs(args.diff.split(","), truth, folds, shapes[0])
    if args.pages == "html-text":
        return run_html_text(shapes, scorer, args)
    truth = json.loads((BENCH / "ground-truth.json").read_text())
    if args.diff:
        return print_diffs(args.diff.split(","), truth, fold_of(list(truth)), shapes[0])
    pages = load_pages(args.limit, args.fold)
    for shape in shapes:
        run_shape(shape, pages, scorer, truth, args)
    return 0


def run_html_text(shapes: tuple[str, ...], scorer, args) -> int:
    """The html-text development set, by half, the HTML path beside trafilatura."""
    pages, truth, folds = load_html_text()
    pages = {k: v for k, v in pages.items() if not args.fold or folds[k] == args.fold}
    if "html" in shapes and "trafilatura" not in shapes:
        shapes = ("html", "trafilatura") + tuple(s for s in shapes if s != "html")
    for shape in shapes:
        run_shape(shape, pages, scorer, truth, args, folds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
