"""Publication dates: parsing dates written in text, reading a plain text's lead,
and choosing an HTML page's date from all that the page says.

An HTML page states its date in several places: structured data (JSON-LD,
meta tags), `<time>` elements, its URL, and the byline a reader sees under
the headline. `page_date` weighs them: the byline (or the URL) is the site's
own day, and a structured UTC timestamp a day off is the same instant in
another time zone (sites write UTC timestamps and local bylines); a
timestamp with its own offset already states the local day, and a byline
further off is an "updated" date or another story's, so the structured date
wins then. The byline is read under the headline up to the article's first
body sentence, then just above the headline, and only then further down
(where other stories, comments and sidebars print their days); a day marked
as the update (by a word in one of many languages, or the element's class)
and an event's day in a sentence are left out. htmldate's quick search (run
by trafilatura) covers pages without structured data or byline; its
extensive search runs only when nothing cheaper finds a date, and its day
is dropped when the page writes it only in link addresses, a cookie notice,
a copyright line or an "updated" phrase.

A plain-text article states its date, if at all, in a dateline ("Brussels,
May 7th 2026"), a timestamp line ("2025-04-18 15:44:41") or its opening
words ("On 2 June 2022, ..."). Dates further down are about other things
(events, deadlines, history), and copyright years are not dates at all, so
only the lead is read. A date after today cannot be a publication date.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Container, Iterable
from datetime import date

from .lines import clutter_kind, is_body_sentence, word_count

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
# Month names of the languages whose press writes dates as "25. September 2018",
# "22 de outubro de 2010", "Maret 30, 2015": full names only (short ones collide).
for _names in (
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    "januari februari maret april mei juni juli agustus september oktober november desember",
    "januari februari mars april maj juni juli augusti september oktober november december",
    "januar februar marts april maj juni juli august september oktober november december",
    "januar februar mars april mai juni juli august september oktober november desember",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    # Genitive forms ("2 maja 2024", "2. května 2024", "2 травня 2024", "2 Μαΐου"),
    # Finnish partitive ("2. toukokuuta"), Romanian, Hungarian, Catalan.
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia",
    "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik "
    "listopad grudzień",
    "ledna února března dubna května června července srpna září října listopadu prosince",
    "januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra",
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "ιανουαρίου φεβρουαρίου μαρτίου απριλίου μαΐου ιουνίου ιουλίου αυγούστου σεπτεμβρίου "
    "οκτωβρίου νοεμβρίου δεκεμβρίου",
    "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta "
    "syyskuuta lokakuuta marraskuuta joulukuuta",
    "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie "
    "decembrie",
    "január február március április május június július augusztus szeptember október "
    "november december",
    "gener febrer març abril maig juny juliol agost setembre octubre novembre desembre",
    # The Baltic languages ("Birželio 29, 2022", "2022 m. birželio 29 d.", "2022. gada
    # 29. jūnijā", "29. juuni 2022"), Slovene, Croatian ("5. svibnja 2024"; its October,
    # "listopad", is Polish and Czech November: theirs is kept), Serbian and Bulgarian.
    "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio "
    "lapkričio gruodžio",
    "sausis vasaris kovas balandis gegužė birželis liepa rugpjūtis rugsėjis spalis "
    "lapkritis gruodis",
    "janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris "
    "novembris decembris",
    "janvārī februārī martā aprīlī maijā jūnijā jūlijā augustā septembrī oktobrī novembrī decembrī",
    "jaanuar veebruar märts aprill mai juuni juuli august september oktoober november detsember",
    "januarja februarja marca aprila maja junija julija avgusta septembra oktobra "
    "novembra decembra",
    "januar februar marec april maj junij julij avgust september oktober november december",
    "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada "
    "studenoga prosinca",
    "januar februar mart april maj jun jul avgust septembar oktobar novembar decembar",
    "јануар фебруар март април мај јун јул август септембар октобар новембар децембар",
    "януари февруари март април май юни юли август септември октомври ноември декември",
    # Arabic: the Gregorian months as the Egyptian and Gulf press ("الثلاثاء 30 سبتمبر
    # 2025"), in their other spellings too, then the Levant, name them.
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "يناير فبراير مارس إبريل مايو يونيه يوليه اغسطس سبتمبر اكتوبر نوفمبر ديسمبر",
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    # Turkish again as its capitals fold ("MAYIS", "EYLÜL" lower to "mayis", "eylül").
    "ocak subat mart nisan mayis haziran temmuz agustos eylul ekim kasim aralik",
    # Short names that are no other word ("2 okt 2025", "02 ago 2017").
    "jan feb mars apr maj jun jul aug sep okt nov dez",
    "gen feb mar apr mag giu lug ago set ott nov dic",
    "ene feb mar abr may jun jul ago sep oct nov dic",
    # ... German, French, Dutch and Portuguese ("3. Mär. 2025", "3 févr. 2025", "3 mrt 2025").
    "jan feb mär apr mai jun jul aug sep okt nov dez",
    "janv févr mars avr mai juin juil août sept oct nov déc",
    "jan feb mrt apr mei jun jul aug sep okt nov dec",
    "jan fev mar abr mai jun jul ago set out nov dez",
    # ... and Turkish ("7 Oca 2025", "3 Ağu 2025").
    "oca şub mar nis may haz tem ağu eyl eki kas ara",
):
    for _number, _name in enumerate(_names.split(), 1):
        _MONTHS.setdefault(_name.replace("_", " "), _number)
for _name, _number in (("ابريل", 4), ("إبريل", 4), ("اغسطس", 8), ("اكتوبر", 10)):
    _MONTHS[_name] = _number  # spelt without the hamza


def _month_key(name: str) -> str:
    """A month name as looked up. The pattern matches case-blind, so "KASIM" and
    "NİSAN" match "kasım" and "nisan", but lower-case gives "kasim" and "ni̇san"
    (with a combining dot): Turkish dotted and dotless i are read as i."""
    return name.lower().rstrip(".").replace("\u0307", "").replace("ı", "i")


_MONTH_NUMBERS = {_month_key(name): number for name, number in _MONTHS.items()}
# Weekday names of the same languages, and English short ones: a stamp may
# name its day before its date ("Friday, 22 October 2010", "sexta-feira, 14 de março").
WEEKDAYS = frozenset(
    day
    for days in (
        "monday tuesday wednesday thursday friday saturday sunday",
        "mon tue tues wed thu thur thurs fri sat sun",
        "montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend",
        "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "lunes martes miércoles jueves viernes sábado domingo",
        "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
        "lunedì martedì mercoledì giovedì venerdì sabato domenica",
        "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
        "senin selasa rabu kamis jumat sabtu minggu",
    )
    for day in days.split()
)
# Short names that are words too, in English and in other languages listed ("Snapdragon 8
# Gen 3, 2024", "Data Set 2, 2023", "sold out 5, 2024"; Dutch "mag", Portuguese "dez"):
# their languages (Italian, Portuguese, Spanish) write the day first ("02 ago 2017",
# "12 set 2024"), so they are months only there, never in English's month-first order.
_DAY_FIRST_ONLY = frozenset({"gen", "set", "mag", "ago", "out", "dez"})


def _month_names(names, group: str = "?P<month>") -> str:
    """The names as one alternative, longest first (so "june" is tried before "jun")."""
    return f"({group}" + "|".join(sorted(names, key=len, reverse=True)) + r")\.?"


_MONTH = _month_names(_MONTHS)
MONTH_NAME = _month_names(_MONTHS, group="?:")  # no group: for patterns that name their own
_MONTH_FIRST = _month_names(set(_MONTHS) - _DAY_FIRST_ONLY)
MONTH_FIRST_NAME = _month_names(set(_MONTHS) - _DAY_FIRST_ONLY, group="?:")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"  # "1er juin": French first day
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# A year ends a word, or has the time glued to it ("Nov 15, 20195:45 AM", a copied byline)
# or the reading time ("Jan 24, 202611 min read", a blog's byline copied), or the Arabic
# letter of the Gregorian era ("12 مايو 2024م").
_YEAR_END = r"(?:\b|(?=\d{1,2}:\d{2})|(?=\d{1,3} ?min\b)|(?=م(?!\w)))"

DATE_PATTERNS = [
    # (or another such day glued after it, as a copy joins a byline's "published" and
    # "updated" stamps: "2021-09-142021-09-14")
    re.compile(rf"(?<!\d){_YEAR}-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?:(?!\d)|(?=(?:19|20)\d\d-\d))"),
    # Chinese and Japanese "2025年5月12日", Korean "2025년 5월 12일"; a Japanese year
    # may have its era's year in brackets after it ("2025年(令和7年)6月10日").
    re.compile(
        rf"{_YEAR}\s*[年년]\s*(?:[(（][^()（）]{{1,8}}[)）]\s*)?"
        rf"(?P<m>\d{{1,2}})\s*[月월]\s*(?P<d>\d{{1,2}})\s*[日일]"
    ),
    # English order with the month in CJK, as a site translating "F j, Y" prints it:
    # "8月 19, 2025", "8월 19, 2025" (the comma and its space: "8月 19" alone is no date,
    # nor are figures "…8月 1,2025万台" with a thousands' comma).
    re.compile(rf"(?<!\d)(?P<m>\d{{1,2}})\s*[月월]\s*(?P<d>\d{{1,2}}),\s+{_YEAR}(?!\d)"),
    # (or glued to a name before it, as a byline's link is copied: "Ann LeeJan 24, 2026")
    re.compile(
        rf"(?:(?<!\w)|(?-i:(?<=[a-z])(?=[A-Z]))){_MONTH_FIRST}\s+{_DAY},?\s+{_YEAR}{_YEAR_END}",
        re.I,
    ),
    # "5 June 2025", "5 of June", "5 de junio de 2025", Catalan "5 d'abril de 2025", the
    # German day's full stop with no space after it ("02.August 2021"), and an ordinal
    # day with a comma after it ("25th, April 2024"; a bare "5, June" is a list's).
    re.compile(
        rf"(?<!\w)(?<!\d\.){_DAY}(?:\s+of\s+|\s+de\s+|\s+d['’]|\s+|(?<=\.)|(?<=st|nd|rd|th),\s+){_MONTH}[,،]?\s+(?:de\s+)?{_YEAR}{_YEAR_END}",
        re.I,
    ),
    # Hungarian "2024. május 2.": the year first, in words; Lithuanian "2024 m. gegužės
    # 2 d." and Latvian "2024. gada 2. maijā" too.
    re.compile(rf"(?<!\d){_YEAR}\.\s+{_MONTH}\s+(?P<day>\d{{1,2}})\.", re.I),
    re.compile(rf"(?<!\d){_YEAR}\s?m\.\s+{_MONTH}\s+(?P<day>\d{{1,2}})\s?d\.", re.I),
    re.compile(rf"(?<!\d){_YEAR}\.\s?gada\s+(?P<day>\d{{1,2}})\.\s?{_MONTH}", re.I),
    # A Japanese era's year alone, as ministries print it: "令和7年6月13日", "令和元年".
    re.compile(
        r"(?P<era>令和|平成)\s*(?P<eyear>元|\d{1,2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    ),
]
# The year before each era's first: 令和 began in 2019, 平成 in 1989.
_ERA_YEAR_ZERO = {"令和": 2018, "平成": 1988}
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}|令和|平成")
# Figures of other scripts (Arabic-Indic, Persian, full-width) read as ASCII ones.
_OTHER_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]")
_TO_ASCII_DIGITS = {start + i: str(i) for start in (0x0660, 0x06F0, 0xFF10) for i in range(10)}


def ascii_digits(text: str) -> str:
    """`text` with its figures in ASCII (the same length: offsets stay)."""
    return text.translate(_TO_ASCII_DIGITS) if _OTHER_DIGITS.search(text) else text


# Day and month in figures: 18.11.2019, 27/09/2018 and 24-03-2025 (Dutch sites) read
# day first; 11/19/2019 is month first only when the day cannot be a month. Only
# bylines are read this way.
NUMERIC_DATE = re.compile(
    r"(?<![\d.-])(?P<a>\d{1,2})([./-])(?P<b>\d{1,2})\2(?P<year>(?:19|20)\d{2})(?![\d-])"
)
# A two-digit year before a time of day ("11/19/19 06:56 AM EST"): American order,
# unless the first figure cannot be a month ("27/09/24 14:05").
SHORT_YEAR_DATE = re.compile(
    r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<year>\d{2})\s+\d{1,2}:\d{2}"
)
# Year first in figures, as East Asian and some European sites print a byline:
# "2025.06.27", "입력 2025.05.14 10:20", "2025/06/27", Korean "2021. 6. 23." (a space
# after each full stop). Only bylines are read this way.
YEAR_FIRST_DATE = re.compile(
    r"(?<![\d.])(?P<year>(?:19|20)\d{2})([./])[ ]?(?P<m>\d{1,2})\2[ ]?(?P<d>\d{1,2})(?![\d])"
)
LEAD_LINES = 8
# Lines of a few words by a headline (a name, "Share", "0", "Twitter") are widgets
# and bylines: they do not count towards the LEAD_LINES read.
WIDGET_MAX_WORDS = 3
DECK_MAX_CHARS = 330  # a standfirst of two or three sentences; a longer one is the body's
LEAD_DATE_MAX_OFFSET = 30  # characters into the first paragraph
DATELINE_MAX_WORDS = 10
# What stands before a dateline's date: nothing, or the place and a comma
# ("HELSINKI, ", "Málaga, ", "Paris, le ", "Hamburg (dpa), "), a town and its
# state ("SAN JOSE, Calif., ").
DATELINE_PLACE = re.compile(
    r"^(?:(?:[^\W\d_][\w.'’()/ -]{0,40},\s*){1,2}(?:le\s+|den\s+|el\s+)?)?$"
)


def parse_date(text: str) -> date | None:
    """The first plausible calendar date written in `text`."""
    found = _dates_with_offsets(text)
    return found[0][1] if found else None


def _dates_with_offsets(text: str) -> list[tuple[int, date]]:
    text = ascii_digits(text)
    if not _ANY_YEAR.search(text):  # every pattern has one: most lines are done here
        return []
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed:
                found.append((match.start(), parsed))
    return sorted(found)


def _to_date(match: re.Match) -> date | None:
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTH_NUMBERS.get(_month_key(parts["month"]))
    day = int(parts.get("d") or parts.get("day"))
    year = parts.get("year") or _era_year(parts["era"], parts["eyear"])
    try:
        found = date(int(year), month, day)
    except (TypeError, ValueError):
        return None
    return found if found <= date.today() else None


def _era_year(era: str, year: str) -> int:
    return _ERA_YEAR_ZERO[era] + (1 if year == "元" else int(year))


def looks_like_dateline(line: str) -> bool:
    return word_count(line) <= DATELINE_MAX_WORDS and parse_date(line) is not None


def date_from_text(lines: list[str], datelines_only: bool = False) -> date | None:
    """The date in an article's lead: its first lines and first words. With
    `datelines_only`, a sentence's date counts only as its dateline, after the
    place ("BRUSSELS, May 7, 2026 -", "Paris, le 4 juin 2025 –") or opening it:
    "On 28 May 2025, ..." or "Das Forum findet am 24. September 2025 statt" is
    about an event."""
    for line in lines[:LEAD_LINES]:
        if clutter_kind(line) == "copyright":
            continue
        if is_body_sentence(line):  # "On 2 June 2022, ..." / "BRUSSELS, May 7, 2026 -"
            found = _dates_with_offsets(line)
            if datelines_only and _event_date(line, found):
                return None
            if not found or found[0][0] > LEAD_DATE_MAX_OFFSET or _in_span(line, found[0][0]):
                return None  # (a span's last day is an event's: "Vom 26. bis 29. Juni 2023 fand …")
            return found[0][1]
        found = parse_date(line) or _time_stamp_day(line)
        if found and not event_span(line):
            return found
    return None


# A span of days or of hours: an event's ("9 - 12 March 2026", "26.–29. Juni 2023",
# "3 to 5 June", "09:00 – 18:00 CET"), never the day a page was published. Not a
# time's minutes before a day ("14:35 - 12 May 2025"), a date's figures before a time
# ("2025.05.14 - 10:20"), nor a count before a word a month's name starts ("3-5 markets").
_SPAN = re.compile(
    rf"(?<![\d:])(?<!\d[.h])\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s*(?:[-–—~～]|\s(?:to|bis|au|al|a)\s)"
    rf"\s*\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?{MONTH_NAME}(?![^\W\d_])"
    r"|(?<![\d.:])\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?\s*)?[-–—]\s*\d{1,2}[:.h]\d{2}(?!\d)",
    re.I,
)


def event_span(text: str) -> bool:
    """Whether a line states a span of days or hours (`_SPAN`): an event's."""
    return bool(_SPAN.search(text))


