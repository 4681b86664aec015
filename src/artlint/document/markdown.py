"""Markdown → Document, with mistune 3 for block structure.

mistune has no source positions (lepture/mistune#218). The top-level block parser, though,
walks the original string with a cursor, so a small subclass records where each top-level block
starts. mistune is given a copy of the text of the same length (front matter blanked), so its
offsets are the document's offsets. List items are found again inside their top-level block's
source. Inline structure comes from mistune's inline parser run over each block's text (for
list items and quotes, their text without line markers, mapped back); see ``inline.py``.
"""

from __future__ import annotations

import bisect
import re
import string

import mistune
from mistune import list_parser
from mistune.block_parser import BlockParser
from mistune.core import BlockState
from mistune.helpers import parse_link_title
from mistune.util import unikey

from artlint.document import html, inline, templates
from artlint.document.buffer import SURROGATE, ProseBuffer, blanked
from artlint.document.model import (
    CODE,
    FOOTNOTE_DEF,
    HEADING,
    HTML,
    LIST_ITEM,
    PARAGRAPH,
    PROSE_KINDS,
    QUOTE,
    REFERENCE_DEF,
    RULE,
    TABLE,
    Block,
    Comment,
    FootnoteRef,
    Link,
)

_KINDS = {
    "paragraph": PARAGRAPH,
    "heading": HEADING,
    "block_code": CODE,
    "block_html": HTML,
    "block_quote": QUOTE,
    "table": TABLE,
    "thematic_break": RULE,
}
_LIST_MARKER = re.compile(r"^([ \t]*)(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.M)
_REF_LABEL = re.compile(r"[ \t]{0,3}\[((?:[^\[\]\\]|\\.){1,999})\]:")
# The top border of a Pandoc grid table: "+-----+----+", "+=====+" under its header.
_GRID_BORDER = re.compile(r"\+(?:[-=:]+\+)+[ \t]*(?:\n|$)")
# A line of a pipe table: it opens with "|" and has another "|" after a cell.
_PIPE_ROW = re.compile(r"[ \t]*\|[^\n|]*\|")
# a start or end tag of an element whose content is raw text, not Markdown: "<pre class='x'>", "</script>"
_RAW_ELEMENT_TAG = re.compile(r"<(/?)(pre|script|style|textarea)\b[^<>]*+>", re.IGNORECASE)
_RAW_ELEMENT_END = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("pre", "script", "style", "textarea")}
# an HTML block ending with a table cell's start tag, and one starting with its end tag
_CELL_OPEN_AT_END = re.compile(r"<t[dh]\b[^<>]*>[ \t\n]*\Z", re.IGNORECASE)
_CELL_CLOSE = re.compile(r"[ \t]*</t[dh][ \t]*>", re.IGNORECASE)
# a GFM table's delimiter row, its outer pipes optional: "|:--|--:|", ":--|--:", "--- | ---"
_DELIMITER_ROW = re.compile(r"[ \t]*(?:\|[ \t]*)?:?-+:?(?:[ \t]*\|[ \t]*:?-+:?)+[ \t]*(?:\|[ \t]*)?")
_REST_OF_LINE = re.compile(r"[ \t]*(?:\n|$)")
_FOOTNOTE_DEF = re.compile(r"^ {0,4}\[\^([^\]\s]+)\]:[ \t]?", re.M)
# mistune's closing-"#" trim, ``(\s+|^)#+\s*$``, tries every space of a run in turn: quadratic
# on a heading with a long run of spaces. The same trim, from the first space of a run only.
_ATX_HEADING_TRIM = re.compile(r"(?:(?<!\s)\s+|^)#+\s*$")


