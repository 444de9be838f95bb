"""Turn ranked chunks into an extractive `Answer`: quoted sentences from the minutes, each with a citation.

Nothing here writes prose of its own beyond the labels that say where a quote comes from
(body, date, item, section, "seneste"/"tidligere"); every claim is a verbatim quote.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from dataclasses import replace

import numpy as np

from .config import Config
from .dates import DANISH_MONTHS, MEETING_REF, MONTHS, YEAR_IN_TEXT, long_date
from .glossary import ENGLISH_QUESTION_WORDS
from .index import Index
from .layouts import ABSENCE, BODY_WORDS, DECISION, HEADER_SECTION, PROPOSAL, ROUTINE_TITLE, UNHEADED
from .lexical import document_frequency, tokenize
from .decisions import current_decision, decision_of, decisions as decisions_of
from .intent import DECISION_WORDS, LATEST_WORDS, MEETING_WORDS, NAME_ASKED, NUMBER_WORDS, WHEN_WORDS, Intent
from .meeting_facts import ABSENT_WORDS, MEETING_FACTS, PLACE_LABELS, TOWN_BODY, asks_of_the_meeting, meeting_facts
from .places import names_a_municipality
from .quotes import Quote, section_quotes, worded_spans
from .records import HEADER_ITEM, AgendaItem, Answer, Citation, Hit, Meeting, Section, page_of
from .retrieve import Filters, Retrieval, Retriever, ranked_items
from .text import squash
from .vocabulary import WORD, replace_word, starts_a_word

# Two capitalised words in a row, not at the start of the text: "Tine Buch Juhl", "Borger & Arbejdsmarked".
PERSON_NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-ZÆØÅ][a-zæøå]+(?:\s+(?:&\s+)?[A-ZÆØÅ][a-zæøå]+)+")
# A first name or a role in brackets after what it is responsible for: "3. Effektiv administration (Søren)".
NAME_IN_BRACKETS = re.compile(r"\([A-ZÆØÅ][a-zæøå]+(?:\s*(?:og|/|,)\s*[A-ZÆØÅ][a-zæøå]+)*\)")
_MONTH = "|".join(DANISH_MONTHS)
# What answers "hvornår": a day ("3. maj", "23-11-2023" but not the case number "00.01.00-P35-9-22"), a month
# of a year ("august 2023", "ultimo marts"), a week or quarter, a season or a holiday ("i foråret 2024",
# "efter efterårsferien").
DATE_IN_TEXT = re.compile(
    rf"\b\d{{1,2}}\.\s*(?:{_MONTH})\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b(?!-[A-Za-z])|\b(?:uge|kvartal)\s*\d|"
    rf"\b(?:{_MONTH})\s+\d{{4}}\b|\b(?:primo|medio|ultimo|start(?:en)? af|slut(?:ningen)? af|i løbet af)\s+(?:{_MONTH}|\d{{4}})\b|"
    rf"\b(?:i|efter|før|inden|til)\s+(?:foråret|sommeren|efteråret|vinteren)\b|\b(?:jule|påske|vinter|sommer|efterårs|pinse)ferien\b",
    re.IGNORECASE,
)
NAMING = re.compile(r"\b(?:navn\w*|hedder|kaldes|kaldet|betegn\w*|benævn\w*|døbt)\b", re.IGNORECASE)
# A decision that only approves the proposal: what was decided is the Indstilling.
APPROVAL = re.compile(
    r"\b(godkend\w*|tiltr[aå]d\w*|vedt[oa]g\w*|anbefal\w*)\b(?![^.]*\bikke\b)[^.]*\bindstilling\w*|"
    r"^\s*(?:godkendt|anbefales|anbefalet|tiltrådt|vedtaget)\.?\s*$|godkendte indstilling",
    re.IGNORECASE,
)
# A proposal that asks the body to decide or discuss, not one that says what to decide ("beslutter at nedjustere").
OPEN_PROPOSAL = re.compile(
    r"\bat\s+(?:\S+\s+){1,4}?(?:drøfter|beslutter|tager stilling|kvalificerer|opsummerer|sparrer|fastlægger|giver input)\b(?!\s+at\b)"
    r"|\bat\b[^.]*\b(?:drøftes|besluttes|kvalificeres|fastlægges)\b",  # "at niveauet for plancher drøftes"
    re.IGNORECASE,
)
EMPTY_DECISION = re.compile(r"^\W*(intet)?\W*$", re.IGNORECASE)
INTENT_STEMS = frozenset(tokenize("hvad blev besluttet beslutning besluttede decided decision punkt møde mødet hvornår sag"))
COMMON_SHARE = 0.25  # a word in more than this share of chunks says little about the topic
MIN_TOPIC_LETTERS = 8  # shorter words are more often how one asks ("gælder", "regler") than what about
# ... unless a noun's suffix marks them as a thing ("rygning", "tryghed", "pension"); "ifølge" has none.
NOUN_ENDINGS = ("ning", "ing", "else", "hed", "skab", "tion", "sion", "isme", "itet")
MIN_NOUN_LETTERS = 6
BODY_KIND = re.compile(rf"(?:{BODY_WORDS}|magistrat(?:en)?|direktion(?:en)?)$")  # a gloss's Danish word for a body ("byråd")
MIN_NAMED_LETTERS = 5  # a known word's stem this long names a thing the cited items should name too
LIST_MARK = re.compile(r"^\s*\d{1,2}[.)]\s")

LIST_LINE = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)])\s")
# When the next meeting is, and a sentence that says it ("Næste møde: 12. marts", "Udvalget mødes næste gang den 3. maj").
NEXT_MEETING_ASKED = re.compile(r"\b(?:hvornår|hvilken dato|when)\b.*\b(?:næste|kommende|next)\s+(?:\w+)?møde\w*|\bmødes\s+\w+\s+næste\s+gang|\bnext\s+meeting\b", re.IGNORECASE)
NEXT_MEETING_SAID = re.compile(r"\b(?:næste|kommende)\s+(?:\w+)?møde\w*|\bnæste\s+gang\b|\bnext\s+meeting\b", re.IGNORECASE)
# What a question counts: the word after "hvor mange" ("hvor mange høringssvar", "antallet af pladser", "how many responses").
COUNTED = re.compile(r"\b(?:hvor\s+mange|antal(?:let)?\s+(?:af\s+)?|how\s+many)\s+(?:\w+e\s+)?(?P<thing>[a-zæøå]{4,})", re.IGNORECASE)
# A body's name in running text: "Byrådet", "Økonomiudvalget", "Teknik- og Miljøudvalget", "kommunalbestyrelsen".
BODY_NAME_IN_TEXT = re.compile(rf"\b(?:[A-ZÆØÅ][\w\-]*\s+og\s+)?[\wÆØÅæøå\-]*(?:{BODY_WORDS}|magistrat(?:en)?)\b", re.IGNORECASE)
NO_QUOTES = "De punkter, der ligner spørgsmålet mest, har ingen tekst at citere (kun en overskrift eller en tom beslutning)."
PLACE_OR_BODY = re.compile(rf"(?:Kommune|Region)\w*$|\w*{BODY_WORDS}\w*$", re.IGNORECASE)
PRESENCE_WORDS = MEETING_FACTS[2][0]  # "hvem", "deltager", "tilstede", "med på"
PLACE_ASKED = MEETING_FACTS[3][0]  # "hvor" (not "hvor mange"), "mødested", "where"
PLACE_LINE = re.compile(rf"^(?:{PLACE_LABELS})\s*:", re.IGNORECASE)
LEAD_IN_ALONE = re.compile(r"\bindstiller(?:\s+(?:til|over for)\s+\S+)?\s*[,:]?\s*(?:at)?\s*$", re.IGNORECASE)
LEAD_IN = re.compile(r"(?:[:,]|\bat)\s*$")  # "Kommunaldirektøren indstiller," / "..., at" / "med følgende kommentarer:"
LEAD_CANDIDATES = 5  # top items an item named by the question may lead from
SHORT_LIST = 4  # lines of a list quoted whole when one of them is chosen
LEAD_SHARE = 0.85  # the newest item leads when its best quote scores at least this share of the best
WHOLE_DECISION_CHARS = 1000  # a decision up to this long is quoted whole
WHOLE_DECISION_UNITS = 12  # quotes of one decision at most
# Words that point back to the sentence before: what it was about is what this one is about.
# Not "dette møde", "denne sag", "denne uge": those point at the minutes or the calendar.
BACK_REFERENCE = re.compile(
    r"\b(?:(?:denne|dette|disse)(?!\s+(?:møde|sag|punkt|dagsorden|referat|uge|gang|år)\w*)|heraf|hertil|herom|heri|hermed|herudover|pågældende)\b", re.IGNORECASE
)
BACK_REFERENCE_SHARE = 0.7  # of the sentence before's topic words; 0.5-0.9 choose the same on the eval set
# Words that ask about a meeting as a whole ("hvilke sager blev behandlet på mødet den 13. april?"): with the
# date, the body and these taken out, a question with no topic left asks what the meeting did.
OVERVIEW_STEMS = frozenset(tokenize(
    "dagsorden dagsordenen punkter punkterne sager sagerne emner emnerne behandlet behandlede drøftet drøftede "
    "besluttet besluttede beslutninger vedtaget vedtog møde mødet møder seneste sidste forrige næste kommende udvalget "
    "skete sker handlede handler oppe truffet truffne "
    "agenda items topics discussed decided meeting latest last next upcoming happened happen occurred står stod"
))
# Words of an English question that are no topic (the Danish stop words do not know them), as stemmed.
ENGLISH_FUNCTION_STEMS = frozenset(tokenize(" ".join(ENGLISH_QUESTION_WORDS)))
# "under punkt 4": one item of the meeting, not all of them.
ITEM_REFERENCE = re.compile(r"\b(?:punkt|pkt\.?|item|dagsordenspunkt)\s*(?P<number>\d{1,4})\b", re.IGNORECASE)
TOPIC_NUMBER = re.compile(r"(?<![\d.,:/-])\d{3,4}(?!\d)(?![.,:/-]\d)")  # a year or figure of the topic ("budget 2031"), not a date's part
ACRONYM = re.compile(r"\b[A-ZÆØÅ]{2,}\b")  # "IT", "MED", "ERP": topics, though "it" and "med" are stop words
# "det seneste møde"; "næste møde" too: the newest minutes in an archive are often the agenda of the next meeting.
LATEST_MEETING = re.compile(r"\b(?:seneste|sidste|forrige|næste|kommende|latest|last|next|upcoming)\s+(?:møde|meeting)", re.IGNORECASE)
FIELD_LINE = re.compile(r"^\s*[\w .]{1,25}:\s*\S[^.]{0,40}$")  # "Punktnummer: 12"
AGENDA_APPROVAL = re.compile(r"godkendelse af (?:dagsorden|referat)", re.IGNORECASE)
OVERVIEW_SENTENCES = 2  # of each item's decision in an overview of a meeting
IDENTIFIER = re.compile(r"(?<![\d.,])\d{2,4}(?:\s*[-–/]\s*\d{2,4})?(?![\d])(?![.,]\d)")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Numbers that name or time something rather than count or price it.
NOT_A_FIGURE = re.compile(r"\b(?:nr|kl|pkt|punkt|punkterne|§|stk|lokale|sagsnr|bilag|tillæg|lokalplan|j\.nr)\.?\s*\d+(?:[.,:\-]\d+)*|§\s*\d+", re.IGNORECASE)
ORDINAL = re.compile(r"\b\d{1,2}\.(?=\s+(?:og\b|[a-zæøå]))")
NUMBER_WORD = re.compile(
    r"\b(?:to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tyve|tredive|fyrre|"
    r"halvtreds|tres|halvfjerds|firs|halvfems|hundrede|tusinde?|million(?:er)?|milliard(?:er)?|mio|mia|halv(?:delen|t)?|"
    r"tredjedel\w*|fjerdedel\w*|kvart|dobbelt|fordobl\w*|halver\w*|gratis|uændret)\b",
    re.IGNORECASE,
)
# Stems; not "-møde": "Byrådets budgetmøde" may be the body's own meeting.
OTHER_EVENT = re.compile(r"(?:seminar|konferenc|workshop|arrangement|besøg|studietur|fest|messe|kursus|kurs)\w*$")
AGENDA_MARK = " (dagsorden, ikke referat)"
MIN_TRUSTED_TYPO_LETTERS = 12  # a question of nothing but a misspelt word this long is read as the word it misspells
SECTION_PRIOR = {DECISION: 0.3, PROPOSAL: 0.1, "Anledning": -0.1, "Bilag": -0.3}  # what was decided first; attachment titles last


NEAREST_MEMO = 4096  # items whose nearest neighbour is remembered
SENTENCE_MEMO = 50_000  # sentence vectors remembered (75 MB)
SENTENCE_MEANING_WEIGHT = 10.0  # cosines of one item's sentences differ by hundredths; weighed up to matter beside the section priors


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A text's stemmed words as a set and sorted, for `_mentions`; sentences recur across questions."""
    words = frozenset(tokenize(text))
    return words, tuple(sorted(words))


