"""The meeting's header, the lines above its first item: when and where it met, which body, who came and who did not.

parse.py finds the header's lines and falls back on the file's name or the decisions' headings for a date the
header does not give; this module reads the lines. Layouts say how each system labels its fields (layouts.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from .dates import find_date
from .layouts import BODY_FALLBACKS, BODY_WORDS, DECISION_LABELS, HEADER_DATE, HEADER_LABEL, HEADER_LINE, LABEL_ALONE, MEMBER, MINUTES_LINE, MINUTES_LINE_WORDS, SECTION_HEADINGS, UNHEADED, Layout
from .names import NAME_STATUS, absent_names, split_names

if TYPE_CHECKING:
    from pathlib import Path

    from .parse import Line  # parse.py imports this module; its lines are only read here

HEADER_SCAN_LINES = 60
BODY_JOINING_WORDS = frozenset({"og", "&", "for", "i", "til", "under"})

# First cells of an agenda table's head row ("Punkt<TAB>Titel"): no attendee's name.
TABLE_HEADS = frozenset({"punkt", "pkt", "nr", "sag", "sagsnr"})
BODY_WORD = re.compile(rf"(?:{BODY_WORDS}|magistrat(?:en)?)$")
# Words before a body's name that are no part of it: a title ("Referat byrådet", "REFERAT Byrådet"), a meeting
# ("Møde i Forretningsudvalget"), a label without its colon ("Udvalg Økonomi- og Erhvervsudvalget"; not the body
# "Udvalg for teknik og miljø").
PREFIXED_BODY = re.compile(r"^(?:(?i:Referat|Dagsorden|Beslutningsprotokol)\s+(?=\w)|(?:(?i:møde(?:t)?\s+i)|Udvalg|Forum|Organ)\s+(?=[A-ZÆØÅ]))(?P<body>.+)$")
# A body's own meeting that day, in a sentence: "til Kommunalbestyrelsens møde den 21. december 2017".
BODYS_MEETING = re.compile(rf"\b(?P<body>[A-ZÆØÅ][\wæøå\-]*{BODY_WORDS})s\s+møde\s+(?:den\s+|d\.\s*)?(?P<date>{HEADER_DATE})")
# ... or by the short name minutes use for it: "Godkendelse af dagsorden for KB den 28. april 2021".
BODY_SHORT_NAMES = {"KB": "Kommunalbestyrelsen", "BR": "Byrådet", "ØU": "Økonomiudvalget"}
SHORT_BODYS_MEETING = re.compile(rf"\b(?:dagsorden|referat|møde)\s+(?:for|til|i)\s+(?P<body>{'|'.join(BODY_SHORT_NAMES)})\s+(?:den\s+|d\.\s*)?(?P<date>{HEADER_DATE})")
# A title that names the meeting by its body: "Referat af Ældrerådsmøde", "Dagsorden til skolebestyrelsesmøde".
MEETING_OF_BODY = re.compile(r"\b(?P<body>[A-Za-zÆØÅæøå]*?(?:råd|bestyrelse|udvalg|nævn))s?møde\b", re.IGNORECASE)
# A minutes title that says whose meeting it was: "Referat af 1. møde i Grønt Råd, Ærø Kommune, ...".
MEETING_IN_BODY = re.compile(rf"\b(?i:møde)\s+i\s+(?P<body>[A-ZÆØÅ][\w\-]*(?:\s+[\w\-]+){{0,3}}?\s*(?i:{BODY_WORDS}))(?=[\s,.]|$)")
# A web table's cell borders in the header: "Udvalg: |", "---|---|".
TABLE_CELL_END = re.compile(r"\s*\|\s*$")
TABLE_RULE = re.compile(r"[-|\s]*\|[-|\s]*")
# A field's label run into its value: "MødestedRådssalen", "UdvalgÆldreråd" (never "Udvalget for ...": lower case follows).
GLUED_LABEL = re.compile(r"^(?P<label>Udvalg|Mødested|Sted|Mødedato|Dato|Mødetidspunkt|Tidspunkt)(?P<value>[A-ZÆØÅ].*)$")
# The place on the line under the date, as a sentence goes on: "i Mødesalen, Ringe".
PLACE_UNDER_DATE = re.compile(r"^(?:i|på)\s+(?P<value>[A-ZÆØÅ][^.]{2,80})$")
TIME_IN_LINE = re.compile(r"\bkl\.?\s*\d{1,2}[:.]\d{2}")
MAX_PLACE_WORDS = 6


def _place_alone(layout: Layout, s: str) -> bool:
    """A line that reads as a room or a building: a few capitalised words, no figure, no label or heading."""
    return (
        0 < len(s.split()) <= MAX_PLACE_WORDS and s[:1].isupper() and not re.search(r"\d", s) and not s.endswith((":", "."))
        and not HEADER_LINE.match(s) and not LABEL_ALONE.match(s) and not layout.toc.match(s) and not MINUTES_LINE.search(s)
        and not (layout.body and layout.body.match(s)) and s.lower() not in SECTION_HEADINGS
    )


# What minutes call themselves in their first lines; "Dagsorden" alone is an agenda, which decides nothing yet.
# As a title: alone, or before "af/fra/for/til", a dash, a colon, a name or a date; after a date's dash. Not in prose
# ("Referat udsendes senest otte dage efter mødet").
MINUTES_TITLE = re.compile(
    r"(?:^|[-–:]\s*|\d\s+)(?i:referat|beslutningsprotokol|mødeprotokol|protokol)(?:\s*$|\s*[-–:]|\s+(?i:af|fra|for|til)\b|\s+[A-ZÆØÅ\d])"
)
NOT_MINUTES_TITLE = re.compile(r"godkend|underskri|sidste møde|forrige møde", re.IGNORECASE)
MINUTES_TITLE_LINES = 8


@dataclass(frozen=True, slots=True)
class HeaderFields:
    """What a header says, as printed; what it leaves out is empty (None for the day)."""

    lines: list[Line]  # the header's lines, a label printed alone joined to its value
    body: str
    place: str
    time: str
    day: date | None
    date_line: int  # where the date is, or should be: for the error that says it is missing
    attendees: list[str]
    absentees: list[str]


def read_header(layout: Layout, header_lines: list[Line]) -> HeaderFields:
    """The header's fields by the layout's patterns: the best of its date patterns wins, lists of people run to
    the next label or heading."""
    body = place = time = ""
    day = None
    date_line = header_lines[0].number if header_lines else 1
    date_seen = False
    best_rank = len(layout.date)
    attendees: list[str] = []
    absentees: list[str] = []
    header_lines = with_labels_joined(header_lines)
    k = 0
    while k < len(header_lines):
        s = header_lines[k].stripped
        if layout.body and not body and (m := layout.body.match(s)) and names_a_body(m["body"]):
            body = " ".join(m["body"].split())
            if prefixed := PREFIXED_BODY.match(body):
                body = prefixed["body"][:1].upper() + prefixed["body"][1:]
        for rank, pattern in enumerate(layout.date):
            if rank < best_rank and (m := pattern.match(s)):
                if d := find_date(m["value"]):
                    # The best pattern wins over the first line: "Mødedato: 12. marts" over "Offentliggjort: 14. marts".
                    day, date_line, best_rank = d, header_lines[k].number, rank
                elif not date_seen:
                    date_line = header_lines[k].number  # the date line is there, but its date is not
                date_seen = True
        if layout.place and not place and (m := layout.place.match(s)):
            place = m["value"].strip()
        elif not place and k > 0 and header_lines[k - 1].number == date_line and (m := PLACE_UNDER_DATE.match(s)):
            place = m["value"].strip()  # "den 5. november 2019 kl. 17:00" / "i Mødesalen, Ringe - Ekstraordinært"
        elif not place and k > 0 and header_lines[k - 1].number == date_line and TIME_IN_LINE.search(header_lines[k - 1].stripped) and _place_alone(layout, s):
            place = s  # "04-01-2021 kl. 19:00" / "Skype": the room under the date and hour, as e-Dagsorden prints it
        if layout.time and not time and (m := layout.time.match(s)):
            time = m["value"].strip()
        if layout.attendees_inline and (m := layout.attendees_inline.match(s)):
            attendees.extend(split_names(m["value"]))
        if layout.absentees_inline and (m := layout.absentees_inline.match(s)):
            absentees.extend(absent_names(m["value"]))
        lists = ((layout.attendees_list, attendees), (layout.absentees_list, absentees))
        if (listed := next((names for pattern, names in lists if pattern and pattern.match(s)), None)) is not None:
            k += 1
            while k < len(header_lines) and not header_lines[k].stripped:
                k += 1
            bulleted = k < len(header_lines) and header_lines[k].stripped.startswith(("-", "•", "*"))
            while k < len(header_lines) and (s := header_lines[k].stripped):
                # The list ends at the next heading or label ("Fraværende med afbud", "Bemærkninger"),
                # or, when its names are bulleted, at the first line without a bullet.
                if any(p and p.match(s) for p in (layout.attendees_list, layout.absentees_list, HEADER_LABEL, layout.toc)):
                    break
                if layout.item.match(s) or s == UNHEADED or s.split("\t")[0].strip(" .:").lower() in TABLE_HEADS:
                    break  # the first item or the agenda's table ("Punkt<TAB>Titel"), under an empty list
                if bulleted and not s.startswith(("-", "•", "*")):
                    break
                # One person per line: "Anna Jensen (A), formand" is one name with a role, not two names.
                # "Erling Larsen, (A)": the party after a stray comma is still this person's.
                if name := re.sub(r",\s*\(", " (", " ".join(s.lstrip("-•* ").split())):
                    # "Ulrik Falk-Sørensen (F) - Afbud": each name's status printed after it, as Ballerup does.
                    if status := NAME_STATUS.search(name):
                        name = name[: status.start()]
                        (absentees if status["absent"] else attendees).append(name)
                    else:
                        listed.append(name)
                k += 1
                # One name a paragraph (Fredensborg: "Thomas Lykke Pedersen (A)", a blank line, "Ulla Hardy-Hansen (C)"):
                # the list goes on past a blank line to a line that is a member's name and party, as this one was.
                if k < len(header_lines) and not header_lines[k].stripped and MEMBER.fullmatch(s):
                    j = next((i for i in range(k, len(header_lines)) if header_lines[i].stripped), None)
                    if j is not None and MEMBER.fullmatch(header_lines[j].stripped):
                        k = j
            continue
        k += 1
    if not body:
        # A body's label names it as printed ("Udvalg: Økonomi-, teknik- og miljøudvalget"); other lines must read as a name.
        body = next(
            (" ".join(m["body"].split()) for line in header_lines for p in BODY_FALLBACKS if (m := p.match(line.stripped)) and (p is BODY_FALLBACKS[0] or names_a_body(m["body"]))),
            "",
        )
    return HeaderFields(header_lines, body, place, time, day, date_line, attendees, absentees)


def dated_body(lines: list[Line], day: date) -> str:
    """A body named with the meeting's own date on a line of its own ("Børne- og Familieudvalget den 17. maj 2022"
    under a case's "Høring og sagsgang"), when nothing else names it: the body that met that day."""
    for line in lines:
        if (m := DECISION_LABELS[-1].match(line.stripped)) and find_date(m["date"]) == day and BODY_WORD.search(m["body"]) and names_a_body(m["body"]):
            return " ".join(m["body"].split())
    # "Godkendelse af åben dagsorden til Kommunalbestyrelsens møde den 21. december 2017": its meeting that day.
    for line in lines:
        for m in BODYS_MEETING.finditer(line.stripped):
            if find_date(m["date"]) == day and names_a_body(m["body"]):
                return m["body"]
        for m in SHORT_BODYS_MEETING.finditer(line.stripped):
            if find_date(m["date"]) == day:
                return BODY_SHORT_NAMES[m["body"]]
    return ""

