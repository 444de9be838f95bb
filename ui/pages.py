"""Item pages: one agenda item of one meeting as a plain, self-contained HTML page.

Every piece of text that comes from the minutes goes through `html.escape`; the only markup on a
page is written here. Quoted spans are highlighted from `?hl=<start>-<end>` (the fragment
`#q-<start>-<end>` never reaches the server; an inline script turns a bare fragment into `hl`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from rag.index import Index
from rag.layouts import ROUTINE_TITLE
from rag.records import HEADER_ITEM, AgendaItem, Meeting, Section, page_of

MEETING_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,120}")
ITEM_NUMBER = re.compile(r"\d{1,6}")
HL = re.compile(r"(\d{1,10})-(\d{1,10})")
# Standing items that come back at every meeting under one case number.
RELATED_BY_MEANING = 3

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


def e(text: object) -> str:
    """HTML-escape anything that comes from the minutes or the user."""
    return html.escape(str(text), quote=True)


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with "…" when longer than limit (before escaping, so no entity is cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit]
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,.;:-") + " …"


def long_date(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]} d. {d.day}. {MONTHS[d.month - 1]} {d.year}"


def short_date(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def item_href(
    meeting_id: str, number: int, base: str = "", span: tuple[int, int] | None = None, also: list[tuple[int, int]] = ()
) -> str:
    """Link to an item page; with a span, the page highlights it (and the `also` spans) and scrolls to it."""
    if span is None:
        return f"{base}/item/{meeting_id}/{number}"
    s, t = span
    extra = "".join(f"&hl={a}-{b}" for a, b in also if (a, b) != span)
    return f"{base}/item/{meeting_id}/{number}?hl={s}-{t}{extra}#q-{s}-{t}"


def is_routine(item: AgendaItem) -> bool:
    return bool(ROUTINE_TITLE.search(item.title.strip()))  # the rule is domain data, in rag/layouts.py


@dataclass(frozen=True)
class Related:
    meeting: Meeting
    item: AgendaItem
    same_case: bool
    similarity: float | None


class Catalog:
    """What item pages need from the loaded index: meetings, routine case numbers and item vectors.

    Item vectors (`rag.index.ItemVectors`) are shared with the answerer: a dot product is a cosine.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self.meetings = index.meetings
        self.routine_cases = self._routine_cases()
        self.items = index.item_vectors

    def _routine_cases(self) -> frozenset[str]:
        routine: set[str] = set()
        for m in self.meetings.values():
            seen: set[str] = set()
            for item in m.items:
                if not item.case_number:
                    continue
                # A case number used by a standing item, or twice in one meeting, is a routine number.
                if is_routine(item) or item.case_number in seen:
                    routine.add(item.case_number)
                seen.add(item.case_number)
        return frozenset(routine)

    def find(self, meeting_id: str, number: str) -> tuple[Meeting, int] | None:
        """The meeting and item number named by a URL, or None for anything unknown or path-like."""
        if not MEETING_ID.fullmatch(meeting_id or "") or not ITEM_NUMBER.fullmatch(number or ""):
            return None
        meeting = self.meetings.get(meeting_id)
        if meeting is None:
            return None
        n = int(number)
        if n != HEADER_ITEM and meeting.item(n) is None:
            return None
        return meeting, n

    def related(self, meeting: Meeting, item: AgendaItem) -> list[Related]:
        """Items of other meetings about the same matter: same case number, or nearest by meaning. Newest first."""
        found: dict[tuple[str, int], Related] = {}
        if item.case_number and item.case_number not in self.routine_cases and not is_routine(item):
            for other in self.meetings.values():
                if other.meeting_id == meeting.meeting_id:
                    continue
                for it in other.items:
                    if it.case_number == item.case_number and not is_routine(it):
                        found[(other.meeting_id, it.number)] = Related(other, it, True, None)
        row = self.items.row_of.get((meeting.meeting_id, item.number))
        if row is not None and len(self.items.keys) > 1:
            scores = self.items.matrix @ self.items.matrix[row]
            taken = 0
            for i in np.argsort(-scores, kind="stable"):
                mid, number = self.items.keys[int(i)]
                if mid == meeting.meeting_id:  # item vectors hold no meeting headers
                    continue
                other = self.meetings.get(mid)
                it = other.item(number) if other else None
                if it is None:
                    continue
                key = (mid, number)
                if key in found:
                    found[key] = Related(other, it, True, float(scores[i]))
                else:
                    found[key] = Related(other, it, False, float(scores[i]))
                taken += 1
                if taken >= RELATED_BY_MEANING:
                    break
        return sorted(found.values(), key=lambda r: (r.meeting.date, -r.item.number), reverse=True)


