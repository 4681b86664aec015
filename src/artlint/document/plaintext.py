"""Plain-text articles, written the way scraped and CMS-exported posts are: a title line (or
several competing ones), short heading lines, ``•`` bullets, ``1.`` numbered items and
paragraphs (hard-wrapped or not), each separated by blank lines.

- Each bullet or numbered line starts a list item of its own; the lines that follow it, up to
  the next bullet, continue it (a wrapped item). Lines before the first bullet of a group are
  a paragraph (a heading when they are one short label: ``Key Points`` right above its list).
- A group of lines without bullets is one paragraph, however it is wrapped.
- A line that names a Sources-like section (``Sources:``, ``REFERENCES``, ``Further reading``)
  is a heading, with or without a colon or a blank line after it (``section_labels``).
- A line between runs of asterisks (``***** References *****``, as html2text writes a page's
  headings) is a heading.
- ``<!-- artlint-disable ... -->`` directives are comments, as in Markdown: not prose, and a
  line holding nothing else reads as a blank line.
- reStructuredText's directives, as Sphinx publishes a page's source (``_sources/*.rst.txt``):
  a ``.. list-table::`` or ``.. csv-table::`` with its indented body is a table, a
  ``.. code-block::`` or ``.. math::`` code, and the line and options of any other directive
  (``.. figure:: chart.png``, ``:width: 750px``) and a ``.. _label:`` target are markup; the
  indented text of a figure or a note stays prose.
"""

from __future__ import annotations

import re

from artlint.document import inline
from artlint.document.buffer import ProseBuffer
from artlint.document.model import (CODE, HEADING, LIST_ITEM, PARAGRAPH, PROSE_KINDS, TABLE, TITLE, Block, Comment,
                                    FootnoteRef, Link)
from artlint.document.section_labels import promote_section_labels

# What starts a list item: a bullet glyph, "1." / "1)" / "(1)" or "a." / "a)", then a space.
BULLET_GLYPHS = "•◦▪‣·●○■□►▸▹➤➢✓✔→*+–-"
BULLET = re.compile(r"^[ \t]*(?:[" + re.escape(BULLET_GLYPHS) + r"]|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])[ \t]+", re.M)
# A dash at the start of a line may be a hard-wrapped paragraph's " – " instead.
_DASH = re.compile(r"^[ \t]*[–-][ \t]", re.M)
_BYLINE = re.compile(r"^(?:by|written by|posted(?: on| by)?|published|updated|last updated)\b", re.I)
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’)]?\s+\S")
_DIRECTIVE = re.compile(r"\s*artlint-")
# A plain-text title or heading is level 1 or 2: there is no deeper nesting to read.
HEADING_LEVEL = 2
# A heading as html2text writes one, between runs of asterisks: "***** References[edit] *****"
_STARRED = re.compile(r"[ \t]*(\*{3,})[ \t]+\S[^\n]{0,118}?[ \t]+\1[ \t]*")


def looks_like_heading(line: str) -> bool:
    """A short line that reads as a label, not a sentence."""
    s = line.strip().rstrip("¹²³⁴⁵⁶⁷⁸⁹⁰")
    s = re.sub(r"\[\^?\w{1,4}\]$", "", s).rstrip()
    if not s or len(s) > 120 or len(s.split()) > 16:
        return False
    if s[-1] in ".,;:" or BULLET.match(line) or _BYLINE.match(s) or s.count(",") > 1:
        return False
    if "[" in s or "{" in s or "http" in s:
        return False
    if not (s[0].isupper() or s[0] in "0123456789\"“'‘¿¡"):
        return False
    return not _SENTENCE_INSIDE.search(s)


def reads_as_body(line: str) -> bool:
    """A line too long to be a title, or holding more than one sentence of some length: a
    scraped page flattened to one line opens with its body, not with a title."""
    words = len(line.split())
    return words > 40 or (words > 16 and bool(_SENTENCE_INSIDE.search(line.strip())))


