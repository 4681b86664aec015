"""What counts as a source, shared by the source checks: source sections and locators."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.document import Document
from artlint.document.model import FOOTNOTE_DEF, LIST_ITEM, PARAGRAPH, QUOTE, Section
from artlint.document.plaintext import BULLET_GLYPHS

# A URL, a DOI, an ISBN: what lets a reader find the source. A malformed URL still shows the
# writer meant to give one (the link rules report it).
LOCATOR = re.compile(
    # "h+" only from the first "h" of a run, so that a long run of h's is read once, not
    # once per "h" (the same text is found: a match inside a run starts at its first "h").
    r"(?:(?<!h)h+t+p+s*:?/{1,3}|www\.|mailto:)\S"
    r"|\bdoi:\s*10\.\d{4,}|\b10\.\d{4,9}/\S"
    r"|\bISBN(?:-1[03])?:?\s*[\d-]{9,}"
    r"|\b(?:arXiv|PMID|PMCID):?\s*\S",
    re.I,
)
_ENTRY_MARKER = re.compile(
    r"^[ \t]*(?:[" + re.escape(BULLET_GLYPHS) + r"]|\(?\d{1,3}[.)]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^?[\w-]+\]:?)?[ \t]*", re.M
)
# A line that only gives the locator of the entry above it ("Title – Publisher" then its URL).
_LOCATOR_LINE = re.compile(r"[ \t]*(?:<?(?:https?://|www\.|doi:)\S+>?|10\.\d{4,9}/\S+)[ \t]*", re.I)


def source_sections(doc: Document, titles: re.Pattern) -> Iterator[Section]:
    for section in doc.sections:
        if titles.fullmatch(section.title(doc).rstrip(":").strip()):
            yield section


def entries(doc: Document, section: Section) -> Iterator[tuple[int, int]]:
    """Spans of a source section's entries: its list items, footnotes and paragraphs; in a
    plain-text article every line of a paragraph is an entry (notes are often one per line)."""
    for block in section.blocks:
        if block.kind not in (LIST_ITEM, PARAGRAPH, FOOTNOTE_DEF, QUOTE):
            continue
        if doc.format == "text" and block.kind == PARAGRAPH:
            yield from _line_entries(doc.text, block.start, block.end)
        else:
            yield block.start, block.end


def _line_entries(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """One entry per line, except a line that continues the entry above: indented further,
    starting in lower case (a hard-wrapped entry) or holding only that entry's URL or DOI."""
    entry: list[int] = []  # [start, end, indent] of the entry being read
    pos = start
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        line = text[pos:line_end]
        body = line.lstrip()
        indent = len(line) - len(body)
        if entry and (indent > entry[2] or body[:1].islower() or _LOCATOR_LINE.fullmatch(line)):
            entry[1] = line_end
        elif body:
            if entry:
                yield entry[0], entry[1]
            entry = [pos, line_end, indent]
        pos = line_end + 1
    if entry:
        yield entry[0], entry[1]


def entry_body(doc: Document, start: int, end: int) -> tuple[int, str]:
    """An entry without its list marker or note number: (offset, text)."""
    m = _ENTRY_MARKER.match(doc.text, start, end)
    return m.end(), doc.text[m.end() : end]
