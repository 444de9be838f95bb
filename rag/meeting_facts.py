"""Facts of a meeting itself (who was there or absent, where and when it was held), quoted from its header,
its absence sections or the sentences that say someone was absent; cited as item 0 or as the item that says it."""

from __future__ import annotations

import re

from .layouts import ABSENCE, DECISION, HEADER_LABEL, HEADER_LINE, LABEL_ALONE, MEMBER
from .names import reads_as_a_person
from .quotes import NAME_WORDS, Quote, header_quote, section_quotes
from .records import HEADER_ITEM, Meeting
from .text import sentence_spans
from .topic import BODYS_MEETING_STEM

LIST_BULLETS = ("-", "•", "*", "–")
ABSENT_WORDS = re.compile(r"\b(fravær\w*|afbud|forfald\w*|absent\w*|missing|ikke til stede|deltog ikke|hvem\s+mangled?e)\b", re.IGNORECASE)
# An agenda item that is the absence list ("1. Fraværende", "Afbud og stedfortrædere"), not "Fraværsstatistik".
ABSENCE_TITLE = re.compile(r"^(?:Fraværende|Afbud|Forfald)\b", re.IGNORECASE)
# A sentence that says someone was absent, not one about absence ("Fraværet i Team Nord er faldet").
ABSENCE_SAID = re.compile(
    r"\b(?:var|er|blev)\s+fraværende\b|\bfravær(?:ende)?(?:\s+(?:med|uden|og)\s+\w+)*\s*:|\bhavde\s+(?:forfald|afbud)\b|\bmeldt(?:e)?\s+(?:afbud|forfald)\b"
    r"|\bafbud\s+fra\b|\bmødte\s+for\b|\bdeltog\s+ikke\b|\bikke\s+til\s+stede\b",
    re.IGNORECASE,
)
NOBODY_ABSENT = re.compile(r"\b(?:ingen|intet)\s+(?:afbud|fravær\w*|forfald)\b|\balle\s+(?:\w+\s+)?(?:var\s+)?(?:mødt|til\s+stede)\b", re.IGNORECASE)  # "Alle medlemmer var mødt."
LABEL_REST = re.compile(r"\s*(?:/\s*(?:fraværende|afbud))?\s*(?:med afbud|med forfald)?\s*:?\s*", re.IGNORECASE)  # "AFBUD/FRAVÆRENDE"
# A meeting fact: the words that ask for it, and the header labels that give it. Absence is asked first:
# "hvem var fraværende" is answered by "Fraværende: ...", and only failing that by who was there.
PLACE_LABELS = r"Mødested|Sted|Lokale|Mødelokale"
TIME_LABELS = r"Mødedato|Dato|Mødedag|Tidspunkt|Mødetidspunkt|Starttidspunkt|Sluttidspunkt|Tid"
# When the meeting ended: "Hvornår sluttede udvalgets møde?" is answered by "Mødet hævet kl. 19:40.", never by its start.
ENDED_WORDS = re.compile(r"\bmødet\s+(?:blev\s+)?hævet\b|\bsluttidspunkt\w*\b|\bslutted?e\b(?=.*mød)|\b\w*mødet\s+slut\w*|\bmeeting\s+end(?:ed)?\b|\bend(?:ed)?\b(?=.*\bmeeting)", re.IGNORECASE)
# The hours printed as a span under a time label: "Tid: 9.00-10.00", "Mødetidspunkt: 17:00 - 19:30".
TIMED_SPAN = re.compile(rf"(?:{TIME_LABELS})\b.*\d{{1,2}}[.:]\d{{2}}\s*[-–]\s*\d{{1,2}}[.:]\d{{2}}", re.IGNORECASE)
STARTED_WORDS = re.compile(r"\b(?:startede|begyndte|start\w*|begynd\w*|began|started)\b", re.IGNORECASE)
ENDED_LABELS = r"Sluttidspunkt|Mødet hævet|Mødet sluttede|Mødet slut|Mødet afsluttet"
# "Mødet hævet kl. 19:40.", "Mødet begyndte kl. 15.00 og sluttede kl. 19.11." (Københavns Kommune).
ENDED_SAID = re.compile(r"\bMødet\s+(?:blev\s+)?(?:hævet|sluttede|afsluttet)\b|\bMødet\s+(?:begyndte|startede)\b.{0,40}?\bog\s+(?:sluttede|blev\s+hævet)\b", re.IGNORECASE)
# How or where a meeting was held, said in a sentence: "Mødet afholdes virtuelt.", "Mødet blev holdt på Teams".
HELD_SAID = re.compile(
    r"\bmødet\s+(?:blev\s+|bliver\s+|er\s+)?(?:af)?hold(?:es|t)\s+(?:som\s+)?(?:virtuelt|digitalt|online|fysisk|videomøde|telefonmøde|(?:på|via|over)\s+(?:Teams|Skype|Zoom|video)\w*)",
    re.IGNORECASE,
)
# Who came instead of whom: asked ("Hvem deltog som stedfortræder for Ergin Øzer?"), and said in a line or sentence
# ("Frederik Ingemann (A) Stedfortræder for Ergin Øzer (A)", "Ole Olsen deltog i stedet for Pia Berg").
SUBSTITUTE_ASKED = re.compile(r"\b(?:stedfortræder\w*|suppleant\w*|i\s+stedet\s+for|substitut\w*|stand-?in|replac\w*|instead\s+of)\b", re.IGNORECASE)
SUBSTITUTE_SAID = re.compile(r"\b(?:stedfortræder|suppleant)\s+for\b|\bi\s+stedet\s+for\b|\bindkaldt\s+for\b|\bmødte\s+for\b", re.IGNORECASE)
MEETING_FACTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (ABSENT_WORDS, r"Fraværende|Afbud|Ikke til stede"),
    (ENDED_WORDS, ENDED_LABELS),
    (
        re.compile(r"\b(hvem|deltog|deltager\w*|mødedeltager\w*|tilstede|til stede|med på|var med|fravær\w*|afbud|who|attend\w*|present|participant\w*|absent\w*|missing)", re.IGNORECASE),
        r"Mødedeltagere|Deltagere|Tilstede|Til stede|Medlemmer|Indkaldelse|Indkaldte|Fremmødt\w*|Bestyrelsen(?=\s*:)|Fraværende|Afbud|Ikke til stede",
    ),
    # "Hvor mange", "hvor meget": a number, not a place.
    (re.compile(r"\b(hvor\b(?!\s+(?:mange|meget|længe|ofte|tit|stor|store|langt|højt|lang|høj|dyr|dyrt|gammel|gamle)\b)|hvordan\b(?=.*\b(?:af)?hold(?:t|es)\b)|mødested|(?:møde)?lokale\w*|sted\b|where|venue|room|place)", re.IGNORECASE), PLACE_LABELS),
    (re.compile(r"\b(hvornår|tidspunkt|klokken|begyndte|startede|ugedag|dato|when|time|what day|start\w*)", re.IGNORECASE), TIME_LABELS),
)
SHORT_VALUE_WORDS = 8  # a place or a time under its label, not a paragraph
PEOPLE_LABEL = re.compile(rf"(?:{MEETING_FACTS[0][1]}|{MEETING_FACTS[2][1]})\b", re.IGNORECASE)  # over names, one a line
TOWN_BODY = re.compile(r"^(?P<town>[A-ZÆØÅ][\w\-]+(?:\s+[A-ZÆØÅ][\w\-]+)?)\s+(?:Byråd|Kommunalbestyrelse|Kommune)\w*$")
# Words that ask of the meeting itself: who was absent, where and when it was held, "byrådsmødet".
MEETING_FACT_STEM = re.compile(
    r"^(?:fravær\w*|afbud|deltog|deltag\w*|tilsted\w*|sted(?:et)?|hold|holdt|afhold\w*|lokal(?:e|er|et)?|tidspunkt\w*|klokk\w*|begynd\w*|"
    r"start(?:ed|er|et)?|slut\w*|hæv\w*|absent\w*|attend\w*|held|venu\w*|room|place|mød(?:es|elokal\w*|ested\w*|edato\w*|etid\w*|edeltag\w*|edag\w*)|"
    rf"{BODYS_MEETING_STEM.pattern})$"
)


