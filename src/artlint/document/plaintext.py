"""Plain-text articles, written the way scraped and CMS-exported posts are: a title line (or
several competing ones), short heading lines, ``•`` bullets, ``1.`` numbered items and
paragraphs, each separated by blank lines."""

from __future__ import annotations

import re

from artlint.document import inline
from artlint.document.model import HEADING, LIST_ITEM, PARAGRAPH, PROSE_KINDS, TITLE, Block, FootnoteRef, Link

_BULLET = re.compile(r"^[ \t]*(?:[•◦▪‣·*+-]|\d{1,3}[.)]|[a-z][.)])[ \t]+")
_BYLINE = re.compile(r"^(?:by|written by|posted(?: on| by)?|published|updated|last updated)\b", re.I)
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’)]?\s+\S")


def looks_like_heading(line: str) -> bool:
    """A short line that reads as a label, not a sentence."""
    s = line.strip().rstrip("¹²³⁴⁵⁶⁷⁸⁹⁰")
    s = re.sub(r"\[\^?\w{1,4}\]$", "", s).rstrip()
    if not s or len(s) > 120 or len(s.split()) > 16:
        return False
    if s[-1] in ".,;:" or _BULLET.match(line) or _BYLINE.match(s) or s.count(",") > 1:
        return False
    if "[" in s or "{" in s or "http" in s:
        return False
    if not (s[0].isupper() or s[0] in "0123456789\"“'‘¿¡"):
        return False
    return not _SENTENCE_INSIDE.search(s)


def parse_plaintext(text: str):
    """Return (blocks, links, footnote_refs, prose) for a normalised plain text."""
    blocks: list[Block] = []
    pos = 0
    n = len(text)
    seen_body = False
    while pos < n:
        line_end = text.find("\n", pos)
        line_end = n if line_end < 0 else line_end
        line = text[pos:line_end]
        if not line.strip():
            pos = line_end + 1
            continue
        # Gather the group of non-blank lines.
        group_end = line_end
        lines = [(pos, line_end)]
        while group_end < n:
            nxt_end = text.find("\n", group_end + 1)
            nxt_end = n if nxt_end < 0 else nxt_end
            if not text[group_end + 1 : nxt_end].strip():
                break
            lines.append((group_end + 1, nxt_end))
            group_end = nxt_end
        if any(_BULLET.match(text[a:b]) for a, b in lines):
            item_start = None
            for a, b in lines:
                if _BULLET.match(text[a:b]) or item_start is None:
                    if item_start is not None:
                        blocks.append(Block(LIST_ITEM, item_start[0], item_start[1]))
                    item_start = (a, b)
                else:  # a wrapped continuation line
                    item_start = (item_start[0], b)
            blocks.append(Block(LIST_ITEM, item_start[0], item_start[1]))
            seen_body = True
        elif len(lines) == 1 and (not blocks or looks_like_heading(line)):
            first = not blocks
            if first or not seen_body:
                blocks.append(Block(TITLE, pos, line_end, level=1))
            else:
                blocks.append(Block(HEADING, pos, line_end, level=2))
        else:
            blocks.append(Block(PARAGRAPH, pos, group_end))
            if not _BYLINE.match(line.strip()):
                seen_body = True
        pos = group_end + 1

    chars = list(text)
    links: list[Link] = []
    refs: list[FootnoteRef] = []
    brackets = inline.Brackets(text)
    for block in blocks:
        if block.kind in PROSE_KINDS:
            inline.scan_links(text, text, block.start, block.end, links, refs, brackets)
    inline.mask_link_targets(chars, links)
    return blocks, links, refs, "".join(chars)
