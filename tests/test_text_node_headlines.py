"""Headlines and their dates in pages copied one text node per line: a headline
split where a link or an emphasis starts, a kicker or a company's name above it,
a deck under it, and the date on a line of its own under the pieces."""

from datetime import date

import pytest

from indexer.extract import extract_document
from indexer.extract.textclean import clean_text

MENU = ["Home", "About", "News", "Research", "Contact"]
BODY = [
    "The partners will run the first outdoor measurements in the spring and share "
    "the data with the standards bodies that study the new bands.",
    "A second phase, with moving vehicles and a larger test area, is planned for "
    "the following year if the first results hold up.",
    "Further partners may join the work once the first report has been published.",
]
RELATED = ["Related news", "Lab opens a second site for radio tests", "3 March 2025"]


def read(*lead: str, menu=MENU, footer=RELATED) -> tuple[str | None, date | None]:
    """The title and date of a page: `menu`, `lead`, the article, `footer`."""
    text = "\n".join([*menu, *lead, *BODY, *footer])
    article = extract_document(text, "page.txt", is_html=False)
    return article.title, article.date


def test_the_date_under_a_headline_split_over_nodes_is_the_pages():
    title, day = read(
        "Press release",
        "City council funds",
        "6G testbed",
        "in the harbour district",
        "Published",
        "12 May 2025",
    )
    assert title == "City council funds 6G testbed in the harbour district"
    assert day == date(2025, 5, 12)


def test_a_kicker_or_press_label_is_no_piece_of_the_headline():
    title, _ = read("MEDIA RELEASE", "Agency opens", "a 6G lab in the old port", "16 Jan 2025")
    assert title == "Agency opens a 6G lab in the old port"
    title, _ = read("Press release", "Orbis Radio", "and two universities test sub-THz links")
    assert title == "Orbis Radio and two universities test sub-THz links"


def test_a_headline_cut_where_a_link_on_6g_starts_is_whole_again():
    title, day = read(
        "NEWS", "Plenary agrees the scope of its first", "6G work items", "2 April 2025"
    )
    assert title == "Plenary agrees the scope of its first 6G work items"
    assert day == date(2025, 4, 2)


def test_a_headline_after_its_colon_goes_on_in_the_next_node():
    title, _ = read("Blog", "Learned receivers:", "what a year on a test network taught us")
    assert title == "Learned receivers: what a year on a test network taught us"


def test_the_headline_above_a_deck_that_retells_the_lead_is_the_title():
    title, _ = read(
        "Research",
        "Why the next outdoor trials will need to watch the weather",
        "The partners will run the first outdoor measurements of the new bands in spring",
        "June 10, 2025",
    )
    assert title == "Why the next outdoor trials will need to watch the weather"


