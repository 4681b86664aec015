"""Malformed link *syntax*: what the author wrote is not the link they meant.

One rule per defect (``options.defect``):

``reversed``            ``(text)[https://x.org]`` — brackets and parentheses swapped
``spaced``              ``[text] (https://x.org)`` — a space between the parts
``empty-target``        ``[text]()``, ``[text](<>)``, ``[text](#)``, ``[text][r]`` with ``[r]: <>`` or ``[r]: #``
``empty-text``          ``[](https://x.org)`` — a link nobody can see or click
``target-with-spaces``  ``[text](https://x.org/a b)`` — the target stops at the space
``unclosed``            ``[text](https://x.org`` — the ``)`` is missing
``undefined-reference`` ``[text][ref]`` / ``[text][]`` with no ``[ref]:`` definition
``extra-bracket``       ``[text]](https://x.org)`` — one ``]`` too many, so no link
``missing-bracket``     ``text](https://x.org)`` — no ``[`` opens the text, so no link

Links are found by the document model (``Document.links``), which already ignores code, HTML
comments and front matter; raw HTML's ``<a href>`` and ``<img src>`` are links too. Whether the *target* itself is sound is the ``link-target`` check's business.
"""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks import LINK_SYNTAX_FIXABLE
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import HTML_LINK_KINDS, Link, normalize_label

# Link kinds written with a (text) part and a (target) part; raw HTML's <a href> and <img src>.
_TEXT_AND_TARGET = ("inline", "image", "spaced", "reversed", *HTML_LINK_KINDS)
# Links whose target is in a "[label]: target" definition elsewhere.
_REFERENCE_KINDS = ("reference", "collapsed", "shortcut")
_TEMPLATE = re.compile(r"\{\{|\{%|\$\{")
_HTML_TAG = re.compile(r"<[^<>]*+>")
_LIST_MARKER = re.compile(r"[ \t]*(?:[-+*]|\d{1,3}[.)])[ \t]+")
# "[text]](<https://x.org>)": what follows a bracketed text that one "]" too many cut off
_AFTER_EXTRA_BRACKET = re.compile(r"\]\([ \t]*+<?(?:https?://|www\.)")
# "[1][2]", "[3-5][6]": numeric citation markers side by side, not a reference link; so are an
# assistant's search-result tags "[web:20][web:27]" (the assistant-citation-token rule's finding).
_CITATION = re.compile(r"\s*(?:(?:web|file|news|image|video):)?\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\s*")


# How far back a link's "[" is looked for from its "](": no link text is longer, and a bound
# keeps a paragraph of many "](…)" linear
_TEXT_REACH = 1000
# an id or a name on a link's opening tag: the element is a place to link to
_ANCHOR_ID = re.compile(r"\s(?:id|name)\s*=", re.I)
# a name given to assistive technology: what an icon link (a Font Awesome <i>, an SVG) is read as
_ACCESSIBLE_NAME = re.compile(r"""\s(?:aria-label|aria-labelledby|title)\s*=\s*(?:"\s*[^"\s]|'\s*[^'\s]|[^\s"'>])""", re.I)


