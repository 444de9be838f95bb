"""Specification of the minutes parser (rag/parse.py) on the five Chefforum seeds, on the sibling
"Udvalg:" layout of the same municipality's committees, and on bad input."""

from __future__ import annotations

import functools
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.decisions import decision_of
from rag.errors import SeedFormatError
from rag.names import unique_names
from rag.parse import decode, parse_file, parse_paths, parse_text
from rag.records import Meeting

HERE = Path(__file__).parent
SEED_DIR = HERE.parent / "seeds"
FIXTURE_DIR = HERE / "fixtures"

SEED_FILES = {
    "2019-09-12": "004_b360b7572f64fe41.txt",
    "2023-03-30": "000_23739de0f6165d2a.txt",
    "2023-04-13": "003_501a9cec892acb97.txt",
    "2023-11-23": "001_43b2f7f7bb6015f4.txt",
    "2024-11-20": "002_cdeccdc351fa818c.txt",
}
MILJOE = "udvalg_miljoe_2020-09-15.txt"  # with Indholdsfortegnelse
BOERN = "udvalg_boern_2021-03-09.txt"  # without; items confirmed by a case number / heading after them
FIXTURE_FILES = (MILJOE, BOERN)

A, S, I, B = "Anledning", "Sagsfremstilling", "Indstilling", "Beslutning"
BILAG, FRA, RES = "Bilag", "Fraværende", "Resume"


@functools.cache
def seed(day: str) -> Meeting:
    return parse_file(SEED_DIR / SEED_FILES[day])


@functools.cache
def fixture(name: str) -> Meeting:
    return parse_file(FIXTURE_DIR / name)


@functools.cache
def portal(name: str) -> Meeting:
    """Minutes in the shapes of other systems (tests/portals: kept out of fixtures/, which the bench indexes)."""
    return parse_file(HERE / "portals" / name)


def only(meeting: Meeting, number: int, heading: str) -> str:
    """The text of the one section with this heading in item `number`."""
    (section,) = meeting.item(number).section(heading)
    return section.text


def assert_spans_exact(meeting: Meeting) -> None:
    """Every section's text is its span of the meeting's text: citations point at what they quote."""
    for item in meeting.items:
        for sec in item.sections:
            assert meeting.text[sec.start : sec.end] == sec.text


def ends(text: str, first: str, last: str) -> tuple[str, str]:
    return text[: len(first)], text[-len(last):]


# ---------------------------------------------------------------------------------------------------
# 1. The five seeds in detail
# ---------------------------------------------------------------------------------------------------

MEETING_FACTS = [
    # day, body, place, time, number of items, header line
    ("2019-09-12", "Chefforum", "Mødelokale 1", "09:00", 9),
    ("2023-03-30", "Chefforum", "Mødelokale 1", "09:00", 9),
    ("2023-04-13", "Chefforum", "Mødelokale 1", "09:00", 7),
    ("2023-11-23", "Chefforum", "Mødelokale 915", "09:00", 7),
    ("2024-11-20", "Chefforum", "Mødelokale 915", "09:00", 8),
]


@pytest.mark.parametrize(("day", "body", "place", "time", "n_items"), MEETING_FACTS)
def test_seed_header_gives_date_body_place_time_and_item_count(day, body, place, time, n_items):
    meeting = seed(day)
    assert meeting.date == date.fromisoformat(day)
    assert meeting.body == body
    assert meeting.place == place
    assert meeting.time == time
    assert len(meeting.items) == n_items
    assert meeting.meeting_id == f"chefforum-{day}"
    assert meeting.layout == "referat-punkt"
    assert meeting.encoding == "utf-8"
    assert meeting.has_decisions is True
    assert meeting.source == SEED_DIR / SEED_FILES[day]


SEED_ITEMS = {
    "2019-09-12": [
        (1, 21, "Godkendelse af dagsorden og referat", "00.01.00-A21-9-18"),
        (2, 40, "Status på udmøntning af hverdagseffektiviseringer", "00.01.00-S00-8-18"),
        (3, 92, "Økonomirapport nr. 4 pr. 31/7 og forbrugsreducerende tiltag", "00.30.14-G01-4-19"),
        (4, 126, "Orientering om beslutningsstøtteværktøj og temamøde for KB om byudviklingsplan og værktøj", "00.01.10-P35-1-19"),
        (5, 144, "ØU & KB - Gennemgang og sparring af sager", "00.01.00-A21-9-18"),
        (6, 168, "Orientering om procesplan for virksomhedsplaner 2020-21", "00.15.10-P16-1-19"),
        (7, 215, "Orientering om økonomiaftale ml Regeringen og KL", "00.01.00-A21-6-18"),
        (8, 253, "Hvad skal kommunikeres ud til afdelingerne efter mødet?", "00.01.00-A21-9-18"),
        (9, 269, "Evt.", "00.01.00-A21-9-18"),
    ],
    "2023-03-30": [
        (1, 21, "Godkendelse af dagsorden og referat", "00.01.00-P35-9-22"),
        (2, 39, "Budget 2024 - Budgetproces", "00.30.00-P00-3-22"),
        (3, 103, "Regnskab 2022 og Overførselssag 2022-2023", "00.32.10-A00-1-23"),
        (4, 125, "Temamøde for KB - målsætninger 2023", "00.01.00-P22-5-22"),
        (5, 162, "Planlægning af udviklingsuge 2024", "00.01.00-P22-3-22"),
        (6, 198, "Nyt koncept for virksomhedsplaner", "00.01.00-P22-6-22"),
        (7, 239, "Virksomhedspraktik og løntilskud", "15.20.00-A26-1-22"),
        (8, 301, "Opgavetilpasninger i Økonomi & Stab som følge af Budget 2023", "81.15.18-000-1-19"),
        (9, 384, "Eventuelt", "00.01.00-P35-9-22"),
    ],
    "2023-04-13": [
        (1, 19, "Godkendelse af dagsorden og referat", "00.01.00-P35-9-22"),
        (2, 39, "Videre proces for borgermøde og budget 2024", "00.30.00-P00-2-23"),
        (3, 98, "Orientering omkring ERP-udbud", "85.11.00-P20-7-22"),
        (4, 124, "Planlægning af temamøde med kommunalbestyrelsen - Målsætninger", "00.01.10-P22-3-23"),
        (5, 170, "Kommissorium for den tværgående kommunikationsgruppe", "00.13.00-A00-1-18"),
        (6, 203, "Arbejdsgruppe skabelon for dagsordenspunkter", "00.15.00-A00-23-22"),
        (7, 242, "Eventuelt", "00.01.00-P35-9-22"),
    ],
    "2023-11-23": [
        (1, 19, "Godkendelse af dagsorden og referat", "00.01.00-P35-9-22"),
        (2, 37, "Skabelon status på Budgetaftale 2024", "00.30.14-S00-3-23"),
        (3, 77, "Chefforums Plan A efter refleksionsseminar på Fyn", "00.01.00-P35-7-22"),
        (4, 111, "Eksempler på Albertslund Kommunes medarbejder- og ledelsesgrundlag", "00.00.00-A21-1-22"),
        (5, 194, "Plan for kommende temadrøftelser i Chefforum", "00.01.00-P35-7-22"),
        (6, 228, "Virksomhedspraktik og løntilskud i Albertslund Kommunes institutioner og afdelinger", "15.18.05-A00-1-23"),
        (7, 302, "Eventuelt", "00.01.00-P35-9-22"),
    ],
    "2024-11-20": [
        (1, 22, "Godkendelse af dagsorden og referat", "00.01.00-P35-7-23"),
        (2, 33, "Udmøntning og fordeling af tværgående besparelser budget 2025", "00.30.00-P05-3-24"),
        (3, 109, "Afsluttende evaluering af budgetproces 2025", "00.30.00-P00-6-23"),
        (4, 170, "Analyser til budget 2026", "00.01.00-A00-11-24"),
        (5, 204, "Udbudsplan for 2025", "88.00.00-G01-39-24"),
        (6, 237, "Indikatorer 2025", "00.01.00-A00-22-24"),
        (7, 268, "Temadrøftelse", "00.01.00-A00-11-24"),
        (8, 304, "Temaer til kommende møder og eventuelt", "00.01.00-P35-7-23"),
    ],
}


@pytest.mark.parametrize("day", sorted(SEED_ITEMS))
def test_seed_items_have_number_heading_line_title_without_cf_prefix_and_case_number(day):
    got = [(it.number, it.line, it.title, it.case_number) for it in seed(day).items]
    assert got == SEED_ITEMS[day]


SEED_SECTIONS = {
    "2019-09-12": {
        1: (A, I, B),
        2: (A, S, I, B, BILAG),
        3: (I, S, B, BILAG),
        4: (I, S, B),
        5: (A, S, I, B),
        6: (I, S, B),
        7: (I, S, B, BILAG),
        8: (I, B),
        9: (),
    },
    "2023-03-30": {
        1: (A, I, B),
        2: (A, S, I, B),
        3: (A, S, I, B),
        4: (A, S, I, B),
        5: (A, S, I, B, BILAG),
        6: (A, S, I, B, BILAG),
        7: (A, S, I, B, BILAG),
        8: (A, S, I, B, BILAG),
        9: (A, S, I, B),
    },
    "2023-04-13": {
        1: (A, I, B, FRA),
        2: (A, S, I, B, BILAG, FRA),
        3: (A, S, I, B, FRA),
        4: (A, S, I, B, BILAG, FRA),
        5: (A, S, I, B, BILAG, FRA),
        6: (A, S, I, B, BILAG, FRA),
        7: (A, I, B, FRA),
    },
    "2023-11-23": {
        1: (A, I, B),
        2: (A, S, I, B, BILAG),
        3: (A, S, I, B, BILAG),
        4: (A, S, I, B, BILAG),
        5: (A, S, I, B, BILAG),
        6: (A, S, I, B, BILAG),
        7: (A, S, I, B),
    },
    "2024-11-20": {
        1: (I,),
        2: (A, S, I, B, BILAG),
        3: (A, S, I, B, BILAG),
        4: (A, S, I, B),
        5: (A, S, I, B, BILAG),
        6: (A, S, I, B, BILAG),
        7: (A, S, I, B),
        8: (I, B, BILAG),
    },
}


@pytest.mark.parametrize("day", sorted(SEED_SECTIONS))
def test_seed_items_have_their_section_headings_in_document_order(day):
    got = {it.number: tuple(s.heading for s in it.sections) for it in seed(day).items}
    assert got == SEED_SECTIONS[day]


SECTION_EDGES = [
    # day, item, heading, first words, last words
    ("2023-11-23", 6, B, "Chefforum besluttede at nedjustere det vejledende måltal til 80.", "Denne udsendes fra Borger & Arbejdsmarked."),
    ("2023-11-23", 6, S, "Målgrupperne for praktikpladser og løntilskud", "som rollemodeller i forhold til at tage ledige i praktik og løntilskud?"),
    ("2023-11-23", 4, S, "Siden april 2023 har alle arbejdspladser", "yderligere eksempler fra arbejdspladserne."),
    ("2023-11-23", 2, B, "Chefforum tog orienteringen til efterretning, idet", "Sekretæren koordinerer dette med Økonomi & Indkøb."),
    ("2023-03-30", 2, A, "Kommunalbestyrelsen har fastlagt et samlet måltal", "fastlagt temaer for borgermødet den 3. maj."),
    ("2023-03-30", 2, S, "Der er fastsat et samlet måltal for budget 2024 på 23 mio.kr.", "der bidrager til processen i de øvrige afdelinger."),
    ("2023-03-30", 2, B, "Chefforum godkendte indstillingerne med følgende kommentarer:", "så KB kan se, at den besluttede besparelse effektueres."),
    ("2023-03-30", 7, I, "Direktøren for By, Kultur, Miljø & Beskæftigelse indstiller, at", "virksomhedspraktikker, løntilskud, småjobs og fleksjob."),
    ("2023-03-30", 8, S, "Budget 2023 indebærer en reduktion", "- plan for ad hoc varetagelse af ledelsestilsyn i 2023"),
    ("2023-04-13", 2, S, "Videre proces for borgermødet 3. maj", "levere provenu i flere temaer."),
    ("2023-04-13", 4, S, "Kommunalbestyrelsen godkendte den 13. december 2022", "Målsætninger fremgår af bilag 1."),
    ("2024-11-20", 2, S, "Der er i det vedtagne budget for 2025", "også udeladt indkøb på hjælpemiddelområdet."),
    ("2024-11-20", 3, B, "Chefforum havde en afsluttende status", "hvor næste års budgetproces skal præsenteres."),
    ("2024-11-20", 7, S, "Arbejdet med Plan A i Miljø & Teknik", "ledelsesdialogerne mellem direktører og afdelingschefer?"),
    ("2019-09-12", 2, S, "I den økonomiske politik 2018-2022", "som de fremgår det første skema."),
    ("2019-09-12", 6, B, "Chefforum godkendt tidsplanen med følgende bemærkninger:", "fælles mål (for 2 eller flere afdelinger)."),
    ("2019-09-12", 8, B, "Der skrives ud i organisationen", "Der kommer forventeligt en regulering på pris/løn."),
]


@pytest.mark.parametrize(("day", "number", "heading", "first", "last"), SECTION_EDGES)
def test_selected_seed_sections_start_and_end_with_the_printed_words(day, number, heading, first, last):
    assert ends(only(seed(day), number, heading), first, last) == (first, last)


SHORT_SECTIONS = [
    ("2019-09-12", 1, B, "Godkendt"),
    ("2019-09-12", 3, I, "Chefen for Økonomi & Stab indstiller,\n\n1. at Økonomirapport nr. 4 og sagsfremstilling til ekstraordinært ØU om forbrugsreducerende tiltag tages til efterretning af chefforum"),
    ("2019-09-12", 4, B, "Orienteringen blev taget til efterretning."),
    ("2023-03-30", 1, B, "Chefforum godkendte dagsorden og referat."),
    ("2023-03-30", 3, S, "Chefen for Økonomi & Stab orienterer om regnskab 2022 samt indstilling om overførsler fra 2022 til 2023."),
    ("2023-03-30", 5, BILAG, "Udviklingsuge opsamling 2023"),
    ("2023-03-30", 9, S, "- Rådhusflytning\n- Idrætsdeltagelse\n- Rådhus på børnefestuge\n- Anlægsbudget"),
    ("2023-04-13", 1, B, "Chefforum godkendte dagsorden og referet."),
    ("2023-04-13", 2, BILAG, "Proces for borgermøde og tidsplan for budgetkatalog\n\nDrejebog til Borgermøde om Budget 2024"),
    ("2023-04-13", 7, B, "Intet."),
    ("2023-11-23", 6, I, "Direktøren for By, Kultur, Miljø og Beskæftigelse indstiller,\n\n1. At ordningen med praktikker og løntilskud i kommunen drøftes\n2. At Chefforum beslutter at nedjustere det vejledende måltal til 80"),
    ("2023-11-23", 7, B, "Chefforum drøftede punkterne."),
    ("2024-11-20", 1, I, "Kommunaldirektøren indstiller,\n\n1. at dagsordenen godkendes\n2. at referat godkendes"),
    ("2024-11-20", 7, I, "Afdelingschefen for Miljø & Teknik indstiller,\n1. at drøftelsen om arbejdet med Plan A tages til efterretning."),
    ("2024-11-20", 8, BILAG, "Temadrøftelser november 2024"),
]


@pytest.mark.parametrize(("day", "number", "heading", "text"), SHORT_SECTIONS)
def test_short_seed_sections_are_exactly_the_text_under_the_heading(day, number, heading, text):
    assert only(seed(day), number, heading) == text


def test_section_line_is_the_line_of_its_heading():
    meeting = seed("2023-03-30")
    lines = meeting.text.split("\n")
    got = [(s.heading, s.line, lines[s.line - 1]) for s in meeting.item(2).sections]
    assert got == [(A, 43, A), (S, 47, S), (I, 85, I), (B, 93, B)]


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ("2019-09-12", "REFERAT Chefforum d. 12-09-2019\n\nMødedato Torsdag d. 12. september 2019 kl. 09:00\n\nMødested Mødelokale 1"),
        ("2023-03-30", "REFERAT Chefforum d. 30-03-2023\n\nMødedato Torsdag d. 30. marts 2023 kl. 09:00\n\nMødested Mødelokale 1"),
        ("2023-04-13", "REFERAT Chefforum d. 13-04-2023\n\nMødedato Torsdag d. 13. april 2023 kl. 09:00\n\nMødested Mødelokale 1"),
        ("2023-11-23", "REFERAT Chefforum d. 23-11-2023\n\nMødedato Torsdag d. 23. november 2023 kl. 09:00\n\nMødested Mødelokale 915"),
    ],
)
def test_header_section_runs_from_the_referat_line_to_the_table_of_contents(day, text):
    header = seed(day).header
    assert (header.heading, header.text, header.line) == ("Mødeoplysninger", text, 3)


def test_header_of_2024_11_20_includes_the_attendee_line_but_not_the_toc():
    header = seed("2024-11-20").header
    assert header.text[:31] == "REFERAT Chefforum d. 20-11-2024"
    assert header.text[-26:] == "Tine Buch Juhl (Forperson)"
    assert "Indholdsfortegnelse" not in header.text


