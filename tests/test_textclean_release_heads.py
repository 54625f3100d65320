"""The head of a press release as sites print it in a browser copy: a
release's number round the headline."""

from datetime import date

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
