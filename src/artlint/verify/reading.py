"""A fetched source as passages of text: sentences and table rows, each with where it is.

HTML pages are read by the document model as articles (the page's chrome is not the source's
claim); PDFs page by page with PDFium (pypdfium2; at most ``MAX_PDF_PAGES`` pages), as sentences, as lines, and
each row of a statistical table of changes under its columns' headings (``_table_rows``); plain text and Markdown
by the document model; CSV row by row, each cell named by its column. A source that holds no
readable text says why: a paywall or login wall, a page that needs JavaScript, a scanned PDF
with no text layer, a type artlint does not read.
"""

from __future__ import annotations

import csv
import html
import io
import re
import threading

from artlint.document import parse_document
from artlint.document.model import CODE, TABLE
from artlint.records import dataclass

MAX_PDF_PAGES = 300
READING = "5"  # how sources are read into passages (2: a PDF's table rows; 3: an HTML table's rows; 4: an HTML
# page's preformatted prose and its tables of percent changes a row at a time; 5: PDFs read by PDFium, not
# pypdf): a cached copy read otherwise is stale
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
    table: bool = False  # a statistical table's row of changes, its label in ``context`` (``_table_rows``)


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
    passages = tuple(_passages(doc) + _preformatted(doc))
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
            prose = doc.prose[block.start:block.end]
            rows = _html_rows(doc, block.start, block.end) if "|" not in prose else []
            if rows:  # an HTML table: a passage a cell, or a row of a table of percent changes
                changes, read = _html_changes(doc, block.start, block.end)
                out.extend(_html_cells(rows, read))
                out.extend(Passage(text, context=context, table=True) for text, context in changes)
                continue
            rows = [" ".join(r.replace("|", " | ").split()) for r in prose.split("\n")]
            rows = [r for r in rows if r.strip(" |-:")]
            header = rows[0] if rows else ""
            out.extend(Passage(row, context=header) for row in rows[1:])
    return [p for p in out if p.text]


_TAG = re.compile(r"<[^<>]*>")
_CODE_MARK = re.compile(r"[{}=;<>\[\]]|\b(?:def|return|function|var|const|import)\b")


def _preformatted(doc) -> list[Passage]:
    """The sentences of an HTML page's preformatted text that is prose, not code: a statistical release
    (the Bureau of Labor Statistics' news releases) sets its whole text in ``<pre>``, hard-wrapped, which an
    article linter rightly skips as code but which is most of what the source states."""
    out: list[Passage] = []
    for block in doc.blocks:
        if block.kind != CODE:
            continue
        raw = html.unescape(_TAG.sub(" ", doc.text[block.start:block.end]))
        words = len(_WORD.findall(raw))
        if words < _MIN_WORDS or len(_CODE_MARK.findall(raw)) * 50 > words or ". " not in raw:
            continue
        out.extend(_passages(parse_document(raw, "source.txt", format="text")))
    return out


_HTML_ROW = re.compile(r"<tr\b", re.I)
_HTML_CELL = re.compile(r"<t[dh]\b", re.I)


def _html_rows(doc, start: int, end: int) -> list[list[str]]:
    """The cells of an HTML table's rows, as prose (its tags blanked): a row from one ``<tr`` to the next,
    a cell from one ``<td`` or ``<th`` to the next."""
    raw = doc.text[start:end]
    bounds = [m.start() for m in _HTML_ROW.finditer(raw)] + [len(raw)]
    rows = []
    for a, b in zip(bounds, bounds[1:]):
        edges = [m.start() for m in _HTML_CELL.finditer(raw, a, b)] + [b]
        cells = [" ".join(doc.prose[start + x:start + y].split()) for x, y in zip(edges, edges[1:])]
        if any(cells):
            rows.append(cells)
    return rows


