"""Which sentences of an item answer the question: scored by the question's words, its kind (a decision, a figure,
a name, a date) and, for questions in other words, their meaning; a decision that only approves brings the
proposal it approved, and a lead-in brings its list.
"""

from __future__ import annotations

import re

import numpy as np

from .config import Config
from .dates import DATE_IN_TEXT, YEAR_IN_TEXT
from .decisions import current_decision, decision_of, decisions as decisions_of
from .index import Index
from .intent import Intent
from .layouts import ABSENCE, DECISION, FILING_FIELD, HEADER_SECTION, PROPOSAL, UNHEADED
from .lexical import tokenize
from .meeting_facts import MEETING_FACTS, PLACE_LABELS
from .quotes import Quote, section_quotes, worded_spans
from .records import HEADER_ITEM, AgendaItem, Meeting, Section
from .retrieve import Retriever
from .text import squash
from .topic import Topics, mentions, words_of

# Two capitalised words in a row, not at the start of the text: "Tine Buch Juhl", "Borger & Arbejdsmarked".
PERSON_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-ZÆØÅ][a-zæøå]+(?:\s+(?:&\s+)?[A-ZÆØÅ][a-zæøå]+)+")
# A first name or a role in brackets after what it is responsible for: "3. Effektiv administration (Søren)".
NAME_IN_BRACKETS = re.compile(r"\([A-ZÆØÅ][a-zæøå]+(?:\s*(?:og|/|,)\s*[A-ZÆØÅ][a-zæøå]+)*\)")
NAMING = re.compile(r"\b(?:navn\w*|hedder|kaldes|kaldet|betegn\w*|benævn\w*|døbt)\b", re.IGNORECASE)
# A decision that only approves the proposal: what was decided is the Indstilling.
APPROVAL = re.compile(
    r"\b(godkend\w*|tiltr[aå]d\w*|vedt[oa]g\w*|anbefal\w*)\b(?![^.]*\bikke\b)[^.]*\bindstilling\w*|"
    r"^\s*(?:godkendt|anbefales|anbefalet|tiltrådt|vedtaget)\.?\s*$|godkendte indstilling|"
    r"\bindstilling\w*\s+(?:blev\s+|er\s+)?(?:taget\s+til\s+efterretning|godkendt|tiltrådt|vedtaget|anbefalet|fulgt)\b",  # "Direktionens indstilling taget til efterretning"
    re.IGNORECASE,
)
# A proposal that asks the body to decide or discuss, not one that says what to decide ("beslutter at nedjustere").
OPEN_PROPOSAL = re.compile(
    r"\bat\s+(?:\S+\s+){1,4}?(?:drøfter|beslutter|tager stilling|kvalificerer|opsummerer|sparrer|fastlægger|giver input)\b(?!\s+at\b)"
    r"|\bat\b[^.]*\b(?:drøftes|besluttes|kvalificeres|fastlægges)\b",  # "at niveauet for plancher drøftes"
    re.IGNORECASE,
)
EMPTY_DECISION = re.compile(r"^\W*(intet)?\W*$", re.IGNORECASE)
LIST_MARK = re.compile(r"^\s*\d{1,2}[.)]\s")
LEADING_ORDINAL = re.compile(r"^\s*(\d{1,2})\.\s+(\w+)")
LIST_LINE = re.compile(r"\s*(?:[-•*–·▪]|\d{1,2}[.)])\s")
# What a question counts: the word after "hvor mange" ("hvor mange høringssvar", "antallet af pladser", "how many responses").
COUNTED = re.compile(r"\b(?:hvor\s+mange|antal(?:let)?\s+(?:af\s+)?|how\s+many)\s+(?:\w+e\s+)?(?P<thing>[a-zæøå]{4,})", re.IGNORECASE)
PLACE_ASKED = MEETING_FACTS[3][0]  # "hvor" (not "hvor mange"), "mødested", "where"
PLACE_LINE = re.compile(rf"^(?:{PLACE_LABELS})\s*:", re.IGNORECASE)
LEAD_IN_ALONE = re.compile(r"\bindstiller(?:\s+(?:til|over for)\s+\S+)?\s*[,:]?\s*(?:at)?\s*$", re.IGNORECASE)
LEAD_IN = re.compile(r"(?:[:,]|\bat)\s*$")  # "Kommunaldirektøren indstiller," / "..., at" / "med følgende kommentarer:"
MAX_LIST_LINE_WORDS = 15  # a point of a list, not a paragraph
MAX_SHORT_POINT_WORDS = 5  # a point may end in a full stop if it is this short
SHORT_LIST = 4  # lines of a list quoted whole when one of them is chosen
WHOLE_DECISION_CHARS = 1000  # a decision up to this long is quoted whole
WHOLE_DECISION_UNITS = 12  # quotes of one decision at most
# Words that point back to the sentence before: what it was about is what this one is about.
# Not "dette møde", "denne sag", "denne uge": those point at the minutes or the calendar.
BACK_REFERENCE = re.compile(
    r"\b(?:(?:denne|dette|disse)(?!\s+(?:møde|sag|punkt|dagsorden|referat|uge|gang|år)\w*)|heraf|hertil|herom|heri|hermed|herudover|pågældende)\b", re.IGNORECASE
)
BACK_REFERENCE_SHARE = 0.7  # of the sentence before's topic words; 0.5-0.9 choose the same on the eval set
# A question about a vote, and a sentence that records one ("(Ø) stemte imod", "vedtaget med 17 stemmer mod 8",
# "Et flertal ...", "For: A, V", "enstemmigt").
VOTE_ASKED = re.compile(r"\b(?:stemte|stemt|stemmer|stemmerne|afstemning\w*|voted?|votes|voting)\b", re.IGNORECASE)
VOTE_SAID = re.compile(r"\b(?:stem\w*|(?<!set\s)(?<!holdt\s)imod\b|undlod\w*|enstemmig\w*|flertal\w*|mindretal\w*)|\b(?:for|imod)\s*:\s*[A-ZÆØÅ]", re.IGNORECASE)
LABELLED_VALUE = re.compile(r"^[A-ZÆØÅ][\w .&/-]{1,30}:\s*\S")  # "Formand: Arnold", "Næste møde: 7. juni"
FIELD_LINE = re.compile(r"^\s*[\w .]{1,25}:\s*\S[^.]{0,40}$")  # "Punktnummer: 12"
OVERVIEW_SENTENCES = 2  # of each item's decision in an overview of a meeting
SECTION_PRIOR = {DECISION: 0.3, PROPOSAL: 0.1, "Anledning": -0.1, "Bilag": -0.3}  # what was decided first; attachment titles last
SENTENCE_MEMO = 50_000  # sentence vectors remembered (75 MB)
SENTENCE_MEANING_WEIGHT = 10.0  # cosines of one item's sentences differ by hundredths; weighed up to matter beside the section priors
COUNT_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10}
# A count of things, not an amount or a time: "5 strategiske målsætninger", not "2 mia. kr." or "to år".
COUNT = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(COUNT_WORDS)})\s+(?!(?:mia|mio|kr|pct|procent|år|uger?|dage?|timer?|måneder?|gange)\b)(?=[a-zæøå]{{3}})",
    re.IGNORECASE,
)


