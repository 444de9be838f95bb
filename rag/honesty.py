"""When the minutes do not answer: words of the question the archive never uses (unless they mean what a passage
says), a question nearest to nothing, items found that name none of the question's own words, a figure asked
and none given. Each rule says why, so the answer's note can tell the user (eval/README.md, rules 1-7).
"""

from __future__ import annotations

import re

import numpy as np

from .config import Config
from .dates import DATE_IN_TEXT, MEETING_REF, MONTHS, YEAR_IN_TEXT
from .index import Index
from .intent import DECISION_WORDS, LATEST_WORDS, MEETING_WORDS, NAME_ASKED, NUMBER_WORDS, WHEN_WORDS
from .layouts import BODY_WORDS
from .lexical import tokenize
from .meeting_facts import ABSENT_WORDS, MEETING_FACTS
from .places import names_a_municipality
from .retrieve import Retrieval, Retriever
from .sentences import LIST_MARK
from .topic import COMMON_SHARE, INTENT_STEMS, OVERVIEW_STEMS, Topics, mentions, names_a_bodys_meeting, words_of
from .vocabulary import WORD, replace_word

MIN_TOPIC_LETTERS = 8  # shorter words are more often how one asks ("gælder", "regler") than what about
# ... unless a noun's suffix marks them as a thing ("rygning", "tryghed", "pension"); "ifølge" has none.
NOUN_ENDINGS = ("ning", "ing", "else", "hed", "skab", "tion", "sion", "isme", "itet")
MIN_NOUN_LETTERS = 6
BODY_KIND = re.compile(rf"(?:{BODY_WORDS}|magistrat(?:en)?|direktion(?:en)?)$")  # a gloss's Danish word for a body ("byråd")
MIN_NAMED_LETTERS = 5  # a known word's stem this long names a thing the cited items should name too
PRESENCE_WORDS = MEETING_FACTS[2][0]  # "hvem", "deltager", "tilstede", "med på"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Numbers that name or time something rather than count or price it.
NOT_A_FIGURE = re.compile(r"\b(?:nr|kl|pkt|punkt|punkterne|§|stk|lokale|sagsnr|bilag|tillæg|lokalplan|j\.nr)\.?\s*\d+(?:[.,:\-]\d+)*|§\s*\d+", re.IGNORECASE)
DAY_SPAN = re.compile(r"\b\d{1,2}\.?\s*[-–]\s*(?=\d{1,2}\.\s*[a-zæøå])", re.IGNORECASE)  # "18-19. april": the first day of a date
# How long something lasts is answered by a date or a period too ("fra 1. januar til 31. marts", "i tre år").
DURATION_ASKED = re.compile(r"\bhvor\s+(?:længe|lang\s+tid)\b|\bhow\s+long\b", re.IGNORECASE)
DURATION_SAID = re.compile(r"\b(?:år|måneder?|uger?|dage?|timer?)\b|\bfrem\s+til\b|\bindtil\b|\bperiode\w*", re.IGNORECASE)
ORDINAL = re.compile(r"\b\d{1,2}\.(?=\s+(?:og\b|[a-zæøå]))")
# A plan or part named by its number: "Tillæg 2", "lokalplan nr. 145", "kommuneplantillæg 8", "etape 3".
NAMED_NUMBER = re.compile(r"\b\w*?(?P<label>tillæg|lokalplan|etape|fase|afdeling)\w*\.?\s*(?:nr\.?\s*)?(?P<number>\d{1,4})(?![\d,.]\d)", re.IGNORECASE)
# A question for a price or a sum; and an amount of money ("4,2 mio. kr.", "250.000 kr", "kr. 1.500", "gratis").
MONEY_ASKED = re.compile(r"\b(?:kost(?:er|ede|e|ede|ningen)|prisen|beløbet|udgiften|udgifterne|penge|pengene|cost\w*|price\w*|how much money)\b", re.IGNORECASE)
MONEY_ASKED_WITH_OTHER = re.compile(r"\b(?:\w*procent\w*|pct|antal\w*|hvor mange(?!\s+penge)|how many)\b", re.IGNORECASE)  # "udgifterne steg med hvor mange procent"
MONEY = re.compile(
    r"\d[\d.,]*\s*(?:kr\b|kroner|mio\b|mia\b|mill\w*|milliard\w*|tusinde?|t\.\s*kr|dkk|euro|€)|\b(?:kr|dkk)\.?\s*\d|\b(?:gratis|uden\s+udgift\w*|omkostningsneutral\w*|udgiftsneutral\w*)\b",
    re.IGNORECASE,
)
NUMBER_WORD = re.compile(
    r"\b(?:to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tyve|tredive|fyrre|"
    r"halvtreds|tres|halvfjerds|firs|halvfems|hundrede|tusinde?|million(?:er)?|milliard(?:er)?|mio|mia|halv(?:delen|t)?|"
    r"tredjedel\w*|fjerdedel\w*|kvart|dobbelt|fordobl\w*|halver\w*|gratis|uændret)\b",
    re.IGNORECASE,
)


