"""How --verify-sources decides that a source passage states a claim's figure (issue 17), on
small built sources: the number decides which passages are candidates, words say whether the
best of them is about the same thing (verify.index.SourceIndex)."""

from __future__ import annotations

import pytest

from artlint.verify.index import SourceIndex, topic_words
from artlint.verify.quantities import quantities
from artlint.verify.reading import Passage, read_source

# The rest of a report, so that the words of the passages under test weigh what they do in one:
# its subject's words ("rare earth", "emissions", "levels") are everywhere, and weigh little.
FILLER = [
    "The committee met four times during the year to review rare earth supply and emissions levels.",
    "Several members asked for the rare earth methodology to be published in full.",
    "Regional offices reported emissions levels from each sector over the winter.",
    "The secretariat thanked the contributors from China for their time.",
    "Further work is planned on rare earth trade and on the quality of the emissions surveys.",
    "A consultation on the draft guidance on sector levels closes in the spring.",
]


def stated(source: list[Passage | str], claim: str, figure: str) -> bool:
    passages = [p if isinstance(p, Passage) else Passage(p) for p in source + FILLER]
    index = SourceIndex(passages)
    (quantity,) = [q for q in quantities(claim) if q.surface in figure or figure in q.surface][-1:]
    at = claim.find(figure)
    return index.stating(quantity, index.described(claim, at, at + len(figure))) is not None


def test_a_source_that_words_the_figure_otherwise_states_it():
    """Nothing beside the claim's number says what it is; the passage's sentence does."""
    source = ["This year shows an increase in nightly users: 51.6% of respondents use nightly, up from 48.8%."]
    claim = "For the second year in a row, nightly usage has continued to rise, and is now over 56% (up from 51.6% of last year)."
    assert stated(source, claim, "51.6%")
    assert not stated(source, claim, "over 56%")


def test_a_passage_about_the_claim_does_not_lend_its_words_to_another_of_its_figures():
    source = ["China accounted for about 70% of world rare earth mining, and for 87 percent of rare earth processing."]
    assert not stated(source, "China accounts for over 60% of global rare earth processing.", "over 60%")
    assert stated(source, "China accounts for about 70% of rare earth mining.", "about 70%")


def test_a_pdf_line_does_not_lend_its_sentence_words_to_a_figure():
    """A PDF's line is a piece of a sentence: its other words need not be about its figure."""
    text = "This year shows an increase in nightly users: 51.6% of respondents use nightly, up from 48.8%."
    claim = "For the second year in a row, nightly usage has continued to rise, and is now over 56% (up from 51.6% of last year)."
    assert stated([Passage(text, "page 2")], claim, "51.6%")
    assert not stated([Passage(text, "page 2", line=True)], claim, "51.6%")


def test_years_acronyms_and_endings_are_words_of_what_a_figure_is_about():
    assert {"#1990", "=icf", "reduc"} <= topic_words("UK ICF reduced by 2% from 1990 levels")
    assert "reduc" in topic_words("reduce") and "#2030" not in topic_words("2030%")
    source = ["The UK will double its ICF to at least £11.6 billion between 2021 and 2025."]
    claim = "The Prime Minister announced a doubling of our international climate finance to £11.6 billion."
    assert stated(source, claim, "£11.6 billion")


def test_a_year_that_differs_is_a_different_figure():
    source = ["Emissions in the sector were 43% below 2005 levels, according to the inventory."]
    assert stated(source, "Emissions in the sector were 43% below 2005 levels.", "43%")
    assert not stated(source, "Emissions in the sector fell by 43% from 1990 levels.", "43%")


@pytest.mark.parametrize("cell, stated_", [("EVShareP50: .2396972", True), ("growth rate: 0.24", True),
                                           ("vehicles: 0.2397", False)])
def test_a_table_share_written_as_a_fraction_states_a_percentage(cell, stated_):
    (claim,) = quantities("24%")
    assert any(claim.accepts(q) for q in quantities(cell)) is stated_


def test_a_csv_share_column_supports_a_percentage_claim():
    text = read_source("text/csv", "year,EVShareP17,EVShareP50\n2029,.15,.2211\n2030,.1625549,.2396972\n", None, "s.csv")
    index = SourceIndex(text.passages)
    claim = "The model projects a median EV share in 2030 of 24%."
    (figure,) = quantities("24%")
    at = claim.find("24%")
    evidence = index.stating(figure, index.described(claim, at, at + 3))
    assert evidence is not None and evidence.passage.location == "row 3"


@pytest.mark.parametrize("passages, kind, expected", [
    # a PDF's line, read apart from the prose around it
    ((Passage("Output rose 5% in 2023.", "page 1"), Passage("Output 5% 2023", "page 1", line=True)), "line", [False, True]),
    # a statistical table's row
    ((Passage("yearly change to July 2025: -14.7%", "page 1", "Smartphones.", True, True),), "table", [True]),
])
def test_the_source_cache_keeps_what_kind_of_passage_each_is(tmp_path, passages, kind, expected):
    from artlint.verify.cache import SourceCache
    from artlint.verify.reading import SourceText

    cache = SourceCache(tmp_path, 86400, "test")
    cache.store({"https://example.org/r.pdf": (SourceText(passages), {})})
    cache.close()
    again = SourceCache(tmp_path, 86400, "test")
    kept = again.kept(["https://example.org/r.pdf"])["https://example.org/r.pdf"].text
    again.close()
    assert [getattr(p, kind) for p in kept.passages] == expected


def test_a_comma_between_two_figures_parts_what_each_is_about():
    """"33% weekly, 41% monthly": weekly is the 33%'s word, not the 41%'s."""
    source = ["Most of the respondents read the newsletter (33% weekly, 41% monthly), the rest never open it."]
    assert not stated(source, "Most of the respondents read the newsletter (41% weekly, 30% monthly).", "41%")
    assert stated(source, "Most of the respondents read the newsletter (30% weekly, 41% monthly).", "41%")
    source = ["Readers wanted faster search (52%), clearer diagrams of the pipeline (38%), and shorter releases."]
    assert stated(source, "In that survey, 38% of readers asked for clearer diagrams of the pipeline.", "38%")


@pytest.mark.parametrize("claim", [
    "More readers have subscribed for at least three years: 44% this year vs 31% last year.",
    "Readers subscribed for at least three years are now 44%, a 42% increase from last year's 31%.",
    "Readers subscribed for at least three years went from 31% to 44%.",
    "Readers subscribed for at least three years are now 44% compared with last year's 31%.",
])
def test_the_earlier_value_of_a_comparison_measures_what_the_compared_figure_measures(claim):
    """"44% this year vs 31% last year": the 31% has no words of its own but the comparison's;
    it is the same measure, another year's value."""
    index = SourceIndex([Passage(t) for t in ["Readers subscribed for at least three years.", *FILLER]])
    at = claim.find("31%")
    about = index.described(claim, at, at + 3).measures
    assert {"reader", "subscr", "least"} <= about and "increa" not in about


def test_the_earlier_value_is_not_taken_for_the_change():
    """"a 42% increase from last year's 31%": the 31% is not an increase; a source passage that
    gives the 31% and then an increase of its own states it."""
    source = ["Readers subscribed for at least three years were 31% of the total, a 9% increase on the year before."]
    claim = "Readers subscribed for at least three years are now 44%, a 42% increase from last year's 31%."
    assert stated(source, claim, "31%")
    assert not stated(source, claim, "44%")


def test_a_number_before_a_comma_is_a_number_not_a_number_and_its_comma():
    """"(771 in 2018, 603 in 2017)": 2018 is the 771's year, not another figure ending its clause."""
    from artlint.verify.index import _numbers

    index = SourceIndex([Passage("We received 908 responses in 2019.")] + [Passage(t) for t in FILLER])
    claim = "We received 908 responses this year (771 in 2018, 603 in 2017)."
    at = claim.find("771")
    assert "#2018" in index.described(claim, at, at + 3).clause
    assert _numbers("in 2018, 603 and 1,200") == [2018.0, 603.0, 1200.0]


def test_a_fraction_in_words_that_a_figure_in_digits_gives_exactly_is_that_figure():
    """"Almost half of our readers are teachers (47%)" states 47%, not 50%."""
    source = ["Almost half of our readers are teachers (47%), and the next largest group are students (17%)."]
    assert not stated(source, "Half of our readers are teachers (50%), and students are next.", "50%")
    assert stated(source, "Of our readers, 47% are teachers.", "47%")
    assert stated(["Half of our readers are teachers, most of them in schools."], "Of our readers, 50% are teachers.",
                  "50%")


