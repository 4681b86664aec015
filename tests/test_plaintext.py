"""Plain text read as its writers meant it (and the same Sources labels in Markdown):
- every bullet or numbered line is a list item of its own, so a sentence never runs from one
  item into the next, whether the items end with punctuation or not;
- a hard-wrapped paragraph stays one paragraph, whatever its lines look like;
- a line naming a sources section is that section's heading, with or without a colon and with
  or without a blank line after it, so the source rules find it;
- ``<!-- artlint-... -->`` directives work in .txt files, through the installed command.
Positions are checked on the fixtures in tests/data/plaintext and on CRLF and BOM copies."""

from __future__ import annotations

import codecs
import textwrap
from pathlib import Path

import pytest

from conftest import lint
from artlint.document import parse_document
from artlint.document.model import HEADING, LIST_ITEM, PARAGRAPH, TITLE
from test_positions import check_positions, run_json

DATA = Path(__file__).parent / "data" / "plaintext"
MARKERS = ["-", "*", "•", "–", "●", "1.", "1)", "(1)", "a)"]


def blocks(doc) -> list[tuple[str, str]]:
    return [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


def numbered(marker: str, k: int) -> str:
    """The k-th marker of a list that starts with ``marker`` (1. 2. 3., a) b) c), - - -)."""
    if marker[-2:-1].isdigit():
        return marker.replace("1", str(k))
    if marker == "a)":
        return "abc"[k - 1] + ")"
    return marker


# ---- bullets --------------------------------------------------------------------------------

@pytest.mark.parametrize("marker", MARKERS)
@pytest.mark.parametrize("end", ["", "."])
def test_one_list_item_per_bullet_and_no_sentence_across_items(marker, end):
    items = ["Transits through the canal fell sharply", "Freight rates rose", "Insurers repriced the route"]
    lines = [f"  {numbered(marker, k)} {item}{end}" for k, item in enumerate(items, 1)]
    doc = parse_document("Red Sea Shipping\n\nThe effects so far:\n" + "\n".join(lines) + "\n", "a.txt")
    assert blocks(doc) == [(TITLE, "Red Sea Shipping"), (PARAGRAPH, "The effects so far:")] + [
        (LIST_ITEM, line) for line in lines]
    # Each item is one sentence, without its marker.
    assert [s.text(doc) for s in doc.sentences] == ["The effects so far:"] + [item + end for item in items]


def test_a_wrapped_item_keeps_its_continuation_lines():
    text = "Title\n\nIntro text.\n\n- The first item wraps\n  onto a second line\n- The second item\n"
    doc = parse_document(text, "a.txt")
    assert blocks(doc)[2:] == [(LIST_ITEM, "- The first item wraps\n  onto a second line"),
                               (LIST_ITEM, "- The second item")]


@pytest.mark.parametrize("intro", ["", "Intro text.\n\n"], ids=["before-the-body", "in-the-body"])
def test_a_label_right_above_its_list_is_a_heading(intro):
    doc = parse_document(f"Title\n\n{intro}What Carriers Did Next\n1. Added ten days\n2. Booked ships\n", "a.txt")
    assert blocks(doc)[-3:] == [(HEADING, "What Carriers Did Next"), (LIST_ITEM, "1. Added ten days"),
                                (LIST_ITEM, "2. Booked ships")]
    assert lint(doc.text, ["competing-titles"], format="text") == []


@pytest.mark.parametrize("marker", ["-", "–", "•", "1."])
def test_a_figure_in_one_item_is_not_supported_by_the_next_item(marker):
    """Joined into one sentence, "according to the IMF" would cite the figure above it."""
    text = (f"Red Sea Shipping\n\nThe effects so far:\n{numbered(marker, 1)} Transits fell by two-thirds\n"
            f"{numbered(marker, 2)} according to the IMF, the Cape route carries most boxes\n")
    found = [(d.rule, d.line, d.match) for d in lint(text, ["unsupported-statistic"], format="text")]
    assert found == [("unsupported-statistic", 4, "two-thirds")]
    joined = text.replace(f"\n{numbered(marker, 2)} ", " ")  # the same words as one item: cited
    assert lint(joined, ["unsupported-statistic"], format="text") == []


# ---- hard-wrapped paragraphs ------------------------------------------------------------------

WRAPPED = ("Container lines have spent the winter sending their Asia–Europe ships around the Cape of "
           "Good Hope, and the cost of that detour now shows up In Every Part Of The Supply Chain "
           "Today – in fuel bills, in longer lead times and in the stock that importers must hold, "
           "which The Kiel Institute For The World Economy put at several billion euros. Rates more "
           "than tripled in a few weeks.")


@pytest.mark.parametrize("width", [40, 60, 72])
def test_a_hard_wrapped_paragraph_stays_one_paragraph(width):
    wrapped = textwrap.fill(WRAPPED, width)
    assert wrapped.count("\n") >= 4
    text = f"Why Ports Matter\n\n{wrapped}\n\nA Heading\n\nMore text here.\n"
    doc = parse_document(text, "a.txt")
    assert blocks(doc) == [(TITLE, "Why Ports Matter"), (PARAGRAPH, wrapped), (HEADING, "A Heading"),
                           (PARAGRAPH, "More text here.")]
    assert [" ".join(s.text(doc).split()) for s in doc.sentences][:2] == [
        WRAPPED[: WRAPPED.index(" Rates")], "Rates more than tripled in a few weeks."]
    assert lint(text, ["competing-titles", "empty-section"], format="text") == []


def test_a_dash_line_inside_a_paragraph_is_not_a_list():
    text = "Title\n\nThe plan was sound, the minister said\n– a claim few believed.\n"
    doc = parse_document(text, "a.txt")
    assert blocks(doc)[1:] == [(PARAGRAPH, "The plan was sound, the minister said\n– a claim few believed.")]


# ---- Sources-like sections --------------------------------------------------------------------

CLAIM = "Spot rates tripled in a few weeks, and war-risk premiums rose 12% in a single week."
ENTRY = "Drewry – World Container Index, 1 February 2024"
LOCATED = "Kiel Institute – Kiel Trade Indicator. doi:10.1000/182"
TEXT_LABELS = ["Sources", "Sources:", "SOURCES", "sources:", "References:", "REFERENCES", "Further reading",
               "Further Reading:", "Notes", "Notes:", "Bibliography", "Bibliography:", "Works cited", "Literature"]
MARKDOWN_LABELS = ["**Sources:**", "**Sources**:", "Sources:", "Sources", "__References__", "*Further reading:*",
                   "**Notes**", "**BIBLIOGRAPHY**"]


def source_findings(text: str, fmt: str) -> list[tuple[str, int, str]]:
    return [(d.rule, d.line, d.match) for d in lint(text, ["source"], format=fmt)]


def entries_text(label: str, gap: str, bullet: str) -> tuple[str, int]:
    """An article whose only sourcing is a section under ``label``: one entry without a locator
    (a DOI is no link, so only the section keeps no-sources quiet). Returns it with the line of
    the bad entry."""
    head = f"Red Sea Shipping\n\n{CLAIM}\n\n{label}\n{gap}"
    return f"{head}{bullet}{ENTRY}\n{bullet}{LOCATED}\n", head.count("\n") + 1


@pytest.mark.parametrize("label", TEXT_LABELS)
@pytest.mark.parametrize("gap", ["", "\n"], ids=["no-blank-line", "blank-line"])
@pytest.mark.parametrize("bullet", ["", "- ", "  • ", "1. ", "¹ "], ids=["lines", "dash", "bullet", "numbered", "note"])
def test_sources_labels_in_plain_text(label, gap, bullet):
    text, line = entries_text(label, gap, bullet)
    doc = parse_document(text, "a.txt")
    assert [s.title(doc) for s in doc.sections] == [label]
    assert source_findings(text, "text") == [("source-without-locator", line, ENTRY)]
    # Without its heading the entries are just text: the article cites nothing (note marks
    # like "¹" are a sign of sourcing of their own).
    unheaded = text.replace(f"\n{label}\n", "\n")
    expected = [] if "¹" in bullet else ["no-sources"]
    assert [rule for rule, _, _ in source_findings(unheaded, "text")] == expected


@pytest.mark.parametrize("label", MARKDOWN_LABELS)
@pytest.mark.parametrize("gap", ["", "\n"], ids=["no-blank-line", "blank-line"])
@pytest.mark.parametrize("bullet", ["- ", "1. "], ids=["dash", "numbered"])
def test_sources_labels_in_markdown(label, gap, bullet):
    text, line = entries_text(label, gap, bullet)
    text = "# " + text
    doc = parse_document(text, "a.md")
    assert [s.title(doc).rstrip(":") for s in doc.sections][1:] == [label.strip("*_:")]
    assert source_findings(text, "markdown") == [("source-without-locator", line, ENTRY)]


def test_a_markdown_label_line_above_its_entries_in_one_paragraph():
    text = f"# Shipping\n\n{CLAIM}\n\n**Sources:**\n{ENTRY}\n{LOCATED}\n"
    doc = parse_document(text, "a.md")
    assert blocks(doc)[2:] == [(HEADING, "**Sources:**"), (PARAGRAPH, f"{ENTRY}\n{LOCATED}")]
    assert [rule for rule, _, _ in source_findings(text, "markdown")] == []  # one wrapped entry, with a DOI
    # with a hard break the lines render apart: two entries, the first without a locator
    broken = f"# Shipping\n\n{CLAIM}\n\n**Sources:**\n{ENTRY}  \n{LOCATED}\n"
    assert source_findings(broken, "markdown") == [("source-without-locator", 6, ENTRY)]


def test_a_label_line_is_no_anchor():
    text = "# Shipping\n\nSee [the sources](#sources).\n\n**Sources:**\n- https://portwatch.imf.org/\n"
    assert [d.rule for d in lint(text, ["unmatched-link-fragment"])] == ["unmatched-link-fragment"]


def test_a_section_with_links_silences_no_sources():
    for fmt, label in (("text", "Sources:"), ("markdown", "**Sources:**")):
        text = f"Red Sea Shipping\n\n{CLAIM}\n\n{label}\n- IMF PortWatch – https://portwatch.imf.org/\n"
        assert source_findings(text, fmt) == []


def test_a_sentence_ending_with_a_colon_is_not_a_label():
    text = f"Title\n\n{CLAIM}\n\nThe sources we used were these:\n- {ENTRY}\n"
    doc = parse_document(text, "a.txt")
    assert doc.sections == []
    assert [rule for rule, _, _ in source_findings(text, "text")] == ["no-sources"]


def test_a_singular_note_is_an_aside_not_a_section():
    text = f"# Shipping\n\n{CLAIM}\n\n**Note:**\nRates vary by lane.\n"
    assert [s.title(parse_document(text, 'a.md')) for s in parse_document(text, "a.md").sections] == ["Shipping"]


@pytest.mark.parametrize("entries, flagged", [
    # a hard-wrapped entry: its second line continues it
    ("Drewry – World Container Index, a weekly\ncomposite of eight routes\n", ["Drewry – World Container Index, a weekly\ncomposite of eight routes"]),
    # a URL on the line below its entry belongs to it
    ("Drewry – World Container Index\nhttps://www.drewry.co.uk/wci\nKiel Institute – Trade Indicator\n", ["Kiel Institute – Trade Indicator"]),
    # one line, one entry
    ("Drewry – World Container Index\nKiel Institute – Trade Indicator\n", ["Drewry – World Container Index", "Kiel Institute – Trade Indicator"]),
])
def test_plain_text_entries_are_lines_with_their_continuations(entries, flagged):
    text = f"Title\n\nSome text.\n\nSources\n{entries}"
    assert [m for _, _, m in source_findings(text, "text")] == flagged


def test_underlined_headings_in_plain_text():
    """"SOURCES" over "-------" is a heading as in Markdown's setext style: its underline is no
    entry, and the lines under it are the section's, with no blank line between."""
    text = ("AI REGULATION IN 2025\n=====================\n\n1. UNITED STATES\n---------------\n"
            f"{CLAIM}\n\nSOURCES\n-------\n- {ENTRY}\n- IMF PortWatch: https://portwatch.imf.org/\n")
    doc = parse_document(text, "a.txt")
    assert blocks(doc)[:2] == [(TITLE, "AI REGULATION IN 2025"), (HEADING, "1. UNITED STATES")]
    assert [s.title(doc) for s in doc.sections] == ["1. UNITED STATES", "SOURCES"]
    assert source_findings(text, "text") == [("source-without-locator", 10, ENTRY)]
    # a rule under a sentence is no underline: the sentence stays prose
    prose = parse_document(f"Title\n\n{CLAIM}\n----------\n", "a.txt")
    assert [k for k, _ in blocks(prose)] == [TITLE, PARAGRAPH]


def test_headings_between_asterisks_in_plain_text():
    """A page saved as text by html2text writes its headings between runs of asterisks, with no
    blank line around them ("***** References[edit] *****" right under the last "See also" item):
    each is a heading that ends the list above it, and a wiki's "[edit]" link is no part of the
    section's name, so the entries under it are checked."""
    text = ("Housing\n\n" + CLAIM + "\n\n***** See also[edit] *****\n    * Public_housing\n"
            "***** References[edit] *****\n   1. ^ " + ENTRY + "\n")
    doc = parse_document(text, "a.txt")
    assert [(k, t) for k, t in blocks(doc) if k == HEADING] == [
        (HEADING, "***** See also[edit] *****"), (HEADING, "***** References[edit] *****")]
    assert [s.name(doc) for s in doc.sections] == ["See also", "References"]
    assert source_findings(text, "text") == [("source-without-locator", 8, "^ " + ENTRY)]
    # asterisks on one side only, or a bullet, are no heading
    assert [k for k, _ in blocks(parse_document("Title\n\n***** Not a heading\n", "a.txt"))] == [TITLE, PARAGRAPH]


# ---- suppression comments in .txt, through the installed command -------------------------------

def test_suppression_comments_in_plain_text_through_the_command_line():
    _, found = run_json(DATA / "suppressed.txt")
    assert [(d["line"], d["rule"], d["match"]) for d in found] == [
        (4, "unsupported-statistic", "tripled"),
        (4, "space-before-punctuation", " "),
        (4, "unsupported-statistic", "12%"),  # every figure of the sentence
        (10, "space-before-punctuation", " "),  # the statistic region spares only statistics
        (13, "unsupported-statistic", "300%"),
        (13, "space-before-punctuation", " "),
    ]


def test_directives_are_not_prose_and_other_comments_are():
    text = ("Title\n\n<!-- artlint-disable-next-line space-before-punctuation -->\nOne , two.\n\n"
            "Some text, and more. <!-- a writer's note , here -->\n")
    doc = parse_document(text, "a.txt")
    assert [c.body for c in doc.comments] == [" artlint-disable-next-line space-before-punctuation "]
    assert "artlint" not in doc.prose and "writer's note , here" in doc.prose
    # The directive line reads as a blank line: it joins nothing and is no block.
    assert blocks(doc) == [(TITLE, "Title"), (PARAGRAPH, "One , two."), (PARAGRAPH, "Some text, and more. <!-- a writer's note , here -->")]
    assert [(d.line, d.match) for d in lint(text, ["spacing"], format="text")] == [(6, " ")]


# ---- positions --------------------------------------------------------------------------------

EXPECTED = {  # (line, rule) of what the fixtures must report
    "bullets.txt": [(4, "unsupported-statistic"), (5, "space-before-punctuation"), (6, "unsupported-statistic"),
                    (7, "unsupported-statistic"), (14, "unsupported-statistic"), (18, "source-without-locator")],
    "wrapped.txt": [(7, "space-before-punctuation"), (11, "unsupported-statistic"), (15, "source-without-locator")],
    "sources.md": [(3, "unsupported-statistic"), (3, "space-before-punctuation"), (3, "unsupported-statistic"),
                   (6, "source-without-locator"),
                   (11, "source-without-locator")],
}


def test_fixture_findings():
    _, found = run_json(*(DATA / name for name in EXPECTED))
    by_file: dict[str, list] = {name: [] for name in EXPECTED}
    for d in found:
        by_file[Path(d["path"]).name].append((d["line"], d["rule"]))
    assert by_file == EXPECTED


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom+crlf", "cr"])
def test_positions_are_exact_on_every_line_ending(tmp_path, variant):
    names = sorted(p.name for p in DATA.iterdir())
    for name in names:
        text = (DATA / name).read_text("utf-8")
        if "crlf" in variant:
            text = text.replace("\n", "\r\n")
        elif variant == "cr":
            text = text.replace("\n", "\r")
        data = text.encode("utf-8")
        (tmp_path / name).write_bytes((codecs.BOM_UTF8 if "bom" in variant else b"") + data)
    _, found = run_json(*names, cwd=tmp_path, in_process=variant != "lf")
    assert check_positions(found, tmp_path) == sum(map(len, EXPECTED.values())) + 6  # + suppressed.txt


RST_PAGE = """Carbon capture
==============

Capture rates are assumed for each plant type (see :numref:`tab-ccs`).

.. _tab-ccs:
.. list-table:: Carbon capture rates in [%]
   :widths: 25 45 15
   :header-rows: 1

   * - Conversion process
     - Capture rate
   * - IGCC power plant with CCS
     - 90%

   * - Coal-to-liquids with CCS
     - 85%

.. code-block:: python

   rate = 0.9 ; share = 85 %

.. figure:: /_static/supply-curves.png
   :width: 750px

   Supply curves for coal , oil and gas.

Nearly half of the reserves of conventional oil are in the Middle East.
"""


def test_restructuredtext_directives_are_tables_code_and_markup():
    """Sphinx publishes a page's source as .txt: its list-table is a table (no claim in running
    text), its code is not prose, a figure's line and options are markup and its caption prose."""
    doc = parse_document(RST_PAGE, "page.txt")
    kinds = blocks(doc)
    assert ("table", RST_PAGE[RST_PAGE.index(".. list-table"):RST_PAGE.index("85%") + 3]) in kinds
    for hidden in ("rate = 0.9", "_static", ":width:", "_tab-ccs", "code-block"):
        assert hidden not in doc.prose, hidden
    assert "Supply curves for coal , oil and gas." in doc.prose
    found = lint(RST_PAGE, format="text")
    assert sorted((d.rule, d.match) for d in found) == [("space-before-punctuation", " "), ("unsupported-statistic", "Nearly half of")]
    lines = RST_PAGE.split("\n")
    for d in found:  # each at its place in the page
        assert lines[d.line - 1][d.column - 1 : d.end_column - 1] == d.match
