"""Sources sections: empty ones (or holding only a placeholder), and source entries that name a
publication but give the reader no way to find it (no URL, DOI, ISBN or link).

Source entries are the entries of a Sources-like section and one-line source notes anywhere
else (``Source: World Bank, IMF`` under a table or a chart, ``*Sources: Reuters, BBC*``): a
note is a one-entry sources list and needs a locator like any other entry."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._regex import compile_alternatives, compile_pattern
from artlint.checks._sources import (FIELD_LABEL, HAS_LOCATOR, LineLabel, entries, entry_body, introduces_what_follows, note_label,
                                     on_labelled_line, section_holds, source_notes, source_sections, with_shared)
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import FOOTNOTE_DEF, HEADING, Section

# Links that take the reader to the source (a bare URL is a LOCATOR already).
_SOURCE_LINK_KINDS = ("inline", "reference", "collapsed", "autolink", "html")
# "Source: IMF[^2]", "Source: IMF [3]", "Source: IMF¹": the note points at a footnote or a
# numbered list of sources, where the locator is.
# A paragraph of sentences wholly in italics or bold, in a sources section: a closing remark
# ("*This analysis reflects … as of August 2025. The situation continues to evolve.*").
_EMPHASIS_AROUND = re.compile(r"([*_]{1,2})(?![\s*_])")
_NEXT_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")
# A remark wholly in brackets: "(embedded inline; full bib on request)."
_ASIDE_REMARK = re.compile(r"\([^()\n]{1,200}\)\.?")
# A sentence that speaks to the reader: "If you want to cite a software repository URL …",
# "You can cite this report as:", "Please cite the dataset"
_TO_THE_READER = re.compile(r"(?:(?:If|When|Where|Once|Before|To|Note that)\b[^.\n]{0,120}?\byou\b|You\s|Please\s)")
# An entry labelled as a remark on the list, not a citation: "**Disclaimer:** Market conditions
# subject to change", "Last updated: May 2025", "**Data Collection Date:** November 2025", "Caveats: …",
# "**Citation format:** APA / MLA hybrid"
_REMARK_LABEL = re.compile(r"(?:\*\*|__|[*_])?(?:disclaimer|caveats?|limitations?|last\s+updated|updated|as\s+of|(?:[\w-]+\s+){0,2}date"
                           r"|(?:editor[’']?s\s+)?note|(?:citation|reference|referencing)\s+(?:format|style))(?:\*\*|__)?\s*:", re.IGNORECASE)
# An editor's note on a revision: "_Updated 2021–12–06 to incorporate Autumn Budget reforms._"
_REVISION_NOTE = re.compile(r"[*_]{0,2}(?:updated|corrected|revised|edited)\b[^.\n]{0,40}?\bto\s+(?:reflect|incorporate|include"
                            r"|correct|clarify|add|fix|remove|update|account)\b", re.IGNORECASE)
# a list item inside an entry: endnotes are flat, notes taken at a talk nest
_NESTED_ITEM = re.compile(r"\n[ \t]+(?:[-*+•]|\d{1,3}[.)])[ \t]")
# a passage quoted as a block: endnotes cite, a reader's notes copy out what they read
_QUOTED_BLOCK = re.compile(r"[ \t]{0,3}>")
# a sentence's first letter (the text's, or one after . ! ? and a space): a capital there names nothing
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?])\s+)[^\W\d_]")
# what makes words a sentence to the reader rather than a name: a pronoun, a verb "to be", a modal
_CLAUSE_WORD = re.compile(r"\b(?:is|are|was|were|be|been|we|you|our|your|it|this|that|these|thank|please|may|might"
                          r"|can|could|will|would|should)\b", re.IGNORECASE)
_CITATION_MARK = re.compile(r"\[\^[^\]\s]+\]|\[\d{1,3}(?:[-–,]\s*\d{1,3})*\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]")


class Check:
    name = "source-entries"

    def __init__(self, options: dict) -> None:
        options = with_shared(options)
        self.report = options["report"]
        titles = options["section_titles"]
        notes = options.get("note_titles")
        self.titles = compile_pattern(f"(?:{titles})|(?:{notes})" if notes else titles, ["section_titles"], re.I)
        self.notes = compile_pattern(notes, ["note_titles"], re.I) if notes else None
        self.placeholder = compile_pattern(options.get("placeholder_entry", r"(?!)"), ["placeholder_entry"], re.I)
        self.unpublished = compile_pattern(options.get("unpublished_entry", r"(?!)"), ["unpublished_entry"], re.I)
        self.explanatory = compile_pattern(options.get("explanatory_notes", r"(?!)"), ["explanatory_notes"], re.I)
        cues = options.get("citation_cues")
        self.cues = compile_alternatives(cues, "citation_cues") if cues else None
        self.note_label = note_label(options["note_labels"]) if options.get("note_labels") else None
        self.credit_line = LineLabel(options["credit_lines"]) if options.get("credit_lines") else None

    def run(self, doc: Document) -> Iterator[Finding]:
        sections = list(source_sections(doc, self.titles))
        if self.report == "empty-section":
            yield from self._empty_sections(doc, sections)
            return
        reported: set[int] = set()  # a subsection's entries are its parent's too ("## References" over "### Primary sources")
        for section in sections:
            for finding in self._entries_without_locator(doc, section, bool(self.notes and self.notes.fullmatch(section.name(doc)))):
                if finding.start not in reported:
                    reported.add(finding.start)
                    yield finding
        for notes in doc.endnotes:  # footnotes a converted page kept without a heading
            if not any(s.start <= notes.start < s.end for s in sections):
                yield from self._entries_without_locator(doc, notes, True)
        if self.note_label is not None:
            for label_start, start, end, reach in source_notes(doc, self.note_label, sections + doc.endnotes):
                if self._lacks_locator(doc, doc.text[start:end], label_start, reach):
                    yield Finding(start, end)

    def _entries_without_locator(self, doc: Document, section: Section, is_notes: bool) -> Iterator[Finding]:
        """The entries of a sources section (a Notes one if ``is_notes``: only its citations are
        checked) that name a publication and give no way to find it."""
        if is_notes and any(block.kind == HEADING for block in section.blocks):
            return  # a meeting's notes told under topics of their own ("## Notes" over "### Code coverage"): no endnotes
        spans = list(entries(doc, section))
        if is_notes and any(_NESTED_ITEM.search(doc.text, start, end) or _QUOTED_BLOCK.match(doc.text, start, end)
                            for start, end in spans):
            return  # a talk's or a reading's notes (bullets within bullets, passages quoted as blocks): no endnotes
        for start, end in spans:
            end = doc.backref_start(start, end)  # "… 2024. ↩": the arrow leads back to the text, it cites nothing
            body_start, body = entry_body(doc, start, end)
            block = doc.block_at(start)
            # a footnote is a note wherever it stands (under "References" too): checked if it cites
            as_note = is_notes or (block is not None and block.kind == FOOTNOTE_DEF)
            if as_note and not (self.cues and self.cues.search(doc.prose[body_start:end])):
                continue  # an explanatory note, not a citation (read as prose: a tag's quoted attribute is no title)
            if as_note and self.explanatory.search(doc.text, start, end):
                continue  # "“Gross floor area” is defined as ...": a definition, whatever it quotes
            if introduces_what_follows(body) or body.lstrip().startswith("`"):
                continue  # "… can be used:" introduces the entries; "`[@author:2001]` -> …" is syntax
            if doc.format == "markdown" and _is_remark(doc.text[start:end].strip()):
                continue
            if _TO_THE_READER.match(body.lstrip()):
                continue  # "If you want to cite a repository, …": guidance, not an entry
            if _ASIDE_REMARK.fullmatch(body.strip()):
                continue  # "(embedded inline; full bib on request).": a remark in brackets, not an entry
            if _REMARK_LABEL.match(body.lstrip()) or _REVISION_NOTE.match(body.lstrip()):
                continue  # "**Disclaimer:** Market conditions subject to change": a remark on the list
            if _is_nameless_sentence(body.strip()):
                continue  # "Thank you for citing our tools!": no author, title or year, so no entry
            if self._lacks_locator(doc, body, start, end):
                yield Finding(body_start, body_start + len(doc.text[body_start:end].rstrip()))

    def _empty_sections(self, doc: Document, sections) -> Iterator[Finding]:
        for section in sections:
            holds = section_holds(doc, section, self.placeholder)
            if holds != "sources":
                yield Finding(section.heading.start, section.heading.end,
                              args={"title": section.title(doc), "state": holds})

    def _lacks_locator(self, doc: Document, body: str, start: int, end: int) -> bool:
        """Does an entry (its words ``body``, its whole text from ``start`` to ``end``) name
        something to find and give no way to find it? Quiet: a placeholder (the placeholder
        rules report it), a locator, even a malformed one (the link and identifier rules report
        it), a link, a note mark, an entry that names no publication ("Source: author's
        calculations") and an image credit."""
        body = body.strip()
        if not any(c.isalnum() for c in body):
            return False  # "\*\*": stray marks an exporter left, no words to find
        # (under a bold field label, "**Total Sources Referenced:** 75+ official sources", a count
        # of sources names no publication any more than the count alone)
        label = FIELD_LABEL.match(body)
        if (self.placeholder.fullmatch(body) or self.unpublished.fullmatch(body, label.end() if label else 0)
                or _CITATION_MARK.search(body)):
            return False
        # an in-page anchor ("<a href='#note_1'>1.</a>") points back into the article, not at the source
        if HAS_LOCATOR.search(doc.text, start, end) or any(link.kind in _SOURCE_LINK_KINDS and not link.target.startswith("#")
                                                       for link in doc.links_in(start, end)):
            return False
        return not (self.credit_line and on_labelled_line(doc, self.credit_line, end))


def _is_remark(body: str) -> bool:
    """Sentences wholly in emphasis: a closing remark, not a citation (which emphasises its title)."""
    m = _EMPHASIS_AROUND.match(body)
    mark = m.group(1) if m else ""
    if mark and body[-1:] in ".!?" and body[:-1].endswith(mark):
        body = body[:-1]  # "_… on SAMHSA.gov_.": the full stop written after the emphasis
    return (bool(mark) and len(body) > 2 * len(mark) and body.endswith(mark) and body[-len(mark) - 1] not in " \t*_"
            and bool(_NEXT_SENTENCE.search(body, len(mark), len(body) - len(mark))))


def _is_nameless_sentence(body: str) -> bool:
    """A sentence said to the reader, with no digit and no capital but a sentence's first ("This is
    again partial information, that might however help …", "Thank you for citing our tools!", "We do
    not have special access. We synthesize what is public."): no author, title or year is named, so
    it is a remark among the entries. (A first word may be a name: "Eurostat waste statistics on
    portable batteries" has no word of a clause, and is an entry.)"""
    words = _SENTENCE_START.sub("", body.strip("*_ \t"))
    return (body.count(" ") >= 2 and not any(c.isupper() or c.isdigit() for c in words)
            and _CLAUSE_WORD.search(body) is not None)

