"""keyword-stuffing finds phrases with a pruned, tokenized scan; it must report exactly what
the plain algorithm (every window of every run of content words) reports."""

from __future__ import annotations

import re
from collections import defaultdict

from _hypothesis_profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.checks.keyword_stuffing import Check, _Reach
from artlint.diagnostics import Finding
from artlint.document import parse_document
from artlint.document.model import SENTENCE_KINDS

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PHRASE_BREAK = re.compile(r"[^\w\s'’-]|\s{2,}")


class PlainCheck(Check):
    """The straightforward algorithm: runs from word matches, every window counted."""

    def plain_runs(self, doc):
        for block in doc.blocks:
            if block.kind not in SENTENCE_KINDS:
                continue
            pos = block.start
            for brk in [*_PHRASE_BREAK.finditer(doc.prose, block.start, block.end), None]:
                stop = brk.start() if brk else block.end
                run = []
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

    def run(self, doc):
        where = defaultdict(list)
        for run in self.plain_runs(doc):
            for n in range(self.min_words, min(self.max_words, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    words = run[i : i + n]
                    where[tuple(m.group(0).lower() for m in words)].append((words[0].start(), words[-1].end()))
        candidates = [(key, spans) for key, spans in where.items()
                      if len(spans) >= self.min_count and self._mixed_case(doc, spans)]
        candidates.sort(key=lambda c: -len(c[0]))
        taken = _Reach(sorted({start for _, spans in candidates for start, _ in spans}))
        for _key, spans in candidates:
            fresh = [s for s in spans if taken.furthest(s[0]) < s[1]]
            if len(fresh) < self.min_count and len(fresh) < len(spans):
                continue
            for start, end in fresh:
                taken.add(start, end)
                yield Finding(start, end, args={"count": len(spans)})


WORDS = ["India", "Japan", "economic", "security", "semiconductor", "subsidy", "race", "Japan's", "JAPAN'S",
         "the", "and", "of", "İstanbul", "ports", "Grid", "grid", "battery", "storage", "co-operation", "2024"]
SEPARATORS = [" ", " ", " ", "  ", ", ", ". ", "\n", "\n\n", " (", ") ", "; "]
documents = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=4, max_size=120).map(
    lambda parts: "".join(w + s for w, s in parts))
# Repeat a chunk of the document so that phrases occur several times.
repeated = st.tuples(documents, st.integers(2, 5)).map(lambda t: (t[0] + "\n\n") * t[1])


@settings(max_examples=examples(1), deadline=None)
@given(text=st.one_of(documents, repeated), min_count=st.integers(2, 4), min_words=st.integers(2, 5))
def test_keyword_stuffing_finds_what_the_plain_algorithm_finds(text, min_count, min_words):
    options = {"min_count": min_count, "min_words": min_words, "max_words": min_words + 3}
    for fmt in ("markdown", "text"):
        doc = parse_document(text, "a.md" if fmt == "markdown" else "a.txt")
        fast = [(f.start, f.end, f.args) for f in Check(options).run(doc)]
        plain = [(f.start, f.end, f.args) for f in PlainCheck(options).run(doc)]
        assert fast == plain


@settings(max_examples=examples(1), deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_ascii_tokenizer_finds_the_tokens_the_general_one_finds(text):
    """An ASCII text is tokenized with classes spelt out (faster in re): the same tokens, at
    the same places, as the general tokenizer's."""
    from artlint.checks.keyword_stuffing import _ASCII_TOKEN, _TOKEN

    assert [m.span() for m in _ASCII_TOKEN.finditer(text)] == [m.span() for m in _TOKEN.finditer(text)]
    assert _ASCII_TOKEN.findall(text) == _TOKEN.findall(text)