class Honesty:
    """Judges whether what was found answers the question, and says why not."""

    def __init__(self, index: Index, retriever: Retriever, topics: Topics) -> None:
        self.index = index
        self.config: Config = index.config
        self.retriever = retriever
        self.topics = topics
        self.vocabulary = index.vocabulary

    def absent_terms(self, question: str) -> list[str]:
        """Topic words of the question that occur nowhere in the archive, not even inside a compound.

        If a clerk asks about "skolelukninger" and no minute ever uses the word or a compound of it,
        the minutes do not discuss it, however close the embeddings come.
        """
        # Long words only, and no past-tense verbs ("konkluderede"): the veto is for topics, not for how one asks.
        # Nor month names: minutes that write dates "06-11-2018" never say "november", and it is no topic.
        words = [w for w in WORD.findall(question.lower()) if (len(w) >= MIN_TOPIC_LETTERS or (len(w) >= MIN_NOUN_LETTERS and w.endswith(NOUN_ENDINGS))) and not w.endswith(("ede", "ende", "te")) and w not in MONTHS]
        # Nor a body's meeting in one word ("kommunalbestyrelsesmødet"): which meeting, not what about.
        return [
            w for w in dict.fromkeys(words)
            if not INTENT_STEMS.intersection(tokenize(w)) and not names_a_bodys_meeting(w) and self.vocabulary.unknown(w)
        ]

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
        rest = without(retrieval.question, absent)
        if not any(ch.isalnum() for ch in rest):
            return 0.0  # the question is nothing but unknown words
        passages = self.index.vectors.reconstruct_batch(np.array([h.row for h in nearest], dtype=np.int64))
        # As asked, not as searched: the hits' cosines are of the respelt question, if it was respelt.
        with_words = passages @ self.retriever.query_vector(retrieval.question)
        return float(np.max(with_words - passages @ self.retriever.query_vector(rest)))

    def why_not_answered(self, retrieval: Retrieval, absent: list[str], pulls: bool) -> tuple[str, bool]:
        """Why the minutes do not answer the question ("" when they may), and whether the hits are worth showing.
        `pulls`: the absent words pull the question toward what was found (pull_of)."""
        words = [t for t in tokenize(retrieval.text) if t[:1].isalpha()]
        # Not one word the archive knows, not even "møde" or a body's name, nor a word the synonym table gives
        # for one: nothing to search for.
        if words and not retrieval.english and not retrieval.glosses and not pulls and not any(self.vocabulary.knows(t) for t in words):
            return "Ingen af spørgsmålets ord forekommer i referaterne.", True
        if absent and not pulls:
            return f"{words_shown(absent)} forekommer ikke i nogen af referaterne.", True
        if retrieval.best_dense < self.config.min_dense_score:
            return f"Intet i referaterne ligger tæt nok på spørgsmålet (bedste semantiske lighed {retrieval.best_dense:.2f}).", True
        names_a_meeting = MEETING_REF.search(retrieval.text) or names_a_bodys_meeting(retrieval.text)  # "byrådsmødet"
        if retrieval.date_range is None and retrieval.dropped_dates and names_a_meeting:
            # Hits from other periods say nothing of a meeting in this one.
            return f"Ingen møder i indekset ligger i perioden '{retrieval.dropped_dates}'.", False
        return "", True

    def numbers_unnamed(self, topic: str, keys: list[tuple[str, int]]) -> list[str]:
        """A plan's number the question names ("Tillæg 2 til Lokalplan 145") that none of the cited items names with
        its label: "Tillæg 1 til Lokalplan 145" is another plan, and what was decided of it no answer."""
        texts = [t for key in keys for t in self.topics.texts_of(key)]
        missing = []
        for m in NAMED_NUMBER.finditer(topic):
            said = re.compile(rf"\b\w*{m['label']}\w*\.?\s*(?:nr\.?\s*)?{m['number']}(?![\d,.]\d)", re.IGNORECASE)
            if not any(said.search(t) for t in texts):
                missing.append(m.group(0))
        return missing

    def unmentioned(self, topic: str, absent: list[str], retrieval: Retrieval, keys: list[tuple[str, int]]) -> list[str]:
        """The question's own words for its topic that the archive uses, when none of the cited items uses any
        of them ([] when one does, or there are none). For an English question, the glossary's Danish words."""
        if retrieval.english:
            asked = [(w, f"{g.asked} ({w})") for g in retrieval.glosses if not g.asking for w in WORD.findall(" ".join(g.danish))]
            # And what the minutes write as the question does: names ("Jørgen Suhr"), places, loanwords.
            glossed = {w.lower() for g in retrieval.glosses for w in WORD.findall(g.asked)}
            asked += [(w, w) for w in WORD.findall(topic) if w.lower() not in glossed and w[:1].isupper() and self.vocabulary.writes(w)]
        else:
            unknown = {t for w in absent for t in tokenize(w)}
            asking = misspelt_asking(retrieval)
            # Not how one asks ("aftalt", "seneste", "deltager", "dagsordenen"): what about.
            asked = [
                (w, w) for w in WORD.findall(topic)
                if self.vocabulary.writes(w) and not unknown.intersection(tokenize(w)) and not asks(w) and w.lower() not in asking
                and not OVERVIEW_STEMS.intersection(tokenize(w))
            ]
            # And the minutes' words for what the question calls otherwise ("byggestøj": støjende arbejder).
            asked += [(w, f"{g.asked} ({w})") for g in retrieval.glosses for w in WORD.findall(" ".join(g.danish))]
        # A town says where, seldom what: it weighs only when nothing else does ("Svendborg Maritime Erhvervshus",
        # whose other words the minutes never use), and a town named in an unrelated item ("Odense") saves nothing.
        asked = [a for a in asked if not names_a_municipality(a[0])] or [a for a in asked if names_a_municipality(a[0])]
        # Words of five letters or more: "rådhuset", "bibliotek"; shorter ones are more often how one asks.
        stems = {t: shown for w, shown in asked for t in self.topics.terms(w) if t[:1].isalpha() and len(t) >= MIN_NAMED_LETTERS}
        if not stems:
            return []
        if not absent:
            # A word most passages use ("kommunen": kommunaldirektør, kommunalbestyrelse) does not show an item is
            # about the question: "Hvor mange elever går i kommunens gymnasier?" is not answered by an item that
            # names the municipality and never a school. Unless meaning stands in for the question's unknown words,
            # and has been shown to (pull_of): then its known words only frame it ("de fleste trafikuheld i kommunen").
            stems = {t: shown for t, shown in stems.items() if self.vocabulary.share_starting(t) <= COMMON_SHARE} or stems
        texts = [t for key in keys for t in self.topics.texts_of(key)]
        if any(mentions(t, *words_of(x)) for t in stems for x in texts):
            return []
        # Not a body ("council": byråd): the body decides; the rest is what the question is about. A body's name
        # alone unnamed by the items found is no sign they are about something else.
        return [w for w in dict.fromkeys(stems.values()) if not BODY_KIND.search(w.rstrip(")"))]


