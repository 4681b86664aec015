"""Notes to the writer in angle brackets: ``<insert chart>``, ``<add link to the report>``,
``<photo here>``.

CommonMark reads ``<insert chart>`` as a raw HTML start tag (element ``insert``, attribute
``chart``), which a browser then hides: the chart is missing and nobody sees the note. So both
are looked at: the start tags the document model found in prose (``Document.html_tags``) and
text in angle brackets left in the prose (plain text, or Markdown that is no tag:
``<add link, p. 4>``). A tag is a note only when its name is not an HTML element (custom
elements have a hyphen), it has no ``name=value`` attribute, it does not follow a word
(``Array<number>``), and its words read as an instruction (the rule's ``patterns``). Autolinks, ``<br>``, ``a <b`` and ``<-`` never qualify.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_alternatives
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import PROSE_KINDS

# HTML's elements, current and obsolete (browsers still know the old ones), and the SVG and
# MathML ones that appear inline in articles.
HTML_ELEMENTS = frozenset(
    """a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big
    blink blockquote body br button canvas caption center cite code col colgroup data datalist dd
    del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame
    frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd
    keygen label legend li link listing main map mark marquee math menu menuitem meta meter multicol
    nav nextid nobr noembed noframes noscript object ol optgroup option output p param picture
    plaintext portal pre progress q rb rp rt rtc ruby s samp script search section select slot small
    source spacer span strike strong style sub summary sup svg table tbody td template textarea
    tfoot th thead time title tr track tt u ul var video wbr xmp circle path rect line g use defs
    text tspan polygon polyline ellipse symbol mrow mi mo mn msup msub mfrac""".split()
)
# Text in angle brackets left in the prose: a letter first, one line, no nested brackets.
_ANGLED = re.compile(r"<([A-Za-z][^<>\n]{0,200})>")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
# What only markup has: "name=value" attributes, a self-closing slash, JSX braces, an address.
_MARKUP_ONLY = re.compile(r"[={}@]|/\s*$")
# An address in the wrapper RFC 3986 (appendix C) suggests for plain text, as R's citation() prints
# it: "<URL: http://dx.doi.org/10.21105/joss.00355>"
_URL_WRAPPER = re.compile(r"URL:\s*[A-Za-z][A-Za-z0-9+.-]*:\S+\s*", re.IGNORECASE)


class Check:
    name = "angle-placeholder"

    def __init__(self, options: dict) -> None:
        self.patterns = compile_alternatives(options["patterns"], "patterns", re.IGNORECASE)

    def is_note(self, inner: str) -> bool:
        """Do the words between ``<`` and ``>`` read as a note to the writer?"""
        name = _NAME.match(inner)
        if name is None or "-" in name.group() or name.group().lower() in HTML_ELEMENTS:
            return False
        if _MARKUP_ONLY.search(inner) or _URL_WRAPPER.fullmatch(inner):
            return False
        return self.patterns.fullmatch(" ".join(inner.split())) is not None

    def _in_prose(self, doc: Document, offset: int) -> bool:
        block = doc.block_at(offset)
        return block is not None and block.kind in PROSE_KINDS

    def run(self, doc: Document) -> Iterator[Finding]:
        spans = [(a, b) for a, b in doc.html_tags if doc.text[b - 1 : b] == ">"]
        if "<" in doc.prose:
            spans.extend(m.span() for m in doc.scan(_ANGLED))
        for a, b in sorted(set(spans)):
            if a > 0 and (doc.text[a - 1].isalpha() or doc.text[a - 1] == "_"):
                continue  # a type's parameter, "Array<number>", "List<Name>" (not "Chapter 5.1<TODO>")
            if self.is_note(doc.text[a + 1 : b - 1]) and self._in_prose(doc, a):
                yield Finding(a, b)
