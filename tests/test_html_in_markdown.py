"""Raw HTML inside Markdown: ``<a href>`` and ``<img src>`` are links for every link rule and for
``--check-links``; the text of HTML blocks is prose; script, style, pre, code, svg and comments
are not. ``scan_html`` on its own, then the document model, then the command end to end."""

from __future__ import annotations

import codecs
import html
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from artlint.document import parse_document
from artlint.document.html import HIDDEN_ELEMENTS, scan_html
from artlint.document.model import HTML, SENTENCE_KINDS
from conftest import lint
from links_support import site, write_config  # noqa: F401
from runcli import run_runner, write
from test_positions import check_positions, run_json


def scan(text: str, **kw):
    return scan_html(text, 0, len(text), **kw)


def spans(text: str, pairs) -> list[str]:
    return [text[a:b] for a, b in pairs]


# ---- scan_html ------------------------------------------------------------------------------

def test_an_anchor_is_a_link_with_its_decoded_target_and_exact_spans():
    text = 'See <a class=x href="https://x.org/?a=1&amp;b=2">the <b>data</b></a> now.'
    [link] = scan(text).links
    assert link.kind == "html"
    assert link.target == "https://x.org/?a=1&b=2"
    assert text[link.target_start:link.target_end] == "https://x.org/?a=1&amp;b=2"
    assert text[link.text_start:link.text_end] == "the <b>data</b>"
    assert text[link.start:link.end] == '<a class=x href="https://x.org/?a=1&amp;b=2">the <b>data</b></a>'


@pytest.mark.parametrize("tag, target, written", [
    ("<a href=''>x</a>", "", ""),
    ("<a href>x</a>", "", ""),
    ("<a HREF=https://x.org/a>x</a>", "https://x.org/a", "https://x.org/a"),
    ('<a href=" [INTERNAL_LINK:slug] ">x</a>', " [INTERNAL_LINK:slug] ", " [INTERNAL_LINK:slug] "),
    ('<a href="a&quot;b" href="second">x</a>', 'a"b', "a&quot;b"),  # the first one counts
])
def test_anchor_targets_as_written(tag, target, written):
    text = f"Text {tag} text."
    [link] = scan(text).links
    assert (link.target, text[link.target_start:link.target_end]) == (target, written)
    assert text[link.text_start:link.text_end] == "x"


def test_an_image_is_a_link_whose_text_is_its_alt():
    text = '<figure><img src="chart.png" alt="Output , 2023"><img alt="no source"></figure>'
    [link] = scan(text).links
    assert (link.kind, link.target, text[link.start:link.end]) == (
        "html_image", "chart.png", '<img src="chart.png" alt="Output , 2023">')
    assert text[link.text_start:link.text_end] == "Output , 2023"


def test_anchors_without_href_are_not_links_and_unclosed_ones_have_no_text():
    text = '<a name="top"></a> <a href="one">first <a href="two">second'
    links = scan(text).links
    assert [(link.target, text[link.start:link.end], link.text_start) for link in links] == [
        ("one", '<a href="one">', -1), ("two", '<a href="two">', -1)]


def test_tags_are_markup_and_text_between_them_is_not():
    text = '<div class="a">\n  <p>Hello <em>there</em>.</p>\n</div>'
    found = scan(text)
    assert spans(text, found.markup) == ['<div class="a">', "<p>", "<em>", "</em>", "</p>", "</div>"]
    assert found.hidden == [] and found.links == []


@pytest.mark.parametrize("tag", sorted(HIDDEN_ELEMENTS))
def test_code_like_elements_are_hidden_whole(tag):
    text = f'Before <{tag} id="x">[LINK] <a href="https://x.org/">x</a></{tag}> after.'
    found = scan(text)
    assert spans(text, found.hidden) == [f'<{tag} id="x">[LINK] <a href="https://x.org/">x</a></{tag}>']
    assert found.links == []


def test_nested_and_unclosed_hidden_elements():
    text = "<pre><pre>a</pre>b</pre> c <code>d"
    assert spans(text, scan(text).hidden) == ["<pre><pre>a</pre>b</pre>", "<code>d"]


def test_comments_are_hidden_and_kept_for_suppressions():
    text = "<div>\n<!-- artlint-disable -->\n<p>x</p><!-- <a href='y'>z</a> --></div>"
    found = scan(text)
    assert [c.body for c in found.comments] == [" artlint-disable ", " <a href='y'>z</a> "]
    assert spans(text, found.hidden) == ["<!-- artlint-disable -->", "<!-- <a href='y'>z</a> -->"]
    assert found.links == []