def test_attendees_of_2024_11_20_are_the_nine_names_with_roles_split_on_commas_outside_parentheses():
    assert seed("2024-11-20").attendees == (
        "Henrik Harder (Kommunaldirektør)",
        "Kristine Klæbel (Direktør By, Kultur, Miljø & Beskæftigelse)",
        "Lise Valentin Bayer (Direktør Børn, Sundhed & Velfærd)",
        "Marie Aasøe (Afdelingschef for Økonomi og Stab)",
        "Dorthe Espenhein (Afdelingschef Borger, Arbejdsmarked & Erhverv)",
        "Sisse Krøll Willemoes (Afdelingschef Dagtilbud & Skole)",
        "Marie Brøchner Jespersen (Afdelingschef Miljø & Teknik)",
        "René Birkemark Olesen (Afdelingschef Kultur, Fritid & Ejendomme)",
        "Tine Buch Juhl (Forperson)",
    )
    assert seed("2024-11-20").absentees == ()


@pytest.mark.parametrize("day", ["2019-09-12", "2023-03-30", "2023-11-23"])
def test_seeds_without_attendance_lines_have_no_attendees_or_absentees(day):
    assert (seed(day).attendees, seed(day).absentees) == ((), ())


def test_absentees_of_2023_04_13_are_three_people_once_each_in_first_seen_order():
    assert seed("2023-04-13").absentees == (
        "Rikke Blom (Direktør BSV)",
        "Kristine Klæbel (Direktør BKMB)",
        "Marie Guldborg (Afdelingschef Miljø & Teknik)",
    )


def test_repeated_fravaerende_lines_become_one_absence_section_per_item_not_part_of_the_decision():
    meeting = seed("2023-04-13")
    assert [len(it.section(FRA)) for it in meeting.items] == [1, 1, 1, 1, 1, 1, 1]
    assert [it.section(FRA)[0].line for it in meeting.items] == [37, 96, 122, 167, 201, 240, 260]
    assert only(meeting, 1, FRA) == "Rikke Blom (Direktør BSV), Kristine Klæbel (Direktør BKMB), Marie Guldborg (Afdelingschef Miljø & Teknik)"
    assert "Fraværende" not in only(meeting, 1, B)


def test_absence_line_broken_over_two_lines_keeps_both_lines_in_its_section():
    assert only(seed("2023-04-13"), 4, FRA) == (
        "Marie Guldborg (Afdelingschef Miljø & Teknik), Kristine Klæbel\n(Direktør BKMB), Rikke Blom (Direktør BSV)"
    )


@pytest.mark.parametrize("name", sorted(SEED_FILES) + list(FIXTURE_FILES))
def test_every_span_points_at_its_text_inside_its_item_and_items_do_not_overlap(name):
    meeting = seed(name) if name in SEED_FILES else fixture(name)
    header = meeting.header
    assert meeting.text[header.start : header.end] == header.text
    assert header.end <= meeting.items[0].start
    previous_end = header.end
    for item in meeting.items:
        assert previous_end <= item.start < item.end <= len(meeting.text)
        assert meeting.text.split("\n")[item.line - 1] == meeting.text[item.start :].split("\n", 1)[0]
        last = item.start
        for s in item.sections:
            assert meeting.text[s.start : s.end] == s.text
            assert s.text == s.text.strip()
            assert s.text != ""
            assert last <= s.start < s.end <= item.end
            assert item.line < s.line
            last = s.end
        previous_end = item.end
    assert "\r" not in meeting.text


# ---------------------------------------------------------------------------------------------------
# 2. Quirks of the seeds
# ---------------------------------------------------------------------------------------------------


def test_sagsfremstilling_heading_printed_twice_yields_one_non_empty_section_2019_punkt_6():
    (section,) = seed("2019-09-12").item(6).section(S)
    assert section.line == 180
    assert ends(section.text, "I efteråret 2019 påbegyndes", "orientering i de politiske fagudvalg.") == (
        "I efteråret 2019 påbegyndes",
        "orientering i de politiske fagudvalg.",
    )


def test_tab_separated_table_stays_inside_the_sagsfremstilling_2019_punkt_6():
    text = only(seed("2019-09-12"), 6, S)
    table = (
        "Hvornår?\tHvad?\n"
        "Primo november 2019\tDirektørforum godkender indsatsområder for 2020-2021.\n"
        "November / december / januar\tAfdelingerne udarbejder virksomhedsplaner.\n"
        "Januar 2020\tAfdelingerne indleverer virksomhedsplaner.\n"
        "Februar 2020\tChefforum drøfter og godkender afdelingernes virksomhedsplaner.\n"
        "Marts 2020\tAfdelingernes opfølgning på virksomhedsplanen 2018-2019 drøftes på Chefforum.\n"
        "\tOpfølgningen sker i samme skabelon, hvori planerne udfyldes.\n"
        "Marts 2020\tDe decentrale enheder indleverer deres virksomhedsplaner, som godkendes af chefen på området."
    )
    assert text.count(table) == 1
    assert "Procesplan\n\nNedenstående er den foreløbige procesplan" in text


@pytest.mark.parametrize("number", [3, 4])
def test_indstilling_before_sagsfremstilling_is_kept_in_printed_order_2019(number):
    headings = [s.heading for s in seed("2019-09-12").item(number).sections]
    assert headings[:3] == [I, S, B]


def test_missing_indstilling_heading_makes_the_indstiller_paragraph_an_indstilling_2023_04_13_punkt_5():
    item = seed("2023-04-13").item(5)
    (proposal,) = item.section(I)
    assert proposal.line == 186
    assert proposal.text == (
        "Kommunaldirektøren indstiller,\n\n"
        "1. at kommissoriet for den tværgående kommunikationsgruppe godkendes\n"
        "2. at hver afdeling udpeger en medarbejder til gruppen (send navn på medarbejder til Janus Nissen pr. mail "
        "til jnn@albertslund.dk senest den 27. april, så de første bilaterale møder kan arrangeres)"
    )
    case = only(seed("2023-04-13"), 5, S)
    assert ends(case, "Formålet med den tværgående", "Kommissorium for tværgående kommunikationsgruppe") == (
        "Formålet med den tværgående",
        "Kommissorium for tværgående kommunikationsgruppe",
    )
    assert "indstiller" not in case


def test_decision_that_is_only_a_full_stop_is_kept_2023_03_30_punkt_9():
    (decision,) = seed("2023-03-30").item(9).section(B)
    assert (decision.text, decision.line) == (".", 405)


def test_sentence_broken_across_a_page_break_stays_in_one_section_2023_04_13_punkt_2():
    text = only(seed("2023-04-13"), 2, S)
    assert text.count("velfærdsteknologi mv. vil jo også\n\nkomme til at levere ind på") == 1
    assert [s.heading for s in seed("2023-04-13").item(2).sections].count(S) == 1


def test_page_break_inside_a_list_sentence_stays_in_one_section_2023_03_30_punkt_8():
    assert only(seed("2023-03-30"), 8, S).count("brug af DSB\n\nErhvervskort, Rejsekort og Workplus") == 1


def test_parse_takes_titles_from_item_headings_not_the_truncated_toc():
    meeting = seed("2019-09-12")
    assert "om byudviklingsplan og værktø\t7" in meeting.text
    assert meeting.item(4).title[-11:] == " og værktøj"


def test_toc_lines_belong_to_neither_the_header_nor_any_item():
    meeting = seed("2023-03-30")
    toc = meeting.text.index("Indholdsfortegnelse")
    assert meeting.header.end < toc < meeting.items[0].start


DURATIONS = {1: "", 2: "15 min.", 3: "20 min.", 4: "20 min.", 5: "15 min.", 6: "55 min", 7: "40 min.", 8: ""}


def test_item_durations_come_from_the_parenthesised_time_slot_2024_11_20():
    assert {it.number: it.duration for it in seed("2024-11-20").items} == DURATIONS


@pytest.mark.parametrize("number", [n for n, d in DURATIONS.items() if d])
def test_time_slot_is_not_part_of_the_sagsfremstilling_text(number):
    meeting = seed("2024-11-20")
    item = meeting.item(number)
    (case,) = item.section(S)
    slot = f"({item.duration})"
    assert meeting.text[item.start : item.end].count(slot) == 1
    assert [s.text.count(slot) for s in item.sections] == [0] * len(item.sections)
    assert case.text[:1] != "("
    assert meeting.text.index(slot, item.start) < case.start


@pytest.mark.parametrize("day", ["2019-09-12", "2023-03-30", "2023-04-13", "2023-11-23"])
def test_items_without_a_time_slot_have_an_empty_duration(day):
    assert {it.duration for it in seed(day).items} == {""}


def test_item_with_no_beslutning_has_no_decision_section_2024_11_20_punkt_1():
    item = seed("2024-11-20").item(1)
    assert item.section(B) == ()
    assert seed("2024-11-20").has_decisions is True


def test_empty_last_item_has_its_case_number_and_no_sections_2019_punkt_9():
    item = seed("2019-09-12").item(9)
    meeting = seed("2019-09-12")
    assert (item.title, item.case_number, item.sections) == ("Evt.", "00.01.00-A21-9-18", ())
    assert meeting.text[item.start : item.end] == "Punkt 9: CF - Evt.\n\n00.01.00-A21-9-18"


def test_case_number_with_all_digit_middle_part_is_recognised():
    item = seed("2023-03-30").item(8)
    assert item.case_number == "81.15.18-000-1-19"
    assert "81.15.18-000-1-19" not in item.sections[0].text


def test_numbered_list_lines_inside_seed_sections_do_not_become_items():
    meeting = seed("2023-03-30")
    assert only(meeting, 2, S).count("\n1. Rehabilitering og arbejdsmarkedstilknytning (Rikke og Dorthe)\n2. Fysisk") == 1
    assert [it.number for it in meeting.items] == [1, 2, 3, 4, 5, 6, 7, 8, 9]


def test_meeting_item_lookup_by_number():
    meeting = seed("2023-11-23")
    assert (meeting.item(3).title, meeting.item(42)) == ("Chefforums Plan A efter refleksionsseminar på Fyn", None)


# ---------------------------------------------------------------------------------------------------
# 3. The sibling "Udvalg:" layout
# ---------------------------------------------------------------------------------------------------


def test_udvalg_with_toc_header_fields():
    meeting = fixture(MILJOE)
    assert (meeting.body, meeting.date, meeting.time, meeting.place) == (
        "Miljø- og Byudvalg",
        date(2020, 9, 15),
        "17:30",
        "Mødelokale 2, Rådhuset",
    )
    assert (meeting.meeting_id, meeting.layout, meeting.encoding) == (
        "miljoe-og-byudvalg-2020-09-15",
        "udvalg-nummereret",
        "utf-8",
    )
    assert meeting.header.line == 1
    assert meeting.header.text[-24:] == "Afbud: Dennis Møller (O)"


def test_udvalg_attendee_list_has_one_person_per_line_with_the_role_kept():
    assert fixture(MILJOE).attendees == (
        "Anna Jensen (A), formand",
        "Bo Hansen (V), næstformand",
        "Camilla Østergaard (F)",
        "Dennis Møller (O)",
        "Åse Kristiansen (Ø)",
    )


def test_udvalg_afbud_in_header_and_items_gives_one_absentee_without_the_afbud_label():
    meeting = fixture(MILJOE)
    assert meeting.absentees == ("Dennis Møller (O)",)
    assert [s.text for it in meeting.items for s in it.section(FRA)] == ["Dennis Møller (O)", "Dennis Møller (O)"]
    assert [s.line for it in meeting.items for s in it.section(FRA)] == [66, 88]


def test_udvalg_with_toc_items_numbers_titles_case_numbers():
    got = [(it.number, it.line, it.title, it.case_number) for it in fixture(MILJOE).items]
    assert got == [
        (1, 21, "Godkendelse af dagsorden", "00.01.00-A00-12-20"),
        (2, 35, "Trafiksikkerhedsplan 2021-2024", "05.13.00-P20-3-19"),
        (3, 72, "Høring om ny ordning for haveaffald", "EMN-2020-004711"),
        (4, 90, "Eventuelt", ""),
    ]


def test_udvalg_with_toc_sections_and_resume_heading_canonicalised():
    got = {it.number: tuple(s.heading for s in it.sections) for it in fixture(MILJOE).items}
    assert got == {1: (S, I, B), 2: (RES, S, I, B, FRA, BILAG), 3: (S, I, B, FRA), 4: (B,)}


def test_udvalg_numbered_proposal_lines_stay_inside_the_indstilling():
    meeting = fixture(MILJOE)
    assert only(meeting, 1, I) == "Forvaltningen indstiller,\n1. at dagsordenen godkendes."
    assert only(meeting, 2, I) == (
        "Forvaltningen indstiller,\n"
        "1. at forslag til trafiksikkerhedsplan 2021-2024 sendes i offentlig høring i fire uger.\n"
        "2. at skolevejene ved Herstedøster Skole og Egelundskolen prioriteres i 2021."
    )


def test_udvalg_capitalised_numbered_list_not_in_the_toc_does_not_become_an_item():
    text = only(fixture(MILJOE), 2, S)
    assert text.count("\n3. Hastighedsdæmpning på Gammel Landevej\n4. Kampagner målrettet cyklister i 7.-9. klasse\n") == 1
    assert text.count("inden udgangen af\n2024. Herefter evalueres planen\nog en ny plan udarbejdes.") == 1
    assert ends(text, "Trafiksikkerhedsplanen bygger på", "anlægspuljen til trafiksikkerhed.") == (
        "Trafiksikkerhedsplanen bygger på",
        "anlægspuljen til trafiksikkerhed.",
    )


def test_udvalg_attachment_named_like_its_item_does_not_restart_the_item():
    assert only(fixture(MILJOE), 2, BILAG) == (
        "1. Trafiksikkerhedsplan 2021-2024 - høringsudkast\n2. Trafiksikkerhedsplan 2021-2024 - uheldskortlægning"
    )


def test_udvalg_last_item_runs_to_the_end_of_the_file():
    assert only(fixture(MILJOE), 4, B) == (
        "Anna Jensen orienterede om dialogmødet med grundejerforeningerne den 29. september.\n\nMødet hævet kl. 19:40."
    )


def test_udvalg_without_toc_header_fields():
    meeting = fixture(BOERN)
    assert (meeting.body, meeting.date, meeting.time, meeting.place) == (
        "Børne- og Skoleudvalg",
        date(2021, 3, 9),
        "16:00 - 18:30",
        "Virtuelt møde via Teams",
    )
    assert meeting.meeting_id == "boerne-og-skoleudvalg-2021-03-09"
    assert meeting.attendees == ("Mette Lund (A)", "Jens Ole Sørensen (V)", "Karin Holm (F)", "Peter Ærø (C)")
    assert meeting.absentees == ("Lise Dahl (Ø)",)


def test_udvalg_without_toc_items_are_confirmed_by_the_case_number_or_heading_after_them():
    got = [(it.number, it.line, it.title, it.case_number) for it in fixture(BOERN).items]
    assert got == [
        (37, 9, "Godkendelse af dagsorden", "00.01.00-A00-3-21"),
        (38, 16, "Kvalitetsrapport for skoleåret 2019/20", "17.01.10-P22-1-20"),
        (39, 39, "Ansøgning om dispensation fra minimumsnormering", "28.09.04-P20-2-21"),
        (40, 55, "Eventuelt", ""),
    ]


def test_udvalg_without_toc_sections_with_colon_headings():
    got = {it.number: tuple(s.heading for s in it.sections) for it in fixture(BOERN).items}
    assert got == {37: (B,), 38: (S, I, B), 39: (S, I, B), 40: (B,)}
    assert only(fixture(BOERN), 40, B) == "Intet."


def test_udvalg_without_toc_unconfirmed_numbered_lines_stay_in_their_section():
    meeting = fixture(BOERN)
    text = only(meeting, 38, S)
    assert text.count("\n\n1. Resultater fra de nationale test\n2. Karaktergennemsnit") == 1
    assert text.count("frem til sommeren\n2022. Herefter evalueres indsatsen\ni samarbejde med skolebestyrelserne.") == 1
    assert only(meeting, 38, I) == (
        "Børne- og Kulturforvaltningen indstiller,\n1. at kvalitetsrapporten godkendes.\n"
        "2. at rapporten sendes til udtalelse i skolebestyrelserne."
    )
    assert only(meeting, 39, B) == "Ansøgningen blev imødekommet.\n\nKarin Holm (F) kunne ikke medvirke til beslutningen."


# ---------------------------------------------------------------------------------------------------
# Minutes of systems no layout names: the generic layout (labelled date, body on its own line)

OEKONOMI = "generisk_oekonomiudvalget_2024-03-12.txt"  # "Mødedato:", TOC "1. Title", "Beslutning i X den D"
BYRAAD = "generisk_byraadet_2024-01-25.txt"  # "Dato:" as in the Udvalg layout, but items "Punkt N Title"
TEKNIK = "generisk_teknik_2024-05-07.txt"  # one title line with body and date, "Beslutning fra X, D"