def _in_span(text: str, offset: int) -> bool:
    """Whether the date at `offset` is a span's last day (`_SPAN`)."""
    return any(span.start() < offset < span.end() for span in _SPAN.finditer(ascii_digits(text)))


def _time_stamp_day(line: str) -> date | None:
    """The day of a short line that prints it in figures with the time of day
    ("2019/10/31(木) 09:15:25", "18.11.2019 14:05"): a post's or a page's stamp,
    read as a byline's is (figures alone may be a version or a reference)."""
    if len(line) > BYLINE_MAX_CHARS or not _TIME_OF_DAY.search(line):
        return None
    return _byline_day(line)


_TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")


# An Austrian or German paper's sign-off closing the last paragraph: the desk or
# agency and the day ("… erwartet. (red, 7.5.2024)", "(APA, 29.6.2021)", "(dpa/red, 3.2.2025)").
_SIGN_OFF = re.compile(
    r"\((?:[^\W\d_][\w.-]{0,15}\s*[,/]\s*){1,3}"
    r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<year>(?:19|20)\d{2})\)\s*$"
)
# ... or a feed's stamp, its day and time of day, glued to the story's last sentence
# ("… 转型升级。2023-06-0509:18:23", "… in 2030. 2023-06-05 09:18"): the post's.
_CLOSING_STAMP = re.compile(
    r"(?<=[.!?。！？])\s*(?P<year>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"\s?\d{2}:\d{2}(?::\d{2})?\s*$"
)
SIGN_OFF_LINES = 3  # the closing paragraphs read


