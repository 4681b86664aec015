"""The document model: block structure from mistune, exact spans, prose mask, sentences."""

from __future__ import annotations

from artlint.document import parse_document
from artlint.document.model import CODE, FIELD, FOOTNOTE_DEF, HEADING, HTML, LIST_ITEM, PARAGRAPH, QUOTE, REFERENCE_DEF, TABLE, TITLE
from conftest import lint

MD = """---
title: "A [draft] title"
lang: en
---

# Storage is the bottleneck

Intro with `code , here` and a [link](https://x.org/a_(b)) and <span>html</span>.

- first item with [ref link][r]
- second item
  ```
  fenced , in a list
  ```

> A quote with **bold [text](#storage-is-the-bottleneck)**.

| Region | GW |
| --- | ---: |
| China | 349 |

<!-- artlint-disable -->

```python
x = "[LINK]"
```

    indented code

Setext heading
--------------

Text.[^1] See <https://auto.link/x> and https://bare.example.org/path).

[r]: https://ref.example.org/
[^1]: A note. https://note.example.org/
"""


def kinds(doc):
    return [(b.kind, doc.line_col(b.start)[0]) for b in doc.blocks]


def test_markdown_blocks_and_their_lines():
    doc = parse_document(MD, "a.md")
    assert doc.metadata["title"] == "A [draft] title" and doc.lang == "en"
    assert kinds(doc) == [
        (FIELD, 2), (HEADING, 6), (PARAGRAPH, 8), (LIST_ITEM, 10), (LIST_ITEM, 11), (QUOTE, 16), (TABLE, 18),
        (HTML, 22), (CODE, 24), (CODE, 28), (HEADING, 30), (PARAGRAPH, 33), (REFERENCE_DEF, 35), (FOOTNOTE_DEF, 36),
    ]
    setext = doc.blocks[10]
    assert setext.level == 2 and doc.text[setext.start:setext.end] == "Setext heading\n--------------"


def test_every_block_span_is_the_source_text():
    doc = parse_document(MD, "a.md")
    for b in doc.blocks:
        text = doc.text[b.start:b.end]
        assert text == text.strip("\n") and text.strip(), b


def test_prose_mask_blanks_what_is_not_prose_and_keeps_length():
    doc = parse_document(MD, "a.md")
    assert len(doc.prose) == len(doc.text)
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == [i for i, c in enumerate(doc.prose) if c == "\n"]
    for hidden in ("title:", '"A', "lang: en", "code , here", "https://x.org/a_(b)", "<span>", "fenced , in a list",
                   "[LINK]", "indented code", "artlint-disable", "https://auto.link/x", "https://bare.example.org/path",
                   "https://ref.example.org/"):
        assert hidden not in doc.prose, hidden
    for kept in ("A [draft] title", "Intro with", "a [link](", "html</", "A quote with **bold [text]("):
        assert kept.replace("</", "") in doc.prose or kept in doc.prose, kept


def test_links_with_exact_spans():
    doc = parse_document(MD, "a.md")
    got = {(link.kind, link.target) for link in doc.links}
    assert ("inline", "https://x.org/a_(b)") in got
    assert ("reference", "") in got
    assert ("inline", "#storage-is-the-bottleneck") in got
    assert ("autolink", "https://auto.link/x") in got
    assert ("bare", "https://bare.example.org/path") in got  # the closing ")" is not part of it
    assert ("definition", "https://ref.example.org/") in got
    for link in doc.links:
        if link.target_start >= 0:
            assert doc.text[link.target_start:link.target_end] == link.target
    assert set(doc.reference_definitions) == {"r"}
    assert set(doc.footnote_definitions) == {"1"}
    assert [(r.label, doc.text[r.start:r.end]) for r in doc.footnote_refs] == [("1", "[^1]")]
    assert [c.body.strip() for c in doc.comments] == ["artlint-disable"]


def test_sections_nest_by_level():
    doc = parse_document("# A\n\nx\n\n## B\n\ny\n\n### C\n\nz\n\n## D\n", "a.md")
    spans = [(s.title(doc), len(s.blocks)) for s in doc.sections]
    assert spans == [("A", 6), ("B", 3), ("C", 1), ("D", 0)]


def test_sentences_keep_citation_markers_and_abbreviations():
    doc = parse_document("Capacity reached 510 GW, according to the IEA.[^1] The U.S. grid lags at 7 p.m. daily. "
                         "Is it? Yes!\n\n[^1]: IEA. https://iea.org/", "a.md")
    para = [s.text(doc) for s in doc.sentences if s.block.kind == PARAGRAPH]
    assert para == ["Capacity reached 510 GW, according to the IEA.[^1]",
                    "The U.S. grid lags at 7 p.m. daily.", "Is it?", "Yes!"]


