"""The `referat` command line: each command builds a Config, calls one library function and prints."""

from __future__ import annotations

import functools
import importlib
import json
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .config import RETRIEVERS, Config
from .errors import ReferatError


def user_errors(fn):
    """Turn ReferatError into a one-line message and exit code 1; anything else is a bug and keeps its traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ReferatError as error:
            raise click.ClickException(str(error)) from error

    return wrapper


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date like 2023-11-23") from error


index_option = click.option("--index-dir", type=click.Path(path_type=Path), default=Config.index_dir, show_default=True, help="Index folder.")
model_option = click.option("--model", "model_name", default=Config.model_name, show_default=True, help="sentence-transformers model.")


@click.group()
@click.version_option(__version__, prog_name="referat")
def cli() -> None:
    """referat: ask questions of municipal meeting minutes and get quoted, cited answers.

    \b
    Example:
        referat index                  # build the index from seeds/
        referat ask "hvad blev besluttet om virksomhedspraktik?"
        referat serve                  # the chat UI on http://127.0.0.1:7860
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the parsed meetings as JSON.")
@user_errors
def parse(paths: tuple[Path, ...], as_json: bool) -> None:
    """Print an outline of the minutes in PATHS (default: seeds/): meetings, items, sections, sizes.

    \b
    Example:
        referat parse seeds/
    """
    from .parse import parse_paths
    from .store import meeting_to_json

    corpus = parse_paths(list(paths) or [Config().seeds_dir])
    if as_json:
        click.echo(json.dumps([meeting_to_json(m) | {"text": None} for m in corpus.meetings], ensure_ascii=False, indent=1))
    else:
        for m in corpus.meetings:
            click.echo(f"{m.body} {m.date.isoformat()}  ({m.source}, {len(m.items)} punkter, {len(m.text)} tegn)")
            if m.place:
                click.echo(f"  Mødested: {m.place}" + (f", kl. {m.time}" if m.time else ""))
            if m.attendees:
                click.echo(f"  Deltagere: {len(m.attendees)}: {', '.join(a.split(' (')[0] for a in m.attendees)}")
            if m.absentees:
                click.echo(f"  Fraværende: {', '.join(a.split(' (')[0] for a in m.absentees)}")
            for item in m.items:
                case = f" [{item.case_number}]" if item.case_number else ""
                click.echo(f"  Punkt {item.number}: {item.title}{case}")
                for s in item.sections:
                    click.echo(f"      {s.heading or '(tekst)'}: {len(s.text)} tegn, linje {s.line}")
    for note in corpus.notes:
        click.echo(f"note: {note}", err=True)
    for error in corpus.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"{len(corpus.meetings)} møder, {sum(len(m.items) for m in corpus.meetings)} punkter, {len(corpus.errors)} fejl", err=True)
    if corpus.errors and not corpus.meetings:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@index_option
@model_option
@user_errors
def index(paths: tuple[Path, ...], index_dir: Path, model_name: str) -> None:
    """Build or update the search index from PATHS (default: seeds/). Unchanged chunks are not encoded again.

    \b
    Example:
        referat index seeds/ --index-dir index/
    """
    from .index import build_index

    config = Config(index_dir=index_dir, model_name=model_name)
    _quiet_model_loading()
    bar = {"bar": None}

    def progress(done: int, total: int) -> None:
        if bar["bar"] is None:
            bar["bar"] = click.progressbar(length=total, label="Indlejrer tekststykker", file=sys.stderr)
            bar["bar"].__enter__()
        bar["bar"].update(done - bar["bar"].pos)

    report = build_index(list(paths) or [config.seeds_dir], config, progress=progress)
    if bar["bar"] is not None:
        bar["bar"].__exit__(None, None, None)
    for note in report.corpus.notes:
        click.echo(f"note: {note}", err=True)
    for error in report.corpus.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(
        f"Indekserede {report.meetings} møder, {report.items} punkter, {report.chunks} tekststykker "
        f"({report.encoded} indlejret, {report.chunks - report.encoded} genbrugt) på {report.seconds:.1f} s i {report.index_dir}/"
    )
    for m in report.corpus.meetings:
        click.echo(f"  {m.body} {m.date.isoformat()}: {len(m.items)} punkter ({m.source})")