def titled_minutes(header_lines: list[Line]) -> bool:
    """The header's first lines call the file minutes ("Referat", "Beslutningsprotokol"), not an agenda's
    "Godkendelse af referat"."""
    lines = [line.stripped for line in header_lines if line.stripped][:MINUTES_TITLE_LINES]
    return any(MINUTES_TITLE.search(s) and not NOT_MINUTES_TITLE.search(s) for s in lines)


def date_in_name(path: Path) -> date | None:
    """The date a file's name gives ("kommunalbestyrelsen_2020-01-22.txt"), for a header that gives none."""
    return find_date(re.sub(r"[_+]+", " ", path.stem))


def names_a_body(name: str) -> bool:
    """A body's name has no lowercase word but its joining words and its last ("Børne- og ungeudvalget"): a web
    page's navigation ("Hjem Politiske udvalg Seneste fra byrådet") ends in a body's word too."""
    words = [w.strip("\"'«»()–-") for w in name.replace(",", " ").split()]
    if words[0].lower() in SECTION_HEADINGS:
        return False  # "Beslutning i Byrådet den 26-01-2015" heads a decision; its body is the layouts' to read
    if re.match(r"Udvalg(?:et)?\s+for\s", name):
        return True  # "Udvalg for regional udvikling": what it is for may be written in small letters
    return all(not w or w[:1].isupper() or w in BODY_JOINING_WORDS for w in words[:-1])