def asks_of_the_meeting(stem: str) -> bool:
    return bool(MEETING_FACT_STEM.match(stem))


def meeting_facts(meeting: Meeting, question: str, most: int) -> list[tuple[tuple[str, int], list[Quote]]]:
    """Attendance and place are meeting-level facts: quote the header (item 0) or the Fraværende lines;
    `most` sentences at the most where absence is written as prose."""
    if ABSENT_WORDS.search(question):
        seen, quotes = set(), []
        for item in meeting.items:
            for sec in item.section(ABSENCE):
                names = frozenset(n.split("(")[0].strip().lower() for n in sec.text.replace("\n", " ").split(","))
                if names not in seen:
                    seen.add(names)
                    quotes.append((item.number, Quote(meeting, item.number, item.title, ABSENCE, sec.start, sec.end, 1.0)))
        if not quotes:
            # Some councils make absence an agenda item ("1. Fraværende", "Afbud"): its text names them.
            for item in meeting.items:
                if ABSENCE_TITLE.match(item.title):
                    decided = item.section(DECISION)
                    said = [q for sec in decided or item.sections for q in section_quotes(meeting, item, sec)]
                    quotes += [(item.number, q) for q in said[: most]]
                    break
        if quotes:
            return _by_item(meeting, quotes)
    if SUBSTITUTE_ASKED.search(question) and (said := _sentences_saying(meeting, SUBSTITUTE_SAID, most, named=True)):
        return _by_item(meeting, said)  # the member list says who was there, not who came for whom
    wanted = header_facts(meeting, question)
    if not wanted and ABSENT_WORDS.search(question) and (said := _sentences_saying(meeting, ABSENCE_SAID, most, named=True)):
        return _by_item(meeting, said)
    if not wanted and ABSENT_WORDS.search(question) and (said := _sentences_saying(meeting, NOBODY_ABSENT, 1)):
        return _by_item(meeting, said)  # "Der var ingen afbud til dagens møde.": the answer is nobody
    if not wanted and ENDED_WORDS.search(question) and (said := _sentences_saying(meeting, ENDED_SAID, most)):
        return _by_item(meeting, said)
    if not wanted and MEETING_FACTS[3][0].search(question) and (said := _sentences_saying(meeting, HELD_SAID, most)):
        return _by_item(meeting, said)  # "Hvordan/hvor blev mødet holdt?": "Mødet afholdes virtuelt."
    return [((meeting.meeting_id, HEADER_ITEM), [header_quote(meeting, s, e) for s, e in wanted])]

