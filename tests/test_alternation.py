"""The token-by-token scan of many alternatives gives exactly what one alternation gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _hypothesis_profiles import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from artlint.checks._alternation import Alternation
from artlint.config import load_config
from artlint.selection import effective_rules, load_ruleset


def plain(alternatives: list[str], flags: int, text: str, pos: int = 0, endpos: int | None = None):
    """What one compiled alternation finds: (span, index of the alternative)."""
    pattern = re.compile("|".join(f"({a})" for a in alternatives), flags)
    groups, n = {}, 1
    for i, a in enumerate(alternatives):
        groups[n] = i
        n += 1 + re.compile(a, flags).groups
    end = len(text) if endpos is None else endpos
    return [(m.span(), groups[m.lastindex]) for m in pattern.finditer(text, pos, end) if m.end() > m.start()]


def fast(alternation: Alternation, text: str, pos: int = 0, endpos: int | None = None):
    return [(m.span(), i) for m, i in alternation.finditer(text, pos, endpos)]


def builtin_alternations() -> list[tuple[str, Alternation]]:
    config = load_config(None, Path.cwd())
    found = []
    for rule in effective_rules(load_ruleset(config), config):
        checker = rule.checker
        for attribute in ("statistics", "scanner", "phrases"):
            value = getattr(checker, attribute, None)
            value = getattr(value, "__self__", value)  # a bound Alternation.matches
            if isinstance(value, Alternation):
                found.append((f"{rule.id}.{attribute}", value))
    return found


BUILTIN = builtin_alternations()


def test_the_builtin_rules_with_many_patterns_are_scanned_token_by_token():
    names = {name for name, alternation in BUILTIN if alternation.accelerated}
    assert "unsupported-statistic.statistics" in names
    assert {"ai-assistant-boilerplate.scanner", "placeholder-figure.scanner", "vague-attribution.phrases"} <= names


# Text made of the pieces the built-in patterns look for, glued in any order.
PIECES = ["60%", "1,200", "3 000", "4.2", "$", "€", "₹", "US$", "XX", "X.X", "million", "bn", "crore", "per cent",
          "one", "two-thirds", "three", "in", "of", "every", "half", "a", "the", "The", "world's", "largest",
          "since", "record", "high", "doubled", "3x", "times", "more", "Section", "230", "2023", "years",
          "As an AI model", "I hope this helps", "Certainly! Here is", "lorem ipsum", "TODO", "TK", "experts",
          "say", "studies", "show", "ſix", "K", "İ", "é", "𝔸", "-", ".", ",", "/", "'", "’s", "(", ")", "\n",
          " ", "  ", "\u00a0", "\t", "_", "0", "9"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@pytest.mark.parametrize("name,alternation", BUILTIN, ids=[n for n, _ in BUILTIN])
@settings(max_examples=examples(0.75), deadline=None)
@given(text=texts, cut=st.integers(0, 40))
def test_builtin_alternations_match_the_plain_alternation(name, alternation, text, cut):
    assert fast(alternation, text) == plain(alternation.alternatives, alternation.flags, text)
    # a window of the text, as the statistic check scans one sentence at a time
    pos, endpos = min(cut, len(text)), len(text) - min(cut // 2, len(text))
    if pos <= endpos:
        assert fast(alternation, text, pos, endpos) == plain(alternation.alternatives, alternation.flags, text,
                                                             pos, endpos)


@pytest.mark.parametrize("alternatives,flags,text", [
    # the earliest start wins, then the first alternative listed
    ([r"\bone\b", r"\bone two\b", r"(?<![\w.])\d+%"], re.I, "One two, 5% and one"),
    # case-sensitive inside (?-i:...) though the rest ignores case
    ([r"(?-i:\b[A-Z]\w+'s)\s+largest", r"\blargest\b"], re.I, "china's largest; China's largest"),
    # ^ and a look-behind on a newline are token starts too
    ([r"(?:^|(?<=\n))(?:certainly|sure)! here", r"\bhere\b"], re.I | re.M, "Sure! here\ncertainly! Here"),
    # unusual case folds: long s and the Kelvin sign match s and k when case is ignored
    ([r"\bsix\b", r"\bkm\b"], re.I, "ſix \u212am six km"),
    # a back-reference past the first character: only the look-ahead is cut short
    ([r"\b(?P<x>a)(?P=x)", r"\ba\b"], 0, "aa a aab"),
    # alternatives that may start inside a word, or after a word character
    ([r"foo", r"\bbar"], 0, "xfoo foo bar barfoo foobar"),
    ([r"\b\W", r"(?<![\w.])\d+%", r"(?:more|over)\s+\d+"], re.I, "a-b 5% moreover 30, (x) .7%"),
    # an optional part first: anchored when both ways in are
    ([r"(?:\bthe\s+)?(?<![\w-])[\w-]+'s\s+top\b", r"(?:more\s+)?\d+"], re.I,
     "the UK's top, then's top; moreover 30 and more 4, x5"),
    # overlapping candidates: matches do not overlap, as with finditer
    ([r"\b\w+ \w+\b", r"\bb\b"], 0, "a b c d"),
])
def test_edge_cases_match_the_plain_alternation(alternatives, flags, text):
    alternation = Alternation(alternatives, flags)
    assert alternation.accelerated
    assert fast(alternation, text) == plain(alternatives, flags, text)


# Long texts (a scan of one is skipped when it holds none of the strings every match holds),
# beyond ASCII: with and without those strings, in other cases, and with the characters that
# re, ignoring case, takes for an ASCII letter whose lower case is another ("ı" for "i").
LONG_FILLERS = ["Prices rose sharply in 2023, and the board met twice. ",
                "Les prix ont augmenté — “fortement” — en 2023 … déjà. "]
LONG_ENDINGS = ["", " As an AI model, I cannot.", " AS AN AI MODEL.", " as an aı model", " Lorem ipsum dolor",
                " LOREM İPSUM", " lorem ıpsum", " loremipsum", " ſorem ipsum", " I hope this helps! Here \u212a",
                " TODO: fix", " todo: fix", " (TO DO — add)", " NOTE: why?", " FIXME", " rose by XX.", " xx%",
                " in 20XX", " TK", " tk", " TKO"]
SKIPPABLE = [(n, a) for n, a in BUILTIN if a._required or a._cased]


def test_the_scans_that_can_be_skipped_are_known():
    assert {"placeholder-figure.scanner", "todo-note.scanner", "lorem-ipsum.scanner"} <= {n for n, _ in SKIPPABLE}


@pytest.mark.parametrize("name,alternation", SKIPPABLE, ids=[n for n, _ in SKIPPABLE])
@pytest.mark.parametrize("filler", LONG_FILLERS)
@pytest.mark.parametrize("ending", LONG_ENDINGS)
def test_a_long_text_matches_the_plain_alternation(name, alternation, filler, ending):
    text = filler * 50 + ending + " " + filler * 5
    assert fast(alternation, text) == plain(alternation.alternatives, alternation.flags, text)


@pytest.mark.parametrize("alternatives,flags,found", [
    ([r"\bTODO\b", r"(?-i:\bNOTE:)"], 0, ["NOTE:", "TODO"]),
    ([r"(?-i:\bTODO\b)", r"(?-i:\bNOTE:)"], re.I, ["NOTE:", "TODO"]),
    ([r"\bTODO\b", r"(?i:\bNOTE:)"], 0, None),  # "Note:" too
    ([r"\b(?:TO)?DO\b"], 0, ["DO"]),  # an optional part says nothing
    ([r"\bXX(?!NE)"], 0, ["XX"]),  # nor does a look-around
    ([r"\bxx(?!NE)"], 0, None),
    ([r"X{2,3}\s(?:million|billion)", r"(?:TK)+"], 0, ["TK", "X"]),  # the capital, not "million"
    ([r"\b20XX\b", r"(?<!\w)X{2}"], 0, ["X"]),  # "20XX" holds "X": one look is enough
    ([r"\bTODO\b", r"\bdone\b"], 0, None),  # "done" is in every other text
])
def test_strings_every_match_holds_as_written(alternatives, flags, found):
    alternation = Alternation(alternatives, flags)
    assert alternation.accelerated
    assert alternation._cased == found
    long = "A long text. " * 200
    for text in (long + "Note: ToDo, TODO and NOTE: XX million, TKTK, done.", long + "Note: ToDo, done.", long):
        assert fast(alternation, text) == plain(alternatives, flags, text)


@pytest.mark.parametrize("alternatives,flags,text", [
    # every alternative starts a token: the filter looks from the character before a candidate
    ([r"\bthe\s+\w+", r"(?<![\w$])\d+%", r"\bone\b"], re.I,
     "the end. éthe “the —5% x5% ſthe 5%one one\u00a0the (the) 50%"),
    ([r"(?:^|(?<=\n))sure! here", r"\bhere\b"], re.I | re.M, "Sure! here\nsure! Here, xhere"),
])
def test_every_window_of_a_text_matches_the_plain_alternation(alternatives, flags, text):
    """As the statistic check scans one sentence at a time: every (pos, endpos) of the text,
    the text's start, a window starting in a word and one ending in the middle of a match."""
    alternation = Alternation(alternatives, flags)
    assert alternation.accelerated
    for pos in range(len(text) + 1):
        for endpos in range(pos, len(text) + 1):
            assert fast(alternation, text, pos, endpos) == plain(alternatives, flags, text, pos, endpos), (pos, endpos)


