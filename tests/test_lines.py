"""Line rules both cleaners share (lines.py with clutter.toml), and the fast paths
of line facts giving what the full rules give."""

from __future__ import annotations

import pytest

from indexer.extract import lines
from indexer.extract.lines import (
    HAS_CJK,
    UNSPACED_CHARS_PER_WORD,
    clutter_kind,
    is_keyword_spam,
    word_count,
)


def counted_in_full(line: str) -> int:
    """word_count's rule with every script counted, as it reads without its fast path."""
    cjk = len(HAS_CJK.findall(line))
    unspaced = sum(-(-len(run) // UNSPACED_CHARS_PER_WORD) for run in lines._UNSPACED.findall(line))
    rest = lines._UNSPACED.sub(" ", HAS_CJK.sub(" ", line))
    return len(lines._WORD.findall(rest)) + (cjk + 1) // 2 + unspaced


@pytest.mark.parametrize(
    "line",
    [
        "Nokia and Ericsson sign a 6G MoU",
        "L’Arcep et l’ANFR — coopération 6G, 2024-05-01",
        "华为与中兴签署6G合作备忘录",
        "NTT docomo と KDDI が 6G で協力",
        "ความร่วมมือด้าน 6G research",
        "दोनों संघों ने मंगलवार को",
        "",
        "3.5 GHz, 26-GHz and mmWave's bands",
    ],
)
def test_word_count_is_the_full_count(line):
    assert word_count(line) == counted_in_full(line)


@pytest.mark.parametrize(
    ("line", "spam"),
    [
        ("Paris | Lyon | Nice | Lille | Nantes | Brest", True),  # five bars: six pieces
        ("Paris | Lyon | Nice | Lille | Nantes", False),
        ("Paris、Lyon、Nice、Lille、Nantes、Brest", True),
        (", ".join(f"town{i}" for i in range(12)), True),  # eleven commas: twelve pieces
        (", ".join(f"town{i}" for i in range(11)), False),
        ("，".join(f"town{i}" for i in range(12)), True),
        (", ".join(f"town{i}" for i in range(12)) + ".", False),  # a sentence
        ("| a | b | c | d | e | f |", False),  # a table row
    ],
)
def test_keyword_spam_at_the_thresholds(line, spam):
    assert is_keyword_spam(line) is spam


@pytest.mark.parametrize(
    "line",
    [
        "Delegates at the signing in Brussels on Tuesday. (AP Photo/Jane Doe)",
        "The testbed on the university campus in Oulu (Reuters)",
        "Nogales, Ariz. (AP)",
    ],
)
def test_a_caption_credited_to_an_agency_goes(line):
    assert clutter_kind(line) == "image-caption"


@pytest.mark.parametrize(
    "line",
    [
        "Home > News > Press releases",
        "省トップ > 報道資料 > 報道資料一覧 > 次世代通信の研究開発基金の創設",
    ],
)
def test_a_breadcrumb_is_clutter_however_long_its_last_item(line):
    assert clutter_kind(line) == "breadcrumb"


@pytest.mark.parametrize(
    "line",
    [
        "SOX$7,833.390.40%NVDA$177.390.93%TSM$301.531.18%INTC$41.535.03%",
        "DAX 18,234.56 -0.41% CAC 7,612.10 +0.12% FTSE 8,100.2 ▲0.3%",
    ],
)
def test_a_finance_widgets_run_of_quotes_is_clutter(line):
    assert clutter_kind(line) == "market-ticker"


def test_a_sentence_of_shares_and_percentages_is_no_ticker():
    assert clutter_kind("Nokia shares rose 5% on Monday, Ericsson 3% and Samsung 2%") is None


def test_a_sentence_naming_a_menus_path_is_no_breadcrumb():
    assert clutter_kind("To turn it on, open Settings > Network > 6G and tap Enable.") is None


@pytest.mark.parametrize(
    "line",
    [
        "« 6G » et « IA » : le pari de l'Europe",
        "Le ministre évoque « la 6G » puis « l'IA » devant les députés",
    ],
)
def test_a_line_quoting_in_spaced_guillemets_is_no_breadcrumb(line):
    """French closes a quote with "»" between spaces, a breadcrumb's arrow's shape;
    a breadcrumb never opens a quote ("«")."""
    assert clutter_kind(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "研究院開發的低軌衛星地面站原型。研究院/提供",
        "兩家公司代表在簽約儀式後合影。（聯盟提供）",
        "部長在記者會上說明6G計畫。（記者陳明/攝）",
    ],
)
def test_a_chinese_caption_closed_by_who_gave_or_took_the_photo_goes(line):
    assert clutter_kind(line) == "image-caption"


def test_a_chinese_sentence_about_who_provides_funds_stays():
    assert clutter_kind("該計畫的經費由經濟部提供，為期四年。") is None


@pytest.mark.parametrize(
    "line",
    [
        # an abbreviation that reads like an agency's name when case is ignored
        "Der Zugang zu den Daten der elektronischen Patientenakte (ePA)",
        # a dateline standing alone, as a copy with one text node per line gives it
        "ST. JOSEPH, Mich. (AP)",
        "BONN (AFP)",
    ],
)
def test_an_abbreviation_or_a_dateline_is_no_credit(line):
    assert clutter_kind(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "The testbed links two buildings on the campus in Oulu with a radio ... more",
        "The testbed links two buildings on the campus in Oulu with a radio … Read more",
        "The operator posted photos of the first sub-terahertz link on the roof… See more",
        "The testbed links two buildings on the campus in Oulu with a radio link. less",
        "The testbed links two buildings on the campus in Oulu with a radio link. Show less",
    ],
)
def test_a_text_toggle_goes(line):
    assert clutter_kind(line) == "expandable-caption"