def _sentences_saying(meeting: Meeting, said: re.Pattern[str], most: int, named: bool = False) -> list[tuple[int, Quote]]:
    """A fact of the meeting written as a sentence in its header or any item: "Helle Jessen og Niels True var
    fraværende." (`named`: it must name someone), "Mødet hævet kl. 19:40."."""
    header = meeting.header
    found = [(HEADER_ITEM, header_quote(meeting, s, e)) for s, e in sentence_spans(header.text, header.start)]
    found += [(item.number, q) for item in meeting.items for sec in item.sections for q in section_quotes(meeting, item, sec)]
    return [(n, q) for n, q in found if said.search(q.text) and (not named or NAME_WORDS.search(q.text))][: most]


def _by_item(meeting: Meeting, quotes: list[tuple[int, Quote]]) -> list[tuple[tuple[str, int], list[Quote]]]:
    """Quotes grouped under their items: the first quote's item with all of its quotes, then at most two
    other items with one quote each."""
    number = quotes[0][0]
    return [((meeting.meeting_id, number), [q for n, q in quotes if n == number])] + [
        ((meeting.meeting_id, n), [q]) for n, q in quotes if n != number
    ][:2]


ALONE = (MEETING_FACTS[0][1], ENDED_LABELS)  # facts no other header line may stand in for


