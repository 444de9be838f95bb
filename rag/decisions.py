"""The dated decisions of an agenda item: the current one, and the history of committees it passed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import find_date
from .layouts import DECISION, DECISION_LABELS, without_period
from .records import AgendaItem, Section


@dataclass(frozen=True, slots=True)
class Decision:
    section: Section
    body: str  # "Økonomiudvalget" from "Økonomiudvalgets beslutning den 06.03.2019"; "" under a bare "Beslutning"
    day: date | None  # None under a bare "Beslutning": the meeting's own date applies


def decision_of(section: Section) -> Decision:
    """The body and date a decision's printed heading names."""
    for pattern in DECISION_LABELS:
        if section.label and (m := pattern.match(section.label)):
            # "Miljøudvalget 2018-2021" is the meeting's "Miljøudvalget".
            body = without_period(" ".join(m["body"].split()))
            # "BESLUTNING I BYRÅDET", "Beslutning i byrådet": the body as a name is written.
            body = body.capitalize() if body.isupper() else body[:1].upper() + body[1:]
            return Decision(section, body, find_date(m["date"]))
    return Decision(section, "", None)


def decisions(item: AgendaItem, on: date | None = None) -> tuple[Decision, ...]:
    """The item's decisions, oldest first: by their dates when they all have one or the meeting's date `on`
    stands in for a bare "Beslutning" (the meeting's own), else as printed. Stable: two of one day stay as printed.

    Example:
        >>> [(d.body, d.day.isoformat()) for d in decisions(meeting.item(413))]  # doctest: +SKIP
        [('Teknik- og Miljøudvalget', '2019-02-12'), ('Økonomiudvalget', '2019-03-06')]
    """
    found = [decision_of(s) for s in item.section(DECISION)]
    if all(d.day or on for d in found):
        # A portal prints the meeting's own decision first and the case's history under it ("Sagsforløb").
        found.sort(key=lambda d: d.day or on)
    return tuple(found)


def current_decision(item: AgendaItem, on: date | None = None) -> Decision | None:
    """The latest decision on the item; the ones before it are its history. `on`: the meeting's date."""
    found = decisions(item, on)
    return found[-1] if found else None