def _mentions(term: str, words: frozenset[str], ordered: tuple[str, ...]) -> bool:
    """A word of the text starts with the term ("praktik" in "praktikpladser"), or the term starts with
    a word of five letters or more (the text's "budget" for the question's "budgetaftale")."""
    return term in words or starts_a_word(term, ordered) or any(term[:n] in words for n in range(5, len(term)))


def item_url(meeting_id: str, item: int, start: int | None = None, end: int | None = None, base: str = "") -> str:
    """Stable link to an item page. The query names the span to highlight (a fragment never reaches the
    server); the fragment scrolls to it."""
    if start is None:
        return f"{base}/item/{meeting_id}/{item}"
    return f"{base}/item/{meeting_id}/{item}?hl={start}-{end}#q-{start}-{end}"


class Answerer:
    """Answers questions over one loaded index.

    Example:
        >>> answer = Answerer(load_index(Config()))("hvad blev besluttet om virksomhedspraktik?")  # doctest: +SKIP
        >>> answer.citations[0].meeting_date  # doctest: +SKIP
        '2023-11-23'
    """

    def __init__(self, index: Index, retriever: Retriever | None = None) -> None:
        self.index = index
        self.config: Config = index.config
        self.retriever = retriever or Retriever(index)
        # Built with the answerer, not on the first question: seconds on 100,000 items (eval/BENCH.md).
        self._items = index.item_vectors
        self._nearest_memo: dict[int, tuple[str, int]] = {}
        self._sentence_memo: dict[tuple[str, int, int], np.ndarray] = {}
        self._rarity_memo: dict[str, float] = {}
        self.vocabulary = index.vocabulary
        # The towns that name bodies ("Herning Byråd"): "byrådsmødet i Herning" asks of a meeting, not a topic.
        self._body_words = frozenset(t for m in index.meetings.values() if (town := TOWN_BODY.match(m.body)) for t in tokenize(town["town"]))

    # -- question analysis ------------------------------------------------------------------
    def topic_terms(self, question: str) -> list[str]:
        """Stemmed words that name the question's topic (intent and very common words removed)."""
        terms = [t for t in tokenize(question) if t not in INTENT_STEMS]
        # The last part of compounds the minutes write, never alone ("katalogforslag"): those compounds.
        terms = [c for t in terms for c in (self.vocabulary.head_of_compounds(t) or (t,))]
        # A word the archive never uses ("højst" where the minutes say "maksimalt") matches no sentence;
        # weighed in, it would only dilute the words that do tell sentences apart.
        return [
            t for t in dict.fromkeys(terms)
            if document_frequency(self.index.lexical, t) <= COMMON_SHARE and (t[0].isdigit() or self.vocabulary.starts_a_word(t))
        ]

    def absent_terms(self, question: str) -> list[str]:
        """Topic words of the question that occur nowhere in the archive, not even inside a compound.

        If a clerk asks about "skolelukninger" and no minute ever uses the word or a compound of it,
        the minutes do not discuss it, however close the embeddings come.
        """
        # Long words only, and no past-tense verbs ("konkluderede"): the veto is for topics, not for how one asks.
        # Nor month names: minutes that write dates "06-11-2018" never say "november", and it is no topic.
        words = [w for w in WORD.findall(question.lower()) if (len(w) >= MIN_TOPIC_LETTERS or (len(w) >= MIN_NOUN_LETTERS and w.endswith(NOUN_ENDINGS))) and not w.endswith(("ede", "ende", "te")) and w not in MONTHS]
        return [w for w in dict.fromkeys(words) if not INTENT_STEMS.intersection(tokenize(w)) and self.vocabulary.unknown(w)]

    def absent_glosses(self, retrieval: Retrieval) -> list[str]:
        """An English question's words (as asked) for which the archive uses none of the glossary's Danish words:
        "library" where no minute says "bibliotek". Words the glossary does not know are not judged: the
        archive is Danish, so an English word's absence says nothing."""
        # Judged as the Danish words would be, had the question been asked in Danish: every one of them absent.
        return [g.asked for g in retrieval.glosses if all(self.absent_terms(w) for w in WORD.findall(" ".join(g.danish)))]

    def pull_of(self, absent: list[str], retrieval: Retrieval) -> float:
        """How much the words unknown to the archive add to the question's cosine with its nearest passages.

        A synonym of what a passage says pulls the question toward it: taken out, the question is less like
        that passage. A topic the minutes never discuss pulls elsewhere, so taking it out brings the question
        closer. Measured in eval/README.md: answerable questions in other words add 0.009-0.043 to one of
        their three nearest chunks, questions the minutes do not answer at most 0.006 (but one, 0.015).
        One more question encoded, only for questions that have such words.
        """
        nearest = sorted((h for h in retrieval.hits if h.row >= 0), key=lambda h: -h.dense)[:3]
        if not nearest:
            return 0.0
        rest = _without(retrieval.question, absent)
        if not any(ch.isalnum() for ch in rest):
            return 0.0  # the question is nothing but unknown words
        passages = self.index.vectors.reconstruct_batch(np.array([h.row for h in nearest], dtype=np.int64))
        # As asked, not as searched: the hits' cosines are of the respelt question, if it was respelt.
        with_words = passages @ self.retriever.query_vector(retrieval.question)
        return float(np.max(with_words - passages @ self.retriever.query_vector(rest)))

    def coverage(self, terms: list[str], texts: list[str]) -> float:
        """Share of topic terms found in the texts, each weighted by its rarity in the archive (prefix
        match, so compounds count): "Børneliv" says more about a sentence than "budget"."""
        if not terms:
            return 0.0
        words = [_words(t) for t in texts]
        weights = {t: self._rarity(t) for t in terms}
        found = sum(w for t, w in weights.items() if any(_mentions(t, *ws) for ws in words))
        return found / sum(weights.values())

    def _rarity(self, term: str) -> float:
        # Squared IDF: the rare word that names the matter should outweigh the common ones around it.
        # Remembered: every sentence of every quoted item asks again.
        if (r := self._rarity_memo.get(term)) is None:
            r = self._rarity_memo[term] = math.log(1.0 + 1.0 / (document_frequency(self.index.lexical, term) + 0.01)) ** 2
        return r

    # -- main ---------------------------------------------------------------------------------
    def __call__(self, question: str, filters: Filters = Filters(), retriever: str | None = None) -> Answer:
        retrieval = self.retriever(question, filters, retriever)
        return self.answer(retrieval, filters)

    def answer(self, retrieval: Retrieval, filters: Filters = Filters()) -> Answer:
        cfg = self.config
        applied = _filters_dict(filters, retrieval)
        hits = retrieval.hits
        if not hits:
            note = "Ingen møder i indekset passer til filtrene." if applied else "Indekset er tomt."
            return Answer(retrieval.question, False, f"Jeg fandt intet svar i referaterne. {note}", (), hits, note, applied)
        intent = Intent.of(retrieval.text)
        topic = self._topic(retrieval)
        terms = self.topic_terms(topic)
        if retrieval.glosses:
            # An English question's topic in the minutes' words, so sentences are told apart by words too.
            terms = list(dict.fromkeys(self.topic_terms(self.retriever.without_body_names(retrieval.glossed)) + terms))
        # Every word as asked, not only those the archive knows: "lønafdelingen" is a topic even if no minute says it.
        topic_left = [t for t in tokenize(topic) if t[:1].isalpha() and t not in OVERVIEW_STEMS | INTENT_STEMS | ENGLISH_FUNCTION_STEMS]
        topic_left += ACRONYM.findall(topic)
        if not intent.meeting and not topic_left and not ITEM_REFERENCE.search(retrieval.text) and not NEXT_MEETING_ASKED.search(retrieval.text):
            if meetings := self._meetings_asked_about(retrieval, filters):
                return self._overview(retrieval, meetings, intent, applied)
            if retrieval.dropped_dates:
                # "Hvad blev besluttet i december 2023?" asks about that period and nothing else.
                whose = f" for {filters.body or retrieval.body}" if filters.body or retrieval.body else ""
                note = f"Ingen møder{whose} i indekset ligger i perioden '{retrieval.dropped_dates}'."
                return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), hits, note, applied)
        items = ranked_items(hits)
        english = retrieval.english
        # The words as the user wrote them: a respelling is a guess ("flygtninge" is one edit from "flytning"),
        # so a respelt word must pass the same test as any other word the minutes never use.
        absent = self.absent_glosses(retrieval) if english else self.absent_terms(retrieval.question)
        # An everyday word the minutes never use is no new topic when the table gives words they do use for it.
        synonyms_of = {} if english else {g.asked.lower(): g for g in retrieval.glosses}
        absent = [w for w in absent if w not in synonyms_of]
        # A misspelt word of how one asks ("besltutet", "fraværnde") is no topic: its respelling says what was asked.
        asking = _misspelt_asking(retrieval)
        absent = [w for w in absent if w not in asking]
        # A town the minutes never name ("i Frederikssund"): where they are from, as a portal leaves it to its address.
        towns = [w for w in absent if names_a_municipality(w)]
        absent = [w for w in absent if w not in towns]
        # The unknown words pull the question toward the passages it is nearest to: another word for what
        # the minutes discuss ("snerydning" for "vintervedligehold"), not a topic they never mention.
        pulls = bool(absent) and retrieval.best_dense >= cfg.min_dense_score and self.pull_of(absent, retrieval) >= cfg.synonym_pull
        respelt = {r.asked.lower() for r in retrieval.respellings}
        if absent and not pulls and set(absent) <= respelt and not any(ch.isalnum() for ch in _without(retrieval.question, absent)):
            # "trafiksikerhedsplan" alone: nothing is left to measure a pull against. One letter from a long archive
            # word, the typo is the likelier reading than a topic the minutes never mention.
            pulls = all(len(w) >= MIN_TRUSTED_TYPO_LETTERS for w in absent)
        refusal, shown = self._why_not_answered(retrieval, absent, pulls)
        # "1000" where the minutes write "1.000": either spelling known is known.
        if not refusal and (numbers := [n for n in TOPIC_NUMBER.findall(topic) if self.vocabulary.unknown(n) and self.vocabulary.unknown(f"{n[:-3]}.{n[-3:]}")]):
            # "Blev budget 2031 vedtaget?": no minute names that year or figure, so none says what was decided
            # of it; a sentence about another budget is no answer. Meaning cannot stand in for a number.
            refusal, shown = f"{_words_shown(numbers, 'Tallet', 'Tallene')} forekommer ikke i nogen af referaterne.", True
        spelt_as = ("Søgt som referaterne staver det: " + ", ".join(f"'{r.asked}' som '{r.archive}'" for r in retrieval.respellings) + ".") if respelt else ""
        worded_as = ("Søgt også med referaternes ord: " + ", ".join(f"'{g.asked}' som '{', '.join(g.danish)}'" for g in synonyms_of.values()) + ".") if synonyms_of else ""
        searched_as = " ".join(n for n in (spelt_as, worded_as) if n)
        if refusal:
            note = f"{refusal} {searched_as}".strip()
            return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), hits if shown else (), note, applied)
        # Other words for what the minutes say (not misspellings of their words) are answered by meaning.
        other_words = [w for w in absent if w not in respelt]
        synonyms = pulls and bool(other_words)
        meaning_note = f"{_words_shown(other_words)} står ikke i referaterne; svaret bygger på ordenes betydning." if synonyms else ""
        # A date that matched no meeting was searched without (it may name an event: "temamødet den 18. april"); say so.
        other_period = f"Ingen møder ligger i perioden '{retrieval.dropped_dates}'; svaret er fra andre møder." if retrieval.dropped_dates else ""
        town_note = f"{_words_shown([w.capitalize() for w in towns], 'Bynavnet', 'Bynavnene')} står ikke i referaterne; svaret er fra de referater, der findes." if towns else ""
        note = " ".join(n for n in (searched_as, meaning_note, other_period, town_note) if n)
        if synonyms and retrieval.retriever == "hybrid":
            # The words that would match are not in the minutes; what BM25 matches is incidental ("hvornår",
            # "personalet"). Meaning alone ranks: on the eval set's paraphrases, first item right 8/12, not 6/12.
            retrieval = self.retriever(retrieval.question, filters, "dense")
            hits, items = retrieval.hits, ranked_items(retrieval.hits)
            applied["ranker"] = "dense"  # said, so a comparison of rankers can tell
        named = retrieval.body or filters.body
        # The matter's words: "trafiksikkerhedsplanen 2024-2027" is not mentioned by "Handicappolitik 2024-2027", and
        # its number, if it has one: "lokalplan 88" is not "Lokalplan 1204".
        matter = [t for t in terms if t[:1].isalpha()] or terms
        asked_ids = _identifiers(topic)
        if named and matter and not intent.meeting and not any(self._mentions(k, matter, asked_ids, header=True) for k in items[:3]):
            # "Hvad besluttede Kultur- og Idrætsudvalget om Vestbyens Bibliotek?", or the body chosen as a filter: not
            # that body's matter, when another body's minutes name it. (With no minutes naming it, meaning still
            # answers: other words.)
            wider = self.retriever(retrieval.question, replace(filters, body=""), retrieval.retriever, named_body=False)
            others = [k for k in ranked_items(wider.hits)[:5] if self.retriever.key(self.index.meetings[k[0]].body) != self.retriever.key(named)]
            elsewhere = next((k for k in others if self._mentions(k, matter, asked_ids)), None)
            if elsewhere and retrieval.body and self._names_body(elsewhere, named):
                # "Hvornår blev tillæg nr. 19 godkendt i Byrådet?": the committee's minutes tell what the council did
                # ("blev den 26. juni 2018 godkendt i Byrådet"); the body named is the actor, not whose minutes.
                retrieval, hits = wider, wider.hits
                items = ranked_items(hits)
            elif elsewhere:
                other = self.index.meetings[elsewhere[0]]
                unnamed = f"Spørg uden at nævne {named}" if retrieval.body else f"Fjern filteret på {named}"
                note = (
                    f"{named}s referater nævner det ikke; det gør {other.body}s referat fra {long_date(other.date)}"
                    f" (punkt {elsewhere[1]}). {unnamed} for at se det."
                )
                return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), wider.hits, note, applied)
        header_says = lambda k: k[1] == HEADER_ITEM and self.coverage(terms, self._texts_of(k)) > 0  # noqa: E731
        if not (intent.meeting or intent.when or (intent.who and any(header_says(k) for k in items[:1]))):
            # The header says where, when and who was there in what role ("forperson", "direktør"); a question about
            # what was discussed, or about who did what when the header does not name it ("Who replaced Jørgen
            # Suhr?"), is answered by an item, even when its date words rank the header first.
            items = [k for k in items if k[1] != HEADER_ITEM] or items
        items = self._named_by_title_first(items, self.retriever.without_body_names(retrieval.text))  # not "Teknik- og Miljøudvalget" as a title
        items = self._named_in_the_minutes_words_first(items, list(synonyms_of.values()))
        # "lokalplan 145", "trafiksikkerhedsplanen 2021-2024": a number the question names picks one matter of several alike.
        items = self._named_by_identifier_first(items, asked_ids)
        items = self._naming_the_person_first(items, self.retriever.without_body_names(retrieval.text))
        if (ref := ITEM_REFERENCE.search(retrieval.text)) and retrieval.date_range is not None:
            # "punkt 4 på mødet den 13. april 2023": that item of the meetings the date names, searched or not.
            named = [(m.meeting_id, int(ref["number"])) for m in self._meetings_asked_about(retrieval, filters) if m.item(int(ref["number"]))]
            items = named + [k for k in items if k not in named]
        # With no words in common (English, or other words for the same things), only meaning tells sentences apart.
        by_meaning = english or synonyms
        quotes_by_item = []
        # Words beyond the meeting itself ("høringsmøder", "skolestrukturen"): an item may answer, not the header.
        # Nor a body named in English ("the council meeting"): the glossary's words for it are a body's.
        bodies = {t for g in retrieval.glosses if all(BODY_KIND.search(d) for d in g.danish) for t in tokenize(g.asked)}
        beyond = [t for t in topic_left if not asks_of_the_meeting(t) and t not in self._body_words | bodies]
        # "Hvor blev refleksionsseminaret holdt?" asks where another gathering was, not where the body met.
        other_event = any(OTHER_EVENT.search(t) for t in beyond)
        # "Hvem fra BDO deltog?": a name the header does not give (the auditors' firm) is an item's, not the attendee list's.
        near = [self.index.meetings[m] for m in dict.fromkeys(k[0] for k in items[:3])]
        unheaded = [t for t in ACRONYM.findall(topic) if not any(t in m.header.text for m in near) and any(t in m.text for m in near)]
        if intent.meeting and not unheaded and (not beyond or (any(words.search(retrieval.text) for words, _ in MEETING_FACTS) and not other_event)):
            # "Hvilke mødelokaler i 2023?": a period with several meetings asks about each of them.
            period = retrieval.date_range is not None and retrieval.date_range.first != retrieval.date_range.last
            meetings = list(dict.fromkeys(key[0] for key in items))
            if period and len(meetings) > 1:
                quotes_by_item = [meeting_facts(self.index.meetings[m], retrieval.text, cfg.answer_sentences)[0] for m in meetings[: cfg.answer_items]]
            else:
                quotes_by_item = meeting_facts(self.index.meetings[meetings[0]], retrieval.text, cfg.answer_sentences)
            quotes_by_item = [(k, q) for k, q in quotes_by_item if q]
        # The header does not say it, but an item may: "Hvor mange høringsmøder blev der holdt om skolestrukturen?",
        # "Hvem deltog i stedet for Mikkel Dam?". Not who was absent: every item's sentences were read for that.
        by_items = not intent.meeting or (bool(beyond) and not ABSENT_WORDS.search(retrieval.text))
        if not quotes_by_item and by_items:
            if intent.meeting:
                items = [k for k in items if k[1] != HEADER_ITEM] or items
            chosen = self._same_matter(items, hits, terms, asked_ids)
            chosen += self._one_per_period(items, retrieval, chosen)
            # Meaning is read from the topic: "i 2023" would pull toward any sentence that names 2023.
            meaning_of = " ".join(topic.split()) if by_meaning else ""
            quotes_by_item = [(key, self._quotes(key, retrieval.text, intent, terms, hits, meaning_of)) for key in chosen]
        quotes_by_item = [(k, q) for k, q in quotes_by_item if q]
        if not quotes_by_item:
            # A meeting was found, but its minutes do not say who was there or where: say that, not "nothing found".
            note = NO_QUOTES
            if intent.meeting:
                note = "Referatet af mødet nævner ingen fraværende." if ABSENT_WORDS.search(retrieval.text) else "Referatet af mødet oplyser ikke det, der spørges om (deltagere, fravær, sted eller tid)."
            return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), hits, note, applied)
        # Date-aware: the same matter in several meetings is shown newest first.
        # A decision is superseded by a later one, so decisions and "the latest" go newest first.
        def date_of(key: tuple[str, int]):
            return self.index.meetings[key[0]].date

        if intent.decision or intent.latest:
            lead = None
        elif by_meaning:
            # Sentences scored by meaning sit close together, so their scores cannot say which item answers
            # better; the ranking by meaning already did.
            lead = quotes_by_item[0]
        else:
            lead = _answers_more_than_the_newest(quotes_by_item, date_of)
        quotes_by_item = _newest_first(quotes_by_item, date_of, lead)
        citations, lines = [], []
        first_date = date_of(quotes_by_item[0][0])
        newest = max(date_of(k) for k, _ in quotes_by_item)
        for n, (key, quotes) in enumerate(quotes_by_item):
            meeting = self.index.meetings[key[0]]
            if len(quotes_by_item) == 1:
                lead = ""
            elif n == 0:
                lead = "Seneste: " if first_date == newest else "Bedste svar: "
            else:
                lead = "Senere: " if meeting.date > first_date else "Tidligere: "
            lines += self._item_lines(meeting, key[1], quotes, citations, lead, say_undecided=intent.decision)
        if NEXT_MEETING_ASKED.search(retrieval.text) and not any(NEXT_MEETING_SAID.search(q.text) and DATE_IN_TEXT.search(q.text) for _, qs in quotes_by_item for q in qs):
            # "Hvornår er næste møde?": only a sentence that dates the next meeting answers; the minutes at hand
            # are of meetings already held.
            note = "Referaterne siger ikke, hvornår næste møde holdes."
            return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), hits, note, applied)
        if intent.number and not intent.meeting and not any(_gives_a_figure(t, retrieval.text) for _, qs in quotes_by_item for q in qs for t in (q.text, q.title)):
            # "Hvad koster ombygningen af Kulturgården?": the matter is there, its price is not. No figure quoted, in
            # digits or words ("femten nye bænke"), nor in the item's title ("Alfabo - 39 familieboliger"), is no answer.
            # Figures score up when a number is asked, so one left unquoted is of something else.
            (mid, number), _ = quotes_by_item[0]
            where = self.index.meetings[mid]
            note = f"Referaterne nævner det ({where.body} {long_date(where.date)}, punkt {number}), men intet tal eller beløb for det, der spørges om."
            return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), hits, note, applied)
        if not intent.meeting and (unsaid := self._unmentioned(topic, absent, retrieval, [k for k, _ in quotes_by_item])):
            # Meaning stands in for words the minutes do not use, or for another language; it cannot stand in for
            # the words they do use. "Elbilladestandere ved rådhuset": if the passages meaning finds never name the
            # town hall, they are about something else.
            missing = f"{_words_shown(other_words)} forekommer ikke i nogen af referaterne, og " if synonyms else ""
            unsaid_note = f"{missing}{_words_shown(unsaid, 'ordet', 'ordene') if missing else _words_shown(unsaid)} står ikke i de punkter, der ligner spørgsmålet mest."
            note = " ".join(n for n in (unsaid_note, searched_as) if n)
            return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), hits, note, applied)
        agendas = [self.index.meetings[m] for m in dict.fromkeys(k[0] for k, _ in quotes_by_item) if not self.index.meetings[m].has_decisions]
        if intent.decision and agendas:
            # "Er lokalplan 1204 vedtaget?" quoted from an agenda: its proposal is no decision.
            said = f"{_dates_shown(agendas)} er en dagsorden: mødets egen beslutning står ikke i den."
            note = f"{note} {said}".strip()
        hits = self._hits_covering(hits, citations)
        return Answer(retrieval.question, True, "\n".join(lines), tuple(citations), hits, note, applied)

    def _item_lines(self, meeting: Meeting, number: int, quotes: list[Quote], citations: list[Citation], lead: str = "", say_undecided: bool = False) -> list[str]:
        """The answer's lines for one item: where it stands, then its quotes, each numbered as `citations` grows."""
        label = "Mødeoplysninger" if number == HEADER_ITEM else f"Punkt {number}: {quotes[0].title}"
        if number != HEADER_ITEM and not meeting.has_decisions:
            label += AGENDA_MARK  # an agenda proposes; what the meeting decided is not in it
        lines = [f"{lead}{meeting.body} {meeting.date.strftime('%d-%m-%Y')} ({long_date(meeting.date)}), {label}"]
        # A page that prints a decision twice (once more under its "Behandlingsplan") is quoted once.
        quotes = [q for k, q in enumerate(quotes) if squash(q.text) not in {squash(p.text) for p in quotes[:k]}]
        for q in quotes:
            citations.append(self._citation(q))
            lines.append(f"  «{squash(q.text)}» [{len(citations)}] ({q.shown_label})")
        quoted_decision = any(q.section == DECISION for q in quotes)  # «Intet.» quoted is itself the record
        if say_undecided and number != HEADER_ITEM and not quoted_decision and not self._has_decision(meeting, number):
            lines.append("  (Der er ikke registreret nogen beslutning på dette punkt.)")
        return lines

    # -- a meeting as a whole ----------------------------------------------------------------------
    def _meetings_asked_about(self, retrieval: Retrieval, filters: Filters) -> list[Meeting]:
        """The meetings a question with no topic is about: those of the period it names ("på mødet den
        13. april 2023", "i november 2023"), or the latest ("det seneste møde"); newest first."""
        if retrieval.date_range is None and not LATEST_MEETING.search(retrieval.text):
            return []
        body = self.retriever.key(filters.body or retrieval.body)
        found = [
            m for m in self.index.meetings.values()
            if (not body or self.retriever.key(m.body) == body)
            and (filters.date_from is None or m.date >= filters.date_from)
            and (filters.date_to is None or m.date <= filters.date_to)
            and (retrieval.date_range is None or m.date in retrieval.date_range)
        ]
        found.sort(key=lambda m: m.date, reverse=True)
        return found[:1] if LATEST_MEETING.search(retrieval.text) else found

    def _overview(self, retrieval: Retrieval, meetings: list[Meeting], intent: Intent, applied: dict) -> Answer:
        """Every item of the meeting with what was decided on it, in agenda order; newest meeting first.
        The approval of the agenda is left out when there is more; any other business stays (it may hold news)."""
        shown = meetings[: self.config.answer_items]
        citations, lines = [], []
        for meeting in shown:
            items = [it for it in meeting.items if not AGENDA_APPROVAL.search(it.title)] or list(meeting.items)
            for item in items:
                if quotes := self._what_the_item_did(meeting, item):
                    # On an agenda the note says once that nothing is decided yet, not every item.
                    lines += self._item_lines(meeting, item.number, quotes, citations, say_undecided=intent.decision and meeting.has_decisions)
        if not citations:
            note = "Møderne, spørgsmålet gælder, har ingen punkter med tekst at citere."
            return Answer(retrieval.question, False, "Jeg fandt intet svar i referaterne.", (), retrieval.hits, note, applied)
        note = "Spørgsmålet nævner intet emne: mødets punkter, hver med sin beslutning."
        if intent.decision and (agendas := [m for m in shown if not m.has_decisions]):
            note += f" {_dates_shown(agendas)} er en dagsorden uden beslutninger; citaterne er indstillingerne."
        if len(meetings) > len(shown):
            note += f" Perioden har {len(meetings)} møder; de {len(shown)} nyeste vises."
        hits = self._hits_covering(retrieval.hits, citations)
        return Answer(retrieval.question, True, "\n".join(lines), tuple(citations), hits, note, applied)

    def _what_the_item_did(self, meeting: Meeting, item: AgendaItem) -> list[Quote]:
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
            chosen = self._with_announced_lists(chosen, quotes)
            if sections is decided and any(APPROVAL.search(q.text) for q in chosen):
                proposal = [q for sec in item.section(PROPOSAL) for q in section_quotes(meeting, item, sec)]
                chosen += _approved_points(proposal)
            return chosen
        return []

    def _topic(self, retrieval: Retrieval) -> str:
        """The question without what is not its topic: the body that decided and the dates that filtered."""
        topic = self.retriever.without_body_names(retrieval.text)
        for phrase in (retrieval.date_range.phrase if retrieval.date_range else "", retrieval.dropped_dates):
            topic = topic.replace(phrase, " ") if phrase else topic
        return topic

    def _unmentioned(self, topic: str, absent: list[str], retrieval: Retrieval, keys: list[tuple[str, int]]) -> list[str]:
        """The question's own words for its topic that the archive uses, when none of the cited items uses any
        of them ([] when one does, or there are none). For an English question, the glossary's Danish words."""
        if retrieval.english:
            asked = [(w, f"{g.asked} ({w})") for g in retrieval.glosses if not g.asking for w in WORD.findall(" ".join(g.danish))]
            # And what the minutes write as the question does: names ("Jørgen Suhr"), places, loanwords.
            glossed = {w.lower() for g in retrieval.glosses for w in WORD.findall(g.asked)}
            asked += [(w, w) for w in WORD.findall(topic) if w.lower() not in glossed and w[:1].isupper() and self.vocabulary.writes(w)]
        else:
            unknown = {t for w in absent for t in tokenize(w)}
            asking = _misspelt_asking(retrieval)
            # Not how one asks ("aftalt", "seneste", "deltager", "dagsordenen"): what about.
            asked = [
                (w, w) for w in WORD.findall(topic)
                if self.vocabulary.writes(w) and not unknown.intersection(tokenize(w)) and not _asks(w) and w.lower() not in asking
                and not OVERVIEW_STEMS.intersection(tokenize(w))
            ]
            # And the minutes' words for what the question calls otherwise ("byggestøj": støjende arbejder).
            asked += [(w, f"{g.asked} ({w})") for g in retrieval.glosses for w in WORD.findall(" ".join(g.danish))]
        # A town says where, seldom what: it weighs only when nothing else does ("Svendborg Maritime Erhvervshus",
        # whose other words the minutes never use), and a town named in an unrelated item ("Odense") saves nothing.
        asked = [a for a in asked if not names_a_municipality(a[0])] or [a for a in asked if names_a_municipality(a[0])]
        # Words of five letters or more: "rådhuset", "bibliotek"; shorter ones are more often how one asks.
        stems = {t: shown for w, shown in asked for t in self.topic_terms(w) if t[:1].isalpha() and len(t) >= MIN_NAMED_LETTERS}
        if not stems:
            return []
        texts = [t for key in keys for t in self._texts_of(key)]
        if any(_mentions(t, *_words(x)) for t in stems for x in texts):
            return []
        # Not a body ("council": byråd): the body decides; the rest is what the question is about. A body's name
        # alone unnamed by the items found is no sign they are about something else.
        return [w for w in dict.fromkeys(stems.values()) if not BODY_KIND.search(w.rstrip(")"))]

    def _names_body(self, key: tuple[str, int], body: str) -> bool:
        """The item's text names the body ("godkendt i Byrådet"), in any of its forms."""
        wanted = self.retriever.key(body)
        return any(self.retriever.key(" ".join(m.group(0).split())) == wanted for t in self._texts_of(key) for m in BODY_NAME_IN_TEXT.finditer(t))

    def _texts_of(self, key: tuple[str, int]) -> list[str]:
        meeting = self.index.meetings[key[0]]
        if key[1] == HEADER_ITEM or (item := meeting.item(key[1])) is None:
            return [meeting.header.text]
        return [item.title, *(sec.text for sec in item.sections)]

    def _why_not_answered(self, retrieval: Retrieval, absent: list[str], pulls: bool) -> tuple[str, bool]:
        """Why the minutes do not answer the question ("" when they may), and whether the hits are worth showing.
        `pulls`: the absent words pull the question toward what was found (pull_of)."""
        words = [t for t in tokenize(retrieval.text) if t[:1].isalpha()]
        # Not one word the archive knows, not even "møde" or a body's name, nor a word the synonym table gives
        # for one: nothing to search for.
        if words and not retrieval.english and not retrieval.glosses and not pulls and not any(self.vocabulary.knows(t) for t in words):
            return "Ingen af spørgsmålets ord forekommer i referaterne.", True
        if absent and not pulls:
            return f"{_words_shown(absent)} forekommer ikke i nogen af referaterne.", True
        if retrieval.best_dense < self.config.min_dense_score:
            return f"Intet i referaterne ligger tæt nok på spørgsmålet (bedste semantiske lighed {retrieval.best_dense:.2f}).", True
        if retrieval.date_range is None and retrieval.dropped_dates and MEETING_REF.search(retrieval.text):
            # Hits from other periods say nothing of a meeting in this one.
            return f"Ingen møder i indekset ligger i perioden '{retrieval.dropped_dates}'.", False
        return "", True

    # -- items ---------------------------------------------------------------------------------
    def _same_matter(self, items, hits, terms, asked_ids: frozenset[str] = frozenset()) -> list[tuple[str, int]]:
        """The top item, plus items of other meetings about the same matter (close in rank and topic). When the
        question names the number in the top item's title, only items whose titles carry it too: "Trafiksikkerhedsplan
        2024-2027" is no later treatment of "Trafiksikkerhedsplan 2021-2024"."""
        top = items[0]
        best = {}
        for h in hits:
            key = (h.chunk.meeting_id, h.chunk.item_number)
            best[key] = max(best.get(key, 0.0), h.score)
        chosen = [top]
        top_item = self._item(top) if top[1] != HEADER_ITEM else None
        if top_item is None or _routine(top_item):
            return chosen  # meeting facts and standing items are no matter to follow across meetings
        title_terms = self.topic_terms(top_item.title)
        named = asked_ids & _identifiers(top_item.title)
        # The question's words the top item uses: a later item that uses none of them is near in meaning only
        # ("regnskab 2020" is no treatment of "kirkeskatteprocenten for 2020", though both are a year's money).
        shared = [t for t in terms if t[:1].isalpha() and len(t) >= MIN_NAMED_LETTERS and self._mentions(top, [t])]
        for key in items[1 : 6]:
            if len(chosen) >= self.config.answer_items:
                break
            if key[0] in {k[0] for k in chosen} or key[1] == HEADER_ITEM:
                continue
            item = self._item(key)
            if item is None or best[key] < 0.75 * best[top] or _routine(item):
                continue
            same_case = bool(item.case_number) and item.case_number == top_item.case_number
            if named and not same_case and not named & _identifiers(item.title):
                continue
            similar_title = bool(title_terms) and self.coverage(title_terms, [item.title]) >= 0.5
            on_topic = bool(terms) and self.coverage(terms, [item.title]) >= 0.5
            near = (not shared or self._mentions(key, shared)) and self._mutual_nearest(top, key)  # the costly test last
            if same_case or (similar_title and on_topic) or near:
                chosen.append(key)
        return chosen

    @staticmethod
    def _first_that_leads(items, names_it) -> list[tuple[str, int]]:
        """Of the top items, the first that `names_it` leads; the order of the others stays."""
        lead = next((key for key in items[:LEAD_CANDIDATES] if names_it(key)), None)
        return items if lead is None else [lead] + [k for k in items if k != lead]

    def _named_in_the_minutes_words_first(self, items, glosses) -> list[tuple[str, int]]:
        """"Snerydning på skolerne", searched as "vintervedligehold": the word the minutes use for the matter names
        it, the others qualify it. Of the top items, the first that uses it leads."""
        # Not a short word ("computerne": pc), more often a thing the matter is about than the matter.
        stems = [t for g in glosses for w in g.danish for t in self.topic_terms(w) if t[:1].isalpha() and len(t) >= MIN_NAMED_LETTERS]
        if not stems:
            return items
        return self._first_that_leads(items, lambda key: key[1] != HEADER_ITEM and any(_mentions(t, *_words(x)) for t in stems for x in self._texts_of(key)))

    def _naming_the_person_first(self, items, question: str) -> list[tuple[str, int]]:
        """"Hvornår forlod Ninna Hedeager Olsen mødet?": of the top items, the first that names the person leads;
        "forlod mødet" alone ranks anyone's leaving."""
        names = [
            n for n in PERSON_NAME.findall(question)
            if all(self.vocabulary.writes(w) for w in n.split() if w != "&")
            and not any(names_a_municipality(w) or PLACE_OR_BODY.match(w) for w in n.split())  # "Fredericia Kommunes" is no person
        ]
        if not names:
            return items
        return self._first_that_leads(items, lambda key: any(n in t for n in names for t in self._texts_of(key)))

    def _named_by_identifier_first(self, items, asked_ids: frozenset[str]) -> list[tuple[str, int]]:
        """Of the top items, the first whose title carries a number the question names leads."""
        if not asked_ids:
            return items
        return self._first_that_leads(items, lambda key: key[1] != HEADER_ITEM and (item := self._item(key)) is not None and bool(asked_ids & _identifiers(item.title)))

    def _named_by_title_first(self, items, question: str) -> list[tuple[str, int]]:
        """An item the question names by its title ("om udbudsplanen for 2025", "under eventuelt") leads.
        A one-word title is an ordinary word too ("eventuelt", "temadrøftelse"); it names the item only
        after a word that points at an agenda item ("under eventuelt", "punktet eventuelt")."""
        asked = set(tokenize(question))

        def names_it(key) -> bool:
            item = self._item(key) if key[1] != HEADER_ITEM else None
            words = [t for t in tokenize(item.title) if t[:1].isalpha()] if item else []
            if len(words) == 1:
                return bool(re.search(rf"\b(?:under|punkt\w*|item)\s+{re.escape(item.title.strip().rstrip('.'))}", question, re.IGNORECASE))
            return bool(words) and all(w in asked for w in words)

        return self._first_that_leads(items, names_it)

    def _one_per_period(self, items, retrieval: Retrieval, chosen: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """"i 2019 og i 2023" asks about each period: its best item, for every period the chosen items miss."""
        if retrieval.date_range is None or not retrieval.date_range.spans:
            return []
        extra: list[tuple[str, int]] = []
        for a, b in retrieval.date_range.periods:
            if any(a <= self.index.meetings[k[0]].date <= b for k in chosen + extra):
                continue
            best = next((k for k in items if k[1] != HEADER_ITEM and a <= self.index.meetings[k[0]].date <= b), None)
            if best is not None:
                extra.append(best)
        return extra

    def _mutual_nearest(self, a: tuple[str, int], b: tuple[str, int]) -> bool:
        """Items of two meetings are one matter when each is the other's closest item elsewhere by meaning.

        Case numbers change when a matter is reopened (the seeds' virksomhedspraktik items of March and
        November 2023 have two); the text does not. Mutual nearness adapts to how alike a corpus's items are.
        """
        items = self._items
        if a not in items.row_of or b not in items.row_of:
            return False
        return self._nearest(items.row_of[a]) == b and self._nearest(items.row_of[b]) == a

    def _nearest(self, row: int) -> tuple[str, int]:
        """The closest item of another meeting. One scan of all items (5 ms at 100,000), remembered, since
        a question tests its top item against several others."""
        if row not in self._nearest_memo:
            items = self._items
            sims = items.matrix @ items.matrix[row]
            sims[items.meeting_of_row == items.meeting_of_row[row]] = -1.0
            if len(self._nearest_memo) >= NEAREST_MEMO:
                self._nearest_memo.clear()
            self._nearest_memo[row] = items.keys[int(np.argmax(sims))]
        return self._nearest_memo[row]

    def _mentions(self, key: tuple[str, int], terms: list[str], ids: frozenset[str] = frozenset(), header: bool = False) -> bool:
        """The item's title or text has a topic word of the question, and every number that names the matter. The
        header (item 0) only when asked: "Formand Vivi Nør Jacobsen (F)" is its body's matter, no other body's."""
        if key[1] == HEADER_ITEM and not header:
            return False
        texts = self._texts_of(key)
        return self.coverage(terms, texts) > 0 and ids <= _identifiers(" ".join(texts))

    def _item(self, key: tuple[str, int]) -> AgendaItem | None:
        return self.index.meetings[key[0]].item(key[1])

    def _has_decision(self, meeting: Meeting, number: int) -> bool:
        item = meeting.item(number)
        return bool(item and any(not EMPTY_DECISION.match(s.text) for s in item.section(DECISION)))

    # -- sentences -----------------------------------------------------------------------------
    def _quotes(self, key, question: str, intent: Intent, terms: list[str], hits, meaning_of: str = "") -> list[Quote]:
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
            own = self.coverage(terms, [text]) if terms else 0.0
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
            in_text = set(re.findall(r"\d+", LIST_MARK.sub("", text, count=1)))  # "1. at ..." numbers a point, it is no figure
            if figures & in_text:
                score += 0.5
            if intent.number and in_text - numbers:
                score += 0.3
                if counted and any(_mentions(c, *_words(text)) for c in counted):
                    score += 0.6  # "Hvor mange høringssvar": a figure beside the thing counted ("42 skriftlige høringssvar")
            if intent.who and (PERSON_NAME.search(text) or NAME_IN_BRACKETS.search(text)):
                score += 0.3
            if intent.when and (DATE_IN_TEXT.search(text)):
                score += 0.3
            if PLACE_ASKED.search(question) and PLACE_LINE.match(text):
                score += 0.3  # "Hvor blev dialogmødet holdt?": the item's own "Sted: Byrådssalen, Søndergade 12"
            if intent.name and NAMING.search(text):
                score += 0.3
            if len(text) < 25:
                score -= 0.2
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
                chosen = [q for q in chosen if q.section == DECISION][:WHOLE_DECISION_UNITS] + _approved_points([q for q in scored if q.section == PROPOSAL])
        chosen = self._with_announced_lists(chosen, scored)
        # The decisive sentence leads; within a section, document order. A decision brought in by an open
        # proposal follows the best sentence when that one answers by itself (it is no proposal).
        order = {DECISION: 0, PROPOSAL: 1} if decisive else {}
        first = best[0] if decisive and not intent.decision and best[0].section not in (PROPOSAL, DECISION) else None
        # The current decision before its history; then document order.
        return sorted(chosen, key=lambda q: (-1 if q is first else order.get(q.section, 2) + 0.5 * q.history, q.start))

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
    def _with_announced_lists(chosen: list[Quote], scored: list[Quote]) -> list[Quote]:
        """A sentence ending in ":" announces the list below it ("med følgende kommentarer:"); quote the list too.
        A line of a short list (SHORT_LIST lines at most) brings its sister lines: the list is the answer
        to "hvilke emner ...", not its best-scoring line."""
        out = list(chosen)
        for q in chosen:
            same = sorted((x for x in scored if x.section == q.section), key=lambda x: x.start)
            at = same.index(q)
            if q.text.rstrip().endswith(":"):
                following = same[at + 1 : at + 7]
            elif counted := _counted_list(q.text, same[at + 1 :]):
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
            for x in following:
                if not LIST_LINE.match(x.text):
                    break
                if x not in out:
                    out.append(x)
        return out

    def _citation(self, q: Quote) -> Citation:
        chunk_id = self._chunk_id_of(q)
        return Citation(
            chunk_id=chunk_id,
            body=q.meeting.body,
            meeting_id=q.meeting.meeting_id,
            meeting_date=q.meeting.date.isoformat(),
            item=q.item_number,
            title=q.title,
            section=q.section,
            start=q.start,
            end=q.end,
            quote=q.text,
            url=item_url(q.meeting.meeting_id, q.item_number, q.start, q.end, self.config.base_url),
            page=page_of(q.meeting, q.start),
            **self._decided(q),
        )

    def _decided(self, q: Quote) -> dict[str, str]:
        """Body and date of the dated decision the quote is from, if it is from one."""
        item = q.meeting.item(q.item_number) if q.section == DECISION else None
        for sec in item.section(DECISION) if item else ():
            if sec.start <= q.start < sec.end:
                d = decision_of(sec)
                return {"decided_by": d.body, "decided_on": d.day.isoformat() if d.day else ""}
        return {}

    def _chunk_id_of(self, q: Quote) -> str:
        for c in self._chunks_of(q.meeting.meeting_id):
            if c.item_number == q.item_number and c.start <= q.start and q.end <= c.end:
                return c.chunk_id
        for c in self._chunks_of(q.meeting.meeting_id):
            if c.item_number == q.item_number and c.start < q.end and q.start < c.end:
                return c.chunk_id
        return ""

    def _chunks_of(self, meeting_id: str):
        if not hasattr(self, "_by_meeting"):
            self._by_meeting: dict[str, list] = {}
            for c in self.index.chunks:
                self._by_meeting.setdefault(c.meeting_id, []).append(c)
        return self._by_meeting.get(meeting_id, [])

    def _hits_covering(self, hits, citations) -> tuple[Hit, ...]:
        """Every citation's chunk is among the hits (added at the end when retrieval ranked it lower)."""
        present = {h.chunk.chunk_id for h in hits}
        extra = []
        for cit in citations:
            if not cit.chunk_id or cit.chunk_id in present:
                continue
            # The meeting's own chunks, not a map of the whole archive rebuilt for every answer.
            chunk = next((c for c in self._chunks_of(cit.meeting_id) if c.chunk_id == cit.chunk_id), None)
            if chunk is not None:
                present.add(cit.chunk_id)
                extra.append(Hit(chunk, 0.0, len(hits) + len(extra) + 1, 0.0))
        return tuple(hits) + tuple(extra)


COUNT_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10}
# A count of things, not an amount or a time: "5 strategiske målsætninger", not "2 mia. kr." or "to år".
COUNT = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(COUNT_WORDS)})\s+(?!(?:mia|mio|kr|pct|procent|år|uger?|dage?|timer?|måneder?|gange)\b)(?=[a-zæøå]{{3}})",
    re.IGNORECASE,
)