def parse_highlights(values: list[str], lo: int, hi: int) -> list[tuple[int, int]]:
    """`hl` values that are two ints `start-end` inside [lo, hi]; anything else is ignored."""
    spans = []
    for v in values[:20]:
        m = HL.fullmatch(v.strip())
        if not m:
            continue
        s, t = int(m.group(1)), int(m.group(2))
        if lo <= s < t <= hi and (s, t) not in spans:
            spans.append((s, t))
    return spans


def render_text(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    """text[start:end] (absolute offsets) escaped, with every mark span inside it wrapped in <mark>.

    The first piece of each span carries id="q-<start>-<end>" so `#q-..` fragments land on it.
    Leading and trailing blank lines are trimmed unless a mark reaches into them.
    """
    inside = [(max(s, start), min(t, end), s, t) for s, t in marks if s < end and t > start]
    lo, hi = start, end
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    for a, b, _, _ in inside:
        lo, hi = min(lo, a), max(hi, b)
    cuts = sorted({lo, hi} | {a for a, *_ in inside} | {b for _, b, *_ in inside})
    cuts = [c for c in cuts if lo <= c <= hi]
    out = []
    ided: set[tuple[int, int]] = set()
    for a, b in zip(cuts, cuts[1:]):
        piece = e(text[a:b])
        covering = [(s, t) for ca, cb, s, t in inside if ca <= a and b <= cb]
        if not covering:
            out.append(piece)
            continue
        ids = [st for st in covering if st not in ided]
        ided.update(ids)
        anchors = "".join(f'<span id="q-{s}-{t}"></span>' for s, t in ids[1:])
        id_attr = f' id="q-{ids[0][0]}-{ids[0][1]}"' if ids else ""
        out.append(f"{anchors}<mark{id_attr}>{piece}</mark>")
    return "".join(out)


STYLE = """
:root { color-scheme: light; --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --accent: #1d4ed8; --mark: #fde68a; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f9fafb; }
a { color: var(--accent); }
.top { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: .6rem 1.2rem; display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.top .brand { font-weight: 700; text-decoration: none; color: var(--ink); }
.top .pager { margin-left: auto; display: flex; gap: .8rem; }
.wrap { max-width: 62rem; margin: 0 auto; padding: 1rem 1.2rem 4rem; display: grid; grid-template-columns: minmax(0, 1fr) 16rem; gap: 1.5rem; }
@media (max-width: 52rem) { .wrap { grid-template-columns: minmax(0, 1fr); } }
main, aside > section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.3rem; }
aside { position: sticky; top: 3.6rem; align-self: start; max-height: calc(100vh - 4.6rem); overflow-y: auto; }
aside > section { margin-bottom: 1rem; font-size: .92rem; }
@media (max-width: 52rem) { aside { position: static; max-height: none; } }
.meeting { color: var(--muted); font-size: .95rem; border-bottom: 1px solid var(--line); padding-bottom: .7rem; margin-bottom: .8rem; }
.meeting .body { font-size: 1.05rem; color: var(--ink); font-weight: 600; }
.meeting dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .4rem 0 0; }
.meeting dt { font-weight: 600; }
.meeting dd { margin: 0; }
h1 { font-size: 1.45rem; line-height: 1.3; margin: .2rem 0 .3rem; }
.case { color: var(--muted); font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .9rem; margin-bottom: .6rem; }
h2 { font-size: 1.1rem; margin: 1.3rem 0 .3rem; }
h3 { font-size: .95rem; margin: 0 0 .5rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.part { margin: 1.1rem 0; }
h3 a.page { text-transform: none; letter-spacing: 0; font-weight: 400; margin-left: .5rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: var(--mark); padding: .05em .1em; border-radius: 3px; scroll-margin: 30vh; }
.where { color: var(--muted); }
mark:target, mark.current { outline: 2px solid #f59e0b; }
ol.items { padding-left: 1.4rem; margin: .3rem 0; }
ol.items li { margin: .15rem 0; }
ol.items li.here { font-weight: 700; }
ul.related { list-style: none; padding: 0; margin: .3rem 0; }
ul.related li { margin: .45rem 0; }
.why { color: var(--muted); font-size: .82rem; display: block; }
.empty { color: var(--muted); font-style: italic; }
"""

SCRIPT = """
(function () {
  var m = /^#q-(\\d+)-(\\d+)$/.exec(location.hash);
  var target = m && document.getElementById(location.hash.slice(1));
  if (m && !target && !/[?&]hl=/.test(location.search)) {
    location.replace(location.pathname + "?hl=" + m[1] + "-" + m[2] + location.hash);
    return;
  }
  target = target || document.querySelector("mark");
  if (target) { target.classList.add("current"); target.scrollIntoView({block: "center"}); }
})();
"""


def page(title: str, body: str, status_note: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="da"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>{body}"
        f"<script>{SCRIPT}</script></body></html>"
    )


def not_found_page(base: str = "") -> str:
    body = (
        f'<div class="top"><a class="brand" href="{base}/">referat</a></div>'
        '<div class="wrap"><main><h1>Siden findes ikke</h1>'
        "<p>Der er intet møde eller punkt med den adresse i indekset.</p>"
        f'<p><a href="{base}/">Tilbage til spørgsmålene</a></p></main></div>'
    )
    return page("Siden findes ikke", body)


def _people(names: tuple[str, ...]) -> str:
    return ", ".join(e(n) for n in names)


def meeting_header(meeting: Meeting) -> str:
    rows = [("Dato", e(long_date(meeting.date)))]
    if meeting.time:
        rows.append(("Tid", "kl. " + e(meeting.time)))
    if meeting.place:
        rows.append(("Sted", e(meeting.place)))
    if meeting.attendees:
        rows.append(("Deltagere", _people(meeting.attendees)))
    if meeting.absentees:
        rows.append(("Fraværende", _people(meeting.absentees)))
    if not meeting.has_decisions:
        rows.append(("Status", "Dagsorden: ingen beslutninger registreret"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<div class="meeting"><div class="body">{e(meeting.body)} {e(short_date(meeting.date))}</div><dl>{dl}</dl></div>'


def source_href(meeting_id: str, page: int, base: str = "") -> str:
    """Link to the original PDF, opened at a page (served from the index's corpus by the app)."""
    return f"{base}/source/{meeting_id}#page={page}"


def _section(meeting: Meeting, section: Section, marks: list[tuple[int, int]], heading: str | None = None, base: str = "") -> str:
    head = heading if heading is not None else (section.label or section.heading)
    page = page_of(meeting, section.start)
    side = f' <a class="page" href="{source_href(meeting.meeting_id, page, base)}">Side {page}</a>' if page else ""
    h = f"<h3>{e(head)}{side}</h3>" if head or side else ""
    text = render_text(meeting.text, section.start, section.end, marks)
    return f'<section class="part">{h}<div class="text">{text}</div></section>'


def _label(meeting: Meeting, number: int) -> str:
    if number == HEADER_ITEM:
        return "Mødeoplysninger"
    item = meeting.item(number)
    return f"Punkt {number}: {item.title}" if item else f"Punkt {number}"


def item_page(catalog: Catalog, meeting: Meeting, number: int, hl: list[str], base: str = "") -> str:
    """The whole page of one item (or of the meeting header for item 0)."""
    if number == HEADER_ITEM:
        lo, hi = meeting.header.start, meeting.header.end
    else:
        item = meeting.item(number)
        lo, hi = item.start, item.end
    marks = parse_highlights(hl, lo, hi)
    order = [HEADER_ITEM] + [i.number for i in meeting.items]
    pos = order.index(number)
    prev_n = order[pos - 1] if pos > 0 else None
    next_n = order[pos + 1] if pos + 1 < len(order) else None
    mid = meeting.meeting_id

    pager = []
    if prev_n is not None:
        pager.append(f'<a rel="prev" href="{item_href(mid, prev_n, base)}">← {e(shorten(_label(meeting, prev_n), 60))}</a>')
    if next_n is not None:
        pager.append(f'<a rel="next" href="{item_href(mid, next_n, base)}">{e(shorten(_label(meeting, next_n), 60))} →</a>')
    top = (
        f'<nav class="top"><a class="brand" href="{base}/">referat</a>'
        f'<a href="{item_href(mid, HEADER_ITEM, base)}" class="where">{e(meeting.body)} {e(short_date(meeting.date))}</a>'
        f'<strong>{"Mødeoplysninger" if number == HEADER_ITEM else f"Punkt {number}"}</strong>'
        f'<span class="pager">{"".join(pager)}</span></nav>'
    )

    parts = [meeting_header(meeting)]
    if number == HEADER_ITEM:
        title = f"{meeting.body} {short_date(meeting.date)}: Mødeoplysninger"
        parts.append("<h1>Mødeoplysninger</h1>")
        parts.append(_section(meeting, meeting.header, marks, heading=""))
        agenda = "".join(
            f'<li value="{i.number}"><a href="{item_href(mid, i.number, base)}">{e(i.title)}</a></li>' for i in meeting.items
        )
        parts.append(f'<h2>Dagsorden</h2><ol class="items">{agenda}</ol>' if agenda else '<p class="empty">Mødet har ingen punkter.</p>')
        related_html = ""
    else:
        title = f"Punkt {item.number}: {item.title} ({meeting.body} {short_date(meeting.date)})"
        parts.append(f"<h1>Punkt {item.number}: {e(item.title)}</h1>")
        meta = []
        if item.case_number:
            meta.append(f"Sagsnr. {e(item.case_number)}")
        if item.duration:
            meta.append(e(item.duration))
        if meta:
            parts.append(f'<div class="case">{" · ".join(meta)}</div>')
        if item.sections:
            parts.extend(_section(meeting, s, marks, base=base) for s in item.sections)
        else:
            parts.append('<p class="empty">Punktet har ingen tekst.</p>')
        related_html = _related_html(catalog.related(meeting, item), base)

    items_list = "".join(
        f'<li value="{n}"{" class=here" if n == number else ""}><a href="{item_href(mid, n, base)}"'
        f'{" aria-current=page" if n == number else ""}>{e(_label(meeting, n) if n == HEADER_ITEM else meeting.item(n).title)}</a></li>'
        for n in order
    )
    aside = f'<aside><section><strong>Mødets punkter</strong><ol class="items" start="0">{items_list}</ol></section>{related_html}</aside>'
    body = f'{top}<div class="wrap"><main>{"".join(parts)}</main>{aside}</div>'
    return page(title, body)


def _related_html(related: list[Related], base: str) -> str:
    if not related:
        inner = '<p class="empty">Ingen punkter i andre møder.</p>'
    else:
        rows = []
        for r in related:
            why = []
            if r.same_case:
                why.append("samme sagsnummer")
            if r.similarity is not None:
                why.append(f"lignende indhold ({r.similarity:.2f})")
            rows.append(
                f'<li><a href="{item_href(r.meeting.meeting_id, r.item.number, base)}">'
                f"{e(r.meeting.body)} {e(short_date(r.meeting.date))}, Punkt {r.item.number}: {e(r.item.title)}</a>"
                f'<span class="why">{", ".join(why)}</span></li>'
            )
        inner = f'<ul class="related">{"".join(rows)}</ul>'
    return f'<section class="related-items"><strong>Samme sag i andre møder</strong>{inner}</section>'
