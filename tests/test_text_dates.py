"""The publication day of a plain text by its headline, in each language's format,
and not an "updated" day, a related story's or a footer's."""

from datetime import date

import pytest

from indexer.extract import extract_document

MENU = "Home\nNews\nResearch\nEvents\nContact\n"
BODY = (
    "The two partners will share their radio test beds for four years, and the first "
    "joint measurements are planned for the spring.\n"
    "Results will be offered to the standards bodies as contributions.\n"
)


def day_of(text: str) -> date | None:
    return extract_document(text, "page.txt", is_html=False).date


# The lines above the article's body, each set under the day it gives and its trap.
HEADS = """
2024-09-03 year first in figures, Korean update mark
통신
부산대와 오울루대, 6G 안테나 공동 연구 착수
기자명 김민지 기자
입력 2024.09.03 08:10
수정 2024.09.05 11:00

2024-10-03 Nordic short month above the headline
Pressmeddelande • 3 okt 2024 09:00 CEST
Universitet bygger 6G-labb i Luleå

2024-05-02 published, not the updated day, in Swedish
Nyhet
Publicerad: 2024-05-02
Senast uppdaterad: 2024-05-06
Högskola och operatör testar 6G i gruvan

2024-07-08 a trailing update mark
大学と通信会社、6G向け新アンテナを共同開発
佐藤 花子
（2024年7月9日 18:00更新）
2024年7月8日 10:00

2024-02-12 the byline under a deck
Operators and universities open a shared 6G test bed
The test bed will run for four years and is open to small companies.
By Ann Lee
12 February 2024

2024-01-22 a long standfirst
Operators and universities open a shared 6G test bed
The test bed, built by three universities and two operators over the last two years, will \
run for four years; small companies may book it for free, and the first results are due \
at the end of the year, the partners said on Monday.
Ann Lee
Jan 22, 2024 4:26 pm

2024-06-14 an updated day alone is the page's day
Universidad y operador prueban 6G en Bilbao
Actualizado: 14/06/2024 - 10:02h

2024-03-05 a wrapped headline
Yliopisto ja operaattori rakentavat 6G-testiverkon, joka kattaa
kampuksen
Julkaistu 5.3.2024 klo 8.00

2024-09-27 a two-digit year, day first
Operators and universities open a shared 6G test bed
Ann Lee
27/09/24 14:05

2024-03-04 published, then an update mark without its day
Universität und Betreiber testen 6G im Bergwerk
Veröffentlicht: 4. März 2024 · Aktualisiert
Foto: Archiv, 12. Februar 2024

2024-03-04 published, then the update's day before its trailing mark
大学と通信会社、6G向け新アンテナを共同開発
佐藤 花子
公開 2024年3月4日 10:00 · 2024年3月6日 18:00更新
関連: 2024年2月1日

2024-09-03 a year-first date before 1995 is no publication day
부산대와 오울루대, 6G 안테나 공동 연구 착수
설립 1987.06.15
입력 2024.09.03 08:10

2024-06-10 a Japanese era's year in brackets after the year
プレスリリース
2024年(令和6年)6月10日
宇宙機構と通信会社、衛星と地上の6G試験網を光で結ぶ実験に成功

2024-09-30 an Arabic month's name
تكنولوجيا
اتفاقية لإنشاء مختبر لأبحاث الجيل السادس في المنطقة
الثلاثاء 30 سبتمبر 2024 - 11:20 ص

2024-06-05 a Catalan month after de
Notícia
La Diputació i dues universitats obren un laboratori 6G
Dimecres, 5 de juny de 2024

2024-04-08 a Catalan month after d'
Notícia
L'Ajuntament i la universitat proven una xarxa 6G al port
Dilluns, 8 d'abril de 2024

2024-07-14 a Turkish month name
Teknoloji
Üniversite ve operatör 6G test ağı kuruyor
14 Temmuz 2024 Pazar 10:24

2024-11-20 the updated byline under the headline, not a teaser's date further up
Breaking news
Two teams test a 6G radio at the harbour on Tuesday, Nov. 19, 2024, in Oslo, as
crowds watch
print header logo
Operators and universities open a shared 6G test bed
Updated 3:27 am CET, Wednesday, November 20, 2024

2024-11-18 day first with hyphens, above a section label
Persbericht | 18-11-2024 | 09:30
NIEUWS
Universiteit en operator bouwen samen een 6G-proeftuin

2024-04-16 a Turkish month name
Üniversite ve operatör 6G test ağı kuruyor
Yayın Tarihi:
16 Nisan 2024

2024-05-21 a Polish month in the genitive
Informacja prasowa
Kraków, 21 maja 2024 r.
Uczelnia i operator budują wspólną sieć testową 6G

2024-06-05 a Finnish month in the partitive, after the day's full stop
Yliopisto ja operaattori rakentavat 6G-testiverkon
Julkaistu 5. kesäkuuta 2024

2024-11-18 a byline's day and month-year split one node a line
Universität und Betreiber testen 6G im Bergwerk
18.
November 2024

2026-01-24 a blog's byline copied glued: name, day and reading time
Open architecture and 6G: what changes for the radio network
Ann LeeJan 24, 202611 min read

2024-10-08 a byline split one node a line
Operators and universities open a shared 6G test bed
Posted
8
October
2024

2021-08-02 a German byline's day glued to its month after the full stop
Linz will ein Zentrum für die Forschung an 6G werden
Von Ulrike Berg   02.August 2021

2025-05-12 a time stamp's minutes before the day, no span of days
Operators and universities open a shared 6G test bed
Posted at 14:35 - 12 May 2025

2025-05-14 a day in figures year first before its time, no span of hours
부산대와 오울루대, 6G 안테나 공동 연구 착수
입력 2025.05.14 - 10:20

2025-05-12 a count before a word a month's name starts, no span of days
Operators and universities open a shared 6G test bed
12 May 2025 · Trials in 3 to 5 markets
""".strip().split("\n\n")


