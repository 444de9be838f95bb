"""Plain text out of the files municipalities publish (PDF, HTML, Word), recognised by content, not by name."""

# Why these libraries. Measured on the two PDF fixtures of tests/test_ingest.py (3 + 2 A4 pages, an
# embedded TrueType subset, running header and footer drawn before the body in each page's content
# stream); words-in-order is difflib's ratio of the extracted words to the printed words in reading
# order (1.0 = every word, in order); æøå counts the letters that came back right:
#
#     library                words-in-order   æøå            table row on one line      ms/page
#     pypdf 7.1 (plain)      0.982 / 0.976    48/48 / 26/26    no (one cell a line)       3.7
#     pypdf 7.1 (layout)     1.000 / 1.000    48/48 / 26/26    yes, cells apart           3.7-4.5
#     pdfplumber 0.11        1.000 / 1.000    48/48 / 26/26    yes, cells run together    14-18
#     pymupdf 2.0 (sort)     1.000 / 1.000    48/48 / 26/26    yes, cells apart           3.2-4.3
#
# pypdf in layout mode reads as well and as fast as pymupdf, keeps table cells apart and paragraph gaps
# as blank lines, and is pure Python under a BSD licence (pymupdf is AGPL; pdfplumber is 4x slower).
# HTML goes through BeautifulSoup on lxml, never regular expressions over markup; Word through python-docx.

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import SeedFormatError
from .layouts import CASE_NUMBER, DATED_DECISIONS, SECTION_HEADINGS, UNHEADED

