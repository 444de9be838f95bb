"""What a question asks for, read from its words: a decision, a meeting fact, a figure, a date, a name, the latest.

The words say what kind of answer is wanted, not what it is about; the answer step weighs sentences by them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .meeting_facts import ENDED_WORDS

# Question words that say what kind of answer is wanted, not what it is about.
DECISION_WORDS = re.compile(
    r"\b(beslut\w*|vedt[aoe]\w*|godkend\w*|konklu\w*|aftalt\w*|endte|udfald\w*|resultat\w*|fastlag\w*|fastsat\w*|ændr\w*|"
    r"sagde|mente|spurgte|spurgt|skete|sket|bemærked\w*|truff\w*|decid\w*|decision\w*|said|agreed|approv\w*|resolv\w*|conclu\w*|outcome|result\w*)\b",
    re.IGNORECASE,
)
# "fraværende" is said of people at a meeting; "fravær" is as often a topic ("elevernes fravær steg", "fraværet
# på møderne" in a school report), and asks about the meeting only of people ("hvem havde fravær").
ABSENCE_NOUN = re.compile(r"\bfravær(?:et|s)?\b", re.IGNORECASE)
PEOPLE_ASKED = re.compile(r"\b(?:hvem|who)\s+(?:havde|har|var|meldte|had|was)\b", re.IGNORECASE)
MEETING_WORDS = re.compile(
    r"\b(fraværende|hvem\s+mangled?e|deltog|deltagere|mødedeltager\w*|tilstede|til\s+stede|afbud|forfald|mødested|mødelokale\w*|absent\w*|attend\w*|present|participant\w*|venue|meeting room|where (?:was|were|did)|meet|holdt|afholdt|held|begyndte|startede|tidspunkt|klokken)\b",
    re.IGNORECASE,
)
NUMBER_WORDS = re.compile(
    r"\b(hvor (?:mange|meget|stor\w*|lang\w*|længe|høj\w*)|antal\w*|beløb\w*|måltal\w*|(?:time|takst|løn|dag)?sats(?:en|er|erne)?|takst\w*|pris\w*|kost(?:er|ede|e)|\w*procent\w*|"
    r"fastsat\w*\s+til|"  # "Hvad blev udskrivningsprocenten fastsat til?"
    r"how (?:many|much|long|high)|amount|number of|target|rate|price|cost\w*|percent\w*)\b",
    re.IGNORECASE,
)
WHO_WORDS = re.compile(r"\b(hvem|hvilken chef|hvilke chefer|hvilken afdeling|who|whom|which department)\b", re.IGNORECASE)
# A yes/no question ("Kommer der en ny indsamling?", "Blev planen godkendt?") is answered by what was decided.
YES_NO = re.compile(r"^\s*(blev|bliver|kommer|skal|skulle|vil|ville|kan|kunne|må|får|fik|godkendte|besluttede|vedtog|did|was|were|will|is|are)\b", re.IGNORECASE)
# "Hvad hedder de nye virksomhedsplaner?": asked for a name, answered by the sentence that gives it ("Navnet ... er Plan A").
NAME_ASKED = re.compile(r"\b(?:hedder|kaldes|kalder|navn\w*|betegn\w*|benævn\w*|called|named|name)\b", re.IGNORECASE)
LATEST_WORDS = re.compile(r"\b(seneste|senest|nuværende|aktuelle?|gældende|nu|latest|current|now)\b", re.IGNORECASE)
# Where a body meets ("Hvor holder udvalget sine møder?", "Hvor mødes Ældrerådet?"): a meeting's place.
WHERE_IT_MEETS = re.compile(r"^\s*hvor\b(?!\s+(?:mange|meget|ofte|tit|længe))(?=.*\b(?:møder|mødes)\b)", re.IGNORECASE)
WHY = re.compile(r"\b(?:hvorfor|why)\b", re.IGNORECASE)
WHEN_WORDS = re.compile(r"\b(hvornår|hvilken dato|hvilket møde|when|what date|which meeting)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Intent:
    decision: bool
    meeting: bool
    number: bool
    when: bool
    who: bool = False
    latest: bool = False  # "seneste", "nuværende": the newest treatment leads whatever it scores
    name: bool = False  # "Hvad hedder ...": the sentence that gives the name answers

    @classmethod
    def of(cls, question: str) -> "Intent":
        return cls(
            decision=bool(DECISION_WORDS.search(question) or YES_NO.search(question)),
            # "Hvorfor deltog Susanne Rasmussen som stedfortræder?": a reason is an item's, never the header's.
            meeting=not WHY.search(question) and bool(
                MEETING_WORDS.search(question) or ENDED_WORDS.search(question) or WHERE_IT_MEETS.search(question)
                or (ABSENCE_NOUN.search(question) and PEOPLE_ASKED.search(question))
            ),
            number=bool(NUMBER_WORDS.search(question)),
            when=bool(WHEN_WORDS.search(question)),
            who=bool(WHO_WORDS.search(question)),
            latest=bool(LATEST_WORDS.search(question)),
            name=bool(NAME_ASKED.search(question)),
        )