@pytest.mark.parametrize("case", HEADS, ids=lambda case: case.split("\n")[0])
def test_the_day_by_the_headline(case):
    day, head = case.split("\n", 1)
    assert day_of(MENU + head + "\n" + BODY) == date.fromisoformat(day.split()[0])


def test_day_and_month_in_figures_that_could_be_either_are_read_day_first():
    page = "Press Releases\nOperators and universities open a shared 6G test bed\n11/04/2024\n"
    assert day_of(MENU + page + BODY) == date(2024, 4, 11)


FORWARD = """From: Lena Holm <lena@example.org>
Sent: Thursday, 14 March 2024 08:30
To: newsroom@example.org
Subject: Fwd: [News release] Two labs share a 6G channel sounder | Example Lab
See below, for Friday's digest.
---------- Forwarded message ---------
From: Press <press@example.net>
Date: Wed, 13 Mar 2024 at 15:10
Subject: [News release] Two labs share a 6G channel sounder
NEWS RELEASE
12 March 2024
Two labs share a 6G channel sounder
Oslo - Two university labs will share one channel sounder for sub-THz measurements.
The sounder moves between the labs every three months.
"""


def test_a_forwarded_release_has_its_headline_and_its_own_day():
    article = extract_document(FORWARD, "mail.txt", is_html=False)
    assert article.title == "Two labs share a 6G channel sounder"
    assert article.date == date(2024, 3, 12)


REPLY = """Subject: Re: EMBARGOED: Regulator opens 6G spectrum consultation - Telecom Daily
Date: Mon, 8 Apr 2024 10:02:11 +0200
From: Karl Nyberg <karl@example.se>
To: Policy team <policy@example.se>
Worth a response from us, I think - can someone draft one by Wednesday?
Karl
On Fri, 5 Apr 2024 at 16:45, Telecom Daily <news@example.com> wrote:
> Telecom Daily
>
> Regulator opens 6G spectrum consultation
>
> The national regulator has opened a consultation on the upper mid-band for
> future mobile networks. Operators and research groups may answer until June.
"""


def test_a_quoted_release_without_a_day_takes_the_day_it_was_sent():
    article = extract_document(REPLY, "mail.txt", is_html=False)
    assert article.title == "Regulator opens 6G spectrum consultation"
    assert article.date == date(2024, 4, 5)


