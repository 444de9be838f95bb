"""Parse one minutes file (a referat) into a `Meeting` with its `AgendaItem`s and `Section`s.

Every section keeps its exact span in the decoded source text, so a citation can later point at the
characters it quotes. Layouts are data (layouts.py); this module only walks lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .dates import find_date
from .decisions import decision_of
from .errors import SeedFormatError
from .extract import extract_data, looks_like_document, sniff
from .layouts import (
    ABSENCE,
    AD_ITEM,
    AGENDA_HEADING,
    AGENDA_LINE,
    CASE_LABEL_ALONE,
    CASE_NUMBER,
    CASE_VALUE,
    DATED_DECISIONS,
    DECISION,
    DOCUMENT_LAYOUT,
    DOCUMENT_MARKER,
    EMPTY_ABSENCE,
    FILING_FIELD,
    GENERIC_LAYOUT,
    HEADER_LINE,
    HEADER_SECTION,
    ITEM_MARKER,
    LAYOUTS,
    MINUTES_LINE,
    MINUTES_LINE_WORDS,
    NAVIGATION,
    PROPOSAL,
    PROPOSAL_OPENER,
    SECTION_HEADINGS,
    SUBHEADING,
    UNHEADED,
    Layout,
    without_period,
)
from .header import HEADER_SCAN_LINES, date_in_name, dated_body, body_of_meeting_word, names_a_body, read_header, titled_minutes
from .names import MAX_NAME_WORDS, absent_names, names_line, unique_names
from .records import UNKNOWN_BODY, AgendaItem, Meeting, Section, page_at
from .reflow import is_flattened, unflattened

MAX_FILE_BYTES = 5 * 1024 * 1024  # ~150 times the longest seed; a 10 MB "referat" would take hours to embed
DOCUMENT_TITLE_LINES = 12  # the first lines, where a page says what it is
DATED_FIRST_LINES = 3
# What a page calls itself over its items ("Referat:"); read as a decision heading inside an item, not above the first.
MIN_RUN_OPENED_BARE = 3  # items a run needs for a first item with nothing under it to open it
MIN_WRAPPED_TITLE_CHARS = 25  # a title shorter than this did not run out of room on its line
DOCUMENT_TITLES = frozenset({"referat", "dagsorden", "beslutningsprotokol"})
PEOPLE_HEADING = re.compile(r"^(?:Medlemmer|Deltagere|Mødedeltagere|Tilstede|Til stede|Fraværende|Afbud)\s*:?\s*$", re.IGNORECASE)
CASE_HEADINGS = frozenset({"Anledning", "Resume", "Sagsfremstilling", "Indstilling", "Beslutning"})
HEADING_BULLETS = "•▪· "  # "  • Sagsfremstilling": a heading a portal prints as a list's line
MAX_TITLE_WORDS = 14  # a numbered line longer than this that ends in a full stop is prose
MIN_TITLE_CHARS = 30
CASE_OPENERS = frozenset({"Anledning", "Resume", "Sagsfremstilling", "Sagsforløb", PROPOSAL})
CASE_TEXT = "Sagsfremstilling"
MAX_TITLE_CHARS = 90  # of an untitled item's first line, as its title
DURATION = re.compile(r"\(\d+\s*min\.?\)\s*")
_DOT_LEADER = re.compile(r"\.{3,}\s*\d*\s*$")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the first character in the text
    text: str  # without the newline

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 first; cp1252 (old Windows exports) before giving up."""
    if not data.strip():
        raise SeedFormatError(path, 1, "empty file: no minutes to read")
    if b"\x00" in data[:8192]:
        raise SeedFormatError(path, 1, "binary file (NUL bytes): not a text referat")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as error:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise SeedFormatError(path, line, "neither UTF-8 nor cp1252 text") from error
    # Spans are offsets into this normalised text; CRLF and lone CR become LF.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")), encoding


def split_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, offset, raw))
        offset += len(raw) + 1
    return lines


def slugify(value: str) -> str:
    value = value.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", value).strip("-") or "moede"


def choose_layouts(lines: list[Line], path: Path) -> list[Layout]:
    """The layouts whose header this file has, most specific first."""
    head = "\n".join(line.stripped for line in lines[:HEADER_SCAN_LINES])
    layouts = [layout for layout in LAYOUTS if layout.detect.search(head)]
    if not layouts and TITLE_LINE.search(head) and date_in_name(path):
        layouts = [GENERIC_LAYOUT]  # a web page's "Referat" over its items, its date only in the file's name
    if not layouts and _decided_on(lines):
        # No header at all, but its decisions say who decided and when: "Beslutning i Byrådet 9. oktober 2018:".
        layouts = [GENERIC_LAYOUT]
    if layouts and GENERIC_LAYOUT not in layouts:
        layouts.append(GENERIC_LAYOUT)  # a header some system's, items printed as another's
    if not layouts:
        first = next((line for line in lines if line.stripped), lines[0])
        raise SeedFormatError(
            path,
            first.number,
            "not a referat: no meeting header found (expected a meeting date such as 'Mødedato: 12. marts 2024', "
            "'Dato: 12-03-2024' or 'REFERAT <body> d. DD-MM-YYYY')",
        )
    return layouts


def reads_as_document(lines: list[Line], path: Path) -> bool:
    """The last resort may read the file: a title-like line of its first lines says it is minutes (or names a
    body), and they give a date (or its name does)."""
    head = "\n".join(line.stripped for line in lines[:HEADER_SCAN_LINES])
    titles = [line.stripped for line in lines[:HEADER_SCAN_LINES] if line.stripped][:DOCUMENT_TITLE_LINES]
    says = any(
        len(s.split()) <= MINUTES_LINE_WORDS
        and (MINUTES_LINE.search(s) or ((m := GENERIC_LAYOUT.body.match(s)) and names_a_body(m["body"])))
        for s in titles
    )
    # Or a page that opens with its date ("30. aug 2022") and goes on as minutes do: a list of members, then a
    # case's headings ("Beslutningstema", "Beslutning") on lines of their own.
    dated_first = any(DOCUMENT_LAYOUT.detect.search(s) for s in titles[:DATED_FIRST_LINES])
    minutes_like = sum(bool(PEOPLE_HEADING.match(s) or SECTION_HEADINGS.get(_heading_key(s).lower()) in CASE_HEADINGS) for s in head.split("\n")) >= 2
    return (says or (dated_first and minutes_like)) and bool(DOCUMENT_LAYOUT.detect.search(head) or date_in_name(path))


