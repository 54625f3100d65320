"""The plain-text cleaner on small copied pages of the shapes real sites give."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from datetime import date

import pytest

from indexer.extract import extract_document, textclean
from indexer.extract.lines import clutter_kind
from indexer.extract.textclean import clean_text

from .conftest import REPO

BODY_1 = (
    "The two associations signed a memorandum of understanding on 6G research "
    "cooperation in Brussels on Tuesday, covering spectrum and standards."
)
BODY_2 = (
    "Under the agreement, both sides will exchange experts and hold joint workshops "
    "on sensing, security and energy efficiency over the next three years."
)


OPENING = ["Title of the release here", "", BODY_1, ""]


def page(*lines: str) -> str:
    return "\n".join(lines)


def test_menu_above_and_footer_below_the_article_go():
    cleaned = clean_text(
        page(
            "Home",
            "News",
            "Events",
            "Members",
            "",
            "Associations sign 6G research pact",
            "",
            BODY_1,
            "",
            BODY_2,
            "",
            "Share this article",
            "Facebook | Twitter | LinkedIn",
            "Related articles",
            "Europe's 6G roadmap",
            "© 2026 Example Media. All rights reserved.",
        )
    )
    assert cleaned.title == "Associations sign 6G research pact"
    assert cleaned.paragraphs == [BODY_1, BODY_2]
    reasons = {r.line: r.reason for r in cleaned.removed}
    assert reasons["© 2026 Example Media. All rights reserved."] == "copyright"
    assert reasons["Share this article"] == "share-widget"
    assert reasons["Related articles"] == "related-links"
    assert reasons["Home"] == "navigation"


def test_headings_and_list_items_inside_the_article_stay():
    cleaned = clean_text(
        page(
            *OPENING,
            "What happens next?",
            "",
            BODY_2,
            "",
            "• Joint workshops",
            "• Expert exchange",
            "",
            BODY_1.replace("Tuesday", "Monday"),
        )
    )
    assert "What happens next?" in cleaned.paragraphs
    assert "• Joint workshops" in cleaned.paragraphs and "• Expert exchange" in cleaned.paragraphs


def test_runs_of_labels_between_paragraphs_go():
    cleaned = clean_text(
        page(
            *OPENING,
            "Daily Brief Editorial",
            "Strategic Insight",
            "Daily Brief",
            "",
            BODY_2,
        )
    )
    assert cleaned.paragraphs == [BODY_1, BODY_2]


def test_follow_us_and_app_lines_go_even_when_long():
    line = (
        "If you want to keep up with how European cities are changing, follow us on "
        "Facebook and Instagram."
    )
    cleaned = clean_text(
        page("A long enough title line", BODY_1, line, BODY_2, "Get the News App Download")
    )
    assert line not in cleaned.text and "App Download" not in cleaned.text


def test_seo_keyword_spam_in_any_script_goes():
    spam_cjk = "模板: 玉林市| 江山市| 全椒县| 惠东县| 永春县| 南京市| 迭部县| 额济纳旗|"
    spam_latin = (
        "Berlin, Paris, Rome, Madrid, Vienna, Prague, Warsaw, Lisbon, Dublin, "
        "Oslo, Helsinki, Athens, Sofia"
    )
    cleaned = clean_text(page("A long enough title line", BODY_1, spam_cjk, BODY_2, spam_latin))
    assert cleaned.paragraphs == [BODY_1, BODY_2]
    assert {r.reason for r in cleaned.removed} >= {"keyword-spam"}


def test_a_sentence_listing_places_is_not_spam():
    sentence = (
        "The pilots run in Beijing, Shanghai, Hainan, Shenzhen, Chengdu, Wuhan, Xi'an, "
        "Hefei, Suzhou, Nanjing, Tianjin and Chongqing."
    )
    cleaned = clean_text(page("A long enough title line", BODY_1, sentence, BODY_2))
    assert sentence in cleaned.paragraphs


def test_captions_and_credits_go():
    cleaned = clean_text(
        page(
            "A long enough title line",
            BODY_1,
            "A satellite dish at dusk symbolizes global connectivity.",
            "Photo: Jane Doe / Example Agency",
            BODY_2,
        )
    )
    assert cleaned.paragraphs == [BODY_1, BODY_2]


def test_hard_wrapped_paragraphs_are_joined():
    cleaned = clean_text(
        page(
            "A long enough title line",
            "",
            "The two associations signed a memorandum of understanding on 6G",
            "research cooperation in Brussels on Tuesday, covering spectrum and",
            "standards.",
            "",
            BODY_2,
        )
    )
    assert cleaned.paragraphs[0] == BODY_1


def test_text_without_any_sentence_keeps_its_lines():
    cleaned = clean_text(
        page(
            "6G spectrum workshop agenda", "Opening remarks by the chair", "Copyright 2026 Example"
        )
    )
    assert cleaned.title == "6G spectrum workshop agenda"
    assert cleaned.paragraphs == ["Opening remarks by the chair"]


def test_empty_text():
    cleaned = clean_text("")
    assert cleaned.title is None and cleaned.paragraphs == []


def test_a_comment_section_ends_the_article():
    cleaned = clean_text(
        page(
            *OPENING,
            BODY_2,
            "3 Comments",
            "alice on November 19, 2019 at 6:34 am said:",
            "I think this agreement is a very good thing for research in Europe and Asia.",
            "bob says:",
            "Agreed, and I hope the workshops are open to the public this time around.",
        )
    )
    assert cleaned.paragraphs == [BODY_1, BODY_2]


def test_icons_glued_to_a_comment_count_do_not_hide_the_comment_section():
    # A text-mode browser prints the reaction icons by their names, glued to the
    # count of comments after them.
    cleaned = clean_text(
        page(
            *OPENING,
            BODY_2,
            "",
            "[like][celebrate]12 Comments",
            "Ana Costa",
            "Will the workshops be open to engineers from smaller companies as well? "
            "The last round was limited to members and the reports came out months later.",
            "Ben Okafor",
            "It would also help to know which test sites the experts will visit first, "
            "since several of us run labs near Brussels and could host a session.",
        )
    )
    assert cleaned.paragraphs == [BODY_1, BODY_2]


def test_an_article_walled_off_from_a_longer_comment_thread_is_kept():
    # One text node a line: the furniture between the one-paragraph article and
    # the comments costs more than the article weighs, so the thread stands as
    # its own stretch, outweighs the article and must not take its place.
    article = f"{BODY_1} {BODY_2} Members can send questions to the secretariat."
    thread = ["4 Comments", "Previous Post", "Next Post", "Comments"]
    for n, user in enumerate(["Ana", "Ben", "Cleo", "Dev"]):
        thread += [
            f"{user} on November {20 + n}, 2019 at 6:34 am said:",
            "Will the workshops be open to engineers from smaller companies as well? "
            "The last round was limited to members and the reports came out months later.",
            "It would also help to know which test sites the experts will visit first, "
            "since several of us run labs near Brussels and could host a session.",
        ]
    cleaned = clean_text(
        page(
            "Home",
            "Blog",
            "Associations sign 6G research pact",
            "Previous Post",
            "Next Post",
            "November 19, 2019",
            "| by Catherine",
            article,
            "Posted in Partnerships",
            "|",
            "Permalink",
            "|",
            *thread,
            "Comments are closed.",
        )
    )
    assert cleaned.paragraphs == [article]


def test_teasers_far_from_the_article_go():
    teasers = [
        "Latest news",
        "Operators in Spain test a new satellite phone service for rural towns this week.",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Contact",
        "Jobs",
    ]
    cleaned = clean_text(page(*teasers, *OPENING, BODY_2))
    assert cleaned.paragraphs == [BODY_1, BODY_2]


def test_headlines_of_other_stories_above_the_article_go_the_standfirst_stays():
    standfirst = "Both sides will share test sites and staff."
    cleaned = clean_text(
        page(
            "Home",
            "Man charged with manslaughter in friend's shooting death",
            "Operators test a satellite phone service for rural towns.",
            "Business",
            "Local",
            "Sears store at South Park Mall to close by February",
            "Breaking News",
            "Associations sign 6G research pact in Brussels",
            "Updated 11:21 pm CST, Tuesday, November 19, 2019",
            standfirst,
            BODY_1,
            BODY_2,
        )
    )
    assert cleaned.paragraphs == [standfirst, BODY_1, BODY_2]


def test_a_list_of_teasers_below_the_article_goes():
    teasers = []
    for n, (headline, author) in enumerate(
        [
            ("Operators pick sites for first 6G trials", "Ann Lee"),
            ("Regulator opens consultation on upper 6 GHz band", "Tom Roe"),
            ("Chipmakers form alliance for terahertz research", "Kim Park"),
        ]
    ):
        teasers += [
            headline,
            author,
            f"Tuesday November {19 - n}, 2019",
            f"{headline} after months of talks, according to people who attended "
            "the meetings in Geneva last week.",
        ]
    cleaned = clean_text(page(*OPENING, BODY_2, "Share your thoughts with friends.", *teasers))
    assert cleaned.paragraphs == [BODY_1, BODY_2]


def test_a_bracketed_comment_count_and_top_rated_comments_end_the_article():
    thread = ["[ 48 comments ]", "Top Rated Comments", "(View all)"]
    for user, comment in [
        ("mira_k", "I think this agreement is a very good thing for research in Europe and Asia."),
        ("tjd", "Agreed, and I hope the workshops are open to the public this time around."),
        ("rf_eng", "Sensing and security are the right topics, energy efficiency even more so."),
    ]:
        reply = "Quoting the article: the exchange of experts over three years is the key part."
        thread += [user, "2 days ago at 07:52 am", comment, reply, "Rating: 12 Votes"]
    cleaned = clean_text(page(*OPENING, BODY_2, *thread, "[ Read All Comments ]"))
    assert cleaned.paragraphs == [BODY_1, BODY_2]


def test_story_cards_whose_headline_runs_into_the_summary_go():
    cards = [
        "Latest Headlines",
        "Operators Pick Sites For First 6G Trials In Northern SpainThree operators have "
        "chosen the towns where they will test the new radios, officials said on Monday.",
        "Regulator Opens Consultation On The Upper 6 GHz BandThe telecoms regulator wants "
        "to hear from operators and Wi-Fi groups before it decides how to share the band.",
        "Weather",
        "Chipmakers Form Alliance For Terahertz Research, Name New ChairA group of eight "
        "chipmakers will pool their research on terahertz circuits for the next five years.",
        "Associations sign 6G research pact",
        "November 19, 2019 at 9:45 am",
    ]
    cleaned = clean_text(page(*cards, BODY_1, BODY_2))
    assert cleaned.paragraphs == [BODY_1, BODY_2]


CAPTION = (
    "Delegates of the two associations shake hands after signing the memorandum "
    "in Brussels, Tuesday, Nov. 19, 2019. The pact covers spectrum and standards."
)


def test_a_caption_repeated_by_each_gallery_slide_is_kept_once():
    cleaned = clean_text(page(*OPENING, CAPTION, "1 of 3", CAPTION, "2 of 3", CAPTION, BODY_2))
    assert cleaned.paragraphs == [BODY_1, CAPTION, BODY_2]


def test_the_whole_article_printed_again_as_one_line_goes():
    body_3 = "Officials said the first joint workshop will take place in Seoul next spring."
    dump = f"{BODY_1} {BODY_2} {body_3}"
    cleaned = clean_text(page(*OPENING, BODY_2, body_3, "Author Name", "2019-11-13", dump))
    assert cleaned.paragraphs == [BODY_1, BODY_2, body_3]


def test_items_that_recur_further_down_stay():
    item = "Breakfast: two poached eggs, one cup asparagus and a slice of whole-grain toast."
    day = [
        "Lunch: grilled chicken with zucchini noodles, edamame and a spoon of sesame oil.",
        "Snack: one cup of strawberries blended with almond milk and a little nut butter.",
        "Dinner: seasoned ground beef with sweet peppers, olives and fresh green onions.",
    ]
    text = page(*OPENING, "Day 1", item, *day, "Day 2", item, *day)
    assert clean_text(text).paragraphs.count(item) == 2


def test_a_caption_with_its_more_and_less_toggles_goes():
    short = CAPTION.removesuffix(" The pact covers spectrum and standards.") + " ... more"
    full = f"{CAPTION} less"
    cleaned = clean_text(page("Associations sign 6G research pact", short, full, BODY_1, BODY_2))
    assert cleaned.paragraphs == [BODY_1, BODY_2]


BODY_3 = (
    "The partners expect the first joint testbed, in Oulu, to open for trials in "
    "the spring, with results shared through the associations' working groups."
)
MENU = ["Home", "News", "Events", "About us", "Contact"]
# Wrapped at 79 columns, two of its lines start with a capital.
BODY_4 = (
    "Under the agreement, the 6G Smart Networks and Services Industry Association and "
    "NGMN will exchange experts, and Hexa-X, Oulu University and the Finnish 6G "
    "Flagship will host joint workshops on sensing, security and energy efficiency "
    "over the next three years."
)


def wrapped(paragraph: str, width: int = 79) -> list[str]:
    import textwrap

    return textwrap.wrap(paragraph, width)


def test_a_page_dumped_at_80_columns_is_reflowed_into_its_paragraphs():
    # A text-mode browser's dump: bullets for the menu, a heading glued to the
    # paragraph below it, paragraphs broken at the margin wherever a word did
    # not fit, two paragraphs separated only by a line break.
    dump = page(
        *(f"  • {item}" for item in MENU),
        "",
        "Associations sign 6G research pact",
        "",
        *wrapped(BODY_1),
        "",
        "Joint workshops",
        *wrapped(BODY_4),
        *wrapped(BODY_3),
        "",
        "© 2026 Example Association. All rights reserved.",
    )
    cleaned = clean_text(dump)
    assert cleaned.paragraphs == [BODY_1, "Joint workshops", BODY_4, BODY_3]
    assert cleaned.title == "Associations sign 6G research pact"


def test_wide_characters_wrapped_at_80_columns_join_without_spaces():
    sentence = (
        "六Ｇの研究協力に関する覚書を二つの団体がブリュッセルで締結し、周波数と標準化を対象とした。"
    )
    text = sentence * 3
    lines, rest = [], text
    while rest:
        lines.append(rest[:39])
        rest = rest[39:]
    dump = page("タイトル", "", *lines, "", *wrapped(BODY_1), "", *wrapped(BODY_2))
    assert text in clean_text(dump).paragraphs


def wrapped_wide(paragraph: str, width: int = 79) -> list[str]:
    """A text-mode browser's wrap of text without spaces: a line ends where the
    next character would pass the margin, wherever that falls."""
    from indexer.extract.textclean import display_width

    lines, line = [], ""
    for char in paragraph:
        if display_width(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


JA_TITLE = "北辰通信研究機構、6G向け新型アンテナの屋外試験を開始 2028年の実用化目指す"
JA_BODY = [
    "北辰通信研究機構は5月14日、第6世代移動通信システム（6G）に向けて開発した新しいアンテナの"
    "屋外試験を、札幌市内の試験場で始めたと発表した。",
    "試験では、建物の屋上に設置した基地局から約300メートル離れた車両に電波を送り、雪や雨の日"
    "でも通信速度が保てるかを確かめる。",
    "同機構の担当者は「寒冷地での結果は、世界中の通信事業者にとって貴重な資料になる」と話す。"
    "結果は年内に論文にまとめる。",
    "機構は今後、国内の通信事業者や装置メーカーと協力して試作機の小型化を進め、2028年ごろの"
    "実用化を目指す。",
]
JA_STORIES = [
    "北辰通信研究機構、テラヘルツ帯の通信実験で毎秒100ギガビットを達成",
    "6Gの周波数割り当て、国際会議で議論始まる 日本の提案に注目集まる",
    "大手通信3社、地方の基地局を共同で運用へ 設備費の削減狙う",
    "衛星と地上の回線を切り替えるスマートフォン、来年にも登場か",
    "光ファイバーの敷設が難しい離島に無線で大容量回線 実証が始まる",
]


def test_a_japanese_article_hard_wrapped_at_80_columns_keeps_its_body():
    # No spaces to break at: every line of a paragraph but its last fills the
    # margin, cut wherever it falls (in a word, before a comma); the paragraphs
    # are two lines, so their short last lines, the headline and the lists of
    # other stories outnumber the full lines.
    dump = page(
        "北辰通信研究機構 ニュース",
        "",
        *(f"  • {item}" for item in ["ホーム", "ニュース", "研究紹介", "お問い合わせ"]),
        "",
        JA_TITLE,
        "",
        "2026年05月14日 10時00分 公開",
        "",
        *wrapped_wide(JA_BODY[0]),
        "",
        *wrapped_wide(JA_BODY[1]),
        "",
        "関連記事",
        "",
        *(f"  • {story}" for story in JA_STORIES[:2]),
        "",
        *wrapped_wide(JA_BODY[2]),
        "",
        *wrapped_wide(JA_BODY[3]),
        "",
        "アクセスランキング",
        "",
        *(f" {n}. {story}" for n, story in enumerate(JA_STORIES, 1)),
        "",
        "Copyright © Hokushin Research. All Rights Reserved.",
    )
    assert {len(wrapped_wide(text)) for text in JA_BODY} == {2}
    cleaned = clean_text(dump)
    assert (cleaned.title, cleaned.paragraphs) == (JA_TITLE, JA_BODY)


TOUR_NEWS = [
    "The band will mark fifty years on the road with a tour of twelve cities, its first "
    "in Europe since the drummer rejoined last year.",
    "The singer said the set list would draw on every album, from the early club "
    "recordings to the two records made in Vienna.",
    "Ticket sales for the anniversary tour, eight cities across Europe this summer "
    "-- the band's own presale for members, then the general sale at the venues -- "
    "begin on Friday.",
    "A new live album, recorded over three nights at the band's home club last winter, "
    "comes out on the first day of the tour.",
    "The support act on every date is a trio from Reykjavík whose debut won this year's "
    "prize for the best new Nordic band.",
]
TOUR_DATES = [
    "June 9 -- Spektrum, Oslo, Norway",
    "June 12 -- Harbour Pavilion, Gdańsk, Poland",
    "June 16 -- Vooruit, Ghent, Belgium",
    "June 19 -- Castle Courtyard Open Air Stage, Ljubljana, Slovenia",
    "June 21 -- Veterans Memorial Coliseum and Conference Centre at the Old Harbour "
    "Fairgrounds, Portland, Maine",
    "June 23 -- Pakkahuone, Tampere, Finland",
    "June 27 -- Train, Aarhus, Denmark",
    "July 1 -- Summer Stage at the Botanical Garden, Porto, Portugal",
    "July 4 -- Opera House, Cork, Ireland",
    "July 8 -- Vanemuine, Tartu, Estonia",
    "July 11 -- Olympic Hall at the Exhibition Centre, Brno, Czechia",
    "July 15 -- Tavastia, Helsinki, Finland",
]


def test_a_wrapped_article_of_short_paragraphs_and_a_list_is_unwrapped():
    # The paragraphs are two or three lines, and their last lines and the
    # list's long items outnumber the lines that end near the margin; the
    # margin shows line by line, where the next line's first word would not
    # have fitted (as in the one date too long for a line). A dash typed as
    # two hyphens that the wrapper put first on a line is no list item.
    assert wrapped(TOUR_NEWS[2])[1].startswith("--")
    dump = page(
        *(f"  • {item}" for item in MENU),
        "",
        "Band announces anniversary tour",
        "",
        *itertools.chain.from_iterable([*wrapped(text), ""] for text in TOUR_NEWS),
        "The tour dates:",
        *itertools.chain.from_iterable(wrapped(date) for date in TOUR_DATES),
        "",
        "© 2026 Example Music. All rights reserved.",
    )
    assert clean_text(dump).paragraphs == [*TOUR_NEWS, "The tour dates:", *TOUR_DATES]


def test_a_list_of_sentences_of_one_length_is_not_taken_for_wrapped_text():
    items = [
        "Lunch: grilled chicken with zucchini noodles, edamame and a spoon of sesame oil.",
        "Snack: one cup of strawberries blended with almond milk and a little nut butter.",
        "Dinner: seasoned ground beef with sweet peppers, olives and fresh green onions.",
        "Supper: a bowl of lentil soup with carrots, celery and a slice of rye bread too.",
    ]
    assert clean_text(page(*OPENING, *items)).paragraphs == [BODY_1, *items]


def test_a_page_with_every_text_node_on_its_own_line_gets_its_sentences_back():
    # Links and bold words cut a paragraph into pieces, and nothing
    # separates one paragraph from the next.
    nodes = page(
        *MENU,
        "Associations sign 6G research pact",
        "The",
        "6G Smart Networks and Services Industry Association",
        "and",
        "NGMN",
        "signed a memorandum of understanding on 6G research cooperation in",
        "Brussels",
        "on Tuesday, covering spectrum and standards",
        ".",
        "Under the agreement, both sides will exchange experts with",
        "Hexa-X",
        ", hold joint workshops on sensing and security and publish their results.",
        "Privacy policy",
        "Cookie settings",
    )
    cleaned = clean_text(nodes)
    assert cleaned.paragraphs == [
        "The 6G Smart Networks and Services Industry Association and NGMN signed a "
        "memorandum of understanding on 6G research cooperation in Brussels on Tuesday, "
        "covering spectrum and standards.",
        "Under the agreement, both sides will exchange experts with Hexa-X, hold joint "
        "workshops on sensing and security and publish their results.",
    ]


def test_a_browser_copy_keeps_the_article_around_an_embedded_post():
    # innerText of a whole page: menu, share buttons, the article with an
    # embedded post (its author and a Report button), then the footer.
    copy = page(
        *MENU,
        "Share this with Facebook",
        "Share this with Twitter",
        "",
        "Associations sign 6G research pact",
        "",
        "19 November 2026",
        "",
        BODY_1,
        "",
        "Skip post by @association",
        "Report",
        "",
        BODY_2,
        "",
        BODY_3,
        "",
        "Privacy policy",
        "© 2026 Example Association. All rights reserved.",
    )
    cleaned = clean_text(copy)
    assert cleaned.paragraphs == [BODY_1, BODY_2, BODY_3]


def test_headings_stay_between_paragraphs_when_no_blank_line_separates_anything():
    nodes = page(
        *MENU,
        "Associations sign 6G research pact",
        BODY_1,
        "Joint workshops",
        BODY_2,
        "Next steps",
        BODY_3,
        "Privacy policy",
    )
    assert clean_text(nodes).paragraphs == [
        BODY_1,
        "Joint workshops",
        BODY_2,
        "Next steps",
        BODY_3,
    ]


@pytest.mark.parametrize(
    ("title", "pieces"),
    [
        (
            "Заголовок новости о 6G",
            [
                "Две ассоциации подписали меморандум о сотрудничестве в области исследований 6G",
                "в Брюсселе",
                "во вторник, охватывающий спектр, стандарты и совместные испытания.",
            ],
        ),
        (
            "Verbände unterzeichnen Vereinbarung",
            [
                "Die Verbände unterzeichneten am Dienstag in Brüssel eine Vereinbarung mit der",
                "Next G Alliance",
                "über gemeinsame Forschung zu 6G, Frequenzen und Normen.",
            ],
        ),
    ],
)
def test_a_sentence_cut_at_a_link_is_joined_in_other_languages(title, pieces):
    cleaned = clean_text(page(title, *pieces, BODY_2))
    assert cleaned.paragraphs == [" ".join(pieces), BODY_2]


def test_a_list_the_article_ends_with_stays_and_the_share_buttons_below_go():
    dates = [
        "June 9 - Oulu University, Oulu, Finland",
        "June 12 - Heinrich Hertz Institute, Berlin, Germany",
        "June 16 - Tampere Hall, Tampere, Finland",
    ]
    copy = page(
        *MENU,
        "",
        "Associations announce 6G workshop tour",
        "",
        BODY_1,
        "",
        BODY_2,
        "",
        "The workshop dates:",
        *dates,
        "",
        "Facebook",
        "Twitter",
        "Email",
        "Privacy policy",
    )
    assert clean_text(copy).paragraphs == [BODY_1, BODY_2, "The workshop dates:", *dates]


def test_words_are_counted_in_scripts_with_vowel_signs_and_without_spaces():
    from indexer.extract.lines import is_body_sentence, word_count

    assert word_count("दोनों संघों ने मंगलवार को") == 5  # vowel signs do not split words
    assert word_count("ความร่วมมือด้านการวิจัย") == 6  # Thai: no spaces between words
    hindi = "दोनों संघों ने मंगलवार को ब्रसेल्स में 6G अनुसंधान सहयोग पर एक समझौता किया।"
    assert is_body_sentence(hindi)  # ends with a danda


def test_sentences_of_other_scripts_are_body_text():
    hindi = [
        "दोनों संघों ने मंगलवार को ब्रसेल्स में 6G अनुसंधान सहयोग पर एक समझौता ज्ञापन पर हस्ताक्षर किए।",
        "समझौते के तहत दोनों पक्ष अगले तीन वर्षों तक विशेषज्ञों का आदान-प्रदान करेंगे और कार्यशालाएँ आयोजित करेंगे।",
    ]
    thai = [
        "สมาคมทั้งสองได้ลงนามในบันทึกความเข้าใจว่าด้วยความร่วมมือด้านการวิจัย 6G "
        "ที่กรุงบรัสเซลส์เมื่อวันอังคาร ครอบคลุมคลื่นความถี่และมาตรฐานทางเทคนิคต่าง ๆ "
        "รวมถึงการทดสอบร่วมกันในห้องปฏิบัติการของทั้งสองฝ่ายในอีกสามปีข้างหน้า",
    ]
    for body in (hindi, thai):
        copy = page(*MENU, "", "6G", "", *body, "", "Privacy policy", "Cookie settings")
        assert clean_text(copy).paragraphs == body


def test_agency_credited_captions_and_newsletter_prompts_go():
    copy = page(
        "Associations sign 6G research pact",
        "",
        BODY_1,
        "",
        "Delegates of both associations at the signing in Brussels on Tuesday. (AP Photo/Jane Doe)",
        "",
        "Image caption The testbed in Oulu will open in the spring",
        "",
        BODY_2,
        "",
        "Get the latest updates right in your inbox. Subscribe to Example News's newsletters.",
        "",
        BODY_3,
    )
    assert clean_text(copy).paragraphs == [BODY_1, BODY_2, BODY_3]


def test_a_lone_sentence_far_below_the_article_goes():
    bio = (
        "Jane Doe covers telecommunications research and standards for Example News, "
        "and before that spent ten years as an engineer at a European operator working "
        "on radio access networks and spectrum policy in Brussels and Helsinki."
    )
    article = [BODY_1, BODY_2, BODY_3]
    copy = page(
        "Associations sign 6G research pact",
        *(line for paragraph in article for line in ("", paragraph)),
        "",
        "Tags",
        "6G",
        "Research",
        "Europe",
        "About the author",
        bio,
    )
    assert clean_text(copy).paragraphs == article


def test_a_name_in_italics_cut_out_of_a_sentence_is_joined_one_node_per_line():
    pieces = [
        "Researchers from the two universities presented",
        "Hexa-X-II",
        "results in Oulu on Tuesday, covering spectrum sharing, sensing and security.",
    ]
    cleaned = clean_text(page("Associations sign 6G research pact", BODY_1, *pieces, BODY_2))
    assert cleaned.paragraphs == [BODY_1, " ".join(pieces), BODY_2]


def test_a_count_under_a_headline_is_not_joined_to_it():
    text = page("Associations sign 6G research pact", "3.409", "reads", BODY_1, BODY_2)
    assert clean_text(text).title == "Associations sign 6G research pact"


GRANTS = (
    "The Swedish Foundation for Strategic Research today named the winners of its "
    "second 6G research call, which share a budget of 40 million kronor."
)
INTRO = "The following consortia will receive funding:"
CONSORTIA = [
    "KTH Royal Institute of Technology",
    "Chalmers University of Technology",
    "Lund University",
    "Open6G Campus Network",
]
GRANTS_2 = (
    "Each consortium brings together universities, operators and vendors and will "
    "start work in January, reporting to the foundation every six months."
)
OTHER_STORIES = ["Spectrum auction delayed again", "Operators test sub-THz links"]


def grants_page(*after: str, names: list[str] = CONSORTIA, gap: str = "\n") -> str:
    """A release that names its consortia one a line under INTRO; `after` follows it."""
    top = [*MENU, "Foundation funds 6G consortia", GRANTS, INTRO, *names, GRANTS_2, BODY_3]
    return gap.join([*top, *after])


def grants_kept(names: list[str] = CONSORTIA) -> list[tuple[str, str]]:
    """The release's paragraphs and their kinds, each name a list item."""
    return [
        (GRANTS, "p"),
        (INTRO, "p"),
        *((n, "li") for n in names),
        (GRANTS_2, "p"),
        (BODY_3, "p"),
    ]


