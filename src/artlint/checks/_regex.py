"""Compiling rule-supplied regexes once, with errors that name the option.

A regex is always checked with the standard ``re`` module, so the dialect (and every error
message) is Python's. What runs it depends on where it comes from:

- the built-in rules' regexes run on ``re``: each is written to take time linear in the text
  (``tests/test_linear_time.py`` holds them to it);
- a user's regexes (a rule folder from the config, or ``rule-options`` of a built-in rule) may
  backtrack without end on some text, so they run on the ``regex`` module, which can stop a
  match after a time limit. The engine gives each such rule a budget per document
  (``rule_deadline``); a rule that runs out raises ``RegexTimeout`` and is reported, and the
  run goes on with the other rules and files. A pattern that ``re`` reads but ``regex`` does not
  (``{i:`` and other fuzzy-matching syntax, as literal text) is an error at load time, so that
  no user's regex ever runs without the limit (``\\{`` writes a literal brace in both);
- the same holds for the other regexes a config gives (``[links] exclude``): compiled by
  ``compile_user_pattern`` and matched under ``rule_deadline``.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import time
import warnings
from typing import Iterator

from artlint import rule_cache
from artlint.checks import OptionError

# Set while a user's rule is bound to its check: its regexes are compiled with a time limit.
_USER_RULE: contextvars.ContextVar[bool] = contextvars.ContextVar("artlint_user_rule", default=False)
# Set while a packaged rule is bound to its check: its regexes are compiled at their first use.
_PACKAGED_RULE: contextvars.ContextVar[bool] = contextvars.ContextVar("artlint_packaged_rule", default=False)
# time.monotonic() after which a user's regex stops, for the rule running now (None: no limit)
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("artlint_regex_deadline", default=None)

_FLAG_NAMES = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII", "UNICODE")


class RegexTimeout(Exception):
    """A user's regex ran past the rule's time budget on one document."""


@contextlib.contextmanager
def _flag(var: contextvars.ContextVar[bool]) -> Iterator[None]:
    token = var.set(True)
    try:
        yield
    finally:
        var.reset(token)


def user_rule() -> contextlib.AbstractContextManager[None]:
    """Regexes compiled inside this block come from a user, and run with a time limit."""
    return _flag(_USER_RULE)


def packaged_rule() -> contextlib.AbstractContextManager[None]:
    """Regexes compiled inside this block come with the package (tested with it): compiled lazily."""
    return _flag(_PACKAGED_RULE)


def in_user_rule() -> bool:
    """Are regexes compiled now a user's (so they run with a time limit)?"""
    return _USER_RULE.get()


@contextlib.contextmanager
def rule_deadline(seconds: float | None) -> Iterator[None]:
    """User regexes matched inside this block stop (``RegexTimeout``) ``seconds`` from now."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def _time_left() -> float | None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise RegexTimeout()
    return left


class TimedPattern:
    """A user's regex: the ``re.Pattern`` methods the checks use, run by the ``regex`` module
    with the time left to the rule."""

    __slots__ = ("_compiled", "pattern", "flags")

    def __init__(self, compiled, pattern: str, flags: int) -> None:
        self._compiled = compiled
        self.pattern = pattern
        self.flags = flags

    @property
    def groups(self) -> int:
        return self._compiled.groups

    @property
    def groupindex(self):
        return self._compiled.groupindex

    def _call(self, method: str, *args):
        try:
            return getattr(self._compiled, method)(*args, timeout=_time_left())
        except TimeoutError:
            raise RegexTimeout() from None

    def search(self, string: str, pos: int = 0, endpos: int | None = None):
        return self._call("search", string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None):
        return self._call("match", string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int | None = None):
        return self._call("fullmatch", string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None):
        matches = self._call("finditer", string, pos, endpos)  # one budget for the whole scan
        try:
            yield from matches
        except TimeoutError:
            raise RegexTimeout() from None

    def findall(self, string: str, pos: int = 0, endpos: int | None = None):
        return self._call("findall", string, pos, endpos)

    def sub(self, repl, string: str, count: int = 0):
        return self._call("sub", repl, string, count)

    def subn(self, repl, string: str, count: int = 0):
        return self._call("subn", repl, string, count)

    def split(self, string: str, maxsplit: int = 0):
        return self._call("split", string, maxsplit)

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern!r})"


class LazyPattern:
    """A built-in rule's regex, compiled at its first use. A run compiles only the patterns its
    documents reach: compiling all of them was most of the start-up of a one-file run (pre-commit).
    The built-in patterns are compiled when the package is tested (every rule's examples run,
    ``tests/test_linear_time.py`` compiles each), not on every run."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> re.Pattern:
        found = self.__dict__.get("_compiled")
        if found is None:  # once, not once for each of its methods that is used
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = rule_cache.compile_regex(self.pattern, self._flags)  # re's code, kept between runs
            self.__dict__["_compiled"] = found
        return found

    def __getattr__(self, name: str):
        # Only for what the instance does not hold yet: the compiled pattern's attributes, each
        # kept on the instance after its first use (a bound method costs a lookup, no more).
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags})"


