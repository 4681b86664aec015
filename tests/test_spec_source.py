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



def test_a_footnote_definition_needs_no_space_after_the_colon():
    """As on GitHub (cmark-gfm): "[^3]:[text](url)" defines the note."""
    text = "# T\n\nOutput fell 3%.[^3]\n\n[^3]:[Press statement](https://www.nmoga.org/statement)\n"
    assert sources(text) == []


@pytest.mark.parametrize("end", ["**Policy options**", "---", "## Policy options"])
def test_a_sources_label_section_ends_where_the_writer_starts_something_else(end):
    """"**Sources:**" opens a section with no heading to close it: a bold line, a thematic
    break or a heading ends it, so the text after it is not read as source entries."""
    text = ("# T\n\nPrices rose 12% in 2023, according to [KFF](https://www.kff.org/x).\n\n"
            "**Sources:**\n- [CMS data](https://www.cms.gov/x)\n- KFF Health Tracking Poll\n\n"
            f"{end}\n\n- Cap insulin at a fixed monthly price.\n\nNegotiation would save money.\n")
    assert [(r, m) for r, _, m in sources(text)] == [("source-without-locator", "KFF Health Tracking Poll")]


def test_an_acknowledgements_subsection_under_references_lists_no_sources():
    text = ("# T\n\nQueues grew 12% in 2023 [1].\n\n## References\n\n"
            "[1] Cachon and Terwiesch. 2018. Matching Supply with Demand. https://doi.org/10.1000/182\n\n"
            "### Acknowledgements\n\nMany thanks to Professor Myers and Dr. Rana for their help.\n\n"
            "### Books\n\nOperations Management (3rd ed.). McGraw-Hill.\n")
    assert [(r, m) for r, _, m in sources(text)] == [
        ("source-without-locator", "Operations Management (3rd ed.). McGraw-Hill.")]


def test_a_methodology_subsection_and_a_footer_after_a_rule_list_no_sources():
    text = ("# T\n\nQueues grew 12% in 2023 [1].\n\n## References\n\n"
            "***\n\n1. Cachon and Terwiesch. 2018. Matching Supply. https://doi.org/10.1000/182\n"
            "2. Larson and Odoni. 1981. Urban Operations Research. Prentice-Hall.\n\n"
            "### Methodology\n\n- Primary search query: \"queues\"\n- Search backend: DuckDuckGo\n\n"
            "## Sources\n\n- IMF, *World Economic Outlook*, 2025. https://www.imf.org/\n\n---\n"
            "*This report was automatically generated by the Research Pipeline v2.0*\n")
    # the rule right under the heading is decoration: the entries after it are read
    assert [(r, m) for r, _, m in sources(text)] == [
        ("source-without-locator", "Larson and Odoni. 1981. Urban Operations Research. Prentice-Hall.")]


# ---- issue 12: one-line source notes are source entries ------------------------------------
NOTE_FLAG = [
    # (id, format, text, (line, column), match)
    ("under-table", "markdown", "# T\n\nGDP rose 3% in 2023.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSource: World Bank, IMF\n\nMore.\n",
     (9, 9), "World Bank, IMF"),
    ("italic", "markdown", "# T\n\nGDP rose 3% in 2023.\n\n*Sources: Reuters, BBC*\n", (5, 11), "Reuters, BBC"),
    ("bold-label", "markdown", "# T\n\nGDP rose 3% in 2023.\n\n**Source:** IMF World Economic Outlook (2024)\n",
     (5, 13), "IMF World Economic Outlook (2024)"),
    ("under-image", "markdown", "# T\n\nOil fell 20%.\n\n![Brent crude](brent.png)\n*Source: EIA*\n", (6, 10), "EIA"),
    ("data-source", "markdown", "# T\n\nOil fell 20%.\n\nData source: U.S. Energy Information Administration\n",
     (5, 14), "U.S. Energy Information Administration"),
    ("after-caption", "markdown", "# T\n\nOil fell 20%.\n\nFigure 2: Brent crude, 2020-2024. Source: EIA.\n", (5, 43), "EIA."),
    ("html-caption", "markdown", "# T\n\nOil fell 20%.\n\n<figure><img src=\"b.png\" alt=\"\"><figcaption>Source: EIA</figcaption></figure>\n",
     (5, 53), "EIA"),
    ("text-line", "text", "T\n\nGDP rose 3% in 2023.\n\nSources: Reuters, BBC\n\nMore text follows here.\n", (5, 10), "Reuters, BBC"),
    ("text-under-chart", "text", "T\n\nOil fell.\n\nChart: Brent crude, 2020-2024\nSource: EIA\n\nMore text.\n", (6, 9), "EIA"),
]


