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
        from .model import load_sentence_model  # torch is slow to import; only pay for it when embedding

        self.config = config
        self.model = model if model is not None else load_sentence_model(config.model_name, config.cache_dir)
        self.model.max_seq_length = min(config.max_seq_length, self.model.max_seq_length or config.max_seq_length)
        self.dimension = int(self.model.get_embedding_dimension() if hasattr(self.model, "get_embedding_dimension") else self.model.get_sentence_embedding_dimension())

    def token_count(self, text: str) -> int:
        """Tokens the model sees for this passage, special tokens and prompt included."""
        return len(self.model.tokenizer(self.config.passage_prompt + text, add_special_tokens=True)["input_ids"])

    def check_lengths(self, chunks: list[Chunk]) -> None:
        """Refuse chunks the model would silently truncate."""
        limit = self.model.max_seq_length
        for chunk in chunks:
            n = self.token_count(chunk.embed_text)
            if n > limit:
                raise ModelError(
                    f"chunk {chunk.chunk_id} has {n} model tokens, over the model's limit of {limit}; "
                    f"lower chunk_tokens (now {self.config.chunk_tokens})"
                )

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