def compile_lazily(pattern: str, flags: int = 0):
    """A regex a check builds from its options without naming them on error: for a packaged
    rule a ``LazyPattern`` (compiled at its first use, from the rule cache), else compiled now."""
    if _PACKAGED_RULE.get() and not _USER_RULE.get():
        return LazyPattern(pattern, flags)
    return re.compile(pattern, flags)


def compile_pattern(pattern: str, path: list, flags: int = 0):
    """``re.compile``, naming the option on error; a ``TimedPattern`` for a user's rule; for a
    packaged rule, a ``LazyPattern`` (compiled at its first use)."""
    if _PACKAGED_RULE.get() and not _USER_RULE.get():
        return LazyPattern(pattern, flags)
    try:
        with warnings.catch_warnings():  # "possible nested set" and the like: not for the user's terminal
            warnings.simplefilter("ignore")
            compiled = re.compile(pattern, flags)
    except re.error as exc:
        raise OptionError(path, f"regex does not compile: {exc}") from None
    except (OverflowError, RecursionError) as exc:  # absurdly large repeats or nesting
        raise OptionError(path, f"regex does not compile: {type(exc).__name__}: {exc}") from None
    if not _USER_RULE.get():
        return compiled
    rule_cache.never_keep(pattern, flags)  # a user's regex (validated by re above) is not kept
    import regex as _regex  # only for users' regexes: not imported by a run of the built-in rules

    regex_flags = _regex.VERSION0
    for name in _FLAG_NAMES:
        if flags & getattr(re, name):
            regex_flags |= getattr(_regex, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            timed = _regex.compile(pattern, regex_flags)
    except (_regex.error, OverflowError, RecursionError, ValueError) as exc:
        # Run by re, it would have no time limit: refused, so that no user's regex runs unbounded.
        raise OptionError(path, f"regex cannot run with a time limit: the regex module rejects it ({exc}); "
                                f"write literal braces as \\{{ and \\}}") from None
    return TimedPattern(timed, pattern, flags)


def compile_user_pattern(pattern: str, path: list, flags: int = 0) -> TimedPattern:
    """A user's regex from outside a rule (a config setting): a ``TimedPattern``, matched under
    ``rule_deadline``; ``OptionError`` when it does not compile or cannot run with a limit."""
    with user_rule():
        return compile_pattern(pattern, path, flags)


def compile_each(patterns: list[str], option: str | list, flags: int = 0) -> None:
    """Compile each pattern on its own, so that an error names the bad one. ``option``: the
    option's name, or its path (``["attribution", "citation_patterns"]``)."""
    path = option if isinstance(option, list) else [option]
    for i, p in enumerate(patterns):
        compile_pattern(p, [*path, i], flags)


def compile_alternatives(patterns: list[str], option: str | list, flags: int = 0):
    """Compile each pattern (to name the bad one), then all as one alternation (to match once)."""
    compile_each(patterns, option, flags)
    path = option if isinstance(option, list) else [option]
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), path, flags)
