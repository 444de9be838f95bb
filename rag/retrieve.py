"""Rank chunks for a question: dense (FAISS) and lexical (BM25) rankings fused by reciprocal rank fusion.

RRF needs no score calibration between the two rankers, which matters because cosine and BM25
scores live on different scales; each ranker votes with its ranks only.
"""

from __future__ import annotations

from collections import OrderedDict
import re
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from .config import Config
from .dates import DANISH_MONTHS, DateRange, date_range_in_question
from .decisions import decision_of
from .errors import BadQuestionError
from .glossary import Gloss, Glossary, Synonyms, danish_words
from .index import Index, search_vectors
from .layouts import DECISION
from .lexical import rows_with, rows_with_year, tokenize
from .records import Hit
from .text import is_english
from .vocabulary import Respelling

MAX_QUESTION_CHARS = 2000  # longer questions are cut; nobody asks in more words, and encoding stays fast


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrictions a user sets in the UI or CLI; the question itself may add a date range."""

    body: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class Retrieval:
    question: str
    hits: tuple[Hit, ...]  # chunks, best item first, best chunk first within an item
    date_range: DateRange | None  # read from the question
    best_dense: float  # highest cosine of any allowed chunk: how close the corpus comes at all
    dropped_dates: str = ""  # a date phrase of the question that matched no meeting, so it was not applied
    body: str = ""  # a body the question names ("hvad besluttede Økonomiudvalget ..."), searched alone
    retriever: str = "hybrid"  # the ranker that ordered the hits
    searched: str = ""  # the question as searched: misspelt words as the minutes spell them
    respellings: tuple[Respelling, ...] = ()
    english: bool = False  # asked in English: no Danish word is expected in it
    glosses: tuple[Gloss, ...] = ()  # words of the question the minutes never use (or English ones) and the minutes' words for them

    @property
    def glossed(self) -> str:
        """The minutes' words the question was searched with beside its own."""
        return danish_words(self.glosses)

    @property
    def text(self) -> str:
        """What the later steps read the question as."""
        return self.searched or self.question


# The council goes by either name: a citizen of Aarhus asks what "byrådet" decided, minutes headed
# "Kommunalbestyrelsen" are "byrådets" to many. Each names the archive's one council, when it has one.
COUNCIL_WORDS = ("byråd", "kommunalbestyrelse")


def body_key(name: str) -> str:
    """One key for a body's spellings: "Miljø- og Byudvalg", "Miljø- og Byudvalget", "Byrådet"/"Byråd"."""
    return re.sub(r"(?:ets|ens|et|en|e|s)$", "", " ".join(name.lower().split()))


# A council's key with a town's name before it, at most: "aarhus byråd", "byråd", "kommunalbestyrels"; not a youth
# or seniors' council ("Ungdommens Byråd", "Ældre Byrådet"), which is another body.
COUNCIL_KEY = re.compile(rf"(?P<town>(?!(?:unge?|ungdom\w*|ældre|senior\w*|børn\w*)\s)[^\W\d]+\s+)?(?:{'|'.join(body_key(w) for w in COUNCIL_WORDS)})")


def one_council(names: list[str]) -> dict[str, str]:
    """Body keys that name one council: a municipality's minutes print "Byrådet", "Aarhus Byråd" and
    "Kommunalbestyrelsen" for the same body. Not when councils of two towns are among them."""
    councils = sorted({k for name in names if COUNCIL_KEY.fullmatch(k := body_key(name))})
    towns = {(COUNCIL_KEY.fullmatch(k)["town"] or "").strip() for k in councils} - {""}
    if len(councils) < 2 or len(towns) > 1:
        return {}
    return {k: councils[0] for k in councils}


