"""The web UI: a Gradio chat over the minutes, plus plain HTML item pages that citations link to.

`build_app(config)` loads the index once (model warm), and returns a FastAPI app with
`/item/<meeting_id>/<n>` pages and the Gradio chat mounted at `/`. `serve(config)` runs it with uvicorn.

Everything the minutes or the user wrote is escaped before it reaches the page: HTML-escaped on item
pages, HTML- and Markdown-escaped in the chat (which renders Markdown); the only links are the ones
built here from citation offsets.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import sys
import threading
import time
import traceback
from datetime import date, datetime
from urllib.parse import quote

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import FileResponse, HTMLResponse  # noqa: E402

from rag.answer import NOT_FOUND, Answerer  # noqa: E402
from rag.config import Config  # noqa: E402
from rag.errors import BadQuestionError, ReferatError  # noqa: E402
from rag.index import Index, load_index  # noqa: E402
from rag.records import HEADER_ITEM, Answer, Citation  # noqa: E402
from rag.retrieve import Filters  # noqa: E402
from rag.text import squash  # noqa: E402

from .pages import SCRIPT, Catalog, item_href, item_page, not_found_page, short_date, shorten  # noqa: E402

ALL_BODIES = "Alle"
EXAMPLES = (
    "hvad blev besluttet om virksomhedspraktik?",
    "hvem var fraværende den 13. april 2023?",
    "hvad er måltallet for budgetkataloget for budget 2024?",
    "hvilke analyser skal laves til budget 2026?",
)
SHOWN_QUESTION_CHARS = 1000
FILE_ROUTES = ("/gradio_api/upload", "/gradio_api/file=", "/upload", "/file=")  # refused: the UI serves no files
SOURCE_TITLE_CHARS = 48  # titles in the source list are cut; the item page has the whole title
NOTE_WORD_CHARS = 40  # a note that repeats a 10,000-character "word" shows its start only
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# ASCII punctuation that Markdown (CommonMark + GFM autolinks) gives a meaning; each is backslash-escaped.
# & < > become HTML entities instead (a backslash before an entity would show the entity literally).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$@=^])")
_QUOTE_LINE = re.compile(r"^\s*«(?P<quote>.*)» \[(?P<n>\d+)\] \((?P<section>[^()]*)\)\s*$")


# -- chat formatting -----------------------------------------------------------------------------
def escape_md(text: str) -> str:
    """Text from the minutes or the user, made inert for a Markdown renderer: no HTML, links, emphasis or lists."""
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def citation_href(c: Citation, base: str = "", siblings: tuple[Citation, ...] = ()) -> str:
    """Link to the cited item: the quote is the target; the answer's other quotes of that item are highlighted too."""
    also = [(int(o.start), int(o.end)) for o in siblings if (o.meeting_id, o.item) == (c.meeting_id, c.item)]
    return item_href(quote(c.meeting_id, safe="-"), int(c.item), base, (int(c.start), int(c.end)), also)


def citation_label(c: Citation, title_chars: int = 1000) -> str:
    """"Chefforum 23-11-2023, Punkt 6: Virksomhedspraktik ... (Beslutning)", as plain text."""
    try:
        when = short_date(date.fromisoformat(c.meeting_date))
    except ValueError:
        when = c.meeting_date
    where = "Mødeoplysninger" if c.item == HEADER_ITEM else f"Punkt {c.item}: {shorten(c.title, title_chars)}"
    page = f", side {c.page}" if c.page else ""  # a PDF source: where to look in the original
    return f"{c.body} {when}, {where} ({c.section}){page}"


def _link(text_md: str, href: str) -> str:
    return f"[{text_md}](<{href}>)"


