"""Headlines and dates in whole pages copied from a browser (Chromium's
innerText): a dateline that opens the article's first sentence, a headline
under a sign-in link, a Korean date and headline, the site's tagline above
its menu."""

from datetime import date

import pytest

from indexer.extract import extract_document
from tests.test_text_node_headlines import read as read_page

MENU = ["Skip to main content", "Home", "Insights", "Industries", "About us", "Search"]
FOOTER = ["Related insights", "Why networks need fewer sites", "January 20, 2025", "Privacy"]


def read(*lead: str) -> tuple[str | None, date | None]:
    """The title and date of a page: a site's menu, `lead`, the article, a footer."""
    return read_page(*lead, menu=MENU, footer=FOOTER)


def test_a_dateline_opening_the_first_sentence_under_a_deck_is_the_pages_date():
    title, day = read(
        "Article",
        "Five questions for regional operators planning their first 6G sites",
        "Planning early saves money. A careful approach starts with the customers.",
        "March 4, 2025 – Regional operators planning their first 6G sites face "
        "questions about spectrum, sites and staff that larger rivals answered long ago.",
        "By Ann Lee and Tom Ek",
    )
    assert title == "Five questions for regional operators planning their first 6G sites"
    assert day == date(2025, 3, 4)


def test_a_date_later_in_the_first_sentence_is_an_events_not_the_pages():
    _, day = read(
        "Five questions for regional operators planning their first 6G sites",
        "Planning early saves money. A careful approach starts with the customers.",
        "Regional operators planning their first 6G sites will meet in Oslo on "
        "March 4, 2025 to compare notes on spectrum, sites and staff.",
    )
    assert day is None


def test_a_headline_under_a_sign_in_link_is_not_joined_to_it():
    title, _ = read(
        "The Weekly Band",
        "Subscribe",
        "Already have an account? Sign in",
        "How small operators could share the first 6G masts",
        "Sharing masts could cut the cost of the first 6G sites in half.",
        "Ann Lee",
        "Apr 16, 2025",
    )
    assert title == "How small operators could share the first 6G masts"


def test_a_korean_date_with_its_year_month_and_day_words_is_read():
    _, day = read(
        "6G 시대, 지역 통신사가 준비해야 할 일",
        "게시일: 2025년 5월 12일",
        "지역 통신사들이 6G 시대를 맞아 준비해야 할 일을 정리했습니다. 투자 계획과 인력 양성이 "
        "가장 중요한 과제로 꼽힙니다.",
    )
    assert day == date(2025, 5, 12)


def test_a_korean_headline_above_the_authors_own_headline_is_the_title():
    body = [
        "5G 상용화 이후 여러 해가 지난 지금, 업계의 관심은 6G로 옮겨가고 있습니다. 수익을 "
        "올리지 못한 통신사들에게 6G는 기회이자 부담입니다.",
        "첫째, 네트워크 투자 우선순위를 분명히 해야 합니다. 수요가 확실한 도심부터 구축하는 "
        "전략이 필요합니다.",
        "둘째, 소프트웨어 역량입니다. 인공지능이 자원을 배분하는 구조를 다룰 인력을 지금부터 "
        "길러야 합니다.",
    ]
    lead = [
        "6G 시대, 지역 통신사가 준비해야 할 일",
        "이서연",
        "이서연",
        "네트워크 전략 컨설턴트 | 전 통신사 기술전략실",
        "게시일: 2025년 5월 12일",
        "+ 팔로우",
    ]
    text = "\n".join(["본문 바로가기", "홈", "인맥", "채용공고", "메시지", *lead, *body])
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == "6G 시대, 지역 통신사가 준비해야 할 일"


