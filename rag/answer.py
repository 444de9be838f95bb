"""Turn ranked chunks into an extractive `Answer`: quoted sentences from the minutes, each with a citation.

Nothing here writes prose of its own beyond the labels that say where a quote comes from
(body, date, item, section, "seneste"/"tidligere"); every claim is a verbatim quote.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from .config import Config
from .dates import DATE_IN_TEXT, YEAR_IN_TEXT, long_date
from .honesty import BODY_KIND, MIN_NAMED_LETTERS, NUMBER, Honesty, gives_a_figure, misspelt_asking, without, words_shown
from .index import Index
from .layouts import BODY_WORDS, DECISION, ROUTINE_TITLE
from .lexical import tokenize
from .decisions import decision_of
from .intent import Intent
from .meeting_facts import ABSENT_WORDS, MEETING_FACTS, TOWN_BODY, asks_of_the_meeting, meeting_facts
from .places import names_a_municipality
from .quotes import Quote
from .records import HEADER_ITEM, AgendaItem, Answer, Citation, Hit, Meeting, page_of
from .retrieve import Filters, Retrieval, Retriever, ranked_items
from .sentences import EMPTY_DECISION, PERSON_NAME, VOTE_ASKED, VOTE_SAID, SentencePicker
from .text import squash
from .topic import ENGLISH_FUNCTION_STEMS, INTENT_STEMS, Topics, asks_about_a_meeting, mentions, words_of


# When the next meeting is, and a sentence that says it ("Næste møde: 12. marts", "Udvalget mødes næste gang den 3. maj").
NEXT_MEETING_ASKED = re.compile(r"\b(?:hvornår|hvilken dato|when)\b.*\b(?:næste|kommende|next)\s+(?:\w+)?møde\w*|\bmødes\s+\w+\s+næste\s+gang|\bnext\s+meeting\b", re.IGNORECASE)
# An item that is the next meeting's date: "Næste møde", "Dato for næste møde" (not "Temaer til kommende møder").
NEXT_MEETING_TITLE = re.compile(r"^(?:(?:dato|tidspunkt)\s+for\s+)?(?:næste|kommende)\s+møde\s*[.:]?\s*$", re.IGNORECASE)
NEXT_MEETING_SAID = re.compile(r"\b(?:næste|kommende)\s+(?:\w+)?møde\w*|\bnæste\s+gang\b|\bnext\s+meeting\b", re.IGNORECASE)
# A body's name in running text: "Byrådet", "Økonomiudvalget", "Teknik- og Miljøudvalget", "kommunalbestyrelsen".
BODY_NAME_IN_TEXT = re.compile(rf"\b(?:[A-ZÆØÅ][\w\-]*\s+og\s+)?[\wÆØÅæøå\-]*(?:{BODY_WORDS}|magistrat(?:en)?)\b", re.IGNORECASE)
NOT_FOUND = "Jeg fandt intet svar i referaterne."
NO_QUOTES = "De punkter, der ligner spørgsmålet mest, har ingen tekst at citere (kun en overskrift eller en tom beslutning)."
PLACE_OR_BODY = re.compile(rf"(?:Kommune|Region)\w*$|\w*{BODY_WORDS}\w*$", re.IGNORECASE)
LEAD_CANDIDATES = 5  # top items an item named by the question may lead from
LATEST_CANDIDATES = 3  # top items the newest treatment of a matter may lead from when the latest is asked
LEAD_SHARE = 0.85  # the newest item leads when its best quote scores at least this share of the best
# "under punkt 4": one item of the meeting, not all of them.
ITEM_REFERENCE = re.compile(r"\b(?:punkt|pkt\.?|item|dagsordenspunkt)\s*(?P<number>\d{1,4})\b", re.IGNORECASE)
TOPIC_NUMBER = re.compile(r"(?<![\d.,:/-])\d{3,4}(?!\d)(?![.,:/-]\d)")  # a year or figure of the topic ("budget 2031"), not a date's part
ACRONYM = re.compile(r"\b[A-ZÆØÅ]{2,}\b")  # "IT", "MED", "ERP": topics, though "it" and "med" are stop words
# "det seneste møde"; "næste møde" too: the newest minutes in an archive are often the agenda of the next meeting.
LATEST_MEETING = re.compile(r"\b(?:seneste|sidste|forrige|næste|kommende|latest|last|next|upcoming)\s+(?:møde|meeting)", re.IGNORECASE)
AGENDA_APPROVAL = re.compile(r"godkendelse af (?:dagsorden|referat)", re.IGNORECASE)
IDENTIFIER = re.compile(r"(?<![\d.,])\d{2,4}(?:\s*[-–/]\s*\d{2,4})?(?![\d])(?![.,]\d)")
# Stems; not "-møde": "Byrådets budgetmøde" may be the body's own meeting.
OTHER_EVENT = re.compile(r"(?:seminar|konferenc|workshop|arrangement|besøg|studietur|fest|messe|kursus|kurs|årsmød|generalforsaml|landsmød|træf)\w*$")
AGENDA_MARK = " (dagsorden, ikke referat)"
MIN_TRUSTED_TYPO_LETTERS = 12  # a question of nothing but a misspelt word this long is read as the word it misspells


NEAREST_MEMO = 4096  # items whose nearest neighbour is remembered


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
        self.vocabulary = index.vocabulary
        # The towns that name bodies ("Herning Byråd"): "byrådsmødet i Herning" asks of a meeting, not a topic.
        self._body_words = frozenset(t for m in index.meetings.values() if (town := TOWN_BODY.match(m.body)) for t in tokenize(town["town"]))
        # The three parts of an answer's judgement, each in its module: what the words are about, whether what
        # was found answers, and which sentences of an item say it.
        self.topics = Topics(index)
        self.honesty = Honesty(index, self.retriever, self.topics)
        self.sentences = SentencePicker(index, self.retriever, self.topics)

    def __call__(self, question: str, filters: Filters = Filters(), retriever: str | None = None) -> Answer:
        retrieval = self.retriever(question, filters, retriever)
        return self.answer(retrieval, filters)

    def answer(self, retrieval: Retrieval, filters: Filters = Filters()) -> Answer:
        cfg = self.config
        applied = _filters_dict(filters, retrieval)
        hits = retrieval.hits
        if not hits:
            note = "Ingen møder i indekset passer til filtrene." if applied else "Indekset er tomt."
            return Answer(retrieval.question, False, f"{NOT_FOUND} {note}", (), hits, note, applied)
        intent = Intent.of(retrieval.text)
        topic = self._topic(retrieval)
        terms = self.topics.terms(topic)
        if retrieval.glosses:
            # An English question's topic in the minutes' words, so sentences are told apart by words too.
            terms = list(dict.fromkeys(self.topics.terms(self.retriever.without_body_names(retrieval.glossed)) + terms))
        # Every word as asked, not only those the archive knows: "lønafdelingen" is a topic even if no minute says it.
        # Nor the town ("Seniorrådet i Gladsaxe"): where the minutes are from, not what about.
        untowned = " ".join(w for w in topic.split() if not names_a_municipality(w.strip(".,;:?!")))
        topic_left = [t for t in tokenize(untowned) if t[:1].isalpha() and not asks_about_a_meeting(t) and t not in INTENT_STEMS | ENGLISH_FUNCTION_STEMS]
        topic_left += ACRONYM.findall(topic)
        if not intent.meeting and not topic_left and not ITEM_REFERENCE.search(retrieval.text) and not NEXT_MEETING_ASKED.search(retrieval.text):
            if meetings := self._meetings_asked_about(retrieval, filters):
                return self._overview(retrieval, meetings, intent, applied)
            if retrieval.dropped_dates:
                # "Hvad blev besluttet i december 2023?" asks about that period and nothing else.
                whose = f" for {filters.body or retrieval.body}" if filters.body or retrieval.body else ""
                note = f"Ingen møder{whose} i indekset ligger i perioden '{retrieval.dropped_dates}'."
                return _not_found(retrieval, hits, note, applied)
        items = ranked_items(hits)
        english = retrieval.english
        # The words as the user wrote them: a respelling is a guess ("flygtninge" is one edit from "flytning"),
        # so a respelt word must pass the same test as any other word the minutes never use.
        absent = self.honesty.absent_glosses(retrieval) if english else self.honesty.absent_terms(retrieval.question)
        # An everyday word the minutes never use is no new topic when the table gives words they do use for it.
        synonyms_of = {} if english else {g.asked.lower(): g for g in retrieval.glosses}
        absent = [w for w in absent if w not in synonyms_of]
        # A misspelt word of how one asks ("besltutet", "fraværnde") is no topic: its respelling says what was asked.
        asking = misspelt_asking(retrieval)
        absent = [w for w in absent if w not in asking]
        # A town the minutes never name ("i Frederikssund"): where they are from, as a portal leaves it to its address.
        towns = [w for w in absent if names_a_municipality(w)]
        absent = [w for w in absent if w not in towns]
        # The unknown words pull the question toward the passages it is nearest to: another word for what
        # the minutes discuss ("snerydning" for "vintervedligehold"), not a topic they never mention.
        respelt = {r.asked.lower() for r in retrieval.respellings}
        # One letter from an archive word this long ("kompetenseplanen"), the typo is the likelier reading than a topic
        # the minutes never mention; shorter words have other words one letter away ("flygtninge": "flytning").
        absent = [w for w in absent if not (w in respelt and len(w) >= MIN_TRUSTED_TYPO_LETTERS)]
        pulls = bool(absent) and retrieval.best_dense >= cfg.min_dense_score and self.honesty.pull_of(absent, retrieval) >= cfg.synonym_pull
        if absent and not pulls and set(absent) <= respelt and not any(ch.isalnum() for ch in without(retrieval.question, absent)):
            # "trafiksikerhedsplan" alone: nothing is left to measure a pull against. One letter from a long archive
            # word, the typo is the likelier reading than a topic the minutes never mention.
            pulls = all(len(w) >= MIN_TRUSTED_TYPO_LETTERS for w in absent)
        refusal, shown = self.honesty.why_not_answered(retrieval, absent, pulls)
        # "1000" where the minutes write "1.000": either spelling known is known.
        if not refusal and (numbers := [n for n in TOPIC_NUMBER.findall(topic) if self.vocabulary.unknown(n) and self.vocabulary.unknown(f"{n[:-3]}.{n[-3:]}")]):
            # "Blev budget 2031 vedtaget?": no minute names that year or figure, so none says what was decided
            # of it; a sentence about another budget is no answer. Meaning cannot stand in for a number.
            refusal, shown = f"{words_shown(numbers, 'Tallet', 'Tallene')} forekommer ikke i nogen af referaterne.", True
        spelt_as = ("Søgt som referaterne staver det: " + ", ".join(f"'{r.asked}' som '{r.archive}'" for r in retrieval.respellings) + ".") if respelt else ""
        worded_as = ("Søgt også med referaternes ord: " + ", ".join(f"'{g.asked}' som '{', '.join(g.danish)}'" for g in synonyms_of.values()) + ".") if synonyms_of else ""
        searched_as = " ".join(n for n in (spelt_as, worded_as) if n)
        if refusal:
            note = f"{refusal} {searched_as}".strip()
            return _not_found(retrieval, hits if shown else (), note, applied)
        # Other words for what the minutes say (not misspellings of their words) are answered by meaning.
        other_words = [w for w in absent if w not in respelt]
        synonyms = pulls and bool(other_words)
        meaning_note = f"{words_shown(other_words)} står ikke i referaterne; svaret bygger på ordenes betydning." if synonyms else ""
        # A date that matched no meeting was searched without (it may name an event: "temamødet den 18. april"); say so.
        other_period = f"Ingen møder ligger i perioden '{retrieval.dropped_dates}'; svaret er fra andre møder." if retrieval.dropped_dates else ""
        town_note = f"{words_shown([w.capitalize() for w in towns], 'Bynavnet', 'Bynavnene')} står ikke i referaterne; svaret er fra de referater, der findes." if towns else ""
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
                return _not_found(retrieval, wider.hits, note, applied)
        subject = [t for t in terms if not asks_of_the_meeting(t)]  # not "regionsrådsmødet": every item of it is the body's
        # The header answers who or when only when it names the matter as well as the items do: "Skovboskolen,
        # mødelokale K2" is no answer to who chairs its board when an item says "Formanden, Erik Andersen".
        covered = {k: self.topics.coverage(subject, self.topics.texts_of(k)) for k in items[:3]} if subject else {}
        header_says = lambda k: k[1] == HEADER_ITEM and bool(subject) and covered[k] >= max(covered.values())  # noqa: E731
        # "Hvem blev valgt som ny formand?": an item titled by the matter ("Valg af ny formand") says who became it;
        # the header's "Gitte Kjær, Formand" says only who held it at the meeting.
        titled = any(self._titled_by(k, subject) for k in items[:3])
        if not (intent.meeting or (intent.when and not subject) or ((intent.when or intent.who) and any(header_says(k) for k in items[:1]) and not titled)):
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
        other_event = any(OTHER_EVENT.search(t) for t in beyond + [w for g in retrieval.glosses for d in g.danish for w in tokenize(d)])
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
            if intent.latest:
                chosen += self._newest_titled(items, chosen, subject)
            # Meaning is read from the topic: "i 2023" would pull toward any sentence that names 2023.
            meaning_of = " ".join(topic.split()) if by_meaning else ""
            quotes_by_item = [(key, self.sentences.best(key, retrieval.text, intent, terms, hits, meaning_of)) for key in chosen]
        quotes_by_item = [(k, q) for k, q in quotes_by_item if q]
        if not quotes_by_item:
            # A meeting was found, but its minutes do not say who was there or where: say that, not "nothing found".
            note = NO_QUOTES
            if intent.meeting:
                note = "Referatet af mødet nævner ingen fraværende." if ABSENT_WORDS.search(retrieval.text) else "Referatet af mødet oplyser ikke det, der spørges om (deltagere, fravær, sted eller tid)."
            return _not_found(retrieval, hits, note, applied)
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
        # ... or that gives a date under a title that says it is the next meeting's ("Dato for næste møde" / "7. juni kl. 16").
        if NEXT_MEETING_ASKED.search(retrieval.text) and not any((NEXT_MEETING_SAID.search(q.text) or NEXT_MEETING_TITLE.search(q.title)) and DATE_IN_TEXT.search(q.text) for _, qs in quotes_by_item for q in qs):
            # "Hvornår er næste møde?": only a sentence that dates the next meeting answers; the minutes at hand
            # are of meetings already held.
            note = "Referaterne siger ikke, hvornår næste møde holdes."
            return _not_found(retrieval, hits, note, applied)
        if intent.number and not intent.meeting and not any(gives_a_figure(t, retrieval.text) for _, qs in quotes_by_item for q in qs for t in (q.text, q.title)):
            # "Hvad koster ombygningen af Kulturgården?": the matter is there, its price is not. No figure quoted, in
            # digits or words ("femten nye bænke"), nor in the item's title ("Alfabo - 39 familieboliger"), is no answer.
            # Figures score up when a number is asked, so one left unquoted is of something else.
            note = self._mentioned_but(quotes_by_item[0][0], "intet tal eller beløb for det, der spørges om")
            return _not_found(retrieval, hits, note, applied)
        votes = [q.text for _, qs in quotes_by_item for q in qs if VOTE_SAID.search(q.text)]
        if VOTE_ASKED.search(retrieval.text) and not (votes and (not intent.number or any(NUMBER.search(t) for t in votes))):
            # "Hvor mange stemte for?" is not answered by "et flertal", but by "17 stemmer mod 8" or "A, B og C (17)".
            # "Hvem stemte imod ...?" over minutes that say only "Tiltrådt.": the matter is there, no vote is recorded.
            note = self._mentioned_but(quotes_by_item[0][0], "ingen afstemning om det")
            return _not_found(retrieval, hits, note, applied)
        if not intent.meeting and (unsaid := self.honesty.unmentioned(topic, absent, retrieval, [k for k, _ in quotes_by_item])):
            if retrieval.body and not filters.body:
                # "Hvorfor vil Henrik Nielsen udtræde af byrådet?": the council is what he leaves, not whose minutes tell
                # it; the committee's item that names the council answers (searched once more, every body's minutes).
                wider = self.answer(self.retriever(retrieval.question, filters, retrieval.retriever, named_body=False), filters)
                if wider.found and self._names_body((wider.citations[0].meeting_id, wider.citations[0].item), retrieval.body):
                    return wider
            # Meaning stands in for words the minutes do not use, or for another language; it cannot stand in for
            # the words they do use. "Elbilladestandere ved rådhuset": if the passages meaning finds never name the
            # town hall, they are about something else.
            missing = f"{words_shown(other_words)} forekommer ikke i nogen af referaterne, og " if synonyms else ""
            unsaid_note = f"{missing}{words_shown(unsaid, 'ordet', 'ordene') if missing else words_shown(unsaid)} står ikke i de punkter, der ligner spørgsmålet mest."
            note = " ".join(n for n in (unsaid_note, searched_as) if n)
            return _not_found(retrieval, hits, note, applied)
        if not intent.meeting and (unnamed := self.honesty.numbers_unnamed(topic, [k for k, _ in quotes_by_item])):
            note = f"{words_shown(unnamed, 'Betegnelsen', 'Betegnelserne')} står ikke i de punkter, der ligner spørgsmålet mest."
            return _not_found(retrieval, hits, note, applied)
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
                if quotes := self.sentences.what_the_item_did(meeting, item):
                    # On an agenda the note says once that nothing is decided yet, not every item.
                    lines += self._item_lines(meeting, item.number, quotes, citations, say_undecided=intent.decision and meeting.has_decisions)
        if not citations:
            note = "Møderne, spørgsmålet gælder, har ingen punkter med tekst at citere."
            return _not_found(retrieval, retrieval.hits, note, applied)
        note = "Spørgsmålet nævner intet emne: mødets punkter, hver med sin beslutning."
        if intent.decision and (agendas := [m for m in shown if not m.has_decisions]):
            note += f" {_dates_shown(agendas)} er en dagsorden uden beslutninger; citaterne er indstillingerne."
        if len(meetings) > len(shown):
            note += f" Perioden har {len(meetings)} møder; de {len(shown)} nyeste vises."
        hits = self._hits_covering(retrieval.hits, citations)
        return Answer(retrieval.question, True, "\n".join(lines), tuple(citations), hits, note, applied)


    def _topic(self, retrieval: Retrieval) -> str:
        """The question without what is not its topic: the body that decided and the dates that filtered."""
        topic = self.retriever.without_body_names(retrieval.text)
        for phrase in (retrieval.date_range.phrase if retrieval.date_range else "", retrieval.dropped_dates):
            topic = topic.replace(phrase, " ") if phrase else topic
        return topic


    def _mentioned_but(self, key: tuple[str, int], lacking: str) -> str:
        """The note of a refusal whose matter the minutes do discuss: where, and what they lack."""
        where = self.index.meetings[key[0]]
        return f"Referaterne nævner det ({where.body} {long_date(where.date)}, punkt {key[1]}), men {lacking}."

    def _titled_by(self, key: tuple[str, int], subject: list[str]) -> bool:
        """An item (not the header) whose title names the question's matter: "Valg af ny formand", "Kommuneplan 2021-2033"."""
        item = self._item(key) if key[1] != HEADER_ITEM else None
        return item is not None and bool(subject) and self.topics.coverage(subject, [item.title]) > 0

    def _names_body(self, key: tuple[str, int], body: str) -> bool:
        """The item's text names the body ("godkendt i Byrådet"), in any of its forms."""
        wanted = self.retriever.key(body)
        return any(self.retriever.key(" ".join(m.group(0).split())) == wanted for t in self.topics.texts_of(key) for m in BODY_NAME_IN_TEXT.finditer(t))


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
        title_terms = self.topics.terms(top_item.title)
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
            similar_title = bool(title_terms) and self.topics.coverage(title_terms, [item.title]) >= 0.5
            on_topic = bool(terms) and self.topics.coverage(terms, [item.title]) >= 0.5
            near = (not shared or self._mentions(key, shared)) and self._mutual_nearest(top, key)  # the costly test last
            if same_case or (similar_title and on_topic) or near:
                chosen.append(key)
        return chosen

    def _newest_titled(self, items, chosen, subject: list[str]) -> list[tuple[str, int]]:
        """"Hvad er den seneste beslutning om kommuneplanen?": the newest of the top items titled by the matter, when
        newer than every item chosen ("Kommuneplan 2021-2033" beside "Stevns Kommuneplan 2017"); newest first, it leads."""
        titled = [k for k in items[:LATEST_CANDIDATES] if self._titled_by(k, subject)]
        newest = max(titled, key=lambda k: self.index.meetings[k[0]].date, default=None)
        if newest is None or newest in chosen or any(self.index.meetings[k[0]].date >= self.index.meetings[newest[0]].date for k in chosen):
            return []
        return [newest]

    @staticmethod
    def _first_that_leads(items, names_it) -> list[tuple[str, int]]:
        """Of the top items, the first that `names_it` leads; the order of the others stays."""
        lead = next((key for key in items[:LEAD_CANDIDATES] if names_it(key)), None)
        return items if lead is None else [lead] + [k for k in items if k != lead]

    def _named_in_the_minutes_words_first(self, items, glosses) -> list[tuple[str, int]]:
        """"Snerydning på skolerne", searched as "vintervedligehold": the word the minutes use for the matter names
        it, the others qualify it. Of the top items, the first that uses it leads."""
        # Not a short word ("computerne": pc), more often a thing the matter is about than the matter.
        stems = [t for g in glosses for w in g.danish for t in self.topics.terms(w) if t[:1].isalpha() and len(t) >= MIN_NAMED_LETTERS]
        if not stems:
            return items
        return self._first_that_leads(items, lambda key: key[1] != HEADER_ITEM and any(mentions(t, *words_of(x)) for t in stems for x in self.topics.texts_of(key)))

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
        return self._first_that_leads(items, lambda key: any(n in t for n in names for t in self.topics.texts_of(key)))

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
        texts = self.topics.texts_of(key)
        return self.topics.coverage(terms, texts) > 0 and ids <= _identifiers(" ".join(texts))

    def _item(self, key: tuple[str, int]) -> AgendaItem | None:
        return self.index.meetings[key[0]].item(key[1])

    def _has_decision(self, meeting: Meeting, number: int) -> bool:
        item = meeting.item(number)
        return bool(item and any(not EMPTY_DECISION.match(s.text) for s in item.section(DECISION)))

    # -- sentences -----------------------------------------------------------------------------


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


def _identifiers(text: str) -> frozenset[str]:
    """Numbers that name a matter: a plan's number or period ("lokalplan 145", "2021-2024"); not a year alone,
    which as often dates the question ("indikatorerne for 2024", "fra Budget 2023 ... i 2024")."""
    return frozenset(re.sub(r"\s*[-–/]\s*", "-", m) for m in IDENTIFIER.findall(text) if not YEAR_IN_TEXT.fullmatch(m))


def _dates_shown(meetings: list[Meeting]) -> str:
    return ("Mødet " if len(meetings) == 1 else "Møderne ") + ", ".join(f"{m.body} {m.date.strftime('%d-%m-%Y')}" for m in meetings)


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


def _not_found(retrieval: Retrieval, hits, note: str, applied: dict) -> Answer:
    """The honest answer: nothing quoted, the note says why, the hits stay for whoever wants to look."""
    return Answer(retrieval.question, False, NOT_FOUND, (), tuple(hits), note, applied)


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