@pytest.mark.parametrize("fmt, text, position, match", [pytest.param(*c[1:], id=c[0]) for c in NOTE_FLAG])
def test_source_note_without_locator_is_reported_on_its_line(fmt, text, position, match):
    found = lint(text, ["source"], format=fmt)
    assert [(d.rule, (d.line, d.column), d.match) for d in found] == [("source-without-locator", position, match)]


NOTE_QUIET = [
    ("markdown-link", "Source: [IMF, *World Economic Outlook*](https://www.imf.org/en/Publications/WEO)"),
    ("reference-link", "*Source: [IEA, Renewables 2023][iea], chapter 1.*\n\n[iea]: https://www.iea.org/reports/renewables-2023"),
    ("bare-url", "Source: World Bank, https://data.worldbank.org/indicator/NY.GDP.MKTP.KD.ZG"),
    ("url-on-next-line", "Source: IMF World Economic Outlook\nhttps://www.imf.org/en/Publications/WEO"),
    ("doi", "Source: Lincoff AM et al., N Engl J Med 2023, doi:10.1056/NEJMoa2307563"),
    ("footnote-mark", "Source: IMF World Economic Outlook.[^1]\n\n[^1]: IMF, 2024. https://www.imf.org/weo"),
    ("numbered-citation", "Source: IMF World Economic Outlook [3]."),
    ("own-work", "Source: Author's calculations."),
    ("stock-credit", "Source: Unsplash"),
    ("placeholder", "Source: [add source]"),
    ("parenthetical-mention", "Prices fell (source: IMF) and the word source: is a word."),
    ("sentence-about-sources", "Our source: a diplomat who asked not to be named."),
    ("html-link", "Source: <a href=\"https://developer.nvidia.com/blog/inside-the-nvidia-rubin-platform/\">NVIDIA</a>"),
]


@pytest.mark.parametrize("note", [pytest.param(n, id=i) for i, n in NOTE_QUIET])
def test_source_notes_with_a_locator_or_naming_no_publication_are_quiet(note):
    text = f"# T\n\nGDP rose 3% in 2023, the IMF says.\n\n{note}\n\nSee the [IMF](https://www.imf.org/).\n"
    assert [d.rule for d in lint(text, ["source-without-locator"])] == []


def test_note_in_a_sources_section_is_reported_once_as_an_entry():
    text = "# T\n\nGDP rose 3%.\n\n## Sources\n\n- Source: IMF World Economic Outlook\n"
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 7)]


def test_a_note_without_locator_counts_as_sources_for_the_document_check():
    """Choice: a note names its sources, so the article does not "cite no sources at all";
    its missing locator is reported once, on its own line, not again on line 1."""
    text = f"Food inflation\n\n{CLAIMS}\n\nSource: Office for National Statistics\n"
    assert [(d.rule, d.line) for d in lint(text, ["source"], format="text")] == [("source-without-locator", 5)]


CREDITS_ONLY = [
    ("photo-by-unsplash", "Photo by [Jane Doe](https://unsplash.com/@janedoe) on [Unsplash](https://unsplash.com/)"),
    ("image-credit", "*Image: [Getty](https://www.gettyimages.com/detail/123)*"),
    ("credit-reuters", "Credit: [Reuters](https://www.reuters.com/pictures/)"),
    ("stock-image", "![Port of Rotterdam](https://images.unsplash.com/photo-1494412574643-ff11b0a5c1c3)"),
    ("linked-image-file", "[![Port](port-thumb.jpg)](https://cdn.example-news.org/port-full.jpg)"),
    ("figure-caption", "<figure><img src=\"port.jpg\" alt=\"\"><figcaption>Photo: <a href=\"https://www.flickr.com/photos/x/1\">Jan</a>"
                       "</figcaption></figure>"),
    ("after-image", "![Port](port.jpg) Photo by [Jane Doe](https://janedoe.photo/)"),
    ("stock-credit-note", "Source: Shutterstock"),
]


@pytest.mark.parametrize("credit", [pytest.param(c, id=i) for i, c in CREDITS_ONLY])
def test_an_article_whose_only_links_are_image_credits_cites_no_sources(credit):
    found = lint(f"# Food\n\n{credit}\n\n{CLAIMS}\n", ["source"])
    assert [(d.rule, d.line) for d in found] == [("no-sources", 1)]


@pytest.mark.parametrize("text", [
    f"# Food\n\nPhoto by [Jane Doe](https://unsplash.com/@janedoe)\n\n{CLAIMS} See the [ONS release](https://www.ons.gov.uk/).\n",
    f"# Food\n\n![Shoppers](shop.jpg) Photo by Jane Doe. {CLAIMS} See the [ONS release](https://www.ons.gov.uk/).\n",
])
def test_a_source_link_beside_a_credit_still_counts(text):
    assert lint(text, ["source"]) == []


