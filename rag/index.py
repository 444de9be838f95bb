"""Build, save and load the search index: FAISS vectors, BM25, chunks, meetings and a manifest.

A build writes into a temporary folder next to the target and renames it into place, so a build
that dies halfway leaves the previous index working.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import faiss
import numpy as np

from . import __version__
from .chunk import chunk_meetings
from .config import Config
from .errors import CorruptIndexError, IndexMissingError, StaleIndexError
from .lexical import LexicalIndex
from .parse import Corpus, corpus_files, parse_paths
from .records import Chunk, Meeting
from .store import chunk_from_json, meeting_from_json, meeting_to_json

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
CHUNKS = "chunks.jsonl"
MEETINGS = "meetings.json"
LEXICAL = "bm25"
# Chunk settings that change what is indexed; an index built with others is stale.
CHUNK_SETTINGS = ("chunk_tokens", "chunk_overlap_sentences", "encoding", "passage_prompt", "query_prompt")


@dataclass
class Index:
    """A loaded index: what retrieve needs, kept in memory across questions."""

    config: Config
    manifest: dict
    vectors: faiss.Index
    chunks: list[Chunk]
    meetings: dict[str, Meeting]
    lexical: LexicalIndex
    embedder: object = None  # rag.embed.Embedder, loaded lazily by retrieve

    def meeting_of(self, chunk: Chunk) -> Meeting:
        return self.meetings[chunk.meeting_id]


@dataclass
class BuildReport:
    meetings: int
    items: int
    chunks: int
    encoded: int  # chunks sent to the model; the rest came from the previous index
    seconds: float
    index_dir: Path
    corpus: Corpus
    skipped_files: list[str] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def text_key(model_name: str, text: str) -> str:
    return hashlib.sha256(f"{model_name}\x00{text}".encode()).hexdigest()[:32]


def choose_faiss_index(vectors: np.ndarray) -> faiss.Index:
    """Exact inner product; unit vectors make it cosine. Exact search stays fast well past 100k chunks."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        index.add(vectors)
    return index


def _previous_vectors(config: Config) -> dict[str, np.ndarray]:
    """Vectors of the current index by content key, so unchanged chunks are not encoded again."""
    try:
        manifest = json.loads((config.index_dir / MANIFEST).read_text())
        if manifest.get("model_name") != config.model_name:
            return {}
        vectors = faiss.read_index(str(config.index_dir / VECTORS))
        keys = [json.loads(line)["key"] for line in (config.index_dir / "keys.jsonl").read_text().splitlines()]
        if len(keys) != vectors.ntotal:
            return {}
        matrix = vectors.reconstruct_n(0, vectors.ntotal)
        return dict(zip(keys, matrix))
    except (OSError, ValueError, KeyError, RuntimeError):
        return {}


