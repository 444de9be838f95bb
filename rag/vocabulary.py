"""The archive's own words: whether a question's word is one of them, and what it is when it is not.

A clerk types "julefrokossten" or "budgetdrøftelser"; the minutes say "julefrokosten" and "drøfter
budget". BM25 matches neither, and a word the archive never uses looks like a topic it never discusses.
Both the retriever (what to search for) and the answerer (what to quote, when to refuse) ask here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .lexical import LexicalIndex, document_frequency, rows_with, stem_words, tokenize
from .records import Chunk

LETTERS = "a-zæøåéü"  # what a topic word is made of
WORD = re.compile(rf"[{LETTERS}]+", re.IGNORECASE)
MIN_RESPELL_LETTERS = 8  # one edit away from a short word there are many words; from a long one, mostly its right spelling
MAX_RESPELL_WORDS = 12  # long words of one question looked up for a misspelling
MIN_HEAD_LETTERS = 7  # the last part of a compound that names it alone: "påtegning"; "plan", "hal" end too many words
LONG_WORD_LETTERS = 9  # a word this long names a thing, though its stem is short ("bebyggelse": "bebyg")
MIN_STEM_OF_LONG_WORD = 5
PAST_TENSE_STEM = ("ed",)  # "sluttede" stems to "slutted"
MAX_COMPOUNDS_SEARCHED = 5  # "-overskud": the archive's most frequent compounds of a head it never writes alone
MIN_PART_LETTERS = 4  # parts of a compound: "budget" + "drøftelser"; shorter heads ("el", "bil") split anything
# Derivation and inflection endings, longest first: nouns of verbs (-ning, -else, -hed), participles, plurals.
DANISH_ENDINGS = ("ninger", "ningen", "ingen", "inger", "elsen", "elser", "heden", "ning", "else", "erne", "ing", "hed", "ene", "dt", "et", "en", "er", "t", "e", "s")
# Stems of strong and irregular verbs minutes use in compounds, present and past: "fremlægges"/"fremlagt",
# "vælges"/"valgt", "sælges"/"solgt". The stemmer cuts endings only, so each form is a word of its own to it.
STRONG_VERB_STEMS = (("læg", "lag"), ("vælg", "valg"), ("sælg", "solg"), ("tæl", "tal"), ("sæt", "sat"), ("spørg", "spurg"), ("bring", "brag"), ("træk", "truk"), ("gå", "gik"), ("tag", "tog"), ("giv", "gav"), ("stå", "stod"), ("drag", "drog"), ("få", "fik"))
_EDIT_LETTERS = "abcdefghijklmnopqrstuvwxyzæøåéü"


@dataclass(frozen=True, slots=True)
class Respelling:
    """A question's word that the archive does not have, and the archive's word one typo away."""

    asked: str  # as the question wrote it: "julefrokossten"
    archive: str  # as the minutes write it: "julefrokosten"


class Vocabulary:
    """The stems BM25 indexed, sorted, so prefixes and compounds can be looked up by bisection."""

    def __init__(self, lexical: LexicalIndex, chunks: Sequence[Chunk]) -> None:
        self.lexical, self.chunks = lexical, chunks
        self.stems = lexical.bm25.vocab_dict  # membership only; a copy of a million stems costs 50 MB
        self.ordered = tuple(sorted(w for w in self.stems if w[:1].isalpha()))
        self.reversed = tuple(sorted(w[::-1] for w in self.ordered))  # for the heads of compounds: "-påtegning"
        self._share_memo: dict[str, float] = {}

    def starts_a_word(self, prefix: str) -> bool:
        return starts_a_word(prefix, self.ordered)

    def ends_a_word(self, head: str) -> bool:
        """The stem is the last part of an archive compound: "påtegning" of "revisionspåtegning". Danish puts what
        a compound is last, so "påtegningen" asks about what the minutes call a "revisionspåtegning"."""
        return len(head) >= MIN_HEAD_LETTERS and starts_a_word(head[::-1], self.reversed)

    def head_of_compounds(self, stem: str) -> list[str]:
        """The archive's compounds of a stem it writes only as their last part ("katalogforslag" ->
        "budgetkatalogforslag"), most frequent first; [] for a stem it writes alone, or the start of a word."""
        if stem in self.stems or self.starts_a_word(stem) or stem.endswith(PAST_TENSE_STEM):
            return []  # a verb's past ("sluttede") is no compound's last part, though "besluttede" ends in it
        return self.compounds_ending(stem)[:MAX_COMPOUNDS_SEARCHED]

    def compounds_ending(self, head: str) -> list[str]:
        """The archive stems that end in this one, most frequent first: "overskud" -> "driftsoverskud"."""
        if len(head) < MIN_HEAD_LETTERS:
            return []
        found = [w[::-1] for w in words_starting(head[::-1], self.reversed)]
        return sorted(found, key=lambda w: -document_frequency(self.lexical, w))

    def share_starting(self, stem: str) -> float:
        """Share of chunks with a word that starts with the stem, as `topic.mentions` finds it: "kommun" counts
        "kommunen", "kommunaldirektøren" and "kommunalbestyrelsen" alike."""
        if (share := self._share_memo.get(stem)) is None:
            rows = [rows_with(self.lexical, w) for w in words_starting(stem, self.ordered)]
            share = self._share_memo[stem] = len(np.unique(np.concatenate(rows))) / self.lexical.size if rows else 0.0
        return share

    def knows(self, stem: str) -> bool:
        """The stem is an archive word, the start of one, or plainly a compound of two ("budgetdrøftelser").

        The head must be an archive stem as written; `compound_parts`, which stems it first, would make
        "hjemmearbejde" (hjemme -> hjem, + arbejde) known, and the minutes never discuss it (eval q117).
        Unknown words must prove they mean what a passage says (Honesty.pull_of).
        """
        if self.starts_a_word(stem) or self.ends_a_word(stem):
            return True
        for cut in range(MIN_PART_LETTERS, len(stem) - MIN_PART_LETTERS + 1):
            head, tail = stem[:cut], stem[cut:].lstrip("s")
            # Stems drop a final e ("møde" -> "mød"), so a compound's head may carry one.
            if (head in self.stems or head.rstrip("e") in self.stems) and len(tail) >= 3 and self.starts_a_word(tail):
                return True
        return False

    def compound_parts(self, stem: str) -> tuple[str, ...]:
        """The archive stems of a compound the archive never writes: "budgetdrøft" -> ("budg", "drøft").

        Danish joins words freely; the minutes may say "drøfter budget" where the question says
        "budgetdrøftelser". The longest known head wins: "kommunikationsgrupp" is "kommunikation" + "grupp",
        not "kommun" + "ikationsgrupp".
        """
        if stem in self.stems:
            return ()
        for cut in range(len(stem) - MIN_PART_LETTERS, MIN_PART_LETTERS - 1, -1):
            head, tail = stem[:cut], stem[cut:]
            # Stems drop a final e ("møde" -> "mød"), and compounds join with an s ("kommunikationsgruppe").
            head_stem = next((h for h in (*tokenize(head)[:1], head, head.rstrip("e")) if h in self.stems), "")
            if not head_stem:
                continue
            for t in dict.fromkeys((tail, tail[1:] if tail[:1] in "se" else tail)):
                # The tail as BM25 will look it up; four letters at least, or endings pass for words ("ing").
                tail_stem = t if t in self.stems else next(iter(tokenize(t)), "")
                if len(tail_stem) >= MIN_PART_LETTERS and tail_stem in self.stems:
                    return (head_stem, tail_stem)
        return ()

    def search_terms(self, text: str) -> list[str]:
        """The text's tokens for BM25, a compound the archive never writes searched as its parts."""
        out = []
        for token in tokenize(text):
            # A prefix of archive words ("forbered" of "forberedelse") is a word of its own, not a compound.
            known = token[0].isdigit() or token in self.stems or self.starts_a_word(token)
            if not known and (compounds := self.head_of_compounds(token)):
                # "overskud" where the minutes write "driftsoverskud": what they call it, not its parts ("over", "skud").
                out.extend(compounds)
                continue
            out.extend([token] if known else (self.compound_parts(token) or (token,)))
        return out

    def writes(self, word: str) -> bool:
        """Some chunk writes the word, in some form: its stem is an archive stem or begins one. Stricter than
        `knows`, which also accepts a compound of two archive words the minutes never write together."""
        stem = tokenize(word)
        return bool(stem) and (stem[0] in self.stems or self.starts_a_word(stem[0]))

    def inflection_of_known(self, word: str) -> bool:
        """The word is another form of a word the archive has: "indsamling" of "indsamle", "forberedt" of
        "forberede", "genforelægges" of "genforelagt". The stemmer leaves derivations and strong verbs whole; a root
        of six letters or more still names the topic."""
        for ending in DANISH_ENDINGS:
            root = word[: -len(ending)]
            if not word.endswith(ending) or len(root) < 6:
                continue
            if self.starts_a_word(root) or any(stem in self.stems for stem in tokenize(root)[:1]):
                return True
        stem = next(iter(tokenize(word)), "")
        for present, past in STRONG_VERB_STEMS:
            for this, other in ((present, past), (past, present)):
                if stem.endswith(this) and len(stem) > len(this) and stem[: -len(this)] + other in self.stems:
                    return True
        return False

    def unknown(self, word: str) -> bool:
        """A word of the question that occurs nowhere in the archive, in no form and in no compound."""
        stem = tokenize(word)
        if not stem or document_frequency(self.lexical, stem[0]) > 0:
            return False
        if len(word) >= LONG_WORD_LETTERS and len(stem[0]) >= MIN_STEM_OF_LONG_WORD and starts_a_word(stem[0][::-1], self.reversed):
            return False  # "bebyggelse" stems to "bebyg", too short a head alone, but the archive writes "etagebebyggelse"
        return not self.knows(stem[0]) and not self.inflection_of_known(word.lower())

    def respelled(self, question: str) -> tuple[str, tuple[Respelling, ...]]:
        """The question with each long unknown word replaced by the archive's word one typo away.

        One edit (a letter left out, added, changed or two swapped) of a word of eight letters or more is
        nearly always a misspelling of that word, rarely another word: "virksomhedspraktick". The more
        frequent of several candidates wins. The replacement is the word as a minute writes it, so the
        question still reads as a question to the dense model.
        """
        changes = []
        for word in dict.fromkeys(WORD.findall(question)):
            # "kulturgaarden", "udvalgsmoede": Danish letters typed on a keyboard without them.
            # Six letters at least, and a whole archive word: "broen" is no "brøn", "Rae" no "ræ".
            if len(word) >= MIN_ASCII_LETTERS and ASCII_LETTERS.search(word) and self.unknown(word):
                danish = _with_danish_letters(word.lower())
                if tokenize(danish)[:1] and tokenize(danish)[0] in self.stems:
                    changes.append(Respelling(word, danish))
        spelt = {c.asked for c in changes}
        unknown_words = [w for w in dict.fromkeys(WORD.findall(question)) if len(w) >= MIN_RESPELL_LETTERS and w not in spelt and self.unknown(w)]
        # A pasted paragraph may have dozens of unknown words; each costs a thousand candidate spellings (1-5 ms).
        for word in unknown_words[:MAX_RESPELL_WORDS]:
            stem = self.correction(word.lower())
            if stem and (shown := self.written_form(stem)):
                changes.append(Respelling(word, shown))
        text = question
        for change in changes:
            text = replace_word(text, change.asked, change.archive)
        return text, tuple(changes)

    def correction(self, word: str) -> str:
        """The archive stem of a spelling one edit from the word; "" when there is none.

        Edits of the word, not of its stem: one edit of a short stem reaches almost any word
        ("boligerne" -> "bolig" -> "bl"). The candidate must stay as long as a respelt word may be.
        """
        stems = stem_words(sorted(_one_edit(word)))
        candidates = {s for s in stems if len(s) >= MIN_RESPELL_LETTERS - 2 and s in self.stems}
        if not candidates:
            return ""
        return max(sorted(candidates), key=lambda c: document_frequency(self.lexical, c))

    def written_form(self, stem: str) -> str:
        """The stem as one chunk writes it ("julefrokost" -> "julefrokosten"): stems are not words to show."""
        rows = rows_with(self.lexical, stem)
        if not len(rows):
            return ""
        # BM25 indexed the text with its context prefix.
        return next((w.lower() for w in WORD.findall(self.chunks[rows[0]].embed_text) if tokenize(w)[:1] == [stem]), "")


ASCII_LETTERS = re.compile(r"aa|oe|ae", re.IGNORECASE)
MIN_ASCII_LETTERS = 6


def _with_danish_letters(word: str) -> str:
    return word.replace("aa", "å").replace("oe", "ø").replace("ae", "æ")


def replace_word(text: str, word: str, by: str) -> str:
    """The text with every whole occurrence of the word (any case) replaced."""
    return re.sub(rf"(?<![{LETTERS}]){re.escape(word)}(?![{LETTERS}])", by, text, flags=re.IGNORECASE)


def starts_a_word(prefix: str, ordered: Sequence[str]) -> bool:
    """A word of the sorted sequence starts with the prefix: one bisection, no scan."""
    i = bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)


def words_starting(prefix: str, ordered: Sequence[str]) -> list[str]:
    """The words of the sorted sequence that start with the prefix: one bisection, then the run of them."""
    i, found = bisect_left(ordered, prefix), []
    while i < len(ordered) and ordered[i].startswith(prefix):
        found.append(ordered[i])
        i += 1
    return found


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away (Norvig's edits1)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in _EDIT_LETTERS}
    inserts = {a + c + b for a, b in splits for c in _EDIT_LETTERS}
    return (deletes | swaps | changes | inserts) - {word}