class _PositionState(BlockState):
    """Records, for top-level tokens, the offset where each starts (``token['_start']``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.block_start: int | None = None
        self.definitions: list[tuple[str, int, int]] = []
        self._child: _PositionState | None = None

    def child_state(self, src: str, lazy_line_starts=None) -> "_PositionState":
        """What a list item or quote holds is never parsed (``_PositionBlockParser.parse``): one
        empty child state stands for all of them, without a copy of their text."""
        if self._child is None:
            self._child = self.__class__(self)
        return self._child

    def _mark(self, token: dict) -> None:
        if self.parent is None and "_start" not in token:
            token["_start"] = self.cursor if self.block_start is None else self.block_start

    def append_token(self, token: dict) -> None:
        self._mark(token)
        super().append_token(token)

    def prepend_token(self, token: dict) -> None:
        self._mark(token)
        super().prepend_token(token)

    def add_paragraph(self, text: str) -> None:
        super().add_paragraph(text)
        if self.parent is None:
            self._mark(self.tokens[-1])


# mistune's patterns for these repeat a group once per character ("(?:\*[ \t]*){3,}"), and
# Python's regex engine keeps backtracking state for every repetition: a line of 5 MB of "*"
# took gigabytes. The same languages, written with single-character repeats only.
_LINEAR_BLOCK_RULES = {
    "blank_line": r"^[ \t\v\f\n]*\n",
    # The last marker is the group, as in mistune's "(=|-){1,}" (which mixes them too).
    "setex_heading": r"^ {0,3}[=-]*(?P<setext_1>[=-])[ \t]*$",
    "thematic_break": r"^ {0,3}(-[ \t]*-[ \t]*-[- \t]*|_[ \t]*_[ \t]*_[_ \t]*|\*[ \t]*\*[ \t]*\*[* \t]*)$",
}


class _PositionBlockParser(BlockParser):
    state_cls = _PositionState
    SPECIFICATION = {**BlockParser.SPECIFICATION, **_LINEAR_BLOCK_RULES}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # a list item's indent -> the regex of the lines that end it (see _remember_list_breaks)
        self.list_breaks: dict[int, re.Pattern] = {}

    def parse(self, state, rules=None):  # type: ignore[override]
        """Only the top level: what a list item or quote holds is found again in its text
        (``_list_items``, ``inline``), and where the container ends does not depend on it."""
        if state.parent is not None:
            return
        # A list item's own text (its lines without their indent) is read only by the parse of
        # what it holds, skipped here: while this parser runs, mistune does not build it.
        build = list_parser._build_list_item_source
        list_parser._build_list_item_source = _no_item_source
        try:
            super().parse(state, rules)
        finally:
            list_parser._build_list_item_source = build

    def _parse_indent_code_fast(self, state):  # type: ignore[override]
        """mistune's, which copies each line to test it; an indented code line opens with a
        space or a tab, and most lines with neither."""
        if state.src[state.cursor : state.cursor + 1] not in (" ", "\t"):
            return None
        return super()._parse_indent_code_fast(state)

    def parse_atx_heading(self, m, state):  # type: ignore[override]
        """mistune's, with a trim that takes linear time."""
        level = len(m.group("atx_1"))
        text = m.group("atx_2").strip(string.whitespace)
        if text:
            text = _ATX_HEADING_TRIM.sub("", text)
        state.append_token({"type": "heading", "text": text, "attrs": {"level": level}, "style": "atx"})
        return m.end() + 1

    def parse_method(self, m, state):  # type: ignore[override]
        if state.parent is not None:
            return super().parse_method(m, state)
        # Parsers call parse_method re-entrantly (a list or quote ends at the block that breaks
        # it), so the outer block's start is restored afterwards.
        outer = state.block_start
        start = state.block_start = m.start()
        n0 = len(state.tokens)
        try:
            end = super().parse_method(m, state)
        finally:
            state.block_start = outer
        # Some parsers (lists ending a container) insert their token directly, not via append.
        for token in state.tokens[max(0, n0 - 1) :]:
            token.setdefault("_start", start)
        if end and m.lastgroup in ("ref_link", "ref_footnote"):
            state.definitions.append((m.lastgroup, start, end))
        return end


def _no_item_source(text: str, src: str, continue_width: int) -> str:
    return ""


