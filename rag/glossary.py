"""The minutes' own words for a question's words: English ones, and everyday Danish ones the minutes never use.

The small multilingual encoder matches "internship placements" to "virksomhedspraktik" poorly, and BM25 not
at all; with the minutes' own words added, both rank as they do for a Danish question (eval/README.md has
the numbers). The same holds within Danish: a citizen asks about "vuggestuer" and "snerydning", the minutes
say "dagtilbud" and "vintervedligehold", and e5-small links neither pair. Two tables of municipal words,
not translators: `glossary_en_da.tsv` (English -> Danish) and `synonyms_da.tsv` (everyday Danish -> the
administration's words). A word neither knows is searched as written, which is right for names, numbers and
loanwords ("ERP", "Plan A").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from .errors import ReferatError
from .lexical import tokenize

GLOSSARY_FILE = Path(__file__).with_name("glossary_en_da.tsv")
SYNONYMS_FILE = Path(__file__).with_name("synonyms_da.tsv")
DANISH_WORD = re.compile(r"[a-zæøåéü]+", re.IGNORECASE)
MIN_COMPOUND_PART = 4  # "presse" of "presseenheden"; shorter parts ("el", "is") would split any word
LINKS = ("", "s", "e")  # how Danish joins the parts of a compound: "kommunikation-s-enhed"
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
MAX_PHRASE_WORDS = 4
ASKING_PART = "how one asks"  # the table's part of words that say what kind of answer is wanted
# How one asks, in English: no topic of a question (answer.py reads what is left as its topic).
ENGLISH_QUESTION_WORDS = frozenset(
    "what which who whom was were is are be been did do does done has have had the a an at on in of to for about "
    "by with from that this there it its any all".split()
)
# Never searched as written either, though a topic could rest on them ("what is new").
ENGLISH_FUNCTION_WORDS = ENGLISH_QUESTION_WORDS | frozenset(
    "whose being these those and or not no how when where why will would should could can may might must shall "
    "into than then so as if up out new".split()
)


@dataclass(frozen=True, slots=True)
class Gloss:
    """An English word or phrase of a question and the words the minutes use for it."""

    term: str  # as the table spells it: "procurement plan", "vuggestue"
    danish: tuple[str, ...]  # the minutes' words: ("udbudsplan",), ("dagtilbud",)
    asked: str = ""  # as the question wrote it: "Procurement Plans", "vuggestuerne"
    asking: bool = False  # a word of how one asks ("decide", "meeting"), not of what about


class Glossary:
    def __init__(self, entries: dict[str, tuple[str, ...]], asking: frozenset[str] = frozenset()) -> None:
        self.entries = entries
        self.asking = asking
        self._words = {w for phrase in entries for w in phrase.split()}

    @classmethod
    def load(cls, path: Path = GLOSSARY_FILE) -> "Glossary":
        return _load(path)

    def glosses(self, text: str) -> tuple[tuple[Gloss, ...], tuple[str, ...]]:
        """The text's glossed words and phrases (longest phrase first), and its other words that are no
        function words, as written: names, numbers, loanwords."""
        written = ENGLISH_WORD.findall(text)
        words = [self._base_form(w.lower()) for w in written]
        found: dict[str, Gloss] = {}
        rest: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(MAX_PHRASE_WORDS, len(words) - i), 0, -1):
                phrase = " ".join(words[i : i + n])
                if phrase in self.entries:
                    found.setdefault(phrase, Gloss(phrase, self.entries[phrase], " ".join(written[i : i + n]), phrase in self.asking))
                    i += n
                    break
            else:
                if words[i] not in ENGLISH_FUNCTION_WORDS:
                    rest.append(written[i])
                i += 1
        rest += re.findall(r"\d[\d.,]*", text)  # "2025", "0,5": numbers are the same in both languages
        return tuple(found.values()), tuple(dict.fromkeys(rest))

    def _base_form(self, word: str) -> str:
        """The glossary's form of an inflected word: "placements" -> "placement", "approved" -> "approve"."""
        if word in self._words:
            return word
        candidates = []
        if word.endswith("ies"):
            candidates.append(word[:-3] + "y")
        if word.endswith("es"):
            candidates.append(word[:-2])
        if word.endswith("s"):
            candidates.append(word[:-1])
        if word.endswith("ed"):
            candidates += [word[:-1], word[:-2], word[:-3]]  # approved, wanted, planned
        if word.endswith("ing"):
            candidates += [word[:-3], word[:-3] + "e"]
        return next((c for c in candidates if c in self._words), word)


