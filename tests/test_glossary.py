"""The English-to-Danish glossary that English questions are searched with (the table, not a model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.errors import ReferatError
from rag.glossary import Glossary, Synonyms
from rag.lexical import tokenize


def glossed(question: str) -> dict[str, tuple[str, ...]]:
    glosses, _ = Glossary.load().glosses(question)
    return {g.term: g.danish for g in glosses}


def test_the_longest_phrase_wins_and_inflected_words_are_found():
    found = glossed("Which items were added to the Procurement Plans for 2025?")
    assert found["procurement plan"] == ("udbudsplan",)  # not "procurement" and "plan" apart
    assert "procurement" not in found and "plan" not in found
    assert found["add"] == ("tilføje",)  # "added"
    assert "item" in found  # "items"


def test_words_the_glossary_does_not_know_are_kept_as_written_with_the_numbers():
    glosses, rest = Glossary.load().glosses("When does the standstill period of the ERP tender end in 2023?")
    assert [g.term for g in glosses if g.term == "tender"] == ["tender"]
    assert "ERP" in rest and "standstill" in rest and "2023" in rest
    assert "the" not in rest and "does" not in rest  # how one asks is not searched


def test_a_gloss_remembers_how_it_was_asked_and_whether_it_only_says_how_one_asks():
    glosses, _ = Glossary.load().glosses("What did the Finance Committee decide about Libraries?")
    by_word = {g.term: g for g in glosses}
    assert by_word["finance committee"].asked == "Finance Committee"
    assert by_word["library"].asked == "Libraries" and by_word["library"].danish == ("bibliotek",)
    assert by_word["decide"].asking and not by_word["library"].asking


def test_a_glossary_file_of_ones_own_is_read_with_its_comments_and_alternatives(tmp_path: Path):
    table = tmp_path / "glossary.tsv"
    table.write_text("# a comment\n# -- how one asks\nvote\tafstemning\n# -- topics\nwind turbine\tvindmølle, vindmøller\n\n", encoding="utf-8")
    glossary = Glossary.load(table)
    glosses, _ = glossary.glosses("Did they vote on the wind turbines?")
    assert [(g.term, g.danish, g.asking) for g in glosses] == [
        ("vote", ("afstemning",), True),
        ("wind turbine", ("vindmølle", "vindmøller"), False),
    ]


def test_a_broken_glossary_is_a_clear_error_naming_file_and_line(tmp_path: Path):
    table = tmp_path / "glossary.tsv"
    table.write_text("vote\tafstemning\nwind turbine vindmølle\n", encoding="utf-8")  # the second line lacks its tab
    with pytest.raises(ReferatError, match=r"glossary.tsv:2: .*tab"):
        Glossary.load(table)
    with pytest.raises(ReferatError, match="cannot read the glossary"):
        Glossary.load(tmp_path / "missing.tsv")


# -- everyday Danish words -> the minutes' words (synonyms_da.tsv)

ARCHIVE = {"dagtilbud", "kommunikationsenheden", "kaffemaskinen", "økonomiaftale", "udbud", "kalender", "enhed", "udbudsplanen", "budget", "kommunalbestyrelsesmedlem"}


def stems() -> set[str]:
    return {tokenize(a)[0] for a in ARCHIVE}


def unknown(word: str) -> bool:
    """A tiny archive's test, as Vocabulary.unknown reads it: no archive stem begins with the word's, nor the word's with one."""
    stem = tokenize(word)
    return bool(stem) and not any(a.startswith(stem[0]) or stem[0].startswith(a) for a in stems())


def written(word: str) -> bool:
    """As Vocabulary.writes: the word's stem is an archive stem or begins one."""
    stem = tokenize(word)
    return bool(stem) and any(a.startswith(stem[0]) for a in stems())