def _html_cells(rows: list[list[str]], read: frozenset[int] = frozenset()) -> list[Passage]:
    """An HTML table's cells, each after its row's label and under its own column's heading: "Spring 2025 |
    +2 p.p." under "Baseline | 2024", so that a cell's figure is of its column's year, not the other columns'.
    Not a column of percent changes ``_html_changes`` reads (``read``)."""
    header, out = rows[0], []
    for row in rows[1:]:
        if len(row) == 1:
            out.append(Passage(row[0], context=" | ".join(header)))
        for j, cell in enumerate(row[1:], 1):
            if j in read:
                continue
            heading = f"{header[0]} | {header[j]}" if j < len(header) else " | ".join(header)
            if cell:
                out.append(Passage(f"{row[0]} | {cell}", context=heading))
    return out


# PDFium is not thread-safe: one document at a time, whichever thread reads it
_PDFIUM = threading.Lock()
# a table row's dot leaders that PDFium puts on a line of their own, after the label's footnote
# marks ("Dairy and related products1\n.............. 0.723"): the row is one line
_LEADERS_ON_NEXT_LINE = re.compile(r"(?<![ \t])[ \t]*\n(?=[ \t]*\.{3,})")  # from a run's first space: linear


def _page_text(text: str) -> str:
    """A page's text as PDFium gives it, with plain newlines, a word it hyphenated at a line's end
    whole ("impor\ufffetance"), and each table row on one line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "")
    return _LEADERS_ON_NEXT_LINE.sub(" ", text)


def _pdf_pages(body: bytes) -> list[str]:
    """The text of each page (PDFium's, in C: about 25 times pypdf's speed on the evaluation's PDFs,
    and the same verdicts)."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(body)
        try:
            texts = []
            for i in range(min(len(document), MAX_PDF_PAGES)):
                page = document[i]
                textpage = page.get_textpage()
                texts.append(_page_text(textpage.get_text_range()))
                textpage.close()
                page.close()
            return texts
        finally:
            document.close()


def _pdf(body: bytes) -> SourceText:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        texts = _pdf_pages(body)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            return SourceText(unreadable="an encrypted PDF")
        return SourceText(unreadable="a PDF that cannot be read (PDFium: " + str(exc).rpartition("PDFium: ")[2].rstrip(").") + ")")
    if sum(len(_WORD.findall(t)) for t in texts) < max(5, len(texts)):
        return SourceText(unreadable="a scanned PDF without a text layer")
    out: list[Passage] = []
    for number, page_text in enumerate(texts, 1):
        doc = parse_document(page_text, "page.txt", format="text")
        out.extend(Passage(p.text, f"page {number}", p.context) for p in _passages(doc))
        # lines too: a PDF table's row is a line, not a sentence
        out.extend(Passage(" ".join(line.split()), f"page {number}", line=True) for line in page_text.splitlines()
                   if any(c.isdigit() for c in line))
        out.extend(Passage(text, f"page {number}", context, line=True, table=True)
                   for text, context in _table_rows(page_text))
    return SourceText(tuple(out))


# A statistical table's row as a PDF's text gives it: its label (footnote numbers glued to its last word,
# "Smartphones1, 3, 12"), dot leaders, then one number per column ("... . . . -14.7 0.0 -1.6 0.0 0.0")
_ROW = re.compile(r"^(?P<label>\S.*?(?:[^\W\d_]|\)|\b(?:19|20)\d\d))(?:\d{1,2}(?:,\s*\d{1,2})*)?\s*(?:\.\s*){2,}"
                  r"(?P<cells>(?:[-−]?\d[\d,]*(?:\.\d+)?|[–—])(?:\s+(?:[-−]?\d[\d,]*(?:\.\d+)?|[–—]))*)\s*$")  # "–": an empty cell
