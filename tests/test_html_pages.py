"""HTML pages as an input format: the article is found (``<article>``, or what the extraction
library reads as the main content), its defects are reported at exact positions in the page's
source, chrome and scripts outside it are not, and ``--fix`` edits only text nodes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _hypothesis_profiles import examples
from conftest import ALL_RULES, REPO, lint
from hypothesis import given, settings
from hypothesis import strategies as st
from runcli import run_runner, write
from test_fuzz import check_diagnostics
from test_positions import check_positions, run_json

from artlint.api import Linter
from artlint.document import format_for, parse_document
from artlint.engine import lint_text
from artlint.fixer import fix_text

PAGES = REPO / "tests" / "data" / "html"
WORDPRESS = PAGES / "wordpress-post.html"
DRUPAL = PAGES / "drupal-node.html"
# Markup: what a "<" opens when a letter, "/", "!" or "?" follows it (else "<" is text, as in "a < b").
TAG = re.compile(r"<[A-Za-z/!?][^>]*>")
SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)

# Planted in the article text: (rule, match).
WORDPRESS_DEFECTS = {
    ("unresolved-link-placeholder", "[INTERNAL_LINK:supply-chains]"),
    ("unresolved-link-placeholder", "[INTERNAL_LINK:rare-earths-explainer]"),
    ("link-scheme-typo", "htps://www.meti.go.jp/english/press/2024/0302_001.html"),
    ("unsupported-statistic", "72%"),
    ("space-before-punctuation", " "),
    ("source-without-locator", "Ministry of External Affairs, joint statement, March 2024"),
    ("source-without-locator", "METI press release on critical minerals"),
    ("page-chrome", "Share this:"), ("page-chrome", "Twitter"), ("page-chrome", "Facebook"),
    ("page-chrome", "Leave a Comment"),
}
DRUPAL_DEFECTS = {
    ("unresolved-link-placeholder", "[INTERNAL_LINK:deposit-schemes]"),
    ("link-scheme-typo", "htps://environment.ec.europa.eu/topics/waste-and-recycling/batteries_en"),
    ("unsupported-statistic", "45%"),
    ("space-before-punctuation", " "),
    ("source-without-locator", "European Commission, Batteries Regulation impact assessment, 2023"),
    ("source-without-locator", "Eurostat waste statistics on portable batteries"),
}


def line_range(text: str, start: str, end: str) -> range:
    """The 1-based lines from the one holding ``start`` to the one holding ``end`` after it."""
    a = text.index(start)
    b = text.index(end, a)
    return range(text.count("\n", 0, a) + 1, text.count("\n", 0, b) + 2)


def lines_with(text: str, *needles: str) -> set[int]:
    return {n for n, line in enumerate(text.splitlines(), 1) if any(s in line for s in needles)}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> tuple[Path, list[dict]]:
    folder = tmp_path_factory.mktemp("pages")
    for page in (WORDPRESS, DRUPAL):
        shutil.copyfile(page, folder / page.name)
    _, diags = run_json(".", cwd=folder, in_process=True)
    return folder, diags


def of(diags: list[dict], page: Path) -> list[dict]:
    return [d for d in diags if d["path"] == page.name]


def test_folders_include_html_pages_by_default(pages):
    _, diags = pages
    assert {d["path"] for d in diags} == {WORDPRESS.name, DRUPAL.name}


def test_every_position_is_exact_in_the_page_source(pages):
    folder, diags = pages
    assert check_positions(diags, folder) > 20


@pytest.mark.parametrize("page, defects, article", [
    (WORDPRESS, WORDPRESS_DEFECTS, ('<article id="post-1042"', '<footer class="entry-footer">')),
    (DRUPAL, DRUPAL_DEFECTS, ('field--name-body', "</ul>")),
], ids=["wordpress", "drupal"])
def test_findings_come_from_the_article_and_the_head_fields_only(pages, page, defects, article):
    _, diags = pages
    found = of(diags, page)
    assert defects <= {(d["rule"], d["match"]) for d in found}
    text = page.read_text("utf-8")
    allowed = set(line_range(text, *article)) | lines_with(text, "<title>", "<meta ")
    allowed -= lines_with(text, "<script")
    # The decoys: the same kinds of defect in navigation, sidebars, comments, footers, scripts.
    decoys = lines_with(text, "weight .", " , ", "[INTERNAL_LINK:", "htps://", "Leave a", "Scroll to Top") - allowed
    assert len(decoys) >= 5
    assert [(d["line"], d["rule"]) for d in found if d["line"] not in allowed] == []


def test_published_head_fields_are_checked_but_never_fixed(pages):
    _, diags = pages
    text = WORDPRESS.read_text("utf-8")
    head = [d for d in of(diags, WORDPRESS) if d["line"] in lines_with(text, "<meta ")]
    assert {(d["line"], d["rule"]) for d in head} == {(6, "space-before-punctuation"), (8, "space-before-punctuation")}
    assert all(d["fix"] is None for d in head)  # an attribute value is never edited
    assert not lines_with(text, "{TODO}") & {d["line"] for d in of(diags, WORDPRESS)}  # generator: not published


def test_the_extraction_library_finds_the_article_of_a_page_without_article_or_main():
    text = DRUPAL.read_text("utf-8")
    doc = parse_document(text, DRUPAL.name)
    prose = " ".join(doc.prose.split())
    assert "Europe's battery recyclers process" in prose and "Eurostat waste statistics" in prose
    assert "Most read" not in prose and "Heat pumps" not in prose and "Topics" not in prose
    assert "drupalSettings" not in prose and "Scroll to Top" not in prose


def test_fix_edits_only_text_nodes_and_keeps_every_tag(tmp_path):
    for page in (WORDPRESS, DRUPAL):
        shutil.copyfile(page, tmp_path / page.name)
    before = {p.name: p.read_text("utf-8") for p in tmp_path.iterdir()}
    r = run_runner("check", "--fix", ".", cwd=tmp_path)
    assert r.code == 1, r.err
    after = {p.name: p.read_text("utf-8") for p in tmp_path.iterdir() if p.suffix == ".html"}
    for name, old in before.items():
        new = after[name]
        assert new != old
        assert TAG.findall(new) == TAG.findall(old)
        assert SCRIPT.findall(new) == SCRIPT.findall(old)
    assert "strategic weight.</p>" in after[WORDPRESS.name]
    assert "weight .\">" in after[WORDPRESS.name]  # the <meta> value is an attribute: left as it is
    run_runner("check", "--fix", ".", cwd=tmp_path)
    assert {p.name: p.read_text("utf-8") for p in tmp_path.iterdir() if p.suffix == ".html"} == after


_HUGO_HTML_CONTENT = ('---\ntitle: "How it started ."\naliases: [/les-debuts/, /beginning/ ]\nlang: fr\n---\n\n'
                      '<div class="report"><h1>Les débuts</h1>\n<p>Le texte : oui , non.</p></div>\n')


def test_an_html_content_file_s_front_matter_is_read_as_in_markdown(tmp_path):
    # Hugo and Jekyll render .html content files with front matter: its published fields are
    # checked, the rest is not prose, and its lang is the page's language
    diags = lint(_HUGO_HTML_CONTENT, ["spacing"], format="html", path="full-report.html")
    assert [(d.line, d.match) for d in diags] == [(2, " "), (8, " ")]  # the title's and the body's; not "/ ]"
    check_diagnostics(_HUGO_HTML_CONTENT, diags)
    page = write(tmp_path, "full-report.html", _HUGO_HTML_CONTENT)
    run_runner("check", "--fix", ".", cwd=tmp_path)
    fixed = page.read_text("utf-8")
    assert fixed == _HUGO_HTML_CONTENT.replace("oui , non", "oui, non")  # front matter untouched
    run_runner("check", "--fix", ".", cwd=tmp_path)
    assert page.read_text("utf-8") == fixed


def test_a_script_in_a_page_gets_no_spacing_finding_and_no_fix(tmp_path):
    source = "<html><body><p>Clean text.</p><script>{a : 1}</script></body></html>\n"
    page = write(tmp_path, "page.html", source)
    r = run_runner("check", "--fix", "page.html", cwd=tmp_path)
    assert (r.code, page.read_text("utf-8")) == (0, source), r.out
    r = run_runner("check", "--stdin-filename", "x.html", "-", input=source.encode(), cwd=tmp_path)
    assert r.code == 0, r.out
    # The same text as plain text is prose: the check does see it there.
    as_text = lint("{a : 1}", ["space-before-punctuation"], format="text")
    assert [d.rule for d in as_text] == ["space-before-punctuation"]


def test_entities_keep_positions_and_no_break_spaces_are_not_reported():
    source = ("<article><p>Tokyo &amp; Delhi&#8217;s plan is worth&nbsp;. Ten&nbsp;; the rest ,"
              " said&#160;officials .</p></article>")
    diags = lint(source, ["space-before-punctuation"], format="html", path="p.html")
    assert [(d.column, d.match) for d in diags] == [(source.index(" ,") + 1, " "), (source.index(" .<") + 1, " ")]


def test_chrome_in_nav_and_footer_is_not_reported_but_chrome_in_the_article_is():
    source = ("<body><nav><p>Leave a Comment</p></nav><article><h1>Title</h1><p>Some text.</p>"
              "<p>Share this:</p><ul><li>Twitter</li><li>Facebook</li></ul></article>"
              "<footer><p>Scroll to Top</p></footer></body>")
    diags = lint(source, ["page-chrome"], format="html", path="p.html")
    assert [d.match for d in diags] == ["Share this:", "Twitter", "Facebook"]


def test_chrome_rules_still_read_text_scrapes(corpus_dir):
    diags = lint((corpus_dir / "seed-india-japan.txt").read_text("utf-8"), ["boilerplate"], format="text")
    assert {"page-chrome"} <= {d.rule for d in diags}


def test_a_url_path_picks_the_format_and_the_api_lints_a_page_by_it():
    assert format_for("https://example.org/2024/03/post.html?utm_source=x") == "html"
    assert format_for("page.XHTML") == format_for("a.htm") == "html"
    assert format_for("https://example.org/notes.txt") == "text"
    diags = Linter().lint_text("<main><p>It carries weight .</p></main>", "https://news.example/a.html")
    assert [(d.rule, d.line, d.column) for d in diags] == [("space-before-punctuation", 1, 27)]


def test_the_extraction_library_is_imported_only_for_pages_that_need_it():
    code = ("import sys\nfrom artlint.document import parse_document\n"
            "parse_document('<article><p>A.</p></article>', 'a.html')\n"
            "assert 'trafilatura' not in sys.modules\n"
            "body = 'A long sentence of the article body. ' * 5\n"
            "parse_document('<body><div><p>' + body + '</p></div></body>', 'b.html')\n"
            "assert 'trafilatura' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


# ---- any page: positions exact, --fix keeps the markup -------------------------------------

_PIECES = [
    "<article>", "</article>", "<main>", "<div class='entry-content'>", "</div>", "<p>", "</p>", "<h2>", "</h2>",
    "<ul>", "<li>", "</li>", "</ul>", "<blockquote>", "<nav>", "</nav>", "<aside>", "<footer>", "<form>",
    "<script>{a : 1} weight .", "</script>", "<style>p { x : y ; }</style>", "<!-- artlint-disable -->", "<!--",
    "-->", "<br>", "<em>", "</em>", '<a href="htps://x.org/a?b=1&amp;c=2">', '<a href="[INTERNAL_LINK:y]">', "</a>",
    '<img src="https://x.org/i.png" alt="A , b">', "<title>T .</title>", '<meta name="description" content="d .">',
    "weight .", "India , Japan", "( see )", "This,is", "50 %", "&nbsp;", "&amp;", "&#8217;", " ", "\n", "text",
    "Sources", "Leave a Comment", "[INTERNAL_LINK:x]", "72% of it", "<", ">", "&", "<table><tr><td>", "</td>",
]


@settings(max_examples=examples(0.5))
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_any_page_positions_are_exact_and_fixes_keep_the_markup(source):
    diags = lint_text(source, ALL_RULES, "page.html", format="html")
    check_diagnostics(source, diags)
    fixed = fix_text(source, lambda text: lint_text(text, ALL_RULES, "page.html", format="html"))
    assert TAG.findall(fixed.text) == TAG.findall(source)
    assert SCRIPT.findall(fixed.text) == SCRIPT.findall(source)


def test_comments_marked_up_as_articles_are_not_the_article():
    source = ("<body><main><div class='post'><p>The post text is here , and it is short.</p></div>"
              "<div id='comments' class='comments-area'><ol class='comment-list'><li><article class='comment-body'>"
              "<p>" + "A much longer comment by a reader , who writes a lot. " * 5 + "</p></article></li></ol></div>"
              "</main></body>")
    diags = lint(source, ["space-before-punctuation"], format="html", path="p.html")
    assert [d.column for d in diags] == [source.index(" , and") + 1]


def test_suppression_comments_work_in_a_page():
    source = ("<article>\n<!-- artlint-disable-next-line space-before-punctuation -->\n<p>It carries weight .</p>\n"
              "<p>Also weight .</p>\n</article>\n")
    diags = lint(source, ["space-before-punctuation"], format="html", path="p.html")
    assert [(d.line, d.column) for d in diags] == [(4, 15)]


def test_the_html_lang_attribute_sets_the_language():
    page = '<html lang="{}"><body><article><p>Une question : pourquoi pas ?</p></article></body></html>'
    assert parse_document(page.format("fr-CA"), "p.html").lang == "fr"
    assert lint(page.format("fr-CA"), ["space-before-punctuation"], format="html", path="p.html") == []
    assert len(lint(page.format("en"), ["space-before-punctuation"], format="html", path="p.html")) == 2


def test_a_fragment_whose_article_is_spread_over_sibling_elements_is_read_whole(tmp_path):
    # A CMS export with no <html>, <body> or wrapper: the extracted text lies in sibling blocks,
    # none of which holds most of it. The whole fragment is the article (it used to crash).
    paragraph = "<p>Investing in the technology sector can offer exciting opportunities for careful " \
                "investors who plan ahead and keep their costs low over many years of saving.</p>\n"
    items = "".join(f"<li><strong>{name} fund</strong>: With an expense ratio of 0.{k}0%, it offers exposure "
                    f"to major tech companies and a balanced approach for investors.</li>\n"
                    for k, name in enumerate(("Growth", "Income", "Value"), 1))
    source = f"<h1>Investment options</h1>\n{paragraph}<h2>ETFs</h2>\n<ul>\n{items}</ul>\n{paragraph}"
    diags = lint(source, ["unsupported-statistic"], format="html", path="export.html")
    assert [d.match for d in diags] == ["0.10%", "0.20%", "0.30%"]
    check_diagnostics(source, diags)


_SAVED_AS_TEXT = """Investment options
<h1>Investment options for $1,000</h1>
<h2>Options for $1,000</h2>
<p>Investing in the technology sector can offer opportunities for careful investors.</p>
<ul>
<li><strong>Growth fund</strong>: With an expense ratio of 0.10%, it offers exposure to major tech companies.</li>
<li><strong>Income fund</strong>: With an expense ratio of 0.20%, it offers exposure to dividend payers.</li>
</ul>
<p>Shares of the sector rose 12% last year , a strong run.</p>
"""


def test_a_text_file_made_of_html_elements_is_read_as_a_page(tmp_path):
    # A writing assistant's HTML saved as .txt: its headings are headings (their figures are not
    # claims) and each list item is its own sentence, as in the same page saved as .html.
    assert parse_document(_SAVED_AS_TEXT, "report.txt").format == "html"
    for name in ("report.txt", "report.html"):
        diags = lint(_SAVED_AS_TEXT, ["statistic", "spacing"], format="text", path=name)
        assert [(d.line, d.match) for d in diags] == [(6, "0.10%"), (7, "0.20%"), (9, "12%"), (9, " ")]
        check_diagnostics(_SAVED_AS_TEXT, diags)
    path = write(tmp_path, "report.txt", _SAVED_AS_TEXT)
    fixed = fix_text(_SAVED_AS_TEXT, lambda text: lint(text, ["spacing"], format="text", path="report.txt"))
    assert fixed.text == _SAVED_AS_TEXT.replace("year , a", "year, a")
    code, found = run_json("--no-cache", "--select", "statistic,spacing", str(path))
    assert code == 1 and sorted((d["line"], d["match"]) for d in found) == [(6, "0.10%"), (7, "0.20%"), (9, " "), (9, "12%")]


def test_a_text_file_that_mentions_a_few_tags_stays_plain_text():
    text = "Notes on markup\n\nUse <p> for paragraphs and <li> for list items.\n\n<h2> is a heading.\n"
    assert parse_document(text, "notes.txt").format == "text"


_PAGE_TEMPLATE = """{% extends "base.html" %}
{% block head %}<meta name="description" content="{{ til.summary }}">{% endblock %}
{% block body %}
<h1>TILs on {{ topic }}</h1>
{% for til in sql("select * from til", database="tils") %}
<h3><a href="/{{ til.topic }}/{{ til.slug }}">{{ til.title }}</a> - {{ til.created[:10] }}</h3>
<p>{{ til.summary }} Read it below , by {{AUTHOR}}.</p>
{% endfor %}
{% endblock %}
"""


def test_a_page_template_s_engine_syntax_is_markup_and_never_edited(tmp_path):
    # A site's page template (Jinja, Django, Liquid): its tags and outputs are markup, as in a
    # Markdown site source, in the text and in <meta> values alike; a slot nobody filled in is
    # still found, and a fix edits only the text around the template code.
    diags = lint(_PAGE_TEMPLATE, ["placeholder", "spacing"], format="html", path="topic.html")
    assert [(d.line, d.rule, d.match) for d in diags] == [
        (7, "space-before-punctuation", " "), (7, "unresolved-template-variable", "{{AUTHOR}}")]
    check_diagnostics(_PAGE_TEMPLATE, diags)
    fixed = fix_text(_PAGE_TEMPLATE, lambda text: lint(text, ["spacing"], format="html", path="topic.html"))
    assert fixed.text == _PAGE_TEMPLATE.replace("below , by", "below, by")


_GO_LAYOUT = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{/* the section's pages */}}
{{ $pages := .Pages }}
{{ range $pages }}<h2><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></h2>{{ end }}
<p>See [{{ .Name }}](#{{ .Name }}) for the rest , by {{AUTHOR}}.</p>
{{ end }}
"""


