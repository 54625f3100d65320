"""Text-mode browser dumps with numbered links (lynx, w3m -o display_link_number=1),
saved as .txt files and extracted as a user's file is: the numbers are not
text, the References list is not the article, a line of links is a menu."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from bench.extraction import w3m_text
from indexer.extract import extract_document
from indexer.extract.linkdumps import MENU, REFERENCES, read_link_dump
from indexer.extract.pipeline import extract_file
from indexer.extract.reading import SourceFile

HEADLINE = "Harbour town switches on a 6G test network for its ferry terminal"

ARTICLE = """\
   Engineers from the regional operator and the port authority switched on
   a 6G test network at the ferry terminal on Tuesday, covering the quays,
   the ticket hall and the car park with radio links in the upper 6 GHz
   band and sensors on every loading ramp of the [14]passenger berths.

   The network will carry video from the ramps to the control room and
   track vehicles as they queue, the port's technical director [15]Maren
   Holt told reporters, and it will run for eighteen months before the
   partners decide whether to keep it for the [16]summer season.

   "We want to know what a terminal gains when every camera and every
   barrier can talk to the control room without a cable," she said."""

LYNX = f"""\
                                                     [1]Log in | [2]Register

   [3]Home  [4]News  [5]Business  [6]Events  [7]Contact

   [8]Harbour Gazette

   [9]News > [10]Business > Ferry terminal network

{HEADLINE}

   By Ola Brenna | Published 14 May 2024

{ARTICLE}

   Related stories
     * [17]Council approves new ferry timetable for the winter (2 March 2025)
     * [18]Port buys two electric tugs (19 January 2025)

   [19]Privacy | [20]Cookies | [21]Accessibility

References

   1. https://gazette.example/login
   2. https://gazette.example/register
   3. https://gazette.example/
   4. https://gazette.example/news/
   5. https://gazette.example/business/
   6. https://gazette.example/events/
   7. https://gazette.example/contact/
   8. https://gazette.example/
   9. https://gazette.example/news/
  10. https://gazette.example/business/
  11. https://gazette.example/news/ferry-terminal-6g/#share
  14. https://gazette.example/tag/berths/
  15. https://gazette.example/people/maren-holt/
  16. https://gazette.example/2025/06/01/summer-season/
  17. https://gazette.example/2025/03/02/ferry-timetable/
  18. https://gazette.example/2025/01/19/electric-tugs/
  19. https://gazette.example/privacy/
  20. https://gazette.example/cookies/
  21. https://gazette.example/accessibility/

   Hidden links:
  22. https://gazette.example/news/2023-12-24-old-page/
"""

W3M = f"""\
[1]Log in[2]Register
[3]Home  [4]News  [5]Business  [6]Events  [7]Contact

[8]Harbour Gazette

{HEADLINE}

By Ola Brenna | Published 14 May 2024

{ARTICLE}

[9] Privacy | [10] Cookies
[11][          ][12][Search]

References:

[1] https://gazette.example/login
[2] https://gazette.example/register
[3] https://gazette.example/
[4] https://gazette.example/news/
[5] https://gazette.example/business/
[6] https://gazette.example/events/
[7] https://gazette.example/contact/
[8] https://gazette.example/
[9] https://gazette.example/2023/12/24/privacy/
[10] https://gazette.example/cookies/
[14] https://gazette.example/tag/berths/
[15] https://gazette.example/people/maren-holt/
[16] https://gazette.example/2025/06/01/summer-season/
"""

# An ordinary article with footnotes: "[1]" marks, a list of sources, no link numbers.
FOOTNOTED = """\
Study finds 6G sensing can halve the energy of factory networks

Researchers at the institute measured a factory network for six weeks and
found that sensing with the radio itself used half the energy of separate
sensors [1]. The results agree with earlier simulations[2].

The team will publish its measurements in the spring, they said on 3 April 2024.

[1] Energy of integrated sensing, technical report, 2024.
[2] Simulated factory networks, conference paper, 2023.
"""