def format_answer(answer: Answer, base: str = "") -> str:
    """The assistant's chat message (Markdown): quoted sentences with numbered links, then the sources."""
    note = f"\n\n_{escape_md(_short_words(answer.note))}_" if answer.note else ""  # why nothing, or which words were not found
    if not answer.found or not answer.citations:
        return f"**{NOT_FOUND}**{note}"
    cits = answer.citations
    lines: list[str] = []
    used: set[int] = set()
    for raw in answer.text.splitlines():
        if not raw.strip():
            continue
        m = _QUOTE_LINE.match(raw)
        n = int(m.group("n")) if m else 0
        if m and 1 <= n <= len(cits):
            c = cits[n - 1]
            used.add(n)
            # The answer's own label: a dated decision says which ("Økonomiudvalgets beslutning den 06.03.2019").
            label = m.group("section") or c.section
            lines.append(
                f"- «{escape_md(squash(c.quote))}» {_link(escape_md(f'[{n}]'), citation_href(c, base, cits))} _{escape_md(f'({label})')}_"
            )
        elif raw.startswith((" ", "\t")):
            lines.append(f"  _{escape_md(raw.strip())}_")
        else:
            lines.append(f"\n**{escape_md(raw.strip())}**")
    # Citations the text did not place (another answer layout): list them under their item.
    missing = [n for n in range(1, len(cits) + 1) if n not in used]
    if missing:
        last = None
        for n in missing:
            c = cits[n - 1]
            if (c.meeting_id, c.item) != last:
                last = (c.meeting_id, c.item)
                lines.append(f"\n**{escape_md(citation_label(c).rsplit(' (', 1)[0])}**")
            lines.append(f"- «{escape_md(squash(c.quote))}» {_link(escape_md(f'[{n}]'), citation_href(c, base, cits))}")
    sources = [
        _link(escape_md(f"[{n}] {citation_label(c, SOURCE_TITLE_CHARS)}"), citation_href(c, base, cits)) for n, c in enumerate(cits, 1)
    ]
    out = "\n".join(lines).strip() + "\n\n**Kilder**\n\n" + "  \n".join(sources)
    shown = _filters_note(answer.filters)
    if shown:
        out += f"\n\n_{escape_md(shown)}_"
    return out + note


def _short_words(text: str) -> str:
    return re.sub(r"\S{%d,}" % (NOTE_WORD_CHARS + 1), lambda m: m.group(0)[:NOTE_WORD_CHARS] + "…", text)


def _filters_note(filters: dict) -> str:
    parts = []
    if filters.get("body"):
        parts.append(filters["body"])
    if filters.get("question_body"):
        parts.append(f"{filters['question_body']} (nævnt i spørgsmålet)")
    if filters.get("date_from"):
        parts.append(f"fra {filters['date_from']}")
    if filters.get("date_to"):
        parts.append(f"til {filters['date_to']}")
    if filters.get("question_years"):
        years = filters["question_years"]
        # "fra 2010 til 2024" reads as a span, not as fifteen years twice.
        if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
            named, written = f"{years[0]}-{years[-1]}", f"{years[0]}-{years[-1]}"
        else:
            named, written = " og ".join(map(str, years)), " eller ".join(map(str, years))
        parts.append(f"møder i {named} og tidligere referater, der omtaler {written}")
    elif filters.get("question_periods"):
        parts.append("perioder i spørgsmålet: " + ", ".join(f"{a} til {b}" for a, b in filters["question_periods"]))
    elif filters.get("question_dates"):
        a, b = filters["question_dates"]
        parts.append(f"datoer i spørgsmålet: {a} til {b}" if a != b else f"dato i spørgsmålet: {a}")
    return ("Afgrænset til " + ", ".join(parts)) if parts else ""


class FilterError(ValueError):
    """A filter value the user typed that cannot be used; the message is shown in the chat."""


def parse_date(value: str | None, label: str) -> date | None:
    v = (value or "").strip()
    if not v:
        return None
    if ISO_DATE.fullmatch(v):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise FilterError(f"«{v[:40]}» i feltet {label} er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD, fx 2023-11-23.")


def parse_filters(body: str | None, date_from: str | None, date_to: str | None, bodies: list[str]) -> Filters:
    chosen = (body or "").strip()
    if chosen == ALL_BODIES:
        chosen = ""
    if chosen and chosen not in bodies:
        raise FilterError(f"«{chosen[:60]}» er ikke et udvalg i indekset.")
    first = parse_date(date_from, "Fra dato")
    last = parse_date(date_to, "Til dato")
    if first and last and first > last:
        raise FilterError(f"Fra dato ({first.isoformat()}) ligger efter Til dato ({last.isoformat()}).")
    return Filters(body=chosen, date_from=first, date_to=last)