def test_an_unclosed_comment_hides_the_rest_of_a_block_but_not_of_a_paragraph():
    text = "<p>a</p> <!-- b <p>c</p>"
    assert spans(text, scan(text).hidden) == ["<!-- b <p>c</p>"]
    found = scan(text, inline=True)
    assert found.hidden == [] and spans(text, found.markup) == ["<p>", "</p>", "<p>", "</p>"]


def test_declarations_and_processing_instructions_are_markup():
    text = "<!DOCTYPE html><?xml version='1.0'?><p>x</p>"
    assert spans(text, scan(text).markup) == ["<!DOCTYPE html>", "<?xml version='1.0'?>", "<p>", "</p>"]


def test_what_never_closes_is_text():
    text = 'a < b and <a href="x" and <!x and <p'
    found = scan(text)
    assert found.markup == [] and found.links == [] and found.hidden == []


def test_inline_html_takes_only_commonmark_tag_names():
    text = "[y](<https://x.org/a b>) and <span>z</span>"
    assert spans(text, scan(text, inline=True).markup) == ["<span>", "</span>"]


def test_block_level_tags_break_sentences():
    text = "<ul>\n<li>Prices rose 40%</li>\n<li>Costs fell<br>sharply. Then more</li></ul>\n<p>A <b>b</b> c</p><pre>d</pre>e"
    found = scan(text)
    assert [text[b:b + 4] for b in found.breaks] == ["<ul>", "<li>", "</li", "<li>", "<br>", "</li", "</ul", "<p>A",
                                                     "</p>", "<pre", "</pr"]
    doc = parse_document("# T\n\n" + text + "\n", "a.md")
    assert [s.text(doc) for s in doc.sentences] == ["Prices rose 40%", "Costs fell", "sharply.", "Then more", "A <b>b</b> c",
                                                    "e"]


def test_offsets_are_exact_inside_a_range_and_across_lines():
    text = "# Head\n\nx <b>y</b>\n\n<div>\n  <a\n   href='u'\n  >t</a>\n</div>\n\ntail <i>"
    start = text.index("<div>")
    end = text.index("\n\ntail")
    found = scan_html(text, start, end)
    assert spans(text, found.markup) == ["<div>", "<a\n   href='u'\n  >", "</a>", "</div>"]
    [link] = found.links
    assert text[link.target_start:link.target_end] == "u" and text[link.text_start:link.text_end] == "t"


PIECES = ["<", ">", "/", "=", "'", '"', " ", "\n", "a", "&amp;", "&", "<a href=", "<a href='x'>", "</a>", "<img src=",
          " alt=", "<p>", "</p>", "<pre>", "</pre>", "<script>", "</script>", "<!--", "-->", "<!x", "<?", "<![CDATA[",
          "[LINK]", "`", "\u00e9"]


@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join), st.booleans())
def test_every_span_lies_in_its_range_and_names_what_it_says(soup, inline):
    text = "pre\n" + soup + "\npost"
    start, end = 4, 4 + len(soup)
    found = scan_html(text, start, end, inline=inline)
    for a, b in found.markup:
        assert start <= a < b <= end and text[a] == "<" and text[b - 1] == ">"
    for a, b in found.hidden:
        assert start <= a < b <= end
    for c in found.comments:
        assert text[c.start:c.end] == "<!--" + c.body + "-->"
    for link in found.links:
        assert start <= link.start < link.end <= end and text[link.start] == "<"
        assert start <= link.target_start <= link.target_end <= end
        assert html.unescape(text[link.target_start:link.target_end]) == link.target
        assert link.text_start < 0 or link.start < link.text_start <= link.text_end < link.end


# ---- the document model ---------------------------------------------------------------------

ARTICLE = """\
# Storage

Intro with <a href="https://www.iea.org/reports/batteries">the IEA report</a> inline.

<div class="note">
  <p>Prices rose [INSERT STATISTIC] last year , see [INTERNAL_LINK:grid-storage] and
  <a href="[INTERNAL_LINK:battery-costs]">costs</a>, <a href="">this</a> and <a href="#">that</a>.</p>
  <img src="htps://cdn.x.org/chart.png?a=1&amp;b=2" alt="Chart , 2023">
  <script>var s = "[INTERNAL_LINK:in-script] , TODO";</script>
  <style>.a::after { content: "[LINK] , TODO" }</style>
  <pre>[INSERT STATISTIC] , TODO</pre>
  <!-- [INTERNAL_LINK:in-comment] , TODO -->
  <svg><text>[LINK]</text></svg>
</div>

Closing paragraph.
"""


