"""Raw HTML inside Markdown: which spans are tags, which are not prose, which are links.

The standard library's tokenizer (``html.parser.HTMLParser``) reads the tags; its
``getpos()`` gives each tag's line and column in the text it was fed, which map back to exact
offsets. The caller blanks ``markup`` and ``hidden`` in its prose mask, so what is left of an
HTML block is the text a reader sees.

HTMLParser's error recovery can take quadratic time on constructs that never close (a comment
opener, a ``<![CDATA[`` or a start tag with no ``>`` after it re-scans the rest of the text
each time). So comments and ``<!``/``<?`` declarations are found here with one forward scan,
and the tokenizer is fed only up to the last ``>``: after it no tag can end.
"""

from __future__ import annotations

import html
import html.parser
import re
from dataclasses import field
from typing import Iterator

from artlint.document.buffer import ProseBuffer
from artlint.document.model import Comment, Link
from artlint.records import dataclass

# Elements whose content is code, markup or fallback, not running prose (<tt> and <listing>:
# the code elements of old HTML, still in archived posts).
HIDDEN_ELEMENTS = frozenset(
    "script style pre code kbd samp tt listing svg math textarea template noscript iframe object xmp".split()
)
# The tokenizer's own patterns for a start tag's name and attributes, applied to the tag text
# it returns exactly as it applies them, to recover the offsets of attribute values. (Not
# public names: should a Python lack them, values are still known, only not where they are.)
_TAG_NAME = getattr(html.parser, "tagfind_tolerant", None)
_ATTRIBUTE = getattr(html.parser, "attrfind_tolerant", None)
# Elements that start a line of their own: a sentence does not run across their tags.
BREAKING_ELEMENTS = frozenset(
    """address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th
    thead tr ul""".split()
)
# A tag name in Markdown's inline HTML (the tokenizer, like browsers, takes any name).
_TAG = re.compile(r"[a-z][a-z0-9-]*")
# Does a text hold anything the tokenizer would read as markup? (A cheap test, not a parse.)
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")


@dataclass
class HtmlScan:
    links: list[Link] = field(default_factory=list)
    markup: list[tuple[int, int]] = field(default_factory=list)  # tags: blanked in the prose
    hidden: list[tuple[int, int]] = field(default_factory=list)  # not prose: script, pre, comments...
    comments: list[Comment] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # block-level tags: no sentence runs across them
    tags: list[tuple[int, int]] = field(default_factory=list)  # start tags a reader could see the place of
    # With ``elements=True``: every tag outside hidden elements, in order, for building a tree.
    elements: list[TagEvent] | None = None


@dataclass(slots=True)
class TagEvent:
    """One tag as written: ``raw`` is the start tag's text (empty for an end tag)."""

    name: str
    start: int
    end: int
    closing: bool
    attrs: list = field(default_factory=list)
    raw: str = ""


def has_markup(text: str, start: int = 0, end: int | None = None) -> bool:
    return _MARKUP_START.search(text, start, len(text) if end is None else end) is not None