def directive_comments(text: str) -> list[Comment]:
    """``<!-- artlint-... -->`` comments; other ``<!--`` text is prose in a plain-text file."""
    return [Comment(a, b, text[a + 4 : b - 3]) for a, b in inline.html_comments(text)
            if _DIRECTIVE.match(text, a + 4)]


def _groups(text: str) -> list[list[tuple[int, int]]]:
    """The runs of non-blank lines, each line as its (start, end) offsets."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while pos <= n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        if text[pos:end].strip():
            current.append((pos, end))
        elif current:
            groups.append(current)
            current = []
        pos = end + 1
    if current:
        groups.append(current)
    return groups


def _list_items(text: str, lines: list[tuple[int, int]]) -> list[Block]:
    """One item per bullet line, with the non-bullet lines that follow it (a wrapped item)."""
    items: list[Block] = []
    for a, b in lines:
        if BULLET.match(text, a, b) or not items:
            items.append(Block(LIST_ITEM, a, b))
        else:
            items[-1].end = b
    return items


class _Reader:
    """Reads groups of lines in order; titles are the label lines seen before the body starts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = []
        self.seen_body = False

    def label_or_paragraph(self, start: int, end: int, one_line: bool, above_list: bool = False) -> None:
        """A one-line label is a title until the body starts (a label right above a list is a
        heading: the list is body), else a heading; anything else is a paragraph."""
        line = self.text[start:end]
        if one_line and ((not self.blocks and not reads_as_body(line)) or looks_like_heading(line)):
            title = not self.blocks or not (self.seen_body or above_list)
            self.blocks.append(Block(TITLE, start, end, level=1) if title
                               else Block(HEADING, start, end, level=HEADING_LEVEL))
            return
        self.blocks.append(Block(PARAGRAPH, start, end))
        if not _BYLINE.match(line.strip()):
            self.seen_body = True

    def read(self, lines: list[tuple[int, int]]) -> None:
        """One group of non-blank lines: its underlined headings, and the runs of lines between
        them (each a paragraph, a list, or a label and a list)."""
        start = 0
        for k in range(len(lines)):
            if k >= start and _STARRED.fullmatch(self.text, *lines[k]):
                # a heading between asterisks needs no blank line around it ("* Housing_estate"
                # then "***** References[edit] *****" then "1. ^ …")
                self._heading(lines[start:k], lines[k])
                start = k + 1
            elif k >= 1 and k - 1 >= start and _underlines(self.text, lines[k - 1], lines[k]):
                # (the underline is markup: no block's)
                self._heading(lines[start : k - 1], lines[k - 1])
                start = k + 1
        if start < len(lines):
            self._read_run(lines[start:])

    def _heading(self, before: list[tuple[int, int]], line: tuple[int, int]) -> None:
        """The lines ``before`` a heading line, then the heading (the title if it is first)."""
        if before:
            self._read_run(before)
        a, b = line
        self.blocks.append(Block(TITLE, a, b, level=1) if not self.blocks
                           else Block(HEADING, a, b, level=HEADING_LEVEL))

    def _read_run(self, lines: list[tuple[int, int]]) -> None:
        first_bullet = next((i for i in range(len(lines)) if self.opens_list(lines, i)), None)
        if first_bullet is None:
            self.label_or_paragraph(lines[0][0], lines[-1][1], len(lines) == 1)
            return
        if first_bullet:  # the lines that introduce the list
            self.label_or_paragraph(lines[0][0], lines[first_bullet - 1][1], first_bullet == 1, above_list=True)
        self.blocks.extend(_list_items(self.text, lines[first_bullet:]))
        self.seen_body = True


    def opens_list(self, lines: list[tuple[int, int]], i: int) -> bool:
        """A bullet line starts a list, except a dash line in the middle of a paragraph: a
        dash list below other lines needs a colon or a one-line label above it, and two items."""
        a, b = lines[i]
        if not BULLET.match(self.text, a, b):
            return False
        if i == 0 or not _DASH.match(self.text, a, b):
            return True
        before = self.text[lines[i - 1][0] : lines[i - 1][1]].rstrip()
        introduced = before.endswith(":") or (i == 1 and looks_like_heading(before))
        return introduced and any(_DASH.match(self.text, *lines[k]) for k in range(i + 1, len(lines)))


