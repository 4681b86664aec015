"""HTML pages (``.html``, ``.htm``, ``.xhtml``) → blocks, links and prose at exact offsets.

The page is read with the same tokenizer as raw HTML in Markdown (``html.scan_html``), asked
for its tags in order; a small tree builder closes what HTML closes implicitly (``<p>``,
``<li>``). Only the article is prose:

- the ``<article>`` with the most text (not one nested in another), else ``<main>``, else the
  element that holds what an extraction library (``extraction.py``) reads as the main content;
- inside it, ``nav``, ``aside``, ``footer``, ``form``, ARIA landmarks of navigation and comment
  sections are not prose; ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``pre``,
  ``code`` never are (``html.HIDDEN_ELEMENTS``).

Headings, paragraphs, list items, quotes, tables and captions are blocks of the model's kinds,
spanning their element's content; text between blocks is a paragraph of its own. ``<title>``
and the published ``<meta>`` fields (``description``, ``og:title``...) are ``FIELD`` blocks,
like front matter. Character references stay as written in the prose (positions never move),
except those for a space (``&nbsp;``), which read as spaces, so a word before one is a word;
prose next to one differs from the text, which keeps the spacing checks quiet there.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import field
from html import unescape

from artlint.document import inline, templates
from artlint.document.buffer import blanked
from artlint.document.frontmatter import is_published
from artlint.document.html import TagEvent, attribute, scan_html
from artlint.document.model import (
    CODE,
    FIELD,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE,
    Block,
    Comment,
    FootnoteRef,
    Link,
)
from artlint.records import dataclass

VOID_ELEMENTS = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
# Starting one of these closes an open <p> (HTML's implied end tags, the common cases).
_CLOSES_P = frozenset(
    ["address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption",
     "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
     "nav", "ol", "p", "pre", "section", "table", "ul"]
)
# What an implied end does not reach across (HTML's "scope" of a <p>).
_P_SCOPE = ("button", "table", "td", "th", "caption", "template", "object", "marquee", "applet", "html")
_LIST_ITEMS = {"li": ("ul", "ol", "menu"), "dt": ("dl",), "dd": ("dl",)}
_IMPLIED_ITEMS = {"li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd")}  # what a new item closes
BLOCK_KINDS = {
    **{f"h{n}": HEADING for n in range(1, 7)},
    "p": PARAGRAPH, "address": PARAGRAPH, "figcaption": PARAGRAPH, "summary": PARAGRAPH,
    "li": LIST_ITEM, "dt": LIST_ITEM, "dd": LIST_ITEM,
    "blockquote": QUOTE, "table": TABLE, "pre": CODE,
}
# Page furniture wherever it stands, by element or by ARIA role.
CHROME_ELEMENTS = frozenset(["nav", "aside", "footer", "form", "dialog", "menu", "button", "select"])
CHROME_ROLES = frozenset(
    ["navigation", "complementary", "contentinfo", "banner", "search", "dialog", "menu", "menubar"]
)
# Comment sections of blog engines (WordPress, Ghost, Disqus...): readers' text, not the article.
_COMMENTS = re.compile(
    r"(?:^|[\s_-])(?:comments?(?:-area|-list|list|-respond|-section|s-wrap)?|respond|disqus_thread)(?:$|\s)",
    re.IGNORECASE,
)
_SPACE_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PUBLISHED_META = ("name", "property")


@dataclass(slots=True)
class Element:
    name: str
    start: int  # the start tag
    inner: int  # its end: where the content starts
    attrs: list
    raw: str
    parent: int  # index in the element list; -1 at the top
    close: int = -1  # where the content ends (the end tag, or what closed it implicitly)
    end: int = -1  # after the end tag


@dataclass
class Page:
    """What ``parse_page`` returns, in the order ``parse_document`` wants it."""

    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    refs: list[FootnoteRef] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    prose: str = ""
    html_tags: list[tuple[int, int]] = field(default_factory=list)
    text_nodes: list[tuple[int, int]] = field(default_factory=list)  # where a fix may edit
    region: tuple[int, int] = (0, 0)  # the article's content
    chosen_by: str = ""  # article | main | extraction | body
    engine_code: list[tuple[int, int]] = field(default_factory=list)  # a page template's regions (see template_regions)


# ---- the tree -------------------------------------------------------------------------------


def build_tree(events: list[TagEvent], length: int) -> list[Element]:
    """Elements from tags in order, closed as HTML closes them (a stray end tag is ignored)."""
    tree = _TreeBuilder(length)
    for event in events:
        if event.closing:
            tree.close_through(event.name, event.start, event.end)
        else:
            tree.open(event)
    return tree.finish()


class _TreeBuilder:
    """The stack of open elements, with where each name is open in it: every step is a lookup,
    not a walk down the stack (a page of 100,000 unclosed <div> and stray end tags is linear)."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.elements: list[Element] = []
        self.stack: list[int] = []  # indices into elements
        self.depths: dict[str, list[int]] = {}  # name -> the stack depths where it is open

    def open(self, event: TagEvent) -> None:
        if event.name in _CLOSES_P and self._open_in_scope("p", _P_SCOPE):
            self.close_through("p", event.start, event.start)
        for item in _IMPLIED_ITEMS.get(event.name, ()):
            if self._open_in_scope(item, _LIST_ITEMS[event.name] + _P_SCOPE):
                self.close_through(item, event.start, event.start)
        parent = self.stack[-1] if self.stack else -1
        self.elements.append(Element(event.name, event.start, event.end, event.attrs, event.raw, parent))
        if event.name in VOID_ELEMENTS or event.raw.endswith("/>"):
            self.elements[-1].close = self.elements[-1].end = event.end
            return
        self.depths.setdefault(event.name, []).append(len(self.stack))
        self.stack.append(len(self.elements) - 1)

    def _open_in_scope(self, name: str, scope: tuple[str, ...]) -> bool:
        """Is ``name`` open, with no element of ``scope`` open inside it?"""
        depths = self.depths.get(name)
        if not depths:
            return False
        inner = max((self.depths[s][-1] for s in scope if self.depths.get(s)), default=-1)
        return depths[-1] > inner

    def close_through(self, name: str, close: int, end: int) -> None:
        """Pop the stack through the innermost open ``name``; the elements above it end at ``close``."""
        depths = self.depths.get(name)
        if not depths:
            return
        depth = depths[-1]
        while len(self.stack) > depth:
            e = self.elements[self.stack.pop()]
            e.close, e.end = (close, end) if len(self.stack) == depth else (close, close)
            self.depths[e.name].pop()

    def finish(self) -> list[Element]:
        for i in self.stack:
            self.elements[i].close = self.elements[i].end = self.length
        return self.elements