def _feed_stamp(line: str) -> re.Match | None:
    """A feed's stamp closing a paragraph of the story's prose (`_CLOSING_STAMP`;
    a reader's comment of a line or two under the story ends with its own time)."""
    found = _CLOSING_STAMP.search(line)
    return found if found and is_body_sentence(line[: found.start()]) else None


# The word a paper's name ends in ("日本経済新聞", "중앙일보"; Chinese 新闻 is "news", no
# paper's: textclean's site suffix takes it as a paper's, the print credit does not).
PAPER_WORDS = "新聞|日報|日报|晚报|신문|일보"
# A reprint's credit closing the story: the paper's name and its print edition's day,
# the whole line ("日刊工業新聞2021年7月15日", "日本経済新聞 2024年5月2日 朝刊", "전자신문
# 2024년 5월 2일자"): the web page prints the day nowhere else. Not a list's label
# ("相關新聞 2021年3月5日", "related news"); Chinese 新闻 is news, no paper.
_PRINT_CREDIT = re.compile(
    r"[(（【]?(?!.{0,6}(?:相關|相关|更多|熱門|热门|上一篇|下一篇|其他|最新|推薦|推荐))"
    rf"[\w\s・]{{0,12}}(?:{PAPER_WORDS}|晩報)(?:社)?\s?"
    r"(?P<year>(?:19|20)\d{2})\s?[年년]\s?(?P<m>\d{1,2})\s?[月월]\s?(?P<d>\d{1,2})\s?[日일]"
    r"(?:\s?(?:付|付け|朝刊|夕刊|掲載|자|게재))?[)）】]?"
)