@pytest.mark.parametrize(
    "name, body, day, time, place",
    [
        (OEKONOMI, "Økonomiudvalget", date(2024, 3, 12), "15:00", "Mødelokale 1, Rådhuset"),
        (BYRAAD, "Byrådet", date(2024, 1, 25), "17:00 - 19:30", "Byrådssalen, Rådhuset"),
        (TEKNIK, "Teknik- og Miljøudvalget", date(2024, 5, 7), "16.00", "Mødelokale 3, Rådhuset"),
    ],
)
def test_generic_layout_reads_body_date_time_and_place_of_other_systems(name, body, day, time, place):
    meeting = portal(name)
    assert (meeting.layout, meeting.body, meeting.date, meeting.time, meeting.place) == ("generisk", body, day, time, place)


def test_generic_layout_reads_attendance_inline_and_as_lists():
    assert portal(OEKONOMI).attendees == ("Marie Stærke", "Jens Hansen", "Ole Olsen")
    assert portal(OEKONOMI).absentees == ("Pia Berg",)
    assert portal(BYRAAD).absentees == ("Hans Jensen (V)",)
    assert portal(TEKNIK).attendees == ("Anna Holm (A), formand", "Peter Lund (C)")


def test_generic_layout_items_case_numbers_and_canonical_sections():
    got = {name: [(it.number, it.title, it.case_number, tuple(s.heading for s in it.sections)) for it in portal(name).items]
           for name in (OEKONOMI, BYRAAD, TEKNIK)}
    assert got == {
        OEKONOMI: [
            (1, "Godkendelse af dagsorden", "24/1234", (B,)),
            (2, "Budgetopfølgning pr. 29. februar 2024", "24/2345", (RES, S, I, B, FRA)),
            (3, "Ny skolestruktur - høringssvar", "23/9876", (S, I, B)),
            (4, "Cykelsti langs Køgevej", "24/3456", (I, B)),
        ],
        BYRAAD: [
            (1, "Godkendelse af dagsorden", "00.01.00-A00-1-24", (B,)),
            (2, "Lukning af Vestbyens Bibliotek", "18.15.00-G01-3-23", (S, I, B)),
            (3, "Eventuelt", "", (B,)),
        ],
        TEKNIK: [
            (1, "Godkendelse af dagsorden", "", (B,)),
            (2, "Trafiksikkerhedsplan 2024-2027", "24/5521", (RES, S, I, B)),
        ],
    }


def test_generic_layout_keeps_who_decided_and_when_and_unconfirmed_list_lines_in_their_section():
    (decision,) = portal(TEKNIK).item(2).section(B)
    assert (decision.label, decision.text) == (
        "Beslutning fra Teknik- og Miljøudvalget, 07-05-2024",
        "Godkendt, idet tiltag 3 udskydes til 2025.",
    )
    assert "\n3. Lokalhistorisk Arkiv\n4. Læsecaféen\n" in only(portal(BYRAAD), 2, S)
    assert only(portal(BYRAAD), 2, B) == "Byrådet godkendte lukningen med 17 stemmer for og 10 imod."


def test_header_that_fits_a_layout_whose_items_are_missing_is_read_by_the_next_layout_that_finds_items(tmp_path):
    # "Dato:" is the Udvalg layout's header, whose items are "1. Title"; these items are "Punkt N Title".
    assert portal(BYRAAD).layout == "generisk"
    path = tmp_path / "ingen_punkter.txt"
    path.write_text("Udvalg: Kulturudvalget\nDato: 3. april 2024\n\nMødet blev aflyst.\n", encoding="utf-8")
    with pytest.raises(SeedFormatError, match="no agenda items found.*udvalg-nummereret"):
        parse_file(path)


# Shapes other municipalities' portals print (header, item and decision lines as published; the prose is
# shortened): trung.dk (Slagelse), Holbæk and Region H edagsorden, Odense SBSYS, Roskilde, Hvidovre, Viborg.
PORTALS = {
    "portal_trung.txt": ("Økonomiudvalget", date(2018, 10, 1), [(1, "Godkendelse af dagsorden (B)", "330-2018-3619"), (2, "Siden sidst fra udvalgets medlemmer (O)", "330-2018-3620")]),
    "portal_holbaek.txt": ('Udvalget "Aktiv Hele Livet - Sundhed og Omsorg"', date(2015, 3, 23), [(24, "Godkendelse af dagsorden til mødet d. 23. marts 2015", ""), (25, "Plejeboliger i Tølløse", "")]),
    "portal_odense.txt": ("Odense Byråd", date(2016, 4, 6), [(1, "Orientering om ændring i udvalgsbesættelsen", "00.22.00-G01-1-16"), (2, "Salg af grund på Ejbygade", "03.02.02-G01-4-16")]),
    "portal_roskilde.txt": ("Kultur- og Idrætsudvalget", date(2019, 4, 3), [(44, "Ny strategiplan for Museet for Samtidskunst", "315923"), (45, "Tilskud til Roskilde Festival Folkeskole", "315924")]),
    "portal_hvidovre.txt": ("Kommunalbestyrelsen", date(2018, 6, 6), [(3, "Kulturgården - vinder af arkitektkonkurrencen", "")]),
    "portal_viborg.txt": ("Social- og Sundhedsudvalget", date(2019, 1, 17), [(1, "Præsentation af nyt tilbud til demensramte", "")]),
    # Found by a QA pass on real pages of 13 municipalities (shapes as printed, prose shortened):
    "portal_bornholm.txt": ("Børne- og Skoleudvalget", date(2018, 11, 6), [(1, "Fraværende og bemærkninger til dagsordenen", "00.01.00P35-0104"), (2, "Dialogmøde vedr. budget 2019 - Center for skole", "00.30.02G01-0022")]),
    "portal_koege.txt": ("Klima- og Planudvalget", date(2020, 1, 9), [(1, "Godkendelse af dagsorden", ""), (2, "Ikke støjende arbejde på byggepladsen efter kl. 18", "")]),
    "portal_roedovre.txt": ("Kommunalbestyrelsen", date(2019, 9, 24), [(129, "Spørgetid", ""), (130, "Tillæg 1 til Lokalplan 145 - endelig vedtagelse", "")]),
    "portal_stevns_2020-01-22.txt": ("Ukendt udvalg", date(2020, 1, 22), [(301, "Åben dagsorden - godkendelse", ""), (302, "Planstrategi 2020", "")]),
    "portal_bronderslev.txt": ("Byrådet", date(2020, 1, 29), [(1, "Fraværende", ""), (2, "Spørgetid for byrådsmedlemmer", "")]),
    # The electoral period is no part of a body's name ("Teknik, ... Miljøudvalget 2018-2021", "Kommunalbestyrelsen 2022-25").
    "portal_alleroed.txt": ("Teknik, Erhverv, Plan og Miljøudvalget", date(2018, 11, 6), [(1, "Bemærkninger til dagsordenen", ""), (2, "Varmeplan 2018", "")]),
    # Found by a second QA pass (14 more municipalities):
    "portal_frederiksberg.txt": ("Kommunalbestyrelsen", date(2022, 10, 3), [(197, "Forslag om sang inden hvert møde i kommunalbestyrelsen", "")]),
    "portal_herning.txt": ("Herning Byråd", date(2021, 8, 24), [(119, "Cirkulæreskrivelse, orienteringssager m.v.", "00.01.00-G01-4-19"), (120, "Forslag til mødekalender for Byrådet i 2022", "00.01.00-P19-1-21")]),
    "portal_horsens.txt": ("Byrådet", date(2016, 3, 29), [(1, "ØK Låneoptagelse for 2015 og 2016", "00.34.00-S00-2-14"), (2, "Fraværsstatistik for 2023", "00.01.00-G01-1-23")]),
    "portal_vejen.txt": ("Byrådet", date(2021, 2, 9), [(1, "Alfabo, 39 familieboliger i Søndergade, Brørup, Skema B (C)", "20/8545")]),
}


@pytest.mark.parametrize("name", sorted(PORTALS))
def test_other_portals_give_body_date_items_and_a_decision_for_every_item(name):
    body, day, items = PORTALS[name]
    meeting = portal(name)
    assert (meeting.body, meeting.date) == (body, day)
    assert [(it.number, it.title, it.case_number) for it in meeting.items] == items
    assert all(it.section(B) for it in meeting.items)
    assert_spans_exact(meeting)


def test_portal_decision_headings_name_the_body_and_date_in_their_many_spellings():
    labels = {name: [sec.label for it in portal(name).items for sec in it.section(B)] for name in PORTALS}
    assert labels["portal_trung.txt"][0] == "Beslutning i Økonomiudvalget den 1. oktober 2018"
    assert labels["portal_roskilde.txt"] == ["Kultur- og Idrætsudvalget, 03-04-2019"] * 2
    assert labels["portal_hvidovre.txt"] == ["Beslutning i Kommunalbestyrelsen den 06-06-2018", "Beslutning i Kommunalbestyrelsen den 29-05-2018"]
    assert labels["portal_odense.txt"] == ["", ""]  # a bare "BESLUTNING"


@pytest.mark.parametrize(
    "heading",
    ["Beslutning i byrådet den 31-10-2018", "BESLUTNING I BYRÅDET den 14-12-2017", "Beslutning i Byrådet 31. oktober 2018:"],
)
def test_a_decision_heading_names_its_body_in_small_letters_capitals_or_before_a_bare_date(heading):
    # Hillerød, Guldborgsund and Nyborg print the deciding body so; "Beslutning om salg 12-03-2019" names none.
    meeting = parse_text(
        "Referat\nDato: 31. oktober 2018\n\n1. Godkendelse af stedfortræder\n\nSagsfremstilling\nEt medlem har forfald.\n\n"
        f"{heading}\nGodkendt.\n"
    )
    (section,) = meeting.item(1).section(B)
    assert (section.text, decision_of(section).body) == ("Godkendt.", "Byrådet")
    assert meeting.has_decisions


def test_absentees_printed_right_under_a_decision_heading_leave_the_decision_under_them():
    # Slagelse: the heading, "Fraværende:" with a name, and the decision on the next line, no blank between.
    meeting = parse_text(
        "Referat\nØkonomiudvalget\nMødedato: 17. februar 2020\n\n1. Godkendelse af dagsorden\n\nIndstilling\n"
        "Borgmesteren indstiller, at dagsordenen godkendes.\nBeslutning i Økonomiudvalget den 17. februar 2020:\n"
        "Fraværende:  Villum Christensen (I),\nAnne Holm (A)\nGodkendt.\n"
    )
    assert meeting.absentees == ("Villum Christensen (I)", "Anne Holm (A)")
    (decision,) = meeting.item(1).section(B)
    assert (decision.text, decision.label) == ("Godkendt.", "Beslutning i Økonomiudvalget den 17. februar 2020")


def test_an_empty_absence_label_over_the_next_cases_number_names_nobody():
    # Hedensted: "Fraværende:" printed empty, then the next case's "Sagsnr.: 00.32.10-S00-1-24".
    meeting = parse_text(
        "Referat\nKommunalbestyrelsen\nMødedato: 25. juni 2025\n\n1. Spørgetid\n\nBeslutning\nIngen spørgsmål.\n"
        "Fraværende:\nSagsnr.: 00.32.10-S00-1-24\n\n2. Regnskab 2024\n\nBeslutning\nGodkendt.\n"
    )
    assert meeting.absentees == ()
    assert not meeting.item(1).section("Fraværende")


def test_field_values_and_sentences_under_an_empty_people_label_are_no_people():
    # Hjørring's labels printed in one column, their values in the next: "Fraværende:" over the date, the time and
    # "Følgende sager behandles:". Gladsaxe's "Afbud" with nobody under it, over where the meeting is held.
    columns = parse_text(
        "Hjørring Byråd\n25. maj 2016\nReferat\nMødedato:\nMødested:\nFraværende:\n25. maj 2016\nkl. 18:00\nFølgende sager behandles:\n\n"
        "1. Regnskab 2015\n\nBeslutning\nGodkendt.\n"
    )
    assert columns.absentees == ()
    empty = parse_text(
        "Referat af seniorrådsmøde 26. november 2025\nSeniorrådet\nMedlemmer\n- Minna Lund (ML)\n- 1. Per Holm\nAfbud\n"
        "Mødet afholdes i lokale 2607 (Søborgværelset)\n\n1. Godkendelse af dagsordenen\n\nBeslutning\nGodkendt\n"
    )
    assert empty.absentees == ()
    # A numbered list's mark and a date run into the list are no part of a name; a role may lead it.
    assert empty.attendees == ("Minna Lund (ML)", "Per Holm")
    assert unique_names(["Eike Albrechtsen 25. april 2013", "borgmester Jens Jensen", "kl. 18:00"]) == ("Eike Albrechtsen", "borgmester Jens Jensen")


def test_who_wrote_the_case_up_between_its_title_and_first_heading_confirms_the_item():
    # Middelfart and Næstved print "Sagsbehandler: ..." under each title; the first item was read as the header's.
    meeting = parse_text(
        "Referat\nByrådet\nMødedato: 12. august 2019\n\n205. Rekruttering af ny kommunaldirektør\nSagsbehandler: Pernille Dahl\n\n"
        "Resume\nDer skal ansættes en ny kommunaldirektør.\n\nBeslutning\nGodkendt.\n\n206. Salg af grund\n\nBeslutning\nGodkendt.\n"
    )
    assert [(i.number, i.title) for i in meeting.items] == [(205, "Rekruttering af ny kommunaldirektør"), (206, "Salg af grund")]
    assert "Rekruttering" not in meeting.header.text


def test_the_room_on_the_line_under_the_date_and_hour_is_the_place():
    # Bornholm and Fredensborg (e-Dagsorden): "04-01-2021 kl. 19:00" / "Skype", no label.
    meeting = parse_text(
        "Referat\nKommunalbestyrelsen\n04-01-2021 kl. 19:00\nSkype\nDagsordenspunkter\n\n"
        "1. Valg af borgmester\n\nBeslutning\nValgt.\n"
    )
    assert (meeting.place, meeting.time) == ("Skype", "19:00")
    # Not a heading, a label or a sentence under it.
    assert parse_text("Referat\nByrådet\n04-01-2021 kl. 19:00\nIndholdsfortegnelse\n\n1. Valg\n\nBeslutning\nValgt.\n").place == ""


def test_minutes_that_answer_the_agenda_by_number_ad_1_ad_2_take_their_titles_from_it():
    # Ærø's Grønt Råd: the agenda's bulleted lines, then a paragraph for each, "ad. 1.", "ad. 2.", ...
    meeting = parse_text(
        "Referat af 1. møde i Grønt Råd, Ærø Kommune, d. 11. december 2007 på Ærø Rådhus.\n\nDagsorden:\n\n"
        "  • Velkomst\n  • Vedtagelse af forretningsorden\n  • Valg af formand\n\n"
        "ad. 1. Næstformanden bød velkommen.\n\nad. 2. Forretningsorden blev godkendt med flg. ændringer:\n\n"
        "Ordene fjernes fra kommissoriet.\n\nAd pkt. 3: Formandsvalget udskydes til næste møde.\n"
    )
    assert (meeting.body, meeting.date.isoformat()) == ("Grønt Råd", "2007-12-11")
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Velkomst"), (2, "Vedtagelse af forretningsorden"), (3, "Valg af formand")]
    # The paragraph is the item's text, quotable from its first word.
    assert meeting.item(3).sections[0].text == "Ad pkt. 3: Formandsvalget udskydes til næste møde."
    assert "Ordene fjernes fra kommissoriet." in meeting.item(2).sections[0].text


def test_a_list_of_people_in_capitals_with_each_ones_status_after_the_name():
    # Ballerup: "Deltagere" with "- Deltog" after each name, "AFBUD/FRAVÆRENDE" over "- Afbud"; one absent among those listed.
    meeting = parse_text(
        "Referat\nØkonomiudvalget\nMødedato: 20. februar 2018\n\nDeltagere\n  • Jesper Würtzen (A) (borgmester) - Deltog\n"
        "  • Ali Abbasi (Ø) - Afbud\nAFBUD/FRAVÆRENDE\n  • Ulrik Falk-Sørensen (F) - Afbud\n\n"
        "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n"
    )
    assert meeting.attendees == ("Jesper Würtzen (A) (borgmester)",)
    assert meeting.absentees == ("Ali Abbasi (Ø)", "Ulrik Falk-Sørensen (F)")


