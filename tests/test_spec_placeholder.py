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