def test_a_go_template_s_actions_comments_and_fields_are_markup():
    # Hugo layouts have no "{%": their actions, comments, fields and variables are the template
    # code, and a Markdown link the engine writes ("[{{ .Name }}](#{{ .Name }})") is not a link yet.
    diags = lint(_GO_LAYOUT, ["placeholder", "spacing", "link"], format="html", path="list.html")
    assert [(d.line, d.rule, d.match) for d in diags] == [
        (6, "space-before-punctuation", " "), (6, "unresolved-template-variable", "{{AUTHOR}}")]
    check_diagnostics(_GO_LAYOUT, diags)
    partial = '<button class="modal">{{ .modal_button }}</button>\n'
    assert lint(partial, ["placeholder"], format="html", path="modal.html") == []
    # a function called Go's way, its argument after a space, is an action too (a Hugo partial
    # of translated links has nothing else), and it makes the file a template
    footer = ('<ul>\n  <li><a href="{{ i18n "privacy-link" }}">{{ i18n "privacy" }}</a></li>\n'
              '  <li>{{ safeHTML .Params.note }} {{ len $pages }} {{AUTHOR}}</li>\n</ul>\n')
    assert [d.match for d in lint(footer, ["placeholder", "link"], format="html", path="footer-links.html")] == [
        "{{AUTHOR}}"]