def test_quantulum3_is_imported_without_inflects_type_checks_and_the_decorator_is_put_back():
    """inflect's @typechecked methods cost 2 s at import (typeguard parses its source once per
    method); they are imported unchecked, typeguard's decorator unchanged for everyone else."""
    typeguard = pytest.importorskip("typeguard")
    from artlint.verify.quantities import _unchecked_inflect, read

    before = typeguard.typechecked
    with _unchecked_inflect():
        assert typeguard.typechecked is not before

        @typeguard.typechecked
        def unchecked(x: int) -> int:
            return x
        assert unchecked("a") == "a"  # left as it is: no check
    assert typeguard.typechecked is before

    @typeguard.typechecked
    def checked(x: int) -> int:
        return x
    with pytest.raises(typeguard.TypeCheckError):
        checked("a")
    assert [(q.value, q.unit) for q in read("Nearly 40 percent of 1,200 firms paid $4.2bn.")[1]] == [
        (40.0, "%"), (1200.0, "count"), (4.2e9, "USD")]
    import inflect
    assert inflect.engine().plural("survey") == "surveys"


@pytest.mark.parametrize("figure, source_figure, stated_", [
    ("771", "771", True), ("35.5%", "35.5%", True),  # three significant digits, repeated
    ("770", "770", False), ("35%", "35%", False),  # round: as likely to be another thing's
    ("35.5%", "35.46%", False),  # within its rounding, not repeated
])
def test_a_precise_figure_the_source_repeats_needs_fewer_words_than_a_round_one(figure, source_figure, stated_):
    source = [f"The consultation received exactly {source_figure} written comments, thanks to everyone who took part."]
    claim = (f"This winter the consultation drew 908 comments from the regional offices, the secretariat, several "
             f"members and the contributors, a record ({figure} in spring).")
    assert stated(source, claim, figure) is stated_


def test_figures_given_respectively_are_each_about_their_own_item():
    """"Exports to France and Spain rose by 7% and 5% respectively": the 7% is France's."""
    source = ["Exports to Spain rose by 7% last year, the customs office said.",
              "Exports to France were flat over the same period, and so were imports."]
    assert not stated(source, "Exports to France and Spain rose by 7% and 5% respectively.", "7%")
    assert stated(source, "Exports to Spain and France rose by 7% and 0% respectively.", "7%")
    assert stated(source, "Exports to Spain rose by 7% and imports by 5%.", "7%")
    assert stated(["Exports of cars rose by 7% last year, the customs office said."],
                  "Exports of cars and vans rose by 7% and 5% respectively.", "7%")


def test_a_two_word_name_is_its_two_letters():
    """"Visual Studio Code" in a claim is a source's "VS Code" (and "United States" its "US"); two
    capitalised words only, not any two words."""
    assert {"=vs", "=us"} <= topic_words("Visual Studio Code in the United States", initials=True)
    assert {"=vs", "=us"} <= topic_words("VS Code in the US")
    assert "=rs" not in topic_words("respondents selected it", initials=True)


def test_a_share_after_a_count_keeps_what_the_count_counts():
    """"Of the 1,200 firms surveyed, 45% said ...": the comma does not part the firms from the 45%,
    which is a share of them (a comma parts only figures of one kind)."""
    index = SourceIndex([Passage(t) for t in ["Firms were surveyed.", *FILLER]])
    claim = "Of the 1,200 firms surveyed, 45% said they would invest."
    at = claim.find("45%")
    assert "firm" in index.described(claim, at, at + 3).clause
    claim = "Most firms invest (33% yearly, 45% monthly)."
    at = claim.find("45%")
    assert "yearly" not in index.described(claim, at, at + 3).clause


def test_the_earlier_value_borrows_from_the_last_figure_of_its_kind():
    """"cut by 2.5% a year from 2026, compared to the previous 1.5% annual cut": "a year" is no
    percentage; the 1.5% measures what the 2.5% does."""
    source = ["To tighten the scheme, the overall cap on rare earth allowances will be cut by 2.5% a year from 2026, "
              "compared to the previous 1.5% annual cut."]
    assert stated(source, "The overall cap on rare earth allowances falls over time (1.5% each year).", "1.5%")


def test_a_short_name_is_a_word():
    """"Vim", "Nim", "macOS" say what a figure is about as much as a long word does; a capitalised
    function word that opens a sentence does not."""
    words = topic_words("The Vim and Nim users on macOS and iOS. For one thing, New tools")
    assert {"vim", "nim", "macos", "ios"} <= words and not {"the", "for", "new", "one"} & words


def test_a_passage_whose_other_figure_has_the_claims_words_does_not_lend_them():
    """"Vim is chosen by 41%": the passage's 41% is VS Code's; its Vim is the 19%'s."""
    source = ["The most used editor is VS Code (41%), followed by Vim (19%) and Emacs (9%).",
              "Of the respondents, 38% use the language at work.", "Most respondents use more than one editor."]
    assert not stated(source, "Vim is chosen by 41% of respondents.", "41%")
    assert stated(source, "Vim is chosen by 19% of respondents.", "19%")
    assert stated(source, "The most used editor is still VS Code, at 41%.", "41%")


@pytest.mark.parametrize("claim, source", [
    ("3 Mt", "3 million tonnes"), ("5 MtCO2e", "5 million tonnes of CO2"), ("1.2 GtCO₂", "1.2 billion tonnes"),
    ("USD 5 million", "$5 million"), ("EUR 30 million", "€30 million"), ("GBP 2bn", "£2 billion"),
    ("2 percentage points", "2pp"), ("6 ppt", "6 percentage points"),
    ("1.5C of warming", "1.5°C"), ("1.5 degrees of warming", "1.5°C"),
])
def test_a_unit_written_another_way_is_the_same_unit(claim, source):
    (figure,) = quantities(claim)
    (stated_,) = quantities(source)
    assert figure.accepts(stated_) and stated_.accepts(figure)


def test_percentage_points_are_not_a_percentage():
    (points,) = quantities("rose by 2 percentage points")
    (percent,) = quantities("rose by 2%")
    assert points.unit == "pp" and not points.accepts(percent) and not percent.accepts(points)


@pytest.mark.parametrize("text, value", [
    ("Margin of error is +/-2.3 percentage points", 2.3), ("a margin of +/- 2.9 percentage points", 2.9),
    ("accurate to ±1.9%", 1.9), ("output fell by -2.3%", -2.3),
])
def test_a_plus_or_minus_figure_states_its_size(text, value):
    """"+/-2.3 percentage points" is a margin of 2.3 points, not a fall of 2.3: it states "2.3
    percentage points"; a minus sign alone still makes a figure negative."""
    (figure,) = quantities(text)
    assert figure.value == pytest.approx(value)


def test_a_figure_run_into_the_next_word_is_read():
    """A PDF's text runs a chart's figure into its label: "74%Total Robust" states 74%."""
    assert [q.value for q in quantities("74%Total Robust 14%Total Not Robust")] == [74.0, 14.0]


def test_the_figure_is_read_from_a_whole_number_never_from_the_tail_of_one():
    """The words before a figure (its approximator) are read from a word's start: 30 characters
    back from "about 13,700" can fall inside "52,000", whose tail "00" is no figure."""
    from artlint.verify.claims import Claim
    from artlint.verify.runner import _with_approximator

    claim = Claim(0, 0, "about 13,700", "SSA employed about 52,000 federal workers and funded about 13,700 state staff.", ())
    snippet = _with_approximator(claim)
    assert snippet.endswith("about 13,700") and not snippet[0].isdigit()
    assert [q.value for q in quantities(snippet)] == [13700.0]


def test_a_precise_count_is_read_with_the_sentences_beside_it():
    """"1,844 users took part" against "We conducted 2,565 interviews among users and developers. This
    is an increase from 1,844 interviews in 2019": a count repeated to the last digit is seldom there
    by chance; the sentence before says what it counts, and the 2,565 beside it does not overrule it.
    A round count is not read so."""
    for count, stated_ in (("1,844", True), ("2,000", False)):
        source = [Passage("We conducted 2,565 interviews online among Julia users and developers in June.", "page 2"),
                  Passage(f"This represents an increase from {count} interviews in 2019", "page 2"),
                  Passage("We recruited respondents online using forums and mailing lists.", "page 2")]
        claim = f"{count} Julia users and developers completed the survey from over 90 countries."
        assert stated(source, claim, count) is stated_


CHART = ["How helpful and collaborative is the user forum?",
         "47% 29% 2% 0% 16% Very Somewhat Not very Not at all Don't know"]
OTHER_CHART = ["How robust is the package environment?", "14% 55% 14% 2% 10% Very Somewhat Not very Not at all Don't know"]


def test_a_chart_whose_figures_stand_apart_from_their_labels_states_them():
    """A PDF's bar chart is a run of bare figures, then its labels: each figure is about what the
    chart is about (its labels, and the title before it on its page), not about the figures beside it."""
    source = [Passage(t, "page 18") for t in CHART] + [Passage(t, "page 15") for t in OTHER_CHART]
    claim = "76% say the user forum is very ({}) or somewhat (29%) helpful and collaborative."
    assert stated(source, claim.format("47%"), "47%")
    assert not stated(source, claim.format("55%"), "55%")  # another chart's "somewhat": the package environment's
    assert not stated([Passage(t) for t in CHART], claim.format("47%"), "47%")  # not a PDF page: no chart