def sign_off_day(lines: list[str]) -> date | None:
    """The day of the sign-off, the print credit or the feed's stamp that closes
    an article (`_SIGN_OFF`, `_PRINT_CREDIT`, `_feed_stamp`), when nothing above
    the body gives one: some papers print the day only there."""
    for line in lines[-SIGN_OFF_LINES:]:
        found = _SIGN_OFF.search(line) or _PRINT_CREDIT.fullmatch(line) or _feed_stamp(line)
        if found:
            return _numeric_day(int(found["year"]), int(found["m"]), int(found["d"]))
    return None


# A news agency's dateline without a year, opening the story: "中新社北京11月14日电",
# "新华社东京3月5日電", "BEIJING, Nov. 14 (Xinhua) --", "SEOUL, March 5 (Yonhap) -",
# "Roma, 27 feb. (askanews) –" (the agency in brackets after the day).
_PLACE = r"(?:[A-Z][\w.'’-]*[ ,]+){1,4}"
# (not a time zone: "(UTC)", "(CET)")
_ZONES = r"UTC|GMT|[ECMP][SD]T|CES?T|EES?T|WES?T|BST|IST|JST|KST|HKT|SGT|AE[SD]T"
_AGENCY = rf"\s+\((?!(?:{_ZONES})\))[A-Za-z][\w .&/-]{{1,30}}\)\s*(?:--+|[-–—])"
# The datelines that end in a dash before the story's words, and all of them.
_DASHED_WIRE_DATELINES = (
    re.compile(rf"^{_PLACE}(?i:{_MONTH_FIRST})\s+{_DAY}{_AGENCY}"),
    # (the agency maybe after a dash of its own: "Pisa, 18 dic. - (Adnkronos) -")
    re.compile(rf"^{_PLACE}{_DAY}\s+(?i:{_MONTH})(?:\s+[-–—])?{_AGENCY}"),
)
_WIRE_DATELINES = (
    re.compile(r"^[^\s，。,.]{1,20}?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*[电電]"),
    *_DASHED_WIRE_DATELINES,
)


def _first_match(patterns, text: str) -> re.Match | None:
    return next(filter(None, (pattern.match(text) for pattern in patterns)), None)


_YEAR_WORD = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


_DATELINE_DASH = re.compile(r"\s(?:--+|[–—-])\s+")
DATELINE_MAX_CHARS = 70  # "SAN JOSE, Calif., Feb. 12, 2025 –", "Roma, 27 feb. (askanews) –"


def dateline_end(sentence: str) -> int:
    """Where the dateline that opens a sentence ends, after its dash (0 without
    one): a place and a day ("BRUSSELS, May 7, 2026 -- ", `DATELINE_PLACE`) or an
    agency's dateline without a year ("Roma, 27 feb. (askanews) – ")."""
    opening = ascii_digits(sentence[:DATELINE_MAX_CHARS])
    wire = _first_match(_DASHED_WIRE_DATELINES, opening)
    if wire:
        return len(opening) - len(opening[wire.end() :].lstrip())
    dash = _DATELINE_DASH.search(opening)
    if not dash:
        return 0
    found = _dates_with_offsets(opening[: dash.start()])
    return dash.end() if found and DATELINE_PLACE.match(opening[: found[0][0]]) else 0


