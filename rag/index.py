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
from functools import cached_property
from pathlib import Path
from typing import Callable

import faiss
import numpy as np

from . import __version__
from .chunk import chunk_meetings
from .config import Config
from .errors import CorruptIndexError, IndexMissingError, ReferatError, StaleIndexError
from .lexical import LexicalIndex
from .parse import Corpus, corpus_files, parse_paths
from .records import HEADER_ITEM, Chunk, Meeting
from .store import chunk_from_json, meeting_from_json, meeting_to_json
from .vocabulary import Vocabulary

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
CHUNKS = "chunks.jsonl"
MEETINGS = "meetings.json"
LEXICAL = "bm25"
# Chunk settings that change what is indexed; an index built with others is stale.
CHUNK_SETTINGS = ("chunk_tokens", "chunk_overlap_sentences", "encoding", "passage_prompt", "query_prompt")


@dataclass(frozen=True, slots=True)
class ItemVectors:
    """One unit vector per agenda item (the mean of its chunks' vectors), for telling which items of
    different meetings are about the same matter."""

    keys: list[tuple[str, int]]
    matrix: np.ndarray
    row_of: dict[tuple[str, int], int]
    meeting_of_row: np.ndarray

    @classmethod
    def of(cls, index: "Index", block: int = 65_536) -> "ItemVectors":
        row_of: dict[tuple[str, int], int] = {}
        meeting_numbers: dict[str, int] = {}
        chunk_rows = np.full(len(index.chunks), -1, dtype=np.int64)
        for i, c in enumerate(index.chunks):
            if c.item_number != HEADER_ITEM:
                chunk_rows[i] = row_of.setdefault((c.meeting_id, c.item_number), len(row_of))
        keys = list(row_of)
        meeting_of_row = np.array([meeting_numbers.setdefault(k[0], len(meeting_numbers)) for k in keys], dtype=np.int64)
        matrix = np.zeros((len(keys), index.vectors.d), dtype=np.float32)
        # Summed block by block: a whole archive's vectors at once would double the server's memory.
        for start in range(0, len(chunk_rows), block):
            rows = chunk_rows[start : start + block]
            vectors = index.vectors.reconstruct_n(start, len(rows))[rows >= 0]
            rows = rows[rows >= 0]
            if not len(rows):
                continue
            order = np.argsort(rows, kind="stable")
            rows, vectors = rows[order], vectors[order]
            firsts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            matrix[rows[firsts]] += np.add.reduceat(vectors, firsts, axis=0)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix /= np.where(norms > 0, norms, 1.0)
        return cls(keys, matrix, row_of, meeting_of_row)


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

    @cached_property
    def item_vectors(self) -> ItemVectors:
        return ItemVectors.of(self)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(self.lexical, self.chunks)


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


# Above this many chunks an exact scan costs a quarter of encoding the question and more (6.5 ms at 74,000 on
# 2 cores, 45 ms at 740,000); an inverted-file search takes 0.7 ms and 2.5 ms there. Measured in eval/BENCH.md.
APPROXIMATE_THRESHOLD = 50_000
IVF_NPROBE = 64  # lists searched per query: recall@50 0.99-1.00 against exact from 74,000 to 740,000 chunks
IVF_TRAIN_PER_LIST = 64  # k-means sample: this many vectors per list
# A filter that leaves at most this many chunks is searched exactly; the lists probed would hold few of them.
EXACT_FILTER_LIMIT = 50_000
# A loaded index answers one question at a time; one query is too little work to share between OpenMP
# threads, whose waiting for each other cost more than the scan itself (eval/BENCH.md).
SEARCH_THREADS = 1


def ivf_lists(n: int) -> int:
    """Inverted lists for n vectors: about 2 sqrt(n), 1,723 for 742,000 chunks."""
    return max(1, min(n, int(2 * n**0.5)))


def choose_faiss_index(vectors: np.ndarray, threshold: int = APPROXIMATE_THRESHOLD) -> faiss.Index:
    """Exact inner product (unit vectors make it cosine) up to threshold vectors, an inverted file above it.

    HNSW was measured too and lost: on archives with many near-identical chunks (standing items,
    recurring texts) its recall@10 fell to 0.37 at 74,000 chunks and 0.28 at 740,000 (eval/BENCH.md).

    Example:
        >>> type(choose_faiss_index(np.eye(4, dtype=np.float32))).__name__
        'IndexFlatIP'
    """
    if len(vectors) <= threshold:
        index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            index.add(vectors)
        return index
    nlist = ivf_lists(len(vectors))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(vectors.shape[1]), vectors.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    # A fixed sample: the same vectors give the same index.
    sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), IVF_TRAIN_PER_LIST * nlist), replace=False)
    index.train(vectors[np.sort(sample)])
    index.add(vectors)
    index.make_direct_map()  # reconstruct() by row: re-indexing, answer-side cosines and filtered search need it
    index.nprobe = min(IVF_NPROBE, nlist)
    return index