def test_html_block_text_is_prose_and_markup_is_blanked():
    doc = parse_document(ARTICLE, "a.md")
    block = next(b for b in doc.blocks if b.kind == HTML)
    prose = doc.prose[block.start:block.end]
    assert len(doc.prose) == len(doc.text)
    for kept in ("Prices rose [INSERT STATISTIC] last year , see [INTERNAL_LINK:grid-storage] and", "costs", "this"):
        assert kept in prose, kept
    for hidden in ("<p>", "class", "href", "Chart", "in-script", "content", "TODO", "in-comment", "[LINK]", "svg"):
        assert hidden not in prose, hidden


def test_html_links_are_document_links():
    doc = parse_document(ARTICLE, "a.md")
    html = [(link.kind, link.target) for link in doc.links if link.kind.startswith("html")]
    assert html == [("html", "https://www.iea.org/reports/batteries"), ("html", "[INTERNAL_LINK:battery-costs]"),
                    ("html", ""), ("html", "#"), ("html_image", "htps://cdn.x.org/chart.png?a=1&b=2")]
    assert HTML in SENTENCE_KINDS
    assert any(s.block.kind == HTML and "Prices rose" in s.text(doc) for s in doc.sentences)


def findings(text: str) -> list[tuple[str, str]]:
    return sorted((d.rule, d.match) for d in lint(text))


def test_rules_flag_html_where_they_should():
    got = findings(ARTICLE)
    assert ("unfilled-template-slot", "[INSERT STATISTIC]") in got
    assert ("unresolved-link-placeholder", "[INTERNAL_LINK:grid-storage]") in got
    assert ("unresolved-link-placeholder", "[INTERNAL_LINK:battery-costs]") in got  # in the href
    assert ("empty-link-target", '<a href="">this</a>') in got
    assert ("empty-link-target", '<a href="#">that</a>') in got
    assert ("link-scheme-typo", "htps://cdn.x.org/chart.png?a=1&amp;b=2") in got
    assert ("space-before-punctuation", " ") in got  # "last year ,"


def test_nothing_is_flagged_in_script_style_pre_svg_comments_or_attributes():
    lines = ARTICLE.split("\n")
    quiet = {n for n, line in enumerate(lines, 1) if line.lstrip().startswith(("<script", "<style", "<pre", "<!--", "<svg"))}
    got = lint(ARTICLE)
    assert len(quiet) == 5 and got
    assert not {d.line for d in got} & quiet
    alt_line = next(n for n, line in enumerate(lines, 1) if "alt=" in line)
    assert [d.rule for d in got if d.line == alt_line] == ["link-scheme-typo"]  # not "Chart , 2023"


@pytest.mark.parametrize("tag, rule, match", [
    ('<a href="dpiit.gov.in">DPIIT</a>', "link-without-scheme", "dpiit.gov.in"),
    ('<a href="https://my_host.com/">x</a>', "invalid-link-host", "https://my_host.com/"),
    ("<a href='http://localhost:8000/'>x</a>", "non-public-link-host", "http://localhost:8000/"),
    ("<a href=#nowhere>x</a>", "unmatched-link-fragment", "#nowhere"),
    ('<a href="https://x.org/a b">x</a>', "link-target-with-spaces", "https://x.org/a b"),
    ('<a href="https://x.org/"> </a>', "empty-link-text", '<a href="https://x.org/"> </a>'),
    ('<img src="hhttps://x.org/c.png">', "link-scheme-typo", "hhttps://x.org/c.png"),
])
def test_each_link_rule_reads_html_links(tag, rule, match):
    for text in (f"# T\n\nSee {tag} here.\n", f"# T\n\n<div>\n<p>See {tag} here.</p>\n</div>\n"):
        assert [(d.rule, d.match) for d in lint(text, ["link"])] == [(rule, match)], text


