"""RULES.md §1 placeholder: every Flag and Quiet line, as written there."""

from __future__ import annotations

import pytest

from conftest import lint


def placeholders(text: str, **kw) -> list[str]:
    return [d.match for d in lint(text, ["placeholder"], **kw)]


FLAG = [
    ("See [INTERNAL_LINK:indo-pacific-supply-chain-resilience] for more.", "[INTERNAL_LINK:indo-pacific-supply-chain-resilience]"),
    ("Read the advisory [EXTERNAL_LINK: UKMTO advisory page].", "[EXTERNAL_LINK: UKMTO advisory page]"),
    ("See our earlier analysis [INTERNAL LINK].", "[INTERNAL LINK]"),
    ("Run by the DPIIT [[External Link: https://dpiit.gov.in/]].", "[[External Link: https://dpiit.gov.in/]]"),
    ("The tracker is here: [LINK]", "[LINK]"),
    ("The tracker is here: [link]", "[link]"),
    ("The release is here: [URL]", "[URL]"),
    ("They remain in custody [insert link].", "[insert link]"),
    ("Margins recovered [Insert source here].", "[Insert source here]"),
    ("Everyone agrees [add citation].", "[add citation]"),
    ("Margins recovered to pre-pandemic levels [source].", "[source]"),
    ("Prices doubled [citation needed].", "[citation needed]"),
    ("Download it from {{link}} today.", "{{link}}"),
    ("The data are at {{ source_url }}.", "{{ source_url }}"),
    ("By {{AUTHOR}}", "{{AUTHOR}}"),
    ("Written by [Author Name]", "[Author Name]"),
    ("If [Company Name] uses the tool, it is a deployer.", "[Company Name]"),
    ("By [Your Name]", "[Your Name]"),
    ("Published [Date]", "[Date]"),
    ("The coalition counts TK navies.", "TK"),
    ("Cells reach TKTK Wh/kg.", "TKTK"),
    ("It supplies more than XX% of demand.", "XX%"),
    ("It got $XX million in support.", "$XX million"),
    ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
    ("TODO: add screenshot here", "TODO:"),
    ("FIXME: confirm the number", "FIXME:"),
]


@pytest.mark.parametrize("text, expected", FLAG, ids=[m for _, m in FLAG])
def test_flag(text, expected):
    assert expected in placeholders(text)


@pytest.mark.parametrize("text, expected", FLAG[:8], ids=[m for _, m in FLAG[:8]])
def test_flag_in_plain_text_too(text, expected):
    assert expected in placeholders(text, format="text")


QUIET = [
    "The Lazard analysis is the best public [link](https://x.org) to bookmark.",
    "The [source][usgs] is the USGS.\n\n[usgs]: https://www.usgs.gov/",
    "Bookmark this [link].\n\n[link]: https://www.lazard.com/",
    "The Act applies to deployers [1] and [a] providers.",
    "A sign read: “Tomatos [sic] now £1 each”.",
    "“We are not going back [...] until we see safety.”",
    "It is for a maximum of 2 years [emphasis added].",
    "It was a TKO for common sense.",
    "Marta Tkachenko put it bluntly.",
    "An XXL airport terminal.",
    "Nobody remembers who won Super Bowl XX.",
    "Search the views for tokens such as `[LINK]` or `{{ source_url }}`.",
    "```json\n{\"SupportUrl\": \"{{link}}\", \"note\": \"TODO: [LINK]\"}\n```",
    "<!-- TODO: replace [LINK] with the final chart URL -->\n\nText.",
    "{{< figure src=\"x\" >}}",
    "{{% notice %}}",
    "See {{ site.baseurl }} and {{ page.title }}.",
    "Download {{ \"x\" | relative_url }}.",
    "{% include x.html %} and {% raw %}",
    # a published title is prose (tests/test_front_matter.py), but "[Draft]" is editorial and
    # "{{ page.title }}" engine syntax; template syntax in an unpublished value is never read
    "---\ntitle: \"[Draft] {{ page.title }}\"\npermalink: \"/{{ slug }}/\"\n---\n\n# Title\n\nText.",
]


@pytest.mark.parametrize("text", QUIET)
def test_quiet(text):
    assert placeholders(text) == []


def test_template_engines_are_configurable():
    from artlint.config import Config
    from artlint.engine import lint_text
    from artlint.selection import load_ruleset

    config = Config(rule_options={"unresolved-template-variable": {"engines": []}})
    rules = [r for r in load_ruleset(config) if r.id == "unresolved-template-variable"]
    found = lint_text("See {{ site.baseurl }}.", rules, "a.md")
    assert [d.match for d in found] == ["{{ site.baseurl }}"]


# ---- issue 12 §2: placeholders seen in real articles ------------------------------------------

def _offset(text: str, line: int, column: int) -> int:
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def exact_placeholders(text: str, fmt: str) -> list[str]:
    """Matches, each checked to be the text at its reported span."""
    found = lint(text, ["placeholder"], format=fmt)
    for d in found:
        assert text[_offset(text, d.line, d.column) : _offset(text, d.end_line, d.end_column)] == d.match
    return [d.match for d in found]


