"""Spacing around punctuation: ``weight .``, ``India , Japan``, ``( see below )``, ``This,is``,
``2 %``.

Almost every finding is whitespace and its fix deletes it, so a fix can only remove spaces. Two
exceptions: a missing space after a comma reports the comma (fix: ``, ``), and a dot glued to
the next word (``in .Los Angeles``) reports the space with no fix, since the intent is unclear.

Left alone: ellipses (also spaced, ``. . .``), decimals and names that start with a dot (``.5``,
``.NET``, ``.mp3``, ``.gov``), ratios, scores and times (``3 : 1``), emoticons (``:)``, ``:-(``),
French typography (no-break spaces before ``; : ! ?``, guillemets) and template braces.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Iterator

from artlint.diagnostics import Finding
from artlint.document import Document
from artlint.document.model import CODE, LIST_ITEM

_SPACE_CHARS = " \t\u00a0\u202f\u2009"
_SPACE = "[" + _SPACE_CHARS + "]"
_NO_BREAK_SPACES = "\u00a0\u202f"  # French typography puts these before ; : ! ?
_EMOTICON = r"(?![:;]-?[()DPpO3/\\|\[\]])"
# Words that follow a dot legitimately: file types (Python's built-in table, not the
# machine's) and common domains and platforms. ".Los" is none of them.
# (MimeTypes() would also read the machine's tables, whose entries it then leaves out: milliseconds)
_BUILT_IN_TYPES = getattr(mimetypes, "_types_map_default", None) or mimetypes.MimeTypes(filenames=()).types_map[True]
_DOT_WORDS = frozenset(ext[1:] for ext in _BUILT_IN_TYPES) | {
    "net", "org", "com", "gov", "edu", "mil", "int", "io", "ai", "co", "uk", "eu", "app", "dev", "info",
    "docx", "xlsx", "pptx", "md", "yaml", "yml", "toml", "ts", "tsx", "jsx", "rs", "go", "mac", "onion",
}
_WORD_AFTER_DOT = re.compile(r"[^\W_]+")
_GLUED_COMMA = re.compile(r",(?=[^\W\d_]{2})")
# a list item of lower-case tags joined by commas, its marker and all (see _tag_list)
_TAGS = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])?[ \t]*[a-z0-9][a-z0-9 -]{0,40}(?:,[a-z0-9][a-z0-9 -]{0,40})+[ \t]*\n?")
_PROSE_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_PERCENT = re.compile(r"%(?![}>])")  # not the end of a template tag ({% if n > 1 %})
_WORD_END = ".;!?)”’\"'"
_NOT_A_WORD_END = ":|="  # before a space and a mark: "DOI: ?", "| ? |" (the mark is a value)


# A dot glued to a name is a file's name or type ("a .Rmd file", "your .md or .Rmd", "the usual .Rmd
# extension"): after a determiner or another file type, before a file noun, or a name written so
# more than once (a stray dot before a place, ".Los Angeles", is a one-off)
_FILE_DETERMINER = re.compile(r"(?:\b(?:a|an|the|your|my|our|their|its|his|her|this|that|each|every|any|no)"
                              r"|\.[^\W_]+,?[ \t]+(?:and|or)|\.[^\W_]+,)[ \t]*\Z", re.IGNORECASE)
_FILE_NOUN = re.compile(r"[ \t]+(?:files?|extensions?|formats?|documents?|folders?|director(?:y|ies)|scripts?|tags?|code|syntax)\b",
                        re.IGNORECASE)


def _named_file(text: str, space: int, word_end: int) -> bool:
    """Is the dot-word ending at ``word_end`` (its whitespace before at ``space``) a file's name?"""
    name = text[space:word_end].lstrip(_SPACE_CHARS)
    return bool(_FILE_DETERMINER.search(text, max(0, space - 40), space) or _FILE_NOUN.match(text, word_end)
                or text.count(name) > 1)


def _class(chars: str) -> str:
    return "[" + re.escape(chars) + "]" if chars else "(?!)"


def _spaced_letter(ch: str) -> bool:
    """A letter of a script that separates words with spaces (Latin, Greek, Cyrillic):
    ``中国,日本`` is normal Chinese, ``This,is`` is not normal English."""
    return ch.isalpha() and ord(ch) < 0x530


