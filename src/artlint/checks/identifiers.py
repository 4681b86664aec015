"""Book and article identifiers that cannot be right, offline: an ISBN whose check digit (or
length) is wrong, a DOI that is not written as a DOI. A fabricated or garbled reference often
shows itself this way before anyone looks it up.

``isbn``  a number introduced as an ISBN (``ISBN 978-0-86154-373-1``, ``ISBN-10: …``) that is not a
          valid ISBN-10 or ISBN-13 (python-stdnum checks it). Hyphens and spaces are allowed; a
          number not introduced as an ISBN is never read as one.
``doi``   a DOI introduced as one (``doi:``, ``DOI``, a ``doi.org`` link) that does not follow the
          DOI Handbook's syntax: ``10.`` and a registrant code of digits (``.digits`` for
          sub-codes), a ``/``, and a suffix that is not empty.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import unquote

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import target_address

# The label and the run of digit groups after it ("978-0-86154-373-1", "0 19 852663 6").
_ISBN = re.compile(r"\bISBN(?:[- ]?1[03])?[ \t]*[:：]?[ \t]*(\d[\dXx-]*(?:[ \t]\d[\dXx-]*|[ \t][Xx]\b)*)")
_GROUP = re.compile(r"\S+")
_TOKEN = re.compile(r"\S{1,500}")  # a DOI is far shorter; the bound keeps "doi:doi:doi:…" linear
# "doi:", "DOI", "doi.org/": what introduces a DOI in prose (links are read from Document.links).
_DOI_LABEL = re.compile(r"(?<![\w./-])(?:(?:dx\.)?doi\.org/|doi\b[ \t]*(:?)[ \t]*)(?=\S)", re.I)
_DOI = re.compile(r"10\.\d+(?:\.\d+)*/\S+")
_DOI_PREFIX = re.compile(r"10\.\d+(?:\.\d+)*")
_DOI_HOSTS = ("doi.org", "dx.doi.org")
_TRAILING = ".,;:!?'\"”’»*_"


class Check:
    name = "source-identifiers"

    def __init__(self, options: dict) -> None:
        self.identifier = options["identifier"]

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.identifier == "isbn":
            yield from _isbns(doc)
        else:
            yield from _dois(doc)


# ---- ISBN ----------------------------------------------------------------------------------
def _isbns(doc: Document) -> Iterator[Finding]:
    if "ISBN" not in doc.prose:  # a substring test is far cheaper than the regex over a long page
        return
    for m in doc.scan(_ISBN):
        # imported at the first ISBN, not for every article (14 ms of a one-article run)
        from stdnum import isbn
        from stdnum.exceptions import ValidationError

        candidates = _isbn_candidates(doc.prose, m.start(1), m.end(1))
        reasons = []
        for end in candidates:
            number = doc.text[m.start(1) : end]
            digits = _digits(number)
            if digits not in (10, 13):
                reasons.append((end, f"has {digits} digits, not 10 or 13"))
                continue
            try:
                isbn.validate(number)
                break
            except ValidationError as error:
                reasons.append((end, _isbn_reason(error)))
        else:
            end, reason = reasons[-1]
            yield Finding(m.start(1), end, args={"isbn": doc.text[m.start(1) : end], "reason": reason})


def _isbn_candidates(text: str, start: int, end: int) -> list[int]:
    """Where the ISBN may end: after the digit groups that make 10 or 13 digits (an ISBN written
    with spaces runs into a year or a page number after it), else after every group of at most
    13 digits."""
    digits, ends, last = 0, [], start
    for group in _GROUP.finditer(text, start, end):
        count = _digits(group.group())
        if digits and digits + count > 13:
            break
        digits += count
        last = group.end()
        if digits in (10, 13):
            ends.append(last)
    return ends or [last]


def _digits(number: str) -> int:
    return sum(c.isdigit() or c in "Xx" for c in number)


def _isbn_reason(error: Exception) -> str:
    name = type(error).__name__
    if name == "InvalidChecksum":
        return "has a wrong check digit"
    if name == "InvalidComponent":
        return "does not start with 978 or 979"
    return "is not written as an ISBN"


# ---- DOI -----------------------------------------------------------------------------------
def _dois(doc: Document) -> Iterator[Finding]:
    found: list[Finding] = []
    labelled = "doi" in doc.prose.lower()  # else no label: the regex need not walk a long page
    for m in (doc.scan(_DOI_LABEL) if labelled else ()):
        token = _TOKEN.match(doc.prose, m.end())
        start, end = token.start(), token.end()
        if doc.prose.startswith("[", start):
            # "DOI: [10.1103/x](https://doi.org/10.1103/x)": the DOI is the link's text
            close = doc.prose.find("]", start, end)
            start, end = start + 1, close if close > start else end
        end = _trim(doc.prose, start, end)
        value = doc.text[start:end]
        # "the DOI system": a word after "DOI" is not an attempt at one; after "doi:" it needs a digit.
        if m.group(1) is not None and not (value[:1].isdigit() or (m.group(1) and re.search(r"\d", value))):
            continue
        # "doi:https://doi.org/10.1111/x", as reference managers write it: the DOI is the URL's
        reason = _doi_defect(_doi_of_link(value) or value if value[:4].lower() == "http" else value)
        if reason and value.endswith("/") and _wrapped_doi(doc, value, end):
            continue  # "doi:10.1177/" at a line's end, its suffix on the next line: hard-wrapped, whole
        if reason:
            found.append(Finding(start, end, args={"doi": value, "reason": reason}))
    for link in doc.links:
        if link.templated:
            continue  # "https://doi.org/{{ pub.doi }}": a site template fills it in
        doi = _doi_of_link(link.target)
        if doi is not None and link.target_start >= 0:
            reason = _doi_defect(doi)
            if reason:
                found.append(Finding(link.target_start, link.target_end, args={"doi": doi, "reason": reason}))
    yield from sorted(found, key=lambda f: f.start)


def _wrapped_doi(doc: Document, value: str, end: int) -> bool:
    """Does the DOI ``value`` ("10.1177/"), which ends a line at ``end``, go on at the start of the
    next line, as text wrapped at a fixed width breaks one after its slash, and make a valid DOI?"""
    if not doc.prose.startswith("\n", end):
        return False
    after = end + 1
    while after < len(doc.prose) and doc.prose[after] in " \t":
        after += 1
    token = _TOKEN.match(doc.prose, after)
    if token is None:
        return False
    suffix = doc.text[after : _trim(doc.prose, after, token.end())]
    return not _doi_defect(value + suffix)


# A stand-in for a DOI: no digit before its first "/", and words that say so
_DOI_STAND_IN = re.compile(r"(?i)[^\d/]*\b(?:some|your|my|insert|add|placeholder|tbd|example|x{3,})\b[^\d/]*(?:/|$)")


def _doi_of_link(target: str) -> str | None:
    """The DOI a link's target names (a doi.org link or a doi: URI), else None."""
    if target[:4].lower() == "doi:":
        return unquote(target[4:])
    if "doi.org" not in target.lower():
        return None
    parts = target_address(target)
    if parts is None or (parts.hostname or "") not in _DOI_HOSTS or not parts.path.strip("/"):
        return None  # the resolver's home page, not a DOI
    return unquote(parts.path[1:])


def _doi_defect(doi: str) -> str:
    """What is wrong with a DOI's syntax ('' when nothing is; and '' for a template's stand-in,
    "some-doi-number", "your-doi-here", which is a placeholder, not a malformed DOI)."""
    if _DOI.fullmatch(doi) or _DOI_STAND_IN.match(doi):
        return ""
    if not doi.startswith("10."):
        return "does not start with 10."
    if "/" not in doi:
        return "has no / between its prefix and suffix"
    prefix, _, suffix = doi.partition("/")
    if not _DOI_PREFIX.fullmatch(prefix):
        return "has a registrant code that is not digits"
    return "has nothing after the /" if not suffix else "has spaces in its suffix"


def _trim(text: str, start: int, end: int) -> int:
    """Drop sentence punctuation after a DOI, and closing brackets it does not open
    ("(doi:10.1000/182)"), keeping those it does ("10.1016/S0140-6736(21)00213-0")."""
    unopened = {")": text.count(")", start, end) - text.count("(", start, end),
                "]": text.count("]", start, end) - text.count("[", start, end)}
    while end > start:
        c = text[end - 1]
        if c in unopened and unopened[c] > 0:
            unopened[c] -= 1
        elif c not in _TRAILING:
            break
        end -= 1
    return end