REAL_FLAG = [
    # notes in angle brackets that are no HTML element
    ("Solar output has doubled since 2020. <insert chart>\n\nThe rest follows.", "<insert chart>"),
    ("See <add link to the report> for the full figures.", "<add link to the report>"),
    ("<photo here>\n\nThe port reopened on Monday.", "<photo here>"),
    ("The minister was blunt. <Quote from the minister TBD>", "<Quote from the minister TBD>"),
    ("Exports fell. <INSERT CHART: exports by month>", "<INSERT CHART: exports by month>"),
    ("See <add link to the report, p. 4> for more.", "<add link to the report, p. 4>"),
    ("Growth slowed. <Chart: GDP growth by quarter, 2010-2024, from the IMF>", "<Chart: GDP growth by quarter, 2010-2024, from the IMF>"),
    # parenthesised editorial markers
    ("Wind overtook coal in 2024 (chart to come).", "(chart to come)"),
    ("Exports fell by a third (source?) in March.", "(source?)"),
    ("Tariffs have never been higher (citation needed).", "(citation needed)"),
    ("The port opened in May (add figure).", "(add figure)"),
    ("Read the full report (link) before the vote.", "(link)"),
    ("The minister defended it (insert quote from the briefing).", "(insert quote from the briefing)"),
    ("The deal closes in June (photo here).", "(photo here)"),
    ("The venue is set (TBD).", "(TBD)"),
    ("Cells reach (TK) Wh/kg.", "TK"),
    # blanks
    ("The ministry expects _____ new jobs.", "_____"),
    ("Name of the fund: ________", "________"),
    ("Imports rose to [___] tonnes.", "[___]"),
    ("Imports rose to [XX] tonnes.", "[XX]"),
    ("The plant will employ XXXX people.", "XXXX"),
    ("It was approved by XXXX, the regulator.", "XXXX"),
    ("The plant employs XX,XXX workers.", "XX,XXX"),
    ("It breaks even in 20XX.", "20XX"),
    ("Exports rose by XX over the year.", "XX"),
    ("The plant employs XX people.", "XX"),
    # bracketed instructions of any length
    ('[Add a two-sentence summary here, e.g. "Tariffs raised prices by 3%"]',
     '[Add a two-sentence summary here, e.g. "Tariffs raised prices by 3%"]'),
    ("The levy raised €[insert amount] last year.", "[insert amount]"),
    ('[Insert quote from CEO: "We are delighted with the result"]', '[Insert quote from CEO: "We are delighted with the result"]'),
    ("[Describe the three main risks to the forecast and what would trigger each]",
     "[Describe the three main risks to the forecast and what would trigger each]"),
    ("Rates rose. [Confirm with the finance desk: is it 4.5% or 4.75%?]", "[Confirm with the finance desk: is it 4.5% or 4.75%?]"),
    ('[Add a two-sentence summary here,\ne.g. "Tariffs raised prices"]\n\nNext.',
     '[Add a two-sentence summary here,\ne.g. "Tariffs raised prices"]'),
    ("Price: $___ and **_____** in total.", "___"),
    # citation tokens that writing assistants leave behind
    ("Gas storage is 94% full.:contentReference[oaicite:3]{index=3}", "contentReference[oaicite:3]{index=3}"),
    ("Gas storage is 94% full. [oaicite:0]", "[oaicite:0]"),
    ("Copper demand will double citeturn0search3turn0news12.", "citeturn0search3turn0news12"),
    ("Copper demand will double turn0search3.", "turn0search3"),
    ("Rates were held at 4.5% 【4†source】.", "【4†source】"),
    ("The plan was approved 【12:3†annual-report.pdf】.", "【12:3†annual-report.pdf】"),
    ("The plan was approved [4:0†source].", "[4:0†source]"),
    ("As the brief says fileciteturn0file1, costs rose.", "fileciteturn0file1"),
    ("See the [outlook](https://www.iea.org/weo?utm_source=chatgpt.com).", "?utm_source=chatgpt.com"),
    ("See https://www.iea.org/weo?lang=en&utm_source=openai now.", "&utm_source=openai"),
    ("See the [outlook](https://www.iea.org/weo?utm_source=perplexity&lang=en).", "utm_source=perplexity&"),
    ("See the [outlook](https://www.iea.org/weo?utm_source=copilot.com#s2).", "?utm_source=copilot.com"),
]


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("text, expected", REAL_FLAG, ids=[m for _, m in REAL_FLAG])
def test_real_article_placeholder_is_flagged_exactly(text, expected, fmt):
    assert expected in exact_placeholders(text, fmt)


