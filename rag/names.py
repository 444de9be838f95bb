"""People in minutes: the names a header or an absence line lists, who of them was absent, who came instead.

The parser reads attendance with these; each reads a string, not a file, so it can be tried on one line.
"""

from __future__ import annotations

import re

from .dates import WORDED_DATE

# A person as lists print them: two to four capitalised words and a party in brackets ("Pia Berg (A)", "Kim E. Jensen (O)").
NAME = r"[A-ZÆØÅ][\w\-.]+(?:\s+[A-ZÆØÅ][\w\-.]+){1,3}(?:\s*\([^)]*\))?"
# A line of names: "Pia Berg (A)", "Hans Jensen (V), Ole Olsen." (two words at least: "Godkendt." is no name).
NAMES_LINE = re.compile(rf"^{NAME}(?:\s*(?:,|og)\s*{NAME})*\.?$")
# "..., Thor Temte og Elmer Jacobsen": a list's last two people.
TWO_NAMES = re.compile(rf"(?P<first>{NAME})\s+og\s+(?P<second>{NAME})")
MAX_NAME_WORDS = 8  # "Britt Jensen (A), sag 129-138" is a name with its note; a dozen words are a sentence
NAME_SENTENCE_END = re.compile(r"(?:(?<=\))|(?<=\w\w))\.\s+(?=[A-ZÆØÅ])")  # after a party or a word, not an initial ("Jan R. Jakobsen")
ABSENT_SAID_AFTER = re.compile(r"\s*[-–]?\s*(?:\b(?:var|er)\s+)?\b(?:fraværende|afbud)\.?$", re.IGNORECASE)
PAGE_MARK = re.compile(r"\s*\bSide\s+\d+$")
# A substitute's line: "Allan Tirsgaard (C) deltog i mødet i stedet for Michael Christensen (C)."
STAND_IN = re.compile(r"^(?P<substitute>.+?)\s+(?:deltog|deltager|mødte)\s+(?:i\s+mødet\s+)?i\s+stedet\s+for\s+(?P<absent>.+?)\.?$", re.IGNORECASE)
# A substitute who came instead, printed among the absent: "suppleant Martin Hillerup deltog", "i stedet deltog Ole Olsen".
SUBSTITUTE_ATTENDED = re.compile(r"^(?:suppleant|stedfortræder|i\s+stedet)\b.*\b(?:deltog|deltager|mødte)\b|\b(?:i\s+stedet\s+)(?:deltog|mødte)\b", re.IGNORECASE)
# What a list of people says of each after the name: "- Deltog", "- Afbud", "- Fraværende".
NAME_STATUS = re.compile(r"\s*[-–]\s*(?:Deltog|Deltager|Til stede|(?P<absent>Afbud|Fraværende|Forfald|Deltog ikke))\s*$", re.IGNORECASE)
LIST_NUMBER = re.compile(r"^\d{1,2}\.\s+(?=[A-ZÆØÅ])")
TRAILING_DATE = re.compile(rf"\s+{WORDED_DATE.pattern}$", re.IGNORECASE)
NOBODY = re.compile(r"(?:ingen(?:\s+(?:fravær|fraværende|afbud))?|[-–—]+)\.?")


def split_names(value: str) -> tuple[str, ...]:
    """Split "A (Direktør), B (Chef), C" on commas outside parentheses."""
    names, depth, current = [], 0, []
    for ch in value:
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth <= 0:
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    # "..., Thor Temte og Elmer Jacobsen": the list's last two people, each a name (and party) of their own.
    if names and (m := TWO_NAMES.fullmatch(names[-1].strip(" .;"))):
        names[-1:] = [m["first"], m["second"]]
    # "Hans Østergaard ()": a party left empty is no part of the name.
    return tuple(n for n in (" ".join(n.replace("()", " ").split()).strip(" -•.") for n in names) if n)


def absent_names(value: str) -> tuple[str, ...]:
    """Who an absence line says was absent: "Allan Tirsgaard (C) deltog i mødet i stedet for Michael Christensen (C)"
    names Michael Christensen; "Anne-Merete Mikkelsen (A). John Larsen deltager i stedet." names Anne-Merete Mikkelsen."""
    names = []
    for name in split_names(value):
        if m := STAND_IN.match(name):
            name = m["absent"]
        elif SUBSTITUTE_ATTENDED.search(name):
            continue  # "Kurt Munck, suppleant Martin Hillerup deltog": the substitute was there
        # The first sentence only ("Betina Sølver fraværende. Mette Tolstrup (A) deltog som stedfortræder ..."), less
        # what it says of the name ("fraværende", "- afbud").
        first = ABSENT_SAID_AFTER.sub("", NAME_SENTENCE_END.split(name)[0].rstrip(". "))
        # "Flemming Madsen (A) og Jørgen Lundsgaard (B)": two people, each with a party.
        names.extend(re.split(r"(?<=\))\s+og\s+(?=[A-ZÆØÅ])", first))
    return tuple(n for n in names if n)


def names_line(line: str) -> bool:
    """A line that lists people ("Pia Berg (A), Ole Olsen.") or says nobody ("Ingen")."""
    return bool(NAMES_LINE.match(line)) or line.strip(" .").lower() in ("ingen", "ingen fravær", "ingen afbud")


def unique_names(names: list[str]) -> tuple[str, ...]:
    """Each person once; "Ingen" or "-" under "Fraværende" names nobody."""
    seen, out = set(), []
    for name in names:
        name = PAGE_MARK.sub("", name)  # "Ingen Side 2": a page's number run into the list
        # "1. Robert Sørensen": a numbered list's mark; "Eike Albrechtsen 25. april 2013": the date run into the list.
        name = LIST_NUMBER.sub("", TRAILING_DATE.sub("", name))
        if not reads_as_a_person(name):
            continue
        key = re.sub(r"[\s.\d]+$", "", name.split("(")[0].strip().lower())  # "Ingen.1.": the next item's number glued on
        if " " not in key and name.rstrip().endswith(".") and key not in ("", "ingen"):
            continue  # one word and a full stop ("Underskrevet."), a sentence, not a name
        # "Ingen Godkendt": nobody, and the decision run into the list, as text copied from a PDF has it.
        if key and key not in seen and not NOBODY.fullmatch(key) and not key.startswith("ingen ") and re.search(r"[^\W\d_]", key):
            seen.add(key)
            out.append(name)
    return tuple(out)


def reads_as_a_person(name: str) -> bool:
    """A name as lists print it, not a field's value or a sentence read as one where labels and values were printed
    in columns ("Fraværende:" over "25. maj 2016", "kl. 18:00") or a list's heading had nothing under it ("Afbud" over
    "Mødet afholdes i lokale 2607"): no figure, no label's colon, not mostly small words (a role may lead:
    "borgmester Jens Jensen"). What follows a bracket or a comma is the party or the role."""
    person = re.split(r"[(,]", name, maxsplit=1)[0].strip()
    words = person.split()
    return not re.search(r"\d", person) and not person.endswith(":") and 2 * sum(w[:1].islower() for w in words) <= len(words)
