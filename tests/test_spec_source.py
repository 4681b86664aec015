"""RULES.md §3 source: every Flag and Quiet line."""

from __future__ import annotations

import pytest

from conftest import lint

CLAIMS = ("Food prices rose 19.2 per cent in the year to March 2023, the ONS said. "
          "By April 2024 inflation had fallen to 2.9 per cent, according to the ONS.")


def sources(text: str, **kw):
    return [(d.rule, d.line, d.match) for d in lint(text, ["source"], **kw)]


def test_claims_without_any_source_is_reported_on_line_1():
    found = sources(f"Food inflation is falling\n\n{CLAIMS}\n\nMore text.", format="text")
    assert [(rule, line) for rule, line, _ in found] == [("no-sources", 1)]
    found = sources(f"---\ntitle: x\n---\n\n# Food\n\n{CLAIMS}")
    assert [(rule, line) for rule, line, _ in found] == [("no-sources", 1)]


@pytest.mark.parametrize("sourcing", [
    "\n\n## Sources\n\n- ONS, *Consumer price inflation*, 2024. https://www.ons.gov.uk/",
    " See the [ONS release](https://www.ons.gov.uk/).",
    "[^1]\n\n[^1]: ONS, *Consumer price inflation*, 2024. https://www.ons.gov.uk/",
    "\n\n## Further reading\n\n- [ONS](https://www.ons.gov.uk/)",
    "\n\n## Bibliography\n\n- Office for National Statistics, *CPI*, 2024. https://www.ons.gov.uk/",
])
def test_any_form_of_sourcing_silences_the_document_check(sourcing):
    assert "no-sources" not in [r for r, _, _ in sources(f"# Food\n\n{CLAIMS}{sourcing}")]


def test_a_single_unsourced_figure_is_a_claim():
    text = "Cheap solar\n\nModule prices fell to 11 cents a watt, a 40% drop, as factories fought for share.\n"
    assert [r for r, _, _ in sources(text, format="text")] == ["no-sources"]


def test_no_claims_no_sources_is_quiet():
    opinion = "# In defence of boring infrastructure\n\nMaintenance has no opening ceremony. Nobody names a pothole after a minister."
    howto = "# Upgrade\n\nRun `dotnet build . -c Release` and open a pull request.\n\n```bash\ndotnet tool install -g upgrade-assistant\n```"
    assert sources(opinion) == [] and sources(howto) == []


@pytest.mark.parametrize("section", ["## Sources\n", "## References\n\n[add citation]\n",
                                     "## Sources\n\n## About the author\n\nShe writes."])
def test_empty_or_placeholder_only_sources_section(section):
    found = sources(f"# T\n\nThe IEA says so.[^1]\n\n[^1]: IEA. https://iea.org/\n\n{section}")
    assert [(r, m) for r, _, m in found if r == "empty-sources-section"][0][1].lstrip("# ") in (
        "Sources", "References")


def test_notes_heading_followed_only_by_definitions_is_not_empty():
    text = "# T\n\nText.[^1] And [more][x].\n\n## Notes\n\n[^1]: IEA, 2024. https://iea.org/\n\n[x]: https://x.org/"
    assert sources(text) == []


def test_entry_without_locator():
    text = ("India and Japan\n\nThey talk.\n\nSources\n\n"
            "  • India, Japan decide to ramp up dialogue on economic security – Times of India\n"
            "  • Department for Promotion of Industry and Internal Trade (DPIIT) – https://dpiit.gov.in/\n")
    found = sources(text, format="text")
    assert found == [("source-without-locator", 7,
                      "India, Japan decide to ramp up dialogue on economic security – Times of India")]


@pytest.mark.parametrize("entry", [
    "U.S. Geological Survey, *Mineral Commodity Summaries 2024*. https://doi.org/10.3133/mcs2024",
    "Wilding JPH et al. N Engl J Med 2021;384:989-1002. doi:10.1056/NEJMoa2032183",
    "Henry Sanderson, *Volt Rush* (Oneworld, 2022). ISBN 978-0-86154-373-1",
    "[European Commission, *Study on Critical Raw Materials 2023*](https://single-market-economy.ec.europa.eu/)",
    "[Insert source here]",
    "European Commission – European Chips Act – htps://commission.europa.eu/chips",
])
def test_entries_with_locator_or_owned_by_other_rules_are_quiet(entry):
    text = f"# T\n\nClaims.\n\n## Sources\n\n- {entry}\n- Reuters, 2024. https://www.reuters.com/x\n"
    assert [r for r, _, _ in sources(text) if r == "source-without-locator"] == []


def test_explanatory_note_is_not_a_source_entry():
    text = "# T\n\nDeployers [a] count.\n\n## Notes\n\n[a] The Act calls any organisation that uses an AI system a deployer.\n"
    assert sources(text) == []


def test_footnote_without_definition_and_unused_definition():
    text = "# T\n\nCheap at scale.[^4] And more.[^1]\n\n[^1]: IEA, 2024. https://iea.org/\n[^3]: JOGMEC, 2023. https://jogmec.go.jp/\n"
    found = {(r, m) for r, _, m in sources(text)}
    assert ("undefined-footnote", "[^4]") in found
    assert ("unused-footnote", "[^3]") in found
    assert len(found) == 2
    assert {d.severity for d in lint(text, ["unused-footnote"])} == {"warning"}
