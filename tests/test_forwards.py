"""E-mail forwards as Outlook and Gmail write them in English, German, French and
Spanish: the mail's headers, forward marks and the sender's note leave the text
(shown as removed lines with their reason); the release is the article."""

from __future__ import annotations

import importlib
import shutil
from datetime import date

import pytest

from indexer import datafiles
from indexer.extract import extract_document, forwards, version
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


# Forwards in the other languages mail.toml lists, as Outlook, Gmail, Apple Mail and
# Thunderbird write them: (title, body, note, {program: (headers, day sent or None
# where the header's day is in words the date reader does not know)}).
SENT = date(2024, 3, 13)
FORWARDS = {
    "it": (
        "Due laboratori condividono un sondatore di canale 6G",
        "Due laboratori universitari condivideranno un sondatore di canale per misure sub-THz "
        "a partire dal mese prossimo.\n\nIl sondatore passerà da un laboratorio all'altro ogni "
        "tre mesi, e i due gruppi pubblicheranno i risultati insieme.",
        "Ciao a tutti, ecco il comunicato dell'università sul nuovo banco di prova, da "
        "pubblicare venerdì nella newsletter.",
        {
            "outlook": (
                "-----Messaggio originale-----\nDa: Ufficio stampa <stampa@example.it>\n"
                "Inviato: mercoledì 13 marzo 2024 15:10\nA: Redazione <redazione@example.org>\n"
                "Cc: Karl Nyberg <karl@example.se>\nOggetto: I: {title}",
                SENT,
            ),
            "apple": (
                "Inizio messaggio inoltrato:\n\nDa: Ufficio stampa <stampa@example.it>\n"
                "Oggetto: {title}\nData: 13 marzo 2024 15:10:00 CET\n"
                "A: Redazione <redazione@example.org>",
                SENT,
            ),
            "thunderbird": (
                "-------- Messaggio Inoltrato --------\nOggetto: \t{title}\n"
                "Data: \tWed, 13 Mar 2024 15:10:00 +0100\n"
                "Mittente: \tUfficio stampa <stampa@example.it>\n"
                "A: \tRedazione <redazione@example.org>",
                SENT,
            ),
        },
    ),
    "nl": (
        "Twee labs delen een 6G-kanaalmeter",
        "Twee universiteitslabs gaan vanaf volgende maand samen één kanaalmeter gebruiken voor "
        "metingen in het sub-THz-gebied.\n\nDe meter wisselt elke drie maanden van lab, en de "
        "twee teams publiceren hun resultaten samen.",
        "Hoi allemaal, hieronder het persbericht van de universiteit over de nieuwe "
        "testopstelling, voor de nieuwsbrief van vrijdag.",
        {
            "outlook": (
                "-----Oorspronkelijk bericht-----\nVan: Persdienst <pers@example.nl>\n"
                "Verzonden: woensdag 13 maart 2024 15:10\nAan: Redactie <redactie@example.org>\n"
                "CC: Karl Nyberg <karl@example.se>\nOnderwerp: Doorst: {title}",
                SENT,
            ),
            "gmail": (
                "---------- Doorgestuurd bericht ---------\nVan: Persdienst <pers@example.nl>\n"
                "Date: wo 13 maart 2024 om 15:10\nSubject: {title}\nTo: <redactie@example.org>",
                SENT,
            ),
            "apple": (
                "Begin doorgestuurd bericht:\n\nVan: Persdienst <pers@example.nl>\n"
                "Onderwerp: {title}\nDatum: 13 maart 2024 om 15:10:00 CET\n"
                "Aan: Redactie <redactie@example.org>",
                SENT,
            ),
        },
    ),
    "pt": (
        "Dois laboratórios partilham um sondador de canal 6G",
        "Dois laboratórios universitários vão partilhar um sondador de canal para medições "
        "sub-THz a partir do próximo mês.\n\nO sondador passará de um laboratório para o outro "
        "a cada três meses, e as duas equipas publicarão os resultados em conjunto.",
        "Olá a todos, segue o comunicado da universidade sobre o novo banco de ensaios, para "
        "a newsletter de sexta-feira.",
        {
            "outlook": (
                "De: Assessoria de imprensa <imprensa@example.br>\n"
                "Enviado: quarta-feira, 13 de março de 2024 15:10\n"
                "Para: Redação <redacao@example.org>\nCc: Karl Nyberg <karl@example.se>\n"
                "Assunto: ENC: {title}",
                SENT,
            ),
            "gmail": (
                "---------- Mensagem encaminhada ---------\n"
                "De: Assessoria de imprensa <imprensa@example.br>\n"
                "Date: qua., 13 de março de 2024 às 15:10\nSubject: {title}\n"
                "To: <redacao@example.org>",
                SENT,
            ),
            "apple": (
                "Início da mensagem encaminhada:\n\n"
                "De: Assessoria de imprensa <imprensa@example.br>\nAssunto: {title}\n"
                "Data: 13 de março de 2024 15:10:00 BRT\nPara: Redação <redacao@example.org>",
                SENT,
            ),
        },
    ),
    "fi": (
        "Kaksi laboratoriota jakaa 6G-kanavamittarin",
        "Kaksi yliopiston laboratoriota käyttää ensi kuusta alkaen yhteistä kanavamittaria "
        "sub-THz-mittauksiin.\n\nMittari siirtyy laboratoriosta toiseen kolmen kuukauden "
        "välein, ja ryhmät julkaisevat tuloksensa yhdessä.",
        "Hei kaikki, alla yliopiston tiedote uudesta testiympäristöstä perjantain uutiskirjeeseen.",
        {
            "outlook": (
                "-----Alkuperäinen viesti-----\nLähettäjä: Viestintä <viestinta@example.fi>\n"
                "Lähetetty: keskiviikko 13. maaliskuuta 2024 15.10\n"
                "Vastaanottaja: Toimitus <toimitus@example.org>\n"
                "Kopio: Karl Nyberg <karl@example.se>\nAihe: VL: {title}",
                SENT,
            ),
            "gmail": (
                "---------- Välitetty viesti ---------\n"
                "Lähettäjä: Viestintä <viestinta@example.fi>\nDate: ke 13.3.2024 klo 15.10\n"
                "Subject: {title}\nTo: <toimitus@example.org>",
                SENT,
            ),
            "thunderbird": (
                "-------- Välitetty viesti / Fwd.Msg --------\nAihe: \t{title}\n"
                "Päiväys: \tWed, 13 Mar 2024 15:10:00 +0200\n"
                "Lähettäjä: \tViestintä <viestinta@example.fi>\n"
                "Vastaanottaja: \tToimitus <toimitus@example.org>",
                SENT,
            ),
        },
    ),
    "pl": (
        "Dwa laboratoria dzielą się miernikiem kanału 6G",
        "Dwa laboratoria uniwersyteckie będą od przyszłego miesiąca wspólnie korzystać z "
        "miernika kanału do pomiarów w paśmie sub-THz.\n\nMiernik będzie co trzy miesiące "
        "przenoszony między laboratoriami, a zespoły opublikują wyniki wspólnie.",
        "Cześć wszystkim, poniżej komunikat uczelni o nowym stanowisku testowym, do "
        "piątkowego newslettera.",
        {
            "outlook": (
                "-----Wiadomość oryginalna-----\nOd: Biuro prasowe <prasa@example.pl>\n"
                "Wysłano: środa, 13 marca 2024 15:10\nDo: Redakcja <redakcja@example.org>\n"
                "DW: Karl Nyberg <karl@example.se>\nTemat: PD: {title}",
                SENT,
            ),
            "apple": (
                "Początek przekazywanej wiadomości:\n\nOd: Biuro prasowe <prasa@example.pl>\n"
                "Temat: {title}\nData: 13.03.2024, o godz. 15:10\n"
                "Do: Redakcja <redakcja@example.org>",
                SENT,
            ),
            "thunderbird": (
                "-------- Przekazana wiadomość --------\nTemat: \t{title}\n"
                "Data: \tWed, 13 Mar 2024 15:10:00 +0100\n"
                "Nadawca: \tBiuro prasowe <prasa@example.pl>\n"
                "Adresat: \tRedakcja <redakcja@example.org>",
                SENT,
            ),
        },
    ),
    "tr": (
        "İki laboratuvar bir 6G kanal ölçüm cihazını paylaşıyor",
        "İki üniversite laboratuvarı gelecek aydan itibaren sub-THz ölçümleri için ortak bir "
        "kanal ölçüm cihazı kullanacak.\n\nCihaz üç ayda bir laboratuvarlar arasında taşınacak "
        "ve ekipler sonuçları birlikte yayımlayacak.",
        "Merhaba, cuma bülteni için üniversitenin yeni test ortamıyla ilgili duyurusunu "
        "aşağıda iletiyorum.",
        {
            "outlook": (
                "-----Özgün İleti-----\nKimden: Basın Ofisi <basin@example.tr>\n"
                "Gönderildi: 13 Mart 2024 Çarşamba 15:10\nKime: Editör <editor@example.org>\n"
                "Bilgi: Karl Nyberg <karl@example.se>\nKonu: {title}",
                SENT,
            ),
            "gmail": (
                "---------- Yönlendirilmiş ileti ---------\n"
                "Kimden: Basın Ofisi <basin@example.tr>\n"
                "Date: 13 Mar 2024 Çar, 15:10\nSubject: {title}\nTo: <editor@example.org>",
                SENT,
            ),
        },
    ),
}