def test_an_html_file_with_template_tags_is_a_template_whose_context_binds_its_names():
    # No page a reader gets still holds "{% … %}": such a file is an include or a layout, and its
    # "{{ quote }}" and "{{ dateString }}" are the engine's context. "{{AUTHOR}}" is still a slot.
    include = ("{%- if quote %}<blockquote><p>{{ quote }}</p><cite>{{ organization }}, {{ dateString }}"
               "</cite></blockquote>{%- endif %}\n<p>Written by {{AUTHOR}}.</p>\n")
    found = lint(include, ["placeholder"], format="html", path="testimonial.html")
    assert [d.match for d in found] == ["{{AUTHOR}}"]
    # without a tag it may be a page a mail-merge left unfinished
    assert [d.match for d in lint("<p>Dear {{ name }},</p>\n", ["placeholder"], format="html",
                                  path="letter.html")] == ["{{ name }}"]


def test_a_section_an_html_template_fills_with_engine_code_is_not_empty():
    layout = ('{{ define "main" }}\n<h1>{{ i18n "careers" }}</h1>\n<h2>Current openings</h2>\n'
              '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}\n'
              '<h2>Past openings</h2>\n<h2>Contact</h2>\n<p>Write to us.</p>\n{{ end }}\n')
    assert [d.match for d in lint(layout, ["empty-section"], format="html", path="careers.html")] == [
        "Past openings"]


def test_an_html_template_s_in_page_links_may_reach_the_page_it_is_composed_into():
    header = '{% comment %}The top of every page{% endcomment %}\n<a class="skipnav" href="#main-content">Skip</a>\n'
    assert lint(header, ["link"], format="html", path="header.html") == []
    page = '<a class="skipnav" href="#main-content">Skip</a>\n<h1>Prices</h1>\n'
    assert [d.match for d in lint(page, ["link"], format="html", path="page.html")] == ["#main-content"]