def test_a_web_list_that_prints_each_items_number_alone_over_its_title():
    # Guldborgsund: "  • 135. " / "" / "Beslutningssag: Title" printed twice, "BESLUTNING I BYRÅDET den ...", "FRAVÆRENDE: -".
    guldborgsund = parse_text(
        "Byråd: Referat af mødet 14. december 2017\n\nByråd\n\nStarttidspunkt for møde: 14. december 2017 kl. 17:00\n"
        "  • 135. \n\n    Beslutningssag: Godkendelse af dagsorden\n\n    Beslutningssag: Godkendelse af dagsorden\n\n"
        "    INDSTILLING:\n    Direktionen indstiller, at dagsordenen godkendes.\n\n    BESLUTNING I BYRÅDET den 14-12-2017\n"
        "    FRAVÆRENDE: -\n     \n    Dagsordenen godkendt\n\n"
        "  • 136. \n\n    Orienteringssag: Strategiske målsætninger 2017\n\n    Orienteringssag: Strategiske målsætninger 2017\n\n"
        "    BESLUTNING I BYRÅDET den 14-12-2017\n    FRAVÆRENDE: -\n\n    Taget til efterretning\n"
    )
    assert [(i.number, i.title) for i in guldborgsund.items] == [(135, "Godkendelse af dagsorden"), (136, "Strategiske målsætninger 2017")]
    assert (only(guldborgsund, 135, B), guldborgsund.absentees) == ("Dagsordenen godkendt", ())
    # Jammerbugt: "  • 35" / "" / "    Title" / "" / "    • Beslutningstema".
    jammerbugt = parse_text(
        "Udvalg: Kommunalbestyrelsen\n\nMødedato: 25-03-2021 18:00:00\n\n  • 35\n\n    Orientering om foreløbigt regnskab 2020\n\n"
        "    • Beslutningstema\n\n      Regnskabet viser et driftsoverskud på 80 mio. kr.\n\n    • Beslutning\n\n      Taget til efterretning.\n\n"
        "  • 36\n\n    Godkendelse af kommunegaranti til Halvrimmen Vandværk\n\n    • Beslutning\n\n      Godkendt.\n"
    )
    assert [(i.number, i.title) for i in jammerbugt.items] == [
        (35, "Orientering om foreløbigt regnskab 2020"), (36, "Godkendelse af kommunegaranti til Halvrimmen Vandværk")
    ]
    assert only(jammerbugt, 36, B) == "Godkendt."


def test_an_item_number_glued_to_its_title():
    # Frederikssund's web page, copied: "1Godkendelse af dagsorden" over "Beslutning".
    meeting = parse_text(
        "\nØkonomiudvalgets møde den 21. januar 2026\nMødelokale SL 1, Slangerup kl. 16.00\n1Godkendelse af dagsorden\nBeslutning\n"
        "Pkt. 13 blev rykket frem som andet punkt på dagsordenen.\nGodkendt.\n2Beslutning om forretningsorden\nResume\n"
        "Udvalget skal vedtage en forretningsorden.\nBeslutning\nGodkendt.\n"
    )
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Godkendelse af dagsorden"), (2, "Beslutning om forretningsorden")]
    assert only(meeting, 1, B).startswith("Pkt. 13 blev rykket frem")


def test_a_contents_list_whose_last_line_is_followed_by_the_first_cases_number():
    # Faaborg-Midtfyn: "Pkt. Tekst" over "342 ..." to "344 ...", the first case's number, then "342. Title";
    # a committee's decision headed with its electoral period ("Økonomiudvalget 2018-21, 28. oktober 2019, pkt. 452:").
    meeting = parse_text(
        "Referat\ntil\nmødet i Kommunalbestyrelsen 2018-21\nden 5. november 2019 kl. 17:00\n\nPkt. Tekst\n"
        "342 Godkendelse af dagsorden\n343 Kirkelige ligning budget 2020\n344 Meddelelser fra formanden\n00.01.00-G01-24-17\n\n"
        "342. Godkendelse af dagsorden\n\nBeslutning\n\nAfbud fra Anne-Merete Mikkelsen (A). John Larsen deltager i stedet.\n\nGodkendt.\n\n"
        "343. Kirkelige ligning budget 2020\n\nIndstilling\n\nForvaltningen indstiller, at ligningen godkendes.\n\n"
        "Økonomiudvalget 2018-21, 28. oktober 2019, pkt. 452:\n\nAnbefales.\n\nBeslutning\n\nGodkendt.\n\n"
        "344. Meddelelser fra formanden\n\nBeslutning\n\nIngen.\n"
    )
    assert [i.number for i in meeting.items] == [342, 343, 344]
    assert [(d.body, d.day) for d in map(decision_of, meeting.item(343).section(B))] == [
        ("Økonomiudvalget", date(2019, 10, 28)), ("", None)
    ]


@pytest.mark.parametrize(
    ("line", "absent"),
    [
        ("Fraværende: Allan Tirsgaard (C) deltog i mødet i stedet for Michael Christensen (C).", ("Michael Christensen (C)",)),
        ("Afbud: Flemming Madsen (A) og Jørgen Lundsgaard (B). Som suppleanter deltager Karl Bidstrup (A).", ("Flemming Madsen (A)", "Jørgen Lundsgaard (B)")),
    ],
)
def test_an_absence_line_names_who_was_absent_not_who_stood_in(line, absent):
    meeting = parse_text(f"Referat\nØkonomiudvalget\nMødedato: 15. juni 2022\n{line}\n\n1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n")
    assert meeting.absentees == absent


def test_a_title_line_that_names_the_body_in_small_letters():
    # Hillerød: "Referat byrådet 31. oktober 2018"; the body is "Byrådet", not "Referat byrådet".
    meeting = parse_text("Referat byrådet 31. oktober 2018\n\n1. Godkendelse af stedfortræder\n\nSagsnummer: 17/409\n\nSagsfremstilling\nEt medlem har forfald.\n")
    assert (meeting.body, meeting.date) == ("Byrådet", date(2018, 10, 31))


FLATTENED = (
    "1 TÅRNBY KOMMUNE Referat til Kommunalbestyrelsen Mødedato: Tirsdag den 30. april 2013 Mødetidspunkt: 18:30 "
    "Mødelokale: Kommunalbestyrelsens mødesal Afbud: Jannie Meiltoft, Lars Brandstrup\n\n"
    "2 1. Godkendelse af dagsorden Åben sag Sagsnr.: 13/10057 Sagsansvarlig: mhe.of Fraværende: Afbud: Jannie Meiltoft, "
    "Lars Brandstrup RESUMÉ Dagsordenen forelægges til godkendelse. BESLUTNING I KOMMUNALBESTYRELSEN DEN Godkendt. 2\n\n"
    "3 2. Ændring af forslag til Lokalplan 72.1 for Egensevej erhvervsområde Åben sag Sagsnr.: 13/2291 Sagsansvarlig: jkp "
    "Fraværende: Ingen Side 3 SAGSFREMSTILLING Forslaget ændres, så erhvervsområdet kan rumme lager og logistik. Byggeriet "
    "må højst være 12 meter højt. INDSTILLING Teknisk Forvaltning indstiller, at ændringen godkendes. "
    "BESLUTNING I KOMMUNALBESTYRELSEN DEN Godkendt. 3\n"
)


def test_minutes_run_into_one_line_per_page_are_read_broken_where_minutes_break():
    # Text copied from a PDF viewer or a document site: one line per page. Each break replaces a space.
    from rag.reflow import is_flattened, unflattened

    assert is_flattened(FLATTENED) and len(unflattened(FLATTENED)) == len(FLATTENED)
    assert not is_flattened(GENERIC_HEAD + "1. Budget\nSagsnr.: 24/1\nBeslutning\nGodkendt.\n")
    meeting = parse_text(FLATTENED)
    assert (meeting.date, meeting.time) == (date(2013, 4, 30), "18:30")
    assert [(i.number, i.title, i.case_number) for i in meeting.items] == [
        (1, "Godkendelse af dagsorden", "13/10057"), (2, "Ændring af forslag til Lokalplan 72.1 for Egensevej erhvervsområde", "13/2291")
    ]
    assert only(meeting, 2, "Sagsfremstilling").startswith("Forslaget ændres") and only(meeting, 2, B).startswith("Godkendt.")
    assert meeting.absentees == ("Jannie Meiltoft", "Lars Brandstrup")  # "Ingen Side 3" names nobody
    assert_spans_exact(meeting)


def test_a_flattened_contents_line_confirms_no_title_but_a_case_number_under_an_item_does():
    # Lejre, copied from a PDF: the contents run into one line confirms only its first title; "Sagsnr.:" and
    # "Resumé:" end no word, yet start a line; "Chr. 8. Vej 7" is a street, not item 8.
    text = (
        "Referat Økonomiudvalget tirsdag den 16. januar 2018 Kl. 16:30 i Mødelokale 1 og 2, Allerslev\n\n"
        "2 Indholdsfortegnelse 1. ØU - Godkendelse af dagsorden ØU - Orientering om sygefravær ØU - Valg af næstformand "
        "KB - Mødeplan for 2018 ØU - Ønsker til introduktion ØU - Gebyr for udlægsforretning SSÆ - Godkendelse af "
        "medlemmer og stedfortrædere til Handicaprådet...14\n\n"
        "3 Lejre Kommune Økonomiudvalget Side 1 1. ØU - Godkendelse af dagsorden Sagsnr.: 18/100 Resumé: Dagsordenen "
        "forelægges til godkendelse i henhold til forretningsordenen, og udvalget kan ændre rækkefølgen af punkterne. "
        "Beslutning Økonomiudvalget den : Godkendt.\n\n"
        "4 Lejre Kommune Økonomiudvalget Side 2 2. ØU - Orientering om sygefravær Sagsnr.: 18/123 Resumé: Sygefraværet "
        "for hele 2017 er i gennemsnit 12,5 sygedage pr. fuldtidsbeskæftiget medarbejder, lejet på Chr. 8. Vej 7 hvor "
        "Personalekontoret holder til. Beslutning Økonomiudvalget den : Taget til efterretning.\n"
    )
    meeting = parse_text(text)
    assert [(i.number, i.case_number) for i in meeting.items] == [(1, "18/100"), (2, "18/123")]
    assert "12,5 sygedage" in only(meeting, 2, "Resume")


def test_a_referat_label_under_an_item_is_what_the_meeting_recorded():
    # Dragør's ældreråd: "1. Title" / "Referat:" / the record. Read as the decision, "(ingen beslutning)" was said of it.
    meeting = parse_text(
        "Referat\nÆldrerådet\nMødedato: 22. februar 2016\n\n 1. Årsberetning 2015\n\nSagsfremstilling\nBeretningen er udsendt.\n\n"
        "Referat:\n\nGodkendt.\n"
    )
    assert only(meeting, 1, B) == "Godkendt." and meeting.has_decisions


def test_a_bodys_label_names_it_as_printed_with_or_without_its_colon():
    # Solrød: "Udvalg: Økonomi-, teknik- og miljøudvalget" (small letters); Viborg: "Udvalg Økonomi- og Erhvervsudvalget",
    # "Mødedeltagere Kim Dongsgaard, Kurt Mosgaard". Both were "Ukendt udvalg", so naming the body found nothing.
    solroed = parse_text(
        "Referat\nUdvalg: Økonomi-, teknik- og miljøudvalget\nMødedato: 14-03-2016\nMødested: Lokale 125B, Solrød Rådhus\n"
        "29. Lokalplan for Kystområdet\nSagsnummer: 01.02.05-P00-4921-15\nBeslutning\nGodkendt.\n"
    )
    viborg = parse_text(
        "Referat\n\nonsdag den 24. august 2022 kl. 08:30\n\nMødested M.5/rådhuset\nUdvalg Økonomi- og Erhvervsudvalget\n"
        "Mødedeltagere Kim Dongsgaard, Kurt Mosgaard\nFraværende Ingen\n\n1. Godkendelse af dagsorden\nSagsid.: 21/24710\n"
        "Beslutning\nGodkendt.\n"
    )
    assert solroed.body == "Økonomi-, teknik- og miljøudvalget"
    assert (viborg.body, viborg.attendees, viborg.absentees) == ("Økonomi- og Erhvervsudvalget", ("Kim Dongsgaard", "Kurt Mosgaard"), ())


def test_a_postcode_and_its_town_under_an_address_is_no_item():
    # Aabenraa: "Skelbækvej 2" / "6200 Aabenraa" / "Beslutning ..." was read as item 6200, three cases merged into it.
    meeting = parse_text(
        "Referat\nTeknik- og Miljøudvalget\nMødedato: 4. marts 2015\n\n1. Godkendelse af dagsorden\nSagsnr.: 15/1\nBeslutning\nGodkendt.\n\n"
        "2. Regnskab 2014\nSagsnr.: 15/2\nSagsfremstilling\nMødet holdes på\n\n  Skelbækvej 2\n\n  6200 Aabenraa\n\n"
        "Beslutning\nTaget til efterretning.\n"
    )
    assert [i.number for i in meeting.items] == [1, 2]
    assert only(meeting, 2, B) == "Taget til efterretning."


def test_a_case_number_and_case_worker_line_starts_an_untitled_portals_item_titled_by_the_line_under_it():
    # Herning: "Sagsnr.: ... Sagsbehandler: ..." / "Tekstilmuseum" / the committees' tick grid / "Sagsresume".
    meeting = parse_text(
        "Dagsordener og referater\n\nUdvalg: Handicaprådet\nMødedato: 11. august 2015\n\nDagsordenpunkter\n\n"
        "Sagsnr.: 20.13.00-G01-1-15 Sagsbehandler: Nora Thalund\n\nTekstilmuseum\n\nDIR\n\nFOU\n\nØvrige sagsbehandlere: -\n\n"
        "Sagsresume\n\nOrientering om det nye Textilforum.\n\nBeslutning\n\nOrienteringen blev taget til efterretning.\n\n"
        "Sagsnr.: 27.39.16-A00-1-15 Sagsbehandler: Tina Klejs Skøtt\n\nOpfølgning vedr. ny leverandør af dagligvareudbringning\n\n"
        "DIR\n\nSagsresume\n\nVisitationsenheden har skiftet leverandør.\n\nBeslutning\n\nTaget til efterretning.\n"
    )
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Tekstilmuseum"), (2, "Opfølgning vedr. ny leverandør af dagligvareudbringning")]
    assert only(meeting, 2, B) == "Taget til efterretning."


def test_a_body_named_with_the_meetings_own_date_on_a_line_names_the_meeting():
    # Thisted: the header gives the date and the members only; "Børne- og Familieudvalget den 17. maj 2022" stands
    # under the case's "Høring og sagsgang". Another body's line with another date names nothing.
    meeting = parse_text(
        "17. maj 2022\n\nDeltagere:\n\n • Claus Nybo (A)\n • Jane Rishøj (V)\n\n1. Godkendelse af dagsorden\n\nSagsfremstilling\n"
        "Økonomiudvalget den 3. maj 2022\n\nHøring og sagsgang\n\nBørne- og Familieudvalget den 17. maj 2022\n\n"
        "Beslutning\n\nGodkendt.\n"
    )
    assert meeting.body == "Børne- og Familieudvalget"


@pytest.mark.parametrize(
    ("line", "absent"),
    [
        ("Fravær: Morten Ulrik Jørgensen (G)", ("Morten Ulrik Jørgensen (G)",)),  # Gribskov
        ("Fravær og stedfortræder: Kim Valentin (V) fraværende. Sean Crawford (V) deltog som stedfortræder.", ("Kim Valentin (V)",)),
        ("Fraværende uden afbud: Claus Grimm (O).", ("Claus Grimm (O)",)),  # Vejen
        ("Fravær i Team Nord er faldet til 4 procent.", ()),  # prose about absence, no label
    ],
)
def test_absence_labels_in_their_many_wordings(line, absent):
    meeting = parse_text(f"Referat\nØkonomiudvalget\nMødedato: 11. juni 2019\n\n1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n{line}\n")
    assert meeting.absentees == absent


def test_items_numbered_on_a_line_of_their_own_over_their_titles():
    # Middelfart's ældreråd: "Fraværende:" / "Ingen.1. " (the first number glued on), then "2. " / title / text.
    # A contents list over its page numbers ("1." / "Godkendelse af dagsorden" / "4") is no such run.
    meeting = parse_text(
        "16. april 2015\n\nReferat fra møde i Middelfart Ældreråd torsdag den 16. april 2015\n\nFraværende:\nIngen.1. \n"
        "Underskrift af referatet fra mødet den 19. marts 2015\nUnderskrevet.\n\n2. \nGodkendelse af dagsordenen\n\nGodkendt.\n\n"
        "3. \nNæste 4-bymøde\n\nMødet afholdes på Fænøsund 7. oktober 2015 kl. 13-15.\n"
    )
    assert [(i.number, i.title) for i in meeting.items] == [(2, "Godkendelse af dagsordenen"), (3, "Næste 4-bymøde")]
    assert meeting.absentees == ()  # "Ingen.1." and "Underskrevet." name nobody
    assert "Fænøsund 7. oktober 2015" in meeting.item(3).sections[0].text


def test_a_decisions_sentence_about_an_item_is_no_item_and_a_meeting_of_a_body_names_the_body():
    # Gribskov: 'Punkt 127 "Forberedelse af salg af ejendom" optages ikke på dagsorden. ...' under item 103's decision.
    # Region Sjælland: "Møde i Forretningsudvalget" over the date.
    meeting = parse_text(
        "Referat\nMøde i Forretningsudvalget\nMødedato: 11. juni 2019\n\nPunkt 103 Godkendelse af dagsorden\n\nBeslutning\n"
        'Godkendt.\nPunkt 127 "Forberedelse af salg af ejendom" optages ikke på dagsorden. Dette sker som følge af beslutningen '
        "truffet af Udvikling, By og Land den 28. maj 2019.\n\nPunkt 104 Årsregnskab 2018\n\nBeslutning\nAnbefales.\n"
    )
    assert (meeting.body, [i.number for i in meeting.items]) == ("Forretningsudvalget", [103, 104])
    assert "Punkt 127" in only(meeting, 103, B)


