"""A line that names a Sources-like section is that section's heading, however it is written.

Writers open the list of sources with ``Sources:``, ``**Sources:**``, ``SOURCES`` or ``Further
reading``, often with the first entry on the very next line. In Markdown that is a paragraph
(bold or not); in plain text a line of a paragraph or of a list's introduction. Read as a
heading, it starts a section in ``Document.sections``, so every check that looks for a sources
section finds it, and the line is not read as a sentence.

The names are among those the source rules look for (``section_titles`` and ``note_titles`` in
``checks/sources.yaml``; the document model is built before any rule, so it keeps its own, shorter
list: a name added to one belongs in the other): a section named otherwise still needs a heading of
its own. A
singular ``Note:`` is left alone: it opens an aside, not a list of notes.
"""

from __future__ import annotations

import re

from artlint.document.model import HEADING, PARAGRAPH, TITLE, Block

SECTION_NAMES = (
    r"sources?|(?:sources? )?references?|bibliography|works cited"
    r"|(?:(?:data|primary|secondary|key|main) )?sources? (?:cited|used|consulted)|references cited"
    r"|citations?|further reading|reading list"
    r"|sources? (?:and|&) (?:further reading|reading|notes|references|methods|methodology)(?: notes)?|notes (?:and|&) sources"
    r"|references? (?:and|&) (?:further |additional |suggested )?reading"
    r"|references? (?:and|&) (?:data )?sources?"
    r"|notes|footnotes|endnotes|références|bibliographie|pour aller plus loin|quellen|literature?"
    r"|fuentes|referencias|(?:(?:further|additional|useful|other|more) )?resources"
)
# The whole line: the name, a colon or not, bold or italic markers around either or both.
_LABEL_LINE = re.compile(
    r"[ \t]*(?:\*\*|__|\*|_)?[ \t]*(?:" + SECTION_NAMES + r")[ \t]*:?[ \t]*(?:\*\*|__|\*|_)?[ \t]*:?[ \t]*",
    re.I,
)

_LONGEST = 80  # no label line is longer (a cheap test before the regex)


def is_section_label(line: str) -> bool:
    return _LABEL_LINE.fullmatch(line) is not None


def promote_section_labels(text: str, blocks: list[Block], level: int) -> list[Block]:
    """``blocks`` with every paragraph or title whose first line is a section label split into
    that line, as a heading of ``level``, and the rest of the paragraph."""
    out: list[Block] = []
    for block in blocks:
        if block.kind not in (PARAGRAPH, TITLE):
            out.append(block)
            continue
        line_end = text.find("\n", block.start, block.end)
        line_end = block.end if line_end < 0 else line_end
        if line_end - block.start > _LONGEST or not is_section_label(text[block.start : line_end]):
            out.append(block)
            continue
        label_end = line_end
        while text[label_end - 1] in " \t":
            label_end -= 1
        out.append(Block(HEADING, block.start, label_end, level=level, implicit=True))
        rest = line_end + 1
        while rest < block.end and text[rest].isspace():
            rest += 1
        if rest < block.end:
            out.append(Block(PARAGRAPH, rest, block.end))
    return out
