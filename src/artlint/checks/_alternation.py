"""Scanning text for the leftmost match of any of many regexes, fast and with the exact
results of one big alternation.

A rule such as ``unsupported-statistic`` has dozens of patterns. Joined into one alternation,
Python's ``re`` tries every alternative at every position of the text, which made that one rule
cost more than all the others together. Most alternatives can only start at the start of a
token (after ``\\b`` or a ``(?<![\\w...])`` look-behind) and with a known first character (a
digit, a currency sign, the first letter of a number word). So:

1. each alternative is read once with the ``re`` parser to find the characters it can start
   with (a superset is always safe), and whether it can only start where the character before
   is not a word character;
2. one small regex finds, in C, the places where some alternative can start (a class of first
   characters, then the first four characters as a trie of look-aheads, behind a token start
   for the anchored ones), and at each only the alternatives that can start with the
   characters there are tried, in their original order (cached by those characters);
3. an alternative that can start at a large share of a text's places (any capitalised word) but
   whose every match holds a string prose seldom holds ("'s") has a filter of its own, run only
   on a text that holds that string; elsewhere it is not tried.

The results are those of ``re.compile("|".join(...)).finditer``: the same leftmost,
first-alternative-wins, non-overlapping matches. Anything the analysis does not understand
(back-references, ASCII or locale flags, an alternative that can match the empty string...)
makes it fall back to that plain alternation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from itertools import chain
from typing import Any, Callable, Iterable, Iterator

from artlint import rule_cache
from artlint.checks._regex import LazyPattern, in_user_rule

try:  # the parser behind re.compile; private, so any surprise means the plain alternation
    from re import _constants as _c
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Pythons
    _sre_parse = None

# Every whitespace character (none is above U+3000); spelt out, as working it out costs 3 ms.
_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


_first_item = itemgetter(0)


class _Unsupported(Exception):
    pass


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class _First:
    """The characters a regex can consume first: a set of tests, or any character."""

    __slots__ = ("any", "literals", "ranges", "categories", "nullable")

    def __init__(self) -> None:
        self.any = False
        self.literals: set[str] = set()
        self.ranges: list[tuple[int, int]] = []
        self.categories: set = set()
        self.nullable = True

    def merge(self, other: "_First") -> None:
        self.any |= other.any
        self.literals |= other.literals
        self.ranges += other.ranges
        self.categories |= other.categories

    def all_word(self) -> bool:
        """Is every character this can start with a word character?"""
        if self.any or self.nullable:
            return False
        if not all(_is_word(c) for c in self.literals):
            return False
        for lo, hi in self.ranges:
            if hi - lo > 2000 or not all(_is_word(chr(c)) for c in range(lo, hi + 1)):
                return False
        return all(cat in (_c.CATEGORY_DIGIT, _c.CATEGORY_WORD) for cat in self.categories)


def _category_has(cat, ch: str) -> bool:
    if cat is _c.CATEGORY_DIGIT:
        return ch.isdecimal()
    if cat is _c.CATEGORY_NOT_DIGIT:
        return not ch.isdecimal()
    if cat is _c.CATEGORY_SPACE:
        return ch.isspace()
    if cat is _c.CATEGORY_NOT_SPACE:
        return not ch.isspace()
    if cat is _c.CATEGORY_WORD:
        return _is_word(ch)
    if cat is _c.CATEGORY_NOT_WORD:
        return not _is_word(ch)
    return True  # line breaks and the like: allow


_ZERO_WIDTH: tuple = ()  # filled at the end of the module when the parser is there
_CATEGORY_SOURCE: dict = {}


def _first(ops: list) -> _First:
    """What ``ops`` (a parsed sequence) can consume first, and whether it can match empty."""
    out = _First()
    for op, av in ops:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            out.literals.add(chr(av))
            out.nullable = False
        elif op is _c.IN:
            for item_op, item in av:
                if item_op is _c.LITERAL:
                    out.literals.add(chr(item))
                elif item_op is _c.RANGE:
                    out.ranges.append(item)
                elif item_op is _c.CATEGORY:
                    out.categories.add(item)
                else:  # NEGATE and anything unexpected
                    out.any = True
            out.nullable = False
        elif op in (_c.NOT_LITERAL, _c.ANY):
            out.any = True
            out.nullable = False
        elif op is _c.SUBPATTERN:
            inner = _first(list(av[-1]))
            out.merge(inner)
            out.nullable = inner.nullable
        elif op is _c.ATOMIC_GROUP:
            inner = _first(list(av))
            out.merge(inner)
            out.nullable = inner.nullable
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, _, body = av
            inner = _first(list(body))
            out.merge(inner)
            out.nullable = lo == 0 or inner.nullable
        elif op is _c.BRANCH:
            branches = [_first(list(b)) for b in av[1]]
            for b in branches:
                out.merge(b)
            out.nullable = any(b.nullable for b in branches)
        else:  # back-references, conditionals
            raise _Unsupported(op)
        if not out.nullable:
            return out
    return out


def _lookbehind_excludes_word(av) -> bool:
    direction, body = av
    if direction != -1 or len(body) != 1 or body[0][0] is not _c.IN:
        return False
    items = body[0][1]
    return (_c.CATEGORY, _c.CATEGORY_WORD) in items and all(op is not _c.NEGATE for op, _ in items)


def _lookbehind_requires_non_word(av) -> bool:
    """``(?<=\\n)``, ``(?<=[\\s(])``, ``(?<=\\bthe\\s)``: the character before is one that is not
    a word character (the look-behind's last consumed character is)."""
    direction, body = av
    if direction != -1 or not body:
        return False
    op, arg = body[-1]
    items = [(op, arg)] if op is _c.LITERAL else list(arg) if op is _c.IN else None
    if not items:
        return False
    for item_op, item in items:
        if item_op is _c.LITERAL:
            if _is_word(chr(item)):
                return False
        elif item_op is _c.CATEGORY:
            if item not in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD):
                return False
        elif item_op is _c.RANGE:
            lo, hi = item
            if hi - lo > 2000 or any(_is_word(chr(c)) for c in range(lo, hi + 1)):
                return False
        else:
            return False
    return True


def _anchored(ops: list) -> bool:
    """Can ``ops`` only match where the character before is not a word character (or at 0)?"""
    for i, (op, av) in enumerate(ops):
        rest = list(ops[i + 1:])
        if op is _c.AT and av is _c.AT_BOUNDARY:
            # \b before a word character: the one before is not one
            return _first(rest).all_word()
        if op is _c.ASSERT_NOT and _lookbehind_excludes_word(av):
            return True
        if op is _c.ASSERT and _lookbehind_requires_non_word(av):
            return True
        if op is _c.AT:
            # ^ and \A: at the start, or (multi-line) after a newline
            return av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # some other look-around: consumes nothing, look further
        if op is _c.SUBPATTERN:
            _, add_flags, _, body = av
            if add_flags & (re.ASCII | re.LOCALE):
                return False
            return _anchored(list(body) + rest)
        if op is _c.ATOMIC_GROUP:
            return _anchored(list(av) + rest)
        if op is _c.BRANCH:
            return all(_anchored(list(b) + rest) for b in av[1])
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            # "(?:X)?Y": the match starts with X (then more X or Y), or, X skipped, with Y
            lo, hi, body = av
            if hi == 0:
                return _anchored(rest)
            again = [(op, (max(lo - 1, 0), hi if hi == _c.MAXREPEAT else hi - 1, body))] if hi != 1 else []
            return _anchored(list(body) + again + rest) and (lo > 0 or _anchored(rest))
        return False
    return False


_DEPTH = 4  # characters looked at to pick the alternatives worth trying at a token start
_BUDGET = 20000  # steps to enumerate one alternative's prefixes


_TABLE_WORTH_WRITING = 64  # new table entries that make a run write the rule cache again
_HAS: dict[tuple, bool] = {}  # (test, character) -> _has, for the tests any alternation shares
# Memos keyed by the text's characters grow with every new text a long-lived process (an editor
# server, a run over an archive) reads: past these sizes they start again from empty.
_HAS_LIMIT = 100_000
_NODES_LIMIT = 20_000


def _has(test: tuple, ch: str) -> bool:
    """Can ``test`` (one consumed character of a regex) match ``ch``? May say yes wrongly (for
    unusual case folds), never no wrongly."""
    found = _HAS.get((test, ch))
    if found is None:
        if len(_HAS) >= _HAS_LIMIT:
            _HAS.clear()
        found = _HAS[(test, ch)] = _has_uncached(test, ch)
    return found


def _has_uncached(test: tuple, ch: str) -> bool:
    kind = test[0]
    if kind == "any":
        return True
    icase = test[2]
    exotic = icase and ch.isalpha() and not ch.isascii()
    variants = {ch, ch.lower(), ch.upper(), ch.casefold()} if icase else {ch}
    if kind == "lit":
        lit = test[1]
        if lit in variants:
            return True
        if icase and (lit.lower() in variants or lit.upper() in variants or exotic
                      or (lit.isalpha() and not lit.isascii() and ch.isalpha())):
            return True
        return False
    for item_op, item in test[1]:  # "in": a character class
        if item_op is _c.LITERAL:
            if _has_uncached(("lit", chr(item), icase), ch):
                return True
        elif item_op is _c.RANGE:
            lo, hi = item
            if any(len(v) == 1 and lo <= ord(v) <= hi for v in variants):
                return True
            if icase and ch.isalpha() and (exotic or hi > 127):
                return True
        elif item_op is _c.CATEGORY:
            if _category_has(item, ch):
                return True
        else:  # NEGATE and the like
            return True
    return False


def _prefixes(ops: list, icase: bool, k: int) -> set[tuple]:
    """The first ``k`` consumed characters of every match of ``ops``, as tuples of tests; a
    shorter tuple means anything may follow."""
    steps = [0]

    def walk(seq: tuple, k: int) -> set[tuple]:
        steps[0] += 1
        if steps[0] > _BUDGET:
            raise _Unsupported("too many prefixes")
        if k == 0 or not seq:
            return {()}
        (op, av, ic), rest = seq[0], seq[1:]
        if op in _ZERO_WIDTH:
            return walk(rest, k)
        if op is _c.LITERAL:
            test = ("lit", chr(av), ic)
        elif op is _c.IN:
            test = ("in", tuple(av), ic)
        elif op in (_c.NOT_LITERAL, _c.ANY):
            test = ("any",)
        elif op is _c.SUBPATTERN:
            _, add_flags, del_flags, body = av
            if add_flags & (re.ASCII | re.LOCALE):  # \w, \d and case would mean something else
                raise _Unsupported("flags")
            inner = (ic or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            return walk(tuple((o, a, inner) for o, a in body) + rest, k)
        elif op is _c.ATOMIC_GROUP:
            return walk(tuple((o, a, ic) for o, a in av) + rest, k)
        elif op is _c.BRANCH:
            out: set[tuple] = set()
            for branch in av[1]:
                out |= walk(tuple((o, a, ic) for o, a in branch) + rest, k)
            return out
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            lo, hi, body = av
            out = walk(rest, k) if lo == 0 else set()
            if hi > 0:
                again = (op, (max(lo - 1, 0), hi if hi == _c.MAXREPEAT else hi - 1, body), ic)
                out |= walk(tuple((o, a, ic) for o, a in body) + (again,) + rest, k)
            return out
        else:
            raise _Unsupported(op)
        return {(test,) + p for p in walk(rest, k - 1)}

    return walk(tuple((o, a, icase) for o, a in ops), k)


def _in_class(ch: str) -> str:
    """``ch`` written inside a character class: as itself when that is safe (a shorter regex
    compiles faster), else escaped."""
    if ch.isalnum() and ch.isascii() or ch in " ,.;:!?'\"%$#@=/<>{}()*+`’“”«»€£¥₹":
        return ch
    return f"\\U{ord(ch):08x}"


def _class_parts(test: tuple) -> list[str] | None:
    """The inside of one flagless character class (``[...]``) for what ``test`` accepts, case
    partners spelt out, so that re checks it as a plain class; None when that cannot be done
    (any character, a negated class, a range beyond ASCII whose case is ignored)."""
    if test[0] == "any":
        return None
    icase = test[2]
    items = [(_c.LITERAL, ord(test[1]))] if test[0] == "lit" else list(test[1])
    parts: list[str] = []
    for op, item in items:
        if op is _c.LITERAL:
            ch = chr(item)
            if icase and ch.lower() != ch.upper():  # a letter whose case is ignored
                if not ch.isascii():
                    variants = _case_variants(ch)
                    if variants is None:
                        return None
                    parts.extend(_in_class(c) for c in variants)
                    continue
                low = ch.lower()
                parts.extend(_in_class(c) for c in low + low.upper() + CASE_PARTNERS.get(low, ""))
            else:
                parts.append(_in_class(ch))
        elif op is _c.RANGE:
            lo, hi = item
            if icase and any(chr(c).lower() != chr(c).upper() for c in range(lo, min(hi, lo + 4000) + 1)):
                if not (hi < 128 and (chr(lo) + chr(hi)).isalpha() and chr(lo).islower() == chr(hi).islower()):
                    return None
                # a range of ASCII letters: both cases, and their partners beyond ASCII
                low, high = chr(lo).lower(), chr(hi).lower()
                parts.append(f"{low}-{high}{low.upper()}-{high.upper()}")
                parts.extend(_in_class(c) for k, v in CASE_PARTNERS.items() if low <= k <= high for c in v)
            else:
                parts.append(f"{_in_class(chr(lo))}-{_in_class(chr(hi))}")
        elif op is _c.CATEGORY and item in _CATEGORY_SOURCE:
            parts.append(_CATEGORY_SOURCE[item])
        else:  # NEGATE and the like
            return None
    return parts


def _test_source(test: tuple) -> str | None:
    """A regex for the one character ``test`` accepts, or None when it cannot be written. A
    plain class where possible: re checks one quickly (and skips a branch starting with one)."""
    parts = _class_parts(test)
    if parts is not None:
        return "[" + "".join(parts) + "]"
    if test[0] == "any":
        return "(?s:.)"
    scope = "(?i:" if test[2] else "(?-i:"
    if test[0] == "lit":
        return scope + re.escape(test[1]) + ")"
    inside = []
    for op, item in test[1]:
        if op is _c.NEGATE and not inside:
            inside.append("^")
        elif op is _c.LITERAL:
            inside.append(_in_class(chr(item)))
        elif op is _c.RANGE:
            inside.append(f"{_in_class(chr(item[0]))}-{_in_class(chr(item[1]))}")
        elif op is _c.CATEGORY and item in _CATEGORY_SOURCE:
            inside.append(_CATEGORY_SOURCE[item])
        else:
            return None
    return scope + "[" + "".join(inside) + "])"


def _trie_source(prefixes: list[tuple]) -> str | None:
    """The prefixes as one regex trie (``""``: anything), or None when a test cannot be written.
    It only says whether some prefix starts here (a look-ahead), so its branches may be merged
    and reordered freely. At a place where the trie fails, which is most of them, re tries each
    branch of a node in turn, so it is kept narrow: tests that accept the same characters share
    one node (the literal "t" ignoring case and the class [tT], from different alternatives),
    siblings followed by the same rest are one class (``[mMtT]``, not ``[mM]|[tT]``), and the
    first characters are literal branches, which re rejects without calling its class test."""
    end = object()  # a prefix stops here: anything may follow
    root: dict = {}
    # test -> its head: the parts of a plain class (a frozenset), else its regex, else (test,)
    # when it cannot be written; prefixes share tests
    heads: dict[tuple, frozenset | str | tuple] = {}
    for prefix in prefixes:
        node = root
        for test in prefix:
            if end in node:
                break
            head = heads.get(test)
            if head is None:
                parts = _class_parts(test)
                written = frozenset(parts) if parts is not None else _test_source(test)
                head = heads[test] = written if written is not None else (test,)
            node = node.setdefault(head, {})
        else:
            node.clear()
            node[end] = True

    def source(node: dict, first: bool) -> str | None:
        if end in node or not node:
            return ""
        by_tail: dict[str, list] = {}  # what follows -> the heads it follows
        for head, child in node.items():
            tail = source(child, False)
            if isinstance(head, tuple) or tail is None:
                return None
            by_tail.setdefault(tail, []).append(head)
        literals, classes, others = [], [], []
        for tail, tail_heads in by_tail.items():
            parts = set().union(*(h for h in tail_heads if isinstance(h, frozenset)))
            others.extend(h + tail for h in tail_heads if isinstance(h, str))
            if first and parts and all(_single(p) for p in parts):
                literals.extend(re.escape(_part_char(p)) + tail for p in sorted(parts))
            elif parts:
                classes.append("[" + "".join(sorted(parts)) + "]" + tail)
        branches = literals + classes + others
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return source(root, True)


def _single(part: str) -> bool:
    """Is this part of a class (as ``_class_parts`` writes it) one character?"""
    return len(part) == 1 or (len(part) == 10 and part.startswith("\\U"))


def _part_char(part: str) -> str:
    return part if len(part) == 1 else chr(int(part[2:], 16))


_GATE = "[^0-9A-Za-z_]"  # what the filter of alternatives that all start a token starts with

# How often each ASCII letter stands in English prose, per 1,000 characters (the
# spaces and marks, about 200 of them, are where a filter starting with _GATE stops).
_LETTER_SHARE = dict(zip("etaoinshrdlcumwfgypbvkjxqz", (
    100, 75, 65, 60, 57, 55, 52, 48, 48, 34, 32, 22, 22, 20, 19, 18, 16, 16, 15, 12, 8, 6, 1, 1, 1, 1)))
_RARE_FIRSTS = 60  # per 1,000: a filter that stops only at the first characters is then cheaper


def _share_of_text(first: str) -> int:
    """About how many characters of 1,000 of English prose the class ``first`` accepts: a
    lower-case letter by its frequency, a capital at a tenth of it, any other ASCII character at
    5 (digits, marks), one beyond ASCII at 0."""
    share = 0
    for ch in re.findall(first, _PRINTABLE):
        low = ch.lower()
        share += (_LETTER_SHARE[ch] if ch.islower() else _LETTER_SHARE[low] // 10 + 1) if low in _LETTER_SHARE else 5
    return share


_PRINTABLE = "".join(map(chr, range(32, 127)))


def _prefix_filter(anchored: list[tuple], free: list[tuple]) -> str | list[str] | None:
    """A regex for the places where some alternative can start: a token start whose next
    characters begin an ``anchored`` prefix, or any place that begins a ``free`` one. A
    superset (each candidate is still matched for real), found in C: the prefixes as tries of
    look-aheads, behind a class of first characters that re skips through. None when the
    places cannot be narrowed down. Or two regexes: the token starts' (as ``_GATE`` opens it)
    and the free prefixes' places, whose candidates ``Alternation.finditer`` merges."""
    looks = []
    if anchored:
        trie = _trie_source(anchored)
        if trie is None:
            if free:
                return None
            space = any(_has(p[0], ws) for p in anchored for ws in _WHITESPACE)
            return r"(?<!\w)" + ("(?s:.)" if space else r"\S")
        looks.append(r"(?<!\w)(?=" + trie + ")")
        anchored_trie = trie
    if free:
        trie = _trie_source(free)
        if trie is None:
            return None
        looks.append("(?=" + trie + ")")
    look = looks[0] if len(looks) == 1 else "(?:" + "|".join(looks) + ")"
    first = _first_class({p[0] for p in anchored + free})
    if first is None:
        return look + "(?s:.)"
    if not free and _share_of_text(first) > _RARE_FIRSTS:
        # Every alternative starts a token: look from the character before each, one that is not
        # an ASCII word character (a superset of the non-word ones), so that re stops at the few
        # spaces and marks of a text, not at every letter an alternative can start with; the
        # candidate is the next place (``Alternation.finditer``; the text's start is one too).
        # Not when the first characters are rarer than that ("TODO", "lorem" ignoring case):
        # re then stops only at those.
        return _GATE + "(?=" + first + ")(?=" + trie + ")"
    if free and anchored:
        anchored_first = _first_class({p[0] for p in anchored})
        free_first = _first_class({p[0] for p in free})
        if (anchored_first is not None and free_first is not None
                and _share_of_text(free_first) <= _RARE_FIRSTS < _share_of_text(anchored_first)):
            # Some alternatives start anywhere (a figure's digits), the others at token starts
            # with common letters: one filter of each kind, merged (the first one stops at the
            # spaces and marks, the second at the free prefixes' first characters), not one
            # that stops at nearly every letter.
            return [_GATE + "(?=" + anchored_first + ")(?=" + anchored_trie + ")",
                    free_first + "(?<=(?=" + trie + ")(?s:.))"]
    # Starting with a plain character class lets re skip, in C, every character no alternative
    # starts with; the rest is then checked from just behind it.
    return first + "(?<=" + look + "(?s:.))"


# The characters whose simple lower-case form is not the lower-case form of their own upper- or
# title-case form (tests/test_alternation.py checks this against the running Python).
IRREGULAR_LOWER = {"\u0130": "i", "\u03f4": "\u03b8", "\u1e9e": "\u00df", "\u2126": "\u03c9", "\u212a": "k",
                   "\u212b": "\u00e5"}


def _case_variants(ch: str) -> str | None:
    """Every character that re, ignoring case, may match with the letter ``ch`` (a superset):
    re matches a character whose simple lower-case form is ``ch``'s or one of its extra cases'
    (re._casefix), and those are each lower-case form's upper- and title-case forms, and the
    few irregular ones. So a letter beyond ASCII still opens a plain class (a filter without
    one is tried at every position of the text). None when re's tables are not there."""
    try:
        import _sre
        from re._casefix import _EXTRA_CASES
    except ImportError:  # pragma: no cover - other Pythons
        return None
    low = _sre.unicode_tolower(ord(ch))
    lows = {low, *_EXTRA_CASES.get(low, ())}
    out = {ch}
    for code in lows:
        lower = chr(code)
        out.update(c for c in (lower, lower.upper(), lower.title()) if len(c) == 1)
        out.update(c for c, mapped in IRREGULAR_LOWER.items() if mapped == lower)
    return "".join(sorted(out))


# Characters outside ASCII that re, ignoring case, takes for an ASCII letter (simple lower-case
# mappings and re's extra cases; tests/test_alternation.py checks this against the running Python).
CASE_PARTNERS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _first_class(tests: set[tuple]) -> str | None:
    """One flagless character class for the characters ``tests`` accept; None when a test
    cannot be written so."""
    parts: list[str] = []
    for test in tests:
        more = _class_parts(test)
        if more is None:
            return None
        parts.extend(more)
    return "[" + "".join(dict.fromkeys(parts)) + "]"


# An alternative is gated when some prefix of it accepts at least this share of the windows of
# _DEPTH printable ASCII characters (any capitalised word: "[A-Z][\w-]{1,99}'s ...")
_BROAD = 0.05
_GATES_MAX = 4  # gated alternatives per alternation (each is a look or two through a scanned text)


def _broad(prefixes: set[tuple]) -> bool:
    """Does some prefix accept a large share of what prose holds (see _BROAD)?"""
    for prefix in prefixes:
        share = 1.0
        for test in prefix:
            share *= _printable_share(test)
            if share < _BROAD:
                break
        else:
            return True
    return False


@lru_cache(maxsize=4096)  # (an alternation's prefixes share their tests)
def _printable_share(test: tuple) -> float:
    """The share of the printable ASCII characters that ``test`` accepts (worked out without
    _has's memo, which is for the characters of the texts read)."""
    return sum(_has_uncached(test, ch) for ch in _PRINTABLE) / len(_PRINTABLE)


class _WrittenStrings:
    """Strings one of which every match of a parsed sequence consumes (runs of literals, a class
    of a few literals read as each of them), at least two characters long, and whether they are
    to be looked for in the text lowered (a letter of them is matched ignoring case; see
    holds_any_lowered) or as written. A letter beyond ASCII matched ignoring case ends a run. A branch,
    a look-around or an optional part is not read: what it holds is not known to be consumed."""

    def __init__(self) -> None:
        self.best: tuple[set[str], bool] | None = None
        self.runs, self.lowered = {""}, False  # the run being read: its strings so far

    @classmethod
    def of(cls, ops: list, icase: bool) -> tuple[list[str], bool] | None:
        reader = cls()
        reader._walk(ops, icase)
        reader._end_run()
        if reader.best is None:
            return None
        strings, lowered = reader.best
        return sorted({w.lower() for w in strings} if lowered else strings), lowered

    def _walk(self, seq: list, ic: bool) -> None:
        for op, av in seq:
            codes = [av] if op is _c.LITERAL else [item for _, item in av] if (
                op is _c.IN and len(av) <= 4 and all(item_op is _c.LITERAL for item_op, _ in av)) else None
            chars = [chr(code) for code in codes] if codes else None
            if chars and ic and any(c.isalpha() and not c.isascii() for c in chars):
                chars = None  # (re's case folds beyond ASCII: not written out here)
            if chars and len(self.runs) * len(chars) <= _REQUIRED_MAX:
                self.lowered = self.lowered or (ic and any(c.isalpha() for c in chars))
                self.runs = {r + c for r in self.runs for c in chars}
                continue
            self._end_run()
            if op is _c.SUBPATTERN:
                _, add_flags, del_flags, body = av
                self._walk(list(body), (ic or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE)
                self._end_run()
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
                self._walk(list(av[2]), ic)
                self._end_run()

    def _end_run(self) -> None:
        """Keep the run read so far if it says more than the best one (its shortest string is
        longer), and start a new one."""
        found = self.runs if all(self.runs) else None
        if found and min(map(len, found)) >= 2 and len(found) <= _REQUIRED_MAX and (
                self.best is None or min(map(len, found)) > min(map(len, self.best[0]))):
            self.best = found, self.lowered
        self.runs, self.lowered = {""}, False


def _gates(places: list[tuple[bool, set[tuple]]], written: list[tuple[list[str], bool] | None]
           ) -> tuple[list, str | list | None]:
    """The alternatives worth skipping in a text that lacks their written strings: those that
    may start at a large share of a text's places (a broad prefix) but whose matches hold a
    string prose seldom holds ("'s" after any capitalised word). At most _GATES_MAX, never all
    of them, and only when their own filter can be written. ([[index, strings, lowered], ...],
    that filter), or ([], None)."""
    gated = [[i, *found] for i, found in enumerate(written) if found][:_GATES_MAX]
    if not gated or len(gated) == len(places):
        return [], None
    anchored, free = [], []
    for i, _strings, _lowered in gated:
        anchors, prefixes = places[i]
        (anchored if anchors else free).extend(prefixes)
    own = _prefix_filter(anchored, free)
    return (gated, own) if own is not None else ([], None)


class Alternation:
    """``finditer`` over alternatives as one regex would give it, with each match's index
    (empty matches left out)."""

    def __init__(self, alternatives: list[str], flags: int = 0) -> None:
        self.alternatives = list(alternatives)
        self.flags = flags
        self._combined: tuple | None = None  # the plain alternation, compiled when needed
        # per alternative: its possible first _DEPTH characters (tuples of tests), and the regex
        # of the places where one can start; worked out once and kept (artlint.rule_cache)
        inputs = [self.alternatives, flags]
        digest = rule_cache.inputs_digest(inputs) if rule_cache.active() is not None else None  # once
        self._analysis = rule_cache.recall("alternation", inputs, lambda: _encode_analysis(self._analyse()),
                                           decode=_checked_analysis, digest=digest)
        self._decoded: list[list[tuple]] | None = None  # the prefixes, read from _analysis when needed
        self._accelerated = self._analysis["tests"] is not None  # (``accelerated``, read once)
        self._required = self._analysis["required"]  # one of these is in every match (see _RequiredStrings)
        self._cased = self._analysis["cased"]  # and one of these, as written (the same, cased)
        token_starts = self._analysis["filter"]
        self._free_starts = None  # with two filters (see _prefix_filter): the free prefixes' places
        if isinstance(token_starts, list):
            token_starts, free_starts = token_starts
            self._free_starts = LazyPattern(free_starts)
        self._token_starts = LazyPattern(token_starts) if token_starts is not None else None
        # the filter finds the character before each candidate (see _prefix_filter)
        self._gated = token_starts is not None and token_starts.startswith(_GATE)
        # Alternatives skipped in a text without their strings (see _gates): [(bit, strings,
        # lowered)], each one's bit by alternative, and the filters of all places (theirs too)
        self._gates: list[tuple[int, list[str], bool]] = []
        self._gate_bits: dict[int, int] = {}
        self._all_gates = 0
        self._all_filters: list[tuple[LazyPattern, int]] = []
        self._tables: dict[int, tuple[dict, Callable]] = {}  # skipped bits -> (table, its fill)
        if self._analysis.get("gated"):
            gates, own = self._analysis["gated"]
            for k, (index, strings, lowered) in enumerate(gates):
                self._gates.append((1 << k, strings, lowered))
                self._gate_bits[index] = 1 << k
                self._all_gates |= 1 << k
            # this alternation's own filters (the same objects: compiled once), then theirs
            filters = [f for f in (self._token_starts, self._free_starts) if f is not None]
            filters += [LazyPattern(source) for source in (own if isinstance(own, list) else [own])]
            self._all_filters = [(f, 1 if f.pattern.startswith(_GATE) else 0) for f in filters]
        self._masks: tuple | None = None  # the prefixes as bits (see _prefix_masks)
        self._nodes: dict[tuple[int, str], int] = {}  # (depth, character) -> the prefixes accepting it
        self._by_key: dict[str, tuple] = {}  # _DEPTH characters -> ((index, pattern), ...)
        # _DEPTH characters -> the indices of the alternatives tried there: those earlier runs
        # worked out (kept in the rule cache), and those this one adds
        self._known: dict[str, list[int]] = rule_cache.lookup("prefix-table", inputs, digest) or {}
        self._learned: dict[str, list[int]] = {}
        rule_cache.keep_at_exit("prefix-table", inputs, self._table_to_keep, digest)
        # compiled at first use: a run tries only the alternatives its texts' tokens can start
        self._single = [(i, LazyPattern(p, flags)) for i, p in enumerate(self.alternatives)]

    @property
    def combined(self) -> tuple:
        """(the alternation as one regex, group number -> alternative), compiled when needed."""
        if self._combined is None:
            pattern = rule_cache.compile_regex("|".join(f"({a})" for a in self.alternatives), self.flags)
            # each alternative's own group closes last, so ``lastindex`` says which one matched
            wrappers, group = {}, 1
            for i, (_, single) in enumerate(self._single):
                wrappers[group] = i
                group += 1 + single.groups
            self._combined = (pattern, wrappers)
        return self._combined

    def _analyse(self) -> tuple:
        """(each alternative's prefixes, the regex of the places where one can start, strings
        one of which every match holds in lower case, and as written (see
        _RequiredStrings), the gated alternatives and their own filter (see _gates) or None),
        or five Nones when the alternatives cannot be scanned by token."""
        if _sre_parse is None or self.flags & (re.ASCII | re.LOCALE):
            return None, None, None, None, None
        analysed = []
        required: set[str] | None = set()  # what every match of every alternative holds one of
        cased: set[str] | None = set()  # the same, matched as written
        anchored: list[tuple] = []  # prefixes of alternatives that start only at token starts
        free: list[tuple] = []  # and of those that may start anywhere
        places: list[tuple[bool, set[tuple]]] = []  # per alternative: anchored?, its prefixes
        written: list[tuple[list[str], bool] | None] = []  # per alternative with a broad prefix: see _gates
        try:
            for alternative in self.alternatives:
                parsed = _sre_parse.parse(alternative, self.flags)
                flags = parsed.state.flags
                if flags & (re.ASCII | re.LOCALE):
                    return None, None, None, None, None
                ops = list(parsed.data)
                try:
                    prefixes = _prefixes(ops, bool(flags & re.IGNORECASE), _DEPTH)
                except _Unsupported:
                    prefixes = _prefixes(ops, bool(flags & re.IGNORECASE), 1)
                if any(not p for p in prefixes):  # can match the empty string
                    return None, None, None, None, None
                analysed.append(list(prefixes))
                if required is not None:
                    found = _LOWERED_REQUIRED.find(ops)
                    required = required | found if found else None
                if cased is not None:
                    found = _CASED_REQUIRED.find(ops, bool(flags & re.IGNORECASE))
                    cased = cased | found if found and all(map(_distinctive, found)) else None
                places.append((_anchored(ops), prefixes))
                written.append(_WrittenStrings.of(ops, bool(flags & re.IGNORECASE)) if _broad(prefixes) else None)
        except (_Unsupported, re.error, RecursionError, AttributeError, TypeError, ValueError):
            return None, None, None, None, None
        gates, gated_starts = _gates(places, written)
        gated = {gate[0] for gate in gates}
        for i, (anchors, prefixes) in enumerate(places):
            if i not in gated:
                (anchored if anchors else free).extend(prefixes)
        token_starts = _prefix_filter(anchored, free)
        if token_starts is None:
            return None, None, None, None, None
        if required and (len(required) > _REQUIRED_MAX or min(map(len, required)) < _REQUIRED_MIN):
            required = None  # too many to look for, or too short to say much
        if cased and len(cased) > _REQUIRED_MAX:
            cased = None
        return analysed, token_starts, _fewest(required), _fewest(cased), [gates, gated_starts] if gates else None

    @property
    def accelerated(self) -> bool:
        return self._accelerated

    @property
    def _starts(self) -> list[list[tuple]] | None:
        """Per alternative, its possible first ``_DEPTH`` characters (tuples of tests)."""
        if self._decoded is None and self.accelerated:
            self._decoded = _decode_analysis(self._analysis)
        return self._decoded

    def _table_to_keep(self) -> dict | None:
        """The table of alternatives by first characters, for the rule cache: when this run
        worked out enough new entries to be worth writing (None: nothing to write)."""
        if not self._learned or (self._known and len(self._learned) < _TABLE_WORTH_WRITING):
            return None
        table = {**self._known, **self._learned}
        if len(table) > _NODES_LIMIT:
            table = dict(list(table.items())[-_NODES_LIMIT:])
        self._known, self._learned = table, {}
        return table

    def _prefix_masks(self) -> tuple:
        """The prefixes as bits (numbered alternative by alternative, in order): per depth, each
        distinct test with the bits of the prefixes that have it there, and the bits of those
        too short to have a test there; the alternative of each bit; per alternative, the bits
        of it and all before it. Worked out at the first key no earlier run knew."""
        if self._masks is None:
            by_depth: list[dict[tuple, int]] = [{} for _ in range(_DEPTH)]
            short = [0] * _DEPTH
            owner: list[int] = []
            upto: list[int] = []
            bit = 0
            for i, prefixes in enumerate(self._starts):
                for p in prefixes:
                    b = 1 << bit
                    owner.append(i)
                    for d in range(_DEPTH):
                        if d < len(p):
                            tests = by_depth[d]
                            tests[p[d]] = tests.get(p[d], 0) | b
                        else:
                            short[d] |= b
                    bit += 1
                upto.append((1 << bit) - 1)
            self._masks = (by_depth, short, owner, upto, (1 << bit) - 1)
        return self._masks

    def _node(self, depth: int, ch: str) -> int:
        """The bits of the prefixes whose test at ``depth`` (0-based) accepts ``ch``, or that
        have none there."""
        found = self._nodes.get((depth, ch))
        if found is None:
            by_depth, short, _owner, _upto, _all = self._prefix_masks()
            found = short[depth]
            for test, bits in by_depth[depth].items():
                if _has(test, ch):
                    found |= bits
            if len(self._nodes) >= _NODES_LIMIT:
                self._nodes.clear()
                self._by_key.clear()
            self._nodes[(depth, ch)] = found
        return found

    def _for_key(self, key: str) -> tuple:
        """The alternatives that can start with these (up to ``_DEPTH``) characters, in order:
        those with a prefix whose every test accepts the key's character at its place."""
        indices = self._known.get(key)
        if indices is None:
            if len(self._nodes) >= _NODES_LIMIT:  # (a limit lowered since they were made)
                self._nodes.clear()
                self._by_key.clear()
            _by_depth, _short, owner, upto, alive = self._prefix_masks()
            for depth, ch in enumerate(key):
                alive &= self._node(depth, ch)
            indices = []
            while alive:
                i = owner[(alive & -alive).bit_length() - 1]
                indices.append(i)
                alive &= ~upto[i]
            if len(self._learned) < _NODES_LIMIT:
                self._learned[key] = indices
        if len(self._by_key) >= _NODES_LIMIT:
            self._by_key.clear()
        found = self._by_key[key] = tuple(self._single[i] for i in indices)
        return found

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[re.Match, int]]:
        # (not a generator itself: the scan's own generator is handed back, one frame less for
        # each of the many short texts, a sentence each, that the statistic rule scans)
        if endpos is None:
            endpos = len(string)
        if not self._accelerated:
            return self._finditer_plain(string, pos, endpos)
        if endpos - pos >= _REQUIRED_SCAN and (
                (self._required is not None and not holds_any_lowered(string, pos, endpos, self._required))
                or (self._cased is not None and not any(string.find(s, pos, endpos) >= 0 for s in self._cased))):
            return iter(())  # none of the alternatives can match in this text (a scan of it costs more)
        if self._gates:
            skipped = self._skipped(string, pos, endpos)
            table, fill = self._tables.get(skipped) or self._table(skipped)
            if skipped != self._all_gates:  # a gated alternative may match: its places too
                return self._finditer_places(string, pos, endpos, table, fill)
        else:
            table, fill = self._by_key, self._for_key
        if self._free_starts is not None:
            return self._finditer_merged(string, pos, endpos, table, fill)
        return self._finditer_gated(string, pos, endpos, table, fill)

    def _skipped(self, string: str, pos: int, endpos: int) -> int:
        """The bits of the gated alternatives whose strings string[pos:endpos] does not hold."""
        skipped = 0
        for bit, strings, lowered in self._gates:
            if lowered:
                if not holds_any_lowered(string, pos, endpos, strings):
                    skipped |= bit
            elif not any(string.find(s, pos, endpos) >= 0 for s in strings):
                skipped |= bit
        return skipped

    def _table(self, skipped: int) -> tuple[dict, Callable]:
        """(characters -> the alternatives tried there, the function that fills it in) for a
        text where the gated alternatives of ``skipped`` cannot match."""
        if not skipped:
            found = self._tables[0] = (self._by_key, self._for_key)
            return found
        table: dict[str, tuple] = {}
        bits = self._gate_bits

        def fill(key: str) -> tuple:
            every = self._by_key.get(key)
            if every is None:
                every = self._for_key(key)
            if len(table) >= _NODES_LIMIT:
                table.clear()
            tried = table[key] = tuple(a for a in every if not bits.get(a[0], 0) & skipped)
            return tried

        found = self._tables[skipped] = (table, fill)
        return found

    def _finditer_places(self, string: str, pos: int, endpos: int, by_key: dict, fill: Callable
                         ) -> Iterator[tuple[re.Match, int]]:
        """``finditer`` at the places of every filter (the gated alternatives' own too), in
        order, each once."""
        places: set[int] = set()
        for pattern, shift in self._all_filters:
            if shift:  # the filter finds the character before a candidate (and the text's start)
                places.update(m.start() + 1 for m in pattern.finditer(string, pos - 1 if pos else 0, endpos))
                if pos == 0 and pattern.match(" " + string[:min(endpos, _DEPTH)]) is not None:
                    places.add(0)
            else:
                places.update(m.start() for m in pattern.finditer(string, pos, endpos))
        return self._matches_at(string, sorted(places), pos, endpos, by_key, fill)

    def _finditer_plain(self, string: str, pos: int, endpos: int) -> Iterator[tuple[re.Match, int]]:
        pattern, wrappers = self.combined
        for m in pattern.finditer(string, pos, endpos):
            if m.end() > m.start():
                yield m, wrappers[m.lastindex]

    def _finditer_gated(self, string: str, pos: int, endpos: int, by_key: dict, fill: Callable
                        ) -> Iterator[tuple[re.Match, int]]:
        """``finditer`` with one filter, read as the matches need it (a reader may stop early)."""
        shift = 1 if self._gated else 0  # the filter finds the character before a candidate
        places: Iterable[int] = (m.start() + shift for m in
                                 self._token_starts.finditer(string, pos - shift if pos else 0, endpos))
        # the start of the text has no character before it: the filter reads it after a space
        # (its trie reads _DEPTH characters at most)
        if shift and pos == 0 and self._token_starts.match(" " + string[:min(endpos, _DEPTH)]) is not None:
            places = chain((0,), places)
        return self._matches_at(string, places, pos, endpos, by_key, fill)

    def _finditer_merged(self, string: str, pos: int, endpos: int, by_key: dict, fill: Callable
                         ) -> Iterator[tuple[re.Match, int]]:
        """``finditer`` with two filters: the places after the gated one's characters (and the
        text's start) and those of the free prefixes, in order, each once."""
        places = [m.start() + 1 for m in self._token_starts.finditer(string, pos - 1 if pos else 0, endpos)]
        free = [m.start() for m in self._free_starts.finditer(string, pos, endpos)]
        if pos == 0 and self._token_starts.match(" " + string[:min(endpos, _DEPTH)]) is not None:
            free.append(0)
        if free:  # (the gated places alone are in order, each once: one a match, one character each)
            places = sorted(set(places).union(free))
        return self._matches_at(string, places, pos, endpos, by_key, fill)

    @staticmethod
    def _matches_at(string: str, places: Iterable[int], pos: int, endpos: int, by_key: dict, fill: Callable
                    ) -> Iterator[tuple[re.Match, int]]:
        """The matches at ``places`` (in order): at each place not inside the last match, the
        first of the alternatives ``by_key`` says can start with its characters (``fill`` works
        them out for new characters) that matches there."""
        after = pos  # where the last match ended: matches do not overlap
        for at in places:
            if at < after:
                continue
            key = string[at:at + _DEPTH]
            alternatives = by_key.get(key)
            if alternatives is None:
                alternatives = fill(key)
            # at one position an alternation matches with its first alternative that can
            for index, pattern in alternatives:
                m = pattern.match(string, at, endpos)
                if m is not None:
                    yield m, index
                    after = m.end()
                    break

    def matches(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """The matches alone, as ``finditer`` of the alternation gives them."""
        return map(_first_item, self.finditer(string, pos, endpos))


def _encode_test(test: tuple) -> list:
    """One prefix test in JSON: re's named constants by their names."""
    if test[0] != "in":
        return list(test)
    items = [[op.name, {"c": item.name} if isinstance(item, _c._NamedIntConstant) else
              list(item) if isinstance(item, tuple) else item] for op, item in test[1]]
    return ["in", items, test[2]]


def _decode_test(stored: list) -> tuple:
    if stored[0] != "in":
        return tuple(stored)
    items = tuple((getattr(_c, op), getattr(_c, item["c"]) if isinstance(item, dict) else
                   tuple(item) if isinstance(item, list) else item) for op, item in stored[1])
    return ("in", items, stored[2])


def _encode_analysis(analysis: tuple) -> dict:
    """An analysis in JSON: each distinct test once, and the prefixes as lists of their indices."""
    starts, token_starts, required, cased, gated = analysis
    if starts is None:
        return {"tests": None, "starts": None, "filter": None, "required": None, "cased": None, "gated": None}
    tests: dict[tuple, int] = {}
    indexed = [[[tests.setdefault(t, len(tests)) for t in prefix] for prefix in prefixes] for prefixes in starts]
    return {"tests": [_encode_test(t) for t in tests], "starts": indexed, "filter": token_starts,
            "required": required, "cased": cased, "gated": gated}


def _checked_analysis(stored: dict) -> dict:
    if set(stored) != {"tests", "starts", "filter", "required", "cased", "gated"}:
        raise ValueError("not an analysis")
    return stored


# An alternation's required strings: at most this many, each at least this long (a short one,
# such as "to", is in every text: looking for it costs and decides nothing).
_REQUIRED_MAX, _REQUIRED_MIN = 16, 3
# A scan this long is skipped when its text holds none of them (a sentence's scan is not worth
# the look: its regex finds its few candidates about as fast).
_REQUIRED_SCAN = 2000


class _RequiredStrings:
    """Strings one of which every match of a parsed sequence holds in what it consumes, or None
    when none is known: a run of literals, a group's, a branch's (one of each branch's, if no more
    than ``_REQUIRED_MAX``), a repeat's taken at least once. Look-arounds are not read (what they
    see lies outside the match).

    Two readings: ``cased=False`` takes ASCII literals in lower case, whatever the case flag (the
    strings are looked for only in ASCII text, lowered: there, ignoring case or not, a literal
    matches only where its lower case stands) and keeps the set whose shortest string is longest;
    ``cased=True`` takes the literals matched with their case, as written (any character), and
    keeps the set that says most (``_distinctive`` strings first, then the longest shortest)."""

    def __init__(self, cased: bool) -> None:
        self.cased = cased

    def find(self, ops: list, ignore_case: bool = False) -> set[str] | None:
        best: set[str] | None = None
        run: list[str] = []
        for op, av in ops:
            char = self._literal(op, av, ignore_case)
            if char is not None:
                run.append(char)
                continue
            if run:
                best = self._better(best, {"".join(run)})
                run = []
            best = self._better(best, self._inner(op, av, ignore_case))
        return self._better(best, {"".join(run)}) if run else best

    def _literal(self, op, av, ignore_case: bool) -> str | None:
        if op is not _c.LITERAL:
            return None
        if self.cased:
            return None if ignore_case else chr(av)
        return chr(av).lower() if av < 128 else None

    def _inner(self, op, av, ignore_case: bool) -> set[str] | None:
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, inner = av
            if self.cased:
                ignore_case = (ignore_case or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            return self.find(list(inner), ignore_case)
        if op is _c.ATOMIC_GROUP:
            return self.find(list(av), ignore_case)
        if op is _c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                found = self.find(list(branch), ignore_case)
                if not found or len(union) + len(found) > _REQUIRED_MAX:
                    return None  # (more than an alternation may look for: read no further)
                union |= found
            return union
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            return self.find(list(av[2]), ignore_case)
        return None

    def _rank(self, found: set[str]) -> tuple[bool, int]:
        return (all(map(_distinctive, found)) if self.cased else True), min(map(len, found))

    def _better(self, best: set[str] | None, found: set[str] | None) -> set[str] | None:
        return found if found and (best is None or self._rank(found) > self._rank(best)) else best


_LOWERED_REQUIRED = _RequiredStrings(cased=False)
_CASED_REQUIRED = _RequiredStrings(cased=True)


def _fewest(found: set[str] | None) -> list[str] | None:
    """The strings of ``found`` that hold none of the others, in order: a text holds one of
    them exactly when it holds one of ``found`` ("X" for "X", "20XX" and ",XXX"), and each is
    one more look through the whole text when it holds none."""
    if not found:
        return None
    return sorted(s for s in found if not any(t != s and t in s for t in found))


def _distinctive(found: str) -> bool:
    """Does a required string hold a capital or a character beyond ASCII, so that prose holds
    it seldom ("TODO", "X", "【"; not "million")?"""
    return any(ch.isupper() or not ch.isascii() for ch in found)


# (the last text looked in, its lower case or None when that says nothing): several scans read
# one text; one tuple, replaced whole, so that threads never pair a text with another's lower case
_LOWERED: list = [(None, None)]
# The characters beyond ASCII that re, ignoring case, takes for an ASCII letter whose lower case
# (str.lower) is not that letter, or not one character long: "İ" is "i̇".
_PARTNERS = "".join(CASE_PARTNERS.values())


def holds_any_lowered(string: str, pos: int, endpos: int, required: list[str]) -> bool:
    """Does string[pos:endpos] hold one of the lower-case ``required`` strings (ASCII), ignoring
    case? Beyond ASCII, re takes only those few characters for an ASCII letter (``_PARTNERS``,
    whose lower case is not it); every other character lowers in place, to an ASCII letter only
    if re would take it for that letter. So the lower case says it, unless the text holds one
    of those few: then yes."""
    low = lowered(string)
    return low is None or any(low.find(s, pos, endpos) >= 0 for s in required)


def lowered(string: str) -> str | None:
    """``string`` in lower case, in which an ASCII string (lowered) is found exactly where re,
    ignoring case, would find it (see holds_any_lowered); None when the text holds a character
    that makes that untrue. The last text's is remembered."""
    text, low = _LOWERED[0]
    if text is not string:
        low = string.lower() if string.isascii() or not any(ch in string for ch in _PARTNERS) else None
        _LOWERED[0] = (string, low)
    return low


def _decode_analysis(stored: dict) -> list[list[tuple]]:
    tests = [_decode_test(t) for t in stored["tests"]]
    return [[tuple(tests[i] for i in prefix) for prefix in prefixes] for prefixes in stored["starts"]]


def scanner(alternatives: list[str], flags: int, combined: Callable[[], Any]):
    """``finditer(string, pos, endpos)`` over the alternatives joined as one regex, token by
    token when that is possible. Only the whole match (group 0) is that regex's: numbered groups
    refer to each alternative's own. ``combined()`` compiles the joined regex; it is called only
    when it is what runs: for a user's rule (its regexes keep their time limit), or when the
    alternatives cannot be scanned by token."""
    if not in_user_rule():
        fast = Alternation(alternatives, flags)
        if fast.accelerated:
            return fast.matches
    return combined().finditer


if _sre_parse is not None:
    _ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
    _CATEGORY_SOURCE = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
                        _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W"}
