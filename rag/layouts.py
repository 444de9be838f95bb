"""Layouts of minutes, described as data: how a header names body, date and place, how an item starts,
which headings open sections. The parser in parse.py reads any of them; a new publishing system is a
new `Layout` here, not new branches in the parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    "beslutningspunkter": "Beslutningspunkter",
    "bilag": "Bilag",
    "fraværende": "Fraværende",
    "afbud": "Fraværende",
}
DECISION = "Beslutning"
PROPOSAL = "Indstilling"
ABSENCE = "Fraværende"
HEADER_SECTION = "Mødeoplysninger"

# A case number on its own line: KLE-style "00.01.00-P35-9-22", "EMN-2024-001234", or "Sagsnr.: ..."
CASE_NUMBER = re.compile(
    r"^(?:Sags?nr\.?\s*:?\s*(?P<labelled>\S.*?)|(?P<kle>\d{2}\.\d{2}\.\d{2}-[A-ZÆØÅ\d]\d{2}-\d+-\d{2})|(?P<emn>EMN-\d{4}-\d+))\s*$"
)
# "Kommunaldirektøren indstiller," opens a proposal even when its heading is missing.
PROPOSAL_OPENER = re.compile(r"^\S.{2,120}\bindstiller\b[,:]?(?:\s+at)?\s*$")


@dataclass(frozen=True)
class Layout:
    """How one publishing system writes minutes."""

    name: str
    detect: re.Pattern[str]  # searched in the first lines; the first layout that matches is used
    date: tuple[re.Pattern[str], ...]  # lines holding the meeting date, best first (group 'value')
    item: re.Pattern[str]  # an item heading: groups 'number' and 'title'
    body: re.Pattern[str] | None = None  # group 'body'
    place: re.Pattern[str] | None = None  # group 'value'
    time: re.Pattern[str] | None = None  # group 'value'
    attendees_inline: re.Pattern[str] | None = None  # names on the same line, group 'value'
    attendees_list: re.Pattern[str] | None = None  # a heading followed by one name per line
    absentees_inline: re.Pattern[str] | None = None
    toc: re.Pattern[str] = re.compile(r"^Indholdsfortegnelse\s*:?\s*$", re.IGNORECASE)
    title_prefix: re.Pattern[str] = re.compile(r"^$")  # stripped from titles, e.g. "CF - "
    item_needs_confirmation: bool = False  # "1. Title" also starts list lines, so it must be confirmed
    headings: dict[str, str] = field(default_factory=lambda: dict(SECTION_HEADINGS))


SEED_LAYOUT = Layout(
    name="referat-punkt",
    detect=re.compile(r"^REFERAT\s+\S.*\bd(?:en|\.)?\s+\d{1,2}[-.]\d{1,2}[-.]\d{4}\s*$", re.MULTILINE),
    body=re.compile(r"^REFERAT\s+(?P<body>.+?)\s+d(?:en|\.)?\s+\d{1,2}[-.]\d{1,2}[-.]\d{4}\s*$"),
    date=(
        re.compile(r"^Mødedato\s*:?\s*(?P<value>.+)$"),
        re.compile(r"^REFERAT\s+.+?\s+d(?:en|\.)?\s+(?P<value>\d{1,2}[-.]\d{1,2}[-.]\d{4})\s*$"),
    ),
    place=re.compile(r"^Mødested\s*:?\s*(?P<value>.+)$"),
    time=re.compile(r"^Mødedato\s*:?\s*.*?\bkl\.?\s*(?P<value>\d{1,2}[:.]\d{2})"),
    attendees_inline=re.compile(r"^(?:Mødedeltagere|Deltagere|Tilstede)\s*:?\s+(?P<value>\S.+)$"),
    absentees_inline=re.compile(r"^(?:Fraværende|Afbud)\s*:?\s+(?P<value>\S.+)$"),
    item=re.compile(r"^Punkt\s+(?P<number>\d{1,4})\s*:\s*(?P<title>.*\S)\s*$"),
    title_prefix=re.compile(r"^[A-ZÆØÅ]{1,4}\s+-\s+"),
)

UDVALG_LAYOUT = Layout(
    name="udvalg-nummereret",
    detect=re.compile(r"^(?:Udvalg|Dato)\s*:", re.MULTILINE),
    body=re.compile(r"^Udvalg\s*:\s*(?P<body>\S.*?)\s*$"),
    date=(re.compile(r"^Dato\s*:\s*(?P<value>.+)$"),),
    place=re.compile(r"^Sted\s*:\s*(?P<value>.+)$"),
    time=re.compile(r"^Tid\s*:\s*(?:[Kk]l\.?\s*)?(?P<value>.+)$"),
    attendees_list=re.compile(r"^(?:Indkaldelse|Indkaldte|Medlemmer|Deltagere|Tilstede)\s*:?\s*$"),
    attendees_inline=re.compile(r"^(?:Deltagere|Tilstede)\s*:\s+(?P<value>\S.+)$"),
    absentees_inline=re.compile(r"^(?:Fraværende|Afbud)\s*:\s+(?P<value>\S.+)$"),
    item=re.compile(r"^(?P<number>\d{1,4})\.\s+(?P<title>[A-ZÆØÅ0-9\"'«(].*?\S)\s*$"),
    item_needs_confirmation=True,
)

LAYOUTS: tuple[Layout, ...] = (SEED_LAYOUT, UDVALG_LAYOUT)
