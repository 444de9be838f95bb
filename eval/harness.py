"""The evaluation harness behind `referat eval`: every question of a question set through `ask`, scored.

Each question goes through `Answerer.__call__(question, Filters(), retriever=name)`, the code path of
`referat ask`, once per retriever. Per question it records the `ask --json` object plus its scores;
per retriever it prints hit@1, hit@5, MRR, citation@1, answer-contains, abstention accuracy and false
abstentions, broken down by question kind. `--baseline` turns it into a regression gate for the
hybrid retriever (the product); `--report` writes report.md/report.html with plots.

Example:
    referat eval --report eval/out --baseline eval/baseline.json
    .venv/bin/python -c "from eval.harness import main; from rag.config import Config; main(Config(), None, None, None, ['hybrid'], None, None, print)"
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from rag.config import RETRIEVERS, Config
from rag.errors import ReferatError
from rag.records import HEADER_ITEM

DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "questions.jsonl"
GATE = "hybrid"  # the retriever the baseline gates: the product
RATE_TOLERANCE = 0.02  # a rate may fall by max(0.02, one question's worth of its denominator)
FALSE_ABSTENTION_TOLERANCE = 0  # answerable questions newly answered with "nothing found": none allowed
# Metrics gated by the baseline: name -> (denominator field, per-question check that explains a drop).
GATED = {
    "hit@1": ("answerable", "hit@1"),
    "hit@5": ("answerable", "hit@5"),
    "mrr": ("answerable", "rank"),
    "cit@1": ("answerable", "cit@1"),
    "contains": ("with_contains", "contains"),
    "abst.acc": ("unanswerable", "abstention"),
}
CHECKS = ("hit@1", "hit@5", "cit@1", "contains", "abstention")
Echo = Callable[[str], None]


# -- question set ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    id: str
    question: str
    expected: tuple[tuple[str, int], ...]  # (ISO date, item); item 0 = any item of that meeting
    answer_contains: tuple[str, ...]
    kind: str

    @property
    def answerable(self) -> bool:
        return bool(self.expected)


def load_questions(path: Path | str) -> list[Question]:
    """Read a question set (JSONL); raise ReferatError naming the line of anything malformed."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ReferatError(f"cannot read the question set {path}: {error}") from error
    out: list[Question] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            q = Question(
                id=str(raw["id"]),
                question=raw["question"],
                expected=tuple((str(e["date"]), int(e["item"])) for e in raw.get("expected") or ()),
                answer_contains=tuple(str(s) for s in raw.get("answer_contains") or ()),
                kind=str(raw.get("kind") or ("answerable" if raw.get("expected") else "unanswerable")),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ReferatError(f"{path}:{n}: not a question record ({type(error).__name__}: {error})") from error
        if q.id in seen:
            raise ReferatError(f"{path}:{n}: duplicate question id {q.id!r}")
        seen.add(q.id)
        out.append(q)
    if not out:
        raise ReferatError(f"{path} holds no questions")
    return out


# -- scoring -----------------------------------------------------------------------------------
def matches(expected: Iterable[tuple[str, int]], meeting_date: str, item: int) -> bool:
    """An item answers a question when it is an expected (date, item), or any item of a meeting whose
    header (item 0) is expected: attendance and place are facts of the whole meeting."""
    return any(meeting_date == d and (item == i or i == HEADER_ITEM) for d, i in expected)


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def contains_all(answer: str, needles: Iterable[str]) -> bool:
    hay = normalise(answer)
    return all(normalise(n) in hay for n in needles)


def ranked_items(hits: list[dict]) -> list[tuple[str, int]]:
    """Distinct (meeting_date, item) in hit order. Dates identify meetings in the seeds (one body)."""
    return list(dict.fromkeys((h["meeting_date"], h["item"]) for h in hits))


def score(q: Question, result: dict, all_hits: list[dict]) -> dict:
    """Per-question scores. `all_hits` is every hit of the answer, not only the ones shown in the JSON."""
    found = bool(result.get("found"))
    s: dict = {"answerable": q.answerable, "found": found}
    if q.answerable:
        items = ranked_items(all_hits)
        rank = next((r for r, (d, i) in enumerate(items, 1) if matches(q.expected, d, i)), None)
        cits = result.get("citations") or []
        s["rank"] = rank
        s["hit@1"] = rank == 1
        s["hit@5"] = rank is not None and rank <= 5
        s["rr"] = 1.0 / rank if rank else 0.0
        s["cit@1"] = bool(cits) and matches(q.expected, cits[0]["meeting_date"], cits[0]["item"])
        s["contains"] = contains_all(result.get("answer", ""), q.answer_contains) if q.answer_contains else None
        s["abstention"] = found  # an answerable question should be answered
    else:
        s.update({"rank": None, "hit@1": None, "hit@5": None, "rr": None, "cit@1": None, "contains": None})
        s["abstention"] = not found  # an unanswerable one should not
    return s


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank-interpolated percentile (numpy's default 'linear' method)."""
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def metrics(records: list[dict]) -> dict:
    """Aggregate per-question records (each with a "scores" dict and "latency_ms") into rates and counts."""
    ans = [r["scores"] for r in records if r["scores"]["answerable"]]
    una = [r["scores"] for r in records if not r["scores"]["answerable"]]
    con = [s for s in ans if s["contains"] is not None]

    def rate(xs: list[dict], key: str) -> float | None:
        return sum(float(x[key]) for x in xs) / len(xs) if xs else None

    lat = [r["latency_ms"] for r in records]
    return {
        "n": len(records),
        "answerable": len(ans),
        "unanswerable": len(una),
        "with_contains": len(con),
        "hit@1": rate(ans, "hit@1"),
        "hit@5": rate(ans, "hit@5"),
        "mrr": rate(ans, "rr"),
        "cit@1": rate(ans, "cit@1"),
        "contains": rate(con, "contains"),
        "abst.acc": rate(una, "abstention"),
        "false_abst": sum(1 for s in ans if not s["found"]),
        "errors": sum(1 for r in records if r.get("error")),
        "p50_ms": percentile(lat, 50),
        "p95_ms": percentile(lat, 95),
    }


# -- running -----------------------------------------------------------------------------------
def ask_one(answerer, q: Question, retriever: str) -> dict:
    """One question through the `ask` code path; a ReferatError becomes a found=false record."""
    from rag.answer import answer_to_json
    from rag.retrieve import Filters

    # Each question is timed as a new question: no question vector cached by an earlier retriever's run.
    answerer.retriever.forget_questions()
    began = time.perf_counter()
    try:
        answer = answerer(q.question, Filters(), retriever=retriever)
    except ReferatError as error:
        latency = (time.perf_counter() - began) * 1000
        result = {"question": q.question, "found": False, "answer": "", "citations": [], "hits": [], "note": "", "filters": {}}
        result["error"] = f"{type(error).__name__}: {error}"
        all_hits: list[dict] = []
    else:
        latency = (time.perf_counter() - began) * 1000
        result = answer_to_json(answer)
        all_hits = [{"meeting_date": h.chunk.meeting_date, "item": h.chunk.item_number} for h in answer.hits]
    record = {"id": q.id, "kind": q.kind, "retriever": retriever, "latency_ms": round(latency, 2)}
    record |= result
    record["expected"] = [{"date": d, "item": i} for d, i in q.expected]
    record["answer_contains"] = list(q.answer_contains)
    record["scores"] = score(q, result, all_hits)
    return record


def warm_up(answerer) -> None:
    """Load the model and touch every lazy cache before anything is timed."""
    from rag.retrieve import Filters

    for n, mode in enumerate(RETRIEVERS):
        try:
            answerer(f"opvarmning af modellen {n}", Filters(), retriever=mode)
        except ReferatError:
            pass


def run(answerer, questions: list[Question], retrievers: list[str], echo: Echo | None = None) -> dict[str, list[dict]]:
    """Every question through every retriever. Retrievers take turns per question, so a busy machine
    slows them alike and their latencies stay comparable."""
    warm_up(answerer)
    out: dict[str, list[dict]] = {name: [] for name in retrievers}
    began = time.perf_counter()
    for q in questions:
        for name in retrievers:
            out[name].append(ask_one(answerer, q, name))
    if echo:
        echo(f"{len(questions)} questions x {len(retrievers)} retrievers ({', '.join(retrievers)}) in {time.perf_counter() - began:.1f} s")
    return out


# -- tables ------------------------------------------------------------------------------------
COLUMNS = [  # header, metric key, width, format
    ("n", "n", 5, "d"),
    ("hit@1", "hit@1", 8, "r"),
    ("hit@5", "hit@5", 8, "r"),
    ("MRR", "mrr", 8, "r"),
    ("cit@1", "cit@1", 8, "r"),
    ("contains", "contains", 10, "r"),
    ("abst.acc", "abst.acc", 10, "r"),
    ("false abst.", "false_abst", 13, "d"),
]


def fmt(value, kind: str = "r") -> str:
    if value is None:
        return "-"
    if kind == "d":
        return str(int(value))
    if kind == "ms":
        return f"{value:.0f}"
    return f"{value:.3f}"


def kinds_in_order(records: list[dict]) -> list[str]:
    return list(dict.fromkeys(r["kind"] for r in records))


def by_kind(records: list[dict]) -> list[tuple[str, dict]]:
    rows = [(k, metrics([r for r in records if r["kind"] == k])) for k in kinds_in_order(records)]
    return rows + [("all", metrics(records))]


def kind_table(records: list[dict]) -> list[str]:
    width = max(12, *(len(k) for k in kinds_in_order(records))) + 1
    head = f"{'kind':<{width}}" + "".join(f"{h:>{w}}" for h, _, w, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    for kind, m in by_kind(records):
        if kind == "all":
            lines.append("-" * len(head))
        lines.append(f"{kind:<{width}}" + "".join(f"{fmt(m[key], f):>{w}}" for _, key, w, f in COLUMNS))
    return lines


COMPARE_ROWS = [
    ("hit@1", "hit@1", "r"), ("hit@5", "hit@5", "r"), ("MRR", "mrr", "r"), ("cit@1", "cit@1", "r"),
    ("contains", "contains", "r"), ("abst.acc", "abst.acc", "r"), ("false abst.", "false_abst", "d"),
    ("errors", "errors", "d"), ("p50 ms", "p50_ms", "ms"), ("p95 ms", "p95_ms", "ms"),
]


def comparison_table(overall: dict[str, dict]) -> list[str]:
    names = list(overall)
    head = f"{'metric':<12}" + "".join(f"{n:>10}" for n in names)
    lines = [head, "-" * len(head)]
    for label, key, f in COMPARE_ROWS:
        lines.append(f"{label:<12}" + "".join(f"{fmt(overall[n][key], f):>10}" for n in names))
    return lines


def describe(name: str, m: dict) -> str:
    return (
        f"{name}: {m['n']} questions ({m['answerable']} answerable, {m['unanswerable']} unanswerable, "
        f"{m['with_contains']} with answer_contains); latency p50 {fmt(m['p50_ms'], 'ms')} ms, p95 {fmt(m['p95_ms'], 'ms')} ms"
    )


# -- baseline ----------------------------------------------------------------------------------
def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def per_question(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: {"rank": r["scores"]["rank"]} | {c: r["scores"][c] for c in CHECKS} for r in records}


def make_baseline(results: dict[str, list[dict]], questions_path: Path) -> dict:
    gate = GATE if GATE in results else next(iter(results))
    return {
        "about": "Metrics of `referat eval` to gate against; see eval/README.md. Regenerate with --write-baseline.",
        "gate": gate,
        "tolerance": {"rate_abs": RATE_TOLERANCE, "rate_min_questions": 1, "false_abst": FALSE_ABSTENTION_TOLERANCE},
        "questions": _shown_path(questions_path),
        "questions_sha256": file_digest(questions_path),
        "written_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "retrievers": {
            name: {"metrics": metrics(recs), "kinds": dict(by_kind(recs)[:-1]), "questions": per_question(recs)}
            for name, recs in results.items()
        },
    }


def _shown_path(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_baseline(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data["retrievers"][data["gate"]]["metrics"]
    except OSError as error:
        raise ReferatError(f"cannot read the baseline {path}: {error}") from error
    except (ValueError, KeyError, TypeError) as error:
        raise ReferatError(f"{path} is not an eval baseline ({type(error).__name__}: {error}); write one with --write-baseline") from error
    return data


def tolerance(metric: str, base: dict) -> float:
    """Allowed drop of a rate: 0.02 absolute or one question's worth of its denominator, whichever is larger."""
    denominator = base.get(GATED[metric][0]) or 0
    return max(RATE_TOLERANCE, 1.0 / denominator) if denominator else RATE_TOLERANCE


@dataclass
class Comparison:
    gate: str
    regressions: list[str] = field(default_factory=list)  # one line per regressed metric
    flips: dict[str, list[str]] = field(default_factory=dict)  # check -> ids that went pass -> fail
    fixes: dict[str, list[str]] = field(default_factory=dict)  # check -> ids that went fail -> pass
    worse_rank: list[str] = field(default_factory=list)  # answerable ids whose first correct item fell
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.regressions


def compare(baseline: dict, current_metrics: dict, current_questions: dict[str, dict]) -> Comparison:
    """Compare the gated retriever's metrics and per-question checks with the baseline's."""
    gate = baseline["gate"]
    base = baseline["retrievers"][gate]
    bm, bq = base["metrics"], base.get("questions", {})
    cmp = Comparison(gate)
    for check in CHECKS:
        for qid, now in current_questions.items():
            before = bq.get(qid)
            if before is None or before.get(check) is None or now.get(check) is None:
                continue
            if before[check] and not now[check]:
                cmp.flips.setdefault(check, []).append(qid)
            elif now[check] and not before[check]:
                cmp.fixes.setdefault(check, []).append(qid)
    for qid, now in current_questions.items():
        before = bq.get(qid)
        if before and before.get("rank") and (now.get("rank") is None or now["rank"] > before["rank"]):
            cmp.worse_rank.append(qid)
    missing = sorted(set(bq) - set(current_questions))
    new = sorted(set(current_questions) - set(bq))
    if missing or new:
        cmp.notes.append(f"question set differs from the baseline's: {len(new)} new, {len(missing)} gone; flips only cover shared ids")
    for metric, (_, check) in GATED.items():
        b, c = bm.get(metric), current_metrics.get(metric)
        if b is None or c is None:
            continue
        tol = tolerance(metric, bm)
        if c < b - tol - 1e-9:
            why = cmp.worse_rank if check == "rank" else cmp.flips.get(check, [])
            if check == "abstention":  # abstention accuracy is over the unanswerable questions only
                why = [q for q in why if current_questions[q].get("hit@1") is None]
            label = "rank fell" if check == "rank" else f"{check} pass->fail"
            cmp.regressions.append(
                f"{metric} regressed: {c:.3f} < baseline {b:.3f} - tolerance {tol:.3f}; {label}: {', '.join(why) or '(none)'}"
            )
    b, c = bm.get("false_abst"), current_metrics.get("false_abst")
    if b is not None and c is not None and c > b + FALSE_ABSTENTION_TOLERANCE:
        cmp.regressions.append(
            f"false_abst regressed: {c} > baseline {b} (no rise allowed); abstention pass->fail: "
            f"{', '.join(q for q in cmp.flips.get('abstention', []) if current_questions[q].get('hit@1') is not None) or '(none)'}"
        )
    return cmp


def comparison_lines(cmp: Comparison, baseline_path: Path) -> list[str]:
    lines = [f"Baseline {baseline_path} ({cmp.gate}): " + ("OK" if cmp.ok else f"REGRESSED ({len(cmp.regressions)} metrics)")]
    lines += [f"  note: {n}" for n in cmp.notes]
    lines += [f"  FAIL {r}" for r in cmp.regressions]
    for check in CHECKS:
        if cmp.flips.get(check):
            lines.append(f"  {check} pass->fail: {', '.join(cmp.flips[check])}")
        if cmp.fixes.get(check):
            lines.append(f"  {check} fail->pass: {', '.join(cmp.fixes[check])}")
    return lines


# -- report ------------------------------------------------------------------------------------
def plot(results: dict[str, list[dict]], folder: Path) -> list[str]:
    """Per-kind hit@5 / contains bars and a rank histogram; returns the PNG file names written."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    names = list(results)
    kinds = [k for k in kinds_in_order(next(iter(results.values()))) if any(r["scores"]["answerable"] for r in next(iter(results.values())) if r["kind"] == k)]
    per = {n: dict(by_kind(results[n])) for n in names}
    fig, axes = plt.subplots(2, 1, figsize=(max(7, 1.1 * len(kinds) + 2), 7), sharex=True)
    width = 0.8 / max(1, len(names))
    for ax, key, title in ((axes[0], "hit@5", "hit@5 by question kind"), (axes[1], "contains", "answer contains expected text, by kind")):
        for j, n in enumerate(names):
            xs = [i + (j - (len(names) - 1) / 2) * width for i in range(len(kinds) + 1)]
            ys = [per[n][k][key] or 0.0 for k in kinds + ["all"]]
            ax.bar(xs, ys, width, label=n)
        ax.set_ylim(0, 1.2)
        ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
    axes[1].set_xticks(range(len(kinds) + 1))
    axes[1].set_xticklabels(kinds + ["all"], rotation=20)
    axes[0].legend(loc="upper center", ncol=len(names), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(folder / "per_kind.png", dpi=110)
    plt.close(fig)

    labels = [str(i) for i in range(1, 11)] + [">10", "miss"]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    for j, n in enumerate(names):
        counts = [0] * len(labels)
        for r in results[n]:
            s = r["scores"]
            if not s["answerable"]:
                continue
            rank = s["rank"]
            counts[(rank - 1) if rank and rank <= 10 else (10 if rank else 11)] += 1
        ax.bar([i + (j - (len(names) - 1) / 2) * width for i in range(len(labels))], counts, width, label=n)
    ax.set_xticks(range(len(labels)))
    ax.set_xticklabels(labels)
    ax.set_xlabel("rank of the first correct item")
    ax.set_ylabel("answerable questions")
    ax.set_title("Where the first correct item lands")
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(folder / "ranks.png", dpi=110)
    plt.close(fig)
    return ["per_kind.png", "ranks.png"]


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"] + ["| " + " | ".join(r) + " |" for r in rows]


def failures(records: list[dict]) -> list[list[str]]:
    rows = []
    for r in records:
        s = r["scores"]
        failed = [c for c in CHECKS if s.get(c) is False]
        if not failed:
            continue
        top = ranked_items(r.get("hits") or [])[:1]
        got = f"{top[0][0]} #{top[0][1]}" if top else "-"
        want = ", ".join(f"{e['date']} #{e['item']}" for e in r["expected"]) or "(unanswerable)"
        cell = lambda t: t.replace("|", "\\|").replace("\n", " ")  # noqa: E731
        rows.append([r["id"], r["kind"], cell(r["question"]), want, got, str(s["rank"] or "-"), ", ".join(failed), cell(r.get("error") or r.get("note") or "")])
    return rows


def write_report(results: dict[str, list[dict]], folder: Path, comparison: list[str]) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    images = plot(results, folder)
    overall = {n: metrics(recs) for n, recs in results.items()}
    md = ["# referat eval report", "", f"Written {time.strftime('%Y-%m-%d %H:%M')}. Metrics are explained in eval/README.md.", ""]
    md += ["## Retrievers compared", ""]
    md += md_table(["metric"] + list(overall), [[label] + [fmt(overall[n][key], f) for n in overall] for label, key, f in COMPARE_ROWS])
    if comparison:
        md += ["", "## Baseline", "", "```", *comparison, "```"]
    for img in images:
        md += ["", f"![{img}]({img})"]
    for name, recs in results.items():
        md += ["", f"## {name}", "", describe(name, overall[name]), ""]
        md += md_table(["kind"] + [h for h, *_ in COLUMNS], [[k] + [fmt(m[key], f) for _, key, _, f in COLUMNS] for k, m in by_kind(recs)])
        rows = failures(recs)
        md += ["", f"### Failed checks ({len(rows)} questions)", ""]
        md += md_table(["id", "kind", "question", "expected", "top item", "rank", "failed", "note"], rows) if rows else ["None."]
    (folder / "report.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    (folder / "report.html").write_text(markdown_to_html(md), encoding="utf-8")
    return folder / "report.md"


def markdown_to_html(md: list[str]) -> str:
    """Just enough Markdown (headings, tables, images, code blocks, paragraphs) for this report."""
    out, table, code = [], False, False
    for line in md:
        if line.startswith("```"):
            out.append("</pre>" if code else "<pre>")
            code = not code
            continue
        if code:
            out.append(html.escape(line))
            continue
        if line.startswith("|"):
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if all(set(c) <= {"-"} for c in cells):
                continue
            tag = "th" if not table else "td"
            if not table:
                out.append("<table>")
                table = True
            out.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in cells) + "</tr>")
            continue
        if table:
            out.append("</table>")
            table = False
        if m := re.match(r"(#+) (.*)", line):
            out.append(f"<h{len(m.group(1))}>{html.escape(m.group(2))}</h{len(m.group(1))}>")
        elif m := re.match(r"!\[(.*)\]\((.*)\)", line):
            out.append(f'<p><img src="{html.escape(m.group(2))}" alt="{html.escape(m.group(1))}"></p>')
        elif line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    if table:
        out.append("</table>")
    style = "body{font-family:sans-serif;max-width:72rem;margin:2rem auto}table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}img{max-width:100%}"
    return f"<!doctype html><meta charset='utf-8'><title>referat eval</title><style>{style}</style>\n" + "\n".join(out) + "\n"


# -- main --------------------------------------------------------------------------------------
def main(
    config: Config,
    questions_path: Path | None,
    out_path: Path | None,
    baseline_path: Path | None,
    retrievers: list[str],
    report_dir: Path | None,
    write_baseline_path: Path | None,
    echo: Echo = print,
    *,
    answerer=None,
) -> int:
    """Run the eval; return 0 when fine, 1 when the gated retriever regressed against the baseline.

    `answerer` lets tests pass a prepared (or deliberately broken) Answerer instead of loading
    the index in config.index_dir.
    """
    questions_path = Path(questions_path or DEFAULT_QUESTIONS)
    questions = load_questions(questions_path)
    retrievers = list(dict.fromkeys(retrievers or RETRIEVERS))
    unknown = [r for r in retrievers if r not in RETRIEVERS]
    if unknown:
        raise ReferatError(f"unknown retriever {unknown[0]!r}; choose from {', '.join(RETRIEVERS)}")
    baseline = load_baseline(baseline_path) if baseline_path else None
    if baseline and baseline["gate"] not in retrievers:
        raise ReferatError(f"the baseline gates the {baseline['gate']} retriever; include it (--retriever {baseline['gate']})")
    if answerer is None:
        from rag.answer import Answerer
        from rag.index import load_index

        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except ImportError:
            pass
        answerer = Answerer(load_index(config))

    results = run(answerer, questions, retrievers, echo)

    if out_path:
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with open(out_path, "w", encoding="utf-8") as f:
            for recs in results.values():
                for r in recs:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")

    overall = {n: metrics(recs) for n, recs in results.items()}
    for name, recs in results.items():
        echo("")
        echo(describe(name, overall[name]))
        for line in kind_table(recs):
            echo(line)
    if len(results) > 1:
        echo("")
        echo("Retrievers compared (all questions):")
        for line in comparison_table(overall):
            echo(line)

    code, cmp_lines = 0, []
    if baseline:
        gate = baseline["gate"]
        if baseline.get("questions_sha256") and baseline["questions_sha256"] != file_digest(questions_path):
            echo(f"note: {questions_path} changed since the baseline was written")
        cmp = compare(baseline, overall[gate], per_question(results[gate]))
        cmp_lines = comparison_lines(cmp, Path(baseline_path))
        echo("")
        for line in cmp_lines:
            echo(line)
        code = 0 if cmp.ok else 1
    if report_dir:
        path = write_report(results, Path(report_dir), cmp_lines)
        echo(f"\nReport: {path} (and report.html, plots) in {Path(report_dir)}/")
    if write_baseline_path:
        path = Path(write_baseline_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(make_baseline(results, questions_path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        echo(f"Baseline written to {path}")
    if out_path:
        echo(f"Per-question results: {out_path}")
    return code