def wire_dateline_day(lines: list[str]) -> date | None:
    """The day of an agency's dateline that gives no year (`_WIRE_DATELINES`), in
    the year the lead's latest mention of a year up to this one says: the wire
    leaves the year to the page's stamp, and a copy without that stamp still
    tells it ("the 2025 6G conference opened on 13 November"). A later year
    in the lead (a target, "by 2030") is no date yet; none stated, no day."""
    for line in lines[:LEAD_LINES]:
        line = ascii_digits(line)
        found = _first_match(_WIRE_DATELINES, line)
        if not found:
            continue
        parts = found.groupdict()
        month = int(parts["m"]) if "m" in parts else _MONTH_NUMBERS.get(_month_key(parts["month"]))
        day = int(parts.get("d") or parts["day"])
        lead = ascii_digits(" ".join(lines[:LEAD_LINES]))
        years = [int(y) for y in _YEAR_WORD.findall(lead) if int(y) <= date.today().year]
        return _numeric_day(max(years), month, day) if years else None
    return None


def event_sentence(line: str) -> bool:
    """A sentence with a date that is not its dateline (see `date_from_text`)."""
    return is_body_sentence(line) and _event_date(line, _dates_with_offsets(line))


def _event_date(sentence: str, found: list[tuple[int, date]]) -> bool:
    """Whether a sentence's first date (`found`: its dates with their offsets)
    is no dateline's: something other than a place stands before it."""
    return bool(found) and not DATELINE_PLACE.match(sentence[: found[0][0]])


def date_near_title(
    lines: list[str], title: str | None, datelines_only: bool = False
) -> date | None:
    """A plain text's date from the byline by its title (a copied page's dateline).

    The headline may stand twice (in a header or breadcrumb, then above the
    article): each of its lines (see `_title_lines`) is tried in turn. By
    each, reads the lines after it up to the first body sentence after a deck
    (one sentence right under the headline is its standfirst, and the byline
    often stands below it), then the two lines above it (not a quote's
    attribution), as `byline_date` reads a page. When the byline states only
    an "updated" day, that is the day the page gives. With `datelines_only`, a
    sentence's date counts only as its dateline (see `date_from_text`).
    """
    for at in _title_lines(lines, title):
        after, above = _byline_lines(lines, at)
        if datelines_only:
            after, above = ([t for t in part if not event_sentence(t)] for part in (after, above))
        # Pieces are joined on one side of the title, in the page's order.
        near = after + above + _split_stamps(after) + _split_stamps(above[::-1])
        stated = _StatedDays(lines[max(0, at - STRINGS_ABOVE) : at + 1 + LEAD_LINES * 3])
        found = date_in_byline(near, stated=stated) or date_in_byline(
            near, updated=True, stated=stated
        )
        if found:
            return found
    return None


SPLIT_STAMP_PIECE_CHARS = 16  # "Published", "12", "June", "2025", "18.", "September 2025"


def _split_stamps(lines: list[str]) -> list[str]:
    """The runs of short lines joined: a copy that puts every text node on its own
    line splits a byline's date where a tag starts ("Published" / "12" / "June" /
    "2025"). Read after the whole lines, so a date on one line comes first; the
    pieces are joined as the page prints them, tight before punctuation ("July" /
    "3" / ", 2025"), and the lines above a title in their own order ("2025年" /
    "10月21日" / headline: `date_near_title` reads those nearest first)."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if len(line) <= SPLIT_STAMP_PIECE_CHARS:
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [_TIGHT.sub("", " ".join(run)) for run in runs if len(run) > 1]


_TIGHT = re.compile(r" (?=[,.;:])")


def _byline_lines(lines: list[str], at: int) -> tuple[list[str], list[str]]:
    """The lines by the title at `at`: those after it, and the `STRINGS_ABOVE`
    above it (the nearest first), as `byline_date` reads a page."""
    after: list[str] = []
    opening: list[str] = []  # a short first paragraph's dateline: after the byline's lines
    deck, counted = True, 0
    for line in lines[at + 1 : at + 1 + LEAD_LINES * 3]:
        if line == lines[at]:
            continue  # the headline again
        if counted == LEAD_LINES:
            break
        counted += word_count(line) > WIDGET_MAX_WORDS and not clutter_kind(line)
        was_deck = deck
        starts, deck = _body_starts(line, deck)
        if starts:
            after += _dateline_of(line)
            break
        after.append(line)
        if was_deck and not deck:  # a short first paragraph opening with its dateline
            opening = _dateline_of(line)
    after += opening
    near = lines[max(0, at - STRINGS_ABOVE) : at][::-1]
    above = [line for line in near if not ATTRIBUTION.match(line)]
    return after, above


def _dateline_of(sentence: str) -> list[str]:
    """The dateline that opens the article's first sentence ("February 11, 2025 –
    Operators …", "BRUSSELS, May 7, 2026 -"): a copy may print the byline's date
    there and nowhere else. A date later in the sentence is an event's."""
    found = _dates_with_offsets(sentence)
    if not found or found[0][0] > LEAD_DATE_MAX_OFFSET or _event_date(sentence, found):
        return []
    return [sentence[: found[0][0] + LEAD_DATE_MAX_OFFSET]]


def _title_lines(lines: list[str], title: str | None) -> list[int]:
    """The indexes of the title's lines: the lines that are the title, then those
    that hold it (a page's <title> line adds the site's name, and the page's
    date may stand by that line only, when the title was cut from it), else the
    lines it starts on when it is wrapped; spaces compared as one (a copy may
    turn an ideographic space into a plain one)."""
    if not title:
        return []
    keys = [" ".join(line.split()) for line in lines]
    title = " ".join(title.split())
    whole = [i for i, key in enumerate(keys) if key == title]
    found = whole + [i for i, key in enumerate(keys) if title in key and i not in whole]
    if found:
        return found
    starts = [
        i for i, key in enumerate(keys) if len(key) >= len(title) / 2 and title.startswith(key)
    ]
    return starts or _split_title_ends(keys, title)