@dataclass(frozen=True, slots=True)
class ItemHeading:
    """Where an agenda item starts: its number, title, and the line its text starts on."""

    number: int
    title: str
    marked: bool  # "Punkt 4 Title" says it is an item, so no list line can be mistaken for it
    body_start: int  # index of the first line after the heading


class _Reader:
    """Walks the lines of one file once; holds the state of that walk."""

    def __init__(self, text: str, path: Path, layout: Layout) -> None:
        self.text, self.path, self.layout = text, path, layout
        self.lines = split_lines(text)

    # -- helpers -----------------------------------------------------------------------------
    def heading_of(self, line: Line) -> str | None:
        """Canonical section name when this line is a section heading on its own ("• Resumé" too: a portal's list)."""
        key = _heading_key(line.stripped).lower()
        if line.stripped.lower() == "referat:":
            return DECISION  # a council's or a board's record of an item ("Referat:" / "Godkendt."); "Referat" alone is a title
        return self.layout.headings.get(key) or (DECISION if self.decision_label(line) else None)

    def decision_label(self, line: Line) -> str:
        """The printed heading of a dated decision ("Byrådets beslutning den 06.03.2019"), else ""."""
        for pattern in self.layout.dated_decisions:
            if m := pattern.match(line.stripped.lstrip(HEADING_BULLETS)):
                return " ".join(m["label"].split())
        return ""

    def history_entry(self, k: int, stop: int) -> tuple[int, str] | None:
        """An earlier body's decision in a case history, printed as fields ("Udvalg: Magistraten" /
        "Dato: 02-09-2025" / "Punktnummer: 12" / its text): (first line of the text, "Magistraten, 02-09-2025")."""
        if not (m := HISTORY_BODY.match(self.lines[k].stripped)):
            return None
        j = self.next_nonblank(k + 1)
        if j is None or j >= stop or not (d := HISTORY_DATE.match(self.lines[j].stripped)) or (day := find_date(d["date"])) is None:
            return None
        body = j + 1
        if (n := self.next_nonblank(body)) is not None and n < stop and HISTORY_ITEM.match(self.lines[n].stripped):
            body = n + 1
        if (n := self.next_nonblank(body)) is not None and n < stop and self.heading_of(self.lines[n]) == DECISION:
            body = n + 1  # "Beslutning" printed under the fields
        # The date as the decision labels read it back ("Dato: 2025-09-02 kl. 15.00" too).
        return body, f"{' '.join(m['body'].split())}, {day.strftime('%d-%m-%Y')}"

    def next_nonblank(self, index: int) -> int | None:
        for j in range(index, len(self.lines)):
            if self.lines[j].stripped:
                return j
        return None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of lines[first:last], trimmed of surrounding white space."""
        if first >= last:
            start = self.lines[first].start if first < len(self.lines) else len(self.text)
            return start, start
        start, end = self.lines[first].start, self.lines[last - 1].end
        chunk = self.text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        return start + lead, max(start + lead, end - trail)

    # -- header and table of contents ----------------------------------------------------------
    def item_match(self, index: int, toc_titles: list[str], last_number: int | None) -> ItemHeading | None:
        line = self.lines[index]
        m = self.layout.item.match(line.stripped)
        if not m:
            return self.numbered_above(index, last_number) or self.numbered_below(index, last_number)
        heading = ItemHeading(int(m["number"]), m["title"].strip(), _marked(m), index + 1)
        if not self.layout.item_needs_confirmation:
            return heading
        if heading.marked:
            # "Punkt 4 Title" is an item wherever it stands, unless the next line is one too: a contents list.
            # Nor a decision's sentence about an item ('Punkt 127 "Forberedelse af salg" optages ikke på dagsorden. ...').
            if re.search(r"[.!?]\s+\S", heading.title) and len(heading.title.split()) > MAX_TITLE_WORDS:
                return None
            j = self.next_nonblank(index + 1)
            return None if j is not None and self.layout.item.match(self.lines[j].stripped) else heading
        if last_number is not None and heading.number <= last_number:
            return None  # numbering only goes up within a meeting; a smaller number is a list line
        if heading.number >= 1000 and len(heading.title.split()) == 1:
            return None  # a postcode and its town ("6200 Aabenraa") under an address, not item 6200
        if self._counts_up_to(index, heading.number):
            return None  # the last line of a contents list ("346 Salg af ejendom" / "347 Meddelelser fra formanden")
        norm = _norm_title(heading.title)
        if toc_titles and any(norm.startswith(t) or t.startswith(norm) for t in toc_titles if t):
            return heading
        if toc_titles and not any(len(t) > FLAT_TOC_TITLE for t in toc_titles):
            return None
        # No table of contents, or one run into a line of its own (text copied from a PDF: "1. A B C ..."), which
        # confirms no title but its first: the heading must be followed by a case number or a section heading
        # (past a group heading or an open/closed marker, as some portals print them).
        if heading.title.endswith((".", ",", ";")) and not ABBREVIATION_END.search(heading.title):
            return None  # a sentence, not a title; "orienteringssager m.v." is a title
        j = self.after_markers(index + 1)
        if j is None:
            return None
        if self.opens_item(self.lines[j]):
            return heading
        # One line between: the attachments a web page lists under the title ("application/pdf icon x.pdf"), a
        # heading of the portal's own that no layout names ("Økonomi"), or who wrote the case up ("Sagsbehandler:
        # Anne Dahl"); not a line of prose.
        k = self.next_nonblank(j + 1)
        between = self.lines[j].stripped
        if k is None or not (ATTACHMENT_LINE.search(between) or SUBHEADING.fullmatch(between) or FILING_FIELD.match(between)):
            return None
        return heading if self.opens_item(self.lines[k]) else None

    def opens_item(self, line: Line) -> bool:
        """A case number or section heading: what follows an item's title, never a list line's."""
        # Not "Fraværende:": a header prints it under the last line of its contents list too.
        return bool(CASE_NUMBER.match(line.stripped) or CASE_LABEL_ALONE.match(line.stripped) or self.heading_of(line) not in (None, ABSENCE))

    def numbered_below(self, index: int, last_number: int | None) -> ItemHeading | None:
        """A title with its number on the next line ("Spørgetid" / "Sag nr. 129"), as one portal prints items."""
        if not self.layout.number_below:
            return None
        title = self.lines[index].stripped
        j = self.next_nonblank(index + 1)
        if not title or j is None or j > index + 2 or not (m := self.layout.number_below.match(self.lines[j].stripped)):
            return None
        after = self.lines[j + 1] if j + 1 < len(self.lines) else None
        if (index > 0 and self.lines[index - 1].stripped) or (after is not None and after.stripped and not self.opens_item(after)):
            return None  # a paragraph of its own, then the number alone: not prose ending "..., se" / "Sag nr. 12" / "fra 2019."
        number = int(m["number"])
        if title.endswith((".", ",", ";", ":")) or self.heading_of(self.lines[index]) or (last_number is not None and number <= last_number):
            return None
        return ItemHeading(number, title, False, j + 1)

    def _counts_up_to(self, index: int, number: int, run: int = 2) -> bool:
        """The `run` lines right above count up to this number, a list's lines one under another."""
        for k in range(1, run + 1):
            if index - k < 0 or not (m := self.layout.item.match(self.lines[index - k].stripped)) or int(m["number"]) != number - k:
                return False
        return True

    def numbered_above(self, index: int, last_number: int | None) -> ItemHeading | None:
        """A web page's list that prints the number alone ("  • 135." / "" / "Godkendelse af dagsorden"), the title
        under it; confirmed by what follows the title: a section heading or case number, or the title again."""
        if not (m := BULLETED_NUMBER.match(self.lines[index].stripped)) or (last_number is not None and int(m["number"]) <= last_number):
            return None
        j = self.next_nonblank(index + 1)
        if j is None or j > index + 2:
            return None
        title = self.lines[j].stripped
        k = self.after_markers(j + 1)
        if k is None or self.heading_of(self.lines[j]) or title.endswith((".", ",", ";")) and not ABBREVIATION_END.search(title):
            return None
        if not (self.opens_item(self.lines[k]) or self.lines[k].stripped == title):
            return None
        return ItemHeading(int(m["number"]), title, True, j + 1)

    def after_markers(self, index: int, most: int = 2) -> int | None:
        """The next non-blank line at or after `index` that is not an item marker ("Lukket sag")."""
        j = self.next_nonblank(index)
        while j is not None and most > 0 and ITEM_MARKER.match(self.lines[j].stripped):
            j, most = self.next_nonblank(j + 1), most - 1
        return j

    def read_toc(self, start: int) -> tuple[list[str], int]:
        """Return (normalised TOC titles, index of the first line after the TOC)."""
        titles: list[str] = []
        first_number: int | None = None
        i = start + 1
        while i < len(self.lines):
            s = self.lines[i].stripped
            if not s:
                i += 1
                continue
            m = self.layout.item.match(_DOT_LEADER.sub("", s).strip())
            # "Punkt N: Title" lines in a row are a TOC too (a PDF's dot leaders dropped); an item is followed by its text.
            nxt = self.next_nonblank(i + 1)
            listed = nxt is not None and self.layout.item.match(_DOT_LEADER.sub("", self.lines[nxt].stripped).strip())
            if m and ((self.layout.item_needs_confirmation and not _marked(m)) or listed):
                following = self.lines[nxt] if nxt is not None else None
                if following is not None and not listed and self.opens_item(following):
                    break  # an item with its case number or sections: the contents list above it was empty
                number = int(m["number"])
                if first_number is None:
                    first_number = number
                elif number == first_number:
                    break  # numbering restarts: the items themselves begin
                titles.append(_norm_title(self._strip_prefix(m["title"])))
            elif _DOT_LEADER.search(s) or "\t" in s:
                titles.append(_norm_title(self._strip_prefix(_DOT_LEADER.sub("", s.split("\t")[0]))))
            else:
                break
            i += 1
        return titles, i

    def _strip_prefix(self, title: str) -> str:
        return self.layout.title_prefix.sub("", title.strip()).strip()

    def parse(self) -> Meeting:
        layout, lines = self.layout, self.lines
        first_item = None
        toc_titles: list[str] = []
        i = 0
        while i < len(lines):
            if layout.toc.match(lines[i].stripped):
                toc_titles, i = self.read_toc(i)
                continue
            if self.item_match(i, toc_titles, None):
                first_item = i
                break
            i += 1
        header_end = first_item if first_item is not None else len(lines)
        # An empty contents heading ("Indholdsfortegnelse" over nothing) ends no header: "Deltagere:" may follow it.
        toc_line = next((k for k in range(header_end) if layout.toc.match(lines[k].stripped)), header_end) if toc_titles else header_end
        if first_item is None and (layout is DOCUMENT_LAYOUT or any(AD_ITEM.match(line.stripped) for line in lines)):
            return self._document()
        meeting = self._header(lines[: min(toc_line, header_end)], toc_line)
        if first_item is None:
            raise SeedFormatError(
                self.path,
                header_end if header_end < len(lines) else len(lines),
                f"no agenda items found (layout {layout.name}: expected item headings like "
                f"{'Punkt 1: Title' if not layout.item_needs_confirmation else '1. Title'})",
            )
        items = self._items(first_item, toc_titles)
        return meeting(items=tuple(items))

    def _header(self, header_lines: list[Line], end_index: int):
        """The meeting but its items: `finish` takes them, since an unnamed body may be read from their decisions."""
        fields = read_header(self.layout, header_lines)
        day = fields.day or date_in_name(self.path) or _decided_on(self.lines)
        if day is None:
            raise SeedFormatError(self.path, fields.date_line, "no recognisable meeting date in the header")
        first = self.next_nonblank(0) or 0
        start, end = self.span(first, max(first + 1, end_index))
        header = Section(HEADER_SECTION, self.text[start:end], start, end, self.lines[first].number)

        def finish(items: tuple[AgendaItem, ...]) -> Meeting:
            item_absent = [n for it in items for s in it.section(ABSENCE) for n in absent_names(s.text)]
            # No body in the header: the one its decisions name ("Kultur- og Idrætsudvalget, 03-04-2019, pkt. 44").
            # The meeting's own decisions, of its day; the others are the case's history, other bodies' decisions.
            own = [d for it in items for sec in it.section(DECISION) if (d := decision_of(sec)).day in (None, day)]
            named = [d.body for d in own]
            # "Teknik, Erhverv, Plan og Miljøudvalget 2018-2021": the body is one across electoral periods.
            found = without_period(
                fields.body or max((b for b in dict.fromkeys(named) if b), key=named.count, default="") or dated_body(self.lines, day)
                or body_of_meeting_word(fields.lines) or UNKNOWN_BODY
            )
            return Meeting(
                meeting_id=f"{slugify(found)}-{day.isoformat()}",
                body=found,
                date=day,
                source=self.path,
                text=self.text,
                header=header,
                items=items,
                place=fields.place,
                time=fields.time,
                attendees=unique_names(fields.attendees),
                # Not a sentence read as a name where a PDF's columns ran together ("Sagens formål Godkendelse af ...").
                absentees=tuple(n for n in unique_names(fields.absentees + item_absent) if len(re.sub(r"\([^)]*\)", " ", n).split()) <= MAX_NAME_WORDS),
                layout=self.layout.name,
                # An agenda may carry its case's history ("Magistraten, 02-09-2025"); minutes hold the meeting's own,
                # and say they are minutes even where no decision heading was read ("Referat: Godkendt").
                has_decisions=bool(own) or titled_minutes(fields.lines),
            )

        return finish

    # -- items and sections --------------------------------------------------------------------
    def _items(self, first: int, toc_titles: list[str]) -> list[AgendaItem]:
        starts: list[tuple[int, ItemHeading]] = []
        last_number = None
        idx = first
        while idx < len(self.lines):
            if heading := self.item_match(idx, toc_titles, last_number):
                starts.append((self.printed_twice(idx, heading, starts[-1][1].body_start if starts else first), heading))
                # "Punkt N:" is unambiguous, so its numbers may run out of order; "N. Title" may not.
                last_number = heading.number if self.layout.item_needs_confirmation and not heading.marked else last_number
                idx = heading.body_start
                continue
            idx += 1
        return self._items_at(starts)

    def _items_at(self, starts: list[tuple[int, ItemHeading]]) -> list[AgendaItem]:
        """The items that start at these lines, each running to the next."""
        items = []
        above = ""  # the case number printed over this item's heading, at the end of the one before
        for n, (idx, heading) in enumerate(starts):
            stop = starts[n + 1][0] if n + 1 < len(starts) else len(self.lines)
            below = ""
            while stop > heading.body_start:
                s = self.lines[stop - 1].stripped
                if not s or NAVIGATION.match(s):
                    stop -= 1  # "Til toppen" under the item's last section
                elif n + 1 < len(starts) and not below and (cm := CASE_NUMBER.match(s)) and cm["labelled"]:
                    below, stop = cm["labelled"].strip(), stop - 1  # "Sagnr.: 1-21-78-7-12" over the next "33. Title"
                else:
                    break
            items.append(self._item(idx, stop, heading, above))
            above = below
        return items

    # -- the last resort: minutes no layout reads ---------------------------------------------------
    def _document(self) -> Meeting:
        """Items from a run of numbered lines that nothing else confirms, else from the sections each item
        repeats; the header is what comes before the first. A page with neither is no minutes to read."""
        # A numbered run after the first heading or marker is a section's own numbering ("1. Baggrund", "2. Økonomi").
        first_section = next(
            (
                k for k, line in enumerate(self.lines)
                if line.stripped and (self.heading_of(line) in CASE_OPENERS | {DECISION} or DOCUMENT_MARKER.match(line.stripped))
                and _heading_key(line.stripped).lower() not in DOCUMENT_TITLES  # "Referat:" over the items titles the page
            ),
            len(self.lines),
        )
        run = self._numbered_run()
        starts = run if run and run[0][0] < first_section else self._repeated_sections()
        header_end = starts[0][0] if starts else len(self.lines)
        meeting = self._header(self.lines[:header_end], header_end)
        if not starts:
            raise SeedFormatError(
                self.path, len(self.lines),
                "no agenda items found (read as a document: no numbered items and no section headings such as 'Beslutning')",
            )
        return meeting(items=tuple(self._items_at(starts)))

    def _numbered_run(self) -> list[tuple[int, ItemHeading]]:
        """Numbered lines that count up one by one ("1. Godkendelse af referat", "2. Elevråd:"), or a web page's
        list that numbers every item "1.": the longest such run (a later one on a tie: a contents list comes
        first). Two lines at least; items printed "1." each are numbered in order."""
        runs: list[list[tuple[int, ItemHeading]]] = [[]]
        bare: set[int] = set()  # lines of items with nothing under them
        agenda = None  # the agenda's titles, read when an "ad. N." paragraph needs one
        for k, line in enumerate(self.lines):
            if ad := AD_ITEM.match(line.stripped):
                # "ad. 1. Christian Albertsen bød velkommen.": the paragraph is the item's text, the agenda's line its title.
                agenda = self._agenda_titles() if agenda is None else agenda
                number = int(ad["number"])
                title = agenda[number - 1] if number <= len(agenda) else self._first_words(k).removeprefix(ad.group(0)[: ad.start("text")])
                m = self.layout.item.match(f"{number}. {title}")
                if m is not None:
                    ad_heading = ItemHeading(number, m["title"].strip(), True, k)
                    run = runs[-1]
                    if run and number != run[-1][1].number + 1:
                        if number > run[-1][1].number:
                            continue
                        runs.append(run := [])
                    run.append((k, ad_heading))
                continue
            m = self.layout.item.match(line.stripped)
            body = k + 1
            alone = NUMBER_ALONE.match(line.stripped) or MARKED_NUMBER_ALONE.match(line.stripped)
            if not m and alone and (t := self.next_nonblank(k + 1)) is not None and t <= k + 2:
                # "7. " or "Pkt. 1" on a line of its own, its title on the next (Middelfart's ældreråd, Lyngby-Taarbæk).
                m = self.layout.item.match(f"{alone.groupdict().get('marked') or ''} {alone['number']}. {self.lines[t].stripped}".strip())
                body = t + 1
            words = len(m["title"].split()) if m else 0
            if not m or words > 2 * MAX_TITLE_WORDS or (m["title"].endswith(".") and words > MAX_TITLE_WORDS):
                continue  # a paragraph that starts with a figure, not a title
            if _DOT_LEADER.search(m["title"]) or ((t := self.next_nonblank(body)) is not None and _DOT_LEADER.search(self.lines[t].stripped)):
                continue  # a contents line: "Godkendelse af dagsorden......4", its title wrapped or not
            heading = ItemHeading(int(m["number"]), m["title"].strip().rstrip(":").strip(), _marked(m), body)
            run = runs[-1]
            if (j := self.next_nonblank(body)) is None or self.layout.item.match(self.lines[j].stripped) or NUMBER_ALONE.match(self.lines[j].stripped) or self.lines[j].stripped.isdigit():
                # A contents list prints its lines one under another, or over their pages; an item has its text under
                # it. An item with nothing to say ("2. Kort præsentation af medlemmerne.") may still go on a run of
                # items that do, never start one.
                goes_on = bool(run) and (heading.number == run[-1][1].number + 1 or heading.number == run[-1][1].number == 1)
                if j is None or not (goes_on or (not run and self._opens_a_run(j, heading.number))):
                    continue
                bare.add(k)
            # Up by one, or "1." again (a web page's numbered list, flattened).
            if run and heading.number != run[-1][1].number + 1 and not heading.number == run[-1][1].number == 1:
                if heading.number > run[-1][1].number:
                    continue  # a figure or a list line out of step
                runs.append(run := [])  # numbering starts again: what came before listed the items
            run.append((k, heading))
        # Mostly lines with nothing under them: a contents list that ran on from an item's text ("90. Meddelelser").
        runs = [run for run in runs if 2 * sum(k in bare for k, _ in run) <= len(run)] or [[]]
        best = max(reversed(runs), key=len)
        if best and best[0][0] in bare and len(best) < MIN_RUN_OPENED_BARE:
            best = best[1:]  # "20. Lukket punkt." over one more line: a contents list's tail, not the first of the items
        if len(best) < 2 and not (best and best[0][1].marked):
            return []  # one numbered line is a list's, unless it says it is an item ("Pkt. 1", "Sag 5:"): a page of one item
        if len({h.number for _, h in best}) < len(best):
            best = [(k, replace(h, number=n)) for n, (k, h) in enumerate(best, 1)]
        return best

    def _agenda_titles(self) -> list[str]:
        """The lines of the agenda printed over the minutes ("Dagsorden:" / "  • Velkomst" / ...), in order."""
        start = next((k for k, line in enumerate(self.lines) if AGENDA_HEADING.match(line.stripped)), None)
        titles: list[str] = []
        for line in self.lines[start + 1 :] if start is not None else []:
            if m := AGENDA_LINE.match(line.stripped):
                titles.append(m["title"].strip())
            elif line.stripped and titles:
                break
        return titles

    def _opens_a_run(self, j: int, number: int) -> bool:
        """The numbered line at j goes on from `number` and has its text under it: "1. Formanden bød velkommen" over
        "2. Årsopgørelse" / its text is the first item, not a contents line."""
        m = self.layout.item.match(self.lines[j].stripped)
        after = self.next_nonblank(j + 1)
        return bool(m) and int(m["number"]) == number + 1 and after is not None and not self.layout.item.match(self.lines[after].stripped)

    def _repeated_sections(self) -> list[tuple[int, ItemHeading]]:
        """Items printed without titles (a portal shows them in a button the text leaves out): each starts at
        a marker ("• Udskriv", "Sagsid.: ...", "Åben") or, once an item has its decision, at the next heading
        that opens a case ("Resumé", "Sagsfremstilling"). Numbered in order, titled by their first line."""
        starts: list[int] = []
        bodies: list[int] = []
        titled: dict[int, int] = {}  # an item's first line -> its title's line above it
        opened = decided = decision_first = False
        # A page that marks where its items start ("Sagsid.: 21/27102") marks every one: a "Sagsfremstilling" after
        # the decision goes on with the item (Viborg prints it last), it opens no new one.
        marked = any(DOCUMENT_MARKER.match(line.stripped) for line in self.lines)
        seen: set[str] = set()  # the headings of the item being read
        for k, line in enumerate(self.lines):
            if not line.stripped:
                continue
            if DOCUMENT_MARKER.match(line.stripped):
                if not starts or opened:
                    starts.append(k)
                    opened = decided = False
                if bodies and bodies[-1] <= k and len(bodies) == len(starts):
                    bodies[-1] = k + 1  # the markers under the first say nothing of the case
                else:
                    bodies.append(k + 1)
                continue
            decision = self.heading_of(line) == DECISION or INLINE_DECISION.match(line.stripped)
            if decision and (not starts or decision_first) and (title := self._title_above(k)) is not None:
                # Aarhus prints a case's decision first: its title, "Beslutning Tilbagesendes ..." (or "Beslutning" over
                # it), then "Resumé" and "Indstilling". Such a page's items each start at a decision under a title.
                starts.append(k)
                bodies.append(k)
                titled[k] = title
                opened, decided, decision_first = True, False, True
                continue
            if (heading := self.heading_of(line)) and not decision_first:
                # A heading that opens a case opens an item: not a header's "Fraværende:", nor the fields some
                # portals print after the decision ("Beslutningskompetence", "Bilag").
                # A "Sagsfremstilling" after the decision goes on with the item (Kolding prints it last), unless the
                # item has had one: then a new case starts.
                goes_on = heading == CASE_TEXT and heading not in seen
                # The same opening heading again ("Beslutningstema" under the next "Sagsnr.:") is a new case, decided or not.
                again = heading in seen and not marked
                if heading in CASE_OPENERS and (not starts or again or (decided and not marked and not goes_on)):
                    starts.append(k)
                    bodies.append(k)
                    decided = False
                    seen = set()
                seen.add(heading)
                opened, decided = True, decided or heading == DECISION
        if not any(self.heading_of(line) for line in self.lines[starts[0]:]) if starts else True:
            return []  # markers alone, no section: a page's navigation, not items
        found = []
        for n, (k, body) in enumerate(zip(starts, bodies), 1):
            # A numbered title a line or two above the heading ("36. Høring: ..." / "01.02G00 - 2017/27088"), that
            # nothing confirmed: the item's own number and title after all.
            above = [j for j in range(max(k - 3, found[-1][0] + 1 if found else 0), k) if self.lines[j].stripped]
            if above and (m := self.layout.item.match(self.lines[above[0]].stripped)):
                found.append((above[0], ItemHeading(int(m["number"]), m["title"].strip(), _marked(m), above[0] + 1)))
            elif k in titled:
                found.append((titled[k], ItemHeading(n, self.lines[titled[k]].stripped, False, k)))
            else:
                found.append((k, ItemHeading(n, self._first_words(body), False, body)))
        if len({h.number for _, h in found}) < len(found):
            found = [(k, replace(h, number=n)) for n, (k, h) in enumerate(found, 1)]
        return found

    def _title_above(self, k: int) -> int | None:
        """The line over a case's first heading that reads as its title: a few words, no stop, not what the page
        calls itself ("Referat Aarhus Byråd 03-04-2019"), nor a date, a field, a heading or a marker."""
        skipped = (NAVIGATION, ITEM_MARKER, CASE_NUMBER)  # "Se alle bilag", "Åben sag", "12/15486" between title and heading
        above = next((j for j in range(k - 1, max(k - 5, -1), -1) if (s := self.lines[j].stripped) and not any(p.match(s) for p in skipped)), None)
        if above is None:
            return None
        s = self.lines[above].stripped
        titles = (
            2 <= len(s.split()) <= MAX_TITLE_WORDS and not s.endswith((".", ":", ";", ",")) and not MINUTES_LINE.search(s)  # not "KF"
            and not HEADER_LINE.match(s) and not self.heading_of(self.lines[above]) and not DOCUMENT_MARKER.match(s)
            and find_date(s) is None and not self.layout.item.match(s) and not self.layout.toc.match(s)  # not "Indhold"
            and not ((b := GENERIC_LAYOUT.body.match(s)) and names_a_body(b["body"]))  # not "Erhvervs- og Turismeudvalget"
        )
        return above if titles else None

    def _first_words(self, index: int) -> str:
        """An untitled item's title: its first line of prose, to the end of the sentence or MAX_TITLE_CHARS."""
        for line in self.lines[index:]:
            s = line.stripped
            s = s.lstrip("•▪·*- ").strip()
            if s and not self.heading_of(line) and not DOCUMENT_MARKER.match(s) and not CASE_NUMBER.match(s):
                # To the end of its first sentence, past the points of "1. januar" and "nr. 6".
                end = next((m.end() for m in re.finditer(r"[.!?](?=\s)", s) if m.end() >= MIN_TITLE_CHARS), len(s))
                s = s[:end]
                return s if len(s) <= MAX_TITLE_CHARS else s[: s.rfind(" ", 0, MAX_TITLE_CHARS)].rstrip(" ,;:") + " …"
        return "Uden titel"

    def printed_twice(self, idx: int, heading: ItemHeading, floor: int) -> int:
        """Where the item starts when a web page prints its heading twice ("1. Godkendelse (B)" over
        "1.     Godkendelse (B)"): at the first, so the previous item does not end with this one's title."""
        j = idx - 1
        while j >= floor and not self.lines[j].stripped:
            j -= 1
        if j >= floor and (m := self.layout.item.match(self.lines[j].stripped)):
            if int(m["number"]) == heading.number and _norm_title(m["title"]) == _norm_title(heading.title):
                return j
        return idx

    def _item(self, idx: int, stop: int, heading: ItemHeading, case_above: str = "") -> AgendaItem:
        title = heading.title
        body_start = heading.body_start
        # A title may wrap onto the next line (no blank line between, and not a heading or case number).
        if body_start == idx + 1 and body_start < stop:
            nxt = self.lines[body_start]
            ends_sentence = nxt.stripped.endswith((".", "!", "?", ":"))  # "A. P. Møllers Plads skal have ..." is text
            # A line breaks a title because it ran out of room: a short title ("Velkomstkomité") or a bullet under it
            # ("• Affaldsindsamling d. 2. april") is followed by the item's text, not by the rest of its title.
            wraps = len(title) >= MIN_WRAPPED_TITLE_CHARS and nxt.stripped[:1] not in "•▪·*-–" and not title.endswith(".")
            if _norm_title(nxt.stripped) == _norm_title(title):
                body_start += 1  # the title printed again under the numbered heading: not the item's text
            elif wraps and nxt.stripped and not ends_sentence and not self.opens_item(nxt) and not ITEM_MARKER.match(nxt.stripped) and not FIELD.match(nxt.stripped):
                if not self.layout.item.match(nxt.stripped):
                    title = f"{title} {nxt.stripped}"
                    body_start += 1
        case_number = case_above
        j = self.after_markers(body_start)
        if j is not None and j < stop and (cm := CASE_NUMBER.match(self.lines[j].stripped)):
            case_number = (cm["labelled"] or cm["kle"] or cm["emn"]).strip()
            body_start = j + 1
        elif j is not None and j < stop and CASE_LABEL_ALONE.match(self.lines[j].stripped):
            body_start = j + 1  # "Sagsnummer" / "00.34.00-S00-2-14", or the label printed empty
            v = self.next_nonblank(j + 1)
            if v is not None and v < stop and CASE_VALUE.fullmatch(value := self.lines[v].stripped):
                case_number, body_start = value, v + 1
        elif j is not None and j < stop:
            body_start = j  # past "Lukket sag": a marker is not the item's text
        sections = self._sections(body_start, stop)
        duration = next(
            (ln.stripped.strip("()") for ln in self.lines[body_start:stop] if DURATION.fullmatch(ln.stripped)), ""
        )
        start = self.lines[idx].start
        _, end = self.span(idx, stop)
        # "1.  1. Godkendelse af dagsordenen": the number printed twice is not part of the title.
        title = re.sub(rf"^{heading.number}\.\s+(?=[A-ZÆØÅ])", "", self.layout.title_prefix.sub("", title).strip())  # not "2. behandling"
        title = CASE_KIND.sub("", title) or title  # "Beslutningssag: Godkendelse af dagsorden"
        return AgendaItem(
            number=heading.number,
            title=title,
            case_number=case_number,
            sections=tuple(sections),
            duration=duration,
            start=start,
            end=end,
            line=self.lines[idx].number,
        )

    def _sections(self, first: int, stop: int) -> list[Section]:
        # Find heading lines: a known heading alone on a line, or "Fraværende <names>" inline.
        marks: list[tuple[int, str, int]] = []  # (line index, heading, first body line index)
        labels: dict[int, str] = {}  # decision labels composed from fields, by heading line
        glued: dict[int, int] = {}  # "BeslutningGodkendt.": where the text starts in the heading's line
        # A portal that prints its headings as a list's lines ("  • Sagsfremstilling") prints them all so: a bare
        # "Forslag" is then a table's column flattened to a line, not a heading.
        bulleted = any(_bulleted(ln) and self.heading_of(ln) for ln in self.lines[first:stop])
        skip = -1
        for k in range(first, stop):
            line = self.lines[k]
            if k <= skip:
                continue
            if entry := self.history_entry(k, stop):
                body, labels[k] = entry
                marks.append((k, DECISION, body))
                skip = body - 1
            elif (heading := self.heading_of(line)) and (_bulleted(line) or not bulleted):
                body = k + 1
                j = self.next_nonblank(k + 1)
                if heading == DECISION and j is not None and j < stop and EMPTY_ABSENCE.match(self.lines[j].stripped):
                    after = self.next_nonblank(j + 1)
                    if after is not None and after < stop and not names_line(self.lines[after].stripped):
                        skip, body = j, j + 1  # an empty "Fraværende:" line; the decision follows it
                marks.append((k, heading, body))
            elif self.layout.absentees_inline and self.layout.absentees_inline.match(line.stripped):
                marks.append((k, ABSENCE, k))
            elif (g := GLUED_HEADING.match(line.stripped)) and (heading := self.layout.headings.get((g["heading"] or g["inline"]).lower())):
                marks.append((k, heading, k))
                glued[k] = line.text.index(g["heading"] or g["inline"]) + g.end()
        sections: list[Section] = []
        bounds = [(first, "", first)] + marks
        for n, (k, heading, body) in enumerate(bounds):
            end = bounds[n + 1][0] if n + 1 < len(bounds) else stop
            label_line = k  # the heading whose printed label says whose decision this is
            if k in glued and body == k:
                s, e = self.lines[k].start + glued[k], self.span(k, end)[1]
                s += len(self.text[s:e]) - len(self.text[s:e].lstrip(" -–:"))  # "Fraværende- Hans Østergaard"
                if s < e:
                    sections.append(Section(heading, self.text[s:e], s, e, self.lines[k].number))
                continue
            if heading == ABSENCE and body == k:
                # "Fraværende A, B\n(C)": the names run on over lines that name people or end a name; not into
                # the decision printed right under them ("Fraværende:  Villum Christensen (I)" / "Godkendt.").
                para_end = k + 1
                while para_end < end and (s := self.lines[para_end].stripped) and (
                    names_line(s) or s.startswith("(") or self.lines[para_end - 1].stripped.endswith((",", " og"))
                ):
                    para_end += 1
                s, e = self.span(k, para_end)
                # The names start where the layout's pattern says ("Fraværende X", "Afbud: X", ...).
                s += self.layout.absentees_inline.match(self.lines[k].stripped).start("value")
                sections.append(Section(ABSENCE, self.text[s:e], s, e, self.lines[k].number))
                # Text after the names goes on with the section above them: "Beslutning" / "Ikke til stede: X" / "Godkendt."
                label_line, heading = next(((j, h) for j, h, _ in reversed(bounds[:n]) if h != ABSENCE), (first, ""))
                k = body = para_end
            elif heading == ABSENCE and (names_end := self._names_end(body, end)) < end:
                # "Fraværende" alone over a name, then the item's text ("Bemærkninger til dagsordenen" ...).
                s, e = self.span(body, names_end)
                sections.append(Section(ABSENCE, self.text[s:e], s, e, self.lines[k].number))
                k, heading, body = names_end, UNHEADED, names_end
            s, e = self.span(body, end)
            if s == e:
                continue
            if m := DURATION.match(self.text[s:e]):
                s += m.end()  # "(15 min.)" is the item's time slot, not part of the section's prose
            line_no = self.lines[k].number if k < len(self.lines) else len(self.lines)
            sections.extend(self._split_missing_proposal(heading, s, e, line_no))
            if heading == DECISION and label_line < len(self.lines) and (label := labels.get(label_line) or self.decision_label(self.lines[label_line])):
                sections[-1] = replace(sections[-1], label=label)  # whose decision, and when
        # A heading printed twice in a row ("Sagsfremstilling" / "Sagsfremstilling") leaves an empty section.
        return [sec for sec in sections if sec.text]

    def _names_end(self, first: int, stop: int) -> int:
        """Where the names under an absence heading end: the first line after them that names nobody.
        The first line is the section's whatever it says; a role wrapped onto the next line ("(Direktør BKMB), ...") goes on."""
        seen = False
        for j in range(first, stop):
            s = self.lines[j].stripped
            if not s:
                continue
            # An empty label names nobody: the next item's case number ("Sagsnr.: 00.32.10-S00-1-24") is no name.
            if (seen and not (names_line(s) or s.startswith("("))) or (not seen and (CASE_NUMBER.match(s) or CASE_LABEL_ALONE.match(s))):
                return j
            seen = True
        return stop

    def _split_missing_proposal(self, heading: str, start: int, end: int, line: int) -> list[Section]:
        """A proposal with no 'Indstilling' heading ("Kommunaldirektøren indstiller,") becomes its own section."""
        if heading in (PROPOSAL, DECISION, ABSENCE):
            return [Section(heading, self.text[start:end], start, end, line)]
        offset = start
        for raw in self.text[start:end].split("\n"):
            if PROPOSAL_OPENER.match(raw.strip()) and offset > start:
                cut = offset
                s, e = start, cut
                while e > s and self.text[e - 1].isspace():
                    e -= 1
                p_line = self.text.count("\n", 0, cut) + 1
                return [
                    Section(heading, self.text[s:e], s, e, line),
                    Section(PROPOSAL, self.text[cut:end], cut, end, p_line),
                ]
            offset += len(raw) + 1
        return [Section(heading, self.text[start:end], start, end, line)]


