"""The eval harness on the real model, a real index of seeds/ and small question sets with known answers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from eval.harness import compare, load_questions, main, matches, metrics
from rag.config import Config
from rag.errors import ReferatError
from rag.retrieve import Filters, Retriever

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class EvalIndex:
    def __init__(self, folder: Path, index, embedder) -> None:
        self.folder, self.index, self.embedder = folder, index, embedder

    def answerer(self, retriever_class=Retriever):
        from rag.answer import Answerer

        return Answerer(self.index, retriever_class(self.index, embedder=self.embedder))


@pytest.fixture(scope="session")
def _eval_index(tmp_path_factory, request) -> EvalIndex:
    """One index of seeds/ for this file, built with the session's model (conftest's `embedder` when there is one)."""
    from rag.embed import Embedder
    from rag.index import build_index, load_index

    try:
        embedder = request.getfixturevalue("embedder")
    except pytest.FixtureLookupError:
        embedder = Embedder(Config())
    folder = tmp_path_factory.mktemp("eval-index") / "index"
    build_index([SEEDS], Config(index_dir=folder), embedder=embedder)
    index = load_index(Config(index_dir=folder))
    index.embedder = embedder
    return EvalIndex(folder, index, embedder)


def write_questions(path: Path, questions: list[dict]) -> Path:
    path.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions), encoding="utf-8")
    return path


# t1: the reference question, both meetings that decided it are expected.
# t2: the date in the question limits retrieval to one meeting and item 0 means "any item of it": a sure hit.
# t3: the question's date (november 2023) excludes the only expected item (march 2023): a sure miss,
#     and without answer_contains it does not count in the contains rate.
# t4: the minutes say nothing about football.
TOY = [
    {"id": "t1", "question": "hvad blev besluttet om virksomhedspraktik?", "expected": [{"date": "2023-11-23", "item": 6}, {"date": "2023-03-30", "item": 7}], "answer_contains": ["80"], "kind": "decision"},
    {"id": "t2", "question": "I hvilket mødelokale holdt Chefforum møde den 30. marts 2023?", "expected": [{"date": "2023-03-30", "item": 0}], "answer_contains": ["mødelokale   1"], "kind": "meeting"},
    {"id": "t3", "question": "Hvad blev besluttet om virksomhedspraktik i november 2023?", "expected": [{"date": "2023-03-30", "item": 7}], "answer_contains": [], "kind": "decision"},
    {"id": "t4", "question": "hvem vandt fodboldkampen?", "expected": [], "answer_contains": [], "kind": "unanswerable"},
]


def test_toy_set_gives_the_known_metrics_and_one_json_line_per_question(_eval_index, tmp_path):
    questions = write_questions(tmp_path / "toy.jsonl", TOY)
    out, lines = tmp_path / "results.jsonl", []
    code = main(Config(index_dir=_eval_index.folder), questions, out, None, ["hybrid"], None, None, lines.append, answerer=_eval_index.answerer())
    assert code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["t1", "t2", "t3", "t4"]
    assert all(r["retriever"] == "hybrid" and r["latency_ms"] > 0 for r in records)
    # The `ask --json` contract is all there.
    assert all({"question", "found", "answer", "citations", "hits", "note", "filters"} <= set(r) for r in records)
    ranks = {r["id"]: r["scores"]["rank"] for r in records}
    assert ranks == {"t1": 1, "t2": 1, "t3": None, "t4": None}

    m = metrics(records)
    assert (m["n"], m["answerable"], m["unanswerable"], m["with_contains"]) == (4, 3, 1, 2)
    assert m["hit@1"] == pytest.approx(2 / 3)
    assert m["hit@5"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx(2 / 3)
    assert m["cit@1"] == pytest.approx(2 / 3)
    assert m["contains"] == 1.0  # t1 and t2; "mødelokale   1" matches "Mødelokale 1" (case and spacing ignored)
    assert m["abst.acc"] == 1.0
    assert m["false_abst"] == 0
    assert m["errors"] == 0

    printed = "\n".join(lines)
    assert "hybrid: 4 questions (3 answerable, 1 unanswerable, 2 with answer_contains)" in printed
    all_row = next(line for line in lines if line.startswith("all "))
    assert all_row.split() == ["all", "4", "0.667", "0.667", "0.667", "0.667", "1.000", "1.000", "0"]


class ReversedRetriever(Retriever):
    """Sabotage: the worst of the candidates first."""

    def __call__(self, question, filters=Filters(), retriever=None):
        r = super().__call__(question, filters, retriever)
        return replace(r, hits=tuple(replace(h, rank=n) for n, h in enumerate(reversed(r.hits), 1)))


GATE_SET = [
    {"id": "g1", "question": "hvad blev besluttet om virksomhedspraktik?", "expected": [{"date": "2023-11-23", "item": 6}, {"date": "2023-03-30", "item": 7}], "answer_contains": ["80"], "kind": "decision"},
    {"id": "g2", "question": "Hvad besluttede chefforum om planlægningen af udviklingsugen for 2024?", "expected": [{"date": "2023-03-30", "item": 5}], "answer_contains": ["koordinationsgruppe"], "kind": "decision"},
    {"id": "g3", "question": "Hvor stort er løntilskuddet fra Jobcentret pr. time?", "expected": [{"date": "2023-03-30", "item": 7}], "answer_contains": ["166,54"], "kind": "number"},
    {"id": "g4", "question": "Hvad var det samlede måltal for budgetkataloget til budget 2024?", "expected": [{"date": "2023-03-30", "item": 2}], "answer_contains": ["23 mio"], "kind": "number"},
    {"id": "g5", "question": "hvem vandt fodboldkampen?", "expected": [], "answer_contains": [], "kind": "unanswerable"},
]


def test_a_sabotaged_retriever_fails_the_baseline_naming_metrics_and_flipped_questions(_eval_index, tmp_path):
    questions = write_questions(tmp_path / "gate.jsonl", GATE_SET)
    baseline = tmp_path / "baseline.json"
    config = Config(index_dir=_eval_index.folder)
    honest = _eval_index.answerer()
    assert main(config, questions, None, None, ["hybrid"], None, baseline, lambda _: None, answerer=honest) == 0
    saved = json.loads(baseline.read_text(encoding="utf-8"))
    assert saved["gate"] == "hybrid"
    assert saved["retrievers"]["hybrid"]["metrics"]["hit@5"] == 1.0
    assert saved["retrievers"]["hybrid"]["questions"]["g1"] == {"rank": 1, "hit@1": True, "hit@5": True, "cit@1": True, "contains": True, "abstention": True}

    # The honest answerer passes its own baseline.
    lines: list[str] = []
    assert main(config, questions, None, baseline, ["hybrid"], None, None, lines.append, answerer=honest) == 0
    assert any("OK" in line for line in lines)

    lines = []
    code = main(config, questions, None, baseline, ["hybrid"], None, None, lines.append, answerer=_eval_index.answerer(ReversedRetriever))
    assert code == 1
    printed = "\n".join(lines)
    assert "REGRESSED" in printed
    hit5 = next(line for line in lines if "FAIL hit@5 regressed" in line)
    assert "hit@5 pass->fail: g1, g2, g3, g4" in hit5
    assert "FAIL mrr regressed" in printed
    # The unanswerable question still abstains: reversing the ranking does not bring the corpus closer.
    assert "abst.acc regressed" not in printed


def test_one_question_worth_of_drop_is_tolerated_two_are_not():
    def qs(passing: int, total: int) -> dict:
        return {f"q{i}": {"rank": 1 if i < passing else None, "hit@1": i < passing, "hit@5": i < passing, "cit@1": True, "contains": True, "abstention": True} for i in range(total)}

    def m(hit5: float, false_abst: int = 0, n: int = 104) -> dict:
        return {"answerable": n, "unanswerable": 15, "with_contains": n, "hit@5": hit5, "false_abst": false_abst}

    baseline = {"gate": "hybrid", "retrievers": {"hybrid": {"metrics": m(1.0), "questions": qs(104, 104)}}}
    # 104 answerable: 0.02 is more than one question (1/104), so two flips (0.981) pass, three (0.971) do not.
    assert compare(baseline, m(102 / 104), qs(102, 104)).ok
    failed = compare(baseline, m(101 / 104), qs(101, 104))
    assert not failed.ok
    assert failed.regressions[0].startswith("hit@5 regressed: 0.971 < baseline 1.000 - tolerance 0.020")
    assert failed.regressions[0].endswith("hit@5 pass->fail: q101, q102, q103")
    # 10 answerable: one question's worth (0.1) is the tolerance.
    small = {"gate": "hybrid", "retrievers": {"hybrid": {"metrics": m(1.0, n=10), "questions": qs(10, 10)}}}
    assert compare(small, m(0.9, n=10), qs(9, 10)).ok
    assert not compare(small, m(0.8, n=10), qs(8, 10)).ok
    # False abstentions may not rise at all.
    assert "false_abst regressed: 1 > baseline 0" in compare(baseline, m(1.0, false_abst=1), qs(104, 104)).regressions[0]


def test_item_zero_matches_any_item_of_its_meeting_other_items_match_exactly():
    assert matches([("2023-03-30", 0)], "2023-03-30", 7)
    assert not matches([("2023-03-30", 0)], "2023-04-13", 0)
    assert matches([("2023-03-30", 7)], "2023-03-30", 7)
    assert not matches([("2023-03-30", 7)], "2023-03-30", 0)


def test_a_question_that_raises_is_recorded_not_fatal(_eval_index, tmp_path):
    questions = write_questions(
        tmp_path / "bad.jsonl",
        [
            {"id": "b1", "question": "?!", "expected": [], "answer_contains": [], "kind": "unanswerable"},
            {"id": "b2", "question": "   ", "expected": [{"date": "2023-03-30", "item": 7}], "answer_contains": ["47"], "kind": "number"},
        ],
    )
    out = tmp_path / "out.jsonl"
    assert main(Config(index_dir=_eval_index.folder), questions, out, None, ["lexical"], None, None, lambda _: None, answerer=_eval_index.answerer()) == 0
    b1, b2 = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert b1["found"] is False and b1["error"].startswith("BadQuestionError")
    assert b1["scores"]["abstention"] is True
    assert b2["found"] is False and b2["scores"]["hit@5"] is False
    assert metrics([b1, b2])["false_abst"] == 1 and metrics([b1, b2])["errors"] == 2


def test_malformed_question_sets_name_the_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "x", "expected": []}\n{"question": "no id"}\n', encoding="utf-8")
    with pytest.raises(ReferatError, match=r"q.jsonl:2"):
        load_questions(path)
    path.write_text('{"id": "a", "question": "x"}\n{"id": "a", "question": "y"}\n', encoding="utf-8")
    with pytest.raises(ReferatError, match="duplicate question id 'a'"):
        load_questions(path)


def test_cli_eval_compares_retrievers_and_writes_report_plots_and_baseline(_eval_index, tmp_path):
    from rag.cli import cli

    questions = write_questions(tmp_path / "toy.jsonl", TOY)
    report, baseline = tmp_path / "report", tmp_path / "baseline.json"
    args = ["eval", "--index-dir", str(_eval_index.folder), "--questions", str(questions), "--report", str(report), "--write-baseline", str(baseline)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Retrievers compared" in result.output
    for name in ("hybrid", "dense", "lexical"):
        assert f"{name}: 4 questions" in result.output
    md = (report / "report.md").read_text(encoding="utf-8")
    assert "![per_kind.png](per_kind.png)" in md and "## lexical" in md
    for name in ("per_kind.png", "ranks.png"):
        assert (report / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<table>" in (report / "report.html").read_text(encoding="utf-8")
    assert set(json.loads(baseline.read_text(encoding="utf-8"))["retrievers"]) == {"hybrid", "dense", "lexical"}
    # The same run against the baseline it just wrote passes.
    again = CliRunner().invoke(cli, ["eval", "--index-dir", str(_eval_index.folder), "--questions", str(questions), "--baseline", str(baseline), "--retriever", "hybrid"])
    assert again.exit_code == 0, again.output