def read_table(path: Path, what: str) -> list[tuple[str, tuple[str, ...], str]]:
    """A table's lines as (key, alternatives, part); `# -- part` lines name the part of the lines below them."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ReferatError(f"cannot read the {what} {path}: {e}; it is a TSV of word<TAB>the minutes' words") from e
    rows, part = [], ""
    for number, line in enumerate(lines, 1):
        if line.startswith("# --"):
            part = line[4:].strip()
        if not line.strip() or line.startswith("#"):
            continue
        key, tab, words = line.partition("\t")
        alternatives = tuple(a.strip() for a in words.split(",") if a.strip())
        if not (tab and key.strip() and alternatives):
            raise ReferatError(f"{path}:{number}: a {what} line is a word or phrase, a tab, then the minutes' words: {line!r}")
        rows.append((" ".join(key.lower().split()), alternatives, part))
    return rows


@lru_cache(maxsize=4)
def _load(path: Path) -> Glossary:
    rows = read_table(path, "glossary")
    # "# -- how one asks: ..." starts the part of words that ask; others name topics.
    return Glossary({key: words for key, words, _ in rows}, frozenset(key for key, _, part in rows if part.startswith(ASKING_PART)))


class Synonyms:
    """Everyday Danish words -> the words minutes use for the same thing ("vuggestue" -> "dagtilbud").

    Looked up only for a word the archive never uses (a word it uses is searched as it is), or for a phrase
    ("aftale med staten" -> "økonomiaftale"), and only the minutes' words this archive knows are kept: the
    table may not make a topic the minutes never discuss look discussed. Matched by Danish stems, so
    "vuggestuerne" finds "vuggestue"; a compound the table does not list is glossed by a part it does
    ("presseenheden": "presse" -> "kommunikation", searched as "kommunikationsenheden" when the minutes write that).
    """

    def __init__(self, entries: dict[tuple[str, ...], tuple[str, tuple[str, ...]]]) -> None:
        self.entries = entries  # stemmed key -> (key as written, the minutes' words)
        self._longest = max((len(k) for k in entries), default=1)

    @classmethod
    def load(cls, path: Path = SYNONYMS_FILE) -> "Synonyms":
        return _load_synonyms(path)

    def glosses(self, text: str, unknown: Callable[[str], bool], written: Callable[[str], bool]) -> tuple[Gloss, ...]:
        """The text's phrases in the table, and its words the archive does not know (`unknown`) that the table
        or a part of them is in, each with those of the minutes' words that the archive writes (`written`)."""

        def kept(words: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(w for w in words if all(written(part) for part in DANISH_WORD.findall(w)))

        found: dict[str, Gloss] = {}
        # Phrases first: "aftalen med staten" names "økonomiaftale" though each word is known on its own.
        stems = tokenize(text)
        for n in range(min(self._longest, len(stems)), 1, -1):
            for i in range(len(stems) - n + 1):
                if (entry := self.entries.get(tuple(stems[i : i + n]))) and (words := kept(entry[1])):
                    found.setdefault(entry[0], Gloss(entry[0], words, entry[0]))
        for word in dict.fromkeys(DANISH_WORD.findall(text)):
            if len(word) < MIN_COMPOUND_PART or not unknown(word):
                continue
            entry = self._entry(word.lower())
            if words := (kept(entry[1]) if entry else self._compound(word.lower(), written)):
                found.setdefault(word.lower(), Gloss(entry[0] if entry else word.lower(), words, word))
        return tuple(found.values())

    def _entry(self, word: str, exact: bool = False) -> tuple[str, tuple[str, ...]] | None:
        """The table's line for a word: same stem, and the word is the key or an inflection of it. The stem
        alone would gloss "politikken" as "politiker" (both stem to "politik")."""
        stem = tokenize(word)
        entry = self.entries.get((stem[0],)) if stem else None
        if entry and (word == entry[0] or (not exact and word.startswith(entry[0]))):
            return entry
        return None

    def _compound(self, word: str, written: Callable[[str], bool]) -> tuple[str, ...]:
        """A compound with a table word for a part, that part replaced: "presseenheden" -> "kommunikationsenheden",
        "licitationskalenderen" -> "udbudsplan" (both parts), when the archive writes the result; failing
        that, the minutes' words for the replaced parts on their own."""
        apart: tuple[str, ...] = ()
        for cut in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
            head, rest = word[:cut], word[cut:]
            for link in LINKS:
                tail = rest[len(link):]
                if not rest.startswith(link) or len(tail) < MIN_COMPOUND_PART:
                    continue
                # A first part is written bare ("presse-enheden"), a last one inflected ("-enheden").
                heads, tails = self._targets(head, exact=True), self._targets(tail)
                if not (heads or tails):
                    continue
                for h in heads or (head,):
                    for t in tails or (tail,):
                        for joint in LINKS:
                            if " " not in (joined := h + joint + t) and written(joined):
                                return (joined,)
                # Not written together: the parts, as the minutes write them ("byggeinvesteringer": anlæg).
                usable = lambda words: [w for w in words if all(written(p) for p in DANISH_WORD.findall(w))]
                if not apart and (usable(heads) or written(head)) and (usable(tails) or written(tail)):
                    apart = tuple(usable(heads)[:1] + usable(tails)[:1])
        return apart

    def _targets(self, part: str, exact: bool = False) -> tuple[str, ...]:
        entry = self._entry(part, exact)
        return entry[1] if entry else ()


@lru_cache(maxsize=4)
def _load_synonyms(path: Path) -> Synonyms:
    entries: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for key, words, _ in read_table(path, "synonym table"):
        if stems := tuple(tokenize(key)):
            entries.setdefault(stems, (key, words))
    return Synonyms(entries)


def danish_words(glosses: tuple[Gloss, ...] | list[Gloss], topic_only: bool = False) -> str:
    """The minutes' words for the glossed words; `topic_only` leaves out those of how one asks."""
    return " ".join(word for g in glosses if not (topic_only and g.asking) for word in g.danish)
