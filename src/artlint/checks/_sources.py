"""What counts as a source, shared by the source checks: source sections and locators."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.document import Document
from artlint.document.model import FOOTNOTE_DEF, LIST_ITEM, PARAGRAPH, QUOTE, Block, Section

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
_ENTRY_MARKER = re.compile(r"^[ \t]*(?:[-+*•◦▪‣]|\d{1,3}[.)]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^?[\w-]+\]:?)?[ \t]*", re.M)


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
            pos = block.start
            for line in doc.text[block.start : block.end].split("\n"):
                if line.strip():
                    yield pos, pos + len(line)
                pos += len(line) + 1
        else:
            yield block.start, block.end


def entry_body(doc: Document, start: int, end: int) -> tuple[int, str]:
    """An entry without its list marker or note number: (offset, text)."""
    m = _ENTRY_MARKER.match(doc.text, start, end)
    return m.end(), doc.text[m.end() : end]


def has_links(doc: Document, block: Block) -> bool:
    return bool(doc.links_in(block.start, block.end))