def items_and_kinds(text: str) -> list[tuple[str, str]]:
    cleaned = clean_text(text)
    return list(zip(cleaned.paragraphs, cleaned.kinds, strict=True))


@pytest.mark.parametrize("gap", ["\n", "\n\n"], ids=["one-node-per-line", "browser-copy"])
def test_an_unbulleted_list_after_a_colon_stays_each_line_an_item(gap):
    # One name a line, no bullets (a browser copy of <p> or <br> lines, or one
    # text node a line); menu above, share buttons and other stories below.
    copy = grants_page("Share this article", "Other stories this week", *OTHER_STORIES, gap=gap)
    assert items_and_kinds(copy) == grants_kept()


def test_the_names_of_an_unbulleted_list_reach_the_organisation_facet():
    article = extract_document(grants_page(gap="\n\n"), "grants.txt", is_html=False)
    assert {"KTH", "Chalmers", "Lund University"} <= set(article.organisations) | set(
        article.mentions
    )
    assert article.kinds.count("li") == len(CONSORTIA)


def test_a_run_of_links_a_one_word_label_introduces_inside_the_article_goes():
    # "More:" and other stories' headlines between two paragraphs are
    # furniture; the list a sentence introduces in the same article stays.
    copy = grants_page().replace(GRANTS_2, "\n".join([GRANTS_2, "More:", *OTHER_STORIES]))
    assert items_and_kinds(copy) == grants_kept()