def html_comments(s: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """The spans ``re.compile(r"<!--.*?-->", re.S).finditer(s, start, end)`` matches, in
    linear time (the regex is quadratic on many ``<!--`` that nothing closes)."""
    end = len(s) if end is None else end
    pos = start
    while True:
        a = s.find("<!--", pos, end)
        if a < 0:
            return
        b = s.find("-->", a + 4, end)
        if b < 0:
            return  # no later "<!--" can be closed either
        pos = b + 3
        yield a, pos


def scan_html(text: str, start: int, end: int, *, inline: bool = False, view: str | None = None,
              elements: bool = False) -> HtmlScan:
    """Tags, non-prose spans, links and comments of the HTML in text[start:end].

    ``inline``: the range is a Markdown paragraph, where (CommonMark 6.6) a ``<!--`` that
    nothing closes is literal text; in an HTML block it hides the rest of the block.
    ``view``: text[start:end] with what is not HTML (code spans, autolinks) already blanked.
    ``elements``: also list the tags in order (``HtmlScan.elements``), for a whole page."""
    scan = HtmlScan(elements=[] if elements else None)
    view = text[start:end] if view is None else view
    source = ProseBuffer(view)  # what the tokenizer reads: comments and declarations blanked
    pos = 0
    for a, b in html_comments(view):
        scan.comments.append(Comment(start + a, start + b, view[a + 4 : b - 3]))
        scan.hidden.append((start + a, start + b))
        source.blank(a, b)
        pos = b
    unclosed = view.find("<!--", pos)
    if unclosed >= 0 and not inline:
        scan.hidden.append((start + unclosed, end))
        source.blank(unclosed, len(source))
    while unclosed >= 0 and inline:  # literal text, which the tokenizer must not read as a comment
        source[unclosed] = " "
        unclosed = view.find("<!--", unclosed + 4)
    _declarations(view, start, scan, source)
    fed = source.text()
    last = fed.rfind(">")
    if last >= 0:
        tokenizer = _Tokenizer(text, fed[: last + 1], start, scan, inline)
        tokenizer.feed(tokenizer.fed)
        tokenizer.close()
        tokenizer.finish(end)
    scan.hidden.sort()
    return scan


def _declarations(view: str, base: int, scan: HtmlScan, source: ProseBuffer) -> None:
    """``<!DOCTYPE ...>``, ``<![CDATA[...>``, ``<?php ...>``: markup up to the next ``>``."""
    pos = 0
    while True:
        a = view.find("<", pos)
        if a < 0 or a + 1 >= len(view):
            return
        # A comment is blanked already, or is literal text when nothing closes it.
        if view[a + 1] not in "!?" or source[a] == " " or view.startswith("<!--", a):
            pos = a + 1
            continue
        b = view.find(">", a + 2)
        if b < 0:
            return  # nothing after can close either
        scan.markup.append((base + a, base + b + 1))
        source.blank(a, b + 1)
        pos = b + 1


class _Tokenizer(html.parser.HTMLParser):
    """Records, at each tag the tokenizer reports, where it is in the text."""

    def __init__(self, text: str, fed: str, base: int, scan: HtmlScan, inline: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.inline = inline
        self.text = text
        self.fed = fed  # text[base:...] as the tokenizer reads it
        self.base = base
        self.scan = scan
        self.line_starts = [base] + [base + m.end() for m in re.finditer("\n", fed)]
        self.hidden_tag = ""  # the open element that hides its content, if any
        self.hidden_depth = 0
        self.hidden_start = 0
        self.anchor: Link | None = None  # an <a href> whose </a> has not come yet

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # ---- tokenizer callbacks -------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.inline and not _TAG.fullmatch(tag):
            return  # "<https://x.org/a b>" is no tag in Markdown text (CommonMark 6.6)
        at = self._offset()
        raw = self.get_starttag_text() or ""
        end = at + len(raw)
        self.scan.markup.append((at, end))
        if self.hidden_tag:
            self.hidden_depth += tag == self.hidden_tag
            return
        self.scan.tags.append((at, end))
        if self.scan.elements is not None:
            self.scan.elements.append(TagEvent(tag, at, end, False, attrs, raw))
        self._break(tag, at)
        if tag in HIDDEN_ELEMENTS:
            self.hidden_tag, self.hidden_depth, self.hidden_start = tag, 1, at
        elif tag == "a":
            self._close_anchor()
            href = self._attribute(attrs, at, raw, "href")
            if href is not None:
                self.anchor = Link("html", at, end, *href)
        elif tag == "img":
            src = self._attribute(attrs, at, raw, "src")
            if src is not None:
                alt = self._attribute(attrs, at, raw, "alt")
                text_start, text_end = (alt[1], alt[2]) if alt is not None else (-1, -1)
                self.scan.links.append(Link("html_image", at, end, *src, text_start, text_end))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        # "<a href=x/>" opens an <a> like "<a href=x>" does: HTML ignores the slash.
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.inline and not _TAG.fullmatch(tag):
            return
        at = self._offset()
        end = self.fed.find(">", at - self.base + 1) + 1 + self.base  # where the tokenizer ends it
        self.scan.markup.append((at, end))
        if self.hidden_tag:
            if tag == self.hidden_tag:
                self.hidden_depth -= 1
                if self.hidden_depth == 0:
                    self.scan.hidden.append((self.hidden_start, end))
                    self.hidden_tag = ""
                    self._break(tag, at)
                    self._element_end(tag, at, end)
            return
        self._break(tag, at)
        self._element_end(tag, at, end)
        if tag == "a" and self.anchor is not None:
            link = self.anchor
            link.text_start, link.text_end, link.end = link.end, at, end
            self.scan.links.append(link)
            self.anchor = None

    def _element_end(self, tag: str, at: int, end: int) -> None:
        if self.scan.elements is not None:
            self.scan.elements.append(TagEvent(tag, at, end, True))

    def _attribute(self, attrs: list, at: int, raw: str, name: str) -> tuple[str, int, int] | None:
        return attribute(self.text, attrs, at, raw, name)

    def _break(self, tag: str, at: int) -> None:
        if tag in BREAKING_ELEMENTS:
            self.scan.breaks.append(at)

    # ---- after the last tag --------------------------------------------------------------
    def _close_anchor(self) -> None:
        """An <a> never closed is a link all the same: its start tag, with no text."""
        if self.anchor is not None:
            self.scan.links.append(self.anchor)
            self.anchor = None

    def finish(self, end: int) -> None:
        self._close_anchor()
        if self.hidden_tag:  # "<pre>" with no "</pre>" hides the rest of the range
            self.scan.hidden.append((self.hidden_start, end))
        self.scan.links.sort(key=lambda link: link.start)


def attribute(text: str, attrs: list, at: int, raw: str, name: str) -> tuple[str, int, int] | None:
    """(value, start, end of the value as written) of the first attribute ``name`` of the start
    tag ``raw`` written at text[at]; None if it has none. The value is the tokenizer's
    (character references decoded); its span is -1, -1 should it be found elsewhere."""
    values = [value for key, value in attrs if key == name]
    if not values:
        return None
    value = values[0] or ""
    span = _value_span(raw, name)
    if span is None or html.unescape(text[at + span[0] : at + span[1]]) != value:
        return value, -1, -1
    return value, at + span[0], at + span[1]


def _value_span(raw: str, name: str) -> tuple[int, int] | None:
    """Offsets in the start tag ``raw`` of the value of its first attribute ``name`` (the empty
    span after the name when it has no value), read as the tokenizer reads attributes."""
    if _TAG_NAME is None or _ATTRIBUTE is None:
        return None
    m = _TAG_NAME.match(raw, 1)
    k = m.end() if m else len(raw)
    while k < len(raw):
        m = _ATTRIBUTE.match(raw, k)
        if not m or m.end() == k:
            return None
        k = m.end()
        if m.group(1).lower() != name:
            continue
        if not m.group(2):
            return m.end(1), m.end(1)
        a, b = m.span(3)
        if raw[a : a + 1] in ("'", '"'):
            a, b = a + 1, b - 1
        return a, b
    return None