_DATE = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                   r"(?:\s+(?:19|20)\d\d)?|\b(?:19|20)\d\d\b")
_PRICE_INDEX = re.compile(r"\bprice\s+index", re.I)
_TABLE_TITLE = re.compile(r"^Table\s+[\w.-]+\.?\s")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")
_MON = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# a column of changes between two dates: "Jul. 2024- Jul. 2025"
_SPAN = re.compile(_MON + r"\s+((?:19|20)\d\d)\s*[-–]\s*" + _MON + r"\s+((?:19|20)\d\d)")
# a group of columns of changes over a stated span: "Unadjusted 12-month percent change"
_OVER = re.compile(r"\b(\d{1,2})-month\s+percent\s+change", re.I)


def _over(months: int) -> str:
    """How a column's span of months is said ("yearly" is the token ``index.topic_words`` reads)."""
    return "yearly" if months == 12 else "monthly" if months == 1 else ""


_SPAN_ATTR = re.compile(r"\b(rowspan|colspan)\s*=\s*[\"']?(\d{1,3})", re.I)
_TD = re.compile(r"<td\b", re.I)
# "Lodging away from home ( 2 )", "Ship fare 1, 2": a footnote's mark (a list of them starts after a word only,
# so that it is tried once, not from each of its numbers)
_FOOTNOTE = re.compile(r"\(\s*\d{1,2}\s*\)|(?<![\d,\s])\s+\d{1,2}(?:,\s*\d{1,2})*$")
# a column of changes ending in a month after a stated span: "Un- adjusted 12-mos. ended Nov. 2022"
_ENDED = re.compile(r"\b(\d{1,2})[- ]mo(?:s|nths?)?\.?\s+end(?:ed|ing)\s+" + _MON + r"\s+((?:19|20)\d\d)", re.I)
_ONE_MONTH = re.compile(r"\bfrom\s+(?:the\s+)?preceding\s+month|\bmonth(?:ly|[- ]over[- ]month)\b", re.I)
_ONE_DATE = re.compile(_MON + r"\s+((?:19|20)\d\d)")
_TO_FROM = re.compile(r"\bto\s+" + _MON + r"\s+((?:19|20)\d\d)\s+from:?\s+" + _MON + r"\s+((?:19|20)\d\d)", re.I)
_NOT_CHANGE = re.compile(r"\b(?:effect|error|importance|index|indexes|weight)\b", re.I)  # a column beside the changes
_MAX_SPAN = 50  # columns one heading cell spans, at most
_LABEL_CHARS = 300  # a row's label is a few words: a longer cell is cut before it is read
_CELL_NUMBER = re.compile(r"[-−–]?\d[\d,]*(?:\.\d+)?")


def _html_grid(doc, start: int, end: int) -> tuple[list[list[str]], list[list[str]]]:
    """An HTML table's heading rows laid out as columns (a cell that spans rows or columns is in each of
    them: "Seasonally adjusted changes from preceding month" over its seven months) and its body rows,
    both as prose. The heading rows are those before the first row with a data cell (``<td``)."""
    raw = doc.text[start:end]
    bounds = [m.start() for m in _HTML_ROW.finditer(raw)] + [len(raw)]
    heads: list[list[str]] = []
    body: list[list[str]] = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still to span, text)
    for a, b in zip(bounds, bounds[1:]):
        edges = [m.start() for m in _HTML_CELL.finditer(raw, a, b)] + [b]
        if body or _TD.search(raw, a, b):
            cells = [" ".join(doc.prose[start + x:start + y].split()) for x, y in zip(edges, edges[1:])]
            if any(cells):
                body.append(cells)
            continue
        row: list[str] = []
        for x, y in zip(edges, edges[1:]):
            _spanned(row, pending)
            tag_end = raw.find(">", x, y)
            spans = {k.lower(): int(v) for k, v in _SPAN_ATTR.findall(raw, x, tag_end if tag_end > 0 else y)}
            text = " ".join(doc.prose[start + x:start + y].split())
            for _ in range(max(1, min(spans.get("colspan", 1), _MAX_SPAN))):
                if spans.get("rowspan", 1) > 1:
                    pending[len(row)] = (spans["rowspan"] - 1, text)
                row.append(text)
        _spanned(row, pending)
        if edges[:-1]:
            heads.append(row)
    width = max((len(r) for r in heads), default=0)
    columns = [[r[j] for r in heads if j < len(r) and r[j]] for j in range(width)]
    return [list(dict.fromkeys(c)) for c in columns], body


