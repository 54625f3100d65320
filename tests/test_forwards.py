"""E-mail forwards as Outlook and Gmail write them in English, German, French and
Spanish: the mail's headers, forward marks and the sender's note leave the text
(shown as removed lines with their reason); the release is the article."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.extract import extract_document
from indexer.extract.forwards import MAIL_HEADER, SENDER_NOTE

RELEASE = {
    "en": (
        "Two labs share a 6G channel sounder",
        "Oslo, 12 March 2024 - Two university labs will share one channel sounder for "
        "sub-THz measurements from next month.\n\nThe sounder moves between the labs every "
        "three months, and the two teams will publish their results together.",
    ),
    "de": (
        "Zwei Labore teilen sich einen 6G-Kanalmesser",
        "Oslo, 12. März 2024 - Zwei Universitätslabore werden künftig einen Kanalmesser für "
        "Messungen im Sub-THz-Bereich gemeinsam nutzen.\n\nDer Messer wechselt alle drei "
        "Monate zwischen den beiden Laboren, die ihre Ergebnisse gemeinsam veröffentlichen.",
    ),
    "fr": (
        "Deux laboratoires partagent un sondeur de canal 6G",
        "Oslo, le 12 mars 2024 - Deux laboratoires universitaires partageront désormais un "
        "sondeur de canal pour des mesures sub-THz.\n\nLe sondeur passera tous les trois mois "
        "d'un laboratoire à l'autre, et les résultats seront publiés en commun.",
    ),
    "es": (
        "Dos laboratorios comparten un sondeador de canal 6G",
        "Oslo, 12 de marzo de 2024 - Dos laboratorios universitarios compartirán un "
        "sondeador de canal para medidas en sub-THz.\n\nEl sondeador pasará cada tres meses "
        "de un laboratorio al otro, y los resultados se publicarán en común.",
    ),
}
NOTE = {
    "en": "Hi all, below is the release from the university about the new test bed, which "
    "we should run in Friday's newsletter.\nI think it fits well with the piece on the Oulu "
    "summit we ran last week, and the photo desk has a picture of the sounder.",
    "de": "Hallo zusammen, anbei die Pressemitteilung der Universität zum neuen Testfeld, "
    "die wir am Freitag im Newsletter bringen sollten.\n\nViele Grüße, Lena",
    "fr": "Bonjour à tous, voici le communiqué de l'université sur le nouveau banc d'essai, "
    "à publier vendredi dans la lettre.",
    "es": "Hola a todos, os reenvío la nota de prensa de la universidad sobre el nuevo "
    "banco de pruebas, para el boletín del viernes.",
}
# The headers each mail program writes above a forwarded mail, and its mark.
HEADERS = {
    "en-gmail": (
        "en",
        "---------- Forwarded message ---------\n"
        "From: Press Office <press@example.net>\nDate: Wed, 13 Mar 2024 at 15:10\n"
        "Subject: {title}\n"
        "To: Lena Holm <lena@example.org>, Karl Nyberg <karl@example.se>, Ann Lee "
        "<ann@example.com>, Policy team <policy@example.se>",
    ),
    "en-outlook": (
        "en",
        "-----Original Message-----\nFrom: Press Office <press@example.net>\n"
        "Sent: Wednesday, March 13, 2024 3:10 PM\nTo: Lena Holm <lena@example.org>\n"
        "Cc: Karl Nyberg <karl@example.se>\nSubject: FW: [News release] {title}",
    ),
    "de-outlook": (
        "de",
        "Von: Pressestelle <presse@example.de>\nGesendet: Mittwoch, 13. März 2024 15:10\n"
        "An: Redaktion <redaktion@example.org>; Karl Nyberg <karl@example.se>\n"
        "Cc: Lena Holm <lena@example.org>\nBetreff: WG: [Pressemitteilung] {title}",
    ),
    "de-gmail": (
        "de",
        "---------- Weitergeleitete Nachricht ---------\nVon: Pressestelle "
        "<presse@example.de>\nDate: Mi., 13. März 2024 um 15:10 Uhr\nSubject: {title}\n"
        "To: <redaktion@example.org>",
    ),
    "fr-outlook": (
        "fr",
        "-----Message d'origine-----\nDe : Service de presse <presse@example.fr>\n"
        "Envoyé : mercredi 13 mars 2024 15:10\nÀ : Rédaction <redaction@example.org>\n"
        "Objet : TR: {title}",
    ),
    "es-gmail": (
        "es",
        "---------- Mensaje reenviado ---------\nDe: Oficina de prensa "
        "<prensa@example.es>\nDate: mié, 13 mar 2024 a las 15:10\nSubject: RV: {title}\n"
        "To: <redaccion@example.org>",
    ),
    "es-outlook": (
        "es",
        "De: Oficina de prensa <prensa@example.es>\nEnviado el: miércoles, 13 de marzo de "
        "2024 15:10\nPara: Redacción <redaccion@example.org>\nAsunto: RV: {title}",
    ),
}


@pytest.mark.parametrize("program", sorted(HEADERS))
def test_a_forward_s_headers_and_note_leave_the_text(program):
    language, headers = HEADERS[program]
    title, body = RELEASE[language]
    headers = headers.format(title=title)
    mail = f"{NOTE[language]}\n\n{headers}\n\n{title}\n\n{body}\n"
    article = extract_document(mail, "mail.txt", is_html=False)
    assert article.title == title
    assert article.date == date(2024, 3, 12)
    assert article.paragraphs == body.split("\n\n")
    reasons = {r.line: r.reason for r in article.removed}
    assert [reasons.get(line) for line in headers.splitlines()] == [MAIL_HEADER] * len(
        headers.splitlines()
    )
    note = [line for line in NOTE[language].splitlines() if line]
    assert [reasons.get(line) for line in note] == [SENDER_NOTE] * len(note)


def test_a_quoted_reply_s_lines_lose_their_quote_marks():
    title, body = RELEASE["de"]
    quoted = "\n".join(f"> {line}" for line in f"{title}\n\n{body}".splitlines())
    mail = (
        "Betreff: AW: Zwei Labore\nVon: Karl Nyberg <karl@example.se>\n"
        "An: Redaktion <redaktion@example.org>\n\nBitte in den Newsletter.\n\n"
        f"Am Mi., 13. März 2024 um 15:10 Uhr schrieb Pressestelle <presse@example.de>:\n{quoted}\n"
    )
    article = extract_document(mail, "mail.txt", is_html=False)
    assert article.title == title
    assert article.paragraphs == body.split("\n\n")
    assert article.removed[3].reason == SENDER_NOTE and article.removed[4].reason == MAIL_HEADER


@pytest.mark.parametrize(
    "subject",
    [
        "Subject: Fwd: EMBARGOED: {title}",
        "Betreff: WG: [Pressemitteilung] {title}",
        "Asunto: RV: {title}",
        "Oggetto: Re: [Comunicato] {title}",
        # the forward tags of Outlook in the languages whose Subject is read
        "Ämne: VB: {title}",
        "Oggetto: I: {title}",
        "Assunto: ENC: {title}",
        "Onderwerp: Doorst: {title}",
        "Aihe: VL: {title}",
        "Temat: PD: {title}",
    ],
)
def test_the_cleaner_reads_a_subject_s_tags_as_the_mail_reader_does(subject):
    """A webmail page copied whole: menus above the mail, so no forward is read and
    the text cleaner takes the title from the Subject line, its tags left out by the
    same list the mail reader uses (forwards.SUBJECT_FIELD)."""
    title, body = RELEASE["en"]
    text = "Inbox\nStarred\nSent\nDrafts\n\n" + subject.format(title=title) + "\n\n" + body
    assert extract_document(text, "mail.txt", is_html=False).title == title


def test_a_release_line_saying_someone_wrote_is_no_reply_mark():
    """'On Friday the rector wrote to all staff:' in the release has no sender's
    address or time of day as a mail program's 'On … wrote:' line has: the
    release above it stays the article."""
    title, body = RELEASE["en"]
    headers = HEADERS["en-gmail"][1].format(title=title)
    quote = 'On Friday the rector wrote to all staff:\n\n"A good day for both labs."'
    article = extract_document(
        f"{headers}\n\n{title}\n\n{body}\n\n{quote}\n", "m.txt", is_html=False
    )
    assert article.title == title
    assert article.paragraphs[: len(body.split("\n\n"))] == body.split("\n\n")
    assert SENDER_NOTE not in {r.reason for r in article.removed}


OUTLOOK_FORWARD = (
    "From: Press Office <press@example.net>\nSent: Tuesday, June 3, 2025 10:14 AM\n"
    "To: Lena Holm <lena@example.org>\nSubject: FW: Two labs share a 6G channel sounder\n\n"
    "Two labs share a 6G channel sounder\n\n{lead}\n\n"
    "The sounder moves between the labs every three months, and the two teams will "
    "publish their results together.\n"
)


@pytest.mark.parametrize(
    "lead",
    [
        "On 28 May 2025, two university labs agreed to share one channel sounder for "
        "sub-THz measurements from next month.",
        "El pasado 28 de mayo de 2025, dos laboratorios universitarios acordaron compartir "
        "un sondeador de canal para medidas en sub-THz.",
        "Das Forum findet am 24. September 2025 in Berlin statt und zeigt, wie zwei Labore "
        "einen Kanalmesser gemeinsam nutzen.",
    ],
)
def test_an_event_s_date_in_the_release_s_first_sentence_is_not_its_day(lead):
    """The release states no date of its own: a date inside its first sentence (not
    after the place, as a dateline's) is an event's; the day the mail was sent counts."""
    article = extract_document(OUTLOOK_FORWARD.format(lead=lead), "mail.txt", is_html=False)
    assert article.date == date(2025, 6, 3)


def test_a_when_line_weeks_after_the_mail_is_an_event_not_the_release_s_day():
    lead = (
        "When: 18 September 2025, 09:30-17:00\nWhere: Brussels\n\nTwo university labs "
        "invite operators to see the channel sounder they share for sub-THz measurements."
    )
    article = extract_document(OUTLOOK_FORWARD.format(lead=lead), "mail.txt", is_html=False)
    assert article.date == date(2025, 6, 3)


@pytest.mark.parametrize(
    "lead, day",
    [
        (
            "HELSINKI, 2 June 2025 /PRNewswire/ -- Two university labs will share one channel "
            "sounder for sub-THz measurements.",
            date(2025, 6, 2),
        ),
        (
            "Paris, le 2 juin 2025 – Deux laboratoires universitaires partageront un sondeur de "
            "canal pour des mesures sub-THz.",
            date(2025, 6, 2),
        ),
        (
            "EMBARGOED UNTIL 10:00 CET 5 June 2025\n\nTwo university labs will share one "
            "channel sounder for sub-THz measurements.",
            date(2025, 6, 5),
        ),
    ],
)
def test_a_release_s_dateline_or_embargo_stays_its_day(lead, day):
    article = extract_document(OUTLOOK_FORWARD.format(lead=lead), "mail.txt", is_html=False)
    assert article.date == day


QUOTED_RELEASE = "\n".join(
    f"> {line}" for line in OUTLOOK_FORWARD.format(lead="Two labs agreed.").splitlines()[5:]
)


def test_a_reply_quoting_a_forward_is_dated_by_the_forwarded_mail_not_the_reply():
    mail = (
        "On Thu, 12 Jun 2025 at 15:02, Lena Holm <lena@example.org> wrote:\n> FYI\n>\n"
        "> ---------- Forwarded message ---------\n> From: Press Office <press@example.net>\n"
        "> Date: Tue, 3 Jun 2025 at 10:14\n> Subject: Two labs share a 6G channel sounder\n"
        f"> To: <lena@example.org>\n>\n{QUOTED_RELEASE}\n"
    )
    article = extract_document(mail, "mail.txt", is_html=False)
    assert (article.title, article.date) == (
        "Two labs share a 6G channel sounder",
        date(2025, 6, 3),
    )


@pytest.mark.parametrize(
    "wrote",
    [
        "On Tue, Jun 3, 2025 at 10:14 AM Press Office <press@example.net> wrote:",
        "Am Di., 3. Juni 2025 um 10:14 Uhr schrieb Pressestelle <presse@example.de>:",
        "Le mar. 3 juin 2025 à 10:14, Service de presse <presse@example.fr> a écrit :",
        "El mar, 3 jun 2025 a las 10:14, Prensa (<prensa@example.es>) escribió:",
    ],
)
def test_a_reply_that_opens_with_its_wrote_line_is_read_as_mail(wrote):
    article = extract_document(f"{wrote}\n\n{QUOTED_RELEASE}\n", "mail.txt", is_html=False)
    assert (article.title, article.date) == (
        "Two labs share a 6G channel sounder",
        date(2025, 6, 3),
    )
    assert article.removed[0].line == wrote and article.removed[0].reason == MAIL_HEADER


@pytest.mark.parametrize(
    "sent, day",
    [
        ("Gesendet: 03.06.2025 10:14", date(2025, 6, 3)),
        ("Sent: 6/23/2025 10:14:00 AM", date(2025, 6, 23)),
        ("Sent: 23/06/2025 10:14", date(2025, 6, 23)),
        ("Sent: 6/3/2025 10:14:00 AM", None),  # 6 March or 3 June: no guess
    ],
)
def test_outlook_s_short_sent_dates_in_figures(sent, day):
    mail = OUTLOOK_FORWARD.format(lead="Two labs agreed.").replace(
        "Sent: Tuesday, June 3, 2025 10:14 AM", sent
    )
    assert extract_document(mail, "mail.txt", is_html=False).date == day
