"""A fetched source as passages of text: sentences and table rows, each with where it is.

HTML pages are read by the document model as articles (the page's chrome is not the source's
claim); PDFs page by page with pypdf (at most ``MAX_PDF_PAGES`` pages); plain text and Markdown
by the document model; CSV row by row, each cell named by its column. A source that holds no
readable text says why: a paywall or login wall, a page that needs JavaScript, a scanned PDF
with no text layer, a type artlint does not read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from artlint.document import parse_document
from artlint.document.model import TABLE

MAX_PDF_PAGES = 300
_MIN_WORDS = 40  # fewer words than this in the article: the page is not the source itself
_PAYWALL = re.compile(r"subscribe to (?:continue|read)|already a subscriber|subscribers only|paywall"
                      r"|sign in to (?:continue|read)|create (?:a free )?account to (?:continue|read)", re.I)
_NEEDS_SCRIPT = re.compile(r"enable javascript|javascript (?:is )?(?:required|disabled)|requires javascript", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Passage:
    text: str
    location: str = ""  # "page 3" in a PDF
    context: str = ""  # what says what the passage is about (a table's header row)
    line: bool = False  # a PDF's line, read for its tables: in prose, a piece of a sentence


@dataclass(frozen=True, slots=True)
class SourceText:
    passages: tuple[Passage, ...] = ()
    unreadable: str | None = None  # why nothing can be read from it


def read_source(content_type: str, text: str | None, body: bytes | None, url: str) -> SourceText:
    """The passages of a fetched source (``text`` for text types, ``body`` for binary ones)."""
    if content_type == "application/pdf" or (body is not None and body[:5] == b"%PDF-"):
        return _pdf(body or b"")
    if text is None:
        return SourceText(unreadable=f"unsupported type {content_type or 'unknown'}")
    if "html" in content_type or (not content_type and text.lstrip()[:1] == "<"):
        return _html(text)
    if content_type in ("text/csv", "application/csv") or url.lower().endswith(".csv"):
        return _csv(text)
    fmt = "markdown" if content_type == "text/markdown" or url.lower().endswith((".md", ".markdown")) else "text"
    return SourceText(tuple(_passages(parse_document(text, "source", format=fmt))))


def _html(text: str) -> SourceText:
    doc = parse_document(text, "source.html", format="html")
    passages = tuple(_passages(doc))
    words = sum(len(_WORD.findall(p.text)) for p in passages)
    if words >= _MIN_WORDS:
        return SourceText(passages)
    if _PAYWALL.search(text):
        return SourceText(unreadable="a paywall or login wall: the page asks the reader to subscribe or sign in")
    if _NEEDS_SCRIPT.search(text) or text.count("<script") >= 1 and words < 5:
        return SourceText(unreadable="the page needs JavaScript to show its text")
    if not passages:
        return SourceText(unreadable="the page has no article text")
    return SourceText(passages)


def _passages(doc) -> list[Passage]:
    out = [Passage(" ".join(s.prose(doc).split())) for s in doc.sentences]
    for block in doc.blocks:
        if block.kind == TABLE:
            rows = [" ".join(r.replace("|", " | ").split()) for r in doc.prose[block.start:block.end].split("\n")]
            rows = [r for r in rows if r.strip(" |-:")]
            header = rows[0] if rows else ""
            out.extend(Passage(row, context=header) for row in rows[1:])
    return [p for p in out if p.text]


def _pdf(body: bytes) -> SourceText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            return SourceText(unreadable="an encrypted PDF")
        pages = reader.pages[:MAX_PDF_PAGES]
        texts = [page.extract_text() or "" for page in pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        return SourceText(unreadable=f"a PDF that cannot be read ({type(exc).__name__})")
    if sum(len(_WORD.findall(t)) for t in texts) < max(5, len(texts)):
        return SourceText(unreadable="a scanned PDF without a text layer")
    out: list[Passage] = []
    for number, page_text in enumerate(texts, 1):
        doc = parse_document(page_text, "page.txt", format="text")
        out.extend(Passage(p.text, f"page {number}", p.context) for p in _passages(doc))
        # lines too: a PDF table's row is a line, not a sentence
        out.extend(Passage(" ".join(line.split()), f"page {number}", line=True) for line in page_text.splitlines()
                   if any(c.isdigit() for c in line))
    return SourceText(tuple(out))


def _csv(text: str) -> SourceText:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return SourceText(unreadable="an empty CSV file")
    header = rows[0]
    passages = []
    for number, row in enumerate(rows[1:], 2):
        cells = [f"{name}: {value}" for name, value in zip(header, row)]
        passages.append(Passage("; ".join(cells), f"row {number}", ", ".join(header)))
    return SourceText(tuple(passages))