def _primary_language(lang: str | None) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def _unmasked(doc: Document, start: int, end: int) -> bool:
    """The text from start to end, and one character either side, is prose as written."""
    lo, hi = max(start - 1, 0), min(end + 1, len(doc.text))
    return doc.text[lo:hi] == doc.prose[lo:hi]


def _prose_block(doc: Document, offset: int):
    block = doc.block_at(offset)
    return None if block is None or block.kind == CODE else block


# "2:1 (capacity : rate)": two words with a spaced colon, alone in parentheses, are a ratio
_WORD_RATIO = re.compile(r"\(\s*[^\W\d_][\w-]*\s+:\s+[^\W\d_][\w-]*\s*\)")


def _number_before(text: str, a: int) -> bool:
    """Is the word before ``a`` a number ("3 : 1"), not an expression that ends in one ("At time
    t+1 : 10 of 20 homes", whose colon is a slip)?"""
    start = a
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:a]
    return bool(word) and word[-1].isdigit() and not any(c.isalpha() for c in word)


def _word_ratio(text: str, a: int, b: int) -> bool:
    opening = text.rfind("(", max(0, a - 40), a)
    closing = text.find(")", b, b + 40)
    return opening >= 0 and closing >= 0 and _WORD_RATIO.fullmatch(text, opening, closing + 1) is not None


