"""Layouts of minutes, described as data: how a header names body, date and place, how an item starts,
which headings open sections. The parser in parse.py reads any of them; a new publishing system is a
new `Layout` here, not new branches in the parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# Canonical section names. Every layout maps its own heading words onto these.
SECTION_HEADINGS: dict[str, str] = {
    "anledning": "Anledning",
    "resume": "Resume",
    "resumé": "Resume",
    "sagsfremstilling": "Sagsfremstilling",
    "sagsforløb": "Sagsforløb",
    "baggrund": "Sagsfremstilling",
    "indstilling": "Indstilling",
    "forslag": "Indstilling",
    "beslutning": "Beslutning",
    "beslutninger": "Beslutning",
    "beslutningspunkter": "Indstilling",  # "Det indstilles: At 1) ...": the points put to the vote
    "sagsresumé": "Resume",
    "sagsresume": "Resume",
    "sagens kerne": "Resume",
    "sagstema": "Resume",
    "beslutningstema": "Resume",
    "beskrivelse af sagen": "Sagsfremstilling",
    "sagsgang og sagstype": "Sagsforløb",
    "økonomiske konsekvenser": "Økonomi",
    "sagen afgøres af": "Beslutningskompetence",
    "kompetence": "Beslutningskompetence",
    "hvem beslutter": "Beslutningskompetence",
    "punkttype": "Beslutningskompetence",  # "Punkttype" / "Beslutning.": what kind of item, not its decision
    "tema": "Resume",
    "indstilling og beslutning": "Indstilling",  # the decision follows under its own dated heading
    "økonomiske forhold og konsekvenser": "Økonomi",
    "lovgrundlag": "Lovgrundlag",
    "retsgrundlag": "Lovgrundlag",
    "høring": "Høring",
    "høring og sagsgang": "Høring",
    "beslutningskompetence": "Beslutningskompetence",
    "redegørelse": "Sagsfremstilling",
    "sagens indhold": "Sagsfremstilling",
    "sagens baggrund": "Sagsfremstilling",
    "sagsbeskrivelse": "Sagsfremstilling",
    "indstillinger": "Indstilling",
    "administrationens indstilling": "Indstilling",
    "forvaltningens indstilling": "Indstilling",
    "direktionens indstilling": "Indstilling",
    "afgørelse": "Beslutning",
    "udvalgets beslutning": "Beslutning",
    "bilag": "Bilag",
    "bilagsliste": "Bilag",
    "fraværende": "Fraværende",
    "afbud": "Fraværende",
    "tekst": "Tekst",  # UNHEADED: what extract.py writes for an empty heading
    # Middelfart's headings: "Præsentation" sums the case up, "Forvaltningen foreslår" is the proposal.
    "præsentation": "Resume",
    "forvaltningen foreslår": "Indstilling",
    "administrationen foreslår": "Indstilling",
    "direktionen foreslår": "Indstilling",
    "behandlingsplan": "Sagsforløb",
    "klima & bæredygtighed": "Klima",
    "klima og bæredygtighed": "Klima",
}
DECISION = "Beslutning"
UNHEADED = "Tekst"  # an item's text before its first heading
PROPOSAL = "Indstilling"
ABSENCE = "Fraværende"
HEADER_SECTION = "Mødeoplysninger"

# Standing items that recur at every meeting, often under one case number; they are never "the same matter".
ROUTINE_TITLE = re.compile(
    r"godkendelse af dagsorden|^eventuelt$|eventuelt$|^evt\.?$|kommende møder|hvad skal kommunikeres|meddelelser|orientering fra formanden",
    re.IGNORECASE,
)

# A case number on its own line: KLE-style "00.01.00-P35-9-22" (or "00.01.00P35-0104", "02.01P00 - 2024/1234"), "EMN-2024-001234", or "Sagsnr.: ..." (its first
# word, holding a digit: "Sagsnr.: 330-2018-3619   Dok.nr.: ...   Åbent" is one portal's line; what follows
# it starts with a capital, so "Sagsnr. 24/12 er oprettet ..." stays a sentence), after "Åbent - " on some.
CASE_VALUE = re.compile(r"[^\s,;]*\d[^\s,;]*")  # "24/1", "330-2018-3619": a word holding a digit
CASE_NUMBER = re.compile(
    r"^(?:(?:Åben|Åbent|Lukket)(?:\s+(?:sag|punkt))?\s*[-–:]\s*)?"
    rf"(?:(?:Sags?nr\.?|Sagsnummer|J\.\s?nr\.|Journalnr\.?)\s*:?\s*(?P<labelled>{CASE_VALUE.pattern})"
    r"(?:[\s,;]+[A-ZÆØÅ].*)?|(?P<kle>\d{2}\.\d{2}\.\d{2}-?[A-ZÆØÅ\d]\d{2}-\d+(?:-\d{2})?|\d{2}\.\d{2}(?:\.\d{2})?[A-ZÆØÅ]\d{2}\s*[-–]\s*\d{4}/\d+)|(?P<emn>EMN-\d{4}-\d+))\s*$"
)
# The case number's label printed alone, its value on the next line ("Sagsnummer" / "00.34.00-S00-2-14"), or empty.
# An item written as a paragraph that refers to the agenda by number, as small councils and boards write minutes:
# "ad. 1. Christian Albertsen bød velkommen.", "Ad pkt. 3: Forretningsordenen blev godkendt." Its title is the
# agenda's line of that number.
AD_ITEM = re.compile(r"^[Aa]d\.?\s*(?:(?:pkt|punkt)\.?\s*)?(?P<number>\d{1,2})\s*[.:)]?\s+(?P<text>\S.*)$")
# The agenda over such minutes: "Dagsorden:" and its lines, bulleted or numbered.
AGENDA_HEADING = re.compile(r"^Dagsorden\s*:?\s*$", re.IGNORECASE)
AGENDA_LINE = re.compile(r"^(?:[•▪·*\-–]|\d{1,2}[.)])\s*(?P<title>\S.*)$")
# The case's record-keeping printed with it: who wrote it up ("Sagsbehandler: Anne Dahl"), its document's number.
FILING_FIELD = re.compile(r"^(?P<label>Sagsbehandler|Sagsansvarlig|Sagsnr|Sags\s?nr|Journalnr|J\.\s?nr|Dok\.?\s?nr|Dokumentnr|Forfatter)\.?\s*:", re.IGNORECASE)
CASE_LABEL_ALONE = re.compile(r"^(?:Sags?nr\.?|Sagsnummer|J\.\s?nr\.|Journalnr\.?)\s*:?\s*$", re.IGNORECASE)
# "Kommunaldirektøren indstiller," opens a proposal even when its heading is missing.
PROPOSAL_OPENER = re.compile(r"^\S.{2,120}\bindstiller\b[,:]?(?:\s+at)?\s*$")
# A decision headed by its body and date: "Økonomiudvalgets beslutning den 06.03.2019 Punkt 4",
# "Beslutning i Teknik- og Miljøudvalget den 14-05-2014". Groups: label (the heading as printed, without
# a trailing item reference), body, date. An item may carry several, one per committee it passed.
# The words a body's name ends in, as written or definite: "Økonomiudvalget", "Byråd", "Bestyrelsen", "Chefforum".
BODY_WORDS = r"(?:udvalg(?:et)?|råd(?:et)?|bestyrelse(?:n)?|forum|komit[eé](?:en)?|nævn(?:et)?)"
ELECTORAL_PERIOD = r"(?:19|20)\d{2}\s*[-–]\s*(?:(?:19|20)?\d{2})"  # "Kommunalbestyrelsen 2022-25": not part of the name
_DAY = r"\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{1,2}\.\s*[a-zæøå]+\s+\d{4}"
_ITEM_REF = r"(?:,?\s+(?i:punkt|pkt\.?)\s*\d+)?"  # "... den 06.03.2019 Punkt 4", "..., 30. november 2021, pkt. 563"
_DECIDING_BODY = rf"[A-ZÆØÅ][\w\-]*(?:,?\s+(?:(?:og|&)\s+)?[\w\-]+)*?(?:{BODY_WORDS}|repræsentation(?:en)?|magistrat(?:en)?)"
# No word "beslutning" at all: "Kultur- og Idrætsudvalget, 03-04-2019, pkt. 44". Only with the item reference,
# or a place and date ("Albertslund, 1. marts 2024") in a letter would head a decision.
# A name of capitalised words ("Plan, Miljø og Teknik"), not prose ("Se bilag 3", "Sagen blev behandlet i ...").
_CAPITALISED_NAME = r"[A-ZÆØÅ][\w\-]*(?:,?\s+(?:(?:og|for|&)\s+)?[A-ZÆØÅ][\w\-]*)*"
_NAMED_BODY = rf"[A-ZÆØÅ][\w\-]*(?:,?\s+(?:og|for|&|[A-ZÆØÅ][\w\-]*))*?{BODY_WORDS}"
# An absence label in its many wordings: "Fraværende:", "Afbud:", "Fravær:", "Fravær og stedfortræder:",
# "Fraværende uden afbud:" (Gribskov, Vejen); each layout says what may follow it.
ABSENCE_LABEL = r"(?i:Fraværende(?: (?:med|uden) afbud)?|Fravær(?: og stedfortrædere?)?(?=\s*:)|Afbud(?: fra)?|Ikke til stede)"  # "Fravær" only with its colon: "Fravær i Team Nord er faldet" is prose
DATED_DECISIONS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"^(?P<label>(?P<body>[A-ZÆØÅ][\w\- ]*?\w)s\s+beslutning\s+(?:i\s+mødet\s+)?den\s+(?P<date>{_DAY})){_ITEM_REF}\s*:?\s*$"),
    # The body may hold commas: "Beslutning fra Plan, Miljø og Teknik, 30. november 2021, pkt. 563:".
    # After "i"/"fra" the body may be written small or in capitals ("Beslutning i byrådet den 31-10-2018",
    # "BESLUTNING I BYRÅDET den 14-12-2017"), and the date may follow it bare ("Beslutning i Byrådet 9. oktober 2018:").
    # "Beslutning i Økonomiudvalget (ØK) den 13-06-2018": a short name in brackets may follow the body's.
    re.compile(rf"^(?P<label>(?i:beslutning)\s+(?:(?i:i|fra)\s+)?(?P<body>(?:[A-ZÆØÅ]|(?<=[iIaA] )[a-zæøå])[\w\-, ]*?\w)(?:\s+\([^)]{{1,12}}\))?(?:\s+den|,)?\s+(?P<date>{_DAY})){_ITEM_REF}\s*:?\s*$"),
    # With the item reference a committee's short name goes: "Social og Sundhed, 6. januar 2020, pkt. 123:".
    # The body's electoral period may follow its name: "Økonomiudvalget 2018-21, 28. oktober 2019, pkt. 452:".
    re.compile(rf"^(?P<label>(?P<body>{_CAPITALISED_NAME}(?:\s+{ELECTORAL_PERIOD})?),\s+(?P<date>{_DAY})),?\s+(?i:punkt|pkt\.?)\s*\d+\s*:?\s*$"),
    # "Børne- og Skoleudvalget den 6. november 2018:" under "Indstilling og beslutning"; the colon makes it a heading.
    re.compile(rf"^(?P<label>(?P<body>{_NAMED_BODY})\s+den\s+(?P<date>{_DAY}))\s*:\s*$"),
    # The date lost, as text copied from a PDF may lose it: "BESLUTNING I KOMMUNALBESTYRELSEN DEN".
    re.compile(r"^(?P<label>(?i:beslutning)\s+(?i:i|fra)\s+(?P<body>[\wÆØÅæøå\-, ]+?)\s+(?i:den))(?P<date>)\s*:?\s*$"),
)
# The printed labels of those headings (the item reference dropped), read back for body and date.
# A label is a decision's already, so any body goes: "Teknisk Udvalg, 22-09-2025" from a case history's fields.
DECISION_LABELS: tuple[re.Pattern[str], ...] = DATED_DECISIONS[:2] + (
    re.compile(rf"^(?P<body>\S.*?),\s+(?P<date>{_DAY})$"),
    re.compile(rf"^(?P<body>\S.*?)\s+den\s+(?P<date>{_DAY})$"),
)


@dataclass(frozen=True)
class Layout:
    """How one publishing system writes minutes."""

    name: str
    detect: re.Pattern[str]  # searched in the first lines; the first layout that matches is used
    date: tuple[re.Pattern[str], ...]  # lines holding the meeting date, best first (group 'value')
    item: re.Pattern[str]  # an item heading: groups 'number', 'title' and, when "Punkt" marks it, 'marked'
    body: re.Pattern[str] | None = None  # group 'body'
    place: re.Pattern[str] | None = None  # group 'value'
    time: re.Pattern[str] | None = None  # group 'value'
    attendees_inline: re.Pattern[str] | None = None  # names on the same line, group 'value'
    attendees_list: re.Pattern[str] | None = None  # a heading followed by one name per line
    absentees_inline: re.Pattern[str] | None = None
    absentees_list: re.Pattern[str] | None = None  # "Afbud/Fraværende" followed by one name per line
    toc: re.Pattern[str] = re.compile(r"^Indholdsfortegnelse\s*:?\s*$", re.IGNORECASE)
    title_prefix: re.Pattern[str] = re.compile(r"^$")  # stripped from titles, e.g. "CF - "
    item_needs_confirmation: bool = False  # "1. Title" also starts list lines, so it must be confirmed
    number_below: re.Pattern[str] | None = None  # an item's number on the line under its title (group 'number')
    headings: dict[str, str] = field(default_factory=lambda: dict(SECTION_HEADINGS))
    dated_decisions: tuple[re.Pattern[str], ...] = DATED_DECISIONS  # headings that open a "Beslutning"


SEED_LAYOUT = Layout(
    name="referat-punkt",
    detect=re.compile(r"^(?:REFERAT|DAGSORDEN)\s+\S.*\bd(?:en|\.)?\s+\d{1,2}[-.]\d{1,2}[-.]\d{4}\s*$", re.MULTILINE),
    body=re.compile(r"^(?:REFERAT|DAGSORDEN)\s+(?P<body>.+?)\s+d(?:en|\.)?\s+\d{1,2}[-.]\d{1,2}[-.]\d{4}\s*$"),
    date=(
        re.compile(r"^Mødedato\s*:?\s*(?P<value>.+)$"),
        re.compile(r"^REFERAT\s+.+?\s+d(?:en|\.)?\s+(?P<value>\d{1,2}[-.]\d{1,2}[-.]\d{4})\s*$"),
    ),
    place=re.compile(r"^Mødested\s*:?\s*(?P<value>.+)$"),
    time=re.compile(r"^Mødedato\s*:?\s*.*?\bkl\.?\s*(?P<value>\d{1,2}[:.]\d{2})"),
    attendees_inline=re.compile(r"^(?:Mødedeltagere|Deltagere|Tilstede)\s*:?\s+(?P<value>\S.+)$"),
    absentees_inline=re.compile(rf"^{ABSENCE_LABEL}\s*:?\s+(?P<value>\S.+)$"),
    item=re.compile(r"^Punkt\s+(?P<number>\d{1,4})\s*:\s*(?P<title>.*\S)\s*$"),
    title_prefix=re.compile(r"^[A-ZÆØÅ]{1,4}\s+-\s+"),
)

UDVALG_LAYOUT = Layout(
    name="udvalg-nummereret",
    # "Udvalg:", or "Dato:" with "Tid:" or "Sted:" (a lone "Dato:" heads many systems' pages).
    detect=re.compile(r"^Udvalg\s*:|\A(?=[\s\S]*^Dato\s*:)(?=[\s\S]*^(?:Tid|Sted)\s*:)", re.MULTILINE),
    body=re.compile(r"^Udvalg\s*:\s*(?P<body>\S.*?)\s*$"),
    date=(re.compile(r"^Dato\s*:\s*(?P<value>.+)$"),),
    place=re.compile(r"^(?:Mødested|Sted)\s*:\s*(?P<value>.+)$"),
    time=re.compile(r"^Tid\s*:\s*(?:[Kk]l\.?\s*)?(?P<value>.+)$"),
    attendees_list=re.compile(r"^(?i:Indkaldelse|Indkaldte|Medlemmer|Deltagere|Tilstede)\s*:?\s*$"),
    attendees_inline=re.compile(r"^(?:Deltagere|Tilstede)\s*:\s+(?P<value>\S.+)$"),
    absentees_inline=re.compile(rf"^{ABSENCE_LABEL}\s*:\s+(?P<value>\S.+)$"),
    item=re.compile(r"^(?P<number>\d{1,4})\.(?:\s+|(?=[A-ZÆØÅ][a-zæøå]))(?P<title>[A-ZÆØÅ0-9\"'«(].*?\S)\s*$"),  # "1.Alfabo" too
    item_needs_confirmation=True,
)

# Portals that print the body's name over a long date ("onsdag den 6. marts 2019, kl. 16:00"), number
# items over the whole electoral period ("412. Title" + "Sagsnr.: ..."), list attendance under headings,
# and head each decision with the deciding body and date.
_BODY_NAME = rf"[A-ZÆØÅ][\w\-]*(?:,?\s+(?:(?:og|&)\s+)?[\w\-]+)*?{BODY_WORDS}"
LONG_DATE_LAYOUT = Layout(
    name="udvalg-langdato",
    detect=re.compile(r"^(?:man|tirs|ons|tors|fre|lør|søn)dag\s+den\s+\d{1,2}\.\s*[a-zæøå]+\s+\d{4}", re.MULTILINE | re.IGNORECASE),
    body=re.compile(
        rf"^(?:(?:Referat|Dagsorden)\s+(?:fra|for|til)\s+(?:mødet\s+i\s+)?)?(?P<body>{_BODY_NAME})(?:\s*[-–:]\s*(?:Referat|Dagsorden|Beslutningsprotokol))?\s*$"
    ),
    date=(re.compile(r"^(?P<value>(?:man|tirs|ons|tors|fre|lør|søn)dag\s+den\s+\d{1,2}\.\s*[a-zæøå]+\s+\d{4}.*)$", re.IGNORECASE),),
    place=re.compile(r"^(?:Mødested|Sted)\s*:?\s*(?P<value>\S.*)$"),
    time=re.compile(r"^(?:man|tirs|ons|tors|fre|lør|søn)dag\s+den\s+.*?\bkl\.?\s*(?P<value>\d{1,2}[:.]\d{2})", re.IGNORECASE),
    attendees_list=re.compile(r"^(?i:Tilstede|Til stede|Medlemmer|Deltagere|Mødedeltagere)\s*:?\s*$"),
    absentees_list=re.compile(r"^(?i:Afbud/Fraværende|Afbud|Fraværende)\s*:?\s*$"),
    attendees_inline=re.compile(r"^(?:Tilstede|Til stede|Deltagere)\s*:\s+(?P<value>\S.+)$"),
    absentees_inline=re.compile(rf"^{ABSENCE_LABEL}\s*:\s+(?P<value>\S.+)$"),
    item=re.compile(r"^(?P<number>\d{1,4})\.\s+(?P<title>[A-ZÆØÅ0-9\"'«(].*?\S)\s*$"),
    item_needs_confirmation=True,
)

# The last resort, for publishing systems none of the above describes: a labelled meeting date
# ("Mødedato: 12. marts 2024", "Dato: 12-03-2024") or a title line ("Referat", "Dagsorden") over any date,
# the body on a line of its own ("Økonomiudvalget", "Referat fra Byrådets møde"), and items numbered
# "1. Title", "Punkt 1 Title", "Pkt. 1 - Title" or "Sag 1: Title", each confirmed by the table of contents
# or by the case number or section heading under it (a numbered list line is not an item).
HEADER_DATE = r"(?:\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[a-zæøåA-ZÆØÅ]+\.?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2},\s+\d{4})"
_PERIOD_AFTER_NAME = re.compile(rf"\s+{ELECTORAL_PERIOD}$")


def without_period(body: str) -> str:
    """A body's name without the electoral period it was printed with: one body across periods."""
    return _PERIOD_AFTER_NAME.sub("", body)


