"""Chunking, the FAISS/BM25 index and hybrid ranking, on the real model and the real seeds."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from rag.chunk import chunk_meetings
from rag.config import Config
from rag.errors import CorruptIndexError, IndexMissingError, ModelError, StaleIndexError
from rag.index import build_index, load_index
from rag.lexical import tokenize
from rag.parse import parse_paths
from rag.retrieve import Filters, Retriever, ranked_items

from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_meetings():
    return parse_paths([SEEDS]).meetings


def test_chunk_never_crosses_an_agenda_item_and_quotes_its_source_exactly(seed_meetings):
    for meeting in seed_meetings:
        for chunk in chunk_meetings([meeting], Config()):
            assert chunk.text == meeting.text[chunk.start : chunk.end]
            if chunk.item_number == 0:
                assert meeting.header.start <= chunk.start and chunk.end <= meeting.header.end
            else:
                item = meeting.item(chunk.item_number)
                assert item.start <= chunk.start and chunk.end <= item.end


def test_chunks_keep_the_token_budget_and_carry_their_context(seed_meetings):
    config = Config()
    chunks = chunk_meetings(seed_meetings, config)
    decision = next(c for c in chunks if c.meeting_date == "2023-11-23" and c.item_number == 6 and c.section == "Beslutning")
    assert decision.embed_text.startswith("Chefforum 23-11-2023 - Punkt 6: Virksomhedspraktik og løntilskud")
    assert "Beslutning" in decision.embed_text.split("\n")[0]
    own_tokens = [c.n_tokens for c in chunks]
    assert max(own_tokens) <= config.chunk_tokens + 60  # budget for the text plus its one-line context prefix
    # The meeting header (date, place, attendees) is indexed as item 0 of every meeting.
    assert {c.meeting_id for c in chunks if c.item_number == 0} == {m.meeting_id for m in seed_meetings}


def test_no_chunk_is_truncated_by_the_models_own_limit(seed_meetings, embedder):
    chunks = chunk_meetings(seed_meetings, Config())
    assert max(embedder.token_counts([c.embed_text for c in chunks])) <= embedder.model.max_seq_length == 512


def test_embedder_refuses_a_chunk_the_model_would_truncate(seed_meetings, embedder):
    chunk = chunk_meetings(seed_meetings, Config())[5]
    too_long = replace(chunk, embed_text="virksomhedspraktik " * 600)
    with pytest.raises(ModelError, match="over the model's limit of 512"):
        embedder.check_lengths([too_long])


def test_faiss_search_matches_brute_force_dot_product(seed_index, embedder):
    q = embedder.encode_query(["hvad blev besluttet om virksomhedspraktik?"])[0]
    matrix = seed_index.vectors.reconstruct_n(0, seed_index.vectors.ntotal)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-4)
    scores, ids = seed_index.vectors.search(q[None, :], 10)
    expected = np.argsort(-(matrix @ q))[:10]
    assert list(ids[0]) == list(expected)
    assert scores[0] == pytest.approx((matrix @ q)[expected], abs=1e-5)


def _top_items(index, question, k=2, **kwargs):
    hits = Retriever(index, embedder=index.embedder)(question, **kwargs).hits
    dates = {m: index.meetings[m].date.isoformat() for m in index.meetings}
    return [(dates[m], i) for m, i in ranked_items(hits)[:k]]


def test_retrieve_ranks_both_virksomhedspraktik_decisions_first(seed_index):
    assert sorted(_top_items(seed_index, "hvad blev besluttet om virksomhedspraktik?")) == [("2023-03-30", 7), ("2023-11-23", 6)]


def test_an_english_question_finds_the_same_items(seed_index):
    assert sorted(_top_items(seed_index, "what was decided about work placements?")) == [("2023-03-30", 7), ("2023-11-23", 6)]


def test_each_ranker_alone_still_finds_the_matter(seed_index):
    for mode in ("dense", "lexical"):
        top = _top_items(seed_index, "virksomhedspraktik og løntilskud", k=2, retriever=mode)
        assert set(top) == {("2023-03-30", 7), ("2023-11-23", 6)}, mode


def test_a_year_in_the_question_restricts_the_meetings(seed_index):
    top = _top_items(seed_index, "hvad blev besluttet om virksomhedsplaner i 2019?", k=5)
    assert top and all(d.startswith("2019") for d, _ in top)


def test_a_year_named_alone_allows_earlier_minutes_that_write_it_and_no_later_ones(seed_index):
    from rag.dates import date_range_in_question
    from rag.lexical import rows_with, rows_with_year

    mask = Retriever(seed_index).allowed(Filters(), date_range_in_question("Hvem planlægger udviklingsugen i 2024?"))
    allowed = {i for i in np.flatnonzero(mask)}
    # The year alone or a period that takes it in ("2024-2027").
    naming = set(rows_with_year(seed_index.lexical, 2024).tolist())
    spans = ["2024", *seed_index.lexical.year_spans(2024)]
    assert all(any(s in seed_index.chunks[i].embed_text for s in spans) for i in naming) and rows_with(seed_index.lexical, "cykelsti").size == 0
    for i, chunk in enumerate(seed_index.chunks):
        in_2024 = chunk.meeting_date.startswith("2024")
        earlier_naming = i in naming and chunk.meeting_date < "2024"
        assert (i in allowed) == (in_2024 or earlier_naming), chunk.chunk_id
    assert any(seed_index.chunks[i].meeting_date == "2023-03-30" for i in allowed)  # "udviklingsuge 2024" was planned then
    # A user's date filter still applies on top.
    narrowed = Retriever(seed_index).allowed(Filters(date_from=date(2024, 1, 1)), date_range_in_question("Hvem planlægger udviklingsugen i 2024?"))
    assert all(seed_index.chunks[i].meeting_date >= "2024-01-01" for i in np.flatnonzero(narrowed))


def test_a_word_in_every_chunk_the_filters_leave_does_not_rank_them(seed_index):
    # Every chunk of the meeting of 13 April 2023 carries its date in its context line, so among them the date
    # tells nothing; the archive's idf would weigh it as though it did ("udvalget" over one committee's minutes).
    lexical = seed_index.lexical
    meeting = np.array([c.meeting_date == "2023-04-13" for c in seed_index.chunks])
    with_date = lexical.scores(["budg", "13-04-2023"], meeting)[meeting]
    assert np.allclose(with_date, lexical.scores(["budg"], meeting)[meeting])
    # Over the whole archive it tells that meeting apart, and counts.
    assert not np.allclose(lexical.scores(["budg", "13-04-2023"])[meeting], lexical.scores(["budg"])[meeting])


def test_filters_by_date_range_and_body(seed_index):
    top = _top_items(seed_index, "budget", k=10, filters=Filters(date_from=date(2024, 1, 1)))
    assert top and all(d == "2024-11-20" for d, _ in top)
    assert _top_items(seed_index, "budget", filters=Filters(body="Økonomiudvalget")) == []


def test_manifest_records_model_chunking_and_corpus(seed_index):
    manifest = seed_index.manifest
    assert manifest["model_name"] == "packaged:multilingual-e5-small"
    assert manifest["dimension"] == 384
    assert manifest["chunking"]["chunk_tokens"] == Config().chunk_tokens
    assert manifest["chunks"] == len(seed_index.chunks) == seed_index.vectors.ntotal
    assert len(manifest["corpus_files"]) == 5
    assert all(re.fullmatch(r"[0-9a-f]{64}", f["sha256"]) for f in manifest["corpus_files"].values())
    assert [m["date"] for m in manifest["meetings"]] == ["2019-09-12", "2023-03-30", "2023-04-13", "2023-11-23", "2024-11-20"]


@pytest.fixture()
def index_copy(seed_index_dir, tmp_path):
    target = tmp_path / "index"
    shutil.copytree(seed_index_dir, target)
    return target


def test_load_refuses_an_index_built_with_another_model(index_copy):
    with pytest.raises(StaleIndexError, match="built with model 'packaged:multilingual-e5-small'"):
        load_index(Config(index_dir=index_copy, model_name="intfloat/multilingual-e5-base"))


def test_load_refuses_an_index_of_another_referat_version(index_copy):
    manifest = json.loads((index_copy / "manifest.json").read_text())
    manifest["referat_version"] = "0.0.1"
    (index_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(StaleIndexError, match="built by referat 0.0.1"):
        load_index(Config(index_dir=index_copy))


def test_load_reports_a_truncated_vector_file(index_copy):
    data = (index_copy / "vectors.faiss").read_bytes()
    (index_copy / "vectors.faiss").write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptIndexError, match="damaged"):
        load_index(Config(index_dir=index_copy))


def test_load_reports_a_missing_index(tmp_path):
    with pytest.raises(IndexMissingError, match="referat index"):
        load_index(Config(index_dir=tmp_path / "nothing"))


def test_load_notices_a_changed_corpus(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    config = Config(index_dir=tmp_path / "index")
    build_index([corpus], config, embedder=embedder)
    first = sorted(corpus.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nEkstra linje.\n", encoding="utf-8")
    with pytest.raises(StaleIndexError, match=re.escape(first.name)):
        load_index(config)


def test_reindexing_an_unchanged_corpus_encodes_nothing(tmp_path, embedder):
    config = Config(index_dir=tmp_path / "index")
    first = build_index([SEEDS], config, embedder=embedder)
    again = build_index([SEEDS], config, embedder=embedder)
    assert first.encoded == first.chunks > 0
    assert again.encoded == 0 and again.chunks == first.chunks
    assert load_index(config).vectors.ntotal == first.chunks


def test_a_body_named_in_the_question_restricts_the_search_to_its_minutes(tmp_path, embedder):
    from rag.answer import Answerer

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    shutil.copy(Path(__file__).parent / "fixtures" / "udvalg_miljoe_2020-09-15.txt", corpus)
    (corpus / "kb.txt").write_text(
        "Udvalg: Kommunalbestyrelsen\nDato: Tirsdag den 29. september 2020\nTid: Kl. 19:00\nSted: Rådhuset\n\n"
        "1. Trafiksikkerhedsplan 2021-2024\n\n05.13.00-P20-3-19\n\nBeslutning\nPlanen blev vedtaget.\n",
        encoding="utf-8",
    )
    config = Config(index_dir=tmp_path / "index")
    build_index([corpus], config, embedder=embedder)
    index = load_index(config)
    retriever = Retriever(index, embedder=embedder)
    answerer = Answerer(index, retriever)
    # The committee's name, definite form: only its meeting is searched, and the answer says so.
    answer = answerer("Hvad besluttede Miljø- og Byudvalget om budget?")
    assert {h.chunk.body for h in answer.hits} == {"Miljø- og Byudvalg"}
    assert answer.filters["question_body"] == "Miljø- og Byudvalg"
    assert retriever("Hvad besluttede Chefforum om trafiksikkerhed?").body == "Chefforum"
    assert {h.chunk.body for h in retriever("Hvad besluttede Chefforum om trafiksikkerhed?").hits} == {"Chefforum"}
    # The one council is "byrådet" as well as "kommunalbestyrelsen", in any form.
    for asked in ("Hvad besluttede byrådet om trafiksikkerhed?", "Hvad var byrådets beslutning?", "kommunalbestyrelsens beslutning om trafik"):
        assert retriever(asked).body == "Kommunalbestyrelsen", asked
    # No body named, or one set by the user: nothing added.
    assert retriever("Hvad blev besluttet om trafiksikkerhed?").body == ""
    assert retriever("Hvad besluttede Chefforum om budget?", Filters(body="Miljø- og Byudvalg")).body == ""


def test_a_misspelt_word_is_searched_as_the_minutes_spell_it(seed_index):
    from rag.vocabulary import Respelling

    question = "Hvad skal der ske med julefrokossten i Økonomi & Stab?"
    retrieval = Retriever(seed_index, embedder=seed_index.embedder)(question)
    assert retrieval.respellings == (Respelling("julefrokossten", "julefrokost"),)
    assert "julefrokost " in retrieval.searched
    assert _top_items(seed_index, question, k=1) == [("2023-03-30", 8)]


@pytest.mark.parametrize(
    "question",
    [
        "Hvad blev besluttet om elbilladestandere?",  # no archive word one typo away
        "What did the chief forum decide about internships?",  # English is not respelt into Danish
        "Hvad med julefrokosten?",  # an archive word as it stands
    ],
)
def test_words_with_no_archive_spelling_one_typo_away_are_searched_as_asked(seed_index, question):
    retrieval = Retriever(seed_index, embedder=seed_index.embedder)(question)
    assert retrieval.respellings == () and retrieval.searched == retrieval.question


def test_a_compound_the_minutes_never_write_is_searched_as_its_parts(seed_index):
    vocabulary = seed_index.vocabulary
    # The minutes write "drøfter budget", never "budgetdrøftelser".
    assert vocabulary.search_terms("budgetdrøftelser") == [*tokenize("budget"), *tokenize("drøftelser")]
    # Knowing both parts is not knowing the topic: the minutes never discuss working from home.
    assert vocabulary.unknown("hjemmearbejde")
    assert not vocabulary.unknown("budgetdrøftelser")


@pytest.mark.parametrize("word", ["fastlægges", "tilrettelagt", "gennemgik", "inddrog", "modtog"])
def test_a_strong_verbs_other_form_is_a_word_the_minutes_use(seed_index, word):
    # The seeds write "fastlagt", "tilrettelægges", "gennemgår", "inddrages", "modtagere": the stemmer keeps
    # "fastlag" and "fastlæg", "gennemgik" and "gennemgå" apart.
    assert not seed_index.vocabulary.unknown(word)


@pytest.mark.parametrize("question", ["Hvad blev besluttet om boligerne?", "Hvad blev besluttet om eleverne og klasserne?", "Hvornår renoveres strandene?"])
def test_a_correct_word_is_not_respelt_into_a_short_archive_word(seed_index, question):
    # One edit of a stem ("bolig" -> "bl") reaches almost any word; only whole words are respelt.
    assert seed_index.vocabulary.respelled(question)[1] == ()


def test_a_year_is_written_in_the_periods_that_take_it_in():
    # "afsat til Ørum Børnehus og Skole i 2020-2022": the minutes write the budget period as one word, "2020-2022";
    # the question's years reached only chunks that wrote "2020" alone, and the 2019 meeting was filtered out.
    from rag.lexical import LexicalIndex, rows_with_year

    index = LexicalIndex.build(["46.400.000 kr. for 2020-2022", "budget 2020", "planen 2019/20", "tal 1999-2030", "intet år"])
    assert list(rows_with_year(index, 2021)) == [0]
    assert list(rows_with_year(index, 2020)) == [0, 1, 2]
    assert list(rows_with_year(index, 2015)) == []  # "1999-2030" is two numbers, no period
