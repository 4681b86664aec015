"""Front matter (YAML ``---``, TOML ``+++``, JSON ``{...}``): the published fields are prose, with
exact positions; keys, syntax and the other values are not; ``--fix`` changes nothing in front
matter but the text of published fields, and never leaves invalid YAML, TOML or JSON."""

from __future__ import annotations

import codecs
import json
import tomllib
from pathlib import Path

import pytest
import yaml

from artlint.document import parse_document
from artlint.document.frontmatter import DEFAULT_FIELDS, read_front_matter
from artlint.document.model import FIELD
from conftest import lint
from runcli import run_runner
from test_positions import _key, check_positions, run_json, text_at

YAML_ARTICLE = """\
---
title: Strategic weight .
subtitle: 'It''s the company''s plan , in brief'
description: "Read [Insert source here] for the \\"real\\" figures ."
summary: >
  Folded text with [LINK] inside
  and a second line .
excerpt: |
  Literal block , kept.
author: "[Author Name]"
date: 2024-05-01
tags: ["a" , "b"]
image: https://example.org/img/a_(b).png
slug: weight .
params:
  title: Not published .
og:
  title: "OG title , here"
  image: https://cdn.x.org/a .png
twitter:
  description: 'TODO: write this'
seo:
  description: "Lorem ipsum dolor"
---

# Body

Body text .
"""

TOML_ARTICLE = """\
+++
title = "Strategic weight ."
description = 'Literal , string'
summary = \"\"\"
Multi-line basic with [LINK] and a \\"quote\\" .
\"\"\"
lead = '''
Multi-line literal , kept'''
author = "[Author Name]"
date = 2024-05-01
tags = ["a" , "b"]
image = "https://example.org/a .png"
draft = false

[og]
title = "OG , title"
image = "https://cdn.x.org/a.png"

[twitter]
description = "Lorem ipsum dolor"
+++

# Body

Body text .
"""

JSON_ARTICLE = """\
{
  "title": "Strategic weight .",
  "description": "A \\"quoted\\" [Insert source here] ,",
  "author": "[Author Name]",
  "tags": ["a" , "b"],
  "image": "https://example.org/a .png",
  "date": "2024-05-01",
  "seo": {"description": "Lorem ipsum here"}
}

# Body

Body text .
"""

ARTICLES = {"yaml.md": YAML_ARTICLE, "toml.md": TOML_ARTICLE, "json.md": JSON_ARTICLE}

# (rule, line, column, match): every finding, the body's last line included
EXPECTED = {
    "yaml.md": [
        ("space-before-punctuation", 2, 24, " "),
        ("space-before-punctuation", 3, 37, " "),
        ("unresolved-citation-placeholder", 4, 20, "[Insert source here]"),
        ("space-before-punctuation", 4, 65, " "),
        ("unresolved-link-placeholder", 6, 20, "[LINK]"),
        ("space-before-punctuation", 7, 20, " "),
        ("space-before-punctuation", 9, 16, " "),
        ("unfilled-template-slot", 10, 10, "[Author Name]"),  # not published, still a placeholder
        ("space-before-punctuation", 18, 19, " "),
        ("todo-note", 21, 17, "TODO:"),
        ("lorem-ipsum", 23, 17, "Lorem ipsum"),
        ("space-before-punctuation", 28, 10, " "),
    ],
    "toml.md": [
        ("space-before-punctuation", 2, 26, " "),
        ("space-before-punctuation", 3, 23, " "),
        ("unresolved-link-placeholder", 5, 23, "[LINK]"),
        ("space-before-punctuation", 5, 45, " "),
        ("space-before-punctuation", 8, 19, " "),
        ("unfilled-template-slot", 9, 11, "[Author Name]"),
        ("space-before-punctuation", 16, 12, " "),
        ("lorem-ipsum", 20, 16, "Lorem ipsum"),
        ("space-before-punctuation", 25, 10, " "),
    ],
    "json.md": [
        ("space-before-punctuation", 2, 29, " "),
        ("unresolved-citation-placeholder", 3, 32, "[Insert source here]"),
        ("space-before-punctuation", 3, 52, " "),
        ("unfilled-template-slot", 4, 14, "[Author Name]"),
        ("lorem-ipsum", 8, 27, "Lorem ipsum"),
        ("space-before-punctuation", 13, 10, " "),
    ],
}