def _remember_list_breaks() -> None:
    """mistune joins the patterns of the blocks that end a list item into one regex, and looks
    it up in re's cache, again for every item (about a fifth of its block pass): this parser's
    are the same for each indent, and are remembered (its rules no longer change once it is
    built). Other parsers, and a mistune without that function, are left as they are."""
    build = getattr(list_parser, "_compile_list_break_sc", None)
    if build is None or getattr(build, "remembers", False):
        return

    def list_break(block, leading_width):
        known = getattr(block, "list_breaks", None)
        if known is None:
            return build(block, leading_width)
        found = known.get(leading_width)
        if found is None:
            found = known[leading_width] = build(block, leading_width)
        return found

    list_break.remembers = True
    list_parser._compile_list_break_sc = list_break


# Lines that go on a footnote definition's first paragraph: not blank, and starting no block that
# interrupts a paragraph (heading, quote, list item, fence, HTML, table row, rule, definition)
_LAZY_LINES = (r"(?:(?<![ \t\n])(?:\n(?![ \t]*(?:\n|$)|[ ]{0,3}(?:[#><|]|[-*+][ \t]|\d{1,9}[.)][ \t]|```|~~~"
               r"|\[\^[^\]\n]+\]:|(?:[-*_][ \t]*){3,}$))[^\n]*)+)?")


def _markdown() -> mistune.Markdown:
    from mistune.plugins import import_plugin

    md = mistune.Markdown(renderer=None, block=_PositionBlockParser())
    for name in ("table", "footnotes"):
        md.use(import_plugin(name))
    # GitHub (cmark-gfm) reads "[^3]:[text](url)" as a definition too: no space is needed after
    # the colon, where mistune's plugin wants one.
    from mistune.plugins.footnotes import REF_FOOTNOTE, parse_ref_footnote

    # A definition is a container, as in cmark-gfm and goldmark: its paragraph goes on over lazy
    # lines ("[^1]: … [this\ngreat post](…)"), which mistune's plugin leaves out (a link
    # wrapped there would lose its first half).
    pattern = REF_FOOTNOTE.replace(r"]:[ \t\n]", r"]:(?:[ \t\n]|(?=\S))")
    pattern = pattern.replace(r"(?P<footnote_text>[^\n]*(?:\n+|$)", r"(?P<footnote_text>[^\n]*" + _LAZY_LINES + r"(?:\n+|$)")
    md.block.register("ref_footnote", pattern, parse_ref_footnote, before="ref_link")
    _remember_list_breaks()
    return md


_PARSER: mistune.Markdown | None = None


