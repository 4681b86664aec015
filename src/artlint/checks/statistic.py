"""Unsupported statistics: a sentence that states a quantity as fact with no citation in it or
in the sentence right after it (in the same block).

What counts as a statistic is data: the rule's ``statistics`` patterns (percentages, shares,
money, large counts, multiples, rankings), minus ``not_statistics`` (durations, numbered names
such as ``Section 230``...). Patterns may use ``{{name}}`` for a vocabulary (a list of literal
words) or a fragment (a regex) from the options. Quoted speech is blanked first, and
headings, titles, table cells and Sources-like sections are never read (see ``_attribution``).
Every statistic of an unsupported sentence is reported, each at its own span, except a figure
the article already stated that is pointed back at (``back_reference_words``: "That $30
billion gets ...") and a figure of the article's title stated again after its first mention in
the body (the title's "5% target" is the article's subject; its first mention is the claim).
"""

from __future__ import annotations

import bisect
import re
from itertools import islice
from functools import lru_cache
from typing import Iterable, Iterator

from artlint.checks._alternation import Alternation
from artlint.checks._attribution import (Attribution, Scope, check_fragments, expand, list_scanner, merged_spans,
                                        phrase_finder)
from artlint.checks._regex import TimedPattern, compile_pattern, in_user_rule
from artlint.checks._sources import note_label, shared_options as shared_source_options, source_notes
from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import FIELD, HEADING, LIST_ITEM, PARAGRAPH, TITLE


# A sentence that opens with an "Example" label ("_Example:_ Postcode XYZ contains 5 properties",
# "_Example_" on a line of its own):
# a worked example, like one a worked_example_opener starts (not "For example: exports rose 12%")
_EXAMPLE_LABEL = re.compile(r"[ \t*_]*(?:(?:an?|worked|numerical|illustrative)\s+)?example[*_]*(?:\s*[:—–]|[ \t]*\n)", re.I)