def test_a_page_with_no_header_is_dated_and_named_by_its_decisions():
    # Nyborg's portal: items, then "Beslutning i Byrådet 9. oktober 2018:"; no title, no date in the file's name.
    text = (
        "1.      Indkaldelse af stedfortrædere\n\nSagsnr.\n\n450-2018-4075\n\nÅbent\n\nSagsfremstilling\n\n"
        "Liste A ønsker at indkalde Merete Bang.\n\nIndstilling\n\nDet indstilles, at indkaldelserne godkendes.\n\n"
        "Beslutning i Byrådet 9. oktober 2018:\n\nFraværende:  Martin Stenmann (A)\n\n \n\nGodkendt.\n\n"
        "2.      Spørgetid\n\nSagsnr.\n\n450-2017-25250\n\nÅbent\n\nSagsfremstilling\n\nIngen spørgsmål.\n\n"
        "Beslutning i Byrådet 9. oktober 2018:\n\nTaget til efterretning.\n"
    )
    meeting = parse_text(text, Path("nyborg_byraadet.txt"))
    assert (meeting.body, meeting.date, meeting.absentees) == ("Byrådet", date(2018, 10, 9), ("Martin Stenmann (A)",))
    assert [(i.number, i.title, i.case_number) for i in meeting.items] == [
        (1, "Indkaldelse af stedfortrædere", "450-2018-4075"), (2, "Spørgetid", "450-2017-25250")
    ]
    assert only(meeting, 1, B) == "Godkendt." and only(meeting, 2, B) == "Taget til efterretning."


def test_portal_quirks_labels_alone_bulleted_lists_markers_and_an_empty_absence_line():
    holbaek, hvidovre, trung = portal("portal_holbaek.txt"), portal("portal_hvidovre.txt"), portal("portal_trung.txt")
    assert (holbaek.place, holbaek.time) == ("Stenhusbakken", "13:30")  # "STED" / "Stenhusbakken"
    # "Medlemmer" and "Fraværende med afbud" over bulleted names; "Bemærkninger" ends the list.
    assert (hvidovre.attendees, hvidovre.absentees) == (("Anders Liltorp (A)", "Helle Adelborg (A)"), ("Arne Bech (H)",))
    assert [s.heading for s in hvidovre.item(3).sections] == [B, B]  # "Lukket sag" is neither title nor text
    # "Fraværende:" printed empty under the decision heading does not swallow the decision.
    assert only(trung, 1, B) == "Godkendt." and trung.absentees == ()
    assert portal("portal_roskilde.txt").item(44).section(B)[0].text.startswith("Drøftet.")


def test_portal_headers_give_place_time_and_people_in_their_own_ways():
    bornholm, koege, roedovre = portal("portal_bornholm.txt"), portal("portal_koege.txt"), portal("portal_roedovre.txt")
    # "06-11-2018 kl. 13:00" over the room; "Den 09.01.2020 kl. 13:00 i Tapperiet, ..."; "Lokale: Byrådssalen".
    assert (bornholm.time, koege.place, koege.time) == ("13:00", "Tapperiet, Sdr. Badevej 1, 4600 Køge", "13:00")
    assert portal("portal_bronderslev.txt").place == "Byrådssalen, Brønderslev Rådhus"
    # "den 6. april 2016 kl. 17:00" / "i Byrådssalen": the place goes on from the date line.
    assert (portal("portal_odense.txt").place, portal("portal_odense.txt").time) == ("Byrådssalen", "17:00")
    # "Deltagere:" under an empty "Indholdsfortegnelse" is still the header's; "Erling Larsen, (A)" is one person.
    assert koege.attendees == ("Erling Larsen (A)", "Mette Jorsø (V)")
    assert roedovre.attendees == ("Formand Erik Nielsen (A)", "Britt Jensen (A)", "Mogens Brauer (C)")
    assert roedovre.absentees == ("Britt Jensen (A), sag 129-138",)


def test_portal_items_keep_their_own_text_and_nothing_of_the_page_around_them():
    bornholm, stevns, alleroed = portal("portal_bornholm.txt"), portal("portal_stevns_2020-01-22.txt"), portal("portal_alleroed.txt")
    # "Fraværende" alone over one name, then the item's own text: the name only is the absentee.
    assert bornholm.absentees == ("Linda Kofoed Persson",)
    assert "Skolechefen deltager under alle punkter." in bornholm.item(1).sections[2].text
    # "Børne- og Skoleudvalget den 6. november 2018:" heads the decision; "Til indholdsfortegnelse" ends no section.
    assert [(s.label, s.text) for s in bornholm.item(2).section(B)] == [("Børne- og Skoleudvalget den 6. november 2018", "Taget til efterretning.")]
    assert not any("indholdsfortegnelse" in s.text.lower() for it in bornholm.items for s in it.sections)
    assert not any("Til toppen" in s.text for it in portal("portal_koege.txt").items for s in it.sections)
    # "Ikke til stede: X" right under "Beslutning": the decision after the name is kept, and stays a decision.
    assert [s.text for s in stevns.item(301).section(B)] == ["Godkendt."]
    assert [(s.label, s.text) for s in stevns.item(302).section(B)][1:] == [
        ("Beslutning fra Plan, Miljø og Teknik, 7. januar 2020", "Anbefalet af et flertal."), ("", "Godkendt.")
    ]
    assert stevns.absentees == ("Mikkel Lundemann Rasmussen (C)", "Helen Sørensen (A)")
    # A title printed twice is one title, and no text; a body with commas and a period heads the decision.
    assert alleroed.item(2).sections[0].text == "Beslutning." and alleroed.item(2).sections[0].heading != B
    assert decision_of(alleroed.item(2).section(B)[0]).body == "Teknik, Erhverv, Plan og Miljøudvalget"  # the meeting's body
    # "Mødested:" under "Udvalg:"; "Referat til mødet i X 2022-25 den D kl. 19:00 i <place>".
    assert (portal("portal_herning.txt").place, portal("portal_frederiksberg.txt").place) == ("Byrådssalen", "Kommunalbestyrelsens mødesal")
    # Rødovre's committee history: "Økonomiudvalget, 18. september 2019, pkt. 153:" before the meeting's own.
    assert [decision_of(s).body for s in portal("portal_roedovre.txt").item(130).section(B)] == ["Teknik- og Miljøudvalget", "Økonomiudvalget", ""]


def test_a_page_with_no_date_in_its_header_takes_the_date_its_file_name_gives(tmp_path):
    text = (HERE / "portals" / "portal_stevns_2020-01-22.txt").read_text(encoding="utf-8")
    undated = tmp_path / "referat_kb.txt"
    undated.write_text(text, encoding="utf-8")
    with pytest.raises(SeedFormatError, match="no meeting header found"):
        parse_file(undated)  # neither the text nor the name says when
    dated = tmp_path / "referat_kb_22-01-2020.txt"
    dated.write_text(text, encoding="utf-8")
    assert parse_file(dated).date == date(2020, 1, 22)


GENERIC_HEAD = "Referat\nØkonomiudvalget\nMødedato: 12. marts 2024\n\n"


def test_a_body_and_date_line_inside_an_item_is_text_not_a_decision():
    meeting = parse_text(
        GENERIC_HEAD + "1. Skolestruktur\nSagsnr.: 24/1\nSagsfremstilling\nSagen forelægges:\nØkonomiudvalget, 12-03-2024\n"
        "Byrådet, 25-04-2024\nHøringssvar:\nAlbertslund, 1. marts 2024\nVi støtter forslaget.\n"
        "Beslutning i Økonomiudvalget den 12-03-2024\nAnbefales.\n"
    )
    item = meeting.item(1)
    assert [s.heading for s in item.sections] == [S, B] and item.section(B)[0].text == "Anbefales."
    assert "Byrådet, 25-04-2024" in item.section(S)[0].text and "Albertslund, 1. marts 2024" in item.section(S)[0].text


def test_a_heading_a_web_page_prints_twice_ends_no_other_item():
    # trung.dk prints "2. Siden sidst" as a link over "2.     Siden sidst" and its case number.
    meeting = parse_text(
        GENERIC_HEAD + "1. Budget\n\n1.     Budget\nSagsnr.: 24/1\nBeslutning\nGodkendt.\n\n"
        "2. Skoler\n\n2.     Skoler\nSagsnr.: 24/2\nBeslutning\nUdsat.\n"
    )
    assert [(it.number, it.title, [s.text for s in it.sections]) for it in meeting.items] == [(1, "Budget", ["Godkendt."]), (2, "Skoler", ["Udsat."])]
    assert meeting.text[meeting.item(2).start :].startswith("2. Skoler\n\n2.     Skoler")


def test_a_number_printed_twice_is_no_part_of_the_title():
    meeting = parse_text(GENERIC_HEAD + "Punkter\n 1.  1. Godkendelse af dagsordenen\n\n 1.  1. Godkendelse af dagsordenen\nBeslutning\nGodkendt.\n")
    assert [it.title for it in meeting.items] == ["Godkendelse af dagsordenen"]


@pytest.mark.parametrize(
    "section_text",
    [
        "Direktionen indstiller, at\n2. Planen godkendes\nog at der gives en bevilling på 2 mio. kr\n",  # a list line, one line, a heading
        "Sagen er behandlet tidligere, se\nSag nr. 12\nfra 2019.\n",  # prose ending in a case reference
        "Se bilag 3, 6. januar 2020, pkt. 12\nSagen blev behandlet i Økonomiudvalget den 5. marts 2024:\nDet blev godkendt.\n",
    ],
    ids=["list-line", "sag-nr-in-prose", "dated-prose"],
)
def test_prose_that_looks_like_the_portals_headings_stays_prose(section_text):
    # Found by review: each widened pattern of the portal shapes, tried on ordinary text.
    meeting = parse_text(GENERIC_HEAD + f"1. Budget\nSagsnr.: 24/1\nSagsfremstilling\n{section_text}\nBeslutning\nGodkendt.\n")
    assert [it.number for it in meeting.items] == [1]
    assert [(s.heading, s.label) for s in meeting.item(1).sections] == [(S, ""), (B, "")]


def test_two_absence_lines_under_a_decision_keep_the_decision():
    meeting = parse_text(GENERIC_HEAD + "1. Budget\nSagsnr.: 24/1\nBeslutning\nFraværende: Anna Hansen\nAfbud: Bo Jensen\n\nGodkendt.\n")
    assert [s.text for s in meeting.item(1).section(B)] == ["Godkendt."] and meeting.absentees == ("Anna Hansen", "Bo Jensen")


def test_a_case_label_alone_and_an_ordinal_title_are_read_as_printed():
    meeting = parse_text(GENERIC_HEAD + "1. Budget\nSagsnummer\n24/1\nBeslutning\nGodkendt.\n\n2. 2. behandling af budget 2025\nSagsnr.: 24/2\nBeslutning\nVedtaget.\n")
    assert [(it.title, it.case_number) for it in meeting.items] == [("Budget", "24/1"), ("2. behandling af budget 2025", "24/2")]
    # "kl. 16:00 i Økonomiudvalget" names the body, not a room.
    assert parse_text("Referat\nMøde den 12.03.2024 kl. 16:00 i Økonomiudvalget\n\n1. Budget\nSagsnr.: 24/1\nBeslutning\nGodkendt.\n").place == ""


def test_first_lines_that_look_like_markers_or_case_numbers_stay_text():
    meeting = parse_text(
        GENERIC_HEAD + "Punkt 1 Ny cykelparkering\nA. P. Møllers Plads skal have 200 nye p-pladser.\nBeslutning\nGodkendt.\n\n"
        "Punkt 2 Dispensation\nSag nr. 12 fra sidste møde genoptages.\nBeslutning\nGodkendt.\n"
    )
    assert [(it.title, it.case_number) for it in meeting.items] == [("Ny cykelparkering", ""), ("Dispensation", "")]
    assert meeting.item(1).sections[0].text == "A. P. Møllers Plads skal have 200 nye p-pladser."
    assert meeting.item(2).sections[0].text == "Sag nr. 12 fra sidste møde genoptages."


@pytest.mark.parametrize(
    "after, decision, absentees",
    [("Godkendt med bemærkning om opfølgning i juni.", "Godkendt med bemærkning om opfølgning i juni.", ()), ("Pia Berg (A).", None, ("Pia Berg (A).",))],
)
def test_an_empty_fravaerende_line_under_a_decision_heading_is_skipped_only_before_a_decision(after, decision, absentees):
    meeting = parse_text(GENERIC_HEAD + f"1. Budget\nSagsnr.: 24/1\nBeslutning i Økonomiudvalget den 12-03-2024:\nFraværende:\n{after}\n")
    decisions = meeting.item(1).section(B)
    assert (decisions[0].text if decisions else None) == decision
    assert tuple(n.rstrip(".") for n in meeting.absentees) == tuple(n.rstrip(".") for n in absentees)


def test_an_empty_header_label_takes_no_value_and_the_best_date_label_wins():
    meeting = parse_text(
        "Referat\nØkonomiudvalget\nOffentliggjort: 14. marts 2024\nMødedato: 12. marts 2024\nMødested:\nMedlemmer\nAnna Holm (A)\nPeter Lund (C)\n\n"
        "1. Budget\nSagsnr.: 24/1\nBeslutning\nGodkendt.\n"
    )
    assert (meeting.date, meeting.place, meeting.attendees) == (date(2024, 3, 12), "", ("Anna Holm (A)", "Peter Lund (C)"))


def test_punkt_lines_in_a_row_are_contents_not_empty_items():
    meeting = parse_text(GENERIC_HEAD + "Punkt 1 Budget\nPunkt 2 Skoler\n\nPunkt 1 Budget\nBeslutning\nGodkendt.\n\nPunkt 2 Skoler\nBeslutning\nUdsat.\n")
    assert [(it.number, [s.text for s in it.sections]) for it in meeting.items] == [(1, ["Godkendt."]), (2, ["Udsat."])]



def test_an_attendee_list_printed_as_a_table_keeps_its_names():
    meeting = parse_text("Referat\nØkonomiudvalget\nMødedato: 12. marts 2024\nMødedeltagere:\nAnna Holm (A)\tFormand\nPeter Lund (C)\tNæstformand\n\n1. Budget\nSagsnr.: 24/1\nBeslutning\nGodkendt.\n")
    assert meeting.attendees == ("Anna Holm (A) Formand", "Peter Lund (C) Næstformand")


@pytest.mark.parametrize("after", ["Punkt\tTitel\n\n", "Indhold\n1. Budget\n\n", "", "Tekst\n\n"], ids=["table-head", "toc", "first-item", "empty-heading"])
def test_an_empty_attendee_list_takes_neither_the_agenda_table_nor_the_first_item(after):
    # A portal prints "Mødedeltagere:" with nobody under it, then its agenda ("Punkt<TAB>Titel", real Aarhus page).
    meeting = parse_text(f"Referat\nØkonomiudvalget\nMødedato: 12. marts 2024\nMødedeltagere:\n\n{after}1. Budget\nSagsnr.: 24/1\nBeslutning\nGodkendt.\n")
    assert meeting.attendees == ()
    assert [it.title for it in meeting.items] == ["Budget"]

def test_a_header_without_a_body_takes_the_body_whose_decision_is_of_the_meeting_day():
    # The committee that decided on 12-02 is the case's history; the meeting of 6 March is Økonomiudvalget's.
    meeting = parse_text(
        "Referat\nMødedato: 6. marts 2019\n\n1. Grund på Skovvej\nSagsnr.: 19/1\nBeslutning i Teknik- og Miljøudvalget den 12-02-2019\nAnbefales.\n"
        "Beslutning i Økonomiudvalget den 06-03-2019\nGodkendt.\n"
    )
    assert meeting.body == "Økonomiudvalget"


HISTORY = (
    "Sagsforløb\n\nUdvalg: Magistraten\nDato: 02-09-2025\nPunktnummer: 12\nFremsendes til byrådet.\nVenstre tog forbehold.\n"
    "Udvalg: Teknisk Udvalg\nDato: 22-09-2025\nPunktnummer: 2\nSagen blev udsat.\n"
)