# What --fix makes of each front matter: only the published fields' text changes.
FIXED = {
    "yaml.md": [
        ("title: Strategic weight .", "title: Strategic weight."),
        ("plan , in brief", "plan, in brief"),
        ('\\"real\\" figures ."', '\\"real\\" figures."'),
        ("a second line .", "a second line."),
        ("Literal block , kept.", "Literal block, kept."),
        ('"OG title , here"', '"OG title, here"'),
        ("Body text .", "Body text."),
    ],
    "toml.md": [
        ('"Strategic weight ."', '"Strategic weight."'),
        ("'Literal , string'", "'Literal, string'"),
        ('\\"quote\\" .', '\\"quote\\".'),
        ("Multi-line literal , kept", "Multi-line literal, kept"),
        ('"OG , title"', '"OG, title"'),
        ("Body text .", "Body text."),
    ],
    "json.md": [
        ('"Strategic weight ."', '"Strategic weight."'),
        ("[Insert source here] ,", "[Insert source here],"),
        ("Body text .", "Body text."),
    ],
}


def front_data(name: str, text: str):
    """The front matter's data, read by the real parser of its kind."""
    if name == "yaml.md":
        return yaml.safe_load(text.split("---\n")[1])
    if name == "toml.md":
        return tomllib.loads(text.split("+++\n")[1])
    return json.JSONDecoder().raw_decode(text)[0]