def search_vectors(index: faiss.Index, query: np.ndarray, k: int, allowed_ids: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(cosines, row ids) of the k nearest rows to one query vector, best first, only among allowed_ids if given.

    Rows past the last hit have id -1, as FAISS returns them.
    """
    q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
    if allowed_ids is None:
        return index.search(q, k)
    selector = faiss.IDSelectorBatch(allowed_ids.astype(np.int64))
    if not isinstance(index, faiss.IndexIVF):
        return index.search(q, k, params=faiss.SearchParameters(sel=selector))
    if len(allowed_ids) <= EXACT_FILTER_LIMIT:
        vectors = index.reconstruct_batch(allowed_ids.astype(np.int64))
        cosines = vectors @ q[0]
        top = np.argsort(-cosines, kind="stable")[:k]
        scores = np.full((1, k), -np.inf, dtype=np.float32)
        ids = np.full((1, k), -1, dtype=np.int64)
        scores[0, : len(top)], ids[0, : len(top)] = cosines[top], allowed_ids[top]
        return scores, ids
    # The probed lists hold allowed rows in proportion to the filter; probe more lists to find as many.
    nprobe = min(index.nlist, int(index.nprobe * index.ntotal / len(allowed_ids)) + 1)
    return index.search(q, k, params=faiss.SearchParametersIVF(sel=selector, nprobe=nprobe))


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
    from .embed import Embedder, vector_model_id

    began = time.perf_counter()
    corpus = parse_paths(paths)
    if corpus.errors and not corpus.meetings:
        # Only bad files (or a mistyped path): keep the previous index rather than replace it with nothing.
        shown = "; ".join(str(e) for e in corpus.errors[:5]) + (f"; and {len(corpus.errors) - 5} more" if len(corpus.errors) > 5 else "")
        raise ReferatError(f"no meetings to index ({shown}); the index in {config.index_dir}/ is unchanged")
    chunks = chunk_meetings(corpus.meetings, config)
    embedder = embedder or Embedder(config)
    tokens = embedder.check_lengths(chunks)
    keys = [text_key(vector_model_id(config), c.embed_text) for c in chunks]
    known = _previous_vectors(config)
    # Sorted by model tokens, so each batch pads little; encoded in steps for progress and bounded memory.
    todo = sorted((i for i, k in enumerate(keys) if k not in known), key=lambda i: tokens[i])
    vectors = np.zeros((len(chunks), embedder.dimension), dtype=np.float32)
    for i, k in enumerate(keys):
        if k in known:
            vectors[i] = known[k]
    step = config.batch_size * 16  # about 10 s of encoding between progress updates
    for n in range(0, len(todo), step):
        batch = todo[n : n + step]
        vectors[batch] = embedder.encode_passages([chunks[i].embed_text for i in batch])
        if progress:
            progress(min(n + step, len(todo)), len(todo))
    files = corpus_files(paths)
    faiss_index = choose_faiss_index(vectors)
    manifest = {
        "format_version": FORMAT_VERSION,
        "referat_version": __version__,
        "model_name": config.model_name,
        "dimension": embedder.dimension,
        "max_seq_length": embedder.model.max_seq_length,
        "tokenizer": config.encoding,
        "chunking": {name: getattr(config, name) for name in CHUNK_SETTINGS},
        "backend": config.backend,
        "faiss_index": type(faiss_index).__name__,
        "chunks": len(chunks),
        "meetings": [
            {"meeting_id": m.meeting_id, "body": m.body, "date": m.date.isoformat(), "items": len(m.items), "source": str(m.source)}
            for m in corpus.meetings
        ],
        "corpus_files": {str(f): {"sha256": file_sha256(f), "size": f.stat().st_size} for f in files if f.exists()},
        "corpus_paths": [str(p) for p in paths],  # so a file added to an indexed folder is noticed at load
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    _write_atomically(config.index_dir, manifest, faiss_index, chunks, keys, corpus.meetings)
    return BuildReport(
        meetings=len(corpus.meetings),
        items=sum(len(m.items) for m in corpus.meetings),
        chunks=len(chunks),
        encoded=len(todo),
        seconds=time.perf_counter() - began,
        index_dir=config.index_dir,
        corpus=corpus,
    )


def _write_atomically(target: Path, manifest, faiss_index: faiss.Index, chunks, keys, meetings) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(target)
    tmp = target.parent / f".{target.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    faiss.write_index(faiss_index, str(tmp / VECTORS))
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


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no cheap check elsewhere (os.kill(pid, 0) would end the process on Windows): keep its folders
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_leftovers(target: Path) -> None:
    """Remove the folders of builds killed halfway; put back an index one had moved aside but not yet replaced."""
    target = Path(target)
    for leftover in sorted(target.parent.glob(f".{target.name}.*-*")):
        kind, _, pid = leftover.name[len(target.name) + 2 :].rpartition("-")
        if kind not in ("building", "old") or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not target.exists() and (leftover / MANIFEST).exists():
            os.replace(leftover, target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def read_manifest(config: Config) -> dict:
    path = config.index_dir / MANIFEST
    if not path.exists():
        _clean_leftovers(config.index_dir)  # a build killed between its two renames left the index aside
    if not path.exists():
        raise IndexMissingError(f"no index in {config.index_dir}/: build one with `referat index`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CorruptIndexError(f"{path} is unreadable ({error}); rebuild with `referat index`") from error
    if not isinstance(manifest, dict):
        raise CorruptIndexError(f"{path} is not a manifest (a JSON {type(manifest).__name__}); rebuild with `referat index`")
    return manifest


def check_manifest(manifest: dict, config: Config) -> None:
    """Refuse an index built with another model, chunking or referat version."""
    problems = []
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("referat_version") != __version__:
        problems.append(f"built by referat {manifest.get('referat_version')}, this is {__version__}")
    if manifest.get("model_name") != config.model_name:
        problems.append(f"built with model {manifest.get('model_name')!r}, configured {config.model_name!r}")
    built = manifest.get("backend", "torch")
    if (built == "onnx-int8") != (config.backend == "onnx-int8"):
        problems.append(f"built with encoder backend {built!r}, configured {config.backend!r}; int8 and float vectors do not mix")
    wanted = {name: getattr(config, name) for name in CHUNK_SETTINGS}
    if manifest.get("chunking") != wanted:
        problems.append(f"built with chunking {manifest.get('chunking')}, configured {wanted}")
    if problems:
        raise StaleIndexError(f"the index in {config.index_dir}/ does not match: {'; '.join(problems)}. Rebuild with `referat index`")


def changed_corpus_files(manifest: dict) -> list[str]:
    """Source files that changed, vanished or appeared in an indexed folder since the build."""
    changed = []
    for name, info in manifest.get("corpus_files", {}).items():
        p = Path(name)
        if not p.exists():
            changed.append(f"{name} (missing)")
        elif p.stat().st_size != info["size"] or file_sha256(p) != info["sha256"]:
            changed.append(name)
    known = manifest.get("corpus_files", {})
    for f in corpus_files([Path(p) for p in manifest.get("corpus_paths", [])]):
        if f.exists() and str(f) not in known:
            changed.append(f"{f} (new)")
    return changed


def load_index(config: Config, check_corpus: bool = True) -> Index:
    """Load the index in config.index_dir, refusing one that is missing, corrupt or stale."""
    manifest = read_manifest(config)
    check_manifest(manifest, config)
    if check_corpus and (changed := changed_corpus_files(manifest)):
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        raise StaleIndexError(f"the corpus changed since the index was built ({shown}); run `referat index` again")
    folder = config.index_dir
    faiss.omp_set_num_threads(SEARCH_THREADS)
    try:
        vectors = faiss.read_index(str(folder / VECTORS))
        chunks = [chunk_from_json(json.loads(line)) for line in (folder / CHUNKS).read_text(encoding="utf-8").splitlines()]
        meetings = [meeting_from_json(m) for m in json.loads((folder / MEETINGS).read_text(encoding="utf-8"))]
        lexical = LexicalIndex.load(folder / LEXICAL, len(chunks))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, EOFError) as error:
        raise CorruptIndexError(f"the index in {folder}/ is damaged ({type(error).__name__}: {error}); rebuild with `referat index`") from error
    if vectors.ntotal != len(chunks) or len(chunks) != manifest.get("chunks") or vectors.d != manifest.get("dimension"):
        raise CorruptIndexError(
            f"the index in {folder}/ is inconsistent ({vectors.ntotal} vectors, {len(chunks)} chunks, manifest says {manifest.get('chunks')}); rebuild with `referat index`"
        )
    by_id = {m.meeting_id: m for m in meetings}
    unknown = sorted({c.meeting_id for c in chunks} - by_id.keys())
    bm25_rows = lexical.bm25.scores.get("num_docs")
    if unknown or bm25_rows != max(len(chunks), 1):
        raise CorruptIndexError(
            f"the index in {folder}/ is inconsistent ({len(unknown)} meetings of chunks missing from {MEETINGS}, "
            f"{bm25_rows} BM25 rows for {len(chunks)} chunks); rebuild with `referat index`"
        )
    return Index(config, manifest, vectors, chunks, by_id, lexical)