def with_labels_joined(lines: list[Line]) -> list[Line]:
    """Header lines with a label printed alone joined to the value under it: "STED" / "Stenhusbakken"
    reads as "Sted: Stenhusbakken"."""
    out: list[Line] = []
    lines = [as_field(line) for line in lines if not TABLE_RULE.fullmatch(line.stripped)]
    k = 0
    while k < len(lines):
        m = LABEL_ALONE.match(lines[k].stripped)
        j = next((i for i in range(k + 1, len(lines)) if lines[i].stripped), None)
        # An empty label ("Mødested:" over "Medlemmer", "Tid:" over "Deltagere: ...") takes nothing.
        if m and j is not None and not LABEL_ALONE.match(lines[j].stripped) and not HEADER_LINE.match(lines[j].stripped):
            out.append(replace(lines[k], text=f"{m['label'].capitalize()}: {lines[j].stripped}"))
            k = j + 1
            continue
        out.append(lines[k])
        k += 1
    return out


def body_of_meeting_word(header_lines: list[Line]) -> str:
    """The body a minutes title names by its meeting ("Ældrerådsmøde" is the Ældreråd's), in its definite form
    as minutes write it: "Ældrerådet", "Skolebestyrelsen"; or the body it says the meeting was of ("Referat af 1.
    møde i Grønt Råd, Ærø Kommune, d. 11. december 2007"), as named."""
    for line in header_lines[:HEADER_SCAN_LINES]:
        s = line.stripped
        if len(s.split()) <= MINUTES_LINE_WORDS and MINUTES_LINE.search(s) and (m := MEETING_OF_BODY.search(s)):
            name = m["body"].lower()
            return (name + ("n" if name.endswith("e") else "et")).capitalize()
        if MINUTES_TITLE.search(s) and (m := MEETING_IN_BODY.search(s)) and names_a_body(m["body"]):
            return m["body"]
    return ""


def as_field(line: Line) -> Line:
    """A table's cell as a field: "Udvalg: |" is "Udvalg:", "UdvalgÆldreråd" (label and value run together, as a
    page's two cells lose the space between them) is "Udvalg: Ældreråd"."""
    text = TABLE_CELL_END.sub("", line.stripped)
    if m := GLUED_LABEL.match(text):
        text = f"{m['label']}: {m['value']}"
    return line if text == line.stripped else replace(line, text=text)