# A case history's entries (one portal's "Sagsforløb"): each earlier body's decision under three fields.
HISTORY_BODY = re.compile(r"^Udvalg\s*:\s*(?P<body>\S.*?)\s*$")
HISTORY_DATE = re.compile(r"^Dato\s*:\s*(?P<date>\S.*?)\s*$")
HISTORY_ITEM = re.compile(r"^(?:Punktnummer|Punkt|Pkt\.?)\s*:\s*\d+\s*$", re.IGNORECASE)

# What kind of case an item is, printed before its title (Guldborgsund).
CASE_KIND = re.compile(r"^(?:Beslutnings|Orienterings|Drøftelses|Meddelelses|Godkendelses|Temadrøftelses)sag\s*:\s*", re.IGNORECASE)
FLAT_TOC_TITLE = 200  # characters: no title is this long; a contents list run into one line is
NUMBER_ALONE = re.compile(r"^(?P<number>\d{1,3})\.$")
MARKED_NUMBER_ALONE = re.compile(r"^(?P<marked>Punkt|Pkt\.?|Sag(?:\s+nr\.?)?)\s*(?P<number>\d{1,4})\s*[.:]?$", re.IGNORECASE)
# An item's number alone on a list's line, its title under it: "  • 135. ", "  • 35".
BULLETED_NUMBER = re.compile(r"^[•▪·]\s*(?P<number>\d{1,4})\.?$")


