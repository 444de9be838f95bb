"""English questions over Danish minutes: the Danish words an English question's words stand for.

The small multilingual encoder matches "internship placements" to "virksomhedspraktik" poorly, and BM25 not
at all; with the minutes' own words added, both rank as they do for a Danish question (eval/README.md has
the numbers). The glossary is a table of municipal words (`glossary_en_da.tsv`), not a translator: a word it
does not know is searched as written, which is right for names, numbers and loanwords ("ERP", "Plan A").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import ReferatError

GLOSSARY_FILE = Path(__file__).with_name("glossary_en_da.tsv")
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

    english: str  # as the glossary spells it: "procurement plan"
    danish: tuple[str, ...]  # ("udbudsplan",)
    asked: str = ""  # as the question wrote it: "Procurement Plans"
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


@lru_cache(maxsize=4)
def _load(path: Path) -> Glossary:
    entries: dict[str, tuple[str, ...]] = {}
    asking: set[str] = set()
    part = ""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ReferatError(f"cannot read the glossary {path}: {e}; Config.glossary_file names a TSV of English<TAB>Danish lines") from e
    for number, line in enumerate(lines, 1):
        if line.startswith("# --"):
            part = line[4:].strip()  # "# -- how one asks: ..." starts the part of words that ask; others name topics
        if not line.strip() or line.startswith("#"):
            continue
        english, tab, danish = line.partition("\t")
        alternatives = tuple(a.strip() for a in danish.split(",") if a.strip())
        if not (tab and english.strip() and alternatives):
            raise ReferatError(f"{path}:{number}: a glossary line is an English word or phrase, a tab, then Danish words: {line!r}")
        key = " ".join(english.lower().split())
        entries[key] = alternatives
        if part.startswith(ASKING_PART):
            asking.add(key)
    return Glossary(entries, frozenset(asking))


def danish_words(glosses: tuple[Gloss, ...] | list[Gloss], topic_only: bool = False) -> str:
    """The minutes' words for the glossed words; `topic_only` leaves out those of how one asks."""
    return " ".join(word for g in glosses if not (topic_only and g.asking) for word in g.danish)