def _split_title_ends(keys: list[str], title: str) -> list[int]:
    """The last lines of the runs of lines that together are the title: a copy
    that puts every text node on its own line splits a headline where a link
    or an emphasis starts ("Researchers map how" / "6G" / "signals bend …").
    Compared without spaces (the lines were joined tight before punctuation)."""
    whole = "".join(title.split())
    ends = []
    for i, key in enumerate(keys):
        run = "".join(key.split())
        j = i
        while run and len(run) < len(whole) and whole.startswith(run) and j + 1 < len(keys):
            j += 1
            run += "".join(keys[j].split())
        if j > i and run == whole:
            ends.append(j)
    return ends


# A quote's attribution ("— Ann Lee on Monday, May 5, in a speech"): the quote's date.
ATTRIBUTION = re.compile(r"[—―–]\s")


def published_date(iso: str | None) -> date | None:
    """An ISO date from metadata, unless missing, malformed or in the future."""
    try:
        parsed = date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None
    return parsed if parsed and parsed <= date.today() else None


# --- HTML pages -------------------------------------------------------------------

# Meta tags (name, property or itemprop, lower-case) that hold the publication time.
PUBLISHED_META = frozenset(
    (
        "datepublished",
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "article.published",
        "publish-date",
        "publishdate",
        "publish_date",
        "date_published",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dc.date",
        "dcterms.date",
        "dcterms.created",
        "citation_publication_date",
        "datecreated",
        "article.created",
        "date",
    )
)
ARTICLE_TYPES = re.compile(r"article|posting|report|news", re.I)
_STAMP = re.compile(
    r"(?P<y>(?:19|20)\d{2})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?"
)
# Words that mark a byline's date as a later edit, not the publication.
UPDATED = re.compile(
    r"\b(updated?|last modified|modified|edited|aktualisiert|mis à jour|actualizado|atualizado|"
    r"aggiornato|uppdaterad|päivitetty|opdateret|oppdatert|bijgewerkt|zaktualizowano|"
    r"aktualizacja|aktualizováno|güncelleme|güncellendi|обновлено|оновлено|diperbarui|"
    r"cập nhật|frissítve|actualizat|actualitzat|ενημερώθηκε)\b|수정|更新|업데이트|تحديث",
    re.I,
)
BYLINE_MAX_CHARS = 160  # a longer string is prose: its dates are about events
BYLINE_STRINGS_AFTER = 40  # text strings read after the headline


class Stamp:
    """A timestamp as written: its day, and its time and zone when given."""

    def __init__(self, day: date, clock: tuple[int, int, int] | None, zone: str | None):
        self.day, self.clock, self.zone = day, clock, zone

    def local(self, others: list[Stamp]) -> bool:
        """A time with its own offset (not UTC) states the local day, unless the page
        gives the same wall-clock time with another offset (then neither is sure)."""
        if not self.clock or self.zone is None or self.utc:
            return False
        return not any(
            o.day == self.day and o.clock == self.clock and o.zone not in (None, self.zone)
            for o in others
        )

    @property
    def utc(self) -> bool:
        return self.zone is not None and self.zone.upper().lstrip("+-") in (
            "Z",
            "UTC",
            "GMT",
            "0000",
            "00:00",
        )


def parse_stamp(text: str) -> Stamp | None:
    """An ISO-like timestamp ("2019-11-19T04:58:46Z", "20191119"), else a date in words."""
    match = _STAMP.search(text or "")
    if match:
        parts = match.groupdict()
        try:
            day = date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        except ValueError:
            return None
        clock = (int(parts["H"]), int(parts["M"]), int(parts["S"] or 0)) if parts["H"] else None
        return Stamp(day, clock, parts["z"]) if _plausible(day) else None
    day = parse_date(text or "")
    return Stamp(day, None, None) if day and _plausible(day) else None


def _plausible(day: date) -> bool:
    return date(1995, 1, 1) <= day <= date.today()


def structured_stamps(tree) -> list[Stamp]:
    """The publication timestamps the page's metadata states, the article's own first:
    JSON-LD of an article, then meta tags and `itemprop` in the page's order."""
    found: list[Stamp] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            found.extend(_jsonld_stamps(script.text))
    for element in tree.xpath("//meta|//*[@itemprop]"):
        name = (
            element.get("property") or element.get("name") or element.get("itemprop") or ""
        ).lower()
        if name in PUBLISHED_META:
            value = element.get("content") or element.get("datetime")
            if value is None and element.get("itemprop"):  # microdata on the day it prints
                value = element.text_content()[:MICRODATA_MAX_CHARS]
            stamp = parse_stamp(value or "")
            if stamp:
                found.append(stamp)
    return found


MICRODATA_MAX_CHARS = 80


# A publication time as JSON-LD writes it, for data no JSON parser reads.
JSONLD_PUBLISHED = re.compile(r'"(?:datePublished|dateCreated)"\s*:\s*"([^"]{8,40})"')


def _jsonld_stamps(text: str) -> list[Stamp]:
    try:
        data = json.loads(text, strict=False)  # (raw line breaks inside strings)
    except ValueError:  # a trailing comma, a comment, an unescaped quote: read the field
        return [s for s in map(parse_stamp, JSONLD_PUBLISHED.findall(text)) if s]
    articles, others = [], []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            kind = item.get("@type")
            kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            value = item.get("datePublished") or item.get("dateCreated")
            stamp = parse_stamp(value) if isinstance(value, str) else None
            if stamp:
                (articles if ARTICLE_TYPES.search(kind) else others).append(stamp)
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return articles + others


