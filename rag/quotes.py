"""A quote of the minutes: one sentence or list line of a section, with where it stands.

The answer step and the meeting facts both quote; neither writes text of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .layouts import ABSENCE, DECISION, HEADER_SECTION, SUBHEADING, UNHEADED
from .records import HEADER_ITEM, AgendaItem, Meeting, Section
from .text import sentence_spans

ATTACHMENTS = "Bilag"
HISTORY = "; tidligere behandling"
NAME_WORDS = re.compile(r"[A-ZÆØÅ][\w\-.]+(?:\s+[A-ZÆØÅ][\w\-.]+)+")  # "Anna Jensen": every word capitalised


@dataclass(frozen=True, slots=True)
class Quote:
    meeting: Meeting
    item_number: int
    title: str
    section: str
    start: int
    end: int
    score: float
    label: str = ""  # the printed heading when it says more than the section name ("Økonomiudvalgets beslutning den 06.03.2019")
    history: bool = False  # an earlier decision of an item decided again later

    @property
    def shown_label(self) -> str:
        return (self.label or self.section) + (HISTORY if self.history else "")

    @property
    def text(self) -> str:
        return self.meeting.text[self.start : self.end]


def worded_spans(meeting: Meeting, section: Section) -> list[tuple[int, int]]:
    """The section's sentences and list lines that hold a word or number (not a lone "." or "-"), less the
    sub-headings inside it ("Borgmesterens Afdelings påtegning"): they say what follows, not what was decided."""
    spans = [(s, e) for s, e in sentence_spans(section.text, section.start) if any(ch.isalnum() for ch in meeting.text[s:e]) and not _file_names(meeting.text[s:e])]
    spans = _with_labelled_figures(meeting.text, spans)
    if section.heading in (ATTACHMENTS, DECISION, ABSENCE) or len(spans) < 2:
        return spans  # attachment titles, names and a bare "Godkendt" are short lines without a full stop, and the content
    texts = [meeting.text[s:e] for s, e in spans]
    # A heading has text under it; a line a lead-in announces ("udpeges:"), or a later point of the list it announces
    # (points end in no full stop: "med fokus på:" / "Væsentlige ændringer ..." / "Forventet realisering af anlægsbudget"),
    # or a name ("Anna Jensen") is content.
    announced = [False] * len(texts)
    for k in range(1, len(texts)):
        announced[k] = texts[k - 1].rstrip().endswith(":") or (announced[k - 1] and not texts[k - 1].rstrip().endswith("."))
    # A point that ends its list has a blank line under it; a heading has its text right under it.
    ends_a_list = [announced[k] and k + 1 < len(spans) and "\n\n" in meeting.text[spans[k][1] : spans[k + 1][0]] for k in range(len(spans))]
    return [
        span for k, span in enumerate(spans)
        if not (SUBHEADING.fullmatch(texts[k]) and k + 1 < len(spans) and not (k and texts[k - 1].rstrip().endswith(":")) and not ends_a_list[k] and not NAME_WORDS.fullmatch(texts[k]))
    ]


# A page's links to its attachments: "application/pdf icon bilag_2_-_miljoevurdering_af_kommuneplan_2021-33_0.pdf".
FILE_NAME = re.compile(r"\S*\.(?:pdf|docx?|xlsx?|pptx?)\b\S*|application/\w+|\bicon\b|https?://\S+|\S+_\S+", re.IGNORECASE)
MIN_WORDS_BESIDE_FILES = 3


def _file_names(text: str) -> bool:
    """The line is a list of file names or links, with hardly a word beside them: nothing to quote."""
    return bool(FILE_NAME.search(text)) and len(FILE_NAME.sub(" ", text).split()) < MIN_WORDS_BESIDE_FILES


FIGURE_ALONE = re.compile(r"[-–]?\s*\d[\d.,]*\s*(?:%|pct\.?|kr\.?|mio\.?(?:\s*kr\.?)?|mia\.?(?:\s*kr\.?)?)?")
MAX_LABEL_WORDS = 8


def _with_labelled_figures(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A table flattened to one cell per line: a label ("Udgifter i alt") over its figure ("4.328.302,47"). The
    figure alone says nothing and the label alone reads as a sub-heading; quoted together they answer "hvad kostede"."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and FIGURE_ALONE.fullmatch(text[s:e].strip()):
            ps, pe = out[-1]
            label = text[ps:pe].strip()
            if label and not label.endswith((".", ":", ";")) and not FIGURE_ALONE.fullmatch(label) and len(label.split()) <= MAX_LABEL_WORDS:
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def section_quotes(meeting: Meeting, item: AgendaItem, section: Section) -> list[Quote]:
    """Every worded sentence of one section, unscored."""
    heading = section.heading or UNHEADED
    label = section.label if heading == DECISION else ""
    return [Quote(meeting, item.number, item.title, heading, s, e, 1.0, label) for s, e in worded_spans(meeting, section)]


def header_quote(meeting: Meeting, start: int, end: int) -> Quote:
    """A quote of the meeting header, cited as item 0."""
    return Quote(meeting, HEADER_ITEM, "Mødeoplysninger", HEADER_SECTION, start, end, 1.0)
