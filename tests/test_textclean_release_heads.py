"""The head of a press release as sites print it in a browser copy: a
release's number round the headline."""

from datetime import date

import pytest

from indexer.extract import extract_document


def read(*lines: str) -> tuple[str | None, date | None]:
    """The title and the date of a page of these lines."""
    article = extract_document("\n".join(lines), "page.txt", is_html=False)
    return article.title, article.date


MENU = ["Skip to content", "Home", "About us", "Research", "Projects", "News", "Careers"]


def test_a_release_number_over_the_headline_is_no_teaser():
    # Three long lines in a row would read as a list of other stories; one is furniture.
    headline = "Ateneo e porto firmano un accordo per un banco di prova del 6G in banchina"
    head = ["Media", "/", "Area stampa", "Area stampa", "14 marzo 2024"]
    lead = [
        "L'ateneo e l'autorità portuale hanno firmato giovedì un accordo per allestire "
        "in banchina un banco di prova del 6G per gru e veicoli automatici.",
        "Le prime misure sono previste in autunno e dureranno tre anni.",
    ]
    page = [*MENU, *head, "Comunicato stampa n. 7/2024", headline, "Tempo di lettura: 4 minuti"]
    assert read(*page, *lead) == (headline, date(2024, 3, 14))


def test_a_headline_citing_a_decision_s_number_is_still_the_title():
    headline = "Commission amends Decision No 243/2012/EU to open the upper 6 GHz band for 6G"
    lead = [
        "The Commission today amended Decision No 243/2012/EU so that the upper 6 GHz "
        "band can be studied for 6G mobile networks as well as for Wi-Fi.",
        "Member states have two years to report on how the band is used today.",
    ]
    assert read(*MENU, "News", headline, "5 March 2024", *lead) == (headline, date(2024, 3, 5))


LEAD = [
    "The ministry said the rules on sharing the upper 6 GHz band between operators take "
    "effect in July, after a consultation that ran for six months.",
    "Operators must report their use of the band every quarter.",
]


def test_a_short_headline_with_a_regulation_s_number_is_still_the_title():
    """A release number's line is its label and number (a date may follow); a short
    headline that cites a number and goes on is a headline."""
    for headline in ("Regulation No 5/2025 adopted", "Regulation No 5/2025 enters into force"):
        assert read(*MENU, "News", headline, "5 March 2025", *LEAD) == (
            headline,
            date(2025, 3, 5),
        )


def test_release_number_lines_with_their_label_and_date_are_furniture():
    headline = "Neue Regeln für das obere 6-GHz-Band"
    for number in (
        "Pressemitteilung Nr. 47/2025",
        "Nr. 118/2025 vom 12.03.2025",
        "Pressemitteilung Nr. 12/2025 · 12.03.2025",
        "Press release No. 12/2025, 12 March 2025",
    ):
        assert read(*MENU, number, headline, "12.03.2025", *LEAD) == (
            headline,
            date(2025, 3, 12),
        ), number


def test_a_release_number_stands_on_its_own_above_a_headline_cut_at_a_link():
    """One text node a line: the number is no piece of the headline under it."""
    lead = [
        "Kleine und mittlere Unternehmen sollen neue Mobilfunktechnik schneller auf ihren "
        "Betriebsgeländen erproben dürfen, fordert die Kammer in einem Positionspapier.",
        "Bislang dauert die Genehmigung eines Testfeldes oft mehr als ein halbes Jahr.",
    ]
    page = [*MENU, "Pressemitteilung Nr. 47/2025", "Kammer fordert"]
    page += ["schnellere Genehmigungen für Testfelder", "22.07.2025", *lead]
    assert read(*page) == (
        "Kammer fordert schnellere Genehmigungen für Testfelder",
        date(2025, 7, 22),
    )


# A byline in Italian, Swedish, Norwegian and Danish by a short headline and its date:
# (the headline, its date line, the byline, the lead).
BYLINES = {
    "it": (
        "Il porto prova il 6G",
        "12 marzo 2025",
        "di Marco Bellini",
        "L'ateneo e l'autorità portuale hanno firmato giovedì un accordo per allestire in "
        "banchina un banco di prova del 6G per gru e veicoli automatici.",
    ),
    "sv": (
        "Havsis mäts",
        "12 mars 2025",
        "Av Eva Berg",
        "Forskare vid universitetet har under vintern mätt hur 6G-signaler tar sig genom "
        "havsis, och resultaten presenteras i vår.",
    ),
    "no": (
        "Havis måles",
        "12. mars 2025",
        "Av Kari Nordmann",
        "Forskere ved universitetet har i vinter målt hvordan 6G-signaler går gjennom "
        "havis, og resultatene legges fram i vår.",
    ),
    "da": (
        "Havis måles",
        "12. marts 2025",
        "Af Jens Holm",
        "Forskere ved universitetet har i vinter målt, hvordan 6G-signaler bevæger sig "
        "gennem havis, og resultaterne fremlægges i foråret.",
    ),
}


@pytest.mark.parametrize("language", sorted(BYLINES))
def test_a_byline_in_italian_swedish_norwegian_or_danish_is_no_title(language):
    headline, day, byline, lead = BYLINES[language]
    for page in ([headline, byline, lead], [headline, day, byline, lead]):
        assert read(*MENU, *page)[0] == headline, page


@pytest.mark.parametrize(
    "headline",
    [
        "Di Maio apre il forum sul 6G",  # "di" and a name, and more: a headline
        "Av Ericsson",  # one word after "av": no name of a writer
    ],
)
def test_a_headline_that_opens_with_di_or_av_is_still_the_title(headline):
    lead = BYLINES["sv"][3] if headline.startswith("Av") else BYLINES["it"][3]
    assert read(*MENU, headline, "12.03.2025", lead)[0] == headline