# ---- what is chrome ---------------------------------------------------------------------


def is_chrome(element: Element) -> bool:
    if element.name in CHROME_ELEMENTS:
        return True
    attrs = dict(element.attrs)
    if (attrs.get("role") or "").lower() in CHROME_ROLES:
        return True
    names = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
    return _COMMENTS.search(names) is not None


def visible_weight(visible: str, start: int, end: int) -> int:
    """How much text a reader sees in visible[start:end]: its characters but whitespace."""
    return len("".join(visible[start:end].split()))


# ---- the article ------------------------------------------------------------------------


def choose_region(text: str, elements: list[Element], visible: str) -> tuple[int, str]:
    """(index of the element whose content is the article, how it was chosen); -1: the page."""
    # Inside another <article>, or in chrome (a comment section that marks each comment up as
    # an <article>): not the article. Parents come before their children.
    aside = [False] * len(elements)
    for i, e in enumerate(elements):
        if e.parent >= 0:
            parent = elements[e.parent]
            aside[i] = aside[e.parent] or parent.name == "article" or is_chrome(parent)
    articles = [i for i, e in enumerate(elements) if e.name == "article" and not aside[i] and not is_chrome(e)]
    if articles:
        return max(articles, key=lambda i: visible_weight(visible, elements[i].inner, elements[i].close)), "article"
    mains = [i for i, e in enumerate(elements) if e.name == "main" or dict(e.attrs).get("role") == "main"]
    if mains:
        return mains[0], "main"
    from artlint.document.extraction import ExtractionUnavailable, main_content_element

    try:
        found = main_content_element(text, elements, visible)
    except ExtractionUnavailable:  # an install without it: the whole body, chrome elements aside
        found = -1
    return (found, "extraction") if found >= 0 else (-1, "body")


def chrome_spans(elements: list[Element], region: int) -> list[tuple[int, int]]:
    """The chrome elements inside the region (outermost only)."""
    lo, hi = _bounds(elements, region)
    spans: list[tuple[int, int]] = []
    for e in elements:
        if lo <= e.start < hi and is_chrome(e) and not (spans and e.start < spans[-1][1]):
            spans.append((e.start, e.end))
    return spans