DOCUMENT_SUFFIXES = frozenset({".pdf", ".html", ".htm", ".xhtml", ".docx"})
MIN_LETTERS = 20  # fewer letters than this in a whole PDF: there is no text layer to read
_OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file: .doc, not .docx
_HTML_START = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_HTML_FRAGMENT = re.compile(rb"</(?:p|div|h[1-6]|table|li|article|section)>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text of one document; the parser reads it like a text file."""

    text: str  # NFC, "\n" line ends
    kind: str  # "text", "pdf", "html" or "docx"
    pages: tuple[int, ...] = ()  # offset in `text` where each PDF page starts; () for other kinds


# -- recognising a file by its content -------------------------------------------------------------------
def sniff(data: bytes) -> str:
    """Return "pdf", "html", "docx", "zip" (a ZIP that is no Word file), "doc" (old binary Word) or "text".

    Example:
        >>> sniff(b"%PDF-1.7\\n..."), sniff(b"<!DOCTYPE html><html>"), sniff(b"REFERAT Chefforum d. 30-03-2023")
        ('pdf', 'html', 'text')
    """
    if b"%PDF-" in data[:1024]:  # the header may follow a few bytes of junk; readers accept that
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(data) else "zip"
    if data.startswith(_OLD_WORD):
        return "doc"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _HTML_START.match(head) or (head.startswith(b"<") and _HTML_FRAGMENT.search(head)):
        return "html"
    return "text"


def _is_docx(source: bytes | Path) -> bool:
    try:
        # From a path, only the ZIP's directory is read, not the whole file.
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return True  # a damaged Word file is still a Word file: say so when it is read


def looks_like_document(path: Path) -> bool:
    """True for a PDF, HTML page or Word file whatever its name ends with (for folder walks)."""
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
        if head.startswith(b"PK\x03\x04"):
            return zipfile.is_zipfile(path) and _is_docx(path)
    except OSError:
        return False
    return sniff(head) in ("pdf", "html")


def extract(path: Path | str) -> Extracted:
    """Return the text of one file, by what its bytes are; raise SeedFormatError naming the file.

    Example:
        >>> extract("seeds/000_23739de0f6165d2a.txt").kind  # doctest: +SKIP
        'text'
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SeedFormatError(path, 0, f"cannot read file: {error.strerror or error}") from error
    return extract_data(data, path)


def extract_data(data: bytes, path: Path) -> Extracted:
    """Return the text in `data`, read from `path` (named in errors)."""
    kind = sniff(data)
    if kind == "pdf":
        return _pdf(data, path)
    if kind == "html":
        return _html(data, path)
    if kind == "docx":
        return _docx(data, path)
    if kind == "zip":
        raise SeedFormatError(path, 1, "a ZIP archive without word/document.xml: not a Word (.docx) file")
    if kind == "doc":
        raise SeedFormatError(path, 1, "old binary Word format (.doc): save it as .docx or PDF")
    from .parse import decode  # text files keep the parser's own decoding rules

    text, _ = decode(data, path)
    return Extracted(text, "text")


def _normalise(text: str) -> str:
    # Soft hyphens only mark where a word may break; no-break spaces are spaces to a reader.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xad", "").replace("\xa0", " ")
    return unicodedata.normalize("NFC", text)


def _is_heading(line: str) -> bool:
    key = line.strip().rstrip(":").strip().lower()
    return key in SECTION_HEADINGS or any(p.match(line.strip()) for p in DATED_DECISIONS)


# -- PDF ------------------------------------------------------------------------------------------
_DOT_LEADER = re.compile(r"\s*(?:\.\s?){4,}\s*\d{0,4}\s*$")  # "Title ........ 12": a table of contents line
_PAGE_NUMBER = re.compile(r"^(?:(?:side|page)\s*)?[-–]?\s*\d{1,4}\s*(?:(?:af|of|/)\s*\d{1,4})?\s*[-–]?$", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";")
_DATE_START = re.compile(r"^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b")
_LIST_START = re.compile(r"^(?:\d{1,3}[.)]|[-•*–])\s")
_CONJUNCTIONS = frozenset({"og", "eller", "samt", "til", "el."})  # "Børne- og Ungeudvalget" keeps its hyphen
ZONE = 3  # lines at the top and the bottom of a page where running headers and footers sit
RUNNING_SHARE = 0.5  # a line in the zone of at least this share of the pages (and two) is running


def _pdf(data: bytes, path: Path) -> Extracted:
    from pypdf import PdfReader

    if b"%%EOF" not in data[-2048:]:
        raise SeedFormatError(path, 1, "truncated PDF: the file ends before its %%EOF marker (download it again)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SeedFormatError(path, 1, "encrypted PDF: it needs a password to open; publish or save an unencrypted copy")
        raw = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    except SeedFormatError:
        raise
    except Exception as error:  # pypdf raises many kinds on a damaged file (PdfReadError, KeyError, zlib.error, ...)
        raise SeedFormatError(path, 1, f"damaged PDF, cannot be read ({type(error).__name__}: {str(error)[:160]})") from error
    pages = [_page_lines(_normalise(text)) for text in raw]
    if sum(ch.isalpha() for page in pages for line in page for ch in line) < MIN_LETTERS:
        raise SeedFormatError(
            path, 1, f"PDF without a text layer ({len(pages)} pages of images, a scan?): it needs OCR before it can be read"
        )
    text, starts = _join_pages(_drop_running_lines(pages))
    return Extracted(text, "pdf", starts)


def _page_lines(text: str) -> list[str]:
    """Lines of one page in layout mode: cells of a table (3+ spaces apart) become tab-separated, dot
    leaders go, and runs of blank lines become one."""
    lines: list[str] = []
    for raw in text.split("\n"):
        cells = re.split(r" {3,}", _DOT_LEADER.sub("", raw).strip())
        line = "\t".join(" ".join(cell.split()) for cell in cells if cell.strip())
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _shape(line: str) -> str:
    """A line with its numbers blanked, so "Side 2" and "Side 3" repeat."""
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _zones(page: list[str]) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(page) if line]
    return filled[:ZONE], filled[-ZONE:] if len(filled) > ZONE else []


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers and lines repeated at the top or bottom of most pages (running headers and
    footers). The first page keeps its top lines: there the running header is often the title."""
    seen: dict[str, int] = {}
    for page in pages:
        top, bottom = _zones(page)
        for shape in {_shape(page[i]) for i in top + bottom}:
            seen[shape] = seen.get(shape, 0) + 1
    running = {
        s for s, n in seen.items() if len(pages) > 1 and n >= 2 and n >= RUNNING_SHARE * len(pages)
    }
    out = []
    for number, page in enumerate(pages):
        top, bottom = _zones(page)
        drop = set()
        for i in top + bottom:
            line = page[i]
            if _is_heading(line):
                continue  # "Beslutning" at the top of several pages is content
            if _PAGE_NUMBER.match(line) or (_shape(line) in running and not (number == 0 and i in top)):
                drop.add(i)
        kept = [line for i, line in enumerate(page) if i not in drop]
        while kept and not kept[0]:
            kept.pop(0)
        while kept and not kept[-1]:
            kept.pop()
        out.append([line for i, line in enumerate(kept) if line or (i and kept[i - 1])])
    return out


def _line_width(pages: list[list[str]]) -> int:
    """The length of a full line of prose (90th percentile); shorter lines were ended by their writer."""
    lengths = sorted(len(line) for page in pages for line in page if line and "\t" not in line)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def _joins(previous: str, line: str, width: int) -> str | None:
    """How `line` continues the printed line before it: "" (a hyphenated word), " " (a wrapped
    sentence), or None (a new line)."""
    if "\t" in previous or "\t" in line or _is_heading(previous) or len(previous) < 0.6 * width:
        return None
    first = line.split()[0]
    if previous.endswith("-") and previous[-2:-1].islower() and first[0].islower() and first.lower() not in _CONJUNCTIONS:
        return ""
    if previous.endswith(_TERMINAL) or _LIST_START.match(line):
        return None
    # "2,1 mio. kr." goes on a sentence; a case number or date on a line of its own does not.
    return " " if first[0].islower() or (first[0].isdigit() and not CASE_NUMBER.match(line) and not _DATE_START.match(line)) else None


def _join_pages(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """One text from the pages: wrapped sentences and hyphenated words joined within and across pages,
    and the offset where each page starts in it."""
    width = _line_width(pages)
    parts: list[str] = []
    length = 0
    starts: list[int] = []
    previous = ""  # the last printed line (not the joined one): its length says if it wrapped
    for page in pages:
        starts.append(-1)
        gap = False
        for line in page:
            if not line:
                gap = True
                continue
            joint = None if gap or not parts else _joins(previous, line, width)
            if joint == "":
                parts[-1] = parts[-1][:-1]  # the hyphen
                length -= 1
            elif joint is None and parts:
                joint = "\n\n" if gap or (starts[-1] < 0 and previous.endswith(_TERMINAL)) else "\n"
            if starts[-1] < 0:
                starts[-1] = length + len(joint or "")
            parts.append((joint or "") + line)
            length += len(parts[-1])
            previous, gap = line, False
    text = "".join(parts)
    # A page with no text starts where the next one does.
    fixed, following = [], len(text)
    for start in reversed(starts):
        following = start if start >= 0 else following
        fixed.append(following)
    return text, tuple(reversed(fixed))


# -- HTML -----------------------------------------------------------------------------------------
# Page chrome of publishing portals, as data: whole elements by tag or by class/id, and link texts.
CHROME_TAGS = ("script", "style", "noscript", "template", "nav", "form", "button", "iframe", "svg", "select", "input")
CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:cookie\w*|consent\w*|breadcrumbs?|skip|skiplink|nav|navbar|navigation|menu|share|social|site-header|site-footer)(?:$|[\s_-])",
    re.IGNORECASE,
)
CHROME_TEXT = re.compile(
    r"^(?:tilbage(?: til \w+)?|til forsiden|hent som pdf|download(?: som)? pdf|(?:vis|åbn) pdf|udskriv|print|del(?: på \w+)?|"
    r"til toppen|gå til (?:indhold|hovedindhold)|læs mere om cookies|accepter(?: alle)? cookies|afvis cookies|"
    r"tilgængelighedserklæring)$",
    re.IGNORECASE,
)
_PAGE_PARTS = ("header", "footer")  # chrome at page level; inside an article they hold the item's title
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_PARAGRAPHS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "pre", "blockquote", "figure", "hr"}
_LINES = {"div", "section", "article", "main", "header", "footer", "aside", "address", "li", "tr", "dt", "dd", "figcaption", "caption", "details", "summary"}


