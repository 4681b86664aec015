"""Issue 17, round 7's behaviours: a statistical table's rows as a PDF's text gives them (a label with
footnote numbers glued on, dot leaders, one number per column), each number read under its column's
heading; and a fall is one value two ways ("-2.9%" is "fell 2.9 percent"), never a rise. Round 14's: such a
row read whole (its label, its columns' headings and its table's title against the claim's sentence), and a
claim about inflation is the price index's own row. The end-to-end tests serve a small real PDF on 127.0.0.1
and run `artlint check --verify-sources`."""

from __future__ import annotations

import pytest
from links_support import verify_against_served
from pdf_support import make_pdf

from artlint.verify.index import SourceIndex
from artlint.verify.quantities import read
from artlint.verify.reading import read_source

DETAILED = [
    "Table 2. Consumer Price Index for All Urban Consumers (CPI-U): by detailed expenditure category, July 2025",
    "Expenditure category Relative importance Jun. 2025 Unadjusted percent change",
    "Jul. 2024- Jul. 2025 Jun. 2025- Jul. 2025",
    "Smartphones1, 3, 12. . . . . . . . . . . . . . . . . . . . -14.7 0.0",
    "Other lodging away from home including hotels",
    "and motels. . . . . . . . . . . . . . . . . . . 1.147 -4.8 -2.0",
    "Peanut butter1, 2. . . . . . . . . . . . . . . . . . . . . . -1.0 -2.6",
    "Other fats and oils including peanut butter. . . . . . . 0.246 -3.3 -0.8",
]
MONTHS = [
    "Table 5. Chained Consumer Price Index for All Urban Consumers (C-CPI-U) and the Consumer Price Index",
    "for All Urban Consumers (CPI-U): all items index, July 2025",
    "Month Year Unadjusted 1-month percent change Unadjusted 12-month percent change",
    "C-CPI-U1 CPI-U C-CPI-U1 CPI-U",
    "June 2023. . . . . . . . . . . . . . . . . . . 0.3 0.3 2.9 3.0",
    "October 2024. . . . . . . . . . . . . . . . . 0.1 0.1 2.3 2.6",
]
PROSE = ["The gasoline index fell 9.5 percent over this 12-month span and the fuel oil index fell 2.9 percent",
         "over the same period. The index for airline fares rose 4.0 percent over the month."]


def pdf_index(pages: list[list[str]], url: str) -> SourceIndex:
    """The index of a real PDF of these pages' lines, as verify reads a fetched one."""
    return SourceIndex(read_source("application/pdf", None, make_pdf(pages), url).passages)


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return pdf_index([DETAILED, MONTHS, PROSE], "https://example.org/cpi.pdf")


def stated(index: SourceIndex, claim: str, figure: str) -> bool:
    at = claim.find(figure)
    quantity = read(figure)[1][-1]
    return index.stating(quantity, index.described(claim, at, at + len(figure))) is not None


def test_a_table_row_is_its_label_and_its_columns_of_changes(index):
    rows = [p for p in index.passages if p.table]
    smartphones = next(p for p in rows if p.context.startswith("Smartphones."))  # footnote numbers and leaders gone
    assert "-14.7%" in smartphones.text and "yearly change to July 2025" in smartphones.text
    hotels = next(p for p in rows if "hotels and motels" in p.context)  # a label wrapped onto two lines
    assert "1.147" not in hotels.text  # the relative importance is no percent change: left out


def test_a_row_whose_dot_leaders_start_the_next_line_is_one_row():
    """PDFium gives a row's leaders a line of their own after a label's footnote marks ("Dairy and related
    products1" over ".......... 0.723 1.5 0.7"): the row is still its label and its columns."""
    page = DETAILED[:3] + ["Dairy and related products1", ".............. 0.723 1.5 0.7"]
    dairy = [p for p in pdf_index([page], "https://example.org/dairy.pdf").passages if p.table and "Dairy" in p.context]
    assert len(dairy) == 1 and "1.5%" in dairy[0].text and "0.723" not in dairy[0].text


def test_a_pdf_that_cannot_be_read_says_why():
    assert read_source("application/pdf", None, b"%PDF-1.4 not really", "https://example.org/x.pdf").unreadable == (
        "a PDF that cannot be read (PDFium: Data format error)")
    assert read_source("application/pdf", None, make_pdf([[], []], scanned=True), "https://example.org/s.pdf"
                       ).unreadable == "a scanned PDF without a text layer"