def byline_date(tree, headline) -> date | None:
    """The date a reader sees by the headline: the byline's, not an "updated" one.

    The first short string with a date, read under the headline up to the
    article's first body sentence, then in the strings just above it, then
    further down; an "updated" day (after "Updated", "aktualisiert"... or in an
    element classed as the update) and an event's day in a sentence are left out.
    """
    if headline is None:
        return None
    before, after = _strings_by(tree, headline)
    lead = _until_body(after)
    above = [t for t in before[::-1] if not ATTRIBUTION.match(t)]
    stated = _StatedDays(above + after)
    # A sentence's date that is no dateline is an event's ("… shown in Oulu on 14 May").
    parts = (_no_events(part) for part in (lead, above, after[len(lead) :]))
    return next(filter(None, (date_in_byline(part, stated=stated) for part in parts)), None)


class _StatedDays:
    """The days written out by a headline ("Feb. 12, 2025", "2025-02-12"): they tell
    which way round the same page prints a day in figures ("02/12/2025"). Read
    the first time such a day is met, as most pages have none: reading every
    string by the headline for dates cost each page (each title line of a text)
    a pass of DATE_PATTERNS whose answer was rarely asked."""

    def __init__(self, strings: list[str]):
        self.strings = strings

    @functools.cached_property
    def days(self) -> frozenset[date]:
        return frozenset(day for text in self.strings for _, day in _dates_with_offsets(text))

    def __contains__(self, day: object) -> bool:
        return day in self.days


def _no_events(strings: list[str]) -> list[str]:
    return [text for text in strings if not event_sentence(text)]


STRINGS_ABOVE = 2  # a date over the headline ("Episode 12 · 2 May 2024", a kicker)


def _until_body(strings: list[str]) -> list[str]:
    """The strings by the headline up to the article's first body sentence after a
    deck (see `_byline_lines`): the byline stands there, the strings after the
    body are other stories, comments and lists. A date above the headline comes
    before them."""
    deck = True
    for i, text in enumerate(strings):
        starts, deck = _body_starts(text, deck)
        if starts:
            return strings[:i]
    return strings


def _body_starts(text: str, deck: bool) -> tuple[bool, bool]:
    """Whether `text` starts the article's body, and whether a deck may still
    come: one body sentence right under the headline is its standfirst (unless
    it is too long for one), and the byline often stands below it. Shared by
    `_byline_lines` (a plain text) and `_until_body` (a page). A post's stamp
    with its time of day is no sentence, though it may read as one ("posted on
    April 21, 2015, at 11:29 a.m.")."""
    if not is_body_sentence(text) or _stamp_sentence(text):
        return False, deck
    return not deck or len(text) > DECK_MAX_CHARS, False


STAMP_WORDS_BEFORE, STAMP_WORDS_AFTER = 5, 3  # "Last updated on Tuesday, April", "a.m. EDT"


def _stamp_sentence(text: str) -> bool:
    """A post's stamp that reads as a sentence (`_time_stamp_day`): its day and time
    of day with a few words around them, not a first sentence naming an event's ("The
    lab opens in Oulu on May 5, 2025, at 10:00 for visitors.")."""
    times = list(_TIME_OF_DAY.finditer(text))
    if not times:  # (a time holds a figure: the first figure is found below)
        return False
    first_figure = _DIGIT.search(text).start()
    return (
        word_count(text[:first_figure]) <= STAMP_WORDS_BEFORE
        and word_count(text[times[-1].end() :]) <= STAMP_WORDS_AFTER
        and _time_stamp_day(text) is not None
    )


def date_in_byline(
    strings: Iterable[str], updated: bool = False, stated: Container[date] = frozenset()
) -> date | None:
    """The publication day among the strings by a headline (see `byline_date`);
    with `updated`, an "updated" day counts too. A day in figures that reads
    both ways round ("02/12/2025") is read the way a day `stated` in words
    on the page agrees with, else day first."""
    for text in strings:
        if len(text) > BYLINE_MAX_CHARS or "©" in text:
            continue
        found = _byline_day(text if updated else _before_update(text), stated)
        # (the span asked only of a dated string: most by a headline have no date)
        if found and clutter_kind(text) != "copyright" and not event_span(text):
            return found
    return None


def _before_update(text: str) -> str:
    """The part of a byline before its "updated" marker. A marker with no figure
    after it trails its date ("2025年10月3日 15:12更新"): the part before that date
    is left ("2025年10月1日 公開 · 2025年10月3日 更新"), none when the string is only
    the update; a marker after a separator has no date of its own ("Published 4
    March 2025 · Updated")."""
    updated = UPDATED.search(text)
    if not updated:
        return text
    head = text[: updated.start()]
    if _DIGIT.search(text[updated.end() :]) or head.rstrip().endswith(_MARKER_AFTER):
        return head
    return "".join(_BYLINE_PARTS.split(head)[:-1])


_DIGIT = re.compile(r"\d")


# A byline's parts: "Published 4 March 2025 · Updated 5 March", "4 March | 10:02".
_BYLINE_PARTS = re.compile(r"([·|•–—]|\s[/-]\s)")
_MARKER_AFTER = ("·", "|", "•", "–", "—", "-", "/", ",", ";", "(", "（")


def _byline_day(text: str, stated: Container[date] = frozenset()) -> date | None:
    text = ascii_digits(text)
    found = parse_date(text)
    if found:
        return found
    first = YEAR_FIRST_DATE.search(text)
    if first:
        return _numeric_day(int(first["year"]), int(first["m"]), int(first["d"]))
    short = SHORT_YEAR_DATE.search(text)
    if short:
        month, day = int(short["m"]), int(short["d"])
        if day <= 12 < month:  # 27/09/24: the month cannot be 27, so the day is first
            month, day = day, month
        return _numeric_day(2000 + int(short["year"]), month, day)
    match = NUMERIC_DATE.search(text)
    if not match:
        return None
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if a <= 12 < b:  # 11/19/2019, 11.14.2019: the day cannot be a month
        a, b = b, a
    month_first = _numeric_day(year, a, b)
    if month_first in stated and _numeric_day(year, b, a) not in stated:
        return month_first
    return _numeric_day(year, b, a)