EVENT_FORWARD = """From: Press Office <press@example.org>
Date: Tue, 3 Jun 2025 09:12
Subject: Fwd: Oulu hosts a sub-THz summit
To: newsdesk@example.com

Oulu hosts a sub-THz summit

OULU, May 28, 2025 - The university will host radio researchers for two days of talks.
The summit is about the road from 5G-Advanced to the first 6G standards.

Practical information
Date: 16 September 2025
To: registered participants
Venue: the city theatre, main hall.
"""


def test_a_release_s_own_date_and_to_lines_are_no_mail_headers():
    """Only a block of headers with a Subject (or a forward mark) opens the release:
    an event's "Date:" and "To:" lines in its body do not cut it short."""
    article = extract_document(EVENT_FORWARD, "mail.txt", is_html=False)
    assert article.title == "Oulu hosts a sub-THz summit"
    assert article.date == date(2025, 5, 28)


def test_the_headline_repeated_above_the_article_is_read_too():
    text = (
        "Radio labs pool their sub-THz gear\nSave\nShare\nComments\nRead later\nPrint\n"
        "Newsletter\nSubscribe\nRadio\nRadio labs pool their sub-THz gear\nBy Ann Lee\n"
        "April 3, 2024\n" + BODY
    )
    assert day_of(text) == date(2024, 4, 3)


def test_bylines_as_sites_print_them():
    bylines = {
        "Published Wed, Apr 3 20249:15 AM EDT": date(2024, 4, 3),  # the time glued on
        "By Ann Lee - 4/3/24 09:15 AM EST": date(2024, 4, 3),
        "04.23.2024 09:00 AM": date(2024, 4, 23),  # the day cannot be a month
        "Текст: Анна Ли · 3 апреля 2024": date(2024, 4, 3),
        "02 ago 2024": date(2024, 8, 2),
    }
    for byline, day in bylines.items():
        text = MENU + "Radio labs pool their sub-THz gear\n" + byline + "\n" + BODY
        assert day_of(text) == day, byline


def test_widgets_between_the_headline_and_its_byline_do_not_hide_it():
    widgets = "Share\n0\nFacebook\nTwitter\n12\nComments\nPrint\nE-mail\nBy\nAnn Lee\n"
    text = MENU + "Radio labs pool their sub-THz gear\n" + widgets + "May 6, 2024\n" + BODY
    assert day_of(text) == date(2024, 5, 6)


LONG_LEAD = (
    "Two vendors today opened a shared laboratory where their engineers will test sub-THz "
    "radios side by side, the first such lab the two rivals have run together; what they "
    "measure is to be published in the open for the standards bodies and for universities, "
    "and the data will be free to use for any research group or company that asks for it.\n"
)


def test_pieces_on_either_side_of_the_headline_make_no_date_together():
    # A comment count under the headline and the magazine's issue above it: no
    # "5 June 2025" between them (a node-per-line copy's pieces join on one side only).
    page = "Magazine\nJune 2025\nTwo vendors open a shared sub-THz lab\nComments\n5\n"
    assert day_of(MENU + page + LONG_LEAD) is None
    # The pieces of one byline, one a line, still make its date.
    page = "Magazine\nTwo vendors open a shared sub-THz lab\nPublished\n5\nJune\n2025\n"
    assert day_of(MENU + page + LONG_LEAD) == date(2025, 6, 5)


def test_a_japanese_era_date_alone_and_its_first_year():
    head = "お知らせ\n令和7年6月13日\n総務省、6G向け周波数の確保に向けた方針案への意見募集\n"
    assert day_of(MENU + head + BODY) == date(2025, 6, 13)
    head = "お知らせ\n令和元年5月7日\n研究機構、次世代通信の共同研究を開始\n"
    assert day_of(MENU + head + BODY) == date(2019, 5, 7)


def test_a_turkish_short_month_in_a_post_stamp():
    head = (
        "Gönderi\nUlaştırma ve Altyapı Bakanlığı\n"
        "6G araştırmaları için yeni test merkezi açıldı\n11:32 ÖÖ · 7 Oca 2025\n"
    )
    assert day_of(MENU + head + BODY) == date(2025, 1, 7)