def write_articles(folder: Path, variant: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        if "crlf" in variant:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if "bom" in variant:
            data = codecs.BOM_UTF8 + data
        (folder / name).write_bytes(data)


# ---- found where they are, and nothing else ---------------------------------------------------


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_published_fields_are_checked_at_their_exact_place(name):
    text = ARTICLES[name]
    found = [(d.rule, d.line, d.column, d.match) for d in lint(text, path=name)]
    assert found == EXPECTED[name]
    for d in lint(text, path=name):
        assert text_at(text, d.line, d.column, d.end_line, d.end_column) == d.match


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_keys_dates_tags_and_urls_are_not_prose(name):
    doc = parse_document(ARTICLES[name], name)
    front = doc.prose[: doc.body_start]
    for hidden in ("title:", "title =", '"title"', "author", "date", "2024-05-01", "tags", '"a"', "example.org",
                   "cdn.x.org", "image", "Not published", "[Author Name]", "draft", "---", "+++", "{"):
        assert hidden not in front, hidden
    assert "Strategic weight ." in front
    fields = [b for b in doc.blocks if b.kind == FIELD]
    assert fields and all(b.end <= doc.body_start for b in fields)
    assert {b.label for b in fields} <= set(DEFAULT_FIELDS)


def test_escapes_and_quotes_are_blanked_not_decoded():
    doc = parse_document(YAML_ARTICLE, "a.md")
    line = doc.prose.split("\n")[3]
    assert line.strip() == 'Read [Insert source here] for the  "real " figures .'
    assert len(doc.prose) == len(doc.text)
    subtitle = doc.prose.split("\n")[2]
    assert subtitle.strip() == "It 's the company 's plan , in brief"  # the doubled quote's first half


def test_metadata_of_every_kind():
    for name, text in ARTICLES.items():
        doc = parse_document(text, name)
        assert doc.metadata["title"] == "Strategic weight ." and doc.front_matter.kind == name[:4]
    toml_fr = '+++\nlang = "fr"\ntitle = "Pourquoi ?"\n+++\n\nEt alors ?\n'
    assert parse_document(toml_fr, "a.md").lang == "fr"
    assert lint(toml_fr, ["spacing"], path="a.md") == []  # French: a space before "?" is the rule
    assert parse_document('{"lang": "fr"}\n\nTexte.\n', "a.md").lang == "fr"


def test_a_published_title_with_a_template_variable_is_flagged():
    found = lint('---\ntitle: "By {{AUTHOR}}"\nauthor: "{{ author }}"\n---\n\nText.\n', ["placeholder"])
    # in a published field it is prose; unpublished values are read for [bracketed] slots only,
    # since some generators (Eleventy) fill in {{ }} in front-matter data
    assert [(d.rule, d.line, d.match) for d in found] == [("unresolved-template-variable", 2, "{{AUTHOR}}")]


def test_links_in_published_fields_are_links():
    text = '---\ndescription: "See [the data](htps://www.iea.org/x) and https://localhost/a"\nimage: htps://x.org\n---\n\nT.\n'
    found = [(d.rule, d.match) for d in lint(text, ["link"])]
    assert ("link-scheme-typo", "htps://www.iea.org/x") in found
    assert ("non-public-link-host", "https://localhost/a") in found
    assert all(d.line == 2 for d in lint(text, ["link"]))  # image: is not published


def test_statistics_and_document_rules_ignore_fields():
    text = ('---\ntitle: Economics\ndescription: "Prices rose 60% in 2023, experts say"\n---\n\n'
            "# Economics\n\nA short body with no figures.\n")
    rules = {d.rule for d in lint(text)}
    assert not rules & {"unsupported-statistic", "vague-attribution", "no-sources", "competing-titles"}


def test_tricky_toml_is_located_exactly():
    text = ('+++\n"og".description = "Dotted , quoted key"\nseo = { title = "Inline , table" }\n'
            'summary = """ends with a quote ,""""\n# a comment with title = "x ."\n'
            '[[images]]\nsrc = "a.png"\nalt = "Alt , text"\n[params]\ntitle = "Not published ."\n+++\n\nT.\n')
    front = read_front_matter(text, DEFAULT_FIELDS + ("images.alt",))
    got = {v.key: text[v.start:v.end] for v in front.published}
    assert got == {"og.description": "Dotted , quoted key", "seo.title": "Inline , table",
                   "summary": 'ends with a quote ,"', "images.alt": "Alt , text"}
    matches = [d.match for d in lint(text, ["spacing"], path="a.md")]
    assert matches == [" ", " ", " "]  # images.alt is not published by default


def test_tricky_json_and_yaml_are_located_exactly():
    text = '{"title": "caf\\u00e9 \\ud83d\\ude00 ,", "og": {"title": ["One ,", "Two"]}, "n": 1.5}\n\nT.\n'
    doc = parse_document(text, "a.md")
    assert [(b.label, doc.text[b.start:b.end]) for b in doc.blocks if b.kind == FIELD] == [
        ("title", "caf\\u00e9 \\ud83d\\ude00 ,"), ("og.title", "One ,"), ("og.title", "Two")]
    assert doc.prose[: doc.body_start].split() == ["caf", ",", "One", ",", "Two"]
    yaml_text = "---\nbase: &b\n  title: Shared .\nog: *b\ntwitter:\n  <<: *b\n---\n\nT.\n"
    found = lint(yaml_text, ["spacing"], path="a.md")
    assert [(d.line, d.column) for d in found] == []  # an alias's value sits under "base", not published
    assert [(d.line, d.match) for d in lint("---\ntitle: \"Multi\n  line .\"\n---\n\nT.\n", ["spacing"])] == [(3, " ")]


@pytest.mark.parametrize("front", [
    "---\ntitle: [unclosed , x\n---\n",
    "---\ntitle: Strategic weight .\ndate: 2023-02-30\n---\n",
    "+++\ntitle = \"Strategic weight .\"\ntitle = \"twice\"\n+++\n",
    "---\n- a list .\n---\n",
])
def test_front_matter_that_does_not_parse_is_still_not_prose(front):
    doc = parse_document(front + "\nBody .\n", "a.md")
    assert doc.prose[: doc.body_start].strip() == ""
    assert [d.line for d in lint(front + "\nBody .\n", ["spacing"])] == [front.count("\n") + 2]


def test_a_leading_brace_that_is_not_json_is_body():
    for text in ("{{< figure src=\"x\" >}}\n\nText .\n", "{not json}\n\nText .\n", '{"a": 1} trailing\n'):
        assert parse_document(text, "a.md").front_matter is None


# ---- positions through the console script, CRLF and BOM included -----------------------------


def test_positions_exact_through_the_command_on_crlf_and_bom_copies(tmp_path):
    write_articles(tmp_path / "lf")
    _, base = run_json(".", cwd=tmp_path / "lf")
    assert check_positions(base, tmp_path / "lf") == sum(map(len, EXPECTED.values()))
    for variant in ("crlf", "bom", "bom+crlf"):
        write_articles(tmp_path / variant, variant)
        _, diags = run_json(".", cwd=tmp_path / variant, in_process=True)  # the LF run above: the command
        assert check_positions(diags, tmp_path / variant) == len(base)
        assert sorted(map(_key, diags)) == sorted(map(_key, base)), variant


# ---- --fix -----------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["", "crlf+bom"])
def test_fix_changes_only_published_text_and_keeps_the_syntax_valid(tmp_path, variant):
    write_articles(tmp_path, variant)
    result = run_runner("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert result.code == 1, result.err  # the placeholders remain
    for name, text in ARTICLES.items():
        raw = (tmp_path / name).read_bytes()
        assert raw.startswith(codecs.BOM_UTF8) == ("bom" in variant)
        fixed = raw.decode("utf-8-sig")
        assert ("\r\n" in fixed) == ("crlf" in variant)
        fixed = fixed.replace("\r\n", "\n")
        want = text
        for old, new in FIXED[name]:
            assert want.count(old) == 1, old
            want = want.replace(old, new)
        assert fixed == want
        before, after = front_data(name, text), front_data(name, fixed)
        assert after.keys() == before.keys()
        for key in ("author", "date", "tags", "image", "slug", "params", "draft"):
            assert after.get(key) == before.get(key), key
    once = [(tmp_path / n).read_bytes() for n in ARTICLES]
    run_runner("check", "--no-cache", "--fix", ".", cwd=tmp_path)
    assert [(tmp_path / n).read_bytes() for n in ARTICLES] == once  # a second --fix changes nothing


def test_a_fix_that_would_change_the_yaml_is_not_offered(tmp_path):
    text = ('---\ndescription: (the report)[https://www.iea.org/x]\n'
            'summary: "(the report)[https://www.iea.org/x]"\n---\n\nText.\n')
    found = {d.line: d.fix for d in lint(text, ["reversed-link-syntax"])}
    # plain "[the report](...)" would turn the value into a YAML list: no fix; quoted it is safe
    assert found == {2: None, 3: "[the report](https://www.iea.org/x)"}
    (tmp_path / "a.md").write_text(text)
    run_runner("check", "--no-cache", "--fix", "--unsafe-fixes", "a.md", cwd=tmp_path)
    fixed = (tmp_path / "a.md").read_text()
    assert fixed == text.replace('"(the report)[https://www.iea.org/x]"', '"[the report](https://www.iea.org/x)"')
    assert yaml.safe_load(fixed.split("---\n")[1])["description"] == "(the report)[https://www.iea.org/x]"


def test_fixes_never_touch_escapes_or_anything_outside_a_field():
    doc = parse_document(YAML_ARTICLE, "a.md")
    description = next(v for v in doc.front_matter.published if v.key == "description")
    quote = doc.text.index('\\"real', description.start)
    assert not doc.allows_fix(quote, quote + 1, "")  # the backslash of an escape
    assert not doc.allows_fix(description.start - 1, description.start, "")  # the opening quote
    title = doc.text.index("title:")
    assert not doc.allows_fix(title, title + 5, "name")  # a key
    tags = doc.text.index('"a" ,')
    assert not doc.allows_fix(tags + 3, tags + 4, "")  # syntax of an unpublished value
    space = doc.text.index(" .", description.start)
    assert doc.allows_fix(space, space + 1, "")
    assert not doc.allows_fix(space, space + 1, '"')  # would end the string early
    recursive = lint("---\ntitle: a .\nlang: &a [1, *a]\n---\n\nT.\n", ["spacing"])
    assert [(d.line, d.fix) for d in recursive] == [(2, None)]  # its data cannot be compared: no fix


# ---- configuration --------------------------------------------------------------------------


def test_published_fields_are_configurable(tmp_path):
    text = "---\ntitle: Title .\ndescription: Description .\nparams:\n  hero_caption: Caption .\n---\n\nT.\n"
    (tmp_path / "a.md").write_text(text)
    (tmp_path / ".artlint.toml").write_text('[front-matter]\nfields = ["title", "params.*caption"]\n')
    result = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["line"] for d in result.json()] == [2, 5]
    (tmp_path / ".artlint.toml").write_text('[front-matter]\nextend-fields = ["PARAMS.hero_caption"]\n')
    result = run_runner("check", "--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert [d["line"] for d in result.json()] == [2, 3, 5]
    (tmp_path / ".artlint.toml").write_text('[front-matter]\nfields = "title"\n')
    result = run_runner("check", "a.md", cwd=tmp_path)
    assert result.code == 2 and ".artlint.toml: front-matter.fields" in result.err


def test_the_result_cache_knows_the_fields(tmp_path):
    text = "---\ndescription: Description .\n---\n\nT.\n"
    (tmp_path / "a.md").write_text(text)
    assert run_runner("check", "a.md", cwd=tmp_path).code == 1
    (tmp_path / ".artlint.toml").write_text('[front-matter]\nfields = ["title"]\n')
    assert run_runner("check", "a.md", cwd=tmp_path).code == 0


# ---- properties: any values, any quoting ------------------------------------------------------

from _hypothesis_profiles import examples  # noqa: E402
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from artlint.engine import lint_text  # noqa: E402
from artlint.fixer import fix_text  # noqa: E402
from conftest import ALL_RULES  # noqa: E402

_WORDS = st.lists(st.sampled_from(["weight", " ", " .", " ,", "'", '"', "\\", "[LINK]", "[Author Name]", "#",
                                   ": ", "é", "😀", "(x)[https://www.iea.org/a]", "{{x}}", "\t", "- ", "TODO:"]),
                  min_size=1, max_size=8).map("".join)


def _toml_string(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # JSON's escapes are TOML basic-string escapes


def _dump(kind: str, data: dict, style) -> str:
    if kind == "yaml":
        return "---\n" + yaml.safe_dump(data, default_style=style, allow_unicode=True, width=10**6, sort_keys=False) + "---\n"
    if kind == "json":
        return json.dumps(data, ensure_ascii=False, indent=style and 2) + "\n"
    lines = [f"{k} = {_toml_string(v)}" if isinstance(v, str) else f"{k} = [{', '.join(map(_toml_string, v))}]"
             for k, v in data.items() if not isinstance(v, dict)]
    lines.append("[og]")
    lines += [f"{k} = {_toml_string(v)}" for k, v in data["og"].items()]
    return "+++\n" + "\n".join(lines) + "\n+++\n"


def _read(kind: str, text: str):
    if kind == "yaml":
        return yaml.safe_load(text.split("---\n")[1])
    if kind == "toml":
        return tomllib.loads(text.split("+++\n")[1])
    return json.JSONDecoder().raw_decode(text)[0]


@settings(max_examples=examples(0.5))
@given(kind=st.sampled_from(["yaml", "toml", "json"]), style=st.sampled_from([None, '"', "'"]),
       title=_WORDS, description=_WORDS, author=_WORDS, tag=_WORDS, og_title=_WORDS)
@example(kind="yaml", style=None, title="(x)[https://www.iea.org/a]", description="a .", author="b",
         tag="c", og_title="(x)[https://www.iea.org/a] d")  # fixed, a plain value would become a list
def test_any_front_matter_is_located_exactly_and_fixed_safely(kind, style, title, description, author, tag, og_title):
    data = {"title": title, "description": description, "author": author, "tags": [tag, "b"],
            "og": {"title": og_title}}
    text = _dump(kind, data, style) + "\nBody text .\n"
    assert _read(kind, text) == data
    doc = parse_document(text, "a.md")
    assert len(doc.prose) == len(doc.text) and doc.front_matter.kind == kind
    assert [v.key for v in doc.front_matter.values] == ["title", "description", "author", "tags", "tags", "og.title"]
    for v in doc.front_matter.values:
        raw = text[v.start:v.end]
        if not v.markup and "\n" not in raw:
            assert raw == data[v.key] if v.key != "og.title" and v.key != "tags" else raw in (tag, "b", og_title)
    diags = lint_text(text, ALL_RULES, "a.md")
    for d in diags:
        assert text_at(text, d.line, d.column, d.end_line, d.end_column) == d.match
    fixed = fix_text(text, lambda s: lint_text(s, ALL_RULES, "a.md"), diagnostics=diags).text
    after = _read(kind, fixed)  # still valid
    assert after["author"] == author and after["tags"] == [tag, "b"] and after.keys() == data.keys()
    assert all(isinstance(x, str) for x in (after["title"], after["description"], after["og"]["title"]))
    assert fixed.endswith("\nBody text.\n")


def test_fields_and_extend_fields_combine(tmp_path):
    from artlint.config import load_config_file

    path = tmp_path / ".artlint.toml"
    path.write_text('[front-matter]\nfields = ["title"]\nextend-fields = ["cover.alt", "title"]\n')
    assert load_config_file(path).front_matter_fields == ("title", "cover.alt")
    path.write_text('language = "en"\n')
    assert load_config_file(path).front_matter_fields is None  # the default list


def test_a_front_matter_finding_is_suppressed_by_a_file_comment():
    text = "---\ntitle: Strategic weight .\n---\n\n<!-- artlint-disable-file spacing -->\n\nText .\n"
    assert lint(text, ["spacing"]) == []
    assert [d.line for d in lint(text.replace("spacing -->", "placeholder -->"), ["spacing"])] == [2, 7]


def test_a_reading_note_based_on_a_linked_article_cites_it():
    """schema.org's ``isBasedOn: {url: …}`` (or ``via:``) names the article's source; an archive's
    ``source_url:`` names where the article itself was published, and cites nothing."""
    body = "\n> The three models cost $50 million, $500 million and $5 billion to train.\n\nSo we agree.\n"
    based_on = ('---\ntitle: Notes\nisBasedOn:\n  type: BlogPosting\n'
                '  url: "https://www.example.org/p/the-ai-bubble"\n---\n' + body)
    via = "---\ntitle: Notes\nvia: https://www.example.org/p/the-ai-bubble\n---\n" + body
    archived = "---\ntitle: Notes\nsource_url: https://www.example.org/p/the-ai-bubble\n---\n" + body
    prose_only = "---\ntitle: Notes\nisBasedOn:\n  headline: The AI bubble\n---\n" + body
    assert not [d for d in lint(based_on, ["no-sources"])]
    assert not [d for d in lint(via, ["no-sources"])]
    assert [d.line for d in lint(archived, ["no-sources"])] == [1]
    assert [d.line for d in lint(prose_only, ["no-sources"])] == [1]