# ---- issue 12 §3: identifiers that cannot be right ------------------------------------------
IDENTIFIER_FLAG = [
    ("isbn13-check-digit", "markdown", "# T\n\n- Sanderson, *Volt Rush*, 2022. ISBN 978-0-86154-373-2\n",
     "invalid-isbn", (3, 38), "978-0-86154-373-2"),
    ("isbn10-check-digit", "markdown", "# T\n\n- Stern, 2007. ISBN-10: 0-521-70080-0.\n", "invalid-isbn", (3, 25), "0-521-70080-0"),
    ("isbn-spaces-then-year", "text", "T\n\nSources\n\n  • Stern, ISBN 0 521 70080 0 2007 reprint\n", "invalid-isbn", (5, 17),
     "0 521 70080 0"),
    ("isbn-too-short", "markdown", "# T\n\n- Chang, 2002. ISBN 978-1-84331\n", "invalid-isbn", (3, 21), "978-1-84331"),
    ("isbn13-bad-prefix", "markdown", "# T\n\n- A book. ISBN 9770000000001\n", "invalid-isbn", (3, 16), "9770000000001"),
    ("doi-no-slash", "markdown", "# T\n\n- Lincoff, 2023. doi:10.1056NEJMoa2307563.\n", "malformed-doi", (3, 22), "10.1056NEJMoa2307563"),
    ("doi-no-suffix", "text", "T\n\nSources\n\n  • Jastreboff, 2022. DOI: 10.1056/\n", "malformed-doi", (5, 28), "10.1056/"),
    ("doi-link-no-prefix", "markdown", "# T\n\n- [Wilding, 2021](https://doi.org/NEJMoa2032183)\n", "malformed-doi", (3, 19),
     "https://doi.org/NEJMoa2032183"),
    ("doi-registrant-letters", "markdown", "# T\n\n- USGS, 2024. https://doi.org/10.31x33/mcs2024\n", "malformed-doi", (3, 15),
     "https://doi.org/10.31x33/mcs2024"),
]


@pytest.mark.parametrize("fmt, text, rule, position, match", [pytest.param(*c[1:], id=c[0]) for c in IDENTIFIER_FLAG])
def test_identifier_that_cannot_be_right(fmt, text, rule, position, match):
    found = [d for d in lint(text, ["source"], format=fmt) if d.rule in ("invalid-isbn", "malformed-doi")]
    assert [(d.rule, (d.line, d.column), d.match) for d in found] == [(rule, position, match)]
    assert found[0].severity == "error"


IDENTIFIER_QUIET = [
    ("isbn13-hyphens", "ISBN 978-0-86154-373-1"),
    ("isbn13-plain", "ISBN-13: 9780861543731."),
    ("isbn10-spaces-then-page", "ISBN 0 521 70080 9, p. 12"),
    ("isbn10-x", "ISBN 0-8044-2957-X"),
    ("isbn-like-number", "Order 978-0-86154-373-2 arrived; call 0-521-70080-0."),
    ("isbn-in-code", "Write `ISBN 978-0-86154-373-2` to test."),
    ("isbn-word", "ISBNs and ISBN: pending are not numbers."),
    ("doi-label", "doi:10.1056/NEJMoa2307563 and DOI 10.3133/mcs2024 and DOI: 10.1000.10/182"),
    ("doi-parens", "(https://doi.org/10.1016/S0140-6736(21)00213-0) and (doi:10.1000/182)."),
    ("doi-link", "[Full text](https://dx.doi.org/10.1038/nature12373) and <https://doi.org/10.1000/182>"),
    ("doi-homepage", "The DOI system: [DOI Foundation](https://www.doi.org/the-identifier/) and [doi.org](https://doi.org/)."),
    ("doi-in-code", "Run `curl https://doi.org/NEJM` and `doi:10.1056NEJM`."),
    ("doi-encoded", "[a](https://doi.org/10.1002%2Fanie.201915678)"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in IDENTIFIER_QUIET])
def test_valid_or_unintroduced_identifiers_are_quiet(text):
    assert lint(f"# T\n\n{text}\n", ["invalid-isbn", "malformed-doi"]) == []


def test_a_closing_remark_in_italics_after_the_sources_is_not_an_entry():
    text = ("# T\n\nGDP rose 3%.\n\n**Sources:**\n- [IMF WEO](https://www.imf.org/weo)\n\n"
            "*This analysis reflects the data as of August 2025. The situation continues to evolve.*\n\n"
            "*World Bank, World Development Indicators 2024*\n")
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 10)]


