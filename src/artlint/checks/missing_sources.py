"""An article that states facts (figures, "according to", quotes) but has no sources at all:
no sources section, no source note ("Source: World Bank, IMF" under a chart), no footnotes or
note markers, no external links. Reported once, on line 1.

Image credits are not sources of claims: an image, a link to a stock-photo site or to an image
file, and a link on a credit line ("Photo by [Jane Doe](…) on [Unsplash](…)") do not count, nor
does a shop's affiliate link (a book advertised with an Amazon associate's "?tag=…-22"). A
source note counts whether or not it gives a locator: it names its sources, and a note with no
URL is reported on its own line by source-without-locator, not a second time here."""

from __future__ import annotations

import re
from typing import Iterator

from artlint.checks._alternation import scanner
from artlint.checks._attribution import Attribution
from artlint.checks._regex import compile_alternatives, compile_each, compile_pattern
from artlint.checks._sources import (LineLabel, note_label, on_labelled_line, section_holds, source_notes, source_sections,
                                     with_shared)
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import FOOTNOTE_DEF, SENTENCE_KINDS, target_address

_EXTERNAL = re.compile(r"^(?:https?:)?//|^www\.", re.I)
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|webp|avif|svg|bmp|tiff?|heic)(?:[?#]|$)", re.I)


class Check:
    name = "missing-sources"
    scope = "document"  # one finding about the whole article (baselines ignore its position)

    def __init__(self, options: dict) -> None:
        options = with_shared(options)
        titles, notes = options["section_titles"], options.get("note_titles")
        # a Notes section counts as sourcing too
        self.titles = compile_pattern(f"(?:{titles})|(?:{notes})" if notes else titles, ["section_titles"], re.I)
        claims = options["claims"]
        compile_each(claims, "claims")
        self.claims = scanner(claims, 0, lambda: compile_alternatives(claims, "claims"))
        self.min_claims = options.get("min_claims", 1)
        # the shared definition of a claim's support: its goal verbs and note markers
        self.attribution = Attribution({})
        self.placeholder = compile_pattern(options.get("placeholder_entry", r"(?!)"), ["placeholder_entry"], re.I)
        self.unpublished = compile_pattern(options.get("unpublished_entry", r"(?!)"), ["unpublished_entry"], re.I)
        self.notes = note_label(options["note_labels"]) if options.get("note_labels") else None
        self.credit_line = LineLabel(options["credit_lines"]) if options.get("credit_lines") else None
        self.credit_hosts = tuple(h.lower().strip(".") for h in options.get("credit_hosts", []))
        self.advert_links = compile_pattern(options.get("advert_links", r"(?!)"), ["advert_links"], re.I)

    def _is_source_link(self, doc: Document, link, own_hosts: frozenset = frozenset()) -> bool:
        """A link to another site that is not an image credit or an affiliate advertisement."""
        if not link.target or link.kind in ("image", "html_image") or not _EXTERNAL.match(link.target):
            return False
        if _IMAGE_FILE.search(link.target) or self._credit_host(link.target) or self.advert_links.search(link.target):
            return False
        if own_hosts and _host(link.target) in own_hosts:
            return False  # another page of the article's own site: related reading, not a source
        return not (self.credit_line and on_labelled_line(doc, self.credit_line, link.start))

    def _credit_host(self, target: str) -> bool:
        host = _host(target)
        return any(host == h or host.endswith("." + h) for h in self.credit_hosts)

    def _has_note(self, doc: Document) -> bool:
        if self.notes is None:
            return False
        for _, body, end, _ in source_notes(doc, self.notes):
            if self.unpublished.fullmatch(doc.text[body:end].strip()):
                continue  # "**Data Sources**: 8 sources consulted" names nothing to check
            if not (self.credit_line and on_labelled_line(doc, self.credit_line, end)):
                return True
        return False

    def _has_sources(self, doc: Document) -> bool:
        if doc.endnotes or any(b.kind == FOOTNOTE_DEF for b in doc.blocks):
            return True  # footnotes, in Markdown or as a converted page kept them
        if any(ref.kind == "role" for ref in doc.footnote_refs):  # {cite:t}`Key`: the build's bibliography
            return True
        if _cites_in_front_matter(doc.metadata):
            return True
        own_hosts = _own_hosts(doc.metadata)
        if any(self._is_source_link(doc, link, own_hosts) for link in doc.links):
            return True
        # a section that holds only "[add sources]" gives none (empty-sources-section says so too)
        if any(section_holds(doc, section, self.placeholder) == "sources"
               for section in source_sections(doc, self.titles)) or self._has_note(doc):
            return True
        # note markers as the statistic rule reads them: ², [3], "levels.5" (an endnote number
        # flattened by PDF-to-text). Not "(Reuters)": it names a source but points at none.
        notes = self.attribution.notes
        return notes is not None and notes.search(doc.prose) is not None

    def run(self, doc: Document) -> Iterator[Finding]:
        claims = 0
        for block in doc.blocks:
            if block.kind in SENTENCE_KINDS and not self.attribution.is_goal(doc, block):
                claims += sum(1 for _ in self.claims(doc.prose, block.start, block.end))
                if claims >= self.min_claims:
                    break
        if claims < self.min_claims or self._has_sources(doc):
            return
        start, end = doc.line_span(1)
        yield Finding(start, end)


# front-matter keys whose value is the address of the article or of its site
_OWN_URL_KEYS = frozenset({"url", "canonical", "canonical_url", "canonicalurl", "permalink", "site_url", "siteurl",
                           "baseurl", "base_url", "homepage", "link"})


# front-matter keys whose value names what the article is based on: a reading note's or a link
# blog's source (schema.org ``isBasedOn: {url: …}``, ``via:``). Not ``source_url:``: an archive's
# copy names there where the article itself was published
_SOURCE_KEYS = frozenset({"isbasedon", "is_based_on", "basedon", "based_on", "via"})


def _cites_in_front_matter(metadata) -> bool:
    """Does a source key of the front matter hold an external address, at any depth?"""
    if not isinstance(metadata, dict):
        return False
    return any(str(key).lower() in _SOURCE_KEYS and _holds_url(value) for key, value in metadata.items())


def _holds_url(value, depth: int = 0) -> bool:
    if depth > 4:
        return False
    if isinstance(value, str):
        return _EXTERNAL.match(value.strip()) is not None
    if isinstance(value, dict):
        return any(_holds_url(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_holds_url(v, depth + 1) for v in value)
    return False


def _host(target: str) -> str:
    parts = target_address(target)
    host = (parts.hostname or "") if parts else ""
    return host.lower().removeprefix("www.")


def _own_hosts(metadata, depth: int = 0) -> frozenset:
    """The hosts of the article's own site, from its front matter (``url:``, ``canonical:``,
    at any depth: ``meta: {site: {url: …}}``)."""
    hosts: set[str] = set()
    if depth > 4 or not isinstance(metadata, dict):
        return frozenset()
    for key, value in metadata.items():
        if isinstance(value, dict):
            hosts |= _own_hosts(value, depth + 1)
        elif isinstance(value, str) and str(key).lower() in _OWN_URL_KEYS and _EXTERNAL.match(value.strip()):
            host = _host(value.strip())
            if host:
                hosts.add(host)
    return frozenset(hosts)