class SentencePicker:
    """Chooses the quotes of one item (or the meeting header) that answer a question."""

    def __init__(self, index: Index, retriever: Retriever, topics: Topics) -> None:
        self.index = index
        self.config: Config = index.config
        self.retriever = retriever
        self.topics = topics
        self._sentence_memo: dict[tuple[str, int, int], np.ndarray] = {}

    def best(self, key, question: str, intent: Intent, terms: list[str], hits, meaning_of: str = "") -> list[Quote]:
        """The item's best sentences for the question; `meaning_of`, when given, also scores each sentence by
        its cosine to that text (for questions that share no words with the minutes)."""
        meeting = self.index.meetings[key[0]]
        if key[1] == HEADER_ITEM:
            sections, title = [meeting.header], "Mødeoplysninger"
        else:
            item = meeting.item(key[1])
            if item is None:
                return []
            sections, title = list(item.sections), item.title
        hit_dense = {}
        for h in hits:
            if (h.chunk.meeting_id, h.chunk.item_number) == key:
                hit_dense[(h.chunk.start, h.chunk.end)] = max(h.dense, hit_dense.get((h.chunk.start, h.chunk.end), 0.0))
        numbers = set(re.findall(r"\d+", question))
        counted = [t for m in COUNTED.finditer(question) for t in tokenize(m["thing"])] if intent.number else []
        votes = bool(VOTE_ASKED.search(question))
        # A year in the question ("budget 2024") is context, already weighed as a topic word; a figure
        # the question repeats ("forslag 7.6") or one it does not know yet (the answer) says more.
        figures = {n for n in numbers if not YEAR_IN_TEXT.fullmatch(n)}
        current = current_decision(item, meeting.date) if key[1] != HEADER_ITEM else None
        if current is not None and (named := self.retriever.body_in_question(question)):
            # "Hvad besluttede Magistraten om ...": that body's latest decision leads, though others came after it.
            theirs = [d for d in decisions_of(item, meeting.date) if self.retriever.key(d.body or meeting.body) == self.retriever.key(named)]  # undated: the meeting's own
            current = theirs[-1] if theirs else current
        earlier = {id(sec) for sec in sections if _superseded(sec, current)}
        # Not a portal's marker or label above the case ("Åbent", "Initialer", "LDA"): one word with no heading is no sentence.
        sentences = [(sec, s, e) for sec in sections for s, e in worded_spans(meeting, sec) if sec.heading or len(meeting.text[s:e].split()) > 1]
        spans = [(s, e) for _, s, e in sentences]
        meaning = dict(zip(spans, self._sentence_cosines(meeting, spans, meaning_of))) if meaning_of else {}
        priors = {id(sec): _section_prior(sec, intent, current) for sec in sections}
        scored: list[Quote] = []
        previous = None
        for section, s, e in sentences:
            heading = section.heading or UNHEADED
            prior = priors[id(section)]
            text = meeting.text[s:e]
            own = self.topics.coverage(terms, [text]) if terms else 0.0
            covered = own
            if previous is not None and previous[0] is section and BACK_REFERENCE.search(text):
                # "Forventningen er, at denne kan tages i anvendelse i august 2023": "denne" is the
                # serviceportal of the sentence before, so that sentence's words count here too.
                covered = max(own, BACK_REFERENCE_SHARE * previous[1])
            previous = (section, own)
            score = prior + covered
            dense = max((d for (cs, ce), d in hit_dense.items() if cs <= s and e <= ce), default=0.0)
            score += 2.0 * max(0.0, dense - 0.75)
            if meaning:
                score += SENTENCE_MEANING_WEIGHT * max(0.0, meaning[(s, e)] - 0.75)
            # "1. at ..." numbers a point, it is no figure; but "2. viceborgmester ..." is the one the question names.
            ordinal = (m := LEADING_ORDINAL.match(text)) and re.search(rf"\b{m[1]}\.\s*{re.escape(m[2])}", question, re.IGNORECASE)
            in_text = set(re.findall(r"\d+", text if ordinal else LIST_MARK.sub("", text, count=1)))
            if figures & in_text:
                score += 0.5
            if intent.number and in_text - numbers:
                score += 0.3
                if counted and any(mentions(c, *words_of(text)) for c in counted):
                    score += 0.6  # "Hvor mange høringssvar": a figure beside the thing counted ("42 skriftlige høringssvar")
            if intent.who and (PERSON_NAME.search(text) or NAME_IN_BRACKETS.search(text)):
                score += 0.3
            if intent.when and (DATE_IN_TEXT.search(text)):
                score += 0.3
            if PLACE_ASKED.search(question) and PLACE_LINE.match(text):
                score += 0.3  # "Hvor blev dialogmødet holdt?": the item's own "Sted: Byrådssalen, Søndergade 12"
            if intent.name and NAMING.search(text):
                score += 0.3
            if votes and VOTE_SAID.search(text):
                score += 0.6  # "Hvem stemte imod?": "(Ø) stemte imod." under a decision of several lines
            if (filed := FILING_FIELD.match(text)) and not re.search(rf"\b{filed['label'][:6]}", question, re.IGNORECASE):
                score -= 0.5  # "Sagsbehandler: Anne Dahl" wrote the case up: no answer to who did what, unless asked so
            if len(text) < 25 and not LABELLED_VALUE.match(text):
                score -= 0.2  # a fragment; not a field, which says all it has to ("Formand: Arnold", "Pris: 1,80 kr.")
            if squash(text).rstrip(".").lower() == squash(title).lower():
                score -= 0.5  # the item's title again; the answer already shows it
            if text.rstrip().endswith(",") or LEAD_IN_ALONE.search(text):
                score -= 0.3  # a lead-in ("Kommunaldirektøren indstiller,", "Forvaltningen indstiller") says nothing alone
            scored.append(Quote(meeting, key[1], title, heading, s, e, score, section.label if heading == DECISION else "", id(section) in earlier))
        if not scored:
            return []
        best = sorted(scored, key=lambda q: -q.score)
        chosen = best[: self.config.answer_sentences]
        # A proposal that puts a question to the body ("at Chefforum beslutter, hvordan ...", "at udvalget drøfter
        # ...") is answered by what the body then decided, not by the question.
        asks_a_fact = intent.when or intent.number or intent.who or intent.meeting  # a date, figure or name answers those
        decisive = intent.decision or (not asks_a_fact and any(q.section == PROPOSAL and OPEN_PROPOSAL.search(q.text) for q in chosen))
        if decisive:
            decisions = [q for q in scored if q.section == DECISION]
            if decisions and sum(q.end - q.start for q in decisions) <= WHOLE_DECISION_CHARS:
                # A short decision is quoted whole: which of its points matters is the reader's call.
                chosen = decisions + [q for q in chosen if q.section != DECISION][:1]
            elif decisions and not any(q.section == DECISION for q in chosen):
                chosen = [max(decisions, key=lambda q: q.score)] + chosen[:-1]
            # "Chefforum godkendte indstillingerne": the approved Indstilling is what was decided.
            approved = [q for q in decisions if APPROVAL.search(q.text)]
            if approved:
                if approved[0] not in chosen:
                    chosen = [approved[0]] + chosen
                chosen = [q for q in chosen if q.section == DECISION][:WHOLE_DECISION_UNITS] + approved_points([q for q in scored if q.section == PROPOSAL])
        chosen = self.with_announced_lists(chosen, scored)
        # The decisive sentence leads; within a section, document order. A decision brought in by an open
        # proposal follows the best sentence when that one answers by itself (it is no proposal).
        order = {DECISION: 0, PROPOSAL: 1} if decisive else {}
        first = best[0] if decisive and not intent.decision and best[0].section not in (PROPOSAL, DECISION) else None
        # The current decision before its history; then document order.
        return sorted(chosen, key=lambda q: (-1 if q is first else order.get(q.section, 2) + 0.5 * q.history, q.start))

    def what_the_item_did(self, meeting: Meeting, item: AgendaItem) -> list[Quote]:
        """The first sentences of the item's current decision, with the proposal it approves; without a
        decision (an agenda, an empty "."), the proposal, else the item's first words."""
        current = current_decision(item, meeting.date)
        decided = [current.section] if current is not None and not EMPTY_DECISION.match(current.section.text) else []
        # Else the first section with words: a portal may print "." where the text would be.
        for sections in (decided, list(item.section(PROPOSAL)), *([sec] for sec in item.sections)):
            quotes = [q for section in sections for q in section_quotes(meeting, item, section)]
            if sections is not decided:
                # "Udvalg: Magistraten", "Dato: 16-09-2025": field lines say nothing of the matter; a decision
                # of one word ("Godkendt.") does.
                quotes = [q for q in quotes if len(q.text.split()) >= 4 and not FIELD_LINE.match(q.text)]
            if not quotes:
                continue
            chosen = quotes[:OVERVIEW_SENTENCES]
            if LEAD_IN.search(chosen[-1].text):
                # "Direktionen indstiller, at" / "- cykelstien anlægges ..." : the lead-in brings its list.
                at = quotes.index(chosen[-1])
                chosen += [q for q in quotes[at + 1 : at + 1 + SHORT_LIST + 1] if LIST_LINE.match(q.text)]
            chosen = self.with_announced_lists(chosen, quotes)
            if sections is decided and any(APPROVAL.search(q.text) for q in chosen):
                proposal = [q for sec in item.section(PROPOSAL) for q in section_quotes(meeting, item, sec)]
                chosen += approved_points(proposal)
            return chosen
        return []

    def _sentence_cosines(self, meeting: Meeting, spans: list[tuple[int, int]], question: str) -> np.ndarray:
        """Cosine of each sentence to the question. Sentences are encoded when first needed (about 12 ms
        each here) and remembered: a whole archive's sentences would cost as much as its chunks again."""
        memo = self._sentence_memo
        todo = [span for span in dict.fromkeys(spans) if (meeting.meeting_id, *span) not in memo]
        if todo:
            if len(memo) + len(todo) > SENTENCE_MEMO:
                memo.clear()
            vectors = self.retriever.embedder.encode_passages([squash(meeting.text[s:e]) for s, e in todo])
            memo.update({(meeting.meeting_id, *span): v for span, v in zip(todo, vectors)})
        if not spans:
            return np.zeros(0, dtype=np.float32)
        return np.stack([memo[(meeting.meeting_id, *span)] for span in spans]) @ self.retriever.query_vector(question)

    @staticmethod
    def with_announced_lists(chosen: list[Quote], scored: list[Quote]) -> list[Quote]:
        """A sentence ending in ":" announces the list below it ("med følgende kommentarer:"); quote the list too.
        A line of a short list (SHORT_LIST lines at most) brings its sister lines: the list is the answer
        to "hvilke emner ...", not its best-scoring line."""
        out = list(chosen)
        for q in chosen:
            same = sorted((x for x in scored if x.section == q.section), key=lambda x: x.start)
            at = same.index(q)
            if q.text.rstrip().endswith(":"):
                following = same[at + 1 : at + 7]
            elif counted := counted_list(q.text, same[at + 1 :]):
                following = counted  # "... arbejdet med 5 strategiske målsætninger." over five bullets
            elif LIST_LINE.match(q.text) and q.section != PROPOSAL:  # the points of a proposal are weighed one by one
                first = at
                while first > 0 and LIST_LINE.match(same[first - 1].text):
                    first -= 1
                following = same[first : first + SHORT_LIST + 1]
                if len([x for x in following if LIST_LINE.match(x.text)]) > SHORT_LIST:
                    continue
            else:
                continue
            announced, previous = q.text.rstrip().endswith(":"), q
            for x in following:
                # Under "med fokus på:", lines of their own are the list, bulleted or not, to the first blank line.
                if not (LIST_LINE.match(x.text) or (announced and _a_point_under(previous, x))):
                    break
                if x not in out:
                    out.append(x)
                previous = x
        return out