def _spanned(row: list[str], pending: dict[int, tuple[int, str]]) -> None:
    """Fill the next columns of a heading row from the cells above that span down into it."""
    while len(row) in pending:
        left, text = pending.pop(len(row))
        row.append(text)
        if left > 1:
            pending[len(row) - 1] = (left - 1, text)


def _change_column(heading: str) -> str:
    """What a column of percent changes is, from its heading: "monthly change to September 2022" under
    "Seasonally adjusted changes from preceding month | Sep. 2022", "yearly change to October 2022" under
    "Oct. 2021- Oct. 2022" or "12-mos. ended Oct. 2022"; "" for any other column (an index level, a weight)."""
    if _NOT_CHANGE.search(heading):
        return ""
    m = _SPAN.search(heading)
    ended = _ENDED.search(heading)
    if m:  # from the first date to the second
        first, last, year = _MONTHS.index(m.group(1).lower()), _MONTHS.index(m.group(3).lower()), m.group(4)
        months = (int(year) - int(m.group(2))) * 12 + last - first
    elif (m := _TO_FROM.search(heading)) is not None:  # "Percent change to Oct. 2022 from: | Sep. 2022"
        first, last, year = _MONTHS.index(m.group(3).lower()), _MONTHS.index(m.group(1).lower()), m.group(2)
        months = (int(year) - int(m.group(4))) * 12 + last - first
    elif ended:
        last, year, months = _MONTHS.index(ended.group(2).lower()), ended.group(3), int(ended.group(1))
    elif (m := _ONE_DATE.search(heading)) is not None and _ONE_MONTH.search(heading):
        last, year, months = _MONTHS.index(m.group(1).lower()), m.group(2), 1
    elif (m := _OVER.search(heading)) is not None:  # a table whose rows are months: "12-month percent change | CPI-U"
        rest = _FOOTNOTE.sub(" ", heading[m.end():])
        return " ".join(f"{_over(int(m.group(1)))} change {rest}".split()) if _over(int(m.group(1))) else ""
    else:
        return ""
    # a change over another span (two months) is neither a month's nor a year's: which a claim means is a guess
    return f"{_over(months)} change to {_MONTH_NAMES[last]} {year}" if _over(months) else ""


def _html_changes(doc, start: int, end: int) -> tuple[list[tuple[str, str]], frozenset[int]]:
    """The rows of an HTML table of percent changes, as ``_table_rows`` gives a PDF's: a passage a row, one
    "<column>: <change>%" per column whose heading says over what span and to which month ("monthly change to
    September 2022: 0.6%"), the row's label and the table's caption (without its dates) as context. A claim's
    "rose 0.6 percent in September" is then the label's September change, not another month's or row's.
    With the rows, the columns read so."""
    raw = doc.text[start:end]
    first_row = _HTML_ROW.search(raw)
    caption = " ".join(doc.prose[start:start + (first_row.start() if first_row else 0)].split())
    columns, body = _html_grid(doc, start, end)
    headings = [" ".join(c) for c in columns]
    said = f"{caption} {' '.join(headings)}".lower()
    if "change" not in said or "percent" not in said:  # a table of levels, counts or prices: no change to read
        return [], frozenset()
    names = [_change_column(h) for h in headings]
    if not any(names[1:]):
        return [], frozenset()
    title = " ".join(_OVER.sub(" ", _DATE.sub(" ", caption)).split())
    out = []
    for row in body:
        if len(row) < 2 or not row[0]:
            continue
        label = " ".join(_FOOTNOTE.sub(" ", row[0][:_LABEL_CHARS]).split())
        named = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", _DATE.sub(" ", label))} - {"all", "items"}
        kind = " inflation" if _PRICE_INDEX.search(title) and not named else ""
        cells = [f"{names[j]}{kind}: {cell.replace('−', '-').replace('–', '-')}%" for j, cell in enumerate(row)
                 if 0 < j < len(names) and names[j] and _CELL_NUMBER.fullmatch(cell)]
        if cells:
            out.append(("; ".join(cells), f"{label}. {title}"))
    return out, frozenset(j for j, name in enumerate(names) if j and name)


