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