def test_a_sentence_naming_no_author_title_or_year_among_the_entries_is_no_entry():
    text = ("# Usage\n\nCitations count too.\n\n## Citations\n\n"
            "* Dawson, H. A. (2021). Requirements for AUVs. Journal of Great Lakes Research, 47(1). "
            "<https://doi.org/10.1016/j.jglr.2020.11.004>\n\nThank you for citing our tools!\n\n"
            "This is again partial information, that might however help underlining its usefulness.\n\n"
            "Some notes on the software, 2021.\n\nWorld Bank, World Development Indicators.\n")
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 13),
                                                                 ("source-without-locator", 15)]
    # a closing remark of two sentences says nothing to find; a name may open an entry
    kinds = ("# Standards\n\nWe check facts.\n\n## Sources\n\nWe draw on publicly available information including:\n"
             "- Eurostat waste statistics on portable batteries\n- World Bank data\n\n"
             "We do not have special access to information. We synthesize what is publicly available.\n")
    assert [d.match for d in lint(kinds, ["source"])] == ["Eurostat waste statistics on portable batteries",
                                                         "World Bank data"]


def test_a_record_is_a_factual_claim():
    text = "# Trade\n\nU.S. goods exports hit a record in April, narrowing the trade deficit.\n"
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("no-sources", 1)]


def test_a_bold_label_section_ends_at_the_next_bold_label_over_a_paragraph():
    """'**Sources:**' with its list, then '**The Idea:**' over the idea's text: the idea is not a
    source entry (real drafts write their pseudo-headings this way)."""
    text = ("# Reform\n\n**Sources:**\n- [FTC report](https://www.ftc.gov/report), July 2024\n\n"
            "**The Idea:**\nSell medications at cost plus a markup:\n- Actual manufacturing cost\n"
            "- A flat pharmacy fee\n")
    assert [d for d in lint(text, ["source-without-locator"], path="a.md")] == []


def test_flattened_endnote_numbers_are_sourcing():
    """A briefing run through PDF-to-text keeps its note numbers ("levels.5") but loses the
    notes' links: it still cites its sources (each unlinked note is its own question)."""
    text = ("Threats presented by climate change\n\nSea levels rose by 20 cm over the century.5 The rise is "
            "accelerating, with 97% of scientists in agreement.6\n")
    assert [(d.rule, d.line) for d in lint(text, ["no-sources"], format="text")] == []
    bare = "Threats presented by climate change\n\nSea levels rose by 20% over the century. It is accelerating.\n"
    assert [(d.rule, d.line) for d in lint(bare, ["no-sources"], format="text")] == [("no-sources", 1)]


def test_a_bracketed_or_colon_decorated_sources_heading_names_the_section():
    """Generated reports write '## [SOURCE REFERENCES]': the same section as '## References'."""
    for heading in ("## [SOURCE REFERENCES]", "## References:", "## (Sources)"):
        text = (f"# Chips\n\nExports fell 12% [1].\n\n{heading}\n\n"
                "[1] Tan, C. (2024, March 7). Wang Yi says sanctions have reached absurdity. Nikkei Asia.\n")
        assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 7)], heading


def test_a_wire_credit_supports_a_figure_but_is_no_source_list():
    """"(Reuters/AFP)" tells where a figure came from, so the statistic is quiet; it points at
    nothing a reader can open, so an article with only such credits still cites no sources."""
    text = "# Oil\n\nBrent fell to $67 a barrel as the premium faded (Reuters/AFP).\n"
    assert [(d.rule, d.line) for d in lint(text, ["source", "statistic"])] == [("no-sources", 1)]


def test_a_sources_section_holding_only_a_placeholder_gives_no_sources():
    text = ("# Rents\n\nRents rose 12% last year.\n\n**Endnotes:**\n\n"
            "[Note: Endnotes would include citations for these claims. These should be added during editing.]\n")
    found = [(d.rule, d.line) for d in lint(text, ["source", "placeholder"])]
    assert ("no-sources", 1) in found and ("empty-sources-section", 5) in found
    assert ("unfilled-template-slot", 7) in found
    filled = text.replace("[Note: Endnotes would include citations for these claims. These should be added during editing.]",
                          "1. [ONS rental index](https://www.ons.gov.uk/rents)")
    assert [(d.rule, d.line) for d in lint(filled, ["source"])] == []


def test_a_list_of_goals_states_no_facts_to_source():
    goals = ("# Plan\n\nBy 2030, the framework aims to:\n\n- Train 10 million health workers.\n"
             "- **Reduce** health disparities by 50% in marginalized communities.\n")
    assert [(d.rule, d.line) for d in lint(goals, ["no-sources"])] == []
    facts = goals + "\nHealth spending rose 12% last year.\n"
    assert [(d.rule, d.line) for d in lint(facts, ["no-sources"])] == [("no-sources", 1)]


def test_a_qualified_sources_title_names_a_sources_section():
    text = ("# Trade\n\nLobbying rose 40% [1].\n\n### Suggested sources\n\n"
            "- Government Accountability Office. *Trade Policy: USTR Should Improve Its Processes.* GAO-20-390.\n")
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 7)]


