"""Issue 17, round 15's behaviours, on the real chapters of the U.S. Geological Survey's Mineral Commodity
Summaries 2025 that the evaluation set keeps (tests/verify_eval/sources/, their PDFs' text with the layout kept)
against sentences of the 2026 edition, each figure decided as ``check`` decides one (``verify.runner._outcome``);
``test_check_verifies_against_a_served_chapter`` runs ``artlint check --verify-sources`` against a chapter served
on 127.0.0.1."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from links_support import verify_against_served

from artlint.verify.claims import Claim
from artlint.verify.index import SourceIndex
from artlint.verify.quantities import read
from artlint.verify.reading import SourceText, read_source
from artlint.verify.runner import SUPPORTED, _figure, _outcome

SOURCES = Path(__file__).resolve().parent / "verify_eval" / "sources"
URL = "https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-chapter.pdf"


@cache
def chapter(commodity: str) -> tuple[SourceText, SourceIndex]:
    """A chapter of Mineral Commodity Summaries 2025 as the repository's text extraction gives it."""
    text = read_source("text/plain", (SOURCES / f"usgs-mcs2025-{commodity}.txt").read_text(encoding="utf-8"), None, URL)
    return text, SourceIndex(text.passages)


def stated(commodity: str, sentence: str, figure: str) -> bool:
    """Does the chapter state ``figure`` of ``sentence``, as ``check`` decides it?"""
    text, index = chapter(commodity)
    at = sentence.index(figure)
    claim = Claim(at, at + len(figure), figure, sentence, (URL,))
    return _outcome(claim, {URL: text}, {URL: index}).verdict == SUPPORTED


def figure_of(figure: str, sentence: str):
    return _figure(Claim(0, 0, figure, sentence, (URL,)))


def test_an_estimated_figure_is_that_figure_not_a_range_around_it():
    """"an estimated 73%" is 73%: the 2025 edition's "an estimated 76%" is 2024's share, not a rounding of it (as
    "about 73%" would allow); "an estimated 1.0 million tons" is not 2024's "an estimated 1.1 million tons"."""
    (share,) = read("accounted for an estimated 73% of world total")[1]
    assert share.bound == "exact"
    congo = ("Congo (Kinshasa) was the world’s leading source of mined cobalt and accounted for an estimated {} of "
             "world total, followed by Indonesia, which accounted for 14%.")
    assert not stated("cobalt", congo.format("73%"), "73%")
    assert stated("cobalt", congo.format("76%"), "76%")
    assert not stated("nickel", "Production in Australia decreased by an estimated 54% after multiple companies placed "
                                "mines into care-and-maintenance status owing to low prices.", "54%")
    assert not stated("copper", "In 2025, the recoverable copper content of U.S. mine production was an estimated "
                                "1.0 million tons, a decrease of 5% from that in 2024.", "1.0 million tons")


def test_the_statistic_rules_bare_number_is_read_on_to_its_scale_word_and_unit():
    nickel = ("Globally, nickel resources have been estimated to contain more than {} tons of nickel, with 54% in "
              "laterites and 35% in magmatic sulfide deposits.")
    read_on = figure_of("more than 350", nickel.format("350 million"))
    assert (read_on.value, read_on.unit, read_on.bound) == (350e6, "ton", "gt")
    assert stated("nickel", nickel.format("350 million"), "more than 350")
    assert not stated("nickel", nickel.format("350 thousand"), "more than 350")


def test_a_fraction_in_words_before_of_is_a_share():
    silver = ("The polymetallic ore deposits from which silver was recovered account for more than {} of U.S. and "
              "world resources of silver.")
    assert (figure_of("more than two-thirds", silver.format("two-thirds")).unit,
            round(figure_of("more than two-thirds", silver.format("two-thirds")).value)) == ("%", 67)
    assert stated("silver", silver.format("two-thirds"), "more than two-thirds")
    assert not stated("silver", silver.format("three-quarters"), "more than three-quarters")


def test_a_concentration_in_parts_per_million_is_one_figure():
    assert [(q.value, q.unit) for q in read("The average gallium content of bauxite is 50 parts per million.")[1]] == [
        (50.0, "parts-per-million")]
    assert stated("gallium", "The average gallium content of bauxite is 50 parts per million.", "50 parts per million")
    assert not stated("gallium", "The average gallium content of bauxite is 60 parts per million.", "60 parts per million")
    # the statistic rule's figure is the bare "50": it is read on to its unit
    zinc_ores = ("Some domestic zinc ores contain up to 50 parts per million gallium and could be a significant "
                 "resource, although no gallium is currently recovered from domestic ores.")
    assert figure_of("50", zinc_ores).unit == "parts-per-million"
    assert stated("gallium", zinc_ores, "50")


def test_check_verifies_against_a_served_chapter(tmp_path):
    body = (SOURCES / "usgs-mcs2025-gallium.txt").read_text(encoding="utf-8")
    found, out = verify_against_served(tmp_path, "gallium.txt", body, "text/plain", [
        "The average gallium content of bauxite is 50 parts per million ([USGS]({url})).",
        "The average gallium content of bauxite is 60 parts per million ([USGS]({url})).",
    ])
    assert (3, "figure-verified") in found and (3, "figure-not-in-source") not in found, out
    assert (5, "figure-not-in-source") in found, out


def test_the_point_of_an_abbreviation_does_not_end_a_clause():
    """"In 2025, the recoverable copper content of U.S. mine production was 1.1 million tons": the year is the
    figure's, though "U.S." comes between; the source's 1.1 million tons is 2024's."""
    assert not stated("copper", "In 2025, the recoverable copper content of U.S. mine production was 1.1 million tons, "
                                "a decrease of 5% from that in 2024.", "1.1 million tons")
    assert stated("copper", "In 2024, the recoverable copper content of U.S. mine production was 1.1 million tons, "
                            "a decrease of 3% from that in 2023.", "1.1 million tons")


def test_a_relative_clause_after_a_figure_is_not_what_it_measures():
    """The claim runs on ("..., the vast majority of which are in ... deposits") where the source ends its sentence:
    the deposits hold a part of the resources, the figure is of the resources."""
    claim = ("Identified world terrestrial cobalt resources are about 25 million tons, the vast majority of which are in "
             "sediment-hosted stratiform copper deposits in Congo (Kinshasa) and Zambia; nickel-bearing laterite "
             "deposits in Australia and nearby island countries and Cuba.")
    assert stated("cobalt", claim, "about 25 million tons")
    assert not stated("cobalt", claim.replace("25 million", "35 million"), "about 35 million tons")


def test_a_figure_of_its_own_year_is_not_of_the_year_it_is_compared_with():
    tin = "The estimated amount of new and old scrap tin recycled domestically in {} increased by 3% compared with that in {}."
    assert not stated("tin", tin.format(2025, 2024), "3%")
    assert stated("tin", tin.format(2024, 2023), "3%")


def test_a_figure_that_names_no_year_is_of_its_passages_years():
    """The source's 13.8 million tons is 2024's consumption, in a sentence on 2024 whose own words beside it say no
    year: not the claim's 2025 production."""
    claim = ("According to the International Lead and Zinc Study Group, estimated global refined zinc production in {} "
             "was forecast to increase slightly to 13.8 million tons mostly owing to the commissioning of a significant "
             "amount of refining capacity in China.")
    assert not stated("zinc", claim.format(2025), "13.8 million tons")
    assert stated("zinc", "According to the International Lead and Zinc Study Group, estimated metal consumption in "
                          "2024 was forecast to increase by 1.8% to 13.8 million tons.", "13.8 million tons")