def _counted_list(text: str, after: list[Quote]) -> list[Quote]:
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


def _approved_points(proposal: list[Quote]) -> list[Quote]:
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


def _newest_first(quotes_by_item, date_of, lead=None):
    """Items about one matter, newest first, so the latest decision leads; `lead`, when given, goes first."""
    by_date = sorted(quotes_by_item, key=lambda kq: date_of(kq[0]), reverse=True)
    return by_date if lead is None else [lead] + [kq for kq in by_date if kq is not lead]


def _answers_more_than_the_newest(quotes_by_item, date_of):
    """The item whose best quote scores well above the newest item's (a figure given only in an earlier
    treatment: the question asks about that one), or None when the newest answers about as well."""
    by_date = sorted(quotes_by_item, key=lambda kq: date_of(kq[0]), reverse=True)
    best = max(by_date, key=lambda kq: max(q.score for q in kq[1]))
    return None if max(q.score for q in by_date[0][1]) >= LEAD_SHARE * max(q.score for q in best[1]) else best


def _asks(word: str) -> bool:
    """The word says what kind of answer is wanted ("besluttet", "fraværende", "hvornår", "seneste"), not what it is about."""
    return bool(
        any(p.search(word) for p in (DECISION_WORDS, MEETING_WORDS, ABSENT_WORDS, LATEST_WORDS, NUMBER_WORDS, NAME_ASKED, WHEN_WORDS, PRESENCE_WORDS))
        or INTENT_STEMS.intersection(tokenize(word))
    )