def _numeric_day(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if _plausible(found) else None


def _strings_by(tree, headline) -> tuple[list[str], list[str]]:
    """The text strings before the headline element and those after it, in
    reading order (only the last few before it are kept)."""
    before: list[str] = []
    after: list[str] = []
    seen_headline = False
    inside = set(headline.iter())
    above = set(headline.iterancestors())
    updates: set = set()  # the elements inside one marked as the update
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript"):
            continue
        if element is headline:
            seen_headline = True
            texts = [element.tail]
        elif seen_headline and element not in inside:
            texts = [element.text]
            if element.tag == "time" and element.get("datetime"):
                texts.append(element.get("datetime"))  # after its text: the reader's day first
            inner = element in updates  # inside one marked as the update: so is its tail
            if inner:
                texts.append(element.tail)
            if inner or _marked_update(element):
                updates.update(element.iter())
                # (a text with its own marker says which of its days is the update)
                texts = [
                    t if UPDATED.search(t) else f"Updated {t}" for t in texts if t and t.strip()
                ]
            if not inner:
                texts.append(element.tail)
        else:
            if not seen_headline:  # (an ancestor's tail follows the headline)
                texts = (element.text,) if element in above else (element.text, element.tail)
                before.extend(" ".join(t.split()) for t in texts if t and not t.isspace())
                del before[:-STRINGS_ABOVE]
            continue
        after.extend(" ".join(t.split()) for t in texts if t and not t.isspace())
        if len(after) >= BYLINE_STRINGS_AFTER:
            break
    return before, after


# Classes that mark an element as the page's update, not its publication
# (`<time class="updated">` beside `<time class="entry-date published">`,
# "date-modified", "lastUpdated", "node__changed"): the word whole, for a class
# that only contains it is something else ("live-updates" holds a live blog's
# posts, "js-updatable" is a script's hook, "has-modifier" a style).
UPDATE_CLASS = re.compile(r"(?<![a-z])(?:updated?|modified|changed)(?![a-z])")
PUBLISHED_CLASS = re.compile(r"publish|posted|created", re.I)


# hAtom asks for an "updated" class: a theme that prints one date classes it so
# ("entry-date updated"), and marks a "published" one only when it prints both.
HATOM_PUBLISHED = "boolean(//*[contains(concat(' ', normalize-space(@class), ' '), ' published ')])"


_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")  # "dateModified": "date Modified"


def _marked_update(element) -> bool:
    marks = f"{element.get('class') or ''} {element.get('itemprop') or ''}"
    if "updated" in marks.split() and not element.xpath(HATOM_PUBLISHED):
        marks = " ".join(t for t in marks.split() if t != "updated")  # hAtom's one date
    words = _CAMEL_CASE.sub(" ", marks).lower()  # "dateModified"
    return bool(UPDATE_CLASS.search(words)) and not PUBLISHED_CLASS.search(marks)


def page_date(tree, headline, quick: str | None, url: str | None = None, extensive=None):
    """A page's publication day from its structured data, byline, URL and htmldate.

    `quick` is htmldate's quick-search result (trafilatura's metadata), `url`
    the page's address (canonical link or og:url); `extensive` is called for
    htmldate's extensive search when nothing else gives a date.
    """
    stamps = structured_stamps(tree) if tree is not None else []
    structured = stamps[0].day if stamps else None
    shown = byline_date(tree, headline) if tree is not None else None
    in_url = url_date(url)
    if structured:
        if stamps[0].local(stamps[1:]):
            return structured
        # A UTC, zoneless or day-only stamp may be a day off the site's own day.
        for other in (shown, in_url):
            if other and abs((other - structured).days) <= 1:
                return other
        return structured
    found = shown or in_url or published_date(quick)
    if found is None and extensive is not None:
        found = published_date(extensive())
        if found and tree is not None and not stated_as_own(tree, found):
            return None
    return found


def stated_as_own(tree, day: date) -> bool:
    """Whether the page may state `day` as its own (htmldate's extensive search
    reads the whole page): not when it writes the day only in the addresses of
    links and images (other stories') or in a cookie notice, a copyright line or
    an "updated" phrase. A day it writes nowhere we can read stands."""
    elsewhere = False
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        for name, value in element.attrib.items():
            if _writes(value, day):
                if name not in ("href", "src"):
                    return True
                elsewhere = True
        for text in (element.text, element.tail):
            if text and _writes(text, day):
                # ("Published 2 March · Updated 5 March": the day before the marker is its own)
                if not clutter_kind(text) and _writes(_before_update(text), day):
                    return True
                elsewhere = True
    return not elsewhere


def _writes(text: str, day: date) -> bool:
    """Whether `text` writes `day`. Each form has the year in four figures, so
    most strings are done by looking for it (the page is read whole)."""
    return str(day.year) in ascii_digits(text) and day in _days_in(text)


def _days_in(text: str) -> set[date]:
    """Every day written in `text`: in words, ISO and address forms, and figures."""
    days = {day for _, day in _dates_with_offsets(text)}
    days.add(url_date(text))
    for match in YEAR_FIRST_DATE.finditer(text):
        days.add(_numeric_day(int(match["year"]), int(match["m"]), int(match["d"])))
    for match in NUMERIC_DATE.finditer(text):
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        days.update((_numeric_day(year, b, a), _numeric_day(year, a, b)))
    return days


URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def url_date(url: str | None) -> date | None:
    """The date in a URL's path (/2019/11/18/, 20191118, 2019-11-18), if any."""
    match = URL_DATE.search(url.split("?")[0]) if url else None
    if not match:
        return None
    try:
        found = date(*map(int, match.groups()))
    except ValueError:
        return None
    return found if _plausible(found) else None
