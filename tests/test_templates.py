"""Template-engine syntax (Liquid, Hugo, Jinja/Nunjucks, kramdown, Obsidian, MDX, WordPress shortcodes) is neither prose
nor a placeholder, while the prose between template tags is checked as any other.

The fixtures in tests/data/templates/ are posts as Jekyll, Hugo, Eleventy, Obsidian, Astro and
WordPress sites hold them; each plants real defects in prose next to template code that must stay quiet.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from artlint.document import parse_document
from artlint.document.model import CODE, HEADING, TEMPLATE
from artlint.document.templates import find_regions
from conftest import REPO, artlint_exe, lint
from runcli import completed_in_process
from test_positions import check_positions, run_json, write_variant

FIXTURES = REPO / "tests" / "data" / "templates"

# Every finding of every built-in rule on each fixture, as (line, rule).
EXPECTED = {
    "jekyll-post.md": [
        (20, "space-before-punctuation"), (20, "unresolved-citation-placeholder"),
        (31, "space-before-punctuation"),  # the body of {% quote %} is prose
    ],
    "hugo-post.md": [
        (1, "no-sources"),  # "according to brokers" with no source anywhere: right, and prose
        (10, "space-before-punctuation"), (10, "unresolved-citation-placeholder"),
        (19, "space-before-punctuation"),  # the body of {{< note >}}
        (23, "space-before-punctuation"),  # the body of {{% notice %}}
    ],
    "nunjucks-page.md": [(11, "space-before-punctuation"), (21, "unresolved-citation-placeholder")],
    "kramdown-post.md": [(7, "space-before-punctuation"), (18, "unresolved-citation-placeholder")],
    "obsidian-note.md": [(4, "space-before-punctuation"), (11, "unresolved-citation-placeholder")],
    "astro-post.mdx": [
        (15, "space-before-punctuation"), (15, "unresolved-citation-placeholder"),
        (18, "space-before-punctuation"),  # text between JSX tags
    ],
    # A post exported from WordPress: its shortcodes are markup; a caption's text is prose, and a
    # bracketed slot is still a slot.
    "wordpress-post.md": [
        (3, "space-before-punctuation"),  # the caption between [caption …] and [/caption]
        (5, "unresolved-citation-placeholder"), (11, "space-before-punctuation"), (19, "unfilled-template-slot"),
    ],
    # No front matter, no template tags: double braces are slots nobody filled in.
    "generated-article.md": [(3, "unresolved-template-variable"), (5, "unresolved-template-variable"),
                             (7, "unresolved-template-variable")],
}


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def findings(name: str) -> list[tuple[int, str]]:
    found = lint(fixture_text(name), path=name)
    return sorted((d.line, d.rule) for d in found)


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name):
    assert findings(name) == sorted(EXPECTED[name])


@pytest.mark.parametrize("name", ["jekyll-post.md", "hugo-post.md", "kramdown-post.md", "nunjucks-page.md"])
def test_comments_in_code_bodies_are_not_headings(name):
    doc = parse_document(fixture_text(name), name)
    headings = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == HEADING]
    assert len(headings) == 1 and not headings[0].startswith("# Not")
    for block in doc.blocks:
        assert block.kind != HEADING or "comment" not in doc.text[block.start:block.end].lower()


def test_highlight_bodies_are_code_blocks_and_includes_are_content():
    doc = parse_document(fixture_text("jekyll-post.md"), "jekyll-post.md")
    kinds = {doc.text[b.start:b.end].split("\n")[0]: b.kind for b in doc.blocks}
    assert kinds["{% highlight r %}"] == CODE
    assert kinds["{% raw %}"] == CODE
    assert TEMPLATE == kinds['{% include figure.html url="https://example.org/chart.png" caption="[Author Name]" %}']
    assert "{% comment %}" not in kinds  # renders nothing: no block
    # A section holding only an include or a figure shortcode is not empty.
    assert lint("# Title\n\n## Chart\n\n{% include chart.html %}\n\n## Notes\n\nText.\n", ["empty-section"]) == []
    assert lint("---\nt: 1\n---\n# T\n\n## Map\n\n{{< figure src=\"m.png\" >}}\n\n## B\n\nText.\n",
                ["empty-section"]) == []


def test_a_backtick_left_open_in_one_paragraph_hides_no_later_highlight_pair():
    # R's "`svyglm``" in one highlight body must not pair with a "``" paragraphs later (a code span
    # lies in one paragraph): the pair in between is still code, its R comments no headings
    text = ('---\ntitle: T\n---\n\n{% highlight R %}\nplot(x, "Survey-specific `svyglm``, weights")\n'
            "{% endhighlight %}\n\nSome prose.\n\n{% highlight R %}\n# a comment, not a heading\nx <- 1\n"
            "# another comment\n{% endhighlight %}\n\nLater the text shows ``code`` spans.\n")
    doc = parse_document(text, "post.md")
    kinds = {doc.text[b.start:b.end].split("\n")[0]: b.kind for b in doc.blocks}
    assert kinds["{% highlight R %}"] == CODE
    assert not [b for b in doc.blocks if b.kind == HEADING]
    assert lint(text, ["competing-titles"]) == []
    # within one paragraph the span still hides the tag: "`{% highlight r %}`" explains Liquid
    shown = "Use `{% highlight r %}` to open a block.\n\n# Title\n\nText.\n"
    assert [b.kind for b in parse_document(shown, "p.md").blocks][1] == HEADING


def test_template_code_is_blank_in_prose_and_prose_is_kept():
    text = fixture_text("hugo-post.md")
    doc = parse_document(text, "hugo-post.md")
    for code in ('{{< figure src="https://example.org/map.png"', "// Compute the detour", "{{% notice info",
                 '{{< ref "posts/suez.md" >}}', "{{< /note >}}", "print(\"x\")"):
        at = text.index(code)
        assert doc.prose[at:at + len(code)].strip() == "", code
    for prose in ("Insurers raised premiums , according to brokers.", "The notice body is prose too ."):
        at = text.index(prose)
        assert doc.prose[at:at + len(prose)] == prose


def test_links_inside_template_code_are_not_links_but_links_around_it_are():
    doc = parse_document(fixture_text("hugo-post.md"), "hugo-post.md")
    targets = [link.target for link in doc.links]
    assert "https://example.org/map.png" not in targets  # a shortcode parameter
    assert '{{< ref "posts/suez.md" >}}' in targets  # the link checks know template targets


def test_pandoc_attributes_are_markup():
    """Pandoc's (and Quarto's) attributes after an image, a link or a span render nothing: a
    width in per cent is no statistic. A heading's attributes are no part of the section's name,
    so "## References {.unnumbered}" is a References section whose entries are checked. Braces
    that are not attributes stay prose."""
    text = ("# T\n\n![A schematic of the pipeline.](dag.svg){width=60%}\n\n"
            "See ![map](a.png){#fig-a width=50% fig-align=\"center\"} and [the note]{.mark} here.\n\n"
            "Costs rose 12% {in 2024}.\n\n## References {.unnumbered}\n\n"
            "- Drewry – World Container Index, 1 February 2024\n")
    doc = parse_document(text, "a.md")
    for markup in ("{width=60%}", '{#fig-a width=50% fig-align="center"}', "{.mark}"):
        at = text.index(markup)
        assert doc.prose[at:at + len(markup)].strip() == "", markup
    at = text.index("{in 2024}")
    assert doc.prose[at:at + 9] == "{in 2024}"
    assert [s.name(doc) for s in doc.sections if s.heading is not None][-1] == "References"
    found = [(d.rule, d.match) for d in lint(text, ["statistic", "source"])]
    assert found == [("unsupported-statistic", "12%"),
                     ("source-without-locator", "Drewry – World Container Index, 1 February 2024")]
    # an image's "{#fig-a}" is no template engine's tag: a mail merge's slot in the same file is still one
    merged = lint("![map](a.png){#fig-a}\n\nDear {{ customer.name }}, hello.\n", ["placeholder"])
    assert [d.match for d in merged] == ["{{ customer.name }}"]


def test_wikilinks_are_links_to_pages():
    text = fixture_text("obsidian-note.md")
    doc = parse_document(text, "obsidian-note.md")
    wiki = [(link.target, text[link.text_start:link.text_end]) for link in doc.links if link.kind == "wikilink"]
    assert wiki == [("Shipping rates", "Shipping rates"), ("Red Sea crisis", "the crisis note"),
                    ("congestion-map.png", "")]
    at = text.index("[[Red Sea crisis|the crisis note]]")
    assert doc.prose[at:at + 34] == " " * 17 + "the crisis note  "
    # No shortcut link "[Shipping rates]" inside: only the placeholder is one.
    assert [link.label for link in doc.links if link.kind != "wikilink"] == ["INSERT SOURCE"]


def test_placeholders_in_double_brackets_are_still_placeholders():
    found = lint("See [[External Link: https://dpiit.gov.in/]] and [[INTERNAL LINK]].\n", ["placeholder"])
    assert [d.match for d in found] == ["[[External Link: https://dpiit.gov.in/]]"]


def test_callout_marker_is_not_prose_but_its_title_and_body_are():
    text = "> [!TIP]+ A title with strategic weight .\n> Body text .\n"
    doc = parse_document(text, "a.md")
    assert doc.prose.startswith(">         A title")
    assert [d.line for d in lint(text, ["space-before-punctuation"])] == [1, 2]
    assert lint("> [!NOTE]\n> Fine.\n", ["placeholder", "link"]) == []


def test_outputs_are_template_code_only_in_a_template_source():
    # A site's source: front matter, or template tags elsewhere in the file.
    assert lint("---\nt: 1\n---\nBy {{ page.author }} and {{ customer.name }}.\n", ["placeholder"]) == []
    assert lint("{% include a.html %}\n\nBy {{ customer.name }}.\n", ["placeholder"]) == []
    # A generated article: a dotted slot is a slot (the liquid engine's objects aside).
    found = lint("By {{ customer.name }}.\n", ["unresolved-template-variable"])
    assert [d.match for d in found] == ["{{ customer.name }}"]
    # Free text and bare names are slots even in a template source.
    found = lint("---\nt: 1\n---\nUp {{ insert statistic here }} and {{AUTHOR}}.\n", ["placeholder"])
    assert [d.match for d in found] == ["{{ insert statistic here }}", "{{AUTHOR}}"]


def test_names_a_file_binds_are_template_variables():
    text = "{% assign year = 2024 %}{% for item in items %}{{ item }}{% endfor %}\n\nIn {{ year }}, {{ other }}.\n"
    found = lint(text, ["unresolved-template-variable"])
    assert [d.match for d in found] == ["{{ other }}"]
    macro = "{% macro card(title, body) %}{{ title }}: {{ body }}{% endmacro %}\n"
    assert lint(macro, ["unresolved-template-variable"]) == []


def test_a_view_template_binds_every_lower_case_name():
    # A template that extends a layout or fills its blocks is a view's: the view supplies its
    # variables. An upper-case slot or free text is still a slot, and without inheritance a bare
    # name is one too.
    view = '{% extends "base.html" %}\n\n{% block title %}Search: {{ q }}{% endblock %}\n\nBy {{AUTHOR}}.\n'
    assert [d.match for d in lint(view, ["unresolved-template-variable"])] == ["{{AUTHOR}}"]
    plain = "{% include a.html %}\n\nSearch: {{ q }}.\n"
    assert [d.match for d in lint(plain, ["unresolved-template-variable"])] == ["{{ q }}"]


def test_a_theme_s_code_shortcodes_hold_code():
    # "{{< code-toggle >}}" (Hugo's docs theme) shows configuration, not prose: "[languages.de]"
    # in it is a TOML table, no slot.
    text = "Set the weight:\n\n{{< code-toggle file=hugo >}}\n[languages.de]\nweight = 1\n{{< /code-toggle >}}\n"
    assert lint(text, ["placeholder"]) == []
    note = text.replace("code-toggle file=hugo", "note").replace("/code-toggle", "/note")
    assert [d.match for d in lint(note, ["placeholder"])] == ["[languages.de]"]  # a note's body is prose


def test_plain_text_and_fenced_examples_are_unchanged():
    assert find_regions("No templates here [a](b).", 0) is None
    assert find_regions("{{ unclosed and {% unclosed", 0) is None
    # Plain text files get none of this: a Liquid tag there is text like any other.
    found = lint("By {{ customer.name }} {% tag %}.\n", ["unresolved-template-variable"], format="text")
    assert [d.match for d in found] == ["{{ customer.name }}"]


def test_mdx_imports_jsx_and_expressions_are_not_prose():
    text = fixture_text("astro-post.mdx")
    doc = parse_document(text, "astro-post.mdx")
    for code in ("import Chart", "export const figures", "onHover={(d) => d.value > 2} />", "{figures.approved}",
                 '<Callout type="note">', "</Callout>", "{/* Editor's note"):
        at = text.index(code)
        assert doc.prose[at:at + len(code)].strip() == "", code
    at = text.index("The ministry approved")
    assert doc.prose[at:at + 21] == "The ministry approved"
    # An "export" inside a paragraph is a word, and in a .md file JSX is left to the HTML rules.
    mid = parse_document("Chips matter.\nexport controls tightened , it said.\n", "a.mdx")
    assert "export controls" in mid.prose
    assert "{x}" in parse_document("A {x} set.\n", "a.md").prose


def test_mdx_files_are_found_in_folders_and_linted_as_markdown(tmp_path):
    shutil.copy(FIXTURES / "astro-post.mdx", tmp_path / "post.mdx")
    _, diags = run_json(tmp_path)
    assert sorted((d["line"], d["rule"]) for d in diags) == sorted(EXPECTED["astro-post.mdx"])
    assert {Path(d["path"]).name for d in diags} == {"post.mdx"}


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom+crlf", "cr"])
def test_positions_are_exact_on_every_fixture(tmp_path, variant):
    for src in FIXTURES.iterdir():
        write_variant(src, tmp_path / src.name, variant)
    _, diags = run_json(".", cwd=tmp_path, in_process=variant != "lf")
    assert check_positions(diags, tmp_path) == sum(len(v) for v in EXPECTED.values())


def _template_code(text: str, path: str) -> list[str]:
    regions = find_regions(text, parse_document(text, path).body_start, path.endswith(".mdx"))
    return [text[r.start:r.end] for r in regions.regions] if regions else []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fix_leaves_template_code_byte_identical(tmp_path, name):
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    before = target.read_text("utf-8")
    proc = completed_in_process("check", "--fix", "--no-cache", name, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    after = target.read_text("utf-8")
    assert _template_code(after, name) == _template_code(before, name)
    assert len(_template_code(before, name)) >= (0 if name == "generated-article.md" else 3)
    # Only spaces were removed.
    rest = iter(before)
    assert all(c in rest for c in after) and set(before) >= set(after)
    assert before.count(" ") - after.count(" ") == len(before) - len(after)
    fixes = sum(1 for line, rule in EXPECTED[name] if rule == "space-before-punctuation")
    assert len(before) - len(after) == fixes
    again = completed_in_process("check", "--fix", "--no-cache", name, cwd=tmp_path)
    assert again.returncode in (0, 1) and target.read_text("utf-8") == after


def test_a_pair_shown_in_code_opens_nothing():
    text = ("Hide a draft with `{% comment %}` like this.\n\nThe deal carries strategic weight .\n\n"
            "Close it with `{% endcomment %}`.\n\n```liquid\n{% highlight r %}\n```\n\nMore weight .\n\n"
            "```\n{% endhighlight %}\n```\n")
    assert [d.line for d in lint(text, ["space-before-punctuation"])] == [3, 11]


def test_stdin_named_mdx_is_read_as_mdx():
    proc = subprocess.run([artlint_exe(), "check", "-", "--stdin-filename", "post.mdx", "--format", "json"],
                          input=fixture_text("astro-post.mdx"), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert sorted((d["line"], d["rule"]) for d in json.loads(proc.stdout)) == sorted(EXPECTED["astro-post.mdx"])


def test_a_line_with_a_wikilink_is_prose():
    doc = parse_document("---\nt: 1\n---\n{% include a.html %} [[Port calls]]\n", "a.md")
    [block] = [b for b in doc.blocks]
    assert block.kind == "paragraph" and doc.prose[block.start:block.end].split() == ["Port", "calls"]


def test_myst_roles_are_markup_and_citation_roles_cite():
    # Jupyter Book / Sphinx chapters: "{name}" before a code span is a role, not a template slot;
    # {cite:t}`Key` is a citation the build resolves (sphinxcontrib-bibtex), so it sources its
    # sentence, and a chapter that cites only by roles cites something.
    text = ("# Sudden stops\n\nCapital inflows fell by 40% in 1998 ({cite:t}`Calvo1998`). Exports rose 12% in 2001.\n\n"
            "{cite:t}`EichengreenHausmann1999` found that 60% of debt was in dollars.\n\n"
            "See {ref}`sec-intro` and {numref}`fig-1`.\n")
    doc = parse_document(text, "a.md")
    at = text.index("{ref}")
    assert doc.prose[at:at + len("{ref}`sec-intro`")].strip() == ""
    assert [(r.label, r.kind) for r in doc.footnote_refs] == [("Calvo1998", "role"), ("EichengreenHausmann1999", "role")]
    found = lint(text)
    # the citation is in the sentence before the 12%: no support
    assert [(d.rule, d.match) for d in found] == [("unsupported-statistic", "12%")]
    # A role is no footnote marker without a definition; a role inside code stays code.
    assert lint("Text {cite:p}`X` and `{cite:p}`.\n", ["undefined-footnote", "unused-footnote", "placeholder"]) == []


def test_myst_directives_are_markup_and_a_bibliography_renders_what_the_chapter_cites():
    body = "# Panic\n\nTrust companies held 40% of deposits in 1907{cite}.\n\n:::{note}\n:class: dropdown\nA note .\n:::\n\n"
    refs = "## References\n\n:::{bibliography}\n:filter: docname in docnames\n:::\n"
    cites_nothing = body.replace("{cite}", "") + refs
    doc = parse_document(cites_nothing, "a.md")
    for markup in (":::{note}", ":class: dropdown", ":::{bibliography}"):
        at = cites_nothing.index(markup)
        assert doc.prose[at:at + len(markup)].strip() == ""
    assert "A note ." in doc.prose  # a directive's body is prose
    found = lint(cites_nothing, ["empty-sources-section", "space-before-punctuation"])
    assert [(d.rule, d.line) for d in found] == [("space-before-punctuation", 7), ("empty-sources-section", 10)]
    # The chapter cites through a role (or lists all works): the directive renders its entries.
    cites = body.replace("{cite}", " {cite:p}`Moen1992`") + refs
    assert lint(cites, ["source", "statistic"]) == []
    assert lint(cites_nothing.replace(":filter: docname in docnames", ":all:"), ["empty-sources-section"]) == []


def test_wordpress_shortcodes_are_markup_but_bare_brackets_and_lone_tags_are_prose():
    text = fixture_text("wordpress-post.md")
    code = _template_code(text, "wordpress-post.md")
    assert '[gallery ids="101,102,103" columns="3"]' in code and "[/caption]" in code and "[embed]" in code
    assert '[audio src="/wp-content/uploads/briefing.mp3"]' in code and "[/video]" in code
    assert not any("Lithium carbonate prices ," in c or "[Month]" in c for c in code)
    doc = parse_document(text, "wordpress-post.md")
    assert not any(link.target == "/video" for link in doc.links)  # "[video …][/video]" is no reference link
    # A bare tag with no closing one, a bracketed note with "=" unquoted, and tags in code stay as written.
    for prose in ("Add the clip here: [video] when it is ready.\n", "The sample [with n=50] was small.\n",
                  "Write `[gallery ids=\"1\"]` in the editor.\n", "Sources [1] and [2] agree [/sic].\n"):
        assert _template_code(prose, "a.md") == [], prose
    assert [d.rule for d in lint("Prices , eased [caption id=\"a\"]in May[/caption].\n")] == ["space-before-punctuation"]
