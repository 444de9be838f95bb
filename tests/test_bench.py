"""The benchmark harness and the speed features it measures: FAISS index choice, top-k, ONNX backend."""

from __future__ import annotations

import json
import re
from pathlib import Path

import faiss
import numpy as np
import pytest

from eval.bench import generate_corpus, main, twin_key
from rag.config import Config
from rag.errors import ReferatError, StaleIndexError
from rag.index import check_manifest, choose_faiss_index, search_vectors
from rag.retrieve import top_k

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUESTIONS = Path(__file__).resolve().parent.parent / "eval" / "questions.jsonl"


def _question_vectors(embedder, n: int = 40) -> np.ndarray:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()[:n]
    return embedder.encode_query([json.loads(line)["question"] for line in lines])


def _recall_at(k: int, index: faiss.Index, exact: faiss.Index, queries: np.ndarray) -> float:
    _, found = index.search(queries, k)
    _, truth = exact.search(queries, k)
    return np.mean([len(set(f) & set(t)) / k for f, t in zip(found, truth)])


@pytest.mark.slow
def test_bench_prints_a_row_per_scale_and_takes_larger_scales_vectors_from_the_smallest(tmp_path):
    questions = tmp_path / "questions.jsonl"
    questions.write_text(QUESTIONS.read_text(encoding="utf-8").splitlines()[0] + "\n" + QUESTIONS.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    lines: list[str] = []
    summary = main(Config(seeds_dir=FIXTURES), [20, 40], lines.append, work_dir=tmp_path / "bench", questions=questions, full_limit=20)
    out = "\n".join(lines)
    assert "| scale | items | chunks | vectors | build s | build chunks/s | bare encode chunks/s | build/bare |" in out
    assert re.search(r"^\| seeds \| 8 \| \d+ \| model \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| .* \| IndexFlatIP \| [\d.]+ \(0\) \|$", out, re.M)
    assert re.search(r"^\| 20 \| 20 \| \d+ \| model \|", out, re.M)
    assert re.search(r"^\| 40 \| 40 \| \d+ \| cache of 20 \| ~\d+ \(extrapolated; ", out, re.M)
    assert len(re.findall(r"^\| (seeds|20|40) \| [\d.]+ \| [\d,]+ \([\d,]+\) \| [\d.]+ \| [\d.]+ \|", out, re.M)) == 3
    ann = re.findall(r"^\| [\d,]+ \|.*\| (IVF|HNSW) \| [^|]* \| (\w+ \d+) \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \|$", out, re.M)
    settings = [("IVF", f"nprobe {p}") for p in (16, 32, 64, 128)] + [("HNSW", f"efSearch {e}") for e in (128, 256)]
    assert ann == settings * 2  # per archive, one row per setting
    larger = summary["scales"][2]
    assert larger["build"]["encoded"] == 0  # every vector of the larger archive came from the model, via the cache
    assert larger["build"]["fidelity_mean"] > 0.95
    assert summary["scales"][1]["reindex"]["encoded"] == 0


def test_generated_archives_share_their_chunk_texts_but_not_their_dates(tmp_path):
    from rag.chunk import chunk_meetings
    from rag.parse import parse_paths

    small = generate_corpus(FIXTURES, 12, tmp_path / "small", pool=12)
    large = generate_corpus(FIXTURES, 36, tmp_path / "large", pool=12)
    small_chunks = chunk_meetings(parse_paths([small.folder]).meetings, Config())
    large_chunks = chunk_meetings(parse_paths([large.folder]).meetings, Config())
    assert sum(len(m.items) for m in parse_paths([large.folder]).meetings) == 36
    assert len({c.embed_text for c in large_chunks}) == len(large_chunks)  # the dates make every text new
    known = {twin_key(c.embed_text) for c in small_chunks}
    assert all(twin_key(c.embed_text) in known for c in large_chunks if c.item_number)


def test_twin_key_blanks_only_the_meeting_date_and_item_number():
    text = "Chefforum 02-01-1990 - Punkt 7: Budget - Beslutning\nGodkendt den 02-01-1990 som punkt 7."
    other = "Chefforum 05-03-2001 - Punkt 2: Budget - Beslutning\nGodkendt den 02-01-1990 som punkt 7."
    assert twin_key(text) == "Chefforum <dato> - Punkt #: Budget - Beslutning\nGodkendt den <dato> som punkt 7."
    assert twin_key(other) == "Chefforum <dato> - Punkt #: Budget - Beslutning\nGodkendt den 02-01-1990 som punkt 7."


def test_choose_faiss_index_is_exact_below_the_threshold_and_an_inverted_file_above(seed_index):
    vectors = seed_index.vectors.reconstruct_n(0, seed_index.vectors.ntotal)
    assert isinstance(choose_faiss_index(vectors), faiss.IndexFlatIP)
    assert isinstance(choose_faiss_index(vectors, threshold=len(vectors)), faiss.IndexFlatIP)
    ivf = choose_faiss_index(vectors, threshold=len(vectors) - 1)
    assert isinstance(ivf, faiss.IndexIVFFlat) and ivf.ntotal == len(vectors)
    assert ivf.reconstruct(7) == pytest.approx(vectors[7])  # the direct map re-indexing and answers rely on


def test_the_inverted_file_finds_what_exact_search_finds_on_the_seed_vectors(seed_index, embedder, tmp_path):
    vectors = seed_index.vectors.reconstruct_n(0, seed_index.vectors.ntotal)
    faiss.write_index(choose_faiss_index(vectors, threshold=100), str(tmp_path / "ivf.faiss"))
    ivf = faiss.read_index(str(tmp_path / "ivf.faiss"))  # as a loaded index searches, with its stored nprobe
    exact = faiss.IndexFlatIP(vectors.shape[1])
    exact.add(vectors)
    queries = _question_vectors(embedder)
    assert _recall_at(10, ivf, exact, queries) >= 0.95
    assert _recall_at(50, ivf, exact, queries) >= 0.95


@pytest.mark.parametrize("allowed_share", [0.1, 0.8])
def test_filtered_search_of_an_inverted_file_returns_the_top_hits_among_allowed_chunks(seed_index, embedder, allowed_share, monkeypatch):
    import rag.index

    monkeypatch.setattr(rag.index, "EXACT_FILTER_LIMIT", 100)  # 10% of 301 goes the exact way, 80% the probing way
    vectors = seed_index.vectors.reconstruct_n(0, seed_index.vectors.ntotal)
    ivf = choose_faiss_index(vectors, threshold=100)
    allowed = np.arange(0, len(vectors), int(1 / allowed_share) if allowed_share < 0.5 else 1)[: int(len(vectors) * allowed_share)]
    for q in _question_vectors(embedder, 10):
        scores, ids = search_vectors(ivf, q, 10, allowed)
        truth = allowed[np.argsort(-(vectors[allowed] @ q), kind="stable")[:10]]
        assert set(ids[0]) <= set(allowed)
        assert len(set(ids[0]) & set(truth)) >= 9
        assert scores[0] == pytest.approx(np.sort(vectors[ids[0]] @ q)[::-1], abs=1e-5)


@pytest.mark.parametrize("size", [1000, 200_000])  # the larger goes through the sampled pre-selection
def test_top_k_orders_like_a_full_stable_sort(size):
    rng = np.random.default_rng(0)
    few_values = rng.integers(0, 5, size=size).astype(np.float32)  # many ties
    spread = rng.random(size).astype(np.float32)
    one_tie = np.ones(size, dtype=np.float32)
    for scores in (few_values, spread, one_tie):
        for k in (1, 7, 50, 999, 1000, 2000):
            assert top_k(scores, k).tolist() == np.argsort(-scores, kind="stable")[:k].tolist()


def test_config_refuses_an_unknown_backend():
    with pytest.raises(ReferatError, match=re.escape("unknown backend 'tensorflow'; choose one of torch, onnx, onnx-int8")):
        Config(backend="tensorflow")


def test_load_refuses_int8_vectors_for_a_float_model(seed_index):
    manifest = dict(seed_index.manifest, backend="onnx-int8")
    with pytest.raises(StaleIndexError, match="int8 and float vectors do not mix"):
        check_manifest(manifest, Config(index_dir=Path("x"), backend="onnx"))
    check_manifest(dict(seed_index.manifest, backend="torch"), Config(backend="onnx"))


@pytest.mark.slow
def test_onnx_backend_gives_the_torch_models_vectors_and_int8_comes_close(seed_index):
    from rag.embed import Embedder

    texts = [c.embed_text for c in seed_index.chunks[:40]]
    torch_vectors = Embedder(Config(backend="torch")).encode_passages(texts)
    onnx_vectors = Embedder(Config(backend="onnx")).encode_passages(texts)
    int8_vectors = Embedder(Config(backend="onnx-int8")).encode_passages(texts)
    assert np.sum(torch_vectors * onnx_vectors, axis=1).min() > 0.9999
    assert np.sum(torch_vectors * int8_vectors, axis=1).min() > 0.95