GATED = [
    # any capitalised word may start it, but a match holds "'s" or "’s" as written
    ([r"(?-i:\b[A-Z][\w-]{1,99}['’]s)\s+(?:largest|top)", r"\blargest\b", r"(?<![\w.])\d+%"], re.I,
     ["'s", "’s"], False),
    # the same ignoring case: looked for in the text lowered ("’S", "'ſ" too)
    ([r"(?<![\w-])[\w-]+['’]s\s+(?:top|largest)\b", r"\btop\b", r"\bone\b"], re.I, ["'s", "’s"], True),
    # a gated alternative that starts anywhere, beside one that starts a token
    ([r"[A-Za-z]\w*:=\d", r"\bthe\s+\w+"], 0, [":="], False),
]


@pytest.mark.parametrize("alternatives,flags,strings,lowered", GATED)
def test_an_alternative_with_a_broad_start_is_tried_only_where_its_strings_are(alternatives, flags, strings,
                                                                               lowered):
    """A text (a sentence) without the strings is scanned without that alternative's places;
    with them, with them in another case, or only outside the window, as one alternation."""
    alternation = Alternation(alternatives, flags)
    assert alternation.accelerated
    assert [(strings_, lowered_) for _bit, strings_, lowered_ in alternation._gates] == [(strings, lowered)]
    texts = ["China's largest and Japan’s largest top 5%, THE UK'S TOP one x:=1 the end",
             "China largest, Japan top 5% one, the end and Yx:=2",
             "CHINA’S LARGEST; india'ſ top; the UK’S top the x := 3",
             "Foo bar. China's largest", "x's", "'s top", "A:=1"]
    for text in texts:
        assert fast(alternation, text) == plain(alternatives, flags, text)
        for pos in range(len(text) + 1):
            for endpos in (pos, (pos + len(text)) // 2, len(text)):
                if endpos >= pos:
                    assert fast(alternation, text, pos, endpos) == plain(alternatives, flags, text, pos, endpos)


def test_the_statistic_rule_gates_its_possessive_ranking():
    """The pattern of "China's largest" may start at any capitalised word: it is tried only in a
    sentence that holds "'s" or "’s"."""
    (alternation,) = [a for name, a in BUILTIN if name == "unsupported-statistic.statistics"]
    gated = {i for i, bit in alternation._gate_bits.items()}
    assert any("['’]s" in alternation.alternatives[i] for i in gated)
    sentence = "The United States is the world's largest economy, and China is second."
    assert [m.group(0) for m, _ in alternation.finditer(sentence)] == \
        [m.group(0) for m, _ in alternation.finditer(sentence.replace("'s", "’s").replace("’s", "'s"))]
    assert [(m.span(), i) for m, i in alternation.finditer(sentence)] == \
        plain(alternation.alternatives, alternation.flags, sentence)


@pytest.mark.parametrize("alternatives,flags", [
    ([r"\bfoo"], re.ASCII),  # \b of ASCII words: the character before may be a letter
    ([r"(?a:\bfoo)"], 0),
    ([r"\b(?:x)?"], 0),  # can match the empty string
    ([r"(?P<x>a)(?P=x)|\b(?P=x)"], 0),  # a back-reference first
])
def test_what_cannot_be_analysed_falls_back_to_the_plain_alternation(alternatives, flags):
    alternation = Alternation(alternatives, flags)
    assert not alternation.accelerated
    text = "xfoo foo bar barfoo aa éfoo x-"
    assert fast(alternation, text) == plain(alternatives, flags, text)


def test_case_partners_of_ascii_letters_are_those_re_uses():
    """Every non-ASCII character that re, ignoring case, matches with an ASCII letter."""
    from artlint.checks._alternation import CASE_PARTNERS

    beyond_ascii = "".join(chr(code) for code in range(128, 0x110000) if not 0xD800 <= code < 0xE000)
    found: dict[str, set[str]] = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, beyond_ascii, re.IGNORECASE):
            found.setdefault(letter, set()).add(m.group())
    assert found == {letter: set(partners) for letter, partners in CASE_PARTNERS.items()}