def test_a_chart_axis_is_not_a_figure():
    """"0% 5% 10% 15% 20% 25%" along a chart's edge is its scale: "20% work ..." is not stated by it.
    A chart's sorted values ("1% 2% 3% 4% 9%") do not start at zero and stay figures."""
    from artlint.verify.index import _axis, _runs
    from artlint.verify.quantities import read

    for text, ticks in (("12% 0% 5% 10% 15% 20% 25% Work Hobby", [1, 2, 3, 4, 5, 6]), ("1% 2% 3% 4% 9% 15% Work", [])):
        normal, found = read(text)
        spans = [(q.start, q.end) for q in found]
        assert sorted(_axis(found, _runs(normal, spans))) == ticks
    source = [Passage("How much of their time do users spend on the tool at work?", "page 7"),
              Passage("12% 31% 0% 5% 10% 15% 20% 25% Work Hobby", "page 7")]
    assert not stated(source, "20% of users spend their time on the tool at work.", "20%")
    assert stated(source, "31% of users spend their time on the tool as a hobby.", "31%")


def test_a_chart_of_labels_and_figures_takes_its_title():
    """"Very Robust 17% Not At All Robust 1% ... 74%Total Robust": figures between short labels, no
    sentence; the question before it on the page says what the chart is about."""
    source = [Passage("How robust is the current package ecosystem?", "page 15"),
              Passage("Very Robust 17% Not At All Robust 1% Somewhat Robust 57% Not Very Robust 13% 74%Total Robust "
                      "14%Total Not Robust", "page 15")]
    assert stated(source, "Packages: 74% of users say that the package ecosystem is robust.", "74%")
    assert stated(source, "57% say the package ecosystem is somewhat robust.", "57%")
    assert not stated(source, "17% say the package ecosystem is somewhat robust.", "17%")  # the 17% is "Very Robust"


@pytest.mark.parametrize("text, values", [
    ("39 84% Identify as Men", [39.0, 84.0]),  # a slide's number, then its title
    ("2025 — 52,045 — 51,157 55,805 473 13,700 13,017", [52045.0, 51157.0, 55805.0, 473.0, 13700.0, 13017.0]),
    ("a 1 200 euro fine", [1200.0]), ("1 1/2 cups", [1.5]),  # a space between thousands; a whole number and its fraction
])
def test_two_numbers_with_a_space_between_are_two_numbers(text, values):
    """quantulum3 reads "39 84%" as nothing and "13,700 13,017" as "017": numbers parted only by a
    space (a PDF table's row, a slide's number before its title) are each read alone."""
    assert [q.value for q in quantities(text)] == values


def test_a_table_read_as_a_chart_gives_each_figure_its_rows_year():
    """A PDF table's text is a run of figures under its headers: each figure is about the headers,
    and about the year its row opens with, not the table's other years."""
    source = [Passage("Historical staffing of the agency, by fiscal year.", "page 10"),
              Passage("Fiscal Year Total Staff on Duty Full-Time Staff State Staff 2024 48,100 47,000 13,100 "
                      "2025 52,045 51,157 13,700", "page 10")]
    assert stated(source, "In FY2025 the agency's total staff on duty was about 52,000.", "about 52,000")
    assert not stated(source, "In FY2024 the agency's total staff on duty was about 52,000.", "about 52,000")
    assert stated(source, "In FY2024 the agency's total staff on duty was about 48,000.", "about 48,000")


def test_a_subgroups_figure_does_not_state_the_whole_samples():
    """"Among respondents who have used the tool for more than six months, 61% are students" is a
    subgroup's 61%: it does not state "61% of respondents are students", a sentence that never names
    the group; a claim that names it, even in other words, is stated. The whole sample ("of those who
    responded") is no subgroup."""
    source = ["Among respondents who have used the tool for more than six months, 61% are students.",
              "Most respondents are students or teachers.", "The survey asked respondents what they do."]
    assert not stated(source, "Students: 61% of respondents are students.", "61%")
    assert stated(source, "Of those with months of practice on the tool, 61% are students.", "61%")
    assert stated(["Of those who responded, 45% are students.", "Most respondents are students or teachers."],
                  "Students: 45% of respondents are students.", "45%")


# The rest of an economic bulletin, so that its common words ("output", "quarter", "2014") weigh little
BULLETIN = [
    "Output of the production industries is estimated from the Monthly Business Survey.",
    "Services output in 2014 is estimated from the turnover of businesses in each quarter.",
    "The estimates for Q4 2013, Q1 2014 and Q2 2014 are seasonally adjusted and may be revised.",
    "Comparisons with December 2013 and with 2013 as a whole are given in the tables.",
    "Construction output is estimated from the quarterly survey of construction firms.",
    "Employment estimates in 2014 are taken from returns made by public sector organisations.",
    "Manufacturing output in 2014 is measured in volume terms for each quarter.",
]


def stated_in_bulletin(source: list[str], claim: str, figure: str) -> bool:
    return stated(source + BULLETIN, claim, figure)


def test_a_quarter_or_month_that_differs_is_a_different_figure():
    """A quarter or month situates a figure within its year as a year does; "Q2" is no figure."""
    source = ["Construction output rose by 1.2% in April 2014, and services output grew by 0.9% in Q1 2014."]
    assert not stated_in_bulletin(source, "Construction output rose by 1.2% in June 2014.", "1.2%")
    assert stated_in_bulletin(source, "Construction output rose by 1.2% in April 2014.", "1.2%")
    assert not stated_in_bulletin(source, "Services output grew by 0.9% in Q2 2014.", "0.9%")
    assert stated_in_bulletin(source, "Services output grew by 0.9% in Q1 2014.", "0.9%")


def test_a_change_and_its_time_do_not_say_what_changed():
    """'increased by 0.3% between May and June' says only that something rose, and when: the
    passage's 0.3% of manufacturing is not the claim's production."""
    source = ["At the more detailed level, there was an increase of 0.3% in manufacturing and of 1.6% in mining."]
    assert not stated_in_bulletin(source, "Total production increased by 0.3% between May 2014 and June 2014.", "0.3%")
    assert stated_in_bulletin(source, "Manufacturing increased by 0.3% between May 2014 and June 2014.", "0.3%")


def test_a_figure_that_rose_is_not_one_that_fell():
    source = ["Construction output decreased by 0.5% in Q2 2014 when compared with Q1 2014."]
    assert not stated_in_bulletin(source, "Construction output increased by 0.5% in Q2 2014.", "0.5%")
    assert stated_in_bulletin(source, "Construction output fell by 0.5% in Q2 2014.", "0.5%")
    # only the words beside the figure say which way it went: the cuts increase, the 2.2% is a reduction
    cap = ["To increase emissions cuts, allowances will be reduced by 2.2% a year from 2021 onwards."]
    assert stated(cap, "The number of emission allowances falls by 2.2% a year from 2021.", "2.2%")


@pytest.mark.parametrize("claim, figure", [
    ("In the year to Q1 2014, employment in education increased by 40,000.", "40,000"),
    ("Employment in education increased between Q4 2013 and Q1 2014, by 12,000.", "12,000"),
])
def test_a_difference_after_a_level_is_a_change_of_what_the_level_measures(claim, figure):
    """'1.52 million people were employed in education, 12,000 more than ... and 40,000 more than a
    year earlier': the differences are changes of employment in education."""
    source = ["1.52 million people were employed in education, 12,000 more than for December 2013 and "
              "40,000 more than a year earlier.",
              "1.07 million people were employed in public administration, 13,000 fewer than a year earlier."]
    assert stated_in_bulletin(source, claim, figure)


def test_a_difference_takes_the_words_of_its_own_level_only():
    source = ["1.52 million people were employed in education, 40,000 more than a year earlier.",
              "1.07 million people were employed in public administration, 13,000 fewer than a year earlier."]
    assert not stated_in_bulletin(source, "In the year to Q1 2014, employment in public administration "
                                  "decreased by 40,000.", "40,000")
    assert stated_in_bulletin(source, "In the year to Q1 2014, employment in public administration "
                              "decreased by 13,000.", "13,000")


def test_between_one_time_and_another_is_not_two_clauses():
    """The 'and' of 'between Q4 2013 and Q1 2014' does not cut the figure off from what it measures."""
    from artlint.verify.index import sides

    text = "Employment in the NHS increased between Q4 2013 and Q1 2014, by 10,000 on a headcount basis."
    at = text.find("10,000")
    before, _after = sides(text, at, at + len("10,000"))
    assert {"employ", "#2013", "#2014"} <= before