# A field printed under a title, never a wrapped part of it: "Referat: Godkendt", "Sagsbehandler: Anne Dahl".
FIELD = re.compile(r"^[A-ZÆØÅ][^\W\d]*\.?\s*:(?:\s|$)")  # one word: "Kommuneplantillæg nr. 12: Boliger ..." wraps a title
# A heading glued to its text, as some portals' pages come out as text: "BeslutningGodkendt.", "Fraværende- Hans Østergaard".
GLUED_HEADING = re.compile(r"^(?P<heading>Anledning|Resumé|Resume|Sagsfremstilling|Baggrund|Indstilling|Beslutning|Fraværende|Afbud|Bilag)(?=[A-ZÆØÅ]|\s*[-–]\s*[A-ZÆØÅ])|^(?P<inline>Beslutning)(?=[ \t]+[A-ZÆØÅ][a-zæøå])")
# A decision printed on its heading's line: "Beslutning Tilbagesendes Magistratsafdelingen ... med bemærkning, at ...".
INLINE_DECISION = re.compile(r"^Beslutning[ \t]+(?=[A-ZÆØÅ][a-zæøå])")
# What a web page prints between an item's title and its first heading: its attachments.
ATTACHMENT_LINE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?)\b|\bicon\b|^Bilag\b", re.IGNORECASE)
# Titles may end in an abbreviation's point: "Cirkulæreskrivelse, orienteringssager m.v.".
ABBREVIATION_END = re.compile(r"(?:\b(?:m\.v|m\.m|mv|mm|m\.fl|etc|o\.l|o\.a|bl\.a|jf|inkl|vedr|ca|nr|pkt)\.)$", re.IGNORECASE)
TITLE_LINE = re.compile(r"\A(?:\s*\n)*(?:.*\n(?:\s*\n)*){0,3}\s*(?:Referat|Dagsorden|Beslutningsprotokol)\s*$", re.MULTILINE | re.IGNORECASE)