@pytest.mark.parametrize(
    "language, program", [(lang, p) for lang, forward in FORWARDS.items() for p in forward[3]]
)
def test_a_forward_in_italian_dutch_portuguese_finnish_or_polish(language, program):
    title, body, note, programs = FORWARDS[language]
    headers, sent = programs[program]
    headers = headers.format(title=title)
    mail = f"{note}\n\n{headers}\n\n{title}\n\n{body}\n"
    article = extract_document(mail, "mail.txt", is_html=False)
    assert article.title == title
    assert article.paragraphs == body.split("\n\n")
    if sent:
        assert article.date == sent
    reasons = {r.line: r.reason for r in article.removed}
    lines = [line.strip() for line in headers.splitlines() if line.strip()]
    assert [reasons.get(line) for line in lines] == [MAIL_HEADER] * len(lines)
    assert reasons[note] == SENDER_NOTE


@pytest.mark.parametrize(
    "wrote",
    [
        "Il giorno mer 13 mar 2024 alle ore 15:10 Ufficio stampa <stampa@example.it> ha scritto:",
        "Op wo 13 mrt 2024 om 15:10 schreef Persdienst <pers@example.nl>:",
        "Em qua., 13 de mar. de 2024 às 15:10, Assessoria <imprensa@example.br> escreveu:",
        "W dniu śr., 13.03.2024 o 15:10 Biuro prasowe <prasa@example.pl> napisał(a):",
    ],
)
def test_a_reply_s_wrote_line_in_italian_dutch_portuguese_or_polish(wrote):
    article = extract_document(f"{wrote}\n\n{QUOTED_RELEASE}\n", "mail.txt", is_html=False)
    assert article.title == "Two labs share a 6G channel sounder"
    assert article.removed[0].line == wrote and article.removed[0].reason == MAIL_HEADER


