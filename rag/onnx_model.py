"""The embedding model run by onnxruntime: exported once from the sentence-transformers model, optionally int8.

sentence-transformers' own ONNX extra (optimum) cannot be installed offline here, so the export is
`torch.onnx.export` of the whole sentence-transformers pipeline (transformer, pooling, normalisation)
and `onnxruntime.quantization.quantize_dynamic` for the int8 variant. The exported folder is a cache in
`Config.cache_dir`; serving from it needs neither torch nor sentence-transformers.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from .errors import ModelError

EXPORTER_VERSION = 1
MARKER = "referat_onnx.json"
FLOAT_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
OPSET = 17


def onnx_model_dir(model_name: str, cache_dir: Path) -> Path:
    """Folder of the exported model for model_name inside cache_dir."""
    slug = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in model_name)[-60:]
    digest = hashlib.sha256(model_name.encode()).hexdigest()[:8]
    return Path(cache_dir) / "onnx" / f"{slug}-{digest}"


def _marker(model_name: str) -> dict:
    return {"exporter_version": EXPORTER_VERSION, "model_name": model_name, "opset": OPSET}


def _is_exported(folder: Path, model_name: str) -> bool:
    try:
        info = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return {k: info.get(k) for k in _marker(model_name)} == _marker(model_name) and all(
        (folder / name).is_file() for name in (FLOAT_FILE, INT8_FILE, "tokenizer.json")
    )


def export_onnx(st_model, model_name: str, folder: Path) -> Path:
    """Export a loaded SentenceTransformer to folder: float32 graph, int8 graph, tokenizer.json and a marker.

    Written into a temporary sibling and renamed, so folder is either absent or complete.
    """
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from .embed import embedding_dimension

    class Pipeline(torch.nn.Module):
        # The whole sentence-transformers stack, so pooling and normalisation are whatever the model says.
        def __init__(self, model) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            out = self.model({"input_ids": input_ids, "attention_mask": attention_mask})["sentence_embedding"]
            return torch.nn.functional.normalize(out, p=2, dim=1)

    tokenizer = st_model.tokenizer
    if getattr(tokenizer, "pad_token_id", None) is None or not getattr(tokenizer, "is_fast", False):
        raise ModelError(f"model {model_name!r} has no fast tokenizer with a padding token; use backend 'torch'")
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    os.chmod(work, 0o755)  # mkdtemp makes it private; the cache is shared like the converted model
    try:
        sample = tokenizer(["passage: eksempel på en tekst"], return_tensors="pt")
        pipeline = Pipeline(st_model.cpu().eval())
        with torch.no_grad():
            torch.onnx.export(
                pipeline,
                (sample["input_ids"], sample["attention_mask"]),
                str(work / FLOAT_FILE),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"}, "embedding": {0: "batch"}},
                opset_version=OPSET,
                dynamo=False,  # the dynamo exporter needs onnxscript, which is not installed
            )
        quantize_dynamic(str(work / FLOAT_FILE), str(work / INT8_FILE), weight_type=QuantType.QInt8)
        tokenizer.backend_tokenizer.save(str(work / "tokenizer.json"))
        info = _marker(model_name) | {
            "pad_token_id": int(tokenizer.pad_token_id),
            "max_seq_length": int(st_model.max_seq_length),
            "dimension": embedding_dimension(st_model),
        }
        (work / MARKER).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        if folder.exists():
            if _is_exported(folder, model_name):  # another process finished first; keep theirs
                return folder
            os.replace(folder, work / "stale")
        os.replace(work, folder)
        work = None
    except ModelError:
        raise
    except Exception as error:  # torch's exporter and onnxruntime's quantiser raise many types
        raise ModelError(f"could not export {model_name!r} to ONNX in {folder}: {error}") from error
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    return folder


class OnnxTokenizer:
    """The model's fast tokenizer without transformers: `tokenizer(text)["input_ids"]` like Hugging Face's."""

    def __init__(self, path: Path, max_length: int) -> None:
        from tokenizers import Tokenizer

        self.backend = Tokenizer.from_file(str(path))
        self.backend.no_padding()
        self.backend.enable_truncation(max_length)
        self._untruncated = Tokenizer.from_file(str(path))
        self._untruncated.no_padding()
        self._untruncated.no_truncation()

    def __call__(self, text: str | list[str], add_special_tokens: bool = True) -> dict:
        """Token ids of a text (or of each text of a list), untruncated, as Hugging Face's tokenizers return them."""
        # Counting tokens must see the whole text, or an over-long chunk would look short enough.
        if isinstance(text, str):
            return {"input_ids": self._untruncated.encode(text, add_special_tokens=add_special_tokens).ids}
        return {"input_ids": [e.ids for e in self._untruncated.encode_batch(text, add_special_tokens=add_special_tokens)]}


class OnnxSentenceModel:
    """An exported sentence-transformers model on onnxruntime, with the subset of `encode` referat uses.

    Example:
        >>> model = load_onnx_model(PACKAGED_MODEL, Path.home() / ".cache/referat", quantised=True)  # doctest: +SKIP
        >>> model.encode(["hej"], prompt="query: ").shape  # doctest: +SKIP
        (1, 384)
    """

    def __init__(self, folder: Path, quantised: bool) -> None:
        info = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
        self.folder = Path(folder)
        self.file = self.folder / (INT8_FILE if quantised else FLOAT_FILE)
        self.quantised = quantised
        self.pad_token_id = int(info["pad_token_id"])
        self.dimension = int(info["dimension"])
        self.max_seq_length = int(info["max_seq_length"])
        self.tokenizer = OnnxTokenizer(self.folder / "tokenizer.json", self.max_seq_length)
        self._session = None  # loaded on the first encode: re-indexing an unchanged corpus never needs it

    def get_embedding_dimension(self) -> int:
        return self.dimension

    @property
    def session(self):
        if self._session is None:
            import onnxruntime as ort

            options = ort.SessionOptions()
            options.log_severity_level = 3
            # Idle threads that spin after each run steal the cores from BM25, FAISS and the next question:
            # on 2 busy cores that doubled the latency of one question (eval/BENCH.md).
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            self._session = ort.InferenceSession(str(self.file), options, providers=["CPUExecutionProvider"])
        return self._session

    def encode(
        self,
        texts: list[str],
        prompt: str = "",
        batch_size: int = 32,
        normalize_embeddings: bool = True,
        convert_to_numpy: bool = True,
        show_progress_bar: bool = False,
    ) -> np.ndarray:
        """Unit vectors of prompt + text, shape (len(texts), dimension); batches of similar length."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        self.tokenizer.backend.enable_truncation(self.max_seq_length)
        encodings = self.tokenizer.backend.encode_batch([prompt + t for t in texts])
        # Longest first, so the slowest batch runs while the estimate of the rest is still coarse.
        order = np.argsort([-len(e.ids) for e in encodings], kind="stable")
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.full((len(rows), width), self.pad_token_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            out[rows] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        if normalize_embeddings:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


def load_onnx_model(model_name: str, cache_dir: Path, quantised: bool) -> OnnxSentenceModel:
    """The exported model for model_name, exporting it (with torch, once) on first use."""
    folder = onnx_model_dir(model_name, cache_dir)
    if not _is_exported(folder, model_name):
        from .model import load_sentence_model

        export_onnx(load_sentence_model(model_name, cache_dir), model_name, folder)
    try:
        return OnnxSentenceModel(folder, quantised)
    except (OSError, ValueError, KeyError, RuntimeError) as error:
        raise ModelError(f"could not load the ONNX model in {folder} ({error}); delete that folder to export it again") from error