def _misspelt_asking(retrieval: Retrieval) -> set[str]:
    """The question's misspelt words of how one asks ("besltutet", "fraværnde"), as asked."""
    return {r.asked.lower() for r in retrieval.respellings if _asks(r.archive)}


def _gives_a_figure(text: str, question: str) -> bool:
    """The text gives a figure the question does not: a number or a number word ("fem stationer"), not a date,
    a year, an ordinal ("1. gang", "2. og 3. november") or a list's "1."."""
    text = ORDINAL.sub(" ", DATE_IN_TEXT.sub(" ", LIST_MARK.sub(" ", text.lstrip("-•*– "))))
    text = NOT_A_FIGURE.sub(" ", text)  # "tillæg nr. 19", "kl. 16.30", "§ 15", "punkt 4": a name or a time, no amount
    asked = set(NUMBER.findall(question))
    return any(n not in asked and not YEAR_IN_TEXT.fullmatch(n) for n in NUMBER.findall(text)) or bool(NUMBER_WORD.search(text))


def _identifiers(text: str) -> frozenset[str]:
    """Numbers that name a matter: a plan's number or period ("lokalplan 145", "2021-2024"); not a year alone,
    which as often dates the question ("indikatorerne for 2024", "fra Budget 2023 ... i 2024")."""
    return frozenset(re.sub(r"\s*[-–/]\s*", "-", m) for m in IDENTIFIER.findall(text) if not YEAR_IN_TEXT.fullmatch(m))