@pytest.fixture
def mail_toml(tmp_path, monkeypatch):
    """A copy of the data files whose mail.toml a test may edit; the forward reader
    is built again from the package's words afterwards."""
    target = tmp_path / "data"
    shutil.copytree(datafiles.DATA_DIR, target)
    monkeypatch.setattr(datafiles, "DATA_DIR", target)
    datafiles.mail_words.cache_clear()
    version.extractor_fingerprint.cache_clear()
    yield target / "mail.toml"
    monkeypatch.undo()
    datafiles.mail_words.cache_clear()
    version.extractor_fingerprint.cache_clear()
    importlib.reload(forwards)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_language_added_to_mail_toml_is_read(mail_toml):
    """Czech, as Outlook writes it: its words added to the lists, nothing else."""
    title, body = RELEASE["en"]
    mail = (
        "Od: Tisková kancelář <tisk@example.cz>\nOdesláno: středa 13. března 2024 15:10\n"
        f"Komu: Redakce <redakce@example.org>\nPředmět: FW: {title}\n\n{title}\n\n{body}\n"
    ).splitlines()
    assert forwards.read_forward(mail) is None
    _edit(mail_toml, '"wysłane",', '"wysłane", "odesláno",')
    _edit(mail_toml, '"adresat",', '"adresat", "komu",')
    _edit(mail_toml, '"aihe", "temat",', '"aihe", "temat", "předmět",')
    datafiles.mail_words.cache_clear()
    importlib.reload(forwards)
    forward = forwards.read_forward(mail)
    assert forward.title == title and forward.text.split("\n\n") == [title, *body.split("\n\n")]
    assert len(forward.removed) == 4


