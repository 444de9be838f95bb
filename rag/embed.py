"""Embed chunks and questions with a multilingual sentence-transformers model into unit vectors."""

from __future__ import annotations

import numpy as np

from .config import Config
from .errors import ModelError
from .records import Chunk


class Embedder:
    """The embedding model, loaded once, with the query and passage prompts applied by name.

    Example:
        >>> emb = Embedder(Config())  # doctest: +SKIP
        >>> emb.encode_query(["hvad blev besluttet om virksomhedspraktik?"]).shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(self, config: Config, model=None) -> None:
        self.config = config
        self.model = model if model is not None else load_model(config)
        self.model.max_seq_length = min(config.max_seq_length, self.model.max_seq_length or config.max_seq_length)
        self.dimension = embedding_dimension(self.model)

    def token_counts(self, texts: list[str]) -> list[int]:
        """Tokens the model sees for each passage, special tokens and prompt included; in batches (the fast tokenizers run a batch in parallel)."""
        counts: list[int] = []
        # Batches of a few thousand: the ids of 740,000 chunks at once took 4 GB as Python lists.
        for start in range(0, len(texts), 4096):
            batch = [self.config.passage_prompt + t for t in texts[start : start + 4096]]
            counts.extend(len(ids) for ids in self.model.tokenizer(batch, add_special_tokens=True)["input_ids"])
        return counts

    def check_lengths(self, chunks: list[Chunk]) -> list[int]:
        """Refuse chunks the model would silently truncate; the model tokens of each chunk otherwise."""
        limit = self.model.max_seq_length
        counts = self.token_counts([c.embed_text for c in chunks])
        for chunk, n in zip(chunks, counts):
            if n > limit:
                raise ModelError(
                    f"chunk {chunk.chunk_id} has {n} model tokens, over the model's limit of {limit}; "
                    f"lower chunk_tokens (now {self.config.chunk_tokens})"
                )
        return counts

    def encode_query(self, questions: list[str]) -> np.ndarray:
        return self._encode(questions, self.config.query_prompt, batch_size=len(questions) or 1)

    def encode_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self._encode(texts, self.config.passage_prompt, self.config.batch_size, show_progress)

    def _encode(self, texts: list[str], prompt: str, batch_size: int, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # sentence-transformers sorts by length inside encode, so batches waste little padding.
        vectors = self.model.encode(
            texts,
            prompt=prompt,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def embedding_dimension(model) -> int:
    # sentence-transformers 6 renamed get_sentence_embedding_dimension; the ONNX model has the new name.
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter())


def load_model(config: Config):
    """The encoder for config.backend: a SentenceTransformer, or its ONNX export (float32 or int8)."""
    if config.backend == "torch":
        from .model import load_sentence_model  # torch is slow to import; only pay for it when embedding

        return load_sentence_model(config.model_name, config.cache_dir)
    from .onnx_model import load_onnx_model

    return load_onnx_model(config.model_name, config.cache_dir, quantised=config.backend == "onnx-int8")


def vector_model_id(config: Config) -> str:
    """Names the vectors an index holds: int8 vectors differ from float ones; torch and onnx give the same."""
    return f"{config.model_name}#int8" if config.backend == "onnx-int8" else config.model_name