def build_index(
    paths: list[Path],
    config: Config,
    embedder=None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Parse, chunk and embed the corpus and write the index atomically into config.index_dir."""
    from .embed import Embedder

    began = time.perf_counter()
    corpus = parse_paths(paths)
    chunks = chunk_meetings(corpus.meetings, config)
    embedder = embedder or Embedder(config)
    embedder.check_lengths(chunks)
    keys = [text_key(config.model_name, c.embed_text) for c in chunks]
    known = _previous_vectors(config)
    todo = [i for i, k in enumerate(keys) if k not in known]
    vectors = np.zeros((len(chunks), embedder.dimension), dtype=np.float32)
    for i, k in enumerate(keys):
        if k in known:
            vectors[i] = known[k]
    step = max(config.batch_size * 4, 64)
    for n in range(0, len(todo), step):
        batch = todo[n : n + step]
        vectors[batch] = embedder.encode_passages([chunks[i].embed_text for i in batch])
        if progress:
            progress(min(n + step, len(todo)), len(todo))
    files = corpus_files(paths)
    manifest = {
        "format_version": FORMAT_VERSION,
        "referat_version": __version__,
        "model_name": config.model_name,
        "dimension": embedder.dimension,
        "max_seq_length": embedder.model.max_seq_length,
        "tokenizer": config.encoding,
        "chunking": {name: getattr(config, name) for name in CHUNK_SETTINGS},
        "faiss_index": "IndexFlatIP",
        "chunks": len(chunks),
        "meetings": [
            {"meeting_id": m.meeting_id, "body": m.body, "date": m.date.isoformat(), "items": len(m.items), "source": str(m.source)}
            for m in corpus.meetings
        ],
        "corpus_files": {str(f): {"sha256": file_sha256(f), "size": f.stat().st_size} for f in files if f.exists()},
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    _write_atomically(config.index_dir, manifest, vectors, chunks, keys, corpus.meetings)
    return BuildReport(
        meetings=len(corpus.meetings),
        items=sum(len(m.items) for m in corpus.meetings),
        chunks=len(chunks),
        encoded=len(todo),
        seconds=time.perf_counter() - began,
        index_dir=config.index_dir,
        corpus=corpus,
    )


def _write_atomically(target: Path, manifest, vectors, chunks, keys, meetings) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    faiss.write_index(choose_faiss_index(vectors), str(tmp / VECTORS))
    with open(tmp / CHUNKS, "w", encoding="utf-8") as f:
        for c in chunks:
            f.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
    with open(tmp / "keys.jsonl", "w") as f:
        for k in keys:
            f.write(json.dumps({"key": k}) + "\n")
    (tmp / MEETINGS).write_text(json.dumps([meeting_to_json(m) for m in meetings], ensure_ascii=False), encoding="utf-8")
    LexicalIndex.build([c.embed_text for c in chunks]).save(tmp / LEXICAL)
    # The manifest is written last: a folder without one is never a finished index.
    (tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    # Keep a README that lives in the default index folder.
    if (target / "README.md").exists():
        shutil.copy2(target / "README.md", tmp / "README.md")
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(config: Config) -> dict:
    path = config.index_dir / MANIFEST
    if not path.exists():
        raise IndexMissingError(f"no index in {config.index_dir}/: build one with `referat index`")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CorruptIndexError(f"{path} is unreadable ({error}); rebuild with `referat index`") from error


def check_manifest(manifest: dict, config: Config) -> None:
    """Refuse an index built with another model, chunking or referat version."""
    problems = []
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("referat_version") != __version__:
        problems.append(f"built by referat {manifest.get('referat_version')}, this is {__version__}")
    if manifest.get("model_name") != config.model_name:
        problems.append(f"built with model {manifest.get('model_name')!r}, configured {config.model_name!r}")
    wanted = {name: getattr(config, name) for name in CHUNK_SETTINGS}
    if manifest.get("chunking") != wanted:
        problems.append(f"built with chunking {manifest.get('chunking')}, configured {wanted}")
    if problems:
        raise StaleIndexError(f"the index in {config.index_dir}/ does not match: {'; '.join(problems)}. Rebuild with `referat index`")


def changed_corpus_files(manifest: dict) -> list[str]:
    """Source files that changed or vanished since the build."""
    changed = []
    for name, info in manifest.get("corpus_files", {}).items():
        p = Path(name)
        if not p.exists():
            changed.append(f"{name} (missing)")
        elif p.stat().st_size != info["size"] or file_sha256(p) != info["sha256"]:
            changed.append(name)
    return changed


def load_index(config: Config, check_corpus: bool = True) -> Index:
    """Load the index in config.index_dir, refusing one that is missing, corrupt or stale."""
    manifest = read_manifest(config)
    check_manifest(manifest, config)
    if check_corpus and (changed := changed_corpus_files(manifest)):
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise StaleIndexError(f"the corpus changed since the index was built ({shown}); run `referat index` again")
    folder = config.index_dir
    try:
        vectors = faiss.read_index(str(folder / VECTORS))
        chunks = [chunk_from_json(json.loads(line)) for line in (folder / CHUNKS).read_text(encoding="utf-8").splitlines()]
        meetings = [meeting_from_json(m) for m in json.loads((folder / MEETINGS).read_text(encoding="utf-8"))]
        lexical = LexicalIndex.load(folder / LEXICAL, len(chunks))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as error:
        raise CorruptIndexError(f"the index in {folder}/ is damaged ({type(error).__name__}: {error}); rebuild with `referat index`") from error
    if vectors.ntotal != len(chunks) or len(chunks) != manifest.get("chunks") or vectors.d != manifest.get("dimension"):
        raise CorruptIndexError(
            f"the index in {folder}/ is inconsistent ({vectors.ntotal} vectors, {len(chunks)} chunks, manifest says {manifest.get('chunks')}); rebuild with `referat index`"
        )
    return Index(config, manifest, vectors, chunks, {m.meeting_id: m for m in meetings}, lexical)