def _table_rows(page_text: str) -> list[tuple[str, str]]:
    """The rows of the statistical tables of a PDF page whose columns are changes over stated
    spans, each as a passage's text (one "<column>: <change>%" per column of changes, the others
    left out) and context (the row's label and the table's title). Which column a number is in
    comes from the table's column headings: spans of dates ("Jul. 2024- Jul. 2025": a yearly
    change to July 2025) or groups of columns over a stated span ("Unadjusted 12-month percent
    change", one column per name of the line that names each column), matched from the right of
    the row (a row may leave its first columns empty). A table whose headings give neither, or
    whose columns are not percent changes, gives no rows: which column a figure is in would be a
    guess."""
    lines = [" ".join(line.split()) for line in page_text.splitlines()]
    out: list[tuple[str, str]] = []
    title, columns, body = "", [], False
    for k, line in enumerate(lines):
        if _TABLE_TITLE.match(line):
            header_start, title, columns, body = k, line, [], False
            continue
        if not title:
            continue
        row = _ROW.match(line)
        if row is None:
            continue
        if not body:  # the first row: the lines before it, from the title, are the table's headings
            header = lines[header_start + 1:k]
            # the title's words, not its date: which month a figure is for is its column's or its row's
            # (nor the span of a group of columns: that is each column's)
            title = _OVER.sub(" ", _DATE.sub(" ", " ".join([title] + [h for h in header[:2] if not _SPAN.search(h)])))
            width = max(len(m.group("cells").split()) for m in map(_ROW.match, lines[k:]) if m)
            columns, body = _columns(header, width), True
        if not columns:
            continue
        label = row.group("label")
        before = lines[k - 1] if k > header_start + 1 else ""
        if before and not any(c.isdigit() for c in before) and "percent" not in before.lower() and body \
                and not _ROW.match(before) and k - 1 > header_start + len(columns):
            label = before + " " + label  # a label wrapped onto a second line
        cells = [c.replace("−", "-") for c in row.group("cells").split()]
        pairs = list(zip(columns[::-1], cells[::-1]))[::-1]
        if pairs:
            # the percent change of a price index itself (its "All items" row, or a row that is only a date) is what
            # an article calls inflation; not an item's ("Smartphones")
            named = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", _DATE.sub(" ", label))} - {"all", "items"}
            kind = " inflation" if _PRICE_INDEX.search(title) and not named else ""
            out.append(("; ".join(f"{name}{kind}: {cell}%" for name, cell in pairs if cell[-1].isdigit()),
                        f"{label}. {title}"))
    return out


def _columns(header: list[str], width: int) -> list[str]:
    """The names of a table's columns of percent changes, left to right, from its heading lines."""
    joined = " ".join(header)
    if "percent change" not in joined.lower():
        return []
    spans = list(_SPAN.finditer(joined))
    if spans:
        out = []
        for m in spans:
            first, last = _MONTHS.index(m.group(1).lower()), _MONTHS.index(m.group(3).lower())
            months = (int(m.group(4)) - int(m.group(2))) * 12 + last - first
            out.append(f"{_over(months)} change to {_MONTH_NAMES[last]} {m.group(4)}".strip())
        return out
    groups = [int(m.group(1)) for m in _OVER.finditer(joined)]
    if not groups or width % len(groups):
        return []
    names = next((h.split() for h in header if len(h.split()) == width and not any(c in h for c in ".,")), None)
    each = width // len(groups)
    return [f"{_over(n)} change" + (f" {names[g * each + i]}" if names else "") for g, n in enumerate(groups)
            for i in range(each)]


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