def _a_point_under(previous: Quote, q: Quote) -> bool:
    """The quote is a line of the source by itself right under the previous one, no blank line between, as an
    unbulleted list prints its points; with no full stop, or a short one ("Godkendt."): a paragraph ends in one."""
    text = q.meeting.text
    line_start, line_end = text.rfind("\n", 0, q.start) + 1, text.find("\n", q.end)
    own = not text[line_start : q.start].strip() and not text[q.end : line_end if line_end >= 0 else len(text)].strip()
    right_under = text.count("\n", previous.end, q.start) == 1
    words = len(q.text.split())
    return own and right_under and words <= 2 * MAX_LIST_LINE_WORDS and (words <= MAX_SHORT_POINT_WORDS or not q.text.rstrip().endswith("."))


def counted_list(text: str, after: list[Quote]) -> list[Quote]:
    """The list right after a sentence that counts its lines ("5 strategiske målsætninger", "tre temaer"): exactly
    that many list lines, no more ("to år" before five lines counts something else)."""
    if LIST_LINE.match(text):
        return []  # a list's own line counts what it says, not the lines under it
    counts = sorted({int(m) if m.isdigit() else COUNT_WORDS[m.lower()] for m in COUNT.findall(text)}, reverse=True)
    lines = after[: max(counts, default=0) + 1]
    for n in (n for n in counts if 2 <= n <= 10):
        block = lines[:n]
        if len(block) == n and all(LIST_LINE.match(x.text) for x in block) and not (len(lines) > n and LIST_LINE.match(lines[n].text)):
            return block
    return []


