"""The English-to-Danish glossary that English questions are searched with (the table, not a model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.errors import ReferatError
from rag.glossary import Glossary


def glossed(question: str) -> dict[str, tuple[str, ...]]:
    glosses, _ = Glossary.load().glosses(question)
    return {g.english: g.danish for g in glosses}


def test_the_longest_phrase_wins_and_inflected_words_are_found():
    found = glossed("Which items were added to the Procurement Plans for 2025?")
    assert found["procurement plan"] == ("udbudsplan",)  # not "procurement" and "plan" apart
    assert "procurement" not in found and "plan" not in found
    assert found["add"] == ("tilføje",)  # "added"
    assert "item" in found  # "items"


def test_words_the_glossary_does_not_know_are_kept_as_written_with_the_numbers():
    glosses, rest = Glossary.load().glosses("When does the standstill period of the ERP tender end in 2023?")
    assert [g.english for g in glosses if g.english == "tender"] == ["tender"]
    assert "ERP" in rest and "standstill" in rest and "2023" in rest
    assert "the" not in rest and "does" not in rest  # how one asks is not searched


def test_a_gloss_remembers_how_it_was_asked_and_whether_it_only_says_how_one_asks():
    glosses, _ = Glossary.load().glosses("What did the Finance Committee decide about Libraries?")
    by_word = {g.english: g for g in glosses}
    assert by_word["finance committee"].asked == "Finance Committee"
    assert by_word["library"].asked == "Libraries" and by_word["library"].danish == ("bibliotek",)
    assert by_word["decide"].asking and not by_word["library"].asking


def test_a_glossary_file_of_ones_own_is_read_with_its_comments_and_alternatives(tmp_path: Path):
    table = tmp_path / "glossary.tsv"
    table.write_text("# a comment\n# -- how one asks\nvote\tafstemning\n# -- topics\nwind turbine\tvindmølle, vindmøller\n\n", encoding="utf-8")
    glossary = Glossary.load(table)
    glosses, _ = glossary.glosses("Did they vote on the wind turbines?")
    assert [(g.english, g.danish, g.asking) for g in glosses] == [
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