def test_sound_html_links_are_quiet():
    text = ('# T\n\n<p>See <a href="#data">the data</a>, <a href="mailto:desk@ons.gov.uk">the desk</a> and '
            '<a href="https://www.ons.gov.uk/">the ONS</a>.</p>\n\n## Data\n\n<h3 id="more">More</h3>\n\n'
            'And <a href="#more">more</a> and <img src="https://www.ons.gov.uk/c.png" alt="">.\n')
    assert lint(text, ["link", "placeholder"]) == []


def test_an_html_link_cites_a_statistic():
    bare = "# T\n\nFood prices rose 19% in the year to March, the fastest rise in 45 years.\n"
    assert {d.rule for d in lint(bare, ["statistic"])} == {"unsupported-statistic"}
    cited = bare.replace("in 45 years", 'in 45 years (<a href="https://www.ons.gov.uk/">the data</a>)')
    assert lint(cited, ["statistic"]) == []


def test_a_placeholder_target_is_not_a_missing_file_too(tmp_path):
    path = write(tmp_path, "a.md", '# T\n\nSee <a href="[INTERNAL_LINK:x]">x</a> and [y]([LINK]).\n')
    got = sorted((d["rule"], d["match"]) for d in run_json(path)[1])
    assert got == [("unresolved-link-placeholder", "[INTERNAL_LINK:x]"), ("unresolved-link-placeholder", "[LINK]")]


def test_empty_link_text_and_images_inside_anchors():
    got = findings('# T\n\n<p><a href="https://x.org/a"> <b></b> </a> and '
                   '<a href="https://x.org/b"><img src="https://x.org/l.png" alt="Logo"></a>.</p>\n')
    assert [m for r, m in got if r == "empty-link-text"] == ['<a href="https://x.org/a"> <b></b> </a>']


def test_an_html_link_is_a_source_and_an_image_is_not():
    claims = "<p>Prices rose 40% in 2023, according to analysts, and 60% of firms agree.</p>\n"
    assert "no-sources" in {d.rule for d in lint("# T\n\n" + claims + '\n<img src="https://cdn.x.org/c.png">\n')}
    cited = claims.replace("analysts", '<a href="https://www.ons.gov.uk/">the ONS</a>')
    assert "no-sources" not in {d.rule for d in lint("# T\n\n" + cited)}


def test_suppression_comments_inside_html_blocks_work():
    text = '# T\n\n<div>\n<!-- artlint-disable-next-line -->\n<p>See [LINK].</p>\n<p>And [URL].</p>\n</div>\n'
    assert [d.match for d in lint(text) if d.rule == "unresolved-link-placeholder"] == ["[URL]"]


def test_markdown_after_a_blank_line_follows_mistunes_blocks():
    text = "# T\n\n<div>\n<p>A [LINK] here.</p>\n\n*Markdown* with [URL] and `[LINK]` code.\n\n</div>\n"
    doc = parse_document(text, "a.md")
    assert [b.kind for b in doc.blocks] == ["heading", HTML, "paragraph", HTML]
    assert sorted(d.match for d in lint(text) if d.rule == "unresolved-link-placeholder") == ["[LINK]", "[URL]"]


# ---- the command ----------------------------------------------------------------------------

def _variants(data: bytes) -> dict[str, bytes]:
    crlf = data.replace(b"\n", b"\r\n")
    return {"lf": data, "crlf": crlf, "bom": codecs.BOM_UTF8 + data, "bom+crlf": codecs.BOM_UTF8 + crlf}


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom+crlf"])
def test_positions_are_exact_on_crlf_and_bom_copies(tmp_path, variant):
    path = tmp_path / "article.md"
    path.write_bytes(_variants(ARTICLE.encode())[variant])
    code, diags = run_json(path)
    assert code == 1
    assert check_positions(diags, tmp_path) == 7
    assert {(d["rule"], d["line"]) for d in diags} >= {("unresolved-link-placeholder", 7), ("link-scheme-typo", 8)}


def _markup(text: str) -> list[str]:
    found = scan(text)
    return spans(text, found.markup + found.hidden)


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
def test_fix_leaves_every_tag_byte_identical(tmp_path, variant):
    data = _variants(ARTICLE.encode())[variant]
    path = tmp_path / "article.md"
    path.write_bytes(data)
    r = run_runner("check", "--fix", "--format", "json", path.name, cwd=tmp_path)
    assert r.code == 1, r.err
    fixed = path.read_bytes()
    assert fixed != data and fixed.startswith(codecs.BOM_UTF8) == data.startswith(codecs.BOM_UTF8)
    before, after = data.decode("utf-8-sig"), fixed.decode("utf-8-sig")
    assert _markup(after) == _markup(before)
    assert "last year, see" in after  # the fix happened in the prose
    assert after.replace(" ", "") == before.replace(" ", "")  # and only removed spaces
    assert run_runner("check", "--fix", path.name, cwd=tmp_path).code == 1 and path.read_bytes() == fixed