def header_facts(meeting: Meeting, question: str) -> list[tuple[int, int]]:
    """The header lines that answer a question about the meeting itself: the place for "hvor", the names
    for "hvem". A label printed over its value ("Fraværende:" / "Hans Jensen (V)") is quoted with the lines
    under it. None when the question asks for a fact the header does not give: no filler instead."""
    header = meeting.header
    lines = sentence_spans(header.text, header.start)
    every = [labels for _, labels in MEETING_FACTS]
    any_label = re.compile(rf"(?:{'|'.join(every)})\b", re.IGNORECASE)
    asked = [labels for words, labels in MEETING_FACTS if words.search(question)]
    # The first fact asked for alone first, then any fact asked for; a question that asks for none gets them all.
    # Who was absent is not answered by who was there, nor when the meeting ended by when it began: those alone.
    alone = bool(asked) and asked[0] in ALONE
    # "Hvornår startede og sluttede mødet?": both ends, from their labels.
    both_ends = asked[:1] == [ENDED_LABELS] and STARTED_WORDS.search(question)
    for kinds in ([ENDED_LABELS, TIME_LABELS],) if both_ends else ([asked[0]],) if alone else ([asked[0]], asked) if asked else (every,):
        label = re.compile(rf"(?:{'|'.join(kinds)})\b", re.IGNORECASE)
        wanted: list[tuple[int, int]] = []
        for k, (s, e) in enumerate(lines):
            text = meeting.text[s:e]
            if not (m := label.match(text)):
                continue
            end = e
            # Alone when nothing follows but a colon or a qualifier: "Fraværende:", "Fraværende med afbud".
            if LABEL_REST.fullmatch(text[m.end() :]):
                bulleted, last = None, s
                people = PEOPLE_LABEL.match(text)
                for s2, e2 in lines[k + 1 :]:
                    value = meeting.text[s2:e2].lstrip()
                    # A blank line may part a label from its first value, if that names people ("Fraværende" / "" / "Britt Jensen (A)").
                    parted = "\n\n" in meeting.text[end:s2]
                    named = value.lstrip("".join(LIST_BULLETS) + " ")  # "  • Mikkel Dencker (O)"
                    # One member a paragraph ("Thomas Lykke Pedersen (A)", a blank line, "Ulla Hardy-Hansen (C)") goes on.
                    members = end != e and MEMBER.fullmatch(meeting.text[s2:e2].strip()) and MEMBER.fullmatch(meeting.text[last:end].strip())
                    # Or a short value of a label that is no list of people: "SLUTTIDSPUNKT" / "" / "06-03-2018 10:50:00".
                    first_value = NAME_WORDS.match(named) or named.lower().startswith("ingen") or (not people and len(named.split()) <= SHORT_VALUE_WORDS)
                    if (parted and not members and (end != e or not first_value)) or any(p.match(value) for p in (any_label, HEADER_LABEL, HEADER_LINE, LABEL_ALONE)):
                        break
                    if people and not reads_as_a_person(named):
                        break  # labels printed in one column, values in the next: "Fraværende:" over "25. maj 2016"
                    if bulleted is None:
                        bulleted = value.startswith(LIST_BULLETS)
                    elif bulleted and not value.startswith(LIST_BULLETS):
                        break
                    last, end = s2, e2
                if end == e:
                    continue  # a label with nothing under it says nothing
            wanted.append((s, end))
        if wanted:
            return list(dict.fromkeys(wanted))
    if alone and asked[0] == ENDED_LABELS:
        # "Tid: 9.00-10.00": the hour it ended is the end of the time printed as a span; no other line stands in.
        return [(s, e) for s, e in lines if TIMED_SPAN.match(meeting.text[s:e])]
    if alone:
        return []  # no line of the header stands in for who was absent
    # No label gives it, but the parser read it from a line of the header ("Referat af møde ... kl. 16.00",
    # "Mødelokale 3, Rådhuset"): that line.
    # Only for where and when: a place is no answer to who was absent.
    known = [v for v, labels in ((meeting.place, PLACE_LABELS), (meeting.time, TIME_LABELS)) if v and labels in asked]
    return [(s, e) for s, e in lines if any(v in meeting.text[s:e] for v in known)]
