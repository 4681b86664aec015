"""An SEO keyword stuffed into prose: the same long phrase, ungrammatical on its own, repeated.

"India Japan economic security" three times, "semiconductor subsidy race India": proper nouns
glued to common nouns without the function words a sentence needs. The signature used: a run
of at least ``min_words`` words with no function word and no possessive, mixing capitalised
and lower-case words, occurring ``min_count`` times or more in running text (titles and
headings excluded, since keywords belong there). Every occurrence is reported.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import SENTENCE_KINDS

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PHRASE_BREAK = re.compile(r"[^\w\s'’-]|\s{2,}")

DEFAULT_STOPWORDS = """a an the and or but nor of to in on at by for with from into onto over under
about as is are was were be been being has have had do does did will would can could may might
must shall should that this these those which who whom whose what when where why how it its
their his her our your my not no than then so if while also very more most such""".split()


class Check:
    name = "keyword-stuffing"

    def __init__(self, options: dict) -> None:
        self.min_words = options.get("min_words", 4)
        self.max_words = max(self.min_words, options.get("max_words", 8))
        self.min_count = options.get("min_count", 3)
        self.stopwords = frozenset(w.lower() for w in options.get("stopwords", DEFAULT_STOPWORDS))

    def _runs(self, doc: Document) -> Iterator[list[re.Match]]:
        """Runs of content words between punctuation and function words."""
        for block in doc.blocks:
            if block.kind not in SENTENCE_KINDS:
                continue
            pos = block.start
            for brk in [*_PHRASE_BREAK.finditer(doc.prose, block.start, block.end), None]:
                stop = brk.start() if brk else block.end
                run: list[re.Match] = []
                for m in _WORD.finditer(doc.prose, pos, stop):
                    word = m.group(0)
                    if word.lower() in self.stopwords or word.endswith(("'s", "’s")):
                        if len(run) >= self.min_words:
                            yield run
                        run = []
                    else:
                        run.append(m)
                if len(run) >= self.min_words:
                    yield run
                pos = brk.end() if brk else block.end

    @staticmethod
    def _mixed_case(doc: Document, spans: list[tuple[int, int]]) -> bool:
        """Some word is a capitalised name (not merely a sentence's first word) and some is not."""
        names: set[int] = set()
        common: set[int] = set()
        for start, end in spans:
            before = doc.prose[max(0, start - 3) : start].rstrip(" *_\"“(")
            initial = not before or before[-1] in ".!?:\n"
            for i, word in enumerate(doc.text[start:end].split()):
                if word[0].isupper():
                    if not (i == 0 and initial):
                        names.add(i)
                else:
                    common.add(i)
        return bool(names) and bool(common - names)

    def run(self, doc: Document) -> Iterator[Finding]:
        where: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
        for run in self._runs(doc):
            for n in range(self.min_words, min(self.max_words, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    words = run[i : i + n]
                    key = tuple(m.group(0).lower() for m in words)
                    where[key].append((words[0].start(), words[-1].end()))
        candidates = []
        for key, spans in where.items():
            if len(spans) < self.min_count:
                continue
            if not self._mixed_case(doc, spans):
                continue  # plain lower-case wording, or a proper name like "Critical Raw Materials Act"
            candidates.append((key, spans))
        # Keep the longest phrase: drop one that only ever occurs inside a longer candidate.
        candidates.sort(key=lambda c: -len(c[0]))
        taken = _Reach(sorted({start for _, spans in candidates for start, _ in spans}))
        for key, spans in candidates:
            # A span is inside a taken one when a taken span starting at or before it ends at or after it.
            fresh = [s for s in spans if taken.furthest(s[0]) < s[1]]
            if len(fresh) < self.min_count and len(fresh) < len(spans):
                continue
            for start, end in fresh:
                taken.add(start, end)
                yield Finding(start, end, args={"count": len(spans)})


class _Reach:
    """Spans added in any order; ``furthest(x)``: the furthest end of those starting at or
    before x (-1 if none). A Fenwick tree of maxima over the possible starts, so that a
    document repeating one phrase thousands of times costs n log n, not n²."""

    def __init__(self, starts: list[int]) -> None:
        self.starts = starts
        self.tree = [-1] * (len(starts) + 1)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start) + 1
        while i < len(self.tree):
            if self.tree[i] < end:
                self.tree[i] = end
            i += i & -i

    def furthest(self, x: int) -> int:
        i = bisect.bisect_right(self.starts, x)
        best = -1
        while i > 0:
            best = max(best, self.tree[i])
            i -= i & -i
        return best
