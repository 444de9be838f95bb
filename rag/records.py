"""The typed records that pass between referat's steps: parse -> chunk -> index -> retrieve -> answer."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HEADER_ITEM = 0  # "item 0" is the meeting header: date, place, attendees, absentees
UNKNOWN_BODY = "Ukendt udvalg"  # minutes that name no body anywhere the parser looks


@dataclass(frozen=True, slots=True)
class Section:
    """One headed part of an agenda item; `text == meeting.text[start:end]`."""

    heading: str  # canonical name: "Anledning", "Beslutning", ...; "" for text before the first heading
    text: str
    start: int  # character span in the meeting's source text
    end: int
    line: int  # 1-based line of the heading (or of the text when there is no heading)
    label: str = ""  # the heading as printed when it says more: "Økonomiudvalgets beslutning den 06.03.2019"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    number: int  # as printed: "Punkt 6" -> 6, "412. Title" -> 412
    title: str  # from the item heading, without the "CF - " prefix
    case_number: str  # "" when the item has none
    sections: tuple[Section, ...]
    start: int  # span of the whole item, heading included
    end: int
    line: int
    duration: str = ""  # "15 min." when the agenda gives the item a time slot

    def section(self, heading: str) -> tuple[Section, ...]:
        """All sections with this heading, in document order (a heading may repeat)."""
        return tuple(s for s in self.sections if s.heading == heading)


@dataclass(frozen=True, slots=True)
class Meeting:
    meeting_id: str  # "<body-slug>-<yyyy-mm-dd>", unique in a corpus
    body: str  # "Chefforum", "Miljø- og Byudvalg"
    date: date
    source: Path
    text: str  # the decoded source text (newlines normalised to "\n"); every span points into it
    header: Section  # the meeting header, indexed and cited as item 0
    items: tuple[AgendaItem, ...]
    place: str = ""
    time: str = ""
    attendees: tuple[str, ...] = ()
    absentees: tuple[str, ...] = ()
    layout: str = ""
    encoding: str = "utf-8"
    has_decisions: bool = True  # False for an agenda (dagsorden): no decision of its own, undated or of its day
    pages: tuple[int, ...] = ()  # PDF source: offset in `text` where each page starts; () otherwise

    def item(self, number: int) -> AgendaItem | None:
        return next((i for i in self.items if i.number == number), None)


@dataclass(frozen=True, slots=True)
class Chunk:
    chunk_id: str  # "<meeting_id>/<item_number>/<n>", stable across rebuilds
    meeting_id: str
    body: str
    meeting_date: str  # ISO date; a string so chunks.jsonl stays plain JSON
    item_number: int  # 0 is the meeting header
    item_title: str
    case_number: str
    section: str  # "Beslutning", "Indstilling", ...; "Mødeoplysninger" for the header
    start: int  # character span of the chunk in its meeting's source text
    end: int
    text: str  # exactly source_text[start:end]
    embed_text: str  # text with its context prefix, what the model sees
    n_tokens: int  # of embed_text, counted with tiktoken (Config.encoding)
    source: str


@dataclass(frozen=True, slots=True)
class Hit:
    chunk: Chunk
    score: float  # fused score; higher is better
    rank: int  # 1-based
    dense: float = 0.0  # cosine of the chunk to the question (0 when the dense ranker did not see it)
    row: int = -1  # the chunk's row in the vector index, for its vector


@dataclass(frozen=True, slots=True)
class Citation:
    chunk_id: str
    body: str
    meeting_id: str
    meeting_date: str
    item: int
    title: str
    section: str
    start: int  # span in the meeting's source text: quote == meeting.text[start:end]
    end: int
    quote: str
    url: str
    page: int | None = None  # page of a PDF source where the quote starts (rag.records.page_of)
    # A decision printed with its body and date ("Magistraten, 02-09-2025" in an agenda's case history) was not
    # necessarily made at the cited meeting: whose it was, and when.
    decided_by: str = ""
    decided_on: str = ""  # ISO date; both empty under a bare "Beslutning": the cited meeting's own


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    found: bool
    text: str
    citations: tuple[Citation, ...]
    hits: tuple[Hit, ...]
    note: str = ""  # why nothing was found, or which filter applied
    filters: dict = field(default_factory=dict)


def page_of(meeting: Meeting, offset: int) -> int | None:
    """The 1-based PDF page that holds `meeting.text[offset]`; None when the source is not a PDF.

    Example:
        >>> page_of(meeting, meeting.item(2).start)  # doctest: +SKIP
        1
    """
    return page_at(meeting.pages, offset) if meeting.pages else None


def page_at(pages: tuple[int, ...], offset: int) -> int:
    """The 1-based page of `offset`, given where each page starts (the first at 0)."""
    return max(1, bisect_right(pages, offset))