# "Byrådet 15. maj 2023", "Teknik- og Bygningsudvalget tirsdag den 16. april 2024": a bare date after the name too.
_WEEKDAY = r"(?:(?i:man|tirs|ons|tors|fre|lør|søn)dag\s+)?"
_GENERIC_BODY = _BODY_NAME.replace("forum|", "forum|direktion(?:en)?|magistrat(?:en)?|repræsentation(?:en)?|gruppe(?:n)?|")
GENERIC_LAYOUT = Layout(
    name="generisk",
    detect=re.compile(
        rf"^(?:Mødedato|Dato|Mødedag|Møde|Tidspunkt|Mødetidspunkt|Starttidspunkt)\s*:?\s+.*{HEADER_DATE}|^.*\b(?:Referat|Dagsorden|Beslutningsprotokol)\b.*{HEADER_DATE}"
        rf"|^(?:Referat|Dagsorden|Beslutningsprotokol)\b.*$(?:\n.*){{0,8}}{HEADER_DATE}"  # "Referat af møde i X" / "Den 09.01.2020 kl. 13:00"
        rf"|^{_GENERIC_BODY}\s*\n(?:\s*\n){{0,2}}{HEADER_DATE}\s*$",  # the body over a bare date: "Kommunalbestyrelsen" / "24-09-2019"
        re.MULTILINE | re.IGNORECASE,
    ),
    body=re.compile(
        rf"^(?:(?:Referat|Dagsorden|Beslutningsprotokol)(?:\s*[-–:]\s*|\s+(?:fra|for|til|af)\s+(?:møde(?:t)?\s+i\s+)?)|mødet\s+i\s+)?"
        rf"(?P<body>{_GENERIC_BODY})(?:\s+{ELECTORAL_PERIOD})?(?:s?\s+møde)?(?:\s*[-–:,]\s*(?i:Referat|Dagsorden|Beslutningsprotokol).*|\s+{_WEEKDAY}(?:(?:den|d\.)\s+)?{HEADER_DATE}.*|\s*[-–,]\s*{HEADER_DATE}.*)?\s*$"
    ),
    toc=re.compile(r"^(?:Indholdsfortegnelse|Indhold|Punkter|Dagsordenspunkter|Sager på dagsordenen)\s*:?\s*$", re.IGNORECASE),
    date=(
        re.compile(r"^(?:Mødedato|Dato|Mødedag|Møde|Tidspunkt|Mødetidspunkt)\s*:?\s*(?P<value>.+)$", re.IGNORECASE),
        # Not the day a page was published or printed ("Publiceret 16-02-2024" over "Onsdag den 14-02-2024").
        re.compile(rf"^(?!(?i:publiceret|offentliggjort|udgivet|opdateret|senest opdateret|udskrevet|printet)\b)(?P<value>.*{HEADER_DATE}.*)$"),
    ),
    # "Mødested: X", "Mødelokale C", or the place after the date and hour: "Den 09.01.2020 kl. 13:00 i Tapperiet".
    place=re.compile(
        r"^(?:(?:Mødested|Sted)\s*:?\s*|Lokale\s*:\s*|(?=(?:Mødelokale|Lokale)\b)"
        rf"|.*\d{{4}}\s+kl\.?\s*\d{{1,2}}[:.]\d{{2}}\s+i\s+(?=[A-ZÆØÅ])(?!{_GENERIC_BODY}\s*$))(?P<value>[^\s:].*)$"  # not "kl. 16:00 i Økonomiudvalget"
    ),
    time=re.compile(
        r"^(?:(?:Mødetidspunkt|Tidspunkt|Tid|Mødestart|Starttidspunkt)\s*:?\s*(?:\S*\d{4}\s+)?(?:kl\.?\s*)?|.*?\bkl\.?\s*"
        r"|.*?\d{4}\s+(?=\d{1,2}:\d{2}\b))(?P<value>\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?)"  # "Byrådet 24-06-2020 16:00 Referat"
    ),
    attendees_list=re.compile(r"^(?i:Tilstede|Til stede|Medlemmer|Deltagere|Mødedeltagere|Indkaldte)\s*:?\s*$"),
    absentees_list=re.compile(r"^(?i:Afbud/Fraværende|Afbud|Fraværende(?: med afbud)?|Ikke til stede)\s*:?\s*$"),
    # "Mødedeltagere Kim Dongsgaard, ..." (Viborg prints its labels without a colon): names start with a capital.
    # "Fremmødt: ...", "Bestyrelsen: Niels O. Pedersen, ..." (a board lists its members under its own name), with the colon.
    attendees_inline=re.compile(r"^(?:(?:Tilstede|Til stede|Deltagere|Mødedeltagere|Medlemmer)(?:\s*:\s*|\s+(?=[A-ZÆØÅ]))|(?:Fremmødt|Fremmødte|Bestyrelsen)\s*:\s*)(?P<value>[A-ZÆØÅ].+)$"),
    # Names start with a capital: "Fraværende med afbud" is a heading over a list, not a name.
    absentees_inline=re.compile(rf"^{ABSENCE_LABEL}\s*:?\s+(?P<value>[A-ZÆØÅ].*)$"),
    # A web page's bullet ("• 301. Title") or its contents heading glued on ("Indholdsfortegnelse1. Fraværende").
    item=re.compile(
        r"^(?:[•▪·]\s*|Indholdsfortegnelse(?=\d))?(?:(?P<marked>Punkt|Pkt\.?|Sag(?:\s+nr\.?)?|Nr\.)\s*)?(?P<number>\d{1,4})(?:\s*[.:)]|\s+[-–])?(?:\s+|(?<=[.\d])(?=[A-ZÆØÅ][a-zæøå]))(?:\((?:Åben|Åbent|Lukket)(?:\s+punkt)?\)\s*)?"
        r"(?P<title>[A-ZÆØÅ0-9\"'«(].*?\S)\s*$"
    ),
    item_needs_confirmation=True,
    number_below=re.compile(r"^Sag\s+nr\.?\s*(?P<number>\d{1,4})\s*$"),  # "Spørgetid" / "Sag nr. 129"
)