# -- the app ---------------------------------------------------------------------------------------
class ChatService:
    """One loaded index and answerer shared by every chat session; answers one question at a time."""

    def __init__(self, config: Config, answerer: Answerer | None = None) -> None:
        self.config = config
        self.base = config.base_url.rstrip("/")
        began = time.perf_counter()
        if answerer is None:
            print(f"referat: indlæser indekset i {config.index_dir}/ ...", file=sys.stderr, flush=True)
            answerer = Answerer(load_index(config))
        self.answerer = answerer
        self.index: Index = answerer.index
        self.bodies = sorted({m.body for m in self.index.meetings.values()})
        self.catalog = Catalog(self.index)
        self._lock = threading.Lock()
        self.warm_up()
        print(f"referat: indeks og model klar på {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)

    def warm_up(self) -> None:
        """One real question at start-up, so the model is loaded before the first user asks."""
        try:
            with self._lock:
                self.answerer(EXAMPLES[0], Filters())
        except ReferatError as error:
            print(f"referat: opvarmning mislykkedes: {error}", file=sys.stderr, flush=True)

    def index_note(self) -> str:
        meetings = sorted(self.index.meetings.values(), key=lambda m: m.date)
        built = str(self.index.manifest.get("built_at", ""))
        try:
            built = datetime.strptime(built, "%Y-%m-%dT%H:%M:%S%z").strftime("%d-%m-%Y kl. %H:%M")
        except ValueError:
            pass
        if not meetings:
            return f"**Indekset er tomt.** Bygget {escape_md(built)}."
        items = sum(len(m.items) for m in meetings)
        span = f"{short_date(meetings[0].date)} til {short_date(meetings[-1].date)}"
        return (
            f"**Indekset** rummer {len(meetings)} møder med {items} punkter, fra {escape_md(span)}.  \n"
            f"Udvalg: {escape_md(', '.join(self.bodies))}.  \n"
            f"Bygget {escape_md(built)}."
        )

    def reply(self, question: str, body: str | None, date_from: str | None, date_to: str | None) -> str:
        """The assistant's message for one question; never raises."""
        try:
            filters = parse_filters(body, date_from, date_to, self.bodies)
        except FilterError as error:
            return f"**Filteret kan ikke bruges.** {escape_md(str(error))}"
        if not isinstance(question, str) or not question.strip():
            return "Skriv et spørgsmål om referaterne, fx _hvad blev besluttet om virksomhedspraktik?_"
        try:
            with self._lock:
                answer = self.answerer(question, filters)
        except BadQuestionError:
            return (
                "Jeg kan ikke søge på det spørgsmål: der er ingen ord eller tal i det. "
                "Prøv fx _hvad blev besluttet om virksomhedspraktik?_"
            )
        except ReferatError as error:
            return f"Spørgsmålet kunne ikke besvares: {escape_md(str(error))}"
        except Exception:  # a bug; the user still gets an answer and the log gets the traceback
            traceback.print_exc()
            return "Der skete en uventet fejl. Prøv igen, eller omformulér spørgsmålet."
        return format_answer(answer, self.base)


CSS = """
#chat { min-height: 420px; }
#chat .message a { color: #1d4ed8; text-decoration: none; }
.dark #chat .message a { color: #93c5fd; }
#chat .message a:hover { text-decoration: underline; }
.index-note { font-size: 0.9em; }
footer { display: none !important; }
"""


def _theme():
    return gr.themes.Soft(
        primary_hue="blue",
        font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "Menlo", "monospace"],
    )