def _html(data: bytes, path: Path) -> Extracted:
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as error:  # lxml's errors on hopeless bytes are not one class
        raise SeedFormatError(path, 1, f"unreadable HTML ({type(error).__name__}: {error})") from error
    _drop_chrome(soup)
    pieces: list[str | int] = []
    _render(soup.body or soup, pieces)
    lines: list[str] = []
    for raw in _assemble(pieces).split("\n"):
        line = "\t".join(" ".join(cell.split()) for cell in raw.split("\t") if cell.strip())
        if CHROME_TEXT.match(line):
            continue
        if line or (lines and lines[-1]):
            lines.append(line)
    text = _normalise("\n".join(lines).strip())
    if not any(ch.isalpha() for ch in text):
        raise SeedFormatError(path, 1, "HTML page without minutes: nothing but navigation and page chrome")
    return Extracted(text, "html")


def _drop_chrome(soup) -> None:
    for button in soup.find_all("button"):
        if button.find(("h1", "h2", "h3", "h4")):
            button.unwrap()  # a collapsible item's title ("<button><h2>Title</h2></button>"), not a control
    doomed = list(soup.find_all(CHROME_TAGS))
    for tag in soup.find_all(_PAGE_PARTS):
        if not tag.find_parent(("article", "main", "section")):
            doomed.append(tag)
    for tag in soup.find_all(True):
        marks = " ".join(tag.get("class") or []) + " " + (tag.get("id") or "")
        if CHROME_CLASS.search(marks) or tag.get("role") in ("navigation", "banner", "contentinfo"):
            doomed.append(tag)
    for tag in soup.find_all(("a", "span", "li")):
        if CHROME_TEXT.match(" ".join(tag.get_text(" ").split())):
            doomed.append(tag)
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _render(node, out: list[str | int], preformatted: bool = False) -> None:
    """Append the text of `node` to `out`, with ints for breaks (1: new line, 2: blank line): block
    elements on lines of their own, paragraphs and headings apart, table cells tab-separated, list items
    numbered as printed."""
    from bs4 import NavigableString
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            out.append(str(child) if preformatted else re.sub(r"[ \t\r\n\f]+", " ", str(child)))
            continue
        name = child.name
        if name == "br":
            out.append("\n")
            continue
        if name in ("td", "th"):
            out.append("\t")
            _render(child, out, preformatted)
            continue
        if name == "tr" and (heading := _numbered_heading(child)):
            # An agenda portal's item row: the number in one cell, the title heading the next ("1" | "<h2>Title</h2>...").
            number, title = heading
            out += [2, f"{number.get_text(strip=True)}. {' '.join(title.get_text(' ').split())}", 2]
            number.decompose()
            title.decompose()
            _render(child, out, preformatted)
            out.append(1)
            continue
        if name in _HEADINGS and not child.get_text(strip=True):
            # An empty heading still ends the section above it: one portal prints a case's introduction under
            # "<h3></h3>" right after its decision. It gets the name referat gives any unheaded text.
            out += [2, UNHEADED, 2]
            continue
        brk = 2 if name in _PARAGRAPHS else 1 if name in _LINES else 0
        out.append(brk)
        if name == "li":
            parent = child.parent
            if parent is not None and parent.name == "ol":
                start = str(parent.get("start", "1"))
                siblings = parent.find_all("li", recursive=False)
                out.append(f"{(int(start) if start.isdigit() else 1) + siblings.index(child)}. ")
            else:
                out.append("- ")
        _render(child, out, preformatted or name == "pre")
        out.append(brk)


