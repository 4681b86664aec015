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
from collections import Counter, defaultdict
from array import array
from itertools import chain, compress, count
from operator import methodcaller
from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import QUOTE, SENTENCE_KINDS

# A word (letters first), or a phrase break: punctuation or a run of two or more spaces. Words
# hold no break character and breaks no word character, so one scan finds both. The letters of
# "21st", the "day" of "60-day" and the "s" after "&#8217;" are no word of their own.
_TOKEN = re.compile(r"((?<![\w;])(?<!\d-)[^\W\d_][\w'’-]*)|[^\w\s'’-]|\s{2,}")
# The same for a text of ASCII characters, its classes spelt out: re tests a class of
# characters from a table, a category (\w, \s) through Unicode's tables, character by character.
_ASCII_SPACE = "".join(f"\\x{i:02x}" for i in range(128) if chr(i).isspace())  # what \s matches in ASCII
_ASCII_TOKEN = re.compile(r"((?<![0-9A-Za-z_;])(?<![0-9]-)[A-Za-z][0-9A-Za-z_'-]*)|[^0-9A-Za-z_%s'-]|[%s]{2,}" % (_ASCII_SPACE, _ASCII_SPACE))
_POSSESSIVE = methodcaller("endswith", ("'s", "’s"))
_SPAN = re.Match.span

DEFAULT_STOPWORDS = """a an the and or but nor of to in on at by for with from into onto over under
about after before during between through without within against among via since until upon across
behind beyond toward towards
as is are was were be been being has have had do does did will would can could may might
must shall should that this these those which who whom whose what when where why how it its
their his her our your my not no than then so if while also very more most such
i me we us you he him she they them""".split()


_MEMO_MAX = 4096  # blocks whose tokens are remembered (an editor's documents)


