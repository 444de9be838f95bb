"""Writers of PDF, HTML and Word test documents, and the minutes they hold, written out in full."""

# PDF pages are given as printed lines, so a test says exactly where a line, a hyphen or a page breaks:
# "" is a paragraph gap, "# " starts a bold heading, " | " separates the cells of a table row. The
# running header and footer are drawn first in each page's content stream, before the body, so an
# extractor that follows the stream instead of the page puts them in the wrong place.

from __future__ import annotations

import io
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONTS = Path(reportlab.__file__).parent / "fonts"
# An embedded TrueType subset, as real minutes use: the text comes back only through its ToUnicode map.
pdfmetrics.registerFont(TTFont("Vera", str(_FONTS / "Vera.ttf")))
pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONTS / "VeraBd.ttf")))

LEFT, TOP, LINE, SIZE = 72, A4[1] - 90, 15, 10.5
COLUMNS = (72, 250, 390)  # x of the table cells


def write_pdf(path: Path, pages: list[list[str]], header: str = "", footer: str = "") -> Path:
    """Write the pages; header and footer may hold {page} and {pages}, and "left | right" parts."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number, lines in enumerate(pages, start=1):
        for text, y in ((footer, 40), (header, A4[1] - 50)):
            if text:
                _draw_row(pdf, text.format(page=number, pages=len(pages)), y, "Vera", 8.5, (LEFT, 400))
        y = TOP
        for line in lines:
            if not line:
                y -= LINE * 0.8
                continue
            if line.startswith("# "):
                pdf.setFont("Vera-Bold", SIZE + 0.5)
                pdf.drawString(LEFT, y, line[2:])
            elif " | " in line:
                _draw_row(pdf, line, y, "Vera", SIZE, COLUMNS)
            else:
                pdf.setFont("Vera", SIZE)
                pdf.drawString(LEFT, y, line)
            y -= LINE
        pdf.showPage()
    pdf.save()
    return path


def _draw_row(pdf: canvas.Canvas, text: str, y: float, font: str, size: float, xs: tuple[float, ...]) -> None:
    pdf.setFont(font, size)
    for x, cell in zip(xs, text.split(" | ")):
        pdf.drawString(x, y, cell.strip())


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF of page images only, as a scanner makes: no text layer at all."""
    from PIL import Image, ImageDraw

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for _ in range(pages):
        image = Image.new("L", (300, 420), 255)
        draw = ImageDraw.Draw(image)
        for row in range(30, 400, 14):
            draw.line((20, row, 280, row), fill=0, width=3)  # lines of "writing"
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        buffer.seek(0)
        from reportlab.lib.utils import ImageReader

        pdf.drawImage(ImageReader(buffer), 40, 60, width=A4[0] - 80, height=A4[1] - 120)
        pdf.showPage()
    pdf.save()
    return path


def encrypt_pdf(source: Path, target: Path, user_password: str) -> Path:
    """A copy of the PDF encrypted with pypdf; an empty user password opens without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="ejer-" + user_password, algorithm="AES-128")
    with open(target, "wb") as f:
        writer.write(f)
    return target


def write_docx(path: Path, paragraphs: list[str], header: str = "", footer: str = "") -> Path:
    """A Word file: "# " is a Heading 2, "#. " an automatically numbered paragraph, " | " rows make one
    table, "" is an empty paragraph; the
    running header and footer live in their own parts and must not reach the text."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.footer.paragraphs[0].text = footer
    rows: list[list[str]] = []
    for text in paragraphs + ["<end>"]:
        if " | " in text:
            rows.append([c.strip() for c in text.split(" | ")])
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
            rows = []
        if text == "<end>":
            break
        if text.startswith("# "):
            document.add_heading(text[2:], level=2)
        elif text.startswith("#. "):
            document.add_paragraph(text[3:], style="List Number")  # Word numbers it; the number is not in the text
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


# -- the minutes, as printed ----------------------------------------------------------------------------