def parse_markdown(text: str, body_start: int, front_prose: str | None = None, fields: list[Block] | None = None,
                   mdx: bool = False):
    """Return (blocks, links, footnote_refs, comments, prose, html_tags) for a normalised
    Markdown text; ``html_tags`` are the spans of raw HTML start tags in prose (none in MDX,
    where every tag is JSX).

    mistune never sees the front matter (text[:body_start]); its prose part (``front_prose``,
    the published fields) and their ``fields`` blocks are read for links like other prose.
    ``mdx``: the text is MDX (JSX, ``{...}`` and ``import``/``export`` are not prose)."""
    global _PARSER
    if _PARSER is None:
        _PARSER = _markdown()
    # Template syntax on lines of its own is blanked before mistune reads the text: a "# ..."
    # comment in a {% highlight %} body must not become a heading.
    regions = templates.find_regions(text, body_start, mdx)
    template_runs = regions.standalone(text) if regions else []
    links: list[Link] = []
    # mistune reads the text with the front matter blanked; the checks read its published fields.
    # One copy of a big document alive at a time besides the text: the peak memory.
    source = text
    if body_start or template_runs:
        staging = ProseBuffer(text)
        staging.blank(0, body_start)
        for a, b, _kind in template_runs:
            staging.blank(a, b)
        source = staging.text()
        del staging
    blocks = _top_level_blocks(text, source, body_start, fields, links)
    fenced = _fences_in_html(text, blocks)
    if fenced:
        blocks = _read_without_fences(text, source, body_start, fields, links, fenced)
    # As wide as the text: the front matter's prose is written back into it.
    chars = ProseBuffer(source, wide_as=text if source is not text else None)
    del source
    if front_prose is not None:
        chars[:body_start] = front_prose
    refs: list[FootnoteRef] = []
    comments: list[Comment] = []
    html_tags: list[tuple[int, int]] = []
    if template_runs:
        blocks.extend(templates.template_blocks(template_runs, blocks))

    for block in blocks:
        if block.kind == HTML:
            # Its text is prose; its tags, comments and code-like elements are not.
            found = html.scan_html(text, block.start, block.end)
            block.breaks = tuple(found.breaks)
            comments.extend(found.comments)
            links.extend(found.links)
            html_tags.extend(found.tags)
            for a, b in found.markup + found.hidden:
                chars.blank(a, b)
        elif block.kind in (CODE, REFERENCE_DEF, RULE):
            chars.blank(block.start, block.end)
        elif block.kind in (LIST_ITEM, QUOTE):
            _blank_nested_fences(text, chars, block.start, block.end)
    inline_html: list[tuple[int, int]] = []
    known = _commonmark_links(text, chars, blocks, links, inline_html)
    inline_html.sort()
    html_starts = [a for a, _ in inline_html]
    for block in blocks:
        if block.kind in PROSE_KINDS and block.kind != HTML:  # HTML blocks: scan_html above
            first = bisect.bisect_left(html_starts, block.start)
            raw = inline_html[first : bisect.bisect_left(html_starts, block.end, first)]
            inline.mask_code_and_html(text, chars, block.start, block.end, comments, links, raw, html_tags)
    # After the mask: its HTML tokenizer reads the tags (and finds <a href> links) in the text.
    for a, b in inline_html:
        chars.blank(a, b)
    _merge_autolinks(chars, links, known)
    masked = chars.text()
    brackets = inline.Brackets(masked)
    taken = inline.Spans(known)
    for block in blocks:
        if block.kind in PROSE_KINDS:
            inline.scan_links(text, masked, block.start, block.end, links, refs, brackets, taken)
    del masked, brackets  # before the prose is made: a big document's peak memory
    links.extend(known)
    inline.mask_link_targets(chars, links)
    if regions:
        regions.apply(chars, links, refs)
    # Markdown markup that is not prose: list markers are left, the checks know them; the
    # footnote label of a definition is blanked so that "[^1]:" is not read as text.
    for block in blocks:
        if block.kind == FOOTNOTE_DEF:
            m = _FOOTNOTE_DEF.match(text, block.start)
            if m:
                chars.blank(block.start, m.end())
    return blocks, links, refs, comments, chars.text(), [] if mdx else sorted(html_tags)