def test_an_edit_to_mail_toml_re_extracts(mail_toml):
    fingerprint = version.extractor_fingerprint()
    _edit(mail_toml, '"adresat",', '"adresat", "komu",')
    version.extractor_fingerprint.cache_clear()
    assert version.extractor_fingerprint() != fingerprint


# Edits that break mail.toml, and what its message says.
BAD_MAIL_TOML = [
    ('"kimden"]', '"kimden", "date"]', "'date' is both a sender and a date name"),
    (
        'sender = ["from", "von", "de", "från", "da", "mittente", "van", "lähettäjä", "od", '
        '"nadawca", "kimden"]',
        "sender = []",
        "sender must be a non-empty list",
    ),
    ('"odp",', '"Odp",', "'Odp' must be a non-empty lower-case string"),
    ('"wrote",', '"wrote:",', "without a colon"),
    ("tags = [", "tag = [", r"\[subject\]: unknown keys \['tag'\]"),
    ("[marks]", "[mark]", "unknown tables"),
    ('wrote_openers = ["on", "am"', 'wrote_openers = []\nx = ["on", "am"', "unknown keys"),
    ('"il giorno", "op"', '"il giorno", 7, "op"', "7 must be a non-empty lower-case"),
]


@pytest.mark.parametrize("old, new, message", BAD_MAIL_TOML)
def test_a_bad_mail_toml_is_named_clearly(mail_toml, old, new, message):
    _edit(mail_toml, old, new)
    with pytest.raises(datafiles.DataFileError, match=message):
        datafiles.mail_words()


def test_mail_toml_s_words_are_read_as_written_not_as_patterns(mail_toml):
    """A tag with a dot ("wg.") strips "WG.:" and not "WGX:"; a subject name with
    one ("betr.") is a Subject only when written so."""
    title, body = RELEASE["en"]
    _edit(mail_toml, '"odp",', '"odp", "wg.",')
    _edit(mail_toml, '"aihe", "temat",', '"aihe", "temat", "betr.",')
    datafiles.mail_words.cache_clear()
    importlib.reload(forwards)

    def subject(line: str) -> str | None:
        return forwards.read_forward(
            f"From: Press <press@example.org>\n{line}\n\n{title}\n\n{body}\n".splitlines()
        ).subject

    assert subject(f"Betr.: WG.: {title}") == title
    assert subject(f"Subject: WGX: {title}") == f"WGX: {title}"
    assert not forwards.SUBJECT_FIELD.match(f"Betrx: {title}")


def _turkish_upper(word: str) -> str:
    """Capitals as Turkish writes them: a dotted i keeps its dot ("tarih", "TARİH")."""
    return word.replace("i", "İ").upper()


@pytest.mark.parametrize("name", sorted(forwards.DATE_NAMES))
def test_a_date_header_s_name_in_capitals_is_still_its_date(name):
    """A header's name in capitals, as any language writes them ("İ" lower-cases to "i"
    and a combining dot), names the same role as in lower case."""
    title, body = "Two labs share a 6G channel sounder", "The labs share one sounder."
    for caps in (name.upper(), _turkish_upper(name)):
        mail = f"FROM: Press <press@example.org>\n{caps}: 13 March 2024 15:10\n"
        mail += f"SUBJECT: {title}\n\n{title}\n\n{body}\n"
        assert forwards.read_forward(mail.splitlines()).sent == SENT, caps


def test_a_turkish_forward_with_its_headers_in_capitals():
    title, body, note, programs = FORWARDS["tr"]
    headers = programs["outlook"][0].format(title=title)
    headers = "\n".join(
        _turkish_upper(name) + ":" + value if value else name
        for name, _, value in (line.partition(":") for line in headers.splitlines())
    )
    assert "KİMDEN:" in headers and "GÖNDERİLDİ:" in headers
    article = extract_document(f"{headers}\n\n{title}\n\n{body}\n", "mail.txt", is_html=False)
    assert (article.title, article.date) == (title, SENT)
    assert article.paragraphs == body.split("\n\n")
