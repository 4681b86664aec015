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
