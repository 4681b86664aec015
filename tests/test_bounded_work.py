"""Bounded work per document: memory measured in bytes allocated, work in calls counted.

Nothing here reads a clock. Memory is what ``tracemalloc`` counts the parser allocating (the
same on any machine, however loaded), per character of input; work is the number of Python
calls, counted with ``sys.setprofile``, for a document and for the same document twice over.
The rewritten mistune block rules are checked against mistune's own, which they replace.
"""

from __future__ import annotations

import gc
import re
import sys
import tracemalloc

import pytest
from _hypothesis_profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from mistune.block_parser import BlockParser

from artlint.config import Config
from artlint.document import parse_document
from artlint.document.buffer import ProseBuffer
from artlint.document.markdown import _LINEAR_BLOCK_RULES
from artlint.engine import lint_document
from artlint.selection import load_ruleset
from conftest import REPO

ALL_RULES = load_ruleset(Config(root=REPO))
ARTICLE = (REPO / "tests" / "realworld" / "dev" / "18f-data-act-explainer.md").read_text(encoding="utf-8")

# Shapes that cost far more than text did: one block rule's repeated group kept state for every
# character, a list of one-character strings cost 8 bytes a character, bracket partners 8 more.
N = 20_000
SHAPES = {
    "emphasis run": "*" * N,
    "underscores": "_" * N,
    "spaced stars": "* " * (N // 2),
    "dashes": "-" * N,
    "setext underline": "Title\n" + "=" * N,
    "blank lines": "\n" * N,
    "spaced dots": ". " * (N // 2),
    "open brackets": "[" * N,
    "article": (ARTICLE * (N // len(ARTICLE) + 1))[:N],
    "non-latin article": ("中文 — " + ARTICLE.replace("e", "é") * (N // len(ARTICLE) + 1))[:N],
}
# Bytes the parser may allocate at its peak per character of input, beyond the text itself.
# An article takes about 15 (with 4-byte characters: the prose and the copy mistune reads).
PARSE_BYTES_PER_CHAR = 24
# Text that is all links (one every 2 to 4 characters) costs a Link, and mistune's tokens for it,
# per link: bounded per link, not per character.
LINK_SHAPES = {"bracket pairs": "[]" * (N // 2), "link openers": "[a](" * (N // 4)}
LINK_BYTES_PER_CHAR = 300


def parse_peak_per_char(text: str, fmt: str = "markdown") -> float:
    """Peak bytes traced per character while parsing. What else allocates during a parse only
    adds to it: the first parse of a kind in a process compiles the patterns it needs (they are
    compiled lazily), and tracemalloc counts every thread, such as a local HTTP server an
    earlier test in the same worker left answering. The least of three parses is the parser's
    own peak, which is the same each time."""
    return min(_one_parse_peak(text, fmt) for _ in range(3)) / len(text)


def _one_parse_peak(text: str, fmt: str) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        parse_document(text, f"a.{'md' if fmt == 'markdown' else 'txt'}", format=fmt)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("fmt", ["markdown", "text"])
@pytest.mark.parametrize("name", list(SHAPES))
def test_parsing_allocates_a_bounded_amount_per_character(name, fmt):
    assert parse_peak_per_char(SHAPES[name], fmt) < PARSE_BYTES_PER_CHAR


@pytest.mark.parametrize("name", list(LINK_SHAPES))
def test_text_made_of_links_allocates_a_bounded_amount_per_link(name):
    assert parse_peak_per_char(LINK_SHAPES[name]) < LINK_BYTES_PER_CHAR


def test_the_bound_catches_mistunes_own_thematic_break_rule():
    """The measure can fail: mistune's rule, on a line of stars, allocates far past the bound."""
    original = re.compile(BlockParser.SPECIFICATION["thematic_break"], re.M)
    text = "*" * N
    gc.collect()
    tracemalloc.start()
    try:
        assert original.match(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak / len(text) > PARSE_BYTES_PER_CHAR


# ---- the rewritten block rules match what mistune's match ----------------------------------

LINE_PIECES = st.sampled_from(["*", "-", "_", "=", " ", "\t", "\n", "\v", "\f", "a", "#", "  ", "***", "---"])


@settings(max_examples=examples(1.0))
@given(st.lists(LINE_PIECES, max_size=30).map("".join), st.integers(0, 5))
def test_linear_block_rules_match_mistunes(text, start):
    for name, linear in _LINEAR_BLOCK_RULES.items():
        theirs = re.compile(BlockParser.SPECIFICATION[name], re.M)
        ours = re.compile(linear, re.M)
        pos = min(start, len(text))
        a, b = theirs.match(text, pos), ours.match(text, pos)
        assert (a is None) == (b is None), (name, text, pos)
        if a is not None:
            assert a.span() == b.span(), (name, text)
            if name == "setex_heading":
                assert a.group("setext_1") == b.group("setext_1")


# ---- ProseBuffer: what a list of characters did, at a fixed width ------------------------------

CHARS = st.sampled_from(["a", " ", "\n", "é", "中", "😀", "\ud800", "\udc00", "\ud83d", "\ude00", "\x00", "ÿ"])


@given(st.lists(CHARS, max_size=40).map("".join), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=5))
def test_prose_buffer_blanks_as_a_list_of_characters_does(text, spans):
    buffer = ProseBuffer(text)
    chars = list(text)
    for a, b in spans:
        buffer.blank(a, b)
        chars[a:b] = ["\n" if c == "\n" else " " for c in chars[a:b]]
    assert buffer.text() == "".join(chars)
    assert len(buffer) == len(text)
    if text:
        assert buffer[0] == chars[0] and buffer[-1] == chars[-1]
        buffer[len(text) - 1 :] = text[0]
        assert buffer.text()[-1] == text[0]


def test_a_prose_buffer_write_keeps_the_length():
    buffer = ProseBuffer("abc")
    with pytest.raises(ValueError):
        buffer[0:1] = "xy"


# ---- twice the document, about twice the work -----------------------------------------------

def calls_to_lint(text: str, path: str) -> int:
    doc = parse_document(text, path)
    lint_document(doc, ALL_RULES)  # warm: compiled patterns and memos are not the document's
    events: list[None] = []
    sys.setprofile(lambda frame, event, arg: events.append(None))
    try:
        lint_document(parse_document(text, path), ALL_RULES)
    finally:
        sys.setprofile(None)
    return len(events)


PIECES = ["[", "]", "(", ")", "*", "_", "`", "<", ">", "#", "-", ".", " ", "\n", "\n\n", "60%", "[^1]", "[a](b)",
          "https://x.org", "Sources", "according to", "India , Japan", "{{ x }}", "<!-- c -->", "| a |", "> ", "1. "]


@settings(max_examples=examples(0.2))
@given(st.lists(st.sampled_from(PIECES), min_size=20, max_size=200).map("".join), st.sampled_from(["a.md", "a.txt"]))
def test_twice_the_document_costs_about_twice_the_calls(text, path):
    once = calls_to_lint(text, path)
    twice = calls_to_lint(text + "\n\n" + text, path)
    assert twice <= 2.5 * once + 2000, (once, twice)


def test_front_matter_wider_than_the_body_is_read():
    """The buffer is as wide as the whole text: the body alone is ASCII here."""
    doc = parse_document("---\ntitle: Trade 😀 ,\n---\nBody text.\n", "a.md")
    assert "😀" in doc.prose and doc.prose.endswith("Body text.\n")


def test_memos_of_a_long_lived_process_stay_bounded(monkeypatch):
    """The statistic scanner's memos are keyed by the text's characters: a process that reads
    many texts (an editor server, an archive) keeps them under a size, with the same findings."""
    from artlint.checks import _alternation

    monkeypatch.setattr(_alternation, "_NODES_LIMIT", 40, raising=False)
    monkeypatch.setattr(_alternation, "_HAS_LIMIT", 300, raising=False)
    # (from empty: what tests before this one left in the memo, under the usual limit, would
    # make the answer depend on their order, not on the limit)
    monkeypatch.setattr(_alternation, "_HAS", {}, raising=False)
    texts = [f"In {1990 + i} the {w} share rose to {i}% of {w}s, per the {w} survey.\n"
             for i, w in enumerate(["Zeta", "quorum", "Xylo", "Ωmega", "fjord", "Byzant", "Kvass", "jambo"])]
    first = [[d.rule for d in lint_document(parse_document(t, "a.md"), ALL_RULES)] for t in texts]
    again = [[d.rule for d in lint_document(parse_document(t, "a.md"), ALL_RULES)] for t in texts]
    assert first == again and any("unsupported-statistic" in rules for rules in first)
    assert len(_alternation._HAS) <= 300
    scanners = [r.checker for r in ALL_RULES if r.id == "unsupported-statistic"]
    alternations = [a for a in vars(scanners[0]).values() if isinstance(a, _alternation.Alternation)]
    assert alternations and all(len(a._nodes) <= 40 for a in alternations)