@pytest.mark.parametrize("claim, figure, stated_", [
    ("Smartphones: -14.7% y/y", "-14.7%", True),
    ("Hotels: -4.8%", "-4.8%", True),  # a change that names no span is the year's
    ("Hotels: 4.8%", "4.8%", False),  # a sign flip
    ("Hotel prices rose 4.8% over the year.", "4.8%", False),
    ("Hotel prices fell 4.8% over the year.", "4.8%", True),  # "fell 4.8%" is the table's -4.8
    ("Hotels: -2.0%", "-2.0%", False),  # the month's change, for a claim that does not say it is one
    ("Hotel prices fell 2.0% over the month.", "2.0%", True),
    ("Hotels: -2.0% y/y", "-2.0%", False),
    ("Peanut butter: -3.3%", "-3.3%", False),  # the broader series "including peanut butter", not its own row
    ("Peanut butter: -1.0%", "-1.0%", True),
])
def test_a_table_cell_states_the_claim_of_its_row_column_and_sign(index, claim, figure, stated_):
    assert stated(index, claim, figure) is stated_


@pytest.mark.parametrize("claim, figure, stated_", [
    ("CPI inflation was 2.6% in October.", "2.6%", True),
    ("CPI inflation was 3.0% in October.", "3.0%", False),  # another month's row
    ("CPI inflation was 0.1% in October.", "0.1%", False),  # the month's change, not the year's
    ("Annual inflation is now down to 3%.", "3%", False),  # a table of months: which month is not said
])
def test_a_table_whose_rows_are_months_states_a_claim_that_names_its_month(index, claim, figure, stated_):
    assert stated(index, claim, figure) is stated_


@pytest.mark.parametrize("claim, figure, stated_", [
    ("Fuel oil: -2.9%", "-2.9%", True),
    ("Fuel oil: 2.9%", "2.9%", True),  # no sign: the size of the change the source gives
    ("Airline fares: -4.0%", "-4.0%", False),  # they rose 4.0 percent
    ("Gasoline is down nearly 10% over last year.", "nearly 10%", True),
])
def test_a_negative_figure_is_a_fall_in_words(index, claim, figure, stated_):
    assert stated(index, claim, figure) is stated_


def test_a_negative_figure_is_read_with_its_own_tolerance():
    (claim,) = read("-14.7%")[1]
    assert claim.accepts(read("-14.7%")[1][0]) and not claim.accepts(read("14.7%")[1][0])


def test_check_reads_a_served_pdf_table(tmp_path):
    found, out = verify_against_served(tmp_path, "cpi.pdf", make_pdf([DETAILED, MONTHS]), "application/pdf", [
        "Smartphone prices fell 14.7% over the year ([BLS]({url})).",
        "Peanut butter prices fell 14.7% over the year ([BLS]({url})).",
    ])
    assert (3, "figure-verified") in found and (3, "figure-not-in-source") not in found, out
    assert (5, "figure-not-in-source") in found, out


# Round 8 studied: an HTML table's text gives each cell a line of its own, a line of white space between rows
HTML_TABLE = """<html><body><main><h1>Premium growth model report</h1>
<p>The model projects growth in health expenditures per privately insured person, and those projections serve
as the basis for premiums in the budget office's modeling. Adjustments are made to the current-year estimate
and to the estimate for the first year of the projection, on the basis of survey data and interviews.</p>
<table>
<thead><tr><th>Baseline</th><th>2024</th><th>2025</th><th>2026</th></tr></thead>
<tbody>
<tr><td>Spring 2025</td><td>+2 p.p.</td><td>+2 p.p.</td><td>+0 p.p.</td></tr>
<tr><td>Winter 2026</td><td>+2 p.p.</td><td>+1.5 p.p.</td><td>+1.5 p.p.</td></tr>
</tbody></table>
<p>Growth in the near term was raised by those adjustments for each year of the window.</p>
</main></body></html>"""


def test_an_html_table_cell_is_read_under_its_own_columns_heading():
    """'Spring 2025 | +2 p.p.' under 'Baseline | 2024': each cell is a passage after its row's label, with its
    own column's heading, so a figure is of its column's year, not of the other columns' years."""
    text = read_source("text/html", HTML_TABLE, None, "https://example.org/report.html")
    cells = [(p.text, p.context) for p in text.passages if p.context]
    assert ("Spring 2025 | +2 p.p.", "Baseline | 2024") in cells
    assert ("Winter 2026 | +1.5 p.p.", "Baseline | 2026") in cells
    index = SourceIndex(text.passages)
    assert stated(index, "The winter baseline adds an adjustment of 1.5 percentage points in 2025.", "1.5 percentage points")
    assert not stated(index, "The winter baseline adds an adjustment of 1.5 percentage points in 2024.", "1.5 percentage points")


PERIODS_TABLE = """<html><body><main><h1>Persistent poverty in Scotland</h1>
<p>Persistent poverty is being in relative poverty for at least three of four consecutive years. The estimates
below are for people in persistent poverty after housing costs, for each four-year period of the survey.</p>
<table>
<thead><tr><th>Period</th><th>After housing costs</th></tr></thead>
<tbody>
<tr><td>2012-2016</td><td>36%</td></tr>
<tr><td>2014-2018</td><td>33%</td></tr>
<tr><td>2016-2020</td><td>35%</td></tr>
</tbody></table>
<p>The survey sample was smaller in the last period, so the estimates are less precise.</p>
</main></body></html>"""