def test_figures_given_respectively_for_times_named_after_them_are_each_of_their_own_time():
    """'down from 1.9% and 1.7% in January and February respectively': the 1.9% is January's."""
    source = ["The Consumer Prices Index rose by 1.6% in the year to March, down from 1.9% and 1.7% "
              "in January and February respectively."]
    assert stated_in_bulletin(source, "The Consumer Prices Index rose by 1.9% in the year to January 2014.", "1.9%")
    assert not stated_in_bulletin(source, "The Consumer Prices Index rose by 1.9% in the year to February 2014.", "1.9%")


def test_the_time_a_figure_is_compared_with_is_not_its_own():
    """'grew by 0.7% in Q1 2014 compared with Q4 2013' is Q1 2014's growth, not Q4 2013's."""
    source = ["Services output grew by 0.7% in Q4 2013, and by 0.9% in Q1 2014."]
    assert not stated_in_bulletin(source, "Services output grew by 0.7% in Q1 2014 compared with Q4 2013.", "0.7%")
    assert stated_in_bulletin(source, "Services output grew by 0.9% in Q1 2014 compared with Q4 2013.", "0.9%")
    # a year alone it is compared with is a baseline, which says what is measured
    baseline = ["Phase III aimed for an overall emissions reduction of 21% compared to 2005 emissions."]
    assert stated(baseline, "Phase III (2013-2020) aims for an overall emissions reduction of 21% compared to 2005 "
                  "emissions.", "21%")
    assert not stated(baseline, "Phase III (2013-2020) aims for an overall emissions reduction of 21% compared to 1990 "
                      "emissions.", "21%")


def test_a_name_the_claim_spells_out_is_one_word():
    """The source's "NHS" is the claim's "National Health Service" (all three words of it), and a
    passage's "added" alone is not "gross value added"."""
    source = ["In the year to Q1 2014, NHS employment increased by 12,000 on a headcount basis.",
              "The NHS workforce statistics are published every year.",
              "Output grew by 0.8% in Q1 2014 and added 0.1 percentage points to growth in services.",
              "GVA is gross value added, the value of output less that of the inputs used up."]
    assert stated_in_bulletin(source, "1.58 million people were employed in the National Health Service, "
                              "12,000 more than a year earlier.", "12,000")
    assert not stated_in_bulletin(source, "Gross value added excluding oil and gas extraction rose by 0.8% in Q1 2014.",
                                  "0.8%")


def test_a_figure_whose_words_say_only_when_is_about_what_its_sentence_says():
    """'... and culture rose by 0.8% in 2014': the year is not what rose; the sentence says what did."""
    source = ["Output grew by 0.8% in 2014.", "Household spending on recreation is measured each quarter."]
    assert not stated_in_bulletin(source, "Household spending on recreation and culture rose by 0.8% in 2014.", "0.8%")
    assert stated_in_bulletin(source, "Output rose by 0.8% in 2014.", "0.8%")


def test_a_figure_below_a_level_is_not_a_rise():
    """'Construction output is 0.6% below its pre-downturn peak' does not state a 0.6% increase."""
    source = ["Construction output is now 3.1% higher than a year ago and 0.6% below its pre-downturn peak."]
    assert not stated_in_bulletin(source, "Construction output increased by 0.6% in Q1 2014.", "0.6%")
    assert stated_in_bulletin(source, "Construction output is still 0.6% below its pre-downturn peak.", "0.6%")


def test_revising_estimating_and_rounding_say_nothing_of_what_a_figure_measures():
    """'This revision does not change the GDP estimate of 0.8% to one decimal place': the 0.8% is GDP's."""
    source = ["GDP increased by 0.8% in Q2 2014.", "Revisions to the estimate for the latest quarter are "
              "explained in the background notes, to one decimal place.", "A place in the survey is chosen at random."]
    assert stated_in_bulletin(source, "This revision does not change the GDP estimate of 0.8% to one decimal place.", "0.8%")
    assert not stated_in_bulletin(source, "This revision does not change the services estimate of 0.8% to one "
                                  "decimal place.", "0.8%")


def test_an_estimate_the_source_says_was_revised_is_not_what_it_states():
    """'GDP grew by 0.3%, revised down from 0.4%': the source's estimate is 0.3%; a claim of 0.4% is
    an earlier release's, unless the claim too gives it as the earlier estimate."""
    source = ["GDP grew by 0.3% in Q2 2014, revised down from 0.4%.",
              "Services output is now estimated at 1.1% in Q2 2014, revised down from the previously published "
              "estimate of 1.2% for services output in Q2 2014."]
    assert stated_in_bulletin(source, "GDP grew by 0.3% in Q2 2014.", "0.3%")
    assert not stated_in_bulletin(source, "GDP grew by 0.4% in Q2 2014.", "0.4%")
    assert stated_in_bulletin(source, "GDP growth in Q2 2014 was revised down from the previously estimated 0.4%.", "0.4%")
    assert stated_in_bulletin(source, "Services output was 1.1% in Q2 2014.", "1.1%")
    assert not stated_in_bulletin(source, "Services output was 1.2% in Q2 2014.", "1.2%")


def test_a_passage_about_what_another_figure_of_the_claim_measures_is_not_about_this_one():
    """'Production output increased by 0.3% and manufacturing output by 0.2%': a passage's 0.3% of
    manufacturing is the other figure's subject, not production's; but a figure that is another value
    of the same measure ('51% chose it, whereas 35.5% did last year') keeps its sentence's words."""
    source = ["At the more detailed level, there was an increase of 0.3% in manufacturing and of 1.6% in mining.",
              "Production is the sum of manufacturing, mining, energy and water supply."]
    assert not stated_in_bulletin(source, "Production output increased by 0.3% and manufacturing output increased "
                                  "by 0.2% in Q2 2014.", "0.3%")
    assert stated_in_bulletin(source, "Manufacturing output increased by 0.3% and production output increased "
                              "by 0.2% in Q2 2014.", "0.3%")
    editors = ["VS Code has gone from 16.5% to 35.5% of respondents!"]
    assert stated(editors, "51% of respondents selected Visual Studio Code, whereas only 35.5% selected it last year.",
                  "35.5%")


def test_the_value_a_figure_follows_is_of_the_same_measure():
    """'energy supply increasing by 4.7% following a decrease of 6.4% in Q1 2014': the 6.4% is energy
    supply's, not any figure of Q1 2014 the source gives."""
    source = ["Services output fell by 6.4% in Q1 2014.", "Energy supply is the output of power stations and gas networks."]
    claim = "Production rose by 0.4%, with energy supply increasing by 4.7% following a decrease of 6.4% in Q1 2014."
    assert not stated_in_bulletin(source, claim, "6.4%")
    assert stated_in_bulletin(["Energy supply fell by 6.4% in Q1 2014."], claim, "6.4%")


# Round 8 studied (CBO's and GAO's reports): the causes of its errors, each a behaviour
PROJECTIONS = ["The model projects growth in health expenditures per person from survey data.",
               "Premiums are projected for each year of the window from the model's estimates.",
               "Growth in expenditures is adjusted for onetime events such as new legislation.",
               "The current-year model uses recent data on premiums from employer surveys."]


def test_a_percentage_point_written_with_a_hyphen_is_a_percentage_point():
    """'a 2 percentage-point boost' is 2 percentage points (quantulum3 reads '2 percentage'), not 2%."""
    (q,) = quantities("The final projections incorporate a 2 percentage-point boost in both 2024 and 2025.")
    assert (q.value, q.unit) == (2.0, "pp")
    source = ["The final projections incorporate a 2 percentage-point boost to growth in both 2024 and 2025."]
    assert stated(source + PROJECTIONS, "The projections add a boost to growth of 2 percentage points in 2024.", "2 percentage points")
    assert not stated(source + PROJECTIONS, "The projections add a boost to growth of 2% in 2024.", "2%")


@pytest.mark.parametrize("text, expected", [
    ("adjustments of +2.0, +1.5, and +1.5 percentage points for 2024", [(2.0, "pp", "exact"), (1.5, "pp", "exact"), (1.5, "pp", "exact")]),
    ("approximately 2.0, 1.5, and 1.5 percentage point boosts", [(2.0, "pp", "about"), (1.5, "pp", "about"), (1.5, "pp", "about")]),
    ("rates of 3, 4 or 5 percent", [(3.0, "%", "exact"), (4.0, "%", "exact"), (5.0, "%", "exact")]),
    # not a scale word's series (its first numbers may be of another scale), nor a count before a share
    ("3, 4 and 5 million people", [(3.0, "count", "exact"), (4.0, "count", "exact"), (5e6, "count", "exact")]),
    ("of the 1,200, 45% said", [(1200.0, "count", "exact"), (45.0, "%", "exact")]),
    # each number with its own unit is its own figure: the approximator stays the first one's
    ("approximately 16.5%, 24%, or 34%", [(16.5, "%", "about"), (24.0, "%", "exact"), (34.0, "%", "exact")]),
])
def test_numbers_listed_with_one_unit_after_the_last_share_it(text, expected):
    assert [(q.value, q.unit, q.bound) for q in quantities(text)] == expected


