"""Never hang: every built-in check and regex runs in time linear in the input.

No test here reads a wall clock. Work is measured two ways, on a small and a large input made
of the same adversarial unit:

- Python function calls, counted with ``sys.setprofile`` (deterministic: the same on any
  machine, however loaded). Per byte they must stay flat: a loop that is quadratic in Python
  makes 10 times more calls per byte on 10 times the input.
- CPU time of this thread (``time.thread_time``), for the work done inside C (a regex that
  backtracks). Other processes on a busy machine do not add to it, the best of several runs is
  taken, small and large are measured alternately, and the bound is wide: a linear scan costs
  about 1 time more per byte on 10 times the input, a quadratic one 10 times, and the limit is
  ``SLACK`` = 4.

In CI the inputs are 3 KB and 30 KB (1 KB and 10 KB for counting calls); ``pytest -m fuzz``
runs 100 KB against 10 MB. Timings belong in ``benchmarks/``.

A user's own regexes are not linear by construction: they run under a time limit instead
(``regex-timeout``), tested at the end by what is reported, not by how long it took.
"""

from __future__ import annotations

import gc
import json
import re
import string
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest
from _hypothesis_profiles import long_only
from hypothesis import example, given
from hypothesis import strategies as st

from artlint.checks import check_class
from artlint.checks._regex import LazyPattern
from artlint.config import Config
from artlint.engine import lint_text
from artlint.selection import load_ruleset
from conftest import REPO, artlint_exe
from runcli import completed_in_process

ALL_RULES = load_ruleset(Config(root=REPO))  # every built-in rule, off-by-default ones too
SLACK = 4.0
CALL_SMALL, CALL_LARGE = 1_000, 10_000  # call counting is slow: smaller inputs, same ratio
SMALL, LARGE = 3_000, 30_000  # ten times the input, as for the calls: a quadratic scan costs 10 times more
LONG_SMALL, LONG_LARGE = 100_000, 10_000_000


def repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def staircase(n: int) -> str:
    """Backtick runs of every length, none closed: "` `` ``` ````…" (code spans)."""
    out, size, k = [], 0, 1
    while size + k + 1 <= n:
        out.append("`" * k + " ")
        size += k + 1
        k += 1
    return "".join(out) + "x" * (n - size)  # no cut run that could close an earlier one


MIXED = ("The deal carries strategic weight . India , Japan ( see below ) said [a](https://x.org/a) that 60% of "
         "$4bn went [b] `c` <i>d</i> TK, https://y.org/(x) and (e)[https://z.org] [f] (https://w.org) "
         "experts say one in five [^1] <!-- x --> “quoted words” the world's largest. ")