REAL_QUIET = [
    # real HTML, autolinks, comparisons and arrows
    "Line one<br>line two, and a <b>bold</b> word.",
    "Read it at <https://www.iea.org/> or write to <press@iea.org>.",
    "If a <b then c, and x <- y; costs fell <5% and rose >3%.",
    "<figure>\n<img src=\"chart.png\" alt=\"Solar output\">\n<figcaption>Solar output</figcaption>\n</figure>",
    "A <my-chart series=\"solar\"></my-chart> widget and <span class=\"note\">a note</span>.",
    "<details><summary>Method</summary>We used ONS data.</details>",
    "Watch <video src=\"clip.mp4\" controls></video> the clip.",
    "A typed Array<number> or Map<Name, Date> holds them.",
    "The file said <redacted>, then <snip>; <sup>1</sup> <Sarcasm>sure</Sarcasm>.",
    # parentheses that say something
    "Exports fell by a third (source: customs data) in March.",
    "Wind overtook coal in 2024 (see chart).",
    "The route is long (check the map) and slow.",
    "The port at dusk (Photo: Reuters).",
    "Read the [full report](link.html) before the vote.",
    "The budget (including links to every table) is online.",
    "The deal (update: it closed on Friday) was large.",
    # no blanks
    "Call `__init__` once, or name it snake_case.",
    "Part one\n\n___\n\nPart two",
    "- [x] checked the sources\n- [ ] checked the links",
    "Cards are shown as XXXX-XXXX-1234 on receipts.",
    "An XXL terminal; Super Bowl XX; the XXX Olympiad; Pope Pius XII.",
    "Title XX of the Act funds it; most people carry XX or XY chromosomes.",
    "Art of the XX century, from Super Bowls XIX and XX.",
    "A ___bold___ claim.",
    # editorial brackets and attributions
    "The Act applies to deployers [1] and [a] providers.",
    "A sign read: “Tomatos [sic] now £1 each”.",
    "“We are not going back [...] until we see safety.”",
    "It is for a maximum of 2 years [emphasis added].",
    "“We expect [the company] to appeal,” she said.",
    "“[Reuters] got it wrong,” he said.",
    "[Update: the ministry replied after publication.]",
    "“They [need to] act now,” she said.",
    # not assistant tokens
    "Group turnover rose 4%, and the return on equity held.",
    "【Notice】 The office is closed on Monday.",
    "Smith† and Jones‡ [4] disagree; turn 3 left.",
    "See the [outlook](https://www.iea.org/weo?utm_source=newsletter&lang=en).",
]


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("text", REAL_QUIET)
def test_real_article_text_stays_quiet(text, fmt):
    assert exact_placeholders(text, fmt) == []


MARKDOWN_ONLY_QUIET = [
    "Type `<insert chart>` where the chart goes, or `(chart to come)`.",
    "<!-- <insert chart> (source?) XXXX -->\n\nThe story.",
    "<pre><insert chart></pre>\n\nThe story.",
    "```\n[Add a summary here] _____ turn0search3 【4†source】\n```",
    "Search the links for `utm_source=chatgpt.com` before publishing.",
    "{% include chart.html %}\n\n{{< figure src=\"x\" caption=\"(chart to come)\" >}}",
]


MARKDOWN_ONLY_FLAG = [
    ('<div class="note">\n<p>Prices rose. <insert chart></p>\n</div>', "<insert chart>"),
    ('---\ntitle: "<insert headline>"\n---\n\nBody.', "<insert headline>"),
    ("- Exports fell. <chart here>\n- Imports rose.", "<chart here>"),
]


@pytest.mark.parametrize("text, expected", MARKDOWN_ONLY_FLAG, ids=[m for _, m in MARKDOWN_ONLY_FLAG])
def test_notes_in_html_blocks_lists_and_published_fields(text, expected):
    assert expected in exact_placeholders(text, "markdown")


@pytest.mark.parametrize("text", MARKDOWN_ONLY_QUIET)
def test_code_comments_and_template_syntax_stay_quiet(text):
    assert exact_placeholders(text, "markdown") == []


def test_jsx_in_mdx_is_no_note():
    found = lint("<Chart source=\"iea\" />\n\n<Photo here />\n\nText.", ["placeholder"], path="a.mdx")
    assert found == []


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("text, expected", [
    ("See [r](https://x.org/a?utm_source=chatgpt.com).", "See [r](https://x.org/a)."),
    ("See https://x.org/a?b=1&utm_source=chatgpt.com#top now", "See https://x.org/a?b=1#top now"),
    ("See [r](https://x.org/a?utm_source=openai&b=1).", "See [r](https://x.org/a?b=1)."),
    ("<a href=\"https://x.org/?utm_source=openai&amp;x=1\">y</a>", "<a href=\"https://x.org/?x=1\">y</a>"),
    ("[r](https://x.org/?utm_source=chatgpt.com&utm_source=openai)", "[r](https://x.org/?)"),
])
def test_tracking_parameter_fix_removes_it_once(text, expected, fmt):
    from artlint.fixer import fix_text

    def run(source):
        return lint(source, ["assistant-tracking-parameter"], format=fmt)

    fixed = fix_text(text, run).text
    assert fixed == expected
    assert run(fixed) == [] and fix_text(fixed, run).text == fixed