@pytest.mark.parametrize("heading", [
    "## 📚 Sources & Attribution (sample)", "## Sources (draft)", "## → References", "## Sources and methodology",
    "## 📚 **References & Further Reading**", "## References and further reading",
])
def test_a_sources_heading_may_carry_an_emoji_a_qualifier_or_a_second_subject(heading):
    text = f"# T\n\nSpot rates rose sharply.\n\n{heading}\n\n- Primary wire services (Reuters, AP) — credited per article.\n"
    assert [(r, line) for r, line, _ in sources(text) if r == "source-without-locator"] == [("source-without-locator", 7)]


@pytest.mark.parametrize("heading", ["## 📚 Additional Reading (sample)", "## Sourcing decisions"])
def test_other_headings_are_not_sources_sections(heading):
    text = f"# T\n\nSpot rates rose sharply.\n\n{heading}\n\n- Primary wire services (Reuters, AP) — credited per article.\n"
    assert [r for r, _, _ in sources(text) if r == "source-without-locator"] == []


def test_each_row_of_a_sources_table_is_an_entry():
    text = ("# T\n\nSolar costs fell [1].\n\n## 7 References\n\n"
            "| Source Number(s) | Source Title / URL |\n| --- | --- |\n"
            "| [1]-[11] | Lazard LCOE+ Analysis, RenewEconomy |\n"
            "| [12] | [Cost of electricity by source](https://en.wikipedia.org/wiki/Cost_of_electricity_by_source) |\n"
            "| [ARF] | Architecture and Reference Framework, European Commission, 2025 |\n")
    found = [(r, line, match) for r, line, match in sources(text) if r == "source-without-locator"]
    assert found == [("source-without-locator", 9, "Lazard LCOE+ Analysis, RenewEconomy"),
                     ("source-without-locator", 11, "Architecture and Reference Framework, European Commission, 2025")]


@pytest.mark.parametrize("heading", ["## 7 References", "## 7.2 Sources", "## VII. References", "## 8. **References**",
                                     "## _Sources_", "## 20) References (APA Style)", "## IV) Bibliography"])
def test_a_numbered_sources_heading_is_a_sources_section(heading):
    text = f"# T\n\nClaims.\n\n{heading}\n\n- Lazard LCOE+ Analysis, RenewEconomy\n"
    assert [(r, line) for r, line, _ in sources(text) if r == "source-without-locator"] == [("source-without-locator", 7)]


@pytest.mark.parametrize("breaks", ["  \n", "\\\n", "\n"])
def test_entries_on_lines_of_one_markdown_paragraph_are_entries_each(breaks):
    """"[1] WHO, …  ⏎[2] Murray et al., …": lines that render apart (hard breaks, or a note number
    opening each) are one entry each; one entry's "[2]" is no citation mark of the one before."""
    text = ("# T\n\nClaims [1].\n\n### References\n\n[1] WHO, *AWaRe classification of antibiotics*, 2023."
            + breaks + "[2] Murray et al., *Global burden of AMR in 2019*, The Lancet, 2022.\n")
    assert [(line, match) for r, line, match in sources(text) if r == "source-without-locator"] == [
        (7, "WHO, *AWaRe classification of antibiotics*, 2023."),
        (8, "Murray et al., *Global burden of AMR in 2019*, The Lancet, 2022.")]


def test_lines_of_bold_field_labels_are_entries_each():
    """"**Data Collection Date:** …⏎**Primary Source:** …": a paragraph whose every line opens
    with a bold field label renders as one line, but each field is an entry of its own; a date
    field is a remark on the list, and the entry's match starts at its label's first "*"."""
    text = ("# T\n\nClaims.\n\n## Sources\n\n- World Bank, https://data.worldbank.org/\n\n"
            "**Data Collection Date:** November 25, 2025\n**Primary Source:** IMF World Economic Outlook\n")
    assert [(line, match) for r, line, match in sources(text) if r == "source-without-locator"] == [
        (10, "**Primary Source:** IMF World Economic Outlook")]


def test_a_count_of_sources_under_a_bold_label_names_no_publication():
    text = ("# T\n\nClaims.\n\n## Sources\n\n- World Bank, https://data.worldbank.org/\n\n"
            "**Data Collection Date:** November 25, 2025\n"
            "**Total Sources Referenced:** 75+ official sources across 15 countries\n")
    assert [r for r, _, _ in sources(text) if r == "source-without-locator"] == []


def test_a_news_items_source_field_finds_its_link_among_the_records_fields():
    """A digest's item lists its fields as items: "- **Source:** GlobeNewswire", then other
    fields, then "- **Link:** https://…". The link is the source's locator; a record whose
    fields give no link still lacks one."""
    record = ("### 1. Cloud mining app launches\n- **Source:** GlobeNewswire\n- **Sentiment:** 0.96\n"
              "- **Published:** 2025-07-04T12:11:00Z\n{link}\n")
    text = "# Digest\n\nPrices rose 5% in a day.\n\n" + record.format(link="- **Link:** https://www.globenewswire.com/news-release/1")
    assert [r for r, _, _ in sources(text) if r == "source-without-locator"] == []
    text = "# Digest\n\nPrices rose 5% in a day.\n\n" + record.format(link="- **Score:** 12")
    assert [(r, line) for r, line, _ in sources(text) if r == "source-without-locator"] == [("source-without-locator", 6)]