def test_a_sentence_that_ends_in_more_stays():
    line = "Operators say the new band will let them serve ten times more."
    assert clutter_kind(line) is None


@pytest.mark.parametrize(
    "line, kind",
    [
        (
            "您的瀏覽器不支援JavaScript功能，若部份網頁功能無法正常使用時，請開啟瀏覽器JavaScript狀態",
            "browser-notice",
        ),
        (
            "Your browser does not appear to support Traditional Chinese. Go to our English site?",
            "browser-notice",
        ),
        ("Please enable JavaScript to view this page", "browser-notice"),
        ("請利用鍵盤按住Ctrl + P開啟列印功能", "share-widget"),
        ("列印", "share-widget"),
        (
            "本網站使用相關技術提供更好的閱讀體驗，當您關閉此視窗，代表您同意上述規範。",
            "cookie-prompt",
        ),
        ("Ce site utilise des cookies pour mesurer l'audience", "cookie-prompt"),
        ("IE 11 Not Supported", "browser-notice"),
        ("For optimal browsing, we recommend Chrome or Firefox browsers.", "browser-notice"),
        ("Please update your browser to view this site.", "browser-notice"),
        ("An official website of the United States government", "official-banner"),
        ("Here’s how you know", "official-banner"),
        ("The .gov means it’s official.", "official-banner"),
        ("The site is secure.", "official-banner"),
        ("An official website of the European Union", "official-banner"),
        ("This site is part of the Harbour Events Division of Harbour Media PLC", "copyright"),
        ("This website is operated by a business owned by Harbour Media PLC.", "copyright"),
        ("[KT 제공. 재판매 및 DB 금지]", "image-caption"),
        ("Przeczytano 490 razy", "view-count"),
        ("1,234 views", "view-count"),
        ("조회수 1,234", "view-count"),
        ("阅读 1234", "view-count"),
        ("Aufrufe: 87", "view-count"),
        ("6G views from the operators", None),
        ("Inicio/Tecnologías/6G: ¿Cuándo llegará y en qué se diferenciará del 5G?", "breadcrumb"),
        ("首页>新闻中心>行业动态", "breadcrumb"),
        ("Home office workers test 6G links", None),
        ("Die neue Funkstrecke auf dem Dach [Bild: Ann Lee/Universität]", "image-caption"),
        ("IE and Oulu test 6G links not supported by today's phones", None),
        ("The agency is part of the ministry's 6G programme", None),
        ("Browser makers add support for 6G phones", None),
        ("The operator uses cookies-cutter designs for its 6G cells", None),
        ("For the best experience, use Chrome, Firefox or Microsoft Edge.", "browser-notice"),
        ("Operators move computing for a better user experience at the network edge.", None),
    ],
)
def test_notices_widgets_and_cookie_banners_in_many_languages(line, kind):
    assert clutter_kind(line) == kind


@pytest.mark.parametrize("start", ["1", "read 1", "views"])
def test_a_view_counts_pattern_reads_a_long_run_of_spaces_in_linear_time(start, finishes):
    # two runs of spaces in a row each tried the other's every split: a figure and
    # 20,000 spaces took 22 s
    assert clutter_kind(start + " " * 100_000 + "x") is None


@pytest.mark.parametrize(
    "line",
    [
        "By browsing this portal, you agree to allow us to use cookies, as our policy says.",
        "We would like to set analytics cookies to see how you use the site.",
        "By continuing, you accept our use of cookies.",
        "Accept all cookiesReject analytics cookies",
        "Privacy & Cookies Policy",
        "Vi använder cookies för att ge dig en bättre upplevelse.",
        "Wir verwenden nur technisch notwendige Cookies.",
    ],
)
def test_a_cookie_banners_agreement_or_settings_link_is_a_cookie_prompt(line):
    assert clutter_kind(line) == "cookie-prompt"


@pytest.mark.parametrize(
    "line",
    [
        "Browsers will stop using third-party cookies next year, the company said.",
        "Regulators restricted the use of cookies in advertising.",
        "The story behind the first batch of cookies baked in space",
        "Apple's Safari browser does not allow cookies from advertisers by default.",
        "Firefox will reject cookies from known trackers, Mozilla said.",
    ],
)
def test_a_news_sentence_about_cookies_is_no_cookie_prompt(line):
    assert clutter_kind(line) is None
