"""Minutes flattened to one line per page, as text copied from a PDF viewer or a document site gives them.

"3 1. Godkendelse af dagsorden Åben sag Sagsnr.: 13/10057 Fraværende: Afbud: Jannie Meiltoft RESUMÉ Godkendt.
BESLUTNING I KOMMUNALBESTYRELSEN DEN Godkendt. 2" holds a page number, an item, its case number, its absentees
and two sections, with no line break between them. No layout reads that; broken at the labels and headings
minutes print, it reads as the minutes it was. Only the last resort: a file any layout reads as it is, is read so.
"""

from __future__ import annotations

import re

MIN_FLAT_LINE = 200  # characters: most printed lines are shorter; a page run into one line is longer
FLAT_SHARE = 0.5  # of the text in such lines (tried only on a file no layout reads as it is)

# Labels of a header or a case, printed "Label: value" or "Label value": a line of their own from the label on.
_LABELS = (
    r"Mødedato|Mødetidspunkt|Mødelokale|Mødested|Sluttidspunkt|Medlemmer|Afbud|Fraværende|Deltagere|Bemærkninger|"
    r"Sagsnr\.|Sagsansvarlig|Sagsbeh\.?|Sagen afgøres i|Indholdsfortegnelse"
)
_END = r"(?![\wÆØÅæøå])"  # "Sagsnr.:" ends the label though no word boundary follows its dot
# Section headings, in capitals or not: a line of their own, their text on the next.
_HEADINGS = r"Resumé|Resume|Sagsfremstilling|Indstilling|Beslutningstema|Beslutning|Lovgrundlag|Retsgrundlag|Økonomi|Bilag|Høring|Baggrund"
BREAK_BEFORE = re.compile(
    rf" (?=(?:{_LABELS}){_END}|(?i:{_HEADINGS}):?(?= [A-ZÆØÅ])|(?i:beslutning) (?i:i|fra) |(?:Åben|Lukket) sag\b|\d{{1,3}}\. [A-ZÆØÅ])"
)
ABBREVIATION = re.compile(r"\b\w{1,4}\.$")
# A heading's own line ends after it; a decision's heading after its body and "den" (the date is often lost).
BREAK_AFTER = re.compile(
    rf"(?m)(?:^(?i:beslutning) (?i:i|fra) [\wÆØÅæøå\- ]+? (?i:den)(?: \d{{1,2}}[-./]\d{{1,2}}[-./]\d{{4}})?|^(?:(?i:{_HEADINGS})):?|^(?:Åben|Lukket) sag|^\d{{1,3}})(?= )"
)


def is_flattened(text: str) -> bool:
    """Most of the text stands in lines far longer than any printed line."""
    long = sum(len(line) for line in text.split("\n") if len(line) >= MIN_FLAT_LINE)
    return bool(text) and long >= FLAT_SHARE * len(text)


def unflattened(text: str) -> str:
    """The text with line breaks where the labels and headings of minutes start and where headings end.

    Each break replaces one space, so every character keeps its offset: a citation's span is the same
    in the text as read and as broken.

    Example:
        >>> unflattened("3 1. Godkendelse af dagsorden Åben sag Sagsnr.: 13/10057 RESUMÉ Godkendt.")
        '3\\n1. Godkendelse af dagsorden\\nÅben sag\\nSagsnr.: 13/10057\\nRESUMÉ\\nGodkendt.'
    """
    chars = list(text)
    for m in BREAK_BEFORE.finditer(text):
        if text[m.end()].isdigit() and ABBREVIATION.search(text, 0, m.start()):
            continue  # a street's number after an abbreviation ("Chr. 8. Vej 7"), not an item's
        chars[m.start()] = "\n"
    broken = "".join(chars)
    chars = list(broken)
    for m in BREAK_AFTER.finditer(broken):
        chars[m.end()] = "\n"
    return "".join(chars)
