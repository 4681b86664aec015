"""A source read once, looked up for every figure that cites it.

Every quantity of every passage is indexed by its unit family and value, so a claim's
candidates come from a binary search, not a scan. The words of the passages only rank the
candidates (and find the closest passage when none states the figure): a number decides, the
words never do, but a number in a passage that shares no topic word with the claim (a 60% about
something else) does not support it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from artlint.verify.quantities import Quantity, quantities
from artlint.verify.reading import Passage

_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset("""about above after again against also among and another because been before being below
between both could does doing down during each from further have having here into itself just more most
much only other over same should some such than that their them then there these they this those through
under until very were what when where which while whom will with within would year years percent cent
said says according report reported data share total rose fell increase decrease compared""".split())


def topic_words(text: str) -> frozenset[str]:
    """Content words, crudely stemmed (the first six letters), of a claim or a passage."""
    return frozenset(w[:6] for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP)


@dataclass(frozen=True, slots=True)
class Evidence:
    passage: Passage
    quantity: Quantity | None  # the figure in it (None: a passage on the topic without one)


class SourceIndex:
    def __init__(self, passages: tuple[Passage, ...] | list[Passage]) -> None:
        self.passages = list(passages)
        self.words = [topic_words(p.text + " " + p.context) for p in self.passages]
        self._by_unit: dict[str, tuple[list[float], list[tuple[int, Quantity]]]] = {}
        entries: dict[str, list[tuple[float, int, Quantity]]] = {}
        for i, passage in enumerate(self.passages):
            for q in quantities(passage.text):
                entries.setdefault(q.unit, []).append((q.value, i, q))
        for unit, items in entries.items():
            items.sort(key=lambda e: e[0])
            self._by_unit[unit] = ([v for v, _, _ in items], [(i, q) for _, i, q in items])

    def stating(self, claim: Quantity, words: frozenset[str]) -> Evidence | None:
        """The passage that states ``claim`` and shares most topic words with it, if one does."""
        values, items = self._by_unit.get(claim.unit, ([], []))
        if claim.low is not None and claim.high is not None:
            candidates = [(i, q) for i, q in items if claim.accepts(q)]
        else:
            lo, hi = claim.interval()
            candidates = [(i, q) for i, q in items[bisect.bisect_left(values, lo):bisect.bisect_right(values, hi)]
                          if claim.accepts(q)]
        ranked = sorted(candidates, key=lambda c: -len(words & self.words[c[0]]))
        if ranked and (not words or words & self.words[ranked[0][0]]):
            i, q = ranked[0]
            return Evidence(self.passages[i], q)
        return None

    def closest(self, claim: Quantity, words: frozenset[str]) -> Evidence | None:
        """The passage most about the claim's topic, preferring one with a figure of its unit."""
        _values, items = self._by_unit.get(claim.unit, ([], []))
        best = max(items, key=lambda c: (len(words & self.words[c[0]]), -abs(c[1].value - claim.value)), default=None)
        if best is not None and words & self.words[best[0]]:
            return Evidence(self.passages[best[0]], best[1])
        scores = [len(words & w) for w in self.words]
        if scores and max(scores) > 0:
            return Evidence(self.passages[scores.index(max(scores))], None)
        return None