@pytest.mark.parametrize("note", ["Sources: Twitter (0), Reddit (40), News (39)", "- **Data Sources:** twitter: 1298, telegram: 1"])
def test_a_tally_of_items_gathered_per_source_names_no_publication(note):
    text = f"# Digest\n\nTotal items analyzed: 79\n{note}\n\nPrices rose 5% in a day, Reuters reported.\n"
    assert [r for r, _, _ in sources(text) if r == "source-without-locator"] == []
    cited = "# Digest\n\nPrices rose.\n\nSources: World Bank (2020), IMF (2021)\n"
    assert [r for r, _, _ in sources(cited) if r == "source-without-locator"] == ["source-without-locator"]


@pytest.mark.parametrize("heading", ["### C. Sources & References (chronological)", "## B) References"])
def test_a_lettered_sources_heading_is_a_sources_section(heading):
    text = f"# T\n\nClaims.\n\n{heading}\n\n- Tesla Q1 2026 earnings release (revenue, net income).\n"
    assert [(r, line) for r, line, _ in sources(text) if r == "source-without-locator"] == [("source-without-locator", 7)]


def test_a_sources_label_ends_where_running_text_follows_its_list():
    """'Sources:' with its list, then the article goes on: the paragraphs after the list are
    prose (their figures are read as claims), not source entries without a locator."""
    text = ("# Energy\n\nRenewables gave 26% of power in 2020.\n\nSources:\n"
            "- IEA. (2021). Renewables 2021. https://www.iea.org/reports/renewables-2021\n\n"
            "In terms of global electricity demand, it is 2.74 TW, about 2 kW per person.\n\n"
            "Carbon capture seems uneconomic to me.\n")
    found = [(d.rule, d.line) for d in lint(text, ["source", "statistic"])]
    assert ("source-without-locator", 8) not in found and ("source-without-locator", 10) not in found
    assert ("unsupported-statistic", 8) in found


def test_the_shared_sources_file_meets_each_source_checks_schema():
    """One definition of a sources section, a note, a placeholder entry and a credit
    (src/artlint/checks/sources.yaml): every key is an option of a source check, and valid there."""
    from jsonschema import Draft202012Validator
    from artlint.checks import options_schema
    from artlint.checks._sources import shared_options

    known = set()
    for check in ("source-entries", "missing-sources"):
        schema = options_schema(check)
        mine = {k: v for k, v in shared_options().items() if k in schema["properties"]}
        errors = [e.message for e in Draft202012Validator({**schema, "required": []}).iter_errors(mine)]
        assert errors == []
        known |= set(mine)
    assert set(shared_options()) == known  # no key that no check reads


def test_a_rule_option_replaces_the_shared_definition_for_that_rule_only():
    from conftest import RULES_BY_ID
    from artlint.engine import lint_text

    text = "# T\n\nGDP rose 3%.\n\n## Quellenangaben\n\n- IMF, World Economic Outlook, 2024\n"
    rules = [RULES_BY_ID[r] for r in ("no-sources", "source-without-locator")]
    assert [d.rule for d in lint_text(text, rules, "a.md")] == ["no-sources"]  # no sources title by default
    own = [r.with_options({"section_titles": "quellenangaben"}, "test") for r in rules]
    assert [d.rule for d in lint_text(text, own, "a.md")] == ["source-without-locator"]
    assert [d.rule for d in lint_text(text, [own[0], rules[1]], "a.md")] == []  # the other rule keeps the shared one


def test_notes_taken_at_a_talk_are_no_endnotes():
    """A Notes section of bullets within bullets is the writer's notes, not a list of
    citations: years and quotations in it are no sign of a source entry."""
    notes = ("# Banking crises\n\nAttended a [talk](https://talks.cam.ac.uk/talk/1) today.\n\n### Notes\n\n"
             "  * Crucial reform in 1858 in UK following the 1857 crisis.\n"
             "    * Britain: 1825, 1836, 1847\n"
             "  * Everyone smart knew there was a subprime crisis in mid-2006.\n")
    assert [d.rule for d in lint(notes, ["source"])] == []
    endnotes = ("# Banking crises\n\nCrises recur.[1]\n\n### Notes\n\n"
                "1. Calomiris and Haber, Fragile by Design, 2014.\n")
    assert [d.rule for d in lint(endnotes, ["source"])] == ["source-without-locator"]