def _decided_on(lines: list[Line]) -> date | None:
    """The day a file's decisions were made, when they all name the same one in their headings
    ("Beslutning i Byrådet 9. oktober 2018:"); None when they name none, or several (a case history), or when a
    bare "Beslutning" is among them: the meeting's own, under an earlier body's dated one (Stevns)."""
    days = set()
    for line in lines:
        key = _heading_key(line.stripped)
        if m := DATED_DECISIONS[1].match(key):
            days.add(find_date(m["date"]))
        elif SECTION_HEADINGS.get(key.lower()) == DECISION:
            return None
    return days.pop() if len(days) == 1 else None


def _heading_key(text: str) -> str:
    """A heading as the tables know it: "  • Sagsfremstilling:" is "Sagsfremstilling"."""
    return text.lstrip(HEADING_BULLETS).rstrip(":").strip()


def _bulleted(line: Line) -> bool:
    return line.stripped[:1] in HEADING_BULLETS.strip()


def _marked(m: re.Match[str]) -> bool:
    """The item heading says it is one ("Punkt 4 Title"), so no list line can be mistaken for it."""
    return bool(m.groupdict().get("marked"))


def _norm_title(title: str) -> str:
    return " ".join(title.lower().split()).rstrip(".")


def parse_text(text: str, source: Path | str = "<text>", encoding: str = "utf-8") -> Meeting:
    """Return the meeting in already-decoded minutes text.

    Example:
        >>> parse_text("REFERAT Chefforum d. 30-03-2023\\n\\nPunkt 1: CF - Eventuelt\\n\\nBeslutning\\n\\n.").items[0].title
        'Eventuelt'
    """
    path = Path(source)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = split_lines(text)
    # A header may fit several systems ("Dato:" heads both "1. Title" and "Punkt 1 Title" pages): the
    # first layout that reads the file is its layout; when none does, the most specific one's error tells.
    errors: list[SeedFormatError] = []
    try:
        layouts = choose_layouts(lines, path)
    except SeedFormatError as error:
        errors.append(error)
        layouts = []
    if reads_as_document(lines, path):
        layouts.append(DOCUMENT_LAYOUT)
    for layout in layouts:
        try:
            meeting = _Reader(text, path, layout).parse()
            break
        except SeedFormatError as error:
            errors.append(error)
    else:
        if is_flattened(text) and (broken := unflattened(text)) != text:
            # A page run into one line ("... Sagsnr.: 13/10057 RESUMÉ Godkendt. BESLUTNING ..."): read it broken
            # where minutes break it. The last resort, so a file any layout reads as it is is never changed.
            try:
                return parse_text(broken, source, encoding)
            except SeedFormatError:
                pass
        raise errors[0]
    if encoding != "utf-8":
        meeting = replace(meeting, encoding=encoding)
    return meeting