# A reStructuredText directive ("   .. list-table:: Caption") or hyperlink target (".. _tab-x:")
_RST_MARKUP = re.compile(r"^([ \t]*)\.\.[ \t]+(?:([A-Za-z][\w-]*)::|_[^\n:]+:[ \t]*$)", re.M)
_RST_OPTION = re.compile(r"[ \t]+:[\w -]+:(?:[ \t][^\n]*)?")  # ":widths: 20 26", ":header-rows: 1"
_RST_TABLES = frozenset({"list-table", "csv-table", "table"})
_RST_CODE = frozenset({"code-block", "code", "sourcecode", "literalinclude", "math", "raw", "highlight",
                       "toctree", "include"})


def rst_directives(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each reStructuredText directive or target: TABLE or CODE for the
    whole of a table's or code's directive, CODE for only the line and options of any other (its
    indented body is prose: a figure's caption, a note's text)."""
    if ".." not in text:
        return []
    spans = []
    for m in _RST_MARKUP.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue  # inside a table or code directive already taken
        line_end = _line_end(text, m.end())
        name = (m.group(2) or "").lower()
        if name in _RST_TABLES or name in _RST_CODE:
            end = _indented_body_end(text, line_end, len(m.group(1).expandtabs()))
            spans.append((m.start(), end, TABLE if name in _RST_TABLES else CODE))
            continue
        end = line_end
        while name and end < len(text) and _RST_OPTION.match(text, end + 1, _line_end(text, end + 1)):
            end = _line_end(text, end + 1)
        spans.append((m.start(), end, CODE))
    return spans


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _indented_body_end(text: str, pos: int, indent: int) -> int:
    """Where the lines after ``pos`` that are blank or indented deeper than ``indent`` end (the
    end of the last such line that is not blank)."""
    end = pos
    while pos < len(text):
        line_start = pos + 1
        line_end = _line_end(text, line_start)
        line = text[line_start:line_end]
        if line.strip():
            if len(line.expandtabs()) - len(line.expandtabs().lstrip()) <= indent:
                break
            end = line_end
        pos = line_end
    return end


def _underlines(text: str, title: tuple[int, int], line: tuple[int, int]) -> bool:
    """Is ``line`` a row of = or - under a short title line, as plain text underlines its
    headings ("SOURCES" over "-------")?"""
    rule = text[line[0] : line[1]].strip()
    if len(rule) < 3 or rule.strip("=") and rule.strip("-"):
        return False
    heading = text[title[0] : title[1]].strip()
    return (0 < len(heading) <= 120 and len(heading.split()) <= 16 and heading[-1] not in ".,;:"
            and 2 * len(rule) >= len(heading) and bool(heading.strip("=-")))


def parse_plaintext(text: str):
    """Return (blocks, links, footnote_refs, comments, prose) for a normalised plain text."""
    comments = directive_comments(text)
    chars = ProseBuffer(text)
    for comment in comments:
        chars.blank(comment.start, comment.end)
    visible = chars.text()  # the text without its directives: a directive line is blank
    rst = rst_directives(visible)
    read = visible
    if rst:
        # the reader reads around them: each is a block of its own, and code is no prose
        unread = ProseBuffer(visible)
        for a, b, kind in rst:
            unread.blank(a, b)
            if kind == CODE:
                chars.blank(a, b)
        read = unread.text()
        del unread
    reader = _Reader(read)
    for lines in _groups(read):
        reader.read(lines)
    if rst:
        reader.blocks.extend(Block(kind, a, b) for a, b, kind in rst)
        reader.blocks.sort(key=lambda block: block.start)
    blocks = promote_section_labels(visible, reader.blocks, HEADING_LEVEL)

    links: list[Link] = []
    refs: list[FootnoteRef] = []
    brackets = inline.Brackets(visible)
    for block in blocks:
        if block.kind in PROSE_KINDS:
            inline.scan_links(text, visible, block.start, block.end, links, refs, brackets)
    inline.mask_link_targets(chars, links)
    return blocks, links, refs, comments, chars.text()