def _extract(tmp_path, text: str):
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(SourceFile(path, path.name))[1]


@pytest.mark.parametrize("dump", [LYNX, W3M], ids=["lynx", "w3m"])
def test_a_saved_dump_is_read_without_its_link_numbers(tmp_path, dump):
    article = _extract(tmp_path, dump)
    assert article.title == HEADLINE
    assert article.date == date(2024, 5, 14)
    assert "[1" not in article.text and "https://" not in article.text
    assert "loading ramp of the passenger berths." in article.text
    assert "technical director Maren Holt told reporters" in article.text
    assert article.text.startswith("Engineers from the regional operator")
    assert article.text.endswith('without a cable," she said.')
    assert "Privacy" not in article.text and "Log in" not in article.text


@pytest.mark.parametrize("dump", [LYNX, W3M], ids=["lynx", "w3m"])
def test_a_dump_s_list_of_addresses_and_menus_leave_as_removed_lines(dump):
    found = read_link_dump(dump)
    assert found is not None
    menus = [r.line for r in found.removed if r.reason == MENU]
    assert menus[:2] == [
        "Log in | Register" if dump == LYNX else "Log in Register",
        "Home News Business Events Contact",
    ]
    listed = [r.line for r in found.removed if r.reason == REFERENCES]
    assert listed[0] in ("References", "References:")
    assert listed[3] in ("3. https://gazette.example/", "[3] https://gazette.example/")
    assert "References" not in found.text and "gazette.example" not in found.text


NOTICE = """\
[1]Home | [2]Tenders | [3]Buyers

Tender notice: 6G test network for the ferry terminal
Reference: HT-17
Buyer: [4]Harbour Trust
Status: open for bids

References

   1. https://tenders.example/
   2. https://tenders.example/list/
   3. https://tenders.example/buyers/
   4. https://tenders.example/buyers/2023-12-24-harbour-trust
"""


def test_the_list_of_addresses_is_no_source_of_a_date(tmp_path):
    """A notice of short lines states no day: the day in a listed address is not its."""
    article = _extract(tmp_path, NOTICE)
    assert article.date is None
    assert article.title == "Tender notice: 6G test network for the ferry terminal"
    assert "Buyer: Harbour Trust" in article.text


def test_a_wrapped_line_keeps_its_width_once_its_numbers_go():
    """The dump was wrapped with the numbers in its lines: a line that lost them is
    still as wide as the wrapper left it, so the paragraph is joined as one."""
    article = extract_document(LYNX, "dump.txt", is_html=False)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("The network will carry video")


def test_an_article_with_footnotes_is_no_dump(tmp_path):
    assert read_link_dump(FOOTNOTED) is None
    article = _extract(tmp_path, FOOTNOTED)
    assert article.title == "Study finds 6G sensing can halve the energy of factory networks"
    assert "separate sensors [1]." in article.text
    assert "earlier simulations[2]." in article.text
    assert article.date == date(2024, 4, 3)


@pytest.mark.parametrize(
    "text",
    [
        # A Markdown page with reference links and their definitions.
        "Read the [report][1] and the [summary][2].\n\n[1]: https://a.example/r\n"
        "[2]: https://a.example/s\n",
        # One glued marker is no shape, even over a list named References.
        "See [1]the report.\n\nReferences\n\n   1. https://a.example/r\n",
        # A scholarly list of references: numbered, but no addresses one a line.
        "As shown [1] and [2].\n\nReferences\n\n1. A. Author, Title, 2024.\n2. B. Author, 2023.\n",
    ],
    ids=["markdown", "one-marker", "scholarly"],
)
def test_a_marker_here_and_there_is_no_dump(text):
    assert read_link_dump(text) is None