def test_the_sites_tagline_above_its_menu_is_no_title():
    text = "\n".join(
        [
            "Skip to content",
            "SpectrumNet",
            "The association of Europe's wireless network builders",
            "Who we are",
            "Policy",
            "Publications",
            "Events",
            "Newsroom",
            "Members area",
            "Careers",
            "Position paper",
            "6G bands should be planned once for all of Europe, says SpectrumNet",
            "Policy area:",
            "Spectrum",
            "SpectrumNet today asked European institutions to plan the 6G bands on one "
            "timetable, warning that the uneven release of earlier bands slowed investment.",
            "In its paper, the association notes that network builders in Europe had to plan "
            "for many national schedules.",
            "The paper will be presented to members of parliament next month.",
        ]
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == "6G bands should be planned once for all of Europe, says SpectrumNet"


def test_a_french_date_on_the_first_of_the_month_is_read_and_its_field_is_no_title():
    title, day = read(
        "Un laboratoire régional ouvre ses portes aux essais de la 6G",
        "Par Claire Martin",
        "Publié le 1er juin 2025 à 06h30",
    )
    assert day == date(2025, 6, 1)
    assert title == "Un laboratoire régional ouvre ses portes aux essais de la 6G"


def test_a_share_bar_under_the_headline_is_no_menu_above_it():
    # The share buttons under a headline are a run of one-word lines, as a menu is;
    # the headline above them is no site's header, and the caption below no title.
    text = "\n".join(
        [
            "Oulu researchers test a 6G radio link in the Arctic winter",
            "",
            *["Share", "Facebook", "Twitter", "LinkedIn", "Email", "Print"],
            "",
            "The 6G radio link test site near Oulu in the Arctic winter",
            "",
            "Researchers at the University of Oulu tested a 6G radio link across the Arctic "
            "winter, the team said on Monday. The link held for three weeks in the cold.",
            "",
            "The team will publish its measurements later this year in a journal.",
        ]
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == "Oulu researchers test a 6G radio link in the Arctic winter"


def test_a_section_label_and_dateline_between_a_breadcrumb_and_the_headline():
    """The breadcrumb's last item (a short name for the story, the tab's title)
    stands above a section label, then the dateline and the headline: a label
    opens the headline's block, so the date under it is the headline's and the
    line above it is no headline over its deck."""
    head = "Media|Press releases|Sub-THz campus trial|Press releases|Oslo, 14 May 2025"
    title, day = read(
        *head.split("|"),
        "Two universities and a chip maker complete a year-long sub-THz campus trial",
        "Links at 140 GHz ran between six buildings through a Nordic winter.",
    )
    assert title == "Two universities and a chip maker complete a year-long sub-THz campus trial"
    assert day == date(2025, 5, 14)


def test_a_question_alone_above_the_body_is_the_title_whole():
    """A copy that starts with its headline as a question reads it as the first
    sentence; the title is that question whole, not its first clause."""
    headline = (
        "Is the sixth generation of mobile networks a real thing for industry, or a phoney war?"
    )
    text = "\n\n".join(
        [
            headline,
            "Image credit | Example Photo Agency",
            "6G is already on the drawing board, and the question that springs to mind is "
            "why, when 5G will take several years to reach the core of the network.",
            "Right now, 5G deployments are made to measure for enterprises, and even those "
            "are not all led by the operators.",
        ]
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == headline


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        (
            "هل أصبح الجيل السادس من شبكات الهاتف المحمول حقيقة ملموسة لقطاع الصناعة والمشغلين في "
            "المنطقة, أم أنه مجرد حرب وهمية؟",
            [
                "الجيل السادس على طاولة الرسم بالفعل، والسؤال الذي يتبادر إلى الذهن هو لماذا، "
                "في حين أن الجيل الخامس سيستغرق عدة سنوات للوصول إلى قلب الشبكة.",
                "في الوقت الحالي، تُصمَّم شبكات الجيل الخامس حسب الطلب للمؤسسات.",
            ],
        ),
        (
            "第六代移动网络对于整个通信产业和制造业来说究竟是真实的需求, 还是一场虚假的战争？",
            [
                "第六代移动通信已经在规划之中，人们不禁要问，为什么第五代网络还需要数年才能"
                "覆盖到核心网，业界就已经开始讨论下一代。",
                "目前，第五代网络的部署主要是为企业量身定制的。",
            ],
        ),
    ],
)
def test_a_question_alone_above_the_body_is_the_title_whole_in_any_script(headline, body):
    """Arabic and Chinese close a question with marks of their own ("؟", "？"):
    the question standing alone first is the title whole, not its first clause
    (a copy may print a comma of its clauses as ", ")."""
    text = "\n\n".join([headline, *body])
    assert extract_document(text, "page.txt", is_html=False).title == headline


def test_a_headline_with_its_byline_below_the_menu_beats_the_sites_name_above():
    """The site's name and tagline stand above a calendar widget; the lead repeats
    their words ("business", "technology") more than the opinion headline's, but
    the headline has its "Date posted" under it."""
    headline = "Having learned nothing from one hype cycle, the next one begins in earnest"
    calendar = ["S M T W T F S", *[str(day) for day in range(1, 15)]]
    text = "\n".join(
        [
            "The Business & Technology Network",
            "Helping Business Interpret and Use Technology",
            *calendar,
            "",
            headline,
            "",
            "DATE POSTED:June 5, 2024",
            "",
            "Fifth-generation wireless was supposed to change business, according to the "
            "technology industry, and bring smart cities and remote surgery.",
            "",
            "In the real world, the network landed with a thud for most business customers.",
        ]
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == headline
    assert article.date == date(2024, 6, 5)


@pytest.mark.parametrize(
    "opening, title_start",
    [
        ("BRUSSELS, May 7, 2026 -- The 6G alliance", "The 6G alliance"),
        ("Samsung, LG and 3 universities - a joint 6G lab", "Samsung, LG and 3 universities"),
    ],
)
def test_a_title_from_the_body_skips_a_dateline_and_only_a_dateline(opening, title_start):
    """Without a headline, the title is the opening clause after its dateline; a
    sentence with a comma, a figure and a dash is no dateline (review)."""
    text = (
        f"{opening} opened this week in the port, with partners from three countries.\n\n"
        "The lab will test radio links over water for two years.\n"
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title.startswith(title_start)


def test_a_title_from_the_body_runs_past_a_days_full_stop():
    """A German day's figure takes a full stop ("Vom 26. bis 29. Juni"): no
    sentence ends there, so the title is more than "Vom 26"."""
    text = (
        "Vom 26. bis 29. Juni 2023 fand in Berlin das erste Treffen der 6G-Initiative "
        "statt. Die Veranstalter freuten sich über 600 Anmeldungen.\n\n"
        "Ein wichtiger Teil war der Forschungsworkshop mit Partnern aus Japan.\n"
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title.startswith("Vom 26. bis 29. Juni 2023 fand in Berlin")


def test_a_title_from_the_body_stops_at_a_sentence_ending_in_a_release_number():
    """A sentence may end in a figure of two ("… Release 18."): its full stop
    before a word in capitals that names no month ends it."""
    text = (
        "The standards body froze Release 18. Operators now plan the first trials of "
        "the next generation for the end of the decade.\n\n"
        "Vendors expect the first commercial networks a few years later.\n"
    )
    article = extract_document(text, "page.txt", is_html=False)
    assert article.title == "The standards body froze Release 18"
