"""Shared fixtures: the real model loaded once, and one real index of seeds/ built per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.config import Config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def embedder():
    from rag.embed import Embedder

    return Embedder(Config())


@pytest.fixture(scope="session")
def seed_index_dir(tmp_path_factory, embedder) -> Path:
    from rag.index import build_index

    folder = tmp_path_factory.mktemp("seed-index") / "index"
    build_index([SEEDS], Config(index_dir=folder), embedder=embedder)
    return folder


@pytest.fixture(scope="session")
def seed_index(seed_index_dir, embedder):
    from rag.index import load_index

    index = load_index(Config(index_dir=seed_index_dir))
    index.embedder = embedder
    return index


@pytest.fixture(scope="session")
def answerer(seed_index, embedder):
    from rag.answer import Answerer
    from rag.retrieve import Retriever

    return Answerer(seed_index, Retriever(seed_index, embedder=embedder))