def test_a_table_row_of_a_span_of_years_states_only_a_claim_about_that_span():
    """A row whose period is "2012-2016" is not the claim's 2016-2020, though both name 2016: a claim that names
    a span of years is stated only by the row of the same span."""
    index = SourceIndex(read_source("text/html", PERIODS_TABLE, None, "https://example.org/persistent.html").passages)
    claim = "Between 2016 and 2020, an average of {} of people were in persistent poverty after housing costs."
    assert stated(index, claim.format("35%"), "35%")
    assert not stated(index, claim.format("36%"), "36%")
    assert stated(index, "Between 2012 and 2016, 36% of people were in persistent poverty after housing costs.", "36%")


# Round 14 studied: a PDF table's row is read whole, as an HTML table's is, its label, its columns' headings and
# its table's title against the claim's sentence; the price index's own row ("All items") is what a claim that
# calls its figure inflation is about
ITEMS = [
    "Table 1. Consumer Price Index for All Urban Consumers (CPI-U): U.S. city average, by expenditure category, July 2025",
    "Expenditure category Relative importance Jun. 2025 Unadjusted percent change",
    "Jul. 2024- Jul. 2025 Jun. 2025- Jul. 2025",
    "All items. . . . . . . . . . . . . . . . . . . . . . . . . 100.000 2.7 0.2",
    "Food. . . . . . . . . . . . . . . . . . . . . . . . . . . . 13.600 2.9 0.0",
    "Food at elementary and secondary schools1, 3. . . . . . . 0.010 5.1 0.3",
    "Energy. . . . . . . . . . . . . . . . . . . . . . . . . . . 6.400 -2.4 -1.1",
]
RELEASE = ["The index for food rose 2.9 percent over the 12 months ending in June. The energy index fell",
           "2.4 percent over the last year, and the index for food away from home rose 3.9 percent."]


@pytest.fixture(scope="module")
def release() -> SourceIndex:
    return pdf_index([ITEMS, MONTHS, RELEASE], "https://example.org/cpi-release.pdf")


@pytest.mark.parametrize("claim, figure, stated_", [
    # the row of the month the claim names, its subject ("the all items index") in the table's title, not beside
    # its figure, whose words say only over what span and to which month ("for the 12 months ending October")
    ("The all items index rose 2.6 percent for the 12 months ending October.", "2.6 percent", True),
    ("The all items index rose 3.0 percent for the 12 months ending October.", "3.0 percent", False),  # June's
    (("The all items index rose 2.7 percent for the 12 months ending July, after rising 2.6 percent over the 12 "
      "months ending October."), "2.7 percent", True),  # Table 1's "All items" row for July
])
def test_a_pdf_table_row_is_read_with_its_label_and_its_tables_title(release, claim, figure, stated_):
    assert stated(release, claim, figure) is stated_


@pytest.mark.parametrize("claim, figure, stated_", [
    # "second" is no name of the row "Food at elementary and secondary schools": inflation is the index's own row
    ("Inflation fell to 2.7% in July, smashing expectations for the second straight month.", "2.7%", True),
    ("Food inflation was 2.7% in July.", "2.7%", False),  # the row "Food" says 2.9: not the index's own row
    ("Energy prices fell 2.7% in July.", "2.7%", False),  # nor "Energy"
    ("Energy prices fell 2.4% over the last year.", "2.4%", True),
])
def test_inflation_names_the_price_indexs_own_row(release, claim, figure, stated_):
    assert stated(release, claim, figure) is stated_


def test_a_round_figure_is_not_a_table_cell_it_only_approximates(release):
    """Among a table's hundreds of one-decimal cells, one within a round figure's rounding is there by chance: the
    row's 2.7 is the claim's "2.7 percent", not its "about 3 percent" (read whole, the row would say what it is of)."""
    claim = "The all items index rose {} for the 12 months ending July."
    assert stated(release, claim.format("2.7 percent"), "2.7 percent")
    assert not stated(release, claim.format("about 3 percent"), "about 3 percent")
    assert not stated(release, "Annual inflation has fallen for a year and is now down to 3%.", "3%")


def test_check_reads_a_served_pdf_tables_own_row(tmp_path):
    found, out = verify_against_served(tmp_path, "cpi.pdf", make_pdf([ITEMS, MONTHS, RELEASE]), "application/pdf", [
        "Inflation fell to 2.7% in July, smashing expectations for the second straight month ([BLS]({url})).",
        "Food inflation was 2.7% in July ([BLS]({url})).",
    ])
    assert (3, "figure-verified") in found and (3, "figure-not-in-source") not in found, out
    assert (5, "figure-not-in-source") in found, out