def test_a_claims_figure_in_a_listed_series_has_the_series_unit():
    """As ``check`` reads a claim's figure: '+2.0' of '+2.0, +1.5, and +1.5 percentage points' is 2.0 points."""
    from artlint.verify.claims import Claim
    from artlint.verify.runner import _figure

    sentence = "Higher near-term growth adjustments of +2.0, +1.5, and +1.5 percentage points for 2024–2026."
    figure = _figure(Claim(0, 0, "+2.0", sentence, ("https://example.org",)))
    assert (figure.value, figure.unit) == (2.0, "pp")
    figure = _figure(Claim(0, 0, "approximately 2.0", "The projections incorporate approximately 2.0, 1.5, and 1.5 "
                           "percentage point boosts.", ("https://example.org",)))
    assert (figure.value, figure.unit, figure.bound) == (2.0, "pp", "about")
    source = ["The final projections incorporate a 2 percentage-point boost to growth in both 2024 and 2025."]
    claim = "The final projections incorporate approximately 2.0, 1.5, and 1.5 percentage point boosts to growth in 2024, 2025, and 2026."
    assert stated(source + PROJECTIONS, claim, "2.0")
    assert not stated(source + PROJECTIONS, claim, "1.5")


def test_a_figure_in_an_aside_between_dashes_is_about_the_aside():
    """'E85—a blend of 85 percent ethanol and 15 percent gasoline—because stations must have separate
    tanks': the 15 percent is of gasoline in the blend, not of stations or tanks."""
    source = ["The most popular blend for light-duty vehicles is E85, which is 85 percent ethanol and 15 percent gasoline.",
              "Gasoline stations may have to replace their storage tanks at a cost of $100,000 per tank.",
              "Regular stations must keep separate pumps for dispensing each blend.",
              "Most cars on the road run on gasoline.", "Gasoline demand rose in 2006.", "Gasoline is refined from oil."]
    claim = ("Infrastructure constrains the distribution of E85—a blend of 85% ethanol and 15% "
             "gasoline—because regular stations must have separate tanks for storing E85 and specialized pumps for dispensing it.")
    assert stated(source, claim, "15%")
    other = ["The most popular blend is E85, which is 85 percent ethanol and 15 percent gasoline.",
             "About 40 percent of stations have separate storage tanks."]
    assert not stated(other, "Many stations—about 15% of them—have separate storage tanks for E85.", "15%")


def test_the_figures_that_subdivide_a_count_after_a_colon_are_its_parts_not_rivals():
    """'GAO is making 17 recommendations to OMB: 13 recommendations relate to implementing a complete
    inventory, and 4 ...': the 13 is a part of the 17, whose words are the 17's too."""
    source = ["GAO is making 17 recommendations to OMB: 13 recommendations relate to fully addressing statutory "
              "requirements to implement a complete inventory, and 4 recommendations relate to enhancing its usefulness.",
              "The inventory lists federal programs and their spending.", "Agencies report their programs to OMB each year.",
              "OMB has not yet published guidance on the inventory."]
    claim = "In total, we made 17 recommendations to OMB related to implementing a complete inventory and enhancing its usefulness."
    assert stated(source, claim, "17")
    # not any count before a colon: the 12 measures something else, and its rival the 13 is no part of it
    rival = ["GAO reviewed 12 agencies, and 13 recommendations relate to implementing a complete inventory: 4 are open.",
             *source[1:]]
    assert not stated(rival, "GAO made 12 recommendations related to implementing a complete inventory.", "12")


def test_a_count_of_another_kind_of_the_same_thing_does_not_state_it():
    """'more than 5 million natural gas vehicles' does not count the claim's 'more than 5 million flexible
    fuel vehicles' (the same noun, another kind, each side's kind a word the source uses); a count whose
    words of kind the claim shares does."""
    source = ["Natural gas vehicles are in use in many countries, totaling more than 5 million natural gas vehicles.",
              "Some vehicles can run on gasoline or on E85, a fuel blend.",
              "The fuel economy of vehicles varies with the blend they use.",
              "Natural gas is stored under pressure in tanks."]
    claim = "U.S. consumers have bought more than 5 million flexible fuel vehicles that can run on E85."
    assert not stated(source, claim, "more than 5 million")
    assert stated(source, "Around the world, more than 5 million natural gas vehicles are in use.", "more than 5 million")
    assert stated(source, "More than 5 million vehicles run on natural gas.", "More than 5 million")


def _cited_figures(text: str) -> tuple[list[str], list[str]]:
    """The figures ``check`` verifies in ``text`` citing a source: the statistic rule's, and the others."""
    from artlint.config import Config
    from artlint.engine import parsed_document
    from artlint.selection import load_ruleset
    from artlint.verify.claims import claims

    statistic = next(r.checker for r in load_ruleset(Config()) if getattr(r.checker, "name", "") == "statistic")
    doc = parsed_document(f"{text} [source](https://example.org/report)\n", "claim.md", format="markdown")
    rule = [doc.text[offset + m.start():offset + m.end()] for _i, found, offset in statistic.stated(doc) for m, _k in found]
    return rule, [c.figure for c in claims(doc, statistic) if c.figure not in rule]


@pytest.mark.parametrize("sentence, extra", [
    # a count of a thing it names, and a number in percentage points (itself or through the series it ends)
    ("GAO is making 17 recommendations to OMB.", ["17"]),
    ("However, OMB has not yet fully addressed 13 of the 20 requirements.", ["13", "20"]),
    ("Since July 2016, GAO has made at least 51 recommendations.", ["51"]),
    ("The projections incorporate a 2 percentage-point boost in 2024.", ["2 percentage-point"]),
    ("Growth adjustments of +2.0, +1.5, and +1.5 percentage points for 2024–2026.", ["+2.0", "+1.5"]),
    # not a year, a label, a duration or a quantity with a unit, nor a count of nothing named
    ("In 2024, Figure 13 showed that the offer doubled from 15 to 30 hours a week.", []),
    ("Catch fell by 1.5 million tonnes, and 825 compared to 769 last year.", []),
])
def test_a_cited_sentence_has_the_counts_and_point_changes_the_statistic_rule_leaves_out(sentence, extra):
    """As ``check`` runs, a sentence that cites a source has its statistics checked, and also the counts of
    a thing it names and the adjustments in percentage points that the statistic rule does not call
    statistics (its own findings are unchanged: this is verification's notion of a figure)."""
    _rule, found = _cited_figures(sentence)
    assert found == extra


def test_a_sentence_that_cites_nothing_has_no_figure_to_verify():
    from artlint.config import Config
    from artlint.engine import parsed_document
    from artlint.selection import load_ruleset
    from artlint.verify.claims import claims

    statistic = next(r.checker for r in load_ruleset(Config()) if getattr(r.checker, "name", "") == "statistic")
    doc = parsed_document("GAO is making 17 recommendations to OMB.\n", "claim.md", format="markdown")
    assert claims(doc, statistic) == []


def states(source: list[str], claim: str, figure: str) -> bool:
    """The verdict ``check`` gives ``figure`` as written in ``claim`` (read as ``_outcome`` reads it: "3-1/2 percent"
    is 3.5%) against a source of ``source`` and the filler."""
    from artlint.verify.claims import Claim
    from artlint.verify.reading import SourceText
    from artlint.verify.runner import SUPPORTED, _outcome

    passages = [Passage(p) for p in source + FILLER]
    url = "https://example.org/report"
    outcome = _outcome(Claim(0, 0, figure, claim, (url,)), {url: SourceText(passages=passages)},
                       {url: SourceIndex(passages)})
    return outcome.verdict == SUPPORTED


@pytest.mark.parametrize("text, value, low, high", [
    ("lowered its target to 3-1/2 percent.", 3.5, None, None),
    ("a target range of 0 to 1/4 percent.", 0.125, 0.0, 0.25),
    ("raised the target range to 1/4 to 1/2 percent.", 0.375, 0.25, 0.5),
    ("a 1/4 percentage point increase", 0.25, None, None),
])
def test_a_percentage_written_with_a_fraction_is_read(text, value, low, high):
    """Central banks write rates with fractions ("3-1/2 percent", "1/4 to 1/2 percent"), which quantulum3
    does not read at all; they are read as decimals, exact to the fraction."""
    (q,) = [q for q in quantities(text) if q.unit in ("%", "pp")]
    assert (q.value, q.low, q.high, q.fraction) == (value, low, high, True)