def _name_pattern(names: list[str]) -> re.Pattern[str]:
    """Any of the names, definite or genitive ("Økonomiudvalget", "Kommunalbestyrelsens"), as whole words, however
    its words are joined: "Teknik-, Erhverv-, Plan- og Miljøudvalget" is "Teknik, Erhverv, Plan og Miljøudvalget"."""
    spelt = {r"[\s,\-–&/]+".join(map(re.escape, words)) for n in names if (words := re.findall(r"\w+", n))}
    alternatives = "|".join(sorted(spelt, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:et|en|e|n|s|ets|ens|ns)?(?!\w)", re.IGNORECASE)


def clean_question(question: str) -> str:
    """The question as it will be searched; raise BadQuestionError when nothing is searchable."""
    if not isinstance(question, str):
        raise BadQuestionError("the question must be text")
    q = " ".join(question.split())[:MAX_QUESTION_CHARS]
    if not q:
        raise BadQuestionError("the question is empty: ask about something in the minutes")
    if not any(ch.isalnum() for ch in q):
        raise BadQuestionError("the question has no words or numbers to search for")
    return q


class Retriever:
    """Ranks chunks of one loaded index; keeps the model and question vectors warm across questions."""

    def __init__(self, index: Index, embedder=None) -> None:
        self.index = index
        self.config: Config = index.config
        self._embedder = embedder
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        # Who decided each item, read once: the council's names and the bodies' masks both need it.
        decided = [(m.meeting_id, item.number, b) for m in index.meetings.values() for item in m.items for sec in item.section(DECISION) if (b := decision_of(sec).body)]
        self._council = one_council([m.body for m in index.meetings.values()] + [b for _, _, b in decided])
        # Days and body numbers, not strings: comparing 740,000 strings took milliseconds a question.
        self._dates = np.array([c.meeting_date for c in index.chunks], dtype="datetime64[D]")
        self._body_numbers: dict[str, int] = {}
        self._bodies = np.array([self._body_numbers.setdefault(self.key(c.body), len(self._body_numbers)) for c in index.chunks], dtype=np.int32)
        # A body decides in other bodies' minutes too: an agenda prints "Magistraten, 02-09-2025" in a case's
        # history, minutes "Økonomiudvalgets beslutning den ...". Those items are that body's as well.
        item_numbers: dict[tuple[str, int], int] = {}
        self._chunk_items = np.array([item_numbers.setdefault((c.meeting_id, c.item_number), len(item_numbers)) for c in index.chunks], dtype=np.int64)
        self._decided_by: dict[str, set[int]] = {}
        spellings: dict[str, dict[str, None]] = {}  # body key -> its names, a meeting's own spelling first (shown)
        for meeting in index.meetings.values():
            if meeting.body.strip():
                spellings.setdefault(self.key(meeting.body), {})[meeting.body] = None
        for meeting_id, number, b in decided:
            if (row := item_numbers.get((meeting_id, number))) is not None:
                self._decided_by.setdefault(self.key(b), set()).add(row)
                spellings.setdefault(self.key(b), {})[b] = None
        councils = [k for k in spellings if any(re.search(rf"(?<!\w){body_key(w)}", k) for w in COUNCIL_WORDS)]  # not "ungebyråd"
        self._body_names = [
            (next(iter(names)), _name_pattern([*names, *(COUNCIL_WORDS if councils == [k] else ())]))
            for k, names in sorted(spellings.items(), key=lambda kv: -max(map(len, kv[1])))  # longest first
        ]
        self._body_masks: dict[str, np.ndarray] = {}  # by body key: built once, asked several times a question
        self.glossary = Glossary.load(self.config.glossary_file)
        self.synonyms = Synonyms.load(self.config.synonyms_file)

    def key(self, body: str) -> str:
        """One key for a body's names (body_key), and for the council's several names (one_council)."""
        return self._council.get(k := body_key(body), k)

    def body_in_question(self, question: str) -> str:
        """The body a question names, when the archive holds minutes of more than one body."""
        if len(self._body_names) < 2:
            return ""
        return next((name for name, pattern in self._body_names if pattern.search(question)), "")

    def without_body_names(self, text: str) -> str:
        """The text with every body's name taken out: in "hvad besluttede Chefforum om ...", who decided is
        not what the question is about. Whole names only: "Børne- og Skoleudvalget" must not take "børn"."""
        for _, pattern in self._body_names:
            text = pattern.sub(" ", text)
        return text

    @property
    def embedder(self):
        if self._embedder is None:
            from .embed import Embedder

            self._embedder = Embedder(self.config)
        return self._embedder

    def forget_questions(self) -> None:
        """Empty the question-vector cache, so the next question is encoded as a new one would be (timing)."""
        self._query_cache.clear()

    def query_vector(self, question: str) -> np.ndarray:
        if (v := self._query_cache.get(question)) is not None:
            self._query_cache.move_to_end(question)
            return v
        v = self.embedder.encode_query([question])[0]
        self._query_cache[question] = v
        if len(self._query_cache) > 256:
            self._query_cache.popitem(last=False)
        return v

    def allowed(self, filters: Filters, date_range: DateRange | None) -> np.ndarray | None:
        """Boolean mask of chunks the filters allow, or None when nothing is filtered."""
        if not (filters.body or filters.date_from or filters.date_to or date_range):
            return None  # a mask of a large archive costs milliseconds to build and to check
        mask = np.ones(len(self.index.chunks), dtype=bool)
        if filters.body:
            mask &= self._body_mask(self.key(filters.body))
        if filters.date_from:
            mask &= self._dates >= np.datetime64(filters.date_from, "D")
        if filters.date_to:
            mask &= self._dates <= np.datetime64(filters.date_to, "D")
        if date_range is not None:
            in_question = np.zeros(len(mask), dtype=bool)
            for a, b in date_range.periods:
                in_question |= (self._dates >= np.datetime64(a, "D")) & (self._dates <= np.datetime64(b, "D"))
            for year in date_range.years:
                # Earlier minutes that plan the year ("udviklingsuge 2024" in March 2023), and later ones that look
                # back on it ("regnskab 2020" in March 2021: "Hvor stort var overskuddet i 2020?").
                rows = rows_with_year(self.index.lexical, year)  # the title and text as BM25 indexed them
                in_question[rows] = True
            for year, month in date_range.months:
                # The month and its year written in one chunk ("12. september 2016"), before the month.
                rows = np.intersect1d(rows_with(self.index.lexical, str(year)), rows_with(self.index.lexical, tokenize(DANISH_MONTHS[month - 1])[0]))
                in_question[rows[self._dates[rows] < np.datetime64(date(year, month, 1), "D")]] = True
            mask &= in_question
        return None if mask.all() else mask

    def _body_mask(self, key: str) -> np.ndarray:
        """Chunks of the body's own minutes and of the items it decided in others' (a case history)."""
        if (mask := self._body_masks.get(key)) is None:
            mask = self._bodies == self._body_numbers.get(key, -1)
            if decided := self._decided_by.get(key):
                items = np.zeros(int(self._chunk_items.max()) + 1, dtype=bool)
                items[np.fromiter(decided, dtype=np.int64)] = True
                mask |= items[self._chunk_items]  # a lookup, not np.isin's sort
            self._body_masks[key] = mask
        return mask

    def __call__(self, question: str, filters: Filters = Filters(), retriever: str | None = None, named_body: bool = True) -> Retrieval:
        """`named_body=False` searches every body's minutes, even when the question names one."""
        q = clean_question(question)
        mode = retriever or self.config.retriever
        # Misspelt words are searched as the minutes spell them ("septemper" too, before dates are read);
        # English is not respelt into Danish.
        english = is_english(q)
        vocabulary = self.index.vocabulary
        searched, respellings = (q, ()) if english else vocabulary.respelled(q)
        if english:
            glosses, unglossed = self.glossary.glosses(q)
        else:  # everyday words the minutes never use, with the minutes' words for them ("vuggestuer": dagtilbud)
            glosses, unglossed = self.synonyms.glosses(searched, vocabulary.unknown, vocabulary.writes), ()
        named_body = "" if filters.body or not named_body else self.body_in_question(searched)
        if named_body:
            filters = replace(filters, body=named_body)
        date_range = date_range_in_question(searched)
        mask = self.allowed(filters, date_range)
        if date_range is not None and mask is not None and not mask.any():
            # A date in the question may name an event ("temamødet den 18. april"), not a meeting;
            # when no meeting falls in it, the question is searched without it.
            dropped, date_range = date_range.phrase, None
            mask = self.allowed(filters, None)
        else:
            dropped = ""
        n = len(self.index.chunks)
        if n == 0 or (mask is not None and not mask.any()):
            return Retrieval(q, (), date_range, 0.0, dropped, named_body, mode, searched, respellings, english, glosses)
        allowed_ids = np.flatnonzero(mask) if mask is not None else None
        depth = min(self.config.candidates, n if allowed_ids is None else len(allowed_ids))

        dense_rank: dict[int, int] = {}
        cosine: dict[int, float] = {}
        # Dense cosines are needed in every mode: they tell the answer step how close the corpus comes.
        # A body's name and how one asks ("decide") are in every chunk and every question: only the topic helps.
        danish = " ".join(self.without_body_names(danish_words(glosses, topic_only=True)).split())
        # The English question with the minutes' words beside it: the encoder matches those far better.
        qv = self.query_vector(f"{searched} ({danish})" if danish else searched)
        scores, ids = search_vectors(self.index.vectors, qv, depth, allowed_ids)
        for r, (i, s) in enumerate(zip(ids[0], scores[0])):
            if i >= 0:
                dense_rank[int(i)] = r
                cosine[int(i)] = float(s)
        lexical_rank: dict[int, int] = {}
        if mode in ("hybrid", "lexical"):
            if english:
                # The minutes' words for the question's, and the words written the same in both ("ERP", "2025");
                # an English word split as a Danish compound would match Danish noise.
                terms = vocabulary.search_terms(danish) + [t for t in tokenize(" ".join(unglossed)) if t in vocabulary.stems]
            else:
                # Chunks of the meetings the date names are all that is searched; a chunk that writes the date as well
                # ("temamødet den 18. april 2023") is no likelier to answer.
                words = searched.replace(date_range.phrase, " ") if date_range is not None and date_range.only_when_held else searched
                terms = vocabulary.search_terms(f"{words} {danish}")
            bm = self.index.lexical.scores(terms, mask)
            if mask is not None:
                bm = np.where(mask, bm, 0.0)
            # Most chunks of a large archive share no word with the question; rank only those that do.
            matched = np.flatnonzero(bm > 0)
            top = matched[top_k(bm[matched], depth)]
            lexical_rank = {int(i): r for r, i in enumerate(top)}

        k = self.config.rrf_k
        fused: dict[int, float] = {}
        if mode in ("hybrid", "dense"):
            for i, r in dense_rank.items():
                fused[i] = fused.get(i, 0.0) + 1.0 / (k + r + 1)
        if mode in ("hybrid", "lexical"):
            for i, r in lexical_rank.items():
                fused[i] = fused.get(i, 0.0) + 1.0 / (k + r + 1)
        missing = [i for i in fused if i not in cosine]
        if missing:
            vecs = self.index.vectors.reconstruct_batch(np.array(missing, dtype=np.int64))
            cosine.update({i: float(v @ qv) for i, v in zip(missing, vecs)})
        best_dense = max(cosine.values(), default=0.0)
        return Retrieval(q, self._group_by_item(fused, cosine), date_range, best_dense, dropped, named_body, mode, searched, respellings, english, glosses)

    def _group_by_item(self, fused: dict[int, float], cosine: dict[int, float]) -> tuple[Hit, ...]:
        """Order chunks by their item's best score, then by their own; items are what users cite."""
        chunks = self.index.chunks
        by_item: dict[tuple[str, int], list[int]] = {}
        for i in sorted(fused, key=lambda i: -fused[i]):
            by_item.setdefault((chunks[i].meeting_id, chunks[i].item_number), []).append(i)
        hits, rank = [], 1
        for members in sorted(by_item.values(), key=lambda ids: -fused[ids[0]]):
            for i in members:
                hits.append(Hit(chunks[i], fused[i], rank, cosine.get(i, 0.0), i))
                rank += 1
        return tuple(hits)


TOP_K_SAMPLE_STRIDE = 16


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores, best first, ties in index order: `np.argsort(-scores, kind="stable")[:k]`
    without sorting every chunk of a large archive.

    Example:
        >>> top_k(np.array([0.1, 0.5, 0.5, 0.9]), 2).tolist()
        [3, 1]
    """
    if k >= len(scores):
        return np.argsort(-scores, kind="stable")[:k]
    if len(scores) > TOP_K_SAMPLE_STRIDE * k * 4:
        # The k-th best of every 16th score is no higher than the k-th best of all: every score at or
        # above it is a candidate, a few hundred instead of the 300,000 chunks a common word matches.
        floor = np.partition(scores[::TOP_K_SAMPLE_STRIDE], -k)[-k]
        candidates = np.flatnonzero(scores >= floor)
        if len(candidates) < len(scores):  # not all one tie
            return candidates[top_k(scores[candidates], k)]
    kth = scores[np.argpartition(-scores, k - 1)[:k]].min()  # argpartition: np.partition crawls on many ties
    above = np.flatnonzero(scores > kth)
    tied = np.flatnonzero(scores == kth)[: k - len(above)]
    chosen = np.concatenate([above, tied])
    return chosen[np.argsort(-scores[chosen], kind="stable")]


def ranked_items(hits: tuple[Hit, ...] | list[Hit]) -> list[tuple[str, int]]:
    """Distinct (meeting_id, item) in hit order."""
    seen: dict[tuple[str, int], None] = {}
    for h in hits:
        seen.setdefault((h.chunk.meeting_id, h.chunk.item_number), None)
    return list(seen)
