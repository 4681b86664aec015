"""The source-verification phase of ``artlint check --verify-sources``: for every figure that
cites a web source, fetch the source once per run (the source cache first), read and index it
once, and say whether it states the figure, through the ``source-claim`` rules.

Like the online link phase (``links.runner``), ``check`` calls ``add()`` for each file it linted
and ``check()`` once at the end. Fetching is the link checker's (``pages.PageFetcher``): per-host
limits, ``Retry-After``, the private-address guard, the whole-request deadline and one time budget.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import replace
from pathlib import Path

from artlint.config import Config
from artlint.diagnostics import SEVERITY_RANK
from artlint.document import Document, format_for
from artlint.engine import lint_document, parsed_document
from artlint.links.runner import LinkOutcome as ClaimOutcome  # what a source-claim rule reports for a figure
from artlint.records import dataclass
from artlint.verify.claims import Claim, claims
from artlint.verify.reading import SourceText

SUPPORTED, NOT_IN_SOURCE, UNREADABLE = "supported", "figure-not-in-source", "source-unreadable"
NOT_CHECKED = "not-checked"  # the figure, not the source, is what artlint cannot read: no rule reports it; the summary does
_PDF = frozenset({"application/pdf"})
_EXCERPT = 160


@dataclass
class _File:
    result: object  # FileResult
    doc: Document
    source: str
    rules: list
    level: int
    claims: list[Claim]


class SourceVerification:
    def __init__(self, enabled: bool | None = None, allow_private: bool = False, no_cache: bool = False,
                 err=None) -> None:
        """``enabled``: the command line's ``--verify-sources`` (None: each config decides)."""
        self.enabled = enabled
        self.allow_private = allow_private
        self.no_cache = no_cache
        self.err = err if err is not None else sys.stderr
        self.files: list[_File] = []
        self.config: Config | None = None
        self.sources: dict[str, SourceText] = {}
        self.from_cache = 0
        self.seconds = 0.0

    def wanted(self, config: Config) -> bool:
        return self.enabled if self.enabled is not None else bool(getattr(config, "verify_sources", False))

    def add(self, result, source: str, path: Path, config: Config, rules: list, level: int,
            format: str | None = None) -> None:
        """Remember one linted file (its ``FileResult``: ``path`` and ``diagnostics``) if its cited
        figures are to be verified. ``format``: a web page's, when its name does not say it."""
        if not self.wanted(config):
            return
        verdict_rules = [r for r in rules if getattr(r.checker, "name", "") == "source-claim"]
        statistic = next((r.checker for r in rules if getattr(r.checker, "name", "") == "statistic"), None)
        if not verdict_rules or statistic is None:
            return
        self.config = self.config or config
        doc = parsed_document(source, result.path, format=format or format_for(result.path), lang=config.language,
                              fields=config.front_matter_fields)
        found = claims(doc, statistic)
        if found:
            self.files.append(_File(result, doc, source, verdict_rules, level, found))

    def check(self) -> bool:
        """Fetch, read and match; add the diagnostics to the files' results. True when one of
        them is at or above its file's fail level."""
        if not self.files:
            return False
        started = time.monotonic()
        urls = list(dict.fromkeys(u for f in self.files for c in f.claims for u in c.urls))
        self.sources = self._read(urls)
        from artlint.verify.index import SourceIndex

        indexes = {u: SourceIndex(t.passages) for u, t in self.sources.items() if t.unreadable is None}
        failing = False
        for f in self.files:
            f.doc.source_claim_results = [_outcome(c, self.sources, indexes) for c in f.claims]
            diags = lint_document(f.doc, f.rules, f.source)
            if diags:
                f.result.diagnostics.extend(diags)
                f.result.diagnostics.sort(key=lambda d: d.sort_key)
                failing |= any(SEVERITY_RANK[d.severity] >= f.level for d in diags)
        self.seconds = time.monotonic() - started
        return failing

    def _read(self, urls: list[str]) -> dict[str, SourceText]:
        from artlint.links.settings import settings_from_config

        settings = settings_from_config(self.config, allow_private=self.allow_private, no_cache=self.no_cache)
        cache, kept = None, {}
        if settings.cache:
            from artlint.links.cache import producer_of
            from artlint.verify.cache import SourceCache

            from artlint.verify.reading import READING

            # a copy read by an older reader (one without a PDF table's rows) is read again, not reused
            cache = SourceCache(settings.cache_dir, settings.max_age, f"{producer_of(settings)}/{READING}", self._warn)
            kept = cache.kept(urls)
        found = {u: k.text for u, k in kept.items() if k.fresh}
        self.from_cache = len(found)
        missing = [u for u in urls if u not in found]
        if missing:
            conditional = {u: kept[u].validators for u in missing if u in kept}
            fetched, validators = self._fetch(missing, settings, conditional)
            for url in [u for u, text in fetched.items() if text is None]:  # 304: the kept copy holds
                fetched[url] = kept[url].text
                validators[url] = kept[url].validators
                self.from_cache += 1
            found.update(fetched)
            if cache is not None:
                # a source that could not be fetched has no validators: it is asked for again next run
                cache.store({u: (t, validators[u]) for u, t in fetched.items() if u in validators})
        if cache is not None:
            cache.close()
        return found

    def _fetch(self, urls: list[str], settings, conditional: dict[str, dict]):
        """What each URL says now (None: unchanged since the copy asked about in ``conditional``),
        and the validators of each source that was read (none for one that could not be fetched)."""
        from artlint.links.progress import ProgressBar
        from artlint.pages import PageFetcher
        from artlint.verify.reading import read_source

        bar = ProgressBar(self.err, label="Reading sources")
        try:
            pages = PageFetcher(settings, bar, binary=_PDF).fetch(urls, conditional)
        finally:
            bar.close()
        out: dict[str, SourceText | None] = {}
        validators: dict[str, dict] = {}
        for url, page in pages.items():
            if page.not_modified:
                out[url] = None
            elif page.text is None:  # not fetched: a network failure is not kept in the cache
                out[url] = SourceText(unreadable=_why_not_fetched(page.error or "not fetched"))
            else:
                out[url] = read_source(page.content_type, page.text if page.body is None else None, page.body, url)
                validators[url] = page.validators
        return out, validators

    def summary(self) -> str | None:
        if not self.files:
            return None
        claimed = sum(len(f.claims) for f in self.files)
        cached = f" ({self.from_cache} from the cache)" if self.from_cache else ""
        unread = [o.args["figure"] for f in self.files for o in getattr(f.doc, "source_claim_results", ())
                  if o.verdict == NOT_CHECKED]
        skipped = (f"; {len(unread)} not checked, artlint cannot read them as figures: "
                   f"{', '.join(repr(u) for u in unread[:3])}{', …' if len(unread) > 3 else ''}") if unread else ""
        return (f"Sources: {claimed - len(unread)} cited figures checked against {len(self.sources)} sources{cached} "
                f"in {self.seconds:.1f} s{skipped}.")

    def print_summary(self, output_format: str, out=None) -> None:
        from artlint.links.runner import print_summary

        print_summary(self.summary(), output_format, out, self.err)

    def _warn(self, message: str) -> None:
        self.err.write(f"artlint: warning: {message}\n")
        self.err.flush()


