"""Shortcuts that decide with a cheap scan what a slower regex would: each gives the answer of
the regex it stands in for (perf work of issue 18)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from artlint.checks._sources import HAS_LOCATOR, LOCATOR
from artlint.document import templates

LOCATOR_PIECES = ["http", "https", "hhttp", "H", "h", "ttp", "://", ":/", "/", "www.", "WWW.", "mailto:", "doi:",
                  "DOI: ", "10.", "1234", "/x", "ISBN", "\u0130SBN", "\u0131SBN", "isbn-13", " 978", "-", "arXiv",
                  "PMID", "pmcid", ":", " ", "\n", "a", "x", "\u017f", "\u00e9", "ht", "tp", "s", "\u212a"]
texts = st.lists(st.sampled_from(LOCATOR_PIECES), max_size=14).map("".join)


@given(texts, st.integers(0, 60), st.integers(0, 60))
def test_has_locator_answers_as_locator_does(s, a, b):
    a, b = min(a, len(s)), min(b, len(s))
    assert bool(HAS_LOCATOR.search(s, a, b)) == bool(LOCATOR.search(s, a, b))


TEMPLATE_PIECES = ["{", "{{", "{%", "{#", "{:", "}", "[[", "[!", "[", "!", "::: ", ":::{note}", "\n", " ", "a", "`",
                   "---\n"]


@given(st.lists(st.sampled_from(TEMPLATE_PIECES), max_size=16).map("".join), st.integers(0, 40))
def test_every_template_opener_holds_a_brace_or_a_double_bracket(s, start):
    """find_regions answers None without its regex when none of "{", "[[", "[!" follows."""
    start = min(start, len(s))
    if templates._OPENERS.search(s, start):
        assert any(s.find(mark, start) >= 0 for mark in ("{", "[[", "[!"))
    if not templates._OPENERS.search(s, start):
        assert templates.find_regions(s, start) is None


# An alternation whose every match holds one of a few strings skips a long scan of a text that
# holds none of them (ASCII text, compared in lower case): the same matches as the plain regex.
import re  # noqa: E402

from artlint.checks._alternation import Alternation  # noqa: E402

ALTERNATIVES = [r"\blorem ipsum\b", r"\bas an ai(?: language)? model\b", r"(?:certainly|sure)! here(?:'s| is)\b",
                r"(?-i:\bTODO list)\b", r"\b(?:foo|bar)+baz\b"]
PADS = ["x", " ", "é", "\n", "ſ", "İ"]
WORDS = ["lorem ipsum", "LOREM IPSUM", "Lorem\u00a0ipsum", "as an AI model", "As An Ai Language Model", "Sure! Here is",
         "CERTAINLY! HERE'S", "todo list", "TODO list", "foobarbaz", "FOOBAZ", "lorem", "ipsum", "here"]


@given(st.lists(st.sampled_from(WORDS + PADS), max_size=12), st.sampled_from(PADS), st.integers(0, 3000),
       st.integers(0, 3000))
def test_a_scan_skipped_for_want_of_its_strings_finds_what_the_regex_finds(parts, pad, a, b):
    text = pad * 1200 + " ".join(parts) + pad * 1200
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    b = max(b, len(text) - 1) if a < 300 else b  # long scans (the shortcut's) and short ones
    for flags in (re.I, 0):
        fast = Alternation(ALTERNATIVES, flags)
        assert fast.accelerated and fast._required
        plain, wrappers = fast.combined
        expected = [(m.span(), wrappers[m.lastindex]) for m in plain.finditer(text, a, b) if m.end() > m.start()]
        assert [(m.span(), i) for m, i in fast.finditer(text, a, b)] == expected


@given(st.lists(st.sampled_from(TEMPLATE_PIECES), max_size=16).map("".join), st.integers(0, 40))
def test_template_openers_read_in_two_parts_answer_as_the_one_regex(s, pos):
    """has_opener is the one regex's answer; the regex without the fence finds the opener that
    templates() reaches with the one regex, stepping over a fence a character at a time."""
    pos = min(pos, len(s))
    assert templates.has_opener(s, pos) == bool(templates._OPENERS.search(s, pos))
    m = templates._OPENERS.search(s, pos)
    while m and ":::" in m.group():
        m = templates._OPENERS.search(s, m.start() + 1)
    tag = templates._TAG_OPENERS.search(s, pos)
    assert (tag.span(), tag.group()) == (m.span(), m.group()) if m else tag is None


# A phrase finder searching a long text (a document's prose) first looks for each phrase's
# longest word in the text lowered: it answers as its regex does.
from artlint.checks._attribution import _PhraseFinder, phrase_finder  # noqa: E402

PHRASES = ["target profile", "investment criteria", "buy box", "ideal candidate"]
PHRASE_WORDS = ["Target Profile", "TARGET  PROFILE", "target\nprofile", "investment criteria", "Buy Box", "buy-box",
                "ideal candidates", "Ideal Candidate", "criteria", "profile", "box", "targetprofile"]


# Phrases with apostrophes (a worked example's openers) are looked for the same way.
APOSTROPHE_PHRASES = ["let's imagine", "you’re considering", "you're considering", "suppose that"]
APOSTROPHE_WORDS = ["Let's imagine", "LET'S  IMAGINE", "let’s imagine", "lets imagine", "let's", "imagine",
                    "you’re considering", "You're\nconsidering", "you’re", "considering", "Suppose that",
                    "supposed that", "ſuppose that", "that"]
FINDERS = {"criteria_leads": (PHRASES, PHRASE_WORDS), "worked_example_openers": (APOSTROPHE_PHRASES, APOSTROPHE_WORDS)}


@given(st.sampled_from(sorted(FINDERS)), st.data(), st.sampled_from(PADS), st.integers(0, 3000), st.integers(0, 3000))
def test_a_phrase_finder_on_a_long_text_answers_as_its_regex(option, data, pad, a, b):
    phrases, words = FINDERS[option]
    parts = data.draw(st.lists(st.sampled_from(words + PADS), max_size=8))
    finder = phrase_finder(phrases, [option])
    assert isinstance(finder, _PhraseFinder)
    text = pad * 600 + " ".join(parts) + pad * 600
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    for pos, endpos in ((0, len(text)), (a, b)):
        found = finder.search(text, pos, endpos)
        regex = finder._finder.search(text, pos, endpos)
        assert (found and found.span()) == (regex and regex.span())