def parse_file(path: Path | str) -> Meeting:
    """Return the meeting in one minutes file; raise SeedFormatError naming file and line."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SeedFormatError(path, 1, f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES / 1e6:.0f} MB limit")
        data = path.read_bytes()
    except OSError as error:
        raise SeedFormatError(path, 0, f"cannot read file: {error.strerror or error}") from error
    if sniff(data) == "text":
        text, encoding = decode(data, path)
        return parse_text(text, path, encoding)
    extracted = extract_data(data, path)
    try:
        meeting = parse_text(extracted.text, path)
    except SeedFormatError as error:
        # The line is one of the extracted text, not of the file's bytes: say so, and which page.
        where = f"line {error.line} of the text extracted from this {extracted.kind.upper()}"
        if extracted.pages:
            lines = split_lines(extracted.text)
            line = lines[min(max(error.line, 1), len(lines)) - 1]
            where += f", page {page_at(extracted.pages, line.start)}"
        raise SeedFormatError(path, error.line, f"{error.problem} ({where})") from error
    return replace(meeting, pages=extracted.pages)


@dataclass(frozen=True, slots=True)
class Corpus:
    """What a folder parse yields: the good meetings, and one error per bad file."""

    meetings: tuple[Meeting, ...]
    errors: tuple[SeedFormatError, ...]
    notes: tuple[str, ...] = ()  # e.g. "x.txt: read as cp1252, not UTF-8"


CORPUS_SUFFIXES = {".txt", ".text", ""}


def corpus_files(paths: list[Path] | tuple[Path, ...]) -> list[Path]:
    """Files under the given files and folders, in a stable order; hidden files are skipped."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files.extend(
                f for f in sorted(p.rglob("*")) if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and (f.suffix.lower() in CORPUS_SUFFIXES or looks_like_document(f)) and f.name.lower() != "readme.md"
            )
        else:
            files.append(p)
    return files