class Check:
    name = "link-syntax"

    def __init__(self, options: dict) -> None:
        self.defect = options["defect"]
        self.fragment_only_is_empty = options.get("fragment_only_is_empty", True)
        self.skip_citations = options.get("skip_numeric_citations", True)
        self.fixable = self.defect in LINK_SYNTAX_FIXABLE
        # The fix turns literal text into a working link: right almost always, but it changes
        # what the page shows, so `--fix` applies it only with `--unsafe-fixes`.
        self.fix_safety = "unsafe"
        self._run = getattr(self, "_" + self.defect.replace("-", "_"))

    def run(self, doc: Document) -> Iterator[Finding]:
        for link in doc.links:
            finding = self._run(doc, link)
            if finding is not None:
                yield finding

    # ---- one method per defect --------------------------------------------------------
    @staticmethod
    def _parts(doc: Document, link: Link) -> tuple[str, str]:
        if link.text_start < 0:
            return "", link.target
        if link.kind == "html":  # the words of "<a href=...><b>text</b></a>", without the tags
            return " ".join(doc.prose[link.text_start : link.text_end].split()), link.target
        return doc.text[link.text_start : link.text_end], link.target

    def _reversed(self, doc: Document, link: Link) -> Finding | None:
        if link.kind != "reversed":
            return None
        text, url = self._parts(doc, link)
        # The fix keeps the text as written, line breaks included; the message reads it on one line.
        return Finding(link.start, link.end, args={"text": " ".join(text.split()), "url": url}, fix=f"[{text}]({url})")

    @staticmethod
    def _task_box(doc: Document, link: Link) -> bool:
        """"- [ ] (https://...)": a task-list box, not the text of a link."""
        if doc.text[link.text_start : link.text_end] not in (" ", "x", "X"):
            return False
        line_start = link.start - doc.line_col(link.start)[1] + 1  # no rfind: a long line is long + 1
        return bool(_LIST_MARKER.fullmatch(doc.text, line_start, link.start))

    def _spaced(self, doc: Document, link: Link) -> Finding | None:
        if link.kind != "spaced" or self._task_box(doc, link):
            return None
        text, url = self._parts(doc, link)
        raw = doc.text[link.start : link.end]
        gap = re.search(r"\][ \t]+\(", raw)
        fix = raw[: gap.start() + 1] + raw[gap.end() - 1 :] if gap and link.closed else None
        return Finding(link.start, link.end, args={"text": text, "url": url}, fix=fix)

    def _empty_target(self, doc: Document, link: Link) -> Finding | None:
        if link.kind in _REFERENCE_KINDS:
            # "[report][r]" with "[r]: <>" or "[r]: #": reported where the reader clicks; an
            # unused definition goes nowhere because nothing links to it.
            definition = doc.reference_definitions.get(normalize_label(link.label))
            if definition is None:
                return None
            target = definition.target.strip()
        elif link.kind not in _TEXT_AND_TARGET or not link.closed:
            return None
        else:
            target = link.target.strip()
        if target == "" or (self.fragment_only_is_empty and target == "#"):
            text, _ = self._parts(doc, link)
            return Finding(link.start, link.end, args={"text": text, "url": target})
        return None

    def _empty_text(self, doc: Document, link: Link) -> Finding | None:
        # An image with empty alt text is a decorative image, not an invisible link.
        if link.kind not in ("inline", "spaced", "reversed", "reference", "collapsed", "html") or link.text_start < 0:
            return None
        if doc.text.startswith("!", link.start):
            return None  # "![][1]": a reference-style image, decorative like "![](x.png)"
        text, url = self._parts(doc, link)
        if text.strip() or (link.kind == "spaced" and self._task_box(doc, link)):
            return None
        if link.kind == "html" and _HTML_TAG.sub("", doc.text[link.text_start : link.text_end]).strip():
            return None  # '<a href="https://x.org">https://x.org</a>': the address is its text
        if link.kind == "html" and any(inner.kind == "html_image" for inner in doc.links_in(link.text_start, link.text_end)):
            return None  # "<a href=...><img src=... alt=...></a>": the image is what is clicked
        if link.kind == "html" and url.startswith("#") and _ANCHOR_ID.search(doc.text, link.start, link.text_start):
            return None  # '<a href="#us" id="us"></a>' after a heading: its permalink, an anchor to link to
        if link.kind == "html" and _ACCESSIBLE_NAME.search(doc.text, link.start, link.text_start):
            return None  # '<a href=... aria-label="Email Anna"><i class="fa fa-envelope"></i></a>': an icon with a name
        return Finding(link.start, link.end, args={"text": text, "url": url})

    def _target_with_spaces(self, doc: Document, link: Link) -> Finding | None:
        if link.kind not in _TEXT_AND_TARGET or not link.closed or link.target_start < 0:
            return None
        target = link.target.strip()
        if not re.search(r"\s", target) or _TEMPLATE.search(target):
            return None  # "{{ site.baseurl }}/x" is template syntax, not a broken URL
        if link.wraps_address:
            return None  # link-without-scheme says so
        # "<https://x.org/a b>" is CommonMark's way of writing a target with spaces.
        if link.target_start > 0 and doc.text[link.target_start - 1] == "<":
            return None
        text, _ = self._parts(doc, link)
        return Finding(link.target_start, link.target_end, args={"text": text, "url": target})

    def _unclosed(self, doc: Document, link: Link) -> Finding | None:
        if link.closed or link.kind not in _TEXT_AND_TARGET:
            return None
        text, url = self._parts(doc, link)
        return Finding(link.start, link.end, args={"text": text, "url": url})

    def _undefined_reference(self, doc: Document, link: Link) -> Finding | None:
        if link.kind not in ("reference", "collapsed"):
            return None
        if link.label.startswith("^"):
            return None  # "[CZ X post, October 16][^31]": bracketed text, then a footnote's marker
        if normalize_label(link.label) in doc.reference_definitions:
            return None
        text, _ = self._parts(doc, link)
        if self.skip_citations and _CITATION.fullmatch(text):
            return None
        return Finding(link.start, link.end, args={"text": text, "label": link.label})

    def _extra_bracket(self, doc: Document, link: Link) -> Finding | None:
        if link.kind != "shortcut" or normalize_label(link.label) in doc.reference_definitions:
            return None
        if not _AFTER_EXTRA_BRACKET.match(doc.text, link.end):
            return None
        text, _ = self._parts(doc, link)
        return Finding(link.start, link.end + 1, args={"text": text, "url": ""},
                       fix=doc.text[link.start : link.end])

    def _missing_bracket(self, doc: Document, link: Link) -> Finding | None:
        """A bare address right after "](" and closed by ")", where no "[" earlier in its block
        opens a text: the link's "[" was left out, and readers see "](…)" instead of a link."""
        start, end = link.start, link.end
        if link.kind != "bare" or start < 2 or doc.text[start - 2 : start] != "](" or doc.text[end : end + 1] != ")":
            return None
        if doc.text[start - 3 : start - 2] == "]":
            return None  # "[text]](…)": extra-bracket's
        block = doc.block_at(start)
        if block is None or _opens_text(doc.text, max(block.start, start - 2 - _TEXT_REACH), start - 2):
            return None  # a "[" opens it: a link whose text wraps, or one the parser read otherwise
        return Finding(start - 2, end + 1, args={"text": "", "url": link.target.strip()})


def _opens_text(text: str, start: int, close: int) -> bool:
    """Is the "]" at ``close`` matched by a "[" between ``start`` and it (nested pairs skipped)?"""
    depth = 0
    for i in range(close - 1, start - 1, -1):
        ch = text[i]
        if ch == "]":
            depth += 1
        elif ch == "[":
            if depth == 0:
                return True
            depth -= 1
    return False