def test_a_day_in_figures_is_read_the_way_the_dateline_in_words_agrees():
    page = (
        MENU
        + "Lumeris Reports Fourth Quarter Results; 6G Design Wins Lift Outlook\n"
        + "02/12/2025\n"
        + "Revenue of $212.4 million, up 14% year over year\n"
        + "SAN JOSE, Calif., Feb. 12, 2025 (GLOBE NEWSWIRE) -- Lumeris Semiconductor "
        + "today reported results for its fourth quarter, lifted by early 6G design wins.\n"
        + BODY
    )
    assert day_of(page) == date(2025, 2, 12)
    # Without the dateline in words, a European page's day comes first.
    assert day_of(page.replace("Feb. 12, 2025", "today")) == date(2025, 12, 2)


@pytest.mark.parametrize(
    "head, day",
    [
        # short month names that are words too ("gen", "set", "out") in a name or phrase
        ("Lab tests the Snapdragon 8 Gen 3, 2024 phone for 6G", None),
        ("Data Set 2, 2023: sub-THz channel measurements", None),
        ("Tickets sold out 5, 2024 at the Oulu summit", None),
        # the same names as their languages write a date: the day first
        ("Publicado: 12 set 2024", date(2024, 9, 12)),
        ("Pubblicato il 3 gen 2025", date(2025, 1, 3)),
        ("02 Ago 2017", date(2017, 8, 2)),
        ("Mar 5, 2024", date(2024, 3, 5)),  # English writes its short names month first
    ],
)
def test_short_month_names_that_are_words_are_read_only_the_day_first(head, day):
    assert day_of(f"{head}\n\n{BODY}") == day


def test_a_korean_blog_byline_in_spaced_figures_marks_its_headline():
    """Korean sites print a day as "2021. 6. 23." (a space after each full stop):
    the byline's day, and a byline that tells the headline from the photo
    captions under it, whose words the lead repeats as much."""
    headline = "부산대와 오울루대가 6G 안테나를 함께 연구하는 이유는?"
    page = (
        "본문 바로가기\nIT과학\n\n"
        f"{headline}\n\nby 연구소식 2021. 6. 23.\n\n"
        "6G 안테나\n\n부산대 연구실 모습\n부산대와 오울루대의 6G 안테나 공동 연구실 모습\n\n"
        "부산대와 오울루대는 6G 안테나 공동 연구를 시작했다고 밝혔다. 두 대학은 연구실을 "
        "함께 쓰며 4년 동안 시험을 진행하고, 첫 측정 결과는 봄에 나온다.\n\n"
        "연구진은 안테나 시험 결과를 표준화 기구에 제출할 계획이다. 두 대학의 연구실은 "
        "학생 교류도 함께 운영한다.\n"
    )
    article = extract_document(page, "page.txt", is_html=False)
    assert article.date == date(2021, 6, 23)
    assert article.title == headline


@pytest.mark.parametrize(
    "dateline, day",
    [
        ("新华社北京11月14日电（记者 王明）", date(2024, 11, 14)),
        ("中評社北京11月14日電／", date(2024, 11, 14)),
        ("BEIJING, Nov. 14 (Xinhua) -- ", date(2024, 11, 14)),
        ("SEOUL, March 5 (Yonhap) - ", date(2024, 3, 5)),
    ],
)
def test_an_agency_dateline_without_a_year_takes_the_year_the_lead_states(dateline, day):
    """A wire's dateline gives month and day; the lead tells the year (the 2024
    conference), not a target year after this one ("by 2030": four years ahead of
    today's, so the test still means that when 2030 has come)."""
    target = date.today().year + 4
    page = (
        "Operators show 6G trials at the national conference\n\n"
        f"{dateline}Operators showed their first 6G trials at the 2024 national "
        f"conference in the capital, and expect commercial networks by {target}.\n\n"
        "The trials covered factories and ports, the organisers said.\n"
    )
    assert day_of(page) == day


def test_an_agency_dateline_with_no_year_in_the_lead_gives_no_day():
    page = (
        "Operators show 6G trials at the national conference\n\n"
        "BEIJING, Nov. 14 (Xinhua) -- Operators showed their first 6G trials at the "
        "national conference in the capital.\n\nThe trials covered factories and ports.\n"
    )
    assert day_of(page) is None