# The seeds' layout ("REFERAT <body> d. DD-MM-YYYY", "Punkt N:"), three pages: a table of contents with
# dot leaders, an item title that wraps, words hyphenated at line ends, a sentence cut by a page break,
# a table, and the headings Resume, Sagsforløb, Beslutningspunkter and Beslutninger.
DIREKTOERFORUM_PAGES = [
    [
        "REFERAT Direktørforum d. 14-02-2024",
        "",
        "Mødedato Onsdag d. 14. februar 2024 kl. 10:00",
        "Mødested Mødelokale 3, Rådhuset",
        "",
        "# Indholdsfortegnelse",
        "DF - Godkendelse af dagsorden ........................................................ 1",
        "DF - Økonomisk status og forventet regnskab for 2024 ............................. 1",
        "DF - Eventuelt ...................................................................................... 3",
        "",
        "# Punkt 1: DF - Godkendelse af dagsorden",
        "00.01.00-P35-1-24",
        "# Beslutning",
        "Dagsordenen blev godkendt.",
        "",
        "# Punkt 2: DF - Økonomisk status og forventet regnskab for 2024 med",
        "# særligt fokus på ældreområdet",
        "EMN-2024-001234",
        "# Resume",
        "Økonomi og Stab har udarbejdet en status på kommu-",
        "nens økonomi efter årets første måned. Der forventes et",
        "merforbrug på ældreområdet på 4,5 mio. kr., som primært",
        "skyldes flere borgere med behov for hjemmepleje og",
    ],
    [
        "længere indlæggelser på plejecentrene. Det skal ses i",
        "sammenhæng med de vedtagne budgetregulerin-",
        "ger for Miljø- og Teknikområdet.",
        "",
        "# Sagsforløb",
        "Sagen blev første gang drøftet i Direktørforum den 10. januar 2024.",
        "Tabellen viser budget og forventet forbrug fordelt på områder:",
        "Område | Budget (mio. kr.) | Forventet forbrug",
        "Ældreområdet | 412,0 | 416,5",
        "Børn og unge | 318,2 | 317,9",
        "Kultur og fritid | 45,7 | 45,7",
        "",
        "# Beslutningspunkter",
        "1. at orienteringen tages til efterretning",
        "2. at Økonomi og Stab udarbejder en handleplan for ældreområdet",
        "",
        "# Beslutninger",
        "Direktørforum tog orienteringen til efterretning og bad om en",
        "handleplan for ældreområdet til mødet i marts.",
    ],
    [
        "# Punkt 3: DF - Eventuelt",
        "00.01.00-P35-2-24",
        "# Beslutning",
        "Intet.",
    ],
]
DIREKTOERFORUM_HEADER = "Direktørforum | Dato: 14.02.2024"
DIREKTOERFORUM_FOOTER = "Side {page}"

# The body-and-long-date layout: item numbers that run over the electoral period, "Sagsnr.:", attendance
# lists, and one item whose case passed two committees, each decision headed by its body and date.
OEKONOMI_PAGES = [
    [
        "# Økonomiudvalget",
        "onsdag den 6. marts 2019, kl. 16:00",
        "Mødested: Byrådssalen, Rådhuset",
        "",
        "# Tilstede",
        "Mette Frederiksen (A), formand",
        "Jens Holm (V)",
        "Lise Bach (C)",
        "",
        "# Afbud/Fraværende",
        "Peter Lund (O)",
        "",
        "# 412. Godkendelse af dagsorden",
        "Sagsnr.: 00.01.00-A00-1-19",
        "",
        "# Økonomiudvalgets beslutning den 06.03.2019",
        "Godkendt.",
        "",
        "# 413. Salg af grund til boligformål på Skovvej",
        "Sagsnr.: 02.34.02-G01-3-18",
        "",
        "# Sagsfremstilling",
        "Kommunen ejer grunden matr.nr. 7a på Skovvej, som i lokalplanen er udlagt",
        "til åben-lav boligbebyggelse. Grunden er på 1.450 m² og vurderes at kunne",
    ],
    [
        "sælges for mindst 1,8 mio. kr. Der er ingen forurening på grunden.",
        "",
        "# Indstilling",
        "Direktionen indstiller,",
        "at grunden udbydes til salg ved offentligt udbud.",
        "",
        "# Teknik- og Miljøudvalgets beslutning den 12.02.2019",
        "Anbefales.",
        "Fraværende: Peter Lund (O)",
        "",
        "# Økonomiudvalgets beslutning den 06.03.2019 Punkt 413",
        "Anbefales over for Byrådet med den ændring, at mindsteprisen fastsættes til",
        "2,1 mio. kr.",
        "",
        "# 414. Budgetopfølgning pr. 31. januar 2019",
        "Sagsnr.: 00.30.14-S00-2-19",
        "",
        "# Sagsfremstilling",
        "Budgetopfølgningen viser et samlet mindreforbrug på 3,2 mio. kr. på driften.",
        "",
        "# Beslutning i Økonomiudvalget den 06-03-2019",
        "Taget til efterretning.",
    ],
]
OEKONOMI_HEADER = "Økonomiudvalget | Dato: 06.03.2019"
OEKONOMI_FOOTER = "{page} of {pages}"