def asks(word: str) -> bool:
    """The word says what kind of answer is wanted ("besluttet", "fraværende", "hvornår", "seneste"), not what it is about."""
    return bool(
        any(p.search(word) for p in (DECISION_WORDS, MEETING_WORDS, ABSENT_WORDS, LATEST_WORDS, NUMBER_WORDS, NAME_ASKED, WHEN_WORDS, PRESENCE_WORDS))
        or INTENT_STEMS.intersection(tokenize(word))
    )


def misspelt_asking(retrieval: Retrieval) -> set[str]:
    """The question's misspelt words of how one asks ("besltutet", "fraværnde"), as asked."""
    return {r.asked.lower() for r in retrieval.respellings if asks(r.archive)}


def gives_a_figure(text: str, question: str) -> bool:
    """The text gives a figure the question does not: a number or a number word ("fem stationer"), not a date,
    a year, an ordinal ("1. gang", "2. og 3. november") or a list's "1."."""
    original = text
    text = ORDINAL.sub(" ", DATE_IN_TEXT.sub(" ", DAY_SPAN.sub(" ", LIST_MARK.sub(" ", text.lstrip("-•*– ")))))
    text = NOT_A_FIGURE.sub(" ", text)  # "tillæg nr. 19", "kl. 16.30", "§ 15", "punkt 4": a name or a time, no amount
    if MONEY_ASKED.search(question) and not MONEY_ASKED_WITH_OTHER.search(question):
        # "Hvad koster renoveringen?" is not answered by "8 ugers høring": a price is an amount of money.
        return bool(MONEY.search(text))
    if DURATION_ASKED.search(question) and (DATE_IN_TEXT.search(original) or DURATION_SAID.search(original)):
        return True
    asked = set(NUMBER.findall(question))
    return any(n not in asked and not YEAR_IN_TEXT.fullmatch(n) for n in NUMBER.findall(text)) or bool(NUMBER_WORD.search(text))


def without(text: str, words: list[str]) -> str:
    """The text with these words taken out."""
    for word in words:
        text = replace_word(text, word, " ")
    return " ".join(text.split())


def words_shown(words: list[str], one: str = "Ordet", many: str = "Ordene") -> str:
    shown = ", ".join(f"'{w[:40]}'" for w in words[:3]) + (" m.fl." if len(words) > 3 else "")
    return f"{one if len(words) == 1 else many} {shown}"