@pytest.mark.parametrize(
    "head",
    [
        "Summary report from the plenary (Fukuoka, Japan, 9 - 12 March 2026)\n\n"
        "Ann Lee, Harbour Laboratories",
        "Forging a sustainable path to 6G\n\nAn industry workshop\n\n"
        "Date & Time: 09:00 – 18:00 CET on Thursday, 3 March, 2022.",
        "Treffen der 6G-Initiative\n\nVom 26. bis 29. Juni 2023 in Berlin",
    ],
)
def test_an_events_span_of_days_or_hours_is_no_publication_day(head):
    page = (
        f"{head}\n\nThe meeting agreed the work plan for the next release and approved two "
        "studies on sensing and on energy savings in the radio network.\n\n"
        "The next meeting is planned for the summer.\n"
    )
    assert day_of(page) is None


def test_a_post_stamp_in_figures_with_its_time_gives_the_day():
    """A forum or a board prints a post's day in figures with the time of day
    ("2019/10/31(木) 09:15:25"): a stamp, read though no headline stands above it."""
    page = (
        "1: 名無しさん 2024/10/31(木) 09:15:25.51\n"
        "通信各社は31日、次世代の通信規格6Gの共同研究を始めると発表した。\n\n"
        "各社は来年春にも研究拠点を設ける。\n"
    )
    assert day_of(page) == date(2024, 10, 31)


@pytest.mark.parametrize(
    "sign_off", ["(red, 7.5.2024)", "(APA, 7.5.2024)", "(dpa/red, 7. 5. 2024)"]
)
def test_a_papers_sign_off_gives_the_day_when_nothing_above_does(sign_off):
    page = (
        "Erstes Gerät mit 6G schafft die zwanzigfache Datenrate\n\n"
        "Forscher haben ein Gerät gebaut, das Daten über ein 6G-Band sendet.\n\n"
        f"Der Aufbau der Netze wird um das Jahr 2030 erwartet. {sign_off}\n"
    )
    assert day_of(page) == date(2024, 5, 7)


def test_an_agency_dateline_day_first_and_its_page_stamp_give_the_day_and_no_title():
    """A store's month stamp ("date 2023-02") and an Italian agency's dateline
    ("Roma, 27 feb. (askanews) –") make the day; the dateline is no title."""
    page = (
        " date 2023-02 Roma, 27 feb. (askanews) – Alla vigilia del congresso di Barcellona "
        "il gruppo ha presentato il suo nuovo marchio e i piani per il 6G.\n\n"
        "Il gruppo investe nei brevetti del 6G, ha detto il suo amministratore delegato.\n"
    )
    article = extract_document(page, "page.txt", is_html=False)
    assert article.date == date(2023, 2, 27)
    assert article.title.startswith("Alla vigilia del congresso")


def test_a_time_zone_in_brackets_is_no_agency():
    page = (
        "Operators show 6G trials at the national conference\n\n"
        "Updated March 5 (UTC) - Operators showed their first 6G trials at the 2024 "
        "national conference in the capital.\n\nThe trials covered factories and ports.\n"
    )
    assert day_of(page) is None


def test_the_byline_under_a_headline_read_as_a_sentence_gives_the_day():
    """A headline that ends with "!" reads as the first sentence; the day under it
    is still the byline's."""
    page = (
        "5G の次の未来はもう始まっている! 東北の大学と部品メーカーが「6G」の実現に大きな"
        "一歩を踏み出した!\n\n"
        "2021年02月21日 08:57\n\n"
        "テラヘルツ\n\n"
        "今はまだ、夢の通信システムでしかないこの6Gの実現に向けて、世界中の研究者がしのぎを削る"
        "中、日本の研究者が画期的な成功を発表した\n\n"
        " 第5世代移動通信システムの商用サービスが始まってから、およそ1年が経とうとしている。"
        "高速、大容量、低遅延という特長と、次の世代に向けた研究が進んでいる。\n"
    )
    assert day_of(page) == date(2021, 2, 21)