def test_a_parenthesis_after_a_sentence_end_belongs_to_the_sentence():
    # writing assistants close a paragraph with its sources in brackets after the last full stop
    doc = parse_document("FPIs withdrew $13.5 billion. This trend has persisted. ([The Financial Express][5], "
                         "[reuters.com][2]) Next one. (See Figure 2.) Last (Reuters)\n\n[5]: https://a.org/x\n"
                         "[2]: https://b.org/y\n", "a.md")
    para = [s.text(doc) for s in doc.sentences if s.block.kind == PARAGRAPH]
    assert para == ["FPIs withdrew $13.5 billion.",
                    "This trend has persisted. ([The Financial Express][5], [reuters.com][2])",
                    "Next one.", "(See Figure 2.)", "Last (Reuters)"]
    found = lint("FPIs withdrew $13.5 billion from equities. The trend persisted. ([FE][5])\n\n[5]: https://a.org/x\n",
                 ["statistic"])
    assert found == []


def test_a_superscript_note_marker_belongs_to_the_sentence_it_ends():
    # an essay's HTML notes: the tags are blanked in the prose, the marker still ends its sentence
    doc = parse_document("The news could have read “22,000 children died today!”<sup>1</sup> Poverty kills thousands "
                         "a day. It rose 20%.<sup><a href='#fn2'>2</a></sup> Then it fell.<sup>3</sup>\n", "a.md")
    para = [s.text(doc) for s in doc.sentences if s.block.kind == PARAGRAPH]
    assert para == ["The news could have read “22,000 children died today!”<sup>1</sup>",
                    "Poverty kills thousands a day.", "It rose 20%.<sup><a href='#fn2'>2</a></sup>",
                    "Then it fell.<sup>3</sup>"]
    # so the sentence after a noted one has no note of its own
    found = lint("The news could have read “22,000 children died today!”<sup>1</sup> Poverty kills thousands "
                 "of people a day.\n", ["statistic"])
    assert [d.match for d in found] == ["thousands"]


def test_crlf_and_lone_cr_keep_lines_and_columns():
    doc = parse_document("# T\r\n\r\nOne ,\rTwo.\r\n", "a.md")
    assert doc.text == "# T\n\nOne ,\nTwo.\n"
    assert doc.line_col(doc.text.index(",")) == (3, 5)


def test_plain_text_structure():
    text = ("Title One\n\nTitle Two: Another Headline\n\nBy [Your Name] · Updated February 2, 2024\n\n"
            "First paragraph, a sentence. Another one.\n\nA Heading\n\n  • bullet one\n  • bullet two\n"
            "  1. numbered\n\nSources\n\n¹ IMF – Chokepoints – https://portwatch.imf.org/\n² Drewry – Index\n")
    doc = parse_document(text, "a.txt")
    assert kinds(doc) == [(TITLE, 1), (TITLE, 3), (PARAGRAPH, 5), (PARAGRAPH, 7), (HEADING, 9),
                          (LIST_ITEM, 11), (LIST_ITEM, 12), (LIST_ITEM, 13), (HEADING, 15), (PARAGRAPH, 17)]
    assert [s.title(doc) for s in doc.sections] == ["A Heading", "Sources"]
    assert "https://portwatch.imf.org/" not in doc.prose
    assert [link.target for link in doc.links if link.kind == "bare"] == ["https://portwatch.imf.org/"]


def test_plain_text_sentence_like_lines_are_not_headings():
    doc = parse_document("Title\n\nIntro text here.\n\nThe full release is available here: [URL]\n\n"
                         "Several forces are keeping prices elevated:\n\nNone of this is exciting. That is the point :)\n", "a.txt")
    assert [b.kind for b in doc.blocks] == [TITLE, PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH]


def test_fenced_code_in_list_is_masked_and_list_items_split():
    doc = parse_document("1. Step one:\n\n   ```bash\n   run , this\n   ```\n2. Step two.\n", "a.md")
    assert [b.kind for b in doc.blocks] == [LIST_ITEM, LIST_ITEM]
    assert "run , this" not in doc.prose