def synonyms_glossed(tmp_path: Path, question: str) -> dict[str, tuple[str, ...]]:
    table = tmp_path / "synonyms.tsv"
    table.write_text(
        "# a comment\n# -- børn\nvuggestue\tdagtilbud\nsvømmehal\tsvømmeanlæg\n# -- økonomi\naftale med staten\tøkonomiaftale\n"
        "presse\tkommunikation\nautomat\tmaskine\nlicitation\tudbud\ntidsskema\tplan\npolitiker\tkommunalbestyrelsesmedlem\n",
        encoding="utf-8",
    )
    return {g.asked: g.danish for g in Synonyms.load(table).glosses(question, unknown, written)}


def test_an_unknown_word_is_glossed_by_its_stem_with_the_minutes_word(tmp_path: Path):
    assert synonyms_glossed(tmp_path, "Hvad sker der med vuggestuerne?") == {"vuggestuerne": ("dagtilbud",)}


def test_a_word_the_minutes_use_is_not_glossed_nor_a_target_they_never_write(tmp_path: Path):
    ARCHIVE.add("vuggestue")
    try:
        assert synonyms_glossed(tmp_path, "Hvad sker der med vuggestuerne?") == {}
    finally:
        ARCHIVE.discard("vuggestue")
    # "svømmeanlæg" is in no minute either: the table must not make a topic they never discuss look discussed.
    assert synonyms_glossed(tmp_path, "Hvornår åbner svømmehallen?") == {}


def test_a_phrase_is_glossed_though_its_words_are_known(tmp_path: Path):
    assert synonyms_glossed(tmp_path, "Hvornår kendes indtægterne efter aftalen med staten?") == {"aftale med staten": ("økonomiaftale",)}


def test_a_compound_is_glossed_by_its_part_as_the_minutes_write_the_whole(tmp_path: Path):
    found = synonyms_glossed(tmp_path, "Hvem sidder i presseenheden, og røg kaffeautomaten ud af licitationskalenderen?")
    assert found["presseenheden"] == ("kommunikationsenheden",)  # head replaced, linked with s
    assert found["kaffeautomaten"] == ("kaffemaskine",)  # tail replaced, as the table writes it
    assert found["licitationskalenderen"] == ("udbud",)  # never written together: the replaced part alone
    # Both parts in the table: "licitation" -> "udbud", "tidsskema" -> "plan", as the minutes write it.
    assert synonyms_glossed(tmp_path, "Står kaffen i licitationstidsskemaet?") == {"licitationstidsskemaet": ("udbudsplan",)}


def test_a_word_is_glossed_only_as_a_form_of_the_table_word_not_of_another_word_of_its_stem(tmp_path: Path):
    # "politikken" and "politiker" share the stem "politik"; politics is not a politician.
    assert synonyms_glossed(tmp_path, "Hvad siger politikken om budgettet?") == {}
    assert synonyms_glossed(tmp_path, "Hvad sagde politikerne om budgettet?") == {"politikerne": ("kommunalbestyrelsesmedlem",)}


def test_a_broken_synonym_table_is_a_clear_error_naming_file_and_line(tmp_path: Path):
    table = tmp_path / "synonyms.tsv"
    table.write_text("vuggestue\tdagtilbud\nsnerydning vintervedligehold\n", encoding="utf-8")
    with pytest.raises(ReferatError, match=r"synonyms.tsv:2: .*tab"):
        Synonyms.load(table)


def test_the_shipped_synonym_table_reads_and_maps_everyday_words_to_other_words():
    table = Synonyms.load()
    assert len(table.entries) >= 300
    for key, (written_key, words) in table.entries.items():
        assert words and written_key not in words, written_key


def test_a_long_word_whose_stem_ends_an_archive_compound_is_a_word_the_archive_uses():
    # "bebyggelse" stems to "bebyg", too short a last part to trust alone; the minutes write "etagebebyggelse",
    # and "Hvor mange etager må den nye bebyggelse have?" was refused for a word they never use.
    from rag.lexical import LexicalIndex
    from rag.vocabulary import Vocabulary

    vocabulary = Vocabulary(LexicalIndex.build(["Lokalplanen giver mulighed for etagebebyggelse i fire etager.", "Budget 2024 blev vedtaget."]), [])
    assert not vocabulary.unknown("bebyggelse")
    assert vocabulary.unknown("svømmehallen")