def test_unsafe_fix_keeps_the_attribute_html(tmp_path):
    path = write(tmp_path, "a.md", '# T\n\n<p><img src="htps://cdn.x.org/c.png?a=1&amp;b=2" alt="C"></p>\n')
    r = run_runner("check", "--fix", "--unsafe-fixes", path.name, cwd=tmp_path)
    assert r.code in (0, 1), r.err
    assert path.read_text() == '# T\n\n<p><img src="https://cdn.x.org/c.png?a=1&amp;b=2" alt="C"></p>\n'


def test_check_links_fetches_html_links_decoded(site, tmp_path):  # noqa: F811
    site.route("/ok")
    site.route("/gone", 404)
    write_config(tmp_path, allow_private_hosts=True)
    gone = site.url("/gone?a=1&amp;b=2")
    write(tmp_path, "a.md", f'# T\n\n<div>\n<p><a href="{gone}">Gone</a> and\n'
                            f'<img src="{site.url("/ok")}" alt="ok"></p>\n'
                            f'<pre><a href="{site.url("/in-pre")}">x</a></pre>\n</div>\n')
    r = run_runner("check", "--format", "json", "a.md", cwd=tmp_path)
    dead = [d for d in json.loads(r.out) if d["rule"] == "dead-link"]
    assert [(d["line"], d["match"]) for d in dead] == [(4, gone)]
    assert dead[0]["message"] == f"Dead link {site.url('/gone?a=1&b=2')}: 404 Not Found"
    requested = {path for _, path in site.requests()}
    assert requested == {"/gone", "/ok"}
    assert ("GET", "/gone") in site.requests()
    assert [req.query_string for req, _ in site.server.log if req.path == "/gone"][0] == b"a=1&b=2"


KNITR_IN_DIV = (
    "<main>\n"
    "```{r setup, include=FALSE}\n"
    "library(tidyverse) ;\n"
    "library(httr) ;\n"
    "```\n"
    "\n"
    "The estimates ran to 2022 , as planned.\n"
    "\n"
    "<div class = \"col-md-8\">\n"
    "```{r}\n"
    "\n"
    "ggplot(d) +\n"
    "  geom_line(aes(x =year, y= value),size = 1)\n"
    "```\n"
    "</div>\n"
    "\n"
    "Migration rose , the chart shows.\n"
)


def test_fenced_code_opened_inside_an_html_block_is_code():
    """knitr and pandoc read a fence right under "<main>" or "<div>" as a code chunk, however
    CommonMark reads it (the HTML block's text, and its closing fence after a blank line as a new
    fence): the code is hidden and the prose after it is read as prose."""
    doc = parse_document(KNITR_IN_DIV, "a.md")
    for hidden in ("library", "ggplot", "geom_line", "```"):
        assert hidden not in doc.prose, hidden
    got = lint(KNITR_IN_DIV, ["spacing"])
    lines = KNITR_IN_DIV.split("\n")
    expected = [(n, line.index(" ,") + 1) for n, line in enumerate(lines, 1) if line.startswith(("The estimates", "Migration"))]
    assert sorted((d.line, d.column) for d in got) == expected
    assert {d.match for d in got} == {" "}


def test_a_fence_inside_an_html_block_that_never_closes_is_left_to_commonmark():
    text = "<div>\n```\nnot closed , ever\n\nStill text , here.\n"
    assert "not closed" in parse_document(text, "a.md").prose


def test_each_fence_of_an_html_block_is_code_and_a_comment_ends_the_reading():
    """What follows one fence in an HTML block may be HTML holding the next fence; a fence in a
    comment, which runs over blank lines, is found once (the reading ends)."""
    text = ("<div>\n```{r}\na <- 1\n```\n<p>more</p>\n```{r}\n\ncode , here\n```\n\n"
            "<!--\n```\nhidden ,\n```\n-->\n\nAfter , all.\n")
    got = lint(text, ["spacing"])
    assert [(d.line, d.match) for d in got] == [(text.split("\n").index("After , all.") + 1, " ")]
