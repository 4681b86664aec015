"""quantulum3's pattern for numbers written in words ("twenty-five", "a half"), compiled to match what
its own matches, in a fifteenth of the time.

quantulum3 builds the pattern's list of number words as one alternative per word, each between a
lookbehind and a lookahead of its own (``((?<=\\W)|^)two((?=\\W)|$)|((?<=\\W)|^)three((?=\\W)|$)|...``):
at every character of a text the regex engine tries all 58 of them (39 s of what quantulum3 cost on
the texts of benchmarks/verify_eval.py; 2.5 s this way). ``(?<!\\w)(?:two|three|...)(?!\\w)`` is the
same test: the lookbehind and the lookahead are the same for every word (``(?<=\\W)|^`` is ``(?<!\\w)``;
``(?=\\W)|$`` is ``(?!\\w)``, a final line break being ``\\W``), the words are tried in the same order, and
the groups left out are never read (quantulum3 reads a match's whole text and span). It goes in only
when quantulum3's list and pattern are built in that form (``install``).
"""

from __future__ import annotations

import re


def install(reg, lang: str = "en_US") -> bool:
    """Make quantulum3's ``regex.text_pattern_reg`` give the faster pattern for ``lang``."""
    words = [w for w in reg.numberwords(lang) if w]
    theirs = reg.text_pattern_reg
    listed = reg.numberwords_regex(lang)
    if listed != "|".join(r"((?<=\W)|^)%s((?=\W)|$)" % w for w in words):
        return False  # another way of listing the words: its equivalent is not this one
    if theirs(lang).pattern != _pattern(reg, lang, listed) or theirs(lang).flags != _FLAGS:
        return False  # another pattern around the list
    ours = re.compile(_pattern(reg, lang, r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)"), re.VERBOSE | re.IGNORECASE)

    def text_pattern_reg(asked: str = "en_US"):
        return ours if asked == lang else theirs(asked)

    reg.text_pattern_reg = text_pattern_reg
    return True


_FLAGS = re.compile("", re.VERBOSE | re.IGNORECASE).flags


def _pattern(reg, lang: str, words: str) -> str:
    """quantulum3's pattern for numbers in words, with ``words`` as its list of number words."""
    return reg._get_regex(lang).TEXT_PATTERN.format(number_pattern_no_groups=reg.number_pattern_no_groups(lang),
                                                    numberwords_regex=words)