def test_a_related_articles_list_a_colon_introduces_below_the_article_goes():
    copy = grants_page("", "You might also like:", *OTHER_STORIES, "", "Terms | Privacy")
    assert items_and_kinds(copy) == grants_kept()


def test_a_long_list_the_article_introduces_does_not_cut_it_in_two():
    # Twelve names cost more than a paragraph weighs: the article must still
    # run on from the paragraph above the list to the ones below it.
    names = [*CONSORTIA, *(f"6G Research Hub {n}" for n in "ABCDEFGH")]
    assert items_and_kinds(grants_page("Privacy policy", names=names)) == grants_kept(names)


def test_a_link_list_a_label_introduces_below_the_article_does_not_carry_it_on():
    # A list that the article's prose introduces is free to cross; a menu
    # under a label ("Stay Connected:") is not, so the publisher's blurb
    # below stays out.
    sections = "Editions National Markets Health Technology Science Climate Sport Weather"
    blurb = [
        "Example Media is an independent publisher of news about telecommunications, "
        "spectrum policy and the companies that build the networks.",
        "Its reporters cover standards meetings, spectrum auctions and research programmes "
        "in Europe, Asia and the Americas for readers in the industry.",
    ]
    copy = grants_page("Stay Connected:", *sections.split(), "Travel", "Video", *blurb)
    assert items_and_kinds(copy) == grants_kept()


@pytest.mark.parametrize(
    ("lead", "intro", "names", "rest", "furniture"),
    [
        (
            "総務省は本日、6G研究開発の第二次公募の採択結果を発表し、四つのコンソーシアムが"
            "今後四年間で総額四十億円の支援を受けることになった。",
            "採択されたコンソーシアムは以下の通り：",
            ["東京大学", "情報通信研究機構", "早稲田大学", "大阪大学"],
            "各コンソーシアムには大学、通信事業者、機器ベンダーが参加し、来年一月から研究開発を"
            "始め、半年ごとに成果を報告する。",
            ["関連記事："],
        ),
        (
            "工业和信息化部今天公布了第二批6G技术研发项目的评审结果，四家单位将在未来四年内"
            "获得总计四亿元的资助。",
            "以下单位获得资助：",
            ["清华大学", "北京邮电大学", "东南大学", "中国信息通信研究院"],
            "各承担单位将联合高校、运营商和设备厂商，从明年一月起开展研发，并每半年向主管部门"
            "报告一次进展。",
            # Related reading between two paragraphs is not a list the article gives.
            ["相关阅读：", "6G频谱规划征求意见", "运营商开展太赫兹试验"],
        ),
    ],
    ids=["ja", "zh"],
)
def test_a_list_introduced_with_a_full_width_colon_stays(lead, intro, names, rest, furniture):
    closing = (
        "主管部门表示，第三批项目预计明年春季启动申报，重点方向包括绿色节能、通信感知一体化"
        "和空天地一体化网络。"
    )
    copy = page("ホーム", "6G研究開発の採択結果", lead, intro, *names, rest, *furniture, closing)
    assert items_and_kinds(copy) == [
        (lead, "p"),
        (intro, "p"),
        *((name, "li") for name in names),
        (rest, "p"),
        (closing, "p"),
    ]


def test_a_text_of_thousands_of_lines_that_join_is_extracted_without_stalling(tmp_path):
    """Every line of this text goes on the sentence above it, so they all join
    into one paragraph. Joining used to ask the whole paragraph so far, at each
    line, whether it ended a sentence: 24,000 lines took minutes. The command
    now finishes well inside the child's time limit (no timing is asserted
    beyond that it finishes)."""
    lines = [f"radio unit {i} of the network" for i in range(24_000)]
    path = tmp_path / "units.txt"
    path.write_text("Radio units in the field\n" + "\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "web.cli", "extract", "--json", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=JOIN_TIME_LIMIT,
    )
    article = json.loads(result.stdout)
    assert "radio unit 23999 of the network" in article["text"]


JOIN_TIME_LIMIT = 60  # seconds; the quadratic join took over 100 here


def test_a_bulleted_link_list_under_a_label_goes_and_a_bulleted_list_after_a_colon_stays():
    # A text-mode browser bullets every <li> of the page: the article's own
    # list (its prose introduces it) and the links a label heads alike.
    dump = page(
        "Foundation funds 6G consortia",
        "",
        GRANTS,
        "",
        INTRO,
        *(f"  • {name}" for name in CONSORTIA),
        "",
        GRANTS_2,
        "",
        "Related Coverage",
        *(f"  • {story}" for story in OTHER_STORIES),
        "",
        BODY_3,
    )
    assert items_and_kinds(dump) == [
        (GRANTS, "p"),
        (INTRO, "p"),
        *((f"• {name}", "li") for name in CONSORTIA),
        (GRANTS_2, "p"),
        (BODY_3, "p"),
    ]


def test_a_caption_printed_twice_in_a_row_goes():
    # A dump prints an image's alt text, and pages give an image twice (with a
    # fallback for readers without scripts): the caption comes twice running.
    caption = (
        "Researchers adjust an antenna array on the roof of the university's radio "
        "laboratory in Oulu during a trial of sub-terahertz links last spring."
    )
    dump = page("Foundation funds 6G consortia", "", BODY_1, "", caption, caption, "", BODY_2)
    cleaned = clean_text(dump)
    assert cleaned.paragraphs == [BODY_1, BODY_2]
    assert [r.reason for r in cleaned.removed if r.line == caption] == [
        "sentence printed twice"
    ] * 2


TEASERS = [
    (
        "Spectrum auction delayed again",
        "Regulators pushed the auction of the upper mid band back by six months after "
        "operators asked for more time to study the coverage rules.",
        "An engineer checks a base station on a mast above the harbour in Helsinki during "
        "a field trial of the new band last autumn.",
    ),
    (
        "Operators test sub-THz links",
        "Three operators ran links at 140 gigahertz across a city centre for a month and "
        "report stable rates in dry weather and drops in heavy rain.",
        "A technician mounts a small horn antenna on a lamp post in the city centre before "
        "the first of the sub-terahertz link trials began.",
    ),
    (
        "Chipmakers join the open radio alliance",
        "Two chipmakers joined the alliance that writes open interfaces for radio units, "
        "bringing the number of members to more than three hundred.",
        "Delegates of the alliance gather in a conference hall in Berlin for the opening "
        "session of the plenary meeting held earlier this month.",
    ),
]


def test_teasers_each_under_a_bulleted_photo_caption_are_not_the_article():
    # A text-mode dump of a list of other stories: each item a photo (its alt
    # text, a sentence, under a second-level bullet), a headline, a byline, a
    # date and a sentence. A caption next to a teaser does not make the two a
    # run of the article's paragraphs.
    teasers = []
    for headline, sentence, caption in TEASERS:
        teasers += [f"      □ {caption}", "", f"        {headline}", "", "        Ann Lee"]
        teasers += ["        November 20, 2026", f"        {sentence}"]
    dump = page("Associations sign 6G research pact", "", BODY_1, "", BODY_2, "", BODY_3)
    dump += "\n\n  • More from the newsroom\n\n" + "\n".join(teasers)
    assert clean_text(dump).paragraphs == [BODY_1, BODY_2, BODY_3]


def test_images_a_dump_shows_by_file_name_do_not_cut_a_list_short():
    # A text-mode dump shows each product's photo by its file name between
    # the items of the list the article ends with.
    picks = ["Open radio unit starter kit", "Software defined radio board", "Sub-THz horn antenna"]
    shots = ["[oru-kit-300x300]", "[sdr_board.jpg]", "[svg][horn]"]
    intro = "Our three picks for a home 6G test bench this winter are these:"
    dump = page("Gift guide for radio tinkerers", "", BODY_1, "", BODY_2, "", intro)
    dump += "\n" + "\n".join(f"{pick}\n{shot}" for pick, shot in zip(picks, shots, strict=True))
    cleaned = clean_text(dump + "\n\n© 2026 Example Media")
    assert cleaned.paragraphs == [BODY_1, BODY_2, intro, *picks]
    assert [r.reason for r in cleaned.removed if r.line in shots] == ["image placeholder"] * 3


def test_an_image_s_file_name_a_browser_shows_as_its_alt_text_is_no_part_of_the_headline():
    # Many CMSs fill an image's alt text with the uploaded file's name, and a browser's
    # copy prints it alone on a line, under the headline it would otherwise continue.
    for shot in ("google.JPG", "6g-lab_2025-04.jpeg", "antenna.webp"):
        copy = page("Home", "News", "Radio labs pool their sub-THz gear", shot, BODY_1, BODY_2)
        cleaned = clean_text(copy)
        assert cleaned.title == "Radio labs pool their sub-THz gear", shot
        assert [r.reason for r in cleaned.removed if r.line == shot] == ["image placeholder"]
    # A sentence naming a file is the article's.
    named = "The data sit in results.png"
    assert named in clean_text(page("Radio labs pool their gear", BODY_1, named, BODY_2)).paragraphs
    # A Chinese or Japanese sentence has no spaces: ending with a file name, it is one still.
    named = "实验室的网络部署示意图见附件：deployment.png"
    assert named in clean_text(page("Radio labs pool their gear", BODY_1, named, BODY_2)).paragraphs