def test_a_fraction_states_its_figure_and_not_the_whole_number_before_it():
    source = ["The Committee decided to lower its target for the federal funds rate 75 basis points to 3-1/2 percent.",
              "The Committee will maintain the target range for the federal funds rate at 1/4 to 1/2 percent."]
    assert states(source, "The Committee decided to lower its target for the federal funds rate to 3-1/2 percent.", "3-1/2 percent")
    assert states(source, "The Committee decided to lower its target for the federal funds rate to 3.5 percent.", "3.5 percent")
    # "3 percent" is not "3-1/2 percent" rounded: a fraction is exact to its half ("31.5%" may still be "31%")
    assert not states(source, "The Committee decided to lower its target for the federal funds rate to 3 percent.", "3 percent")
    assert states(source, "The target range for the federal funds rate is 1/4 to 1/2 percent.", "1/4 to 1/2 percent")
    assert not states(source, "The target range for the federal funds rate is 0 to 1/4 percent.", "0 to 1/4 percent")
    assert not states(source, "The federal funds rate target is 1/2 percent.", "1/2 percent")


@pytest.mark.parametrize("sentence, figures", [
    ("The discount rate was cut to 3-1/2 percent.", ["3-1/2 percent"]),
    ("It kept the range at 0 to 1/4 percent.", ["0 to 1/4 percent"]),
    ("It approved a 1/4 percentage point increase to 1.00 percent.", ["1/4 percentage point", "1.00 percent"]),
])
def test_a_cited_percentage_written_with_a_fraction_is_verified_whole(sentence, figures):
    """The statistic rule reads "6-1/2 percent" as "2 percent" and "1/4 percentage point" as "4 percentage
    point", or not at all: as ``check`` runs, the figure verified is the whole fraction (the rule's findings
    are its own)."""
    rule, extra = _cited_figures(sentence)
    from artlint.config import Config
    from artlint.engine import parsed_document
    from artlint.selection import load_ruleset
    from artlint.verify.claims import claims

    statistic = next(r.checker for r in load_ruleset(Config()) if getattr(r.checker, "name", "") == "statistic")
    doc = parsed_document(f"{sentence} [source](https://example.org/report)\n", "claim.md", format="markdown")
    assert [c.figure for c in claims(doc, statistic)] == figures


def test_a_threshold_is_stated_from_either_side():
    """A line drawn at a figure is the same figure whichever side a sentence looks at it from: "until the
    unemployment rate declines below 6.5 percent" is "as long as the unemployment rate remains above 6.5
    percent"; the same number without a bound is not a threshold ("below 7%" is not stated by "7.0%")."""
    source = ["The target range will be appropriate at least as long as the unemployment rate remains above 6.5 percent."]
    claim = "The target range will be maintained until the unemployment rate declines below 6.5 percent."
    assert states(source, claim, "below 6.5 percent")
    other = ["The unemployment rate was 6.5 percent in December."]
    assert not states(other, "The unemployment rate is below 6.5 percent.", "below 6.5 percent")


def test_an_opening_clause_that_ends_with_the_figure_says_what_it_measures():
    """"With the unemployment rate nearing 6.5 percent, the Committee has updated its forward guidance":
    the figure is the unemployment rate's; the main clause after the comma is about another thing, and a figure
    beside the Committee's guidance in the source is no rival for it."""
    source = ["The Committee reaffirmed that its guidance on the target range of 0.25 percent will be appropriate at least "
              "as long as the unemployment rate remains above 6.5 percent.",
              "The Committee has updated its forward guidance, which it reviews at every meeting."]
    claim = "With the unemployment rate nearing 6.5 percent, the Committee has updated its forward guidance."
    assert states(source, claim, "6.5 percent")


def test_a_figure_artlint_cannot_read_is_not_checked_and_the_source_is_not_called_unreadable():
    """A claim's figure artlint cannot read ("XIV percent", as "3-1/2 percent" was) says nothing of its source:
    it is not reported as ``source-unreadable`` (the source is readable), but counted as not checked, with the
    reason, in the run's summary. A source artlint cannot read is still ``source-unreadable``."""
    from types import SimpleNamespace

    from artlint.checks.source_claim import Check
    from artlint.verify.claims import Claim
    from artlint.verify.reading import SourceText
    from artlint.verify.runner import NOT_CHECKED, UNREADABLE, SourceVerification, _File, _outcome

    url = "https://example.org/report"
    passages = [Passage(p) for p in ["The rate was 14 percent last year."] + FILLER]
    sources, indexes = {url: SourceText(passages=passages)}, {url: SourceIndex(passages)}
    claim = Claim(0, 11, "XIV percent", "The rate was XIV percent last year.", (url,))
    outcome = _outcome(claim, sources, indexes)
    assert outcome.verdict == NOT_CHECKED and "cannot read it as a figure" in outcome.args["reason"]
    doc = SimpleNamespace(source_claim_results=[outcome])
    assert list(Check({"verdict": "source-unreadable"}).run(doc)) == []

    run = SourceVerification(enabled=True)
    run.files = [_File(None, doc, "", [], 0, [claim])]
    run.sources = sources
    summary = run.summary()
    assert "0 cited figures checked" in summary and "1 not checked" in summary and "'XIV percent'" in summary

    paywalled = {url: SourceText(unreadable="a paywall or login wall")}
    assert _outcome(claim, paywalled, {}).verdict == UNREADABLE


def test_just_over_a_figure_is_close_above_it():
    """"just over 2,800 households" is 2,801 or 2,850, not 3,027 (which "over 2,800" may be)."""
    (just,) = quantities("It was just over 2,800 households.")
    (over,) = quantities("It was over 2,800 households.")
    (higher,) = quantities("3,027 households")
    (close,) = quantities("2,850 households")
    assert just.accepts(close) and not just.accepts(higher)
    assert over.accepts(higher)
    source = ["The sample was 3,027 households in 2019/20.", "The sample was 2,812 households in 2020/21."]
    assert not states(source, "It was just over 2,800 households in 2019/20.", "2,800 households")
    assert states(source, "It was just over 2,800 households in 2020/21.", "2,800 households")


def test_a_multiple_is_not_a_count_that_rivals_the_counts_it_relates():
    """"increased more than five-fold, from about 8,000 to over 42,000": the five is how many times, not a count
    of deaths, so it does not take the sentence's words from the 42,000."""
    (fold, *_rest) = quantities("the number increased more than five-fold, from about 8,000 to over 42,000.")
    assert fold.unit == "times"
    source = ["From 1999 to 2016, the number of overdose deaths involving opioids increased more than five-fold, "
              "from about 8,000 to over 42,000."]
    claim = "From 1999 to 2016, the number of overdose deaths involving opioids increased more than five-fold, from about 8,000 to over 42,000."
    assert states(source, claim, "over 42,000")


def test_a_sum_after_and_that_follows_a_scale_word_is_read():
    """"$55 million, and $45 million", "£5 million and £4 million": the second sum is a figure too (quantulum3
    read the pair as the first alone); a number in words stays one ("one million and five")."""
    assert [q.value for q in quantities("It gave $55 million, and $45 million.")] == [55e6, 45e6]
    assert [q.value for q in quantities("It gave £5 billion and £4 billion.")] == [5e9, 4e9]
    assert [q.value for q in quantities("one million and five")] == [1000005]


def test_figures_given_respectively_for_items_named_after_respectively_are_each_of_their_own_item():
    """"$30 million, $20 million, and $10 million, respectively, in the acts for FY2019, FY2021, and FY2024":
    the $10 million is FY2024's, not FY2019's (the year the sentence opens with is neither's)."""
    source = ["Since the 2016 elections the fund has had $30 million, $20 million, and $10 million, respectively, "
              "in the appropriations acts for FY2019, FY2021, and FY2024."]
    assert stated(source, "The appropriations acts gave the fund $10 million for FY2024.", "$10 million")
    assert stated(source, "The appropriations acts gave the fund $30 million for FY2019.", "$30 million")
    assert not stated(source, "The appropriations acts gave the fund $10 million for FY2019.", "$10 million")
    # and in the claim, its scale word between the figures ("$30 million, $20 million"): the $20 million is FY2021's
    listed = ("Since the 2016 elections the fund has had $30 million, $20 million, and $10 million, respectively, "
              "in the appropriations acts for FY2019, FY2021, and FY2024.")
    assert states(["The appropriations act for FY2021 provided $20 million for the fund."], listed, "$20 million")
    assert not states(["The appropriations act for FY2024 provided $20 million for the fund."], listed, "$20 million")


def test_a_range_with_its_unit_at_both_ends_is_the_range():
    """"in a range of 4.25 percent to 4.5 percent" is the range "4-1/4 to 4-1/2 percent" states, not its 4.5%
    alone."""
    source = ["The target range for the policy rate is 4-1/4 to 4-1/2 percent after the meeting."]
    assert states(source, "The policy rate sits in a target range of 4.25 percent to 4.5 percent.",
                  "4.25 percent to 4.5 percent")
    assert not states(source, "The policy rate sits in a target range of 4.25 percent to 4.75 percent.",
                      "4.25 percent to 4.75 percent")


