"""Split a block's prose into sentences, keeping trailing citation markers with their sentence.

"... 510 GW, according to the IEA.[^1] The table ..." ends after "[^1]": a footnote marker,
``[2]`` or a superscript belongs to the sentence it follows, and so does a parenthesis after its
end that has no end of its own: "... outflows in subsequent months. ([The Financial Express][5])",
as writing assistants cite.
"""

from __future__ import annotations

import re

from artlint.document.inline import SUPERSCRIPT_NOTE
from artlint.document.model import LIST_ITEM, Block, Document, Sentence
from artlint.document.plaintext import BULLET

# One terminal (. ! ? …), or a closing quote or bracket right after one. Written to start with a
# character class so that re skips the rest of the text in C (same matches as
# "(?:[.!?…]+|(?<=[.!?])[\"”’)\]]+)", the two classes being disjoint).
_END = re.compile(
    r"[.!?…\"”’)\]](?:(?<=[.!?…])[.!?…]*|(?<=[.!?][\"”’)\]])[\"”’)\]]*)"
    r"[\"”’)\]*_]*"
    r"(?:\[\^?[\w-]{1,20}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)*"
    r"(?=\s+[\"“‘(\[*_]*[A-Z0-9À-ÖØ-Þ«¿¡]|\s*$)"
)
# A parenthesis right after a sentence's end, with no terminal of its own (a dot only inside a
# word, as in a domain name), that ends the text or comes before the next sentence; a full stop
# may close it again: '… to gold.” (Conant and Nadler 1969, 707). It’s a pyramid …'
_TRAILING_PARENTHESIS = re.compile(
    r"[ \t]+\((?:[^()\n.!?…]|\.(?=\w)){1,200}\)\.?(?=\s*$|\s+[\"“‘(\[*_]*[A-Z0-9À-ÖØ-Þ«¿¡])"
)
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st vs etc e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec no nos
    p pp al inc ltd co corp approx est fig figs vol ch cf gen sen rep gov jr sr a.m p.m ed eds
    art sec para op ibid viz""".split()
)
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.)+[A-Za-z]?$")
_WORD_RUN = re.compile(r"[\w.]*")  # word characters and dots (str.isalnum(), "_" or ".")


def split_sentences(doc: Document, block: Block) -> list[Sentence]:
    out: list[Sentence] = []
    # A list marker belongs to no sentence.
    marker = BULLET.match(doc.prose, block.start, block.end) if block.kind == LIST_ITEM else None
    first = marker.end() if marker else block.start
    # (superscript note markers, see _split: only the block's own text is searched, so that a long
    # document without any '<' is not read once per block)
    text = doc.text if doc.text.find("<", block.start, block.end) >= 0 else None
    if not block.breaks:  # most blocks: one run of sentences
        _split(doc.prose, block, first, block.end, out, text)
        return out
    # An HTML block's paragraphs, list items and cells end sentences wherever their tags stand, and so
    # does a nested list item's marker.
    bounds = [first, *(b for b in block.breaks if first < b < block.end), block.end]
    for start, end in zip(bounds, bounds[1:]):
        if block.kind == LIST_ITEM and start != first:  # a nested item: its marker is no sentence's
            nested = BULLET.match(doc.prose, start, end)
            start = nested.end() if nested else start
        _split(doc.prose, block, start, end, out, text)
    return out


def _split(prose: str, block: Block, start: int, stop: int, out: list[Sentence], text: str | None = None) -> None:
    """The sentences of prose[start:stop], appended to ``out`` (``text``: the document's text, when
    it may hold superscript note markers)."""
    while start < stop and prose[start].isspace():
        start += 1
    pos = start
    for m in _END.finditer(prose, start, stop):
        at = m.start()
        if at < pos:
            continue
        ending = m.group(0)
        if ending[0] == "." and ending[1:2] != ".":
            # the word before the dot: its run of word characters and dots, 12 characters at most
            # (what "[\w.]*$" finds in the 12 characters before it, without a search from each:
            # the run that opens those characters read backwards)
            before = prose[max(block.start, at - 12) : at][::-1]
            word = prose[at - _WORD_RUN.match(before).end() : at]
            # (without a dot inside, the word is an initialism only when it is one letter: tested last)
            if word.lower() in _ABBREVIATIONS or ("." in word and _INITIALISM.search(word + ".")) or (
                    len(word) == 1 and word.isalpha()):
                continue
        end = m.end()
        trailing = _TRAILING_PARENTHESIS.match(prose, end, stop)
        if trailing:
            end = trailing.end()
        if text is not None and text.startswith("<", end):
            note = SUPERSCRIPT_NOTE.match(text, end, stop)  # "… causes!”<sup>1</sup> Extreme …"
            end = note.end() if note else end
        if end > start:
            out.append(Sentence(start, end, block, len(out)))
        start = end
        while start < stop and prose[start].isspace():
            start += 1
        pos = start
    end = stop
    while end > start and prose[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, block, len(out)))
