"""The figures of an article that cite a web source: what ``--verify-sources`` checks.

A figure is one the statistic rule sees (``checks.statistic.Check.stated``). Its sources are
the http(s) links of its sentence and of the next sentence in the same block, the links of the
footnotes those sentences mark (``[^2]``) and the definitions of their reference links.
"""

from __future__ import annotations

import re

from artlint.document import Document
from artlint.document.model import normalize_label
from artlint.records import dataclass

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
    statistic rule's check, whose idea of a figure this shares), and in a sentence that cites
    one, the figures the statistic rule leaves to the reader that a source can be asked about
    (``counted``): a count of a thing it names ("17 recommendations", "13 of the 20
    requirements"), an adjustment in percentage points ("+2.0, +1.5, and +1.5 percentage points") and a
    percentage written with a fraction ("3-1/2 percent", "1/4 to 1/2 percent", which the rule reads in part)."""
    sentences = doc.sentences
    out = []
    stated = {i: (found, offset) for i, found, offset in statistic.stated(doc)}
    _skipped, in_scope = statistic.scope.read(doc)
    for i, sentence, masked in in_scope:
        found, offset = stated.get(i, ([], sentence.block.start))
        spans = [(sentence.start, sentence.end)]
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        if following is not None and following.block is sentence.block:
            spans.append((following.start, following.end))
        figures = [(offset + m.start(), offset + m.end()) for m, _kind in found]
        fractions = [(offset + m.start(), offset + m.end())
                     for m in _FRACTION_PERCENT.finditer(masked, sentence.start - offset, sentence.end - offset)]
        # the statistic rule reads "6-1/2 percent" as "2 percent", "1/4 percentage point" as "4 percentage point":
        # the figure verified is the whole fraction
        figures = list(dict.fromkeys(next((f for f in fractions if f[0] < b and a < f[1]), (a, b)) for a, b in figures))
        extra = [f for f in fractions if f not in figures]
        extra += counted(masked, sentence.start - offset, sentence.end - offset, offset, figures + extra)
        if not figures and not extra:
            continue
        urls = tuple(dict.fromkeys(u for start, end in spans for u in _cited(doc, start, end)))
        if not urls:
            continue
        text = " ".join(_without_links(doc, sentence.start, sentence.end).split())
        for start, end in sorted(figures + extra):
            out.append(Claim(start, end, doc.text[start:end], text, urls))
    return out


# A percentage written with a fraction: "3-1/2 percent", "0 to 1/4 percent", "1/4 to 1/2 percent", "1/4 percentage
# point" (halves to sixteenths, as ``quantities`` reads them)
_FRACTION = r"(?:\d+[-\s])?[1-9]\d?/(?:2|4|8|16)(?![\d/])"
_FRACTION_PERCENT = re.compile(rf"(?<![\w/.,-])(?:(?:{_FRACTION})(?:\s*(?:to|-|–)\s*(?:{_FRACTION}|\d+(?:\.\d+)?))?|"
                               rf"\d+(?:\.\d+)?\s*(?:to|-|–)\s*(?:{_FRACTION}))"
                               r"\s*(?:percentage[\s-]points?|per\s?cent|percent|%)", re.I)
# A number the statistic rule does not call a statistic, that a source can still be asked about: signed or
# not, after a word (not inside "H1", "Q2"), not a year
_PLAIN = re.compile(r"(?<![\w.,])[+−-]?\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w%]|[.,]\d)")
_YEARLIKE = re.compile(r"(?:1[89]|20)\d\d")
# in percentage points, itself or through the series it ends: "+2.0, +1.5, and +1.5 percentage points", "a 2 percentage-point boost"
_POINTS_AFTER = re.compile(r"(?:\s*,\s*(?:(?:and|or)\s+)?[+−-]?\d+(?:\.\d+)?|\s+(?:and|or)\s+[+−-]?\d+(?:\.\d+)?)*"
                           r"(\s*(?:percentage[\s-]points?|p\.\s?p\.|pp|ppts?)\b)", re.I)
# a count of a thing it names: "17 recommendations", "approximately 200 recommendations", "13 of the 20 requirements"
_NOUN_AFTER = re.compile(r"(?:\s+of\s+(?:the\s+)?\d[\d,]*)?\s+(?:[a-z][a-z-]+\s+){0,2}?[a-z]{3,}s\b")


def counted(text: str, start: int, end: int, offset: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans (in the document, ``offset`` on from ``text``'s) of the figures of ``text[start:end]`` a
    source can be asked about that the statistic rule does not see (``taken``): a number in percentage
    points (with its unit when it follows), and a plain count of a thing it names (its unit, as read,
    a count: not "30 hours", "1.5 million tonnes")."""
    from artlint.verify.quantities import quantities

    out = []
    for m in _PLAIN.finditer(text, start, end):
        a, b = offset + m.start(), offset + m.end()
        if _YEARLIKE.fullmatch(m.group().lstrip("+−-")) or any(x < b and a < y for x, y in taken):
            continue
        points = _POINTS_AFTER.match(text, m.end(), end)
        if points:
            out.append((a, offset + points.end() if points.start(1) == m.end() else b))
            continue
        noun = _NOUN_AFTER.match(text, m.end(), end)
        if noun and not m.group().startswith(("+", "−", "-")):
            read = quantities(text[m.start():noun.end()])
            if read and read[0].unit == "count" and read[0].value >= 2:
                out.append((a, b))
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