def test_links_to_the_articles_own_site_are_no_sources():
    """Front matter names the site (``url:``, ``meta: {site: {url: …}}``): a link to another page
    of it is related reading, not a source of the article's claims."""
    text = ("---\ntitle: Inflation\nmeta:\n  site:\n    url: https://www.curiouslists.com\n---\n\n"
            "Prices in Zimbabwe doubled every 24.7 hours in 2008.\n\n"
            "See also [10 key facts](https://curiouslists.com/list/10-key-facts).\n")
    assert [d.rule for d in lint(text, ["source"])] == ["no-sources"]
    elsewhere = text.replace("https://curiouslists.com/list/10-key-facts", "https://www.imf.org/en/Publications")
    assert [d.rule for d in lint(elsewhere, ["source"])] == []


def test_guidance_to_the_reader_in_a_citations_section_is_no_entry():
    text = ("# Paper\n\nGrowth was 3% [@a:2001].\n\n# Citations\n\n"
            "If you want to cite a software repository URL (e.g. something on GitHub) then use the BibTeX entry below.\n\n"
            "Smith, J. Energy and the economy. 2001.\n")
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 9)]


def test_an_in_page_anchor_is_no_locator_for_a_note():
    text = ("# Aid\n\nAid to Korea rose 40% in a decade.[1]\n\n## Notes\n\n"
            "<a href='#note_1' name='foot_1'>1.</a> AP, 'Afghanistan Promised $16bn in aid', 8 July 2012, _The Guardian_.\n\n"
            "<a href='#note_2' name='foot_2'>2.</a> AP, 'Aid', 2012, https://www.theguardian.com/world/2012/jul/08/aid\n")
    assert [(r, line) for r, line, _ in sources(text)] == [("source-without-locator", 7)]
    # an explanatory note whose anchor carries its text in a quoted attribute is still no citation
    note = ("<a href='#note_3' name='foot_3' data-text='Professionals in the sense that they earn from grants.'>3.</a> "
            "Professionals in the sense that they earn from grants.\n")
    assert [(r, line) for r, line, _ in sources(text + "\n" + note)] == [("source-without-locator", 7)]


def test_a_glossary_and_a_definition_in_the_notes_are_no_source_entries():
    """A bold label is no italic title, and "X means ..." defines a term: neither names a source.
    An entry that does name one still needs its locator."""
    text = ("# Funding\n\n103 projects[^1] were open.\n\n## Notes\n\n"
            "[^1]: IT-Enabled means a project with a technology component. The 103 number comes from a "
            "2021-03-29 snapshot.\n\n***Glossary***\n\n- **CDO**: Chief Data Officer\n"
            "- **DM**: Deputy Minister (deputy head)\n- Treasury Board, *Policy on Service and Digital*, 2020\n")
    assert [(rule, match) for rule, _line, match in sources(text)] == [
        ("source-without-locator", "Treasury Board, *Policy on Service and Digital*, 2020")]


def test_a_marker_in_a_run_in_label_cites_its_note():
    """"**Sustainability**[^2]: maintaining ..." cites note 2: the colon after a marker that
    follows text on its line does not make a definition."""
    text = ("# Funding\n\n**Sustainability**[^2]: maintaining software currency.\n\n"
            "[^2]: Inspired by the [CRA programme](https://www.canada.ca/).\n")
    assert [rule for rule, _line, _match in sources(text)] == []


def test_a_stressed_word_in_an_endnote_is_no_italic_title():
    """"While it _is_ possible ..." argues; "*Fragile by Design*" is a title."""
    argued = ("# Carbon\n\nConsumers cannot know.[1]\n\n## Notes\n\n"
              "1. While it _is_ technically possible to measure emissions, I argue consumers cannot see them.\n")
    assert [d.rule for d in lint(argued, ["source"])] == []
    titled = ("# Carbon\n\nConsumers cannot know.[1]\n\n## Notes\n\n"
              "1. Calomiris and Haber, *Fragile by Design*.\n")
    assert [d.rule for d in lint(titled, ["source"])] == ["source-without-locator"]


def test_a_checklist_under_a_sources_heading_lists_no_sources():
    text = ("# CATL\n\nMargins fell.\n\n### Sources and Methodology Notes\n\n"
            "- Financial data: Official A-share regulatory filings (SZSE)\n\n"
            "**Final_Checklist**:\n- Terminology standardized (Gotion, industry self-discipline, 2025) ✓\n"
            "- Cross-chapter mismatches resolved per audit ✓\n")
    found = [(d.line, d.rule) for d in lint(text, ["source-without-locator"])]
    assert found == [(7, "source-without-locator")]  # the filings entry; not the checklist's items


