"""Score the organisation facet against the labelled development set.

Labels: bench/organisations/labels.toml (one table per page in
bench/organisations/pages/, written for this benchmark; see its README.md for
the annotation guideline). Set 2 (labels2.toml, pages2/, split "heldout2") is
a second set written after the tuning, blind until 2026-11-30 and a tuning set
since (its split keeps its name); set 3
(labels3.toml, pages3/, split "tune3") and set 4 (labels4.toml, pages4/, split
"tune4", announcers of government programmes and EU funding disclaimers) are
more pages to tune salience on. Set 5 (labels5.toml, pages5/, split "heldout5")
is a second blind set, written while the extractor was being improved and never
run on while it was written: report only. Set 6 (labels6.toml, pages6/, split
"tune6") is more pages to tune on: organisations named three times or more
that are mentions, and ones the article keeps returning to that no headline
or lead names. Each page is
extracted with the project's pipeline; `article.organisations` (the facet) is
scored against the labelled "about" organisations and `article.mentions`
against the labelled "mentions".

A predicted value matches a label when the value, or its full name from the
gazetteer, equals one of the label's spellings after normalisation (NFKC,
casefold, "&" as "and", whitespace and hyphens dropped). A second value
matching an already matched label is a false positive (a split); a value
matching no label of its kind is a false positive too: "mention" when it is a
labelled mention (or, for mentions, a labelled about), "junk" otherwise.
Precision, recall and F1 are micro-averaged over (page, organisation) pairs.

    python -m bench.organisations [--split tune|heldout|all] [--show N]
    python -m bench.organisations --set 2     (same as --split heldout2)
    python -m bench.organisations --set 3     (same as --split tune3)
    python -m bench.organisations --set 4     (same as --split tune4)
    python -m bench.organisations --set 5     (same as --split heldout5)
    python -m bench.organisations --set 6     (same as --split tune6)

Tune only on the tune, heldout2 (since 2026-11-30), tune3, tune4 and tune6 splits;
heldout and heldout5 are for reporting.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indexer.extract import extract_document  # noqa: E402
from indexer.extract.organisations import full_name  # noqa: E402
from indexer.extract.reading import SourceFile, decode  # noqa: E402

HERE = Path(__file__).resolve().parent / "organisations"
LABELS = HERE / "labels.toml"
PAGES = HERE / "pages"
# set number: (labels, pages, its splits)
SETS = {
    1: (LABELS, PAGES, ("tune", "heldout")),
    2: (HERE / "labels2.toml", HERE / "pages2", ("heldout2",)),
    3: (HERE / "labels3.toml", HERE / "pages3", ("tune3",)),
    4: (HERE / "labels4.toml", HERE / "pages4", ("tune4",)),
    5: (HERE / "labels5.toml", HERE / "pages5", ("heldout5",)),
    6: (HERE / "labels6.toml", HERE / "pages6", ("tune6",)),
}
SET_OF_SPLIT = {split: number for number, (_, _, splits) in SETS.items() for split in splits}
_DROP = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


def normalise(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).casefold().replace("&", "and")
    return _DROP.sub("", name)


def load_labels(path: Path = LABELS) -> dict[str, dict]:
    with path.open("rb") as handle:
        return tomllib.load(handle)["files"]


def problems(
    labels: dict[str, dict], pages: Path = PAGES, splits: tuple[str, ...] = SETS[1][2]
) -> list[str]:
    """What is wrong with a label set: unlabelled or missing pages, bad splits, duplicates."""
    found = []
    files = {p.name for p in pages.iterdir() if p.suffix in (".txt", ".html", ".htm")}
    found += [f"{name}: no such page" for name in sorted(set(labels) - files)]
    found += [f"{name}: page without labels" for name in sorted(files - set(labels))]
    for name, label in sorted(labels.items()):
        if label.get("split") not in splits:
            found.append(f"{name}: split is {label.get('split')!r}")
        seen: set[str] = set()
        for spellings in label.get("about", []) + label.get("mentions", []):
            keys = {normalise(s) for s in spellings}
            if keys & seen:
                found.append(f"{name}: {spellings[0]} listed twice")
            seen |= keys
    return found


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def figures(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


@dataclass
class Result:
    score: Score = field(default_factory=Score)
    missed: list[str] = field(default_factory=list)  # label's first spelling, with where it went
    wrong: list[str] = field(default_factory=list)  # predicted value, with the error kind


def _keys(value: str) -> set[str]:
    return {normalise(value), normalise(full_name(value))}  # unknown names: their own spelling


def _find(keys: set[str], labels: list[list[str]]) -> int | None:
    for index, spellings in enumerate(labels):
        if keys & {normalise(s) for s in spellings}:
            return index
    return None


def score(
    predicted: list[str],
    wanted: list[list[str]],
    other: list[list[str]],
    elsewhere: list[str],
    kind: str,
) -> Result:
    """Match predicted values of one kind (facet or mentions) to that kind's labels."""
    result, matched = Result(), set()
    for value in predicted:
        keys = _keys(value)
        index = _find(keys, wanted)
        if index is None:
            result.score.fp += 1
            label = "mention" if kind == "about" else "about"
            result.wrong.append(f"{value} ({label if _find(keys, other) is not None else 'junk'})")
        elif index in matched:
            result.score.fp += 1
            result.wrong.append(f"{value} (split)")
        else:
            matched.add(index)
            result.score.tp += 1
    others = [k for value in elsewhere for k in _keys(value)]
    for index, spellings in enumerate(wanted):
        if index not in matched:
            result.score.fn += 1
            demoted = _find(set(others), [spellings]) is not None
            where = "as mention" if kind == "about" else "as about"
            result.missed.append(f"{spellings[0]}{f' ({where})' if demoted else ''}")
    return result