# The older layout ("Udvalg:", "Dato:", "Tid:", "Sted:", "Indkaldelse", items "1. Title"), as a Word file.
KULTUR_PARAGRAPHS = [
    "Udvalg: Kultur- og Fritidsudvalget",
    "Dato: 01-06-2022",
    "Tid: Kl. 17:00",
    "Sted: Mødelokale 4, Kulturhuset",
    "",
    "Indkaldelse:",
    "Søren Ærø (A), formand",
    "Birgitte Å. Holm (V)",
    "Øjvind Kjær (F)",
    "",
    "Afbud: Øjvind Kjær (F)",
    "",
    "# 1. Godkendelse af dagsorden",
    "Sagsnr.: 00.01.00-A00-4-22",
    "# Beslutning",
    "Godkendt.",
    "# 2. Tilskud til foreningernes sommeraktiviteter",
    "18.15.00-Ø40-2-22",
    "# Sagsfremstilling",
    "Foreningerne har søgt om tilskud til sommeraktiviteter for børn og unge:",
    "Forening | Ansøgt | Indstillet",
    "Ølstykke Roklub | 25.000 kr. | 20.000 kr.",
    "Åbyhøj Spejderne | 15.000 kr. | 15.000 kr.",
    "# Indstilling",
    "Forvaltningen indstiller,",
    "#. at tilskuddene bevilges som indstillet.",
    "#. at forvaltningen evaluerer aktiviteterne i efteråret.",
    "# Beslutning",
    "Godkendt. Udvalget ønsker en evaluering af aktiviteterne i efteråret.",
]

# An agenda-item page of a publishing portal: chrome around one item with a dated decision.
TEKNIK_ITEM_HTML = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><title>Punkt 27 - Teknik- og Miljøudvalget</title>
<script>window.dataLayer = [];</script><style>nav { float: left }</style></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>Vi bruger cookies for at forbedre din oplevelse.</p>
<button>Accepter alle cookies</button></div>
<header class="site-header"><a href="/">Tilbage til forsiden</a>
<nav><ul><li><a href="/politik">Politik</a></li><li><a href="/dagsordener">Dagsordener og referater</a></li></ul></nav></header>
<ol class="breadcrumb"><li>Forside</li><li>Teknik- og Miljøudvalget</li><li>14-05-2014</li><li>Punkt 27</li></ol>
<main>
<h1>Teknik- og Miljøudvalget - Referat</h1>
<p class="meeting-date">onsdag den 14. maj 2014, kl. 17:00</p>
<p>Mødested: Mødelokale 2, Rådhuset</p>
<p class="actions"><a href="/referat.pdf">Hent som PDF</a> <a href="#" onclick="print()">Udskriv</a></p>
<article class="agenda-item">
<header><h2>27. Ny cykelsti langs Åvej</h2></header>
<p class="case-number">Sagsnr.: 05.01.08-P20-7-13</p>
<h3>Sagsfremstilling</h3>
<p>Forvaltningen har projekteret en <strong>dobbeltrettet</strong> cykelsti på 1,2 km langs Åvej
mellem skolen og idrætshallen.</p>
<p>Anlægsudgiften er anslået til 3,4 mio. kr.</p>
<table><tr><th>Post</th><th>Beløb</th></tr><tr><td>Anlæg</td><td>3,1 mio. kr.</td></tr><tr><td>Projektering</td><td>0,3 mio. kr.</td></tr></table>
<h3>Indstilling</h3>
<p>Forvaltningen indstiller,</p>
<ol><li>at projektet godkendes</li><li>at der gives anlægsbevilling på 3,4 mio. kr.</li></ol>
<h3>Beslutning i Teknik- og Miljøudvalget den 14-05-2014</h3>
<p>Godkendt. Udvalget ønsker belysning på hele strækningen.</p>
</article>
</main>
<footer><p>Kommunen · Rådhuspladsen 1 · Tlf. 12 34 56 78</p><a href="/tilgaengelighed">Tilgængelighedserklæring</a></footer>
</body></html>
"""

# A meeting page that is an agenda (dagsorden): items with proposals, no decisions yet.
BOERN_AGENDA_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Dagsorden</title></head>
<body>
<nav class="menu"><a href="/">Forside</a> <a href="/borger">Borger</a></nav>
<a class="skip-link" href="#indhold">Gå til indhold</a>
<div id="indhold" role="main">
<h1>Børne- og Ungeudvalget - Dagsorden</h1>
<p>tirsdag den 9. april 2024, kl. 15:30</p>
<p>Mødested: Mødelokale 1, Rådhuset</p>
<h2>88. Godkendelse af dagsorden</h2>
<p>Sagsnr.: 00.01.00-A00-9-24</p>
<h3>Indstilling</h3>
<p>Forvaltningen indstiller, at dagsordenen godkendes.</p>
<h2>89. Skolestruktur i Nordbyen</h2>
<p>Sagsnr.: 17.01.00-A00-2-24</p>
<h3>Sagsfremstilling</h3>
<p>Elevtallet i Nordbyen falder, og forvaltningen har udarbejdet tre modeller for en ny skolestruktur.</p>
<h3>Indstilling</h3>
<p>Forvaltningen indstiller, at model B om sammenlægning af Nordskolen og Bakkeskolen sendes i høring.</p>
</div>
<div class="cookie-notice">Vi bruger cookies. <a href="/cookies">Læs mere om cookies</a></div>
</body></html>
"""