def _without(text: str, words: list[str]) -> str:
    """The text with these words taken out."""
    for word in words:
        text = replace_word(text, word, " ")
    return " ".join(text.split())


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


def _dates_shown(meetings: list[Meeting]) -> str:
    return ("Mødet " if len(meetings) == 1 else "Møderne ") + ", ".join(f"{m.body} {m.date.strftime('%d-%m-%Y')}" for m in meetings)


def _words_shown(words: list[str], one: str = "Ordet", many: str = "Ordene") -> str:
    shown = ", ".join(f"'{w[:40]}'" for w in words[:3]) + (" m.fl." if len(words) > 3 else "")
    return f"{one if len(words) == 1 else many} {shown}"


def _routine(item: AgendaItem) -> bool:
    """Standing items (approval of the agenda, any other business) recur under one case number."""
    return bool(ROUTINE_TITLE.search(item.title.strip()))


def _filters_dict(filters: Filters, retrieval: Retrieval) -> dict:
    out = {}
    if filters.body:
        out["body"] = filters.body
    if filters.date_from:
        out["date_from"] = filters.date_from.isoformat()
    if filters.date_to:
        out["date_to"] = filters.date_to.isoformat()
    if retrieval.body and not filters.body:
        out["question_body"] = retrieval.body
    if retrieval.dropped_dates:
        out["question_dates_unmatched"] = retrieval.dropped_dates
    if retrieval.date_range:
        out["question_dates"] = [retrieval.date_range.first.isoformat(), retrieval.date_range.last.isoformat()]
        if retrieval.date_range.years:
            out["question_years"] = list(retrieval.date_range.years)
        if retrieval.date_range.spans:
            out["question_periods"] = [[a.isoformat(), b.isoformat()] for a, b in retrieval.date_range.spans]
    return out


def answer_to_json(answer: Answer, top_hits: int = 10) -> dict:
    """The `referat ask --json` contract."""
    from dataclasses import asdict

    cited = {c.chunk_id for c in answer.citations}
    shown = answer.hits[:top_hits] + tuple(h for h in answer.hits[top_hits:] if h.chunk.chunk_id in cited)
    return {
        "question": answer.question,
        "found": answer.found,
        "answer": answer.text,
        "citations": [
            {k: v for k, v in asdict(c).items() if k not in ("chunk_id", "meeting_id")} | {"chunk_id": c.chunk_id}
            for c in answer.citations
        ],
        "hits": [
            {
                "rank": h.rank,
                "score": round(h.score, 6),
                "dense": round(h.dense, 4),
                "body": h.chunk.body,
                "meeting_date": h.chunk.meeting_date,
                "item": h.chunk.item_number,
                "title": h.chunk.item_title,
                "section": h.chunk.section,
                "chunk_id": h.chunk.chunk_id,
                "text": h.chunk.text,
            }
            for h in shown
        ],
        "note": answer.note,
        "filters": answer.filters,
    }
