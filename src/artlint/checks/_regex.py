"""Compiling rule-supplied regexes once, with errors that name the option."""

from __future__ import annotations

import re

from artlint.checks import OptionError


def compile_pattern(pattern: str, path: list, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise OptionError(path, f"regex does not compile: {exc}") from None


def compile_alternatives(patterns: list[str], option: str, flags: int = 0) -> re.Pattern:
    """Compile each pattern (to name the bad one), then all as one alternation (to match once)."""
    for i, p in enumerate(patterns):
        compile_pattern(p, [option, i], flags)
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), [option], flags)