def _top_level_blocks(text: str, source: str, body_start: int, fields: list[Block] | None,
                      links: list[Link]) -> list[Block]:
    """The blocks of mistune's top-level block pass over ``source`` (the text with the front
    matter and standalone template lines blanked), after the front matter's ``fields``; the
    reference definitions it finds go to ``links``.
    A function of its own so that mistune's tokens (which hold copies of the text) are freed
    before the inline pass."""
    if not source.isascii():
        # A lone surrogate (text built in memory, never read from a UTF-8 file) makes mistune's
        # URL quoting raise: give it U+FFFD instead, one code point for one.
        source = SURROGATE.sub("\ufffd", source)
    state = _PositionState()
    # The block pass is all we need; inline parsing would be discarded.
    state.process(source if source.endswith("\n") else source + "\n")
    _PARSER.block.parse(state)

    n = len(text)
    spans: list[tuple[int, dict | None, str]] = []
    for token in state.tokens:
        if "_start" in token and token["type"] != "blank_line":
            spans.append((token["_start"], token, token["type"]))
    for rule, start, _end in state.definitions:
        spans.append((start, None, rule))
    spans.sort(key=lambda s: s[0])
    starts = [s[0] for s in spans] + [n]

    blocks: list[Block] = list(fields or [])
    for i, (start, token, kind) in enumerate(spans):
        if start < body_start:
            continue
        end = min(starts[i + 1], n)
        while end > start and source[end - 1] in " \t\n":  # blanked template lines too
            end -= 1
        if end <= start:
            continue
        if token is None:
            if kind == "ref_footnote":
                m = _FOOTNOTE_DEF.match(text, start)
                blocks.append(Block(FOOTNOTE_DEF, start, end, label=m.group(1) if m else ""))
            else:
                blocks.extend(_reference_definitions(text, start, end, links))
            continue
        if kind == "list":
            blocks.extend(_list_items(text, start, end))
            continue
        block_kind = _KINDS.get(kind)
        if block_kind is None:
            continue
        if block_kind == PARAGRAPH and (_all_pipe_rows(text, start, end) or _grid_table(text, start, end)):
            block_kind = TABLE
        level = token.get("attrs", {}).get("level", 0) if block_kind == HEADING else 0
        blocks.append(Block(block_kind, start, end, level=level))
    _parted_cells(text, blocks)
    _parted_raw_elements(text, blocks)
    return blocks


def _read_without_fences(text: str, source: str, body_start: int, fields: list[Block] | None,
                         links: list[Link], fenced: list[tuple[int, int]]) -> list[Block]:
    """The top-level blocks, read again with the ``fenced`` code blanked: the HTML block ends
    before it, and its closing fence no longer opens a fence of its own for what follows. The
    rest of an HTML block after one fence may open another: read until none is left."""
    staging = ProseBuffer(source)
    more = fenced
    while more:
        for a, b in more:
            staging.blank(a, b)
        del links[:]
        blocks = _top_level_blocks(text, staging.text(), body_start, fields, links)
        # (an HTML block that runs over blank lines, "<!--" or "<pre>", may hold one found already)
        more = [span for span in _fences_in_html(text, blocks) if span not in fenced]
        fenced = fenced + more
    blocks.extend(Block(CODE, a, b) for a, b in fenced)
    blocks.sort(key=lambda block: block.start)
    return blocks


def _fences_in_html(text: str, blocks: list[Block]) -> list[tuple[int, int]]:
    """Fenced code that opens inside an HTML block ("<main>" or "<div class='col'>" with a
    knitr chunk on the next line): (start, end) of each, from its opening line to the end of its
    closing fence. CommonMark reads it as the HTML block's raw text (and its closing fence,
    after a blank line, as a new fence), but its writer, knitr and pandoc mean code. A fence
    never closed is left to CommonMark."""
    spans: list[tuple[int, int]] = []
    reached = 0
    for block in blocks:
        if block.kind != HTML or block.start < reached or text.find("\n", block.start, block.end) < 0:
            continue
        opening = _FENCE_OPENING.search(text, block.start, block.end)
        if opening is None:
            continue
        fence = opening.group(1)
        closing = re.compile(r"^ {0,3}%s%s* *$" % (re.escape(fence), re.escape(fence[0])), re.M)
        closed = closing.search(text, opening.end())
        if closed is None:
            continue
        spans.append((opening.start(), closed.end()))
        reached = closed.end()
    return spans


def _parted_cells(text: str, blocks: list[Block]) -> None:
    """A paragraph between an HTML block that ends by opening a table cell and one that starts by
    closing it is the cell's text (R Markdown's kable writes "<td>", a blank line, the text, a blank
    line, "</td>": CommonMark ends the HTML at each blank line). It becomes a TABLE block."""
    for i in range(1, len(blocks) - 1):
        here, before, after = blocks[i], blocks[i - 1], blocks[i + 1]
        if here.kind != PARAGRAPH or before.kind != HTML or after.kind != HTML:
            continue
        if not _CELL_CLOSE.match(text, after.start, after.end):
            continue
        if _CELL_OPEN_AT_END.search(text, before.start, before.end):
            here.kind = TABLE


