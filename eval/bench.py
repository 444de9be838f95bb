"""`referat bench`: how fast referat answers and indexes on this machine, and how that grows with the archive.

It prints numbers and passes or fails nothing; eval/BENCH.md holds a recorded run and says what each
number means. Every measurement runs in a child process of its own, so a peak memory (RSS) is that of
one job: building, or serving.

The archive sizes are generated (`generate_corpus`): agenda items that recombine the seeds' sections,
grouped into new meetings under new dates, so the items get new numbers. Archives of up to
`FULL_LIMIT` items are encoded in full by the real model. Larger ones draw their items from the same
pool of item templates, so each of their chunks is the text of a chunk of the largest full archive
under another date and item number. Their vectors come from `VectorCache`: the model's vector of
that same chunk text as encoded in the full archive, with that archive's date and number in the
prefix. Nothing is random; a chunk the cache lacks is encoded.

Example:
    referat bench --scale 1000 --scale 10000 --scale 100000
    python -m eval.bench backends    # torch, onnx and onnx-int8 side by side, with the eval's metrics
    .venv/bin/python -c "from eval.bench import main; from rag.config import Config; main(Config(), [1000], print)"
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import numpy as np

from rag.config import Config

BENCH_DIR = Path("build/bench")
DEFAULT_SCALES = (1000, 10_000, 100_000)
DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "questions.jsonl"
SERVE_ROUNDS = 2  # every question is asked this many times, its vector cache emptied each time
ANN_SIZES = (10_000, 30_000, 100_000, 300_000)  # prefixes of an index, for the exact-against-approximate rows
FULL_LIMIT = 10_000  # archives up to this many items are encoded in full; larger ones reuse their vectors
ANN_NPROBE = (16, 32, 64, 128)  # the inverted file referat builds; rag.index.IVF_NPROBE is its setting
ANN_EF_SEARCH = (128, 256)  # HNSW, the alternative measured and rejected
HNSW_M = 32  # neighbours per node
HNSW_EF_CONSTRUCTION = 80
GENERATED_BODY = "Chefforum"
FIRST_DAY = date(1990, 1, 1)
DAYS_SPANNED = 12_500  # meetings are spread over this many days, one per day at the most
WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")
MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december")
Echo = Callable[[str], None]


class BenchPhaseFailed(RuntimeError):
    """A measuring child process died; a bug or an out-of-memory kill, never the user's doing."""

    def __init__(self, phase: str, stderr: str) -> None:
        super().__init__(f"bench phase {phase!r} failed:\n{stderr[-4000:]}")
        self.phase, self.stderr = phase, stderr


# -- the generated archive ----------------------------------------------------------------------
@dataclass(frozen=True)
class ItemTemplate:
    title: str
    case_number: str
    sections: tuple[tuple[str, str], ...]  # (canonical heading, text)


@dataclass(frozen=True)
class HeaderTemplate:
    place: str
    time: str
    attendees: tuple[str, ...]


@dataclass(frozen=True)
class GeneratedCorpus:
    folder: Path
    meetings: int
    items: int
    pool: int  # distinct item templates the items are drawn from


def seed_templates(seeds_dir: Path) -> tuple[list[ItemTemplate], list[HeaderTemplate]]:
    """Every agenda item of the seeds as a template, and every meeting header's place, time and attendees."""
    from rag.parse import parse_paths

    corpus = parse_paths([Path(seeds_dir)])
    items = [
        ItemTemplate(item.title, item.case_number, tuple((s.heading, s.text.strip()) for s in item.sections if s.heading and s.text.strip()))
        for m in corpus.meetings
        for item in m.items
    ]
    headers = [HeaderTemplate(m.place or "Mødelokale 1", m.time or "09:00", m.attendees) for m in corpus.meetings]
    if not items:
        from rag.errors import ReferatError

        raise ReferatError(f"no agenda items in {seeds_dir}/ to generate an archive from")
    return items, headers


def item_template(seed_items: list[ItemTemplate], by_heading: dict[str, list[str]], t: int) -> ItemTemplate:
    """Template number t: a seed item's title and case number, each section kept or swapped for another
    seed item's section with the same heading. The same t always gives the same template."""
    rng = random.Random(t)
    base = seed_items[rng.randrange(len(seed_items))]
    sections = tuple((h, text if rng.random() < 0.5 else rng.choice(by_heading[h])) for h, text in base.sections)
    return ItemTemplate(base.title, base.case_number, sections)