def test_a_bold_line_heading_a_group_of_entries_and_a_closing_note_are_no_entries():
    """"**Testing Resources**" heads the links under it; an author's bio in italics (its full stop
    after the emphasis) and "_Editor's Note: …_" close the list. An entry with no locator still counts."""
    text = ("# Mobile\n\nUse less JavaScript.\n\n### References\n\n"
            "- [Inline JavaScript](https://modpagespeed.com/doc/filter-js-inline)\n\n"
            "**Testing Resources**\n\n- [Mobile Friendly Test](https://search.google.com/test/mobile-friendly)\n"
            "- Kahn, Matthew. Green Cities. 2006.\n\n"
            "_Robert Jacoby is a Lead Content Consultant at Aquilent. He leads the content team_.\n\n"
            "_Editor’s Note: This blog was updated 5/3/2016 at 3 p.m._\n")
    assert [(d.line, d.match) for d in lint(text, ["source-without-locator"])] == [
        (12, "Kahn, Matthew. Green Cities. 2006.")]


def test_stray_marks_after_the_entries_are_no_entry():
    # a Deep Research export's list ends in "\*\*": escaped asterisks, no words to find
    text = ("Report\n\nCare is moving upstream, said the IEA.\n\n## Sources\n\n"
            "1. Preventive Healthcare with AI - Lucem Health, accessed May 16, 2025, "
            "[https://lucemhealth.com/blog/ai](https://lucemhealth.com/blog/ai)\n\n"
            "1. Machine Learning - MDPI, accessed May 16, 2025, [https://www.mdpi.com/1424](https://www.mdpi.com/1424)\n\n"
            "\\*\\*\n\n1. Digital Biomarkers - MDPI, accessed May 16, 2025\n")
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 13)]


def test_a_meetings_notes_told_under_topics_are_no_endnotes():
    # "## Notes" over "### Code coverage": what was said at a call, not a list of citations
    text = ("# 7 May 2020 community call\n\nThe call covered code coverage.\n\n## Notes\n\n"
            "This call discussed two topics.\n\n### Code coverage\n\n"
            "There was a consensus that measuring \"lines covered by tests\" leads to poorer tests, as Eric wrote in 2020.\n\n"
            "## Sources\n\n- The Standard for Public Code, version 0.2\n")
    assert [(d.rule, d.line) for d in lint(text, ["source"])] == [("source-without-locator", 15)]


def test_an_entry_of_a_sources_subsection_is_reported_once():
    # "### Primary sources" under "## References": both are sources sections, the entry one entry
    text = ("# Mission\n\nThe mission arrived in 1948.[1]\n\n## References\n\n### Primary sources\n\n"
            "1. CIA-RDP80-00926A00660030001-3 (1947)\n2. NSA/BR/1946/0234 (1946)\n")
    found = [(rule, line) for rule, line, _ in sources(text)]
    assert found == [("source-without-locator", 9), ("source-without-locator", 10)]


@pytest.mark.parametrize("title", ["Referências", "Bibliografía", "Fontes Primárias", "Referencias bibliográficas",
                                   "Literaturverzeichnis", "Obras citadas"])
def test_spanish_portuguese_and_german_bibliographies_are_sources_sections(title):
    text = (f"# Perú\n\nLa inflación llegó a 7.000% en 1990.\n\n## {title}\n\n"
            "- Waldo, M. B. (2013). Contexto internacional y desempeño macroeconómico. Lima: PUCP.\n")
    found = [(rule, line) for rule, line, _ in sources(text)]
    assert found == [("source-without-locator", 7)]


def test_a_groups_name_over_its_links_is_no_entry():
    # "PBS" and "MEV in ETH2" alone over the links on them name groups; a citation is still one
    text = ("# MEV-Boost\n\nRelays compete on reputation, 90% of blocks go through them.[^1]\n\n"
            "[^1]: Flashbots, [relay data](https://boost-relay.flashbots.net), 2024.\n\n## References\n\nPBS\n\n"
            "- [mev-boost GitHub](https://github.com/flashbots/mev-boost)\n\nMEV in ETH2\n\n"
            "- [MEV in eth2 - an early exploration](https://hackmd.io/@flashbots/mev-in-eth2)\n\n"
            "Monnot, B. (2022). Transaction supply chains. Devconnect\n\n- [video](https://www.youtube.com/)\n")
    found = [(rule, line) for rule, line, _ in sources(text)]
    assert found == [("source-without-locator", 17)]


def test_the_sources_of_an_illustrations_credit_are_credits():
    # a magazine's collage names the photographs it was made from: no source of the article's claims
    text = ("# T\n\nSpending rose sharply.[^1]\n\n"
            "(Illustration by The Atlantic. Sources: John Nacion / Getty; Perry Knotts / Getty.)\n\n"
            "Prices fell.\n\n(Photo illustration by Jane Doe. Source: Getty.)\n\nSource: Bloomberg\n\n"
            "[^1]: [BLS release](https://www.bls.gov/news.release/cpi.nr0.htm)\n")
    found = [(rule, line) for rule, line, _ in sources(text)]
    assert found == [("source-without-locator", 11)]