def _parted_raw_elements(text: str, blocks: list[Block]) -> None:
    """An HTML block that opens a <pre>, <script>, <style> or <textarea> element and leaves it
    open ("<div class='code-cell'>", "<pre>", "<code>", a notebook's code, a blank line in it):
    CommonMark ends the HTML block at the blank line and reads the rest of the code as Markdown,
    but the element runs to its end tag, as browsers and kramdown read it. The blocks up to the
    one that closes it are the element's raw text: code, not prose. (An element never closed is
    left to CommonMark: the rest of the article would be lost to a stray start tag.)"""
    last_end: dict[str, int] = {}  # element -> where its last end tag in the text starts (-1: none)
    open_tag = None
    for block in blocks:
        start = block.start
        if open_tag is not None:
            closed = _RAW_ELEMENT_END[open_tag].search(text, block.start, block.end)
            if block.kind != HTML:
                block.kind = CODE
                if closed is not None:
                    open_tag = None
                continue
            if closed is None:
                continue
            open_tag, start = None, closed.end()  # an HTML block may open the next one after it
        if block.kind == HTML:
            name = _unclosed_raw_element(text, start, block.end)
            if name is not None:
                if name not in last_end:  # found once per element: many stray start tags cost one scan
                    last_end[name] = max((m.start() for m in _RAW_ELEMENT_END[name].finditer(text)), default=-1)
                open_tag = name if last_end[name] >= block.end else None


def _unclosed_raw_element(text: str, start: int, end: int) -> str | None:
    """The name of the raw-text element whose start tag in text[start:end] has no end tag after
    it there ("pre"), or None."""
    last = None
    for m in _RAW_ELEMENT_TAG.finditer(text, start, end):
        last = m
    if last is None or last.group(1):  # none, or the last such tag closes an element
        return None
    return last.group(2).lower()


def _all_pipe_rows(text: str, start: int, end: int) -> bool:
    """A paragraph of two or more pipe-table rows is a table as its writer meant it, even when
    its delimiter row does not match the header (so CommonMark reads it as a paragraph)."""
    if not _PIPE_ROW.match(text, start, end):  # its first row (a row never reads past a newline)
        return _headed_rows(text, start, end)
    rows = text[start:end].rstrip("\n").split("\n")
    return len(rows) > 1 and all(_PIPE_ROW.match(row) for row in rows)


def _headed_rows(text: str, start: int, end: int) -> bool:
    """Rows without a leading pipe under a header and a delimiter row ("Taxon|N. taxa|" over
    "|:--|--:|"): a GFM table that mistune leaves as a paragraph."""
    first = text.find("\n", start, end)
    if first < 0:
        return False
    second = text.find("\n", first + 1, end)
    if not _DELIMITER_ROW.fullmatch(text, first + 1, second if second >= 0 else end):
        return False
    return all("|" in row for row in text[start:end].rstrip("\n").split("\n"))


def _grid_table(text: str, start: int, end: int) -> bool:
    """A Pandoc grid table ("+------+-----+" borders, "| cell | cell |" rows): CommonMark reads it
    as a paragraph, but its cells are a table's (words broken across rows are no sentences)."""
    if not _GRID_BORDER.match(text, start, end):
        return False
    return all(row[:1] in "+|" for row in text[start:end].rstrip("\n").split("\n"))


def _reference_definitions(text: str, start: int, end: int, links: list[Link]) -> list[Block]:
    out = []
    pos = start
    while pos < end:
        link = _definition(text, pos, end)
        if link is None:
            break
        links.append(link)
        out.append(Block(REFERENCE_DEF, link.start, link.end, label=link.label))
        pos = link.end + 1
    if not out:
        out.append(Block(REFERENCE_DEF, start, end))
    return out