def test_an_event_day_under_an_opening_clause_is_no_byline():
    """With no headline, the opening clause stands for one; the sentence under it is
    more body, and the day it names an event's, not the page's (review)."""
    page = (
        "Operators and vendors met in the capital to discuss the next generation of "
        "mobile networks and its spectrum.\n\n"
        "The next meeting will be held on 5 March 2025 in Berlin.\n\n"
        "The trials covered factories and ports and several other places in the region.\n"
    )
    assert day_of(page) is None


@pytest.mark.parametrize("agency", ["TT", "STT", "AFP"])
def test_an_agency_whose_name_ends_in_t_is_no_time_zone(agency):
    page = (
        "Operators show 6G trials at the national conference\n\n"
        f"STOCKHOLM, March 5 ({agency}) - Operators showed their first 6G trials at the 2024 "
        "national conference in the capital.\n\nThe trials covered factories and ports.\n"
    )
    assert day_of(page) == date(2024, 3, 5)


# A whole page's menus: the byline stands too far down for the lead's date line to be read.
LONG_MENU = MENU + "".join(f"Section {n}\n" for n in range(1, 25))


def test_a_post_stamp_under_the_deck_read_as_a_sentence_gives_the_day():
    # "posted on …, at 11:29 a.m." starts in lower case and ends with a full stop, as a
    # sentence does: with its time of day it is the post's stamp, not the article's start.
    text = (
        LONG_MENU + "Radio labs pool their sub-THz gear\n"
        "The two rival vendors will share one laboratory and its radio gear until 2030.\n"
        "posted on April 21, 2025, at 11:29 a.m.\nAnn Lee\nStaff Reporter\n" + LONG_LEAD
    )
    assert day_of(text) == date(2025, 4, 21)


def test_a_short_first_paragraph_opening_with_its_dateline_gives_the_day():
    # Under the byline, the article's first paragraph is short enough to read as a deck;
    # its opening date is still the dateline ("April 17, 2015 -- …").
    lead = (
        "April 17, 2025 -- Two vendors today opened a shared laboratory where their "
        "engineers will test sub-THz radios side by side and publish what they measure for "
        "the standards bodies.\n"
    )
    text = LONG_MENU + "Radio labs pool their sub-THz gear\nBy Ann Lee\nRadio News\n" + lead + BODY
    assert day_of(text) == date(2025, 4, 17)


def test_a_first_sentence_naming_an_event_s_day_and_hour_is_no_post_stamp():
    # Short, with a day and a time of day, but words all round them: the body's first
    # sentence, whose day is the event's, not the post's.
    text = (
        LONG_MENU + "Radio labs pool their sub-THz gear\n"
        "The two rival vendors will share one laboratory and its radio gear until 2030.\n"
        "By Ann Lee\n"
        "The laboratory opens its doors in Oulu on May 5, 2025, at 10:00 for visitors.\n" + BODY
    )
    assert day_of(text) is None


def test_a_deck_s_opening_day_does_not_outrank_the_byline_s_below_it():
    deck = (
        "May 20, 2025 is the day the two rival vendors switch on the shared laboratory, and "
        "from then on their engineers will test sub-THz radios side by side for the standards "
        "bodies.\n"
    )
    text = (
        LONG_MENU
        + "Radio labs pool their sub-THz gear\n"
        + deck
        + "By Ann Lee\n12 March 2025\n"
        + LONG_LEAD
    )
    assert day_of(text) == date(2025, 3, 12)


def test_an_ordinal_day_with_a_comma_after_it_is_a_day():
    # "25th, April 2024", as a regional site's stamp prints it after its label; a bare
    # figure with a comma before a month ("5, June 2024") stays a list's.
    text = "Radio labs pool their sub-THz gear\nPublished: 25th, April 2024 GMT\n" + BODY
    assert day_of(text) == date(2024, 4, 25)
    assert day_of("Radio labs pool their sub-THz gear\nItems 4, 5, June 2024\n" + BODY) is None