class Check:
    name = "statistic"

    def __init__(self, options: dict) -> None:
        vocabulary = options.get("vocabulary", {})
        fragments = options.get("fragments", {})
        check_fragments(vocabulary, fragments)
        stats = options["statistics"]
        self.kinds: list[str] = []
        parts = []
        for i, stat in enumerate(stats):
            pattern = expand(stat["pattern"], vocabulary, fragments, ["statistics", i, "pattern"])
            compile_pattern(pattern, ["statistics", i, "pattern"], re.IGNORECASE)
            parts.append(pattern)
            self.kinds.append(stat["kind"])
        # A user's patterns keep their time limit (as one regex); others are scanned token by token.
        combined = None
        if in_user_rule():
            combined = compile_pattern("|".join(f"(?P<k{i}>{p})" for i, p in enumerate(parts)), ["statistics"],
                                       re.IGNORECASE)
        self.statistics = combined if isinstance(combined, TimedPattern) else Alternation(parts, re.IGNORECASE)
        self.exclusions = list_scanner(options.get("not_statistics", []), "not_statistics", vocabulary, fragments)
        self.scope = Scope(options, ("paragraph", "list_item"))
        self.attribution = Attribution(options.get("attribution", {}))
        self.next_sentence = options.get("next_sentence", True)
        # "Suppose there are two vaccines ...": the figures after it, to the end of the section,
        # are the example's, not measurements.
        # (searched in every sentence: a regex that re scans quickly, finding the same sentences)
        self.example = phrase_finder(options.get("worked_example_openers", []), ["worked_example_openers"])
        # "### Base Case Scenario (60% Probability)": the figures under it are the scenario's
        # assumptions, not measurements.
        self.scenario = phrase_finder(options.get("scenario_headings", []), ["scenario_headings"])
        # "**Target Profile:**" over "- $3M-$30M revenue": the list's figures are criteria
        self.criteria = phrase_finder(options.get("criteria_leads", []), ["criteria_leads"])
        # "The document under review is a SAFE agreement ...": an article that opens by naming
        # the one document it reviews takes its figures from it.
        self.reviewed = phrase_finder(options.get("reviewed_document_phrases", []), ["reviewed_document_phrases"])
        # "Fig. 3. Trust Fund Balance with 20% Reduction …": a caption line is the figure's title
        # and its description, every sentence of it (the chart is its evidence)
        labels = options.get("caption_labels", [])
        # (read from the line break before it: re finds those as fast as it finds a letter, where
        # a scan for the labels' words would stop at every "t" or "e")
        self.caption = (compile_pattern(r"\n[ \t*_>\[]{0,4}(?i:" + "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
                                        + r")\s{1,3}\d{1,3}[a-z]?(?:\*\*|__)?\s{0,3}[:.–—-]", ["caption_labels"])
                        if labels else None)
        self._memo: dict[tuple[str, int], tuple] = {}  # see _sentence_figures
        words = options.get("back_reference_words", [])
        # "That $30 billion gets ...", "the high-level $30 billion account": a determiner and at
        # most two words right before a figure (read back over a short window).
        # words after which "that" opens a clause ("reported that 80% …"), not a pointer back
        self.clause_verbs = frozenset(w.lower() for w in options.get("clause_verbs", []))
        self.refers_back = (
            compile_pattern(r"(?<![\w'’])(?:" + "|".join(re.escape(w) for w in words) + r")\s+(?:[^\W\d_][\w-]*\s+){0,2}$",
                            ["back_reference_words"], re.IGNORECASE)
            if words else None
        )

    def figures(self, masked: str, offset: int, start: int, end: int) -> Iterator[tuple[re.Match, str, bool]]:
        """Every statistic in masked[start-offset:end-offset], with its kind and whether an
        exclusion covers it (a hypothetical figure is no claim, but a later "that $30 billion"
        still points back at it)."""
        a, b = start - offset, end - offset
        return self._with_exclusions(masked, a, b, self._statistics(masked, a, b))

    def _with_exclusions(self, masked: str, a: int, b: int, found: Iterable[tuple[re.Match, int]]
                         ) -> Iterator[tuple[re.Match, str, bool]]:
        """The statistics ``found`` in masked[a:b], with their kinds and whether an exclusion
        covers them. The exclusions are scanned only once a statistic is found, and only as far
        as the last one's start: one that starts after a statistic cannot cover it."""
        exclusions = None  # the exclusions' scan, read as far as the statistics need
        pending = None  # the first exclusion not yet read past
        reach = -1  # how far the exclusions starting at or before the candidate reach
        for m, kind in found:
            if m.end() <= m.start():
                continue
            if self.exclusions is not None:
                if exclusions is None:
                    exclusions = iter(self.exclusions(masked, a, b))
                    pending = next(exclusions, None)
                while pending is not None and pending.start() <= m.start():
                    reach = max(reach, pending.end())
                    pending = next(exclusions, None)
            yield m, self.kinds[kind], reach >= m.end()

    def _sentence_figures(self, masked: str, a: int, b: int) -> list[tuple["_Figure", str, bool]]:
        """``figures`` of masked[a:b], remembered by the sentence's text (with what a pattern
        may look back at before it): an editor re-lints a document after each keystroke, and
        all but one of its sentences are the same as before."""
        lead = min(a, _CONTEXT)
        key = (masked[a - lead:b], lead)
        found = self._memo.get(key)
        if found is None:
            # most sentences state no figure: their scan is all there is to do
            matches = list(self._statistics(masked, a, b))
            found = tuple((m.start() - a, m.end() - a, m.group(0), kind, excluded)
                          for m, kind, excluded in self._with_exclusions(masked, a, b, matches)) if matches else ()
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            self._memo[key] = found
        return [(_Figure(a + s, a + e, text), kind, excluded) for s, e, text, kind, excluded in found]

    def repeated(self, masked: str, m: re.Match, seen: set[str]) -> bool:
        """Is this figure one the article stated before, pointed back at ("that $30 billion")?"""
        if self.refers_back is None or _key(m.group(0)) not in seen:
            return False
        start = m.start()
        back = self.refers_back.search(masked, max(0, start - _BACK_WINDOW), start)
        if back is None:
            return False
        if self.clause_verbs and back.group(0)[:4].lower() == "that":
            # "reported that 80% of …": "that" opens what was reported, it points back at nothing
            before = _LAST_WORD.search(masked, max(0, back.start() - _BACK_WINDOW), back.start())
            if before is not None and before.group(1).lower() in self.clause_verbs:
                return False
        return True

    def _statistics(self, masked: str, a: int, b: int) -> Iterator[tuple[re.Match, int]]:
        """Statistics in masked[a:b], each with the index of the pattern that found it."""
        if isinstance(self.statistics, Alternation):
            return self.statistics.finditer(masked, a, b)  # (its own iterator: no frame between)
        return self._named_statistics(masked, a, b)

    def _named_statistics(self, masked: str, a: int, b: int) -> Iterator[tuple[re.Match, int]]:
        """A user's patterns, joined in one regex whose named groups say which one matched."""
        for m in self.statistics.finditer(masked, a, b):
            yield m, next(j for j in range(len(self.kinds)) if m.group(f"k{j}") is not None)

    def stated(self, doc: Document) -> Iterator[tuple[int, list[tuple[re.Match, str]], int]]:
        """Each sentence in scope that states new figures: (its index in ``doc.sentences``, the
        figures with their kinds, the offset their matches count from)."""
        _skipped, in_scope = self.scope.read(doc)
        seen: set[str] = set()  # figures stated so far, sourced or not
        in_title = self._title_figures(doc)
        terms = self._reviewed_terms(doc)
        # an image's alt text describes the picture (the chart is its own evidence), and a
        # source note's figures say which source holds them
        quiet_starts, quiet_ends = _no_claims(doc, self.caption)
        example_end = -1  # where the worked example being read ends
        # an opener found in no sentence's masked prose is in the document's prose (masking only
        # blanks, and no word runs over a sentence's end): one search of it, in C, mostly decides
        # for every sentence (a search per sentence stopped at each letter an opener starts with)
        opener = self.example if self.example is not None and self.example.search(doc.prose) is not None else None
        in_premises = self._premises_reader(doc)
        for i, sentence, masked in in_scope:
            if self.attribution.is_goal(doc, sentence.block, sentence.start):
                continue  # "- Pass 100% of rebates to patients": a target, not a measurement
            if in_premises(sentence.start):
                continue
            offset = sentence.block.start
            if self.example is not None and (
                    (opener is not None and opener.search(masked, sentence.start - offset, sentence.end - offset))
                    or _EXAMPLE_LABEL.match(masked, sentence.start - offset, sentence.end - offset)):
                example_end = _section_end(doc, sentence.start)
            in_example = sentence.start < example_end
            found = []
            for m, kind, excluded in self._sentence_figures(masked, sentence.start - offset, sentence.end - offset):
                key = _key(m.group(0))
                k = bisect.bisect_right(quiet_starts, offset + m.start()) - 1
                if k >= 0 and offset + m.start() < quiet_ends[k]:
                    continue
                restated = (key in seen and key in in_title) or (key in terms and not _range_end(masked, m.start()))
                if not excluded and not in_example and not restated and not self.repeated(masked, m, seen):
                    found.append((m, kind))
                seen.add(key)
            if found:
                yield i, found, offset

    def _premises_reader(self, doc: Document):
        """A test of whether an offset lies where figures are premises, not claims: in a section
        whose heading names a scenario, or one of its subsections ("## Scenario Analysis" over
        "### Optimistic"), or in a list of criteria ("**Target Profile:**" over its items)."""
        spans = [(sec.start, sec.end) for sec in doc.sections if self.scenario is not None
                 and self.scenario.search(doc.prose, sec.heading.start, sec.heading.end) is not None]
        spans += self._criteria_lists(doc)
        if not spans:
            return _never
        return lambda offset: any(a <= offset < b for a, b in spans)

    def _criteria_lists(self, doc: Document) -> list[tuple[int, int]]:
        """The lists right under a line that ends with a colon and names criteria ("**Profile of
        Ideal Sellers:**"): (start, end) of each run of list items."""
        if self.criteria is None or self.criteria.search(doc.prose) is None:
            return []  # no lead-in names criteria: no block needs a look
        spans = []
        blocks = doc.blocks
        for i, block in enumerate(blocks[:-1]):
            if block.kind != PARAGRAPH or blocks[i + 1].kind != LIST_ITEM:
                continue
            lead_start = doc.text.rfind("\n", block.start, block.end) + 1 or block.start
            lead = doc.prose[lead_start : block.end].rstrip(" \t*_")
            if lead.endswith(":") and self.criteria.search(doc.prose, lead_start, block.end) is not None:
                k = i + 1
                while k + 1 < len(blocks) and blocks[k + 1].kind == LIST_ITEM:
                    k += 1
                spans.append((blocks[i + 1].start, blocks[k].end))
        return spans

    def _title_figures(self, doc: Document) -> set[str]:
        """The figures of the article's title: its level-1 headings, title lines and front-matter
        ``title``."""
        keys: set[str] = set()
        for block in doc.blocks:
            if (block.kind == HEADING and block.level == 1) or block.kind == TITLE or (
                block.kind == FIELD and block.label == "title"
            ):
                keys.update(_key(m.group(0)) for m, _kind in self._statistics(doc.prose, block.start, block.end))
        return keys

    def _reviewed_terms(self, doc: Document) -> set[str]:
        """The figures of the opening paragraph that names the document the article reviews
        ("The document under review is a SAFE agreement ... a valuation cap of $10,000,000"):
        they are that document's terms, wherever the article states them again."""
        if self.reviewed is None:
            return set()
        for block in islice((b for b in doc.blocks if b.kind == PARAGRAPH), _REVIEW_REACH):
            if self.reviewed.search(doc.prose, block.start, block.end) is not None:
                return {_key(m.group(0)) for m, _kind in self._statistics(doc.prose, block.start, block.end)}
        return set()

    def run(self, doc: Document) -> Iterator[Finding]:
        skipped, _in_scope = self.scope.read(doc)
        sources = self.attribution.bind(doc, skipped)
        sentences = doc.sentences
        for i, found, offset in self.stated(doc):
            if sources.supports(sentences, i, next_sentence=self.next_sentence):
                continue
            for m, kind in found:
                yield Finding(offset + m.start(), offset + m.end(), args={"kind": kind})