def test_irregular_lower_case_forms_are_those_of_the_running_python():
    """The characters whose simple lower-case form (re's) is not that of their upper- or
    title-case partner: with them, the case variants below are every character re matches."""
    import _sre

    from artlint.checks._alternation import IRREGULAR_LOWER

    found = {}
    for code in range(0x110000):
        low = _sre.unicode_tolower(code)
        if low != code and chr(code) not in (chr(low).upper(), chr(low).title()):
            found[chr(code)] = chr(low)
    assert found == IRREGULAR_LOWER


@pytest.mark.parametrize("letter", list("увΩωǅßθσςſéÉİıÅ"))
def test_case_variants_beyond_ascii_hold_every_character_re_matches(letter):
    """A filter that starts with a letter beyond ASCII, case ignored (the Ukrainian "у 3 рази"),
    spells its variants out as a plain class: it must hold every character re would match."""
    from artlint.checks._alternation import _case_variants

    beyond = "".join(chr(code) for code in range(0x80, 0x3000))  # every case partner of these is below
    matched = {m.group() for m in re.finditer(re.escape(letter), beyond + letter.upper() + letter.lower(), re.I)}
    assert letter in matched and matched <= set(_case_variants(letter))  # a superset is safe


# ---- regexes rewritten to start with a character class find what the originals found ------------