def _quiet_model_loading() -> None:
    """The application's choice: no weight-loading progress bars mixed into answers."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()


def _answerer(config: Config):
    from .answer import Answerer

    _quiet_model_loading()
    from .index import load_index

    return Answerer(load_index(config))


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object (the eval contract).")
@click.option("--k", "top_k", default=Config.top_k, show_default=True, help="Hits to print.")
@click.option("--body", default="", help="Only meetings of this body, e.g. Chefforum.")
@click.option("--from", "date_from", default=None, help="Only meetings on or after this date (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, help="Only meetings on or before this date (YYYY-MM-DD).")
@click.option("--retriever", type=click.Choice(RETRIEVERS), default=Config.retriever, show_default=True)
@index_option
@model_option
@user_errors
def ask(question: str, as_json: bool, top_k: int, body: str, date_from, date_to, retriever: str, index_dir: Path, model_name: str) -> None:
    """Answer QUESTION from the minutes with quotes and citations.

    \b
    Example:
        referat ask "hvad blev besluttet om virksomhedspraktik?"
        referat ask --json "hvem var fraværende den 13. april 2023?"
    """
    from .answer import answer_to_json
    from .retrieve import Filters

    config = Config(index_dir=index_dir, model_name=model_name, top_k=top_k, retriever=retriever)
    filters = Filters(body=body, date_from=_date(date_from), date_to=_date(date_to))
    answer = _answerer(config)(question, filters)
    if as_json:
        click.echo(json.dumps(answer_to_json(answer, max(top_k, 5)), ensure_ascii=False, indent=1))
        return
    click.echo(answer.text)
    if answer.note:
        click.echo(f"({answer.note})")
    if answer.citations:
        click.echo("\nKilder:")
        for n, c in enumerate(answer.citations, 1):
            click.echo(f"  [{n}] {c.body} {c.meeting_date}, Punkt {c.item}: {c.title} ({c.section}) {c.url}")
    click.echo("\nTræffere:")
    seen = []
    for h in answer.hits:
        key = (h.chunk.meeting_id, h.chunk.item_number)
        if key in seen:
            continue
        seen.append(key)
        if len(seen) > top_k:
            break
        snippet = " ".join(h.chunk.text.split())[:110]
        click.echo(f"  {len(seen)}. {h.chunk.meeting_date} Punkt {h.chunk.item_number}: {h.chunk.item_title} ({h.chunk.section}) score {h.score:.4f}  {snippet}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; loopback unless you mean to share it.")
@click.option("--port", default=7860, show_default=True)
@index_option
@model_option
@user_errors
def serve(host: str, port: int, index_dir: Path, model_name: str) -> None:
    """Start the chat UI (Gradio) with item pages.

    \b
    Example:
        referat serve --port 7860
    """
    from ui.app import serve as run

    run(Config(index_dir=index_dir, model_name=model_name), host=host, port=port)


@cli.command(name="eval")
@click.option("--questions", type=click.Path(path_type=Path, exists=True), default=None, help="Question set (JSONL); default eval/questions.jsonl.")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Write one JSON line per question here.")
@click.option("--baseline", type=click.Path(path_type=Path), default=None, help="Fail when a metric falls below this baseline.")
@click.option("--retriever", "retrievers", multiple=True, type=click.Choice(RETRIEVERS), help="Retrievers to run (default: all three, hybrid is the product).")
@click.option("--report", type=click.Path(path_type=Path), default=None, help="Write a Markdown report with a plot into this folder.")
@click.option("--write-baseline", type=click.Path(path_type=Path), default=None, help="Save this run's metrics as a new baseline.")
@index_option
@model_option
@user_errors
def eval_command(questions, out, baseline, retrievers, report, write_baseline, index_dir: Path, model_name: str) -> None:
    """Run the question set through `ask` and print hit@k, MRR, citation, answer and abstention metrics.

    \b
    Example:
        referat eval --baseline eval/baseline.json --report eval/out
    """
    from eval.harness import main

    code = main(Config(index_dir=index_dir, model_name=model_name), questions, out, baseline, list(retrievers), report, write_baseline, click.echo)
    sys.exit(code)


def _bench_default(name: str):
    """A default read from eval.bench when the command runs: importing it (numpy) for every command costs 0.1 s."""
    return lambda: getattr(importlib.import_module("eval.bench"), name)


@cli.command()
@click.option("--scale", "scales", multiple=True, type=int, default=_bench_default("DEFAULT_SCALES"), show_default="1000 10000 100000", help="Generated corpus sizes in items.")
@click.option(
    "--encode-up-to",
    "full_limit",
    type=click.IntRange(min=1),
    default=_bench_default("FULL_LIMIT"),
    show_default="10000",
    help="Encode archives of up to this many items in full; larger ones reuse their vectors (10,000 items take ~45 min).",
)
@index_option
@model_option
@user_errors
def bench(scales, full_limit: int, index_dir: Path, model_name: str) -> None:
    """Measure query latency, build throughput and memory; prints numbers, passes or fails nothing."""
    from eval.bench import main

    main(Config(index_dir=index_dir, model_name=model_name), list(scales), click.echo, full_limit=full_limit)