# A line of one to four words, the first capitalised, no digit and no closing mark: a heading of the portal's
# own between an item's title and its text ("Økonomi"), or a sub-heading inside a section.
SUBHEADING = re.compile(r"[A-ZÆØÅ][^\W\d]*(?:[ \t]+[^\W\d]+){0,3}")
# What some portals print between an item's title and its text: a group heading ("A. Sager til afgørelse i
# byrådet") or whether the item is open ("Lukket sag"). Neither is part of the title.
# "Fraværende:" printed empty under a decision heading, the decision's text after it (one portal's habit).
EMPTY_ABSENCE = re.compile(r"^(?i:Fraværende|Afbud)\s*:?\s*[-–]?\s*$")  # "Fraværende:", "FRAVÆRENDE: -"
ITEM_MARKER = re.compile(
    r"^(?:[A-H]\.\s+(?:Sager|Sag|Orientering|Meddelelser|Beslutning|Lukkede|Åbne|Til)\b.*|(?:Åben|Åbent|Lukket)(?:\s+(?:sag|punkt))?)\s*$"
)
# A web page's navigation printed at the end of an item ("Til toppen", "Til indholdsfortegnelse"): not its text.
NAVIGATION = re.compile(
    r"^(?:(?:Tilbage\s+)?til\s+(?:toppen|top|indholdsfortegnelse(?:n)?|oversigten)|Udskriv|Fold alle (?:ud|sammen)|(?:Åben|Åbent|Lukket)\s+punkt|Kopier link(?: til punktet)?(?:\s*-\s*Print)?|Show video|Vis video|Se video|Se alle bilag|Vis alle bilag)\s*$",
    re.IGNORECASE,
)
# The body when a layout's own pattern finds none: a labelled line ("Udvalg: Udvalget for Voksne") or a
# line that names a body ("Referat - Kommunalbestyrelsen den 6. juni 2018", "mødet i Odense Byråd").
BODY_FALLBACKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?:Udvalg|Mødeforum|Forum|Organ)\s*:\s*(?P<body>\S.*?)\s*$"),
    re.compile(rf"^Møde\s*:\s*(?P<body>{_GENERIC_BODY})\s*$"),  # "Møde:" / "Byrådet" (Middelfart)
    GENERIC_LAYOUT.body,
    # "Referat til mødet i Udvalget for Teknik og Miljø den 22. juni 2020": a body named "Udvalget for X".
    re.compile(r"^.*?\b(?P<body>Udvalget for [A-ZÆØÅ][\w\-]*(?:,?\s+(?:og\s+|&\s+)?[A-ZÆØÅ][\w\-]*)*)"),
    # "mødet i Udvalg for regional udvikling" (Region Midtjylland): the whole line after "mødet i" names it.
    re.compile(r"^(?:til\s+)?mødet\s+i\s+(?P<body>Udvalg(?:et)?\s+for\s+[\wæøå][\w\-]*(?:,?\s+(?:og\s+)?[\wæøå][\w\-]*){0,5})\s*$"),
)
# A label printed alone with its value on the next line ("STED" / "Stenhusbakken", "Mødedato:" / "onsdag den 1. oktober 2025").
LABEL_ALONE = re.compile(
    r"^(?P<label>Udvalg|Møde|Mødedato|Dato|Sted|Mødested|Lokale|Tid|Tidspunkt|Mødetidspunkt|Starttidspunkt|Sluttidspunkt)\s*:?\s*$",
    re.IGNORECASE,
)
# A member of a body as lists print them: a name and the party's letter ("Kim E. Jensen (O)").
MEMBER = re.compile(r"[-•*]?\s*[A-ZÆØÅ][\w\-.]*(?:\s+(?:[A-ZÆØÅ][\w\-.]*|de|von|van))+\s*\([A-ZÆØÅ]{1,2}\)")
# Header lines that end a list of names ("Medlemmer" / names / "Fraværende med afbud" / names / "Bemærkninger").
HEADER_LABEL = re.compile(
    r"^(?:Bemærkninger|Særlige forhold|Mødefakta|Information|Stedfortrædere|Mødet hævet|Indholdsfortegnelse|Åbne sager|Lukkede sager|Åbne punkter|Lukkede punkter|"
    r"Mødested|Sted|Mødedato|Dato|Tid|Tidspunkt|Mødetidspunkt|Udvalg)\b",
    re.IGNORECASE,
)

