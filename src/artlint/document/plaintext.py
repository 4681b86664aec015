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
"""

from __future__ import annotations

import re

from artlint.document import inline
from artlint.document.buffer import ProseBuffer
from artlint.document.model import HEADING, LIST_ITEM, PARAGRAPH, PROSE_KINDS, TITLE, Block, Comment, FootnoteRef, Link
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
    reader = _Reader(visible)
    for lines in _groups(visible):
        reader.read(lines)
    blocks = promote_section_labels(visible, reader.blocks, HEADING_LEVEL)

    links: list[Link] = []
    refs: list[FootnoteRef] = []
    brackets = inline.Brackets(visible)
    for block in blocks:
        if block.kind in PROSE_KINDS:
            inline.scan_links(text, visible, block.start, block.end, links, refs, brackets)
    inline.mask_link_targets(chars, links)
    return blocks, links, refs, comments, chars.text()