def test_a_difference_between_two_things_is_stated_from_either_side():
    """"the setting is 50 to 75 basis points above neutral" is "neutral is 50 to 75 basis points lower than the
    setting": a comparison, not a change, so its way may be seen from the other side; a rise is still not a fall."""
    source = ["On the committee's estimates of the longer-run policy rate, neutral is 50 to 75 basis points lower "
              "than the current policy setting."]
    assert states(source, "The current policy setting is 50 to 75 basis points above the committee's estimates of "
                  "the longer-run neutral policy rate.", "50 to 75 basis points")
    fell = ["The longer-run neutral policy rate estimate fell 50 basis points over the year."]
    assert not states(fell, "The longer-run neutral policy rate estimate rose 50 basis points over the year.",
                      "50 basis points")


def test_a_fiscal_year_written_with_two_digits_is_its_year():
    """A PDF table's line "FY20: $725 million" is FY2020's, and "FY03-05: Total of $2 billion" spans FY2003 to
    FY2005, as "FY2020" and "2003-2005" are: the year says which row states the claim's figure."""
    assert {"#2020"} <= topic_words("FY20: $725 million") and {"#2003", "#2005"} <= topic_words("FY03-05: Total")
    table = [Passage("Table 1. Appropriations for the grant programs", "page 2", line=True),
             Passage("FY18: $310 million", "page 2", line=True), Passage("FY20: $725 million", "page 2", line=True),
             Passage("FY03-05: Total of $2 billion", "page 2", line=True)]
    assert stated(table, "Congress appropriated $725 million for the grants for FY2020.", "$725 million")
    assert not stated(table, "Congress appropriated $725 million for the grants for FY2018.", "$725 million")
    assert stated(table, "The act authorized a total of $2 billion over the period from FY2003 through FY2005.", "$2 billion")


def test_an_approximator_inside_quotation_marks_is_read():
    """'received “over 10 applications”' is more than 10, as 'received over 10 applications' is."""
    (quoted,) = quantities("NOAA has received “over 10 applications” since then.")
    (plain,) = quantities("NOAA has received over 10 applications since then.")
    assert quoted.bound == plain.bound == "gt"


def test_a_figure_written_as_a_compound_adjective_is_read_with_its_scale_and_unit():
    """"a 1.7-million-square-mile area" is 1.7 million square miles (it was a count of about 500,000)."""
    (area,) = quantities("The zone is a 1.7-million-square-mile area of the seafloor.")
    assert (area.value, area.unit) == (1.7e6, "square mile")
    (park,) = quantities("It is a 20-square-mile park.")
    assert (park.value, park.unit) == (20, "square mile")
    source = ["The zone is a 2.3-million-square-mile area of the seafloor in the Pacific Ocean."]
    assert states(source, "The zone is approximately 2.3 million square miles of seafloor.",
                  "approximately 2.3 million square miles")


def test_the_twelve_months_a_change_is_measured_over_are_not_a_figure_that_ends_its_stretch():
    """"prices rose 2.4 percent over the 12 months ending in May": May is the 2.4 percent's month ("12" is no
    figure whose stretch takes it), so it does not state a claim of the 12 months ending in October."""
    source = ["Total consumer prices rose 2.4 percent over the 12 months ending in May."]
    assert not states(source, "Total consumer prices rose 2.4 percent over the 12 months ending in October.",
                      "2.4 percent")
    assert states(source, "Total consumer prices rose 2.4 percent over the 12 months ending in May.",
                  "2.4 percent")


def test_a_passage_on_what_another_figure_of_the_claim_measures_does_not_state_this_one():
    """The claim "headline prices rose 2.4% in October, and core prices rose 2.9%": a passage on core prices
    whose 2.4% says nothing of headline prices is about the claim's other figure."""
    source = ["Headline consumer prices rose 2.4 percent over the 12 months ending in May.",
              "Core consumer prices, which leave out the volatile food and fuel items, also increased 2.4 percent."]
    claim = ("Headline consumer prices rose 2.4 percent over the 12 months ending in October, and, leaving out "
             "the volatile food and fuel items, core consumer prices rose 2.9 percent.")
    assert not states(source, claim, "2.4 percent")


def test_a_claims_figure_that_opens_a_range_is_the_range():
    """As ``check`` gives it, "4.25 percent" of "a range of 4.25 percent to 4.5 percent" opens the range: the figure
    verified is the range; not the change of "rose 2 percent to 4.5 percent", nor "from 4.25 percent to 4.5 percent"."""
    from artlint.verify.claims import Claim
    from artlint.verify.runner import _figure

    def figure(text: str, sentence: str):
        return _figure(Claim(0, 0, text, sentence, ("https://example.org",)))

    assert (figure("4.25 percent", "It is in a range of 4.25 percent to 4.5 percent now.").low,
            figure("4.25 percent", "It is in a range of 4.25 percent to 4.5 percent now.").high) == (4.25, 4.5)
    assert figure("2 percent", "Prices rose 2 percent to 4.5 percent.").low is None
    assert figure("4.25 percent", "The rate went from 4.25 percent to 4.5 percent.").low is None
    source = ["The target range for the policy rate is 4-1/4 to 4-1/2 percent after the meeting."]
    assert states(source, "The policy rate sits in a target range of 4.25 percent to 4.5 percent.", "4.25 percent")


def test_a_price_per_unit_and_the_same_sum_stated_without_its_unit_are_one_measure():
    # a sum of money is stated by the same price per something, and a price per something by a
    # passage whose second price leaves the "per" unsaid; a price per pound is a weight's, whichever
    # pound the words around it make quantulum3 guess
    source = ["The average wholesale coffee price is forecast 15 cents lower at $3.40 per kilogram this season.",
              "The average tea price is cut by $0.25 per kilogram to $4.75 on auction results to date.",
              "The cocoa butter and cocoa powder prices are unchanged at $610 per short ton and 72 cents per pound."]
    assert stated(source, "The average wholesale coffee price is forecast at $3.40 this season.", "$3.40")
    assert stated(source, "The average tea price is cut to $4.75 per kilogram on auction results.", "$4.75 per kilogram")
    assert stated(source, "The cocoa powder price is unchanged at 72 cents per pound.", "72 cents per pound")
    assert stated(source, "The cocoa butter and cocoa powder prices are unchanged at $610 per short ton and "
                          "72 cents per pound, respectively.", "72 cents per pound")
    # the number still decides, and a price per one thing is not a price per another
    assert not stated(source, "The average wholesale coffee price is forecast at $3.60 this season.", "$3.60")
    assert not stated(source, "The average wholesale coffee price is forecast at $3.40 per pound this season.",
                      "$3.40 per pound")
    assert not stated(source, "The average wholesale coffee price is forecast at £3.40 this season.", "£3.40")
    # a range is stated only in its own unit (a change misread as a range takes in every price inside it)
    assert not stated(source, "The average tea price is raised $0.50 to $4.60 on auction results.", "$0.50 to $4.60")
    # a flow of money per month is not a sum
    flows = ["The fund will add to its holdings of bonds at a pace of $30 billion per month rather than $35 billion."]
    assert not stated(flows, "The fund holds $30 billion of bonds.", "$30 billion")


# A longer report, so that a word in one or two of its passages is one that singles out what a claim is about
# (``verify.index.DISTINCTIVE``): forty sentences on other things, "prices" among their common words.
MARKET_FILLER = [f"Section {k} reviews the market prices of item group {k} and the demand for them in region {k}."
                 for k in range(40)]


def states_in_report(source: list[str], claim: str, figure: str) -> bool:
    """``states`` against ``source`` in a long report (``MARKET_FILLER``), its passages kept in order."""
    return states(source + MARKET_FILLER, claim, figure)


def test_a_figure_of_another_year_or_season_written_right_after_it_is_another_figure():
    """"2 percent in 2026" is not the source's "2 percent in 2027", nor "2 percent in 2025" its "2 percent in the
    2025-26 season", though the sentences name both years."""
    source = ["After rising by 10 percent in 2025, tin prices are forecast to increase by 3 percent in 2026 and a "
              "further 2 percent in 2027.",
              "Global cotton production is expected to fall by 2 percent in the 2025-26 season."]
    claim = "Tin prices are set to increase by 3 percent in 2025 (y/y) and 2 percent in 2026."
    assert not states_in_report(source, claim, "2 percent")
    assert states_in_report(source, "Tin prices are set to increase by 3 percent in 2026.", "3 percent")
    assert not states_in_report(source, "Global cotton production is expected to fall by 2 percent in 2025.", "2 percent")
    assert states_in_report(source, "Cotton production is to fall by 2 percent in the 2025/26 season.", "2 percent")