def approved_points(proposal: list[Quote]) -> list[Quote]:
    """What an approval ("Chefforum godkendte indstillingerne", "Anbefales.") decided: the proposal's numbered
    points (the first two: the substance comes first, implementation after), else its bulleted points, else
    its sentences that are not a lead-in ("Forvaltningen indstiller, at der bevilges 250.000 kr.")."""
    numbered = [q for q in proposal if LIST_MARK.match(q.text)]
    if numbered:
        ranked = sorted(numbered, key=lambda q: -(q.score + 0.4 / (1 + numbered.index(q)) + 0.2 * bool(re.search(r"\d{2}", q.text[3:]))))
        return ranked[:2]
    bulleted = [q for q in proposal if LIST_LINE.match(q.text)]
    if bulleted:
        return bulleted[: SHORT_LIST + 1]
    return [q for q in proposal if not LEAD_IN.search(q.text)][:2]


def _section_prior(section: Section, intent: Intent, current) -> float:
    """What a sentence of this section is worth before its words are read."""
    heading = section.heading or UNHEADED
    # What was decided is what most questions of minutes are after; the background comes last.
    prior = SECTION_PRIOR.get(heading, 0.0)
    if intent.decision and heading == DECISION:
        # An item passed from committee to committee has several decisions; the latest is current.
        prior += 0.4 if current is None or section == current.section else 0.1
    if intent.decision and heading == PROPOSAL:
        prior += 0.2
    if intent.meeting and heading in (ABSENCE, HEADER_SECTION):
        prior += 0.8
    return prior


def _superseded(section: Section, current) -> bool:
    """A dated decision before the current one of the same item (a later one is no history of it)."""
    if section.heading != DECISION or not section.label or current is None or section == current.section:
        return False
    day = decision_of(section).day
    return bool(day) and (current.day is None or day <= current.day)