def _definition(src: str, pos: int, end: int) -> Link | None:
    """The reference definition at src[pos], within [pos, end): "[label]: <dest> 'title'"."""
    m = _REF_LABEL.match(src, pos, end)
    if not m:
        return None
    dest = inline.destination_span(src, m.end(), block=True)
    if dest is None or dest[2] > end:
        return None
    t0, t1, after = dest
    title, title_end = parse_link_title(src, after, end)
    if not (title_end and _REST_OF_LINE.match(src, title_end, end)):
        title, title_end = "", after  # no title, or text after it: the definition ends at its URL
    line_end = src.find("\n", title_end, end)
    stop = end if line_end < 0 else line_end
    while stop > t1 and src[stop - 1] in " \t":
        stop -= 1
    return Link("definition", m.start(), stop, inline.decode(src[t0:t1]), t0, t1, label=m.group(1),
                title=inline.decode(title or ""))


def _list_items(text: str, start: int, end: int) -> list[Block]:
    """Split a top-level list into its items: lines with a marker at the list's own indent."""
    segment = text[start:end]
    markers = list(_LIST_MARKER.finditer(segment))
    if not markers:
        return [Block(LIST_ITEM, start, end)]
    widths = [len(m.group(1).expandtabs(4)) for m in markers]
    indent = widths[0]
    item_starts = [start + m.start() for m, width in zip(markers, widths) if width <= indent]
    if not item_starts or item_starts[0] != start:
        item_starts.insert(0, start)
    # A nested item stays in its parent's block, but no sentence runs into it: each of its
    # markers is a break ("* **Support:** ...\n    * **Pricing:** Implement ...").
    nested = [start + m.start() for m, width in zip(markers, widths) if width > indent]
    items = []
    for i, s in enumerate(item_starts):
        e = item_starts[i + 1] if i + 1 < len(item_starts) else end
        while e > s and text[e - 1] in " \t\n":
            e -= 1
        items.append(Block(LIST_ITEM, s, e, breaks=tuple(b for b in nested if s < b < e) if nested else ()))
    return items


_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
# A fence's opening line on a line of an HTML block after its first (a backtick fence's info
# holds no backtick).
_FENCE_OPENING = re.compile(r"(?<=\n) {0,3}(`{3,}(?=[^`\n]*$)|~{3,})", re.M)


def _blank_nested_fences(text: str, chars: ProseBuffer, start: int, end: int) -> None:
    """Fenced code inside a list item or quote: mistune sees it in a rewritten copy, so find it
    again line by line (a fence opens and the next fence of the same kind closes)."""
    pos = start
    opened: tuple[str, int] | None = None
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end < 0 else line_end
        m = _FENCE.match(text, pos, line_end)
        if opened is None and m:
            opened = (m.group(1)[0], pos)
        elif opened is not None and m and m.group(1)[0] == opened[0]:
            chars.blank(opened[1], line_end)
            opened = None
        pos = line_end + 1
    if opened is not None:
        chars.blank(opened[1], end)


# What starts a line inside a list item or quote without being its text: indentation, list
# markers and ">" (nested containers included).
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t\n]|$)))*[ \t]*")
_CONTAINERS = (LIST_ITEM, QUOTE, FOOTNOTE_DEF)


class _Stripped:
    """A container's text without its line prefixes, and the way back to the document's offsets."""

    def __init__(self, segment: str, base: int) -> None:
        """``segment``: the container's text, which starts at offset ``base`` of the document."""
        parts: list[str] = []
        self.starts: list[int] = []  # where each line starts in the stripped text
        self.deltas: list[int] = []  # document offset - stripped offset, for that line
        length = 0
        pos, end, source = 0, len(segment), segment
        while pos < end:
            line_end = source.find("\n", pos, end)
            line_end = end if line_end < 0 else line_end + 1
            content = _CONTAINER_PREFIX.match(source, pos, line_end).end()
            self.starts.append(length)
            self.deltas.append(base + content - length)
            parts.append(source[content:line_end])
            length += line_end - content
            pos = line_end
        self.text = "".join(parts)

    def to_source(self, offset: int) -> int:
        return offset + self.deltas[bisect.bisect_right(self.starts, offset) - 1]

    def blank(self, spans: list[tuple[int, int]]) -> None:
        """Blank some disjoint spans, in order, in one pass over the text."""
        parts, pos = [], 0
        for start, end in spans:
            parts += [self.text[pos:start], blanked(self.text[start:end])]
            pos = end
        self.text = "".join(parts) + self.text[pos:]


