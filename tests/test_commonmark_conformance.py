"""The document model's links agree with CommonMark, measured on the specification's own
examples (``../shared/commonmark/spec.txt``, CC-BY-SA 4.0).

Every example in which the reference renderer (markdown-it-py's ``commonmark`` preset) produces
a link or an image is parsed by artlint too; the destinations of artlint's links, in order, must
be those of the reference. The examples artlint still gets wrong are listed below with the
reason, so the rate cannot drift either way: a fix makes the test fail until the example is
taken off the list."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from artlint.document import parse_document
from artlint.document.model import normalize_label

markdown_it = pytest.importorskip("markdown_it")

SPEC = Path(__file__).resolve().parents[2] / "shared" / "commonmark" / "spec.txt"
_FENCE = "`" * 32
_EXAMPLE = re.compile(
    rf"^{_FENCE} example\n(.*?)^\.\n(.*?)^{_FENCE}$", re.M | re.S
)
# Kinds that are links to CommonMark; the other kinds (bare, spaced, reversed, and references
# nothing defines) are what artlint reports as written-to-be links, not links.
_DIRECT = ("inline", "image", "autolink")
_BY_LABEL = ("reference", "collapsed", "shortcut")
_EMAIL = re.compile(r"[^\s:/<>]+@[^\s:/<>]+")

# Example number -> why artlint's links differ from the reference renderer's.
KNOWN_MISSES: dict[int, str] = {}


def spec_examples() -> list[tuple[int, str]]:
    if not SPEC.is_file():
        pytest.skip(f"CommonMark spec not found at {SPEC}")
    text = SPEC.read_text(encoding="utf-8")
    return [(n, m.group(1).replace("\u2192", "\t")) for n, m in enumerate(_EXAMPLE.finditer(text), 1)]


def reference_destinations(md, source: str) -> list[str]:
    found: list[str] = []

    def walk(tokens) -> None:
        for token in tokens:
            if token.type == "link_open":
                found.append(token.attrs.get("href", ""))
            elif token.type == "image":
                found.append(token.attrs.get("src", ""))
            if token.children:
                walk(token.children)

    walk(md.parse(source))
    return [unquote(url) for url in found]


def artlint_destinations(source: str) -> list[str]:
    doc = parse_document(source, "example.md")
    found: list[str] = []
    for link in doc.links:
        if link.kind in _DIRECT:
            target = link.target
            if link.kind == "autolink" and _EMAIL.fullmatch(target):
                target = "mailto:" + target
            found.append(target)
        elif link.kind in _BY_LABEL:
            definition = doc.reference_definitions.get(normalize_label(link.label))
            if definition is not None:
                found.append(definition.target)
    return [unquote(url) for url in found]


def outcomes() -> dict[int, tuple[list[str], list[str]]]:
    md = markdown_it.MarkdownIt("commonmark")
    out = {}
    for number, source in spec_examples():
        expected = reference_destinations(md, source)
        if expected:
            out[number] = (expected, artlint_destinations(source))
    return out


def test_links_agree_with_the_commonmark_reference_renderer():
    results = outcomes()
    missed = {n for n, (expected, got) in results.items() if expected != got}
    assert len(results) > 120  # the spec's examples in which the reference finds a link
    details = {n: results[n] for n in sorted(missed ^ set(KNOWN_MISSES))}
    assert missed == set(KNOWN_MISSES), details
    assert 1 - len(missed) / len(results) >= 0.97


# ---- positions on the spec examples -------------------------------------------------------

def _examples_with_brackets() -> list[tuple[int, str]]:
    return [(n, source) for n, source in spec_examples() if "[" in source or "<" in source]


def test_link_spans_are_exact_on_every_spec_example():
    """Each part of each link lies inside the link, and the target as written decodes to the
    target artlint reports (so ``--check-links`` asks for what the author meant)."""
    from artlint.document.inline import decode

    checked = 0
    for number, source in _examples_with_brackets():
        doc = parse_document(source, "example.md")
        for link in doc.links:
            where = (number, link)
            assert 0 <= link.start < link.end <= len(doc.text), where
            if link.text_start >= 0:
                assert link.start <= link.text_start <= link.text_end <= link.end, where
            if link.target_start >= 0:
                assert link.start <= link.target_start <= link.target_end <= link.end, where
                raw = doc.text[link.target_start : link.target_end]
                # Autolinks and bare URLs take no escapes; spaced and reversed links are fixed
                # by rewriting their text, so they keep it as written.
                expected = raw if link.kind in ("autolink", "bare", "spaced", "reversed") else decode(raw)
                assert link.target == expected, where
                checked += 1
    assert checked > 150


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom"])
def test_positions_on_the_spec_examples(tmp_path, variant):
    from test_positions import check_positions, run_json

    for number, source in _examples_with_brackets():
        text = source.replace("\n", "\r\n") if variant == "crlf" else source
        data = text.encode("utf-8")
        if variant == "bom":
            data = b"\xef\xbb\xbf" + data
        (tmp_path / f"example-{number:03}.md").write_bytes(data)
    _, diags = run_json(".", cwd=tmp_path)
    assert check_positions(diags, tmp_path) > 50
    assert any(d["category"] == "link" for d in diags)
