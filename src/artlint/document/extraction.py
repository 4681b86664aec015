"""The main content of a page that marks it with neither ``<article>`` nor ``<main>``.

An extraction library reads the page and returns the text it takes for the article; the
element of our own tree that holds most of that text, and as little else as it can, is the
article (so every position is still one of ``page.py``'s, exact in the source). The library is
imported only here, when a page needs it: a page with ``<article>`` or ``<main>`` never loads it.

trafilatura was chosen over readability-lxml: see ``benchmarks/html_extraction.py`` and the
README ("HTML pages") for the figures.
"""

from __future__ import annotations

from html import unescape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from artlint.document.page import Element

EXTRACTORS = ("trafilatura", "readability")
DEFAULT_EXTRACTOR = "trafilatura"
# A block of fewer characters proves nothing by appearing in the extracted text ("Share").
_MIN_EVIDENCE = 20
_SHINGLE = 4  # words: a block is found in the extracted text by its first and last four
# The article's element holds at least this share of the text the library kept.
_COVER = 0.8


class ExtractionUnavailable(RuntimeError):
    """The extraction library is not installed."""


def extracted_text(html: str, library: str = DEFAULT_EXTRACTOR) -> str:
    """The text ``library`` takes for the page's main content ("" when it finds none)."""
    try:
        if library == "trafilatura":
            import trafilatura

            return trafilatura.extract(html, fast=True, include_comments=False, include_tables=True,
                                       include_links=False, include_images=False, deduplicate=False) or ""
        import lxml.html
        from readability import Document as Readability

        summary = Readability(html).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    except ImportError as exc:
        raise ExtractionUnavailable(f"{library} is not installed ({exc})") from None


def _words(s: str) -> list[str]:
    return unescape(s).split()


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + _SHINGLE]) for i in range(max(len(words) - _SHINGLE + 1, 0))}


def _kept(words: list[str], kept: set[tuple[str, ...]]) -> bool:
    """Does the extracted text hold this block? Its first and last words, looked up (a search
    of the whole extracted text for each block would be quadratic on a long page)."""
    return tuple(words[:_SHINGLE]) in kept and tuple(words[-_SHINGLE:]) in kept


def main_content_element(text: str, elements: list[Element], visible: str,
                         library: str = DEFAULT_EXTRACTOR) -> int:
    """Index in ``elements`` of the tightest element holding most of the extracted text; -1
    when the library finds nothing or none of it can be placed."""
    from artlint.document.page import BLOCK_KINDS

    kept = _shingles(_words(extracted_text(text, library)))
    if not kept:
        return -1
    weight = [0] * len(elements)
    in_block = [False] * len(elements)  # only the outermost block is read: nested ones are in it
    for i, e in enumerate(elements):
        if e.parent >= 0:
            in_block[i] = in_block[e.parent] or elements[e.parent].name in BLOCK_KINDS
        if e.name not in BLOCK_KINDS or in_block[i]:
            continue
        words = _words(visible[e.inner : e.close])
        if len(words) >= _SHINGLE and sum(map(len, words)) >= _MIN_EVIDENCE and _kept(words, kept):
            weight[i] = sum(map(len, words))
    total = sum(weight)
    if not total:
        return -1
    for i in range(len(elements) - 1, -1, -1):  # a parent comes before its children: sums in one pass
        if elements[i].parent >= 0:
            weight[elements[i].parent] += weight[i]
    candidates = [i for i in range(len(elements)) if weight[i] >= _COVER * total]
    if not candidates:  # a fragment whose article lies in top-level siblings: read it whole
        return -1
    return min(candidates, key=lambda i: (elements[i].close - elements[i].inner, -i))