def test_a_japanese_companys_name_above_the_headline_is_no_title():
    body = [
        "株式会社青空通信は、6Gに向けた屋外ミリ波通信の実験に成功したと発表しました。",
        "実験では、約300メートル離れた二つの建物の間で、毎秒20ギガビットの通信を確認しました。",
        "今後は大学と協力し、雨や雪の影響を調べる予定です。",
    ]
    text = "\n".join(
        [
            "ホーム",
            ">",
            "ニュース",
            "2025年6月2日",
            "株式会社青空通信",
            *["青空通信、6Gに向けた屋外ミリ波通信の実験に成功"],
            *body,
        ]
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == "青空通信、6Gに向けた屋外ミリ波通信の実験に成功"
    assert article.date == date(2025, 6, 2)


def test_a_link_after_a_colon_stays_on_its_own_line():
    lines = [
        "Tickets for the summit, which runs for three days in the harbour hall, "
        "are on sale now on the organisers' site:",
        "https://example.org/tickets for members",
    ]
    paragraphs = clean_text("\n".join([*MENU, *BODY[:2], *lines, BODY[2]])).paragraphs
    assert lines[0] in paragraphs


CJK_MENU = ["ホーム", "ニュース", "製品", "採用情報", "お問い合わせ"]
JA_BODY = [
    "同社は研究所の屋上に2台の装置を設置し、約50メートルの距離でデータを送る実験を行った。",
    "今後は通信事業者と共同で、屋外での長期試験を進める計画だという。",
]


def test_a_cjk_headline_cut_where_a_link_starts_is_whole_again():
    # Japanese: a link on a word, the headline going on with a particle.
    text = "\n".join(
        [*CJK_MENU, "北斗光学、", "サブテラヘルツ帯", "で屋内の無線伝送距離を2倍に", *JA_BODY]
    )
    assert clean_text(text).title == "北斗光学、サブテラヘルツ帯で屋内の無線伝送距離を2倍に"
    # Chinese: a link on a word, the headline going on after it.
    text = "\n".join(
        [*CJK_MENU, "南岭研究院联合三家企业，", "完成卫星与地面网络融合试验", *JA_BODY]
    )
    assert clean_text(text).title == "南岭研究院联合三家企业，完成卫星与地面网络融合试验"


@pytest.mark.parametrize("badge", ["NEW", "PDF", "News Release"])
def test_a_latin_badge_after_a_cjk_headline_keeps_the_headline(badge):
    # A badge or link under the headline is not a name inside one sentence:
    # joining headline, badge and body's first sentence lost the headline.
    headline = "北斗光学、サブテラヘルツ帯で屋内の無線伝送距離を2倍に"
    text = "\n".join([*CJK_MENU, headline, badge, *JA_BODY])
    assert clean_text(text).title == headline


def test_a_cjk_menu_stays_one_item_a_line():
    # Items of a menu are shorter than a piece of a sentence: none is joined.
    text = "\n".join(["ホーム", "ニュース", "AI", "のりもの", "製品情報", *JA_BODY])
    assert "ニュース" not in " ".join(clean_text(text).paragraphs)


def test_a_label_above_a_headline_cut_at_its_emphasis_stays_apart():
    # "Can a 6G network" is a headline's start, not a name cut out of the label's
    # sentence: the label has a label's length and the piece has words in lower case.
    title, _ = read("Recorded talk", "Will a 6G radio", "listen?", "16 May 2025")
    assert title == "Will a 6G radio listen?"
    title, _ = read("Nieuwsberichten 2025", "Stad en haven openen", "een proeftuin voor 6G")
    assert title == "Stad en haven openen een proeftuin voor 6G"


def test_a_joined_line_knows_each_word_count_apart():
    # Asked first whether it holds two words, a three-word line must still say
    # it does not hold four (one flag for every count once said yes to both).
    from indexer.extract.textclean import Line, _Joined

    joined = _Joined(Line("On-demand", 0))
    joined.add(" ", "webinar now")
    assert joined.has_words(2)
    assert not joined.has_words(4)
    joined.add(" ", "open to all")
    assert joined.has_words(4)


SOUNDER = "Two campuses share one sub-THz channel sounder for a year"
SOUNDER_JA = "二つの大学がテラヘルツ帯の通信路測定装置を一年間共同で利用"
SPLIT_DATES = {
    # "October" / "9" / ", 2025": the pieces joined tight before the comma.
    "comma": ([SOUNDER, "October", "9", ", 2025"], SOUNDER, date(2025, 10, 9)),
    # "2024年" / "11月5日" above the headline: read top down, not nearest first.
    "cjk above": (["お知らせ", "2024年", "11月5日", SOUNDER_JA], SOUNDER_JA, date(2024, 11, 5)),
}


@pytest.mark.parametrize("case", SPLIT_DATES)
def test_a_date_split_over_nodes_reads_as_the_page_prints_it(case):
    lead, headline, day = SPLIT_DATES[case]
    assert read(*lead) == (headline, day)


def test_a_lone_by_under_the_headline_starts_the_byline():
    title, day = read(
        "Lab and port authority test 6G links over the water", "By", "admin", "- 2025-03-16"
    )
    assert title == "Lab and port authority test 6G links over the water"
    assert day == date(2025, 3, 16)


@pytest.mark.parametrize("label", ["Credit...", "Photo:", "Foto:", "Image credit:", "Credit"])
def test_a_photos_caption_and_credit_around_its_label_are_no_title(label):
    """A caption and its credit with the credit's label between them, as a copy
    node per line prints a photo under the deck: neither is the title, though
    the byline stands right under them."""
    headline = "Agency picks three teams for its spectrum trials"
    text = "\n".join(
        [
            "Sections",
            "Business",
            "Log In",
            headline,
            "Subscribe",
            "Advertisement",
            "Continue reading the main story",
            "Supported by",
            "Continue reading the main story",
            headline,
            "The choice is meant to speed up field tests, officials say.",
            "The director at the launch in the harbour last week.",
            label,
            "Ann Lee/The Harbour Times",
            "By",
            "Bo Ek",
            "Read in French",
            "When",
            "the regulator",
            "first asked for bids last year, few firms answered, and the work stalled for months.",
            "Under the agreement, both sides will exchange experts and hold joint workshops on "
            "sensing, security and energy efficiency over the next three years.",
            "Further partners may join the work once the first report has been published.",
        ]
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize("picture", ["Image", "Photo", "Foto"])
def test_a_pictures_word_alone_over_the_headline_is_no_credits_label(picture):
    """A copy prints a picture by its alt text; with no caption's sentence above it,
    the word is no label and the line under it no credit."""
    headline = "Agency picks three teams for its spectrum trials"
    assert read(picture, headline, "By Bo Ek", "12 May 2025") == (headline, date(2025, 5, 12))


def test_a_sponsors_label_joined_to_a_continue_reading_link_is_no_title():
    """No byline under the headline: one would make it the title whatever stands above."""
    headline = "Agency picks three teams for its spectrum trials"
    title, _ = read("Advertisement", "Supported by", "Continue reading the main story", headline)
    assert title == headline


def test_a_menus_photos_item_over_the_headline_leaves_it_the_title():
    headline = "Agency picks three teams for its spectrum trials"
    title, _ = read("Photos", headline, "By Bo Ek", "12 May 2025", menu=["Home", "News", "Video"])
    assert title == headline