def test_a_footnote_in_a_dump_s_article_stays():
    """Links are numbered in the order they come: a "[1]" far down is a footnote."""
    text = W3M.replace("she said.", "she said.[1]").replace(
        "[9] Privacy", "[1] Harbour traffic report, port authority, 2023.\n\n[9] Privacy"
    )
    found = read_link_dump(text)
    assert "she said.[1]" in found.text
    assert "[1] Harbour traffic report" in found.text
    assert "Log in" in found.removed[0].line and "[" not in found.removed[0].line


def test_a_day_linked_to_its_archive_is_no_menu(tmp_path):
    text = LYNX.replace(
        "   By Ola Brenna | Published 14 May 2024", "   [11]Business [12]14 May 2024"
    )
    found = read_link_dump(text)
    assert "Business 14 May 2024" in " ".join(found.text.split())
    assert _extract(tmp_path, text).date == date(2024, 5, 14)


def test_a_dump_cut_before_its_list_is_still_read_from_its_many_numbers():
    cut = LYNX.split("References")[0]
    found = read_link_dump(cut)
    assert found is not None
    assert "[1" not in found.text and "passenger berths" in found.text


@pytest.mark.skipif(shutil.which("w3m") is None, reason="w3m is not installed")
def test_w3m_s_own_numbered_dump_of_a_page_reads_as_its_plain_dump(tmp_path):
    """The bench's `numbered` shape: w3m's dump with its links numbered reads as
    the same dump without them (title, date and text)."""
    links = " | ".join(f'<a href="/s{i}">Section {i}</a>' for i in range(1, 6))
    page = (
        f"<html><body><nav>{links}</nav><p><a href='/'>Harbour Gazette</a></p>"
        f"<h1>{HEADLINE}</h1><p>By Ola Brenna | Published 14 May 2024</p>"
        + "".join(
            f"<p>{' '.join(line.strip() for line in para.splitlines())}</p>"
            for para in re.sub(r"\[\d+\]", "", ARTICLE).split("\n\n")
        ).replace("passenger berths", "<a href='/berths'>passenger berths</a>")
        + "<footer><a href='/privacy'>Privacy</a> | <a href='/terms'>Terms</a></footer>"
        "</body></html>"
    )
    numbered = _extract(tmp_path, w3m_text(page, numbered=True))
    plain = extract_document(w3m_text(page), "plain.txt", is_html=False)
    assert (numbered.title, numbered.date) == (HEADLINE, date(2024, 5, 14))
    assert numbered.text == plain.text
    assert "[" not in numbered.text and "passenger berths." in numbered.text


# A Chinese article citing its sources, each mark glued to the sentence and
# closed by the sentence's own full-width punctuation.
ZH_FOOTNOTED = """\
6G太赫兹通信研究取得进展

研究表明[1]，太赫兹频段可为6G提供更高的速率[2]。
多家机构已开展外场试验[3]，结果显示速率显著提升[4]。
专家认为[5]，相关技术将在2030年前后成熟[6]；
产业界也在加快标准化工作[7]！
各方期待更多试验结果[8]。
"""


def test_a_chinese_article_with_footnotes_is_no_dump():
    """A mark before full-width punctuation ("表明[1]，", "速率[2]。") is a footnote's,
    as one before "," or "." is (was: read as link numbers, the article a dump)."""
    assert read_link_dump(ZH_FOOTNOTED) is None


def test_a_link_inside_a_chinese_sentence_leaves_no_space_when_its_number_goes():
    """Chinese has no spaces between words: "中国移动[6]与华为" is "中国移动与华为" (was:
    "中国移动 与华为", the space meant for two links glued in a menu, "[3]A[4]B")."""
    body = "\n".join(
        f"   第{n}段：海港研究院与[{n}]中国移动合作完成6G外场测试，速率提升明显。"
        for n in range(1, 9)
    )
    refs = "\n".join(f"   {n}. https://a.example/{n}" for n in range(1, 9))
    found = read_link_dump(f"{body}\n\nReferences\n\n{refs}\n")
    assert "与中国移动合作" in found.text and "[" not in found.text