class Check:
    name = "spacing"
    fixable = True

    def __init__(self, options: dict) -> None:
        self.mode = options["mode"]
        self.punctuation = options.get("punctuation", ".,;:!?")
        self.exemptions = options.get("language_exemptions", {})
        self.languages = options.get("languages")
        self.openers = options.get("openers", "([{“‘")
        self.closers = options.get("closers", ")]}”")
        self.quote_pairs = [tuple(pair) for pair in options.get("quote_pairs", [])]
        self._regexes: dict[str, re.Pattern] = {}
        if self.mode == "inside-brackets":
            self.inside = _inside_regex(self.openers, self.closers)
            # "(?<!\S)QUOTE(?!\S)", written to start with the quote so that re skips to it in C
            quotes = "".join(dict.fromkeys(c for pair in self.quote_pairs for c in pair))
            self.detached_quote = re.compile(rf"{_class(quotes)}(?!\S)(?<!\S.)")
        self._finder = {
            "before-punctuation": self._before_punctuation,
            "inside-brackets": self._inside_brackets,
            "after-comma": self._after_comma,
            "before-percent": self._before_percent,
        }[self.mode]

    def run(self, doc: Document) -> Iterator[Finding]:
        if self.languages is not None and _primary_language(doc.lang) not in self.languages:
            return
        yield from self._finder(doc)

    # ---- whitespace before . , ; : ! ? -------------------------------------------------
    def _marks(self, lang: str) -> str:
        """The marks a space may not stand before in this language (French spaces its ; : ! ?)."""
        return "".join(c for c in self.punctuation if c not in self.exemptions.get(_primary_language(lang), ""))

    def _before(self, lang: str) -> re.Pattern:
        marks = self._marks(lang)
        if marks not in self._regexes:
            # A mark that ends a word: followed by space, end of line or a closing quote/bracket,
            # and not the start of an ellipsis, a number (.5), a name (.NET) or an emoticon.
            # Also a comma glued to the next word (" ,is") and a dot glued to one (" .Los").
            # Written "SPACE(?<=\S SPACE)SPACE*..." so that re skips from space to space in C.
            glued = []
            if "," in marks:
                glued.append(r",[^\W\d_]")
            if "." in marks:
                glued.append(r"\.[^\W\d_]{2}")
            self._regexes[marks] = re.compile(
                rf"{_SPACE}(?<=\S{_SPACE}){_SPACE}*{_EMOTICON}"
                rf"(?={_class(marks)}(?![.\w])(?:[\s\"”’»)\]*_]|$){''.join('|' + g for g in glued)})"
            )
        return self._regexes[marks]

    def _before_punctuation(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in _space_runs(doc, self._before(doc.lang), self._marks(doc.lang)):
            a, b = m.span()
            block = _prose_block(doc, a)
            if block is None or not _unmasked(doc, a, b) or self._typographic(doc, block, a, b):
                continue
            mark = text[b]
            after = text[b + 1 : b + 2]
            if a > 0 and text[a - 1] in _NOT_A_WORD_END:
                continue  # "Zenodo DOI: ?", "| ? |": the mark stands alone as a value, ending no word
            if mark == "," and after.isalpha() and not _spaced_letter(after):
                continue
            if mark == "." and after.isalpha():
                finding = self._dot_before_word(doc, a, b)
                if finding:
                    yield finding
                continue
            yield Finding(a, b, args={"mark": mark}, fix="")

    @staticmethod
    def _typographic(doc: Document, block, a: int, b: int) -> bool:
        """Spaces that typography wants: ratios, scores and times (``3 : 1``), a spaced ellipsis
        (``. . .``), French no-break spaces and French quotations (``« Oui ! »``)."""
        text, mark = doc.text, doc.text[b]
        if mark == ":" and _number_before(text, a) and text[b + 1 : b + 3].lstrip(_SPACE_CHARS)[:1].isdigit():
            return True
        if mark == ":" and _word_ratio(text, a, b):
            return True
        if mark == "." and (text[a - 1] == "." or re.match(_SPACE + r"+\.", text[b + 1 : b + 4])):
            return True
        if mark in ";:!?":
            if all(c in _NO_BREAK_SPACES for c in text[a:b]):
                return True
            return text.rfind("«", block.start, a) > text.rfind("»", block.start, a)
        return False

    @staticmethod
    def _dot_before_word(doc: Document, a: int, b: int) -> Finding | None:
        """``in .Los Angeles``: a dot glued to a capitalised word that is not a file type or a
        domain (``.NET``, ``.Net``, ``.mp3``, ``.org`` are). No fix: a stray dot or a misplaced space."""
        word = _WORD_AFTER_DOT.match(doc.text, b + 1).group()
        if not (word[0].isupper() and word[1:].islower()) or word.lower() in _DOT_WORDS:
            return None
        if _named_file(doc.text, a, b + 1 + len(word)):
            return None
        return Finding(a, b, args={"mark": "."},
                       message=f"Stray space before '.', or a stray '.' before '{word}'")

    # ---- whitespace inside brackets and quotes ----------------------------------------
    def _inside_brackets(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in _space_runs(doc, self.inside, self.closers, self.openers):
            a, b = m.span()
            block = _prose_block(doc, a)
            if block is None or not _unmasked(doc, a, b):
                continue
            opening = text[a - 1] in self.openers
            if opening and (_emoticon_before(text, a - 1) or _template_brace(text, block, a - 1, b)
                            or _closes_low_quote(text, block, a - 1)):
                continue
            if not opening and (_template_brace(text, block, b, a - 1) or _quote_opens_word(text, b)):
                continue
            yield Finding(a, b, fix="")
        if self.quote_pairs:
            yield from self._inside_quotes(doc)

    def _inside_quotes(self, doc: Document) -> Iterator[Finding]:
        """Straight quotes (and ’ typed as an opening quote) do not say which way they face, so a
        quote with space on both sides (``' with '``) opens or closes by its place in the
        paragraph: the first opens, the next closes."""
        done: set[int] = set()
        for m in doc.scan(self.detached_quote):
            block = _prose_block(doc, m.start())
            if block is None or block.start in done:
                continue
            done.add(block.start)
            for pair in self.quote_pairs:
                yield from _paired_quote_spaces(doc, block, pair)

    # ---- a comma glued to the next word -----------------------------------------------
    def _after_comma(self, doc: Document) -> Iterator[Finding]:
        for m in doc.scan(_GLUED_COMMA):
            at = m.start()
            block = _prose_block(doc, at)
            if block is None or not _unmasked(doc, at, at + 3):
                continue
            if _prose_word_after(doc, block, at) and _ends_word(doc, block, at) and not _tag_list(doc, block):
                yield Finding(at, at + 1, fix=", ")

    # ---- whitespace between a number and % --------------------------------------------
    def _before_percent(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for m in doc.scan(_PERCENT):  # '%' is rare: look back from it
            b = a = m.start()
            # a (narrow) no-break space is typography chosen on purpose ("96\u202f%", SI style), not a
            # stray space: only spaces and tabs count
            while a > doc.prose_start and text[a - 1] in " \t":
                a -= 1
            if 0 < a < b and text[a - 1].isdigit() and _prose_block(doc, a) is not None and _unmasked(doc, a, b):
                yield Finding(a, b, args={"mark": "%"}, fix="")


def _closes_low_quote(text: str, block, at: int) -> bool:
    """Is the “ at ``at`` the closing quote of a German or Czech „…“ pair (a „ before it in the
    block, and no “ between)?"""
    if text[at] != "“":
        return False
    low = text.rfind("„", block.start, at)
    return low >= 0 and text.rfind("“", low, at) < 0


def _space_runs(doc: Document, pattern: re.Pattern, ending: str, starting: str = "") -> Iterator[re.Match]:
    """``doc.scan(pattern)`` for the patterns of ``_before`` and ``_inside_regex``, read from
    the rare places their matches touch instead of from every space. Each match is a whole run
    of spaces that starts after a character that is no space, and ends before one of
    ``ending`` (a mark, a closing bracket) or starts after one of ``starting`` (an opening
    bracket): so each run next to one of those is matched where it starts, in text order, and
    no other place can match."""
    edges = ending + starting
    if any(c in _SPACE_CHARS for c in edges):
        yield from doc.scan(pattern)
        return
    if not edges:
        return
    prose = doc.prose
    touching = _touching(ending, starting)
    for start, end in doc.prose_ranges:
        last = -1  # the start of the run matched last
        for e in touching.finditer(prose, start, end):
            at = e.start()
            before = at  # the run that ends at the edge, then the one that starts after it
            while before > start and prose[before - 1] in _SPACE_CHARS:
                before -= 1
            for run in (before, at + 1):
                if run > last and run < end and prose[run] in _SPACE_CHARS:
                    last = run
                    m = pattern.match(prose, run, end)
                    if m is not None:
                        yield m


def _touching(ending: str, starting: str) -> re.Pattern:
    """One of ``ending`` after a space, or one of ``starting`` before one (compiled once)."""
    found = _TOUCHING.get((ending, starting))
    if found is None:
        tests = ([rf"(?<={_SPACE}{_class(ending)})"] if ending else []) + (
            [rf"(?<={_class(starting)})(?={_SPACE})"] if starting else [])
        found = _TOUCHING[ending, starting] = re.compile(rf"{_class(ending + starting)}(?:{'|'.join(tests)})")
    return found


_TOUCHING: dict[tuple[str, str], re.Pattern] = {}


def _inside_regex(openers: str, closers: str) -> re.Pattern:
    # "(?<=OPEN)SPACE+(?=[^\s CLOSE])|(?<=[^\s OPEN])SPACE+(?=CLOSE)", written to start with the
    # space class so that re skips to the next space in C (same matches)
    return re.compile(
        rf"{_SPACE}(?:(?<={_class(openers)}{_SPACE}){_SPACE}*(?=[^\s{re.escape(closers)}])"
        rf"|(?<=[^\s|{re.escape(openers)}]{_SPACE}){_SPACE}*(?={_class(closers)}))"
    )  # (a space after a table's "|" is its cell's padding: "| ] |" in a grid table's wrapped cell)


def _quote_opens_word(text: str, quote: int) -> bool:
    """A closing quote glued to the word after it opens a quotation (``Allen, W. H. ”What Caused
    the Panic.”``: some keyboards and typesetters use ” on both sides): the space before it is
    the space before a quotation."""
    return text[quote] in "”’" and text[quote + 1 : quote + 2].isalnum()


def _emoticon_before(text: str, bracket: int) -> bool:
    """``:-(`` and ``;(``: a bracket that is a face, not an opening."""
    return text[max(bracket - 2, 0) : bracket].endswith((":", ";", "=", ":-", ";-", ":'"))


def _template_brace(text: str, block, brace: int, inner: int) -> bool:
    """A brace that belongs to template syntax (``{{ x }}``, ``{% if %}``), to a pair in the
    same paragraph (``{ a, b }``) or to JSON (``{ "rule"``) is not a typo for a bracket; only a
    lone one next to a word is checked (``{ foo bar)``)."""
    if text[brace] == "{":
        return (text[brace - 1 : brace] in ("{", "$", "%", "#") or not text[inner].isalnum()
                or "}" in text[brace:block.end])
    if text[brace] == "}":
        return text[brace + 1 : brace + 2] == "}" or not text[inner].isalnum() or "{" in text[block.start:brace]
    return False


def _prose_word_after(doc: Document, block, comma: int) -> bool:
    """A word of prose follows the comma: letters, then a space or the end of a sentence, not
    another glued comma, a colon or a bracket (``src,lib,test:``, ``{add,sub}`` are lists of names)."""
    word = _PROSE_WORD.match(doc.text, comma + 1, block.end)
    if not word or not all(_spaced_letter(c) for c in word.group() if c.isalpha()):
        return False
    end = word.end()
    if end == block.end or doc.text[end].isspace():
        return True
    return doc.prose[end] == doc.text[end] and (doc.text[end] in _WORD_END or doc.text[end : end + 2] == ", ")


def _tag_list(doc: Document, block) -> bool:
    """A list item that is only lower-case tags joined by commas (``- special
    collection,newshour``, ``- exhibit,first-amendment``): a site's keywords, not a sentence."""
    if block.kind != LIST_ITEM:
        return False
    return _TAGS.fullmatch(doc.text, block.start, block.end) is not None


def _ends_word(doc: Document, block, comma: int) -> bool:
    """The comma follows a word that stands apart (``This,is``), directly or after stray spaces
    (``This ,is``), or starts the line (``,is``)."""
    text = doc.text
    before = comma - 1
    while before >= block.start and text[before] in _SPACE_CHARS:
        before -= 1
    if before < block.start or text[before] == "\n":
        return True
    if doc.prose[before] != text[before] or not (_spaced_letter(text[before]) or text[before] in ")”’"):
        return False
    word = text.rfind(" ", block.start, before)  # the word's start must be plain prose, not {a,b} or **a,b**
    start = max(word + 1, block.start, text.rfind("\n", block.start, before) + 1)
    first = text[start]
    return doc.prose[start] == first and (first.isalpha() or first in "(“\"‘'")


def _paired_quote_spaces(doc: Document, block, pair: tuple[str, str]) -> Iterator[Finding]:
    """Walk one kind of quote through a paragraph, keeping whether a quotation is open."""
    opener, closer = pair
    text, is_open = doc.text, False
    for m in re.finditer(_class(opener + closer), text[block.start : block.end]):
        at, ch = block.start + m.start(), m.group()
        if doc.prose[at] != ch:
            continue
        space_before = at == block.start or text[at - 1].isspace()
        space_after = at + 1 >= block.end or text[at + 1].isspace()
        if space_before and space_after:
            closing = is_open and ch == closer
            if closing:
                finding = _space_before_quote(doc, block, at)
            else:  # a lone quote mark ("the ' character") opens nothing
                finding = _space_after_quote(doc, block, at) if _closed_later(doc, block, at, closer) else None
            if finding:
                yield finding
            is_open = not closing
        elif space_before or text[at - 1] in "([{":
            is_open = is_open or ch == opener
        elif not text[at + 1 : at + 2].isalnum():  # 'no', "yes". (not don't)
            is_open = is_open and ch != closer


def _closed_later(doc: Document, block, quote: int, closer: str) -> bool:
    """A closing quote follows later in the paragraph: one with a space or the end after it."""
    at = doc.text.find(closer, quote + 1, block.end)
    while at != -1:
        if at + 1 == block.end or not doc.text[at + 1].isalnum():
            return True
        at = doc.text.find(closer, at + 1, block.end)
    return False


def _space_after_quote(doc: Document, block, quote: int) -> Finding | None:
    end = quote + 1
    while end < block.end and doc.text[end] in _SPACE_CHARS:
        end += 1
    if end == quote + 1 or end >= block.end or not doc.text[end].isalnum() or not _unmasked(doc, quote + 1, end):
        return None
    return Finding(quote + 1, end, fix="")


def _space_before_quote(doc: Document, block, quote: int) -> Finding | None:
    start = quote
    while start > block.start and doc.text[start - 1] in _SPACE_CHARS:
        start -= 1
    if start == quote or start == block.start or not _unmasked(doc, start, quote):
        return None
    before = doc.text[start - 1]
    # a word's end, or a mark that ends one ("the plant. \""), not a quoted mark ("joined with '; '")
    if not (before.isalnum() or before in "!?…"
            or (before in ".,;:" and start - 1 > block.start and doc.text[start - 2].isalnum())):
        return None
    return Finding(start, quote, fix="")