def _numbered_heading(row):
    """(number cell, heading tag) when a table row's first cell is only a number and its next opens with a heading."""
    cells = row.find_all(("td", "th"), recursive=False)
    if len(cells) < 2 or not re.fullmatch(r"\d{1,4}", cells[0].get_text(strip=True)):
        return None
    heading = cells[1].find(("h1", "h2", "h3", "h4"))
    if heading is None or not (title := heading.get_text(" ", strip=True)) or not cells[1].get_text(" ", strip=True).startswith(title):
        return None
    return cells[0], heading


def _assemble(pieces: list[str | int]) -> str:
    """Join rendered pieces; runs of breaks become the largest of them, white space between them none."""
    text: list[str] = []
    pending = 0
    for piece in pieces:
        if isinstance(piece, int):
            pending = max(pending, piece)
        elif piece.strip(" ") or piece in ("\t", "\n"):
            if pending and text:
                text.append("\n" * pending)
                piece = piece.lstrip(" ")
            pending = 0
            text.append(piece)
    return "".join(text)


# -- Word -----------------------------------------------------------------------------------------
def _docx(data: bytes, path: Path) -> Extracted:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        blocks: list[str] = []
        for block in document.iter_inner_content():  # paragraphs and tables in body order
            if isinstance(block, Table):
                rows = []
                for row in block.rows:
                    # A merged cell comes back once per grid column it spans: keep it once.
                    cells = [c for n, c in enumerate(row.cells) if n == 0 or c._tc is not row.cells[n - 1]._tc]
                    rows.append("\t".join(" ".join(c.text.split()) for c in cells))
                blocks.append("\n" + "\n".join(rows) + "\n")
                continue
            text = numbering.prefix(block) + block.text
            style = (block.style.name if block.style is not None else "").lower()
            # Word has no wrapped lines, only paragraphs; a heading stands apart from what follows.
            blocks.append(f"\n{text}\n" if style.startswith(("heading", "title", "overskrift")) else text)
    except Exception as error:  # python-docx, zipfile and lxml each raise their own kinds on a damaged file
        raise SeedFormatError(path, 1, f"damaged Word file, cannot be read ({type(error).__name__}: {str(error)[:160]})") from error
    text = re.sub(r"\n{3,}", "\n\n", _normalise("\n".join(blocks))).strip()
    if not any(ch.isalpha() for ch in text):
        raise SeedFormatError(path, 1, "Word file without text")
    return Extracted(text, "docx")


