"""A heading with no body: the next heading (of the same or a higher level) or the end of the
article follows at once. Usually a section that was planned and never written."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_pattern
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import CODE, FOOTNOTE_DEF, HTML, LIST_ITEM, PARAGRAPH, QUOTE, REFERENCE_DEF, TABLE, TEMPLATE

# A figure shortcode or an {% include %} on its own is content too.
_CONTENT = frozenset({PARAGRAPH, LIST_ITEM, QUOTE, TABLE, CODE, FOOTNOTE_DEF, REFERENCE_DEF, TEMPLATE})
_IMAGES = frozenset({"image", "html_image"})


class Check:
    name = "empty-section"

    def __init__(self, options: dict) -> None:
        ignore = options.get("ignore_titles")
        self.ignore = compile_pattern(ignore, ["ignore_titles"], re.I) if ignore else None

    def run(self, doc: Document) -> Iterator[Finding]:
        headings = [b for b in doc.blocks if b.kind == "heading"]
        for i, section in enumerate(doc.sections):
            if any(b.kind in _CONTENT for b in section.blocks):
                continue
            if any(b.kind == HTML and not doc.prose[b.start:b.end].isspace() for b in section.blocks):
                continue  # an HTML table or paragraph that says something (not a comment, not an empty <div>)
            following = headings[i + 1] if i + 1 < len(headings) else None
            body_end = following.start if following is not None else len(doc.text)
            if any(link.kind in _IMAGES for link in doc.links_in(section.heading.end, body_end)):
                continue  # a page's "<h1>…</h1><img …>": the picture is the section
            if any(section.heading.end <= start < body_end for start, _end in doc.engine_code):
                continue  # "<h2>Current openings</h2>{{ range .Pages }}…": the engine fills it
            if section.heading.level == 1 and following is not None and following.level == 1:
                continue  # stacked titles: competing-titles reports them
            title = section.title(doc)
            if self.ignore and self.ignore.fullmatch(section.name(doc)):
                continue
            yield Finding(section.heading.start, section.heading.end, args={"title": title})