# A header line that is a field or list heading of its own, never the value of a label above it.
HEADER_LINE = re.compile(
    r"^(?:Medlemmer|Deltagere|Mødedeltagere|Tilstede|Til stede|Fraværende|Afbud|Indkaldelse|Indkaldte|Bemærkninger|"
    r"Indholdsfortegnelse|Punkter)\b|^[A-ZÆØÅa-zæøå][\w .]{0,30}:",
)

# The last resort, for minutes whose header or items no layout above recognises: a web page that prints its
# items without their titles (the title sits in a button the text leaves out), a header that gives its date in
# prose ("15. maj 2023 - referat fra byrådet"), numbered items that nothing else confirms. A date in the first
# lines is the meeting's; parse.py reads its items from a run of numbered lines, else from the sections each
# item repeats. Never chosen while another layout reads the file.
DOCUMENT_LAYOUT = replace(GENERIC_LAYOUT, name="dokument", detect=re.compile(HEADER_DATE, re.IGNORECASE))
# What such a page prints where an item starts: "• Udskriv", "Sagsid.: 20/33839, Sagsinitialer: AGVA", "Åben".
DOCUMENT_MARKER = re.compile(r"^(?:[•▪·]\s*)?(?:Udskriv|Sagsid\.?\s*:.*|Sagsnr\.?\s*:.*\bSagsbehandler\b.*|Åben|Åbent|Lukket(?:\s+(?:sag|punkt))?)\s*$", re.IGNORECASE)
# A file read as a document must call itself minutes in a title-like line of its first lines: "Referat af møde",
# "Dagsorden", "Beslutningsprotokol", "Mødedato: ...", "Bestyrelsesmøde 29. januar 2016" (a meeting word with its
# date). A newsletter's "vi mødes" or a project plan's "møde i styregruppen" in prose does not.
MINUTES_LINE = re.compile(
    rf"\b(?:referat|dagsorden|beslutningsprotokol|mødeprotokol|protokol)\b|^(?:mødedato|mødetidspunkt|mødested)\b|\b\w*møde\s+(?:den\s+)?{HEADER_DATE}",
    re.IGNORECASE,
)
MINUTES_LINE_WORDS = 12  # longer lines are prose

# Order matters: the first layout whose `detect` matches is used ("Dato:" also heads long-date pages);
# the generic layout comes last.
LAYOUTS: tuple[Layout, ...] = (SEED_LAYOUT, LONG_DATE_LAYOUT, UDVALG_LAYOUT, GENERIC_LAYOUT)