def test_tex_math_is_not_prose_and_dollar_amounts_are():
    """MathJax/KaTeX math ($…$ as pandoc reads it, $$…$$ over lines) is blanked like code;
    money, escaped dollars, template slots and a dollar that HTML tags fence off are prose."""
    text = (
        "Here $i_t = r_t + \\pi_t$ holds, where $X$ is a ( random ) vector.\n\n"
        "$$\nW = s \\left( \\frac{U}{1-U} \\right)\n$$\n\n"
        "It cost $20,000 and $30,000; a $X and $Y slot.\n\nEscaped: \\$3 and \\$4; slots: $[REVENUE] and $[COST]$.\n\n"
        "- they held <span>$</span>4 trillion and <span>$</span>28 billion.\n\n"
        "Only `$code$` and $x$5 $y$.\n\n"
        "Growth of $3\\% = 0.03$ a year; $1 [\\mathrm{kWh}] = 3.6 [\\mathrm{MJ}] $ and $ \\frac{a}{b} $; it cost $5 and $6.\n"
    )
    doc = parse_document(text, "m.md")
    assert len(doc.prose) == len(doc.text)
    for hidden in ("i_t = r_t", "$X$", "\\left(", "\\frac{U}", "$y$", "$x$5 $y$", "$3\\% = 0.03$", "3.6 [\\mathrm",
                   "\\frac{a}{b}"):
        assert hidden not in doc.prose, hidden
    for kept in ("Here ", " holds, where ", " is a ( random ) vector.", "$20,000 and $30,000", "a $X and $Y slot",
                 "\\$3 and \\$4", "$[REVENUE] and $[COST]$", "4 trillion", "28 billion", "it cost $5 and $6."):
        assert kept in doc.prose, kept


def test_math_spans_are_found_in_linear_time_on_hostile_dollars():
    from artlint.document.inline import math_spans

    for hostile in ("$a " * 20000, "$$a " * 20000, "$a\\$" * 20000, "$" * 50000, "$1\\$" * 20000, "$1 \\x" * 20000):
        # each "$" is looked at a bounded number of times: this finishes at once, not in minutes
        spans = list(math_spans(hostile))
        assert all(0 <= a < b <= len(hostile) for a, b in spans)
    three = "$a$ $b$, $c$"
    assert [three[a:b] for a, b in math_spans(three)] == ["$a$", "$b$", "$c$"]


def test_endnotes_are_the_runs_of_blocks_a_converted_page_ends_with_back_reference_arrows():
    text = ("# Plan\n\nBritain leads.[footnote 1] Arrows ↩ inside a sentence end nothing.\n\n"
            "1. Jeffrey Ding, ‘Technology and the Rise of Great Powers’, 2010. ↩\n"
            "2. Assumes compute grows 4x a year. [↩︎](#fnref2)\n\n"
            "Closing paragraph.\n\n"
            "Stanford AI Index, ‘AI Index Annual Report’, 2024. ↩\n")
    doc = parse_document(text, "plan.md")
    runs = [[doc.text[b.start:b.end] for b in run.blocks] for run in doc.endnotes]
    assert runs == [
        ["1. Jeffrey Ding, ‘Technology and the Rise of Great Powers’, 2010. ↩",
         "2. Assumes compute grows 4x a year. [↩︎](#fnref2)"],
        ["Stanford AI Index, ‘AI Index Annual Report’, 2024. ↩"],
    ]
    assert all(run.heading is None for run in doc.endnotes)
    first = doc.endnotes[0].blocks[1]
    assert doc.text[first.start : doc.backref_start(first.start, first.end)] == "2. Assumes compute grows 4x a year."
    closing = text.index("Closing")
    assert doc.backref_start(closing, closing + 19) == closing + 19  # no arrow: its end


def test_a_pandoc_grid_table_is_a_table_and_an_address_in_angle_brackets_is_a_link():
    text = ("Intro.\n\n+--------+------+\n| Biomas | yes[^6 |\n| s      | ]    |\n+--------+------+\n\n"
            "See <maketradefair.com> and <https://x.org>, not <span>a tag</span>.\n")
    doc = parse_document(text, "grid.md")
    assert [b.kind for b in doc.blocks] == [PARAGRAPH, TABLE, PARAGRAPH]
    assert [(link.kind, link.target) for link in doc.links] == [("autolink", "maketradefair.com"),
                                                                 ("autolink", "https://x.org")]
    assert all(doc.text[link.start : link.end] == f"<{link.target}>" for link in doc.links)