def evaluate(
    split: str, labels: Path = LABELS, pages: Path = PAGES
) -> list[tuple[str, Result, Result]]:
    rows = []
    for name, label in sorted(load_labels(labels).items()):
        if split != "all" and label["split"] != split:
            continue
        path = pages / name
        is_html = SourceFile(path, name).is_html
        article = extract_document(decode(path.read_bytes(), is_html), name, is_html=is_html)
        about, mentions = label["about"], label["mentions"]
        facet = score(article.organisations, about, mentions, article.mentions, "about")
        named = score(article.mentions, mentions, about, article.organisations, "mention")
        rows.append((name, facet, named))
    return rows


def error_kinds(results: list[Result]) -> str:
    missed = [m for r in results for m in r.missed]
    wrong = [w for r in results for w in r.wrong]
    demoted = sum(m.endswith("(as mention)") for m in missed)
    kinds = {k: sum(w.endswith(f"({k})") for w in wrong) for k in ("junk", "mention", "split")}
    return (
        f"{len(missed) - demoted} not found, {demoted} kept as mention; "
        f"{kinds['junk']} junk, {kinds['mention']} mention promoted, {kinds['split']} split"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SET_OF_SPLIT, "all"))
    parser.add_argument(
        "--set", type=int, choices=sorted(SETS), help="N: labelsN.toml (1: labels.toml)"
    )
    parser.add_argument("--show", type=int, default=0, metavar="N", help="the N worst pages")
    args = parser.parse_args()
    number = args.set or SET_OF_SPLIT.get(args.split, 1)
    labels, pages, known = SETS[number]
    split = args.split or ("tune" if number == 1 else "all")
    if split != "all" and split not in known:
        parser.error(f"set {number} has the splits {', '.join(known)}")
    splits = known if split == "all" else (split,)
    for split in splits:
        rows = evaluate(split, labels, pages)
        facet, named = Score(), Score()
        for _, f, m in rows:
            facet.add(f.score)
            named.add(m.score)
        print(f"{split} ({len(rows)} pages)")
        print(f"  facet     {facet.figures()}")
        print(f"  mentions  {named.figures()}")
        print(f"  facet errors: {error_kinds([r[1] for r in rows])}")
        worst = sorted(rows, key=lambda r: -(r[1].score.fp + r[1].score.fn))[: args.show]
        for name, f, _ in worst:
            if f.score.fp + f.score.fn == 0:
                break
            print(f"  {name}")
            if f.missed:
                print(f"    missed: {'; '.join(f.missed)}")
            if f.wrong:
                print(f"    wrong:  {'; '.join(f.wrong)}")


if __name__ == "__main__":
    main()