# name -> (builder, formats). Plain text gets a title line first, so that the run is a paragraph.
CASES = {
    "spaces": (lambda n: "a" + " " * n + "b .", ("markdown", "text")),
    "open brackets": (repeat("["), ("markdown", "text")),
    "open parentheses": (repeat("("), ("markdown",)),
    "stars": (repeat("*"), ("markdown",)),
    "underscores": (repeat("_"), ("markdown",)),
    "backtick staircase": (staircase, ("markdown",)),
    "digits": (repeat("1"), ("markdown",)),
    "dots": (repeat("."), ("markdown",)),
    "comment openers": (repeat("<!--"), ("markdown", "text")),
    "unclosed directives": (repeat("<!-- artlint-disable x "), ("markdown", "text")),
    "dash lines": (repeat("Sources:\n– a:\n"), ("markdown", "text")),
    "label lines": (repeat("**Sources:**\nNotes\n- a , b\n"), ("markdown", "text")),
    "quote marks": (repeat("“a "), ("markdown",)),
    "number words": (repeat("one "), ("markdown",)),
    "hyphenated names": (repeat("Ab-"), ("markdown",)),
    "links on one line": (repeat("[a](https://x.org/a) https://y.org "), ("markdown", "text")),
    "unclosed links": (repeat("[a]( "), ("markdown",)),
    "nested brackets": (repeat("[[[a]]] "), ("markdown",)),
    "task boxes": (repeat("[ ] (https://x.org) "), ("markdown",)),
    "bare URL parentheses": (lambda n: "https://x.org/" + ")" * n, ("markdown",)),
    "heading spaces": (lambda n: "# a" + " " * n + "b", ("markdown",)),
    "heading brackets": (lambda n: "# " + "[a" * (n // 2) + "\n\n[x](#a)", ("markdown",)),
    "heading code spans": (lambda n: "# " + "`<a" * (n // 6) + "``<b>" * (n // 12) + "\n\n[x](#a)", ("markdown",)),
    "html page templates": (repeat("<p>{% if x %}{{ .A }} a , {{/* b {{ $c := d }} [e]({{ f.g }}) {{ end }}</p>\n"),
                            ("html",)),
    "keyword stuffing": (repeat("India Japan economic security talks and "), ("markdown",)),
    "source entries": (lambda n: "## Sources\n\n" + repeat("- “A report [a]\n")(n), ("markdown",)),
    "headings": (repeat("## Head\n\ntext , x\n\n"), ("markdown",)),
    "mixed, one line": (repeat(MIXED), ("markdown", "text")),
    "short lines": (repeat("a , b [c](d) 60% of it.\n"), ("markdown", "text")),
    "template openers": (repeat("{% a {{ b.c {{< d {{% e {# f {: g [[h [! "), ("markdown",)),
    "template code pairs": (repeat("{% highlight r %}\n# x\n{{< highlight >}}\n{% comment %} {::comment}\n"), ("markdown",)),
    "template line": (repeat('{% if x %}{{ page.t }} a , {{< ref "a" >}} [[P|q]] {: .x} {% endif %} {{ y }}\n'),
                      ("markdown",)),
    "attribute lists": (lambda n: "[x](#y) " + repeat("{a=")(n - 8), ("markdown",)),
    "attributes after links": (repeat("[a](b){a="), ("markdown",)),
    "unopened links": (repeat("a](https://x.org) "), ("markdown",)),
    "attribute list ids": (repeat("[x](#y) {: #b {#c .d=e {."), ("markdown",)),
    "shortcodes": (repeat('[gallery ids="1" [a b=c [/a] [caption x="[/x] [embed]'), ("markdown",)),
    "unclosed shortcodes": (repeat('[a b="c d=e f=\'g '), ("markdown",)),
    "myst directives": (repeat("::::{note}\n:class: x\n:::\n:::{bibliography}\n"), ("markdown",)),
    "myst roles": (repeat("{cite:t}`a` {ref} {b}` {cite:p}`c` 60% {x:y}"), ("markdown",)),
    "wikilinks and callouts": (repeat("> [!NOTE] [[a b [[c|d]] [! "), ("markdown",)),
    "jsx openers": (repeat("<A b={c <D e='f "), ("mdx",)),
    "expression braces": (repeat("{ a {/* b "), ("mdx",)),
    "mdx line": (repeat("import a from 'b'\n\n<C d={[1, 2]} /> text , {e.f} `{g` [[h]]\n"), ("mdx",)),
    # Raw HTML: tags, comments, declarations and code-like elements that nothing closes, inline
    # and in an HTML block (which a "<div>" line starts).
    "unclosed tags": (repeat('x <a href="y <img src=z <!x <?y <![CDATA[ </b '), ("markdown",)),
    "unclosed tags, one >": (lambda n: repeat('x <a href="y <!x <![CDATA[ <!-- </b ')(n - 1) + ">", ("markdown",)),
    "unclosed scripts": (repeat("<script>x <pre>y "), ("markdown",)),
    "html block": (lambda n: "<div>\n" + repeat('<p>a , <a href="https://x.org/?a&amp;b">[LINK]</a> '
                                               '<img src=y alt=z><code>c</code><!-- d -->\n')(n), ("markdown",)),
    "html block, unclosed": (lambda n: "<div>\n" + repeat("<a href='<!-- <pre><script> ")(n), ("markdown",)),
    # HTML pages: the tree of elements (unclosed, nested, stray end tags), chrome, the head.
    "page, unclosed elements": (lambda n: "<article>" + repeat("<div><li><p>a , b <blockquote></span>")(n), ("html",)),
    "page, stray end tags": (lambda n: "<main>" + repeat("</div></p></li>x , ")(n), ("html",)),
    "page, nested articles": (repeat("<article><nav>Share this: <aside><p>a .</p>"), ("html",)),
    "page, table scope": (lambda n: "<article><p><table>" + repeat("<div><dd><td><li>x ")(n), ("html",)),
    "page, mixed": (repeat('<article><title>T .</title><meta name=description content="d ."><h2>Sources</h2>'
                           '<p>a , <a href="htps://x.org/?a&amp;b">[INTERNAL_LINK:x]</a> b&nbsp;. 60% of it</p>'
                           '<ul><li>Leave a Comment</li></ul><script>{a : 1}</script>\n'), ("html",)),
    "page without article": (lambda n: "<body><div>" + repeat("<div><p>Words of a paragraph here , ok.</p>\n")(n),
                             ("html",)),
}


def _name(fmt: str) -> str:
    return {"markdown": "article.md", "mdx": "article.mdx", "html": "article.html"}.get(fmt, "article.txt")


def _format(fmt: str) -> str:
    return fmt if fmt in ("text", "html") else "markdown"


def calls_per_byte(source: str, fmt: str) -> float:
    """Python calls (and calls into C) made while linting, per byte."""
    counter = [0]

    def count(frame, event, arg):
        if event in ("call", "c_call"):
            counter[0] += 1

    sys.setprofile(count)
    try:
        lint_text(source, ALL_RULES, _name(fmt), format=_format(fmt))
    finally:
        sys.setprofile(None)
    return counter[0] / len(source)


def cpu_seconds_per_byte(source: str, fmt: str) -> float:
    gc.collect()
    start = time.thread_time()
    lint_text(source, ALL_RULES, _name(fmt), format=_format(fmt))
    return (time.thread_time() - start) / len(source)


def _texts(build, fmt: str, small: int, large: int) -> tuple[str, str]:
    prefix = "A title\n\n" if fmt == "text" else ""
    return prefix + build(small), prefix + build(large)


def assert_linear_calls(build, fmt: str, small: int, large: int) -> None:
    small_text, large_text = _texts(build, fmt, small, large)
    lint_text(small_text, ALL_RULES, _name(fmt), format=_format(fmt))  # checks built, regexes compiled: not counted
    ratio = calls_per_byte(large_text, fmt) / calls_per_byte(small_text, fmt)
    assert ratio < SLACK, f"{len(large_text):,} bytes make {ratio:.1f} times more calls per byte than {len(small_text):,}"


def assert_linear_cpu(build, fmt: str, small: int, large: int, rounds: int = 3) -> None:
    small_text, large_text = _texts(build, fmt, small, large)
    best_small = best_large = float("inf")
    for _ in range(rounds):  # alternately, so that both see the same conditions
        best_small = min(best_small, cpu_seconds_per_byte(small_text, fmt))
        best_large = min(best_large, cpu_seconds_per_byte(large_text, fmt))
        if best_large / best_small < SLACK:
            return
    ratio = best_large / best_small
    raise AssertionError(f"{len(large_text):,} bytes cost {ratio:.1f} times more CPU per byte than "
                         f"{len(small_text):,} ({best_large * 1e6:.2f} against {best_small * 1e6:.2f} µs/B)")


def assert_linear(build, fmt: str, small: int, large: int) -> None:
    assert_linear_calls(build, fmt, CALL_SMALL, CALL_LARGE)
    assert_linear_cpu(build, fmt, small, large)


PARAMS = [pytest.param(name, fmt, id=f"{name}-{fmt}") for name, (_b, formats) in CASES.items() for fmt in formats]


@pytest.mark.parametrize("name, fmt", PARAMS)
def test_time_per_byte_is_flat(name, fmt):
    assert_linear(CASES[name][0], fmt, SMALL, LARGE)


class _QuadraticCheck:
    """A check that does work quadratic in the text, in Python: what the counting must catch."""

    name = "quadratic"

    def run(self, doc):
        steps = len(doc.text) // 50
        for i in range(steps):
            for j in range(steps):
                abs(i - j)
        return iter(())


def test_counting_calls_catches_a_quadratic_check(monkeypatch):
    pattern_rule = next(r for r in ALL_RULES if r.check == "pattern")
    quadratic = replace(pattern_rule, id="quadratic", checker=_QuadraticCheck())
    monkeypatch.setattr(sys.modules[__name__], "ALL_RULES", [quadratic])
    with pytest.raises(AssertionError, match="times more calls per byte"):
        assert_linear_calls(repeat("a "), "markdown", CALL_SMALL, CALL_LARGE)


@long_only
@pytest.mark.fuzz
@pytest.mark.parametrize("name, fmt", PARAMS)
def test_time_per_byte_is_flat_up_to_10_mb(name, fmt):
    assert_linear(CASES[name][0], fmt, LONG_SMALL, LONG_LARGE)


def _command_on_lines(tmp_path: Path, line: str, every: int, lines: int) -> None:
    """``artlint check`` (no cache) on a file of ``lines`` lines where every ``every``-th line
    has two findings: all of them are reported, the last one on the last line."""
    path = tmp_path / f"a{lines}.md"
    path.write_text("".join("India , Japan .\n" if i % every == every - 1 else line for i in range(lines)),
                    encoding="utf-8")
    proc = subprocess.run([artlint_exe(), "check", "--no-cache", "--no-color", "--format", "json", path.name],
                          cwd=tmp_path, capture_output=True, timeout=1200)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr, proc.stderr
    findings = json.loads(proc.stdout)
    assert len(findings) == 2 * (lines // every) and findings[-1]["line"] == lines


def test_a_200000_line_file_through_the_command(tmp_path):
    """The command, reading, reporting and all, on 200,000 lines (linear time itself is tested
    above, on the checks, by counting work)."""
    _command_on_lines(tmp_path, "a\n", 1000, 200_000)


@long_only
@pytest.mark.fuzz
def test_200000_lines_each_with_findings_through_the_command(tmp_path):
    _command_on_lines(tmp_path, "x", 1, 200_000)


# ---- the regexes of the built-in rules, one by one ---------------------------------------------

# Options the checks only ever use with fullmatch or match (on a title, a placeholder, a template,
# the start of a list item), so they are timed that way; every other regex is searched through text with finditer.
FULLMATCH_ONLY = {
    "bracket-placeholder.patterns", "empty-section.ignore", "empty-toc.titles", "missing-sources.titles",
    "source-entries.notes", "source-entries.placeholder", "source-entries.titles", "statistic.scope.titles",
    "source-entries.unpublished", "missing-sources.attribution.goals",
    "template-placeholder.resolved", "vague-attribution.scope.titles",
    "angle-placeholder.patterns", "link-parameter.parameters",
}
UNITS = list(string.printable[:-5]) + [
    "\u00a0", "’", "“", "”", "«", "»", "…", "é", "¹", "—", "1,", "1.", "1 ", "a ", "A ", "a'", "a-", "A.", ". ", ", ",
    "[a", "(a", "1-", "a1", "AB ", "$1", "+1 ", "the ", "more than ", "A b ", "Ab-", "ab-", "a, ", "1 in ", "one ",
    "one-", "un ", "hundred ", "said ", "A said ", "A's ", "“a ", "\"a ", "*a", "_a", "http:", "h", "www.", "[1, ",
    "in ", "per ", "largest A ", "experts ", "according to ", "1 000 ", "a b. ", "the A ", "(A, ", "A et al. ",
]


def _patterns(obj, path, seen, out):
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, LazyPattern):  # a packaged pattern, compiled at its first use
        obj = obj.compiled()
    if isinstance(obj, re.Pattern):
        out.append((path, obj))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _patterns(value, path, seen, out)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            _patterns(value, path, seen, out)
    elif callable(obj) and type(getattr(obj, "__self__", None)).__module__.startswith("artlint"):
        _patterns(obj.__self__, path, seen, out)  # a bound method kept as a scanner
    elif type(obj).__module__.startswith("artlint") and hasattr(obj, "__dict__"):
        for key, value in vars(obj).items():
            _patterns(value, f"{path}.{key}", seen, out)


def builtin_patterns():
    found, seen = [], set()
    checkers = []  # kept alive: ``seen`` holds ids, and a freed object's id is reused
    for rule in ALL_RULES:
        checker = check_class(rule.check)(rule.options)
        checkers.append(checker)
        if rule.check == "spacing" and rule.options["mode"] == "before-punctuation":
            for lang in ("en", "fr"):
                checker._before(lang)
        _patterns(checker, rule.check, seen, found)
    unique = {}
    for path, pattern in found:
        unique.setdefault((pattern.pattern, pattern.flags), (path, pattern))
    return sorted(unique.values(), key=lambda item: item[0])


def _cost(pattern: re.Pattern, text: str, whole: bool) -> float:
    """CPU time of this thread (not the wall clock) to run the pattern over the text."""
    start = time.thread_time()
    if whole:
        pattern.fullmatch(text)
        pattern.match(text)
    else:
        for _ in pattern.finditer(text):
            pass
    return time.thread_time() - start


@pytest.mark.parametrize("path, pattern", [pytest.param(*p, id=f"{p[0]}:{i}") for i, p in enumerate(builtin_patterns())])
def test_each_builtin_regex_is_linear(path, pattern):
    """2 KB and 20 KB of each unit: a linear scan costs 10 times more on the larger text, one
    that backtracks quadratically 100 times; the limit is 10 * SLACK."""
    whole = path in FULLMATCH_ONLY
    for unit in UNITS:
        small, large = repeat(unit)(2_000), repeat(unit)(20_000)
        t_small = _cost(pattern, small, whole)
        if t_small < 1e-3:
            continue  # too little to measure well; a quadratic scan of 2 KB takes longer than that
        t_small = min(t_small, _cost(pattern, small, whole))  # a second look only when it counts
        t_large = _cost(pattern, large, whole)
        for _ in range(2):  # again, alternately, against a noisy neighbour
            if t_large / t_small < 10 * SLACK:
                break
            t_small = min(t_small, _cost(pattern, small, whole))
            t_large = min(t_large, _cost(pattern, large, whole))
        assert t_large / t_small < 10 * SLACK, (f"{path}: {unit!r} × 20 KB costs {t_large / t_small:.0f} times "
                                                f"2 KB: {pattern.pattern[:200]}")


# ---- the linear rewrites find what the regexes they replace find -------------------------------

from artlint.checks import link_target  # noqa: E402
from artlint.checks._attribution import _alternating_marks, quoted_spans  # noqa: E402
from artlint.document import inline  # noqa: E402
from artlint.document.markdown import _ATX_HEADING_TRIM  # noqa: E402

PIECES = list("[]()!<>{}#_ `*\\a1-.@/?:\n\t\"'“”«»") + ["<!--", "-->", "\u00a0", "``", "](", "{#"]
pieces = st.lists(st.sampled_from(PIECES), max_size=50).map("".join)


@pytest.mark.fuzz
@given(pieces)
def test_linear_rewrites_match_the_regexes_they_replace(s):
    assert list(inline.code_spans(s)) == [m.span() for m in inline._CODE_SPAN.finditer(s)]
    assert list(inline.html_comments(s)) == [m.span() for m in inline._HTML_COMMENT.finditer(s)]
    assert list(inline.html_comments(s, 2, len(s) - 1)) == [
        m.span() for m in inline._HTML_COMMENT.finditer(s, 2, max(2, len(s) - 1))]
    assert link_target._strip_md_links(s) == link_target._MD_LINK.sub(r"\1", s)
    assert link_target._strip_tags(s) == link_target._HTML_TAG.sub("", s)
    assert link_target._EMPHASIS.sub("", s) == re.sub(r"[`*]|(?<!\w)_+|_+(?!\w)", "", s)
    mine, theirs = link_target._custom_id(s), link_target._CUSTOM_ID.search(s)
    assert (mine and (mine.span(), mine.groups())) == (theirs and (theirs.span(), theirs.groups()))
    assert _ATX_HEADING_TRIM.sub("", s) == re.sub(r"(\s+|^)#+\s*$", "", s)
    for open_, close in ("“”", '""', "«»", "„“"):
        if open_ == close and "\n" in s and _alternating_marks(s, open_) is not None:
            # a block whose straight marks open and close in turn is quoted over its line breaks
            spans = list(quoted_spans(s, open_, close))
            assert [i for span in spans for i in span] == sorted(i for span in spans for i in span)
            assert all(s[a] == s[b - 1] == open_ and open_ not in s[a + 1 : b - 1] for a, b in spans)
            assert sum(s[a:b].count(open_) for a, b in spans) == s.count(open_)
            continue
        reference = re.compile(re.escape(open_) + "[^" + re.escape(close) + "\n]*" + re.escape(close))
        assert list(quoted_spans(s, open_, close)) == [m.span() for m in reference.finditer(s)]
    brackets = inline.Brackets(s)
    for i, c in enumerate(s):
        if c in "[(":
            for limit in (1, 4, 1000):
                assert brackets.match(i, limit) == inline._match_bracket(s, i, c, "])"["[(".index(c)], limit)


from artlint.document import templates  # noqa: E402

FOOTNOTE_REF_AS_FIRST_WRITTEN = re.compile(r"\[\^([^\]\s]{1,100})\](?!:)|(?<=[^\s>])\[\^([^\]\s]{1,100})\]")


@given(st.lists(st.sampled_from(["[^", "[", "]", "^", ":", "]:", " ", "\n", ">", "a", "1"]), max_size=30).map("".join),
       st.integers(0, 6))
@example(">[^1]:", 0)
@example("a[^1]: b [^2]", 0)
@example("a[^1]:", 1)
def test_footnote_marker_regex_opening_with_its_bracket_matches_as_first_written(s, start):
    assert [(m.span(), m.groups()) for m in inline._FOOTNOTE_REF.finditer(s, start)] == [
        (m.span(), m.groups()) for m in FOOTNOTE_REF_AS_FIRST_WRITTEN.finditer(s, start)]


DOCUMENT_REGEXES = {"inline._FOOTNOTE_REF": inline._FOOTNOTE_REF, "templates._TAG_OPENERS": templates._TAG_OPENERS,
                    "templates._COLON_FENCE": templates._COLON_FENCE, "inline.SUPERSCRIPT_NOTE": inline.SUPERSCRIPT_NOTE,
                    "templates._SHORTCODE": templates._SHORTCODE, "templates._SHORTCODE_HINT": templates._SHORTCODE_HINT}


@pytest.mark.parametrize("name", sorted(DOCUMENT_REGEXES))
def test_document_regexes_rewritten_for_speed_are_linear(name):
    pattern = DOCUMENT_REGEXES[name]
    for unit in UNITS + ["[^", "[^1", "a[^1]", "{", "{{", "{a", "[[", ":", " :::", "<sup>", "<sup> 1", "<sup><a x>1 ",
                        '[a b="', "[a b=c ", "[a b='c", "[a ", "[/a"]:
        small, large = repeat(unit)(2_000), repeat(unit)(20_000)
        t_small = max(_cost(pattern, small, False), 1e-4)
        t_large = _cost(pattern, large, False)
        if t_large / t_small >= 10 * SLACK:  # again, against a noisy neighbour
            t_small = max(min(t_small, _cost(pattern, small, False)), 1e-4)
            t_large = min(t_large, _cost(pattern, large, False))
        assert t_large / t_small < 10 * SLACK, f"{name}: {unit!r} × 20 KB costs {t_large / t_small:.0f} times 2 KB"


# ---- a user's regex: a time limit, a clear report, and the run goes on -----------------------------

SLOW_RULE = """\
id: house-slow
category: style
severity: warning
message: "slow"
description: A regex that backtracks exponentially on a run of letters with no space after it.
check: pattern
options:
  patterns: ['(\\w|\\w)*\\s']
examples:
  bad: ["a "]
  good: ["-"]
"""
CATASTROPHIC = "a" * 64  # 2^64 ways to fail: without a limit, never ends


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "slow.yaml").write_text(SLOW_RULE, encoding="utf-8")
    (tmp_path / ".artlint.toml").write_text('rules = ["house"]\n' + config, encoding="utf-8")
    return tmp_path


def test_a_slow_user_regex_is_stopped_and_reported(tmp_path):
    _project(tmp_path, "regex-timeout = 0.3\n")
    from artlint.config import load_config

    rules = load_ruleset(load_config(None, tmp_path))
    slow = next(r for r in rules if r.id == "house-slow")
    assert slow.timeout == 0.3 and all(r.timeout is None for r in rules if r is not slow)
    found = lint_text("The deal carries weight .\n\n" + CATASTROPHIC, rules, "a.md")  # 2^64 steps unless stopped
    assert [(d.rule, d.line, d.column) for d in found if d.rule == "rule-timeout"] == [("rule-timeout", 1, 1)]
    timeout = next(d for d in found if d.rule == "rule-timeout")
    assert "'house-slow'" in timeout.message and "0.3 s" in timeout.message and "slow.yaml" in timeout.message
    assert "space-before-punctuation" in {d.rule for d in found}  # the other rules ran
    # On a text where it is fast, the same rule just works.
    fast = {d.rule for d in lint_text("a b", rules, "b.md")}
    assert "house-slow" in fast and "rule-timeout" not in fast


def test_the_command_goes_on_after_a_slow_user_regex(tmp_path):
    _project(tmp_path, "regex-timeout = 0.5\n")
    (tmp_path / "slow.md").write_text(CATASTROPHIC, encoding="utf-8")  # no space after it: no match, ever
    (tmp_path / "fine.md").write_text("Strategic weight .\n", encoding="utf-8")
    proc = subprocess.run([artlint_exe(), "check", "--no-color", "slow.md", "fine.md"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)  # never ends unless stopped
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc
    lines = proc.stdout.splitlines()
    assert any(line.startswith("slow.md:1:1: error [rule-timeout] rule 'house-slow' was stopped after 0.5 s")
               for line in lines), proc.stdout
    assert any(line.startswith("fine.md:1:17: warning [space-before-punctuation]") for line in lines), proc.stdout
    assert any(line.startswith("fine.md:1:1: warning [house-slow]") for line in lines), proc.stdout
    again = completed_in_process("check", "--no-color", "slow.md", cwd=tmp_path)  # the cache, not the command
    assert "[rule-timeout]" in again.stdout  # not served from the result cache as a clean file


def test_rule_options_of_a_builtin_rule_are_user_regexes_too(tmp_path):
    (tmp_path / ".artlint.toml").write_text(textwrap.dedent("""\
        regex-timeout = 0.3
        [rule-options.todo-note]
        patterns = ['(\\w|\\w)*\\s']
        """), encoding="utf-8")
    from artlint.config import load_config

    rules = load_ruleset(load_config(None, tmp_path))
    assert next(r for r in rules if r.id == "todo-note").timeout == 0.3
    found = lint_text(CATASTROPHIC, rules, "a.md")
    assert [d.message.split(" was ")[0] for d in found if d.rule == "rule-timeout"] == ["rule 'todo-note'"]


@pytest.mark.parametrize("value, needle", [("0", "0 is less than or equal to the minimum"), ('"1s"', "not of type 'number'")])
def test_regex_timeout_must_be_a_positive_number(tmp_path, value, needle):
    (tmp_path / ".artlint.toml").write_text(f"regex-timeout = {value}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("text\n", encoding="utf-8")
    proc = subprocess.run([artlint_exe(), "check", "a.md"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == ""
    [line] = proc.stderr.strip().splitlines()
    assert "regex-timeout" in line and needle in line and ".artlint.toml" in line