def test_footnote_definition_goes_on_over_lazy_lines():
    """A footnote definition is a container (cmark-gfm, goldmark, pandoc): its paragraph goes on
    over unindented lines, so a link wrapped there is whole; a blank line, a heading or a list
    item ends it."""
    text = ("Text.[^1] More.[^2]\n\n[^1]: If you are new, read [this\ngreat post of Julia\nSilge's](https://juliasilge.com/blog/travis/),"
            " and\n[this chapter](https://devguide.ropensci.org/ci.html).\n\n[^2]: Short.\n- a list item\n\nAfter.\n")
    doc = parse_document(text, "a.md")
    notes = [b for b in doc.blocks if b.kind == FOOTNOTE_DEF]
    assert [doc.text[b.start:b.end].split("\n")[-1] for b in notes] == ["[this chapter](https://devguide.ropensci.org/ci.html).",
                                                                         "[^2]: Short."]
    got = {(link.target, doc.text[link.start:link.end].replace("\n", " ")) for link in doc.links if link.kind == "inline"}
    assert got == {("https://juliasilge.com/blog/travis/", "[this great post of Julia Silge's](https://juliasilge.com/blog/travis/)"),
                   ("https://devguide.ropensci.org/ci.html", "[this chapter](https://devguide.ropensci.org/ci.html)")}
    assert [d.rule for d in lint(text, ["link"])] == []
    assert [b.kind for b in doc.blocks if doc.text[b.start:b.end].startswith(("- a", "After"))] == [LIST_ITEM, PARAGRAPH]


def test_a_gfm_table_whose_rows_lack_the_leading_pipe_is_a_table():
    """GFM reads "Taxon|N. taxa|" over "|:--|--:|" as a table (mistune does not): its cells are no
    sentences, so a statistic in them is a table's. Pipes in prose without a delimiter row stay prose."""
    text = ("Timings:\n\nTaxon|N. taxa|Time taken (mins.)|\n|:--|--:|--:|\nAnisoptera (\"dragonflies\")|1175|72|\n"
            "Aotus (\"night monkeys\")|13|3.9|\n\nThe a|b split\nand the - dash are prose.\n")
    doc = parse_document(text, "a.md")
    kinds = [(b.kind, doc.text[b.start:b.end].split("\n")[0]) for b in doc.blocks]
    assert kinds == [(PARAGRAPH, "Timings:"), (TABLE, "Taxon|N. taxa|Time taken (mins.)|"), (PARAGRAPH, "The a|b split")]
    assert [d.rule for d in lint(text, ["statistic"])] == []


def test_a_cells_text_that_blank_lines_parted_from_its_td_is_a_table_cell():
    """R Markdown's kable writes "<td>", a blank line, the cell's text, a blank line, "</td>": CommonMark
    ends the HTML at the blank line and reads the text as a paragraph. It is still the cell's."""
    text = ("# Crashes\n\nThe table lists them.\n\n<table>\n<tr>\n<td style=\"text-align:left;\">\n\n2017010009348\n\n"
            "</td>\n<td>\n\n24% of them\n\n</td>\n</tr>\n</table>\n\nAfter the table, 45% is a claim.\n")
    doc = parse_document(text, "a.md")
    kinds = {doc.text[b.start:b.end]: b.kind for b in doc.blocks if b.kind in (PARAGRAPH, TABLE)}
    assert kinds == {"The table lists them.": PARAGRAPH, "2017010009348": TABLE, "24% of them": TABLE,
                     "After the table, 45% is a claim.": PARAGRAPH}
    assert [d.match for d in lint(text, ["statistic"])] == ["45%"]


def test_a_code_cell_in_pre_that_blank_lines_part_stays_code():
    # CommonMark ends the <div> block at the first blank line; the <pre> runs on to </pre>
    text = ("# Child allowance\n\nThe map shows poverty by state.\n\n"
            "<div class=\"code-cell\">\n  <pre>\n    <code>\n# Imports.\nimport pandas as pd\n\n"
            "# Load data.\nfig_dict['layout']['title'] = {'text': 'Poverty , by state'}\n\n"
            "* item,item\n    </code>\n  </pre>\n</div>\n\nAfter the code, prose again.\n")
    doc = parse_document(text, "a.md")
    assert [b.kind for b in doc.blocks if b.kind == HEADING] == [HEADING]  # "# Load data." is code
    assert "fig_dict" not in doc.prose and "Load data" not in doc.prose and "item,item" not in doc.prose
    assert "After the code, prose again." in doc.prose
    assert [d.rule for d in lint(text)] == []
    # a <pre> closed in its own block leaves what follows to Markdown
    closed = "<div>\n<pre>x = 1</pre>\n</div>\n\n# Results\n\nThe model fits.\n"
    assert [b.kind for b in parse_document(closed, "a.md").blocks].count(HEADING) == 1
    # and a start tag never closed leaves the rest of the article to Markdown, not to code
    stray = "<div>\n<script src=\"plot.js\">\n\n# Results\n\nThe model fits.\n"
    assert "The model fits." in parse_document(stray, "a.md").prose