def test_a_footnote_mark_or_an_aside_alone_on_a_line_is_the_sentence_s_not_an_image():
    # One text node per line: a footnote's link and an editor's "[sic]" stand alone,
    # as a dump's image placeholders do; the marks stay in their sentences.
    text = (
        "Operators open a shared 6G test bed\n\n"
        "The three operators agreed on Tuesday to pool their research on sixth-generation "
        "networks, as the regulator\n[1]\nhad asked in its spectrum plan last year.\n\n"
        "Each partner brings its own laboratory, and the universites\n[sic]\nof the region "
        "will host students who work on radio, energy use and network security.\n"
        "[image]\n[oru-kit-300x300]\n[svg][31de74]\n\n"
        "The agreement runs for three years and is open to further members, the partners said."
        "\n[2]\n"
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Operators open a shared 6G test bed"
    assert cleaned.paragraphs == [
        "The three operators agreed on Tuesday to pool their research on sixth-generation "
        "networks, as the regulator [1] had asked in its spectrum plan last year.",
        "Each partner brings its own laboratory, and the universites [sic] of the region will "
        "host students who work on radio, energy use and network security.",
        "The agreement runs for three years and is open to further members, the partners said. [2]",
    ]
    assert [r.line for r in cleaned.removed if r.reason == "image placeholder"] == [
        "[image]",
        "[oru-kit-300x300]",
        "[svg][31de74]",
    ]


def test_a_line_s_glued_stamp_is_read_once_while_the_title_is_picked():
    """Title picking asks each line above the article up to four times whether a
    date and time end it (`_glued_stamp`); the answer is remembered, not worked out
    again (3 % less CPU for the text shapes of the shared benchmark)."""
    from indexer.extract import textclean

    stamped = "Season standings Friday, 22 October 2010 at 20:13"
    textclean._glued_stamp.cache_clear()
    cleaned = clean_text(page("Home", "News", stamped, "", BODY_1, "", BODY_2))
    assert cleaned.title == "Season standings"
    asked = textclean._glued_stamp.cache_info()
    assert asked.hits > 0 and asked.misses <= 4  # the three lines above, and the title


def test_thousands_of_alike_paragraphs_are_checked_for_repeats_in_linear_time(finishes):
    """Each paragraph was compared with every earlier one (20,000 alike lines took
    minutes); the alarm turns a return of that into a failure."""
    from indexer.extract.textclean import without_repeats

    paragraphs = []
    for day in range(10_000):
        paragraphs.append(f"• item number {day} of the list")
        paragraphs.append(
            f"The network partners said on day {day} that the trial of the new radio"
            f" went well for all {day} sites in the north."
        )
    removed = []
    assert without_repeats(paragraphs, removed) == paragraphs
    assert removed == []


def test_a_line_that_strings_the_article_together_again_still_goes():
    from indexer.extract.textclean import without_repeats

    article = [
        "The two associations signed a memorandum on sixth generation research in Geneva today.",
        "They will share test beds for sub-terahertz radio and publish joint papers each year.",
        "A steering group of six members meets every quarter to choose the next topics of work.",
    ]
    removed = []
    kept = without_repeats([*article, "Menu", " ".join(article)], removed)
    assert kept == [*article, "Menu"]
    assert [r.reason for r in removed] == ["repeat of the text above"]


def test_a_paragraph_said_again_further_back_stays_and_two_joined_go():
    """A paragraph that repeats one earlier paragraph beyond the last three stays
    (an interview's set question); one that joins two earlier ones goes, however
    far back they are (the index of sequences is built only when a line needs it)."""
    from indexer.extract.textclean import without_repeats

    question = "What does the new agreement change for the research teams of both partners?"
    answers = [
        "The two institutes will open their radio laboratories to each other's students.",
        "Joint papers on sensing and positioning are planned for every year of the deal.",
        "A steering group of six members meets each quarter to choose the next topics.",
        "Funding comes from both governments and from the companies that join later.",
        "The first results are expected before the end of the coming summer season.",
    ]
    joined = f"{answers[0]} {answers[1]}"
    removed = []
    kept = without_repeats([question, *answers, question, joined], removed)
    assert kept == [question, *answers, question]
    assert [r.line for r in removed] == [joined]


def test_a_short_headline_cut_at_a_link_is_one_title_again():
    """A copy of one text node a line cuts a headline at its link ("6G"): the
    pieces are the headline again, however few words stand before the link."""
    copy = page(
        "Menu",
        "Home",
        "News",
        "Lab tests",
        "6G",
        "beams over sea ice",
        "12.3.2025",
        "The lab measured how 6G beams travel over sea ice near the coast, a question "
        "for ports and ships that want fast links far from land.",
        BODY_2,
    )
    assert clean_text(copy).title == "Lab tests 6G beams over sea ice"


def test_a_headline_with_a_widgets_word_the_lead_tells_is_the_title():
    """ "Sharing" or "sign up" mark a share bar or a login link, but the headline
    of a story on spectrum sharing has them too: the lead tells that line."""
    headline = "Regulators publish rules for 6G spectrum sharing in the upper mid band"
    copy = page(
        "Home",
        "Spectrum policy",
        "Press room",
        "Press releases",
        headline,
        "The regulators of four countries published common rules today for sharing "
        "spectrum in the upper mid band between 6G networks and satellite services.",
        BODY_2,
        "Share this",
        "LinkedIn",
    )
    assert clean_text(copy).title == headline


def test_a_headline_on_sharing_that_the_lead_words_otherwise_is_the_title():
    """ "Sharing" alone is a story's word (spectrum, infrastructure, data sharing);
    a share bar says "Sharing is caring" or "Social sharing". A headline on sharing
    is the title even when the lead tells it in other words."""
    headline = "At odds over 6 GHz: sharing the band between mobile and Wi-Fi"
    copy = page(
        headline,
        "The world radio conference left the upper part of the band to each country, "
        "and regulators now weigh a split against a single technology for it.",
        BODY_2,
        "Sharing is caring",
        "LinkedIn",
    )
    cleaned = clean_text(copy)
    assert cleaned.title == headline
    assert "Sharing is caring" not in cleaned.text


def test_a_name_the_lead_prints_whole_is_not_the_title():
    """The institute's name under its logo is the lead's subject word for word
    ("The Institute for Radio Research and Technology has …"); the headline is
    retold in other words, and it is the title even though it stands further down."""
    headline = "World's first 1 Tbps link over a single channel at 300 GHz"
    copy = page(
        "IRRT",
        "Institute for Radio Research and Technology",
        "English",
        "Sitemap",
        "About",
        "Research",
        "Press Release",
        "2025",
        "Press Release",
        "August 28, 2025",
        headline,
        "Points",
        "A link of one terabit per second over a single channel",
        "A new transmitter built with photonics",
        "Overview",
        "The Institute for Radio Research and Technology has achieved a wireless "
        "transmission at one terabit per second over a single channel in the 300 GHz band.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_byline_in_small_letters_is_not_joined_to_the_headline():
    """An Italian or Swedish byline starts in small letters ("di Marco Bellini",
    "av Eva Berg"), as a sentence's next piece does; one small word and a name
    under a line that does not end open is the byline, not the headline's end."""
    headline = "Operatore e politecnico aprono un laboratorio 6G per le fabbriche"
    copy = page(
        "Tecnologia",
        "Home",
        "Mobile",
        headline,
        "di Marco Bellini",
        "Pubblicato il 9 ottobre 2025, 12:04",
        "L'operatore e il politecnico hanno inaugurato un laboratorio 6G per le fabbriche, "
        "dove robot e sensori sono collegati via radio.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_deck_under_a_headline_that_ends_open_is_not_joined_to_it():
    """A headline may end in a preposition ("… what it's for"); the long deck under
    it, in capitals first, is a paragraph of its own, not the rest of its sentence."""
    headline = "Is 6G worth it? Operators still can't say what it's for"
    deck = (
        "Five years after the first 5G launches, the industry is preparing the next "
        "generation without a clear answer to what customers will pay for"
    )
    copy = page(
        *MENU,
        "Technology",
        headline,
        deck,
        "Ann Lee",
        "Tue 18 Nov 2025 06.00 GMT",
        "The mobile industry is about to start building 6G, and operators still cannot say "
        "what most people will use it for or whether it is worth it.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_wrapped_headline_ending_in_a_place_keeps_its_end():
    """Only the word for "by" makes a byline: a headline wrapped at 80 columns
    whose last line is a preposition and a name ("in New York City") is one
    headline."""
    headline = (
        "Operator and university open a joint 6G research laboratory for sub-terahertz "
        "radio in New York City"
    )
    copy = page(
        "Technology",
        "Home",
        "Operator and university open a joint 6G research laboratory for sub-terahertz radio",
        "in New York City",
        "Published 9 October 2025, 12:04",
        "The operator and the university have opened a 6G laboratory where robots and "
        "sensors are linked by radio.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_footnote_mark_at_the_top_of_a_page_leaves():
    """A mark with no line above it in its block (the page's top, or after a blank
    line) marks nothing: it goes as a dump's image placeholder does, not as a
    paragraph of its own; the marks in the text stay."""
    lead = (
        "BERLIN, 4 March 2024 - Three operators tested spectrum sharing for 6G in a trial "
        "that ran for two weeks.[2]"
    )
    text = f"[1]\nOperators test 6G spectrum sharing\n{lead}\n[3]\nThe trial used one band.\n"
    cleaned = clean_text(text)
    assert cleaned.paragraphs == [lead + " [3]", "The trial used one band."]
    assert [r.line for r in cleaned.removed] == ["[1]"]


def test_subheads_under_a_headline_are_its_deck_however_many():
    """Korean and Chinese papers print three or four subheads in one paragraph
    under the headline; the lead may retell the last of them best, and the
    headline above the paragraph is still the title."""
    headline = "부산대, 6G 안테나 공동 연구 가속"
    text = (
        f"{headline}\n\n"
        "제1회 공동 연구 회의 열어\n"
        "다양한 시험 설비 공유 확대 나서\n"
        "총장 강력 의지 반영 계획\n"
        "오울루대와 6G 안테나 시험 착수 연구실 공유\n\n"
        "부산대가 오울루대와 6G 안테나 시험에 착수했다. 두 대학은 공동 연구를 위해 "
        "연구실을 함께 쓰며 4년 동안 시험을 진행한다.\n\n"
        "연구진은 첫 측정 결과가 봄에 나온다고 설명했다. 두 대학의 연구실은 학생 교류도 "
        "함께 운영한다.\n"
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "suffix",
    ["| Virginia Tech News", "| GOV.UK", "| Mobile World Live", "• The Register"],
)
def test_a_tab_title_alone_loses_the_sites_name_after_its_pipe_or_bullet(suffix):
    headline = "Federal funding to boost two university wireless security projects"
    copy = page(
        f"{headline} {suffix}",
        "Two university projects on the security of open radio networks won federal "
        "funding this week, the wireless security programme announced.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_name_after_a_middle_dot_stays_in_the_headline():
    """CJK headlines list their partners with a middle dot ("… 협약 · KT"): no site."""
    headline = "노키아와 6G 연구 협력 업무협약 · KT"
    assert textclean._title_text(headline) == headline


def test_a_speakers_name_and_organisation_is_no_title_but_no_byline_either():
    """A release lists its speakers by name and organisation: never a title, but
    kept in the body (the HTML path drops what `is_byline` calls a byline)."""
    assert textclean._is_furniture("Ann Lee, Harbour Laboratories Europe GmbH")
    assert not textclean.is_byline("Ann Lee, Harbour Laboratories Europe GmbH")


@pytest.mark.parametrize("number", ["Ep. 103", "Episode 7", "Part 2"])
def test_an_episodes_number_after_the_pipe_is_the_titles(number):
    headline = f"What operators want from 6G spectrum | {number}"
    copy = page(
        headline,
        "Operators told the podcast what they want from 6G spectrum, and why the "
        "upper bands matter for the first networks.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_section_glued_before_a_headline_printed_alone_too_goes():
    """The section's name is a word of the lead too, so the tab title's copy
    tells the lead more than the headline does."""
    headline = "Regulator opens the upper 6 GHz band to 6G trials"
    copy = page(
        "Business",
        "Log In",
        "Today's Paper",
        f"Business|{headline}",
        "",
        "Subscribe",
        "Advertisement",
        "",
        "Continue reading the main story",
        "",
        headline,
        "",
        "The regulator's move ends a year of consultation and opens the band, experts say.",
        "",
        "By Bo Ek",
        "",
        "When the regulator opened the consultation last year, few operators answered. Now",
        "the band is open to trials of 6G radio across the country, a boost for the",
        "business of operators, the regulator said.",
        "",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_section_before_a_pipe_is_looked_for_in_linear_time_on_a_run_of_spaces(finishes):
    # each space started a scan of the run (100,000 spaces took 12 s)
    line = "Oulu opens a radio lab" + " " * 400_000 + "x"
    assert textclean._without_section(line, set()) == line
    printed = {"oulu opens a radio lab"}
    assert textclean._without_section("Business |  Oulu opens a radio lab", printed) == (
        "Oulu opens a radio lab"
    )


def test_a_standfirst_printed_over_its_headline_is_no_title():
    """A page may print its standfirst, a sentence longer than any headline and
    without its full stop, over the headline; the lead and the list under it
    retell both, but the shorter line under the standfirst is the headline."""
    headline = "Canada proposes direct-to-device satellite connectivity in mobile spectrum bands"
    standfirst = (
        "The regulator's proposed framework identifies six bands that could be repurposed "
        "as it seeks to boost mobile coverage and competition in unconnected areas"
    )
    copy = page(
        standfirst,
        headline,
        "On 17 June 2024, the Canadian government released a consultation on a new spectrum "
        "policy, a first step towards letting operators use their commercial spectrum to "
        "expand mobile services via satellite. The consultation outlines the proposed "
        "licensing and technical framework for mobile coverage via satellite.",
        "The regulator named recent policy precedents for its proposed satellite strategy, "
        "and listed its aims for the bands it identifies.",
        "Expanding mobile services in unserved areas and unconnected communities;",
        "Promoting competition in the provision of mobile services so that consumers benefit;",
        "Supporting the reliability of telecoms services; and",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_headline_with_its_full_stop_printed_twice_first_is_the_title():
    headline = "Vendor plans a new path for radio: large 6 GHz rollout to begin in 2 years."
    copy = page(
        headline,
        "",
        headline,
        "",
        "The 6 GHz band, once a distant plan, is now close to commercial use, the vendor said "
        "at the congress this week.",
        "",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_long_fields_label_with_its_colon_is_no_title():
    headline = "Ideas Lab: breaking the latency barrier in next-generation wireless networks"
    copy = page(
        headline,
        "Program Solicitation",
        "Document History",
        "- Posted: February 20, 2024",
        "Program Solicitation 24-545",
        "Preliminary Proposal Due Date(s) (required) (due by 5 p.m. submitter's local time):",
        "April 18, 2024",
        "Full Proposal Deadline(s) (due by 5 p.m. submitter's local time):",
        "September 30, 2024",
        "Important Information And Revision Notes",
        "Any proposal submitted in response to this solicitation should follow the guide "
        "in effect for the relevant due date to which the proposal is being submitted.",
        BODY_2,
    )
    article = extract_document(copy, "page.txt", is_html=False)
    assert (article.title, article.date) == (headline, date(2024, 2, 20))


def test_a_question_under_a_breadcrumb_is_the_headline():
    """A CJK headline with its exclamations and question reads as the article's
    first sentence; under a breadcrumb it is the headline, not the site's tagline."""
    headline = "国家出手!6G研发工作正式启动! 6G,到底有多快?"
    copy = page(
        "某某经济周刊官方网站  中央新闻网站  新闻信息稿源单位",
        "",
        "经济网 中国经济论坛",
        "",
        "首页 > 周刊厨房 > 正文",
        "",
        headline,
        "",
        "近日,科技部会同国家发改委、教育部、工信部、中科院、自然科学基金委宣布成立国家6G技术"
        "研发推进工作组和总体专家组。其中,推进工作组由相关政府部门组成,职责是推动6G技术研发"
        "工作实施。总体专家组由来自高校、科研院所和企业共37位专家组成。",
        "",
        "1",
        "",
        "此前,有专家认为,将来6G将会被用于空间通信、智能交互、触觉互联网、多感官混合现实、"
        "机器间协同、全自动交通等场景。",
        "",
        "(网络编辑:小明)",
    )
    assert clean_text(copy).title == headline


def test_a_headline_over_its_subtitle_that_the_lead_does_not_retell_is_the_title():
    """Korean and Japanese papers print a subtitle or two under the headline;
    when the lead retells neither, the topmost of the run is the headline."""
    headline = "'6G 2026년 시범사업' 목표…과기부, 5년간 2천억원 투입"
    copy = page(
        "실시간 뉴스",
        "",
        headline,
        "",
        "6G 표준특허 창출지원 및 6G 전문인재 양성 병행 추진",
        "",
        "[아이뉴스24 김기자 기자] 정부가 본격적인 6세대통신(6G) 개발에 착수한다.",
        "",
        "과학기술정보통신부는 미래 이동통신 네트워크 주도권 선점을 위한 핵심기술개발사업을 "
        "본격 추진한다고 7일 발표했다.",
    )
    assert clean_text(copy).title == headline


@pytest.mark.parametrize(
    "caption",
    [
        "4月24日,重点实验室内,工作人员在做实验。记者郝飞摄",
        "有識者会議の初会合であいさつする総務相=13日午後、総務省",
        "会見する研究所の所長＝共同",
    ],
)
def test_a_cjk_photo_caption_with_its_photographer_or_day_is_no_title(caption):
    headline = "総務省、6Gで研究基金創設へ 開発主導目指す"
    copy = page(
        headline,
        "",
        "[有料会員限定]",
        "",
        caption,
        "",
        "有識者の会合が開かれ、次の世代の通信規格について議論が交わされた。参加者からは"
        "国際的な競争に備えるべきだとの意見が相次いだ。",
        "",
        "会合は月に一度開かれる。",
    )
    assert clean_text(copy).title == headline


def test_a_breadcrumbs_items_each_with_its_arrow_are_no_title():
    headline = "Kindle for PCをショートカットキーで立ち上がらなくする方法"
    copy = page(
        "Home ›",
        "ソフトウェア ›",
        "Kindle for PCをショートカットキーで立ち…",
        headline,
        "",
        "Kindle書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末で読むことが多いと"
        "思います。今回はその設定を紹介します。",
        "",
        "設定は数分で終わります。",
    )
    assert clean_text(copy).title == headline


def test_a_cards_day_glued_to_a_cjk_headline_is_no_part_of_it():
    headline = "Kindle for PCをショートカットキーで立ち上がらなくする方法"
    assert textclean._title_text(f"{headline}2018-08-16") == headline


def test_a_twice_escaped_entity_in_the_headline_is_its_character():
    copy = page(
        "Lab tests 6G links &mdash; and the first results are in",
        "The lab tested 6G links over the harbour this week, and the first results of "
        "the measurements are in, the researchers said.",
        BODY_2,
    )
    assert clean_text(copy).title == "Lab tests 6G links — and the first results are in"
    # a space or a line break it names is one space, as in the copy's lines
    assert textclean._title_text("Lab tests 6G&nbsp;links &#10; over the water") == (
        "Lab tests 6G links over the water"
    )


def test_a_bylines_word_left_at_the_headlines_end_goes():
    copy = page(
        "Instituto lidera projeto para o desenvolvimento de comunicações 6G Por",
        "",
        "Investigar tecnologias para a sexta geração (6G) de comunicações móveis é o "
        "objetivo do projeto, liderado pelo instituto e com treze parceiros europeus.",
        BODY_2,
    )
    title = clean_text(copy).title
    assert title == "Instituto lidera projeto para o desenvolvimento de comunicações 6G"


@pytest.mark.parametrize("headline", ["The Rules 6G Operators Will Live By", "Numbers to Live By"])
def test_a_title_case_headline_keeps_its_own_by_at_the_end(headline):
    assert textclean._title_text(headline) == headline


@pytest.mark.parametrize(
    "author",
    [
        "Hans van der Berg, Harbour Laboratories Europe GmbH",
        "Chair: Ann Lee, Technische Universität Braunschweig, Centre for Radio",
    ],
)
def test_a_writers_name_and_organisation_under_the_headline_is_no_title(author):
    """Though the lead names the writer's organisation and not the headline's words."""
    headline = "Summary report from the spring plenary"
    copy = page(
        headline,
        "",
        author,
        "",
        "Harbour Laboratories Europe and the Technische Universität Braunschweig hosted the "
        "group, which agreed the work plan for the next release and approved two studies.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


@pytest.mark.parametrize(
    "headline",
    [
        "Samsung Electronics, Seoul National University Team Up",
        "Keysight Technologies, University of Oulu Collaborate on Wireless Research",
    ],
)
def test_a_title_case_headline_of_two_partners_is_no_writers_affiliation(headline):
    """A firm's name, a comma and a university's name then what they do: a headline."""
    copy = page(
        headline,
        "",
        "The partners signed a research agreement on Monday, covering wireless links and "
        "new antennas for the next generation of networks.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_long_run_of_spaces_before_no_pipe_is_read_in_linear_time(finishes):
    # each space used to start a scan of the run to its end looking for the pipe
    # (20,000 spaces took 0.7 s, this size minutes); now only the run's first does
    from indexer.extract.textclean import _SITE_SUFFIX

    line = "Operators test 6G" + " " * 400_000 + "in the port"
    assert _SITE_SUFFIX.sub("", line) == line
    assert _SITE_SUFFIX.sub("", line + " | Virginia Tech News") == line


def test_a_pipe_inside_a_headline_stays():
    headline = "Operators test 6G | what the first trials in the port showed"
    copy = page(
        headline,
        "Operators tested 6G in the port this week, and the first trials showed what "
        "the radio links can carry.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_headline_over_its_standfirst_with_a_divider_between():
    """A divider ("-") between the headline and a long standfirst without a full
    stop is no line: the headline stands right above the standfirst."""
    headline = "Defining the future for the upper 6 GHz band and satellites"
    copy = page(
        "Home",
        f"NewsSpectrum{headline}",
        headline,
        "-",
        "The world radio conference ended in December after four weeks of talks between "
        "more than three thousand delegates from over one hundred and sixty countries",
        "The world radio conference is held every four years, and the talks in December "
        "ended with new rules for mobile networks and satellites in several bands.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_headline_a_copy_glued_to_itself_is_the_title_once():
    headline = "EU research project starts 6G trials"
    copy = page(
        f"{headline} {headline}",
        "The EU research project on 6G started its trials on the first of January, "
        "with twenty-five partners from industry and universities.",
        BODY_2,
    )
    assert clean_text(copy).title == headline


def test_a_short_chinese_headline_in_two_halves_is_no_section_label():
    """A Chinese headline may be two short halves with a space between
    ("6G聯盟 湖北啟動"); a section label's halves are shorter or it has none."""
    headline = "6G產業聯盟 湖南啟動"
    text = (
        f"科技 新闻\n{headline}\n\n聯合報／ 大陸中心／綜合報導\n\n"
        "湖南加快推進6G技術研發，省內6G產業聯盟昨日啟動組建，聚焦核心技術、標準與應用場景。\n\n"
        "聯盟成員包括大學、研究機構與電信業者，將共同建設試驗網路。\n"
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "caption",
    [
        "晶片業者表示6G預商用設備將在2028年推出。聯合報系資料照",
        "▲晶片業者表示6G預商用設備將在2028年推出。（圖／業者提供）",
        "晶片業者表示6G預商用設備將在2028年推出（圖／業者提供）",
    ],
)
def test_a_chinese_photo_caption_with_its_credit_is_no_title(caption):
    """A caption under the headline retells the lead as well as the headline
    does; its credit ("（圖／…）", "資料照") tells it apart."""
    headline = "6G預商用設備 2028年推出"
    text = (
        f"{headline}\n\n聯合報／ 科技中心／綜合報導\n\n{caption}\n\n"
        "晶片業者表示，6G預商用設備將在2028年推出，並與電信業者合作進行試驗。\n\n"
        "業者指出，6G標準預計在2029年完成，商用網路隨後展開建置。\n"
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "furniture",
    [
        "当前位置: 华文世界 > 科技",
        "本網站使用相關技術提供更好的閱讀體驗，同時尊重使用者隱私，當您關閉此視窗，代表您同意上述規範。",
        "Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.",
        "若您繼續瀏覽本站，即表示您同意我們的隱私權政策。",
        "Está Vd. en",
        "Sie sind hier: Startseite > Presse",
    ],
)
def test_a_breadcrumb_or_cookie_banner_in_other_languages_is_no_title(furniture):
    headline = "中国成功发射6G试验卫星"
    text = (
        f"{furniture}\n\n{headline}\n\n"
        "中国成功发射一颗6G试验卫星，用于验证星地通信技术，相关试验将在今年内完成。\n\n"
        "研究人员表示，卫星将测试太赫兹频段的传输性能。\n"
    )
    assert clean_text(text).title == headline


def test_a_chinese_wire_copys_title_field_gives_the_title_without_its_mark():
    text = (
        "题：6G：构筑未来世界的神经网络\n\n"
        "6G被视为构筑未来世界的神经网络，各国正加快研发，争取在标准制定中占据主动。\n\n"
        "专家表示，6G将把通信、感知与计算融为一体。\n"
    )
    assert clean_text(text).title == "6G：构筑未来世界的神经网络"


@pytest.mark.parametrize(
    "subtitle",
    [
        "— Highlighting trial progress with three vendors, two labs and an operator —",
        "～ Highlighting trial progress with three vendors, two labs and an operator ～",
    ],
)
def test_a_subtitle_between_dashes_under_the_headline_is_not_its_rest(subtitle):
    """Japanese releases print a subtitle between dashes or waves under the
    headline, often as wide as it: the two lines are no hard-wrapped paragraph."""
    headline = "Operator and its partners expand 6G trials with a chip maker and a test vendor"
    block = [textclean.Line(headline, 2, width=len(headline)), textclean.Line(subtitle, 2)]
    assert textclean._hard_wrapped(block[:1] + [textclean.Line("and a wrapped rest", 2)])
    assert not textclean._hard_wrapped(block)


def test_a_menu_of_two_section_names_is_no_two_part_headline():
    """Two halves the lead does not tell are a menu's section names (review)."""
    headline = "华为发布6G白皮书"
    text = (
        f"新闻中心 行业动态\n\n{headline}\n\n"
        "华为今天发布6G白皮书，介绍通信与感知融合、网络架构和太赫兹频段的研究进展。\n\n"
        "白皮书还提出了6G标准化的时间表。\n"
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "headline, caption, lead",
    [
        (
            "10年後に巻き返しへ 大臣「早期の取り組み必要」",
            "6Gの総合戦略について説明する総務相＝山田太郎撮影",
            "総務省は6Gの総合戦略を今夏にまとめる。総務相は記者会見で6Gの総合戦略について説明した。",
        ),
    ],
)
def test_a_japanese_photo_credit_marks_a_caption(headline, caption, lead):
    text = f"{headline}\n\n{caption}\n\n{lead}\n\n{lead[:20]}…の続き。\n"
    assert clean_text(text).title == headline


def test_a_chinese_headline_that_starts_with_names_between_slashes_is_a_title():
    """Bylines are short parts between slashes and nothing else; a headline may
    start with two names and a slash and go on (review)."""
    headline = "華為／中興 6G專利競賽升溫"
    text = (
        f"{headline}\n\n記者王明／台北報導\n\n"
        "華為與中興的6G專利申請數量持續增加，兩家公司在標準必要專利上的競賽升溫。\n\n"
        "業者指出，6G標準預計在2029年完成。\n"
    )
    assert clean_text(text).title == headline


def test_a_news_sentence_that_goes_on_and_agrees_is_no_cookie_banner():
    """A sentence with "继续…表示同意" marks a banner: the browsing goes on (review)."""
    from indexer.extract.htmlclean import clean_html

    sentence = "美方继续施压，日本表示同意加入6G联盟。"
    body = [
        "美日两国在东京举行6G合作会谈，双方讨论了太赫兹频段和网络架构的研究进展。",
        sentence,
        "会谈还涉及标准化的时间表和频谱分配等议题，双方同意年内再次会面。",
    ]
    assert sentence in clean_text("美日举行6G合作会谈\n\n" + "\n\n".join(body) + "\n").paragraphs
    page = "".join(f"<p>{p}</p>" for p in body)
    assert sentence in clean_html(f"<html><body><article>{page}</article></body></html>").paragraphs


def test_a_headline_with_its_topic_before_a_slash_is_no_byline():
    """A Taiwanese paper's "topic／headline" has a byline's shape ("記者王明／台北報導");
    the lead tells the headline and never the byline (review)."""
    headline = "中美科技戰／6G競賽升溫"
    text = (
        f"{headline}\n\n記者王明／台北報導\n\n"
        "中美科技戰延燒，6G競賽升溫，華為已經在太赫茲通信方面取得突破，美國則加緊制定6G標準。\n\n"
        "專家表示，6G競賽將決定未來十年的科技格局。\n"
    )
    assert clean_text(text).title == headline


def test_a_headline_printed_again_as_the_photos_caption_beats_a_quote_above_it():
    """A quote set above the headline retells the lead as well as the headline
    does and stands further from the byline; the page printing the headline
    again in the article (as its photo's caption) tells which is the headline."""
    headline = "Nordic labs open shared 6G test network"
    text = page(
        '"Terahertz links at a terabit a second within five years"',
        headline,
        "The Nordic labs opened a shared 6G test network for terahertz links on Monday, "
        "with a terabit a second as the goal.",
        "",
        "The network links four universities and two operators' test sites.",
        "",
        headline,
        "",
        "Funding comes from the national research councils, which set aside money "
        "for the first three years of the network's work.",
    )
    assert clean_text(text).title == headline


def test_a_headline_printed_twice_around_its_kicker_is_the_title():
    headline = "Samsung and LG set up research centres for 6G networks"
    text = page(
        "Sunday, December 15, 2019",
        headline,
        "A head start in 6G research",
        headline,
        "By Kim Lee",
        "June 5, 2019, 10:10",
        "",
        "Samsung and LG have set up research centres for 6G networks, a head start "
        "on the next generation of mobile research.",
        "",
        "Both centres will work with universities on terahertz radio.",
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "caption",
    [
        "Eine neue 6G-Antenne für den Terahertz-Bereich im Labor der TU Dresden (Bild: TU Dresden)",
        "Uma nova antena 6G para a faixa de terahertz no laboratório (crédito: Freepik)",
        "삼성전자가 4일 공개한 6G 시험망 장비. [연합뉴스]",
    ],
)
def test_a_photo_caption_with_its_credit_in_other_languages_is_no_title(caption):
    """Under the headline and its deck a caption retells the lead as well as the
    headline does, and stands nearer the article; its credit tells it apart."""
    headline = "6G-Antenne besteht ersten Test im Labor"
    text = page(
        headline,
        "",
        "Die Forscher melden einen Erfolg im Labor",
        "",
        caption,
        "",
        "Eine neue 6G-Antenne für den Terahertz-Bereich hat ihren ersten Test im Labor "
        "der TU Dresden bestanden, wie die Forscher am Montag mitteilten.",
        "",
        "Die Antenne soll im Terahertz-Bereich senden und empfangen.",
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Markt für 6G-Technik wächst bis 2030 um 20 Prozent (Quelle: Statista).",
        "El mercado de equipos 6G crecerá un 20 % hasta 2030 (fuente: GSMA).",
        "O mercado de equipamentos 6G cresce 20% até 2030 (fonte: Anatel).",
    ],
)
def test_a_sentence_citing_its_source_in_brackets_is_no_photo_credit(sentence):
    """A figure's source cited inside a sentence is the body's, as "(source: …)" is
    in English; only a photo's own words in brackets ("(Bild: …)") mark a credit."""
    from indexer.extract.lines import clutter_kind

    assert clutter_kind(sentence) is None


def test_an_arabic_question_printed_twice_above_the_article_is_the_headline():
    """A question is a headline's shape in any script (Arabic closes it with its
    own mark, "؟"): printed twice, it beats the short breadcrumb's copy of it."""
    headline = "مقارنة بين شبكات 5G و 6G: ماذا نتوقع في 2025؟"
    summary = "تمثل شبكات 6G قفزة نوعية في سرعة الاتصال وزمن الاستجابة."
    text = page(
        headline,
        "",
        "مقارنة بين شبكات 5G و 6G",
        "",
        headline,
        "",
        "جدول المحتويات",
        "",
        summary,
        summary,
        "",
        "في هذا المقال نقارن بين شبكات 5G و 6G من حيث السرعة وزمن الاستجابة والتطبيقات، "
        "ونعرض ما نتوقعه من تطورات في عام 2025 على صعيد المعايير والتجارب الأولى.",
        "",
        "يعمل الباحثون في الجامعات والشركات على معايير الجيل السادس منذ سنوات، "
        "وتتوقع الهيئات الدولية أن تكتمل المواصفات الأولى قبل نهاية العقد.",
        "",
        "وتختلف شبكات الجيل السادس عن الخامس في استخدام ترددات أعلى بكثير، "
        "ما يتيح سرعات أكبر لكنه يتطلب عددا أكبر من المحطات.",
    )
    assert clean_text(text).title == headline


def test_a_headline_over_two_decks_right_above_the_article_is_no_list_of_teasers():
    """Three headline-shaped lines, one under the other, are a list of other
    stories when a headline stands elsewhere; when they are all there is above
    the article, the headline is among them: the top one, over its decks."""
    headline = "US and EU join forces on 6G standards"
    text = page(
        headline,
        "",
        "Partners sign a cooperation deal on research and development of the sixth mobile "
        "generation, including the harmonisation of spectrum",
        "US and EU step up cooperation on development and standardisation of 6G",
        "",
        "The United States and the European Union signed an agreement on Thursday to "
        "work together on 6G research, standards and spectrum.",
        "",
        "Both sides want a common global standard for 6G under 3GPP.",
    )
    assert clean_text(text).title == headline


def test_a_section_under_the_parts_a_breadcrumb_ends_in_is_the_title():
    """A white paper's page prints its part and chapter above the section; the
    breadcrumb ends in the section's title (without its number)."""
    section = "(2) 次世代通信技術(Beyond 5G(6G))研究開発の推進"
    text = page(
        "総務省トップ > 政策 > 白書 > 令和6年版 > 次世代通信技術(Beyond 5G(6G))研究開発の推進",
        "第Ⅲ部 デジタル政策の現状と課題",
        "第4節 ICT研究開発政策の動向",
        "",
        section,
        "",
        "総務省では、次世代通信技術(Beyond 5G(6G))の研究開発を推進するため、"
        "研究開発の課題を公募し、企業や大学の研究開発を支援している。",
        "",
        "基金事業の成果は、Beyond 5G の実現に向けて社会に展開される。",
    )
    assert clean_text(text).title == section


def test_a_reposts_original_title_field_gives_the_title_without_its_mark():
    text = (
        "原标题：清华大学启动6G试验网，网友：5G还没用上\n\n"
        "清华大学去年年底启动了6G试验网建设，研究团队表示，试验将验证太赫兹通信技术。\n\n"
        "专家指出，6G商用预计在2030年前后。\n"
    )
    assert clean_text(text).title == "清华大学启动6G试验网，网友：5G还没用上"


@pytest.mark.parametrize("label", ["Mobile-Menu", "Image source: https://example.org/photos/"])
def test_a_widgets_or_captions_label_under_the_headline_is_not_its_wrapped_end(label):
    headline = "Nordic operators start a joint 6G test network in Oulu"
    text = page(
        headline,
        label,
        "",
        "Three Nordic operators have started a joint 6G test network in Oulu, "
        "the first shared test bed for the next generation of mobile networks in the region.",
        "",
        "The network will run trials of terahertz links and sensing until 2028.",
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "notice",
    [
        "Du har inte javascript påslaget. Det innebär att många funktioner på webbplatsen "
        "inte fungerar som de ska. Läs mer om hur du slår på javascript i din webbläsare.",
        "Bitte aktivieren Sie JavaScript. Ohne JavaScript funktionieren viele Teile dieser "
        "Seite nicht wie vorgesehen. Hinweise dazu finden Sie in Ihrem Browser.",
        "JavaScript est désactivé dans votre navigateur. Sans JavaScript, de nombreuses "
        "fonctions de ce site ne marchent pas. Activez-le dans les réglages.",
    ],
)
def test_a_scripts_off_notice_in_other_languages_is_no_title(notice):
    """Three sentences long, the notice reads as the article's first paragraph: the
    headline under it would be taken for a subhead and the notice for the lead."""
    headline = "Nytt partnerskap med USA om samarbete inom 6G"
    text = page(
        notice,
        "",
        headline,
        "",
        "Publicerad: 15 april 2024",
        "",
        "Ett nytt avtal om samarbete inom 6G har undertecknats mellan svenska och "
        "amerikanska forskningsfinansiärer, med fokus på forskning och innovation.",
        "",
        "Partnerskapet ska främja utbyte mellan universitet och företag.",
    )
    assert clean_text(text).title == headline


def test_a_chinese_caption_with_the_photographers_name_after_file_photo_is_no_title():
    """ "資料照" and the photographer's name after a space close a caption (printed
    twice, as the image's text and as its caption); a headline may go on after
    "資料照" ("資料照片公開") and stays a headline."""
    headline = "6G預商用設備 2028年推出"
    caption = "晶片大廠在展會上展示6G預商用設備，預計2028年推出。圖／本報系資料照 王小明"
    text = (
        f"{headline}\n\n經濟日報／ 記者李明／台北報導\n\n{caption}\n\n{caption}\n\n"
        "晶片業者表示，6G預商用設備將在2028年推出，並與電信業者合作進行試驗。\n\n"
        "業者指出，6G標準預計在2029年完成，商用網路隨後展開建置。\n"
    )
    assert clean_text(text).title == headline
    assert not textclean._CJK_CREDIT.search("台積電舊廠區資料照片公開")


@pytest.mark.parametrize(
    "sentence",
    [
        "Entwickler können so Funktionen aktivieren, die sonst JavaScript im Browser brauchen.",
        "Les opérateurs peuvent activer la 6G; le portail, écrit en JavaScript, suit.",
    ],
)
def test_a_sentence_naming_javascript_across_a_clause_is_no_scripts_off_notice(sentence):
    """A notice asks in one clause ("Bitte aktivieren Sie JavaScript"); a body
    sentence whose verb and "JavaScript" stand in different clauses is no notice."""
    from indexer.extract.lines import clutter_kind

    assert clutter_kind(sentence) is None


@pytest.mark.parametrize(
    ("tagline", "trail"),
    [
        ("Shaping Europe's digital future", "News article | Publication"),
        ("Building Europe's digital industry", "Digibyte | Press"),
    ],
)
def test_a_page_kind_label_stands_between_a_sites_tagline_and_the_headline(tagline, trail):
    """A site's tagline, a label of the page's kind and the headline: the tagline
    shares words with the lead, but the label between tells it is no headline
    over its deck (a trail of one-word names never stands between those)."""
    headline = "Europe presents its vision for 6G networks at a Barcelona trade fair"
    text = page(
        "Skip to main content",
        tagline,
        trail,
        "",
        headline,
        "",
        "At this year's trade fair in Barcelona the Commission presented Europe's vision "
        "for 6G networks and the digital future of its industry to ministers and operators.",
        "",
        "The projects will run until 2027 and involve more than a hundred partners.",
    )
    assert clean_text(text).title == headline


def test_a_trail_of_short_names_is_no_title():
    """The site's name and a language link: a few names of a word or two apart by
    one separator (a breadcrumb's, a page's kind), never a headline."""
    headline = "Inatel and a chip maker team up on a 6G radio for Tsinghua University"
    text = page(
        "Tsinghua University | 中文版",
        "",
        "Latest News",
        headline,
        "",
        "Inatel and a chip maker from Tsinghua University signed a partnership to develop "
        "a 6G radio, with a joint laboratory and grants for students in Santa Rita.",
        "",
        "The first prototype is due next year.",
    )
    assert clean_text(text).title == headline


def test_a_headline_wrapped_over_two_lines_is_whole_when_a_breadcrumb_ends_in_it():
    """A ministry's page breaks its long headline in two lines; its breadcrumb,
    a line of its own, prints the headline whole as its last item: the title is
    both lines, and the breadcrumb no part of the article."""
    text = page(
        "省トップ > 報道資料 > 報道資料一覧 > "
        "次世代通信の研究開発基金の創設 及び基金事業に係る運用方針の公表",
        "",
        "報道資料",
        "",
        "令和6年4月1日",
        "",
        "次世代通信の研究開発基金の創設",
        "及び基金事業に係る運用方針の公表",
        "",
        "本省は、本日、次世代通信の研究開発基金を創設するとともに、基金事業に係る運用方針を定め、"
        "研究機構に通知しました。",
        "",
        "基金事業では、次世代の情報通信基盤の実現に資する技術の研究開発を支援します。",
    )
    cleaned = clean_text(text)
    assert cleaned.title == "次世代通信の研究開発基金の創設及び基金事業に係る運用方針の公表"
    assert not any("報道資料一覧" in paragraph for paragraph in cleaned.paragraphs)


def test_a_translated_storys_headline_is_the_one_its_date_stands_under():
    """A site that translates a story prints the original's headline under its
    own and its date ("8月 19, 2025": English order, the month in CJK); the lead
    tells neither, and the date under the first marks it the headline."""
    headline = "6G革命:驚異的な高速通信と次世代ワイヤレスの最前線"
    text = page(
        headline,
        "",
        "8月 19, 2025",
        "6G Revolution: Blazing Speeds and the Next Wireless Frontier",
        "6G network",
        "  • 6Gはデータ速度を最大1Tbps、遅延を1ミリ秒未満とすることを約束する。",
        "  • 6Gの技術核にはテラヘルツ帯を使い、データレートを引き上げる計画が含まれている。",
        "",
        "次世代の移動通信は2030年ごろの導入が見込まれており、各国で研究開発が進んでいる。",
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    ("headline", "lead"),
    [
        (
            "Huawei / ZTE ban",
            "The Huawei and ZTE ban on 6G equipment was extended by the government on "
            "Tuesday, officials said in a statement.",
        ),
        (
            "Opinion | 6G now",
            "Opinion: the case for building 6G now rather than waiting for the next decade "
            "of standards work is stronger than ever, writes our columnist.",
        ),
    ],
)
def test_a_short_headline_of_two_names_the_lead_tells_is_no_trail(headline, lead):
    """Two short names apart by a slash or a bar are a trail's shape (`_trail`), but
    a line whose words the lead retells is the story's headline."""
    text = page(
        "Home",
        "News",
        "",
        headline,
        "By Ann Lee",
        "May 5, 2025",
        "",
        lead,
        "",
        "More details will follow next week when the parties publish their plans.",
    )
    assert clean_text(text).title == headline


STANDFIRST = (
    "Two associations signed a memorandum on 6G research in Brussels, covering "
    "spectrum, standards and joint testbeds for the next three years."
)


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_headline_under_the_standfirst_a_copy_prints_first_is_the_title(gap):
    """Some pages print the standfirst above the headline: the copy opens with
    a paragraph and the headline, which that paragraph tells, stands under it."""
    headline = "Associations sign 6G memorandum on spectrum and testbeds"
    cleaned = clean_text(
        page(STANDFIRST, "", headline, "", BODY_1, "", BODY_2).replace("\n\n", gap)
    )
    assert cleaned.title == headline
    assert cleaned.paragraphs == [STANDFIRST, BODY_1, BODY_2]


def test_a_headline_under_the_standfirst_with_a_credit_glued_leaves_the_body():
    """The headline under the standfirst goes from the body whole, a source's
    credit glued to it too (the title is without it)."""
    headline = "Associations sign 6G memorandum on spectrum and testbeds"
    cleaned = clean_text(page(STANDFIRST, "", f"{headline}. /China Media Group", "", BODY_1))
    assert cleaned.title == headline
    assert cleaned.paragraphs == [STANDFIRST, BODY_1]


def test_a_line_after_a_one_paragraph_article_is_no_headline_under_its_standfirst():
    """The headline under a standfirst stands before the body or ends a copy of
    the standfirst alone: a line after a copy of one paragraph with more lines
    after it is the page's (a related story's link), no title."""
    related = "Associations sign 6G memorandum on spectrum and testbeds"
    cleaned = clean_text(page(STANDFIRST, "", related, "", "Ericsson opens a 6G lab in Oulu"))
    assert cleaned.title is None
    assert cleaned.paragraphs == [STANDFIRST]


def test_a_section_heading_under_the_first_paragraph_is_no_title():
    """A heading under the first paragraph that the paragraph under it tells
    (a section's) is no headline: the copy has none above its body."""
    heading = "Spectrum and joint workshops on sensing"
    cleaned = clean_text(page(STANDFIRST, "", heading, "", BODY_2))
    assert cleaned.title is None
    assert cleaned.paragraphs == [STANDFIRST, heading, BODY_2]


@pytest.mark.parametrize(
    "line, words",
    [
        ("वैश्विक 6जी पेटेंट", ["वैश्व", "6जी", "पेटें"]),  # Hindi: vowel signs inside words
        ("৬জি প্রযুক্তি", ["৬জি", "প্রযু"]),  # Bengali
        ("नया 5जी। वह आगे है।", ["नया", "5जी", "वह", "आगे", "है"]),  # a danda ends a sentence
    ],
)
def test_the_words_a_lead_is_asked_to_tell_are_whole_in_indic_scripts(line, words):
    """Whether the lead tells a line is asked word by word: a vowel sign inside
    a Devanagari or Bengali word is part of it (Python's \\w stops there, and
    the pieces of two letters left would match any lead by chance)."""
    assert textclean._key_words(line) == words


def test_a_headline_a_later_sentence_of_the_lead_opens_with_is_no_name():
    """A lead may restate the headline as one of its sentences: printed whole
    there, it opens the sentence, where a name (the institute's, the site's)
    stands inside one; it is the title, not the copy with its section glued on."""
    headline = "India joins the top six in global 6G patent filings"
    text = page(
        f"World News {headline}",
        "",
        headline,
        "",
        "New Delhi. After rolling out 5G in record time, the country now works on 6G. "
        f"{headline} and ranks first in some fields, the ministry said on Monday.",
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline


def test_a_headline_with_its_byline_above_a_bar_of_tools_is_no_site_header():
    """A line above the page's first menu is the site's header (a tagline) when a
    line below scores; a bar of tools under the byline (font size, listen,
    share) reads as that menu, but the site's header has no byline under it."""
    text = page(
        "Associations sign 6G pact",
        "Anna Virtanen, reporter",
        "Published 2025-03-04 09:00",
        "|",
        "Font size",
        "|",
        "Listen",
        "|",
        "Share |",
        "• Facebook",
        "• X",
        "Two associations sign a memorandum on 6G research cooperation in Brussels",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == "Associations sign 6G pact"


def test_a_market_ticker_above_the_page_is_not_where_the_article_starts():
    """A finance widget's quotes glued into one long line read as prose: the
    article would start there, and the headline under it be taken for body."""
    ticker = "SOX$7,833.390.40%NVDA$177.390.93%TSM$301.531.18%AMD$258.010.64%" * 5
    headline = "Associations sign 6G research pact"
    text = page(
        "MARKET PULSE",
        ticker,
        f"HomeAI Silicon{headline}",
        "AI Silicon",
        "",
        headline,
        "",
        "Published on: Mar 4, 2026",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Associations sign 6G research pact"
    assert cleaned.paragraphs == [BODY_1, BODY_2]


@pytest.mark.parametrize(
    "line, inside",
    [
        ("the lab said. 6g trials begin now", False),  # opens a sentence
        ("the lab said.  \t6g trials begin now", False),
        ("6g trials begin now", False),  # opens the lead
        ("the lab said 6g trials begin now", True),  # inside a sentence: a name
        ("x. 6g trials begin now and 6g trials begin now", True),  # the second time
        ("   6g trials begin now", True),
    ],
)
def test_a_line_printed_inside_a_sentence_of_the_lead(line, inside):
    """A line the lead prints after a sentence's first word is a name; one that
    opens a sentence (after a full stop and any spaces) is a headline restated."""
    assert textclean._inside_sentence(line, "6g trials begin now") is inside


def test_a_longer_title_case_headline_under_a_short_line_is_no_deck():
    """Of two lines above the article that the lead tells, the upper is the
    headline over its deck; but a deck is a sentence, so a longer line in
    title case under one that is not is the headline, the line above a kicker
    or another story's."""
    headline = "Calling All Makers of Radio Technology – The 6G Test Network Is Open to Startups"
    text = page(
        "Radio lab boot @ Globecom",
        "",
        headline,
        "",
        "The 6G Test Network of the university is open to startups, which can try "
        "their radio designs on a live network; the team showed it at Globecom.",
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline


def test_the_authors_name_over_the_byline_is_no_headline():
    """A columnist's card under the headline prints the name over "By …": the
    byline holds that line whole, so it is the name, not a headline the byline
    follows."""
    headline = "Why the Next Network Will Need to Listen"
    text = page(
        "Opinion",
        "",
        headline,
        "",
        "Regulators want a say in what the sixth generation of mobile networks will carry.",
        "",
        "Ann Lee",
        "By Ann Lee",
        "Opinion Columnist",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline


@pytest.mark.parametrize(
    "byline, line, names",
    [
        ("By Ann Lee", "Ann Lee", True),
        ("By  ann lee | 5 May 2026", "Ann  Lee", True),
        ("By Joann Leeds", "Ann Lee", False),
        ("By Ann Leeds", "Ann Lee", False),
    ],
)
def test_the_byline_names_the_line_in_whole_words(byline, line, names):
    """The author's name over a byline is its words, not letters inside other words."""
    assert textclean._byline_names(byline, line) is names


def test_a_question_over_a_longer_title_case_line_is_the_headline():
    """A question is a headline's in any case: a longer title-case line under it
    is its deck, not the headline (`_headline_under_short_line`)."""
    headline = "Is Oulu's 6G network open?"
    text = page(
        "News",
        "",
        headline,
        "",
        "Oulu Opens 6G Test Network to Startups and Radio Designers",
        "",
        "Oulu opens its 6G test network to startups, which lets them try radio "
        "designs on a live network at the Centre for Wireless Communications.",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline


def test_the_site_name_a_tab_title_adds_goes_when_the_page_prints_it():
    """A saved page opens with its tab title, "headline - site name", and prints
    the site's name on a line of its own (the logo's): that name is no part of
    the headline. A dash the page names no line with stays."""
    text = page(
        "Radio lab opens a 6G test bed in Oulu - Institute of Radio Studies",
        "Skip to content",
        "Institute of Radio Studies",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == "Radio lab opens a 6G test bed in Oulu"
    kept = text.replace("\nInstitute of Radio Studies\n", "\nHome\n")
    assert (
        clean_text(kept).title
        == "Radio lab opens a 6G test bed in Oulu - Institute of Radio Studies"
    )


@pytest.mark.parametrize(
    "title, lines, cut",
    [
        ("Radio lab opens in Oulu | Radio News", ["Radio News"], "Radio lab opens in Oulu"),
        ("Radio lab opens in Oulu – radio news", ["Radio News "], "Radio lab opens in Oulu"),
        ("6G - what operators want from it", ["what operators want"], None),
        ("Acme Oy – Strategic partnership for 6G research", ["Acme Oy"], None),
        ("Oulu - Radio News", ["Radio News"], None),
    ],
)
def test_only_a_site_name_printed_on_its_own_line_is_cut(title, lines, cut):
    """After the last separator only, a name the page prints whole, leaving a headline."""
    own = [textclean.Line(text, block=0) for text in lines]
    assert textclean._without_site_name(title, own) == (cut or title)


def test_a_photos_title_under_a_gallery_counter_is_no_headline():
    """A gallery prints "Image 1 of 3" over its photo's title and caption, between
    the headline and the article; the photo's title the lead tells is still no
    headline. Where a credit closes the caption, the line after it may be one."""
    headline = "Six universities open a shared 6G test network"
    text = page(
        headline,
        "",
        "Bild 1 av 3",
        "Network Trials 6G Partners",
        "Partners at the opening of the 6G test network",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline
    assert textclean._photo_caption(
        [
            textclean.Line(t, 0, kind)
            for t, kind in [("Image 1 of 5", "gallery-counter"), ("A", "short")]
        ],
        1,
    )
    assert not textclean._photo_caption(
        [
            textclean.Line(t, 0, kind)
            for t, kind in [
                ("Image 1 of 5", "gallery-counter"),
                ("Photo: Ann Lee", "image-caption"),
                ("A", "short"),
            ]
        ],
        2,
    )


def test_a_headline_quoting_in_guillemets_is_no_breadcrumb():
    """French, Italian, Russian and Swiss headlines quote in « »: the closing
    guillemet is no breadcrumb's arrow ("Accueil » Actualités » …" is)."""
    headline = "« Réseaux du futur » et « France 6G » : lancement du programme de recherche"
    text = page(
        headline,
        "",
        "Le programme « Réseaux du futur » et la plateforme « France 6G » sont lancés "
        "par le ministère, avec un budget de recherche de plusieurs millions d'euros.",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline
    assert textclean._is_furniture("Accueil » Actualités » Réseaux du futur")


def test_an_interviewers_question_with_its_dash_glued_on_is_no_headline():
    """Japanese interviews print the interviewer's question after a dash with no
    space ("―…を教えてください"): a question, but the interviewer's, not the headline."""
    headline = "地上と宇宙を結ぶ通信網を目指す"
    text = page(
        headline,
        "",
        "―宇宙通信の研究開発の現状を教えてください",
        "",
        "宇宙通信の研究開発は、地上と宇宙を結ぶ通信網の実現に向けて進んでいます。"
        "研究所では長年にわたり衛星との光通信の実験を続けてきました。",
        "",
        "2020年には国際宇宙ステーションと地上局の間で画像の伝送に成功しました。"
        "今後は民間企業と連携して実用化を目指します。",
    )
    assert clean_text(text).title == headline
    assert textclean._is_furniture("――最初に、今回の展示のテーマを教えてください")
    assert not textclean._is_furniture("Oulu opens a 6G test network — for startups")


def test_a_headline_a_blank_line_under_a_gallery_counter_stays():
    """A blank line closes a gallery's caption: the headline under it is no photo's title."""
    headline = "Six universities open a shared 6G test network"
    text = page("Photo 1 of 3", "", headline, "", BODY_1, "", BODY_2)
    assert clean_text(text).title == headline


def test_a_subheading_in_the_article_is_no_site_name():
    """Only a line above the article (the logo's, the header's) names the site: a
    subheading in the article that repeats the headline's end after its dash does not."""
    headline = "Spring budget for 6G research – What it means for you"
    text = page(headline, "", BODY_1, "", "What it means for you", "", BODY_2)
    assert clean_text(text).title == headline


def test_no_site_name_inside_a_quote_in_guillemets_nor_an_empty_one():
    """A closing guillemet with spaces round it is the quote's, no tab title's
    separator; and a separator with nothing after it names no site, not even
    where a line is blank."""
    quoted = "Le ministre lance « France 6G » pour la recherche"
    own = [textclean.Line("pour la recherche", block=0), textclean.Line("  ", block=1)]
    assert textclean._without_site_name(quoted, own) == quoted
    assert (
        textclean._without_site_name(
            "« France 6G » lancé | Radio News", [textclean.Line("Radio News", block=0)]
        )
        == "« France 6G » lancé"
    )
    dangling = "Radio lab opens a test bed in Oulu -  "
    assert textclean._without_site_name(dangling, own) == dangling


@pytest.mark.parametrize(
    "line",
    [
        "Der neue Campus soll die Forschung bündeln. Grafik: Ann Lee",
        "La nueva antena en el laboratorio. Imagen: Universidad de Oulu",
        "Uusi testiverkko avattiin Oulussa. Kuva: Ann Lee",
    ],
)
def test_a_caption_closed_by_its_credit_in_other_languages_is_furniture(line):
    """A caption's credit in German, Spanish, Finnish ... closes a sentence as
    "Photo: …" does in English: a caption, even printed twice, is no headline."""
    assert textclean._captioned(line)
    assert not textclean._captioned("Grafik-Chips für 6G: Ann Lee über neue Pläne")


@pytest.mark.parametrize("tag", ["[단독]", "【関西の産業特集】", "<特集>", "［速報］"])
def test_a_section_tag_in_brackets_before_the_headline_stays_as_printed(tag):
    """Korean, Japanese and Chinese papers print a section's or series' tag in
    brackets on the headline's line ("[사설]" editorial, "[단독]" exclusive,
    "【特集】"): the headline as printed, as the labellers of the real sets of
    the twentieth round keep it (in all five pages that print one)."""
    for printed in (f"{tag} {JA_TITLE}", f"{tag}{JA_TITLE}"):
        text = page("ニュース", "", printed, "", *JA_BODY)
        assert clean_text(text).title == printed


@pytest.mark.parametrize("suffix", [" - 日本経済新聞", " | 중앙일보", " | 北辰日报"])
def test_a_cjk_papers_name_after_the_headline_is_the_sites(suffix):
    """A tab title's paper name in CJK after a dash or a pipe, ending in the word
    for a paper, is the site's; a headline's own dash keeps its words (and so
    does a name ending in "news": "フェイクニュース" may be the headline's)."""
    assert textclean._title_text(JA_TITLE + suffix) == JA_TITLE
    for headline in ("6G時代へ - 総務省が新戦略", "6G時代の情報流通を考える | フェイクニュース"):
        assert textclean._title_text(headline) == headline


@pytest.mark.parametrize(
    "headline",
    [
        "全国供销合作社12日电商节启动 助力6G乡村振兴",
        "ドコモ子会社、5日電波試験を開始",
        "Oulu 6G Summit opens registration (early bird until 5 June 2025 10:00)",
        "Webinar on 6G spectrum sharing (12 March 2025 at 15:00)",
        "华为高管接受路透社采访称6日电话会议将讨论6G",
    ],
)
def test_a_headline_with_a_day_and_a_word_of_a_stamp_keeps_its_words(headline):
    """ "…社12日电商…" is no agency's dateline ("电商", e-commerce), "電波" is
    radio; a time closing a bracket that holds the headline's words, or an event's
    time to the minute, is the headline's."""
    assert textclean._title_text(headline) == headline


@pytest.mark.parametrize(
    "headline",
    [
        "입력 64개·출력 64개 안테나 구조",
        "발행 1년 만에 개정된 6G 백서 반영",
        "论文发表于2025年IEEE国际通信大会",
        "北辰大学6G太赫兹通信成果发表于2025年IEEE旗舰会议",
        "配信 5G時代の次へ、6G実証で新サービス開始",
    ],
)
def test_a_headline_opening_with_a_stamps_field_word_is_no_stamp(headline):
    """A stamp's field name in CJK is one only with a whole day after it."""
    assert not textclean._dated(headline)
    assert textclean._dated("기사승인 2024-10-10 15:12:26")
    assert not textclean._headline_shaped("기사승인 2024-10-10 15:12:26")


@pytest.mark.parametrize(
    ("printed", "headline"),
    [
        ("北辰研究院擬5年投入80億元（中央社記者王明台北21日電）", "北辰研究院擬5年投入80億元"),
        ("推动6G技术研发—新华社北京6月4日电", "推动6G技术研发"),
        ("Nokia opens 6G lab (2025-05-21 17:32)", "Nokia opens 6G lab"),
        ("Nokia opens 6G lab (2025-05-21 17:32:08", "Nokia opens 6G lab"),
    ],
)
def test_a_glued_dateline_or_stamp_goes_with_its_bracket_or_dash(printed, headline):
    """A stamp in figures in its own bracket (to the minute is a machine's too),
    and an agency's dateline in brackets or after a dash, go whole."""
    assert textclean._title_text(printed) == headline


def test_a_korean_writer_field_is_a_short_line_not_a_headline_opening_with_the_word():
    assert textclean._is_furniture("• 작성자 연구처&산학협력단")
    assert textclean._is_furniture("작성자 관리자 | 작성일 2024.05.02 | 조회수 123")
    assert not textclean._is_furniture("작성자 실명제 확대, 6G 커뮤니티에도 적용")


def test_a_headline_printed_twice_under_the_sites_description_is_the_title():
    """A newsroom's page may open with the site's description in a sentence and
    then print the headline twice (<title> and <h1>): the doubled line is the
    headline, though the sentence above it tells none of its words."""
    headline = "Radio Alliance Presents Its Input to the 2030 Vision"
    text = page(
        "Press Room",
        "",
        "News and information about the alliance, including press releases, media advisories"
        " and media contacts.",
        "",
        headline,
        "",
        headline,
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline
    once = text.replace(f"{headline}\n\n{headline}", headline)
    assert clean_text(once).title != headline  # a section's heading over its paragraph


def test_a_headline_over_its_stamp_beats_the_deck_under_the_stamp():
    """A headline in other words than the lead's, its time stamp under it and
    a deck in short lines under the stamp: the deck tells the lead better, but
    the line the stamp stands under is the headline."""
    headline = (
        "Associations join forces: Brussels pact opens a new chapter for the next wireless era"
    )
    text = page(
        "Search",
        "",
        headline,
        "",
        "2025.08.16 16:08",
        "",
        "Two associations sign memorandum on 6G research cooperation",
        "Spectrum and standards covered",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == headline
    # A section's label over the stamp is no headline: the line under the stamp is.
    labelled = text.replace(headline, "Business")
    assert clean_text(labelled).title != "Business"


def test_a_tab_titles_tail_goes_when_the_page_prints_the_headline_alone():
    """The site's name after a tab title's dash is printed only in its logo's
    picture, but the page prints the headline alone as the article's heading:
    what follows the dash is no part of it, and the date by the tab title's
    line is still the page's. A series' name printed alone over
    its episode is shorter than the episode and stays in the title."""
    text = page(
        "2021/03/01",
        "",
        "6G試驗網連接萬家大學 - 科技評論",
        "",
        "按此訂閱",
        "",
        "6G試驗網連接萬家大學",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert clean_text(text).title == "6G試驗網連接萬家大學"
    # The page's date stands by the tab title's line, the one that holds the title.
    assert extract_document(text, "page.txt", is_html=False).date == date(2021, 3, 1)
    own = [textclean.Line("The 6G Research Roundup", block=0)]
    series = "The 6G Research Roundup - Oulu opens a radio lab"
    assert textclean._without_site_name(series, own) == series


@pytest.mark.parametrize(
    "line, headline",
    [
        ("The 6G series workshop by Hexa-X-II", "The 6G series workshop by Hexa-X-II"),
        ("Sub-THz test bed launched by Nokia", "Sub-THz test bed launched by Nokia"),
        ("The 6G Step by Step Guide", "The 6G Step by Step Guide"),
        ("Radio lab in Oulu opened by Mayor Ann Lee", "Radio lab in Oulu opened by Mayor Ann Lee"),
        ("Oulu radio lab run by Radiona 6G team", "Oulu radio lab run by Radiona 6G team"),
        ("New 6G alliance in Oulu led by Ann Lee", "New 6G alliance in Oulu led by Ann Lee"),
        ("Oulu radio mast built by Ann Lee", "Oulu radio mast built by Ann Lee"),
        ("The 6G award won by Ann Lee", "The 6G award won by Ann Lee"),
        ("Oulu 6G start-up co-led by Ann Lee", "Oulu 6G start-up co-led by Ann Lee"),
        ("Oulu opens a 6G testbed by Ann Lee", "Oulu opens a 6G testbed"),
        ("What 6G radio links need by Ann Lee", "What 6G radio links need"),
        ("Oulu radio links at terabit speed by Ann Lee", "Oulu radio links at terabit speed"),
        ("Oulu opens a radio lab by Ann Lee 2h ago", "Oulu opens a radio lab"),
        (
            "Oulu radio lab needs smaller masts by European Radio Agency",
            "Oulu radio lab needs smaller masts",
        ),
        ("Oulu opens a radio lab, written by Ann Lee", "Oulu opens a radio lab,"),
        ("Sub-THz test bed opens in Oulu by Ann Lee", "Sub-THz test bed opens in Oulu"),
        (
            "Sub-THz test bed opens in Oulu by NOKIA — 4 March 2025",
            "Sub-THz test bed opens in Oulu",
        ),
        (
            "Sub-THz test bed opens in Oulu by Ann Lee-Moss and Bo Ek | on 12 JUN 2025",
            "Sub-THz test bed opens in Oulu",
        ),
    ],
)
def test_only_a_writers_name_after_by_is_a_glued_byline(line, headline):
    """A headline may end with "by" and who did it, a firm or a project; a
    writer's glued byline is a person's name, or any name a date or a
    separator follows. A name after a passive verb (irregular ones too: "led",
    "built", "won"; not a noun: "testbed", "speed") is the headline's agent;
    "by" between a word and itself ("Step by Step") names nobody; "5G" is no date."""
    assert textclean._title_text(line) == headline


def test_a_glued_byline_is_looked_for_in_linear_time_on_a_run_of_spaces(finishes):
    """A line padded with a long run of spaces (a text-mode browser's table
    cell) is tried for " by" where the run starts, not at each of its spaces."""
    line = "Oulu opens a radio lab" + " " * 100_000 + "x"
    assert textclean._GLUED_BYLINE.search(line) is None


def test_an_encyclopedias_tagline_is_no_headline():
    """An encyclopedia's page (or a mirror of it) prints a tagline under its
    title in the reader's language; the title is the line above it."""
    for tagline in ("From Wikipedia, the free encyclopedia", "ウィキペディアから無料の百科事典"):
        text = page(
            "Sixth-generation mobile radio systems",
            "",
            tagline,
            "",
            BODY_1,
        )
        assert clean_text(text).title == "Sixth-generation mobile radio systems"


def test_a_writers_field_in_a_table_cell_is_no_headline():
    """A page laid out in a table prints the headline, the writer's field and
    the time stamp each in a cell; the field over the stamp is no headline, and
    the cells' bars are no part of the title."""
    text = page(
        "| Oulu opens a sub-THz radio laboratory |",
        "|",
        "| Автор: Ann Lee, Bo Ek |",
        "| 17.11.2025 11:38 |",
        "|",
        BODY_1,
        BODY_2,
    )
    assert clean_text(text).title == "Oulu opens a sub-THz radio laboratory"


def test_a_korean_photos_credit_marks_a_caption_printed_twice():
    """A Korean paper closes a photo's caption with who provided it ("(KAIST
    제공)") and its agency after a slash; printed twice, and told by the lead
    better than the headline, it is still a caption."""
    caption = "6G 시험망 2026 포스터.(한빛대학교 제공)/한빛뉴스"
    text = page(
        '"열린 연구를 위하여"…한빛대학교, 21일 6G 시험망 행사',
        "",
        caption,
        caption,
        "",
        "(대전=한빛뉴스) 김철수 기자 = 한빛대학교는 오는 21일 오전 11시 본관 대강당에서 "
        "한빛전자, 한빛연구원과 6G 시험망 2026 행사를 연다고 밝혔다.",
        "",
        "시험망은 테라헤르츠 대역의 무선 실험을 지원한다.",
    )
    assert clean_text(text).title == '"열린 연구를 위하여"…한빛대학교, 21일 6G 시험망 행사'


def test_a_date_in_brackets_closing_the_headline_goes_only_with_a_byline():
    """An event's days in brackets after the headline are its words (the people
    who label real pages keep them); after a writer's glued byline the bracket
    is the byline's date and goes with it."""
    assert textclean._title_text("Oulu radio summit opens (31. aug.–1. sep. 2025)") == (
        "Oulu radio summit opens (31. aug.–1. sep. 2025)"
    )
    assert textclean._title_text("Oulu radio summit opens (Part 2)") == (
        "Oulu radio summit opens (Part 2)"
    )
    # a writer's glued byline before the bracket goes too
    assert textclean._title_text("Oulu opens a radio lab by Ann Lee (5 June 2025)") == (
        "Oulu opens a radio lab"
    )


def test_a_closing_bracket_is_looked_for_in_linear_time_on_a_run_of_spaces(finishes):
    """A line padded with a long run of spaces is tried for a closing bracket
    where the run starts, not at each of its spaces."""
    for line in ("Oulu opens a radio lab" + " " * 100_000 + "x", "Oulu opens (" + " " * 100_000):
        assert textclean._without_dated_brackets(line) == line


def test_a_title_is_cut_in_linear_time_on_a_run_of_spaces(finishes):
    """A line padded with a long run of spaces goes through every cut of a
    title's line (a glued name and handle too) in linear time."""
    line = "Oulu opens a radio lab" + " " * 100_000 + "x"
    assert textclean._title_text(line) == line


def test_a_korean_headlines_own_bracket_ending_in_provided_is_no_credit():
    """'제공' ("provided") ends a photo's credit after a caption's full stop or
    before the agency's slash; a headline's own bracket may end with it too."""
    assert textclean._CJK_CREDIT.search("6G 시험망 개소식 모습.(한빛대학교 제공)")
    assert textclean._CJK_CREDIT.search("6G 시험망 2026 포스터(한빛대학교 제공)/한빛뉴스")
    assert not textclean._CJK_CREDIT.search("한빛텔레콤, 6G 시험망 개방(연구기관에 무료 제공)")


def test_a_blog_byline_stamped_in_lower_case_is_no_piece_of_the_headline():
    """A blog prints the writer's name under the headline and "posted on" with the day
    under that, each a line of its own in a browser's copy; both start as a sentence's
    continuation would (a name, a word in lower case), yet they close the headline."""
    text = page(
        "Comment",
        "Tweet",
        "Oulu University Wants To Lead The Race To 6G",
        " Ann Lindqvist",
        "posted on Saturday, August 13th, 2011",
        "Comments",
        "",
        BODY_1,
        "",
        BODY_2,
    )
    article = extract_document(text, "post.txt", is_html=False)
    assert article.title == "Oulu University Wants To Lead The Race To 6G"
    assert article.date == date(2011, 8, 13)


@pytest.mark.parametrize(
    "stamp", ["posted on Saturday, August 13th, 2011", "updated Aug 18th 2010 7:30PM"]
)
def test_a_stamp_in_lower_case_is_a_byline_start_but_a_sentence_is_not(stamp):
    assert textclean._byline_start(stamp)
    assert not textclean._byline_start("published a report on 6G spectrum last week")
    assert not textclean._byline_start("updated its roadmap for 2030")
    # a wrapped headline's line going on with a number or a word like a day's
    for line in ("published 6G white paper", "updated satellite 6G roadmap", "published 12 papers"):
        assert not textclean._byline_start(line)


@pytest.mark.parametrize(
    "caption",
    [
        "The two associations' chairs in Brussels on Tuesday (Photo Bo Ek. AFP)",
        "The two associations' chairs in Brussels on Tuesday (Photo by Bo Ek)",
        "The two associations' chairs in Brussels on Tuesday. | AP Photo Close",
    ],
)
def test_a_caption_with_its_photographer_or_agency_closing_it_is_no_title(caption):
    """A caption is told apart by its credit: the photographer's name in brackets
    after "Photo", or the agency's after a bar following the caption's full stop. The
    caption stands nearer the article and retells the lead more than the headline."""
    text = page(
        "Politics",
        "Lee «defends» her method",
        "27 octobre 2012 à 18:27",
        caption,
        "",
        BODY_1,
        "",
        BODY_2,
    )
    assert extract_document(text, "p.txt", is_html=False).title == "Lee «defends» her method"


@pytest.mark.parametrize(
    "headline",
    [
        "Inside Oulu's new 6G lab (Photo Gallery)",
        "Nokia shows its 6G prototype (Photo Tour)",
        "Nokia shows its 6G prototype (PHOTOS AND VIDEO)",
        "Nokia and Ericsson sign 6G accord | Reuters",
        "Ericsson sues Apple over 6G patents in the U.S. | Reuters",
        "Nokia wins 6G deal with Verizon Inc. | Reuters",
    ],
)
def test_a_headline_naming_photos_or_its_agency_stays_a_headline(headline):
    assert not textclean._is_furniture(headline)
    assert clutter_kind(headline) is None  # (the "(Photo …)" caption is a clutter.toml rule)


def test_a_photo_caption_with_its_photographer_and_outlet_is_no_headline():
    # "… on Thursday. Ann Lee / The Daily": the caption of a photo (printed once per
    # image size) above the headline, which the lead retells as well as the headline;
    # a headline has no full stop before names and a slash.
    caption = (
        "Attendees listen to a panel discussion at the inaugural Oulu 6G Summit on "
        "Thursday afternoon. Ann Lee / The Daily"
    )
    lead = (
        "Finland is determined to play a pioneering role in the development of 6G networks "
        "by ramping up research investments and developing local talent, a senior official "
        "said at the inaugural Oulu 6G Summit on Thursday."
    )
    more = (
        "The upcoming standard requires a collaborative effort, with the city planning to "
        "host more industry events to gather researchers and vendors, he told the panel."
    )
    headline = "Finland seeks to play pioneering role in 6G"
    copy = page(*[caption] * 4, "", headline, "", "", "Ann Lee", "", lead, "", more)
    assert clean_text(copy).title == headline
    # Nor is an abbreviation's full stop a sentence's (review).
    for headline in ("Huawei / ZTE ban widens", "Dr. Ann Lee Joins Nokia / Bell Labs"):
        assert clean_text(page(headline, "", BODY_1, "", BODY_2)).title == headline