def build_blocks(service: ChatService) -> gr.Blocks:
    def add_user(message, history):
        text = message if isinstance(message, str) else ""
        shown = text.strip()
        if len(shown) > SHOWN_QUESTION_CHARS:
            shown = shown[:SHOWN_QUESTION_CHARS] + " …"
        history = list(history or [])
        history.append({"role": "user", "content": escape_md(shown) if shown else "_(tomt spørgsmål)_"})
        return "", history, text

    def add_example(history, evt: gr.SelectData):
        value = evt.value if isinstance(evt.value, dict) else {}
        return add_user(str(value.get("text", "")), history)

    def respond(question, history, body, date_from, date_to, progress=gr.Progress()):
        progress(0, desc="Søger i referaterne …")
        history = list(history or [])
        history.append({"role": "assistant", "content": service.reply(question, body, date_from, date_to)})
        return history

    with gr.Blocks(title="referat: spørg referaterne", analytics_enabled=False, fill_height=False) as blocks:
        gr.Markdown(
            "## referat: spørg mødereferaterne\n"
            "Svarene er ordrette citater fra referaterne. Klik på et nummer for at se hele punktet med citatet markeret."
        )
        pending = gr.State("")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=380):
                chatbot = gr.Chatbot(
                    label="Samtale",
                    show_label=False,
                    elem_id="chat",
                    height="calc(100vh - 300px)",
                    min_height=420,
                    placeholder=(
                        "**Stil et spørgsmål om møderne.**  \n"
                        "Svaret citerer referaterne ordret med kildehenvisninger. Prøv et af eksemplerne:"
                    ),
                    examples=[{"text": q} for q in EXAMPLES],
                    latex_delimiters=[],
                    sanitize_html=True,
                    render_markdown=True,
                    line_breaks=True,
                    feedback_options=None,
                    buttons=["copy"],
                )
                with gr.Row():
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="Skriv dit spørgsmål, fx hvad blev besluttet om virksomhedspraktik?",
                        elem_id="question",
                        scale=6,
                        lines=1,
                        max_lines=4,
                        autofocus=True,
                    )
                    ask = gr.Button("Spørg", variant="primary", scale=1, min_width=90, elem_id="ask")
                clear = gr.Button("Ny samtale", size="sm", variant="secondary")
            with gr.Column(scale=1, min_width=240):
                gr.Markdown("### Afgræns søgningen")
                body = gr.Dropdown([ALL_BODIES] + service.bodies, value=ALL_BODIES, label="Udvalg / forum", elem_id="body")
                date_from = gr.Textbox(label="Fra dato", placeholder="ÅÅÅÅ-MM-DD", elem_id="date-from")
                date_to = gr.Textbox(label="Til dato", placeholder="ÅÅÅÅ-MM-DD", elem_id="date-to")
                gr.Markdown(service.index_note(), elem_classes=["index-note"], elem_id="index-note")

        answer_inputs = [pending, chatbot, body, date_from, date_to]
        for trigger in (question.submit, ask.click):
            trigger(add_user, [question, chatbot], [question, chatbot, pending], queue=False).then(
                respond, answer_inputs, [chatbot], show_progress="full"
            )
        chatbot.example_select(add_example, [chatbot], [question, chatbot, pending], queue=False).then(
            respond, answer_inputs, [chatbot], show_progress="full"
        )
        clear.click(lambda: ([], "", ""), None, [chatbot, question, pending], queue=False)
    return blocks


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def build_app(config: Config, answerer: Answerer | None = None) -> FastAPI:
    """The whole UI: item pages and the Gradio chat, over one index loaded (and a model warmed) here."""
    service = ChatService(config, answerer)
    base = service.base
    app = FastAPI(title="referat", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = service
    headers = {"Content-Security-Policy": _csp(), "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}

    def missing() -> HTMLResponse:
        return HTMLResponse(not_found_page(base), status_code=404, headers=headers)

    @app.middleware("http")
    async def no_file_routes(request: Request, call_next):
        # The chat takes no files: Gradio's upload and file routes would only let strangers store and fetch files here.
        if re.sub("/+", "/", request.url.path).startswith(FILE_ROUTES):
            return missing()
        return await call_next(request)

    @app.get("/item/{meeting_id}/{number}", response_class=HTMLResponse)
    def item(meeting_id: str, number: str, request: Request) -> HTMLResponse:
        found = service.catalog.find(meeting_id, number)
        if found is None:
            return missing()
        meeting, n = found
        return HTMLResponse(item_page(service.catalog, meeting, n, request.query_params.getlist("hl"), base), headers=headers)

    @app.get("/source/{meeting_id}")
    def source(meeting_id: str):
        # The original PDF of an indexed meeting: its path comes from the index, never from the URL.
        meeting = service.index.meetings.get(meeting_id)
        corpus = service.index.manifest.get("corpus_files", {})
        if meeting is None or not meeting.pages or str(meeting.source) not in corpus or not meeting.source.is_file():
            return missing()
        return FileResponse(meeting.source, media_type="application/pdf", headers={"X-Content-Type-Options": "nosniff", "Content-Disposition": "inline"})

    @app.get("/item", response_class=HTMLResponse)
    @app.get("/item/{rest:path}", response_class=HTMLResponse)
    def not_an_item(rest: str = "") -> HTMLResponse:
        return missing()

    blocks = build_blocks(service)
    return gr.mount_gradio_app(app, blocks, path="/", theme=_theme(), css=CSS, ssr_mode=False, footer_links=[])


class _Server(uvicorn.Server):
    """uvicorn, saying when it listens (the index is loaded before, in build_app)."""

    def __init__(self, config: uvicorn.Config, url: str) -> None:
        super().__init__(config)
        self.url = url

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets=sockets)
        if not self.should_exit:
            print(f"referat klar på {self.url}", flush=True)


def serve(config: Config, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Load the index, then serve the UI on host:port (loopback unless told otherwise)."""
    app = build_app(config)
    shown = f"[{host}]" if ":" in host else host
    server = _Server(uvicorn.Config(app, host=host, port=port, log_level="warning"), f"http://{shown}:{port}")
    server.run()