def test_a_case_history_of_fields_gives_each_earlier_body_its_dated_decision_and_the_meetings_own_is_current():
    from rag.decisions import current_decision, decisions

    # One portal prints the meeting's decision first, then the case's history as fields (real Aarhus page).
    meeting = parse_text("Referat\nTeknisk Udvalg\nMødedato: 1. oktober 2025\n\n1. Udviklingsplan\nSagsnr.: 25/1\nBeslutninger\nGodkendt.\n\n" + HISTORY)
    item = meeting.item(1)
    assert [(sec.label, sec.text) for sec in item.section(B)] == [
        ("", "Godkendt."),
        ("Magistraten, 02-09-2025", "Fremsendes til byrådet.\nVenstre tog forbehold."),
        ("Teknisk Udvalg, 22-09-2025", "Sagen blev udsat."),
    ]
    # The bare "Beslutninger" is the meeting's own: of its date, after the history.
    assert [(d.body, d.day) for d in decisions(item, meeting.date)] == [
        ("Magistraten", date(2025, 9, 2)), ("Teknisk Udvalg", date(2025, 9, 22)), ("", None)
    ]
    assert current_decision(item, meeting.date).section.text == "Godkendt." and meeting.has_decisions
    # Fields with another date form, and "Beslutning" printed under them, still make a dated decision.
    other = parse_text(
        GENERIC_HEAD + "1. Plan\nSagsnr.: 25/1\nSagsforløb\nUdvalg: Magistraten\nDato: 2025-09-02 kl. 15.00\nBeslutning\nAnbefales.\n"
    )
    assert [(sec.label, sec.text) for sec in other.item(1).section(B)] == [("Magistraten, 02-09-2025", "Anbefales.")]


def test_an_undated_decision_printed_over_the_meetings_dated_one_is_not_the_later():
    from rag.decisions import current_decision

    # "Udvalgets beslutning" (no date) printed before "Byrådets beslutning den 27.03.2019" at the Byråd's meeting of that day.
    meeting = parse_text(
        "Referat\nByrådet\nMødedato: 27. marts 2019\n\n1. Plan\nSagsnr.: 19/1\nUdvalgets beslutning\nAnbefales.\n"
        "Byrådets beslutning den 27.03.2019\nGodkendt.\n"
    )
    assert current_decision(meeting.item(1), meeting.date).section.text == "Godkendt."


def test_an_agenda_with_only_its_cases_history_has_no_decisions_of_its_own():
    meeting = parse_text("Dagsorden\nByrådet\nMødedato: 8. oktober 2025\n\n1. Udviklingsplan\nSagsnr.: 25/1\nIndstilling\nAt planen godkendes.\n\n" + HISTORY)
    assert [sec.label for sec in meeting.item(1).section(B)] == ["Magistraten, 02-09-2025", "Teknisk Udvalg, 22-09-2025"]
    assert not meeting.has_decisions
    # Fields that are no history entry ("Udvalg:" without a date under it) stay text.
    text = parse_text(GENERIC_HEAD + "1. Høring\nSagsnr.: 25/1\nSagsfremstilling\nUdvalg: Teknisk Udvalg\nSagen sendes i høring.\n").item(1)
    assert [s.heading for s in text.sections] == [S]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_udvalg_with_windows_or_old_mac_line_endings_parses_exactly_like_lf(tmp_path, newline):
    lf = (FIXTURE_DIR / MILJOE).read_bytes()
    assert b"\r" not in lf
    path = tmp_path / "miljoe_crlf.txt"
    path.write_bytes(lf.replace(b"\n", newline.encode()))
    meeting, reference = parse_file(path), fixture(MILJOE)
    assert meeting.text == reference.text
    assert meeting.items == reference.items
    assert (meeting.header, meeting.attendees, meeting.absentees) == (reference.header, reference.attendees, reference.absentees)


def test_utf8_byte_order_mark_is_dropped_and_reported_as_utf8(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (FIXTURE_DIR / MILJOE).read_bytes())
    meeting = parse_file(path)
    assert (meeting.encoding, meeting.text[:7], meeting.body) == ("utf-8", "Udvalg:", "Miljø- og Byudvalg")


# ---------------------------------------------------------------------------------------------------
# 4. Bad input and folders
# ---------------------------------------------------------------------------------------------------

RECIPE = """

Æblekage med flødeskum

Ingredienser:
- 1 kg syrlige æbler
- 200 g rasp
- 100 g sukker
- 50 g smør
- 1/4 l piskefløde

Fremgangsmåde:
1. Skræl æblerne og kog dem til grød med lidt sukker.
2. Rist rasp, sukker og smør gyldent på en pande.
3. Læg grød og rasp i lag i en skål, og pynt med flødeskum.
"""

CHEFFORUM_HEADER = """

REFERAT Chefforum d. 30-03-2023

Mødedato Torsdag d. 30. marts 2023 kl. 09:00

Mødested Mødelokale 1

Indholdsfortegnelse

CF - Godkendelse af dagsorden og referat.....\t3"""


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_empty_file_is_a_seed_format_error_at_line_1(tmp_path):
    with pytest.raises(SeedFormatError, match=re.escape("tom.txt:1: empty file")):
        parse_file(_write(tmp_path, "tom.txt", b""))


def test_whitespace_only_file_is_a_seed_format_error_at_line_1(tmp_path):
    with pytest.raises(SeedFormatError, match=re.escape("blank.txt:1: empty file")):
        parse_file(_write(tmp_path, "blank.txt", b"  \n\t\r\n   \n"))


def test_binary_file_with_nul_bytes_is_a_seed_format_error(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    with pytest.raises(SeedFormatError, match=re.escape("billede.txt:1: binary file")) as caught:
        parse_file(_write(tmp_path, "billede.txt", png))
    assert (caught.value.path.name, caught.value.line) == ("billede.txt", 1)


def test_recipe_is_not_a_referat_and_the_error_names_its_first_non_blank_line(tmp_path):
    with pytest.raises(SeedFormatError, match=re.escape("opskrift.txt:3: not a referat")):
        parse_file(_write(tmp_path, "opskrift.txt", RECIPE))


def test_udvalg_header_with_an_impossible_date_names_the_dato_line(tmp_path):
    text = "Udvalg: Miljø- og Byudvalg\nDato: Onsdag den 31. september 2020\nTid: Kl. 17:30\n\n1. Eventuelt\n\nBeslutning\nIntet.\n"
    with pytest.raises(SeedFormatError, match=re.escape("ingen_dato.txt:2: no recognisable meeting date")):
        parse_file(_write(tmp_path, "ingen_dato.txt", text))


def test_chefforum_header_with_an_impossible_date_names_the_referat_line(tmp_path):
    text = CHEFFORUM_HEADER.replace("30-03-2023", "31-02-2023").replace("30. marts", "31. februar")
    text += "\n\nPunkt 1: CF - Godkendelse af dagsorden og referat\n\nBeslutning\n\nGodkendt.\n"
    with pytest.raises(SeedFormatError, match=re.escape("forkert_dato.txt:3: no recognisable meeting date")):
        parse_file(_write(tmp_path, "forkert_dato.txt", text))


def test_header_without_items_is_a_seed_format_error_at_the_end_of_the_file(tmp_path):
    assert CHEFFORUM_HEADER.count("\n") + 1 == 11
    with pytest.raises(SeedFormatError, match=re.escape("uden_punkter.txt:11: no agenda items found")):
        parse_file(_write(tmp_path, "uden_punkter.txt", CHEFFORUM_HEADER))


def test_udvalg_header_without_items_is_a_seed_format_error(tmp_path):
    text = "Udvalg: Miljø- og Byudvalg\nDato: 15-09-2020\nSted: Rådhuset\n\nMødet blev aflyst."
    with pytest.raises(SeedFormatError, match=re.escape("aflyst.txt:5: no agenda items found")):
        parse_file(_write(tmp_path, "aflyst.txt", text))


def test_missing_file_is_a_seed_format_error(tmp_path):
    with pytest.raises(SeedFormatError, match=re.escape("findes_ikke.txt:0: cannot read file")):
        parse_file(tmp_path / "findes_ikke.txt")


def test_bytes_that_are_neither_utf8_nor_cp1252_name_the_line_of_the_first_non_utf8_byte(tmp_path):
    data = b"Udvalg: Teknisk Udvalg\nDato: 15-09-2020\nSted: \x81\x8d R\xe5dhuset\n"
    with pytest.raises(SeedFormatError, match=re.escape("rod.txt:3: neither UTF-8 nor cp1252")):
        decode(data, tmp_path / "rod.txt")


def test_cp1252_referat_parses_with_danish_letters_intact(tmp_path):
    text = (FIXTURE_DIR / MILJOE).read_text(encoding="utf-8")
    meeting = parse_file(_write(tmp_path, "miljoe_ansi.txt", text.encode("cp1252")))
    assert meeting.encoding == "cp1252"
    assert meeting.text == text
    assert (meeting.body, meeting.attendees[-1], meeting.item(3).title) == (
        "Miljø- og Byudvalg",
        "Åse Kristiansen (Ø)",
        "Høring om ny ordning for haveaffald",
    )
    assert meeting.items == fixture(MILJOE).items


def test_parse_paths_notes_a_file_read_as_cp1252(tmp_path):
    text = (FIXTURE_DIR / MILJOE).read_text(encoding="utf-8")
    path = _write(tmp_path, "miljoe_ansi.txt", text.encode("cp1252"))
    corpus = parse_paths([tmp_path])
    assert corpus.notes == (f"{path}: read as cp1252, not UTF-8",)
    assert ([m.encoding for m in corpus.meetings], corpus.errors) == (["cp1252"], ())


def test_parse_paths_keeps_the_good_meetings_and_reports_each_bad_file(tmp_path):
    shutil.copy(SEED_DIR / SEED_FILES["2023-03-30"], tmp_path / "chefforum.txt")
    shutil.copy(FIXTURE_DIR / MILJOE, tmp_path / "miljoe.txt")
    _write(tmp_path, "tom.txt", b"")
    _write(tmp_path, "opskrift.txt", RECIPE)
    _write(tmp_path, "billede.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    _write(tmp_path, ".skjult.txt", b"")  # hidden: skipped
    _write(tmp_path, "noter.md", RECIPE)  # not a minutes suffix: skipped
    corpus = parse_paths([tmp_path])
    assert [m.meeting_id for m in corpus.meetings] == ["miljoe-og-byudvalg-2020-09-15", "chefforum-2023-03-30"]
    assert [(e.path, e.line) for e in corpus.errors] == [
        (tmp_path / "billede.txt", 1),
        (tmp_path / "opskrift.txt", 3),
        (tmp_path / "tom.txt", 1),
    ]
    assert [str(e).split(": ")[0] for e in corpus.errors] == [
        f"{tmp_path / 'billede.txt'}:1",
        f"{tmp_path / 'opskrift.txt'}:3",
        f"{tmp_path / 'tom.txt'}:1",
    ]
    assert corpus.notes == ()


def test_parse_paths_reports_a_duplicated_meeting_and_indexes_it_once(tmp_path):
    shutil.copy(SEED_DIR / SEED_FILES["2023-11-23"], tmp_path / "a_chefforum.txt")
    shutil.copy(SEED_DIR / SEED_FILES["2023-11-23"], tmp_path / "b_chefforum_kopi.txt")
    corpus = parse_paths([tmp_path])
    assert [(m.meeting_id, m.source) for m in corpus.meetings] == [("chefforum-2023-11-23", tmp_path / "a_chefforum.txt")]
    (error,) = corpus.errors
    assert (error.path, error.line) == (tmp_path / "b_chefforum_kopi.txt", 3)
    assert error.problem == f"duplicate meeting: Chefforum 2023-11-23 is already read from {tmp_path / 'a_chefforum.txt'}; skipped"


def test_parse_paths_reports_a_path_that_does_not_exist(tmp_path):
    corpus = parse_paths([tmp_path / "mangler"])
    assert ([(e.path, e.line, e.problem) for e in corpus.errors], corpus.meetings) == (
        [(tmp_path / "mangler", 0, "no such file or folder")],
        (),
    )


def test_parse_paths_on_the_seed_folder_reads_all_five_meetings_in_date_order():
    corpus = parse_paths([SEED_DIR])
    assert [m.date.isoformat() for m in corpus.meetings] == sorted(SEED_FILES)
    assert (corpus.errors, corpus.notes) == ((), ())


# ---------------------------------------------------------------------------------------------------
# 5. Property: mutated seeds never crash the parser and keep their intact item headings
# ---------------------------------------------------------------------------------------------------

ITEM_HEADING = re.compile(r"^Punkt\s+(\d{1,4})\s*:\s*\S")
SEED_TEXTS = {day: (SEED_DIR / name).read_text(encoding="utf-8") for day, name in SEED_FILES.items()}
RANDOM_LINE = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=8),
        st.text(st.sampled_from(list("æøåÆØÅ .:-()\t0123456789")), max_size=8),
        st.sampled_from(["Punkt 3:", "Beslutning", "Indstilling", "Fraværende ", "REFERAT ", "(15 min.)", "CF - "]),
    ),
    max_size=5,
).map("".join)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_seed_raises_only_seed_format_error_and_keeps_every_intact_item_heading(data):
    day = data.draw(st.sampled_from(sorted(SEED_TEXTS)), label="seed")
    original = SEED_TEXTS[day].split("\n")
    first_heading = next(i for i, t in enumerate(original) if ITEM_HEADING.match(t))
    lines = [(t, True) for t in original]  # (text, is an original line)
    for _ in range(data.draw(st.integers(0, 6), label="mutations")):
        kind = data.draw(st.sampled_from(["delete", "insert", "duplicate"]), label="kind")
        if kind == "delete":
            choices = [i for i, (t, _) in enumerate(lines) if not ITEM_HEADING.match(t.strip())]
            del lines[data.draw(st.sampled_from(choices), label="delete at")]
        elif kind == "insert":
            at = data.draw(st.integers(0, len(lines)), label="insert at")
            lines[at:at] = [(t, False) for t in data.draw(st.lists(RANDOM_LINE, min_size=1, max_size=3), label="new")]
        else:
            at = data.draw(st.integers(0, len(lines) - 1), label="duplicate at")
            lines.insert(at + 1, (lines[at][0], False))
    text = "\n".join(t for t, _ in lines)
    header_intact = [t for t, _ in lines[: first_heading + 1]] == original[: first_heading + 1]
    # Truncate at a random character after the end of the first (original) item heading line.
    heading_index = next(i for i, (t, orig) in enumerate(lines) if orig and ITEM_HEADING.match(t))
    heading_end = sum(len(t) + 1 for t, _ in lines[:heading_index]) + len(lines[heading_index][0])
    cut = data.draw(st.one_of(st.just(len(text)), st.integers(heading_end, len(text))), label="cut")
    text = text[:cut]
    kept = text.split("\n")
    intact = {
        (i + 1, int(ITEM_HEADING.match(t)[1]))
        for i, (t, orig) in enumerate(lines[: len(kept)])
        if orig and ITEM_HEADING.match(t) and kept[i] == t and (i == 0 or not kept[i - 1].strip())
        # An item heading right above another ("Punkt 1: ..." duplicated under itself) reads as a contents line.
        and not (i + 1 < len(kept) and ITEM_HEADING.match(kept[i + 1].strip()))
    }
    newline = data.draw(st.sampled_from(["\n", "\r\n"]), label="newline")
    try:
        meeting = parse_text(text.replace("\n", newline), "mutant.txt")
    except SeedFormatError as error:
        assert str(error)[: len("mutant.txt:")] == "mutant.txt:"
        assert header_intact is False
        return
    found = {(it.line, it.number) for it in meeting.items}
    assert intact - found == set()
    assert_spans_exact(meeting)


def test_a_sentence_wrapped_onto_a_short_line_is_one_sentence_but_table_rows_stay_apart():
    from rag.text import sentence_spans

    text = (
        "Planen er drøftet. Tiltagene forventes gennemført inden udgangen af\n2024. Herefter evalueres planen\nog en ny plan udarbejdes.\n"
        "Område\tBudget\nældre\t412\nKommunaldirektøren indstiller,\nat planen godkendes, og\nat der afsættes 2 mio. kr.\nBudgetoversigt\nkort.pdf"
    )
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Planen er drøftet.",
        "Tiltagene forventes gennemført inden udgangen af\n2024.",
        "Herefter evalueres planen\nog en ny plan udarbejdes.",
        "Område\tBudget",
        "ældre\t412",
        "Kommunaldirektøren indstiller,",  # a proposal's "at" points stay apart
        "at planen godkendes, og",
        "at der afsættes 2 mio. kr.",
        "Budgetoversigt",  # an attachment list too
        "kort.pdf",
    ]


def test_an_empty_table_of_contents_does_not_take_the_first_item_for_its_only_entry():
    # A portal printed the heading "Indholdsfortegnelse" with nothing under it (Brønderslev); "1. Fraværende"
    # below it has its sections, so it is the first item, and items 2 and 3 are not rejected as unlisted.
    text = (
        "Økonomiudvalget - Referat\n\nDato: 18. november 2020\nLokale: Virtuelt møde via Teams\n\n"
        "Indholdsfortegnelse\n\n\n\n1. Fraværende\n\nResume\n\nSagsforløb: ØK\n\nBeslutning\n\nIngen.\n\n"
        "2. Bemærkninger/ændringer til dagsordenen\n\nResume\n\nSagsforløb: ØK\n\nBeslutning\n\nIngen.\n\n"
        "3. Anlægsregnskab for separering af spildevand\n\nSagsfremstilling\n\nRegnskabet viser et mindreforbrug på 0,3 mio. kr.\n\n"
        "Beslutning\n\nAnbefales.\n"
    )
    meeting = parse_text(text)
    assert [(i.number, i.title) for i in meeting.items] == [
        (1, "Fraværende"), (2, "Bemærkninger/ændringer til dagsordenen"), (3, "Anlægsregnskab for separering af spildevand")
    ]
    assert meeting.items[2].section("Beslutning")[0].text.strip() == "Anbefales."


