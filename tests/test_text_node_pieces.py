"""A headline that a copy with one text node per line cut into pieces where
letter case cannot tell they belong together (CJK and Hangul have no case, a
piece starts with a figure or a sign, the headline is in capitals) is whole
again when the page shows the cut and the lead retells the pieces; a label
over a headline and a deck under it stay apart."""

from indexer.extract import extract_document

MENU = ["Home", "About", "News", "Research", "Contact"]
BODY = [
    "Harbour Radio Lab and two operators have tested a 6G link that hands calls between "
    "satellites in low orbit and masts on the ground without dropping them.",
    "The test ran for three weeks in the hills north of the city, where the masts often "
    "lose the signal and the satellite takes over.",
    "The partners plan a second round with more handsets next spring.",
]
ZH_BODY = [
    "海港研究院今日宣布，與兩家電信業者合作，完成",
    "6G",
    "低軌衛星與地面行動網路的整合試驗，手機可在兩種網路之間自動切換。",
    "試驗在北部山區進行，地面訊號不足時，終端會自動改由衛星連線。",
    "研究院表示，明年將與更多業者合作，擴大試驗範圍。",
]
KO_BODY = [
    "국내 연구진이 위성통신에 필요한 핵심 부품을 순수 국내 기술로 개발하는 데 성공했습니다.",
    "연구진이 만든 것은 위성 신호를 받아 증폭하는 작은 칩입니다.",
    "연구팀은 2년 안에 상용화하는 것을 목표로 기업과 협력하고 있습니다.",
]
FOOTER = ["Related news", "Lab opens a second site for radio tests", "3 March 2025"]


def title_of(*lead: str, body=BODY, menu=MENU) -> str | None:
    text = "\n".join([*menu, *lead, *body, *FOOTER])
    return extract_document(text, "page.txt", is_html=False).title


def test_a_chinese_headline_cut_at_a_latin_link_is_whole_again():
    title = title_of(
        "新聞稿", "海港研究院攜手兩家電信業者完成", "6G", "低軌衛星與地面網路整合試驗",
        "發布日期：", "2025-10-16", body=ZH_BODY,
    )  # fmt: skip
    assert title == "海港研究院攜手兩家電信業者完成 6G 低軌衛星與地面網路整合試驗"


def test_a_korean_headline_in_three_nodes_is_whole_with_its_spaces():
    title = title_of(
        "IT·과학", "국내 연구진,", "6G 위성통신", "핵심 부품 국산화 성공", "김하늘", "기자",
        "2025.11.20", body=KO_BODY,
    )  # fmt: skip
    assert title == "국내 연구진, 6G 위성통신 핵심 부품 국산화 성공"


def test_a_headline_in_capitals_keeps_its_question_word_and_its_linked_name():
    title = title_of("Perspectives", "WHY", "6G", "SATELLITE LINKS NEED GROUND MASTS", "10.03.2026")
    assert title == "WHY 6G SATELLITE LINKS NEED GROUND MASTS"


def test_a_trademark_sign_and_the_piece_after_it_stay_in_the_headline():
    title = title_of(
        "Investor news", "Harbour Radio Lab launches Falcon", "®",
        "6G satellite link tests for operators", "21 October 2025",
    )  # fmt: skip
    assert title == "Harbour Radio Lab launches Falcon® 6G satellite link tests for operators"


def test_a_headline_cut_at_its_colon_before_a_figure_is_whole_again():
    title = title_of(
        "Press", "Harbour Radio Lab and operators:", "6G link hands calls to satellites",
        "12 May 2025",
    )  # fmt: skip
    assert title == "Harbour Radio Lab and operators: 6G link hands calls to satellites"


def test_a_label_over_a_headline_and_a_deck_under_it_stay_apart():
    # The label's words come back in the lead, but nothing on the page shows a cut.
    title = title_of(
        "Satellite test", "6G link hands calls between satellites and masts",
        "Harbour Radio Lab tested satellite handover in the hills", "12 May 2025",
    )  # fmt: skip
    assert title == "6G link hands calls between satellites and masts"
    deck = "北部山區試驗三週，地面訊號不足時自動改由衛星連線"
    zh = ["海港研究院完成6G低軌衛星與地面網路整合試驗", deck, "2025-10-16"]
    assert title_of(*zh, body=ZH_BODY) == zh[0]


def test_a_badge_or_a_kicker_next_to_a_cjk_headline_is_no_piece_of_it():
    headline = "海港研究院完成低軌衛星與地面網路整合試驗"
    assert title_of("6G", headline, "2025-10-16", body=ZH_BODY) == headline
    assert title_of(headline, "NEW", "2025-10-16", body=ZH_BODY) == headline


def test_a_deck_under_a_japanese_headline_put_together_from_pieces_stays_apart():
    body = [
        "青空電機は8日、テラヘルツ帯を使った無線伝送の実証に成功したと発表した。"
        "屋外30メートルで安定して動作し、基地局間の中継に応用する。",
        "実験では、二つの建物の間で毎秒100ギガビットの通信を確認した。",
        "今後は大学と協力し、雨の影響を調べる予定だ。",
    ]
    pieces = ["青空電機、", "テラヘルツ帯", "で実証に成功"]
    deck = "屋外30メートルで安定動作し基地局間の中継に応用へ"
    title = title_of(*pieces, deck, "2025年7月8日", body=body, menu=["ホーム", "ニュース"])
    assert title == "青空電機、テラヘルツ帯で実証に成功"
