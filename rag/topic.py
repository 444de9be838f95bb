"""What a question or a sentence is about, in the archive's own words: the topic's stems, how rare each is, and
whether a text mentions them. The answer step, its honesty rules and its choice of sentences all weigh words so.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .glossary import ENGLISH_QUESTION_WORDS
from .index import Index
from .lexical import document_frequency, tokenize
from .records import HEADER_ITEM
from .vocabulary import starts_a_word

INTENT_STEMS = frozenset(tokenize("hvad blev besluttet beslutning besluttede decided decision punkt møde mødet hvornår sag"))
COMMON_SHARE = 0.25  # a word in more than this share of chunks says little about the topic
# Words that ask about a meeting as a whole ("hvilke sager blev behandlet på mødet den 13. april?"): with the
# date, the body and these taken out, a question with no topic left asks what the meeting did.
OVERVIEW_STEMS = frozenset(tokenize(
    "dagsorden dagsordenen punkter punkterne sager sagerne emner emnerne behandlet behandlede drøftet drøftede "
    "besluttet besluttede beslutninger vedtaget vedtog møde mødet møder seneste sidste forrige næste kommende udvalget "
    "skete sker handlede handler oppe truffet truffne "
    "agenda items topics discussed decided meeting latest last next upcoming happened happen occurred står stod"
))
# A body's meeting in one word ("byrådsmødet", "udvalgsmødet", "bestyrelsesmøde"), as stemmed: the meeting, no topic.
BODYS_MEETING_STEM = re.compile(r"\w*(?:råd|udvalg|bestyrelse?|forum|repræsentation|nævn)s?mød\w*")


def names_a_bodys_meeting(text: str) -> bool:
    """The text names a body's meeting in one word: "Hvornår sluttede byrådsmødet?"."""
    return any(BODYS_MEETING_STEM.fullmatch(t) for t in tokenize(text))


def asks_about_a_meeting(stem: str) -> bool:
    """The stem asks what a meeting did ("mødet", "byrådsmødet"), not about what."""
    return stem in OVERVIEW_STEMS or bool(BODYS_MEETING_STEM.fullmatch(stem))


# Words of an English question that are no topic (the Danish stop words do not know them), as stemmed.
ENGLISH_FUNCTION_STEMS = frozenset(tokenize(" ".join(ENGLISH_QUESTION_WORDS)))


@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A text's stemmed words as a set and sorted, for `mentions`; sentences recur across questions."""
    words = frozenset(tokenize(text))
    return words, tuple(sorted(words))


def mentions(term: str, words: frozenset[str], ordered: tuple[str, ...]) -> bool:
    """A word of the text starts with the term ("praktik" in "praktikpladser"), or the term starts with
    a word of five letters or more (the text's "budget" for the question's "budgetaftale")."""
    return term in words or starts_a_word(term, ordered) or any(term[:n] in words for n in range(5, len(term)))


class Topics:
    """Topic words of one index's archive: which words of a question name its topic, and how much a text covers them."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.vocabulary = index.vocabulary
        self._rarity_memo: dict[str, float] = {}

    def terms(self, question: str) -> list[str]:
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

    def coverage(self, terms: list[str], texts: list[str]) -> float:
        """Share of topic terms found in the texts, each weighted by its rarity in the archive (prefix
        match, so compounds count): "Børneliv" says more about a sentence than "budget"."""
        if not terms:
            return 0.0
        words = [words_of(t) for t in texts]
        weights = {t: self.rarity(t) for t in terms}
        found = sum(w for t, w in weights.items() if any(mentions(t, *ws) for ws in words))
        return found / sum(weights.values())

    def rarity(self, term: str) -> float:
        # Squared IDF: the rare word that names the matter should outweigh the common ones around it.
        # Remembered: every sentence of every quoted item asks again.
        if (r := self._rarity_memo.get(term)) is None:
            r = self._rarity_memo[term] = math.log(1.0 + 1.0 / (document_frequency(self.index.lexical, term) + 0.01)) ** 2
        return r

    def texts_of(self, key: tuple[str, int]) -> list[str]:
        """What says what an item is about: its title and sections; the header for item 0."""
        meeting = self.index.meetings[key[0]]
        if key[1] == HEADER_ITEM or (item := meeting.item(key[1])) is None:
            return [meeting.header.text]
        return [item.title, *(sec.text for sec in item.sections)]