def _why_not_fetched(error: str) -> str:
    return error if error.startswith(("login wall", "soft 404", "larger than", "not a text page")) else \
        f"it could not be fetched ({error})"


def _outcome(claim: Claim, sources: dict[str, SourceText], indexes: dict) -> ClaimOutcome:
    from artlint.verify.index import Description

    # the figure is the quantity that ends the snippet: "(Box 1) … around 3°C" is 3°C, not 1
    figure = _figure(claim)
    readable = [u for u in claim.urls if u in indexes]
    if not readable:
        url = claim.urls[0]
        reason = sources[url].unreadable if url in sources and sources[url].unreadable else "it could not be read"
        return ClaimOutcome(claim.start, claim.end, UNREADABLE, {"url": url, "reason": reason, "figure": claim.figure})
    if figure is None:  # the source is readable: saying it is not would send an editor to the wrong thing
        return ClaimOutcome(claim.start, claim.end, NOT_CHECKED,
                            {"url": readable[0], "reason": "artlint cannot read it as a figure", "figure": claim.figure})
    at = claim.sentence.find(claim.figure)

    def about(index) -> Description:
        return index.described(claim.sentence, at, at + len(claim.figure)) if at >= 0 else Description(
            frozenset(), frozenset(), frozenset())

    for url in readable:
        evidence = indexes[url].stating(figure, about(indexes[url]))
        if evidence is not None:
            return ClaimOutcome(claim.start, claim.end, SUPPORTED, _evidence_args(claim, url, evidence))
    url = readable[0]
    closest = indexes[url].closest(figure, about(indexes[url]))
    args = {"url": url, "figure": claim.figure, "passage": "", "location": "", "found": ""}
    if closest is not None:
        args.update(_evidence_args(claim, url, closest))
    args["says"] = (f"the source says {closest.quantity.surface!r}: {args['passage']!r}" if closest and closest.quantity
                    else f"the closest passage: {args['passage']!r}" if closest else "the source does not mention it")
    return ClaimOutcome(claim.start, claim.end, NOT_IN_SOURCE, args)