def test_a_body_with_an_ampersand_over_a_dash_and_date_is_the_meetings_body():
    # Faxe's portal: "Børn & Læringsudvalget - 08-09-2021" (was "Ukendt udvalg"); "Sagen afgøres af" is a heading.
    text = (
        "Børn & Læringsudvalget - 08-09-2021\n\nReferat\nDato:\nOnsdag, 8. september 2021 - 16:00\n\n"
        "108. Dialogmøde med bestyrelser\n\nResume\n\nDagsorden for dialogmøde med bestyrelser.\n\n"
        "Sagen afgøres af\n\nBørn & Læringsudvalget.\n\nBeslutning\n\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert (meeting.body, meeting.date) == ("Børn & Læringsudvalget", date(2021, 9, 8))
    assert [s.heading for s in meeting.items[0].sections] == ["Resume", "Beslutningskompetence", "Beslutning"]


# ---------------------------------------------------------------------------------------------------
# The last resort: minutes no layout reads, in shapes that QA found on real portals' pages (Aalborg, Kolding,
# Dragør, Gribskov, Ringkøbing-Skjern; the prose is our own). Read, not skipped: a skipped file answers nothing.


def test_a_page_that_prints_items_without_titles_is_read_item_by_item_from_its_markers():
    meeting = portal("dokument_titelloese_punkter.txt")
    assert (meeting.layout, meeting.body, meeting.date) == ("dokument", "Byrådet", date(2024, 6, 3))
    assert [i.number for i in meeting.items] == [1, 2, 3]
    assert only(meeting, 2, "Beslutning").startswith("Godkendt med 25 stemmer for og 4 imod.")
    assert "4,2 mio. kr. til nye cykelparkeringer" in only(meeting, 2, "Indstilling")
    # No title is printed: the item's first words stand for it.
    assert meeting.item(2).title.startswith("Teknik- og Miljøudvalget indstiller, at byrådet godkender")
    assert "Her finder du referatet" in meeting.header.text and meeting.items[0].start > meeting.header.end


def test_untitled_items_without_markers_start_at_the_heading_that_opens_a_case_after_a_decision():
    meeting = portal("dokument_resume_cykler.txt")
    assert (meeting.layout, meeting.body, meeting.date) == ("dokument", "Seniorrådet", date(2024, 5, 8))
    assert [[s.heading for s in i.sections] for i in meeting.items] == [["Resume", "Indstilling", "Beslutning"]] * 2
    assert "62 kr. i 2025" in only(meeting, 2, "Beslutning")
    assert meeting.item(2).title == "Seniorrådet skal afgive høringssvar om prisen på den kommunale madordning."


def test_numbered_items_nothing_confirms_are_read_when_they_count_up_or_all_print_1():
    meeting = portal("dokument_nummererede_punkter.txt")  # a web page's list flattened: "1." before every item
    assert [(i.number, i.title) for i in meeting.items] == [
        (1, "Godkendelse af referatet fra sidste møde"), (2, "Nyt fra formanden"), (3, "Trafikforhold ved plejecentret"), (4, "Eventuelt")
    ]
    assert "fodgængerovergang" in meeting.item(3).sections[0].text
    assert (meeting.date, meeting.absentees) == (date(2024, 3, 4), ("Jens Nielsen",))
    # "Referat af møde": minutes, though no decision heading was read; an agenda ("Dagsorden") would not be.
    assert meeting.has_decisions


def test_minutes_that_call_themselves_minutes_are_no_agenda_but_an_agenda_is():
    untitled = "Ældrerådet\n\n{} 4. marts 2024\n\n 1. Trafik ved plejecentret\nReferat: Vi skriver til Teknisk Udvalg.\n\n 2. Eventuelt\nIntet.\n"
    assert parse_text(untitled.format("Referat af møde")).has_decisions
    assert not parse_text(untitled.format("Dagsorden til møde")).has_decisions
    assert not parse_text(untitled.format("Dagsorden med godkendelse af referat fra mødet")).has_decisions


def test_nobody_absent_is_no_absentee_and_a_decision_heading_is_no_body():
    text = (
        "Referat\n\nOnsdag den 14-02-2024 kl. 16:00\n\nAfbud\nIngen\n\nBeslutning i Byrådet den 14-02-2024\n\n"
        "3. Trafikplan for bymidten\n\nSagsfremstilling\nDer er ønske om en ny skolesti.\n\nBeslutning\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert meeting.absentees == ()
    assert not meeting.body.startswith("Beslutning")


def test_a_contents_line_over_the_absence_heading_is_no_item_and_a_publication_date_no_meeting_date():
    meeting = portal("dokument_sagsnummer_med_aarstal.txt")
    assert [(i.number, i.case_number) for i in meeting.items] == [(12, "02.01P00 - 2024/1234"), (13, "02.01P00 - 2024/1301")]
    assert meeting.date == date(2024, 2, 14)  # not "Publiceret 16-02-2024"
    assert only(meeting, 12, "Beslutning") == "Handicaprådet bemærker, at der mangler handicapparkering ved fælleshuset."


def test_headings_glued_to_their_text_open_their_sections():
    meeting = portal("dokument_limede_overskrifter.txt")
    assert [(s.heading, s.text) for s in meeting.item(1).sections] == [("Bilag", "Ingen bilag."), ("Beslutning", "Godkendt."), ("Fraværende", "Peter Holm ()")]
    assert only(meeting, 2, "Sagsfremstilling").startswith("Udvalget besøger et trykkeri")
    assert only(meeting, 2, "Beslutning") == "Udvalget takkede for besøget."
    assert meeting.absentees == ("Peter Holm",)


def test_a_numbered_title_over_a_line_no_layout_knows_keeps_its_number_and_title():
    text = (
        "Referat\n\nSkolebestyrelsen 5. marts 2024\n\n7. Trafikplan for bymidten\nKontakt: Anne Dahl, tlf. 4477 2211\n\n"
        "Sagsfremstilling\nDer er ønske om en ny skolesti.\n\nBeslutning\nSkolebestyrelsen bakker op om skolestien.\n"
    )
    meeting = parse_text(text)
    assert (meeting.layout, meeting.body) == ("dokument", "Skolebestyrelsen")
    assert [(i.number, i.title) for i in meeting.items] == [(7, "Trafikplan for bymidten")]
    assert only(meeting, 7, "Beslutning") == "Skolebestyrelsen bakker op om skolestien."


def test_minutes_with_neither_items_nor_headings_and_a_dated_recipe_are_still_errors(tmp_path):
    cancelled = _write(tmp_path, "aflyst_byraad.txt", "Referat\n\nByrådet 3. juni 2024\n\nMødet blev aflyst på grund af sygdom.\n")
    with pytest.raises(SeedFormatError, match="no agenda items found"):
        parse_file(cancelled)
    recipe = "Æblekage\n\n12. marts 2024\n\n1. Skræl æblerne\nBrug fire store æbler.\n\n2. Bag kagen\nI 30 minutter ved 200 grader.\n"
    with pytest.raises(SeedFormatError, match="not a referat"):
        parse_file(_write(tmp_path, "opskrift_med_dato.txt", recipe))


def test_a_file_read_as_a_document_is_said_to_be():
    corpus = parse_paths([HERE / "portals" / "dokument_resume_cykler.txt", SEED_DIR])
    assert [n.split(": ", 1)[1] for n in corpus.notes] == ["no layout confirmed its items; read as a document (2 items from their numbers or repeated sections)"]


def test_a_sections_own_numbering_does_not_split_a_document_into_items():
    # Three untitled items, one with sub-headings "1. Baggrund" ... in its case text: still three items, split at "Åben".
    text = (
        "Referat fra byrådet\n\nByrådet 3. juni 2024\n\nÅben\n\nIndstilling\n\nØkonomiudvalget indstiller, at regnskabet for 2023 godkendes.\n\n"
        "Beslutning\n\nGodkendt.\n\nÅben\n\nSagsfremstilling\n\n1. Baggrund\n\nStationen mangler cykelparkering.\n\n2. Økonomi\n\n"
        "Anlægget koster 4,2 mio. kr.\n\n3. Tidsplan\n\nArbejdet udføres i 2025.\n\nBeslutning\n\nGodkendt.\n\nÅben\n\nIndstilling\n\n"
        "Børne- og Skoleudvalget indstiller, at sommerferien begynder 28. juni.\n\nBeslutning\n\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert [i.number for i in meeting.items] == [1, 2, 3]
    assert "2. Økonomi" in only(meeting, 2, "Sagsfremstilling") and only(meeting, 2, "Beslutning") == "Godkendt."


@pytest.mark.parametrize(
    "text",
    [
        # A newsletter and a project plan: a date, "bestyrelsen", "vi mødes", numbered paragraphs; no minutes.
        "Nyhedsbrev fra Grundejerforeningen Engen\n\n12. marts 2024\n\nKære medlemmer, bestyrelsen ønsker alle et godt forår. Vi mødes til "
        "generalforsamling senere på året.\n\n1. Kontingent\nKontingentet er uændret.\n\n2. Fællesarealer\nGræsset slås hver anden uge.\n",
        "Projektbeskrivelse: Ny skolesti\n\nDato: 3. marts 2024\n\nProjektet drøftes på næste møde i styregruppen.\n\n1. Formål\nEn sikker vej til skole.\n\n"
        "2. Tidsplan\nStien anlægges i 2025.\n",
    ],
)
def test_a_dated_text_with_numbered_paragraphs_that_does_not_call_itself_minutes_is_not_read_as_minutes(text):
    with pytest.raises(SeedFormatError):
        parse_text(text)


def test_a_title_wrapped_at_a_colon_is_one_title_and_keeps_its_case_number():
    text = (
        "REFERAT Chefforum d. 30-03-2023\n\nPunkt 1: CF - Høring over forslag til\nKommuneplantillæg nr. 12: Boliger ved Engvej\n\n"
        "00.30.00-P00-3-22\n\nBeslutning\n\nGodkendt.\n"
    )
    item = parse_text(text).item(1)
    assert (item.title, item.case_number) == ("Høring over forslag til Kommuneplantillæg nr. 12: Boliger ved Engvej", "00.30.00-P00-3-22")


def test_an_agenda_that_says_when_its_minutes_come_is_still_an_agenda():
    text = (
        "Dagsorden\n\nTeknik- og Miljøudvalget\nDato: 3. december 2024\nReferat udsendes senest otte dage efter mødet.\n\n"
        "1. Ny belysning på Stationsvej\n\nIndstilling\n\nForvaltningen indstiller, at der bevilges 0,4 mio. kr.\n"
    )
    assert not parse_text(text).has_decisions


def test_an_address_goes_on_past_its_abbreviation_but_a_sentence_ending_in_an_age_ends():
    from rag.text import sentence_spans

    text = "Skolen er 80 år gl. Den skal renoveres. Mødet holdes i Tapperiet, Sdr. Badevej 1, og hhv. ØU og KB orienteres."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Skolen er 80 år gl.", "Den skal renoveres.", "Mødet holdes i Tapperiet, Sdr. Badevej 1, og hhv. ØU og KB orienteres."
    ]
    # A housing association's saint (Holstebro), a paragraph's part: no sentence ends there.
    text = "Byrådet godkendte skema A, Boligselskabet Sct. Jørgen, opførelse af 29 rækkehuse. Jf. § 15, stk. 4 i loven."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Byrådet godkendte skema A, Boligselskabet Sct. Jørgen, opførelse af 29 rækkehuse.", "Jf. § 15, stk. 4 i loven."
    ]


def test_a_portal_printing_its_headings_as_bullets_under_a_table_row_header():
    # Syddjurs' shape: "Udvalg Dato Type Hent" over "Byrådet 24-06-2020 16:00 Referat", "  • Resumé" headings.
    text = (
        "Mødedetaljer\n\nUdvalg Dato Type Hent\nByrådet 24-06-2020 16:00 Referat Samlet dokument\n\n"
        "Punkt 571 Spørgetid 24. juni 2020\n  • Sagsfremstilling\n\n    Der var to spørgsmål om busserne.\n\n"
        "Punkt 572 Revisionsberetning 2019\n  • Resumé\n\n    Revisionen har givet en bemærkning om kontanthjælp.\n\n"
        "  • Beslutning i Byrådet den 24-06-2020\n\n    Godkendt.\n"
    )
    meeting = parse_text(text)
    assert (meeting.body, meeting.date, meeting.time, meeting.has_decisions) == ("Byrådet", date(2020, 6, 24), "16:00", True)
    assert [(i.number, i.title) for i in meeting.items] == [(571, "Spørgetid 24. juni 2020"), (572, "Revisionsberetning 2019")]
    assert [s.heading for s in meeting.item(572).sections] == ["Resume", "Beslutning"]
    assert only(meeting, 572, "Beslutning") == "Godkendt."


def test_a_committees_short_name_in_brackets_and_the_portals_video_link_in_a_decision():
    # Syddjurs: "• Beslutning i Økonomiudvalget (ØK) den 13-06-2018" ran into the Direktionsmøde's decision above it,
    # and every decision ended in the page's "Show video".
    meeting = parse_text(
        "Mødedetaljer\n\nUdvalg Dato Type Hent\nByrådet 20-06-2018 16:00 Referat Samlet dokument\n\n"
        "Punkt 139 Årsregnskab 2017\n  • Resumé\n\n    Regnskabet er revideret.\n\n"
        "  • Beslutning i Direktionsmøde den 12-06-2018\n\n    Indstilles til godkendelse.\n\n"
        "  • Beslutning i Økonomiudvalget (ØK) den 13-06-2018\n\n    Indstilles til Byrådets godkendelse.\n\n"
        "  • Beslutning i Byrådet den 20-06-2018\n\n    Godkendt.\n\nShow video\n"
    )
    decided = [(decision_of(s).body, s.text) for s in meeting.item(139).section(B)]
    assert decided == [("Direktionsmøde", "Indstilles til godkendelse."), ("Økonomiudvalget", "Indstilles til Byrådets godkendelse."), ("Byrådet", "Godkendt.")]


def test_a_bare_heading_word_among_bulleted_headings_is_a_flattened_table_cell():
    # Syddjurs prints its headings as bullets; a table flattened one cell per line ("Måltal" / "Forslag" /
    # "Mio. kr.") holds a bare "Forslag", which is no proposal heading there.
    text = (
        "Mødedetaljer\n\nUdvalg Dato Type Hent\nByrådet 29-04-2020 16:00 Referat Samlet dokument\n\n"
        "Punkt 525 Budget 2020 - Genåbning af budget 2020\n  • Sagsfremstilling\n\n    Forliget indebærer besparelser.\n\n"
        "    Tabel 1: Beredskabsforslag 2020\n\n    Måltal\n\n    Forslag\n\n    Mio. kr.\n\n    -4,5\n\n"
        "  • Indstilling\n\n    Økonomiudvalget indstiller, at forliget godkendes.\n\n"
        "  • Beslutning i Byrådet den 29-04-2020\n\n    Godkendt.\n"
    )
    meeting = parse_text(text)
    assert [s.heading for s in meeting.item(525).sections] == ["Sagsfremstilling", "Indstilling", "Beslutning"]
    assert "Forslag\n\n    Mio. kr." in only(meeting, 525, "Sagsfremstilling")


def test_a_meeting_label_names_the_body_and_a_heading_under_an_empty_absence_label_is_nobody():
    # Middelfart's shape: "Referat for Byrådet møde den ...", "Møde:" over "Byrådet", "Fraværende:" over nothing.
    text = (
        "Referat for Skoleudvalget møde den 3. marts 2015\n\nMøde:\nSkoleudvalget\nMødetid:\n3. marts 2015 kl. 15:00\n"
        "Tilstede:\nAnne Dahl\nPeter Holm\nFraværende:\n\nÅBNE SAGER\n\n70. Anmodning om udtrædelse af skolebestyrelse\n"
        "Sagsnr.: 2015-002180\n\nSagsfremstilling\nEt medlem ønsker at udtræde.\n\nBeslutning\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert (meeting.body, meeting.absentees, meeting.attendees) == ("Skoleudvalget", (), ("Anne Dahl", "Peter Holm"))


def test_a_page_that_opens_with_its_date_and_goes_on_as_minutes_do_is_read():
    # Thisted's shape: no title, the date first, members, then numbered items with their headings.
    text = (
        "30. aug 2022\n\nDeltagere:\n\n • Brian Nielsen (D)\n • Claus Nybo (A)\n\n136. Valg af næstformand\nBeslutning\nKlaus Holm blev valgt.\n\n"
        "137. Mødeplan 2023\nSagsfremstilling\nKommunalbestyrelsen holder møde den sidste tirsdag i måneden.\nBeslutning\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert (meeting.date, [i.number for i in meeting.items]) == (date(2022, 8, 30), [136, 137])
    assert only(meeting, 137, "Beslutning") == "Godkendt."


def test_items_numbered_nr_and_middelfarts_headings():
    # Fredensborg numbers its items "Nr.1 - Title"; Middelfart heads a case "Præsentation" / "Forvaltningen foreslår".
    text = (
        "Referat\n\nByrådet 26-01-2015 kl. 18:00\n\nNr.1 - Godkendelse af dagsordenen\n\nBeslutning i Byrådet den 26-01-2015\nGodkendt.\n\n"
        "Nr.2 - Lukning af Vejenbrødvej\n\nPræsentation\nVejen foreslås lukket for gennemkørsel.\nForvaltningen foreslår\n- at vejen lukkes.\n"
        "Beslutning\nGodkendt.\nBehandlingsplan\nByrådet 26-01-2015\n"
    )
    meeting = parse_text(text)
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Godkendelse af dagsordenen"), (2, "Lukning af Vejenbrødvej")]
    assert [s.heading for s in meeting.item(2).sections] == ["Resume", "Indstilling", "Beslutning", "Sagsforløb"]
    assert only(meeting, 2, "Beslutning") == "Godkendt."


def test_a_school_boards_list_of_items_each_numbered_1_under_a_referat_heading_is_read():
    # A school board's page: "Referat:" over the items (the page's title, no decision), every item printed "1.",
    # an item with nothing under it among those that have text; the body named by its meeting ("skolebestyrelsesmøde").
    text = (
        "Dagsorden til skolebestyrelsesmøde tirsdag d. 9. april 2019\n\nDeltagere:\n\nJesper Andersen, Kent Jakobsen\n\n"
        "Referat:\n\n 1. Godkendelse af referat\n\n    Referat godkendt\n\n 1. Kort præsentation af medlemmerne.\n"
        " 1. Elevråd\n\nDer er nedsat en gruppe, der arbejder med projektdagen.\n\n 1. Velkomstkomité\n"
        "  Formanden byder velkommen – vi hjælper alle nye tilflyttere\n"
    )
    meeting = parse_text(text)
    assert meeting.body == "Skolebestyrelsen"
    assert [(i.number, i.title) for i in meeting.items] == [
        (1, "Godkendelse af referat"), (2, "Kort præsentation af medlemmerne."), (3, "Elevråd"), (4, "Velkomstkomité"),
    ]
    assert "vi hjælper alle nye tilflyttere" in meeting.item(4).sections[0].text  # a short title does not wrap


def test_a_page_of_one_item_marked_pkt_and_a_web_tables_fields():
    # Lyngby-Taarbæk prints "Pkt. 1" alone over its title; Langeland's header is a table ("Udvalg: |" over
    # "Kommunalbestyrelsen |"); Stevns runs a field's label into its value ("UdvalgÆldreråd").
    one = (
        "Referat fra møde i Integrationsrådet\nTorsdag den 10. september 2015\nTil stede:\nGitte Hansen\n\n"
        "Pkt. 1\nValg af ny formand\nGitte blev valgt som ny formand for rådet.\n"
    )
    meeting = parse_text(one)
    assert (meeting.body, [(i.number, i.title) for i in meeting.items]) == ("Integrationsrådet", [(1, "Valg af ny formand")])
    table = (
        "Referat\nDato: |\n10-10-2022 17:00:00 |\n---|---|\nUdvalg: |\nKommunalbestyrelsen |\nSted: |\nRådhussalen |\n\n"
        "Punkt 1 Fastsættelse af kirkeskatteprocenten\nSagsfremstilling\nProcenten er 1,14.\nBeslutning\nGodkendt.\n"
    )
    meeting = parse_text(table)
    assert (meeting.body, meeting.place) == ("Kommunalbestyrelsen", "Rådhussalen")
    glued = "Referat\n\nMandag den 7. februar 2022, kl. 10:15\nMødestedRådssalen\nUdvalgÆldreråd\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
    meeting = parse_text(glued)
    assert (meeting.body, meeting.place) == ("Ældreråd", "Rådssalen")


def test_a_body_named_by_its_meeting_in_the_first_item_and_contents_lines_are_no_items():
    # Stevns names no body in its header; the first item approves "dagsorden til Kommunalbestyrelsens møde" of that day.
    text = (
        "Referat\n • 740. Åben dagsorden - godkendelse\n  Resume\n  Godkendelse af åben dagsorden til Kommunalbestyrelsens"
        " møde den 21. december 2017.\n  Beslutning\n  Godkendt\n • 741. Budget 2018\n  Resume\n  Budgettet vedtages.\n  Beslutning\n  Godkendt\n"
    )
    assert parse_text(text, "stevns_kb_2017-12-21.txt").body == "Kommunalbestyrelsen"  # dated by its file's name
    short = text.replace("til Kommunalbestyrelsens møde den", "for KB den")
    assert parse_text(short, "stevns_kb_2017-12-21.txt").body == "Kommunalbestyrelsen"
    # A page cut off after its contents: "01." over "Godkendelse af dagsorden........4" lists items, it holds none.
    contents = (
        "Referat\nØkonomiudvalget\nMandag den 16. marts 2015\n\nSagsoversigt\n01.\nGodkendelse af dagsorden...........4\n"
        "02.\nLovliggørelse af Julianelund ..........5\n03.\nEkspropriation af visse statslige arealer\neksisterende vejadgang ........9\n"
    )
    with pytest.raises(SeedFormatError):
        parse_text(contents)


def test_a_names_initial_ends_no_sentence_and_a_field_label_starts_its_own_line():
    # Viborg: "Mødedeltagere ..., Birgith B. Langballe, ..." then "Fraværende Jakob Ekberg, N. J. Ottesen"; the
    # initials cut the names, and the long list without a stop swallowed the absence line, so "nobody absent" was said.
    from rag.text import sentence_spans

    text = "Mødedeltagere Allan Clifford Christensen, Anders Bertel, Birgith B. Langballe, Kai O. Andersen\nFraværende Jakob Ekberg, N. J. Ottesen"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Mødedeltagere Allan Clifford Christensen, Anders Bertel, Birgith B. Langballe, Kai O. Andersen",
        "Fraværende Jakob Ekberg, N. J. Ottesen",
    ]
    # A plan named by a letter still ends its sentence.
    text = "Indikatorerne indgår i Plan A. På Chefseminaret blev der nedsat en arbejdsgruppe."
    assert len(sentence_spans(text)) == 2


def test_aarhus_pages_print_each_cases_decision_first_under_its_title():
    # Aarhus: "Referat Aarhus Byråd 14-08-2019", the case's title, "Beslutning Tilbagesendes ..." on one line (or
    # "Beslutning" over it), then "Resumé" and "Indstilling". The title and the decision went into the header.
    text = (
        "Vælg\n\nReferat Aarhus Byråd 14-08-2019\n\n  Revisionsberetningerne og endelig godkendelse af regnskab 2018\n\n\n"
        "  Beslutning Tilbagesendes Borgmesterens Afdeling med bemærkning, at byrådet har vedtaget Magistratens indstilling.\n"
        "  Resumé\n  Beretningerne indeholder ingen revisionsbemærkning.\n\n  Bilag\n\n  Bering-Beder Vejen – projektgodkendelse\n\n\n"
        "  Beslutning\n  Fremsendes til Teknisk Udvalg til behandling.\n  Resumé\n  Vejen skal udvides.\n"
    )
    meeting = parse_text(text)
    assert meeting.body == "Aarhus Byråd"
    assert [(i.number, i.title) for i in meeting.items] == [
        (1, "Revisionsberetningerne og endelig godkendelse af regnskab 2018"), (2, "Bering-Beder Vejen – projektgodkendelse"),
    ]
    assert only(meeting, 1, "Beslutning").startswith("Tilbagesendes Borgmesterens Afdeling")
    assert [s.heading for s in meeting.item(2).sections] == ["Beslutning", "Resume"]
    assert "Revisionsberetningerne" not in meeting.header.text


VIBORG_ITEM = (
    # Viborg marks each item "Sagsid.: 21/27102" and prints "Sagsfremstilling" after the decision.
    "Referat\n\ntirsdag den 14. marts 2023 kl. 17:00\n\nMødested Multisalen/rådhuset\nUdvalg Byrådet\n\nSagsid.: 21/27102\n\n"
    "Resume\nByrådet skal tage stilling til en ny udpegning til Viborg Varme.\n\nIndstilling\nBorgmesteren indstiller,\n"
    "  1. at Allan Andersen (A) erstatter Brian Roed (A) i bestyrelsen.\n\nBeslutning i Byrådet den 14-03-2023\n"
    "Indstillingen fra borgmesteren godkendes.\n\nSagsfremstilling\n\nHistorik\n\nViborg Kommune udpeger 1 medlem af bestyrelsen.\n\n"
    "Sagsid.: 22/1\n\nResume\nByrådet skal godkende mødeplanen.\n\nBeslutning i Byrådet den 14-03-2023\nGodkendt.\n"
)
KOLDING_ITEM = (
    # Kolding prints "Resumé", "Forslag", the decision, then "Sagsfremstilling".
    "Dagsorden\nTirsdag 16. mar 2021 kl. 07:45\nØkonomiudvalget\nTeams\nReferat\n"
    "Resumé\nHenrik Nielsen har anmodet om at udtræde af Kolding Byråd pr. 23. marts 2021.\n"
    "Forslag\nKommunaldirektøren foreslår,\nat Henrik Nielsens anmodning imødekommes\n"
    "Beslutning Økonomiudvalget den 16-03-2021\nForslaget indstilles til godkendelse.\n"
    "Sagsfremstilling\nHenrik Nielsen har meddelt, at han ønsker at udtræde af private årsager.\n"
    "Resumé\nByrådet skal godkende mødeplanen for 2022.\nBeslutning Økonomiudvalget den 16-03-2021\nGodkendt.\n"
)


@pytest.mark.parametrize(("text", "said"), [(VIBORG_ITEM, "Historik"), (KOLDING_ITEM, "af private årsager")])
def test_a_case_text_printed_after_the_decision_goes_on_with_its_item(text, said):
    # Both made a second item of the case text ("Punkt 2: Historik"), with or without a marker over each item.
    meeting = parse_text(text)
    assert len(meeting.items) == 2
    assert [s.heading for s in meeting.item(1).sections] == ["Resume", "Indstilling", "Beslutning", "Sagsfremstilling"]
    assert said in only(meeting, 1, "Sagsfremstilling")


def test_a_first_item_with_nothing_under_it_opens_the_run_and_a_title_ending_its_sentence_does_not_wrap():
    # A waterworks board: " 1. Formanden bød velkommen" with nothing under it was lost to the header, and
    # " 5. Ny vandanalyse viser 34 mg nitrat pr liter." took the line under it into its title.
    text = (
        "Referat af bestyrelsesmøde i vandværket 8. dec. 2011.\n\nDeltagere: Iver Nielsen, Gert Vogel.\n\n"
        " 1. Formanden bød velkommen\n\n 2. Vandpriser.\n  Kommunen har godkendt vore takster.\n\n"
        " 3. Ny vandanalyse viser 34 mg nitrat pr liter.\n  Sidst var det 38 mg\n  Grænseværdien er 50 mg/l.\n\n"
        " 4. Ordinær generalforsamling afholdes onsdag den 25. april 2012.\n  Lokale er lånt i Sognegården.\n"
    )
    meeting = parse_text(text)
    assert meeting.body == "Bestyrelsen"
    assert [i.number for i in meeting.items] == [1, 2, 3, 4]
    assert meeting.item(3).title == "Ny vandanalyse viser 34 mg nitrat pr liter."
    assert meeting.item(3).sections[0].text.startswith("Sidst var det 38 mg")


def test_members_listed_one_a_paragraph_are_all_attendees():
    # Fredensborg prints "Medlemmer" over one member a paragraph; only the first was read, and "hvem var til stede"
    # quoted only him.
    text = (
        "26-01-2015 kl. 18:00\nByrådssalen\n\nMedlemmer\n\nThomas Lykke Pedersen (A)\n\nUlla Hardy-Hansen (C)\n\n"
        "Christian de Jonquiéres (C)\n\nKim E. Jensen (O)\n\nAfbud\n\nIngen\n\nReferat\n\n1. Godkendelse af dagsordenen\n"
        "Sagsnr.: 15/1\n\nBeslutning i Byrådet den 26-01-2015\nDagsordenen blev godkendt.\n"
    )
    meeting = parse_text(text, "fredensborg_byraadet_2015-01-26.txt")
    assert [a.split(" (")[0] for a in meeting.attendees] == ["Thomas Lykke Pedersen", "Ulla Hardy-Hansen", "Christian de Jonquiéres", "Kim E. Jensen"]
    from rag.intent import Intent
    from rag.meeting_facts import meeting_facts

    assert Intent.of("Hvem var til stede ved byrådsmødet?").meeting
    ((_, quotes),) = meeting_facts(meeting, "Hvem var til stede ved byrådsmødet?", 3)
    assert "Kim E. Jensen (O)" in quotes[0].text and "Ingen" not in quotes[0].text


def test_a_boards_members_under_its_own_name_and_a_substitute_who_came_are_no_absentees():
    # AffaldPlus: "Bestyrelsen: <members>" and "Afbud: Kurt Munck, suppleant Martin Hillerup deltog"; Dragør: "Fremmødt:".
    text = (
        "2016-01-29\n\nBestyrelsesmøde 29. januar 2016 kl. 10.00, Ved Fjorden 20\n\n"
        "Bestyrelsen: Niels O. Pedersen, Villum Christensen, Kurt Munck og Elmer Jacobsen\n\n"
        "Afbud: Kurt Munck, suppleant Martin Hillerup deltog\n\nPkt. 1. Godkendelse af dagsorden (B)\n\nIndstilling:\nTil godkendelse.\n\n"
        "Beslutning:\nGodkendt.\n\nPkt. 2. Årsmøde 2016 (B)\n\nIndstilling:\nBestyrelsen bedes tage stilling.\n\nBeslutning:\nNiels og Jørn deltager.\n"
    )
    meeting = parse_text(text)
    assert meeting.absentees == ("Kurt Munck",)
    assert "Niels O. Pedersen" in meeting.attendees and "Elmer Jacobsen" in meeting.attendees
    dragoer = parse_text(
        "Referat af Ældrerådsmøde den 3.april 2017\n\nReferat af Ældrerådsmøde Mandag den 03.april 2017 Kl. 10.00 i lokale M1 på Wiedergården\n"
        "Fremmødt: Sten Brincker, Richard Barth og Kirja Kongsbak.\n\n1. Godkendelse af dagsorden\nDagsorden godkendt.\n\n"
        "2. Budget 2018\nRådet drøftede budgettet.\n",
        "dragoer_aeldreraadet_2017-04-03.txt",  # "03.april 2017" without a space is read from the file's name
    )
    assert dragoer.body == "Ældrerådet" and "Sten Brincker" in dragoer.attendees


def test_a_case_number_printed_over_the_next_items_heading_is_that_items():
    # Region Midtjylland prints "Sagnr.: 1-21-78-7-12" over "33. Title": it ended item 32's decision instead.
    text = (
        "Referat\ntil\nmødet i Forretningsudvalget\nden 21. maj 2013 kl. 10:00\n\nSagnr.: 1-30-11-06-V\n"
        "32. Belægningssituationen på det medicinske område\nResume\nNotatet illustrerer belægningens udvikling.\n"
        "Beslutning\nForretningsudvalget indstiller,\nat orienteringen tages til efterretning.\nTilbage til toppen\n"
        "Sagnr.: 1-21-78-7-12\n33. Driftsoverførsler 2012 til 2013\nResume\nDer foreslås driftsoverførsler.\nBeslutning\nGodkendt.\n"
    )
    meeting = parse_text(text)
    assert meeting.body == "Forretningsudvalget"
    assert [(i.number, i.case_number) for i in meeting.items][1:] == [(33, "1-21-78-7-12")]
    # Its committee "Udvalg for regional udvikling" writes what it is for in small letters: it was "Ukendt udvalg".
    assert parse_text(text.replace("Forretningsudvalget", "Udvalg for regional udvikling")).body == "Udvalg for regional udvikling"
    assert only(meeting, 32, "Beslutning") == "Forretningsudvalget indstiller,\nat orienteringen tages til efterretning."


def test_the_same_opening_heading_again_is_a_new_case_decided_or_not():
    # Hedensted: "Sagsnr.: ..." over "Beslutningstema" for every case; the first case has no decision, so the loan
    # guarantee was read as its second "Resume" and cited as "Punkt 1: Mødets deltagere/fraværende noteres her.".
    text = (
        "Udvalg: Kommunalbestyrelsen 2022-2025\nMødedato: 26. november 2025 16:00\nMødested: Rådhussalen, Juelsminde Rådhus\n"
        "Sagsnr.: 00.00.00-P35-34-24\nBeslutningstema\nMødets deltagere/fraværende noteres her.\n"
        "Sagsnr.: 13.03.00-Ø60-7-25\nBeslutningstema\nKommunalbestyrelsen skal tage stilling til en kommunal lånegaranti på 14,8 mio. kr.\n"
        "Sagsfremstilling\nLøsning Fjernvarme har søgt om garantien.\n"
    )
    meeting = parse_text(text)
    assert [(i.number, i.case_number) for i in meeting.items] == [(1, ""), (2, "13.03.00-Ø60-7-25")]
    assert "14,8 mio. kr." in meeting.item(2).sections[0].text
