"""Sentence and list-line spans of minutes text, shared by the chunker and the answerer."""

from __future__ import annotations

import re

from .lexical import STOPWORDS

_LIST_LINE = re.compile(r"^\s*(?:[-•*–]\s+|\d{1,2}[.)]\s+|[a-zæøå][.)]\s+)")
# A sentence ends at . ! ? followed by space and a capital or quote; abbreviations such as
# "mio. kr.", "bl.a.", "d. 3. maj" are followed by a lower-case word or a digit, so they do not split.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»)]?\s+(?=[A-ZÆØÅ\"“«(])")
# "Sdr. Badevej", "hhv. ØU og KB": an address or a reference goes on after these; "80 år gl. Den ..." may end.
_ABBREVIATION_END = re.compile(r"\b(?:jf|ca|kl|nr|pkt|fx|bl\.a|f\.eks|mht|ift|pba|evt|inkl|ekskl|mv|m\.v|dvs|vedr|d|st|tlf|sdr|ndr|hhv|sct|skt|stk|afd|ang|hr)\.$", re.IGNORECASE)
# "1. Der opstilles ..." and "den 3. Maj": a number before the period is a list number or an ordinal.
_NUMBER_END = re.compile(r"(?:^|\s)\d{1,3}\.$")
# "Birgith B. Langballe", "N. J. Ottesen": a name's initial, followed by the rest of the name on the same line.
_INITIAL_END = re.compile(r"(?:^|[\s,(.])[A-ZÆØÅ]\.$")
_FIRST_NAME_INITIAL = re.compile(r"\b[A-ZÆØÅ][a-zæøå]+\s+[A-ZÆØÅ]\.$")
_NEXT_WORD = re.compile(r"[ \t]+([A-ZÆØÅ][a-zæøå\-]+)\b")
_NAME_GOES_ON = re.compile(r"[ \t]+(?:[A-ZÆØÅ]\.|[A-ZÆØÅ][a-zæøå\-]+(?=[ \t]*(?:[,;)]|$|og\b|\()))", re.MULTILINE)
_TERMINAL = (".", "!", "?", ":", ";")
# A header's field starts its own line, though the list of names above it ran long and ended without a stop.
_FIELD_LABEL = re.compile(r"(?:Fraværende|Afbud|Deltagere|Mødedeltagere|Tilstede|Til stede|Fremmødt\w*|Mødested|Bemærkninger|Referent)\b")


def _is_list_line(line: str) -> bool:
    return bool(_LIST_LINE.match(line))


def _is_prose(line: str) -> bool:
    s = line.strip()
    return len(s) > 60 and not _is_list_line(s) and "\t" not in s


def paragraph_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Spans of paragraphs (runs of non-blank lines), with prose broken by a page break joined again.

    A paragraph that ends mid-sentence ("... vil jo også") and is followed by prose that goes on
    ("komme til at levere ...") was cut by a page break in the source; it is one paragraph.
    """
    spans: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        block = m.group(0)
        for line_m in re.finditer(r"[^\n]+", block):
            line = line_m.group(0)
            start = base + m.start() + line_m.start()
            end = start + len(line.rstrip())
            if not line.strip():
                continue
            prev = spans[-1] if spans else None
            if prev is not None:
                prev_text = text[prev[0] - base : prev[1] - base]
                last_line = prev_text.split("\n")[-1]
                same_block = line_m.start() > 0
                continues = not last_line.rstrip().endswith(_TERMINAL) and _is_prose(last_line)
                # A short line wrapped mid-sentence ("2024. Herefter evalueres planen" / "og en ny plan ...")
                # goes on in lower case; a heading or a table row would not.
                wrapped = (
                    same_block
                    and re.search(r"[a-zæøå]$", last_line.rstrip()) is not None  # cut after a word, not after "," or a lead-in
                    and len(last_line.split()) >= 3  # not a heading or a file name
                    and line.strip()[:1].islower()
                    and not re.match(r"(?:og |samt )?at\b", line.strip())  # "at ..." opens a proposal's point
                    and "\t" not in last_line + line
                )
                if not _is_list_line(line) and not _FIELD_LABEL.match(line.strip()) and (
                    (same_block and not _is_list_line(last_line) and (continues or wrapped))
                    or (not same_block and continues and (line.strip()[:1].islower() or _is_prose(line)))
                ):
                    spans[-1] = (prev[0], end)
                    continue
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, end))
    return spans


def _surname_follows(head: str, para: str, at: int) -> bool:
    """"Anne V. Kristensen forlod mødet": a first name, its initial, then a capitalised word that is no sentence's
    first word ("Plan A. På seminaret ..." ends at "A.")."""
    word = _NEXT_WORD.match(para, at)
    return bool(_FIRST_NAME_INITIAL.search(head) and word and word[1].lower() not in STOPWORDS)


def sentence_spans(text: str, base: int = 0) -> list[tuple[int, int]]:
    """Spans of sentences and list lines in `text`, offset by `base`.

    Example:
        >>> t = "Chefforum godkendte. Navnet er Plan A.\\n- punkt et"
        >>> [t[s:e] for s, e in sentence_spans(t)]
        ['Chefforum godkendte.', 'Navnet er Plan A.', '- punkt et']
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text, base):
        para = text[p_start - base : p_end - base]
        cut = 0
        for m in _SENTENCE_END.finditer(para):
            head = para[cut : m.start()].rstrip("\"”») ")
            if _ABBREVIATION_END.search(head) or _NUMBER_END.search(head):
                continue
            if _INITIAL_END.search(head) and (_NAME_GOES_ON.match(para, m.start()) or _surname_follows(head, para, m.start())):
                continue
            spans.append((p_start + cut, p_start + m.start() + len(m.group(0).rstrip())))
            cut = m.end()
        spans.append((p_start + cut, p_end))
    return [(s, e) for s, e in spans if e > s]


def squash(text: str) -> str:
    """Collapse runs of white space (line and page breaks inside a quote) to one space."""
    return " ".join(text.split())


# Function words only one of the two languages has; a question is English when it has more of them.
_ENGLISH = re.compile(r"\b(the|what|which|who|whom|was|were|did|does|how|when|where|is|are|of|about|decided|meeting)\b", re.IGNORECASE)
_DANISH = re.compile(r"\b(og|hvad|hvem|hvilke|hvilken|blev|det|den|til|om|af|på|er|var|hvornår|hvor|med|ikke)\b", re.IGNORECASE)


def is_english(question: str) -> bool:
    return len(_ENGLISH.findall(question)) > len(_DANISH.findall(question))
