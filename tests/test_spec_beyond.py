"""RULES.md "Beyond the five": boilerplate, structure and keyword stuffing."""

from __future__ import annotations

import pytest

from conftest import lint


@pytest.mark.parametrize("chrome", ["Leave a Comment", "Your email address will not be published. Required fields are marked *",
                                    "Scroll to Top", "Share this article", "Click here to subscribe to our newsletter."])
def test_page_chrome(chrome):
    found = lint(f"Title\n\nBody text here.\n\n{chrome}\n", ["boilerplate"], format="text")
    assert [d.rule for d in found] == ["page-chrome"]


def test_page_chrome_mentioned_in_a_sentence_is_quiet():
    assert lint("# T\n\nReaders who leave a comment are answered, and we share this article widely.", ["boilerplate"]) == []


CHROME_RUN_TEXT = ("Title\n\nBody text.\n\nShare this:\nTwitter\nFacebook\nLinkedIn\n\nLeave a Comment\n"
                   "Your email address will not be published.\nRequired fields are marked *\n\nScroll to Top\n")
CHROME_RUN_MD = ("# T\n\nBody text.\n\n**Share this:**\n\n- [Twitter](https://twitter.com/intent/tweet)\n"
                 "- [Facebook](https://www.facebook.com/sharer)\n\n## Leave a Reply\n\n"
                 "Your email address will not be published. Required fields are marked *\n\nName *\n\nWebsite\n")


@pytest.mark.parametrize("fmt, text, expected", [
    pytest.param("text", CHROME_RUN_TEXT, [
        (5, 1, "Share this:"), (6, 1, "Twitter"), (7, 1, "Facebook"), (8, 1, "LinkedIn"), (10, 1, "Leave a Comment"),
        (11, 1, "Your email address will not be published"), (12, 1, "Required fields are marked"),
        (14, 1, "Scroll to Top")], id="text"),
    pytest.param("markdown", CHROME_RUN_MD, [
        (5, 3, "Share this:"), (7, 3, "[Twitter](https://twitter.com/intent/tweet)"),
        (8, 3, "[Facebook](https://www.facebook.com/sharer)"), (10, 4, "Leave a Reply"),
        (12, 1, "Your email address will not be published"), (14, 1, "Name"), (16, 1, "Website")], id="markdown"),
])
def test_every_line_of_a_run_of_page_chrome_is_reported(fmt, text, expected):
    found = lint(text, ["boilerplate"], format=fmt)
    assert [(d.rule, d.line, d.column, d.match) for d in found] == [("page-chrome", *e) for e in expected]


@pytest.mark.parametrize("fmt, text", [
    pytest.param("text", "Title\n\nThe platforms differ:\n\nTwitter\n\nFacebook\n\nLinkedIn\n", id="platform-list"),
    pytest.param("markdown", "# T\n\nMost readers came from Twitter.\n\nTwitter\n", id="word-in-prose-and-alone"),
    pytest.param("markdown", "# T\n\nWrite it like this:\n\n```\nx = 1\n```\n\nLike this:\n\n```\ny\n```\n", id="like-this"),
    pytest.param("text", "Title\n\nMost of the traffic came from Twitter, and readers who\nleave a comment get a reply.\n", id="wrapped-sentence"),
    pytest.param("markdown", "# T\n\nShare this:\n\n```\nTwitter\n```\n", id="button-in-code-only"),
])
def test_share_buttons_alone_or_in_prose_are_quiet(fmt, text):
    found = lint(text, ["boilerplate"], format=fmt)
    assert [d.match for d in found if d.match != "Share this:"] == []


def test_ai_assistant_phrase():
    found = lint("# T\n\nAs an AI language model, I cannot predict the outcome.", ["boilerplate"])
    assert [d.match for d in found] == ["As an AI language model"]


def test_empty_table_of_contents_vs_real_one():
    empty = "Title\n\nIntro.\n\nTable of Contents\n\nWhy Chips Matter\n\nText."
    assert [(d.rule, d.line) for d in lint(empty, ["boilerplate"], format="text")] == [("empty-table-of-contents", 5)]
    real = "# T\n\nIntro.\n\n## Contents\n\n- [Why](#why)\n\n## Why\n\nText."
    assert lint(real, ["boilerplate", "structure"]) == []


def test_competing_titles_plain_text():
    text = "Chip Race: Can India Catch Up?\n\nIndia Approves Three New Chip Plants\n\nChip Wars: Why India Cannot Lose\n\nWhen the Cabinet cleared the plants, it acted.\n\nA Heading\n\nMore text."
    assert [(d.rule, d.line) for d in lint(text, ["structure"], format="text")] == [("competing-titles", 3), ("competing-titles", 5)]


def test_byline_is_not_a_title():
    text = "Red Sea Crisis\n\nBy Jane Doe · Updated February 2, 2024\n\nWhen a helicopter landed, few expected it."
    assert lint(text, ["structure"], format="text") == []


def test_competing_h1_and_empty_sections():
    text = "# One\n\n# Two\n\nText.\n\n## Policy outlook\n\n## What to watch\n\nText.\n\n## Troubleshooting\n"
    assert [(d.rule, d.line) for d in lint(text, ["structure"])] == [
        ("competing-titles", 3), ("empty-section", 7), ("empty-section", 13)]


def test_heading_with_subsections_is_not_empty():
    assert lint("# T\n\nIntro.\n\n## West\n\n### United States\n\nMoney.", ["structure"]) == []


def test_keyword_stuffing_reports_every_occurrence():
    text = ("# T\n\nThe enhanced India Japan economic security dialogue will focus on chips.\n\n"
            "By deepening their India Japan economic security ties, they aim higher.\n\n"
            "Their India Japan economic security dialogue marks more than an upgrade.")
    found = lint(text, ["keyword-stuffing"])
    assert [(d.line, d.match) for d in found] == [(3, "India Japan economic security")] + [
        (5, "India Japan economic security"), (7, "India Japan economic security")]


def test_repeated_proper_name_or_plain_phrase_is_not_stuffing():
    text = ("# T\n\nThe Critical Raw Materials Act sets targets. The Critical Raw Materials Act brings no money. "
            "Critics of the Critical Raw Materials Act agree.\n\nRare earth magnet production grew. "
            "Rare earth magnet production fell. Rare earth magnet production is concentrated.")
    assert lint(text, ["keyword-stuffing"]) == []
