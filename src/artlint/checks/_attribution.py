"""Where a claim comes from: citation and attribution cues, shared by the statistic and
vague-attribution checks.

A sentence *carries a citation* when it holds a link or URL, a footnote marker (``[^2]``,
``[2]``, ``²``), a parenthetical citation (``(Reuters, 2024)``), or an attribution to a named
source: a cue followed by a name (``according to the IEA``, ``selon l'Insee``, ``data from
Statista``), a back-reference (``the same report``), or a named subject of a sourcing verb
(``the World Bank estimates``, ``JOGMEC data show``, ``The Trussell Trust said``).

A *named* word is capitalised and is not just the sentence's first word, or is an acronym
(two capitals or more: ``IEA``, ``BloombergNEF``). A capitalised first word is a name only
when the document writes it capitalised mid-sentence elsewhere and never in lower case, so
"Around 60 per cent of shoppers say" is not attributed.

Everything here is linear in the size of the document: links and footnote markers are found
by bisecting sorted offsets, and each sentence is scanned a bounded number of times.

A figure said by the people it counts ("58% of voters said") is not attributed by their
"said": a subject matching ``respondent_subjects`` is never a source. A party that is not a
name but is definite ("exporters argue", "the unions claim") attributes through a verb of
contention (``party_verbs``). ``DocumentSources.supports`` is the one answer to "is this
sentence sourced?" that every check asks.

The vocabularies are data: ``attribution.yaml`` beside this module holds the shared ones, and a
rule's ``attribution`` option replaces any of its keys; nothing here knows a source by name.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from artlint import rule_cache
from artlint.checks import OptionError
from artlint.checks._alternation import CASE_PARTNERS, lowered, scanner
from artlint.checks._regex import compile_alternatives, compile_each, compile_pattern
from artlint.document import Document
from artlint.document.inline import NOTE_NUMBER, SUPERSCRIPT_NOTE
from artlint.document.model import FOOTNOTE_DEF, LIST_ITEM, PARAGRAPH, Block, Sentence, normalize_label
from artlint.ruleset.loader import parse_yaml

_REF = re.compile(r"\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}")
# A word: letters first, then letters, digits and inner ' . & - (so "Lloyd's", "U.S", "Hapag-Lloyd").
_WORD = re.compile(r"[^\W\d_](?:[\w&.'’-]*[^\W_])?")
_ELISION = re.compile(r"^(?:[lLdDjJnNsScCmMtT]|[Qq]u)['’](?=[^\W\d_])")
# Punctuation after which the next word starts a clause of its own (a list label, a quotation).
_INITIAL_GAP = re.compile(r"[:;“«]|(?<!\w)[\"‘]")
_DEFINITE = frozenset({"the", "its", "their", "this", "that", "le", "la", "l", "son", "sa", "ce", "cet", "cette"})
_REFER_WINDOW = 48  # characters after a speech verb that may refer back to the claim ("said on Monday that the rise")
_LOOKBACK = 48  # words read back from a verb to find its subject (past one aside)
_BOUNDARY = re.compile(r",(?=\s)|[;:(\[—–]|\s-\s")
_LINK_KINDS = frozenset({"inline", "reference", "collapsed", "shortcut", "autolink", "bare", "spaced", "reversed",
                         "html"})
_BY_LABEL = frozenset({"reference", "collapsed", "shortcut"})


# ---- rule options: vocabularies and regex fragments ------------------------------------------

def _literal(phrase: str) -> str:
    return r"\s+".join(re.escape(part) for part in phrase.split())


def _phrase_alternation(phrases: list[str]) -> str:
    key = tuple(phrases)
    try:
        return _alternation_of(key)
    except TypeError:  # not phrases (unhashable): as the function itself says
        return _alternation_of.__wrapped__(key)


@lru_cache(maxsize=1024)  # the same vocabularies are expanded into many rules' patterns
def _alternation_of(phrases: tuple[str, ...]) -> str:
    """Literal phrases as one alternation that re tries in their order, the phrases with the same
    first character under one branch ("m(?:illion|n)"): at a place in the text only the phrases
    starting with its character can match, so re tries them in the same order as in the flat
    alternation and finds the same match, without entering a branch for every other phrase (a
    vocabulary of 60 units was 60 branches tried after every number). Grouped only when the
    first characters are ASCII and no two of them differ only in case (whatever the flags, two
    groups then never both match one character); else the flat alternation."""
    literals = [_literal(p) for p in phrases]
    firsts = [p.lstrip()[:1] for p in phrases]
    if not all(c and c.isascii() for c in firsts) or len({c.lower() for c in firsts}) != len(set(firsts)) \
            or len(set(firsts)) == len(phrases):
        return "|".join(literals)
    groups: dict[str, list[str]] = {}
    for first, literal in zip(firsts, literals):
        groups.setdefault(first, []).append(literal[len(re.escape(first)):])
    return "|".join(re.escape(first) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                    for first, rests in groups.items())


def expand(pattern: str, vocabulary: dict, fragments: dict, path: list) -> str:
    """Replace ``{{name}}`` with a vocabulary (an alternation of literal phrases, longest
    first) or a fragment (a regex, which may itself refer to vocabularies)."""
    seen = 0
    while _REF.search(pattern):
        seen += 1
        if seen > 8:
            raise OptionError(path, "fragments refer to each other in a loop")

        def sub(m: re.Match) -> str:
            name = m.group(1)
            if name in vocabulary:
                words = sorted(vocabulary[name], key=len, reverse=True)
                return "(?:" + _phrase_alternation(words) + ")"
            if name in fragments:
                return "(?:" + fragments[name] + ")"
            raise OptionError(path, f"unknown vocabulary or fragment {{{{{name}}}}}")

        pattern = _REF.sub(sub, pattern)
    return pattern


def compile_list(patterns: list[str], option: str, vocabulary: dict, fragments: dict,
                 flags: int = re.IGNORECASE) -> re.Pattern | None:
    """Expand and compile each pattern (naming a bad one), then all as one alternation."""
    if not patterns:
        return None
    expanded = [expand(p, vocabulary, fragments, [option, i]) for i, p in enumerate(patterns)]
    for i, p in enumerate(expanded):
        compile_pattern(p, [option, i], flags)
    return compile_pattern("|".join(f"(?:{p})" for p in expanded), [option], flags)


def list_scanner(patterns: list[str], option: str, vocabulary: dict, fragments: dict,
                 flags: int = re.IGNORECASE):
    """``finditer(text, pos, endpos)`` over the patterns' whole matches, as ``compile_list``'s
    alternation gives them but scanned token by token where possible; None for no patterns."""
    if not patterns:
        return None
    expanded = [expand(p, vocabulary, fragments, [option, i]) for i, p in enumerate(patterns)]
    compile_each(expanded, option, flags)
    return scanner(expanded, flags,
                   lambda: compile_pattern("|".join(f"(?:{p})" for p in expanded), [option], flags))


def check_fragments(vocabulary: dict, fragments: dict) -> None:
    for name, fragment in fragments.items():
        compile_pattern(expand(fragment, vocabulary, fragments, ["fragments", name]), ["fragments", name],
                        re.IGNORECASE)


def _longest_first(words: Iterable[str]) -> list[str]:
    """Longest first, and in one order whatever the set they came from: a regex built from them
    is the same text in every process, so the rule cache that keeps it by its text serves it
    (ordered by length alone, a set's order changed with each process's hash seed)."""
    return sorted(words, key=lambda w: (-len(w), w))


def phrase_regex(phrases: Iterable[str], path: list) -> re.Pattern | None:
    """Literal phrases as one case-insensitive, whole-word regex."""
    words = _longest_first({p for p in phrases if p.strip()})
    if not words:
        return None
    return compile_pattern(r"(?<![\w'’])(?:" + _phrase_alternation(words) + r")(?![\w'’])", path,
                           re.IGNORECASE)


def phrase_finder(phrases: Iterable[str], path: list):
    """A regex whose ``search`` finds something exactly where ``phrase_regex``'s does (whatever
    ``pos`` and ``endpos``), but that re scans quickly: it opens with a plain class of the
    phrases' first characters, so re skips in C every place where none can start (a case-blind
    regex opening with a look-behind is tried at every character). Its matches are one character
    long: for a yes or no only. ``phrase_regex`` itself when a first character is not ASCII."""
    words = _longest_first({p for p in phrases if p.strip()})
    if not words:
        return None
    firsts = {w.split()[0][0] for w in words}
    if not all(c.isascii() for c in firsts):
        return phrase_regex(phrases, path)
    # re, ignoring case, matches an ASCII letter with its other case and a few beyond ASCII
    chars = sorted({v for c in firsts for v in (c, c.lower(), c.upper(), *CASE_PARTNERS.get(c.lower(), ""))})
    first = "[" + "".join(re.escape(c) if c.isascii() else f"\\u{ord(c):04x}" for c in chars) + "]"
    finder = compile_pattern(r"(?-i:" + first + r")(?<=(?<![\w'’])(?=(?:" + _phrase_alternation(words)
                             + r")(?![\w'’]))(?s:.))", path, re.IGNORECASE)
    # each phrase's words, every one of which a match of it holds: looked for first in a long text
    phrase_words = [tuple(_longest_first(set(w.lower().split()))) for w in words]
    # (letters and digits, and apostrophes, which have no other case: "let's", "you’re")
    if all(part.replace("'", "").replace("’", "").isascii() and part.replace("'", "").replace("’", "").isalnum()
           for parts in phrase_words for part in parts):
        return _PhraseFinder(finder, phrase_words)
    return finder


class _PhraseFinder:
    """A phrase finder's ``search`` that, in a long text (a whole document's prose), first looks
    for each phrase's words in the text lowered: found in C at the speed of ``str.find``, where
    the finder's regex stops at every letter a phrase starts with. The regex runs only when
    every word of some phrase is there."""

    def __init__(self, finder, phrase_words: list[tuple[str, ...]]) -> None:
        self._finder = finder
        self._phrase_words = sorted(set(phrase_words))

    def search(self, string: str, pos: int = 0, endpos: int | None = None):
        if endpos is None:
            endpos = len(string)
        if endpos - pos >= _LONG_TEXT:
            low = lowered(string)
            if low is not None and not any(all(low.find(w, pos, endpos) >= 0 for w in words)
                                           for words in self._phrase_words):
                return None
        return self._finder.search(string, pos, endpos)


_LONG_TEXT = 1000  # characters: a sentence's or a heading's search is the regex's alone


# ---- where not to look ---------------------------------------------------------------------

class Scope:
    """Which sentences a check reads: block kinds, and not inside a Sources-like section.
    Quoted speech is blanked (``masked``) so its words are the speaker's, not the article's."""

    def __init__(self, options: dict, default_blocks: Iterable[str]) -> None:
        self.blocks = frozenset(options.get("blocks", default_blocks))
        titles = options.get("skip_sections", [])
        self.titles = (
            compile_pattern("|".join(f"(?:{t})" for t in titles), ["skip_sections"], re.IGNORECASE) if titles else None
        )
        for i, t in enumerate(titles):
            compile_pattern(t, ["skip_sections", i], re.IGNORECASE)
        # Each pair is read as the regex open + "[^close\n]*" + close, scanned in linear time.
        self.quotes = [(pair[0], pair[1]) for pair in options.get("quotes", [])]

    def read(self, doc: Document) -> tuple[tuple[list[int], list[int]], InScope]:
        """``skipped_ranges`` and the sentences in scope of the document, worked out once per
        document for every check with the same scope (statistic and vague-attribution share
        theirs): a document does not change while it is linted."""
        key = ("scope", self.blocks, self.titles.pattern if self.titles is not None else None, tuple(self.quotes))
        found = doc.shared.get(key)
        if found is None:
            skipped = self.skipped_ranges(doc)
            found = doc.shared[key] = (skipped, self._in_scope(doc, skipped))
        return found

    def _in_scope(self, doc: Document, skipped: tuple[list[int], list[int]]) -> InScope:
        """The sentences of the blocks in scope, outside skipped sections; a block's masked prose
        is kept only where quoted speech was blanked in it (``mask`` returns its text as is
        otherwise)."""
        starts, ends = skipped
        indexes: list[int] = []
        masks: dict[int, str] = {}
        # a block's masked prose depends on the quotation marks alone: scopes with the same marks
        # (statistic and vague-attribution) blank each block's quotations once between them
        masked_blocks = doc.shared.setdefault(("quotations masked", tuple(self.quotes)), {})
        last: Block | None = None
        table: Block | None = None  # the last HTML block found to hold a table
        for i, s in enumerate(doc.sentences):
            block = s.block
            if block is table:
                continue
            if block.kind not in self.blocks and not (CALLOUT in self.blocks and doc.is_writer_note(block)):
                continue
            if block is not last and doc.holds_table(block):
                table = block  # its cells are a table's, never read (as Markdown tables are not)
                continue
            k = bisect.bisect_right(starts, block.start) - 1
            if k >= 0 and block.start < ends[k]:
                continue
            indexes.append(i)
            if block is not last:
                last = block
                span = (block.start, block.end)
                masked = masked_blocks.get(span, _UNREAD)
                if masked is _UNREAD:
                    prose = doc.prose[block.start : block.end]
                    masked = self.mask(prose)
                    masked = masked_blocks[span] = masked if masked is not prose else None
                if masked is not None:
                    masks[block.start] = masked
        return InScope(doc, indexes, masks)

    def skipped_ranges(self, doc: Document) -> tuple[list[int], list[int]]:
        spans: list[tuple[int, int]] = []
        if self.titles is not None:
            for section in doc.sections:
                if self.titles.fullmatch(section.name(doc)):
                    spans.append((section.start, section.end))
            # and the footnotes a converted page kept without a Notes heading
            spans.extend((notes.start, notes.end) for notes in doc.endnotes)
        return merged_spans(spans)

    def mask(self, text: str) -> str:
        if not self.quotes:
            return text
        chars = None
        for open_, close in self.quotes:
            for a, b in quoted_spans(text, open_, close):
                if chars is None:
                    chars = list(text)
                chars[a + 1 : b - 1] = " " * (b - a - 2)
        return "".join(chars) if chars is not None else text


_UNREAD = object()  # a block whose quotations no scope has masked yet


class InScope:
    """The sentences a scope reads: iterating gives (index in doc.sentences, sentence, its
    block's masked prose). Only the blocks whose masked prose differs keep a copy of it: the
    others are sliced from the document's prose again, since a copy of every block would cost
    the size of the document for as long as it is linted."""

    __slots__ = ("doc", "indexes", "masks")

    def __init__(self, doc: Document, indexes: list[int], masks: dict[int, str]) -> None:
        self.doc = doc
        self.indexes = indexes
        self.masks = masks

    def __iter__(self) -> Iterator[tuple[int, Sentence, str]]:
        sentences = self.doc.sentences
        block: Block | None = None
        masked = ""
        for i in self.indexes:
            s = sentences[i]
            if s.block is not block:
                block = s.block
                masked = self.masks.get(block.start)
                if masked is None:
                    masked = self.doc.prose[block.start : block.end]
            yield i, s, masked


def quoted_spans(text: str, open_: str, close: str) -> Iterable[tuple[int, int]]:
    """The quotations of a block, in linear time. With distinct marks (“…”, «…») a quotation
    runs from its mark to the first closing mark, over line breaks (hard-wrapped text wraps
    quotations too), unless another opening mark comes first: that first mark is left open.
    With one mark for both ends ("…") a quotation stays on its line, so that a stray mark
    cannot pair every quotation after it the wrong way round; unless every mark of the block
    reads, in turn, as an opening and a closing one (a hard-wrapped paragraph quoting a
    source over several lines: "After keeping the rate … ⏎ … by another 25 basis points.")."""
    if open_ == close and "\n" in text:
        pairs = _alternating_marks(text, open_)
        if pairs is not None:
            yield from pairs
            return
    if open_ == close or "\n" in (open_, close):
        yield from _quoted_on_a_line(text, open_, close)
        return
    next_close = -1  # the next closing mark after the quotation being read (cached)
    a = text.find(open_)
    while a >= 0:
        if next_close <= a:
            next_close = text.find(close, a + 1)
            if next_close < 0:
                return
        next_open = text.find(open_, a + 1)
        if next_open < 0 or next_close < next_open:
            yield a, next_close + 1
            a = text.find(open_, next_close + 1)
        else:
            a = next_open


_OPENS_QUOTE_AFTER = frozenset(" \t\n([{:—–-/")
_CLOSES_QUOTE_BEFORE = frozenset(" \t\n.,;:!?)]}—–-*_’'")


def _alternating_marks(text: str, mark: str) -> list[tuple[int, int]] | None:
    """The quotations of a block whose every ``mark`` opens (after a space or the block's
    start, before a word) and closes (after a word, before a space, a stop or the end) in
    turn; None if any mark reads otherwise or one is left open."""
    spans = []
    a = text.find(mark)
    n = len(text)
    while a >= 0:
        if (a and text[a - 1] not in _OPENS_QUOTE_AFTER) or a + 1 >= n or text[a + 1].isspace():
            return None
        b = text.find(mark, a + 1)
        if b < 0 or text[b - 1].isspace() or (b + 1 < n and text[b + 1] not in _CLOSES_QUOTE_BEFORE):
            return None
        spans.append((a, b + 1))
        a = text.find(mark, b + 1)
    return spans


def _quoted_on_a_line(text: str, open_: str, close: str) -> Iterable[tuple[int, int]]:
    """What ``re.compile(re.escape(open_) + "[^" + re.escape(close) + "\\n]*" + re.escape(close))``
    finds, in linear time (the regex reads to the end of the line again for every unclosed
    quotation mark): a quotation runs from its mark to the first closing mark, on the same line."""
    if "\n" in (open_, close):
        regex = re.compile(re.escape(open_) + "[^" + re.escape(close) + "\n]*" + re.escape(close))
        yield from (m.span() for m in regex.finditer(text))
        return
    pos, n = 0, len(text)
    next_close = next_newline = -1  # the next closing mark / newline at or after pos + 1 (cached)
    while True:
        a = text.find(open_, pos)
        if a < 0:
            return
        if next_close <= a:
            next_close = text.find(close, a + 1)
            next_close = n if next_close < 0 else next_close
        if next_newline <= a:
            next_newline = text.find("\n", a + 1)
            next_newline = n if next_newline < 0 else next_newline
        if next_close < next_newline:
            yield a, next_close + 1
            pos = next_close + 1
        elif next_newline >= n:
            return
        else:
            pos = next_newline  # every mark before the newline is left open the same way


# ---- citations and attribution -------------------------------------------------------------

def merged_spans(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans that overlap or touch made one, in order: (starts, ends), both sorted, for bisect."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [a for a, _ in merged], [b for _, b in merged]


def _alternatives(patterns: list[str], path: list, flags: int = 0) -> re.Pattern | None:
    """All the patterns as one alternation (None for none), an error naming the bad one."""
    return compile_alternatives(patterns, path, flags) if patterns else None


@lru_cache(maxsize=1)
def shared_options() -> dict:
    """The attribution vocabularies every check shares (``attribution.yaml``; trusted like the
    packaged rules, and validated against the option schema by the tests)."""
    text = Path(__file__).with_name("attribution.yaml").read_text("utf-8")
    return rule_cache.recall("shared-options", [text], lambda: parse_yaml(text))  # parsed once, kept


_OPENING_QUOTES = ("“", "«", "„")
_OPENING_MARKS = " \t\n*_“\"«„"
# A multiple whose comparand is left out, at the sentence's end: "Afghanistan received seven times as
# much.", "… twice as many." It measures against the figure just stated.
_ELIDED_COMPARISON = re.compile(r"\b(?:twice|thrice|half|(?:[a-z]{3,9}|\d{1,4}(?:\.\d{1,3})?)[- ]times)\s+as\s+(?:much|many)"
                                r"[\s*_]*[.!?]?[\s*_\"”’)]*\Z", re.IGNORECASE)
_CLOSING_MARKS = " \t\n*_”\"»"  # emphasis and quotation marks a lead-in may end inside
_INVERSION_COMMA = re.compile(r"(?:,[”\"’»]?|[”\"’»],)\s*$")
_REPORTING_PRONOUNS = frozenset({"they", "it", "he", "she"})
# a connective that may open the sentence before the pronoun: "In particular, they surveyed …"
_CONNECTIVE = re.compile(r"[\s*_]*(?:in\s+particular|specifically|moreover|in\s+addition|also|furthermore|"
                         r"similarly|likewise|then|later|finally|first|second|third|next),\s*", re.IGNORECASE)
# the scope's name for a block quote that is the writer's own note (``Document.is_writer_note``)
CALLOUT = "callout"
_PRONOUN_REACH = 3  # sentences back that a party's pronoun is followed
_CLAUSE_MARK = re.compile(r"[,;:.!?)\]]")  # between a verb and its party: a clause ends
_AGENT_REACH = 3  # words after a passive verb where its "by" may stand ("pointed out recently by")
_QUOTE_LOOKBACK = 2000  # characters read back for a quotation still open
_OPENS_WITH_PRONOUN = re.compile(r"[\s*_“\"]*(?:They|It|He|She|Their|Its|His|Her)\b")
# "According to her model, ...": the party named just before
_ACCORDING_TO_PRONOUN = re.compile(r"[\s*_]*(?:According|according)\s+to\s+(?:her|his|their|its)\s+[a-z]")
_INTRO_REACH = 12  # sentences a passage introduced with "the following:" is read to run
# A list item's label before its text: "**Pricing:** ", "__Next step__: ", "Hybrid Strategy: "
_ITEM_LABEL = (r"(?:(?:\*\*|__)[^*_:\n]{1,40}(?::(?:\*\*|__)|(?:\*\*|__):)[ \t]+"
               r"|(?-i:[A-Z])[\w&/-]{0,30}(?:[ ][\w&/-]{1,30}){0,3}:[ \t]+)")
_LIST_INTRO_REACH = 40  # sentences of a list that a lead-in "… the following:" is read to introduce
_LEXICON_MEMO_MAX = 8192  # sentences whose lexicon part is remembered


class Attribution:
    """Compiled attribution options (the shared ones, with a rule's own keys in their place);
    ``bind(doc)`` gives the per-document finder."""

    def __init__(self, overrides: dict, path: str = "attribution") -> None:
        options = {**shared_options(), **overrides}
        self.lexicon_memo: dict[tuple[str, bool], tuple[frozenset, frozenset]] = {}  # DocumentSources
        self.notes = _alternatives(options.get("note_marker_patterns", []), [path, "note_marker_patterns"])
        self.listed_notes = _alternatives(options.get("listed_note_patterns", []), [path, "listed_note_patterns"])
        self.citations = _alternatives(options.get("citation_patterns", []), [path, "citation_patterns"])
        self.own_findings = _alternatives(options.get("own_findings", []), [path, "own_findings"])
        self.cues = phrase_regex(options.get("source_cues", []), [path, "source_cues"])
        self.back_refs = phrase_regex(options.get("back_references", []), [path, "back_references"])
        self.derivation = phrase_regex(options.get("derivation_openers", []), [path, "derivation_openers"])
        self.survey_results = _alternatives(options.get("survey_continuations", []), [path, "survey_continuations"], re.I)
        verbs = options.get("goal_verbs", [])
        verbs_alternation = "|".join(re.escape(v) for v in verbs)
        self.goals = (compile_pattern(
            r"[\s\-*+•\d.)]{0,12}(?:(?:\*\*|__)?(?:" + verbs_alternation
            # "Reach: 3 million people" is a label over a figure, not an order, and "Increase of 12%" a noun
            + r")\b(?!(?:\*\*|__)?\s*:)(?!\s+of\b)"
            # "**Pricing:** Implement PPP pricing (30% off)": an order under a label. Not "**Fed:** Cut rates
            # by 50 bps" (a report in the past tense) nor "**Exports:** Increase 12%" (a figure's label)
            + r"|" + _ITEM_LABEL + r"(?:\*\*|__)?(?!cut\b)(?:" + verbs_alternation
            + r")\b(?![\w-])(?!(?:\*\*|__)?\s*:)(?!\s+of\b)(?!\s*(?:by\s+)?[\d$€£¥₹]))", [path, "goal_verbs"], re.I)
                      if verbs else None)
        self.quotation_intros = _alternatives(options.get("quotation_intros", []), [path, "quotation_intros"], re.I)
        self.source_verbs = frozenset(options.get("source_verbs", []))
        self.speech_verbs = frozenset(options.get("speech_verbs", []))
        self.party_verbs = frozenset(options.get("party_verbs", []))
        self.unnamed = frozenset(w.lower() for w in options.get("unnamed_subjects", []))
        self.non_subject = frozenset(w.lower() for w in options.get("non_subject_words", []))
        self.noun_modifiers = frozenset(w.lower() for w in options.get("noun_modifiers", []))
        verbs = _longest_first(self.source_verbs | self.speech_verbs | self.party_verbs)
        # Verbs are matched as written (lower case): "Show" in "Tokyo Motor Show" is no verb.
        self.verbs = (
            compile_pattern(r"(?<![\w'’-])(?:" + "|".join(re.escape(v) for v in verbs) + r")(?![\w'’-])",
                            [path, "source_verbs"])
            if verbs else None
        )
        self.respondents = _alternatives(options.get("respondent_subjects", []), [path, "respondent_subjects"],
                                         re.IGNORECASE)
        self.claim_refs = phrase_regex(options.get("claim_references", []), [path, "claim_references"])
        self.back_subjects = frozenset(w.lower() for w in options.get("back_reference_subjects", []))
        self.possessed = frozenset(w.lower() for w in options.get("possessed_sources", []))
        self.auxiliaries = frozenset(w.lower() for w in options.get("auxiliaries", []))
        self.passive = frozenset(w.lower() for w in options.get("passive_markers", []))
        self.not_names = frozenset(w.lower() for w in options.get("not_names", []))
        self.metric_heads = frozenset(w.lower() for w in options.get("metric_heads", []))
        self.noun_verbs = frozenset(w.lower() for w in options.get("noun_verbs", []))
        self.state_objects = frozenset(w.lower() for w in options.get("state_objects", []))
        self.name_window = options.get("name_window", 6)
        self.subject_window = options.get("subject_window", 6)
        self.trailing_words = options.get("trailing_words", 3)
        self.link_fragments = options.get("fragment_links_cite", False)

    def is_goal(self, doc: Document, block: Block, at: int | None = None) -> bool:
        """Does the block set a goal: a list item that opens with an imperative ("Train 5 million
        farmers", "Make 30% of land regenerative")? Its figures are targets, not measurements.
        With ``at``, the line of the list item holding ``at`` is read: a nested item ("  * **Pricing:**
        Implement a 30% discount") is part of its parent's block."""
        if block.kind != LIST_ITEM or self.goals is None:
            return False
        start = block.start if at is None else max(block.start, doc.prose.rfind("\n", block.start, at) + 1)
        return self.goals.match(doc.prose, start, block.end) is not None

    def bind(self, doc: Document, source_spans: tuple[list[int], list[int]] = ([], [])) -> "DocumentSources":
        """``source_spans``: (starts, ends) of Sources-like sections, whose entries name sources."""
        return DocumentSources(self, doc, source_spans)


class _Token:
    __slots__ = ("start", "end", "word", "initial")

    def __init__(self, start: int, end: int, word: str, initial: bool) -> None:
        self.start, self.end, self.word, self.initial = start, end, word, initial


class _Words:
    __slots__ = ("tokens", "starts")

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]


@lru_cache(maxsize=1)
def _note_label():
    from artlint.checks._sources import note_label, shared_options

    return note_label(shared_options()["note_labels"])


# What may follow a plural noun but not a verb that reports: an aside, a comma, a colon (the
# verb "projects" has its object or "that" next)
_PUNCTUATION_AFTER = re.compile(r"[ \t*_]*[(,;:)]")


class DocumentSources:
    def __init__(self, conf: Attribution, doc: Document, source_spans: tuple[list[int], list[int]]) -> None:
        self.conf = conf
        self.doc = doc
        self.source_spans = source_spans
        self.prose = doc.prose
        defs = doc.reference_definitions
        starts = []
        texts: list[tuple[int, int]] = []
        for link in doc.links:
            if link.kind not in _LINK_KINDS:
                continue
            target = link.target
            if link.kind in _BY_LABEL:
                definition = defs.get(normalize_label(link.label or doc.text[link.text_start : link.text_end]))
                if definition is None:
                    continue  # [source], [citation needed], [LINK]: placeholders, not citations
                target = definition.target
            target = target.strip()
            if not target or target == "#" or (target.startswith("#") and not conf.link_fragments):
                continue
            # where its text starts: a sentence that opens with "<a href=…>This summary</a>
            # states" starts after the tag
            starts.append(max(link.start, link.text_start))
            if link.text_end > link.text_start:
                texts.append((link.text_start, link.text_end))
        self.link_starts = sorted(starts)
        # link texts, each as long as it runs: a sentence that starts inside one is the link's too
        # ("[Zhu et al. 2019. Nine Million Books and …](https://arxiv.org/…)": the title cites its link)
        texts.sort()
        self.link_text_starts = [a for a, _b in texts]
        self.link_text_ends = [b for _a, b in texts]
        footnotes = [r.cites_at for r in doc.footnote_refs]
        if "<sup" in doc.text or "<SUP" in doc.text:  # "… population <sup>7</sup>.": an HTML note mark
            # at its number, which the prose keeps: the tags before it are blanked and may fall between sentences
            footnotes.extend(m.start("note") for m in SUPERSCRIPT_NOTE.finditer(doc.text)
                             if NOTE_NUMBER.fullmatch(m.group("note")))
        if conf.listed_notes is not None and source_spans[0] and "(" in doc.prose:
            # "… loan guarantee (3).": a numbered citation, where a Sources or References list numbers them
            key = ("listed notes", conf.listed_notes.pattern)
            listed = doc.shared.get(key)
            if listed is None:  # (once per document: every check binds its own finder)
                listed = doc.shared[key] = [m.start() for m in conf.listed_notes.finditer(doc.prose)]
            footnotes.extend(listed)
        self.footnote_starts = sorted(footnotes)
        self._lexicon: tuple[set, set] | None = None
        self._cache: dict[int, tuple[bool, bool]] = {}
        self._noted: list[tuple[int, int]] | None = None  # lists that hold a source note (_noted_lists)

    # -- public ---------------------------------------------------------------------------
    def supports(self, sentences: Sequence[Sentence], i: int, *, next_sentence: bool) -> bool:
        """Is ``sentences[i]`` sourced: by a citation of its own or, with ``next_sentence``, by
        one in the sentence right after it in the same block? The one test of support that
        every check shares."""
        sentence = sentences[i]
        if self.cited(sentence, same=True):
            return True
        if next_sentence and i + 1 < len(sentences):
            after = sentences[i + 1]
            if after.block is sentence.block and self.cited(after, same=False):
                return True
            if after.block is not sentence.block and self._source_item(sentence.block, after.block):
                return True
        if next_sentence and (i + 1 == len(sentences) or sentences[i + 1].block is not sentence.block):
            # the block's last sentence: a link after it that is no sentence ("… $2 trillion.⏎🔗
            # https://arstechnica.com/…", a digest's source line) is its next sentence's citation
            if self._any_in(self.link_starts, sentence.end, sentence.block.end):
                return True
        return (self._introduced(sentences, i) or self._continued(sentences, i) or self._derived(sentences, i)
                or (sentence.block.kind == LIST_ITEM and self._in_noted_list(sentence.block)))

    def _in_noted_list(self, item: Block) -> bool:
        """Is the list item in a list that names its source in a note, as an item of its own
        ("- **Source**: Federal Reserve FRED Series M2SL") or on the line right under it? The
        note cites the list, as "Source: World Bank" under a table cites the table."""
        if self._noted is None:
            self._noted = self._noted_lists()
        return any(a <= item.start < b for a, b in self._noted)

    def _noted_lists(self) -> list[tuple[int, int]]:
        """(start, end) of each list (a run of list items) that holds a source note or has one
        in the block right after it."""
        from artlint.checks._sources import source_notes

        doc = self.doc
        if ":" not in doc.prose:
            return []  # (every note's label has its colon)
        notes = sorted(start for start, _body, _end, _reach in source_notes(doc, _note_label()))
        if not notes:
            return []
        found = []
        blocks = doc.blocks
        k = 0
        while k < len(blocks):
            if blocks[k].kind != LIST_ITEM:
                k += 1
                continue
            first = k
            while k + 1 < len(blocks) and blocks[k + 1].kind == LIST_ITEM:
                k += 1
            start, end = blocks[first].start, blocks[k].end
            under = blocks[k + 1] if k + 1 < len(blocks) and blocks[k + 1].kind == PARAGRAPH else None
            if self._any_in(notes, start, under.end if under is not None else end):
                found.append((start, end))
            k += 1
        return found

    def _source_item(self, block: Block, item: Block) -> bool:
        """Is ``item`` a list item right under the paragraph ``block`` that is a link to a source
        ("… $500 million in military aid to Israel.\n- Official Record: [House Clerk — Roll Call
        Vote 207](https://…)")? It cites the paragraph's last sentence as a next sentence would.
        An item that says more than its link is a claim of its own, not a citation."""
        if item.kind != LIST_ITEM or self.prose[block.end : item.start].strip():
            return False
        linked = 0
        for link in self.doc.links_in(item.start, item.end):
            if link.kind in _LINK_KINDS and link.target.strip() and not link.target.startswith("#"):
                linked += link.end - link.start
        return linked > 0 and 2 * linked >= len(self.prose[item.start : item.end].strip())

    def _derived(self, sentences: Sequence[Sentence], i: int) -> bool:
        """"Combining these, about 41% …": a sentence that works on the figures of the sentence
        before it in its block is as well sourced as that sentence ("Afghanistan received seven
        times as much."); so is one that goes on with
        the results of the poll cited just before it ("A poll by X found that 60% … . Only 1%
        believed the crash was an accident.")."""
        conf = self.conf
        if i == 0 or (conf.derivation is None and conf.survey_results is None):
            return False
        start, end = sentences[i].start, sentences[i].end
        while start < end and self.prose[start] in _OPENING_MARKS:  # "*Combining these*, …"
            start += 1
        if not any(opener is not None and opener.match(self.prose, start, end)
                   for opener in (conf.derivation, conf.survey_results)) and not self._elided_comparison(start, end):
            return False
        before = sentences[i - 1]
        return before.block is sentences[i].block and self.cited(before, same=True)

    def _elided_comparison(self, start: int, end: int) -> bool:
        """Does the sentence end with a multiple of a figure it does not name ("seven times as much")?"""
        tail = max(start, end - 60)  # (the comparison is the sentence's last words: read only those)
        return _ELIDED_COMPARISON.search(self.prose[tail:end]) is not None

    def _continued(self, sentences: Sequence[Sentence], i: int) -> bool:
        """Does the sentence open with a pronoun that reports ("They highlighted that ...", "It
        expects ...") or with a quotation mark, right after a sentence attributed to a named
        party ("..., said Gordon Bennett of ICE. “UK emissions have fallen 41% ...")? The pronoun
        is that party, and the quotation goes on in its voice."""
        if i == 0 or self.conf.verbs is None:
            return False
        sentence = sentences[i]
        opens_quote = self._in_quotation(sentence)
        if not (opens_quote or self._pronoun_reports(sentence.start, sentence.end)
                or _ACCORDING_TO_PRONOUN.match(self.prose, sentence.start, sentence.end)):
            return False
        # "The IEA estimated this in a report. They compute the savings. Their calculation
        # includes ... They estimate that ...": sentences that open with the party's pronoun
        # or with its quoted words carry it on, a few sentences at most
        for k in range(i - 1, max(-1, i - 1 - _PRONOUN_REACH), -1):
            before = sentences[k]
            if before.block is not sentence.block:
                return False
            if self.cited(before, same=True):
                return True
            if not (_OPENS_WITH_PRONOUN.match(self.prose, before.start, before.end) or self._in_quotation(before)):
                return False
        return False

    def _in_quotation(self, sentence: Sentence) -> bool:
        """Does the sentence open a quotation, or start inside one that an earlier sentence of
        its block opened ("“…,” her team wrote, “… earlier. Due to this … threshold.”")?"""
        if self.prose.startswith(_OPENING_QUOTES, sentence.start):
            return True
        start = sentence.block.start
        if sentence.start - start > _QUOTE_LOOKBACK:  # a long block: only its last stretch is read
            start = sentence.start - _QUOTE_LOOKBACK
        before = self.prose[start : sentence.start]
        return before.count("“") > before.count("”") or before.count("«") > before.count("»")

    def _pronoun_reports(self, a: int, b: int) -> bool:
        """Is the subject of a reporting verb the sentence's opening pronoun ("They also noted")?"""
        words: _Words | None = None
        for m in self.conf.verbs.finditer(self.prose, a, b):
            words = words or self._tokens(a, b)
            j = bisect.bisect_left(words.starts, m.start()) - 1
            while j >= 0 and words.tokens[j].word.lower() in self.conf.auxiliaries:
                j -= 1
            if j >= 0 and words.tokens[j].word.lower() in _REPORTING_PRONOUNS and (
                    j == 0 or _CONNECTIVE.fullmatch(self.prose, a, words.tokens[j].start)):
                return True
        return False

    def _introduced(self, sentences: Sequence[Sentence], i: int) -> bool:
        """Is the sentence part of a passage that a named party introduces with a colon, earlier
        in the same block ("The BEIS impact assessment states the following on the cap: ...")?
        Such a passage is quoted, without quotation marks, to the end of its block."""
        intro = self.conf.quotation_intros
        if intro is None:
            return False
        block = sentences[i].block
        for k in range(i - 1, max(-1, i - 1 - _INTRO_REACH), -1):
            before = sentences[k]
            if before.block is not block:
                return block.kind == LIST_ITEM and self._list_introduced(sentences, i)
            if intro.search(self.prose, before.start, before.end) and self.cited(before, same=True):
                return True
        return False

    def _list_introduced(self, sentences: Sequence[Sentence], i: int) -> bool:
        """Is the list item's sentence one of the items that a party's sentence introduces with
        a colon right above the list ("Using this specification, they document the following
        results:" then the results, one per item)? Each item is that party's words."""
        k = i - 1
        while k >= 0 and i - k <= _LIST_INTRO_REACH and sentences[k].block.kind == LIST_ITEM:
            k -= 1
        if k < 0 or i - k > _LIST_INTRO_REACH:
            return False
        lead = sentences[k]
        if not self.prose[lead.start : lead.end].rstrip(_CLOSING_MARKS).endswith(":"):
            return False
        if not self.conf.quotation_intros.search(self.prose, lead.start, lead.end):
            return False
        return self.cited(lead, same=True) or self._continued(sentences, k)

    def cited(self, sentence: Sentence, *, same: bool = True) -> bool:
        """Does the sentence carry a citation? ``same=False`` reads it as the sentence *after*
        a claim: a speech verb ("X said") then only counts at its end (", the ONS said."),
        not as the start of a new claim ("Maersk said it will not return")."""
        key = sentence.start
        if key not in self._cache:
            self._cache[key] = self._analyse(sentence.start, sentence.end)
        strong, speech = self._cache[key]
        return strong or (same and speech)

    # -- markers --------------------------------------------------------------------------
    def _in_link_text(self, a: int) -> bool:
        """Does offset ``a`` fall inside the text of a link that cites (one that began before it)?"""
        i = bisect.bisect_right(self.link_text_starts, a) - 1
        return i >= 0 and self.link_text_starts[i] < a < self.link_text_ends[i]

    @staticmethod
    def _any_in(starts: list[int], a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, a)
        return i < len(starts) and starts[i] < b

    def _analyse(self, a: int, b: int) -> tuple[bool, bool]:
        """(carries a citation in any position, is attributed only by a mid-sentence speech verb)."""
        conf, text = self.conf, self.prose
        if self._any_in(self.link_starts, a, b) or self._any_in(self.footnote_starts, a, b) or self._in_link_text(a):
            return True, False
        if conf.notes is not None and conf.notes.search(text, a, b):
            return True, False
        if conf.citations is not None and conf.citations.search(text, a, b):
            return True, False
        if conf.back_refs is not None and conf.back_refs.search(text, a, b):
            return True, False
        # the authors' own finding: like a speech verb, it counts in its own sentence only
        own = conf.own_findings is not None and conf.own_findings.search(text, a, b) is not None
        words: _Words | None = None
        if conf.cues is not None:
            for m in conf.cues.finditer(text, a, b):
                words = words or self._tokens(a, b)
                if self._named_after(words, m.end(), b) or self._definite_body_after(words, m.end(), b):
                    return True, False
        speech = False
        if conf.verbs is not None:
            for m in conf.verbs.finditer(text, a, b):
                words = words or self._tokens(a, b)
                verb = m.group(0)
                if verb[-1:].lower() == "s" and self._verb_follows(words, m.end()):
                    continue  # "Medicare-for-All estimates range from …": a plural noun, then its verb
                if verb[-1:].lower() == "s" and _PUNCTUATION_AFTER.match(text, m.end(), b):
                    continue  # "ASEAN infrastructure projects ($2T+ pipeline)": a plural noun, then an aside
                if self._states(words, m.end()):
                    continue  # "the IPO market showed signs of …": a state shown, no data reported
                named = self._named_subject(words, a, m.start(), party=verb in conf.party_verbs)
                inverted = not named and (self._inverted(words, m.start(), m.end(), b)
                                          or self._passive_by(words, m.start(), m.end(), b))
                if named or inverted:
                    if (verb in conf.source_verbs or inverted or self._trailing(words, m.end())
                            or self._refers_back(m.end(), b)):
                        return True, False
                    speech = True
        return False, speech or own

    # -- words ----------------------------------------------------------------------------
    def _tokens(self, a: int, b: int) -> "_Words":
        """The words of prose[a:b]; ``initial`` marks the first word of the sentence and the
        first word after a colon, semicolon or opening quote (a list label, quoted speech)."""
        text = self.prose
        out: list[_Token] = []
        prev = a
        for m in _WORD.finditer(text, a, b):
            s, e, word = m.start(), m.end(), m.group(0)
            initial = not out or bool(_INITIAL_GAP.search(text, prev, s))
            el = _ELISION.match(word)
            if el:  # "l'Insee": the article is the first word, the name is not
                s, word, initial = s + el.end(), word[el.end():], False
            out.append(_Token(s, e, word, initial))
            prev = e
        return _Words(out)

    def _lexicon_sets(self) -> tuple[set, set]:
        """Words written capitalised mid-sentence, and words written in lower case. The entries
        of a Sources section and footnote definitions start with a name (publisher, author),
        so their first words count as mid-sentence."""
        if self._lexicon is None:
            # the same for every check that binds this document with these Sources sections
            # (statistic and vague-attribution): worked out once
            key = ("lexicon", tuple(self.source_spans[0]), tuple(self.source_spans[1]))
            self._lexicon = self.doc.shared.get(key)
        if self._lexicon is None:
            caps: set[str] = set()
            lower: set[str] = set()
            starts, ends = self.source_spans
            for s in self.doc.sentences:
                k = bisect.bisect_right(starts, s.start) - 1
                entry = s.block.kind == FOOTNOTE_DEF or (k >= 0 and s.start < ends[k])
                sentence_caps, sentence_lower = self._sentence_lexicon(s.start, s.end, entry)
                caps |= sentence_caps
                lower |= sentence_lower
            self._lexicon = self.doc.shared[key] = (caps, lower)
        return self._lexicon

    def _sentence_lexicon(self, start: int, end: int, entry: bool) -> tuple[frozenset, frozenset]:
        """One sentence's part of the lexicon, remembered by its text: an editor re-lints a
        document after each keystroke, and all but one of its sentences are as before."""
        memo = self.conf.lexicon_memo
        key = (self.prose[start:end], entry)
        found = memo.get(key)
        if found is None:
            caps, lower = set(), set()
            for t in self._tokens(start, end).tokens:
                if t.word[0].isupper():
                    if entry or not t.initial:
                        caps.add(t.word)
                else:
                    lower.add(t.word.lower())
            if len(memo) >= _LEXICON_MEMO_MAX:
                memo.clear()
            found = memo[key] = (frozenset(caps), frozenset(lower))
        return found

    def named(self, token: _Token) -> bool:
        word = token.word
        if word.lower() in self.conf.not_names:
            return False
        if sum(c.isupper() for c in word) >= 2:
            return True
        if not word[0].isupper():
            return False
        if not token.initial:
            return True
        caps, lower = self._lexicon_sets()
        # "Faros.ai's analysis found", opening a sentence: the name is written "Faros.ai" elsewhere
        stem = word[:-2] if word.endswith(("'s", "’s")) else word
        return (word in caps or stem in caps) and stem.lower() not in lower

    def _named_after(self, words: "_Words", pos: int, end: int) -> bool:
        """A name among the next few words after ``pos``, before a clause boundary."""
        i = bisect.bisect_left(words.starts, pos)
        taken = 0
        last = pos
        for t in words.tokens[i : i + self.conf.name_window + 1]:
            if _CLAUSE_MARK.search(self.prose, last, t.start) or taken >= self.conf.name_window:
                return False
            if self.named(t):
                return True
            taken += 1
            last = t.end
        return False

    def _definite_body_after(self, words: "_Words", pos: int, end: int) -> bool:
        """"according to the federal government", "according to the central bank": a definite
        body that a subject may point back at (``_points_back``) right after a source cue,
        before a clause boundary."""
        i = bisect.bisect_left(words.starts, pos)
        tokens = words.tokens[i : i + 4]
        if not tokens or tokens[0].word.lower() not in _DEFINITE or tokens[0].start >= end:
            return False
        last = pos
        for k, token in enumerate(tokens):
            if _CLAUSE_MARK.search(self.prose, last, token.start):
                return False
            if k and self._points_back(tokens[: k + 1]):
                return True
            last = token.end
        return False

    @staticmethod
    def _words_after(words: "_Words", pos: int, n: int) -> list[_Token]:
        """The (at most) ``n`` words that start at or after ``pos``."""
        j = bisect.bisect_left(words.starts, pos)
        return words.tokens[j : j + n]

    def _verb_follows(self, words: "_Words", pos: int) -> bool:
        """Is the word right after ``pos`` (past spaces and emphasis) one of ``noun_verbs``?"""
        after = self._words_after(words, pos, 1)
        return bool(after) and after[0].word.lower() in self.conf.noun_verbs and not self.prose[
            pos : after[0].start].strip(" \t*_")

    def _states(self, words: "_Words", pos: int) -> bool:
        """Is the verb's object a state, not data: one of ``state_objects`` as the first or the
        second word after ``pos`` ("showed cracks", "has shown relative stability")?"""
        return any(token.word.lower() in self.conf.state_objects for token in self._words_after(words, pos, 2))

    def _named_subject(self, words: "_Words", a: int, verb_start: int, party: bool = False) -> bool:
        """Is the subject just before the verb named? Skips auxiliaries ("have both said") and
        one comma-delimited aside ("The SELECT trial, which followed ..., found"). Looks back a
        bounded number of words, so a run-on sentence costs no more than a short one. A share of
        respondents ("58% of Britons said") is never a source; with ``party`` (a verb of
        contention) a definite unnamed party ("exporters argue") is one."""
        j = bisect.bisect_left(words.starts, verb_start)
        before = words.tokens[max(0, j - _LOOKBACK) : j]
        if len(before) == _LOOKBACK:
            a = before[0].start
        if before and before[-1].word.lower() in self.conf.passive:
            return False  # "are expected to": a passive has no subject doing the saying
        if before and self._non_subject(before[-1].word.lower(), verb_start) and not self.prose[before[-1].end : verb_start].strip():
            return False  # "in reported debt", "a measured easing cycle": a participle, not a verb
        if (len(before) >= 2 and before[-1].word.lower() in self.conf.noun_modifiers
                and self._non_subject(before[-2].word.lower(), verb_start)
                and not self.prose[before[-2].end : before[-1].start].strip(" \t*_")
                and not self.prose[before[-1].end : verb_start].strip(" \t*_")):
            return False  # "cost 9x its original estimate": a noun after its determiner and an adjective
        while before and before[-1].word.lower() in self.conf.auxiliaries:
            before.pop()
        if not before:
            return False
        end = before[-1].end
        if "," in self.prose[end:verb_start]:
            # An aside closes just before the verb: the subject ends where the aside opens.
            end = self._clause_start(a, end) - 1
            if end <= a:
                return False
        start = self._clause_start(a, end)
        if self.conf.respondents is not None and self.conf.respondents.search(self.prose, start, verb_start):
            return False
        subject = [t for t in before if start <= t.start and t.end <= end][-self.conf.subject_window :]
        if subject and subject[-1].word.lower() in self.conf.metric_heads:
            return False  # "its high P/E ratio indicates": a figure, not a source, whatever names it
        if any(self.named(t) for t in subject):
            return True
        return self._possessed(subject) or self._points_back(subject) or (party and self._party(subject))

    def _non_subject(self, word: str, verb_start: int) -> bool:
        """Is ``word`` one that a verb form after it cannot have as its subject ("in reported
        debt")? "a" is the English article before an English form ("a measured easing cycle")
        and the French auxiliary before a French one ("l'Insee a estimé")."""
        if word in self.conf.non_subject:
            return True
        return word == "a" and self.prose[verb_start : verb_start + 12].split(" ", 1)[0].isascii()

    def _possessed(self, subject: list[_Token]) -> bool:
        """"Gartner's 2024 data shows", opening a sentence: a capitalised possessor of the data,
        report or survey that is the subject is its source, though written nowhere else (a word
        the article writes in lower case elsewhere, "Today's data", is none)."""
        if len(subject) < 2 or subject[-1].word.lower() not in self.conf.possessed:
            return False
        for t in subject[-4:-1]:
            word = t.word
            if word[0].isupper() and word.endswith(("'s", "’s")) and len(word) > 3:
                stem = word[:-2]
                return stem.lower() not in self.conf.not_names and stem.lower() not in self._lexicon_sets()[1]
        return False

    def _party(self, subject: list[_Token]) -> bool:
        """"exporters", "the unions", "the opposition": a plural or definite common noun that is
        not the vague crowd or a pronoun."""
        if not subject:
            return False
        head = subject[-1]
        word = head.word.lower()
        if not head.word.isalpha() or not (head.initial or head.word[0].islower()):
            return False
        if word in self.conf.unnamed or word in self.conf.not_names:
            return False
        plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))  # not "jobless", "census"
        return plural or (len(subject) > 1 and subject[-2].word.lower() in _DEFINITE)

    def _refers_back(self, verb_end: int, b: int) -> bool:
        """Do the words right after a speech verb refer back to a claim ("said the rise ...")?"""
        refs = self.conf.claim_refs
        return refs is not None and refs.search(self.prose, verb_end, min(b, verb_end + _REFER_WINDOW)) is not None

    def _points_back(self, subject: list[_Token]) -> bool:
        """"the company", "its report", "the central bank": a definite subject that refers to
        a source the article has named."""
        words = [t.word.lower() for t in subject]
        for n in (2, 1):
            if len(words) > n and " ".join(words[-n:]) in self.conf.back_subjects:
                return any(w in _DEFINITE for w in words[-n - 3 : -n])  # "its annual report"
        return False

    def _clause_start(self, a: int, end: int) -> int:
        """Offset just after the last clause boundary in prose[a:end] (a comma only when
        followed by a space, so 17,604 is no boundary)."""
        best = a
        for m in _BOUNDARY.finditer(self.prose, a, end):
            best = m.end()
        return best

    def _inverted(self, words: "_Words", verb_start: int, verb_end: int, b: int) -> bool:
        """", said the Office for National Statistics." — a comma, the verb, then a name; the
        comma may sit inside or outside a closing quotation mark (“…,” said X / “…”, said X)."""
        if not _INVERSION_COMMA.search(self.prose[max(0, verb_start - 4) : verb_start]):
            return False
        return self._named_after(words, verb_end, b)

    def _passive_by(self, words: "_Words", verb_start: int, verb_end: int, b: int) -> bool:
        """"has been pointed out recently by M. Gabriela M. Gomes": a passive verb whose agent,
        named after "by" a word or two later, is the party that says it."""
        j = bisect.bisect_left(words.starts, verb_start)
        if j == 0 or words.tokens[j - 1].word.lower() not in self.conf.passive:
            return False
        k = bisect.bisect_left(words.starts, verb_end)
        for t in words.tokens[k : k + _AGENT_REACH]:
            if t.word == "by":
                return not _CLAUSE_MARK.search(self.prose, verb_end, t.start) and self._named_after(words, t.end, b)
        return False

    def _trailing(self, words: "_Words", verb_end: int) -> bool:
        return len(words.starts) - bisect.bisect_left(words.starts, verb_end) <= self.conf.trailing_words
