"""A deterministic generator of press-like 6G articles, with the clutter real pages carry.

Each article is an MoU, programme, trial or standards story about two to four
organisations from the gazetteer, about 500 words, dated 2018-2026, written
either as a saved HTML page (navigation, share bar, related links, cookie
banner, footer) or as a copied plain-text page (menu lines, "follow us",
copyright and licence lines). The same seed always gives the same corpus.

    python -m bench.corpus OUT_DIR --count 10000 [--seed 1] [--html-share 0.5]
"""

from __future__ import annotations

import argparse
import random
import sys
import tomllib
from datetime import date, timedelta
from html import escape
from pathlib import Path

from indexer.datafiles import organisations

TEXT = tomllib.loads((Path(__file__).parent / "corpus_text.toml").read_text("utf-8"))


def generate(out_dir: Path, count: int, seed: int = 1, html_share: float = 0.5) -> list[Path]:
    rng = random.Random(seed)
    orgs = [o for o in organisations() if o.kind != "company"] + list(organisations())
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        article = _article(rng, orgs, n)
        is_html = rng.random() < html_share
        folder = out_dir / f"{article['date'].year}" / f"{n % 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"article-{n:07d}.{'html' if is_html else 'txt'}"
        path.write_text(_as_html(article) if is_html else _as_text(rng, article), "utf-8")
        paths.append(path)
    return paths


def _article(rng: random.Random, orgs, n: int) -> dict:
    parties = rng.sample(orgs, rng.randint(2, 3))
    subject, verb = rng.choice(TEXT["subjects"]), rng.choice(TEXT["verbs"])
    published = date(2018, 1, 1) + timedelta(days=rng.randrange(365 * 9 - 60))
    names = [p.name for p in parties]
    title = f"{parties[0].canonical} and {parties[1].canonical} {verb} {subject}"
    lead = (
        f"{rng.choice(TEXT['places'])}, {published.day} {published:%B %Y} – The {names[0]} "
        f"({parties[0].canonical}) and the {names[1]} {verb} {subject}."
    )
    paragraphs = [lead]
    context = {
        "a": parties[0].canonical,
        "b": parties[1].canonical,
        "subject": subject,
        "place": rng.choice(TEXT["places"]),
        "event": rng.choice(TEXT["events"]),
        "sdo": rng.choice(TEXT["sdos"]),
        "month": rng.choice(TEXT["months"]),
        "year": published.year + rng.randint(1, 4),
        "start": published.year - rng.randint(1, 6),
    }
    while sum(len(p.split()) for p in paragraphs) < 480:
        sentences = [
            template.format(n=rng.randint(2, 400), m=rng.randint(2, 12), **context)
            for template in rng.sample(TEXT["filler"], 3)
        ]
        if rng.random() < 0.3:
            sentences.append(
                rng.choice(TEXT["quotes"]).format(
                    person=rng.choice(TEXT["people"]),
                    role=rng.choice(TEXT["roles"]),
                    org=rng.choice(parties).canonical,
                )
            )
        paragraphs.append(" ".join(sentences))
    paragraphs.append(
        f"About {parties[0].canonical}: the {names[0]} works on {subject} "
        f"with members from industry and research (article {n})."
    )
    return {
        "title": title,
        "date": published,
        "paragraphs": paragraphs,
        "url": f"https://news.example.org/{published:%Y/%m/%d}/article-{n}",
    }


def _as_html(article: dict) -> str:
    nav = "".join(f"<li><a href='/{escape(x.lower())}'>{escape(x)}</a></li>" for x in TEXT["nav"])
    body = "".join(f"<p>{escape(p)}</p>" for p in article["paragraphs"])
    related = "".join(f"<li><a href='#'>{escape(r)}</a></li>" for r in TEXT["related"])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{escape(article["title"])} | 6G Press Wire</title>
<meta property="og:title" content="{escape(article["title"])}">
<meta property="article:published_time" content="{article["date"].isoformat()}T08:00:00Z">
<link rel="canonical" href="{article["url"]}">
<script>var analytics = {{id: "UA-000"}};</script></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{escape(article["title"])}</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
{body}</article>
<aside class="related"><h3>Related articles</h3><ul>{related}</ul></aside></main>
<footer><p>Follow us on Twitter and LinkedIn</p>
<p>© {article["date"].year} 6G Press Wire. All rights reserved.</p></footer></body></html>
"""


def _as_text(rng: random.Random, article: dict) -> str:
    lines = [
        *rng.sample(TEXT["nav"], 4),
        "",
        article["title"],
        "",
        *[p + "\n" for p in article["paragraphs"]],
        "Share this article",
        "Related articles",
        *rng.sample(TEXT["related"], 2),
        "Follow us on Facebook and Twitter",
        f"Copyright © {article['date'].year} 6G Press Wire. All rights reserved.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--html-share", type=float, default=0.5)
    args = parser.parse_args()
    paths = generate(args.out, args.count, args.seed, args.html_share)
    print(f"wrote {len(paths)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