class Check:
    name = "keyword-stuffing"

    def __init__(self, options: dict) -> None:
        self.min_words = options.get("min_words", 4)
        self.max_words = max(self.min_words, options.get("max_words", 8))
        self.min_count = options.get("min_count", 3)
        self.stopwords = frozenset(w.lower() for w in options.get("stopwords", DEFAULT_STOPWORDS))
        # Over one character per token, "\1" for a word a phrase may hold: the runs of at least min_words.
        self._run = re.compile("\x01{%d,}" % self.min_words)
        self._memo: dict[str, str] = {}  # block text -> its tokens (see _tokens)

    def _tokens(self, text: str) -> str:
        """A block's tokens in lower case, joined by NUL, remembered by its text: an editor's
        re-lint after a keystroke tokenises only the block that changed. Kept joined, not as
        lists: a list of token strings costs about twelve bytes a character, the joined tokens
        one."""
        joined = self._memo.get(text)
        if joined is None:
            # ASCII lower-casing keeps every token where it was: tokenize the text lowered
            lows = _ASCII_TOKEN.findall(text.lower()) if text.isascii() else list(map(str.lower, _TOKEN.findall(text)))
            joined = "\0".join(lows)
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            self._memo[text] = joined
        return joined

    def _runs(self, doc: Document) -> Iterator[tuple[tuple[int, int], list[str], int, int]]:
        """Runs of content words between punctuation and function words: (the block, its tokens
        in lower case ("" for a phrase break), the run's first token and its end in that list).
        Tokens are found in C, one call per block; positions only for phrases that repeat.

        A phrase can only occur ``min_count`` times if each of its words does, so a word that
        occurs fewer times in the whole document ends a run as a function word does."""
        blocks = []
        for block in doc.blocks:
            if block.kind in SENTENCE_KINDS:
                if doc.holds_table(block):
                    continue  # an HTML table's cells: labels repeated down its rows, not running text
                if block.kind == QUOTE and not doc.is_writer_note(block):
                    continue  # a quoted passage (a statute's defined terms): another writer's words
                text = doc.prose[block.start:block.end]
                joined = self._tokens(text)
                n = joined.count("\0") + 1
                if n >= self.min_words:
                    blocks.append((block, text, joined, n))
        # All the blocks' tokens, split once: each block's are the next n of them (joined by
        # NUL, the blocks split as each block's tokens would), and they are counted in one call.
        # Only the words that may make a phrase are kept (a set of the few repeated content
        # words, not of every rare one).
        tokens = "\0".join(joined for _, _, joined, _ in blocks).split("\0")
        counts = Counter(tokens)
        content = {low for low, n in counts.items() if n >= self.min_count}
        content -= self.stopwords
        content.discard("")  # a phrase break
        del counts
        first = 0
        for block, text, _joined, n in blocks:
            lows = tokens[first:first + n]
            first += n
            words = bytearray(map(content.__contains__, lows))  # 1: a word a phrase may hold
            if "'" in text or "’" in text:  # possessives, as written ("Japan's", not "JAPAN'S")
                for j in compress(count(), map(_POSSESSIVE, (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text))):
                    words[j] = 0
            for m in self._run.finditer(words.decode("latin-1")):
                yield (block.start, block.end), lows, m.start(), m.end()

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
                elif word[0].islower():  # (a word of a script without case, "経済", is neither)
                    common.add(i)
        return bool(names) and bool(common - names)

    def run(self, doc: Document) -> Iterator[Finding]:
        # Only the runs' own tokens are kept (a run: a tuple of its words), not every block's.
        runs = [(stretch, first, tuple(lows[first:end])) for stretch, lows, first, end in self._runs(doc)]
        # block -> where its tokens start and end, flat (an array: a list of spans would cost
        # about ninety bytes a token)
        word_spans: dict[tuple[int, int], array] = {}

        def span(stretch: tuple[int, int], i: int, n: int) -> tuple[int, int]:
            words = word_spans.get(stretch)
            if words is None:
                # the same tokens as in _runs: found with ASCII classes in an ASCII block
                tokenizer = _ASCII_TOKEN if doc.prose[stretch[0]:stretch[1]].isascii() else _TOKEN
                words = word_spans[stretch] = array("q", chain.from_iterable(
                    map(_SPAN, tokenizer.finditer(doc.prose, *stretch))))
            return words[2 * i], words[2 * (i + n - 1) + 1]

        # Longest phrases first, one length at a time: the phrases of one length and where they
        # occur are all that is held at once (on a big document that repeats itself, every
        # window of every run at every length was several times the document's size).
        candidates = []
        for n in range(self.max_words, self.min_words - 1, -1):
            for key, places in self._phrases(runs, n).items():
                if len(places) < self.min_count:
                    continue
                spans = [span(stretch, i, n) for stretch, i in places]
                if _opens_with_verb(doc, spans[0]):
                    continue  # "reached State Pension age", "unveiled Grand Rapids Open Data": a verb and its object
                if self._mixed_case(doc, spans):  # not plain wording, nor a name like "Critical Raw Materials Act"
                    candidates.append((key, spans))
        # Keep the longest phrase: drop one that only ever occurs inside a longer candidate.
        taken = _Reach(sorted({start for _, spans in candidates for start, _ in spans}))
        for key, spans in candidates:
            # A span is inside a taken one when a taken span starting at or before it ends at or after it.
            fresh = [s for s in spans if taken.furthest(s[0]) < s[1]]
            if len(fresh) < self.min_count and len(fresh) < len(spans):
                continue
            for start, end in fresh:
                taken.add(start, end)
                yield Finding(start, end, args={"count": len(spans)})

    @staticmethod
    def _phrases(runs: list[tuple[tuple[int, int], int, tuple[str, ...]]], n: int
                 ) -> dict[tuple[str, ...], list[tuple[tuple[int, int], int]]]:
        """Phrase of ``n`` words -> where it occurs: (block, index of its first token). Runs
        are short once rare words end them, so every window of every run is counted."""
        where: dict[tuple[str, ...], list[tuple[tuple[int, int], int]]] = defaultdict(list)
        for stretch, first, words in runs:
            for i in range(len(words) - n + 1):
                where[words[i : i + n]].append((stretch, first + i))
        return where


def _opens_with_verb(doc: Document, span: tuple[int, int]) -> bool:
    """Does the phrase open with a verb in lower case, past or in -ing ("reached", "receiving")?
    A keyword is a name with nouns glued to it; a verb and its object are a clause's words."""
    first = doc.text[span[0] : span[1]].split(maxsplit=1)[0]
    return first.islower() and len(first) > 4 and first.endswith(("ed", "ing"))


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