def _range_end(masked: str, start: int) -> bool:
    """Is the figure at ``start`` the upper end of a range ("10-20%"), not a figure of its own?"""
    return start >= 2 and masked[start - 1] in "-–" and masked[start - 2].isdigit()


def _never(_offset: int) -> bool:
    return False


_CAPTION_REACH = 40  # what a caption's label, its number and its markup take at most
_REVIEW_REACH = 2  # opening paragraphs where an article names the document it reviews
_BACK_WINDOW = 60  # characters read back from a figure for "that", "the high-level"
_LAST_WORD = re.compile(r"([^\W\d_][\w'’-]*)[ \t\n]+$")  # the word right before a pointer
_CONTEXT = 64  # characters before a sentence that its figures may depend on (lookbehinds)
_MEMO_MAX = 8192  # sentences remembered by a check (an editor's documents, a few MB at most)


class _Figure:
    """A figure found in a sentence, as much of a match as its readers use."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _index: int = 0) -> str:
        return self._text


@lru_cache(maxsize=1)
def _source_note_label():
    return note_label(shared_source_options()["note_labels"])


# A writer's bracketed note to the editor: "[CLAIM? every figure here … Press Ganey's 89 percent
# … are not verifiable]", "[VERIFY: the 2028 split]", "[Note: add the source]"
_EDITORIAL_NOTE = re.compile(r"\[(?:(?-i:[A-Z]{3,}(?:[- ][A-Z]{3,})?)|Note|Editor[’']?s\s+note)\s*[?:][^\]\n]*+\]")


def _no_claims(doc: Document, caption: re.Pattern | None = None) -> tuple[list[int], list[int]]:
    """Where the text that states no claims starts and ends, in order: the alt texts of the
    document's images, captions, one-line source notes ("*Sources: the final rule …; the 1.2
    percent estimate is Wakely's.*") and the writer's bracketed notes to the editor (the
    placeholder rules report those)."""
    spans = [(link.text_start, link.text_end) for link in doc.links
             if link.kind in ("image", "html_image") and 0 <= link.text_start < link.text_end]
    if caption is not None:
        spans.extend(_caption_lines(doc.prose, caption))
    if ":" in doc.prose:
        spans.extend((start, reach) for start, _body, _end, reach in source_notes(doc, _source_note_label()))
    if "[" in doc.text:
        spans.extend(m.span() for m in _EDITORIAL_NOTE.finditer(doc.text))
    return merged_spans(spans)  # a note inside a source note: one quiet span, ends in order


def _caption_lines(prose: str, caption: re.Pattern) -> Iterator[tuple[int, int]]:
    """Caption lines: a caption label ("**Figure 6**:", "Fig. 1.", "Table 2 –", a pipeline's chart
    slot "*[Chart 5: …]*") at the start of a line, behind a little markup, to the line's end."""
    first = caption.match("\n" + prose[:_CAPTION_REACH])  # the first line has no break before it
    starts = [0] if first is not None else []
    starts.extend(m.start() + 1 for m in caption.finditer(prose))
    for start in starts:
        end = prose.find("\n", start)
        yield start, len(prose) if end < 0 else end


