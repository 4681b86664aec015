"""The figures of an article that cite a web source: what ``--verify-sources`` checks.

A figure is one the statistic rule sees (``checks.statistic.Check.stated``). Its sources are
the http(s) links of its sentence and of the next sentence in the same block, the links of the
footnotes those sentences mark (``[^2]``) and the definitions of their reference links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from artlint.document import Document
from artlint.document.model import normalize_label

_FOOTNOTE_MARK = re.compile(r"\[\^([^\]\s]+)\]")
_REFERENCE_KINDS = ("reference", "collapsed", "shortcut")
_LINK_KINDS = ("inline", "autolink", "bare", "html", *_REFERENCE_KINDS)


@dataclass(frozen=True, slots=True)
class Claim:
    start: int  # the figure's span in the document's text
    end: int
    figure: str  # the figure as written
    sentence: str  # its sentence, as prose
    urls: tuple[str, ...]  # the sources it cites


def claims(doc: Document, statistic) -> list[Claim]:
    """The figures of ``doc`` that cite at least one web address (``statistic``: the
    statistic rule's check, whose idea of a figure this shares)."""
    sentences = doc.sentences
    out = []
    for i, found, offset in statistic.stated(doc):
        sentence = sentences[i]
        spans = [(sentence.start, sentence.end)]
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        if following is not None and following.block is sentence.block:
            spans.append((following.start, following.end))
        urls = tuple(dict.fromkeys(u for start, end in spans for u in _cited(doc, start, end)))
        if not urls:
            continue
        text = " ".join(_without_links(doc, sentence.start, sentence.end).split())
        for m, _kind in found:
            start, end = offset + m.start(), offset + m.end()
            out.append(Claim(start, end, doc.text[start:end], text, urls))
    return out


def _without_links(doc: Document, start: int, end: int) -> str:
    """The sentence's prose with its links blanked, text too: "([outlook](…))" names the
    source, not what the figure measures."""
    prose = list(doc.prose[start:end])
    for link in doc.links_in(start, end):
        for k in range(link.start - start, min(link.end, end) - start):
            prose[k] = " "
    return "".join(prose)


def _cited(doc: Document, start: int, end: int) -> list[str]:
    urls = [_address(doc, link) for link in doc.links_in(start, end) if link.kind in _LINK_KINDS]
    for mark in _FOOTNOTE_MARK.finditer(doc.text, start, end):
        note = doc.footnote_definitions.get(normalize_label(mark.group(1)))
        if note is not None:
            urls += [_address(doc, link) for link in doc.links_in(note.start, note.end) if link.kind in _LINK_KINDS]
    return [u for u in urls if u and u.lower().startswith(("http://", "https://"))]


def _address(doc: Document, link) -> str:
    if link.kind in _REFERENCE_KINDS:
        definition = doc.reference_definitions.get(normalize_label(link.label or ""))
        return definition.target if definition is not None else ""
    return link.target