# A portal page with chrome and a welcome text, but no minutes.
FRONT_PAGE_HTML = """<!DOCTYPE html><html><head><title>Dagsordener og referater</title></head><body>
<header><nav><a href="/">Tilbage til forsiden</a></nav></header>
<main><h1>Dagsordener og referater</h1><p>Her finder du dagsordener og referater fra byrådet og udvalgene.</p>
<ul><li><a href="/bu">Børne- og Ungeudvalget</a></li><li><a href="/oeu">Økonomiudvalget</a></li></ul></main>
<footer>Cookies og privatlivspolitik</footer></body></html>
"""

# The DOM of an agenda portal that prints items as table rows (FirstAgenda Publication, as Aarhus uses it):
# the number in one cell; the title as a heading inside a collapse button in the next, with the case number,
# "Beslutninger" before the resume, and "Beslutningspunkter" for the proposal. Text shortened.
ROW_PORTAL_HTML = """<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Referat</title></head><body>
<h1 class="dato">Referat 1. oktober 2025 kl. 15.45</h1>
<div class="meeting-info"><table>
<tr><td>Udvalg:</td><td><span class="udvalg">Teknisk Udvalg</span></td></tr>
<tr><td>Mødedato:</td><td><span class="dato">onsdag den 1. oktober 2025 kl. 15.45</span></td></tr>
<tr><td>Mødested:</td><td><span class="sted">Udvalgsværelse 398</span></td></tr></table></div>
<table id="dagsordenDetaljer"><thead><tr><th>Punkt</th><th>Titel</th><th></th></tr></thead><tbody>
<tr class="punktrow"><td class="punkt-tabel"><span class="label">1</span></td><td class="punkt-tabel">
<button class="overskrift-btn" aria-expanded="false"><h2 class="overskrift">Referat fra sidste udvalgsmøde</h2></button>
<div class="details"><span class="sagsnummer">EMN-2025-010561</span><div class="punkt"><h3></h3>
<div><h3>Beslutninger</h3><span class="resume"><div>Ingen bemærkninger.</div></span></div></div></div></td>
<td><span class="badge fil-ikon"><span class="fil-ikon-nummer">1</span></span>
<span class="dropdown"><button class="dropdown-toggle" aria-label="Menu"></button><ul class="dropdown-menu"><li><a href="#">Hent som PDF</a></li></ul></span></td></tr>
<tr class="punktrow"><td class="punkt-tabel"><span class="label">2</span></td><td class="punkt-tabel">
<button class="overskrift-btn" aria-expanded="true"><h2 class="overskrift">Måltal for busfremkommelighed</h2></button>
<div class="details"><span class="sagsnummer">EMN-2024-035156</span><div class="punkt">
<div><h3>Beslutninger</h3><div>Et flertal i udvalget kunne tiltræde indstillingen.</div>
<h3></h3><span class="resume"><div>Endelig vedtagelse af måltal for busfremkommelighed.</div></span></div>
<div><h3>Resume</h3><div>Byrådet vedtog i budgetforlig 2023 at forbedre bussernes fremkommelighed.</div></div>
<div><h3>Beslutningspunkter</h3><div>Det indstilles:<br>At 1) rapporten om måltal for busfremkommelighed tages til efterretning.</div></div>
</div></div></td><td></td></tr>
</tbody></table></body></html>
"""