def long_date(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} d. {day.day}. {MONTHS[day.month - 1]} {day.year}"


def meeting_text(day: date, header: HeaderTemplate, items: list[ItemTemplate]) -> str:
    """A minutes file in the seeds' layout (REFERAT ..., Punkt N: ...)."""
    lines = [f"REFERAT {GENERATED_BODY} d. {day.strftime('%d-%m-%Y')}", f"Mødedato {long_date(day)} kl. {header.time}", f"Mødested {header.place}"]
    if header.attendees:
        lines.append(f"Mødedeltagere {', '.join(header.attendees)}")
    lines.append("Indholdsfortegnelse")
    lines.append("\n".join(f"{item.title}.....\t{n + 3}" for n, item in enumerate(items)))
    for n, item in enumerate(items, 1):
        lines.append(f"Punkt {n}: {item.title}")
        if item.case_number:
            lines.append(item.case_number)
        for heading, text in item.sections:
            lines.append(heading)
            lines.append(text)
    return "\n\n" + "\n\n".join(lines) + "\n"


def generate_corpus(seeds_dir: Path, n_items: int, folder: Path, pool: int) -> GeneratedCorpus:
    """Write an archive of n_items agenda items into folder, one minutes file per meeting.

    Item i is template i mod pool (shuffled when n_items > pool), so archives with the same pool
    share their chunk texts; meetings hold 6 to 10 items and fall on distinct days.
    """
    seed_items, headers = seed_templates(seeds_dir)
    by_heading: dict[str, list[str]] = {}
    for item in seed_items:
        for heading, text in item.sections:
            by_heading.setdefault(heading, []).append(text)
    order = [i % pool for i in range(n_items)]
    rng = random.Random(n_items)
    if n_items > pool:
        rng.shuffle(order)
    sizes = []
    while sum(sizes) < n_items:
        sizes.append(min(rng.randint(6, 10), n_items - sum(sizes)))
    step = max(1, DAYS_SPANNED // len(sizes))
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    cache: dict[int, ItemTemplate] = {}
    start = 0
    for m, size in enumerate(sizes):
        day = FIRST_DAY + timedelta(days=m * step)
        items = []
        for t in order[start : start + size]:
            if t not in cache:
                cache[t] = item_template(seed_items, by_heading, t)
            items.append(cache[t])
        start += size
        text = meeting_text(day, headers[m % len(headers)], items)
        (folder / f"{m:06d}_{day.isoformat()}.txt").write_text(text, encoding="utf-8")
    return GeneratedCorpus(folder, len(sizes), n_items, min(pool, n_items))


# -- real vectors for repeated texts -------------------------------------------------------------
_PREFIX_DATE = re.compile(r"^(.*?) (\d\d)-(\d\d)-(\d{4}) - ")
_ITEM_NUMBER = re.compile(r" - Punkt \d+: ")
_OWN_ITEM_NUMBER = re.compile(r"(?m)^Punkt \d+: ")


def twin_key(embed_text: str) -> str:
    """The embedded text with its meeting's date and its item number blanked out.

    Two chunks of generated archives have the same key exactly when they are the same chunk text of
    the same item template in a meeting with the same header, differing only in date and number.
    """
    first, newline, rest = embed_text.partition("\n")
    m = _PREFIX_DATE.match(first)
    if not m:
        return embed_text
    day = date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
    first = _ITEM_NUMBER.sub(" - Punkt #: ", first.replace(day.strftime("%d-%m-%Y"), "<dato>", 1), count=1)
    # Only the renderings the generator writes into a header; an item's own text is left alone.
    rest = rest.replace(day.strftime("%d-%m-%Y"), "<dato>").replace(long_date(day), "<dato>")
    rest = _OWN_ITEM_NUMBER.sub("Punkt #: ", rest)  # an item without sections is indexed by its heading line
    return first + newline + rest


class VectorCache:
    """Vectors of an index built with the real model, looked up by `twin_key` of the embedded text."""

    def __init__(self, index_dir: Path) -> None:
        import faiss

        vectors = faiss.read_index(str(Path(index_dir) / "vectors.faiss"))
        matrix = vectors.reconstruct_n(0, vectors.ntotal)
        texts = [json.loads(line)["embed_text"] for line in (Path(index_dir) / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
        self.vectors = {twin_key(t): matrix[i] for i, t in enumerate(texts)}

    def get(self, embed_text: str) -> np.ndarray | None:
        return self.vectors.get(twin_key(embed_text))


class BenchEmbedder:
    """The real Embedder, timing its passage encoding; with a VectorCache, known texts are looked up
    and only the others are encoded (and counted in `misses`)."""

    def __init__(self, inner, cache: VectorCache | None = None) -> None:
        self.inner, self.cache = inner, cache
        self.config, self.model, self.dimension = inner.config, inner.model, inner.dimension
        self.encode_seconds, self.encoded, self.misses = 0.0, 0, 0

    def check_lengths(self, chunks) -> list[int]:
        return self.inner.check_lengths(chunks)

    def encode_query(self, questions: list[str]) -> np.ndarray:
        return self.inner.encode_query(questions)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        todo = list(range(len(texts)))
        if self.cache is not None:
            found = [self.cache.get(t) for t in texts]
            todo = [i for i, v in enumerate(found) if v is None]
            for i, v in enumerate(found):
                if v is not None:
                    out[i] = v
            self.misses += len(todo)
        if todo:
            began = time.perf_counter()
            out[todo] = self.inner.encode_passages([texts[i] for i in todo])
            self.encode_seconds += time.perf_counter() - began
            self.encoded += len(todo)
        return out


# -- measuring in child processes ----------------------------------------------------------------
def _rss_mib(field_name: str) -> float:
    """VmHWM (peak) or VmRSS (now) of this process, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def _pct(values, p: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), p)) if len(values) else float("nan")


def config_to_json(config: Config) -> dict:
    return {f.name: str(getattr(config, f.name)) if isinstance(getattr(config, f.name), Path) else getattr(config, f.name) for f in fields(Config)}


def config_from_json(data: dict) -> Config:
    paths = {f.name for f in fields(Config) if isinstance(getattr(Config(), f.name), Path)}
    return Config(**{k: Path(v) if k in paths else v for k, v in data.items()})


def phase_build(config: Config, corpus: str, cache_from: str = "", bare: bool = False, fidelity_sample: int = 200) -> dict:
    """Build an index of corpus into config.index_dir with a loaded model; optionally time the bare model
    on the same chunks afterwards. With cache_from, also compare fidelity_sample reused vectors with the
    model's vectors of the same chunks as they are (own date and number)."""
    from rag.embed import Embedder
    from rag.index import build_index

    began = time.perf_counter()
    inner = Embedder(config)
    inner.encode_passages(["opvarmning"])  # the model is resident before the clock starts
    model_seconds = time.perf_counter() - began
    embedder = BenchEmbedder(inner, VectorCache(Path(cache_from)) if cache_from else None)
    bare_seconds, texts = 0.0, []
    if bare:
        # The bare model encodes the same chunks, half just before the build and half just after, so a
        # machine that gets busier or quieter during the build weighs on both alike.
        from rag.chunk import chunk_meetings
        from rag.parse import parse_paths

        texts = [c.embed_text for c in chunk_meetings(parse_paths([Path(corpus)]).meetings, config)]
        bare_seconds += _bare_encode(inner, texts[0::2])
    report = build_index([Path(corpus)], config, embedder=embedder)
    out = {
        "meetings": report.meetings,
        "items": report.items,
        "chunks": report.chunks,
        "encoded": embedder.encoded,
        "cache_misses": embedder.misses,
        "model_seconds": model_seconds,
        "build_seconds": report.seconds,
        "encode_seconds": embedder.encode_seconds,
        "build_peak_mib": _rss_mib("VmHWM"),
        "index_bytes": _folder_bytes(config.index_dir),
        "faiss_index": json.loads((config.index_dir / "manifest.json").read_text())["faiss_index"],
    }
    if cache_from and fidelity_sample:
        # How faithful the reused vectors are: encode a spread-out sample under its own date and number.
        import faiss

        lines = (config.index_dir / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
        rows = np.unique(np.linspace(0, len(lines) - 1, min(fidelity_sample, len(lines))).astype(np.int64))
        stored = faiss.read_index(str(config.index_dir / "vectors.faiss")).reconstruct_batch(rows)
        fresh = inner.encode_passages([json.loads(lines[i])["embed_text"] for i in rows])
        cosines = np.sum(stored * fresh, axis=1)
        out |= {"fidelity_n": len(rows), "fidelity_mean": float(cosines.mean()), "fidelity_min": float(cosines.min())}
    if bare:
        bare_seconds += _bare_encode(inner, texts[1::2])
        out["bare_seconds"], out["bare_chunks"] = bare_seconds, len(texts)
    return out


def _bare_encode(embedder, texts: list[str]) -> float:
    """Seconds the model's own `encode` takes for the passages, in one call."""
    began = time.perf_counter()
    embedder.model.encode(texts, prompt=embedder.config.passage_prompt, batch_size=embedder.config.batch_size, normalize_embeddings=True, convert_to_numpy=True)
    return time.perf_counter() - began


def phase_reindex(config: Config, corpus: str) -> dict:
    """`referat index` again on an unchanged corpus: model set-up included, as the command pays it."""
    from rag.index import build_index

    began = time.perf_counter()
    report = build_index([Path(corpus)], config)
    return {"encoded": report.encoded, "chunks": report.chunks, "seconds": time.perf_counter() - began}


def phase_serve(config: Config, questions: str, rounds: int = SERVE_ROUNDS) -> dict:
    """Warm query latency of `Answerer(question)` on a loaded index, and next to it, per question, the
    bare model encoding the question and one FAISS search of the same depth."""
    from eval.harness import load_questions
    from rag.answer import Answerer
    from rag.errors import ReferatError
    from rag.index import load_index
    from rag.retrieve import clean_question

    began = time.perf_counter()
    index = load_index(config)
    load_seconds = time.perf_counter() - began
    answerer = Answerer(index)
    retriever = answerer.retriever
    model = retriever.embedder.model
    ready_seconds = time.perf_counter() - began
    texts = []
    for q in load_questions(questions):
        try:
            texts.append(clean_question(q.question))
        except ReferatError:
            continue  # a question the pipeline refuses has no latency to compare
    for q in texts[:3]:  # warm-up: first calls allocate
        answerer(q)
    ask, encode, search = [], [], []
    for r in range(rounds):
        for n, q in enumerate(texts):
            def timed_ask() -> None:
                retriever.forget_questions()  # every ask encodes its question, as a new question would
                t = time.perf_counter()
                answerer(q)
                ask.append(time.perf_counter() - t)

            if (n + r) % 2:
                timed_ask()
            t = time.perf_counter()
            qv = model.encode([q], prompt=config.query_prompt, batch_size=1, normalize_embeddings=True, convert_to_numpy=True)
            encode.append(time.perf_counter() - t)
            t = time.perf_counter()
            index.vectors.search(np.ascontiguousarray(qv, dtype=np.float32), min(config.candidates, index.vectors.ntotal))
            search.append(time.perf_counter() - t)
            if not (n + r) % 2:
                timed_ask()
    bare = [e + s for e, s in zip(encode, search)]
    ms = 1000.0
    return {
        "questions": len(texts),
        "samples": len(ask),
        "load_seconds": load_seconds,
        "ready_seconds": ready_seconds,
        "serve_peak_mib": _rss_mib("VmHWM"),
        "serve_rss_mib": _rss_mib("VmRSS"),
        "ask_p50_ms": _pct(ask, 50) * ms,
        "ask_p95_ms": _pct(ask, 95) * ms,
        "encode_p50_ms": _pct(encode, 50) * ms,
        "encode_p95_ms": _pct(encode, 95) * ms,
        "search_p50_ms": _pct(search, 50) * ms,
        "search_p95_ms": _pct(search, 95) * ms,
        "bare_p50_ms": _pct(bare, 50) * ms,
        "bare_p95_ms": _pct(bare, 95) * ms,
        "faiss_index": type(index.vectors).__name__,
    }


def _recall(exact_scores: np.ndarray, found_ids: np.ndarray, vectors: np.ndarray, queries: np.ndarray, k: int) -> float:
    """Share of the approximate top k whose true cosine reaches the exact k-th best (so equal-scored
    twins of a chunk count as found)."""
    hits = 0
    for q in range(len(queries)):
        ids = found_ids[q, :k][found_ids[q, :k] >= 0]
        true = vectors[ids] @ queries[q]
        hits += int(np.sum(true >= exact_scores[q, k - 1] - 1e-5))
    return hits / (k * len(queries))


def _latencies(index, queries: np.ndarray, k: int, params=None) -> tuple[list[float], np.ndarray, np.ndarray]:
    times, all_scores, all_ids = [], [], []
    for q in queries:
        t = time.perf_counter()
        s, i = index.search(q[None, :], k, params=params)
        times.append(time.perf_counter() - t)
        all_scores.append(s[0])
        all_ids.append(i[0])
    return times, np.array(all_scores), np.array(all_ids)


def phase_ann(config: Config, questions: str, sizes: list[int]) -> dict:
    """Exact search (IndexFlatIP) against the inverted file referat builds above its threshold and against
    HNSW, on prefixes of the index's vectors: latency of one query at the pipeline's depth, build time,
    and recall@10 / recall@depth against exact search."""
    import faiss

    from eval.harness import load_questions
    from rag.embed import Embedder
    from rag.index import SEARCH_THREADS, choose_faiss_index

    stored = faiss.read_index(str(config.index_dir / "vectors.faiss"))
    vectors = stored.reconstruct_n(0, stored.ntotal)
    queries = Embedder(config).encode_query([q.question for q in load_questions(questions) if q.question.strip()])
    depth = config.candidates
    build_threads = faiss.omp_get_max_threads()

    def timed_build(make):
        faiss.omp_set_num_threads(build_threads)  # built as `referat index` builds it
        began = time.perf_counter()
        index = make()
        faiss.omp_set_num_threads(SEARCH_THREADS)  # searched as a loaded index searches
        return index, time.perf_counter() - began

    def hnsw_of(part):
        index = faiss.IndexHNSWFlat(part.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.add(part)
        return index

    rows = []
    for n in sorted({min(s, len(vectors)) for s in sizes} | {len(vectors)}):
        part = vectors[:n]
        flat, _ = timed_build(lambda: choose_faiss_index(part, threshold=len(part)))
        flat_times, exact_scores, _ = _latencies(flat, queries, depth)
        row = {"vectors": n, "flat_p50_ms": _pct(flat_times, 50) * 1000, "flat_p95_ms": _pct(flat_times, 95) * 1000, "methods": []}
        if n == len(vectors) and isinstance(stored, faiss.IndexIVF):
            ivf, ivf_seconds = stored, None  # built by the index build already
        else:
            ivf, ivf_seconds = timed_build(lambda: choose_faiss_index(part, threshold=0))
        hnsw, hnsw_seconds = timed_build(lambda: hnsw_of(part))
        trials = [("IVF", ivf_seconds, f"nprobe {p}", ivf, faiss.SearchParametersIVF(nprobe=p)) for p in ANN_NPROBE]
        trials += [("HNSW", hnsw_seconds, f"efSearch {ef}", hnsw, faiss.SearchParametersHNSW(efSearch=ef)) for ef in ANN_EF_SEARCH]
        for method, seconds, setting, index, params in trials:
            times, _, ids = _latencies(index, queries, depth, params)
            row["methods"].append(
                {
                    "method": method,
                    "build_seconds": seconds,
                    "setting": setting,
                    "p50_ms": _pct(times, 50) * 1000,
                    "p95_ms": _pct(times, 95) * 1000,
                    "recall@10": _recall(exact_scores, ids, part, queries, 10),
                    f"recall@{depth}": _recall(exact_scores, ids, part, queries, depth),
                }
            )
        rows.append(row)
        del flat, ivf, hnsw
    return {"queries": len(queries), "depth": depth, "hnsw_m": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION, "rows": rows}


def phase_quality(config: Config, questions: str) -> dict:
    """The eval's metrics for the hybrid retriever on the index in config.index_dir (`referat eval --retriever hybrid`)."""
    from eval.harness import load_questions, metrics, run
    from rag.answer import Answerer
    from rag.index import load_index

    records = run(Answerer(load_index(config)), load_questions(questions), ["hybrid"])["hybrid"]
    return metrics(records)


PHASES = {"build": phase_build, "reindex": phase_reindex, "serve": phase_serve, "ann": phase_ann, "quality": phase_quality}


def run_phase(phase: str, config: Config, work_dir: Path, **kwargs) -> dict:
    """Run one phase in a fresh Python process; return its numbers plus the process's wall time."""
    work_dir.mkdir(parents=True, exist_ok=True)
    args, out = work_dir / f".{phase}-args.json", work_dir / f".{phase}-result.json"
    args.write_text(json.dumps({"config": config_to_json(config), **kwargs}, ensure_ascii=False))
    out.unlink(missing_ok=True)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "eval.bench", phase, str(args), str(out)], capture_output=True, text=True)
    seconds = time.perf_counter() - began
    if done.returncode != 0 or not out.exists():
        raise BenchPhaseFailed(phase, done.stderr)
    return json.loads(out.read_text()) | {"process_seconds": seconds}


# -- the report ----------------------------------------------------------------------------------
def machine() -> str:
    """CPU, cores, memory, load and library versions: what the numbers were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for name, distribution in (("faiss", "faiss-cpu"), ("onnxruntime", "onnxruntime"), ("bm25s", "bm25s"), ("sentence_transformers", "sentence-transformers"), ("torch", "torch")):
        try:
            versions.append(f"{name} {version(distribution)}")
        except PackageNotFoundError:  # a missing package is worth a gap, not a failed benchmark
            continue
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}; {os.cpu_count()} cores; {mem / 2**20:.0f} GiB RAM; load average {load}; Python {platform.python_version()}; {'; '.join(versions)}"


@dataclass
class ScaleResult:
    name: str
    corpus: Path
    vectors_from: str  # "model" or "cache of <n>"
    build: dict
    serve: dict
    reindex: dict = field(default_factory=dict)

    @property
    def build_rate(self) -> float:
        return self.build["chunks"] / self.build["build_seconds"]

    @property
    def bare_rate(self) -> float | None:
        return self.build["bare_chunks"] / self.build["bare_seconds"] if "bare_seconds" in self.build else None


def _f(value, fmt: str = ".1f") -> str:
    return "-" if value is None or (isinstance(value, float) and np.isnan(value)) else format(value, fmt)


def scale_rows(results: list[ScaleResult], encode_rate: float | None) -> list[str]:
    """The Markdown table of every scale: build, memory, size, load and query latency."""
    head = [
        "| scale | items | chunks | vectors | build s | build chunks/s | bare encode chunks/s | build/bare | build peak RSS MiB | index MiB | index | re-index s (encoded) |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    rows = []
    for r in results:
        b = r.build
        if r.vectors_from == "model":
            build_s = _f(b["build_seconds"])
            rate, bare = _f(r.build_rate), _f(r.bare_rate)
            ratio = _f(r.build_rate / r.bare_rate, ".2f") if r.bare_rate else "-"
        else:
            # Encoding these chunks for real would take chunks / (encode rate of the full build).
            est = b["build_seconds"] - b["encode_seconds"] + (b["chunks"] / encode_rate if encode_rate else float("nan"))
            build_s, rate, bare, ratio = f"~{est:,.0f} (extrapolated; {b['build_seconds']:.0f} without encoding)", "-", "-", "-"
        reindex = f"{r.reindex['seconds']:.1f} ({r.reindex['encoded']})" if r.reindex else "-"
        rows.append(
            f"| {r.name} | {b['items']:,} | {b['chunks']:,} | {r.vectors_from} | {build_s} | {rate} | {bare} | {ratio} | "
            f"{b['build_peak_mib']:,.0f} | {b['index_bytes'] / 2**20:,.1f} | {b['faiss_index']} | {reindex} |"
        )
    return head + rows


def serve_rows(results: list[ScaleResult]) -> list[str]:
    head = [
        "| scale | load s | serve RSS MiB (peak) | ask p50 ms | ask p95 ms | encode p50 ms | search p50 ms | encode+search p50 ms | encode+search p95 ms | ask/bare p50 | ask/bare p95 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = []
    for r in results:
        s = r.serve
        rows.append(
            f"| {r.name} | {s['ready_seconds']:.1f} | {s['serve_rss_mib']:,.0f} ({s['serve_peak_mib']:,.0f}) | {s['ask_p50_ms']:.1f} | {s['ask_p95_ms']:.1f} | "
            f"{s['encode_p50_ms']:.1f} | {s['search_p50_ms']:.2f} | {s['bare_p50_ms']:.1f} | {s['bare_p95_ms']:.1f} | "
            f"{s['ask_p50_ms'] / s['bare_p50_ms']:.2f} | {s['ask_p95_ms'] / s['bare_p95_ms']:.2f} |"
        )
    return head + rows


def ann_rows(ann_runs: list[dict]) -> list[str]:
    depth = ann_runs[0]["depth"] if ann_runs else 0
    head = [
        f"| vectors | of | exact p50 ms | exact p95 ms | index | build s | setting | p50 ms | p95 ms | recall@10 | recall@{depth} |",
        "|---:|---|---:|---:|---|---:|---|---:|---:|---:|---:|",
    ]
    rows = []
    for row, ann in ((row, ann) for ann in ann_runs for row in ann["rows"]):
        for n, m in enumerate(row["methods"]):
            first = n == 0
            source = f"{ann['scale']} ({ann['vectors_from']})"
            built = ("in build" if m["build_seconds"] is None else _f(m["build_seconds"])) if n == 0 or m["method"] != row["methods"][n - 1]["method"] else ""
            rows.append(
                f"| {row['vectors']:,} | {source if first else ''} | {_f(row['flat_p50_ms'], '.2f') if first else ''} | "
                f"{_f(row['flat_p95_ms'], '.2f') if first else ''} | {m['method']} | {built} | {m['setting']} | "
                f"{m['p50_ms']:.2f} | {m['p95_ms']:.2f} | {m['recall@10']:.3f} | {m[f'recall@{depth}']:.3f} |"
            )
    return head + rows


def main(
    config: Config,
    scales: list[int] | tuple[int, ...] = DEFAULT_SCALES,
    echo: Echo = print,
    *,
    work_dir: Path = BENCH_DIR,
    questions: Path = DEFAULT_QUESTIONS,
    full_limit: int = FULL_LIMIT,
) -> dict:
    """Measure the seeds and each generated scale; print progress lines and the tables; return the numbers.

    Scales of at most full_limit items (at least the smallest) are encoded in full; larger ones take
    their vectors from the largest of those (see the module docstring). The bare model is timed on the
    seeds and on the smallest scale.
    """
    work_dir = Path(work_dir)
    scales = sorted(set(scales))
    full_scales = [n for n in scales if n <= full_limit] or scales[:1]
    pool = full_scales[-1]
    echo(f"referat bench: backend {config.backend}, model {config.model_name}")
    echo(f"machine: {machine()}")
    results: list[ScaleResult] = []

    def measure(name: str, corpus: Path, cache_from: Path | None, reindex: bool, bare: bool) -> ScaleResult:
        cfg = config.with_(index_dir=work_dir / name / "index")
        shutil.rmtree(cfg.index_dir, ignore_errors=True)  # a previous run's vectors would be reused, not encoded
        echo(f"[{name}] building the index of {corpus} ...")
        build = run_phase("build", cfg, work_dir, corpus=str(corpus), cache_from=str(cache_from or ""), bare=bare)
        done = ScaleResult(name, corpus, "model" if cache_from is None else f"cache of {pool:,}", build, {})
        echo(
            f"[{name}] {build['chunks']:,} chunks of {build['items']:,} items built in {build['build_seconds']:.1f} s "
            f"({build['encoded']:,} encoded in {build['encode_seconds']:.1f} s), peak RSS {build['build_peak_mib']:,.0f} MiB, "
            f"index {build['index_bytes'] / 2**20:,.1f} MiB ({build['faiss_index']})"
            + (f"; bare encode {done.bare_rate:.1f} chunks/s, build {done.build_rate:.1f} chunks/s" if done.bare_rate else "")
        )
        if "fidelity_n" in build:
            echo(
                f"[{name}] reused vectors against the model's own vectors of {build['fidelity_n']} sampled chunks: "
                f"cosine mean {build['fidelity_mean']:.4f}, min {build['fidelity_min']:.4f}"
            )
        if reindex:
            done.reindex = run_phase("reindex", cfg, work_dir, corpus=str(corpus))
            echo(f"[{name}] re-index of the unchanged corpus: {done.reindex['encoded']} encoded, {done.reindex['seconds']:.1f} s ({done.reindex['process_seconds']:.1f} s with process start)")
        done.serve = run_phase("serve", cfg, work_dir, questions=str(questions))
        s = done.serve
        echo(
            f"[{name}] serving: ready in {s['ready_seconds']:.1f} s, peak RSS {s['serve_peak_mib']:,.0f} MiB; ask p50 {s['ask_p50_ms']:.1f} ms p95 {s['ask_p95_ms']:.1f} ms; "
            f"encode+search p50 {s['bare_p50_ms']:.1f} ms p95 {s['bare_p95_ms']:.1f} ms ({s['samples']} asks)"
        )
        results.append(done)
        return done

    measure("seeds", Path(config.seeds_dir), None, reindex=True, bare=True)
    full = None
    for n in scales:
        corpus = generate_corpus(config.seeds_dir, n, work_dir / f"corpus-{n}", pool=pool)
        echo(f"[{n:,}] generated {corpus.meetings:,} meetings with {corpus.items:,} items in {corpus.folder}")
        if n in full_scales:
            full = measure(f"{n:,}", corpus.folder, None, reindex=True, bare=n == full_scales[0])
        else:
            measure(f"{n:,}", corpus.folder, work_dir / f"{pool:,}" / "index", reindex=False, bare=False)
    encode_rate = full.build["encoded"] / full.build["encode_seconds"] if full and full.build["encode_seconds"] else None
    # Exact against IVF and HNSW on each archive's vectors, at the sizes between the previous archive's and its own.
    ann_runs, below = [], 0
    for r in results[1:]:
        n = r.build["chunks"]
        sizes = [x for x in ANN_SIZES if below < x < n] + [n]
        echo(f"[ann] exact against IVF and HNSW on the vectors of {r.name} at {', '.join(f'{x:,}' for x in sizes)} ...")
        ann = run_phase("ann", config.with_(index_dir=work_dir / r.name / "index"), work_dir, questions=str(questions), sizes=sizes)
        ann_runs.append(ann | {"vectors_from": r.vectors_from, "scale": r.name})
        below = n
    echo("")
    for line in scale_rows(results, encode_rate) + [""] + serve_rows(results) + [""] + ann_rows(ann_runs):
        echo(line)
    echo(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    summary = {
        "machine": machine(),
        "backend": config.backend,
        "scales": [{"name": r.name, "vectors_from": r.vectors_from, "build": r.build, "serve": r.serve, "reindex": r.reindex} for r in results],
        "ann": ann_runs,
    }
    (work_dir / "results.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return summary


def compare_backends(config: Config, echo: Echo = print, *, work_dir: Path = BENCH_DIR, questions: Path = DEFAULT_QUESTIONS) -> list[dict]:
    """Each encoder backend side by side on the seeds: build and bare encode throughput, warm query
    latency, and the eval's hybrid metrics. `python -m eval.bench backends` prints it."""
    from rag.config import BACKENDS

    rows = []
    for backend in BACKENDS:
        cfg = config.with_(backend=backend, index_dir=Path(work_dir) / f"backend-{backend}" / "index")
        shutil.rmtree(cfg.index_dir, ignore_errors=True)
        echo(f"[{backend}] building the seeds index and running the eval ...")
        build = run_phase("build", cfg, Path(work_dir), corpus=str(config.seeds_dir), bare=True)
        serve = run_phase("serve", cfg, Path(work_dir), questions=str(questions))
        quality = run_phase("quality", cfg, Path(work_dir), questions=str(questions))
        rows.append({"backend": backend, "build": build, "serve": serve, "quality": quality})
    echo("")
    echo("| backend | build chunks/s | bare encode chunks/s | encode p50 ms | ask p50 ms | ask p95 ms | serve RSS MiB (peak) | hit@1 | hit@5 | MRR | cit@1 | contains | abst.acc |")
    echo("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        b, s, q = r["build"], r["serve"], r["quality"]
        echo(
            f"| {r['backend']} | {b['chunks'] / b['build_seconds']:.1f} | {b['bare_chunks'] / b['bare_seconds']:.1f} | {s['encode_p50_ms']:.1f} | "
            f"{s['ask_p50_ms']:.1f} | {s['ask_p95_ms']:.1f} | {s['serve_rss_mib']:,.0f} ({s['serve_peak_mib']:,.0f}) | "
            + " | ".join(_f(q[k], ".3f") for k in ("hit@1", "hit@5", "mrr", "cit@1", "contains", "abst.acc"))
            + " |"
        )
    echo(f"machine: {machine()}")
    return rows


def _child_main(phase: str, args_path: str, out_path: str) -> None:
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass
    args = json.loads(Path(args_path).read_text())
    config = config_from_json(args.pop("config"))
    result = PHASES[phase](config, **args)
    Path(out_path).write_text(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1:] == ["backends"]:
        compare_backends(Config())
    else:
        _child_main(*sys.argv[1:4])