# A figure's range's other end, with its unit: " to 4.5 percent" (not after "from" or a change: "from 4.25 percent
# to 4.5 percent" is a change)
_OPENS_RANGE = re.compile(r"\s*(?:to|–)\s*[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent\b|per\s?cent\b))?", re.I)
_FROM_BEFORE = re.compile(r"\b(?:from|by|rose|fell|increased|decreased|grew|declined|jumped|dropped|climbed|up|down)"
                          r"\s+(?:\S+\s+){0,2}\S*$", re.I)  # a change and the level it reached: "rose 2 percent to 4.5 percent"
_WORD_NEXT = re.compile(r"\s+[^\W\d_]")  # a word after a number: its scale or unit, perhaps ("350 million tons")
_LISTED_NEXT = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)[+\-−]?\d", re.I)  # ", +1.5", " and 1.5"


def _figure(claim: Claim):
    """The claim's figure as a quantity: the one that ends the snippet of its approximator and itself, or
    the same number read on to its sentence's end when that gives it a unit or an approximator its series
    has ("+2.0, +1.5, and +1.5 percentage points": the +2.0 is in percentage points)."""
    from artlint.verify.quantities import read

    snippet = _with_approximator(claim)
    text, found = read(snippet)
    figure = max(found, key=lambda q: (q.end, -q.start), default=None)
    ranged = _ranged(text, found, figure, len(text) - len(read(claim.figure)[0]))
    if ranged is not None:
        return ranged
    at = claim.sentence.find(claim.figure)
    if figure is None or at < 0:
        return figure
    rest = claim.sentence[at + len(claim.figure):]
    if figure.unit == "count" and figure.low is None and _WORD_NEXT.match(rest):
        # "more than 350" (the statistic rule's figure) of "more than 350 million tons of nickel", "50" of "50 parts per
        # million", "two-thirds" of "two-thirds of U.S. and world resources" (a share): read on to the scale word, unit
        # or "of" that follow it, which say what the number is
        whole = next((q for q in read(snippet + rest)[1] if q.start == figure.start), None)
        if whole is not None and whole.low is None and (whole.unit != "count" or whole.value != figure.value):
            return replace(whole, bound=figure.bound)
    opened = _OPENS_RANGE.match(rest)
    if opened and figure.low is None and not _FROM_BEFORE.search(snippet):
        # "4.25 percent" of "a range of 4.25 percent to 4.5 percent" (the figure ``check`` gives) opens the range
        whole, more = read(snippet + opened.group())
        last = max(more, key=lambda q: (q.end, -q.start), default=None)
        ranged = last if last is not None and last.low is not None and last.start == figure.start else \
            _ranged(whole, more, last, len(text) - len(read(claim.figure)[0]))
        if ranged is not None and ranged.low == figure.value and ranged.unit == figure.unit:
            return ranged
    if figure.unit != "count" and figure.bound != "exact":
        return figure
    if not _LISTED_NEXT.match(rest):
        return figure
    listed = next((q for q in read(snippet + rest)[1] if q.start == figure.start and q.value == figure.value), None)
    if listed is not None and (figure.unit == "count" != listed.unit or figure.bound == "exact" != listed.bound):
        return replace(figure, unit=listed.unit, bound=listed.bound)
    return figure


_RANGE_TO = re.compile(r"\s*(?:to|-|–)\s*")


def _ranged(snippet: str, found: list, last, figure_at: int):
    """A figure written as a range with its unit at both ends ("4.25 percent to 4.5 percent") is the range, as
    "4.25 to 4.5 percent" is, when the claim's figure is the whole of it (not "rose 2 percent to 4.5 percent")."""
    if last is None or last.low is not None:
        return None
    first = next((q for q in found if q.end <= last.start and _RANGE_TO.fullmatch(snippet, q.end, last.start)), None)
    if first is None or first.unit != last.unit or first.low is not None or first.bound != "exact" \
            or first.start < figure_at or not first.value < last.value:
        return None
    return replace(last, value=(first.value + last.value) / 2, low=first.value, high=last.value,
                   surface=snippet[first.start:last.end], start=first.start,
                   decimals=max(first.decimals, last.decimals), fraction=first.fraction and last.fraction)


def _with_approximator(claim: Claim) -> str:
    """The figure with the words just before it in its sentence ("over 60%")."""
    at = claim.sentence.find(claim.figure)
    if at < 0:
        return claim.figure
    start = max(0, at - 30)
    while 0 < start < at and not claim.sentence[start - 1].isspace():
        start += 1  # not from inside a word or number: the tail of "52,000" would read as "00"
    return claim.sentence[start:at + len(claim.figure)]


def _evidence_args(claim: Claim, url: str, evidence) -> dict:
    text = evidence.passage.text
    passage = text if len(text) <= _EXCERPT else text[:_EXCERPT - 1] + "…"
    where = f" ({evidence.passage.location})" if evidence.passage.location else ""
    return {"url": url, "figure": claim.figure, "passage": passage, "location": where,
            "found": evidence.quantity.surface if evidence.quantity else ""}