REWRITE_PIECES = list(" \t\u00a0\u202f\u2009.,;:!?…\"”’“)](*_[^1¹a") + ["A", "x", "\n", ":)", ";-)", ".NET", "(see", ". ", "  "]
rewrite_texts = st.lists(st.sampled_from(REWRITE_PIECES), max_size=40).map("".join)


@settings(max_examples=examples(1.5), deadline=None)
@given(text=rewrite_texts)
def test_class_first_rewrites_match_the_original_regexes(text):
    from artlint.checks.spacing import _EMOTICON, Check
    from artlint.document import sentences

    end = sentences._END.pattern
    original_end = r"(?:[.!?…]+|(?<=[.!?])[\"”’)\]]+)" + end[end.index(r"[\"”’)\]*_]*"):]
    assert [m.span() for m in sentences._END.finditer(text)] == [m.span() for m in re.finditer(original_end, text)]

    space = "[ \\t\\u00a0\\u202f\\u2009]+"
    before = Check({"mode": "before-punctuation"})._before("en")
    original_before = (rf"(?<=\S){space}{_EMOTICON}(?=[\.,;:!\?](?![.\w])(?:[\s\"”’»)\]*_]|$)"
                       r"|,[^\W\d_]|\.[^\W\d_]{2})")  # and a comma or dot glued to the next word
    assert [m.span() for m in before.finditer(text)] == [m.span() for m in re.finditer(original_before, text)]

    inside = Check({"mode": "inside-brackets"}).inside
    original_inside = (rf"(?<=[\(\[\{{“‘]){space}(?=[^\s\)\]\}}”])|(?<=[^\s\(\[\{{“‘]){space}(?=[\)\]\}}”])")
    assert [m.span() for m in inside.finditer(text)] == [m.span() for m in re.finditer(original_inside, text)]