class _Numbering:
    """Word's automatic list numbers ("1.", "2.", bullets), which are not in the paragraph text."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (format, lvlText, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            spec = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            for lvl in spec.findall(qn("w:lvl")) if spec is not None else ():
                fmt, text, start = (lvl.find(qn(f"w:{n}")) for n in ("numFmt", "lvlText", "start"))
                self.levels[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"))))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )

    def prefix(self, paragraph) -> str:
        qn = self.qn
        props = paragraph._p.pPr
        num_pr = props.find(qn("w:numPr")) if props is not None else None
        if num_pr is None and paragraph.style is not None and paragraph.style.element.pPr is not None:
            num_pr = paragraph.style.element.pPr.find(qn("w:numPr"))  # numbering inherited from the style
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        num_id = num_id_el.get(qn("w:val")) if num_id_el is not None else None
        level = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        if (num_id, level) not in self.levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[level] += 1
        counters[level + 1 :] = [0] * (8 - level)
        fmt, pattern, _ = self.levels[(num_id, level)]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""

        def value(m: re.Match[str]) -> str:
            n = int(m.group(1)) - 1
            start = self.levels.get((num_id, n), ("decimal", "", 1))[2]
            return str(start - 1 + max(counters[n], 1))

        return re.sub(r"%(\d)", value, pattern) + " "