def _bounds(elements: list[Element], region: int) -> tuple[int, int]:
    if region < 0:
        body = next((e for e in elements if e.name == "body"), None)
        return (body.inner, body.close) if body else (0, 1 << 62)
    return elements[region].inner, elements[region].close


def _blocks(text: str, elements: list[Element], region: int, skip: list[tuple[int, int]],
            visible: str, breaks: list[int]) -> list[Block]:
    """Block elements in the region (the outermost of nested ones), and runs of text between them."""
    lo, hi = _bounds(elements, region)
    hi = min(hi, len(text))
    blocks: list[Block] = []
    covered_to = lo
    for e in elements:
        if not (lo <= e.start < hi) or e.name not in BLOCK_KINDS or e.start < covered_to or _inside(skip, e.start):
            continue
        blocks.extend(_loose_text(visible, covered_to, e.start, breaks))
        covered_to = max(covered_to, e.end)
        block = _trimmed(text, BLOCK_KINDS[e.name], e.inner, min(e.close, hi))
        if block is not None:
            if block.kind == HEADING:
                block.level = int(e.name[1])
            block.breaks = tuple(b for b in breaks if block.start < b < block.end)
            blocks.append(block)
    blocks.extend(_loose_text(visible, covered_to, hi, breaks))
    return blocks


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _trimmed(text: str, kind: str, start: int, end: int) -> Block | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(kind, start, end) if end > start else None


_VISIBLE_RUN = re.compile(r"\S(?:.*\S)?", re.DOTALL)


def _loose_text(visible: str, start: int, end: int, breaks: list[int]) -> list[Block]:
    """Paragraphs of the text that stands outside block elements, split where block tags stand."""
    if start >= end or not visible[start:end].strip():
        return []
    first = bisect.bisect_right(breaks, start)
    bounds = [start, *breaks[first : bisect.bisect_left(breaks, end)], end]
    out = []
    for a, b in itertools.pairwise(bounds):
        m = _VISIBLE_RUN.search(visible, a, b)
        if m:
            out.append(Block(PARAGRAPH, m.start(), m.end()))
    return out


# ---- the head: fields -------------------------------------------------------------------


def head_fields(text: str, elements: list[Element], fields: tuple[str, ...]) -> list[Block]:
    """``<title>`` and the published ``<meta>`` values, as front-matter fields."""
    out: list[Block] = []
    title = next((e for e in elements if e.name == "title"), None)
    if title is not None:
        block = _trimmed(text, FIELD, title.inner, title.close)
        if block is not None:
            block.label = "title"
            out.append(block)
    for e in elements:
        if e.name != "meta":
            continue
        attrs = dict(e.attrs)
        key = next((attrs[a] for a in _PUBLISHED_META if attrs.get(a)), "")
        key = key.strip().lower().replace(":", ".")
        if not key or not is_published(key, fields):
            continue
        content = attribute(text, e.attrs, e.start, e.raw, "content")
        if content is not None and content[1] >= 0 and content[2] > content[1]:
            out.append(Block(FIELD, content[1], content[2], label=key))
    return out


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*", re.IGNORECASE)


def html_lang(text: str) -> str:
    """The page's language as ``<html lang="fr-CA">`` declares it ("" when it does not)."""
    m = _HTML_LANG.search(text, 0, 4096)
    return m.group(1).lower() if m else ""


# ---- the page ---------------------------------------------------------------------------


def parse_page(text: str, fields: tuple[str, ...]) -> Page:
    """Blocks, links, comments, prose, start tags and text nodes of an HTML page."""
    scan = scan_html(text, 0, len(text), elements=True)
    elements = build_tree(scan.elements or [], len(text))
    engine_code = template_regions(text)
    template = [(start, end) for start, end, kind in engine_code if kind != templates.WIKI]
    markup = _merged(scan.markup + scan.hidden + template)
    visible = blank_spans(text, markup)
    region, chosen_by = choose_region(text, elements, visible)
    skip = chrome_spans(elements, region)
    if skip:
        visible = blank_spans(visible, skip)
    breaks = sorted(scan.breaks)
    body = _blocks(text, elements, region, skip, visible, breaks)
    field_blocks = head_fields(text, elements, fields)
    page = Page(blocks=field_blocks + body, comments=scan.comments, chosen_by=chosen_by,
                region=_bounds(elements, region), engine_code=[(start, end) for start, end, _ in engine_code])
    masked = _prose(text, visible, page.blocks)
    if template:  # a <meta> value is read from the text itself: its template syntax too
        masked = blank_spans(masked, template)
    in_blocks = _Within(page.blocks)
    lo, hi = page.region
    page.links = [link for link in scan.links if lo <= link.start < hi and not _inside(skip, link.start)]
    page.html_tags = [tag for tag in scan.tags if in_blocks.holds(tag[0])]
    brackets = inline.Brackets(masked)
    found: list[Link] = []  # written in the text: "[a](b)", bare URLs; their targets are not prose
    for block in body:
        if block.kind != CODE:
            inline.scan_links(text, masked, block.start, block.end, found, page.refs, brackets)
    if template:  # "[{{ .name }}](#{{ .name }})": a link the engine writes is not the page's yet
        found = [link for link in found if not _overlaps(template, link.start, link.end)]
    page.links = sorted(page.links + found, key=lambda link: link.start)
    targets = [(link.target_start, link.target_end) for link in found if link.target_start >= 0]
    page.prose = blank_spans(masked, _merged(targets)) if targets else masked
    page.text_nodes = text_nodes(_merged(markup + skip), page.blocks)
    return page


