"""Lexical ranking: BM25 (bm25s) over Danish-stemmed words, with case numbers and numbers kept whole.

Exact words matter in minutes ("Plan A", "00.01.00-P35-9-22", "80"); the dense model blurs them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

# Function words of Danish and English questions; they only add noise to BM25.
STOPWORDS = frozenset(
    """
    og i at det der en den til er som på de med han af for ikke var mig sig men et har om vi min havde ham hun
    nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være
    dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget
    sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan hvem hvornår
    hvilke hvilken hvilket hvorfor hvordan hvor mange blevet der om ved mht kan får fik
    the a an of to in on for is was were what which who when why how did do does about and or by with at from
    be been are that this those these it its as into has have had
    """.split()
)
UBIQUITOUS_SHARE = 0.9  # BM25's idf of a word in this share of chunks is at most 0.1; an informative word's is 2 to 8
_TOKEN = re.compile(r"\d+(?:[.,:/-]\d+)*(?:-[a-zæøå]\d+(?:-\d+)*)?|[a-zæøå]+(?:-[a-zæøå]+)*|\d+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("danish")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed content words; numbers and case numbers as they are.

    Example:
        >>> tokenize("Hvad blev besluttet om virksomhedspraktikker i 2023?")
        ['beslut', 'virksomhedspraktik', '2023']
    """
    words = []
    for m in _TOKEN.finditer(text.lower()):
        token = m.group(0)
        if token in STOPWORDS:
            continue
        if token[0].isdigit():
            words.append(token)
            continue
        for part in token.split("-"):
            if part and part not in STOPWORDS and len(part) > 1:
                words.append(part)
    return [w if w[0].isdigit() else _stem(w) for w in words]


@lru_cache(maxsize=1 << 18)
def _stem(word: str) -> str:
    # One string per stem: the tokens of 740,000 chunks held as separate strings took gigabytes.
    return _stemmer().stemWord(word)


def stem_words(words: list[str]) -> list[str]:
    """Stems of many words in one call, not kept: candidate spellings would crowd out the index's words."""
    return _stemmer().stemWords(words)


YEAR_SPAN = re.compile(r"((?:19|20)\d\d)[-/]((?:19|20)\d\d|\d\d)")
MAX_SPAN_YEARS = 12  # "2024-2035" is a plan's period; "1999-2030" more likely two numbers


class LexicalIndex:
    """BM25 over chunk texts; row i is chunk i, like the FAISS index."""

    def __init__(self, bm25: bm25s.BM25, size: int) -> None:
        self.bm25, self.size = bm25, size
        self._year_spans: dict[int, list[str]] | None = None

    def year_spans(self, year: int) -> list[str]:
        """The tokens of periods that take in the year ("2020-2022", "2019/20"): budget periods are written so."""
        if self._year_spans is None:
            spans: dict[int, list[str]] = {}
            for token in self.bm25.vocab_dict:
                if (m := YEAR_SPAN.fullmatch(token)) and (a := int(m[1])) < (b := int(m[2]) if len(m[2]) == 4 else a // 100 * 100 + int(m[2])) <= a + MAX_SPAN_YEARS:
                    for y in range(a, b + 1):
                        spans.setdefault(y, []).append(token)
            self._year_spans = spans
        return self._year_spans.get(year, [])

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        bm25 = bm25s.BM25()
        # bm25s cannot index an empty corpus or an empty document; a placeholder token keeps rows aligned.
        bm25.index([tokenize(t) or ["\u2400"] for t in texts] or [["\u2400"]], show_progress=False)
        return cls(bm25, len(texts))

    def scores(self, tokens: list[str], allowed: np.ndarray | None = None) -> np.ndarray:
        """BM25 score of every chunk for the question's tokens (zeros when no word matches); `allowed`, a mask of
        the chunks the filters leave, or None for all."""
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        # A word in nearly every chunk (a body's name is in every chunk's prefix) weighs almost nothing,
        # yet makes every chunk a match that must be ranked: 5 ms a question on 740,000 chunks.
        tokens = [t for t in tokens if document_frequency(self, t) < UBIQUITOUS_SHARE] or tokens
        if allowed is not None and (n := int(allowed.sum())):
            # Nor can a word in nearly every chunk left rank them: "udvalget" over one committee's meeting, whose
            # name is in each of its chunks. BM25's idf is the archive's, so it would weigh as if it told them apart.
            tokens = [t for t in tokens if allowed[rows_with(self, t)].sum() < UBIQUITOUS_SHARE * n] or tokens
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)[: self.size]

    def save(self, folder: Path) -> None:
        self.bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> "LexicalIndex":
        return cls(bm25s.BM25.load(str(folder), show_progress=False, verbosity=0), size)


def document_frequency(index: LexicalIndex, token: str) -> float:
    """Share of chunks containing a (tokenized) word; 0 for unknown words."""
    return len(rows_with(index, token)) / index.size if index.size else 0.0


def rows_with_year(index: LexicalIndex, year: int) -> np.ndarray:
    """Rows that write the year, alone or in a period that takes it in ("46,4 mio. kr. for 2020-2022")."""
    rows = [rows_with(index, str(year))] + [rows_with(index, t) for t in index.year_spans(year)]
    return np.unique(np.concatenate(rows))


def rows_with(index: LexicalIndex, token: str) -> np.ndarray:
    """Rows of the chunks that contain a (tokenized) word: BM25's postings, no scan of the texts."""
    t = index.bm25.vocab_dict.get(token)
    if t is None or index.size == 0:
        return np.zeros(0, dtype=np.int64)
    indptr = index.bm25.scores["indptr"]
    return np.asarray(index.bm25.scores["indices"][indptr[t] : indptr[t + 1]], dtype=np.int64)
