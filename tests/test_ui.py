"""The web UI: item pages over HTTP, chat formatting and escaping, and the chat end to end in headless Chromium.

One `referat serve` subprocess per session serves an index of seeds/; the browser tests and the HTTP
tests share it. Escaping tests run in process on a tiny index built from a hostile referat.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from dataclasses import replace

import httpx
import pytest

from tests.servers import running_server

from rag.config import Config
from rag.records import Answer, Citation

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "hvad blev besluttet om virksomhedspraktik?"
HOSTILE_REFERAT = (
    "REFERAT Chefforum d. 01-02-2024\n\n"
    "Mødedato Torsdag d. 1. februar 2024 kl. 09:00\n\n"
    "Mødested Rådhuset\n\n"
    "Punkt 1: CF - Test <script>alert(1)</script>\n\n"
    "00.01.00-P35-9-22\n\n"
    "Beslutning\n\n"
    "Chefforum besluttede <script>alert(1)</script> og [klik](http://evil.example) om cykelparkering.\n"
)


# -- the server ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def server(seed_index_dir, tmp_path_factory):
    """`referat serve` on a free loopback port over an index of seeds/; yields its base URL."""
    with running_server(seed_index_dir, tmp_path_factory.mktemp("server"), host="127.0.0.1") as (url, _):
        assert httpx.get(url + "/", timeout=10).status_code == 200
        yield url


# -- item pages over HTTP --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path",
    [
        "/item/no-such-meeting/1",
        "/item/chefforum-2023-11-23/99",
        "/item/chefforum-2023-11-23/abc",
        "/item/chefforum-2023-11-23/-1",
        "/item/..%2F..%2Fetc%2Fpasswd",
        "/item/..%2F..%2Fetc%2Fpasswd/1",
        "/item/chefforum-2023-11-23/..%2F..%2Fetc%2Fpasswd",
        "/item/Chefforum-2023-11-23/6",
        "/item/chefforum-2023-11-23/6/extra",
        "/item/",
    ],
)
def test_item_route_returns_404_for_unknown_or_path_like_addresses(server, path):
    r = httpx.get(server + path, timeout=10)
    assert r.status_code == 404
    assert "Siden findes ikke" in r.text
    assert "root:" not in r.text


def test_item_page_shows_the_whole_item_with_the_quote_highlighted(server):
    r = httpx.get(server + "/item/chefforum-2023-11-23/6?hl=14111-14175", timeout=10)
    assert r.status_code == 200
    page = r.text
    assert "Punkt 6: Virksomhedspraktik og løntilskud" in page
    assert "15.18.05-A00-1-23" in page
    assert "Mødelokale 915" in page and "23. november 2023" in page
    headings = re.findall(r"<h3>([^<]+)</h3>", page)
    assert headings == ["Anledning", "Sagsfremstilling", "Indstilling", "Beslutning", "Bilag"]
    assert re.search(r'<mark id="q-14111-14175">Chefforum besluttede at nedjustere det vejledende måltal til 80\.</mark>', page)
    assert 'href="/item/chefforum-2023-11-23/5"' in page and 'href="/item/chefforum-2023-11-23/7"' in page
    assert "Samme sag i andre møder" in page
    assert 'href="/item/chefforum-2023-03-30/7"' in page  # the same matter in March, found by meaning
    assert "<link" not in page and 'src="http' not in page  # self-contained
    assert "script-src 'sha256-" in r.headers["content-security-policy"]


@pytest.mark.parametrize("hl", ["1-2", "14175-14111", "abc", "14111-99999999", "14111-14175-1", "-5-7"])
def test_highlight_outside_the_item_or_malformed_is_ignored(server, hl):
    r = httpx.get(server + "/item/chefforum-2023-11-23/6", params={"hl": hl}, timeout=10)
    assert r.status_code == 200
    assert "<mark" not in r.text


def test_item_zero_is_the_meeting_header_with_its_agenda(server):
    r = httpx.get(server + "/item/chefforum-2024-11-20/0", timeout=10)
    assert r.status_code == 200
    assert "Mødeoplysninger" in r.text and "Mødelokale 915" in r.text
    assert "Henrik Harder" in r.text  # attendees
    assert 'href="/item/chefforum-2024-11-20/8"' in r.text


def test_same_case_number_links_other_meetings_but_routine_items_do_not(server):
    routine = httpx.get(server + "/item/chefforum-2023-11-23/1", timeout=10).text
    related = routine.split("Samme sag i andre møder", 1)[1]
    assert "samme sagsnummer" not in related  # "Godkendelse af dagsorden" shares 00.01.00-P35-9-22 everywhere


def test_chat_page_is_served_at_the_root(server):
    r = httpx.get(server + "/", timeout=10)
    assert r.status_code == 200
    assert "referat" in r.text


# -- escaping, on a tiny index built from a hostile referat ----------------------------------------
@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory, embedder):
    from fastapi.testclient import TestClient

    from rag.answer import Answerer
    from rag.index import build_index, load_index
    from rag.retrieve import Retriever
    from ui.app import build_app

    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / "chefforum_2024-02-01.txt").write_text(HOSTILE_REFERAT, encoding="utf-8")
    config = Config(index_dir=folder / "index")
    build_index([corpus], config, embedder=embedder)
    index = load_index(config)
    app = build_app(config, answerer=Answerer(index, Retriever(index, embedder=embedder)))
    with TestClient(app) as client:
        yield client, app.state.service


def test_item_page_escapes_html_from_the_minutes(hostile_app):
    client, _ = hostile_app
    r = client.get("/item/chefforum-2024-02-01/1")
    assert r.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "<script>alert(1)" not in r.text
    assert 'href="http://evil.example"' not in r.text
    assert "[klik](http://evil.example)" in r.text  # shown as the text it is
    assert client.get("/item/chefforum-2024-02-01/2").status_code == 404
    assert client.get("/item/chefforum-2024-02-01/..%2F..%2Fetc%2Fpasswd").status_code == 404


def _hostile_answer() -> Answer:
    quote = "Chefforum besluttede <script>alert(1)</script> og [klik](http://evil.example) om cykelparkering."
    start = HOSTILE_REFERAT.index(quote)
    citation = Citation(
        chunk_id="chefforum-2024-02-01/1/0",
        body="Chefforum",
        meeting_id="chefforum-2024-02-01",
        meeting_date="2024-02-01",
        item=1,
        title="Test <script>alert(1)</script> *fed* [x](http://evil.example)",
        section="Beslutning",
        start=start,
        end=start + len(quote),
        quote=quote,
        url="/item/chefforum-2024-02-01/1#q-1-2",
    )
    text = f"Chefforum 01-02-2024, Punkt 1: {citation.title}\n  «{quote}» [1] (Beslutning)"
    return Answer("hvad med cykelparkering?", True, text, (citation,), ())


def _rendered(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").render(markdown)  # raw HTML passes through in this preset


def test_chat_answer_escapes_html_and_markdown_from_the_minutes():
    from ui.app import format_answer

    answer = _hostile_answer()
    md = format_answer(answer)
    assert "<script" not in md
    assert "&lt;script&gt;alert" in md
    assert "](http://evil" not in md and "http://evil" not in md  # no link and no autolink
    html_out = _rendered(md)
    assert "<script" not in html_out and "&lt;script&gt;alert(1)&lt;/script&gt;" in html_out
    hrefs = re.findall(r'href="([^"]*)"', html_out)
    start, end = answer.citations[0].start, answer.citations[0].end
    assert hrefs and set(hrefs) == {f"/item/chefforum-2024-02-01/1?hl={start}-{end}#q-{start}-{end}"}
    assert "[klik](http://evil.example)" in html_out  # the link is shown as text, not followed
    assert "<em>fed</em>" not in html_out
    assert "[1] Chefforum 01-02-2024, Punkt 1: Test" in html_out


def test_not_found_answer_is_honest_and_shows_the_note():
    from ui.app import format_answer

    md = format_answer(Answer("q", False, "Jeg fandt intet svar i referaterne.", (), (), "Ordet '<b>x</b>' forekommer ikke."))
    assert md.startswith("**Jeg fandt intet svar i referaterne.**")
    assert "&lt;b&gt;x&lt;/b&gt;" in md and "<b>" not in md


@pytest.mark.parametrize("question", ["", "   ", "?!?...", "x" * 10_000, "😀🎉", "<script>alert(1)</script>"])
def test_bad_questions_get_a_polite_message_not_a_crash(hostile_app, question):
    _, service = hostile_app
    reply = service.reply(question, "Alle", "", "")
    assert isinstance(reply, str) and reply
    assert "Traceback" not in reply and "<script" not in reply
    assert len(reply) < 3000


@pytest.mark.parametrize(
    ("date_from", "date_to", "message"),
    [
        ("2023-13-01", "", "ikke en gyldig dato"),
        ("23-11-2023", "", "ÅÅÅÅ-MM-DD"),
        ("", "i går", "Til dato"),
        ("2024-01-01", "2023-01-01", "ligger efter"),
    ],
)
def test_bad_date_filters_get_a_clear_message(hostile_app, date_from, date_to, message):
    _, service = hostile_app
    reply = service.reply(QUESTION, "Alle", date_from, date_to)
    assert "Filteret kan ikke bruges" in reply
    assert message in reply.replace("\\", "")


def test_filters_reach_the_retriever(hostile_app):
    from ui.app import parse_filters

    f = parse_filters("Chefforum", "2023-01-01", "2023-12-31", ["Chefforum"])
    assert (f.body, f.date_from.isoformat(), f.date_to.isoformat()) == ("Chefforum", "2023-01-01", "2023-12-31")
    assert parse_filters("Alle", "", "", ["Chefforum"]).body == ""
    _, service = hostile_app
    reply = service.reply("cykelparkering", "Chefforum", "2030-01-01", "")
    assert "Jeg fandt intet svar" in reply


# -- the chat in a browser -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open_chat(page, server: str) -> None:
    # Gradio keeps a connection open, so "networkidle" never comes; wait for the question box instead.
    page.goto(server + "/", wait_until="load", timeout=60_000)
    page.wait_for_selector("#question textarea", timeout=60_000)


def _ask(page, question: str):
    """Type a question, submit it, and return the locator of the newest assistant message once it is there."""
    before = page.locator("#chat [data-testid='bot']").count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll(\"#chat [data-testid='bot']\").length > n", arg=before, timeout=60_000
    )
    return page.locator("#chat [data-testid='bot']").last


@pytest.mark.browser
def test_chat_answers_with_a_citation_that_opens_the_highlighted_item(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1100}, locale="da-DK")
    page = context.new_page()
    _open_chat(page, server)
    assert "virksomhedspraktik" in page.locator("#chat").inner_text()  # example questions on the first screen
    assert "5 møder" in page.locator("#index-note").inner_text()

    answer = _ask(page, QUESTION)
    text = answer.inner_text()
    assert "80" in text
    assert "[1]" in text
    first = answer.locator("a", has_text="[1]").first
    href = first.get_attribute("href")
    assert href.startswith("/item/chefforum-2023-11-23/6?hl=")
    assert first.get_attribute("target") == "_blank"
    page.wait_for_timeout(500)
    page.locator("#chat [data-testid='user']").last.evaluate("u => u.scrollIntoView({block: 'start'})")  # question in view
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=False)
    (ROOT / "docs").mkdir(exist_ok=True)
    shutil.copyfile(ARTIFACTS / "chat.png", ROOT / "docs" / "screenshot.png")

    with context.expect_page() as opened:
        first.click()
    item = opened.value
    item.wait_for_load_state("load")
    body = item.locator("body").inner_text()
    assert "Punkt 6" in body
    assert "15.18.05-A00-1-23" in body
    target = "q-" + href.split("#q-", 1)[1]
    assert item.locator("mark").count() >= 1  # every quote of this item in the answer is highlighted
    mark = item.locator(f"mark#{target}")
    assert "måltal til 80" in mark.inner_text()
    item.wait_for_timeout(300)
    assert mark.evaluate(
        "m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"
    )
    item.screenshot(path=str(ARTIFACTS / "item.png"), full_page=False)
    context.close()


@pytest.mark.browser
def test_chat_keeps_history_and_answers_bad_input_politely(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _open_chat(page, server)

    polite = _ask(page, "😀").inner_text()
    assert "ingen ord eller tal" in polite
    page.locator("#date-from textarea, #date-from input").first.fill("2023-02-30")
    filtered = _ask(page, QUESTION).inner_text()
    assert "ikke en gyldig dato" in filtered
    page.locator("#date-from textarea, #date-from input").first.fill("")
    found = _ask(page, QUESTION).inner_text()
    assert "80" in found
    hostile = "<img src=x onerror=alert(1)> [klik](http://evil.example) www.evil.example **fed** 1. punkt"
    _ask(page, hostile)
    users = page.locator("#chat [data-testid='user']")
    shown = users.last
    assert "<img src=x onerror=alert(1)> [klik](http://evil.example) www.evil.example **fed** 1. punkt" in shown.inner_text()
    assert shown.locator("a, img, strong, ol, script").count() == 0  # rendered as text by Gradio's Markdown
    assert users.count() == 4  # every turn stays visible
    assert not [e for e in errors if "alert" in e]
    context.close()


def test_a_found_answer_shows_its_note_and_the_dated_decision_label():
    from ui.app import format_answer

    answer = _hostile_answer()
    dated = answer.text.replace("(Beslutning)", "(Økonomiudvalgets beslutning den 06.03.2019)")
    md = format_answer(replace(answer, text=dated, note="Ordet 'snerydning' står ikke i referaterne."))
    shown = _rendered(md)
    assert "(Økonomiudvalgets beslutning den 06.03.2019)" in shown  # the label, not only the section name
    assert "Ordet 'snerydning' står ikke i referaterne." in shown


def test_the_filter_note_reads_a_span_of_years_as_a_span():
    from ui.app import _filters_note

    note = _filters_note({"question_years": list(range(2010, 2025)), "question_dates": ["2010-01-01", "2024-12-31"]})
    assert note == "Afgrænset til møder i 2010-2024 og tidligere referater, der omtaler 2010-2024"