def template_regions(text: str) -> list[tuple[int, int, str]]:
    """A page template's engine syntax (``{% for t in items %}``, ``{{ t.title }}``, ``{{ title }}``,
    Hugo shortcodes) as (start, end, kind): markup, as in a Markdown site source, so never prose and
    never edited (wiki links aside). An upper-case ``{{AUTHOR}}`` stays prose: it is what a slot
    nobody filled in looks like."""
    found = templates.find_regions(text, 0, page=True)
    if found is None:
        return []
    return [(r.start, r.end, r.kind) for r in found.regions]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does a sorted, disjoint span overlap [start, end)?"""
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping and touching spans joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the (sorted, disjoint) spans blanked, newlines kept: one join, not a
    buffer write per span (a page has tens of thousands of tags)."""
    out, pos = [], 0
    for a, b in spans:
        piece = text[a:b]
        out += [text[pos:a], blanked(piece) if "\n" in piece else " " * (b - a)]
        pos = max(pos, b)
    out.append(text[pos:])
    return "".join(out)


def _prose(text: str, visible: str, blocks: list[Block]) -> str:
    """Blank but the blocks' visible text; a space written as a reference reads as spaces, and a
    ``<meta>`` value (blanked as markup in ``visible``) is its text."""
    blank: list[tuple[int, int]] = []
    pos = 0
    for block in sorted(blocks, key=lambda b: b.start):
        blank.append((pos, block.start))
        pos = max(pos, block.end)
        if block.kind == CODE:
            blank.append((block.start, block.end))
            continue
        for m in _SPACE_REFERENCE.finditer(text, block.start, block.end):
            if unescape(m.group()).isspace():
                blank.append(m.span())
    blank.append((pos, len(text)))
    prose = blank_spans(visible, _merged([(a, b) for a, b in blank if b > a]))
    values = sorted((b.start, b.end) for b in blocks if b.kind == FIELD and b.label != "title")
    if not values:
        return prose
    out, pos = [], 0
    for a, b in values:
        out += [prose[pos:a], text[a:b]]
        pos = b
    out.append(prose[pos:])
    return "".join(out)


class _Within:
    """Is an offset inside one of some blocks?"""

    def __init__(self, blocks: list[Block]) -> None:
        self.spans = sorted((b.start, b.end) for b in blocks)

    def holds(self, offset: int) -> bool:
        i = bisect.bisect_right(self.spans, (offset, 1 << 62)) - 1
        return i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]


def text_nodes(markup: list[tuple[int, int]], blocks: list[Block]) -> list[tuple[int, int]]:
    """The runs of a block's text between tags (``markup``: sorted, tags, comments and hidden
    elements), where ``--fix`` may edit. A ``<meta>`` value is an attribute: never."""
    out: list[tuple[int, int]] = []
    starts = [a for a, _ in markup]
    for block in sorted(blocks, key=lambda b: b.start):
        if block.kind == CODE or (block.kind == FIELD and block.label != "title"):
            continue
        pos = block.start
        i = max(bisect.bisect_right(starts, block.start) - 1, 0)
        while pos < block.end:
            while i < len(markup) and markup[i][1] <= pos:
                i += 1
            stop = min(markup[i][0], block.end) if i < len(markup) else block.end
            if stop > pos:
                out.append((pos, stop))
            if i >= len(markup):
                break
            pos = max(pos, markup[i][1])
    return out