def _section_end(doc: Document, pos: int) -> int:
    """Where the next heading after ``pos`` starts (the end of the text if none does)."""
    starts = doc.shared.get("heading starts")
    if starts is None:
        starts = doc.shared["heading starts"] = [h.start for h in doc.headings]
    k = bisect.bisect_right(starts, pos)
    return starts[k] if k < len(starts) else len(doc.text)


# "$10M", "$10 million" and "$10,000,000" are one figure: a currency sign or code, a number, a scale
_AMOUNT = re.compile(r"([^\d\s]*)\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(k|m|mn|mln|bn|bln|b|tn|trln|thousand|million|billion|trillion)?")
_SCALE = {"k": 3, "thousand": 3, "m": 6, "mn": 6, "mln": 6, "million": 6, "b": 9, "bn": 9, "bln": 9, "billion": 9,
          "tn": 12, "trln": 12, "trillion": 12}


def _key(figure: str) -> str:
    """What identifies a figure when the article states it again, in any notation."""
    text = " ".join(figure.lower().split())
    amount = _AMOUNT.fullmatch(text)
    if amount is None or not (amount.group(1) or amount.group(4)):
        return text
    sign, whole, fraction, scale = amount.groups()
    digits = whole.replace(",", "") + (fraction or "")[1:]
    exponent = _SCALE.get(scale or "", 0) - len((fraction or "")[1:])
    digits = digits.lstrip("0") or "0"
    stripped = digits.rstrip("0") or "0"
    return f"{sign}{stripped}e{exponent + len(digits) - len(stripped)}"