def parse_paths(paths: list[Path] | tuple[Path, ...]) -> Corpus:
    """Parse every file; report each bad file and duplicate meeting, and keep going with the good ones."""
    meetings: dict[str, Meeting] = {}
    errors: list[SeedFormatError] = []
    notes: list[str] = []
    files = corpus_files(paths)
    for p in paths:
        if not Path(p).exists():
            errors.append(SeedFormatError(Path(p), 0, "no such file or folder"))
    for f in files:
        if not f.exists():
            continue
        try:
            meeting = parse_file(f)
        except SeedFormatError as error:
            errors.append(error)
            continue
        if meeting.encoding != "utf-8":
            notes.append(f"{f}: read as {meeting.encoding}, not UTF-8")
        if meeting.layout == DOCUMENT_LAYOUT.name:
            notes.append(f"{f}: no layout confirmed its items; read as a document ({len(meeting.items)} items from their numbers or repeated sections)")
        if meeting.meeting_id in meetings:
            other = meetings[meeting.meeting_id].source
            errors.append(
                SeedFormatError(f, meeting.header.line, f"duplicate meeting: {meeting.body} {meeting.date} is already read from {other}; skipped")
            )
            continue
        meetings[meeting.meeting_id] = meeting
    ordered = tuple(sorted(meetings.values(), key=lambda m: (m.date, m.body)))
    return Corpus(ordered, tuple(errors), tuple(notes))