def test_a_figure_of_another_year_is_no_rival_for_the_words_of_the_claims_year():
    """"$68/bbl in 2025, a sharp decline from $81/bbl in 2024": the $68 has the passage's words on the Brent price,
    but it is 2025's; the $81 is the claim's 2024 price."""
    source = ["The Brent oil price is forecast to average $68/bbl in 2025, a sharp decline from $81/bbl in 2024, and "
              "to average $60/bbl in 2026."]
    claim = "The price of Brent oil is forecast to average $64/bbl in 2025, down from $81/bbl in 2024."
    assert states_in_report(source, claim, "$81/bbl")
    assert not states_in_report(source, claim, "$64/bbl")


def test_a_passage_that_never_names_the_claims_subject_does_not_state_its_figure():
    """"DAP prices are forecast to rise by 6 percent in 2025": a passage on copper's 6 percent in 2025 does not state
    it, nor one on the energy index a claim on commodity prices; a passage whose sentence before names the subject
    does, and so does a table's row, whose label names its thing otherwise."""
    source = ["After an expected 6 percent increase in 2025, copper prices are projected to rise by 1 percent in 2026.",
              "DAP prices are forecast to increase by 26 percent in 2025."]
    claim = "DAP prices are forecast to rise by 6 percent in 2025 (y/y) before declining by 8 percent in 2026."
    assert not states_in_report(source, claim, "6 percent")
    named_before = ["The outlook for DAP depends on new capacity coming online in Morocco.",
                    "Prices are forecast to rise by 6 percent in 2025 as that capacity comes online."]
    assert states_in_report(named_before, claim, "6 percent")
    energy = ["The broadest index of commodity prices is projected to drop by 7 percent in 2025.",
              "The energy price index is expected to fall by 12 percent in 2025 and by a further 10 percent in 2026."]
    assert not states_in_report(energy, "Commodity prices are forecast to fall by 12 percent in 2025.", "12 percent")
    assert states_in_report(energy, "Commodity prices are forecast to drop by 7 percent in 2025.", "7 percent")
    # the item a figure is given for after "respectively" is its subject
    gas = ["The European benchmark price is expected to rise by 10 percent in 2025 on lower storage levels."]
    platinum = ["Platinum mines in South Africa produced less this year."]  # far from the passage on gas
    listed = "Gold and platinum prices are projected to gain 36 and 10 percent in 2025, respectively."
    assert not states(gas + MARKET_FILLER + platinum, listed, "10 percent")
    assert states(["Platinum prices are projected to gain 10 percent in 2025 on lower output."] + MARKET_FILLER + platinum,
                  listed, "10 percent")
    # a subject far from its figure, or after a comma, is not what the figure is of
    assert states_in_report(["Emissions are to fall by 80% by 2050 under the act."],
                            "Net zero is more ambitious than the old goal, set in 2008, to cut emissions by 80% by 2050.",
                            "80%")


def test_a_claims_season_is_not_a_passages_other_season():
    source = ["The outlook for the 2025-26 crop season is better, with production up 34 percent in Ghana."]
    assert not states_in_report(source, "In the 2024-25 season, production in Ghana is forecast to rise by 34 percent.",
                                "34 percent")
    assert states_in_report(source, "In the 2025-26 season, production in Ghana is forecast to rise by 34 percent.",
                            "34 percent")


def test_to_wane_is_to_fall():
    source = ["The agricultural raw materials index is expected to rise by 2 percent in 2025."]
    assert not states_in_report(source, "Prices for agricultural raw materials are projected to wane 2 percent in 2025.",
                                "2 percent")
    assert states_in_report(source, "Prices for agricultural raw materials are projected to rise 2 percent in 2025.",
                            "2 percent")


def test_a_hedged_figure_is_stated_by_the_same_figure_hedged_otherwise():
    """"More than $700 billion" is what "approximately $700 billion" allows; it is not what "$650
    billion" or a plain "$700 billion" less one says, and "over 60%" is still not "about 58%"."""
    source = ["Approximately $700 billion is invested annually through more than 1,800 federal grant programs."]
    claim = "The federal government spends more than $700 billion annually on federal grant programs."
    assert stated(source, claim, "more than $700 billion")
    assert not stated(["About $650 billion is invested annually through federal grant programs."], claim,
                      "more than $700 billion")
    assert not stated(["Rare earth processing in China is about 58% of the world total."],
                      "China accounts for over 60% of global rare earth processing.", "over 60%")


@pytest.mark.parametrize("lo, hi", [(59.0, 61.0), (0.0, 0.7), (2000.0, 2000.0), (4e9, 4.5e9), (0.0, float("inf")),
                                    (5.0, 4.0), (float("nan"), 3.0), (1.0, float("nan")), (0.0, 0.0)])
def test_the_passages_near_a_value_are_those_a_scan_of_every_number_at_every_scale_finds(lo, hi):
    """``_near`` finds by binary search the passages whose number, at a scale, falls in the claim's
    window, and those with a number in words: in order, the same as the scan of each passage it replaced."""
    from artlint.verify.index import _NUMBER_WORDS, _SCALES, _numbers

    texts = ["China held 60% of processing in 2023.", "Output was 0.6 of capacity.", "Sales reached 4,200 million.",
             "About half of it.", "Nothing here.", "Between 59.5 and 60.5 tonnes, 1,000 and .2397", "0 and 0.0"]
    index = SourceIndex([Passage(t) for t in texts])
    scanned = [i for i, t in enumerate(texts) if _NUMBER_WORDS.search(t)
               or any(lo <= x * m <= hi for x in _numbers(t) for m in _SCALES)]
    assert index._near(lo, hi) == scanned


def test_the_closest_passage_is_scored_only_among_the_passages_that_share_a_word_with_the_claim():
    """A passage with none of the claim's words covers none of them: ``closest`` scores the others alone,
    and picks what scoring every passage picked."""
    index = SourceIndex([Passage("Copper output rose 4% in 2024."), Passage("Nickel prices fell 9%."),
                         Passage("Copper prices rose 3% over the year, and copper output 2%.")] + [Passage(t) for t in FILLER])
    words = topic_words("copper prices")
    assert index._using(words) == {0, 1, 2}
    best = index.closest(quantities("5%")[0], words)
    assert best is not None and best.passage.text.startswith("Copper prices rose 3%")
    every = [index.cover(words, w) for w in index.words]  # what closest scored before
    assert [i for i, score in enumerate(every) if score > 0] == sorted(index._using(words))


def test_quantulum3s_choice_between_units_of_one_name_is_made_as_quantulum3_makes_it():
    """``disambiguation`` replaces quantulum3's ``disambiguate_no_classifier`` (the same counts of its
    training words in the text, kept per text): the same unit, ties included, for texts where the
    words around a figure decide ("Pounds" of mass or sterling) and where none do."""
    import inspect

    from quantulum3 import load, no_classifier

    from artlint.verify.disambiguation import _READ, _choose, _unit_words
    from artlint.verify.quantities import _parser

    _parser()
    assert no_classifier.disambiguate_no_classifier.__module__ == "artlint.verify.disambiguation"
    namespace: dict = {}  # quantulum3's own function, from its source
    exec(inspect.getsource(no_classifier).replace("from . import load", ""), {"load": load}, namespace)
    theirs = namespace["disambiguate_no_classifier"]
    units = load.units("en_US")
    texts = ["Exports were 480 Pounds of beef per head.", "The budget was 5 Million Pounds sterling in the UK.",
             "Nothing about it at all", "", "a ton of coal, a ton of bricks, 3 tons"]
    for surface in ("pound", "pounds", "ton", "tons", "c", "m"):
        candidates = units.surfaces.get(surface) or units.symbols.get(surface) or set()
        for text in texts:
            assert _choose(candidates, text, _unit_words(load, "en_US")) is theirs(candidates, text), (surface, text)
    assert len(_READ) == 64


@pytest.mark.parametrize("text", ["twenty-five percent", "A half million tonnes\n", "Three and a half hours, and an hour",
                                  "one", "an", "ONE HUNDRED & TWENTY", "someone, anyone, tone: none", "3 million and five",
                                  "minus five", "7 fifths of 2,000 a year\n", "", "half-time, quarterly", "négative one"])
def test_quantulum3s_pattern_for_numbers_in_words_matches_what_its_own_matches(text):
    """``spellout`` gives quantulum3 its pattern for numbers in words with the words' lookbehind and
    lookahead said once, not once a word: the same matches, at the same places."""
    import re

    from quantulum3 import regex as patterns

    from artlint.verify.quantities import _parser
    from artlint.verify.spellout import _pattern

    _parser()
    assert patterns.text_pattern_reg.__module__ == "artlint.verify.spellout"
    theirs = re.compile(_pattern(patterns, "en_US", patterns.numberwords_regex("en_US")), re.VERBOSE | re.IGNORECASE)
    ours = patterns.text_pattern_reg("en_US")
    assert ours.pattern != theirs.pattern
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
