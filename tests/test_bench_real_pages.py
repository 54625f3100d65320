"""bench.metadata --real: a set of real stored pages kept outside the repository,
scored by half, titles only over the pages that show a headline."""

from __future__ import annotations

import hashlib
import json

import pytest

from bench.metadata import real_pages, report_real

HEADLINE = "Harbour town switches on a 6G test network for its ferry terminal"
BODY = (
    "Engineers from the regional operator switched on a 6G test network at the ferry "
    "terminal on Tuesday, covering the quays and the ticket hall.\n\n"
    "The network will carry video from the loading ramps to the control room, the port's "
    "technical director told reporters.\n"
)


def half(name: str) -> str:
    return "AB"[int(hashlib.sha1(name.encode()).hexdigest()[0], 16) % 2]


@pytest.fixture
def real_set(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "port.example-1.txt").write_text(
        f" date 2025-11-14 {HEADLINE}\n\n{BODY}", encoding="utf-8"
    )
    (tmp_path / "pages" / "port.example-2.txt").write_text(BODY, encoding="utf-8")
    labels = {
        "port.example-1.txt": {
            "url": "https://port.example/1",
            "title": HEADLINE,
            "date": "2025-11-14",
            "event_date": None,
            "language": "en",
            "notes": [],
        },
        "port.example-2.txt": {
            "url": "https://port.example/2",
            "title": None,
            "date": None,
            "event_date": None,
            "language": "en",
            "notes": [],
        },
    }
    (tmp_path / "labels-a.json").write_text(json.dumps(labels), encoding="utf-8")
    return tmp_path


def test_pages_carry_their_labels_and_a_fixed_half(real_set):
    pages = {page["key"]: page for page in real_pages(real_set)}
    assert pages["port.example-1.txt"]["titles"] == [HEADLINE]
    assert pages["port.example-2.txt"]["titles"] == []
    assert {key: page["fold"] for key, page in pages.items()} == {k: half(k) for k in pages}


def test_titles_are_scored_only_over_pages_with_a_headline(real_set, capsys):
    report_real(real_set, show=0)
    out = capsys.readouterr().out
    assert "titles over the 1 with a headline" in out
    line = next(row for row in out.splitlines() if " all " in row)
    n, day, _, _, title = line.split()[-6:-1]
    assert (n, day, title) == ("2", "1.000", "1.000")


def test_a_label_without_its_page_is_named(real_set):
    (real_set / "pages" / "port.example-2.txt").unlink()
    with pytest.raises(SystemExit, match="port.example-2.txt: no such page"):
        real_pages(real_set)


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: (d / "labels-a.json").write_text("{", encoding="utf-8"), "not JSON"),
        (lambda d: (d / "labels-a.json").write_text("[]", encoding="utf-8"), "not an object"),
        (
            lambda d: (d / "labels-a.json").write_text(
                json.dumps({"port.example-1.txt": {"title": HEADLINE}}), encoding="utf-8"
            ),
            'port.example-1.txt: no "date"',
        ),
        (
            lambda d: (d / "labels-a.json").write_text(
                json.dumps({"port.example-1.txt": "2025-11-14"}), encoding="utf-8"
            ),
            'port.example-1.txt: no "date"',
        ),
        (
            lambda d: (d / "pages" / "port.example-2.txt").write_bytes(b"Caf\xe9 6G\n"),
            "port.example-2.txt: not UTF-8",
        ),
        (
            lambda d: (d / "labels-a.json").write_text(
                json.dumps({"port.example-1.txt": {"title": 7, "date": None}}), encoding="utf-8"
            ),
            "port.example-1.txt: title 7 is not text or null",
        ),
    ],
)
def test_a_broken_label_file_or_page_is_named_not_a_traceback(real_set, damage, message):
    damage(real_set)
    with pytest.raises(SystemExit, match=message):
        real_pages(real_set)


def test_a_page_without_a_label_is_reported_and_left_out(real_set, capsys):
    (real_set / "pages" / "port.example-3.txt").write_text("More text.\n", encoding="utf-8")
    assert {page["key"] for page in real_pages(real_set)} == {
        "port.example-1.txt",
        "port.example-2.txt",
    }
    assert "1 pages without a label, left out: port.example-3.txt" in capsys.readouterr().out
