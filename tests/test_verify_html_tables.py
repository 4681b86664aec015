"""Issue 17, round 13's behaviours: a statistical release as an HTML page (the Bureau of Labor Statistics' CPI
news releases) sets its text in ``<pre>`` and states its changes in tables whose headings span rows and
columns. The text is read as prose; a table of percent changes is read a row at a time, each number under
its column's span and month ("monthly change to September 2022"), after its row's label; and a row states a
claim's figure only when the claim names that row. The end-to-end test serves the page on 127.0.0.1 and runs
`artlint check --verify-sources`."""

from __future__ import annotations

import pytest

from artlint.verify.index import SourceIndex
from artlint.verify.quantities import read
from artlint.verify.reading import read_source
from links_support import verify_against_served

RELEASE = """<html><body><main><h1>Consumer Price Index - November 2022</h1>
<pre>
The Consumer Price Index for All Urban Consumers (CPI-U) rose 0.1 percent in November on a seasonally
adjusted basis, after increasing 0.4 percent in October. Over the last 12 months, the all items index
increased 7.1 percent before seasonal adjustment.

The index for all items less food and energy rose 0.2 percent in November, after rising 0.3 percent
in October. The food index increased 0.5 percent over the month.
</pre>
<pre>
def change(new, old):
    return [(n - o) / o * 100 for n, o in zip(new, old)]  # a code sample is not prose; it states 12.5 percent
</pre>
<table>
<caption>Table A. Percent changes in CPI for All Urban Consumers (CPI-U): U.S. city average</caption>
<thead>
<tr><th rowspan="2"></th><th colspan="3">Seasonally adjusted changes from preceding month</th>
<th rowspan="2">Un-<br>adjusted<br>12-mos.<br>ended<br>Nov. 2022</th></tr>
<tr><th>Sep.<br>2022</th><th>Oct.<br>2022</th><th>Nov.<br>2022</th></tr>
</thead>
<tbody>
<tr><th>All items</th><td>0.4</td><td>0.4</td><td>0.1</td><td>7.1</td></tr>
<tr><th>Food</th><td>0.8</td><td>0.6</td><td>0.5</td><td>10.6</td></tr>
<tr><th>Food at home</th><td>0.7</td><td>0.4</td><td>0.5</td><td>12.0</td></tr>
<tr><th>Used cars and trucks</th><td>-1.1</td><td>-2.4</td><td>-2.9</td><td>-3.3</td></tr>
<tr><th>All items less food and energy</th><td>0.6</td><td>0.3</td><td>0.2</td><td>6.0</td></tr>
</tbody></table>
<table>
<caption>Table 2. Consumer Price Index for All Urban Consumers (CPI-U): U.S. city average, by detailed
expenditure category, November 2022</caption>
<thead>
<tr><th rowspan="2">Expenditure category</th><th rowspan="2">Relative importance Oct. 2022</th>
<th colspan="2">Unadjusted percent change</th><th rowspan="2">Effect on all items Oct. 2022- Nov. 2022</th></tr>
<tr><th>Nov. 2021- Nov. 2022</th><th>Oct. 2022- Nov. 2022</th></tr>
</thead>
<tbody>
<tr><th>Food and beverages</th><td>13.705</td><td>10.4</td><td>0.5</td><td>0.071</td></tr>
<tr><th>Beer, ale, and other malt beverages at home ( 2 )</th><td>0.286</td><td>5.5</td><td>0.8</td><td>0.002</td></tr>
<tr><th>Gasoline (all types)</th><td>3.900</td><td>10.1</td><td>-2.0</td><td>-0.081</td></tr>
</tbody></table>
</main></body></html>"""


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return SourceIndex(read_source("text/html", RELEASE, None, "https://example.org/cpi.htm").passages)


def stated(index: SourceIndex, claim: str, figure: str) -> bool:
    at = claim.find(figure)
    quantity = read(figure)[1][-1]
    return index.stating(quantity, index.described(claim, at, at + len(figure))) is not None


def test_preformatted_prose_is_read_as_sentences_and_code_is_not(index):
    texts = [p.text for p in index.passages]
    assert "The food index increased 0.5 percent over the month." in texts  # hard-wrapped lines joined
    assert not any("zip(new, old)" in t for t in texts)
    assert stated(index, "The index for all items less food and energy rose 0.3 percent in October.", "0.3 percent")


def test_an_html_table_of_changes_is_read_a_row_at_a_time_under_its_spanning_headings(index):
    rows = {p.context.split(". ", 1)[0]: p.text for p in index.passages if p.table}
    assert rows["Food"] == ("monthly change to September 2022: 0.8%; monthly change to October 2022: 0.6%; "
                            "monthly change to November 2022: 0.5%; yearly change to November 2022: 10.6%")
    assert "Beer, ale, and other malt beverages at home" in rows  # its footnote mark gone
    assert rows["Gasoline (all types)"] == "yearly change to November 2022: 10.1%; monthly change to November 2022: -2.0%"
    # the relative importance and the effect on all items are no percent changes: left out
    assert not any("0.071" in text or "13.705" in text for text in rows.values())
    cells = [p.text for p in index.passages if not p.table]
    assert "Food and beverages | 13.705" in cells  # a column of another kind stays a cell under its heading
    assert "Food | 0.8" not in cells  # a change is read once, in its row


@pytest.mark.parametrize("claim, figure, stated_", [
    ("The index for all items less food and energy rose 0.3 percent in October, after rising 0.6 percent in "
     "September.", "0.6 percent", True),  # only in the table: its row, its month's column
    ("The food index increased 0.6 percent in October following a 0.8 percent increase in September.",
     "0.8 percent", True),
    ("The food index increased 0.8 percent in October.", "0.8 percent", False),  # a near miss: September's
    ("The used cars and trucks index fell 2.4 percent in October.", "2.4 percent", True),  # the table's -2.4
    ("The used cars and trucks index rose 2.4 percent in October.", "2.4 percent", False),  # a rise is not
    ("The food at home index rose 12.0 percent over the last 12 months.", "12.0 percent", True),
    ("The food at home index rose 0.7 percent over the last 12 months.", "0.7 percent", False),  # a month's
    ("The food index rose 10.4 percent over the last 12 months.", "10.4 percent", False),  # "Food and beverages"
    ("The food index rose 0.7 percent in September.", "0.7 percent", False),  # "Food at home": another row
    ("The all items less food and energy index rose 5.5 percent over the last 12 months.", "5.5 percent", False),
    ("The gasoline index fell 2.0 percent in November.", "2.0 percent", True),  # "(all types)" is no other row
])
def test_a_table_row_states_a_figure_of_the_row_and_column_the_claim_names(index, claim, figure, stated_):
    assert stated(index, claim, figure) is stated_


def test_check_reads_a_served_html_release(tmp_path):
    found, out = verify_against_served(tmp_path, "cpi.htm", RELEASE, "text/html", [
        "The index for used cars and trucks fell 2.4 percent in October ([BLS]({url})).",
        "The index for used cars and trucks fell 2.4 percent in November ([BLS]({url})).",
    ])
    assert (3, "figure-verified") in found and (3, "figure-not-in-source") not in found, out
    assert (5, "figure-not-in-source") in found, out