def _container_definitions(stripped: _Stripped, chars: ProseBuffer, links: list[Link]) -> None:
    """Reference definitions inside a block quote or list item: mistune finds them in its text
    without line markers; they are blanked there and in the document."""
    state = _PositionState()
    state.process(stripped.text if stripped.text.endswith("\n") else stripped.text + "\n")
    _PARSER.block.parse(state)
    found: list[Link] = []
    for rule, start, end in state.definitions:
        if rule == "ref_link":
            _reference_definitions(stripped.text, start, min(end, len(stripped.text)), found)
    stripped.blank([(link.start, link.end) for link in found])
    for link in found:
        for name in ("start", "end", "target_start", "target_end"):
            setattr(link, name, stripped.to_source(getattr(link, name)))
        chars.blank(link.start, link.end)
        links.append(link)


def _commonmark_links(text: str, chars: ProseBuffer, blocks: list[Block], links: list[Link],
                      html: list[tuple[int, int]]) -> list[Link]:
    """The links CommonMark sees, from mistune's inline parser over each block's text with
    code blocks and HTML blocks already blanked in ``chars``; the spans of inline HTML it finds
    are added to ``html``."""
    # Block by block, not a copy of the whole text: a big document's peak memory.
    containers: dict[int, _Stripped] = {}
    for block in blocks:
        # (Blanking only makes characters spaces: what ``chars`` holds, ``text`` holds too, and
        # str.find reads it in place, where ``chars`` decodes a copy.)
        if block.kind in (QUOTE, LIST_ITEM) and text.find("]:", block.start, block.end) >= 0:
            segment = chars[block.start : block.end]
            if "]:" in segment:
                containers[block.start] = _Stripped(segment, block.start)
                _container_definitions(containers[block.start], chars, links)
    definitions: dict[str, dict] = {}
    for link in links:
        if link.kind == "definition":
            definitions.setdefault(unikey(link.label), {"url": link.target, "title": link.title})
    caret_labels = any(key.startswith("^") for key in definitions)
    found: list[Link] = []
    for block in blocks:
        if block.kind not in PROSE_KINDS or block.kind == HTML:  # raw HTML: no Markdown links
            continue
        if text.find("]", block.start, block.end) < 0 and not (
                text.find("<", block.start, block.end) >= 0 and text.find("`", block.start, block.end) >= 0):
            continue  # (the test below, on the text: most blocks have no bracket)
        segment = chars[block.start : block.end]
        # Only "](" or, with definitions, "]" can close a link: most blocks have neither. Where
        # code and "<" meet, which opens first decides between a code span and an autolink.
        if "](" not in segment and not (definitions and "]" in segment) and not ("<" in segment and "`" in segment):
            continue
        plain = None if caret_labels else inline.plain_links(segment, block.start)
        if plain is not None:
            found.extend(plain)
        elif block.kind in _CONTAINERS:
            stripped = containers.get(block.start) or _Stripped(segment, block.start)
            found.extend(inline.commonmark_links(stripped.text, stripped.to_source, definitions, html))
        else:
            start = block.start
            found.extend(inline.commonmark_links(segment, lambda offset: offset + start, definitions, html))
    return found


def _merge_autolinks(chars: ProseBuffer, links: list[Link], known: list[Link]) -> None:
    """The code and HTML mask finds autolinks too: where mistune read the block, its autolinks
    stand (an autolink that opens before a code span wins) and the mask's are dropped."""
    starts = {link.start for link in known if link.kind == "autolink"}
    if not starts:
        return
    links[:] = [link for link in links if link.kind != "autolink" or link.start not in starts]
    for link in known:
        if link.kind == "autolink":
            chars.blank(link.start, link.end)