@pytest.mark.parametrize(
    "stamp, day",
    [
        ("By Telia Birželio 29, 2022 455", date(2022, 6, 29)),  # Lithuanian, month first
        ("2022 m. birželio 29 d.", date(2022, 6, 29)),  # Lithuanian, year first
        ("2022. gada 29. jūnijā", date(2022, 6, 29)),  # Latvian
        ("29. juuni 2022", date(2022, 6, 29)),  # Estonian
        ("12. junija 2023", date(2023, 6, 12)),  # Slovene
        ("5. svibnja 2024", date(2024, 5, 5)),  # Croatian
        ("29 юни 2022", date(2022, 6, 29)),  # Bulgarian
    ],
)
def test_the_baltic_and_south_slavic_languages_name_their_months(stamp, day):
    assert day_of(f"Radio labs pool their sub-THz gear\n{stamp}\n" + BODY) == day


def test_a_reprint_s_credit_of_the_paper_and_its_print_day_closes_the_story():
    # A Japanese paper's web page prints its print edition's day only at the very end.
    lead = (
        "ソフトバンクは14日、テラヘルツ波の技術展を開いた。利用可能な周波数の拡張を図る狙いだ。\n"
    )
    text = (
        "ソフトバンクが示す6Gの世界\n"
        + lead
        + "実現すれば多くの産業を支える基盤になるとみている。\n"
    )
    assert day_of(text + "日刊工業新聞2021年7月15日\n") == date(2021, 7, 15)
    # A site's "updated" line at the end is no paper's credit, nor a list of "related news".
    assert day_of(text + "更新日 2021年7月15日\n") is None
    assert day_of(text + "相关新闻 2021年3月5日\n") is None


@pytest.mark.parametrize("stamp", ["2023-06-0509:18:23", " 2023-06-05 09:18:23"])
def test_a_feeds_stamp_glued_to_the_last_sentence_gives_the_day(stamp):
    """A feed's post prints its day and time of day right after the story's last
    sentence, a copy glues them: the post's day when nothing above gives one."""
    text = (
        "北辰研究院:全面推进6G技术研发\n"
        "北辰研究院院长表示,要加快培育新兴产业,持续增强移动通信、光通信等领域全产业链优势,"
        "前瞻布局下一代互联网等前沿领域,全面推进6G技术研发。\n"
        "他在展览会上表示,信息通信业是国民经济的战略性、基础性行业,对促进经济社会发展具有"
        "重要支撑作用,要加快推动新型信息基础设施体系化发展。\n"
        "他认为,中国建成全球规模最大的网络基础设施,信息通信业有效驱动实体经济转型升级。"
    )
    assert day_of(text + stamp + "\n") == date(2023, 6, 5)
    # a reader's comment under the story ends with its own time: no day of the story's
    comment = "\n\n网友评论\n北京网友：期待早日商用！2025-12-01 08:12:09\n"
    assert day_of(text + comment) is None


def test_a_span_of_days_opening_the_lead_is_an_event_s():
    # "From the 26th to the 29th": the last day of a conference, not a publication day.
    text = (
        "Vom 26. bis 29. Juni 2023 fand im Berliner Congress Center das erste jährliche "
        "Vernetzungsevent der deutschen 6G-Initiative statt, mit 600 Anmeldungen.\n"
        "Ein wichtiger Teil der Veranstaltung war der zweite Forschungsworkshop.\n"
    )
    assert day_of(text) is None


def test_a_lead_s_dateline_after_a_dash_under_a_headline_gives_the_day():
    # A review found a first form of a rule ("under a headline, a lead's opening day is
    # an event's") dropping these press-release datelines: it was taken out.
    lead = (
        "Nokia today opened a shared laboratory where its engineers will test sub-THz "
        "radios side by side with partners, the first such lab in the region; what they "
        "measure is to be published in the open for the standards bodies and for "
        "universities, and the data will be free to use for any research group or company "
        "that asks for it.\n\n"
    )
    for dateline in ("Espoo, Finland – June 5, 2024 – ", "TOKYO - June 5, 2024 - "):
        text = "Nokia opens a 6G lab in Oulu\n\n" + dateline + lead + BODY
        assert day_of(text) == date(2024, 6, 5), dateline


def test_a_published_and_an_updated_stamp_glued_together_give_the_day():
    # A copy joins the byline's two stamps with no space between ("2021-09-142021-09-14").
    text = "搶進6G產業鏈 太空國家隊成軍\nby 呂酒林2021-09-142021-09-15\n" + BODY
    assert day_of(text) == date(2021, 9, 14)
